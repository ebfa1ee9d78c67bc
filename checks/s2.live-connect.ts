// s2.live-connect: a real WebSocket to <apiEndpoint>/v1?orderId=<probe id> opens, and the connect function
// registered the connection in the callback table. A network failure on the checker's side is an error,
// never the participant's mistake.
import type { Snapshot } from "../src/collect/snapshot.js";
import { defineCheck, type Localized, type Verdict } from "../src/engine/check.js";
import type { ProbeResult } from "../src/probe/result.js";
import { deployCommand, logsCommand } from "../src/workshop/cli-commands.js";
import { liveMessages, probeNotRun, probeUrl, tableName } from "./lib/live.js";
import { functionName } from "./lib/read.js";
import { deployment, look, verdicts, type Vars } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const messages = {
  ...liveMessages,
  ok: {
    ko: "{url}에 WebSocket 연결이 열렸고, {functionName|이/가} 연결 {connectionId|을/를} 테이블 {table}에 등록했습니다.",
    en: "A WebSocket to {url} opened, and {functionName} registered the connection {connectionId} in table {table}.",
  },
  notRegistered: {
    ko: "{url}에 연결은 열렸지만 테이블 {table}에 주문 {probeId}의 연결 행이 없습니다: {functionName|이/가} 연결을 등록하지 않았습니다.",
    en: "A WebSocket to {url} opened, but table {table} has no row for order {probeId}: {functionName} did not register the connection.",
  },
  refused: {
    ko: "{url}의 WebSocket 핸드셰이크가 HTTP {status|으로/로} 거부되었습니다.",
    en: "The WebSocket handshake with {url} was refused with HTTP {status}.",
  },
  timeout: {
    ko: "{url}에 연결하는 동안 제한 시간이 지났습니다 ({error}). 설정이 틀렸다는 뜻은 아닙니다.",
    en: "Connecting to {url} timed out ({error}). This does not mean your configuration is wrong.",
  },
  network: {
    ko: "{url}에 연결하지 못했습니다 ({error}). 검사기 쪽 네트워크 문제일 수 있으며, 설정이 틀렸다는 뜻은 아닙니다.",
    en: "Could not connect to {url} ({error}). This may be the checker's network and does not mean your configuration is wrong.",
  },
  "skip.noConnect": {
    ko: "실시간 검사가 연결을 시도하지 않았습니다.",
    en: "The live probe did not try to connect.",
  },
  "hint.notRegistered": {
    ko: "{functionName|이/가} 테이블에 쓰지 못했습니다. 함수의 환경 변수 CLIENT_CALLBACK_TABLE과 실행 역할의 DynamoDB 권한을 확인하고 함수 로그를 보세요.",
    en: "{functionName} could not write to the table. Check its CLIENT_CALLBACK_TABLE variable and its role's DynamoDB permissions, and read its logs.",
  },
  "hint.forbidden": {
    ko: "403은 스테이지 v1이 없거나 배포되지 않았을 때 나옵니다. s1.stage와 s2.deployed를 보고, 항목 10–11대로 v1에 배포하세요.",
    en: "403 means stage v1 does not exist or has no deployment. See s1.stage and s2.deployed, and deploy to v1 as in items 10–11.",
  },
  "hint.failed": {
    ko: "$connect의 함수 {functionName|이/가} 실패했거나 API Gateway가 호출할 권한이 없습니다(s1.connect 참고). 함수 로그를 보세요.",
    en: "The $connect function {functionName} failed, or API Gateway may not invoke it (see s1.connect). Read its logs.",
  },
  "hint.network": {
    ko: "네트워크(프록시, 방화벽의 443 포트)를 확인하고 다시 실행하세요.",
    en: "Check the network (proxy, firewall on port 443) and run again.",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { verdict, pass, fail, skip } = verdicts(messages);

function run({ snapshot, probe }: { snapshot: Snapshot; probe?: ProbeResult }): Verdict<Key> {
  const notRun = probeNotRun(probe);
  if (notRun) return notRun;
  const connect = probe!.connect;
  if (!connect) return skip("skip.noConnect");
  const name = functionName(snapshot, "connect");
  const vars: Vars = {
    url: probeUrl(snapshot, probe!),
    probeId: String(probe!.probeId ?? "-"),
    table: tableName(snapshot),
    functionName: name,
    connectionId: String(connect.connectionId ?? "-"),
    status: String(connect.httpStatus ?? "-"),
    error: String(connect.error ?? "-"),
  };
  const where = whereOf(snapshot);
  const logs = look(logsCommand(where, name));
  switch (connect.outcome) {
    case "opened":
      return connect.registered ? pass("ok", vars) : fail("notRegistered", vars, "hint.notRegistered", [logs]);
    case "refused":
      return connect.httpStatus === 403 ? fail("refused", vars, "hint.forbidden", [deployment(deployCommand(where))]) : fail("refused", vars, "hint.failed", [logs]);
    case "timeout":
      return verdict("error", "timeout", vars, "hint.network");
    default:
      return verdict("error", "network", vars, "hint.network");
  }
}

export const s2LiveConnect = defineCheck({
  id: "s2.live-connect",
  step: 2,
  points: 2,
  dependsOn: ["s1.connect", "s1.stage", "s1.table"],
  reads: ["probe"],
  title: {
    ko: "실시간: v1에 WebSocket 연결이 열리고 연결이 등록됨",
    en: "Live: a WebSocket to v1 opens and the connection is registered",
  },
  hint: {
    ko: "s1.connect와 s1.stage를 확인하세요: $connect가 OrderWSConnectFunction에 연결되어 있고 v1에 배포되어 있어야 합니다.",
    en: "Check s1.connect and s1.stage: $connect must call OrderWSConnectFunction and be deployed to v1.",
  },
  messages,
  run,
});
