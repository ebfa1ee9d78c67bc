// Runs a route's integration as API Gateway does for a WebSocket API: only a Lambda proxy integration
// executes; before the function runs, its resource policy must let API Gateway invoke it for this route
// (Lambda AddPermission; Lambda GetPolicy; IAM condition operators; aws-cdk#18208 on a missing invoke
// permission, UNCONFIRMED in detail); the function's return value is read as a Lambda proxy result (the
// WebSocket events in aws-lambda-go's testdata).
//
// Sources cited in this file:
// - API Gateway v2's Integration resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
// - API Gateway v2's Route resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html
// - aws-cdk#18208 on a missing invoke permission: https://github.com/aws/aws-cdk/issues/18208
// - IAM condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
// - Lambda GetPolicy: https://docs.aws.amazon.com/lambda/latest/dg/API_GetPolicy.html
// - the WebSocket events in aws-lambda-go's testdata: https://github.com/aws/aws-lambda-go/tree/main/events/testdata
import { evaluateLambdaPolicy, executeApiSourceArn } from "../../policy/lambda-policy.js";
import type { DeployedConfig, Integration, Route } from "../apigw/model.js";
import type { InvokeOutcome, LabContext } from "../context.js";
import { parseLambdaIntegrationUri } from "../../aws/arn.js";

/** The API and stage a request came through: whose policy condition values they are. */
export interface StageRef {
  apiId: string;
  account: string;
  region: string;
  stage: string;
}

export interface ProxyResult {
  statusCode: number;
  headers: Record<string, unknown>;
  multiValueHeaders: Record<string, unknown>;
  body?: string;
}

export type Outcome =
  | { kind: "no-integration" }
  | { kind: "result"; result: ProxyResult }
  /** The function ran but its answer is not a Lambda proxy result. */
  | { kind: "malformed"; detail: string }
  | { kind: "failed"; reason: "function-error" | "timeout" | "denied" | "misconfigured"; detail: string };

type Failure = Extract<Outcome, { kind: "failed" }>;

function failed(reason: Failure["reason"], detail: string): Failure {
  return { kind: "failed", reason, detail };
}

/** The integration a route targets ("integrations/<id>", API Gateway v2's Route resource) in the deployed snapshot. */
function targetIntegration(config: DeployedConfig, route: Route): Integration | undefined {
  const id = route.target?.replace(/^integrations\//, "");
  return config.integrations.find((integration) => integration.integrationId === id);
}

interface Target {
  name: string;
  qualifier?: string;
  account: string;
  region: string;
  functionArn: string;
  policy: unknown;
}

/** The function a Lambda proxy integration names, or why it cannot run. */
function resolveFunction(ctx: LabContext, stage: StageRef, integration: Integration): Target | Failure {
  if (integration.integrationType !== "AWS_PROXY") return failed("misconfigured", `integration type ${integration.integrationType} is not a Lambda proxy integration`);
  // arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<functionArn>/invocations (API Gateway v2's Integration resource)
  const uri = parseLambdaIntegrationUri(integration.integrationUri);
  if (!uri) return failed("misconfigured", `integration URI ${integration.integrationUri ?? "(none)"} does not name a Lambda function`);
  const parsed = { name: uri.functionName, account: uri.account, region: uri.region, ...(uri.qualifier === undefined ? {} : { qualifier: uri.qualifier }) };
  const ref = uri.functionArn;
  const fn = ctx.stores.lambda.region(parsed.account, parsed.region).functions.get(parsed.name);
  if (!fn) return failed("misconfigured", `function not found: ${ref}`);
  // A qualified integration is checked as the qualified ARN: AddPermission with a Qualifier writes that
  // as the statement's Resource, so only statements for that qualifier (or wildcards) cover it.
  const arn = parsed.qualifier === undefined ? fn.configuration.FunctionArn : `${fn.configuration.FunctionArn}:${parsed.qualifier}`;
  return { ...parsed, functionArn: arn, policy: fn.policy };
}

/**
 * Lambda's check of API Gateway's invocation: principal apigateway.amazonaws.com, source ARN of this
 * route on this stage, source account the API's (Lambda AddPermission).
 */
function permissionDenied(target: Target, stage: StageRef, routeKey: string): Failure | undefined {
  const decision = evaluateLambdaPolicy(target.policy, {
    principalService: "apigateway.amazonaws.com",
    action: "lambda:InvokeFunction",
    resource: target.functionArn,
    sourceArn: executeApiSourceArn(stage.region, stage.account, stage.apiId, stage.stage, routeKey),
    sourceAccount: stage.account,
  });
  if (decision.allowed) return undefined;
  const why = decision.problem ?? decision.statements.map((s) => `${s.sid ?? `#${s.index}`}: ${s.reason}`).join("; ");
  return failed("denied", `${decision.decision}: ${why || "no statement allows it"}`);
}

const TIMED_OUT = Symbol("timed out");

/** The integration timeout bounds the whole invocation (timeoutInMillis, 50-29000 ms, API Gateway v2's Integration resource). */
async function invokeWithin(ctx: LabContext, target: Target, event: unknown, timeoutMs: number): Promise<InvokeOutcome | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  const payload = Buffer.from(JSON.stringify(event));
  try {
    return await Promise.race([ctx.lambda.invoke(target.account, target.region, target.name, payload, target.qualifier), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Header values as API Gateway reads them from a proxy result: strings, numbers or booleans as text. */
export function resultHeader(result: ProxyResult, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(result.headers)) {
    if (key.toLowerCase() === wanted && ["string", "number", "boolean"].includes(typeof value)) return String(value);
  }
  for (const [key, value] of Object.entries(result.multiValueHeaders)) {
    if (key.toLowerCase() === wanted && Array.isArray(value) && value.length > 0) return value.map(String).join(",");
  }
  return undefined;
}

/**
 * A Lambda proxy result: a JSON object with a statusCode (number or numeric text) and, if any, a string
 * body. UNCONFIRMED for WebSocket: anything else counts as malformed, as "Malformed Lambda proxy
 * response" does for REST APIs.
 */
function readProxyResult(payload: Buffer): ProxyResult | string {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString("utf8"));
  } catch {
    return "the function's answer is not JSON";
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "the function's answer is not a JSON object";
  const answer = value as Record<string, unknown>;
  const statusCode = Number(answer.statusCode);
  // 1xx is not a final answer an HTTP client could be refused with.
  if (!Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599) return `statusCode ${JSON.stringify(answer.statusCode)} is not an HTTP status`;
  if (answer.body !== undefined && answer.body !== null && typeof answer.body !== "string") return "body is not a string";
  const record = (v: unknown) => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const result: ProxyResult = { statusCode, headers: record(answer.headers), multiValueHeaders: record(answer.multiValueHeaders) };
  if (typeof answer.body === "string") result.body = answer.body;
  return result;
}

/** Runs the route's integration with the event, if it has one, and says how it went. */
export async function runIntegration(ctx: LabContext, stage: StageRef, config: DeployedConfig, route: Route, event: unknown): Promise<Outcome> {
  if (route.target === undefined) return { kind: "no-integration" };
  const integration = targetIntegration(config, route);
  if (!integration) return failed("misconfigured", `route ${route.routeKey} targets ${route.target}, which the deployment does not contain`);
  const target = resolveFunction(ctx, stage, integration);
  if ("kind" in target) return target;
  const denied = permissionDenied(target, stage, route.routeKey);
  if (denied) return denied;
  let outcome: InvokeOutcome | typeof TIMED_OUT;
  try {
    outcome = await invokeWithin(ctx, target, event, integration.timeoutInMillis || 29000);
  } catch (error) {
    return failed("misconfigured", `Invoke failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  if (outcome === TIMED_OUT) return failed("timeout", `no answer within ${integration.timeoutInMillis} ms`);
  if (outcome.functionError) return failed("function-error", outcome.payload.toString("utf8"));
  const result = readProxyResult(outcome.payload);
  return typeof result === "string" ? { kind: "malformed", detail: result } : { kind: "result", result };
}
