// s1.stage: stage v1, where the guide deploys (items 11 and 12), exists. A stage under another name is the
// usual mistake: the participant deployed to a new stage instead of v1.
import type { Snapshot, StageView } from "../src/collect/snapshot.js";
import { STAGE_NAME } from "../src/workshop/names.js";
import { defineCheck, type Localized, type Verdict } from "../src/engine/check.js";
import { createStageCommand, deployCommand } from "../src/workshop/cli-commands.js";
import { apiOf, list, stageOf, text } from "./lib/read.js";
import { change, deployment, FIX_API_FIRST, verdicts } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const messages = {
  ok: {
    ko: "API {apiId}에 스테이지 v1이 있습니다 (배포 {deploymentId}).",
    en: "API {apiId} has stage v1 (deployment {deploymentId}).",
  },
  missing: {
    ko: "API {apiId}에 스테이지가 하나도 없습니다.",
    en: "API {apiId} has no stage at all.",
  },
  otherStages: {
    ko: "API {apiId}에 스테이지 v1이 없고, 다른 스테이지 {stages}만 있습니다. 워크숍은 v1 스테이지를 씁니다.",
    en: "API {apiId} has no stage v1, only {stages}. The workshop uses stage v1.",
  },
  noApi: {
    ko: "OrderCallbackAPI를 찾지 못해 스테이지를 확인할 수 없습니다(s1.api 참고).",
    en: "OrderCallbackAPI was not found, so its stages cannot be checked (see s1.api).",
  },
  "hint.create": {
    ko: "항목 10–11: 작업(Actions) → API 배포(Deploy API)에서 배포 스테이지로 '[새 스테이지]'를 고르고 이름을 v1로 하여 배포하세요.",
    en: "Items 10–11: Actions → Deploy API, choose '[New Stage]' as the deployment stage, name it v1 and deploy.",
  },
  "hint.api": FIX_API_FIRST,
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass, fail } = verdicts(messages);

function run({ snapshot }: { snapshot: Snapshot }): Verdict<Key> {
  const api = apiOf(snapshot);
  if (!api) return fail("noApi", {}, "hint.api");
  const stage = stageOf(snapshot);
  if (stage) return pass("ok", { apiId: api.apiId, deploymentId: text(stage.deploymentId) ?? "-" });
  const where = whereOf(snapshot);
  const vars = { apiId: api.apiId };
  const fix = [change(createStageCommand(where)), deployment(deployCommand(where))];
  const others = list<StageView>(snapshot.stages).map((item) => text(item.stageName)).filter(Boolean);
  if (others.length === 0) return fail("missing", vars, "hint.create", fix);
  return fail("otherStages", { ...vars, stages: others.join(", ") }, "hint.create", fix);
}

export const s1Stage = defineCheck({
  id: "s1.stage",
  step: 1,
  points: 1,
  dependsOn: ["s1.api"],
  reads: ["api", "stages"],
  title: {
    ko: `스테이지 ${STAGE_NAME}이 있음`,
    en: `Stage ${STAGE_NAME} exists`,
  },
  hint: {
    ko: "항목 10–11: 작업(Actions) → API 배포(Deploy API)에서 스테이지 v1에 배포하세요.",
    en: "Items 10–11: Actions → Deploy API, and deploy to stage v1.",
  },
  messages,
  run,
});
