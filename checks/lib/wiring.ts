// Which function a route calls, and why that is wrong when it is, in the words of s1.connect,
// s2.disconnect-integration and s2.default-integration (the same but for the route and the function, given as
// {placeholders}). Whether it is right is the rule's to say (src/rules/integration.ts), which the plan follows too.
import { parseLambdaIntegrationUri, type LambdaIntegrationUri } from "../../src/aws/arn.js";
import type { IntegrationView, RouteView, Snapshot } from "../../src/collect/snapshot.js";
import { judgeRoute, traceRoute, type ExpectedFunction, type IntegrationJudgement, type RouteTrace } from "../../src/rules/integration.js";
import { API_NAME, type FunctionRole } from "../../src/workshop/names.js";
import type { Fix, Localized, Verdict } from "../../src/engine/check.js";
import { createRouteCommand, integrateCommand, type Where } from "../../src/workshop/cli-commands.js";
import { accountOf, apiOf, functionName, functionOf, regionOf, roleOfFunction, text } from "../../src/rules/read.js";
import { ROLE_ROUTE, ROUTE_ITEMS, ROUTE_ROLE, type RouteKey } from "../../src/workshop/routes.js";
import { change, FIX_API_FIRST, verdicts, type Vars } from "./verdict.js";

export const wiringMessages = {
  "wiring.noApi": {
    ko: "{apiName|을/를} 찾지 못해 {routeKey} 경로의 통합을 확인할 수 없습니다(s1.api 참고).",
    en: "The {apiName} API was not found, so the integration of the {routeKey} route cannot be checked (see s1.api).",
  },
  "wiring.noRoute": {
    ko: "API {apiId}에 {routeKey} 경로가 없습니다. 경로가 삭제된 것 같습니다.",
    en: "API {apiId} has no {routeKey} route; it seems to have been deleted.",
  },
  "wiring.noTarget": {
    ko: "{routeKey} 경로(경로 ID {routeId})에 통합이 설정되어 있지 않습니다.",
    en: "The {routeKey} route (route id {routeId}) has no integration.",
  },
  "wiring.badTarget": {
    ko: "{routeKey} 경로의 대상이 통합(integrations/<통합 ID>)을 가리키지 않습니다: '{target}'",
    en: "The target '{target}' of the {routeKey} route does not point to an integration (integrations/<integration id>).",
  },
  "wiring.missingIntegration": {
    ko: "{routeKey} 경로가 존재하지 않는 통합 {integrationId|을/를} 가리킵니다.",
    en: "The {routeKey} route points to integration {integrationId}, which does not exist.",
  },
  "wiring.nonProxy": {
    ko: "{routeKey} 경로의 통합 {integrationId|은/는} Lambda 비프록시 통합(AWS)입니다. 워크숍의 함수는 Lambda 프록시 통합(AWS_PROXY)의 이벤트를 받도록 만들어졌습니다.",
    en: "Integration {integrationId} of the {routeKey} route is a Lambda non-proxy (AWS) integration. The workshop's functions expect the event of a Lambda proxy (AWS_PROXY) integration.",
  },
  "wiring.http": {
    ko: "{routeKey} 경로의 통합 {integrationId|은/는} HTTP 통합({integrationType}, {uri})입니다. Lambda 함수 {functionName|이/가} 호출되지 않습니다.",
    en: "Integration {integrationId} of the {routeKey} route is an HTTP integration ({integrationType}, {uri}); the Lambda function {functionName} is never called.",
  },
  "wiring.mock": {
    ko: "{routeKey} 경로의 통합 {integrationId|은/는} 모의(MOCK) 통합입니다. Lambda 함수 {functionName|이/가} 호출되지 않습니다.",
    en: "Integration {integrationId} of the {routeKey} route is a MOCK integration; the Lambda function {functionName} is never called.",
  },
  "wiring.otherType": {
    ko: "{routeKey} 경로의 통합 {integrationId}의 유형이 {integrationType}입니다. Lambda 프록시 통합(AWS_PROXY)이어야 합니다.",
    en: "Integration {integrationId} of the {routeKey} route has type {integrationType}; it must be a Lambda proxy (AWS_PROXY) integration.",
  },
  "wiring.badUri": {
    ko: "{routeKey} 경로의 통합 {integrationId}의 URI가 Lambda 함수를 가리키지 않습니다: '{uri}'",
    en: "The URI '{uri}' of integration {integrationId} ({routeKey} route) does not name a Lambda function.",
  },
  "wiring.otherRouteFunction": {
    ko: "{routeKey} 경로에 {wiredRoute} 경로용 함수 {wiredFunction|이/가} 연결되어 있습니다(통합 {integrationId}). {routeKey}에는 {functionName|이/가} 연결되어야 합니다.",
    en: "The {routeKey} route calls {wiredFunction}, the function of the {wiredRoute} route (integration {integrationId}); {routeKey} must call {functionName}.",
  },
  "wiring.swapped": {
    ko: "{routeKey} 경로와 {wiredRoute} 경로의 함수가 뒤바뀌었습니다: {routeKey} 경로가 {wiredFunction|을/를} 호출합니다(통합 {integrationId}). {routeKey}에는 {functionName|이/가} 연결되어야 합니다.",
    en: "The functions of the {routeKey} and {wiredRoute} routes are swapped: {routeKey} calls {wiredFunction} (integration {integrationId}); it must call {functionName}.",
  },
  "wiring.wrongFunction": {
    ko: "{routeKey} 경로에 {wiredFunction|이/가} 연결되어 있습니다(통합 {integrationId}). {functionName|이/가} 호출되어야 합니다.",
    en: "The {routeKey} route calls {wiredFunction} (integration {integrationId}); it must call {functionName}.",
  },
  "wiring.otherCopy": {
    ko: "{routeKey} 경로가 {wiredFunction|을/를} 호출합니다(통합 {integrationId}). 이 리전 {region}에서 워크숍이 만든 함수는 {functionName}입니다(권한과 코드도 그 함수에서 확인합니다).",
    en: "The {routeKey} route calls {wiredFunction} (integration {integrationId}), but the workshop's function in region {region} is {functionName} (its permission and code are the ones checked).",
  },
  "wiring.method": {
    ko: "{routeKey} 경로의 통합 {integrationId|은/는} 메서드 {method}로 {wiredFunction|을/를} 호출합니다. Lambda 통합은 POST를 사용해야 합니다.",
    en: "Integration {integrationId} of the {routeKey} route calls {wiredFunction} with method {method}; a Lambda integration must use POST.",
  },
  "wiring.noFunction": {
    ko: "{routeKey} 경로가 {wiredFunction|을/를} 호출하도록 되어 있지만, 리전 {region}에 그 함수가 없습니다.",
    en: "The {routeKey} route calls {wiredFunction}, but there is no such function in region {region}.",
  },
  "wiring.otherRegion": {
    ko: "{routeKey} 경로의 통합 {integrationId|이/가} 리전 {wiredRegion}의 {wiredFunction|을/를} 호출합니다. API와 같은 리전 {region}의 {functionName|이/가} 호출되어야 합니다.",
    en: "Integration {integrationId} of the {routeKey} route calls {wiredFunction} in region {wiredRegion}; it must call {functionName} in the API's region {region}.",
  },
  "wiring.otherAccount": {
    ko: "{routeKey} 경로의 통합 {integrationId|이/가} 다른 계정 {wiredAccount}의 {wiredFunction|을/를} 호출합니다. 이 계정 {account}의 {functionName|이/가} 호출되어야 합니다.",
    en: "Integration {integrationId} of the {routeKey} route calls {wiredFunction} in another account, {wiredAccount}; it must call {functionName} in this account, {account}.",
  },
  "wiring.ok": {
    ko: "{routeKey} → 통합 {integrationId} (Lambda 프록시, AWS_PROXY) → {wiredFunction}",
    en: "{routeKey} → integration {integrationId} (Lambda proxy, AWS_PROXY) → {wiredFunction}",
  },
  "wiring.okQualified": {
    ko: "{routeKey} → 통합 {integrationId} (Lambda 프록시, AWS_PROXY) → {wiredFunction} (버전/별칭 {qualifier})",
    en: "{routeKey} → integration {integrationId} (Lambda proxy, AWS_PROXY) → {wiredFunction} (version/alias {qualifier})",
  },
  "wiring.hint.api": FIX_API_FIRST,
  "wiring.hint.noRoute": {
    ko: "경로(Routes)에서 {routeKey} 경로를 다시 만든 뒤 실습 가이드 항목 {items|을/를} 다시 진행하세요.",
    en: "Create the {routeKey} route again under Routes, then redo items {items} of the lab guide.",
  },
  "wiring.hint.integrate": {
    ko: "항목 {items}: 경로(Routes) → {routeKey} → 통합 요청(Integration Request) → 통합 유형(Integration Type) 'Lambda 함수' → {functionName} 선택 → 저장.",
    en: "Items {items} of the lab guide: Routes → {routeKey} → Integration Request → Integration Type 'Lambda function' → choose {functionName} → Save.",
  },
  "wiring.hint.nonProxy": {
    ko: "항목 {items}: {routeKey} → 통합 요청(Integration Request)에서 통합 유형(Integration Type) 'Lambda 함수'를 고르고 다른 값은 기본값(Lambda 프록시 통합) 그대로 두세요. 비프록시 통합은 함수에 다른 이벤트를 넘깁니다. 아래 명령은 새 프록시 통합을 만들어 경로에 연결합니다.",
    en: "Items {items}: in {routeKey} → Integration Request choose Integration Type 'Lambda function' and leave the other values at their defaults (Lambda proxy integration). A non-proxy integration hands the function a different event. The command below attaches a new proxy integration to the route.",
  },
  "wiring.hint.http": {
    ko: "항목 {items}: 통합 유형(Integration Type)으로 'HTTP'가 아니라 'Lambda 함수'를 고르고 {functionName|을/를} 선택하세요.",
    en: "Items {items}: choose Integration Type 'Lambda function', not 'HTTP', and pick {functionName}.",
  },
  "wiring.hint.mock": {
    ko: "항목 {items}: 통합 유형(Integration Type)으로 '모의(Mock)'가 아니라 'Lambda 함수'를 고르고 {functionName|을/를} 선택하세요.",
    en: "Items {items}: choose Integration Type 'Lambda function', not 'Mock', and pick {functionName}.",
  },
  "wiring.hint.wrongFunction": {
    ko: "항목 {items}: {routeKey} → 통합 요청(Integration Request)의 Lambda 함수 칸에서 {wiredFunction} 대신 {functionName|을/를} 선택하고 저장하세요.",
    en: "Items {items}: in {routeKey} → Integration Request, choose {functionName} instead of {wiredFunction} in the Lambda function box and save.",
  },
  "wiring.hint.noFunction": {
    ko: "함수 이름이 틀렸거나 다른 리전의 함수입니다. 항목 {items}에서 목록에 나오는 {functionName|을/를} 선택하세요.",
    en: "The function name is wrong, or the function is in another region. In items {items}, pick {functionName} from the list.",
  },
} satisfies Record<string, Localized>;

export type WiringKey = keyof typeof wiringMessages;
const { pass, fail } = verdicts(wiringMessages);

export function whereOf(snapshot: Snapshot): Where {
  const where: Where = { region: regionOf(snapshot) };
  const account = accountOf(snapshot);
  const apiId = apiOf(snapshot)?.apiId;
  if (account) where.account = account;
  if (apiId) where.apiId = apiId;
  const endpoint = text(snapshot.endpoint);
  if (endpoint) where.endpoint = endpoint;
  return where;
}

/** The variables every wiring message may use; the commands carry the account's real ids. */
function baseVars(snapshot: Snapshot, routeKey: RouteKey, route?: RouteView): Vars {
  const where = whereOf(snapshot);
  const role = ROUTE_ROLE[routeKey];
  return {
    apiName: API_NAME,
    apiId: where.apiId ?? "",
    routeKey,
    routeId: text(route?.routeId) ?? "",
    functionName: functionName(snapshot, role),
    region: where.region,
    account: where.account ?? "",
    items: ROUTE_ITEMS[routeKey].integration,
  };
}

/** The commands of each wiring hint: a missing route is created first, then integrated. */
function wiringFix(snapshot: Snapshot, routeKey: RouteKey, route: RouteView | undefined, hintKey: string | undefined): Fix[] {
  const where = whereOf(snapshot);
  const integrate = change(integrateCommand(where, routeKey, text(route?.routeId), text(functionOf(snapshot, ROUTE_ROLE[routeKey])?.arn)));
  if (hintKey === "wiring.hint.noRoute") return [change(createRouteCommand(where, routeKey)), integrate];
  if (hintKey === "wiring.hint.api" || hintKey === undefined) return [];
  return [integrate];
}

/**
 * The verdict on one route, by the rule the plan follows too (src/rules/integration.ts): a Lambda proxy
 * integration of the route's own function, same account and region, POST.
 */
export function judgeWiring(snapshot: Snapshot, routeKey: RouteKey): Verdict<WiringKey> {
  const where = whereOf(snapshot);
  const expected: ExpectedFunction = { functionName: functionName(snapshot, ROUTE_ROLE[routeKey]), region: where.region, ...(where.account ? { account: where.account } : {}) };
  const { trace, judgement } = judgeRoute(snapshot, routeKey, expected);
  const route = "route" in trace ? trace.route : undefined;
  const verdict = wiringVerdict(snapshot, routeKey, trace, judgement, baseVars(snapshot, routeKey, route));
  if (verdict.status === "pass") return verdict;
  const fix = wiringFix(snapshot, routeKey, route, verdict.hint?.key);
  return fix.length > 0 ? { ...verdict, fix } : verdict;
}

function wiringVerdict(snapshot: Snapshot, routeKey: RouteKey, trace: RouteTrace, judgement: IntegrationJudgement | undefined, vars: Vars): Verdict<WiringKey> {
  switch (trace.kind) {
    case "noApi":
      return fail("wiring.noApi", vars, "wiring.hint.api");
    case "noRoute":
      return fail("wiring.noRoute", vars, "wiring.hint.noRoute");
    case "noTarget":
      return fail("wiring.noTarget", vars, "wiring.hint.integrate");
    case "badTarget":
      return fail("wiring.badTarget", { ...vars, target: String(trace.route.target) }, "wiring.hint.integrate");
    case "missingIntegration":
      return fail("wiring.missingIntegration", { ...vars, integrationId: trace.integrationId }, "wiring.hint.integrate");
    case "integration":
      return integrationVerdict(snapshot, routeKey, trace.integration, judgement!, vars);
  }
}

const TYPE_FAILURES: Record<string, [WiringKey, WiringKey]> = {
  AWS: ["wiring.nonProxy", "wiring.hint.nonProxy"],
  HTTP: ["wiring.http", "wiring.hint.http"],
  HTTP_PROXY: ["wiring.http", "wiring.hint.http"],
  MOCK: ["wiring.mock", "wiring.hint.mock"],
};

/** The rule's judgement of the integration, in the words of the route's check. */
function integrationVerdict(snapshot: Snapshot, routeKey: RouteKey, integration: IntegrationView, judgement: IntegrationJudgement, base: Vars): Verdict<WiringKey> {
  const vars: Vars = { ...base, integrationId: String(integration.integrationId), integrationType: String(text(integration.integrationType) ?? "-").toUpperCase(), uri: text(integration.integrationUri) ?? "-" };
  const problem = judgement.ok ? undefined : judgement.problem;
  if (problem?.kind === "type") {
    const [key, hint] = TYPE_FAILURES[problem.integrationType] ?? ["wiring.otherType", "wiring.hint.integrate"];
    return fail(key, vars, hint);
  }
  if (problem?.kind === "uri") return fail("wiring.badUri", vars, "wiring.hint.integrate");
  const target = judgement.ok ? judgement.target : (problem as { target: LambdaIntegrationUri }).target;
  const wired: Vars = { ...vars, wiredFunction: target.functionName, wiredRegion: target.region, wiredAccount: target.account };
  const role = ROUTE_ROLE[routeKey];
  const wiredRole = roleOfFunction(snapshot, target.functionName);
  // The function the route must call is not in the account: whatever the route calls, that is what to fix.
  if (!functionOf(snapshot, role) && (!problem || wiredRole === role)) return fail("wiring.noFunction", wired, "wiring.hint.noFunction");
  if (problem?.kind === "function") return wrongFunction(snapshot, role, wiredRole, wired);
  if (problem?.kind === "region") return fail("wiring.otherRegion", { ...wired, wiredRegion: problem.wiredRegion }, "wiring.hint.integrate");
  if (problem?.kind === "account") return fail("wiring.otherAccount", wired, "wiring.hint.integrate");
  if (problem?.kind === "method") return fail("wiring.method", { ...wired, method: problem.method }, "wiring.hint.integrate");
  return target.qualifier ? pass("wiring.okQualified", { ...wired, qualifier: target.qualifier }) : pass("wiring.ok", wired);
}

/**
 * Names the function that is wired: "swapped" when that function's own route calls this route's function,
 * "another copy" when it carries this route's workshop name but is not the function the account has for it.
 */
function wrongFunction(snapshot: Snapshot, role: FunctionRole, wiredRole: FunctionRole | undefined, vars: Vars): Verdict<WiringKey> {
  if (!wiredRole) return fail("wiring.wrongFunction", vars, "wiring.hint.wrongFunction");
  if (wiredRole === role) return fail("wiring.otherCopy", vars, "wiring.hint.wrongFunction");
  const wiredRoute = ROLE_ROUTE[wiredRole];
  const key = wiredFunctionRole(snapshot, wiredRoute) === role ? "wiring.swapped" : "wiring.otherRouteFunction";
  return fail(key, { ...vars, wiredRoute }, "wiring.hint.wrongFunction");
}

/** The workshop role of the function a route calls, if it calls one. */
export function wiredFunctionRole(snapshot: Snapshot, routeKey: string): FunctionRole | undefined {
  const trace = traceRoute(snapshot, routeKey);
  if (trace.kind !== "integration") return undefined;
  const target = parseLambdaIntegrationUri(trace.integration.integrationUri);
  return target ? roleOfFunction(snapshot, target.functionName) : undefined;
}
