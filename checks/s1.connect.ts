// s1.connect: $connect, which step 1 sets up, is a Lambda proxy integration of the connect function, and
// that function lets API Gateway invoke it for $connect. Without it no connection opens, so step 2 cannot
// be observed live either.
import type { Snapshot } from "../src/collect/snapshot.js";
import { defineCheck, type Localized, type Verdict } from "../src/engine/check.js";
import { judgePermission, permissionMessages } from "./lib/permission.js";
import { judgeWiring, wiringMessages } from "./lib/wiring.js";
import { verdicts } from "./lib/verdict.js";

const messages = {
  ...wiringMessages,
  ...permissionMessages,
  ok: {
    ko: "$connect → {functionName} (Lambda 프록시 통합 {integrationId}), 호출 권한 있음 (문장 {sid}).",
    en: "$connect → {functionName} (Lambda proxy integration {integrationId}), allowed to invoke (statement {sid}).",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass } = verdicts(messages);

function run({ snapshot }: { snapshot: Snapshot }): Verdict<Key> {
  const wiring = judgeWiring(snapshot, "$connect");
  if (wiring.status !== "pass") return wiring;
  const permission = judgePermission(snapshot, "$connect");
  if (permission.status !== "pass") return permission;
  return pass("ok", { ...wiring.detail.vars, ...permission.detail.vars });
}

export const s1Connect = defineCheck({
  id: "s1.connect",
  step: 1,
  points: 2,
  dependsOn: ["s1.api"],
  reads: ["api", "routes", "integrations", "functions", "policies"],
  title: {
    ko: "$connect가 OrderWSConnectFunction의 Lambda 프록시 통합이고 호출 권한이 있음",
    en: "$connect is a Lambda proxy integration of OrderWSConnectFunction, with invoke permission",
  },
  hint: {
    ko: "$connect는 1단계에서 설정됩니다 (실습 가이드 항목 3에서 확인). 경로(Routes) → $connect → 통합 요청(Integration Request)에서 Lambda 함수 OrderWSConnectFunction을 선택하고 권한 추가 메시지에서 확인(OK)을 누르세요.",
    en: "$connect is set up by step 1 (item 3 of the lab guide shows it). Under Routes → $connect → Integration Request, choose the Lambda function OrderWSConnectFunction and confirm (OK) the permission message.",
  },
  messages,
  run,
});
