// "Stage v1 serves the step's configuration": the one judgement of the deployment, from the snapshot and the
// live probe's typed result, read by s2.deployed (which says it in its words) and by solve (which deploys a
// stale v1, and only then). Routes and integrations carry no timestamps (botocore's apigatewayv2 model), so the control plane
// proves only the static part, a DEPLOYED deployment on v1; whether it holds the changes is the probe's to
// show. The judgement means "stale" only once the configuration itself is right: s2.deployed depends on the
// configuration checks, and solve asks only when it plans no change of the configuration.
//
// Sources cited in this file:
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
import type { DeploymentView, Snapshot, StageView } from "../collect/snapshot.js";
import type { ProbeDefault, ProbeResult } from "../probe/result.js";
import { STAGE_NAME } from "../workshop/names.js";
import { deploymentOf, list, stageOf, text, timeOf } from "./read.js";

/** What the probe's outcome on $default says, where the function should have answered. */
export type LiveEvidence =
  | { kind: "confirmed" }
  | { kind: "undeployed"; symptom: "noAnswer" | "forbidden" | "rowsLeft" }
  | { kind: "contradicted"; outcome: Extract<ProbeDefault["outcome"], "internal-error" | "gateway-error" | "closed"> }
  | { kind: "unconfirmed"; why: "disabled" | "skipped" | "error" | "inconclusive"; code?: string };

/** A newer deployment than v1's, served by another stage: deployed, but not to v1 (item 11). */
export interface DeployedElsewhere {
  stageName: string;
  deployment: DeploymentView;
}

export type StaleReason =
  | { kind: "missing"; stage: StageView; deploymentId: string }
  | { kind: "failed"; stage: StageView; deployment: DeploymentView }
  | { kind: "elsewhere"; stage: StageView; deployment: DeploymentView; elsewhere: DeployedElsewhere }
  | { kind: "undeployed"; stage: StageView; deployment: DeploymentView; symptom: "noAnswer" | "forbidden" | "rowsLeft" }
  | { kind: "contradicted"; stage: StageView; deployment: DeploymentView; outcome: string };

export type DeploymentJudgement =
  | { state: "noStage" }
  | { state: "neverDeployed"; stage: StageView }
  | { state: "current"; stage: StageView; deployment: DeploymentView }
  | { state: "stale"; reason: StaleReason }
  | { state: "pending"; stage: StageView; deployment: DeploymentView }
  | { state: "unconfirmed"; stage: StageView; deployment: DeploymentView; why: "disabled" | "skipped" | "error" | "inconclusive"; code?: string };

export function judgeDeployment(snapshot: Snapshot, probe: ProbeResult | undefined, stageName: string = STAGE_NAME): DeploymentJudgement {
  const stage = stageOf(snapshot, stageName);
  if (!stage) return { state: "noStage" };
  const deploymentId = text(stage.deploymentId);
  if (!deploymentId) return { state: "neverDeployed", stage };
  const deployment = deploymentOf(snapshot, deploymentId);
  if (!deployment) return { state: "stale", reason: { kind: "missing", stage, deploymentId } };
  if (deployment.deploymentStatus === "PENDING") return { state: "pending", stage, deployment };
  if (deployment.deploymentStatus !== "DEPLOYED") return { state: "stale", reason: { kind: "failed", stage, deployment } };
  const seen = liveEvidence(probe);
  if (seen.kind === "confirmed") return { state: "current", stage, deployment };
  // Deployments made within the same second cannot be ordered; only the probe's evidence may decide then.
  const elsewhere = newerElsewhere(snapshot, stage, deployment, seen.kind === "undeployed");
  if (elsewhere) return { state: "stale", reason: { kind: "elsewhere", stage, deployment, elsewhere } };
  if (seen.kind === "undeployed") return { state: "stale", reason: { kind: "undeployed", stage, deployment, symptom: seen.symptom } };
  if (seen.kind === "contradicted") return { state: "stale", reason: { kind: "contradicted", stage, deployment, outcome: seen.outcome } };
  return { state: "unconfirmed", stage, deployment, why: seen.why, ...(seen.code ? { code: seen.code } : {}) };
}

/**
 * What the live probe says about the deployment, given that the configuration is right. Any answer of the
 * function on $default (the pending status or another) can only come from a deployment that holds this
 * step's $default wiring and two-way setting; rows left after the close, with $default answering, mean the
 * deployment predates the $disconnect wiring. API Gateway's own error, or a close, where the function should
 * answer: the deployment is not proven, and an old one is the first suspect.
 */
export function liveEvidence(probe: ProbeResult | undefined): LiveEvidence {
  if (!probe || probe.skipped) return { kind: "unconfirmed", why: probe?.skipped === "disabled" ? "disabled" : "skipped" };
  if (probe.error) return { kind: "unconfirmed", why: "error", code: String(probe.error.code) };
  const answer = probe.default?.outcome;
  if (answer === "none") return { kind: "undeployed", symptom: "noAnswer" };
  if (answer === "forbidden") return { kind: "undeployed", symptom: "forbidden" };
  if (answer === "internal-error" || answer === "gateway-error" || answer === "closed") return { kind: "contradicted", outcome: answer };
  if (answer !== "answer" && answer !== "other-answer") return { kind: "unconfirmed", why: "inconclusive" };
  return probe.disconnect?.outcome === "left" ? { kind: "undeployed", symptom: "rowsLeft" } : { kind: "confirmed" };
}

/** A deployment newer than v1's that another stage serves; only deployments whose dates can be read are compared. */
function newerElsewhere(snapshot: Snapshot, v1: StageView, served: DeploymentView, sameTimeCounts: boolean): DeployedElsewhere | undefined {
  const since = timeOf(served.createdDate);
  if (since === undefined) return undefined;
  for (const stage of list<StageView>(snapshot.stages)) {
    if (stage === v1 || stage.stageName === v1.stageName) continue;
    const deployment = deploymentOf(snapshot, text(stage.deploymentId));
    const created = timeOf(deployment?.createdDate);
    const newer = created !== undefined && (created > since || (sameTimeCounts && created === since && deployment?.deploymentId !== v1.deploymentId));
    if (deployment && newer) return { stageName: String(stage.stageName), deployment };
  }
  return undefined;
}
