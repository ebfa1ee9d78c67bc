// Routes: GetRoutes, GetRoute, CreateRoute, UpdateRoute, DeleteRoute (API Gateway v2's Route resource; botocore's apigatewayv2 model).
//
// Sources cited in this file:
// - API Gateway v2's Route resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
// - the AWS CLI's apigatewayv2 examples: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
import { json, noContent } from "../protocol.js";
import { apiOf, freshId, routeOf, type Handler } from "./call.js";
import { autoDeploy } from "./deployments.js";
import { badRequest, conflict } from "./errors.js";
import { assignDefined, listPage, Members } from "./input.js";
import type { ApiRecord, Route } from "./model.js";

const AUTHORIZATION_TYPES = ["NONE", "AWS_IAM", "CUSTOM", "JWT"] as const;

export const getRoutes: Handler = (call) => json(200, listPage(call.req, [...apiOf(call).routes.values()]));

export const getRoute: Handler = (call) => json(200, routeOf(apiOf(call), call.params.routeId!));

export const createRoute: Handler = (call) => {
  const record = apiOf(call);
  const body = Members.of(call.req);
  const route: Route = {
    routeId: freshId(7, (id) => record.routes.has(id)),
    routeKey: uniqueKey(record, body.requiredString("routeKey")),
    // Service defaults of a new route: the AWS CLI's apigatewayv2 examples, create-route output {"ApiKeyRequired": false, "AuthorizationType": "NONE", ...}.
    apiKeyRequired: false,
    authorizationType: "NONE",
  };
  applyRoute(record, route, body);
  record.routes.set(route.routeId, route);
  autoDeploy(record);
  return json(201, route);
};

/** A partial update: members the request leaves out keep their values (botocore's apigatewayv2 model UpdateRoute). */
export const updateRoute: Handler = (call) => {
  const record = apiOf(call);
  const current = routeOf(record, call.params.routeId!);
  const body = Members.of(call.req);
  const next: Route = structuredClone(current);
  const routeKey = body.string("routeKey");
  if (routeKey !== undefined && routeKey !== current.routeKey) next.routeKey = uniqueKey(record, routeKey);
  applyRoute(record, next, body);
  record.routes.set(next.routeId, next);
  autoDeploy(record);
  return json(200, next);
};

/** Deleting a route takes its route responses with it: they live under the route's path (botocore's apigatewayv2 model). */
export const deleteRoute: Handler = (call) => {
  const record = apiOf(call);
  const route = routeOf(record, call.params.routeId!);
  record.routes.delete(route.routeId);
  record.routeResponses.delete(route.routeId);
  autoDeploy(record);
  return noContent();
};

/**
 * A key the API already has is ConflictException 409 (CreateRoute's and UpdateRoute's responses,
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html; botocore's apigatewayv2
 * model), with the text "Route with key $connect already exists for this API" (serverless/serverless#7260).
 * Two solves that both create a route meet here: the second reads the account again (src/cli/plan-session.ts).
 */
function uniqueKey(record: ApiRecord, routeKey: string): string {
  if (routeKey === "") throw badRequest('Invalid input: "routeKey" must not be empty');
  for (const route of record.routes.values()) {
    if (route.routeKey === routeKey) throw conflict(`Route with key ${routeKey} already exists for this API`);
  }
  return routeKey;
}

function applyRoute(record: ApiRecord, route: Route, body: Members): void {
  const target = body.string("target");
  if (target !== undefined) setTarget(record, route, target);
  route.apiKeyRequired = body.boolean("apiKeyRequired") ?? route.apiKeyRequired;
  route.authorizationType = body.oneOf("authorizationType", AUTHORIZATION_TYPES) ?? route.authorizationType;
  const optional = {
    authorizationScopes: body.stringList("authorizationScopes"),
    authorizerId: body.string("authorizerId"),
    modelSelectionExpression: body.string("modelSelectionExpression"),
    operationName: body.string("operationName"),
    requestModels: body.stringMap("requestModels"),
    requestParameters: body.requiredFlags("requestParameters"),
    routeResponseSelectionExpression: body.string("routeResponseSelectionExpression"),
  };
  assignDefined(route, optional);
  checkAuthorization(record, route);
}

/**
 * A route points at its integration as "integrations/<integrationId>" (API Gateway v2's Route resource); anything else, or an
 * integration the API does not have, is refused. An empty target detaches the integration, so that a
 * client can then delete it; that AWS accepts "" for this is UNCONFIRMED. The target is a body member,
 * so the lab answers BadRequest rather than NotFound for an unknown integration (UNCONFIRMED).
 */
function setTarget(record: ApiRecord, route: Route, target: string): void {
  if (target === "") {
    delete route.target;
    return;
  }
  const match = /^integrations\/([^/]+)$/.exec(target);
  if (!match) throw badRequest(`Invalid target specified: ${target}. A target must have the form integrations/<integrationId>`);
  if (!record.integrations.has(match[1]!)) throw badRequest(`Invalid integration identifier specified in target: ${match[1]}`);
  route.target = target;
}

/**
 * The lab keeps no authorizers (GetAuthorizers and friends are not implemented), so any authorizerId names
 * one the API does not have; CUSTOM and JWT need one (botocore's apigatewayv2 model Route.AuthorizerId doc), and JWT is for HTTP
 * APIs only (botocore's apigatewayv2 model Route.AuthorizationType doc).
 */
function checkAuthorization(record: ApiRecord, route: Route): void {
  if (route.authorizerId !== undefined) throw badRequest(`Invalid authorizer identifier specified: ${route.authorizerId}`);
  if (route.authorizationType === "JWT" && record.api.protocolType === "WEBSOCKET") {
    throw badRequest("Authorization type JWT is supported only for HTTP APIs");
  }
  if (route.authorizationType === "CUSTOM" || route.authorizationType === "JWT") {
    throw badRequest(`An authorizerId is required for authorization type ${route.authorizationType}`);
  }
}
