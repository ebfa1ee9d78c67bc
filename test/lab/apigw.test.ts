// Sources cited in this file:
// - API Gateway v2's Integration resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
// - API Gateway v2's Route resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - API Gateway's WebSocket quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
// - API Gateway's WebSocket route responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
// - terraform-provider-aws#42391: https://github.com/hashicorp/terraform-provider-aws/issues/42391
// - the AWS CLI's apigatewayv2 examples: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
// - the ids of the AWS CLI's apigatewayv2 examples; formats beyond them UNCONFIRMED: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2

import {
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  DeleteIntegrationResponseCommand,
  DeleteRouteCommand,
  DeleteRouteResponseCommand,
  GetApiCommand,
  GetApisCommand,
  GetAuthorizersCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetIntegrationResponsesCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetRouteResponseCommand,
  GetRouteResponsesCommand,
  GetRoutesCommand,
  UpdateApiCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateRouteCommand,
  UpdateRouteResponseCommand,
  type ApiGatewayV2Client,
} from "@aws-sdk/client-apigatewayv2";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { assertNoNulls, rawApigw, rejects } from "../helpers/apigw.js";
import { startTestLab, type Clients, type TestLab } from "../helpers/lab.js";
import { printingErrors } from "../helpers/hooks.js";

const apigw = suite<{ t: TestLab }>("lab: API Gateway v2 APIs, routes, integrations and responses (restJson1; botocore's apigatewayv2 model)");

apigw.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
}));
apigw.after(async (ctx) => {
  await ctx.t.close();
});

const ACCOUNT = "111122223333";
const LAMBDA_URI = "arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:111122223333:function:OrderWSPendingFunction/invocations";
let keyCounter = 0;

/** Clients of a fresh, empty account, so that list answers hold only what the test made. */
function freshAccount(t: TestLab): Clients {
  keyCounter += 1;
  return t.clientsFor({ accessKeyId: `AKIAAPIGWTEST${String(keyCounter).padStart(7, "0")}`, secretAccessKey: "x" });
}

async function websocketApi(client: ApiGatewayV2Client, name = "OrderCallbackAPI"): Promise<string> {
  const out = await client.send(new CreateApiCommand({ Name: name, ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
  return out.ApiId!;
}

async function lambdaIntegration(client: ApiGatewayV2Client, apiId: string): Promise<string> {
  const out = await client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "AWS_PROXY", IntegrationUri: LAMBDA_URI }));
  return out.IntegrationId!;
}

// ---- APIs ----

apigw("CreateApi (WEBSOCKET) answers 201 with a 10-character id, the lab's ws:// endpoint and AWS's defaults (the ids of the AWS CLI's apigatewayv2 examples; formats beyond them UNCONFIRMED; API Gateway's WebSocket deployments; botocore's apigatewayv2 model)", async ({ t }) => {
  const out = await t.clients.apigw.send(new CreateApiCommand({ Name: "OrderCallbackAPI", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
  assert.is(out.$metadata.httpStatusCode, 201);
  assert.match(out.ApiId!, /^[a-z0-9]{10}$/);
  assert.is(out.ApiEndpoint, `${t.lab.wsEndpoint}/${out.ApiId}`);
  assert.match(out.ApiEndpoint!, /^ws:\/\/127\.0\.0\.1:\d+\/[a-z0-9]{10}$/);
  assert.is(out.Name, "OrderCallbackAPI");
  assert.is(out.ProtocolType, "WEBSOCKET");
  assert.is(out.RouteSelectionExpression, "$request.body.action");
  assert.is(out.ApiKeySelectionExpression, "$request.header.x-api-key");
  assert.is(out.DisableExecuteApiEndpoint, false);
  assert.equal(out.Tags, {});
  assert.instance(out.CreatedDate, Date);
  assert.ok(Math.abs(out.CreatedDate!.getTime() - Date.now()) < 5000);
  assert.is(out.Description, undefined);
});

apigw("CreateApi (WEBSOCKET) without RouteSelectionExpression is BadRequestException 400 (botocore's apigatewayv2 model CreateApiRequest)", async ({ t }) => {
  await rejects(t.clients.apigw.send(new CreateApiCommand({ Name: "x", ProtocolType: "WEBSOCKET" })), "BadRequestException", 400);
});

apigw("CreateApi keeps a description, version and tags, and refuses an unknown ApiKeySelectionExpression", async ({ t }) => {
  const out = await t.clients.apigw.send(
    new CreateApiCommand({ Name: "d", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action", Description: "desc", Version: "1", Tags: { team: "pets" } }),
  );
  assert.is(out.Description, "desc");
  assert.is(out.Version, "1");
  assert.equal(out.Tags, { team: "pets" });
  await rejects(
    t.clients.apigw.send(new CreateApiCommand({ Name: "k", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action", ApiKeySelectionExpression: "$request.header.foo" })),
    "BadRequestException",
    400,
  );
});

apigw("CreateApi (HTTP) gets the HTTP route selection expression and refuses non-proxy integrations (aws/aws-cli #6363)", async ({ t }) => {
  const api = await t.clients.apigw.send(new CreateApiCommand({ Name: "h", ProtocolType: "HTTP" }));
  assert.is(api.RouteSelectionExpression, "$request.method $request.path");
  const error = await rejects(t.clients.apigw.send(new CreateIntegrationCommand({ ApiId: api.ApiId, IntegrationType: "MOCK" })), "BadRequestException", 400);
  assert.match(error.message, "may only be associated with proxy integrations");
});

apigw("GetApi returns what CreateApi returned", async ({ t }) => {
  const created = await t.clients.apigw.send(new CreateApiCommand({ Name: "same", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
  const { $metadata: _c, ...expected } = created;
  const { $metadata, ...got } = await t.clients.apigw.send(new GetApiCommand({ ApiId: created.ApiId }));
  assert.is($metadata.httpStatusCode, 200);
  assert.equal(got, expected);
});

apigw("GetApi of an unknown id is NotFoundException 404 'Invalid API identifier specified <account>:<apiId>' with ResourceType Api", async ({ t }) => {
  const error = await rejects(t.clients.apigw.send(new GetApiCommand({ ApiId: "zzzzzzzzzz" })), "NotFoundException", 404, `Invalid API identifier specified ${ACCOUNT}:zzzzzzzzzz`);
  assert.is(error.ResourceType, "Api");
});

apigw("GetApis pages with MaxResults and NextToken, then ends without a NextToken", async ({ t }) => {
  const { apigw: client } = freshAccount(t);
  const made: string[] = [];
  for (let i = 0; i < 5; i++) made.push(await websocketApi(client, `api-${i}`));
  const pages: string[][] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new GetApisCommand({ MaxResults: "2", NextToken: token }));
    pages.push(out.Items!.map((api) => api.ApiId!));
    token = out.NextToken;
  } while (token);
  assert.equal(pages.map((page) => page.length), [2, 2, 1]);
  assert.equal(pages.flat(), made);
  const all = await client.send(new GetApisCommand({}));
  assert.is(all.Items!.length, 5);
  assert.is(all.NextToken, undefined);
  assert.is(all.Items![0]!.ApiEndpoint, `${t.lab.wsEndpoint}/${made[0]}`);
});

apigw("GetApis with a NextToken the lab did not issue, or a MaxResults that is not a positive integer, is BadRequestException 400", async ({ t }) => {
  await rejects(t.clients.apigw.send(new GetApisCommand({ NextToken: "not-a-token" })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new GetApisCommand({ MaxResults: "0" })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new GetApisCommand({ MaxResults: "ten" })), "BadRequestException", 400);
});

apigw("DeleteApi answers 204; the API is gone afterwards", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw, "doomed");
  const out = await t.clients.apigw.send(new DeleteApiCommand({ ApiId: apiId }));
  assert.is(out.$metadata.httpStatusCode, 204);
  await rejects(t.clients.apigw.send(new GetApiCommand({ ApiId: apiId })), "NotFoundException", 404);
  await rejects(t.clients.apigw.send(new DeleteApiCommand({ ApiId: apiId })), "NotFoundException", 404);
});

apigw("UpdateApi changes only the members it sends and answers 200 with the whole API (botocore's apigatewayv2 model UpdateApiRequest)", async ({ t }) => {
  const create = await t.clients.apigw.send(
    new CreateApiCommand({ Name: "OrderCallbackAPI", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action", Description: "step 1", Tags: { team: "pets" } }),
  );
  const apiId = create.ApiId!;
  const renamed = await t.clients.apigw.send(new UpdateApiCommand({ ApiId: apiId, Name: "OrderCallbackAPI2", Version: "2" }));
  assert.is(renamed.$metadata.httpStatusCode, 200);
  assert.is(renamed.Name, "OrderCallbackAPI2");
  assert.is(renamed.Version, "2");
  assert.is(renamed.Description, "step 1", "left out, so kept");
  assert.is(renamed.RouteSelectionExpression, "$request.body.action");
  assert.is(renamed.ApiEndpoint, create.ApiEndpoint);
  assert.equal(renamed.Tags, { team: "pets" });
  assert.equal(renamed.CreatedDate, create.CreatedDate);
  const rest = await t.clients.apigw.send(
    new UpdateApiCommand({
      ApiId: apiId,
      Description: "step 2",
      RouteSelectionExpression: "$request.body.type",
      ApiKeySelectionExpression: "$context.authorizer.usageIdentifierKey",
      DisableSchemaValidation: true,
      DisableExecuteApiEndpoint: true,
    }),
  );
  assert.is(rest.Name, "OrderCallbackAPI2");
  assert.is(rest.Description, "step 2");
  assert.is(rest.RouteSelectionExpression, "$request.body.type");
  assert.is(rest.ApiKeySelectionExpression, "$context.authorizer.usageIdentifierKey");
  assert.is(rest.DisableSchemaValidation, true);
  assert.is(rest.DisableExecuteApiEndpoint, true);
  const got = await t.clients.apigw.send(new GetApiCommand({ ApiId: apiId }));
  assert.equal({ ...got, $metadata: undefined }, { ...rest, $metadata: undefined }, "GetApi sees the update");
});

apigw("UpdateApi refuses HTTP-only members on a WebSocket API, an empty name or route selection, and an unknown API (404 Api)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const refused = [
    { CorsConfiguration: { AllowOrigins: ["*"] } },
    { Target: "https://orders.example.com" },
    { RouteKey: "GET /orders" },
    { CredentialsArn: "arn:aws:iam::111122223333:role/ApiGateway" },
    { Name: "" },
    { RouteSelectionExpression: "" },
    { ApiKeySelectionExpression: "$request.header.other" },
  ];
  for (const members of refused) {
    await rejects(t.clients.apigw.send(new UpdateApiCommand({ ApiId: apiId, ...members })), "BadRequestException", 400);
  }
  const unchanged = await t.clients.apigw.send(new GetApiCommand({ ApiId: apiId }));
  assert.is(unchanged.Name, "OrderCallbackAPI");
  assert.is(unchanged.RouteSelectionExpression, "$request.body.action");
  const error = await rejects(t.clients.apigw.send(new UpdateApiCommand({ ApiId: "nope123456", Name: "x" })), "NotFoundException", 404);
  assert.is(error.ResourceType, "Api");
  assert.is(error.message, `Invalid API identifier specified ${ACCOUNT}:nope123456`);
});

apigw("another access key's account cannot see, list or change the API (accounts are isolated)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw, "mine");
  const other = freshAccount(t).apigw;
  const error = await rejects(other.send(new GetApiCommand({ ApiId: apiId })), "NotFoundException", 404);
  assert.not.match(error.message, ACCOUNT);
  const listed = await other.send(new GetApisCommand({}));
  assert.not.ok(listed.Items!.some((api) => api.ApiId === apiId));
  await rejects(other.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default" })), "NotFoundException", 404);
  await rejects(other.send(new DeleteApiCommand({ ApiId: apiId })), "NotFoundException", 404);
  assert.is((await t.clients.apigw.send(new GetApiCommand({ ApiId: apiId }))).ApiId, apiId);
});

// ---- routes ----

apigw("CreateRoute without an integration answers 201 with no Target key at all (API Gateway v2's Route resource)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const out = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$disconnect" }));
  assert.is(out.$metadata.httpStatusCode, 201);
  assert.match(out.RouteId!, /^[a-z0-9]{7}$/);
  assert.is(out.RouteKey, "$disconnect");
  assert.is(out.ApiKeyRequired, false);
  assert.is(out.AuthorizationType, "NONE");
  assert.is(out.Target, undefined);
  const raw = await rawApigw(t, "GET", `/v2/apis/${apiId}/routes/${out.RouteId}`);
  assert.is(raw.status, 200);
  assert.not.ok("target" in raw.json!);
  assertNoNulls(raw.json);
  assert.equal(Object.keys(raw.json!).sort(), ["apiKeyRequired", "authorizationType", "routeId", "routeKey"]);
});

apigw("CreateRoute with a duplicate key is ConflictException 409 'Route with key $connect already exists for this API' (botocore's apigatewayv2 model)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$connect" }));
  await rejects(t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$connect" })), "ConflictException", 409, "Route with key $connect already exists for this API");
});

apigw("CreateRoute's Target must be integrations/<an existing integration id>, else BadRequestException 400", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const integrationId = await lambdaIntegration(t.clients.apigw, apiId);
  await rejects(t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "a", Target: integrationId })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "b", Target: "integrations/0000000" })), "BadRequestException", 400);
  const out = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "c", Target: `integrations/${integrationId}` }));
  assert.is(out.Target, `integrations/${integrationId}`);
});

apigw("GetRoute returns the route; an unknown route is NotFoundException 404 with ResourceType Route", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const created = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default", RouteResponseSelectionExpression: "$default" }));
  const got = await t.clients.apigw.send(new GetRouteCommand({ ApiId: apiId, RouteId: created.RouteId }));
  assert.is(got.RouteKey, "$default");
  assert.is(got.RouteResponseSelectionExpression, "$default");
  const error = await rejects(t.clients.apigw.send(new GetRouteCommand({ ApiId: apiId, RouteId: "nope123" })), "NotFoundException", 404, "Invalid Route identifier specified nope123");
  assert.is(error.ResourceType, "Route");
});

apigw("GetRoutes pages with MaxResults and rejects a bad NextToken", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  for (const key of ["$connect", "$disconnect", "$default"]) await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key }));
  const first = await t.clients.apigw.send(new GetRoutesCommand({ ApiId: apiId, MaxResults: "2" }));
  assert.equal(first.Items!.map((route) => route.RouteKey), ["$connect", "$disconnect"]);
  assert.ok(first.NextToken);
  const second = await t.clients.apigw.send(new GetRoutesCommand({ ApiId: apiId, MaxResults: "2", NextToken: first.NextToken }));
  assert.equal(second.Items!.map((route) => route.RouteKey), ["$default"]);
  assert.is(second.NextToken, undefined);
  await rejects(t.clients.apigw.send(new GetRoutesCommand({ ApiId: apiId, NextToken: "%%%" })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new GetRoutesCommand({ ApiId: "zzzzzzzzzz" })), "NotFoundException", 404);
});

apigw("UpdateRoute changes only the members it sends: step 2's target and route response selection (API Gateway's WebSocket route responses)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const integrationId = await lambdaIntegration(t.clients.apigw, apiId);
  const route = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default", OperationName: "pending" }));
  const out = await t.clients.apigw.send(
    new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, Target: `integrations/${integrationId}`, RouteResponseSelectionExpression: "$default" }),
  );
  assert.is(out.$metadata.httpStatusCode, 200);
  assert.is(out.Target, `integrations/${integrationId}`);
  assert.is(out.RouteResponseSelectionExpression, "$default");
  assert.is(out.RouteKey, "$default");
  assert.is(out.OperationName, "pending");
  const got = await t.clients.apigw.send(new GetRouteCommand({ ApiId: apiId, RouteId: route.RouteId }));
  assert.is(got.Target, `integrations/${integrationId}`);
});

apigw("UpdateRoute refuses a key another route has (409), a malformed target (400) and an unknown route (404)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$connect" }));
  const route = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default" }));
  await rejects(t.clients.apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, RouteKey: "$connect" })), "ConflictException", 409);
  await rejects(t.clients.apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, Target: "lambda" })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: "nope123", OperationName: "x" })), "NotFoundException", 404);
  const same = await t.clients.apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, RouteKey: "$default" }));
  assert.is(same.RouteKey, "$default");
});

apigw("DeleteRoute answers 204 and the route is gone", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const route = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default" }));
  const out = await t.clients.apigw.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: route.RouteId }));
  assert.is(out.$metadata.httpStatusCode, 204);
  await rejects(t.clients.apigw.send(new GetRouteCommand({ ApiId: apiId, RouteId: route.RouteId })), "NotFoundException", 404);
  await rejects(t.clients.apigw.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: route.RouteId })), "NotFoundException", 404);
});

// ---- integrations ----

apigw("CreateIntegration (AWS_PROXY) fills in POST, payload format 1.0, 29000 ms, INTERNET and WHEN_NO_MATCH (API Gateway v2's Integration resource)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const out = await t.clients.apigw.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "AWS_PROXY", IntegrationUri: LAMBDA_URI }));
  assert.is(out.$metadata.httpStatusCode, 201);
  assert.match(out.IntegrationId!, /^[a-z0-9]{7}$/);
  assert.is(out.IntegrationType, "AWS_PROXY");
  assert.is(out.IntegrationUri, LAMBDA_URI);
  assert.is(out.IntegrationMethod, "POST");
  assert.is(out.PayloadFormatVersion, "1.0");
  assert.is(out.TimeoutInMillis, 29000);
  assert.is(out.ConnectionType, "INTERNET");
  assert.is(out.PassthroughBehavior, "WHEN_NO_MATCH");
  assert.is(out.ContentHandlingStrategy, undefined);
  assert.is(out.CredentialsArn, undefined);
  assert.is(out.IntegrationResponseSelectionExpression, undefined);
  const raw = await rawApigw(t, "GET", `/v2/apis/${apiId}/integrations/${out.IntegrationId}`);
  assertNoNulls(raw.json);
  assert.equal(Object.keys(raw.json!).sort(), [
    "connectionType",
    "integrationId",
    "integrationMethod",
    "integrationType",
    "integrationUri",
    "passthroughBehavior",
    "payloadFormatVersion",
    "timeoutInMillis",
  ]);
});

apigw("CreateIntegration (MOCK) gets ${integration.response.statuscode} as its response selection expression (aws-cli create-integration example)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const out = await t.clients.apigw.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "MOCK", RequestTemplates: { "application/json": '{"statusCode":200}' } }));
  assert.is(out.IntegrationResponseSelectionExpression, "${integration.response.statuscode}");
  const got = await t.clients.apigw.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: out.IntegrationId }));
  assert.is(got.IntegrationResponseSelectionExpression, "${integration.response.statuscode}");
  const proxy = await t.clients.apigw.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "AWS_PROXY", IntegrationUri: LAMBDA_URI }));
  assert.is(proxy.IntegrationResponseSelectionExpression, undefined, "a Lambda proxy integration has none (API Gateway v2's Integration resource)");
  assert.is(out.IntegrationMethod, undefined);
  assert.equal(out.RequestTemplates, { "application/json": '{"statusCode":200}' });
});

apigw("CreateIntegration refuses a timeout outside 50..29000 ms for WebSocket (API Gateway's WebSocket quotas) and a non-POST Lambda proxy (terraform-provider-aws#42391)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const base = { ApiId: apiId, IntegrationType: "AWS_PROXY" as const, IntegrationUri: LAMBDA_URI };
  await rejects(t.clients.apigw.send(new CreateIntegrationCommand({ ...base, TimeoutInMillis: 30000 })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new CreateIntegrationCommand({ ...base, TimeoutInMillis: 49 })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new CreateIntegrationCommand({ ...base, IntegrationMethod: "GET" })), "BadRequestException", 400, "HttpMethod must be POST for AWS_PROXY IntegrationType");
  const edge = await t.clients.apigw.send(new CreateIntegrationCommand({ ...base, TimeoutInMillis: 50 }));
  assert.is(edge.TimeoutInMillis, 50);
});

apigw("GetIntegration and GetIntegrations return the integration; an unknown one is NotFoundException 404", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const first = await lambdaIntegration(t.clients.apigw, apiId);
  const second = await lambdaIntegration(t.clients.apigw, apiId);
  const got = await t.clients.apigw.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: first }));
  assert.is(got.IntegrationId, first);
  assert.is(got.IntegrationUri, LAMBDA_URI);
  const page = await t.clients.apigw.send(new GetIntegrationsCommand({ ApiId: apiId, MaxResults: "1" }));
  assert.equal(page.Items!.map((item) => item.IntegrationId), [first]);
  const rest = await t.clients.apigw.send(new GetIntegrationsCommand({ ApiId: apiId, MaxResults: "1", NextToken: page.NextToken }));
  assert.equal(rest.Items!.map((item) => item.IntegrationId), [second]);
  const error = await rejects(t.clients.apigw.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: "nope123" })), "NotFoundException", 404);
  assert.is(error.ResourceType, "Integration");
});

apigw("UpdateIntegration changes only what it sends and checks the result again", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const integrationId = await lambdaIntegration(t.clients.apigw, apiId);
  const out = await t.clients.apigw.send(new UpdateIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId, TimeoutInMillis: 5000, Description: "pending" }));
  assert.is(out.$metadata.httpStatusCode, 200);
  assert.is(out.TimeoutInMillis, 5000);
  assert.is(out.Description, "pending");
  assert.is(out.IntegrationUri, LAMBDA_URI);
  assert.is(out.IntegrationMethod, "POST");
  await rejects(t.clients.apigw.send(new UpdateIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId, TimeoutInMillis: 29001 })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new UpdateIntegrationCommand({ ApiId: apiId, IntegrationId: "nope123", Description: "x" })), "NotFoundException", 404);
});

apigw("DeleteIntegration while a route targets it is ConflictException 409 naming the routes (terraform-aws-next-js #247); afterwards 204", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const integrationId = await lambdaIntegration(t.clients.apigw, apiId);
  const route = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default", Target: `integrations/${integrationId}` }));
  await rejects(
    t.clients.apigw.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId })),
    "ConflictException",
    409,
    `Cannot delete Integration because it is referenced by the following Routes with Ids: [${route.RouteId}]`,
  );
  await t.clients.apigw.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: route.RouteId }));
  const out = await t.clients.apigw.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId }));
  assert.is(out.$metadata.httpStatusCode, 204);
  await rejects(t.clients.apigw.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId })), "NotFoundException", 404);
});

apigw("UpdateRoute with an empty Target detaches the integration, which can then be deleted (UNCONFIRMED: how AWS detaches)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const integrationId = await lambdaIntegration(t.clients.apigw, apiId);
  const route = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default", Target: `integrations/${integrationId}` }));
  const out = await t.clients.apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, Target: "" }));
  assert.is(out.Target, undefined);
  const raw = await rawApigw(t, "GET", `/v2/apis/${apiId}/routes/${route.RouteId}`);
  assert.not.ok("target" in raw.json!);
  await t.clients.apigw.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId }));
});

// ---- route responses and integration responses ----

apigw("CreateRouteResponse $default answers 201; GetRouteResponses lists it; DeleteRouteResponse answers 204 (API Gateway's WebSocket route responses)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const route = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default" }));
  const created = await t.clients.apigw.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseKey: "$default" }));
  assert.is(created.$metadata.httpStatusCode, 201);
  assert.match(created.RouteResponseId!, /^[a-z0-9]{6}$/);
  assert.is(created.RouteResponseKey, "$default");
  const listed = await t.clients.apigw.send(new GetRouteResponsesCommand({ ApiId: apiId, RouteId: route.RouteId }));
  assert.equal(listed.Items, [{ RouteResponseId: created.RouteResponseId, RouteResponseKey: "$default" }]);
  const deleted = await t.clients.apigw.send(new DeleteRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseId: created.RouteResponseId }));
  assert.is(deleted.$metadata.httpStatusCode, 204);
  assert.equal((await t.clients.apigw.send(new GetRouteResponsesCommand({ ApiId: apiId, RouteId: route.RouteId }))).Items, []);
  const error = await rejects(
    t.clients.apigw.send(new DeleteRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseId: created.RouteResponseId })),
    "NotFoundException",
    404,
  );
  assert.is(error.ResourceType, "RouteResponse");
});

apigw("CreateRouteResponse allows only the $default key on WebSocket APIs (API Gateway's WebSocket route responses) and refuses a duplicate (409)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const route = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default" }));
  await rejects(t.clients.apigw.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseKey: "ok" })), "BadRequestException", 400);
  await t.clients.apigw.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseKey: "$default" }));
  await rejects(t.clients.apigw.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseKey: "$default" })), "ConflictException", 409);
  await rejects(t.clients.apigw.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: "nope123", RouteResponseKey: "$default" })), "NotFoundException", 404);
});

apigw("GetRouteResponse returns one route response; UpdateRouteResponse changes what it sends (200); unknown ids are 404 naming the resource", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const route = await t.clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: "$default" }));
  const created = await t.clients.apigw.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: route.RouteId, RouteResponseKey: "$default" }));
  const ids = { ApiId: apiId, RouteId: route.RouteId, RouteResponseId: created.RouteResponseId };
  const got = await t.clients.apigw.send(new GetRouteResponseCommand(ids));
  assert.is(got.$metadata.httpStatusCode, 200);
  assert.is(got.RouteResponseId, created.RouteResponseId);
  assert.is(got.RouteResponseKey, "$default");
  const updated = await t.clients.apigw.send(new UpdateRouteResponseCommand({ ...ids, ModelSelectionExpression: "$request.body.action", ResponseModels: { $default: "OrderModel" } }));
  assert.is(updated.$metadata.httpStatusCode, 200);
  assert.is(updated.RouteResponseKey, "$default", "left out, so kept");
  assert.is(updated.ModelSelectionExpression, "$request.body.action");
  assert.equal(updated.ResponseModels, { $default: "OrderModel" });
  const again = await t.clients.apigw.send(new GetRouteResponseCommand(ids));
  assert.is(again.ModelSelectionExpression, "$request.body.action");
  await rejects(t.clients.apigw.send(new UpdateRouteResponseCommand({ ...ids, RouteResponseKey: "ok" })), "BadRequestException", 400);
  const missing = await rejects(t.clients.apigw.send(new GetRouteResponseCommand({ ...ids, RouteResponseId: "nope12" })), "NotFoundException", 404);
  assert.is(missing.ResourceType, "RouteResponse");
  const noRoute = await rejects(t.clients.apigw.send(new GetRouteResponseCommand({ ...ids, RouteId: "nope123" })), "NotFoundException", 404);
  assert.is(noRoute.ResourceType, "Route");
  const noUpdate = await rejects(t.clients.apigw.send(new UpdateRouteResponseCommand({ ...ids, RouteResponseId: "nope12", ModelSelectionExpression: "x" })), "NotFoundException", 404);
  assert.is(noUpdate.ResourceType, "RouteResponse");
});

apigw("GetIntegrationResponse returns one integration response; UpdateIntegrationResponse changes what it sends, refusing a taken or malformed key", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const integrationId = await lambdaIntegration(t.clients.apigw, apiId);
  const base = { ApiId: apiId, IntegrationId: integrationId };
  const first = await t.clients.apigw.send(new CreateIntegrationResponseCommand({ ...base, IntegrationResponseKey: "$default" }));
  const second = await t.clients.apigw.send(new CreateIntegrationResponseCommand({ ...base, IntegrationResponseKey: "/4\\d\\d/" }));
  const ids = { ...base, IntegrationResponseId: second.IntegrationResponseId };
  const got = await t.clients.apigw.send(new GetIntegrationResponseCommand(ids));
  assert.is(got.$metadata.httpStatusCode, 200);
  assert.is(got.IntegrationResponseId, second.IntegrationResponseId);
  assert.is(got.IntegrationResponseKey, "/4\\d\\d/");
  const updated = await t.clients.apigw.send(
    new UpdateIntegrationResponseCommand({ ...ids, IntegrationResponseKey: "/5\\d\\d/", ContentHandlingStrategy: "CONVERT_TO_TEXT", ResponseTemplates: { $default: "{}" } }),
  );
  assert.is(updated.$metadata.httpStatusCode, 200);
  assert.is(updated.IntegrationResponseKey, "/5\\d\\d/");
  assert.is(updated.ContentHandlingStrategy, "CONVERT_TO_TEXT");
  assert.equal(updated.ResponseTemplates, { $default: "{}" });
  assert.is((await t.clients.apigw.send(new GetIntegrationResponseCommand(ids))).IntegrationResponseKey, "/5\\d\\d/");
  await rejects(t.clients.apigw.send(new UpdateIntegrationResponseCommand({ ...ids, IntegrationResponseKey: "$default" })), "ConflictException", 409);
  await rejects(t.clients.apigw.send(new UpdateIntegrationResponseCommand({ ...ids, IntegrationResponseKey: "200" })), "BadRequestException", 400);
  const untouched = await t.clients.apigw.send(new GetIntegrationResponseCommand({ ...base, IntegrationResponseId: first.IntegrationResponseId }));
  assert.is(untouched.IntegrationResponseKey, "$default");
  const missing = await rejects(t.clients.apigw.send(new GetIntegrationResponseCommand({ ...base, IntegrationResponseId: "nope12" })), "NotFoundException", 404);
  assert.is(missing.ResourceType, "IntegrationResponse");
  const noIntegration = await rejects(t.clients.apigw.send(new GetIntegrationResponseCommand({ ...ids, IntegrationId: "nope123" })), "NotFoundException", 404);
  assert.is(noIntegration.ResourceType, "Integration");
});

apigw("integration responses: create $default and /regex/ keys (201), list them, refuse other keys and duplicates, delete (204)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const integrationId = await lambdaIntegration(t.clients.apigw, apiId);
  const base = { ApiId: apiId, IntegrationId: integrationId };
  const created = await t.clients.apigw.send(new CreateIntegrationResponseCommand({ ...base, IntegrationResponseKey: "$default" }));
  assert.is(created.$metadata.httpStatusCode, 201);
  assert.is(created.IntegrationResponseKey, "$default");
  assert.ok(created.IntegrationResponseId);
  const regex = await t.clients.apigw.send(new CreateIntegrationResponseCommand({ ...base, IntegrationResponseKey: "/4\\d\\d/", TemplateSelectionExpression: "\\$default" }));
  assert.is(regex.TemplateSelectionExpression, "\\$default");
  await rejects(t.clients.apigw.send(new CreateIntegrationResponseCommand({ ...base, IntegrationResponseKey: "200" })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new CreateIntegrationResponseCommand({ ...base, IntegrationResponseKey: "$default" })), "ConflictException", 409);
  const listed = await t.clients.apigw.send(new GetIntegrationResponsesCommand(base));
  assert.equal(listed.Items!.map((item) => item.IntegrationResponseKey), ["$default", "/4\\d\\d/"]);
  const deleted = await t.clients.apigw.send(new DeleteIntegrationResponseCommand({ ...base, IntegrationResponseId: created.IntegrationResponseId }));
  assert.is(deleted.$metadata.httpStatusCode, 204);
  const after = await t.clients.apigw.send(new GetIntegrationResponsesCommand(base));
  assert.equal(after.Items!.map((item) => item.IntegrationResponseKey), ["/4\\d\\d/"]);
  await rejects(t.clients.apigw.send(new DeleteIntegrationResponseCommand({ ...base, IntegrationResponseId: created.IntegrationResponseId })), "NotFoundException", 404);
  await rejects(t.clients.apigw.send(new GetIntegrationResponsesCommand({ ApiId: apiId, IntegrationId: "nope123" })), "NotFoundException", 404);
});

// ---- what the lab does not implement, and bodies the SDK would never send ----

apigw("an operation the lab does not implement is NotImplementedException 501 naming it", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  await rejects(t.clients.apigw.send(new GetAuthorizersCommand({ ApiId: apiId })), "NotImplementedException", 501, "The local lab does not implement GetAuthorizers");
});

apigw("a path that matches no API Gateway v2 operation is NotFoundException 404 naming the method and path", async ({ t }) => {
  const raw = await rawApigw(t, "GET", "/v2/nothing/here");
  assert.is(raw.status, 404);
  assert.is(raw.errorType, "NotFoundException");
  assert.match(String(raw.json!.message), "GET /v2/nothing/here");
  const wrongMethod = await rawApigw(t, "PUT", "/v2/apis/abc/routes");
  assert.is(wrongMethod.status, 404);
  assert.match(String(wrongMethod.json!.message), "PUT /v2/apis/abc/routes");
});

apigw("a malformed JSON body is refused with 400 (parseJsonBody), a member of the wrong type with BadRequestException 400", async ({ t }) => {
  const malformed = await rawApigw(t, "POST", "/v2/apis", "{not json");
  assert.is(malformed.status, 400);
  assert.is(malformed.errorType, "SerializationException");
  const apiId = await websocketApi(t.clients.apigw);
  const wrongType = await rawApigw(t, "POST", `/v2/apis/${apiId}/routes`, JSON.stringify({ routeKey: 5 }));
  assert.is(wrongType.status, 400);
  assert.is(wrongType.errorType, "BadRequestException");
  assert.match(String(wrongType.json!.message), "routeKey");
  const missing = await rawApigw(t, "POST", `/v2/apis/${apiId}/routes`, "{}");
  assert.is(missing.errorType, "BadRequestException");
  const badEnum = await rawApigw(t, "POST", `/v2/apis/${apiId}/integrations`, JSON.stringify({ integrationType: "LAMBDA" }));
  assert.is(badEnum.errorType, "BadRequestException");
  const routes = await t.clients.apigw.send(new GetRoutesCommand({ ApiId: apiId }));
  assert.equal(routes.Items, []);
});

apigw.run();
