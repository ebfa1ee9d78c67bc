// The catalogue as a whole: ids, order, dependencies and points; every text in both languages; every
// message a module can produce rendered without a gap; and the whole catalogue through the engine.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checks } from "../../checks/index.js";
import type { Snapshot } from "../../src/collect/snapshot.js";
import type { CheckModule, Status } from "../../src/engine/check.js";
import { orderByDependencies, runChecks, summarize } from "../../src/engine/run.js";
import type { ProbeResult } from "../../src/probe/result.js";
import {
  deleteRoute,
  derive,
  fnIn,
  functionArn,
  IDS,
  integrationIn,
  judge,
  lambdaUri,
  passingProbe,
  routeIn,
  setPolicy,
  skippedProbe,
  solvedSnapshot,
  sourceArn,
  statement,
  step1Snapshot,
  undeployedProbe,
} from "../helpers/snapshot.js";
import { placeholderNames } from "../../src/i18n/fill.js";
import { CHECK_IDS, expectedLive, expectedNoLive } from "../expected/verdicts.js";

// The ids of the check table, in its order (test/expected/verdicts.ts keeps the one copy).
const ISSUE_ORDER: readonly string[] = CHECK_IDS;

/** {name}, or {name|을/를} with the particle that follows the value (src/i18n/fill.ts). */
const PLACEHOLDER = /\{(\w+)(?:\|[^{}]+)?\}/g;
const HANGUL = /[\uac00-\ud7a3]/;

test("the catalogue holds the table's ids, in the table's order, each once", () => {
  assert.equal(checks.map((check) => check.id), ISSUE_ORDER);
  assert.is(new Set(checks.map((check) => check.id)).size, checks.length);
});

test("every dependency and every consulted check exists, comes earlier, and the order has no cycle", () => {
  const ids = checks.map((check) => check.id);
  for (const check of checks) {
    for (const [how, other] of [...check.dependsOn.map((id) => ["depends on", id]), ...(check.consults ?? []).map((id) => ["consults", id])]) {
      assert.ok(ids.includes(other!), `${check.id} ${how} unknown ${other}`);
      assert.ok(ids.indexOf(other!) < ids.indexOf(check.id), `${check.id} ${how} the later ${other}`);
    }
  }
  assert.equal(orderByDependencies(checks).map((check) => check.id), ids);
});

test("steps match the ids, points are positive, and step 2's configuration checks weigh more than step 1's", () => {
  for (const check of checks) {
    assert.is(check.step, check.id.startsWith("s1.") ? 1 : 2, check.id);
    assert.ok(Number.isInteger(check.points) && check.points > 0, check.id);
  }
  const heaviestStep1 = Math.max(...checks.filter((c) => c.step === 1).map((c) => c.points));
  const configuration = checks.filter((c) => c.step === 2 && !c.id.startsWith("s2.live-"));
  for (const check of configuration) assert.ok(check.points > heaviestStep1, check.id);
});

test("live checks read the probe; the others do not", () => {
  for (const check of checks) assert.is(check.reads.includes("probe"), check.id.startsWith("s2.live-"), check.id);
});

// Both languages filling the same placeholders is test/i18n/placeholders.test.ts's, for every message.
test("every title, hint and message's Korean text is Korean", () => {
  for (const check of checks) {
    for (const [name, text] of [["title", check.title], ["hint", check.hint], ...Object.entries(check.messages)] as const) {
      assert.ok(HANGUL.test(text.ko), `${check.id} ${name}: the Korean text has no Korean`);
    }
  }
});

test("titles and module hints have no placeholders (the engine shows them without variables)", () => {
  for (const check of checks) {
    assert.equal(placeholderNames(check.title.ko), [], `${check.id} title`);
    assert.equal(placeholderNames(check.hint.ko), [], `${check.id} hint`);
  }
});

// --- every message a module produces, over many scenarios --------------------------------------------

const solved = solvedSnapshot();
const step1 = step1Snapshot();
const swap = (s: Snapshot) => {
  const a = integrationIn(s, "$disconnect");
  const b = integrationIn(s, "$default");
  [a.integrationUri, b.integrationUri] = [b.integrationUri, a.integrationUri];
};

const SNAPSHOTS: Snapshot[] = [
  step1,
  solved,
  derive(solved, (s) => (s.api = null)),
  derive(solved, (s) => Object.assign(s, { api: null, apiElsewhere: [{ region: "us-east-1", apiId: "x" }] })),
  derive(solved, (s) => Object.assign(s, { api: null, apiQuery: { id: "x" } })),
  derive(solved, (s) => (s.api!.protocolType = "HTTP")),
  derive(solved, (s) => Object.assign(s, { apiQuery: { id: IDS.apiId }, api: { ...s.api!, name: "Other" } })),
  derive(solved, (s) => deleteRoute(s, "$disconnect")),
  derive(solved, (s) => deleteRoute(s, "$default")),
  derive(solved, swap),
  derive(solved, (s) => (integrationIn(s, "$disconnect").integrationUri = lambdaUri(functionArn(IDS.functions.connect)))),
  derive(solved, (s) => (integrationIn(s, "$default").integrationUri = lambdaUri(functionArn("Other")))),
  derive(solved, (s) => (integrationIn(s, "$default").integrationUri = lambdaUri(`${functionArn(IDS.functions.pending)}:live`))),
  derive(solved, (s) => (integrationIn(s, "$default").integrationUri = lambdaUri(functionArn(IDS.functions.pending, "us-east-1")))),
  derive(solved, (s) => (integrationIn(s, "$default").integrationUri = lambdaUri(functionArn(IDS.functions.pending, IDS.region, "444455556666")))),
  derive(solved, (s) => (integrationIn(s, "$default").integrationUri = "arn:aws:apigateway:r:s3:path/x")),
  derive(solved, (s) => (integrationIn(s, "$default").integrationMethod = "GET")),
  derive(solved, (s) => (integrationIn(s, "$default").integrationUri = lambdaUri(functionArn(`stack-${IDS.functions.pending}-X1`)))),
  ...["AWS", "HTTP", "MOCK", "ODD"].map((type) => derive(solved, (s) => (integrationIn(s, "$disconnect").integrationType = type))),
  derive(solved, (s) => (routeIn(s, "$default").target = "odd")),
  derive(solved, (s) => (routeIn(s, "$default").target = "integrations/gone")),
  derive(solved, (s) => (s.functions.pending = null)),
  derive(solved, (s) => Object.assign(s.functions, { connect: null, disconnect: null, pending: null })),
  derive(solved, (s) => setPolicy(s, "pending", statement(IDS.functions.pending, "$default", { Sid: "x", Condition: undefined }))),
  derive(solved, (s) => setPolicy(s, "pending", statement(IDS.functions.pending, "$default", { Condition: { ArnLike: { "AWS:SourceArn": sourceArn("$default", "*", "other") } } }))),
  // The statement id the hint would add already holds the wrong statement: it is replaced, not added twice.
  derive(solved, (s) =>
    setPolicy(s, "pending", statement(IDS.functions.pending, "$default", { Sid: `apigateway-${IDS.apiId}-default`, Condition: { ArnLike: { "AWS:SourceArn": sourceArn("$default", "*", "other") } } })),
  ),
  derive(solved, (s) => setPolicy(s, "pending", statement(IDS.functions.pending, "$default", { Condition: { ArnLike: { "AWS:SourceArn": sourceArn("$default", "prod") } } }))),
  derive(solved, (s) => setPolicy(s, "pending", statement(IDS.functions.pending, "$default", { Condition: { ArnLike: { "AWS:SourceArn": sourceArn("$default", "*", IDS.apiId, "us-east-1") } } }))),
  derive(solved, (s) => setPolicy(s, "pending", statement(IDS.functions.pending, "$disconnect"))),
  derive(solved, (s) => setPolicy(s, "pending", statement(IDS.functions.pending, "$default", { Condition: { StringEquals: { "AWS:SourceAccount": "0" } } }))),
  derive(solved, (s) => setPolicy(s, "pending", statement(IDS.functions.pending, "$default", { Effect: "Deny" }))),
  derive(solved, (s) => setPolicy(s, "pending", statement(IDS.functions.pending, "$default", { Principal: "events.amazonaws.com" }))),
  derive(solved, (s) => (fnIn(s, "pending").policy = "{")),
  derive(solved, (s) => {
    setPolicy(s, "pending");
    setPolicy(s, "disconnect", statement(IDS.functions.disconnect, "$disconnect"), statement(IDS.functions.disconnect, "$default"));
  }),
  derive(solved, (s) => (s.routeResponses[IDS.routes.$default] = [])),
  derive(solved, (s) => {
    s.routeResponses[IDS.routes.$default] = [];
    s.integrationResponses[IDS.integrations.$default] = [{ integrationResponseId: "i", integrationResponseKey: "$default" }];
  }),
  derive(solved, (s) => {
    s.routeResponses[IDS.routes.$default] = [];
    delete routeIn(s, "$default").routeResponseSelectionExpression;
    s.integrationResponses[IDS.integrations.$default] = [{ integrationResponseId: "i", integrationResponseKey: "$default" }];
  }),
  derive(solved, (s) => delete routeIn(s, "$default").routeResponseSelectionExpression),
  derive(solved, (s) => (routeIn(s, "$default").routeResponseSelectionExpression = "$x")),
  derive(solved, (s) => (s.stages = [])),
  derive(solved, (s) => (s.stages[0]!.stageName = "prod")),
  derive(solved, (s) => delete s.stages[0]!.deploymentId),
  derive(solved, (s) => (s.deployments = [])),
  derive(solved, (s) => (s.deployments[1]!.deploymentStatus = "FAILED")),
  derive(solved, (s) => (s.deployments[1]!.deploymentStatus = "PENDING")),
  derive(solved, (s) => {
    s.stages[0]!.deploymentId = IDS.deployments.step1;
    s.deployments.push({ deploymentId: "d9", deploymentStatus: "DEPLOYED", createdDate: "2030-01-01T00:00:00Z" });
    s.stages.push({ stageName: "prod", deploymentId: "d9" });
  }),
  derive(solved, (s) => (s.table = null)),
  derive(solved, (s) => {
    s.table = null;
    for (const fn of Object.values(s.functions)) fn!.environment = {};
  }),
  derive(solved, (s) => (s.table!.keySchema = [])),
  derive(solved, (s) => (s.table!.indexes = [])),
  derive(solved, (s) => (s.table!.indexes[0]!.keySchema = [])),
  derive(solved, (s) => (s.table!.status = "CREATING")),
];

const PROBES: Array<ProbeResult | undefined> = [
  undefined,
  passingProbe(),
  undeployedProbe(),
  ...(["disabled", "no-api", "no-table", "no-endpoint"] as const).map((reason) => skippedProbe(reason)),
  { ...passingProbe(), error: { action: "a", code: "c", message: "m" } },
  passingProbe({ connect: undefined, default: undefined, disconnect: undefined }),
  ...(["refused", "timeout", "error"] as const).flatMap((outcome) => [403, 500].map((httpStatus) => passingProbe({ connect: { outcome, httpStatus, registered: false } }))),
  passingProbe({ connect: { outcome: "opened", registered: false } }),
  ...(["none", "closed", "internal-error", "gateway-error", "forbidden", "other-answer", "not-run"] as const).map((outcome) => passingProbe({ default: { outcome } })),
  passingProbe({ disconnect: { outcome: "not-run" } }),
  passingProbe({ disconnect: { outcome: "left" } }),
];

const allPassing = (): Record<string, Status> => Object.fromEntries(ISSUE_ORDER.map((id): [string, Status] => [id, "pass"]));

const STATUS_SETS: Array<Record<string, Status>> = [
  {},
  allPassing(),
  ...ISSUE_ORDER.filter((id) => id.startsWith("s2.d")).map((failing) => ({ ...allPassing(), [failing]: "fail" as const })),
  { "s2.default-integration": "pass", "s2.default-route-response": "fail" },
  { ...allPassing(), "s1.routes": "fail" },
];

test("every message a module produces exists, renders fully in both languages, and every message is reachable", () => {
  const used = new Set<string>();
  for (const check of checks) {
    for (const snapshot of SNAPSHOTS) {
      for (const probe of PROBES) {
        for (const statuses of check.reads.includes("probe") ? STATUS_SETS : [{}]) {
          const judged = judge(check, snapshot, probe, statuses);
          used.add(`${check.id}:${judged.verdict.detail.key}`);
          if (judged.verdict.hint) used.add(`${check.id}:${judged.verdict.hint.key}`);
          for (const lang of ["ko", "en"] as const) {
            const where = `${check.id} ${judged.verdict.detail.key}/${judged.verdict.hint?.key ?? "-"} (${lang})`;
            assert.ok(judged[lang].detail.length > 0, where);
            assert.equal(leftovers(judged[lang].detail), [], `${where} detail: ${judged[lang].detail}`);
            assert.equal(leftovers(judged[lang].hint), [], `${where} hint: ${judged[lang].hint}`);
            if (judged.status === "fail" || judged.status === "warn") assert.ok(judged[lang].hint.length > 0, `${where}: a ${judged.status} without a hint`);
          }
        }
      }
    }
  }
  const unreached = checks.flatMap((check) => Object.keys(check.messages).filter((key) => !reachedAnywhere(key, check, used)).map((key) => `${check.id}:${key}`));
  assert.equal(unreached, []);
});

/** A shared message (wiring.*, perm.*, live.*) counts as reached when any module sharing it produced it. */
function reachedAnywhere(key: string, check: CheckModule, used: Set<string>): boolean {
  if (used.has(`${check.id}:${key}`)) return true;
  return checks.some((other) => other.messages[key] === check.messages[key] && used.has(`${other.id}:${key}`));
}

test("odd snapshot data never makes a check throw", () => {
  const odd = {
    version: 1,
    region: 7,
    account: {},
    apiQuery: null,
    api: { apiId: "x", protocolType: null, apiEndpoint: 5 },
    apiElsewhere: "no",
    routes: [null, 1, { routeKey: "$default", target: 9, routeResponseSelectionExpression: [] }],
    routeResponses: null,
    integrations: { a: 1 },
    integrationResponses: [],
    stages: [{ stageName: "v1", deploymentId: {} }],
    deployments: "x",
    functions: { connect: { name: "c", arn: 3, policy: { Statement: "x" }, environment: null }, disconnect: 4, pending: null },
    table: { name: "t", keySchema: null, indexes: [null] },
    errors: [],
  } as unknown as Snapshot;
  const probes = [undefined, passingProbe(), { cleaned: 0, durationMs: 0, connect: {}, default: {}, disconnect: {} } as unknown as ProbeResult];
  // Each module on its own, past the dependencies that would otherwise skip most of them.
  for (const check of checks) {
    for (const probe of probes) {
      for (const snapshot of [odd, { version: 1 } as unknown as Snapshot]) {
        const judged = judge(check, snapshot, probe);
        assert.ok(["pass", "fail", "warn", "skip", "error"].includes(judged.status), check.id);
      }
    }
  }
  for (const probe of probes) {
    for (const result of runChecks({ checks, snapshot: odd, probe, lang: "ko" })) {
      assert.not.match(result.detail, "검사 중 예기치 않은 오류", `${result.id}: ${result.detail}`);
    }
  }
});

// --- the whole catalogue through the engine -----------------------------------------------------------

test("runChecks on the solved account with a passing probe: everything passes, full score", () => {
  for (const lang of ["ko", "en"] as const) {
    const results = runChecks({ checks, snapshot: solved, probe: passingProbe(), lang });
    assert.equal(results.filter((r) => r.status !== "pass").map((r) => `${r.id}: ${r.status} ${r.detail}`), []);
    const summary = summarize(results);
    assert.is(summary.score, summary.maxScore);
    assert.ok(results.every((r) => r.hint === ""));
  }
});

test("runChecks on the step-1 account without the probe: the verdict table's step1 row without the probe", () => {
  const results = runChecks({ checks, snapshot: step1, probe: skippedProbe("disabled"), lang: "ko" });
  const expected = expectedNoLive("step1");
  assert.equal(Object.fromEntries(results.map((r) => [r.id, r.status])), expected);
  const deployed = results.find((r) => r.id === "s2.deployed")!;
  assert.match(deployed.detail, "s2.default-route-response");
  const earned = checks.filter((c) => expected[c.id as keyof typeof expected] === "pass" || expected[c.id as keyof typeof expected] === "warn");
  assert.is(summarize(results).score, earned.reduce((sum, c) => sum + c.points, 0));
});

test("runChecks on the step-1 account with the probe: connect passes live, $default and $disconnect fail live", () => {
  const results = runChecks({ checks, snapshot: step1, probe: undeployedProbe(), lang: "en" });
  const status = Object.fromEntries(results.map((r) => [r.id, r.status]));
  assert.is(status["s2.live-connect"], "pass");
  assert.is(status["s2.live-default"], "fail");
  assert.is(status["s2.live-disconnect"], "fail");
  const liveDefault = results.find((r) => r.id === "s2.live-default")!;
  assert.match(liveDefault.hint, "s2.default-integration");
});

test("runChecks with a deleted $disconnect route: only what depends on that route fails", () => {
  const snapshot = derive(solved, (s) => deleteRoute(s, "$disconnect"));
  const results = runChecks({ checks, snapshot, probe: passingProbe({ disconnect: { outcome: "left", waitedMs: 3000 } }), lang: "ko" });
  // The lab's deleted-route scenario, as the verdict table has it: only what depends on that route fails.
  assert.equal(Object.fromEntries(results.map((r) => [r.id, r.status])), expectedLive("deleted-route"));
  const disconnect = results.find((r) => r.id === "s2.disconnect-integration")!;
  assert.ok(disconnect.fix.some((fix) => fix.command.includes("create-route") && fix.command.includes("--route-key '$disconnect'")), JSON.stringify(disconnect.fix));
  assert.match(results.find((r) => r.id === "s2.live-disconnect")!.hint, "s2.disconnect-integration");
});

test("runChecks on step 2 only still judges (dependencies on absent checks are ignored)", () => {
  const results = runChecks({ checks: checks.filter((c) => c.step === 2), snapshot: solved, probe: passingProbe(), lang: "ko" });
  assert.ok(results.every((r) => r.status === "pass"), JSON.stringify(results.filter((r) => r.status !== "pass")));
});

/** Placeholders left unfilled; JSON in frames and the shell's $(...) are not placeholders. */
function leftovers(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]);
}

test.run();
