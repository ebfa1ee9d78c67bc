// s2.default-route-response: $default is two-way (item 8, "통합 응답 추가") by the rule solve follows too
// (src/rules/two-way.ts): routeResponseSelectionExpression `$default` AND a route response with key `$default`.
// An integration response is no substitute, and when the account has one the detail says so, since that is
// what the button's name suggests.
import type { Snapshot } from "../src/collect/snapshot.js";
import { defineCheck, type Fix, type Localized, type Verdict } from "../src/engine/check.js";
import { routeResponseCommand, selectionExpressionCommand } from "../src/workshop/cli-commands.js";
import { twoWayOf, type TwoWay } from "../src/rules/two-way.js";
import { TWO_WAY_KEY } from "../src/workshop/step2.js";
import { apiOf, list, record, targetIntegrationId, text } from "./lib/read.js";
import { change, verdicts, type Vars } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const messages = {
  ok: {
    ko: "$default 경로가 양방향입니다: routeResponseSelectionExpression $default, 경로 응답 {routeResponseId}($default).",
    en: "The $default route is two-way: routeResponseSelectionExpression $default, route response {routeResponseId} ($default).",
  },
  oneWay: {
    ko: "$default 경로(경로 ID {routeId})가 단방향입니다: 경로 응답($default)이 없고 routeResponseSelectionExpression도 설정되어 있지 않습니다. 함수의 응답이 클라이언트에게 돌아가지 않습니다.",
    en: "The $default route (route id {routeId}) is one-way: it has no route response ($default) and no routeResponseSelectionExpression, so the function's answer never reaches the client.",
  },
  integrationResponseOnly: {
    ko: "통합 {integrationId}에 통합 응답({integrationResponseKey})은 있지만, 그것만으로는 양방향이 되지 않습니다: $default 경로(경로 ID {routeId})에 경로 응답($default)과 routeResponseSelectionExpression $default가 없습니다.",
    en: "Integration {integrationId} has an integration response ({integrationResponseKey}), but that alone does not make the route two-way: the $default route (route id {routeId}) has no route response ($default) and no routeResponseSelectionExpression $default.",
  },
  noRouteResponse: {
    ko: "$default 경로(경로 ID {routeId})에 routeResponseSelectionExpression은 $default로 설정되어 있지만 경로 응답($default)이 없습니다.",
    en: "The $default route (route id {routeId}) has routeResponseSelectionExpression $default but no route response ($default).",
  },
  noRouteResponseWithIntegrationResponse: {
    ko: "$default 경로(경로 ID {routeId})에 경로 응답($default)이 없습니다. 통합 {integrationId}의 통합 응답({integrationResponseKey})만으로는 양방향이 되지 않습니다.",
    en: "The $default route (route id {routeId}) has no route response ($default). The integration response ({integrationResponseKey}) of integration {integrationId} alone does not make it two-way.",
  },
  noExpression: {
    ko: "$default 경로(경로 ID {routeId})에 경로 응답은 있지만 routeResponseSelectionExpression이 설정되어 있지 않습니다.",
    en: "The $default route (route id {routeId}) has a route response but no routeResponseSelectionExpression.",
  },
  wrongExpression: {
    ko: "$default 경로(경로 ID {routeId})의 routeResponseSelectionExpression이 '{expression}'입니다. WebSocket API는 $default만 지원합니다.",
    en: "The routeResponseSelectionExpression of the $default route (route id {routeId}) is '{expression}'; WebSocket APIs support $default only.",
  },
  noRoute: {
    ko: "$default 경로가 없습니다(s1.routes 참고).",
    en: "There is no $default route (see s1.routes).",
  },
  "hint.both": {
    ko: "항목 8: $default의 통합을 저장한 뒤 오른쪽 위의 '통합 응답(Integration Response) 추가' 버튼을 누르고 확인하세요. 그러면 $default 경로에 경로 응답이 생깁니다.",
    en: "Item 8: after saving the $default integration, click 'Add Integration Response' at the top right and confirm; it gives the $default route its route response.",
  },
  "hint.integrationResponseOnly": {
    ko: "양방향 통신은 통합의 통합 응답이 아니라 $default 경로의 경로 응답($default)과 응답 선택 표현식 $default로 정해집니다. 콘솔에서는 $default 경로 화면의 '통합 응답(Integration Response) 추가' 버튼(항목 8)이 이 둘을 만듭니다. 이미 만든 통합 응답은 그대로 두어도 됩니다.",
    en: "Two-way communication comes from the $default route's route response ($default) and its response selection expression $default, not from an integration response. In the console, the 'Add Integration Response' button on the $default route's page (item 8) sets both; the integration response you made can stay.",
  },
  "hint.response": {
    ko: "항목 8: '통합 응답(Integration Response) 추가'를 눌러 $default 경로 응답을 만드세요.",
    en: "Item 8: click 'Add Integration Response' to create the $default route response.",
  },
  "hint.expression": {
    ko: "항목 8: $default 경로의 응답 선택 표현식을 $default로 설정하세요.",
    en: "Item 8: set the route response selection expression of the $default route to $default.",
  },
  "hint.route": {
    ko: "먼저 s1.routes를 해결하세요: $default 경로를 다시 만듭니다.",
    en: "Fix s1.routes first: create the $default route again.",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass, fail } = verdicts(messages);

interface Found {
  routeResponseId?: string;
  integrationResponse?: { integrationId: string; key: string };
}

function run({ snapshot }: { snapshot: Snapshot }): Verdict<Key> {
  const state = apiOf(snapshot) ? twoWayOf(snapshot, "$default") : undefined;
  if (!state) return fail("noRoute", {}, "hint.route");
  const where = whereOf(snapshot);
  const routeId = text(state.route.routeId) ?? "";
  const found = lookUp(snapshot, state);
  const expression = state.expression;
  const vars: Vars = {
    routeId,
    routeResponseId: found.routeResponseId ?? "-",
    expression: expression ?? "",
    integrationId: found.integrationResponse?.integrationId ?? "-",
    integrationResponseKey: found.integrationResponse?.key ?? "-",
  };
  const fix = { expression: change(selectionExpressionCommand(where, "$default", routeId)), response: change(routeResponseCommand(where, "$default", routeId)) };
  return judge(expression, found, vars, fix);
}

/** Only what is missing is asked for: a second route response with the same key would be refused. */
function judge(expression: string | undefined, found: Found, vars: Vars, fix: { expression: Fix; response: Fix }): Verdict<Key> {
  const hasResponse = found.routeResponseId !== undefined;
  if (expression === TWO_WAY_KEY && hasResponse) return pass("ok", vars);
  if (expression === TWO_WAY_KEY) return fail(found.integrationResponse ? "noRouteResponseWithIntegrationResponse" : "noRouteResponse", vars, "hint.response", [fix.response]);
  if (hasResponse) return fail(expression ? "wrongExpression" : "noExpression", vars, "hint.expression", [fix.expression]);
  const both = [fix.expression, fix.response];
  return found.integrationResponse ? fail("integrationResponseOnly", vars, "hint.integrationResponseOnly", both) : fail("oneWay", vars, "hint.both", both);
}

/** The $default route response, and an integration response of the route's integration if it has one. */
function lookUp(snapshot: Snapshot, state: TwoWay): Found {
  const found: Found = state.routeResponseId !== undefined ? { routeResponseId: state.routeResponseId } : {};
  const integrationId = targetIntegrationId(state.route.target);
  const integrationResponses = list<{ integrationResponseKey?: unknown }>(record<unknown>(snapshot.integrationResponses)[integrationId ?? ""]);
  if (integrationId && integrationResponses.length > 0) {
    found.integrationResponse = { integrationId, key: text(integrationResponses[0]!.integrationResponseKey) ?? "?" };
  }
  return found;
}

export const s2DefaultRouteResponse = defineCheck({
  id: "s2.default-route-response",
  step: 2,
  points: 4,
  dependsOn: ["s1.api"],
  reads: ["api", "routes", "routeResponses"],
  title: {
    ko: "$default 경로가 양방향(경로 응답 $default)임 (항목 8–9)",
    en: "The $default route is two-way (route response $default) (items 8–9)",
  },
  hint: {
    ko: "항목 8: $default의 통합을 저장한 뒤 '통합 응답(Integration Response) 추가'를 누르고 확인하세요.",
    en: "Item 8: after saving the $default integration, click 'Add Integration Response' and confirm.",
  },
  messages,
  run,
});
