// "This route's integration calls that function": the one judgement of a route's wiring, made the way API
// Gateway finds the function (route.target → integration → integrationUri → function ARN; API Gateway v2's Route resource;
// one integration may serve several routes)
// and read by the checks (checks/lib/wiring.ts says why in their words) and by the plan (src/plan/solve.ts
// decides what to re-point and which integration it may reuse). What the rule accepts:
// - a Lambda proxy integration (AWS_PROXY): a non-proxy (AWS) one hands the workshop's functions another event
//   (API Gateway v2's Integration resource; the guide's note "Websocket API는 Lambda 프록시 통합으로 구성됩니다");
// - of exactly the function the account has for that role (the one whose permission and code are judged),
//   any version or alias of it;
// - in the API's own region and account;
// - with method POST, or none recorded (API Gateway fills POST in; src/workshop/step2.ts LAMBDA_PROXY).
//
// Sources cited in this file:
// - API Gateway v2's Integration resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
// - API Gateway v2's Route resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html
import { parseLambdaIntegrationUri, type LambdaIntegrationUri } from "../aws/arn.js";
import type { IntegrationView, RouteView, Snapshot } from "../collect/snapshot.js";
import { LAMBDA_PROXY } from "../workshop/step2.js";
import { apiOf, integrationById, routeOf, targetIntegrationId, text } from "./read.js";

/** The function a route must call, where it must live. */
export interface ExpectedFunction {
  functionName: string;
  region: string;
  /** Unknown when the account could not be read; then any account is taken. */
  account?: string;
}

export type IntegrationProblem =
  | { kind: "type"; integrationType: string }
  | { kind: "uri"; uri: string }
  | { kind: "function"; target: LambdaIntegrationUri }
  | { kind: "region"; target: LambdaIntegrationUri; wiredRegion: string }
  | { kind: "account"; target: LambdaIntegrationUri }
  | { kind: "method"; target: LambdaIntegrationUri; method: string };

export type IntegrationJudgement = { ok: true; target: LambdaIntegrationUri } | { ok: false; problem: IntegrationProblem };

/** Whether `integration` is a Lambda proxy integration of the expected function, and if not, the first thing wrong. */
export function judgeIntegration(integration: IntegrationView, expected: ExpectedFunction): IntegrationJudgement {
  const integrationType = String(text(integration.integrationType) ?? "-").toUpperCase();
  if (integrationType !== LAMBDA_PROXY.type) return { ok: false, problem: { kind: "type", integrationType } };
  const target = parseLambdaIntegrationUri(integration.integrationUri);
  if (!target) return { ok: false, problem: { kind: "uri", uri: text(integration.integrationUri) ?? "-" } };
  if (target.functionName !== expected.functionName) return { ok: false, problem: { kind: "function", target } };
  if (target.region !== expected.region || target.gatewayRegion !== expected.region) {
    return { ok: false, problem: { kind: "region", target, wiredRegion: target.region !== expected.region ? target.region : target.gatewayRegion } };
  }
  if (expected.account && target.account !== expected.account) return { ok: false, problem: { kind: "account", target } };
  const method = text(integration.integrationMethod);
  if (method && method.toUpperCase() !== LAMBDA_PROXY.method) return { ok: false, problem: { kind: "method", target, method } };
  return { ok: true, target };
}

/** Where following a route's target ends: at an integration, or at what stops the way there. */
export type RouteTrace =
  | { kind: "noApi" }
  | { kind: "noRoute"; apiId: string }
  | { kind: "noTarget" | "badTarget"; route: RouteView }
  | { kind: "missingIntegration"; route: RouteView; integrationId: string }
  | { kind: "integration"; route: RouteView; integration: IntegrationView };

/** Follows route.target to the integration object, whatever is on the way. */
export function traceRoute(snapshot: Snapshot, routeKey: string): RouteTrace {
  const api = apiOf(snapshot);
  if (!api) return { kind: "noApi" };
  const route = routeOf(snapshot, routeKey);
  if (!route) return { kind: "noRoute", apiId: api.apiId };
  if (!text(route.target)) return { kind: "noTarget", route };
  const integrationId = targetIntegrationId(route.target);
  if (!integrationId) return { kind: "badTarget", route };
  const integration = integrationById(snapshot, integrationId);
  return integration ? { kind: "integration", route, integration } : { kind: "missingIntegration", route, integrationId };
}

/** The route's trace and, when it reaches an integration, the judgement of that integration. */
export function judgeRoute(snapshot: Snapshot, routeKey: string, expected: ExpectedFunction): { trace: RouteTrace; judgement?: IntegrationJudgement } {
  const trace = traceRoute(snapshot, routeKey);
  return trace.kind === "integration" ? { trace, judgement: judgeIntegration(trace.integration, expected) } : { trace };
}

/** Whether the route calls the expected function the way the workshop wires it. */
export function routeCalls(snapshot: Snapshot, routeKey: string, expected: ExpectedFunction): boolean {
  return judgeRoute(snapshot, routeKey, expected).judgement?.ok === true;
}
