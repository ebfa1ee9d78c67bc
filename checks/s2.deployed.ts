// s2.deployed: stage v1 serves a deployment that holds the step's changes (items 10–11), as the rule solve
// follows too judges it (src/rules/deployment.ts): a DEPLOYED deployment on v1, confirmed by the live probe.
// This check runs only once the configuration checks pass (dependsOn), so a probe that fails the way an
// undeployed change fails (no answer on $default, rows left after $disconnect) means the changes were not deployed.
import type { DeploymentView, Snapshot } from "../src/collect/snapshot.js";
import { judgeDeployment, type StaleReason } from "../src/rules/deployment.js";
import { defineCheck, type Fix, type Localized, type Verdict } from "../src/engine/check.js";
import type { ProbeResult } from "../src/probe/result.js";
import { createStageCommand, deployCommand } from "../src/workshop/cli-commands.js";
import { apiOf, text } from "./lib/read.js";
import { change, deployment, FIX_API_FIRST, verdicts, type Vars } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const messages = {
  confirmed: {
    ko: "스테이지 v1이 {createdDate}에 만든 배포 {deploymentId|을/를} 제공하고, 실시간 검사에서 $default의 함수가 응답했습니다.",
    en: "Stage v1 serves deployment {deploymentId} ({createdDate}), and in the live probe the $default function answered.",
  },
  "notDeployed.noAnswer": {
    ko: "설정은 맞지만 v1에 반영되지 않았습니다: 실시간 검사에서 $default가 응답하지 않았습니다. v1은 아직 {createdDate}에 만든 배포 {deploymentId|을/를} 제공합니다.",
    en: "The configuration is right but v1 does not serve it: in the live probe $default gave no answer. v1 still serves deployment {deploymentId} ({createdDate}).",
  },
  "notDeployed.forbidden": {
    ko: "설정은 맞지만 v1에 반영되지 않았습니다: 실시간 검사에서 $default 메시지에 'Forbidden'이 돌아왔습니다 (배포된 API에 $default 경로가 없습니다). v1은 아직 {createdDate}에 만든 배포 {deploymentId|을/를} 제공합니다.",
    en: "The configuration is right but v1 does not serve it: in the live probe the $default message got 'Forbidden' (the deployed API has no $default route). v1 still serves deployment {deploymentId} ({createdDate}).",
  },
  "notDeployed.rowsLeft": {
    ko: "설정은 맞지만 v1에 반영되지 않았습니다: 실시간 검사에서 연결을 끊은 뒤에도 테이블에 연결 행이 남았습니다 ($disconnect 함수가 실행되지 않았습니다). v1은 아직 {createdDate}에 만든 배포 {deploymentId|을/를} 제공합니다.",
    en: "The configuration is right but v1 does not serve it: in the live probe the connection's rows stayed in the table after disconnecting (the $disconnect function did not run). v1 still serves deployment {deploymentId} ({createdDate}).",
  },
  deployedElsewhere: {
    ko: "{otherDate}에 만든 최근 배포 {otherDeploymentId|은/는} 스테이지 {otherStage}에 있고, v1은 여전히 {createdDate}에 만든 배포 {deploymentId|을/를} 제공합니다. 변경을 v1이 아닌 스테이지에 배포했습니다.",
    en: "The latest deployment, {otherDeploymentId} ({otherDate}), went to stage {otherStage}; v1 still serves deployment {deploymentId} ({createdDate}). The changes were deployed to a stage other than v1.",
  },
  "unconfirmed.disabled": {
    ko: "스테이지 v1은 {createdDate}에 만든 배포 {deploymentId|을/를} 제공하지만, 실시간 검사를 건너뛰어(--no-live) 이번 단계의 변경이 그 배포에 들어 있는지 확인하지 못했습니다 (경로와 통합에는 변경 시각이 기록되지 않습니다).",
    en: "Stage v1 serves deployment {deploymentId} ({createdDate}), but the live probe was skipped (--no-live), so whether it holds this step's changes could not be confirmed (routes and integrations record no change times).",
  },
  "unconfirmed.skipped": {
    ko: "스테이지 v1은 {createdDate}에 만든 배포 {deploymentId|을/를} 제공하지만, 실시간 검사를 하지 못해 이번 단계의 변경이 그 배포에 들어 있는지 확인하지 못했습니다.",
    en: "Stage v1 serves deployment {deploymentId} ({createdDate}), but the live probe did not run, so whether it holds this step's changes could not be confirmed.",
  },
  "unconfirmed.error": {
    ko: "스테이지 v1은 {createdDate}에 만든 배포 {deploymentId|을/를} 제공하지만, 실시간 검사가 검사기 쪽 오류({code})로 끝나 이번 단계의 변경이 배포되었는지 확인하지 못했습니다.",
    en: "Stage v1 serves deployment {deploymentId} ({createdDate}), but the live probe ended with an error on the checker's side ({code}), so whether this step's changes are deployed could not be confirmed.",
  },
  contradicted: {
    ko: "설정은 맞지만 실시간 검사에서 $default가 함수의 응답 대신 {outcome|을/를} 돌려주었습니다: v1이 제공하는 {createdDate}의 배포 {deploymentId}에 이번 단계의 변경이 들어 있지 않거나, 함수가 실패합니다.",
    en: "The configuration is right, but in the live probe $default gave {outcome} instead of the function's answer: either deployment {deploymentId} ({createdDate}) that v1 serves does not hold this step's changes, or the function fails.",
  },
  "unconfirmed.inconclusive": {
    ko: "스테이지 v1은 {createdDate}에 만든 배포 {deploymentId|을/를} 제공하지만, 실시간 검사가 배포와 관계없는 이유로 실패해(s2.live-* 참고) 이번 단계의 변경이 배포되었는지 확인하지 못했습니다.",
    en: "Stage v1 serves deployment {deploymentId} ({createdDate}), but the live probe failed for a reason other than deployment (see s2.live-*), so whether this step's changes are deployed could not be confirmed.",
  },
  noStage: {
    ko: "API {apiId}에 스테이지 v1이 없습니다.",
    en: "API {apiId} has no stage v1.",
  },
  neverDeployed: {
    ko: "스테이지 v1에 배포가 연결되어 있지 않습니다: 한 번도 배포되지 않았습니다.",
    en: "Stage v1 has no deployment: it has never been deployed.",
  },
  deploymentMissing: {
    ko: "스테이지 v1이 가리키는 배포 {deploymentId|을/를} API의 배포 목록에서 찾을 수 없습니다.",
    en: "The deployment {deploymentId} that stage v1 points to is not among the API's deployments.",
  },
  deploymentFailed: {
    ko: "스테이지 v1의 배포 {deploymentId}의 상태가 {status}입니다(DEPLOYED가 아님).",
    en: "Deployment {deploymentId} of stage v1 is {status}, not DEPLOYED.",
  },
  deploymentPending: {
    ko: "스테이지 v1의 배포 {deploymentId|이/가} 아직 진행 중입니다(PENDING).",
    en: "Deployment {deploymentId} of stage v1 is still in progress (PENDING).",
  },
  noApi: {
    ko: "OrderCallbackAPI를 찾지 못해 배포를 확인할 수 없습니다(s1.api 참고).",
    en: "OrderCallbackAPI was not found, so its deployment cannot be checked (see s1.api).",
  },
  "hint.deploy": {
    ko: "항목 10–11: 작업(Actions) → API 배포(Deploy API) → 배포 스테이지 v1 → 배포(Deploy). 경로와 통합을 바꿀 때마다 다시 배포해야 v1에 반영됩니다.",
    en: "Items 10–11: Actions → Deploy API → deployment stage v1 → Deploy. Every change to routes and integrations reaches v1 only after a new deployment.",
  },
  "hint.deployElsewhere": {
    ko: "항목 11: API 배포(Deploy API)에서 배포 스테이지로 {otherStage|이/가} 아니라 v1을 고르세요.",
    en: "Item 11: in Deploy API, choose stage v1 as the deployment stage, not {otherStage}.",
  },
  "hint.unconfirmed": {
    ko: "--no-live 없이 실행하면 실제 연결로 확인합니다. 마지막 변경 뒤에 배포했는지 확실하지 않다면 다시 배포해도 안전합니다(항목 10–11).",
    en: "Run without --no-live to confirm over a real connection. If you are not sure you deployed after your last change, deploying again is safe (items 10–11).",
  },
  "hint.inconclusive": {
    ko: "실패한 s2.live-* 검사의 안내를 먼저 따르세요. 배포했는지 확실하지 않다면 다시 배포해도 안전합니다(항목 10–11).",
    en: "Follow the hints of the failed s2.live-* checks first. If you are not sure you deployed, deploying again is safe (items 10–11).",
  },
  "hint.contradicted": {
    ko: "가장 흔한 원인은 마지막 변경 뒤에 배포하지 않은 것입니다: 먼저 v1에 다시 배포하세요(항목 10–11). 배포한 뒤에도 실패하면 s2.live-* 검사가 안내하는 함수 로그를 보세요.",
    en: "The usual cause is a change made after the last deployment: deploy to v1 again first (items 10–11). If it still fails after deploying, read the function's logs the s2.live-* checks point to.",
  },
  "hint.pending": {
    ko: "배포가 끝나면 다시 실행하세요. 오래 PENDING이면 다시 배포하세요.",
    en: "Run again when the deployment has finished. If it stays PENDING, deploy again.",
  },
  "hint.createStage": {
    ko: "항목 10–11: 작업(Actions) → API 배포(Deploy API)에서 '[새 스테이지]'를 고르고 이름을 v1로 하여 배포하세요.",
    en: "Items 10–11: Actions → Deploy API, choose '[New Stage]', name it v1 and deploy.",
  },
  "hint.api": FIX_API_FIRST,
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass, fail, warn, unjudged } = verdicts(messages);

function run({ snapshot, probe }: { snapshot: Snapshot; probe?: ProbeResult }): Verdict<Key> {
  const api = apiOf(snapshot);
  if (!api) return fail("noApi", {}, "hint.api");
  const where = whereOf(snapshot);
  const vars: Vars = { apiId: api.apiId };
  const fix = [deployment(deployCommand(where))];
  const judged = judgeDeployment(snapshot, probe);
  switch (judged.state) {
    case "noStage":
      return fail("noStage", vars, "hint.createStage", [change(createStageCommand(where)), ...fix]);
    case "neverDeployed":
      return fail("neverDeployed", vars, "hint.deploy", fix);
    case "current":
      return pass("confirmed", served(vars, judged.deployment));
    case "pending":
      return warn("deploymentPending", served(vars, judged.deployment), "hint.pending", fix);
    case "stale":
      return stale(judged.reason, vars, fix);
    case "unconfirmed": {
      // Without the probe the check is not judged (its points are shown apart), not a warning that earns them.
      if (judged.why === "disabled") return unjudged("unconfirmed.disabled", served(vars, judged.deployment), "hint.unconfirmed");
      const hint = judged.why === "inconclusive" ? "hint.inconclusive" : "hint.unconfirmed";
      return warn(`unconfirmed.${judged.why}`, { ...served(vars, judged.deployment), code: judged.code ?? "-" }, hint, fix);
    }
  }
}

function served(vars: Vars, deployment: DeploymentView): Vars {
  return { ...vars, deploymentId: deployment.deploymentId, createdDate: text(deployment.createdDate) ?? "-", status: String(deployment.deploymentStatus ?? "-") };
}

function stale(reason: StaleReason, vars: Vars, fix: Fix[]): Verdict<Key> {
  if (reason.kind === "missing") return fail("deploymentMissing", { ...vars, deploymentId: reason.deploymentId, createdDate: "-", status: "-" }, "hint.deploy", fix);
  const deployed = served(vars, reason.deployment);
  switch (reason.kind) {
    case "failed":
      return fail("deploymentFailed", deployed, "hint.deploy", fix);
    case "elsewhere": {
      const other = reason.elsewhere;
      return fail("deployedElsewhere", { ...deployed, otherStage: other.stageName, otherDeploymentId: other.deployment.deploymentId, otherDate: String(other.deployment.createdDate) }, "hint.deployElsewhere", fix);
    }
    case "undeployed":
      return fail(`notDeployed.${reason.symptom}`, deployed, "hint.deploy", fix);
    case "contradicted":
      return fail("contradicted", { ...deployed, outcome: CONTRADICTION[reason.outcome] ?? reason.outcome }, "hint.contradicted", fix);
  }
}

const CONTRADICTION: Record<string, string> = { "internal-error": "'Internal server error'", "gateway-error": "an error frame", closed: "a closed connection" };

export const s2Deployed = defineCheck({
  id: "s2.deployed",
  step: 2,
  points: 4,
  // The live evidence means "not deployed" only when the configuration itself is right.
  dependsOn: ["s1.stage", "s2.disconnect-integration", "s2.disconnect-permission", "s2.default-integration", "s2.default-permission", "s2.default-route-response"],
  reads: ["api", "stages", "deployments"],
  title: {
    ko: "변경 사항이 스테이지 v1에 배포됨 (항목 10–11)",
    en: "The changes are deployed to stage v1 (items 10–11)",
  },
  hint: {
    ko: "항목 10–11: 작업(Actions) → API 배포(Deploy API) → 배포 스테이지 v1 → 배포(Deploy).",
    en: "Items 10–11: Actions → Deploy API → deployment stage v1 → Deploy.",
  },
  messages,
  run,
});
