// collect: the only code that reads an account for checking. Each AWS call is made once, and calls that do
// not depend on each other run together, so a full read is three sequential round trips:
//   1. GetCallerIdentity, GetApis (or GetApi), ListFunctions
//   2. GetRoutes, GetIntegrations, GetStages, GetDeployments | GetPolicy ×3, DescribeTable
//   3. GetRouteResponses and GetIntegrationResponses of the $default route
// A failed read is recorded in `errors` with the IAM action it needs, never mistaken for a missing resource.
//
// Sources cited in this file:
// - Lambda GetPolicy: https://docs.aws.amazon.com/lambda/latest/dg/API_GetPolicy.html
import {
  GetApiCommand,
  GetApisCommand,
  GetDeploymentsCommand,
  GetIntegrationResponsesCommand,
  GetIntegrationsCommand,
  GetRouteResponsesCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type ApiGatewayV2Client,
} from "@aws-sdk/client-apigatewayv2";
import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { GetPolicyCommand, ListFunctionsCommand, type FunctionConfiguration, type LambdaClient } from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { TABLE_ENV } from "../workshop/callback-table.js";
import { API_NAME, FUNCTION_NAMES, FUNCTION_ROLES, type FunctionRole } from "../workshop/names.js";
import {
  type ApiView,
  type CollectError,
  type FunctionView,
  type Snapshot,
  type SnapshotPart,
  type TableView,
} from "./snapshot.js";

export interface CollectClients {
  apigw: ApiGatewayV2Client;
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  sts: STSClient;
}

export interface CollectOptions {
  region: string;
  apiName?: string;
  apiId?: string;
  /** Regions to look in when the API is not in `region` (only then). */
  otherRegions?: string[];
  /** Clients for another region, to answer "does it exist elsewhere?". */
  clientsForRegion?: (region: string) => Pick<CollectClients, "apigw">;
  /** The endpoint the clients use when it is not AWS's own, recorded for the hints' commands. */
  endpoint?: string;
}

/** Regions a workshop is commonly run in; looked at only when the API is missing in the chosen one. */
export const COMMON_REGIONS = ["ap-northeast-2", "us-east-1", "us-west-2", "ap-northeast-1", "ap-southeast-1", "eu-west-1"];

export async function collect(clients: CollectClients, options: CollectOptions): Promise<Snapshot> {
  const errors: CollectError[] = [];
  const attempt = <T>(part: SnapshotPart, action: string, work: () => Promise<T>, resource?: string): Promise<T | undefined> =>
    work().catch((error: unknown) => {
      errors.push(toCollectError(part, action, error, resource));
      return undefined;
    });
  const apiQuery: Snapshot["apiQuery"] = options.apiId ? { id: options.apiId } : { name: options.apiName ?? API_NAME };

  const identity = attempt("identity", "sts:GetCallerIdentity", () => clients.sts.send(new GetCallerIdentityCommand({})));
  const api = attempt("api", "apigateway:GET", () => findApi(clients.apigw, apiQuery));
  const functions = attempt("functions", "lambda:ListFunctions", () => listFunctions(clients.lambda));

  const apiParts = api.then((found) => (found ? readApi(clients.apigw, found.apiId, attempt) : undefined));
  const policies = functions.then((found) => (found ? readPolicies(clients.lambda, found, attempt) : undefined));
  const table = functions.then((found) => readTable(clients.dynamodb, found, attempt));
  const elsewhere = api.then((found) =>
    found === null && "name" in apiQuery && options.clientsForRegion ? findElsewhere(options, apiQuery.name) : [],
  );

  const [who, apiFound, parts, fns, tableView, apiElsewhere] = await Promise.all([identity, api, apiParts, policies, table, elsewhere]);
  return {
    version: 1,
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    account: who?.Account ?? null,
    apiQuery,
    api: apiFound ?? null,
    apiElsewhere,
    routes: parts?.routes ?? [],
    routeResponses: parts?.routeResponses ?? {},
    integrations: parts?.integrations ?? [],
    integrationResponses: parts?.integrationResponses ?? {},
    stages: parts?.stages ?? [],
    deployments: parts?.deployments ?? [],
    functions: fns ?? { connect: null, disconnect: null, pending: null },
    table: tableView ?? null,
    errors,
  };
}

type Attempt = <T>(part: SnapshotPart, action: string, work: () => Promise<T>, resource?: string) => Promise<T | undefined>;

async function findApi(apigw: ApiGatewayV2Client, query: { name: string } | { id: string }): Promise<ApiView | null> {
  if ("id" in query) {
    try {
      return toApiView(await apigw.send(new GetApiCommand({ ApiId: query.id })));
    } catch (error) {
      if (errorName(error) === "NotFoundException") return null;
      throw error;
    }
  }
  const apis = await paginate((NextToken) => apigw.send(new GetApisCommand({ NextToken })));
  // Several APIs may share the name; prefer a WebSocket one, as the workshop's is.
  const named = apis.filter((item) => item.Name === query.name);
  const chosen = named.find((item) => item.ProtocolType === "WEBSOCKET") ?? named[0];
  return chosen ? toApiView(chosen) : null;
}

function toApiView(api: { ApiId?: string; Name?: string; ProtocolType?: string; ApiEndpoint?: string; RouteSelectionExpression?: string }): ApiView {
  return clean({
    apiId: api.ApiId ?? "",
    name: api.Name ?? "",
    protocolType: api.ProtocolType ?? "",
    apiEndpoint: api.ApiEndpoint,
    routeSelectionExpression: api.RouteSelectionExpression,
  });
}

async function readApi(apigw: ApiGatewayV2Client, apiId: string, attempt: Attempt) {
  const ApiId = apiId;
  const routes = attempt("routes", "apigateway:GET", () => paginate((NextToken) => apigw.send(new GetRoutesCommand({ ApiId, NextToken }))));
  const integrations = attempt("integrations", "apigateway:GET", () => paginate((NextToken) => apigw.send(new GetIntegrationsCommand({ ApiId, NextToken }))));
  const stages = attempt("stages", "apigateway:GET", () => paginate((NextToken) => apigw.send(new GetStagesCommand({ ApiId, NextToken }))));
  const deployments = attempt("deployments", "apigateway:GET", () => paginate((NextToken) => apigw.send(new GetDeploymentsCommand({ ApiId, NextToken }))));

  // Only $default can be two-way in this step; its route responses and its integration's responses are read.
  const defaultRoute = routes.then((items) => items?.find((route) => route.RouteKey === "$default"));
  const routeResponses = defaultRoute.then(async (route) => {
    if (!route?.RouteId) return {};
    const RouteId = route.RouteId;
    const items = await attempt("routeResponses", "apigateway:GET", () => paginate((NextToken) => apigw.send(new GetRouteResponsesCommand({ ApiId, RouteId, NextToken }))));
    return { [RouteId]: (items ?? []).map((item) => ({ routeResponseId: item.RouteResponseId ?? "", routeResponseKey: item.RouteResponseKey ?? "" })) };
  });
  const integrationResponses = defaultRoute.then(async (route) => {
    const IntegrationId = route?.Target?.startsWith("integrations/") ? route.Target.slice("integrations/".length) : undefined;
    if (!IntegrationId) return {};
    const items = await attempt("integrationResponses", "apigateway:GET", () =>
      paginate((NextToken) => apigw.send(new GetIntegrationResponsesCommand({ ApiId, IntegrationId, NextToken }))),
    );
    return { [IntegrationId]: (items ?? []).map((item) => ({ integrationResponseId: item.IntegrationResponseId ?? "", integrationResponseKey: item.IntegrationResponseKey ?? "" })) };
  });

  const [r, i, s, d, rr, ir] = await Promise.all([routes, integrations, stages, deployments, routeResponses, integrationResponses]);
  return {
    routes: (r ?? []).map((route) => clean({ routeId: route.RouteId ?? "", routeKey: route.RouteKey ?? "", target: route.Target, routeResponseSelectionExpression: route.RouteResponseSelectionExpression })),
    integrations: (i ?? []).map((item) =>
      clean({
        integrationId: item.IntegrationId ?? "",
        integrationType: item.IntegrationType ?? "",
        integrationUri: item.IntegrationUri,
        integrationMethod: item.IntegrationMethod,
        connectionType: item.ConnectionType,
        payloadFormatVersion: item.PayloadFormatVersion,
      }),
    ),
    stages: (s ?? []).map((stage) =>
      clean({ stageName: stage.StageName ?? "", deploymentId: stage.DeploymentId, autoDeploy: stage.AutoDeploy, createdDate: iso(stage.CreatedDate), lastUpdatedDate: iso(stage.LastUpdatedDate) }),
    ),
    deployments: (d ?? []).map((item) =>
      clean({ deploymentId: item.DeploymentId ?? "", deploymentStatus: item.DeploymentStatus, createdDate: iso(item.CreatedDate), autoDeployed: item.AutoDeployed }),
    ),
    routeResponses: rr,
    integrationResponses: ir,
  };
}

async function listFunctions(lambda: LambdaClient): Promise<FunctionConfiguration[]> {
  const all: FunctionConfiguration[] = [];
  let Marker: string | undefined;
  do {
    const page = await lambda.send(new ListFunctionsCommand({ Marker, MaxItems: 50 }));
    all.push(...(page.Functions ?? []));
    Marker = page.NextMarker;
  } while (Marker);
  return all;
}

/**
 * The function of each role: the exact name, else a name that carries it between CloudFormation's stack
 * prefix and random suffix (awsomepets-OrderWSConnectFunction-1A2B3C), the shortest first.
 */
export function matchFunction(functions: FunctionConfiguration[], role: FunctionRole): FunctionConfiguration | undefined {
  const base = FUNCTION_NAMES[role];
  const exact = functions.find((fn) => fn.FunctionName === base);
  if (exact) return exact;
  const pattern = new RegExp(`(^|[-_])${base}([-_]|$)`);
  return functions.filter((fn) => pattern.test(fn.FunctionName ?? "")).sort((a, b) => (a.FunctionName ?? "").length - (b.FunctionName ?? "").length)[0];
}

async function readPolicies(lambda: LambdaClient, functions: FunctionConfiguration[], attempt: Attempt): Promise<Record<FunctionRole, FunctionView | null>> {
  const views = await Promise.all(
    FUNCTION_ROLES.map(async (role) => {
      const fn = matchFunction(functions, role);
      if (!fn?.FunctionName) return [role, null] as const;
      const policy = await attempt("policies", "lambda:GetPolicy", () => getPolicy(lambda, fn.FunctionName!), fn.FunctionName);
      const view: FunctionView = clean({
        name: fn.FunctionName,
        arn: fn.FunctionArn ?? "",
        runtime: fn.Runtime,
        handler: fn.Handler,
        codeSha256: fn.CodeSha256,
        environment: { ...(fn.Environment?.Variables ?? {}) },
        policy: policy ?? null,
      });
      return [role, view] as const;
    }),
  );
  return Object.fromEntries(views) as Record<FunctionRole, FunctionView | null>;
}

/** The policy JSON string, or null when the function has none (GetPolicy's 404, Lambda GetPolicy). */
async function getPolicy(lambda: LambdaClient, functionName: string): Promise<string | null> {
  try {
    return (await lambda.send(new GetPolicyCommand({ FunctionName: functionName }))).Policy ?? null;
  } catch (error) {
    if (errorName(error) === "ResourceNotFoundException") return null;
    throw error;
  }
}

async function readTable(dynamodb: DynamoDBClient, functions: FunctionConfiguration[] | undefined, attempt: Attempt): Promise<TableView | null | undefined> {
  const name = FUNCTION_ROLES.map((role) => matchFunction(functions ?? [], role)?.Environment?.Variables?.[TABLE_ENV]).find(Boolean);
  if (!name) return null;
  return attempt("table", "dynamodb:DescribeTable", async () => {
    try {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
      return {
        name,
        status: Table?.TableStatus,
        keySchema: (Table?.KeySchema ?? []).map((key) => ({ attributeName: key.AttributeName ?? "", keyType: key.KeyType ?? "" })),
        indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
          indexName: index.IndexName ?? "",
          keySchema: (index.KeySchema ?? []).map((key) => ({ attributeName: key.AttributeName ?? "", keyType: key.KeyType ?? "" })),
        })),
      };
    } catch (error) {
      if (errorName(error) === "ResourceNotFoundException") return null;
      throw error;
    }
  }, name);
}

async function findElsewhere(options: CollectOptions, name: string): Promise<{ region: string; apiId: string }[]> {
  const regions = (options.otherRegions ?? COMMON_REGIONS).filter((region) => region !== options.region);
  const found = await Promise.all(
    regions.map(async (region) => {
      try {
        const api = await findApi(options.clientsForRegion!(region).apigw, { name });
        return api ? [{ region, apiId: api.apiId }] : [];
      } catch {
        // Another region is only a hint for the message; a region the caller cannot read is passed over.
        return [];
      }
    }),
  );
  return found.flat();
}

/** Follows nextToken until the last page (SDK v3 ships no paginators for these operations:
 * node_modules/@aws-sdk/client-apigatewayv2/dist-es/pagination/ holds only ListRoutingRules). */
async function paginate<T>(page: (nextToken: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const out = await page(token);
    items.push(...(out.Items ?? []));
    token = out.NextToken;
  } while (token);
  return items;
}

function toCollectError(part: SnapshotPart, action: string, error: unknown, resource?: string): CollectError {
  const e = error as { name?: string; message?: string; code?: string };
  return clean({ part, action, code: e.name ?? e.code ?? "Error", message: e.message ?? String(error), resource });
}

export function errorName(error: unknown): string | undefined {
  return (error as { name?: string } | undefined)?.name;
}

function iso(date: Date | string | undefined): string | undefined {
  if (date === undefined) return undefined;
  return typeof date === "string" ? date : date.toISOString();
}

/** Drops undefined members so the snapshot is the same JSON whether it was read or replayed. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
