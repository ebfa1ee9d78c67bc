// Sources cited in this file:
// - API Gateway quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html

import {
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateApiCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
  type ApiGatewayV2Client,
} from "@aws-sdk/client-apigatewayv2";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { rawApigw, rejects } from "../helpers/apigw.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { printingErrors } from "../helpers/hooks.js";

const stages = suite<{ t: TestLab }>("lab: API Gateway v2 stages and deployments (API Gateway's WebSocket deployments)");

stages.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
}));
stages.after(async (ctx) => {
  await ctx.t.close();
});

const LAMBDA_URI = "arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:111122223333:function:OrderWSConnectFunction/invocations";

async function websocketApi(client: ApiGatewayV2Client): Promise<string> {
  const out = await client.send(new CreateApiCommand({ Name: "OrderCallbackAPI", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
  return out.ApiId!;
}

/** An API as workshop step 1 leaves it: $connect on a Lambda proxy, $disconnect and $default without integration. */
async function stepOneApi(client: ApiGatewayV2Client): Promise<{ apiId: string; integrationId: string; routes: Record<string, string> }> {
  const apiId = await websocketApi(client);
  const integration = await client.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "AWS_PROXY", IntegrationUri: LAMBDA_URI }));
  const routes: Record<string, string> = {};
  for (const key of ["$connect", "$disconnect", "$default"]) {
    const target = key === "$connect" ? `integrations/${integration.IntegrationId}` : undefined;
    routes[key] = (await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key, Target: target }))).RouteId!;
  }
  return { apiId, integrationId: integration.IntegrationId!, routes };
}

function recordOf(t: TestLab, apiId: string) {
  const found = t.lab.stores.apigw.findApi(apiId);
  assert.ok(found, `API ${apiId} is in the store`);
  return found!.record;
}

// ---- stages ----

stages("CreateStage answers 201 with AutoDeploy false, no DeploymentId and empty maps (botocore's apigatewayv2 model Stage)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const out = await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v1", Description: "workshop" }));
  assert.is(out.$metadata.httpStatusCode, 201);
  assert.is(out.StageName, "v1");
  assert.is(out.AutoDeploy, false);
  assert.is(out.DeploymentId, undefined);
  assert.is(out.Description, "workshop");
  assert.is(out.LastDeploymentStatusMessage, undefined);
  assert.equal(out.StageVariables, {});
  assert.equal(out.RouteSettings, {});
  assert.equal(out.Tags, {});
  assert.is(out.DefaultRouteSettings?.DetailedMetricsEnabled, false);
  assert.instance(out.CreatedDate, Date);
  assert.equal(out.LastUpdatedDate, out.CreatedDate);
});

stages("CreateStage refuses a duplicate name (409), an unknown deployment (404) and a bad name (400)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v1" }));
  await rejects(t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v1" })), "ConflictException", 409);
  const error = await rejects(t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v2", DeploymentId: "nope12" })), "NotFoundException", 404);
  assert.is(error.ResourceType, "Deployment");
  await rejects(t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "has space" })), "BadRequestException", 400);
  await rejects(t.clients.apigw.send(new CreateStageCommand({ ApiId: "zzzzzzzzzz", StageName: "v1" })), "NotFoundException", 404);
});

stages("GetStage and GetStages return the stages; an unknown stage is NotFoundException 404 with ResourceType Stage", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  for (const name of ["v1", "v2", "v3"]) await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: name }));
  const got = await t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "v2" }));
  assert.is(got.StageName, "v2");
  const first = await t.clients.apigw.send(new GetStagesCommand({ ApiId: apiId, MaxResults: "2" }));
  assert.equal(first.Items!.map((stage) => stage.StageName), ["v1", "v2"]);
  const rest = await t.clients.apigw.send(new GetStagesCommand({ ApiId: apiId, MaxResults: "2", NextToken: first.NextToken }));
  assert.equal(rest.Items!.map((stage) => stage.StageName), ["v3"]);
  assert.is(rest.NextToken, undefined);
  const error = await rejects(t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "prod" })), "NotFoundException", 404);
  assert.is(error.ResourceType, "Stage");
});

stages("UpdateStage points the stage at an existing deployment and moves LastUpdatedDate; an unknown deployment is 404", async ({ t }) => {
  const { apiId } = await stepOneApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v1" }));
  const deployment = await t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: apiId }));
  // Timestamps have one-second resolution: back-date the stored stage so that a change is visible at once.
  recordOf(t, apiId).stages.get("v1")!.lastUpdatedDate = "2020-01-01T00:00:00Z";
  const out = await t.clients.apigw.send(new UpdateStageCommand({ ApiId: apiId, StageName: "v1", DeploymentId: deployment.DeploymentId, Description: "after step 2" }));
  assert.is(out.$metadata.httpStatusCode, 200);
  assert.is(out.DeploymentId, deployment.DeploymentId);
  assert.is(out.Description, "after step 2");
  assert.ok(out.LastUpdatedDate!.getTime() > Date.parse("2020-01-01T00:00:00Z"));
  await rejects(t.clients.apigw.send(new UpdateStageCommand({ ApiId: apiId, StageName: "v1", DeploymentId: "nope12" })), "NotFoundException", 404);
  await rejects(t.clients.apigw.send(new UpdateStageCommand({ ApiId: apiId, StageName: "nope", Description: "x" })), "NotFoundException", 404);
});

stages("UpdateStage merges settings it sends and keeps the rest", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v1", StageVariables: { table: "ClientCallbackTbl" } }));
  const out = await t.clients.apigw.send(
    new UpdateStageCommand({ ApiId: apiId, StageName: "v1", DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 } }),
  );
  assert.equal(out.StageVariables, { table: "ClientCallbackTbl" });
  assert.is(out.DefaultRouteSettings?.ThrottlingBurstLimit, 100);
  assert.is(out.DefaultRouteSettings?.ThrottlingRateLimit, 50);
  assert.is(out.DefaultRouteSettings?.DetailedMetricsEnabled, false);
});

stages("throttlingRateLimit is a double: 12.5 is kept and sent back as the JSON number 12.5, through the SDK both ways (botocore's apigatewayv2 model RouteSettings)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  const created = await t.clients.apigw.send(
    new CreateStageCommand({
      ApiId: apiId,
      StageName: "v1",
      DefaultRouteSettings: { ThrottlingRateLimit: 12.5, ThrottlingBurstLimit: 20 },
      RouteSettings: { $default: { ThrottlingRateLimit: 0.25, ThrottlingBurstLimit: 1, LoggingLevel: "ERROR" } },
    }),
  );
  assert.is(created.DefaultRouteSettings?.ThrottlingRateLimit, 12.5);
  assert.is(created.RouteSettings?.$default?.ThrottlingRateLimit, 0.25);
  const updated = await t.clients.apigw.send(new UpdateStageCommand({ ApiId: apiId, StageName: "v1", DefaultRouteSettings: { ThrottlingRateLimit: 7.75 } }));
  assert.is(updated.DefaultRouteSettings?.ThrottlingRateLimit, 7.75);
  assert.is(updated.DefaultRouteSettings?.ThrottlingBurstLimit, 20, "a member left out keeps its value");
  const got = await t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "v1" }));
  assert.is(got.DefaultRouteSettings?.ThrottlingRateLimit, 7.75);
  assert.equal(got.RouteSettings, { $default: { ThrottlingRateLimit: 0.25, ThrottlingBurstLimit: 1, LoggingLevel: "ERROR" } });
  const raw = await rawApigw(t, "GET", `/v2/apis/${apiId}/stages/v1`);
  assert.match(raw.text, /"throttlingRateLimit":7\.75[,}]/, "a JSON number on the wire, not a string");
  assert.is((raw.json!.routeSettings as Record<string, Record<string, unknown>>).$default!.throttlingRateLimit, 0.25);
});

stages("route settings of the wrong type are BadRequestException 400 and change nothing (rate: a number; burst: an integer; logging level: the enum)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v1", DefaultRouteSettings: { ThrottlingRateLimit: 12.5 } }));
  const bad = [
    { defaultRouteSettings: { throttlingRateLimit: "12.5" } },
    { defaultRouteSettings: { throttlingRateLimit: "NaN" } },
    { defaultRouteSettings: { throttlingBurstLimit: 2.5 } },
    { defaultRouteSettings: { loggingLevel: "DEBUG" } },
    { defaultRouteSettings: { dataTraceEnabled: "yes" } },
    { routeSettings: { $default: { throttlingRateLimit: true } } },
    { routeSettings: { $default: 5 } },
  ];
  for (const body of bad) {
    const answer = await rawApigw(t, "PATCH", `/v2/apis/${apiId}/stages/v1`, JSON.stringify(body));
    assert.is(answer.status, 400, JSON.stringify(body));
    assert.is(answer.errorType, "BadRequestException");
  }
  const got = await t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "v1" }));
  assert.is(got.DefaultRouteSettings?.ThrottlingRateLimit, 12.5);
  assert.equal(got.RouteSettings, {});
});

stages("DeleteStage answers 204 and the stage is gone", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v1" }));
  const out = await t.clients.apigw.send(new DeleteStageCommand({ ApiId: apiId, StageName: "v1" }));
  assert.is(out.$metadata.httpStatusCode, 204);
  await rejects(t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "v1" })), "NotFoundException", 404);
  await rejects(t.clients.apigw.send(new DeleteStageCommand({ ApiId: apiId, StageName: "v1" })), "NotFoundException", 404);
});

// ---- deployments ----

stages("CreateDeployment on an API without routes is BadRequestException 'At least one route is required before deploying the Api' (SAM #2512)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  await rejects(t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: apiId })), "BadRequestException", 400, "At least one route is required before deploying the Api");
});

stages("CreateDeployment with StageName answers 201 DEPLOYED, not auto-deployed, and points the stage at it (API Gateway's WebSocket deployments)", async ({ t }) => {
  const { apiId } = await stepOneApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v1" }));
  recordOf(t, apiId).stages.get("v1")!.lastUpdatedDate = "2020-01-01T00:00:00Z";
  const out = await t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: "v1", Description: "step 1" }));
  assert.is(out.$metadata.httpStatusCode, 201);
  assert.match(out.DeploymentId!, /^[a-z0-9]{6}$/);
  assert.is(out.DeploymentStatus, "DEPLOYED");
  assert.is(out.AutoDeployed, false);
  assert.is(out.Description, "step 1");
  assert.instance(out.CreatedDate, Date);
  const stage = await t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "v1" }));
  assert.is(stage.DeploymentId, out.DeploymentId);
  assert.ok(stage.LastUpdatedDate!.getTime() > Date.parse("2020-01-01T00:00:00Z"), "attaching a deployment updates the stage");
});

stages("CreateDeployment to an unknown stage is NotFoundException 404 and creates nothing", async ({ t }) => {
  const { apiId } = await stepOneApi(t.clients.apigw);
  await rejects(t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: "v9" })), "NotFoundException", 404);
  const listed = await t.clients.apigw.send(new GetDeploymentsCommand({ ApiId: apiId }));
  assert.equal(listed.Items, []);
});

stages("GetDeployment and GetDeployments return deployments, oldest first; an unknown one is NotFoundException 404", async ({ t }) => {
  const { apiId } = await stepOneApi(t.clients.apigw);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: apiId, Description: `d${i}` }))).DeploymentId!);
  const got = await t.clients.apigw.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: ids[1] }));
  assert.is(got.DeploymentId, ids[1]);
  assert.is(got.Description, "d1");
  assert.is(got.DeploymentStatus, "DEPLOYED");
  const first = await t.clients.apigw.send(new GetDeploymentsCommand({ ApiId: apiId, MaxResults: "2" }));
  const rest = await t.clients.apigw.send(new GetDeploymentsCommand({ ApiId: apiId, MaxResults: "2", NextToken: first.NextToken }));
  assert.equal([...first.Items!, ...rest.Items!].map((item) => item.DeploymentId), ids);
  await rejects(t.clients.apigw.send(new GetDeploymentsCommand({ ApiId: apiId, NextToken: "bogus" })), "BadRequestException", 400);
  const error = await rejects(t.clients.apigw.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: "nope12" })), "NotFoundException", 404);
  assert.is(error.ResourceType, "Deployment");
});

stages("a deployment is a snapshot: a later UpdateRoute and CreateRouteResponse do not change its stored config (API Gateway's WebSocket deployments)", async ({ t }) => {
  const { apiId, integrationId, routes } = await stepOneApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "v1" }));
  const before = await t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: "v1" }));
  await t.clients.apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: routes.$default, Target: `integrations/${integrationId}`, RouteResponseSelectionExpression: "$default" }));
  await t.clients.apigw.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: routes.$default, RouteResponseKey: "$default" }));

  const record = recordOf(t, apiId);
  const frozen = record.deployments.get(before.DeploymentId!)!.config;
  const frozenDefault = frozen.routes.find((route) => route.routeKey === "$default")!;
  assert.is(frozenDefault.target, undefined);
  assert.is(frozenDefault.routeResponseSelectionExpression, undefined);
  assert.is(frozen.routeResponses[routes.$default!], undefined);
  assert.is(frozen.routeSelectionExpression, "$request.body.action");
  assert.equal(frozen.integrations.map((integration) => integration.integrationId), [integrationId]);
  assert.is(record.stages.get("v1")!.deploymentId, before.DeploymentId, "the stage still serves the old deployment");
  assert.ok(!frozen.routes.includes(record.routes.get(routes.$default!)!), "the snapshot shares no object with the live routes");

  const after = await t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: "v1" }));
  const live = record.deployments.get(after.DeploymentId!)!.config;
  assert.is(live.routes.find((route) => route.routeKey === "$default")!.target, `integrations/${integrationId}`);
  assert.equal(live.routeResponses[routes.$default!]!.map((response) => response.routeResponseKey), ["$default"]);
  assert.is(record.stages.get("v1")!.deploymentId, after.DeploymentId);
});

stages("a stage with AutoDeploy gets an automatic deployment (AutoDeployed true) after a route change (botocore's apigatewayv2 model Stage.AutoDeploy; UNCONFIRMED for WebSocket)", async ({ t }) => {
  const { apiId, routes } = await stepOneApi(t.clients.apigw);
  const created = await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "live", AutoDeploy: true }));
  assert.is(created.AutoDeploy, true);
  assert.ok(created.DeploymentId, "an auto-deploy stage is deployed as soon as it exists");
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "manual" }));

  await t.clients.apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: routes.$default, RouteResponseSelectionExpression: "$default" }));
  const stage = await t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "live" }));
  assert.is.not(stage.DeploymentId, created.DeploymentId);
  assert.is(stage.LastDeploymentStatusMessage, `Successfully deployed stage with deployment ID '${stage.DeploymentId}'`);
  const deployment = await t.clients.apigw.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: stage.DeploymentId }));
  assert.is(deployment.AutoDeployed, true);
  const config = recordOf(t, apiId).deployments.get(stage.DeploymentId!)!.config;
  assert.is(config.routes.find((route) => route.routeKey === "$default")!.routeResponseSelectionExpression, "$default");
  const manual = await t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "manual" }));
  assert.is(manual.DeploymentId, undefined, "stages without AutoDeploy are left alone");
  await rejects(t.clients.apigw.send(new UpdateStageCommand({ ApiId: apiId, StageName: "live", DeploymentId: created.DeploymentId })), "BadRequestException", 400);
});

stages("UpdateApi: a new route selection expression is frozen by the next deployment, and an AutoDeploy stage gets one at once; a new name is not", async ({ t }) => {
  const { apiId } = await stepOneApi(t.clients.apigw);
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: "live", AutoDeploy: true }));
  const before = (await t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "live" }))).DeploymentId!;
  await t.clients.apigw.send(new UpdateApiCommand({ ApiId: apiId, Name: "Renamed" }));
  assert.is((await t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "live" }))).DeploymentId, before, "a name is not deployed");
  await t.clients.apigw.send(new UpdateApiCommand({ ApiId: apiId, RouteSelectionExpression: "$request.body.type" }));
  const after = (await t.clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "live" }))).DeploymentId!;
  assert.is.not(after, before);
  assert.is(recordOf(t, apiId).deployments.get(after)!.config.routeSelectionExpression, "$request.body.type");
  assert.is(recordOf(t, apiId).deployments.get(before)!.config.routeSelectionExpression, "$request.body.action", "the older deployment keeps what it froze");
});

// ---- throttling (API Gateway quotas; Lambda quotas) ----

stages("above the account's quota a call is TooManyRequestsException 429 with message and LimitType (API Gateway quotas)", async ({ t }) => {
  const apiId = await websocketApi(t.clients.apigw);
  t.lab.faults.configure({ quotas: { "apigateway:*": { rate: 0.001, burst: 1 } } });
  try {
    await t.clients.apigw.send(new GetStagesCommand({ ApiId: apiId }));
    const error = await rejects(t.clients.apigw.send(new GetStagesCommand({ ApiId: apiId })), "TooManyRequestsException", 429, "Too Many Requests");
    assert.is(error.LimitType, "TotalOperations");
    const raw = await rawApigw(t, "GET", `/v2/apis/${apiId}/stages`);
    assert.equal(raw.json, { message: "Too Many Requests", limitType: "TotalOperations" });
  } finally {
    t.lab.faults.configure({});
  }
});

stages.run();
