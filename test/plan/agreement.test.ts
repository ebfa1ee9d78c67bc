// Checks and plan agree (DESIGN.md): on every recorded fixture, and on the edge cases of the shared rules,
// solve plans a change for a route exactly when a check of that route fails, plans nothing a passing check
// would undo, and, when every static check of step 2 passes, plans a deployment only if s2.deployed fails.
// Both sides are the real ones: the check catalogue through the engine, planSolve on the same snapshot.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checks } from "../../checks/index.js";
import type { Snapshot } from "../../src/collect/snapshot.js";
import { runChecks, type Result } from "../../src/engine/run.js";
import { SCENARIO_NAMES } from "../../src/scenarios/catalogue.js";
import type { Change, Plan } from "../../src/plan/model.js";
import { planSolve } from "../../src/plan/solve.js";
import type { ProbeResult } from "../../src/probe/result.js";
import { lambdaIntegrationUri } from "../../src/aws/arn.js";
import { EXPECTED_PROBE } from "../expected/verdicts.js";
import { DISABLED_PROBE, probeResultFor } from "../helpers/expected-probe.js";
import { loadFixture } from "../helpers/fixtures.js";

/** One thing the checks judge and the plan may change: a route's wiring, its permission, $default's two-way setup. */
type Concern = "wiring $disconnect" | "wiring $default" | "permission $disconnect" | "permission $default" | "twoWay $default";

const CHECK_OF: Record<Concern, string> = {
  "wiring $disconnect": "s2.disconnect-integration",
  "wiring $default": "s2.default-integration",
  "permission $disconnect": "s2.disconnect-permission",
  "permission $default": "s2.default-permission",
  "twoWay $default": "s2.default-route-response",
};
const CONCERNS = Object.keys(CHECK_OF) as Concern[];

/** The concern each change of a solve plan serves; a deployment, a new stage and pruning serve none. */
function concernOf(change: Change): Concern | undefined {
  switch (change.kind) {
    case "createIntegration":
    case "createRoute":
    case "setTarget":
      return `wiring ${change.routeKey}` as Concern;
    case "addPermission":
      return `permission ${change.routeKey}` as Concern;
    case "removePermission":
      return undefined;
    case "setSelectionExpression":
    case "createRouteResponse":
      return `twoWay ${change.routeKey}` as Concern;
    default:
      return undefined;
  }
}

/** What the plan wants to change, or (a Deny it may not remove) names for the user to change. */
function planned(plan: Plan): Set<Concern> {
  const wanted = new Set(plan.changes.map(concernOf).filter((concern): concern is Concern => concern !== undefined));
  for (const note of plan.notes) if (note.key === "note.denied") wanted.add(`permission ${note.vars!.routeKey}` as Concern);
  return wanted;
}

function failing(results: Result[]): Set<Concern> {
  return new Set(CONCERNS.filter((concern) => results.find((result) => result.id === CHECK_OF[concern])?.status === "fail"));
}

function assertAgree(name: string, snapshot: Snapshot, probe: ProbeResult): void {
  const results = runChecks({ checks, snapshot, probe, lang: "en" });
  const statusOf = (id: string) => results.find((result) => result.id === id)?.status;
  // What solve's session hands the planner: the probe's typed result, the same the checks were judged with.
  const plan = planSolve(snapshot, { probe });
  const table = results.map((result) => `${result.id}=${result.status}`).join(" ");
  const changes = plan.changes.map((change) => `${change.kind}${"routeKey" in change ? ` ${change.routeKey}` : ""}`).join(", ") || "none";
  const context = `${name}\n  checks: ${table}\n  plan: ${changes}; blockers: ${plan.blockers.map((b) => b.key).join(", ") || "none"}`;
  if (plan.blockers.length > 0) {
    // No plan only where the checks cannot judge step 2 either: no API, or a workshop function missing.
    assert.ok(statusOf("s1.api") !== "pass" || statusOf("s1.functions") !== "pass", context);
    return;
  }
  assert.equal([...planned(plan)].sort(), [...failing(results)].sort(), `the plan changes exactly what the checks fail: ${context}`);
  for (const concern of CONCERNS) {
    const status = statusOf(CHECK_OF[concern]);
    if (status === "warn") assert.ok(plan.notes.some((note) => note.key === "note.noSourceArn" && `permission ${note.vars!.routeKey}` === concern), `a warning is named in the plan's notes: ${context}`);
  }
  const staticPass = CONCERNS.every((concern) => statusOf(CHECK_OF[concern]) === "pass" || statusOf(CHECK_OF[concern]) === "warn");
  if (!staticPass) return;
  const deploys = plan.changes.filter((change) => change.kind === "deploy" || change.kind === "createStage");
  assert.equal(plan.changes.filter((change) => change.kind !== "deploy" && change.kind !== "createStage"), [], `all static checks pass: nothing but a deployment is planned: ${context}`);
  if (statusOf("s2.deployed") === "fail") assert.ok(deploys.some((change) => change.kind === "deploy"), `s2.deployed fails: a deployment is planned: ${context}`);
  if (statusOf("s2.deployed") === "pass") assert.equal(deploys, [], `s2.deployed passes: no deployment: ${context}`);
  if ((statusOf("s2.deployed") === "warn" || statusOf("s2.deployed") === "skip") && statusOf("s1.stage") === "pass") {
    assert.equal(deploys, [], `s2.deployed is not sure: no deployment: ${context}`);
    assert.ok(plan.notes.some((note) => note.key.startsWith("note.deploy")), `s2.deployed is not sure: the plan says so: ${context}`);
  }
}

for (const scenario of SCENARIO_NAMES) {
  test(`${scenario}: the plan changes exactly what the checks fail (fixture, expected live outcome)`, () => {
    assertAgree(scenario, loadFixture(scenario), probeResultFor(EXPECTED_PROBE[scenario]!));
  });
}

test("every fixture without the probe too: the configuration checks and the plan agree", () => {
  for (const scenario of SCENARIO_NAMES) assertAgree(`${scenario} (--no-live)`, loadFixture(scenario), DISABLED_PROBE);
});

/** The solved fixture changed in one place, where a check and the plan once judged differently or easily could. */
const EDGES: Record<string, (snapshot: Snapshot) => void> = {
  "an integration with method GET": (s) => (integrationOf(s, "$default").integrationMethod = "GET"),
  "an integration without a recorded method": (s) => delete integrationOf(s, "$default").integrationMethod,
  "the bare workshop name while the account's function is the stack's": (s) => {
    const fn = s.functions.pending!;
    Object.assign(fn, { name: `awsomepets-${fn.name}-1A2B3C`, arn: fn.arn.replace(/function:(.*)$/, "function:awsomepets-$1-1A2B3C") });
  },
  "a qualified function (alias live)": (s) => {
    const integration = integrationOf(s, "$default");
    integration.integrationUri = integration.integrationUri!.replace("/invocations", ":live/invocations");
  },
  "a function in another region": (s) => {
    const integration = integrationOf(s, "$disconnect");
    integration.integrationUri = lambdaIntegrationUri(s.region, s.functions.disconnect!.arn.replace(s.region, "us-east-1"));
  },
  "a non-proxy integration": (s) => (integrationOf(s, "$disconnect").integrationType = "AWS"),
  "$default sharing $disconnect's integration": (s) => (s.routes.find((route) => route.routeKey === "$default")!.target = s.routes.find((route) => route.routeKey === "$disconnect")!.target),
  "a Deny statement on the pending function": (s) => {
    const policy = JSON.parse(s.functions.pending!.policy!) as { Statement: Record<string, unknown>[] };
    policy.Statement.push({ ...policy.Statement[0], Sid: "deny-all", Effect: "Deny", Condition: undefined });
    s.functions.pending!.policy = JSON.stringify(policy);
  },
  "a statement for stage prod only": (s) => (s.functions.pending!.policy = s.functions.pending!.policy!.replace(/\/(\*|v1)\/\$default/g, "/prod/$default")),
  "an unreadable policy": (s) => (s.functions.disconnect!.policy = "{"),
  "a route response without its selection expression": (s) => delete s.routes.find((route) => route.routeKey === "$default")!.routeResponseSelectionExpression,
  "no stage v1": (s) => (s.stages = s.stages.filter((stage) => stage.stageName !== "v1")),
  "no pending function": (s) => (s.functions.pending = null),
};

function integrationOf(snapshot: Snapshot, routeKey: string) {
  const target = snapshot.routes.find((route) => route.routeKey === routeKey)!.target!;
  return snapshot.integrations.find((integration) => `integrations/${integration.integrationId}` === target)!;
}

for (const [name, edit] of Object.entries(EDGES)) {
  test(`solved fixture, ${name}: the plan changes exactly what the checks fail`, () => {
    const snapshot = structuredClone(loadFixture("solved"));
    edit(snapshot);
    assertAgree(name, snapshot, DISABLED_PROBE);
  });
}

test.run();
