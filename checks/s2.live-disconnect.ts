// s2.live-disconnect: after the probe closes its socket, the disconnect function removes the connection's
// rows. AWS runs $disconnect asynchronously and best-effort, so the probe polls with a bounded wait and
// reports how long it waited.
import { defineCheck, type CheckInput, type Localized, type Verdict } from "../src/engine/check.js";
import { deployCommand, logsCommand } from "../src/workshop/cli-commands.js";
import { configurationNotPassed, liveMessages, probeNotRun, tableName } from "./lib/live.js";
import { functionName } from "./lib/read.js";
import { deployment, look, verdicts, type Vars } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const messages = {
  ...liveMessages,
  ok: {
    ko: "소켓을 닫은 뒤 {waited}ms 안에 {functionName|이/가} 테이블 {table}에서 주문 {probeId}의 연결 행을 지웠습니다.",
    en: "Within {waited} ms of closing the socket, {functionName} removed the connection's rows of order {probeId} from table {table}.",
  },
  left: {
    ko: "소켓을 닫고 {waited}ms 기다렸지만 테이블 {table}에 주문 {probeId}의 연결 행이 남아 있습니다: $disconnect에서 {functionName|이/가} 실행되지 않았거나 실패했습니다.",
    en: "{waited} ms after closing the socket, table {table} still holds the connection's rows of order {probeId}: {functionName} did not run on $disconnect, or failed.",
  },
  removedElsewhere: {
    ko: "테이블 {table}에서 주문 {probeId}의 연결 행이 사라졌지만, $disconnect 경로는 {functionName|을/를} 호출하지 않습니다(s2.disconnect-integration). 행을 지운 것은 $disconnect가 아니라 다른 경로의 함수입니다.",
    en: "The connection's rows of order {probeId} left table {table}, but the $disconnect route does not call {functionName} (s2.disconnect-integration): another route's function removed them, not $disconnect.",
  },
  "skip.noSocket": {
    ko: "연결이 열리지 않아 연결 해제를 확인하지 못했습니다(s2.live-connect 참고).",
    en: "Disconnection was not observed: the connection did not open (see s2.live-connect).",
  },
  "hint.integration": {
    ko: "$disconnect 경로가 {functionName|을/를} 호출하지 않습니다. s2.disconnect-integration의 안내대로 항목 4–6을 진행한 뒤 v1에 배포하세요.",
    en: "The $disconnect route does not call {functionName}. Follow s2.disconnect-integration (items 4–6), then deploy to v1.",
  },
  "hint.permission": {
    ko: "API Gateway에 {functionName|을/를} 호출할 권한이 없습니다(연결이 이미 끊겨 클라이언트에는 오류가 보이지 않습니다). s2.disconnect-permission의 안내를 따르세요(항목 5).",
    en: "API Gateway may not invoke {functionName} (the connection is already closed, so the client sees no error). Follow s2.disconnect-permission (item 5).",
  },
  "hint.left": {
    ko: "$disconnect에 {functionName|이/가} 연결되어 있고 호출 권한이 있는지(항목 4–6), v1에 배포했는지(항목 10–11) 확인하세요. 그래도 남으면 함수 로그를 보세요.",
    en: "Check that $disconnect calls {functionName} with permission (items 4–6) and that it is deployed to v1 (items 10–11). If rows still stay, read the function's logs.",
  },
  "hint.staticFirst": {
    ko: "먼저 {checks}의 안내를 따르세요: $disconnect 경로의 설정이 아직 맞지 않습니다. 고친 뒤 v1에 배포해야 반영됩니다.",
    en: "Follow the hints of {checks} first: the $disconnect route's configuration is not right yet. Changes reach v1 only once deployed.",
  },
  "hint.twoCauses": {
    ko: "$disconnect 경로의 설정은 검사를 통과했습니다. 원인은 둘 중 하나입니다. 먼저, v1이 마지막 변경 이전의 배포를 제공하고 있을 수 있습니다: v1에 다시 배포하세요(항목 10–11). 배포한 뒤에도 행이 남으면 {functionName|이/가} 실행 중 실패하는 것이니 함수 로그를 보세요.",
    en: "The $disconnect route's configuration passes its checks. One of two causes: first, v1 may serve a deployment made before your last change: deploy to v1 again (items 10–11). If rows still stay after deploying, {functionName} fails while running: read its logs.",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass, fail, skip } = verdicts(messages);

function run({ snapshot, probe, statuses }: CheckInput<Consulted>): Verdict<Key> {
  const notRun = probeNotRun(probe);
  if (notRun) return notRun;
  const observed = probe!.disconnect;
  if (!observed || observed.outcome === "not-run") return skip("skip.noSocket");
  const name = functionName(snapshot, "disconnect");
  const where = whereOf(snapshot);
  const vars: Vars = {
    waited: Math.max(0, Math.round(Number(observed.waitedMs) || 0)),
    table: tableName(snapshot),
    probeId: String(probe!.probeId ?? "-"),
    functionName: name,
  };
  const deploy = deployment(deployCommand(where));
  if (observed.outcome === "removed") {
    // Rows may go for another reason (swapped functions: the message ran the disconnect function).
    return statuses.get("s2.disconnect-integration") === "fail" ? fail("removedElsewhere", vars, "hint.integration", [deploy]) : pass("ok", vars);
  }
  const logs = look(logsCommand(where, name));
  const notPassed = configurationNotPassed(statuses, STATIC_CHECKS);
  // Without the static checks' results (another step's run), the causes stay open.
  if (!notPassed) return fail("left", vars, "hint.left", [deploy, logs]);
  // Causes come from the static checks first: while one of them fails, the probe only confirms it.
  if (statuses.get("s2.disconnect-integration") === "fail") return fail("left", vars, "hint.integration", [deploy]);
  if (statuses.get("s2.disconnect-permission") === "fail") return fail("left", vars, "hint.permission", [deploy]);
  if (notPassed.length > 0) return fail("left", { ...vars, checks: notPassed.join(", ") }, "hint.staticFirst", [deploy]);
  return fail("left", vars, "hint.twoCauses", [deploy, logs]);
}

/** The checks of the $disconnect route's configuration. */
const STATIC_CHECKS = ["s1.routes", "s2.disconnect-integration", "s2.disconnect-permission"] as const;
type Consulted = (typeof STATIC_CHECKS)[number];

export const s2LiveDisconnect = defineCheck({
  id: "s2.live-disconnect",
  step: 2,
  points: 3,
  dependsOn: [],
  // Which configuration check fails names the cause of what the probe saw; the probe runs regardless.
  consults: STATIC_CHECKS,
  reads: ["probe"],
  title: {
    ko: "실시간: 연결을 끊으면 $disconnect가 연결 행을 지움",
    en: "Live: on disconnect, $disconnect removes the connection's rows",
  },
  hint: {
    ko: "항목 4–6과 10–11: $disconnect에 OrderWSDisconnectFunction을 연결하고 권한을 추가한 뒤 v1에 배포하세요.",
    en: "Items 4–6 and 10–11: wire $disconnect to OrderWSDisconnectFunction with its permission, then deploy to v1.",
  },
  messages,
  run,
});
