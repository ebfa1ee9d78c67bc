// npm run bench:interrupt: how often a stopped command leaves anything behind (the target: nothing, in any participant's table). `grade` and `check`,
// run as users run them (node scripts/cli.mjs), are stopped many times by Ctrl-C (once or twice in a row),
// SIGTERM and SIGHUP, half of the time while a probe row is in a participant's table and half at a random
// moment. After each run: the exit code, the probe rows left in any table, and the participants recorded as
// graded although the run was interrupted mid-probe. TRIALS (default 50) runs of each command.
import "../src/cli/quiet-sdk.js";
import { DeleteCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClients } from "../src/aws/clients.js";
import type { ClassResults } from "../src/grade/report.js";
import { createLab, DEFAULT_KEY, LAB_REGION } from "../src/lab/index.js";
import { TABLE_NAME } from "../src/workshop/callback-table.js";
import { PROBE_PREFIX } from "../src/probe/probe-id.js";
import { buildClass, rosterCsv, type ClassAccount } from "./lib/class-lab.js";

const TRIALS = Number(process.env.TRIALS ?? 50);
const CLI = fileURLToPath(new URL("../scripts/cli.mjs", import.meta.url));
const STOPS = [["SIGINT"], ["SIGINT", "SIGINT"], ["SIGTERM"], ["SIGHUP"]] as const;

interface Trial {
  code: number | null;
  signal: NodeJS.Signals | null;
  rowsLeft: number;
  /** grade only: participants recorded as graded in a run marked interrupted, whose live checks were cut off. */
  cutOffButGraded: number;
  interruptedMarked: boolean;
}

/** The probe rows in the accounts' tables; with `sweep`, also deleted, so that the next trial starts clean. */
async function rowsLeft(accounts: readonly ClassAccount[], sweep = false): Promise<number> {
  const counts = await Promise.all(
    accounts.map(async (account) => {
      const clients = createClients(account.target);
      try {
        const { Items = [] } = await clients.documents.send(new ScanCommand({ TableName: TABLE_NAME }));
        const rows = Items.filter((item) => String(item.orderId).startsWith(PROBE_PREFIX));
        if (sweep) await Promise.all(rows.map((row) => clients.documents.send(new DeleteCommand({ TableName: TABLE_NAME, Key: { orderId: row.orderId, connectionId: row.connectionId } }))));
        return rows.length;
      } finally {
        clients.destroy();
      }
    }),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/** Runs the command and stops it with `signals` (a short pause between two), when a probe row shows or at a random moment. */
async function stopped(args: string[], accounts: readonly ClassAccount[], signals: readonly NodeJS.Signals[], atRow: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: DEFAULT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DEFAULT_KEY.secretAccessKey, AWS_REGION: LAB_REGION, CI: "true" };
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: "ignore" });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let running = true;
  void exited.then(() => (running = false));
  if (atRow) {
    const deadline = Date.now() + 60_000;
    while (running && Date.now() < deadline && (await rowsLeft(accounts)) === 0) await sleep(10);
  } else {
    await sleep(Math.random() * 4_000);
  }
  for (const [i, name] of signals.entries()) {
    if (!running) break;
    if (i > 0) await sleep(50);
    child.kill(name);
  }
  return exited;
}

async function gradeTrial(lab: string, roster: string, accounts: readonly ClassAccount[], i: number): Promise<Trial> {
  const out = await mkdtemp(join(tmpdir(), "bench-interrupt-"));
  try {
    const signals = STOPS[i % STOPS.length]!;
    const exit = await stopped(["grade", "--roster", roster, "--endpoint", lab, "--concurrency", "2", "--out", out, "--lang", "en"], accounts, signals, i % 2 === 0);
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8").catch(() => "null")) as ClassResults | null;
    const interrupted = Boolean((results?.run as { interrupted?: boolean } | undefined)?.interrupted);
    const cutOff = (results?.participants ?? []).filter((p) => p.status === "graded" && p.results.some((r) => r.status === "error" && /interrupt|Abort/i.test(`${r.detail} ${r.hint}`))).length;
    return { ...exit, rowsLeft: await rowsLeft(accounts, true), cutOffButGraded: cutOff, interruptedMarked: interrupted };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function checkTrial(lab: string, account: ClassAccount, i: number): Promise<Trial> {
  const signals = STOPS[i % STOPS.length]!;
  const credentials = account.target.credentials!;
  const args = ["check", "--endpoint", lab, "--lang", "en"];
  const env = { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey };
  const exit = await withEnv(env, () => stopped(args, [account], signals, i % 2 === 0));
  return { ...exit, rowsLeft: await rowsLeft([account], true), cutOffButGraded: 0, interruptedMarked: false };
}

/** `stopped` takes the instructor's keys; a participant's check runs with the participant's own. */
async function withEnv<T>(values: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) value === undefined ? delete process.env[key] : (process.env[key] = value);
  }
}

function summary(name: string, trials: Trial[]): string {
  const codes = new Map<string, number>();
  for (const trial of trials) {
    const key = trial.signal ? `signal ${trial.signal}` : `exit ${trial.code}`;
    codes.set(key, (codes.get(key) ?? 0) + 1);
  }
  const left = trials.reduce((sum, trial) => sum + trial.rowsLeft, 0);
  const dirty = trials.filter((trial) => trial.rowsLeft > 0).length;
  const cutOff = trials.reduce((sum, trial) => sum + trial.cutOffButGraded, 0);
  return [
    `${name}: ${trials.length} stopped runs (${STOPS.map((s) => s.join("+")).join(", ")} in turn; half at a probe row, half at a random moment)`,
    `  exit: ${[...codes].map(([key, n]) => `${key} ×${n}`).join(", ")}`,
    `  probe rows left: ${left} (in ${dirty} runs)`,
    ...(name === "grade" ? [`  reports marked interrupted: ${trials.filter((t) => t.interruptedMarked).length}; participants cut off mid-probe but recorded graded: ${cutOff}`] : []),
  ].join("\n");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  const lab = await createLab();
  const dir = await mkdtemp(join(tmpdir(), "bench-interrupt-roster-"));
  try {
    const accounts = await buildClass(lab, ["solved", "solved", "solved", "solved", "not-deployed", "missing-permission-default"]);
    const roster = join(dir, "class.csv");
    await writeFile(roster, rosterCsv(accounts));
    const grades: Trial[] = [];
    for (let i = 0; i < TRIALS; i++) grades.push(await gradeTrial(lab.endpoint, roster, accounts, i));
    process.stdout.write(`${summary("grade", grades)}\n`);
    const checks: Trial[] = [];
    for (let i = 0; i < TRIALS; i++) checks.push(await checkTrial(lab.endpoint, accounts[i % 4]!, i));
    process.stdout.write(`${summary("check", checks)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await lab.close();
  }
}

await main();
