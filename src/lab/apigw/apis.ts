// APIs: GetApis, GetApi, CreateApi, UpdateApi, DeleteApi (botocore's apigatewayv2 model).
//
// Sources cited in this file:
// - API Gateway's Create WebSocket APIs page: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-create-empty-api.html
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
// - the AWS CLI's apigatewayv2 examples: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
import { isoSeconds, json, noContent } from "../protocol.js";
import { apiOf, freshId, stateOf, type Call, type Handler } from "./call.js";
import { autoDeploy } from "./deployments.js";
import { badRequest } from "./errors.js";
import { assignDefined, listPage, Members } from "./input.js";
import type { Api, ApiRecord } from "./model.js";

/** As in the output on API Gateway's Create WebSocket APIs page; the other supported value is for usage plans [botocore's apigatewayv2 model Api.ApiKeySelectionExpression]. */
const API_KEY_SELECTION_EXPRESSIONS = ["$request.header.x-api-key", "$context.authorizer.usageIdentifierKey"] as const;

/** The only route selection an HTTP API has (botocore's apigatewayv2 model Api.RouteSelectionExpression doc). */
const HTTP_ROUTE_SELECTION = "$request.method $request.path";

/**
 * apiEndpoint: for a WebSocket API the lab's stand-in for wss://<apiId>.execute-api.<region>.amazonaws.com,
 * scheme included and no stage (API Gateway's WebSocket deployments, the AWS CLI's apigatewayv2 examples, get-apis). The lab serves no HTTP-API data plane;
 * an HTTP API still gets an address of the lab rather than one on the internet.
 */
export function apiView(call: Call, api: Api): Record<string, unknown> {
  const base = api.protocolType === "WEBSOCKET" ? call.ctx.wsEndpoint : call.ctx.endpoint;
  return { ...api, apiEndpoint: `${base}/${api.apiId}` };
}

export const getApis: Handler = (call) => {
  const page = listPage(call.req, [...stateOf(call).apis.values()]);
  return json(200, { ...page, items: page.items.map((record) => apiView(call, record.api)) });
};

export const getApi: Handler = (call) => json(200, apiView(call, apiOf(call).api));

export const deleteApi: Handler = (call) => {
  apiOf(call);
  stateOf(call).apis.delete(call.params.apiId!);
  return noContent();
};

export const createApi: Handler = (call) => {
  const api = readApi(Members.of(call.req));
  // apiIds are unique across the whole lab: the WebSocket endpoint finds an API by its id alone (store.ts).
  api.apiId = freshId(10, (id) => call.ctx.stores.apigw.findApi(id) !== undefined);
  stateOf(call).apis.set(api.apiId, newRecord(api));
  return json(201, apiView(call, api));
};

/**
 * UpdateApi, `PATCH /v2/apis/{apiId}`: a partial update, members left out keep their values (botocore's apigatewayv2 model
 * UpdateApiRequest: only ApiId is required). The members: name, description, version,
 * routeSelectionExpression, apiKeySelectionExpression, disableSchemaValidation, disableExecuteApiEndpoint;
 * the protocol type cannot change (UpdateApiRequest has no ProtocolType). corsConfiguration, and the
 * quick-create members routeKey, target and credentialsArn, are "Supported only for HTTP APIs" (botocore's apigatewayv2 model
 * UpdateApiRequest docs): on a WebSocket API the lab answers BadRequestException, as CreateApi does; what
 * AWS answers there is UNCONFIRMED. The route selection expression is part of what a deployment freezes
 * (deployments.ts), so changing it redeploys autoDeploy stages, like any other change to the routing.
 */
export const updateApi: Handler = (call) => {
  const record = apiOf(call);
  const body = Members.of(call.req);
  const current = record.api;
  rejectQuickCreate(body, current.protocolType);
  if (body.has("corsConfiguration") && current.protocolType === "WEBSOCKET") throw badRequest("corsConfiguration is supported only for HTTP APIs");
  const next: Api = structuredClone(current);
  if (body.has("name")) next.name = body.requiredString("name");
  if (body.has("routeSelectionExpression")) next.routeSelectionExpression = routeSelection(body, current.protocolType);
  next.apiKeySelectionExpression = body.oneOf("apiKeySelectionExpression", API_KEY_SELECTION_EXPRESSIONS) ?? next.apiKeySelectionExpression;
  next.disableExecuteApiEndpoint = body.boolean("disableExecuteApiEndpoint") ?? next.disableExecuteApiEndpoint;
  assignDefined(next, {
    description: body.string("description"),
    version: body.string("version"),
    disableSchemaValidation: body.boolean("disableSchemaValidation"),
    corsConfiguration: body.object("corsConfiguration"),
  });
  record.api = next;
  if (next.routeSelectionExpression !== current.routeSelectionExpression) autoDeploy(record);
  return json(200, apiView(call, next));
};

function readApi(body: Members): Api {
  const name = body.requiredString("name");
  const protocolType = body.oneOf("protocolType", ["WEBSOCKET", "HTTP"] as const);
  if (protocolType === undefined) throw badRequest('Invalid input: "protocolType" is required');
  rejectQuickCreate(body, protocolType);
  if (body.has("corsConfiguration") && protocolType === "WEBSOCKET") throw badRequest("corsConfiguration is supported only for HTTP APIs");
  const api: Api = {
    apiId: "",
    name,
    protocolType,
    routeSelectionExpression: routeSelection(body, protocolType),
    apiKeySelectionExpression: body.oneOf("apiKeySelectionExpression", API_KEY_SELECTION_EXPRESSIONS) ?? API_KEY_SELECTION_EXPRESSIONS[0],
    createdDate: isoSeconds(),
    disableExecuteApiEndpoint: body.boolean("disableExecuteApiEndpoint") ?? false,
    tags: body.stringMap("tags") ?? {},
  };
  const optional = {
    description: body.string("description"),
    version: body.string("version"),
    disableSchemaValidation: body.boolean("disableSchemaValidation"),
    corsConfiguration: body.object("corsConfiguration"),
  };
  assignDefined(api, optional);
  return api;
}

/**
 * WebSocket APIs must name their route selection expression (botocore's apigatewayv2 model CreateApiRequest.RouteSelectionExpression);
 * an HTTP API has only the one (botocore's apigatewayv2 model UpdateApiRequest.RouteSelectionExpression: "must be ${request.method}
 * ${request.path}"), so another value is refused (the lab's message; AWS's is UNCONFIRMED).
 */
function routeSelection(body: Members, protocolType: Api["protocolType"]): string {
  const given = body.string("routeSelectionExpression");
  if (protocolType === "HTTP") {
    if (given !== undefined && given !== HTTP_ROUTE_SELECTION && given !== "${request.method} ${request.path}") {
      throw badRequest(`Invalid routeSelectionExpression for an HTTP API: ${given}. It must be ${HTTP_ROUTE_SELECTION}`);
    }
    return given ?? HTTP_ROUTE_SELECTION;
  }
  if (given === undefined || given === "") throw badRequest("RouteSelectionExpression is required for WEBSOCKET APIs");
  return given;
}

/**
 * Quick create (routeKey/target/credentialsArn on CreateApi) exists only for HTTP APIs (botocore's apigatewayv2 model CreateApiRequest
 * docs: "Supported only for HTTP APIs"); the lab does not implement it.
 */
function rejectQuickCreate(body: Members, protocolType: Api["protocolType"]): void {
  const quick = ["routeKey", "target", "credentialsArn"].filter((name) => body.has(name));
  if (quick.length === 0) return;
  if (protocolType === "WEBSOCKET") throw badRequest(`${quick.join(", ")} is supported only for HTTP APIs`);
  throw badRequest("The local lab does not implement quick create of HTTP APIs; create the route and integration separately");
}

function newRecord(api: Api): ApiRecord {
  return {
    api,
    routes: new Map(),
    integrations: new Map(),
    routeResponses: new Map(),
    integrationResponses: new Map(),
    stages: new Map(),
    deployments: new Map(),
  };
}
