// The real `check` CLI's options, each against a solved lab account: --output, --lang and the locale,
// --step 1, --api-id, --no-live, --format junit and github, and colour only on a terminal without NO_COLOR.
// The runs are independent (none runs the live probe but --step 1, which does not probe), so they run
// together, at most four at once, before the assertions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateApiCommand } from "@aws-sdk/client-apigatewayv2";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checks } from "../../checks/index.js";
import { detectLang, t } from "../../src/i18n/index.js";
import { applyStep2 } from "../../src/scenarios/seed.js";
import { cliEnv, mapLimit, ROOT, runCli, type CliRun } from "../helpers/cli.js";
import { runProcess } from "../../bench/lib/process.js";
import { processTempDir } from "../../bench/lib/temp.js";
import { startSeededLab, type SeededLab } from "../helpers/seeded.js";
import { parseXml } from "../helpers/xml.js";
import type { JsonReport } from "../../src/report/model.js";
import { printingErrors } from "../helpers/hooks.js";

interface Context {
  lab: SeededLab;
  dir: string;
  otherApiId: string;
  runs: Record<string, CliRun>;
}

const test = suite<Context>("check CLI options", { lab: undefined as unknown as SeededLab, dir: "", otherApiId: "", runs: {} });

const HANGUL = /[\uac00-\ud7a3]/;
const ANSI = /\x1b\[[0-9;]*m/;

/** Runs the CLI on a pseudo-terminal (util-linux `script`), 100 columns wide, as a participant's shell would. */
async function runOnTerminal(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
  const command = `stty cols 100 2>/dev/null; exec ${[process.execPath, "--import", "tsx", join(ROOT, "src/cli/check.ts"), ...args].map(quote).join(" ")}`;
  try {
    return await runProcess("script", ["-qec", command, "/dev/null"], { cwd: ROOT, env, timeoutMs: 60_000 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw e.code === "ENOENT" ? new Error(`cannot run util-linux script(1), which gives the CLI a terminal: ${e.message}`) : e;
  }
}

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startSeededLab();
  const { main } = ctx.lab;
  await applyStep2(main.target, main.resources);
  // Another WebSocket API of the account, under another name, to be found by its id only.
  ctx.otherApiId = (await main.clients.apigw.send(new CreateApiCommand({ Name: "SomeOtherSocketApi", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }))).ApiId!;
  ctx.dir = processTempDir("check-output-");
  const base = ["--endpoint", ctx.lab.testLab.lab.endpoint, "--region", ctx.lab.testLab.region];
  const env = cliEnv(main.target.credentials);
  const runs: Record<string, () => Promise<CliRun>> = {
    // The locale unset: Korean.
    output: () => runCli([...base, "--format", "json", "--no-live", "--output", join(ctx.dir, "report.json")], env),
    english: () => runCli([...base, "--format", "json", "--no-live", "--lang", "en"], env),
    step1ById: () => runCli([...base, "--format", "json", "--step", "1", "--lang", "en", "--api-id", main.resources.apiId], env),
    otherApiId: () => runCli([...base, "--format", "json", "--no-live", "--lang", "en", "--api-id", ctx.otherApiId], env),
    missingApiId: () => runCli([...base, "--format", "json", "--no-live", "--lang", "en", "--api-id", "zzzzzzzzzz"], env),
    junit: () => runCli([...base, "--format", "junit", "--no-live", "--lang", "en"], env),
    // No --lang: the English locale decides.
    githubEnglishLocale: () => runCli([...base, "--format", "github", "--no-live"], cliEnv(main.target.credentials, { LANG: "en_US.UTF-8" })),
    terminalColour: () => runOnTerminal([...base, "--no-live", "--lang", "en"], env),
    terminalNoColour: () => runOnTerminal([...base, "--no-live", "--lang", "en"], cliEnv(main.target.credentials, { NO_COLOR: "1" })),
    // A person at a terminal, not CI: the progress line is drawn on stderr.
    terminalProgress: () => runOnTerminal([...base, "--no-live", "--lang", "en"], cliEnv(main.target.credentials, { NO_COLOR: "1", CI: undefined })),
  };
  const names = Object.keys(runs);
  const done = await mapLimit(names, 4, (name) => runs[name]!());
  ctx.runs = Object.fromEntries(names.map((name, i) => [name, done[i]!]));
}));

test.after(async (ctx) => {
  await ctx.lab?.close();
});

type Json = JsonReport;
const json = (run: CliRun) => JSON.parse(run.stdout) as Json;
const result = (report: Json, id: string) => report.results.find((r) => r.id === id)!;

test("--output FILE writes the report to the file and nothing to stdout", ({ runs, dir }) => {
  const run = runs.output!;
  assert.is(run.code, 0, run.stderr);
  assert.is(run.stdout, "");
  const written = readFileSync(join(dir, "report.json"), "utf8");
  assert.is(written, `${JSON.stringify(JSON.parse(written), null, 2)}\n`, "the file holds the JSON report and nothing else");
  assert.equal(Object.keys(JSON.parse(written)), ["version", "account", "region", "apiId", "summary", "results"]);
  assert.is(JSON.parse(written).results.length, 15);
  assert.ok(run.stderr.includes(t("ko", "check.written", { file: join(dir, "report.json") })), `stderr says where: ${run.stderr}`);
});

test("the language: Korean when the locale is unset, English with --lang en or an English locale", ({ runs, dir }) => {
  const korean = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as Json;
  const english = json(runs.english!);
  for (const r of korean.results) assert.match(`${r.title} ${r.detail}`, HANGUL, `${r.id} in Korean`);
  for (const r of english.results) assert.not.match(`${r.title} ${r.detail} ${r.hint}`, HANGUL, `${r.id} in English`);
  for (const [i, r] of english.results.entries()) {
    const check = checks.find((c) => c.id === r.id)!;
    assert.is(r.title, check.title.en);
    assert.is(korean.results[i]!.title, check.title.ko);
  }
  // LANG=en_US.UTF-8 and no --lang: the GitHub annotation's title is the English one.
  assert.ok(runs.githubEnglishLocale!.stdout.includes("Not judged: 12 of the 40 points (s2.deployed, s2.live-connect"), runs.githubEnglishLocale!.stdout);
  assert.not.match(runs.githubEnglishLocale!.stdout, HANGUL);
});

test("the locale decides only when it is English: Korean for Korean, C, POSIX and unset locales", () => {
  assert.is(detectLang({}), "ko");
  assert.is(detectLang({ LANG: "C.UTF-8" }), "ko");
  assert.is(detectLang({ LANG: "POSIX" }), "ko");
  assert.is(detectLang({ LANG: "ko_KR.UTF-8" }), "ko");
  assert.is(detectLang({ LANG: "en_US.UTF-8" }), "en");
  assert.is(detectLang({ LANG: "ko_KR.UTF-8", LC_ALL: "en_GB.UTF-8" }), "en");
  assert.is(detectLang({ LANG: "en_US.UTF-8", LC_MESSAGES: "ko_KR.UTF-8" }), "ko");
});

test("--step 1 runs only the six step-1 checks; --api-id finds the API by its id", ({ runs, lab }) => {
  const run = runs.step1ById!;
  assert.is(run.code, 0, run.stderr);
  const report = json(run);
  assert.equal(
    report.results.map((r) => r.id),
    checks.filter((c) => c.step === 1).map((c) => c.id),
  );
  for (const r of report.results) assert.is(r.step, 1);
  assert.ok(report.results.every((r) => r.status === "pass"));
  assert.is(report.apiId, lab.main.resources.apiId);
});

test("--api-id finds an API under another name by its id, and says when there is none", ({ runs, otherApiId }) => {
  const other = json(runs.otherApiId!);
  assert.is(other.apiId, otherApiId);
  assert.is(result(other, "s1.api").status, "warn");
  assert.match(result(other, "s1.api").detail, new RegExp(`API ${otherApiId} is named SomeOtherSocketApi`));
  assert.is(result(other, "s1.routes").status, "fail", "the other API's routes are judged, not OrderCallbackAPI's");
  assert.is(runs.otherApiId!.code, 1);
  const missing = json(runs.missingApiId!);
  assert.is(runs.missingApiId!.code, 1, "an API that is not there is a failure, not a checker error");
  assert.is(missing.apiId, null);
  assert.is(result(missing, "s1.api").status, "fail");
  assert.match(result(missing, "s1.api").detail, /There is no API with id zzzzzzzzzz in region ap-northeast-2/);
});

test("--no-live: the live checks and s2.deployed's confirmation are not judged, their points apart from the score, exit 0", ({ runs }) => {
  const run = runs.english!;
  assert.is(run.code, 0);
  const report = json(run);
  for (const id of ["s2.live-connect", "s2.live-default", "s2.live-disconnect"]) {
    assert.is(result(report, id).status, "skip", id);
    assert.is(result(report, id).unjudged, true, id);
    assert.match(result(report, id).detail, /skipped \(--no-live\)/);
  }
  const deployed = result(report, "s2.deployed");
  assert.is(deployed.status, "skip");
  assert.is(deployed.unjudged, true);
  assert.is(report.summary.unjudged, 4);
  assert.is(report.summary.score + report.summary.unjudgedPoints, report.summary.maxScore, "a solved account earns every point that can be judged");
  assert.match(deployed.detail, /the live probe was skipped \(--no-live\), so whether it holds this step's changes could not be confirmed/);
  assert.match(deployed.hint, /Run without --no-live/);
});

test("--format junit: the whole stdout is one JUnit document with a testcase per check", ({ runs }) => {
  const run = runs.junit!;
  assert.is(run.code, 0);
  const suites = parseXml(run.stdout).children;
  assert.is(suites.length, 1);
  const cases = suites[0]!.children.filter((c) => c.name === "testcase");
  assert.equal(
    cases.map((c) => c.attributes.name!.split(" ")[0]),
    checks.map((c) => c.id),
  );
  assert.equal([suites[0]!.attributes.tests, suites[0]!.attributes.failures, suites[0]!.attributes.errors, suites[0]!.attributes.skipped], ["15", "0", "0", "4"]);
});

test("--format github: without the probe no annotation (nothing failed or warned), the points not judged named, then the summary table", ({ runs }) => {
  const run = runs.githubEnglishLocale!;
  assert.is(run.code, 0);
  const lines = run.stdout.split("\n");
  assert.equal(lines.filter((line) => line.startsWith("::")), []);
  assert.ok(lines.includes("Not judged: 12 of the 40 points (s2.deployed, s2.live-connect, s2.live-default, s2.live-disconnect) need the live probe; run without --no-live to judge them."), run.stdout);
  assert.ok(run.stdout.includes("| `s2.deployed` |"));
});

test("colour: ANSI colours on a terminal, none with NO_COLOR, none when piped; the table's text is the same", ({ runs }) => {
  const colour = runs.terminalColour!;
  const plain = runs.terminalNoColour!;
  assert.is(colour.code, 0, colour.stdout);
  assert.is(plain.code, 0, plain.stdout);
  assert.match(colour.stdout, ANSI, "a terminal gets colours");
  assert.not.match(plain.stdout, /\x1b\[/, "NO_COLOR: no escape sequence at all");
  for (const name of ["output", "english", "junit", "githubEnglishLocale"]) assert.not.match(runs[name]!.stdout + runs[name]!.stderr, /\x1b\[/, `${name}: a pipe gets no escape sequence at all`);
  const strip = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "").replace(/\r\n/g, "\n");
  assert.is(strip(colour.stdout), plain.stdout.replace(/\r\n/g, "\n"));
  assert.match(plain.stdout, /s2\.deployed/);
});

test("on a terminal outside CI the progress line shows, and is erased before the report, which starts on a clean line", ({ runs }) => {
  const run = runs.terminalProgress!;
  assert.is(run.code, 0, run.stdout);
  const out = run.stdout;
  const table = out.indexOf("┌");
  assert.ok(table > 0, out);
  assert.ok(out.slice(0, table).includes("Reading the account's configuration"), "the progress line was shown");
  assert.ok(out.slice(0, table).endsWith("\r\x1b[2K"), `the progress line is erased right before the table: ${JSON.stringify(out.slice(Math.max(0, table - 60), table + 1))}`);
  assert.not.match(out.slice(table), /\x1b\[/, "nothing is drawn over or after the report");
  // The runs in CI (CI=true, as every other run here) draw no progress line at all.
  assert.not.match(runs.terminalNoColour!.stdout, /Reading the account's configuration/);
});

test.run();
