// Integrations: GetIntegrations, GetIntegration, CreateIntegration, UpdateIntegration, DeleteIntegration,
// with the service defaults AWS fills in (API Gateway v2's Integration resource).
//
// Sources cited in this file:
// - a real get-integration output in aws-cdk#29566: https://github.com/aws/aws-cdk/pull/29566
// - API Gateway v2's Integration resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
// - API Gateway's WebSocket quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
import { json, noContent } from "../protocol.js";
import { apiOf, freshId, integrationOf, type Handler } from "./call.js";
import { autoDeploy } from "./deployments.js";
import { badRequest, conflict } from "./errors.js";
import { assignDefined, listPage, Members } from "./input.js";
import type { ApiRecord, Integration } from "./model.js";

const TYPES = ["AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK"] as const;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
const PASSTHROUGH = ["WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES"] as const;
const CONTENT_HANDLING = ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"] as const;

/** Integration timeout: 50 ms to 29 s for WebSocket (API Gateway's WebSocket quotas); HTTP APIs allow up to 30 s (botocore's apigatewayv2 model TimeoutInMillis doc). */
const TIMEOUT_RANGE = { WEBSOCKET: [50, 29000], HTTP: [50, 30000] } as const;

export const getIntegrations: Handler = (call) => json(200, listPage(call.req, [...apiOf(call).integrations.values()]));

export const getIntegration: Handler = (call) => json(200, integrationOf(apiOf(call), call.params.integrationId!));

export const createIntegration: Handler = (call) => {
  const record = apiOf(call);
  const integrationId = freshId(7, (id) => record.integrations.has(id));
  // Service defaults: connectionType INTERNET and timeoutInMillis 29000 (API Gateway v2's Integration resource).
  const integration = build(record, Members.of(call.req), { integrationId, connectionType: "INTERNET", timeoutInMillis: 29000 });
  record.integrations.set(integrationId, integration);
  autoDeploy(record);
  return json(201, integration);
};

/** A partial update: what the request leaves out keeps its value, then the defaults and checks apply again. */
export const updateIntegration: Handler = (call) => {
  const record = apiOf(call);
  const current = integrationOf(record, call.params.integrationId!);
  const integration = build(record, Members.of(call.req), structuredClone(current));
  record.integrations.set(integration.integrationId, integration);
  autoDeploy(record);
  return json(200, integration);
};

/**
 * An integration a route still targets cannot be deleted: ConflictException "Cannot delete Integration
 * because it is referenced by the following Routes with Ids: [xrfucl1]" (real AWS output quoted in
 * milliHQ/terraform-aws-next-js #247 and klothoplatform/klotho #348). Its integration responses go with it.
 */
export const deleteIntegration: Handler = (call) => {
  const record = apiOf(call);
  const integration = integrationOf(record, call.params.integrationId!);
  const target = `integrations/${integration.integrationId}`;
  const users = [...record.routes.values()].filter((route) => route.target === target).map((route) => route.routeId);
  if (users.length > 0) throw conflict(`Cannot delete Integration because it is referenced by the following Routes with Ids: [${users.join(", ")}]`);
  record.integrations.delete(integration.integrationId);
  record.integrationResponses.delete(integration.integrationId);
  autoDeploy(record);
  return noContent();
};

type Draft = Omit<Integration, "integrationType"> & { integrationType?: Integration["integrationType"] };

function build(record: ApiRecord, body: Members, draft: Draft): Integration {
  const integrationType = body.oneOf("integrationType", TYPES) ?? draft.integrationType;
  if (integrationType === undefined) throw badRequest('Invalid input: "integrationType" is required');
  const integration: Integration = { ...draft, integrationType };
  applyMembers(integration, body);
  const protocol = record.api.protocolType;
  if (protocol === "HTTP") checkHttpApi(integration);
  else fillWebSocketDefaults(integration);
  fillCommonDefaults(integration);
  checkConsistency(integration, protocol);
  return integration;
}

/**
 * The request members of CreateIntegration / UpdateIntegration (botocore's apigatewayv2 model CreateIntegrationRequest). The
 * integration response selection expression is not one of them: the service sets it (output only).
 */
function applyMembers(integration: Integration, body: Members): void {
  const members = {
    connectionType: body.oneOf("connectionType", ["INTERNET", "VPC_LINK"] as const),
    connectionId: body.string("connectionId"),
    contentHandlingStrategy: body.oneOf("contentHandlingStrategy", CONTENT_HANDLING),
    credentialsArn: body.string("credentialsArn"),
    description: body.string("description"),
    integrationMethod: body.oneOf("integrationMethod", METHODS),
    integrationSubtype: body.string("integrationSubtype"),
    integrationUri: body.string("integrationUri"),
    passthroughBehavior: body.oneOf("passthroughBehavior", PASSTHROUGH),
    payloadFormatVersion: body.oneOf("payloadFormatVersion", ["1.0", "2.0"] as const),
    requestParameters: body.stringMap("requestParameters"),
    requestTemplates: body.stringMap("requestTemplates"),
    responseParameters: body.nestedStringMap("responseParameters"),
    templateSelectionExpression: body.string("templateSelectionExpression"),
    timeoutInMillis: body.integer("timeoutInMillis"),
    tlsConfig: tlsConfig(body),
  };
  assignDefined(integration, members);
}

function tlsConfig(body: Members): Integration["tlsConfig"] {
  const value = body.object("tlsConfig");
  if (value === undefined) return undefined;
  const name = value.serverNameToVerify;
  if (name !== undefined && typeof name !== "string") throw badRequest('Invalid input: "tlsConfig.serverNameToVerify" must be a string');
  return name === undefined ? {} : { serverNameToVerify: name };
}

/**
 * What a MOCK integration of a WebSocket API gets as its integration response selection expression when it
 * names none: `${integration.response.statuscode}`, in the current aws-cli example output
 * (awscli/examples/apigatewayv2/create-integration.rst, "To create a WebSocket API integration") and in a
 * public 2026 dump of real get-integrations output (MOCK items of two WebSocket APIs). Older copies of the
 * same example, and API Gateway v2's Integration resource, show `${response.statuscode}`: the service's default has changed since.
 */
export const MOCK_RESPONSE_SELECTION = "${integration.response.statuscode}";

/** WebSocket defaults: passthroughBehavior WHEN_NO_MATCH (API Gateway v2's Integration resource, a real get-integration output in aws-cdk#29566); MOCK's selection above. */
function fillWebSocketDefaults(integration: Integration): void {
  integration.passthroughBehavior ??= "WHEN_NO_MATCH";
  if (integration.integrationType === "MOCK") integration.integrationResponseSelectionExpression ??= MOCK_RESPONSE_SELECTION;
}

/**
 * "Currently, an API with a protocol type of HTTP may only be associated with proxy integrations (AWS_PROXY,
 * HTTP_PROXY)" (aws/aws-cli #6363); passthrough behaviour and content handling are WebSocket-only (botocore's apigatewayv2 model docs).
 */
function checkHttpApi(integration: Integration): void {
  if (integration.integrationType !== "AWS_PROXY" && integration.integrationType !== "HTTP_PROXY") {
    throw badRequest("Currently, an API with a protocol type of HTTP may only be associated with proxy integrations (AWS_PROXY, HTTP_PROXY)");
  }
  for (const member of ["passthroughBehavior", "contentHandlingStrategy"] as const) {
    if (integration[member] !== undefined) throw badRequest(`${member} is supported only for WebSocket APIs`);
  }
}

/**
 * payloadFormatVersion "1.0" is filled in by the service (API Gateway v2's Integration resource; the model calls it required for HTTP
 * APIs, where the lab fills it in too, UNCONFIRMED). A Lambda
 * proxy integration that names no method gets POST: Lambda integrations must use POST (botocore's apigatewayv2 model IntegrationMethod
 * doc), HTTP-API users see POST filled in when they leave it out (hashicorp/terraform-provider-aws #42391), and
 * WebSocket IaC examples leave it out too; for WebSocket the filled-in POST is UNCONFIRMED.
 */
function fillCommonDefaults(integration: Integration): void {
  integration.payloadFormatVersion ??= "1.0";
  if (integration.integrationType === "AWS_PROXY") integration.integrationMethod ??= "POST";
}

function checkConsistency(integration: Integration, protocol: keyof typeof TIMEOUT_RANGE): void {
  // "HttpMethod must be POST for AWS_PROXY IntegrationType" (hashicorp/terraform-provider-aws #42391).
  if (integration.integrationType === "AWS_PROXY" && integration.integrationMethod !== "POST") {
    throw badRequest("HttpMethod must be POST for AWS_PROXY IntegrationType");
  }
  const [min, max] = TIMEOUT_RANGE[protocol];
  if (integration.timeoutInMillis < min || integration.timeoutInMillis > max) {
    throw badRequest(`Invalid timeoutInMillis: ${integration.timeoutInMillis}. It must be between ${min} and ${max} milliseconds`);
  }
  if (integration.connectionType === "VPC_LINK" && integration.connectionId === undefined) {
    throw badRequest("A connectionId is required when the connectionType is VPC_LINK");
  }
}
