// s2.deployed: stage v1 serves a deployment that holds the step's changes (items 10–11). Routes and
// integrations carry no timestamps (reference 4), so the control plane proves only the static part, a
// DEPLOYED deployment on v1; whether it holds the changes is shown by the live probe. This check runs only
// once the configuration checks pass (dependsOn), so a probe that fails the way an undeployed change fails
// (no answer on $default, rows left after $disconnect) means the changes were not deployed.
import type { Snapshot, StageView } from "../src/collect/snapshot.js";
import { STAGE_NAME } from "../src/workshop/names.js";
import type { CheckModule, Fix, Localized, Verdict } from "../src/engine/check.js";
import type { ProbeResult } from "../src/probe/result.js";
import { createStageCommand, deployCommand } from "./lib/cli.js";
import { apiOf, deploymentOf, list, stageOf, text, timeOf } from "./lib/read.js";
import { change, deployment, fail, FIX_API_FIRST, pass, unjudged, warn, type Vars } from "./lib/verdict.js";
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

type Evidence =
  | { kind: "confirmed" }
  | { kind: "undeployed"; symptom: "noAnswer" | "forbidden" | "rowsLeft" }
  | { kind: "contradicted"; outcome: string }
  | { kind: "unconfirmed"; why: "disabled" | "skipped" | "error" | "inconclusive"; code?: string };

function run({ snapshot, probe }: { snapshot: Snapshot; probe?: ProbeResult }): Verdict {
  const api = apiOf(snapshot);
  if (!api) return fail("noApi", {}, "hint.api");
  const where = whereOf(snapshot);
  const vars: Vars = { apiId: api.apiId };
  const fix = [deployment(deployCommand(where))];
  const stage = stageOf(snapshot);
  if (!stage) return fail("noStage", vars, "hint.createStage", [change(createStageCommand(where)), ...fix]);
  const deploymentId = text(stage.deploymentId);
  if (!deploymentId) return fail("neverDeployed", vars, "hint.deploy", fix);
  const served = deploymentOf(snapshot, deploymentId);
  const deployed = { ...vars, deploymentId, createdDate: text(served?.createdDate) ?? "-", status: String(served?.deploymentStatus ?? "-") };
  if (!served) return fail("deploymentMissing", deployed, "hint.deploy", fix);
  if (served.deploymentStatus === "PENDING") return warn("deploymentPending", deployed, "hint.pending", fix);
  if (served.deploymentStatus !== "DEPLOYED") return fail("deploymentFailed", deployed, "hint.deploy", fix);
  const seen = evidence(probe);
  // Deployments made within the same second cannot be ordered; only the probe's evidence may decide then.
  const elsewhere = newerElsewhere(snapshot, stage, served.createdDate, seen.kind === "undeployed");
  return judgeLive(seen, elsewhere, deployed, fix);
}

function judgeLive(seen: Evidence, elsewhere: Vars | undefined, vars: Vars, fix: Fix[]): Verdict {
  if (seen.kind === "confirmed") return pass("confirmed", vars);
  if (elsewhere) return fail("deployedElsewhere", { ...vars, ...elsewhere }, "hint.deployElsewhere", fix);
  if (seen.kind === "undeployed") return fail(`notDeployed.${seen.symptom}`, vars, "hint.deploy", fix);
  if (seen.kind === "contradicted") return fail("contradicted", { ...vars, outcome: seen.outcome }, "hint.contradicted", fix);
  // Without the probe the check is not judged (its points are shown apart), not a warning that earns them.
  if (seen.why === "disabled") return unjudged("unconfirmed.disabled", vars, "hint.unconfirmed");
  const hint = seen.why === "inconclusive" ? "hint.inconclusive" : "hint.unconfirmed";
  return warn(`unconfirmed.${seen.why}`, { ...vars, code: seen.code ?? "-" }, hint, fix);
}

/**
 * What the live probe says about the deployment, given that the configuration is right. Any answer of the
 * function on $default (the pending status or another) can only come from a deployment that holds this
 * step's $default wiring and two-way setting; rows left after the close, with $default answering, mean the
 * deployment predates the $disconnect wiring.
 */
function evidence(probe: ProbeResult | undefined): Evidence {
  if (!probe || probe.skipped) return { kind: "unconfirmed", why: probe?.skipped === "disabled" ? "disabled" : "skipped" };
  if (probe.error) return { kind: "unconfirmed", why: "error", code: String(probe.error.code) };
  const answer = probe.default?.outcome;
  if (answer === "none") return { kind: "undeployed", symptom: "noAnswer" };
  if (answer === "forbidden") return { kind: "undeployed", symptom: "forbidden" };
  // API Gateway's own error, or a close, where the function should answer: the deployment is not proven, and
  // an old one is the first suspect, so the check does not keep its points.
  if (answer === "internal-error" || answer === "gateway-error" || answer === "closed") return { kind: "contradicted", outcome: CONTRADICTION[answer] };
  if (answer !== "answer" && answer !== "other-answer") return { kind: "unconfirmed", why: "inconclusive" };
  return probe.disconnect?.outcome === "left" ? { kind: "undeployed", symptom: "rowsLeft" } : { kind: "confirmed" };
}

const CONTRADICTION: Record<string, string> = { "internal-error": "'Internal server error'", "gateway-error": "an error frame", closed: "a closed connection" };

/**
 * A deployment newer than v1's that another stage serves: the participant deployed, but not to v1
 * (item 11). Only deployments whose dates can be read are compared.
 */
function newerElsewhere(snapshot: Snapshot, v1: StageView, v1Created: unknown, sameTimeCounts: boolean): Vars | undefined {
  const since = timeOf(v1Created);
  if (since === undefined) return undefined;
  for (const stage of list<StageView>(snapshot.stages)) {
    if (stage === v1 || stage.stageName === STAGE_NAME) continue;
    const deployment = deploymentOf(snapshot, text(stage.deploymentId));
    const created = timeOf(deployment?.createdDate);
    const newer = created !== undefined && (created > since || (sameTimeCounts && created === since && deployment?.deploymentId !== v1.deploymentId));
    if (deployment && newer) {
      return { otherStage: String(stage.stageName), otherDeploymentId: deployment.deploymentId, otherDate: String(deployment.createdDate) };
    }
  }
  return undefined;
}

export const s2Deployed: CheckModule = {
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
};
