// s2.live-default: after the probe puts a pending record for its order into the table (as the workshop's
// callback function does), the message {"orderId": <probe id>} on the open socket is answered. Step 2 wires,
// permits, makes two-way and deploys the route; it does not touch the function's code. So any answer from
// OrderWSPendingFunction shows the participant's work is done: the record's attributes pass, another answer
// warns (the function or its table is not the workshop's). Only API Gateway's error frames, silence or a
// closed socket fail, each with its cause; where the static checks already name the cause, the hint points there.
import type { Snapshot } from "../src/collect/snapshot.js";
import type { CheckModule, Localized, Status, Verdict } from "../src/engine/check.js";
import type { ProbeResult } from "../src/probe/result.js";
import { deployCommand, logsCommand } from "./lib/cli.js";
import { liveMessages, probeNotRun } from "./lib/live.js";
import { functionName } from "./lib/read.js";
import { fail, pass, skip, warn, type Vars } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const messages = {
  ...liveMessages,
  ok: {
    ko: "메시지 {message} 에 대기 레코드의 속성이 돌아왔습니다: {frame}",
    en: "The message {message} was answered with the pending record's attributes: {frame}",
  },
  none: {
    ko: "메시지 {message} 에 아무 응답도 오지 않았습니다.",
    en: "The message {message} got no answer at all.",
  },
  internalError: {
    ko: "메시지 {message} 에 'Internal server error' 가 돌아왔습니다: {frame}",
    en: "The message {message} got 'Internal server error': {frame}",
  },
  forbidden: {
    ko: "메시지 {message} 에 'Forbidden' 이 돌아왔습니다: 배포된 API 에 메시지를 받을 $default 경로가 없습니다.",
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
    ko: "메시지 {message}를 보낸 뒤 응답 없이 연결이 닫혔습니다.",
    en: "The connection closed after the message {message}, with no answer.",
  },
  gatewayError: {
    ko: "메시지 {message}에 함수의 응답 대신 API Gateway의 오류가 돌아왔습니다: {frame}",
    en: "The message {message} got an error from API Gateway instead of the function's answer: {frame}",
  },
  "skip.noSocket": {
    ko: "연결이 열리지 않아 메시지를 보내지 못했습니다 (s2.live-connect 참고).",
    en: "No message was sent: the connection did not open (see s2.live-connect).",
  },
  "hint.noIntegration": {
    ko: "$default 경로가 {functionName} 을(를) 호출하지 않습니다. s2.default-integration 의 안내대로 항목 7–9 를 진행하세요.",
    en: "The $default route does not call {functionName}. Follow s2.default-integration and do items 7–9.",
  },
  "hint.oneWay": {
    ko: "$default 경로가 단방향이라 함수의 응답이 클라이언트에게 돌아오지 않습니다. 항목 8 의 '통합 응답 (Integration Response) 추가' 를 하세요 (s2.default-route-response 참고).",
    en: "The $default route is one-way, so the function's answer never comes back. Do item 8's 'Add Integration Response' (see s2.default-route-response).",
  },
  "hint.notDeployed": {
    ko: "설정은 맞으니 아직 v1 에 배포되지 않은 것입니다. 항목 10–11: 작업 (Actions) → API 배포 (Deploy API) → 스테이지 v1. CLI: {deploy}",
    en: "The configuration is right, so it is not deployed to v1 yet. Items 10–11: Actions → Deploy API → stage v1. CLI: {deploy}",
  },
  "hint.none": {
    ko: "응답이 없는 것은 $default 경로가 단방향(항목 8 의 '통합 응답 (Integration Response) 추가' 를 안 함)이거나 변경을 v1 에 배포하지 않았기 때문입니다 (항목 10–11). CLI: {deploy}",
    en: "No answer means the $default route is one-way (item 8's 'Add Integration Response' not done) or the changes are not deployed to v1 (items 10–11). CLI: {deploy}",
  },
  "hint.permission": {
    ko: "API Gateway 에 {functionName} 을(를) 호출할 권한이 없습니다. s2.default-permission 의 안내를 따르세요 (항목 8).",
    en: "API Gateway may not invoke {functionName}. Follow s2.default-permission (item 8).",
  },
  "hint.functionFailed": {
    ko: "설정은 맞으니 {functionName} 이(가) 실행 중 실패한 것입니다. 함수 로그를 확인하세요: {logs}",
    en: "The configuration is right, so {functionName} failed while running. Read its logs: {logs}",
  },
  "hint.internalError": {
    ko: "'Internal server error' 는 API Gateway 가 {functionName} 을(를) 호출할 권한이 없거나 (항목 8, s2.default-permission) 함수가 실패했을 때 나옵니다. 함수 로그: {logs}",
    en: "'Internal server error' means API Gateway may not invoke {functionName} (item 8, s2.default-permission) or the function failed. Its logs: {logs}",
  },
  "hint.forbidden": {
    ko: "$default 경로가 삭제되었거나 (s1.routes) 경로를 만든 뒤 배포하지 않았습니다. 경로를 확인하고 v1 에 배포하세요 (항목 10–11): {deploy}",
    en: "The $default route was deleted (s1.routes), or it was created and not deployed. Check the route and deploy to v1 (items 10–11): {deploy}",
  },
  "hint.otherAnswer": {
    ko: "이 단계의 작업(연결, 권한, 양방향 통신, 배포)은 완료되었습니다. 워크숍의 {functionName}은 대기 레코드의 속성으로 응답하므로, 함수 코드나 환경 변수 CLIENT_CALLBACK_TABLE을 바꿨다면 워크숍의 것과 비교해 보세요. 함수 로그: {logs}",
    en: "This step's work (integration, permission, two-way, deployment) is done. The workshop's {functionName} answers with the pending record's attributes, so if you changed its code or its CLIENT_CALLBACK_TABLE, compare them with the workshop's. Its logs: {logs}",
  },
  "hint.closed": {
    ko: "API Gateway가 응답하지 않고 연결을 닫았습니다. v1에 다시 배포하고 (항목 10–11) 함수 로그를 확인하세요. 배포: {deploy} 로그: {logs}",
    en: "API Gateway closed the connection instead of answering. Deploy to v1 again (items 10–11) and read the function's logs. Deploy: {deploy} Logs: {logs}",
  },
} satisfies Record<string, Localized>;

type Statuses = ReadonlyMap<string, Status>;

const failed = (statuses: Statuses, id: string) => statuses.get(id) === "fail";
const passed = (statuses: Statuses, id: string) => statuses.get(id) === "pass" || statuses.get(id) === "warn";

function run({ snapshot, probe, statuses }: { snapshot: Snapshot; probe?: ProbeResult; statuses: Statuses }): Verdict {
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
    logs: logsCommand(where, name),
    deploy: deployCommand(where),
  };
  switch (answer.outcome) {
    case "answer":
      return pass("ok", vars);
    case "other-answer":
      // The answer of a function the route should not call is no proof of the step's work.
      return failed(statuses, "s2.default-integration") ? fail("otherFunction", vars, "hint.noIntegration") : warn("otherAnswer", vars, "hint.otherAnswer");
    case "closed":
      return fail("closed", vars, "hint.closed");
    case "internal-error":
      return fail("internalError", vars, internalErrorHint(statuses));
    case "gateway-error":
      return fail("gatewayError", vars, internalErrorHint(statuses));
    case "forbidden":
      return fail("forbidden", vars, "hint.forbidden");
    case "none":
    default:
      return fail("none", vars, noAnswerHint(statuses));
  }
}

/** No frame: no integration, a one-way route, or (when the configuration is right) no deployment. */
function noAnswerHint(statuses: Statuses): string {
  if (failed(statuses, "s2.default-integration")) return "hint.noIntegration";
  if (failed(statuses, "s2.default-route-response")) return "hint.oneWay";
  if (passed(statuses, "s2.default-integration") && passed(statuses, "s2.default-route-response")) return "hint.notDeployed";
  return "hint.none";
}

/** Internal server error: the permission is missing, the integration cannot run, or the function failed. */
function internalErrorHint(statuses: Statuses): string {
  if (failed(statuses, "s2.default-permission")) return "hint.permission";
  if (failed(statuses, "s2.default-integration")) return "hint.noIntegration";
  if (passed(statuses, "s2.default-permission") && passed(statuses, "s2.default-integration")) return "hint.functionFailed";
  return "hint.internalError";
}

export const s2LiveDefault: CheckModule = {
  id: "s2.live-default",
  step: 2,
  points: 3,
  dependsOn: [],
  reads: ["probe"],
  title: {
    ko: "실시간: $default 로 보낸 메시지에 대기 중인 주문 상태가 돌아옴",
    en: "Live: a message on $default is answered with the pending order status",
  },
  hint: {
    ko: "항목 7–11: $default 에 OrderWSPendingFunction 을 연결하고, '통합 응답 (Integration Response) 추가' 를 한 뒤 v1 에 배포하세요.",
    en: "Items 7–11: wire $default to OrderWSPendingFunction, add the integration response, then deploy to v1.",
  },
  messages,
  run,
};
