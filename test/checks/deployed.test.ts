// s2.deployed: a DEPLOYED deployment on v1 (static part), confirmed by the live probe; a probe that fails as
// an undeployed change does fails the check with the hint to deploy to v1 (items 10 and 11).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { s2Deployed as check } from "../../checks/s2.deployed.js";
import type { Snapshot } from "../../src/collect/snapshot.js";
import { assertHintNames, assertNames, derive, IDS, judge, passingProbe, skippedProbe, solvedSnapshot, undeployedProbe } from "../helpers/snapshot.js";

const solved = solvedSnapshot();
const deployCommand = `aws apigatewayv2 create-deployment --api-id ${IDS.apiId} --stage-name v1 --region ${IDS.region}`;

/** Step 2 configured, but v1 still serves the step-1 deployment. */
const notDeployed = derive(solved, (s) => {
  s.stages[0]!.deploymentId = IDS.deployments.step1;
  s.deployments = s.deployments.filter((d) => d.deploymentId === IDS.deployments.step1);
});

/** Step 2 configured and deployed, but to a new stage "prod" instead of v1 (item 11). */
const wrongStage = derive(notDeployed, (s) => {
  s.deployments.push({ deploymentId: "dep777", deploymentStatus: "DEPLOYED", createdDate: "2024-05-01T12:00:00.000Z", autoDeployed: false });
  s.stages.push({ stageName: "prod", deploymentId: "dep777", autoDeploy: false, createdDate: "2024-05-01T12:00:00.000Z" });
});

function assertDeployHint(judged: ReturnType<typeof judge>): void {
  assertHintNames(judged, "10–11", deployCommand);
  assert.ok(judged.ko.hint.includes("작업(Actions) → API 배포(Deploy API)"), judged.ko.hint);
  assert.ok(judged.en.hint.includes("Actions → Deploy API"), judged.en.hint);
}

test("passes when the probe saw $default answer and $disconnect run, naming the deployment", () => {
  const judged = judge(check, solved, passingProbe());
  assert.is(judged.status, "pass");
  assertNames(judged, IDS.deployments.step2);
});

test("--no-live: not judged (a skip whose points are held apart), saying what could not be confirmed", () => {
  const judged = judge(check, solved, skippedProbe("disabled"));
  assert.is(judged.status, "skip");
  assert.is(judged.verdict.unjudged, true);
  assert.is(judged.verdict.detail.key, "unconfirmed.disabled");
  assertNames(judged, IDS.deployments.step2, "--no-live");
});

test("no probe result at all is also a warn", () => {
  assert.is(judge(check, solved).status, "warn");
});

test("a probe that could not run (no endpoint) or ended in a checker error is a warn naming why", () => {
  const skipped = judge(check, solved, skippedProbe("no-endpoint"));
  assert.is(skipped.status, "warn");
  assert.is(skipped.verdict.detail.key, "unconfirmed.skipped");
  const errored = judge(check, solved, { ...passingProbe(), error: { action: "dynamodb:PutItem", code: "AccessDeniedException", message: "denied" } });
  assert.is(errored.status, "warn");
  assertNames(errored, "AccessDeniedException");
});

test("not deployed: no answer on $default while the configuration is right fails with the deploy hint", () => {
  const judged = judge(check, notDeployed, undeployedProbe());
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "notDeployed.noAnswer");
  assertNames(judged, IDS.deployments.step1);
  assertDeployHint(judged);
});

test("not deployed: Forbidden on $default fails with the deploy hint", () => {
  const judged = judge(check, notDeployed, passingProbe({ default: { outcome: "forbidden" } }));
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "notDeployed.forbidden");
  assertDeployHint(judged);
});

test("not deployed: rows left after disconnect fails with the deploy hint", () => {
  const judged = judge(check, notDeployed, passingProbe({ disconnect: { outcome: "left", waitedMs: 3000 } }));
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "notDeployed.rowsLeft");
  assertDeployHint(judged);
});

test("Internal server error, a gateway error or a close where the function should answer: a fail with no points, deploying first", () => {
  for (const outcome of ["internal-error", "gateway-error", "closed"] as const) {
    const judged = judge(check, solved, passingProbe({ default: { outcome, frame: "{}" } }));
    assert.is(judged.status, "fail", outcome);
    assert.is(judged.verdict.detail.key, "contradicted", outcome);
    assert.equal(judged.verdict.fix, [{ command: deployCommand, phase: "deploy" }], outcome);
    assertNames(judged, "s2.live-");
  }
});

test("a connection that never opened says nothing of the deployment: a warn pointing to the live checks", () => {
  const judged = judge(check, solved, passingProbe({ default: { outcome: "not-run" } }));
  assert.is(judged.status, "warn");
  assertNames(judged, "s2.live-");
});

test("deployed to another stage: fails naming the stage and its newer deployment, even without the probe", () => {
  for (const probe of [skippedProbe("disabled"), undeployedProbe()]) {
    const judged = judge(check, wrongStage, probe);
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "deployedElsewhere");
    assertNames(judged, "prod", "dep777", IDS.deployments.step1, deployCommand);
  }
});

test("a deployment to another stage in the same second explains a failed probe, but alone proves nothing", () => {
  const sameSecond = derive(wrongStage, (s) => (s.deployments.find((d) => d.deploymentId === "dep777")!.createdDate = s.deployments[0]!.createdDate));
  const withProbe = judge(check, sameSecond, undeployedProbe());
  assert.is(withProbe.verdict.detail.key, "deployedElsewhere");
  assertNames(withProbe, "prod");
  assert.is(judge(check, sameSecond, skippedProbe()).status, "skip");
});

test("another stage with a newer deployment does not matter when the probe confirms v1", () => {
  assert.is(judge(check, wrongStage, passingProbe()).status, "pass");
});

test("static failures: no stage v1, never deployed, unknown deployment, FAILED, PENDING", () => {
  const cases: Array<[string, (s: Snapshot) => void, string, string[]]> = [
    ["noStage", (s) => (s.stages = []), "fail", ["create-stage", deployCommand]],
    ["neverDeployed", (s) => delete s.stages[0]!.deploymentId, "fail", [deployCommand]],
    ["deploymentMissing", (s) => (s.deployments = []), "fail", [IDS.deployments.step2]],
    ["deploymentFailed", (s) => (s.deployments[1]!.deploymentStatus = "FAILED"), "fail", ["FAILED", IDS.deployments.step2]],
    ["deploymentPending", (s) => (s.deployments[1]!.deploymentStatus = "PENDING"), "warn", ["PENDING"]],
  ];
  for (const [key, edit, status, names] of cases) {
    const judged = judge(check, derive(solved, edit), passingProbe());
    assert.is(judged.verdict.detail.key, key);
    assert.is(judged.status, status, key);
    assertNames(judged, ...names);
  }
});

test("unreadable dates never throw and compare nothing", () => {
  const judged = judge(check, derive(wrongStage, (s) => (s.deployments[0]!.createdDate = "yesterday")), skippedProbe());
  assert.is(judged.status, "skip");
});

test.run();
