// s2.live-default: after the probe puts a pending record for its order into the table (as the workshop's
// callback function does), the message {"orderId": <probe id>} on the open socket is answered. Step 2 wires,
// permits, makes two-way and deploys the route; it does not touch the function's code. So any answer from
// OrderWSPendingFunction shows the participant's work is done: the record's attributes pass, another answer
// warns (the function or its table is not the workshop's). Only API Gateway's error frames, silence or a
// closed socket fail, each with its cause; where the static checks already name the cause, the hint points there.
import { defineCheck, type CheckInput, type Localized, type Statuses, type Verdict } from "../src/engine/check.js";
import { deployCommand, logsCommand } from "../src/workshop/cli-commands.js";
import { configurationNotPassed, liveMessages, probeNotRun } from "./lib/live.js";
import { functionName } from "./lib/read.js";
import { deployment, look, verdicts, type Vars } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const messages = {
  ...liveMessages,
  ok: {
    ko: "메시지 {message}에 대기 레코드의 속성이 돌아왔습니다: {frame}",
    en: "The message {message} was answered with the pending record's attributes: {frame}",
  },
  none: {
    ko: "메시지 {message}에 아무 응답도 오지 않았습니다.",
    en: "The message {message} got no answer at all.",
  },
  internalError: {
    ko: "메시지 {message}에 'Internal server error'가 돌아왔습니다: {frame}",
    en: "The message {message} got 'Internal server error': {frame}",
  },
  forbidden: {
    ko: "메시지 {message}에 'Forbidden'이 돌아왔습니다: 배포된 API에 메시지를 받을 $default 경로가 없습니다.",
    en: "The message {message} got 'Forbidden': the deployed API has no $default route to take it.",
  },
  otherAnswer: {
    ko: "$default 경로는 동작합니다: 메시지 {message}에 함수가 응답했지만, 검사기가 남긴 대기 레코드의 속성이 아닌 다른 응답입니다: {frame}",
    en: "The $default route works: the function answered the message {message}, but with something other than the pending record's attributes the checker left: {frame}",
  },
  otherFunction: {
    ko: "메시지 {message}에 {functionName}이 아닌 다른 함수가 응답했습니다: {frame}",
    en: "A function other than {functionName} answered the message {message}: {frame}",
  },
  closed: {
    ko: "{message} 메시지를 보낸 뒤 응답 없이 연결이 닫혔습니다.",
    en: "The connection closed after the message {message}, with no answer.",
  },
  gatewayError: {
    ko: "메시지 {message}에 함수의 응답 대신 API Gateway의 오류가 돌아왔습니다: {frame}",
    en: "The message {message} got an error from API Gateway instead of the function's answer: {frame}",
  },
  "skip.noSocket": {
    ko: "연결이 열리지 않아 메시지를 보내지 못했습니다(s2.live-connect 참고).",
    en: "No message was sent: the connection did not open (see s2.live-connect).",
  },
  "hint.noIntegration": {
    ko: "$default 경로가 {functionName|을/를} 호출하지 않습니다. s2.default-integration의 안내대로 항목 7–9를 진행한 뒤 v1에 배포하세요.",
    en: "The $default route does not call {functionName}. Follow s2.default-integration (items 7–9), then deploy to v1.",
  },
  "hint.oneWay": {
    ko: "$default 경로가 단방향이라 함수의 응답이 클라이언트에게 돌아오지 않습니다. 항목 8의 '통합 응답(Integration Response) 추가'를 한 뒤(s2.default-route-response 참고) v1에 배포하세요.",
    en: "The $default route is one-way, so the function's answer never comes back. Do item 8's 'Add Integration Response' (see s2.default-route-response), then deploy to v1.",
  },
  "hint.permission": {
    ko: "API Gateway에 {functionName|을/를} 호출할 권한이 없습니다. s2.default-permission의 안내를 따르세요(항목 8).",
    en: "API Gateway may not invoke {functionName}. Follow s2.default-permission (item 8).",
  },
  "hint.staticFirst": {
    ko: "먼저 {checks}의 안내를 따르세요: $default 경로의 설정이 아직 맞지 않습니다. 고친 뒤 v1에 배포해야 반영됩니다.",
    en: "Follow the hints of {checks} first: the $default route's configuration is not right yet. Changes reach v1 only once deployed.",
  },
  "hint.notDeployed": {
    ko: "$default 경로의 설정은 검사를 통과했으니, v1이 그 설정 이전의 배포를 제공하고 있는 것입니다. 항목 10–11: 작업(Actions) → API 배포(Deploy API) → 스테이지 v1.",
    en: "The $default route's configuration passes its checks, so v1 serves a deployment made before it. Items 10–11: Actions → Deploy API → stage v1.",
  },
  "hint.forbidden": {
    ko: "v1에 배포된 API에 $default 경로가 없습니다: 경로가 삭제되었거나(s1.routes) 경로를 만든 뒤 배포하지 않았습니다. 경로를 확인하고 v1에 배포하세요(항목 10–11).",
    en: "The API deployed to v1 has no $default route: it was deleted (s1.routes), or created and not deployed. Check the route and deploy to v1 (items 10–11).",
  },
  "hint.none": {
    ko: "응답이 없는 것은 $default 경로가 단방향(항목 8의 '통합 응답(Integration Response) 추가'를 안 함)이거나 변경을 v1에 배포하지 않았기 때문입니다(항목 10–11).",
    en: "No answer means the $default route is one-way (item 8's 'Add Integration Response' not done) or the changes are not deployed to v1 (items 10–11).",
  },
  "hint.internalError": {
    ko: "'Internal server error'는 API Gateway가 {functionName|을/를} 호출할 권한이 없거나(항목 8, s2.default-permission) v1이 예전 배포를 제공하거나 함수가 실패했을 때 나옵니다.",
    en: "'Internal server error' means API Gateway may not invoke {functionName} (item 8, s2.default-permission), v1 serves an older deployment, or the function failed.",
  },
  "hint.twoCauses": {
    ko: "$default 경로의 설정은 검사를 통과했습니다. 원인은 둘 중 하나입니다. 먼저, v1이 마지막 변경 이전의 배포를 제공하고 있을 수 있습니다: v1에 다시 배포하세요(항목 10–11). 배포한 뒤에도 같으면 {functionName|이/가} 실행 중 실패하는 것이니 함수 로그를 보세요.",
    en: "The $default route's configuration passes its checks. One of two causes: first, v1 may serve a deployment made before your last change: deploy to v1 again (items 10–11). If it stays the same after deploying, {functionName} fails while running: read its logs.",
  },
  "hint.otherAnswer": {
    ko: "이 단계의 작업(연결, 권한, 양방향 통신, 배포)은 완료되었습니다. 워크숍의 {functionName|은/는} 대기 레코드의 속성으로 응답하므로, 함수 코드나 환경 변수 CLIENT_CALLBACK_TABLE을 바꿨다면 워크숍의 것과 비교해 보세요. 함수 로그를 보면 무엇을 읽었는지 알 수 있습니다.",
    en: "This step's work (integration, permission, two-way, deployment) is done. The workshop's {functionName} answers with the pending record's attributes, so if you changed its code or its CLIENT_CALLBACK_TABLE, compare them with the workshop's. Its logs show what it read.",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass, fail, warn, skip } = verdicts(messages);

/** The checks of the $default route's configuration, in the order their hints are best followed. */
const STATIC_CHECKS = ["s1.routes", "s2.default-integration", "s2.default-permission", "s2.default-route-response"] as const;
type Consulted = (typeof STATIC_CHECKS)[number];

function run({ snapshot, probe, statuses }: CheckInput<Consulted>): Verdict<Key> {
  const notRun = probeNotRun(probe);
  if (notRun) return notRun;
  const answer = probe!.default;
  if (!answer || answer.outcome === "not-run") return skip("skip.noSocket");
  const name = functionName(snapshot, "pending");
  const where = whereOf(snapshot);
  const vars: Vars = {
    message: JSON.stringify({ orderId: String(probe!.probeId ?? "<probe>") }),
    frame: String(answer.frame ?? "-"),
    functionName: name,
  };
  const deploy = deployment(deployCommand(where));
  const logs = look(logsCommand(where, name));
  if (answer.outcome === "answer") return pass("ok", vars);
  if (answer.outcome === "other-answer") {
    // The answer of a function the route should not call is no proof of the step's work.
    if (failed(statuses, "s2.default-integration")) return fail("otherFunction", vars, "hint.noIntegration", [deploy]);
    return warn("otherAnswer", vars, "hint.otherAnswer", [logs]);
  }
  const detail = DETAIL[answer.outcome] ?? "none";
  const notPassed = configurationNotPassed(statuses, STATIC_CHECKS);
  // Without the static checks' results (another step's run), the causes stay open.
  if (!notPassed) {
    if (answer.outcome === "forbidden") return fail(detail, vars, "hint.forbidden", [deploy]);
    return answer.outcome === "none" ? fail(detail, vars, "hint.none", [deploy]) : fail(detail, vars, "hint.internalError", [deploy, logs]);
  }
  // Causes come from the static checks first: while one of them fails, the probe only confirms it.
  if (notPassed.length > 0) return fail(detail, { ...vars, checks: notPassed.join(", ") }, staticHint(answer.outcome, statuses), [deploy]);
  if (answer.outcome === "forbidden") return fail(detail, vars, "hint.forbidden", [deploy]);
  // Silence on a two-way route that calls a permitted function: only an older deployment explains it.
  if (answer.outcome === "none") return fail(detail, vars, "hint.notDeployed", [deploy]);
  return fail(detail, vars, "hint.twoCauses", [deploy, logs]);
}

const DETAIL: Record<string, Key> = { none: "none", closed: "closed", "internal-error": "internalError", "gateway-error": "gatewayError", forbidden: "forbidden" };

const failed = (statuses: Statuses<Consulted>, id: Consulted) => statuses.get(id) === "fail";

/** The hint naming the static check that explains the outcome, or all of those that did not pass. */
function staticHint(outcome: string, statuses: Statuses<Consulted>): Key {
  if (failed(statuses, "s2.default-integration")) return "hint.noIntegration";
  if (outcome !== "none" && failed(statuses, "s2.default-permission")) return "hint.permission";
  if (outcome === "none" && failed(statuses, "s2.default-route-response")) return "hint.oneWay";
  return "hint.staticFirst";
}

export const s2LiveDefault = defineCheck({
  id: "s2.live-default",
  step: 2,
  points: 3,
  dependsOn: [],
  // Which configuration check fails names the cause of what the probe saw; the probe runs regardless.
  consults: STATIC_CHECKS,
  reads: ["probe"],
  title: {
    ko: "실시간: $default로 보낸 메시지에 대기 중인 주문 상태가 돌아옴",
    en: "Live: a message on $default is answered with the pending order status",
  },
  hint: {
    ko: "항목 7–11: $default에 OrderWSPendingFunction을 연결하고, '통합 응답(Integration Response) 추가' 를 한 뒤 v1에 배포하세요.",
    en: "Items 7–11: wire $default to OrderWSPendingFunction, add the integration response, then deploy to v1.",
  },
  messages,
  run,
});
