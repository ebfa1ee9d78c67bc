// Route responses and integration responses: what makes a WebSocket route two-way (reference 3).
import { json, noContent } from "../protocol.js";
import { apiOf, freshId, integrationOf, routeOf, type Call, type Handler } from "./call.js";
import { autoDeploy } from "./deployments.js";
import { badRequest, conflict, notFound } from "./errors.js";
import { assignDefined, listPage, Members } from "./input.js";
import type { ApiRecord, IntegrationResponse, RouteResponse } from "./model.js";

/** Both kinds exist only on WebSocket APIs (BC-v2 RouteResponse / IntegrationResponse: "Supported only for WebSocket APIs"). */
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
 * Only the `$default` route response key exists for WebSocket APIs [DOC-routeresp], [DOC-selexpr]; a second
 * response with the same key is a conflict. That message is UNCONFIRMED (modelled on the route one).
 */
export const createRouteResponse: Handler = (call) => {
  const record = websocketApi(call, "Route responses");
  const route = routeOf(record, call.params.routeId!);
  const body = Members.of(call.req);
  const routeResponseKey = body.requiredString("routeResponseKey");
  if (routeResponseKey !== "$default") throw badRequest(`Invalid routeResponseKey: ${routeResponseKey}. Only $default is supported for WebSocket APIs`);
  const byId = record.routeResponses.get(route.routeId) ?? new Map<string, RouteResponse>();
  if ([...byId.values()].some((existing) => existing.routeResponseKey === routeResponseKey)) {
    throw conflict(`RouteResponse with key ${routeResponseKey} already exists for this Route`);
  }
  const response: RouteResponse = { routeResponseId: freshId(6, (id) => byId.has(id)), routeResponseKey };
  const optional = {
    modelSelectionExpression: body.string("modelSelectionExpression"),
    responseModels: body.stringMap("responseModels"),
    responseParameters: body.requiredFlags("responseParameters"),
  };
  assignDefined(response, optional);
  byId.set(response.routeResponseId, response);
  record.routeResponses.set(route.routeId, byId);
  autoDeploy(record);
  return json(201, response);
};

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

/** Keys are `$default` or a /regex/ on the backend's status (reference 6.2, [DOC-intresp]). */
export const createIntegrationResponse: Handler = (call) => {
  const record = websocketApi(call, "Integration responses");
  const integration = integrationOf(record, call.params.integrationId!);
  const body = Members.of(call.req);
  const key = body.requiredString("integrationResponseKey");
  if (key !== "$default" && !/^\/.+\/$/.test(key)) throw badRequest(`Invalid integrationResponseKey: ${key}. It must be $default or a /regular expression/`);
  const byId = record.integrationResponses.get(integration.integrationId) ?? new Map<string, IntegrationResponse>();
  if ([...byId.values()].some((existing) => existing.integrationResponseKey === key)) {
    throw conflict(`IntegrationResponse with key ${key} already exists for this Integration`);
  }
  const response: IntegrationResponse = { integrationResponseId: freshId(6, (id) => byId.has(id)), integrationResponseKey: key };
  const optional = {
    contentHandlingStrategy: body.oneOf("contentHandlingStrategy", ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"] as const),
    responseParameters: body.stringMap("responseParameters"),
    responseTemplates: body.stringMap("responseTemplates"),
    templateSelectionExpression: body.string("templateSelectionExpression"),
  };
  assignDefined(response, optional);
  byId.set(response.integrationResponseId, response);
  record.integrationResponses.set(integration.integrationId, byId);
  autoDeploy(record);
  return json(201, response);
};

export const deleteIntegrationResponse: Handler = (call) => {
  const { record, byId } = integrationResponsesOf(call);
  const id = call.params.integrationResponseId!;
  if (!byId.delete(id)) throw notFound("IntegrationResponse", id);
  autoDeploy(record);
  return noContent();
};
