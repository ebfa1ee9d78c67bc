import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createClients } from "../../src/aws/clients.js";
import { gradeRoster, type GradeOptions, type GradeRun } from "../../src/grade/run.js";
import { parseRoster, type RosterRow } from "../../src/grade/roster.js";
import { AWS_QUOTAS, createLab, type Lab } from "../../src/lab/index.js";
import type { Report } from "../../src/report/model.js";
import { buildClass, checkDirectly, emptyAccount, instructor, participantOf, rosterCsv, verdicts, type ClassAccount } from "./class-lab.js";
import { printingErrors } from "../helpers/hooks.js";

const SCENARIOS = ["solved", "step1", "not-deployed", "swapped-functions", "wrong-source-arn", "no-route-response", "deleted-route", "api-missing"];
/** Scenarios whose live probe ends quickly (nothing waits out a bound), for the live comparison. */
const LIVE_SCENARIOS = new Set(["solved", "wrong-source-arn", "api-missing"]);

interface Ctx {
  lab: Lab;
  accounts: ClassAccount[];
  /** check's own reports of each account (no live probe), by account id. */
  expected: Map<string, Report>;
}

const grade = suite<Ctx>("grade: a class on the lab, reached through AssumeRole");

grade.before(printingErrors(async (ctx) => {
  ctx.lab = await createLab();
  ctx.accounts = await buildClass(ctx.lab, SCENARIOS);
  const reports = await Promise.all(ctx.accounts.map((account) => checkDirectly(account, false)));
  ctx.expected = new Map(ctx.accounts.map((account, i) => [account.account, reports[i]!]));
}));
grade.after(async (ctx) => {
  await ctx.lab.close();
});

function rowsOf(accounts: ClassAccount[]): RosterRow[] {
  return accounts.map((account, i) => ({ line: i + 2, participant: participantOf(account, i + 2) }));
}

function options(ctx: Ctx, rows: RosterRow[], more: Partial<GradeOptions> = {}): GradeOptions {
  return { rows, step: "all", lang: "en", live: false, concurrency: 4, timeLimitMs: 30_000, instructor: instructor(ctx.lab), sessionName: "awsomepets-grader-test", ...more };
}

function byId(run: GradeRun, id: string) {
  const found = run.participants.find((p) => p.id === id);
  if (!found) throw new Error(`no participant ${id} in the run`);
  return found;
}

const THROTTLED = /Throttl|TooManyRequests|Rate exceeded|Too Many Requests/i;

grade("each participant gets exactly the verdicts check gives for that account", async (ctx) => {
  const progress: { done: number; total: number; running: number }[] = [];
  const run = await gradeRoster(options(ctx, rowsOf(ctx.accounts), { concurrency: 3, onProgress: (p) => progress.push(p) }));
  const most = Math.max(...progress.map((p) => p.running));
  assert.ok(most > 1 && most <= 3, `at most --concurrency accounts at once (saw ${most})`);
  assert.equal(progress.at(-1), { done: ctx.accounts.length, total: ctx.accounts.length, running: 0, errors: 0 });
  assert.equal(run.participants.map((p) => p.id), ctx.accounts.map((a) => a.id), "roster order kept");
  for (const account of ctx.accounts) {
    const graded = byId(run, account.id);
    assert.is(graded.status, "graded", `${account.scenario}: ${graded.error}`);
    assert.is(graded.account, account.account);
    assert.equal(verdicts(graded.report), verdicts(ctx.expected.get(account.account)!), account.scenario);
  }
  const statuses = new Set(run.participants.flatMap((p) => p.report.results.map((r) => r.status)));
  assert.ok(statuses.has("pass") && statuses.has("fail") && statuses.has("skip"), "the class is mixed, not all alike");
});

grade("with the live probe, each participant's verdicts are check's too", async (ctx) => {
  const accounts = ctx.accounts.filter((a) => LIVE_SCENARIOS.has(a.scenario));
  const [run, direct] = await Promise.all([gradeRoster(options(ctx, rowsOf(accounts), { live: true })), Promise.all(accounts.map((a) => checkDirectly(a, true)))]);
  accounts.forEach((account, i) => {
    const graded = byId(run, account.id);
    assert.equal(verdicts(graded.report, false), verdicts(direct[i]!, false), account.scenario);
  });
  const solved = byId(run, accounts.find((a) => a.scenario === "solved")!.id);
  assert.ok(solved.report.results.filter((r) => r.id.includes("live")).every((r) => r.status === "pass"), "the probe really ran");
});

grade("an account whose role does not trust the grader is an error naming AssumeRole; the others are graded", async (ctx) => {
  const [reachable] = ctx.accounts;
  const account = await emptyAccount(ctx.lab, 60);
  ctx.lab.accounts.distrust(account);
  const untrusted = { ...reachable!, id: "untrusted@example.com", account, roleArn: `arn:aws:iam::${account}:role/AWSomePetsGrader` };
  await assertUnreachable(ctx, untrusted);
});

grade("a participant whose account does not exist is an error naming AssumeRole and AccessDenied, with no fault injected; the others are graded", async (ctx) => {
  const [reachable] = ctx.accounts;
  const absent = { ...reachable!, id: "absent@example.com", account: "999988887777", roleArn: "arn:aws:iam::999988887777:role/AWSomePetsGrader" };
  await assertUnreachable(ctx, absent);
});

/** Grades the unreachable participant beside a reachable one: an error with no results, and the other graded. */
async function assertUnreachable(ctx: Ctx, unreachable: ClassAccount): Promise<void> {
  const [reachable] = ctx.accounts;
  const run = await gradeRoster(options(ctx, rowsOf([unreachable, reachable!])));
  const failed = byId(run, unreachable.id);
  assert.is(failed.status, "error");
  assert.is(failed.account, unreachable.account);
  assert.match(failed.error ?? "", "AssumeRole");
  assert.match(failed.error ?? "", "AccessDenied");
  assert.match(failed.error ?? "", unreachable.roleArn);
  assert.equal(failed.report.results, []);
  assert.is(failed.report.summary.score, 0);
  assert.ok(failed.report.summary.maxScore > 0, "out of the step's points, not of nothing");
  assert.is(byId(run, reachable!.id).status, "graded");
}

grade("a bad roster row is reported with its line, and the rest is graded", async (ctx) => {
  const [a, b] = ctx.accounts;
  const csv = rosterCsv([a!, b!]).replace("\n", "\nno-access@example.com,,\n,arn:aws:iam::123456789012:role/X,\n");
  const rows = parseRoster(csv, "csv");
  const run = await gradeRoster(options(ctx, rows));
  assert.equal(run.badRows.map((row) => row.line), [2, 3]);
  assert.match(run.badRows[0]!.message, "role_arn or profile");
  assert.match(run.badRows[1]!.message, "id");
  assert.is(byId(run, "no-access@example.com").status, "error");
  assert.match(byId(run, "no-access@example.com").error ?? "", "roster line 2");
  assert.is(byId(run, a!.id).status, "graded");
  assert.is(byId(run, b!.id).status, "graded");
  assert.is(run.participants.length, 3, "the row without an id is reported, not graded");
});

grade("a profile row is graded through the named profile, with check's verdicts", async (ctx) => {
  const account = ctx.accounts[1]!;
  const dir = await mkdtemp(join(tmpdir(), "grade-profile-"));
  const saved = process.env.AWS_SHARED_CREDENTIALS_FILE;
  try {
    const file = join(dir, "credentials");
    await writeFile(file, `[student]\naws_access_key_id = ${account.target.credentials.accessKeyId}\naws_secret_access_key = ${account.target.credentials.secretAccessKey}\n`);
    process.env.AWS_SHARED_CREDENTIALS_FILE = file;
    const run = await gradeRoster(options(ctx, [{ line: 2, participant: { line: 2, id: account.id, access: { kind: "profile", profile: "student" } } }]));
    const graded = byId(run, account.id);
    assert.is(graded.status, "graded", graded.error ?? "");
    assert.equal(verdicts(graded.report), verdicts(ctx.expected.get(account.account)!));
  } finally {
    if (saved === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
    else process.env.AWS_SHARED_CREDENTIALS_FILE = saved;
    await rm(dir, { recursive: true, force: true });
  }
});

grade("a profile row whose profile does not exist is an error naming the profile and its roster line", async (ctx) => {
  const dir = await mkdtemp(join(tmpdir(), "grade-no-profile-"));
  const saved = [process.env.AWS_SHARED_CREDENTIALS_FILE, process.env.AWS_CONFIG_FILE];
  try {
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, "credentials");
    process.env.AWS_CONFIG_FILE = join(dir, "config");
    const run = await gradeRoster(options(ctx, [{ line: 7, participant: { line: 7, id: "ghost@example.com", access: { kind: "profile", profile: "no-such-profile" } } }]));
    const ghost = byId(run, "ghost@example.com");
    assert.is(ghost.status, "error");
    assert.match(ghost.error ?? "", "The profile no-such-profile of roster line 7 could not be used:");
  } finally {
    for (const [key, value] of [["AWS_SHARED_CREDENTIALS_FILE", saved[0]], ["AWS_CONFIG_FILE", saved[1]]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await rm(dir, { recursive: true, force: true });
  }
});

grade("a participant over the time limit is an error naming the limit, and the run goes on", async (ctx) => {
  ctx.lab.faults.configure({ latencyMs: 150 });
  try {
    const run = await gradeRoster(options(ctx, rowsOf(ctx.accounts.slice(0, 2)), { timeLimitMs: 100 }));
    assert.is(run.participants.length, 2);
    for (const p of run.participants) {
      assert.is(p.status, "error");
      assert.match(p.error ?? "", "time limit of 0.1 s");
    }
  } finally {
    ctx.lab.faults.configure({});
  }
});

grade("after Ctrl-C, participants not started yet are reported as not graded, and the run still reports", async (ctx) => {
  const abort = new AbortController();
  abort.abort();
  const run = await gradeRoster(options(ctx, rowsOf(ctx.accounts.slice(0, 2)), { signal: abort.signal }));
  assert.equal(run.participants.map((p) => [p.status, p.error]), Array(2).fill(["error", "Not graded: the run was stopped (Ctrl-C or a signal) before this participant was done."]));
});

grade("a row's region is where its account is checked", async (ctx) => {
  const account = ctx.accounts.find((a) => a.scenario === "solved")!;
  const elsewhere = { ...account, target: { ...account.target, region: "us-east-1" } };
  const row = { line: 2, participant: { ...participantOf(account, 2), region: "us-east-1" } };
  const [run, direct] = await Promise.all([gradeRoster(options(ctx, [row])), checkDirectly(elsewhere, false)]);
  const graded = byId(run, account.id);
  assert.is(graded.report.region, "us-east-1");
  assert.equal(verdicts(graded.report), verdicts(direct));
  assert.is(graded.report.results.find((r) => r.id === "s1.api")?.status, "fail", "the API is in ap-northeast-2, not there");
});

grade("throttling injected at AWS's real quotas never reaches a report", async (ctx) => {
  const accounts = ctx.accounts.slice(0, 4);
  ctx.lab.faults.configure({ quotas: AWS_QUOTAS });
  try {
    // The participants use their accounts at the same moment: each API Gateway and Lambda pool is empty.
    await Promise.all(accounts.map((account) => drain(account)));
    const run = await gradeRoster(options(ctx, rowsOf(accounts)));
    assert.ok(run.throttledCalls > 0, "AWS did throttle the grader");
    for (const account of accounts) {
      const graded = byId(run, account.id);
      assert.is(graded.status, "graded");
      assert.not.match(JSON.stringify(graded.report.results), THROTTLED);
      assert.equal(verdicts(graded.report), verdicts(ctx.expected.get(account.account)!), account.scenario);
    }
  } finally {
    ctx.lab.faults.configure({});
  }
});

/** Spends the account's API Gateway (burst 40) and Lambda (15) tokens with the participant's own keys. */
async function drain(account: ClassAccount): Promise<void> {
  const clients = createClients({ ...account.target, maxAttempts: 1 });
  try {
    const calls = [...Array.from({ length: 60 }, () => clients.apigw.send(new GetApisCommand({}))), ...Array.from({ length: 25 }, () => clients.lambda.send(new ListFunctionsCommand({})))];
    const outcomes = await Promise.allSettled(calls);
    if (!outcomes.some((outcome) => outcome.status === "rejected")) throw new Error("the quota was not reached");
  } finally {
    clients.destroy();
  }
}

grade.run();
