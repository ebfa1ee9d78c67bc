// Route responses and integration responses: what makes a WebSocket route two-way (API Gateway's WebSocket route responses).
//
// Sources cited in this file:
// - API Gateway's WebSocket integration responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
// - API Gateway's WebSocket route responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
// - API Gateway's WebSocket selection expressions: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
import { json, noContent } from "../protocol.js";
import { apiOf, freshId, integrationOf, routeOf, type Call, type Handler } from "./call.js";
import { autoDeploy } from "./deployments.js";
import { badRequest, conflict, notFound } from "./errors.js";
import { assignDefined, listPage, Members } from "./input.js";
import type { ApiRecord, IntegrationResponse, RouteResponse } from "./model.js";

/** Both kinds exist only on WebSocket APIs (botocore's apigatewayv2 model RouteResponse / IntegrationResponse: "Supported only for WebSocket APIs"). */
function websocketApi(call: Call, what: string): ApiRecord {
  const record = apiOf(call);
  if (record.api.protocolType !== "WEBSOCKET") throw badRequest(`${what} are supported only for WebSocket APIs`);
  return record;
}

function routeResponsesOf(call: Call): { record: ApiRecord; byId: Map<string, RouteResponse> } {
  const record = apiOf(call);
  const route = routeOf(record, call.params.routeId!);
  return { record, byId: record.routeResponses.get(route.routeId) ?? new Map() };
}

export const getRouteResponses: Handler = (call) => json(200, listPage(call.req, [...routeResponsesOf(call).byId.values()]));

/**
 * Only the `$default` route response key exists for WebSocket APIs (API Gateway's WebSocket route responses; API Gateway's WebSocket selection expressions); a second
 * response with the same key is a conflict. That message is UNCONFIRMED (modelled on the route one).
 */
export const createRouteResponse: Handler = (call) => {
  const record = websocketApi(call, "Route responses");
  const route = routeOf(record, call.params.routeId!);
  const body = Members.of(call.req);
  const byId = record.routeResponses.get(route.routeId) ?? new Map<string, RouteResponse>();
  const routeResponseKey = routeResponseKeyOf(body.requiredString("routeResponseKey"), byId);
  const response: RouteResponse = { routeResponseId: freshId(6, (id) => byId.has(id)), routeResponseKey };
  applyRouteResponse(response, body);
  byId.set(response.routeResponseId, response);
  record.routeResponses.set(route.routeId, byId);
  autoDeploy(record);
  return json(201, response);
};

/** GetRouteResponse: `GET .../routes/{routeId}/routeresponses/{routeResponseId}` (botocore's apigatewayv2 model GetRouteResponse). */
export const getRouteResponse: Handler = (call) => json(200, routeResponseOf(call).response);

/**
 * UpdateRouteResponse, a partial update like UpdateRoute: members left out keep their values (botocore's apigatewayv2 model
 * UpdateRouteResponseRequest: every member but the path ids optional). The key rules of create apply.
 */
export const updateRouteResponse: Handler = (call) => {
  const { record, byId, response: current } = routeResponseOf(call);
  const body = Members.of(call.req);
  const next = structuredClone(current);
  const key = body.string("routeResponseKey");
  if (key !== undefined && key !== current.routeResponseKey) next.routeResponseKey = routeResponseKeyOf(key, byId);
  applyRouteResponse(next, body);
  byId.set(next.routeResponseId, next);
  autoDeploy(record);
  return json(200, next);
};

function routeResponseKeyOf(key: string, byId: Map<string, RouteResponse>): string {
  if (key !== "$default") throw badRequest(`Invalid routeResponseKey: ${key}. Only $default is supported for WebSocket APIs`);
  if ([...byId.values()].some((existing) => existing.routeResponseKey === key)) {
    throw conflict(`RouteResponse with key ${key} already exists for this Route`);
  }
  return key;
}

function applyRouteResponse(response: RouteResponse, body: Members): void {
  assignDefined(response, {
    modelSelectionExpression: body.string("modelSelectionExpression"),
    responseModels: body.stringMap("responseModels"),
    responseParameters: body.requiredFlags("responseParameters"),
  });
}

/** The route response a path names: NotFoundException for the API, the route, then the response (botocore's apigatewayv2 model). */
function routeResponseOf(call: Call): { record: ApiRecord; byId: Map<string, RouteResponse>; response: RouteResponse } {
  const { record, byId } = routeResponsesOf(call);
  const id = call.params.routeResponseId!;
  const response = byId.get(id);
  if (!response) throw notFound("RouteResponse", id);
  return { record, byId, response };
}

export const deleteRouteResponse: Handler = (call) => {
  const { record, byId } = routeResponsesOf(call);
  const id = call.params.routeResponseId!;
  if (!byId.delete(id)) throw notFound("RouteResponse", id);
  autoDeploy(record);
  return noContent();
};

function integrationResponsesOf(call: Call): { record: ApiRecord; byId: Map<string, IntegrationResponse> } {
  const record = apiOf(call);
  const integration = integrationOf(record, call.params.integrationId!);
  return { record, byId: record.integrationResponses.get(integration.integrationId) ?? new Map() };
}

export const getIntegrationResponses: Handler = (call) => json(200, listPage(call.req, [...integrationResponsesOf(call).byId.values()]));

/** Keys are `$default` or a /regex/ on the backend's status (botocore's apigatewayv2 model; API Gateway's WebSocket integration responses). */
export const createIntegrationResponse: Handler = (call) => {
  const record = websocketApi(call, "Integration responses");
  const integration = integrationOf(record, call.params.integrationId!);
  const body = Members.of(call.req);
  const byId = record.integrationResponses.get(integration.integrationId) ?? new Map<string, IntegrationResponse>();
  const key = integrationResponseKeyOf(body.requiredString("integrationResponseKey"), byId);
  const response: IntegrationResponse = { integrationResponseId: freshId(6, (id) => byId.has(id)), integrationResponseKey: key };
  applyIntegrationResponse(response, body);
  byId.set(response.integrationResponseId, response);
  record.integrationResponses.set(integration.integrationId, byId);
  autoDeploy(record);
  return json(201, response);
};

/** GetIntegrationResponse: `GET .../integrations/{integrationId}/integrationresponses/{integrationResponseId}` (botocore's apigatewayv2 model). */
export const getIntegrationResponse: Handler = (call) => json(200, integrationResponseOf(call).response);

/** UpdateIntegrationResponse: a partial update (botocore's apigatewayv2 model UpdateIntegrationResponseRequest); the key rules of create apply. */
export const updateIntegrationResponse: Handler = (call) => {
  const { record, byId, response: current } = integrationResponseOf(call);
  const body = Members.of(call.req);
  const next = structuredClone(current);
  const key = body.string("integrationResponseKey");
  if (key !== undefined && key !== current.integrationResponseKey) next.integrationResponseKey = integrationResponseKeyOf(key, byId);
  applyIntegrationResponse(next, body);
  byId.set(next.integrationResponseId, next);
  autoDeploy(record);
  return json(200, next);
};

function integrationResponseKeyOf(key: string, byId: Map<string, IntegrationResponse>): string {
  if (key !== "$default" && !/^\/.+\/$/.test(key)) throw badRequest(`Invalid integrationResponseKey: ${key}. It must be $default or a /regular expression/`);
  if ([...byId.values()].some((existing) => existing.integrationResponseKey === key)) {
    throw conflict(`IntegrationResponse with key ${key} already exists for this Integration`);
  }
  return key;
}

function applyIntegrationResponse(response: IntegrationResponse, body: Members): void {
  assignDefined(response, {
    contentHandlingStrategy: body.oneOf("contentHandlingStrategy", ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"] as const),
    responseParameters: body.stringMap("responseParameters"),
    responseTemplates: body.stringMap("responseTemplates"),
    templateSelectionExpression: body.string("templateSelectionExpression"),
  });
}

function integrationResponseOf(call: Call): { record: ApiRecord; byId: Map<string, IntegrationResponse>; response: IntegrationResponse } {
  const { record, byId } = integrationResponsesOf(call);
  const id = call.params.integrationResponseId!;
  const response = byId.get(id);
  if (!response) throw notFound("IntegrationResponse", id);
  return { record, byId, response };
}

export const deleteIntegrationResponse: Handler = (call) => {
  const { record, byId } = integrationResponsesOf(call);
  const id = call.params.integrationResponseId!;
  if (!byId.delete(id)) throw notFound("IntegrationResponse", id);
  autoDeploy(record);
  return noContent();
};
