// Builds an account in the state workshop step 1 leaves (test/lab/seed.test.ts reads it back), through the
// public API with the real SDK v3 clients: a client of any endpoint (the lab or AWS), so seeding the lab also
// exercises the emulator. A scenario is `seedStep1` followed by a few API calls; the route-level helpers below
// are what those calls are made of.
//
// Sources cited in this file:
// - API Gateway v2's Integration resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
// - API Gateway v2's Route resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - API Gateway's WebSocket route responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
// - aws-cdk#18208 on a missing invoke permission: https://github.com/aws/aws-cdk/issues/18208
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
import {
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  UpdateRouteCommand,
} from "@aws-sdk/client-apigatewayv2";
import { CreateTableCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { AddPermissionCommand, CreateFunctionCommand, waitUntilFunctionActiveV2 } from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { HANDLER_ENTRY, HANDLER_NAMES, packageHandlers, type HandlerName } from "../../solution/package.js";
import { lambdaIntegrationUri } from "../aws/arn.js";
import { withClients, type AwsClients, type AwsTarget } from "../aws/clients.js";
import { executeApiSourceArn } from "../policy/lambda-policy.js";
import { CONNECTION_INDEX, CONNECTION_INDEX_KEYS, TABLE_ENV, TABLE_KEYS, TABLE_NAME } from "../workshop/callback-table.js";
import { API_NAME, FUNCTION_NAMES, ROUTE_SELECTION_EXPRESSION, STAGE_NAME } from "../workshop/names.js";
import type { RouteKey } from "../workshop/routes.js";
import { LAMBDA_PROXY, TWO_WAY_KEY, WORKSHOP_STEP2, type Step2RouteKey } from "../workshop/step2.js";

export type { RouteKey };

/** What the lab's seed chooses where the workshop's stack leaves it open: the runtime and the role's name. */
const SEED = { runtime: "nodejs20.x", roleName: "OrderWSFunctionRole-lab" } as const;

export interface Step1Resources {
  account: string;
  region: string;
  tableName: string;
  apiId: string;
  /** ws://127.0.0.1:<port>/<apiId> in the lab, wss://<apiId>.execute-api.<region>.amazonaws.com on AWS. */
  apiEndpoint: string;
  stageName: string;
  deploymentId: string;
  routeIds: Record<RouteKey, string>;
  /** Step 1 integrates $connect only. */
  integrationIds: { $connect: string };
  functionNames: Record<HandlerName, string>;
  functionArns: Record<HandlerName, string>;
}

export async function seedStep1(target: AwsTarget): Promise<Step1Resources> {
  return withClients(target, async (clients) => {
    const [account, zips] = await Promise.all([accountOf(clients), packageHandlers()]);
    const [, functionArns, api] = await Promise.all([
      createTable(clients),
      createFunctions(clients, account, zips),
      createApi(clients),
    ]);
    const base = { account, region: target.region, apiId: api.apiId };
    const connectIntegration = await integrateFunction(clients, base, functionArns.connect);
    const routeIds = await createRoutes(clients, api.apiId, connectIntegration);
    await permitRoute(clients, base, "$connect", FUNCTION_NAMES.connect);
    await clients.apigw.send(new CreateStageCommand({ ApiId: api.apiId, StageName: STAGE_NAME }));
    const deploymentId = await deploy(clients, api.apiId, STAGE_NAME);
    return {
      ...base,
      tableName: TABLE_NAME,
      apiEndpoint: api.apiEndpoint,
      stageName: STAGE_NAME,
      deploymentId,
      routeIds,
      integrationIds: { $connect: connectIntegration },
      functionNames: { ...FUNCTION_NAMES },
      functionArns,
    };
  });
}

export interface Step2Options {
  /** false leaves the changes undeployed (a stage serves its deployment only, API Gateway's WebSocket deployments). */
  deploy?: boolean;
  /** Routes whose AddPermission is left out, so API Gateway may not invoke their function (aws-cdk#18208 on a missing invoke permission, UNCONFIRMED in detail). */
  omitPermissions?: Step2RouteKey[];
}

export interface Step2Resources {
  integrationIds: Record<Step2RouteKey, string>;
  routeResponseId: string;
  /** Absent when the deployment was left out. */
  deploymentId?: string;
}

/**
 * The reference solution of workshop step 2 (lab guide items 4-11), as the console's clicks reach the API:
 * a Lambda proxy integration and permission per route, "add integration response" on $default as the
 * two-way switch (API Gateway's WebSocket route responses), then Deploy API to v1.
 */
export async function applyStep2(target: AwsTarget, resources: Step1Resources, options: Step2Options = {}): Promise<Step2Resources> {
  return withClients(target, async (clients) => {
    const omitted = new Set(options.omitPermissions ?? []);
    const integrationIds = { $disconnect: "", $default: "" };
    let routeResponseId = "";
    for (const { routeKey, role, twoWay } of WORKSHOP_STEP2.routes) {
      integrationIds[routeKey] = await integrateRoute(clients, resources, routeKey, resources.functionArns[role]);
      if (!omitted.has(routeKey)) await permitRoute(clients, resources, routeKey, resources.functionNames[role]);
      if (twoWay) routeResponseId = await enableTwoWay(clients, resources.apiId, resources.routeIds[routeKey]);
    }
    const deploymentId = options.deploy === false ? undefined : await deploy(clients, resources.apiId, resources.stageName);
    return { integrationIds, routeResponseId, ...(deploymentId ? { deploymentId } : {}) };
  });
}

/** Where a route lives, as execute-api ARNs name it. */
export interface ApiLocation {
  account: string;
  region: string;
  apiId: string;
}

/** A Lambda proxy integration as the console creates it (API Gateway v2's Integration resource); the service fills in the rest. */
export async function integrateFunction(clients: AwsClients, api: ApiLocation, functionArn: string): Promise<string> {
  const created = await clients.apigw.send(
    new CreateIntegrationCommand({
      ApiId: api.apiId,
      IntegrationType: LAMBDA_PROXY.type,
      IntegrationMethod: LAMBDA_PROXY.method,
      IntegrationUri: lambdaIntegrationUri(api.region, functionArn),
    }),
  );
  return created.IntegrationId!;
}

/** Points an existing route at a new Lambda proxy integration (target "integrations/<id>", API Gateway v2's Route resource). */
export async function integrateRoute(clients: AwsClients, resources: Step1Resources, routeKey: RouteKey, functionArn: string): Promise<string> {
  const integrationId = await integrateFunction(clients, resources, functionArn);
  await clients.apigw.send(new UpdateRouteCommand({ ApiId: resources.apiId, RouteId: resources.routeIds[routeKey], Target: `integrations/${integrationId}` }));
  return integrationId;
}

/**
 * What the console's "add permission" dialog does: one AddPermission for apigateway.amazonaws.com,
 * limited to this route on any stage, the IaC convention for the SourceArn (Lambda AddPermission; the console's
 * own form is unconfirmed).
 */
export async function permitRoute(clients: AwsClients, api: ApiLocation, routeKey: RouteKey, functionName: string): Promise<void> {
  await clients.lambda.send(
    new AddPermissionCommand({
      FunctionName: functionName,
      StatementId: `apigateway-${api.apiId}-${routeKey.slice(1)}`,
      Action: "lambda:InvokeFunction",
      Principal: "apigateway.amazonaws.com",
      SourceArn: routeSourceArn(api, "*", routeKey),
    }),
  );
}

export function routeSourceArn(api: ApiLocation, stage: string, routeKey: string): string {
  return executeApiSourceArn(api.region, api.account, api.apiId, stage, routeKey);
}

/** Two-way communication: routeResponseSelectionExpression `$default` plus a `$default` route response (API Gateway's WebSocket route responses). */
export async function enableTwoWay(clients: AwsClients, apiId: string, routeId: string): Promise<string> {
  await clients.apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, RouteResponseSelectionExpression: TWO_WAY_KEY }));
  const created = await clients.apigw.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: routeId, RouteResponseKey: TWO_WAY_KEY }));
  return created.RouteResponseId!;
}

/** "Deploy API" to a stage: CreateDeployment with StageName attaches the snapshot to it (API Gateway's WebSocket deployments). */
export async function deploy(clients: AwsClients, apiId: string, stageName: string): Promise<string> {
  const created = await clients.apigw.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: stageName }));
  return created.DeploymentId!;
}

async function accountOf(clients: AwsClients): Promise<string> {
  const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
  return identity.Account!;
}

// The waiters poll from 100 ms up to 2 s apart: quick in the lab, still gentle on AWS, where a table
// or function takes seconds to become ACTIVE.
const WAIT = { minDelay: 0.1, maxDelay: 2, maxWaitTime: 120 };

async function createTable(clients: AwsClients): Promise<void> {
  const key = (name: string, KeyType: "HASH" | "RANGE") => ({ AttributeName: name, KeyType });
  await clients.dynamodb.send(
    new CreateTableCommand({
      TableName: TABLE_NAME,
      AttributeDefinitions: [
        { AttributeName: TABLE_KEYS.partition, AttributeType: "S" },
        { AttributeName: TABLE_KEYS.sort, AttributeType: "S" },
      ],
      KeySchema: [key(TABLE_KEYS.partition, "HASH"), key(TABLE_KEYS.sort, "RANGE")],
      GlobalSecondaryIndexes: [
        {
          IndexName: CONNECTION_INDEX,
          KeySchema: [key(CONNECTION_INDEX_KEYS.partition, "HASH"), key(CONNECTION_INDEX_KEYS.sort, "RANGE")],
          Projection: { ProjectionType: "ALL" },
        },
      ],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  await waitUntilTableExists({ client: clients.dynamodb, ...WAIT }, { TableName: TABLE_NAME });
}

async function createFunctions(clients: AwsClients, account: string, zips: Record<HandlerName, Buffer>): Promise<Record<HandlerName, string>> {
  const arns = await Promise.all(HANDLER_NAMES.map((handler) => createFunction(clients, account, FUNCTION_NAMES[handler], zips[handler])));
  return Object.fromEntries(HANDLER_NAMES.map((handler, i) => [handler, arns[i]!])) as Record<HandlerName, string>;
}

async function createFunction(clients: AwsClients, account: string, name: string, zip: Buffer): Promise<string> {
  const created = await clients.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: SEED.runtime,
      Handler: HANDLER_ENTRY,
      Role: `arn:aws:iam::${account}:role/${SEED.roleName}`,
      Code: { ZipFile: zip },
      Environment: { Variables: { [TABLE_ENV]: TABLE_NAME } },
    }),
  );
  // A new function is Pending until Lambda has prepared it; invoking it before it is Active fails.
  await waitUntilFunctionActiveV2({ client: clients.lambda, ...WAIT }, { FunctionName: name });
  return created.FunctionArn!;
}

async function createApi(clients: AwsClients): Promise<{ apiId: string; apiEndpoint: string }> {
  const created = await clients.apigw.send(
    new CreateApiCommand({ Name: API_NAME, ProtocolType: "WEBSOCKET", RouteSelectionExpression: ROUTE_SELECTION_EXPRESSION }),
  );
  return { apiId: created.ApiId!, apiEndpoint: created.ApiEndpoint! };
}

/** $connect integrated from the start; $disconnect and $default without a target, as step 1 leaves them (API Gateway v2's Route resource). */
async function createRoutes(clients: AwsClients, apiId: string, connectIntegration: string): Promise<Record<RouteKey, string>> {
  const route = async (RouteKey: RouteKey, Target?: string) =>
    (await clients.apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey, ...(Target ? { Target } : {}) }))).RouteId!;
  return {
    $connect: await route("$connect", `integrations/${connectIntegration}`),
    $disconnect: await route("$disconnect"),
    $default: await route("$default"),
  };
}
