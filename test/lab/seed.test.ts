// The state seedStep1 leaves (step 1 of the workshop) and applyStep2 adds, read back through the SDK item by item.
//
// Sources cited in this file:
// - API Gateway v2's Integration resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
// - API Gateway v2's Route resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html
// - Lambda GetPolicy: https://docs.aws.amazon.com/lambda/latest/dg/API_GetPolicy.html
import { createHash } from "node:crypto";
import {
  GetApisCommand,
  GetDeploymentsCommand,
  GetIntegrationsCommand,
  GetRouteResponsesCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  type Route,
} from "@aws-sdk/client-apigatewayv2";
import { DescribeTableCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { GetFunctionConfigurationCommand, GetPolicyCommand } from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_KEY, labAccountKey } from "../../src/lab/accounts.js";
import type { AwsClients } from "../../src/aws/clients.js";
import { applyStep2, type Step1Resources } from "../../src/scenarios/seed.js";
import { packageHandlers } from "../../solution/package.js";
import { startSeededLab, type SeededAccount, type SeededLab } from "../helpers/seeded.js";
import { printingErrors } from "../helpers/hooks.js";

const test = suite<{ lab: SeededLab }>("seeding step 1 and step 2", { lab: undefined as unknown as SeededLab });

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startSeededLab();
}));

test.after(async (ctx) => {
  await ctx.lab?.close();
});

const REGION = "ap-northeast-2";
const functionArn = (account: string, name: string) => `arn:aws:lambda:${REGION}:${account}:function:${name}`;
const invocationUri = (account: string, name: string) =>
  `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn(account, name)}/invocations`;

async function routesByKey(clients: AwsClients, apiId: string): Promise<Record<string, Route>> {
  const { Items = [] } = await clients.apigw.send(new GetRoutesCommand({ ApiId: apiId }));
  return Object.fromEntries(Items.map((route) => [route.RouteKey!, route]));
}

async function policyStatements(clients: AwsClients, functionName: string): Promise<unknown[]> {
  const { Policy } = await clients.lambda.send(new GetPolicyCommand({ FunctionName: functionName }));
  return JSON.parse(Policy!).Statement;
}

/** GetPolicy of a function without a policy: 404 ResourceNotFoundException (Lambda GetPolicy). */
async function assertNoPolicy(clients: AwsClients, functionName: string): Promise<void> {
  try {
    await clients.lambda.send(new GetPolicyCommand({ FunctionName: functionName }));
    assert.unreachable(`${functionName} has a policy`);
  } catch (error) {
    assert.is((error as Error).name, "ResourceNotFoundException", functionName);
  }
}

function routeStatement(account: string, apiId: string, functionName: string, routeKey: string) {
  return {
    Sid: `apigateway-${apiId}-${routeKey.slice(1)}`,
    Effect: "Allow",
    Principal: { Service: "apigateway.amazonaws.com" },
    Action: "lambda:InvokeFunction",
    Resource: functionArn(account, functionName),
    Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${REGION}:${account}:${apiId}/*/${routeKey}` } },
  };
}

test("the resources name the signing account and the lab's region", async ({ lab }) => {
  const { resources, clients } = lab.main;
  const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
  assert.is(identity.Account, DEFAULT_KEY.accountId);
  assert.is(resources.account, DEFAULT_KEY.accountId);
  assert.is(resources.region, REGION);
  assert.is(resources.tableName, "ClientCallbackTbl");
  assert.is(resources.stageName, "v1");
});

test("table ClientCallbackTbl: orderId HASH, connectionId RANGE, GSI connectionId-orderId-index, ACTIVE and empty", async ({ lab }) => {
  const { clients, resources } = lab.main;
  const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: "ClientCallbackTbl" }));
  assert.is(Table!.TableStatus, "ACTIVE");
  assert.equal(Table!.KeySchema, [
    { AttributeName: "orderId", KeyType: "HASH" },
    { AttributeName: "connectionId", KeyType: "RANGE" },
  ]);
  assert.equal(
    [...Table!.AttributeDefinitions!].sort((a, b) => a.AttributeName!.localeCompare(b.AttributeName!)),
    [
      { AttributeName: "connectionId", AttributeType: "S" },
      { AttributeName: "orderId", AttributeType: "S" },
    ],
  );
  assert.is(Table!.GlobalSecondaryIndexes!.length, 1);
  const index = Table!.GlobalSecondaryIndexes![0]!;
  assert.is(index.IndexName, "connectionId-orderId-index");
  assert.equal(index.KeySchema, [
    { AttributeName: "connectionId", KeyType: "HASH" },
    { AttributeName: "orderId", KeyType: "RANGE" },
  ]);
  assert.equal(index.Projection, { ProjectionType: "ALL" });
  assert.is(index.IndexStatus, "ACTIVE");
  assert.is(Table!.TableArn, `arn:aws:dynamodb:${REGION}:${resources.account}:table/ClientCallbackTbl`);
  const { Count } = await clients.dynamodb.send(new ScanCommand({ TableName: "ClientCallbackTbl" }));
  assert.is(Count, 0);
});

test("three functions, nodejs20.x, index.handler, role OrderWSFunctionRole-lab, CLIENT_CALLBACK_TABLE, code = the packaged handler", async ({ lab }) => {
  const { clients, resources } = lab.main;
  const zips = await packageHandlers();
  const expected = { connect: "OrderWSConnectFunction", disconnect: "OrderWSDisconnectFunction", pending: "OrderWSPendingFunction" } as const;
  assert.equal(resources.functionNames, expected);
  for (const [handler, name] of Object.entries(expected) as Array<[keyof typeof expected, string]>) {
    const config = await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    assert.is(config.FunctionName, name);
    assert.is(config.FunctionArn, functionArn(resources.account, name));
    assert.is(resources.functionArns[handler], config.FunctionArn);
    assert.is(config.Runtime, "nodejs20.x");
    assert.is(config.Handler, "index.handler");
    assert.is(config.Role, `arn:aws:iam::${resources.account}:role/OrderWSFunctionRole-lab`);
    assert.equal(config.Environment?.Variables, { CLIENT_CALLBACK_TABLE: "ClientCallbackTbl" });
    assert.is(config.CodeSha256, createHash("sha256").update(zips[handler]).digest("base64"), name);
    assert.is(config.CodeSize, zips[handler].length);
    assert.is(config.State, "Active");
  }
});

test("only OrderWSConnectFunction has a policy: apigateway.amazonaws.com from <apiId>/*/$connect", async ({ lab }) => {
  const { clients, resources } = lab.main;
  assert.equal(await policyStatements(clients, "OrderWSConnectFunction"), [
    routeStatement(resources.account, resources.apiId, "OrderWSConnectFunction", "$connect"),
  ]);
  await assertNoPolicy(clients, "OrderWSDisconnectFunction");
  await assertNoPolicy(clients, "OrderWSPendingFunction");
});

test("WebSocket API OrderCallbackAPI with $request.body.action, reachable at <wsEndpoint>/<apiId>", async ({ lab }) => {
  const { clients, resources } = lab.main;
  const { Items = [] } = await clients.apigw.send(new GetApisCommand({}));
  assert.is(Items.length, 1);
  const api = Items[0]!;
  assert.is(api.Name, "OrderCallbackAPI");
  assert.is(api.ApiId, resources.apiId);
  assert.is(api.ProtocolType, "WEBSOCKET");
  assert.is(api.RouteSelectionExpression, "$request.body.action");
  assert.is(api.ApiEndpoint, `${lab.testLab.lab.wsEndpoint}/${resources.apiId}`);
  assert.is(resources.apiEndpoint, api.ApiEndpoint);
});

test("routes: $connect targets the connect integration; $disconnect and $default have no target key (API Gateway v2's Route resource)", async ({ lab }) => {
  const { clients, resources } = lab.main;
  const routes = await routesByKey(clients, resources.apiId);
  assert.equal(Object.keys(routes).sort(), ["$connect", "$default", "$disconnect"]);
  assert.is(routes.$connect!.Target, `integrations/${resources.integrationIds.$connect}`);
  for (const key of ["$connect", "$disconnect", "$default"] as const) {
    assert.is(routes[key]!.RouteId, resources.routeIds[key], key);
    assert.is(routes[key]!.AuthorizationType, "NONE", key);
    assert.is(routes[key]!.ApiKeyRequired, false, key);
    assert.is(routes[key]!.RouteResponseSelectionExpression, undefined, key);
    const { Items = [] } = await clients.apigw.send(new GetRouteResponsesCommand({ ApiId: resources.apiId, RouteId: routes[key]!.RouteId! }));
    assert.equal(Items, [], `${key} has no route response`);
  }
  assert.is(routes.$disconnect!.Target, undefined);
  assert.is(routes.$default!.Target, undefined);
});

test("one integration: Lambda proxy to OrderWSConnectFunction with the service's defaults (API Gateway v2's Integration resource)", async ({ lab }) => {
  const { clients, resources } = lab.main;
  const { Items = [] } = await clients.apigw.send(new GetIntegrationsCommand({ ApiId: resources.apiId }));
  assert.is(Items.length, 1);
  const integration = Items[0]!;
  assert.is(integration.IntegrationId, resources.integrationIds.$connect);
  assert.is(integration.IntegrationType, "AWS_PROXY");
  assert.is(integration.IntegrationMethod, "POST");
  assert.is(integration.IntegrationUri, invocationUri(resources.account, "OrderWSConnectFunction"));
  assert.is(integration.PayloadFormatVersion, "1.0");
  assert.is(integration.ConnectionType, "INTERNET");
  assert.is(integration.TimeoutInMillis, 29000);
  assert.is(integration.PassthroughBehavior, "WHEN_NO_MATCH");
});

test("stage v1 serves the one deployment, DEPLOYED, not auto-deployed", async ({ lab }) => {
  const { clients, resources } = lab.main;
  const { Items: stages = [] } = await clients.apigw.send(new GetStagesCommand({ ApiId: resources.apiId }));
  assert.equal(stages.map((stage) => stage.StageName), ["v1"]);
  assert.is(stages[0]!.DeploymentId, resources.deploymentId);
  assert.is(stages[0]!.AutoDeploy, false);
  const { Items: deployments = [] } = await clients.apigw.send(new GetDeploymentsCommand({ ApiId: resources.apiId }));
  assert.equal(
    deployments.map((d) => [d.DeploymentId, d.DeploymentStatus, d.AutoDeployed]),
    [[resources.deploymentId, "DEPLOYED", false]],
  );
});

test("a second account seeds its own, separate step-1 state", async ({ lab }) => {
  const second = await lab.seedAccount(2);
  assert.is(second.resources.account, labAccountKey(2).accountId);
  assert.is.not(second.resources.apiId, lab.main.resources.apiId);
  const { Items = [] } = await second.clients.apigw.send(new GetApisCommand({}));
  assert.equal(Items.map((api) => api.ApiId), [second.resources.apiId]);
  assert.is(second.resources.functionArns.pending, functionArn(second.resources.account, "OrderWSPendingFunction"));
});

async function seedWithStep2(lab: SeededLab, n: number, options: Parameters<typeof applyStep2>[2]) {
  const account: SeededAccount = await lab.seedAccount(n);
  const step2 = await applyStep2(account.target, account.resources, options);
  return { ...account, step2 };
}

function assertStep2Routes(routes: Record<string, Route>, resources: Step1Resources, integrationIds: { $disconnect: string; $default: string }) {
  assert.is(routes.$connect!.Target, `integrations/${resources.integrationIds.$connect}`);
  assert.is(routes.$disconnect!.Target, `integrations/${integrationIds.$disconnect}`);
  assert.is(routes.$default!.Target, `integrations/${integrationIds.$default}`);
  assert.is(routes.$default!.RouteResponseSelectionExpression, "$default");
  assert.is(routes.$disconnect!.RouteResponseSelectionExpression, undefined);
}

test("applyStep2: integrations to the disconnect and pending functions, permissions per route, $default two-way, deployed to v1", async ({ lab }) => {
  const { clients, resources, step2 } = await seedWithStep2(lab, 3, {});
  const { account, apiId } = resources;
  assertStep2Routes(await routesByKey(clients, apiId), resources, step2.integrationIds);
  const { Items: integrations = [] } = await clients.apigw.send(new GetIntegrationsCommand({ ApiId: apiId }));
  const uriById = Object.fromEntries(integrations.map((i) => [i.IntegrationId!, [i.IntegrationType, i.IntegrationUri]]));
  assert.equal(uriById, {
    [resources.integrationIds.$connect]: ["AWS_PROXY", invocationUri(account, "OrderWSConnectFunction")],
    [step2.integrationIds.$disconnect]: ["AWS_PROXY", invocationUri(account, "OrderWSDisconnectFunction")],
    [step2.integrationIds.$default]: ["AWS_PROXY", invocationUri(account, "OrderWSPendingFunction")],
  });
  const { Items: responses = [] } = await clients.apigw.send(new GetRouteResponsesCommand({ ApiId: apiId, RouteId: resources.routeIds.$default }));
  assert.equal(responses.map((r) => [r.RouteResponseId, r.RouteResponseKey]), [[step2.routeResponseId, "$default"]]);
  assert.equal(await policyStatements(clients, "OrderWSDisconnectFunction"), [routeStatement(account, apiId, "OrderWSDisconnectFunction", "$disconnect")]);
  assert.equal(await policyStatements(clients, "OrderWSPendingFunction"), [routeStatement(account, apiId, "OrderWSPendingFunction", "$default")]);
  const stage = await clients.apigw.send(new GetStageCommand({ ApiId: apiId, StageName: "v1" }));
  assert.ok(step2.deploymentId);
  assert.is.not(step2.deploymentId, resources.deploymentId);
  assert.is(stage.DeploymentId, step2.deploymentId);
});

test("applyStep2 with deploy: false leaves v1 on the step-1 deployment", async ({ lab }) => {
  const { clients, resources, step2 } = await seedWithStep2(lab, 4, { deploy: false });
  assert.is(step2.deploymentId, undefined);
  assertStep2Routes(await routesByKey(clients, resources.apiId), resources, step2.integrationIds);
  const stage = await clients.apigw.send(new GetStageCommand({ ApiId: resources.apiId, StageName: "v1" }));
  assert.is(stage.DeploymentId, resources.deploymentId);
  const { Items = [] } = await clients.apigw.send(new GetDeploymentsCommand({ ApiId: resources.apiId }));
  assert.is(Items.length, 1);
});

test("applyStep2 with omitPermissions: ['$default'] adds no policy to OrderWSPendingFunction", async ({ lab }) => {
  const { clients, resources } = await seedWithStep2(lab, 5, { omitPermissions: ["$default"] });
  await assertNoPolicy(clients, "OrderWSPendingFunction");
  assert.equal(await policyStatements(clients, "OrderWSDisconnectFunction"), [
    routeStatement(resources.account, resources.apiId, "OrderWSDisconnectFunction", "$disconnect"),
  ]);
});

test.run();
