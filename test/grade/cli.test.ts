import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createLab, DEFAULT_KEY, LAB_REGION, type Lab } from "../../src/lab/index.js";
import type { Credentials } from "../../src/aws/clients.js";
import { cliEnv, ROOT } from "../helpers/cli.js";
import { buildClass, rosterCsv, type ClassAccount } from "./class-lab.js";
import { printingErrors } from "../helpers/hooks.js";

interface Ctx {
  lab: Lab;
  accounts: ClassAccount[];
  dir: string;
  roster: string;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const cli = suite<Ctx>("grade: the command (npm run grade)");

cli.before(printingErrors(async (ctx) => {
  ctx.lab = await createLab();
  ctx.accounts = await buildClass(ctx.lab, ["solved", "step1"], 30);
  // No fault injection: the lab has never seen account 999988887777, so its role does not exist.
  const untrusted = "untrusted@example.com,arn:aws:iam::999988887777:role/AWSomePetsGrader,";
  ctx.dir = await mkdtemp(join(tmpdir(), "grade-cli-"));
  ctx.roster = join(ctx.dir, "class.csv");
  await writeFile(ctx.roster, `${rosterCsv(ctx.accounts)}${untrusted}\n`);
}));
cli.after(async (ctx) => {
  await ctx.lab.close();
  await rm(ctx.dir, { recursive: true, force: true });
});

/** The instructor's shell: the lab's default keys in the environment, as a CI job's role would provide them. */
function grade(ctx: Ctx, args: string[], extra: Record<string, string> = {}, credentials: Credentials = DEFAULT_KEY): Promise<Run> {
  const env = cliEnv({ accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken }, { AWS_REGION: LAB_REGION, ...extra });
  const roster = args.includes("--roster") ? [] : ["--roster", ctx.roster];
  const argv = ["--import", "tsx", join(ROOT, "src/cli/grade.ts"), ...roster, "--endpoint", ctx.lab.endpoint, "--lang", "en", ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const SECRETS = [DEFAULT_KEY.accessKeyId, DEFAULT_KEY.secretAccessKey];
const SESSION_KEY = /ASIA[A-Z0-9]{16}/;

cli("grades the roster: the class table on stdout, every report in --out, the step summary, exit 1 for the unreachable account", async (ctx) => {
  const out = join(ctx.dir, "out");
  const summary = join(ctx.dir, "summary.md");
  const run = await grade(ctx, ["--no-live", "--out", out], { GITHUB_STEP_SUMMARY: summary });
  assert.is(run.code, 1, run.stderr);
  const [solved, step1] = ctx.accounts;
  for (const text of [solved!.id, step1!.id, "untrusted@example.com", "AssumeRole"]) assert.match(run.stdout, text);
  assert.not.match(run.stdout, "Reports written", "messages go to stderr, the table alone to stdout");
  assert.match(run.stderr, `Reports written to ${out}`);
  assert.equal((await readdir(out)).sort(), ["gradescope", "junit.xml", "report.html", "results.json", "scores.csv"]);
  const results = JSON.parse(await readFile(join(out, "results.json"), "utf8"));
  assert.equal(
    results.participants.map((p: { id: string; status: string; account: string }) => [p.id, p.status, p.account]),
    [
      [solved!.id, "graded", solved!.account],
      [step1!.id, "graded", step1!.account],
      ["untrusted@example.com", "error", "999988887777"],
    ],
  );
  assert.match(await readFile(summary, "utf8"), "## AWSomePets grades");
  const written = await Promise.all(["results.json", "scores.csv", "junit.xml"].map((file) => readFile(join(out, file), "utf8")));
  for (const text of [run.stdout, run.stderr, ...written]) {
    for (const secret of SECRETS) assert.not.ok(text.includes(secret), "the instructor's keys are never printed or stored");
    assert.not.match(text, SESSION_KEY, "nor the assumed roles' keys");
  }
});

cli("--shard 2/2 grades the second slice only; a bad --shard or roster stops with exit 2", async (ctx) => {
  const [second, badShard, noRoster] = await Promise.all([
    grade(ctx, ["--no-live", "--shard", "2/2"]),
    grade(ctx, ["--shard", "3/2"]),
    grade(ctx, ["--roster", join(ctx.dir, "missing.csv")]),
  ]);
  assert.is(second.code, 1, second.stderr);
  assert.not.match(second.stdout, ctx.accounts[0]!.id);
  assert.match(second.stdout, ctx.accounts[1]!.id);
  assert.match(second.stdout, "untrusted@example.com");
  assert.is(badShard.code, 2);
  assert.match(badShard.stderr, "--shard must be i/n");
  assert.is(noRoster.code, 2);
  assert.match(noRoster.stderr, "missing.csv cannot be read");
});

cli("the instructor's own credentials are tried first: expired ones stop the run with exit 2 and grade no one", async (ctx) => {
  // A session that lasted 0 s: the lab answers ExpiredToken, as STS does for a stale CI session.
  const expired = ctx.lab.accounts.issueRoleSession("111122223333", "Instructor", "stale", 0);
  const run = await grade(ctx, ["--no-live"], {}, expired);
  assert.is(run.code, 2, run.stdout + run.stderr);
  assert.match(run.stderr, "expired");
  // The message is the instructor's: it names whose credentials failed and a role they were to assume.
  assert.match(run.stderr, "instructor's credentials (the SDK's default chain");
  assert.match(run.stderr, /such as arn:aws:iam::\d{12}:role\//);
  assert.not.match(run.stderr, "--lab", "no participant advice");
  assert.is(run.stdout, "", "no class table: nobody was graded");
});

cli.run();
