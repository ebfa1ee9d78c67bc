// What both planners ask of a snapshot: is this integration right for that function, does this policy (or this
// one statement) let API Gateway invoke a function for a route, and could the account be read well enough to
// plan at all. The snapshot readers and the policy evaluator are the checks' own, so that a plan and a
// verdict never disagree about what is right.
import { parseLambdaFunctionArn, parseLambdaIntegrationUri } from "../aws/arn.js";
import type { FunctionView, IntegrationView, Snapshot, SnapshotPart } from "../collect/snapshot.js";
import { evaluateLambdaPolicy, executeApiSourceArn, type InvokeRequest, type PolicyDecision } from "../policy/lambda-policy.js";
import { accountOf, apiOf, regionOf, text } from "../../checks/lib/read.js";
import type { StepTarget } from "../../solution/target.js";
import type { Blocker, Message } from "./model.js";

export interface ApiPlace {
  region: string;
  account: string;
  apiId: string;
  /** The endpoint the account was read through when it is not AWS's: commands in notes name it. */
  endpoint?: string;
}

/** The API, its region and account, or the blockers that stop any plan (no API, unreadable parts). */
export function placeOf(snapshot: Snapshot, parts: readonly SnapshotPart[]): ApiPlace | Blocker[] {
  const unreadable = snapshot.errors.filter((error) => parts.includes(error.part));
  if (unreadable.length > 0) {
    return unreadable.map((error) => ({ kind: "unreadable", key: "blocked.unreadable", vars: { action: error.action, code: error.code, resource: error.resource ?? error.part } }));
  }
  const api = apiOf(snapshot);
  const region = regionOf(snapshot);
  const name = "name" in snapshot.apiQuery ? snapshot.apiQuery.name : snapshot.apiQuery.id;
  if (!api) {
    const elsewhere = snapshot.apiElsewhere.map((found) => found.region);
    if (elsewhere.length > 0) return [{ kind: "missing", key: "blocked.apiElsewhere", vars: { apiName: name, region, regions: elsewhere.join(", ") } }];
    return [{ kind: "missing", key: "blocked.noApi", vars: { apiName: name, region } }];
  }
  if (api.protocolType !== "WEBSOCKET") return [{ kind: "missing", key: "blocked.notWebsocket", vars: { apiName: name, apiId: api.apiId, protocolType: api.protocolType } }];
  const account = accountOf(snapshot);
  if (!account) return [{ kind: "unreadable", key: "blocked.noAccount", vars: {} }];
  return { region, account, apiId: api.apiId, ...(snapshot.endpoint ? { endpoint: snapshot.endpoint } : {}) };
}

/** The request Lambda evaluates when API Gateway invokes `fn` for a route on a stage (reference 2.1). */
export function invokeRequest(place: ApiPlace, fn: FunctionView, stage: string, routeKey: string): InvokeRequest {
  return {
    principalService: "apigateway.amazonaws.com",
    action: "lambda:InvokeFunction",
    // The checks and the lab's gateway evaluate the unqualified function's policy; so does the plan.
    resource: parseLambdaFunctionArn(fn.arn)?.unqualifiedArn ?? fn.arn,
    sourceArn: executeApiSourceArn(place.region, place.account, place.apiId, stage, routeKey),
    sourceAccount: place.account,
  };
}

export function decide(place: ApiPlace, fn: FunctionView, stage: string, routeKey: string): PolicyDecision {
  return evaluateLambdaPolicy(fn.policy, invokeRequest(place, fn, stage, routeKey));
}

/** Whether one statement, alone, lets API Gateway invoke `fn` for the route. */
export function statementAllows(statement: unknown, place: ApiPlace, fn: FunctionView, stage: string, routeKey: string): boolean {
  return evaluateLambdaPolicy({ Statement: [statement] }, invokeRequest(place, fn, stage, routeKey)).allowed;
}

/** The statements of a policy as GetPolicy returned it; an unreadable document has none. */
export function statementsOf(policy: string | null | undefined): unknown[] {
  if (!policy) return [];
  try {
    const doc: unknown = JSON.parse(policy);
    const statement = isDict(doc) ? doc.Statement : undefined;
    if (Array.isArray(statement)) return statement;
    return isDict(statement) ? [statement] : [];
  } catch {
    return [];
  }
}

export function sidOf(statement: unknown): string | undefined {
  return isDict(statement) ? text(statement.Sid) : undefined;
}

/**
 * Why an integration is not a Lambda proxy integration of `fn` in the API's own account and region
 * (the checks' s2.*-integration rule, and the integration method API Gateway requires for Lambda: POST),
 * or undefined when it is one.
 */
export function integrationProblem(integration: IntegrationView, fn: FunctionView, place: ApiPlace, target: StepTarget): Message | undefined {
  const vars = { integrationId: integration.integrationId, functionName: fn.name };
  const type = String(integration.integrationType ?? "").toUpperCase();
  if (type !== target.integration.type) return { key: "why.wrongType", vars: { ...vars, integrationType: type || "-" } };
  const uri = parseLambdaIntegrationUri(integration.integrationUri);
  if (!uri) return { key: "why.badUri", vars: { ...vars, uri: integration.integrationUri ?? "-" } };
  if (uri.functionName !== fn.name) return { key: "why.wrongFunction", vars: { ...vars, wiredFunction: uri.functionName } };
  if (uri.region !== place.region || uri.gatewayRegion !== place.region || uri.account !== place.account) {
    return { key: "why.otherLocation", vars: { ...vars, wiredRegion: uri.region, wiredAccount: uri.account } };
  }
  const method = text(integration.integrationMethod);
  if (method && method.toUpperCase() !== target.integration.method) return { key: "why.wrongMethod", vars: { ...vars, method } };
  return undefined;
}

export function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
