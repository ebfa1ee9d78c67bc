// End to end: every scenario of the catalogue built in one lab (one account each, labAccountKey(n), built
// in parallel), then the real CLI run against each account as a participant would run it (--endpoint,
// credentials in the environment, --format json), live probe included, at most four at once. Each run's
// verdicts must be the expected table (test/expected/verdicts.ts), its exit code 1 with a failure and 0
// when nothing failed, its stdout exactly the JSON report, and its stderr free of the SDK's Node warning.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createLab, LAB_REGION, labAccountKey, type Lab } from "../../src/lab/index.js";
import { buildScenario, SCENARIO_NAMES } from "../../src/scenarios/catalogue.js";
import type { Step1Resources } from "../../src/scenarios/seed.js";
import { EXPECTED_PROBE, expectedExitCode, expectedLive, type CheckId } from "../expected/verdicts.js";
import { cliEnv, JSON_KEYS, mapLimit, RESULT_KEYS, runCli, SUMMARY_KEYS, type CliRun } from "../helpers/cli.js";
import { statusTable, tableDiff } from "../helpers/fixtures.js";
import { warmFunctions } from "../helpers/warm.js";
import { printingErrors } from "../helpers/hooks.js";
import { documentClient } from "../../src/aws/documents.js";

interface Built {
  scenario: string;
  account: string;
  resources: Step1Resources;
  run: CliRun;
}

interface Context {
  lab: Lab;
  built: Map<string, Built>;
}

const test = suite<Context>("check CLI on every scenario, live", { lab: undefined as unknown as Lab, built: new Map() });

/**
 * The probe's bound on each wait (--timeout, seconds). Where the scenario expects an answer and the
 * rows' removal, a long bound costs nothing (the probe stops waiting when they come) and keeps a slow
 * machine from turning a pass into a fail; where it expects silence, the probe waits the whole bound, so
 * it is kept short: the CLI's default, 5 s. With the functions warm (warmFunctions) the lab answers in
 * milliseconds, but the same bound also covers opening the WebSocket, which on a loaded 2-core machine has
 * taken over 2 s (the bound was 2 s, and step1's connect timed out): neither bound may change a verdict.
 */
function timeoutFor(scenario: string): string {
  const expected = EXPECTED_PROBE[scenario];
  const silent = typeof expected === "object" && (expected.default === "none" || expected.disconnect === "left");
  return silent ? "5" : "10";
}

test.before(printingErrors(setUp));

async function setUp(ctx: Context): Promise<void> {
  const keys = SCENARIO_NAMES.map((_, i) => labAccountKey(i + 2));
  ctx.lab = await createLab({ accounts: keys });
  const targets = keys.map((credentials) => ({ endpoint: ctx.lab.endpoint, region: LAB_REGION, credentials }));
  const resources = await Promise.all(SCENARIO_NAMES.map((scenario, i) => buildScenario(targets[i]!, scenario)));
  // Each function runs in a process of its own: 45 cold starts at once on two cores outlast the functions'
  // 3 s timeout, so the accounts are warmed two at a time.
  await mapLimit(SCENARIO_NAMES, 2, (_, i) => warmFunctions(targets[i]!, resources[i]!));
  const runs = await mapLimit(SCENARIO_NAMES, 4, (scenario, i) =>
    runCli(["--endpoint", ctx.lab.endpoint, "--region", LAB_REGION, "--format", "json", "--timeout", timeoutFor(scenario)], cliEnv(keys[i]!)),
  );
  SCENARIO_NAMES.forEach((scenario, i) => ctx.built.set(scenario, { scenario, account: keys[i]!.accountId, resources: resources[i]!, run: runs[i]! }));
}

test.after(async (ctx) => {
  await ctx.lab?.close();
});

for (const scenario of SCENARIO_NAMES) {
  test(`${scenario}: the CLI's verdicts, live probe included, are the expected table`, ({ built }) => {
    const { run } = built.get(scenario)!;
    const report = parseReport(run);
    const diff = tableDiff(statusTable(report.results), expectedLive(scenario));
    // An error's own words say what went wrong (a bound reached on a loaded machine, or a real fault).
    const errors = report.results.filter((result) => result.status === "error").map((result) => `${result.id}: ${result.detail}`);
    assert.ok(diff === "", `${scenario}:\n${diff}\n${errors.join("\n")}\nstderr: ${run.stderr}`);
  });

  test(`${scenario}: exit code ${expectedExitCode(expectedLive(scenario))}, stdout exactly the JSON report, no SDK warning on stderr`, ({ built }) => {
    const { run, account, resources } = built.get(scenario)!;
    assert.is(run.signal, null);
    assert.is(run.code, expectedExitCode(expectedLive(scenario)), `exit code of ${scenario}\nstderr: ${run.stderr}`);
    const report = parseReport(run);
    assert.is(run.stdout, `${JSON.stringify(report, null, 2)}\n`, "stdout holds the JSON report and nothing else");
    assert.not.match(run.stderr, /NodeVersionSupportWarning/);
    assert.not.match(run.stderr, /Warning|Error/, `stderr: ${run.stderr}`);
    assert.equal(Object.keys(report), JSON_KEYS);
    assert.equal(Object.keys(report.summary), SUMMARY_KEYS);
    for (const result of report.results) assert.equal(Object.keys(result), RESULT_KEYS);
    assert.is(report.version, 1);
    assert.is(report.account, account);
    assert.is(report.region, LAB_REGION);
    assert.is(report.apiId, scenario === "api-missing" ? null : resources.apiId);
  });
}

/**
 * Words of the specific finding that read the same in Korean and English (ids, names, commands): the report
 * the participant gets (Korean, the locale being unset) names what is wrong in their own account.
 */
const NAMED: Record<string, Partial<Record<CheckId, (built: Built) => string[]>>> = {
  "swapped-functions": { "s2.disconnect-integration": () => ["OrderWSPendingFunction", "OrderWSDisconnectFunction"] },
  "wrong-source-arn": { "s2.default-permission": (b) => ["zzzzzzzzzz", b.resources.apiId, "aws lambda add-permission"] },
  "permission-without-source-arn": { "s2.default-permission": () => ["SourceArn", "aws lambda remove-permission"] },
  "non-proxy-integration": { "s2.default-integration": () => ["AWS_PROXY", "--integration-type AWS_PROXY"] },
  "http-integration": { "s2.default-integration": () => ["HTTP_PROXY", "https://orders.example.com/pending"] },
  "not-deployed": { "s2.deployed": (b) => [`aws apigatewayv2 create-deployment --api-id ${b.resources.apiId} --stage-name v1`] },
  "wrong-stage": { "s2.deployed": () => ["v2", "--stage-name v1"] },
  "deleted-route": { "s1.routes": (b) => [`aws apigatewayv2 create-route --api-id ${b.resources.apiId} --route-key '$disconnect'`] },
  "missing-permission-disconnect": { "s2.disconnect-permission": (b) => [`${b.resources.apiId}/v1/$disconnect`, "OrderWSDisconnectFunction"] },
  "api-missing": { "s1.api": () => ["OrderCallbackAPI", "ap-northeast-2"] },
};

test("the report is Korean when the locale is unset, and names what is wrong in the participant's own account", ({ built }) => {
  for (const { run, scenario } of built.values()) {
    const report = parseReport(run);
    for (const result of report.results) {
      assert.match(result.title, /[\uac00-\ud7a3]/, `${scenario} ${result.id} title is Korean: ${result.title}`);
      if (result.status === "fail" || result.status === "warn" || result.status === "error") assert.match(result.hint, /[\uac00-\ud7a3]/, `${scenario} ${result.id} has a Korean hint`);
    }
  }
  for (const [scenario, checks] of Object.entries(NAMED)) {
    const one = built.get(scenario)!;
    for (const [id, names] of Object.entries(checks)) {
      const result = parseReport(one.run).results.find((r) => r.id === id)!;
      const text = `${result.detail}\n${result.hint}\n${result.fix.map((fix) => fix.command).join("\n")}`;
      for (const name of names!(one)) assert.ok(text.includes(name), `${scenario} ${id} names ${name}:\n${text}`);
    }
  }
});

test("the live probe cleaned up after itself: every account's callback table is empty again", async ({ lab, built }) => {
  const { createClients } = await import("../../src/aws/clients.js");
  const { ScanCommand } = await import("@aws-sdk/lib-dynamodb");
  const keys = SCENARIO_NAMES.map((_, i) => labAccountKey(i + 2));
  for (const [i, scenario] of SCENARIO_NAMES.entries()) {
    const clients = createClients({ endpoint: lab.endpoint, region: LAB_REGION, credentials: keys[i]!, maxAttempts: 1 });
    try {
      const rows = (await documentClient(clients.dynamodb).send(new ScanCommand({ TableName: built.get(scenario)!.resources.tableName }))).Items ?? [];
      assert.equal(rows, [], `${scenario}: rows left in the table`);
    } finally {
      clients.destroy();
    }
  }
});

interface JsonReport {
  version: number;
  account: string | null;
  region: string;
  apiId: string | null;
  summary: Record<string, number>;
  results: { id: string; status: string; title: string; detail: string; hint: string; fix: { command: string }[] }[];
}

function parseReport(run: CliRun): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch (error) {
    throw new Error(`stdout is not one JSON document (${String(error)}):\n${run.stdout}\nstderr: ${run.stderr}`);
  }
}

test.run();
