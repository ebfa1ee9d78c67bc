// Every command line that README.md and README.ko.md give their reader is run here, as the reader would run
// it, against a test lab: a documented command can never be refused again. The lines are read out
// of the READMEs (test/helpers/readme.ts); each is run by a story below or named in NOT_RUN with why it cannot
// run here, and the first test fails on a README line that is neither, and on a listed line no README has.
//
// Where the commands go: a lab in this process (createLab on port 0) holds one account per story, built in
// the story's scenario, and `npm run lab` runs as a child on --port 0 for the lines that speak of it. The
// README's http://127.0.0.1:4566 becomes the running lab's endpoint. A command for "your own AWS account"
// gets what that account would give it, pointed at the lab: its keys in AWS_ACCESS_KEY_ID / ..._SECRET_...
// (or in a profile file, for --profile), its region in AWS_REGION, and the lab in AWS_ENDPOINT_URL, which the
// SDK honours as it does on a participant's machine. Nothing else of this machine's shell reaches a command:
// no locale (so Korean, the default), no AWS profile, no credentials. Two things are added to a line, never
// taken from it: `--port 0` to `npm run lab`, and to a command that probes live `--timeout 15` (the probe's
// waits, a documented option), since a CI machine running the whole suite is slower than a participant's.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseRoster } from "../../src/grade/roster.js";
import { fileId } from "../../src/grade/report.js";
import { t, type MessageKey } from "../../src/i18n/index.js";
import type { AwsTarget } from "../../src/aws/clients.js";
import { DEFAULT_KEY, LAB_REGION } from "../../src/lab/index.js";
import { FUNCTION_NAMES } from "../../src/workshop/names.js";
import { describeRun } from "../../bench/lib/aws-cli.js";
import { cliEnv, mapLimit, ROOT } from "../helpers/cli.js";
import type { ProcessRun } from "../../bench/lib/process.js";
import { fencedBlocks, readmeCommands, type ReadmeCommand } from "../helpers/readme.js";
import { warmFunctions } from "../helpers/warm.js";
import { buildClass, type ClassAccount } from "../grade/class-lab.js";
import { startPlanLab, type Account, type PlanLab } from "../plan/lab.js";
import { hasScript, npmRunArgv, runAwsLine, runNpm, runNpmScript, runOnTerminal, startLongRunning } from "./run.js";
import { printingErrors } from "../helpers/hooks.js";

const READMES = ["README.md", "README.ko.md"];
const TEXTS = Object.fromEntries(READMES.map((file) => [file, readFileSync(join(ROOT, file), "utf8")]));
const COMMANDS: ReadmeCommand[] = READMES.flatMap((file) => readmeCommands(file, TEXTS[file]!));

/** Where the READMEs say `npm run lab` listens; a test lab listens elsewhere. */
const README_ENDPOINT = "http://127.0.0.1:4566";
/** The commands' own words: they run without a locale, so in Korean, the default. */
const ko = (key: MessageKey, vars?: Record<string, string | number>) => t("ko", key, vars);
/**
 * Stories run at once, at most this many: each starts processes that load the SDK, on 2 busy cores, and the
 * lab runs the functions the probes call at a lower CPU priority (nice 10) than those processes.
 */
const STORIES_AT_ONCE = 2;
/** The probe's waits (added to the lines that probe): long enough for a function's cold start on a busy machine. */
const PROBE_WAIT = ["--timeout", "15"];

interface World {
  lab: PlanLab;
  /** Accounts of the in-process lab, built before the stories start (keyed by story). */
  accounts: Record<"own" | "profile" | "solve" | "solveYes" | "reset", Account>;
  /** A class for `grade`: solved (role, external id, region), step1 (role, no region), not-deployed (a profile). */
  class: ClassAccount[];
}

interface Story {
  /** What the README says the commands do: the test's name. */
  name: string;
  /** The README lines it runs, as extracted. */
  runs: string[];
  play(world: World): Promise<void>;
}

/** A README line as extracted (its environment included); a line no README has fails the story. */
function readme(line: string): ReadmeCommand {
  const found = COMMANDS.find((command) => command.line === line);
  if (!found) throw new Error(`no README has the line "${line}" any more: update this test`);
  return found;
}

/** The README's endpoint replaced by the running lab's. */
function atLab(text: string, endpoint: string): string {
  return text.split(README_ENDPOINT).join(endpoint);
}

function envAtLab(env: Record<string, string>, endpoint: string): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, atLab(value, endpoint)]));
}

/** A participant's shell: only the variables given (cliEnv: an empty HOME, no profile files, CI=true). */
function shell(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return cliEnv(undefined, extra);
}

/** What `npm run lab` tells a participant to export, for an account of the in-process lab. */
function accountEnv(world: World, account: Account): Record<string, string> {
  const { accessKeyId, secretAccessKey } = account.settings.credentials!;
  return { AWS_ENDPOINT_URL: world.lab.lab.endpoint, AWS_REGION: LAB_REGION, AWS_DEFAULT_REGION: LAB_REGION, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey };
}

const warmings = new Map<string, Promise<void>>();

/**
 * Starts an account's functions before a probe needs them, once, when the first story of the account starts.
 * A participant's machine is not a CI machine running a test suite: there a cold start can outlast the
 * functions' 3 s timeout, and the probe would fail for that, not for anything a README says. Not every
 * account at once: two dozen cold starts together would outlast it too.
 */
function warmed(target: AwsTarget): Promise<void> {
  const key = target.credentials.accessKeyId;
  if (!warmings.has(key)) warmings.set(key, warmFunctions(target, { functionNames: FUNCTION_NAMES }));
  return warmings.get(key)!;
}

function targetOf(world: World, account: Account): AwsTarget {
  return { endpoint: world.lab.lab.endpoint, region: LAB_REGION, credentials: account.settings.credentials! };
}

/** An account of the in-process lab, warmed, and what `npm run lab` tells a participant to export for it. */
async function readyAccount(world: World, account: Account): Promise<Record<string, string>> {
  await warmed(targetOf(world, account));
  return accountEnv(world, account);
}

function exits(run: ProcessRun, code: number, what: string): void {
  assert.is(run.code, code, `${what}: expected exit ${code}\n${describeRun(run)}`);
}

/** The catalogue's question, any count, as a pattern of what the terminal shows. */
function question(key: MessageKey): RegExp {
  const text = ko(key, { count: 987654 }).trim();
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("987654", "\\d+"));
}

async function unchanged(account: Account, before: string, what: string): Promise<void> {
  assert.is(JSON.stringify(await account.snapshot()), before, `${what} changed the account`);
}

const CHECK_IDS = ["s1.api", "s1.stage", "s2.disconnect-integration", "s2.default-route-response", "s2.deployed", "s2.live-default", "s2.live-disconnect"];

const STORIES: Story[] = [
  {
    name: "npm run lab (on --port 0) prints the README's exports; with them aws apigatewayv2 get-apis, npm run check -- --endpoint, aws logs tail and the lab's 501 answers do what the README says, and Ctrl-C stops it",
    runs: [
      "npm run lab",
      "aws apigatewayv2 get-apis --endpoint-url http://127.0.0.1:4566",
      "npm run check -- --endpoint http://127.0.0.1:4566",
      "aws logs tail /aws/lambda/<fn> --since 15m",
      "aws logs tail /aws/lambda/<함수> --since 15m",
      "aws iam list-roles",
      "aws s3 ls",
    ],
    async play() {
      const lab = startLongRunning(npmRunArgv("npm run lab", ["--port", "0"]), shell());
      let stopped: number | null;
      try {
        await lab.waitFor(ko("lab.stop"));
        const endpoint = /^\s*export AWS_ENDPOINT_URL=(\S+)$/m.exec(lab.stdout())?.[1];
        assert.ok(endpoint, lab.stdout());
        await warmed({ endpoint: endpoint!, region: LAB_REGION, credentials: { accessKeyId: DEFAULT_KEY.accessKeyId, secretAccessKey: DEFAULT_KEY.secretAccessKey } });
        // "In another terminal": the README's exports, which are the ones the lab prints (but for its port).
        const getApis = readme("aws apigatewayv2 get-apis --endpoint-url http://127.0.0.1:4566");
        const env = envAtLab(getApis.env, endpoint!);
        const printed = Object.fromEntries([...lab.stdout().matchAll(/^\s*export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
        assert.equal(printed, env, "the README's exports are what npm run lab prints");

        // In the terminal with those variables, as the lab's own printout says; independent lines at once. The
        // paragraph on logs and on what the lab does not implement says to add --endpoint-url for CLIs before
        // 2.13 (Debian's is 2.9); so it is added here for every CLI.
        const endpointUrl = ["--endpoint-url", endpoint!];
        const [apis, check, ...refusals] = await Promise.all([
          runAwsLine(atLab(getApis.line, endpoint!), env),
          runNpmScript(atLab("npm run check -- --endpoint http://127.0.0.1:4566", endpoint!), shell(env), { extra: PROBE_WAIT }),
          ...["aws iam list-roles", "aws s3 ls"].map((line) => runAwsLine(line, env, { extra: endpointUrl })),
        ]);
        exits(apis!, 0, getApis.line);
        const items = (JSON.parse(apis!.stdout) as { Items: { Name: string; ProtocolType: string }[] }).Items;
        assert.equal(items.map((api) => [api.Name, api.ProtocolType]), [["OrderCallbackAPI", "WEBSOCKET"]]);
        exits(check!, 1, "a step-1 account: the step-2 checks fail");
        for (const id of CHECK_IDS) assert.match(check!.stdout, id);
        assert.match(check!.stdout, `--endpoint-url ${endpoint}`, "the To fix commands name the lab");
        for (const refused of refusals) {
          assert.is.not(refused.code, 0, describeRun(refused));
          assert.match(refused.stderr, /NotImplemented.*is not implemented by the local lab/, describeRun(refused));
        }

        // The check's probe ran $connect, so the connect function has a log group and a stream with its lines.
        const logLines = ["aws logs tail /aws/lambda/<fn> --since 15m", "aws logs tail /aws/lambda/<함수> --since 15m"];
        const tails = await Promise.all(logLines.map((line) => runAwsLine(line.replace(/<[^>]+>/, "OrderWSConnectFunction"), env, { extra: endpointUrl })));
        tails.forEach((tail, i) => {
          exits(tail, 0, logLines[i]!);
          assert.match(tail.stdout, /START RequestId: \S+/, "the function's own log lines");
        });
      } finally {
        stopped = await lab.interrupt();
      }
      assert.is(stopped, 0, `Ctrl-C stops the lab cleanly\n${lab.stderr()}`);
      assert.match(lab.stdout(), ko("lab.stopped"));
    },
  },
  {
    name: "npm run solve -- --step 2 --dry-run changes nothing; npm run solve off a terminal refuses (exit 2); npm run solve -- --step 2 on a terminal asks, applies on 'y', and npm run check then passes",
    runs: ["npm run solve -- --step 2 --dry-run", "npm run solve", "npm run solve -- --step 2", "npm run check"],
    async play(world) {
      const account = world.accounts.solve;
      const env = shell(await readyAccount(world, account));
      const before = JSON.stringify(await account.snapshot());

      const dry = await runNpmScript("npm run solve -- --step 2 --dry-run", env, { extra: PROBE_WAIT });
      exits(dry, 0, "--dry-run shows the plan");
      assert.match(dry.stderr, ko("solve.dryRun"));
      assert.ok(dry.stdout.trim(), "the plan is printed");
      await unchanged(account, before, "--dry-run");

      const refused = await runNpmScript("npm run solve", env, { extra: PROBE_WAIT });
      exits(refused, 2, "no --yes off a terminal");
      assert.match(refused.stderr, ko("solve.needYes"));
      await unchanged(account, before, "solve without --yes off a terminal");

      const asked = question("solve.confirm");
      // A person's terminal: no CI, so the spinner and the question are there.
      const solved = await runOnTerminal(npmRunArgv("npm run solve -- --step 2", PROBE_WAIT), { env: { ...env, CI: undefined }, question: asked, answer: "y" });
      exits(solved, 0, "answered y: applied, and the step's check passes");
      assert.match(solved.stdout, asked, "it asked before applying");

      const check = await runNpmScript("npm run check", env, { extra: PROBE_WAIT });
      exits(check, 0, "after solve, check passes");
      assert.not.match(check.stdout, "✘");
    },
  },
  {
    name: "npm run reset off a terminal refuses (exit 2); npm run reset -- --step 2 on a terminal takes a solved account back to step 1, and npm run check fails step 2 again",
    runs: ["npm run reset", "npm run reset -- --step 2", "npm run check"],
    async play(world) {
      const account = world.accounts.reset;
      const env = shell(await readyAccount(world, account));
      const before = JSON.stringify(await account.snapshot());
      const refused = await runNpmScript("npm run reset", env);
      exits(refused, 2, "no --yes off a terminal");
      assert.match(refused.stderr, ko("solve.needYes"));
      await unchanged(account, before, "reset without --yes off a terminal");

      const asked = question("solve.confirm");
      const reset = await runOnTerminal(npmRunArgv("npm run reset -- --step 2"), { env: { ...env, CI: undefined }, question: asked, answer: "y" });
      exits(reset, 0, "answered y: step 2 removed, and the step-1 checks pass");
      assert.match(reset.stdout, asked, "it asked before applying");

      const check = await runNpmScript("npm run check", env, { extra: PROBE_WAIT });
      exits(check, 1, "after reset, step 2 fails again");
      assert.match(check.stdout, "s2.disconnect-integration");
    },
  },
  {
    name: "npm run grade -- --roster class.csv --step 2 --out grades grades a class.csv with the README's columns (roles with an external id, a profile) and writes every report",
    runs: ["npm run grade -- --roster class.csv --step 2 --out grades"],
    play: (world) => classTurn(world, async () => {
      const dir = classFolder(world, ".");
      const run = await runNpmScript("npm run grade -- --roster class.csv --step 2 --out grades", gradeEnv(world), { cwd: dir, extra: PROBE_WAIT });
      exits(run, 0, "everyone graded");
      for (const student of world.class) assert.match(run.stdout, student.id);
      assert.match(run.stderr, ko("grade.written", { dir: "grades" }));
      const results = gradeResults(join(dir, "grades"));
      assert.equal(results.participants.map((p) => [p.id, p.status, p.account]), world.class.map((s) => [s.id, "graded", s.account]));
      const [solved, step1, notDeployed] = results.participants;
      assert.is(solved!.summary.score, solved!.summary.maxScore, "the solved account has every point");
      assert.ok(step1!.summary.failed > 0 && notDeployed!.summary.failed > 0, "the others fail checks");
      assert.is(readFileSync(join(dir, "grades/scores.csv"), "utf8").trim().split("\n").length, 1 + world.class.length);
      assert.is(readFileSync(join(dir, "grades/junit.xml"), "utf8").match(/<testsuite /g)?.length, world.class.length);
      for (const student of world.class) JSON.parse(readFileSync(join(dir, "grades/gradescope", fileId(student.id), "results.json"), "utf8"));
      const page = readFileSync(join(dir, "grades/report.html"), "utf8");
      for (const student of world.class) assert.match(page, student.id, "report.html shows the class");
    }),
  },
  {
    name: "the workflow's grade job grades each shard of roster/class.csv as a matrix job (every row exactly once, one run id, a job summary each), and its merge job's line combines the shards' artifacts into the whole class's reports",
    runs: ["npm run grade -- --roster roster/class.csv --step 2 --shard ${{ matrix.shard }}/3 --out grades", "npm run grade -- --merge shards/* --out grades"],
    play: (world) => classTurn(world, async () => {
      const line = readme("npm run grade -- --roster roster/class.csv --step 2 --shard ${{ matrix.shard }}/3 --out grades").line;
      const shards = await Promise.all(
        [1, 2, 3].map(async (shard) => {
          // Each matrix job has its own checkout. What aws-actions/configure-aws-credentials leaves in the
          // job's environment (keys, region), and what Actions sets.
          const dir = classFolder(world, "roster");
          const env = { ...gradeEnv(world), ...actions(dir) };
          const run = await runNpmScript(line.replace("${{ matrix.shard }}", String(shard)), env, { cwd: dir, extra: PROBE_WAIT });
          exits(run, 0, `shard ${shard}/3`);
          return { shard, dir, results: gradeResults(join(dir, "grades")), summary: readFileSync(env.GITHUB_STEP_SUMMARY, "utf8") };
        }),
      );
      const graded = shards.flatMap((shard) => shard.results.participants.map((p) => p.id)).sort();
      assert.equal(graded, world.class.map((s) => s.id).sort(), "the shards together hold every row exactly once");
      assert.is(new Set(shards.map((shard) => shard.results.run.id)).size, 1, "the shards share the run id");
      assert.match(shards[0]!.results.run.id, "4242");
      for (const shard of shards) for (const p of shard.results.participants) assert.match(shard.summary, p.id, "the job summary names its participants");

      // The merge job: a checkout of its own, each shard's artifact (its grades/ folder's files) downloaded
      // into shards/grades-<n>/ (merge-multiple: false), and no AWS credentials: merging reads files only.
      const merging = scratch("merge");
      for (const shard of shards) cpSync(join(shard.dir, "grades"), join(merging, "shards", `grades-${shard.shard}`), { recursive: true });
      const env = { ...shell(), ...actions(merging) };
      const merged = await runNpmScript(readme("npm run grade -- --merge shards/* --out grades").line, env, { cwd: merging });
      exits(merged, 0, "everyone was graded in some shard");
      const whole = gradeResults(join(merging, "grades"));
      assert.equal(whole.participants.map((p) => p.id), world.class.map((s) => s.id), "the whole class, in roster order");
      assert.is(whole.run.id, shards[0]!.results.run.id, "the shards' run id");
      for (const student of world.class) assert.match(merged.stdout, student.id);
      assert.match(readFileSync(env.GITHUB_STEP_SUMMARY, "utf8"), world.class[0]!.id);
    }),
  },
  {
    name: "npm run grade -- --roster class.csv --step 2 --out grades --watch 5 grades the class, writes the reports, says when the next round is, and Ctrl-C while it waits ends it with that round's exit code",
    runs: ["npm run grade -- --roster class.csv --step 2 --out grades --watch 5"],
    play: (world) =>
      classTurn(world, async () => {
        const dir = classFolder(world, ".");
        // Under Actions too, the step summary is not written under --watch.
        const env = { ...gradeEnv(world), ...actions(dir) };
        const watching = startLongRunning(npmRunArgv("npm run grade -- --roster class.csv --step 2 --out grades --watch 5", PROBE_WAIT, dir), env, dir);
        let stopped: number | null;
        try {
          await watching.waitFor(ko("watch.next", { time: "\u0000", minutes: 5 }).split("\u0000")[0]!, "stderr");
          for (const student of world.class) assert.match(watching.stdout(), student.id);
          assert.equal(gradeResults(join(dir, "grades")).participants.map((p) => p.status), world.class.map(() => "graded"));
          assert.match(readFileSync(join(dir, "grades/report.html"), "utf8"), '<meta http-equiv="refresh" content="300">', "report.html reloads itself every 5 minutes");
        } finally {
          stopped = await watching.interrupt();
        }
        assert.is(stopped, 0, `everyone was graded in the last round\n${watching.stderr()}`);
        assert.match(watching.stderr(), ko("watch.stopped"));
        assert.is(readFileSync(env.GITHUB_STEP_SUMMARY, "utf8"), "", "no step summary under --watch");
      }),
  },
  {
    name: "npm run demo shows, in Korean by default, the failing step-2 check, the plan, its application and the passing check, and exits 0",
    runs: ["npm run demo"],
    async play() {
      const run = await runNpmScript("npm run demo", shell(), { extra: PROBE_WAIT });
      exits(run, 0, "the demo's last check passes");
      for (const key of ["demo.check1", "demo.plan", "demo.apply", "demo.check2", "demo.passed"] as const) assert.match(run.stdout, ko(key));
    },
  },
  {
    name: "npm run solve -- --step 2 --yes applies without asking, and the step's check that follows passes",
    runs: ["npm run solve -- --step 2 --yes"],
    async play(world) {
      const env = shell(await readyAccount(world, world.accounts.solveYes));
      const solved = await runNpmScript("npm run solve -- --step 2 --yes", env, { extra: PROBE_WAIT });
      exits(solved, 0, "applied, and the step's check passes");
      assert.match(solved.stdout, ko("apply.heading"));
      assert.not.match(solved.stderr, question("solve.confirm"), "--yes: no question");
    },
  },
  {
    name: "npm run check on your own account (the SDK's standard credentials and region) passes a solved account, and npm run -s check -- --format json prints only the JSON report",
    runs: ["npm run check", "npm run -s check -- --format json"],
    async play(world) {
      const account = world.accounts.own;
      const env = shell(await readyAccount(world, account));
      // One after the other: two probes at once would each need a function environment of their own.
      const table = await runNpmScript("npm run check", env, { extra: PROBE_WAIT });
      const json = await runNpm("npm run -s check -- --format json --timeout 15", env);
      exits(table, 0, "nothing fails");
      for (const id of CHECK_IDS) assert.match(table.stdout, id);
      assert.not.match(table.stdout, "✘");
      // -s: npm prints nothing of its own, so stdout is the report and nothing else.
      exits(json, 0, "nothing fails");
      const report = JSON.parse(json.stdout) as { version: number; account: string; summary: { failed: number } };
      assert.equal([report.version, report.account, report.summary.failed], [1, account.resources.account, 0]);
    },
  },
  {
    name: "npm run check -- --region ap-northeast-2 --profile workshop reads the account of profile workshop",
    runs: ["npm run check -- --region ap-northeast-2 --profile workshop"],
    async play(world) {
      const account = world.accounts.profile;
      await warmed(targetOf(world, account));
      const files = profileFiles({ workshop: account.settings.credentials! });
      // The profile alone gives the keys and --region the region; the lab is in AWS_ENDPOINT_URL (the tool's
      // To fix commands name it from there).
      const run = await runNpmScript("npm run check -- --region ap-northeast-2 --profile workshop", shell({ ...files, AWS_ENDPOINT_URL: world.lab.lab.endpoint }), { extra: PROBE_WAIT });
      exits(run, 1, "a step-1 account: the step-2 checks fail");
      assert.match(run.stdout, `:${account.resources.account}:`, "the checked account is the profile's");
      assert.match(run.stdout, `--endpoint-url ${world.lab.lab.endpoint}`);
    },
  },
  {
    name: "npm run check -- --lab checks a fresh step-1 lab: step 2 fails (exit 1), no AWS account needed",
    runs: ["npm run check -- --lab"],
    async play() {
      const run = await runNpmScript("npm run check -- --lab", shell(), { extra: PROBE_WAIT });
      exits(run, 1, "step 2 fails on a step-1 lab");
      assert.match(run.stderr, ko("lab.embedded", { state: "step1" }));
      for (const id of CHECK_IDS) assert.match(run.stdout, id);
    },
  },
  {
    name: "npm run solve -- --step 2 --lab --lab-state swapped-functions solves a fresh lab without asking and passes",
    runs: ["npm run solve -- --step 2 --lab --lab-state swapped-functions"],
    async play() {
      const run = await runNpmScript("npm run solve -- --step 2 --lab --lab-state swapped-functions", shell(), { extra: PROBE_WAIT });
      exits(run, 0, "solved");
      assert.match(run.stderr, ko("lab.embedded", { state: "swapped-functions" }));
      assert.match(run.stdout, ko("apply.heading"));
    },
  },
  {
    name: "every command (check, solve, reset, demo, lab, grade) refuses an unknown option or a value it does not take with its usage and the reason on stderr and exit 2, and --help lists its options",
    runs: [],
    async play() {
      // Each command's README line with one wrong thing added: refused before anything is done.
      const lines = ["npm run check", "npm run solve -- --step 2", "npm run reset -- --step 2", "npm run demo", "npm run lab", "npm run grade -- --roster class.csv --step 2 --out grades"];
      const badValue: Record<string, string[]> = { check: ["--step", "3"], solve: ["--step", "1"], reset: ["--step", "3"], demo: ["--lab-state", "no-such-state"], lab: ["--state", "no-such-state"], grade: ["--step", "3"] };
      await mapLimit(lines, 2, async (line) => {
        const command = line.split(" ")[2]!;
        const asNpm = line.includes(" -- ") ? line : `${line} --`;
        // What the reason must name: the unknown option, or the refused value (yargs quotes it).
        const wrongs: [string[], string][] = [[["--bogus-option"], "bogus-option"], [badValue[command]!, `"${badValue[command]![1]}"`]];
        for (const [wrong, named] of wrongs) {
          const run = await runNpmScript(`${asNpm} ${wrong.join(" ")}`, shell());
          exits(run, 2, `${line} ${wrong.join(" ")}`);
          assert.match(run.stderr, named, `${command}: the reason names what was wrong`);
          assert.match(run.stderr, "--help", `${command}: the usage is shown`);
          assert.is(run.stdout, "", `${command}: nothing on stdout, nothing done`);
        }
        const help = await runNpmScript(`${asNpm} --help`, shell());
        exits(help, 0, `${command} --help`);
        assert.match(help.stdout, "--lang");
      });
    },
  },
  {
    name: "npm run grade without a roster grades nothing: exit 2, saying the roster is missing",
    runs: ["npm run grade"],
    async play() {
      const run = await runNpmScript("npm run grade", shell());
      exits(run, 2, "no roster");
      assert.match(run.stderr, "roster");
      assert.is(run.stdout, "");
    },
  },
];

/** Lines the READMEs give that cannot run here, with why; what of them can still be checked offline is. */
const NOT_RUN: Record<string, { why: string; offline?: (world: World) => Promise<void> }> = {
  "npm ci": {
    why: "installs the dependencies from the registry (the network); every test runs on what it installed",
    offline: async () => assert.ok(JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")).lockfileVersion >= 2, "npm ci needs package-lock.json"),
  },
  "npm test": { why: "the whole suite, this file included: it would run itself for ten minutes", offline: async () => assert.ok(hasScript("test")) },
  "npm run bench": { why: "benchmarks: minutes of measuring on a loaded lab, not a check", offline: async () => assert.ok(hasScript("bench")) },
  "npm run bench:interrupt": { why: "a benchmark: 100 stopped runs of a class, twenty minutes on a loaded machine", offline: async () => assert.ok(hasScript("bench:interrupt")) },
  "npm run bench:hostile": { why: "a benchmark: hostile functions (gigabytes of memory, a zip bomb) beside a check, not a check", offline: async () => assert.ok(hasScript("bench:hostile")) },
  "npm run fixtures": { why: "rewrites fixtures/, files under version control that other tests read", offline: async () => assert.ok(hasScript("fixtures")) },
  "aws logs tail": { why: "a command's name in a sentence, not a line to run; its whole line (aws logs tail /aws/lambda/<fn> --since 15m) is run" },
  "aws logs filter-log-events": { why: "an operation's name in a list of what the lab answers, not a line to run; aws logs tail, which calls it, is run" },
  ...Object.fromEntries(
    [
      "aws cloudformation deploy --template-file grader/AWSomePetsGrader.template.json --stack-name awsomepets-grader --capabilities CAPABILITY_NAMED_IAM --parameter-overrides GradingPrincipalArn=arn:aws:iam::999999999999:role/AWSomePetsGradingCI ExternalId=awsomepets-2026",
      "aws cloudformation create-stack-set --stack-set-name awsomepets-grader --template-body file://grader/AWSomePetsGrader.template.json --capabilities CAPABILITY_NAMED_IAM --permission-model SERVICE_MANAGED --auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false --parameters ParameterKey=GradingPrincipalArn,ParameterValue=arn:aws:iam::999999999999:role/AWSomePetsGradingCI ParameterKey=ExternalId,ParameterValue=awsomepets-2026",
      "aws cloudformation create-stack-instances --stack-set-name awsomepets-grader --deployment-targets OrganizationalUnitIds=ou-abcd-11111111 --regions ap-northeast-2",
    ].map((line) => [
      line,
      {
        why: "CloudFormation (and StackSets, across an AWS Organization) on a real account: the lab does not implement CloudFormation",
        // Sent to the lab, the CLI has parsed and validated every option (shorthand included) and read the
        // template, in the project's folder as the README means, before the lab answers 501 NotImplemented.
        offline: async (world: World) => {
          const run = await runAwsLine(line, accountEnv(world, world.accounts.own), { extra: ["--endpoint-url", world.lab.lab.endpoint] });
          assert.match(run.stderr, /CloudFormation \w+ is not implemented by the local lab/, describeRun(run));
        },
      },
    ]),
  ),
};

interface GradeResults {
  run: { id: string };
  participants: { id: string; status: string; account: string; summary: { score: number; maxScore: number; failed: number } }[];
}

let classQueue: Promise<unknown> = Promise.resolve();

/**
 * The stories that grade the class take turns: two probes of one account at once need a second function
 * environment, a cold start that a busy machine may stretch past the functions' timeout.
 */
function classTurn<T>(world: World, work: () => Promise<T>): Promise<T> {
  const turn = classQueue.then(async () => {
    for (const student of world.class) await warmed(student.target);
    return work();
  });
  classQueue = turn.catch(() => undefined);
  return turn;
}

const scratchDirs: string[] = [];

/** A folder of this run's own, removed when the file's tests are done. */
function scratch(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `readme-${name}-`));
  scratchDirs.push(dir);
  return dir;
}

function gradeResults(dir: string): GradeResults {
  return JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as GradeResults;
}

/** What GitHub Actions sets for a step of a job that runs in `dir`: one run id for the whole workflow run. */
function actions(dir: string): { GITHUB_ACTIONS: string; GITHUB_RUN_ID: string; GITHUB_RUN_ATTEMPT: string; GITHUB_STEP_SUMMARY: string } {
  const summary = join(dir, "step-summary.md");
  writeFileSync(summary, "");
  return { GITHUB_ACTIONS: "true", GITHUB_RUN_ID: "4242", GITHUB_RUN_ATTEMPT: "1", GITHUB_STEP_SUMMARY: summary };
}

/** AWS config and credentials files holding the given profiles' keys, as the variables that point at them. */
function profileFiles(profiles: Record<string, { accessKeyId: string; secretAccessKey: string }>): Record<string, string> {
  const dir = scratch("profiles");
  const config = Object.keys(profiles).map((name) => `[profile ${name}]\nregion = ${LAB_REGION}\n`);
  const credentials = Object.entries(profiles).map(([name, key]) => `[${name}]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`);
  writeFileSync(join(dir, "config"), config.join("\n"));
  writeFileSync(join(dir, "credentials"), credentials.join("\n"));
  return { AWS_CONFIG_FILE: join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials") };
}

const PARK_PROFILE = "park-sandbox";

/**
 * A folder with `<under>/class.csv`: the README's header line, then the class's lab accounts as the README's
 * example rows are (a role with its external id and region, a role without region, a profile).
 */
function classFolder(world: World, under: string): string {
  const header = fencedBlocks(TEXTS["README.md"]!, "csv")[0]!.split("\n")[0]!;
  const [solved, step1, notDeployed] = world.class;
  const csv = [header, `${solved!.id},${solved!.roleArn},awsomepets-2026,,${LAB_REGION}`, `${step1!.id},${step1!.roleArn},awsomepets-2026,,`, `${notDeployed!.id},,,${PARK_PROFILE},${LAB_REGION}`];
  const dir = scratch("class");
  mkdirSync(join(dir, under), { recursive: true });
  writeFileSync(join(dir, under, "class.csv"), `${csv.join("\n")}\n`);
  return dir;
}

/** The instructor's shell: the lab's default account (whose keys assume the participants' roles), and park's profile. */
function gradeEnv(world: World): NodeJS.ProcessEnv {
  const park = world.class[2]!.target.credentials;
  return shell({
    AWS_ENDPOINT_URL: world.lab.lab.endpoint,
    AWS_REGION: LAB_REGION,
    AWS_DEFAULT_REGION: LAB_REGION,
    AWS_ACCESS_KEY_ID: DEFAULT_KEY.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEFAULT_KEY.secretAccessKey,
    ...profileFiles({ [PARK_PROFILE]: park }),
  });
}

// ---- the world, and every story started at once (bounded): each test awaits its own -------------------------

/** `npm run build`, run first of all. */
const BUILD = "npm run build";
let built: ProcessRun | undefined;
let world: World | undefined;
const outcomes = new Map<Story, Promise<unknown>>();

test.before(printingErrors(async () => {
  // The bundle built once, before the stories' commands start: each would otherwise build it on a fresh
  // checkout (CI), all at once.
  const [build, lab] = await Promise.all([runNpmScript(BUILD, shell()), startPlanLab()]);
  built = build;
  const [own, profile, solve, solveYes, reset, klass] = await Promise.all([
    lab.account(2, "solved"),
    lab.account(3, "step1"),
    lab.account(4, "step1"),
    lab.account(5, "missing-permission-default"),
    lab.account(6, "solved"),
    buildClass(lab.lab, ["solved", "step1", "not-deployed"], 7),
  ]);
  world = { lab, accounts: { own, profile, solve, solveYes, reset }, class: klass };
  // Each story's outcome: undefined when it passed, else its error (never a rejection left unawaited).
  const settle = new Map<Story, (error: unknown) => void>();
  for (const story of STORIES) outcomes.set(story, new Promise((resolve) => settle.set(story, resolve)));
  const played = world;
  void mapLimit(STORIES, STORIES_AT_ONCE, (story) =>
    story.play(played).then(
      () => settle.get(story)!(undefined),
      (error: unknown) => settle.get(story)!(error ?? new Error(`${story.name}: failed`)),
    ),
  );
}));

test.after(async () => {
  await Promise.all(outcomes.values());
  await world?.lab.close();
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

test("every command line of README.md and README.ko.md is run by a story here, or listed in NOT_RUN with why", () => {
  const run = new Set([BUILD, ...STORIES.flatMap((story) => story.runs)]);
  const neither = COMMANDS.filter((command) => !run.has(command.line) && !(command.line in NOT_RUN)).map((command) => `${command.where}: ${command.line}`);
  assert.equal(neither, [], "a README command line that nothing here runs: add it to a story, or to NOT_RUN with the reason");
  const gone = [...run, ...Object.keys(NOT_RUN)].filter((line) => !COMMANDS.some((command) => command.line === line));
  assert.equal(gone, [], "lines here that no README has any more");
});

test("README.ko.md gives the same command lines, in the same order, in its code blocks as README.md", () => {
  const blockLines = (file: string) => COMMANDS.filter((command) => command.where.startsWith(`${file}:`) && command.kind !== "inline").map((command) => command.line);
  assert.equal(blockLines("README.ko.md"), blockLines("README.md"));
});

test("the README's example class.csv is read by the roster reader without a bad row, in both READMEs", () => {
  for (const file of READMES) {
    const [csv] = fencedBlocks(TEXTS[file]!, "csv");
    assert.ok(csv, `${file} has a csv block`);
    const rows = parseRoster(csv!, "csv");
    assert.equal(rows.filter((row) => !("participant" in row)), [], file);
    assert.equal(rows.map((row) => ("participant" in row ? row.participant.id : "")), ["kim@example.com", "lee@example.com", "park@example.com"]);
  }
});

test("npm run build builds the bundle every command runs from", () => {
  assert.ok(built, "the setup failed (printed above)");
  exits(built!, 0, "built");
  for (const command of ["check", "solve", "reset", "demo", "lab", "grade"]) assert.ok(existsSync(join(ROOT, "dist", `${command}.mjs`)), command);
});

for (const story of STORIES) {
  test(story.name, async () => {
    const outcome = outcomes.get(story);
    assert.ok(outcome, "the stories never started: the setup failed (printed above)");
    const error = await outcome;
    if (error) throw error;
  });
}

for (const [line, { why, offline }] of Object.entries(NOT_RUN)) {
  if (!offline) continue;
  test(`not run here (${why}), and what can be checked offline holds: ${line}`, async () => {
    await offline(world!);
  });
}

test.run();
