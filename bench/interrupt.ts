// npm run bench:interrupt: how often a stopped command leaves anything behind. `grade` and `check`, run as
// users run them (node scripts/cli.mjs, in a process group of their own), are stopped as a terminal stops
// them: the signal goes to the whole group, as Ctrl-C (once, or twice in a row), a closed terminal (SIGHUP)
// and `kill` (SIGTERM) deliver it. Half of the stops come while a probe row is in a participant's table, half
// at a random moment. After each run, once the lab has settled (a function still running may write late):
// the exit code, every row that is in any account's tables and was not there before the run (not only the
// probe's), for grade the participants recorded `graded` whose results differ from an uninterrupted run's
// (cut off, yet graded), and whether the run says it was interrupted. TRIALS (default 50) runs of each.
import "../src/cli/quiet-sdk.js";
import { DescribeTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClients } from "../src/aws/clients.js";
import type { ClassResults } from "../src/grade/report.js";
import { createLab, DEFAULT_KEY, LAB_REGION } from "../src/lab/index.js";
import { buildClass, rosterCsv, type ClassAccount } from "./lib/class-lab.js";
import { documentClient } from "../src/aws/documents.js";

const TRIALS = Number(process.env.TRIALS ?? 50);
const CLI = fileURLToPath(new URL("../scripts/cli.mjs", import.meta.url));
const STOPS = [["SIGINT"], ["SIGINT", "SIGINT"], ["SIGTERM"], ["SIGHUP"]] as const;
/** What Ctrl-C is expected to end with: 128 + SIGINT, whichever signal it was (src/cli/signals.ts). */
const EXPECTED_EXIT = 130;
/** The rows of a run are counted once two reads this far apart agree, within SETTLE_MAX_MS. */
const SETTLE_STEP_MS = 500;
const SETTLE_MAX_MS = 10_000;

interface Trial {
  stop: string;
  atRow: boolean;
  /** The command had ended on its own before the first signal: not a stopped run. */
  finishedFirst: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  rowsLeft: number;
  /** grade: participants recorded graded whose results are not those of an uninterrupted run. */
  cutOffButGraded: number;
  /** grade: participants graded, not cut off, whose results still differ from the uninterrupted run's (a live check timed out under load). */
  gradedDifferently: number;
  /** grade: results.json says `interrupted`; check: the printed report says the check was interrupted. */
  interruptedMarked: boolean;
  /** From start to exit, and from the first signal to exit. */
  runMs: number;
  stopMs: number;
}

type Rows = Map<string, { clients: ReturnType<typeof createClients>; table: string; key: Record<string, unknown> }>;

/** Every row of every table of the accounts, by account, table and key. */
async function allRows(accounts: readonly ClassAccount[], clientsOf: Map<string, ReturnType<typeof createClients>>): Promise<Rows> {
  const rows: Rows = new Map();
  await Promise.all(
    accounts.map(async (account) => {
      const clients = clientsOf.get(account.account)!;
      const { TableNames = [] } = await clients.dynamodb.send(new ListTablesCommand({}));
      for (const table of TableNames) {
        const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: table }));
        const keyNames = (Table?.KeySchema ?? []).map((k) => k.AttributeName!);
        let start: Record<string, unknown> | undefined;
        do {
          const page = await documentClient(clients.dynamodb).send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
          for (const item of page.Items ?? []) {
            const key = Object.fromEntries(keyNames.map((name) => [name, item[name]]));
            rows.set(`${account.account}/${table}/${JSON.stringify(key)}`, { clients, table, key });
          }
          start = page.LastEvaluatedKey;
        } while (start);
      }
    }),
  );
  return rows;
}

function added(before: Rows, after: Rows): Rows {
  return new Map([...after].filter(([id]) => !before.has(id)));
}

/** Rows added since `before`, read until two reads agree; then deleted, so that the next run starts as this one did. */
async function rowsLeftSince(before: Rows, accounts: readonly ClassAccount[], clientsOf: Map<string, ReturnType<typeof createClients>>): Promise<number> {
  const deadline = Date.now() + SETTLE_MAX_MS;
  let last = added(before, await allRows(accounts, clientsOf));
  for (;;) {
    await sleep(SETTLE_STEP_MS);
    const now = added(before, await allRows(accounts, clientsOf));
    const same = now.size === last.size && [...now.keys()].every((id) => last.has(id));
    last = now;
    if (same || Date.now() > deadline) break;
  }
  for (const [id] of last) process.stderr.write(`  left: ${id}\n`);
  await Promise.all([...last.values()].map(({ clients, table, key }) => documentClient(clients.dynamodb).send(new DeleteCommand({ TableName: table, Key: key }))));
  return last.size;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  finishedFirst: boolean;
  runMs: number;
  stopMs: number;
  stdout: string;
}

/** Runs the command in a process group of its own and signals the group, at a probe row or at a random moment. */
async function stopped(args: string[], env: NodeJS.ProcessEnv, signals: readonly NodeJS.Signals[], atRow: () => Promise<boolean> | undefined, randomWithinMs = 0): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "ignore"], detached: true });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let running = true;
  void exited.then(() => (running = false));
  const probe = atRow();
  if (probe) {
    const deadline = Date.now() + 60_000;
    while (running && Date.now() < deadline && !(await atRow())) await sleep(10);
  } else {
    await sleep(Math.random() * randomWithinMs);
  }
  const finishedFirst = !running;
  const signalled = Date.now();
  for (const [i, name] of signals.entries()) {
    if (!running) break;
    if (i > 0) await sleep(50 + Math.random() * 200);
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group is gone: the command ended between the check and the signal.
    }
  }
  const exit = await exited;
  const ended = Date.now();
  return { ...exit, finishedFirst, runMs: ended - started, stopMs: finishedFirst ? 0 : ended - signalled, stdout };
}

/** The results of a participant as compared between runs: each check's id and status. */
function verdictOf(p: ClassResults["participants"][number]): string {
  return JSON.stringify(p.results.map((r) => [r.id, r.status]));
}

interface Bench {
  lab: string;
  roster: string;
  accounts: readonly ClassAccount[];
  clientsOf: Map<string, ReturnType<typeof createClients>>;
  baseline: Map<string, string>;
  /** How long an uninterrupted grade and check take: a random stop falls within that. */
  gradeMs: number;
  checkMs: number;
  instructorEnv: NodeJS.ProcessEnv;
}

function gradeArgs(b: Bench, out: string): string[] {
  return ["grade", "--roster", b.roster, "--endpoint", b.lab, "--concurrency", "2", "--out", out, "--lang", "en"];
}

/** Any probe row (or any other new row) in any account: the moment a stop is most likely to leave one. */
function rowWatcher(b: Bench, before: Rows, atRow: boolean): () => Promise<boolean> | undefined {
  return () => (atRow ? allRows(b.accounts, b.clientsOf).then((now) => added(before, now).size > 0) : undefined);
}

function checkArgs(b: Bench): string[] {
  return ["check", "--endpoint", b.lab, "--lang", "en", "--format", "json"];
}

async function gradeTrial(b: Bench, i: number): Promise<Trial> {
  const out = await mkdtemp(join(tmpdir(), "bench-interrupt-"));
  try {
    const signals = STOPS[i % STOPS.length]!;
    const atRow = Math.floor(i / STOPS.length) % 2 === 0;
    const before = await allRows(b.accounts, b.clientsOf);
    const exit = await stopped(gradeArgs(b, out), b.instructorEnv, signals, rowWatcher(b, before, atRow), b.gradeMs);
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8").catch(() => "null")) as ClassResults | null;
    const graded = (results?.participants ?? []).filter((p) => p.status === "graded");
    // Cut off: a result that says the check was interrupted. Otherwise different: under load a live check may
    // time out in any run, which says nothing of the stop; counted apart.
    const cutOff = graded.filter((p) => p.results.some((r) => /interrupted/i.test(`${r.detail ?? ""} ${r.hint ?? ""}`)));
    const differing = graded.filter((p) => !cutOff.includes(p) && verdictOf(p) !== b.baseline.get(p.id));
    for (const p of [...cutOff, ...differing]) {
      const odd = p.results.filter((r) => r.status === "error").map((r) => `${r.id}: ${r.detail ?? ""} ${r.hint ?? ""}`);
      process.stderr.write(`  trial ${i}: graded ${cutOff.includes(p) ? "though cut off" : "differently from the uninterrupted run"}: ${p.id} ${odd.join("; ")}\n`);
    }
    const trial = { stop: signals.join("+"), atRow, ...exit, rowsLeft: await rowsLeftSince(before, b.accounts, b.clientsOf), cutOffButGraded: cutOff.length, gradedDifferently: differing.length, interruptedMarked: Boolean(results?.run.interrupted) };
    logTrial("grade", i, trial);
    return trial;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function checkTrial(b: Bench, i: number): Promise<Trial> {
  const signals = STOPS[i % STOPS.length]!;
  const atRow = Math.floor(i / STOPS.length) % 2 === 0;
  const account = b.accounts[i % 4]!;
  const credentials = account.target.credentials!;
  const env = { ...b.instructorEnv, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey };
  const before = await allRows(b.accounts, b.clientsOf);
  const exit = await stopped(checkArgs(b), env, signals, rowWatcher(b, before, atRow), b.checkMs);
  // A check stopped before its probe began prints no report; one stopped in it says so in the live checks.
  const marked = exit.stdout === "" || exit.stdout.includes("The check was interrupted");
  const trial = { stop: signals.join("+"), atRow, ...exit, rowsLeft: await rowsLeftSince(before, b.accounts, b.clientsOf), cutOffButGraded: 0, gradedDifferently: 0, interruptedMarked: marked };
  logTrial("check", i, trial);
  return trial;
}

function logTrial(name: string, i: number, t: Trial): void {
  const how = t.finishedFirst ? "ended before the stop" : t.signal ? `killed by ${t.signal}` : `exit ${t.code}`;
  process.stderr.write(`${name} ${i}: ${t.stop} ${t.atRow ? "at a row" : "at random"}: ${how}, rows left ${t.rowsLeft}, cut off but graded ${t.cutOffButGraded}, ${t.runMs} ms\n`);
}

function line(label: string, trials: Trial[]): string {
  const stoppedRuns = trials.filter((t) => !t.finishedFirst);
  const codes = new Map<string, number>();
  for (const t of stoppedRuns) {
    const key = t.signal ? `killed by ${t.signal}` : String(t.code);
    codes.set(key, (codes.get(key) ?? 0) + 1);
  }
  const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((s, x) => s + x, 0) / xs.length) : 0);
  const cells = [
    label,
    String(trials.length),
    String(trials.length - stoppedRuns.length),
    [...codes].map(([k, n]) => `${k}×${n}`).join(" ") || "-",
    `${stoppedRuns.filter((t) => t.code !== EXPECTED_EXIT).length}`,
    `${trials.reduce((s, t) => s + t.rowsLeft, 0)} (${trials.filter((t) => t.rowsLeft > 0).length} runs)`,
    String(trials.reduce((s, t) => s + t.cutOffButGraded, 0)),
    String(trials.reduce((s, t) => s + t.gradedDifferently, 0)),
    `${stoppedRuns.filter((t) => t.interruptedMarked).length}/${stoppedRuns.length}`,
    `${mean(trials.map((t) => t.runMs))} / ${Math.max(0, ...trials.map((t) => t.runMs))}`,
    `${mean(stoppedRuns.map((t) => t.stopMs))} / ${Math.max(0, ...stoppedRuns.map((t) => t.stopMs))}`,
  ];
  return `| ${cells.join(" | ")} |`;
}

function table(name: string, trials: Trial[]): string {
  const groups = [...STOPS.map((s) => s.join("+")).map((stop) => [stop, trials.filter((t) => t.stop === stop)] as const), ["at a probe row", trials.filter((t) => t.atRow)] as const, ["at random", trials.filter((t) => !t.atRow)] as const, ["all", trials] as const];
  return [
    `${name}`,
    "| stop | runs | ended before the stop | exit codes of stopped runs | not 130 | rows left | cut off but graded | graded, results unlike the uninterrupted run | marked interrupted | run ms mean / max | stop→exit ms mean / max |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...groups.map(([label, group]) => line(label, [...group])),
  ].join("\n");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  const lab = await createLab();
  const dir = await mkdtemp(join(tmpdir(), "bench-interrupt-roster-"));
  const clientsOf = new Map<string, ReturnType<typeof createClients>>();
  const started = Date.now();
  try {
    const accounts = await buildClass(lab, ["solved", "solved", "solved", "solved", "not-deployed", "missing-permission-default"]);
    for (const account of accounts) clientsOf.set(account.account, createClients(account.target));
    const roster = join(dir, "class.csv");
    await writeFile(roster, rosterCsv(accounts));
    const instructorEnv = { ...process.env, AWS_ACCESS_KEY_ID: DEFAULT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DEFAULT_KEY.secretAccessKey, AWS_REGION: LAB_REGION, CI: "true" };
    const b: Bench = { lab: lab.endpoint, roster, accounts, clientsOf, baseline: new Map(), gradeMs: 0, checkMs: 0, instructorEnv };
    // Uninterrupted runs, the first of which also builds the CLI's bundle: what each participant's results are
    // when nobody stops the grade, and how long a grade and a check take.
    await stopped(gradeArgs(b, join(dir, "build")), instructorEnv, [], () => undefined);
    const out = join(dir, "baseline");
    const whole = await stopped(gradeArgs(b, out), instructorEnv, [], () => undefined);
    b.gradeMs = whole.runMs;
    const first = accounts[0]!.target.credentials!;
    const check = await stopped(checkArgs(b), { ...instructorEnv, AWS_ACCESS_KEY_ID: first.accessKeyId, AWS_SECRET_ACCESS_KEY: first.secretAccessKey }, [], () => undefined);
    b.checkMs = check.runMs;
    process.stdout.write(`baseline check: exit ${check.code}, ${check.runMs} ms\n`);
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as ClassResults;
    for (const p of results.participants) b.baseline.set(p.id, verdictOf(p));
    process.stdout.write(`baseline grade: exit ${whole.code}, ${Math.round(whole.runMs)} ms, ${results.participants.map((p) => `${p.id} ${p.status} ${p.summary.score}/${p.summary.maxScore}`).join("; ")}\n`);
    process.stdout.write(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(" ")}\n`);
    const grades: Trial[] = [];
    for (let i = 0; i < TRIALS; i++) grades.push(await gradeTrial(b, i));
    process.stdout.write(`${table(`grade (${TRIALS} runs, --concurrency 2, 6 participants)`, grades)}\n`);
    process.stdout.write(`load average after grade: ${loadavg().map((n) => n.toFixed(2)).join(" ")}\n`);
    const checks: Trial[] = [];
    for (let i = 0; i < TRIALS; i++) checks.push(await checkTrial(b, i));
    process.stdout.write(`${table(`check (${TRIALS} runs, the solved accounts in turn)`, checks)}\n`);
    process.stdout.write(`load average at end: ${loadavg().map((n) => n.toFixed(2)).join(" ")}; ${Math.round((Date.now() - started) / 1000)} s in all\n`);
  } finally {
    for (const clients of clientsOf.values()) clients.destroy();
    await rm(dir, { recursive: true, force: true });
    await lab.close();
  }
}

await main();
