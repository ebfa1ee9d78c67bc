// s1.functions: the three callback functions of step 1 exist (names may carry CloudFormation's prefix and
// suffix; the collector has already matched them, so a role with no function is a missing function).
import type { Snapshot } from "../src/collect/snapshot.js";
import { FUNCTION_NAMES, FUNCTION_ROLES } from "../src/workshop/names.js";
import { defineCheck, type Localized, type Verdict } from "../src/engine/check.js";
import { functionOf, regionOf } from "./lib/read.js";
import { listFunctionsCommand } from "../src/workshop/cli-commands.js";
import { look, verdicts } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const messages = {
  ok: {
    ko: "리전 {region}에 함수 {names|이/가} 있습니다.",
    en: "The functions {names} exist in region {region}.",
  },
  missing: {
    ko: "리전 {region}에 함수 {missing|이/가} 없습니다.",
    en: "Region {region} has no function {missing}.",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass, fail } = verdicts(messages);

function run({ snapshot }: { snapshot: Snapshot }): Verdict<Key> {
  const region = regionOf(snapshot);
  const missing = FUNCTION_ROLES.filter((role) => !functionOf(snapshot, role)).map((role) => FUNCTION_NAMES[role]);
  if (missing.length > 0) return fail("missing", { region, missing: missing.join(", ") }, undefined, [look(listFunctionsCommand(whereOf(snapshot)))]);
  return pass("ok", { region, names: FUNCTION_ROLES.map((role) => functionOf(snapshot, role)!.name).join(", ") });
}

export const s1Functions = defineCheck({
  id: "s1.functions",
  step: 1,
  points: 1,
  dependsOn: [],
  reads: ["functions"],
  title: {
    ko: "함수 OrderWSConnectFunction, OrderWSDisconnectFunction, OrderWSPendingFunction이 있음",
    en: "The functions OrderWSConnectFunction, OrderWSDisconnectFunction and OrderWSPendingFunction exist",
  },
  hint: {
    ko: "1단계(서버리스 인프라 설치)의 CloudFormation 스택이 세 함수를 만듭니다. 스택이 완료되었는지, 검사기의 --region이 스택의 리전과 같은지 확인하세요.",
    en: "Step 1's CloudFormation stack (serverless infrastructure) creates the three functions. Check that it completed and that the checker's --region is the stack's region.",
  },
  messages,
  run,
});
