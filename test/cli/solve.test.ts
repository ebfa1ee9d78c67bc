// The commands as a participant runs them: `npm run solve`, `reset` and `demo` in a child process, against a
// lab account through --endpoint and the standard credential variables, plus the confirmation in-process.
import { PassThrough } from "node:stream";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { LAB_REGION, labAccountKey } from "../../src/lab/index.js";
import { runPlanCommand } from "../../src/cli/plan-command.js";
import type { AwsTarget } from "../../src/aws/clients.js";
import { applyStep2 } from "../../src/scenarios/seed.js";
import { startPlanLab, type Account, type PlanLab } from "../plan/lab.js";
import { printingErrors } from "../helpers/hooks.js";
import { runCli, type CliRun } from "../helpers/cli.js";


type Ran = CliRun;

/** A command run as `npm run <command>` runs it (test/helpers/cli.ts); the bound only stops a stuck run. */
function cli(command: "solve" | "reset" | "demo", args: string[], env: Record<string, string> = {}): Promise<Ran> {
  // No profile files: the credentials come from the variables alone, as in CI.
  const environment = { ...process.env, AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", CI: "true", NO_COLOR: "1", ...env };
  return runCli(["--lang", "en", ...args], environment, { command, timeoutMs: 600_000 });
}

/** Runs a command on a lab account the way a participant points it at AWS: environment variables and --endpoint. */
function on(account: Account, lab: PlanLab, command: "solve" | "reset", ...args: string[]): Promise<Ran> {
  const key = labAccountKey(account.n);
  const env = { AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey, AWS_REGION: LAB_REGION };
  return cli(command, ["--step", "2", "--endpoint", lab.lab.endpoint, "--timeout", "6", ...args], env);
}

function noSecrets(account: Account, ...runs: Ran[]): void {
  const secret = labAccountKey(account.n).secretAccessKey;
  for (const run of runs) assert.not.ok(`${run.stdout}${run.stderr}`.includes(secret), "a credential was printed");
}

/**
 * The commands' runs, one story per account, all started at once in before(): each test awaits its story and
 * reads what it needs, so the suite takes about as long as the longest story, not their sum.
 */
function stories(lab: PlanLab) {
  return {
    async dryRun() {
      const account = await lab.account(2, "step1");
      const before = await account.snapshot();
      const [dry, refused] = await Promise.all([on(account, lab, "solve", "--dry-run"), on(account, lab, "solve")]);
      return { account, dry, refused, unchanged: JSON.stringify(await account.snapshot()) === JSON.stringify(before) };
    },
    async twice() {
      const account = await lab.account(3, "missing-permission-default");
      const first = await on(account, lab, "solve", "--yes");
      return { account, first, second: await on(account, lab, "solve", "--yes") };
    },
    async reset() {
      const account = await lab.account(4, "solved");
      const before = await account.snapshot();
      const dry = await on(account, lab, "reset", "--dry-run");
      const unchanged = JSON.stringify(await account.snapshot()) === JSON.stringify(before);
      const reset = await on(account, lab, "reset", "--yes");
      const again = await on(account, lab, "solve", "--dry-run");
      return { dry, unchanged, reset, again, twice: await on(account, lab, "reset", "--yes") };
    },
    async noApi() {
      return on(await lab.account(5, "api-missing"), lab, "solve", "--yes");
    },
    noCredentials() {
      return cli("solve", ["--endpoint", lab.lab.endpoint, "--region", LAB_REGION, "--yes"], { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_PROFILE: "" });
    },
    demo() {
      return cli("demo", []);
    },
  };
}

type Stories = ReturnType<typeof stories>;
type Started = { [K in keyof Stories]: ReturnType<Stories[K]> };

const test = suite<{ lab: PlanLab; runs: Started }>("solve, reset and demo commands");

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startPlanLab();
  const all = stories(ctx.lab);
  ctx.runs = Object.fromEntries(Object.entries(all).map(([name, story]) => [name, story()])) as Started;
  // A story that fails is reported by its own test; none may be left unobserved meanwhile.
  for (const run of Object.values(ctx.runs)) (run as Promise<unknown>).catch(() => {});
}));

test.after(async (ctx) => {
  await Promise.allSettled(Object.values(ctx.runs ?? {}));
  await ctx.lab?.close();
});

test("--dry-run prints the plan and changes nothing; without --yes off a terminal it refuses and changes nothing", async (ctx) => {
  const { account, dry, refused, unchanged } = await ctx.runs.dryRun;
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, "Plan to complete step 2 — account");
  assert.match(dry.stdout, "9 change(s)");
  assert.match(dry.stdout, "9. Deploy the API to stage v1");
  assert.match(dry.stderr, "--dry-run: nothing was changed.");
  assert.is(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, "Run again with --yes");
  assert.ok(unchanged, "the snapshot after both runs equals the one before");
  noSecrets(account, dry, refused);
});

test("--yes applies, shows each change and the passing check table; the second run has nothing to do", async (ctx) => {
  const { account, first, second } = await ctx.runs.twice;
  assert.is(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, "1. Let API Gateway invoke OrderWSPendingFunction for $default: statement id awsomepets-lab-checker-default");
  assert.match(first.stdout, "✔ 1. Let API Gateway invoke");
  assert.match(first.stdout, "All 1 change(s) applied.");
  assert.match(first.stdout, /Score (\d+)\/\1 — 9 passed, 0 failed/);
  assert.is(second.code, 0, second.stdout + second.stderr);
  assert.match(second.stdout, "Nothing to do: step 2 is already in place.");
  assert.match(second.stdout, /Score (\d+)\/\1/);
  noSecrets(account, first, second);
});

test("reset --yes returns to step 1 (the next solve plans the whole step again); reset --dry-run changes nothing", async (ctx) => {
  const { dry, unchanged, reset, again, twice } = await ctx.runs.reset;
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, "Plan to return to the state step 1 leaves");
  assert.ok(unchanged, "reset --dry-run left the snapshot as it was");
  assert.is(reset.code, 0, reset.stdout + reset.stderr);
  assert.match(reset.stdout, "All 9 change(s) applied.");
  assert.match(reset.stdout, "s1.connect");
  assert.match(again.stdout, "9 change(s)");
  assert.match(twice.stdout, "Nothing to do: the account is already in the state step 1 leaves");
});

test("no API: solve says step 1 is missing and exits 1", async (ctx) => {
  const run = await ctx.runs.noApi;
  assert.is(run.code, 1);
  assert.match(run.stdout, "There is no WebSocket API OrderCallbackAPI in region ap-northeast-2");
});

test("no credentials at all: exit 2 with what to do, nothing planned", async (ctx) => {
  const run = await ctx.runs.noCredentials;
  assert.is(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, "No working AWS credentials were found");
  assert.not.match(run.stdout, "Plan to complete");
});

test("on a terminal it asks first: 'n' or no answer changes nothing (exit 1), 'y' applies", async (ctx) => {
  const account = await ctx.lab.account(6, "no-route-response");
  const before = await account.snapshot();
  const ask = async (answer: string) => {
    const input = new PassThrough();
    const out = new PassThrough();
    const err = new PassThrough();
    let written = "";
    out.on("data", (chunk) => (written += chunk));
    err.on("data", (chunk) => (written += chunk));
    input.end(answer);
    const code = await runPlanCommand({ ...account.session, action: "solve", yes: false, dryRun: false, interactive: true, input, out, err });
    return { code, written };
  };
  const ended = await ask("");
  assert.is(ended.code, 1, "input closed without an answer: a no");
  const no = await ask("n\n");
  assert.is(no.code, 1);
  assert.match(no.written, "Apply these 3 change(s)? [y/N]");
  assert.match(no.written, "Nothing was changed.");
  assert.equal(await account.snapshot(), before);
  const yes = await ask("y\n");
  assert.is(yes.code, 0, yes.written);
  assert.match(yes.written, "All 3 change(s) applied.");
});

test("demo: a fresh embedded lab, the failing check with hints, the plan applied, then every check passing", async (ctx) => {
  const run = await ctx.runs.demo;
  assert.is(run.code, 0, run.stdout + run.stderr);
  const out = run.stdout;
  const steps = ["① A participant", "② The plan", "③ Applying the plan", "④ `npm run check -- --step 2` again", "Every check of step 2 passes"].map((text) => out.indexOf(text));
  assert.ok(steps.every((at, i) => at >= 0 && (i === 0 || at > steps[i - 1]!)), `in order: ${steps.join(", ")}`);
  const first = out.slice(steps[0], steps[1]);
  assert.match(first, "✘");
  assert.match(first, "→ Items 4–6");
  const last = out.slice(steps[3], steps[4]);
  assert.not.match(last, "✘");
  assert.match(last, /Score (\d+)\/\1 — 9 passed/);
});


test("permissions missing and v1 not deployed: one solve adds the permissions, then finds v1 stale and deploys it", async (ctx) => {
  const account = await ctx.lab.account(7, "step1");
  // The routes wired by hand, both permission dialogs dismissed, and no Deploy API (items 5, 8, 10-11 left out).
  await applyStep2(account.settings as AwsTarget, account.resources, { deploy: false, omitPermissions: ["$disconnect", "$default"] });
  const out = new PassThrough();
  const err = new PassThrough();
  let written = "";
  out.on("data", (chunk) => (written += chunk));
  err.on("data", (chunk) => (written += chunk));
  const code = await runPlanCommand({ ...account.session, action: "solve", yes: true, dryRun: false, out, err });
  assert.is(code, 0, written);
  assert.match(written, "Deploy the API to stage v1");
  const after = await account.check("2");
  assert.is(after.report.summary.failed, 0, JSON.stringify(after.report.results.filter((r) => r.status !== "pass")));
  assert.is(after.report.results.find((r) => r.id === "s2.deployed")?.status, "pass");
});

test.run();
