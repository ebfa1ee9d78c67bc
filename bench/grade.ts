// npm run bench (second part): grading a class (target: under 5 s without the probe, under 200 MB). 100 accounts on the lab in the
// catalogue's scenarios, 40 ms injected per control-plane call and AWS's real per-account quotas enforced,
// graded by the real command (`npm run grade`, through AssumeRole, concurrency 16) without and with the
// live probe: wall time, the command's peak memory, and whether any throttling reached a report. The lab
// runs in a process of its own (it runs the participants' functions), so the memory is the grader's alone.
import "../src/cli/quiet-sdk.js";
import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ClassResults } from "../src/grade/report.js";
import { AWS_QUOTAS, createLab, DEFAULT_KEY, LAB_REGION } from "../src/lab/index.js";
import { SCENARIO_NAMES } from "../src/scenarios/catalogue.js";
import { buildClass, rosterCsv } from "./lib/class-lab.js";
import { chromiumMissing, launchChromium, openFile } from "./lib/browser.js";

const ACCOUNTS = 100;
const LATENCY_MS = 40;
const CONCURRENCY = 16;
const TARGET = { wallMs: 5_000, rssMb: 200 };
const SELF = fileURLToPath(import.meta.url);
const CLI = fileURLToPath(new URL("../scripts/cli.mjs", import.meta.url));
const THROTTLED = /Throttl|TooManyRequests|Rate exceeded|Too Many Requests/i;
/** Loaded into the command with --import, so that the command runs as it is and still tells its peak memory. */
const PEAK_RSS = `data:text/javascript,process.once("exit",()=>process.stderr.write("peak-rss-kb="+process.resourceUsage().maxRSS+"\\n"))`;

interface Measured {
  /** From starting the command to its exit. */
  wallMs: number;
  /** The grading itself, as the command's summary line gives it. */
  gradingMs: number;
  rssMb: number;
  graded: number;
  errors: string[];
  throttledCalls: number;
  throttlingInReports: number;
  /** report.html: its size, and the time Chromium takes to show the grid, the pass rates and a participant's details. */
  html?: { kb: number; renderMs: number };
}

/** Child: the lab with the class built, then the faults on; one line of JSON out; "reset" on stdin refills the quotas. */
async function labProcess(): Promise<void> {
  const lab = await createLab();
  const scenarios = Array.from({ length: ACCOUNTS }, (_, i) => SCENARIO_NAMES[i % SCENARIO_NAMES.length]!);
  const accounts = await buildClass(lab, scenarios);
  const faults = { latencyMs: LATENCY_MS, quotas: AWS_QUOTAS };
  lab.faults.configure(faults);
  process.stdout.write(`${JSON.stringify({ endpoint: lab.endpoint, roster: rosterCsv(accounts) })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === "reset") lab.faults.configure(faults), process.stdout.write("ok\n");
  }
  await lab.close();
}

/** One `npm run grade -- --out DIR` in a process of its own, as an instructor's CI job runs it. */
async function measure(endpoint: string, rosterFile: string, live: boolean): Promise<Measured> {
  const out = await mkdtemp(join(tmpdir(), "bench-grade-"));
  try {
    const args = [CLI, "grade", "--roster", rosterFile, "--endpoint", endpoint, "--region", LAB_REGION, "--concurrency", String(CONCURRENCY), "--lang", "en", "--out", out, live ? "--live" : "--no-live"];
    const env = { ...process.env, AWS_ACCESS_KEY_ID: DEFAULT_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: DEFAULT_KEY.secretAccessKey, CI: "true", GITHUB_STEP_SUMMARY: "" };
    const started = performance.now();
    const { stdout, stderr } = await run(process.execPath, ["--import", PEAK_RSS, ...args], env);
    const wallMs = performance.now() - started;
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as ClassResults;
    return {
      wallMs,
      gradingMs: Number(/\(([\d.]+) s\)\s*$/.exec(stdout)?.[1] ?? Number.NaN) * 1000,
      rssMb: Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN) / 1024,
      graded: results.participants.filter((p) => p.status === "graded").length,
      errors: results.participants.flatMap((p) => (p.error ? [`${p.id}: ${p.error}`] : [])),
      throttledCalls: Number(/refused (\d+) calls/.exec(stderr)?.[1] ?? 0),
      throttlingInReports: results.participants.filter((p) => THROTTLED.test(JSON.stringify(p.results) + (p.error ?? ""))).length,
      html: live ? undefined : await renderReport(join(out, "report.html"), results.participants.length),
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/**
 * Opens report.html in Chromium and times what a reader waits for: the page's own load (Navigation Timing's
 * loadEventEnd: parsing, layout, the script) and, once it shows the grid and the pass rates, opening one
 * participant's details. Starting the browser and its context is left out: that is the browser, not the report.
 */
async function renderReport(file: string, participants: number): Promise<Measured["html"]> {
  const missing = chromiumMissing();
  if (missing) return process.stderr.write(`report.html not rendered: ${missing}\n`), undefined;
  const kb = (await stat(file)).size / 1024;
  const browser = await launchChromium();
  try {
    const { page, close } = await openFile(browser, file);
    // A string: evaluated in the page, whose performance is the DOM's, not Node's.
    const loadMs = Number(await page.evaluate(`performance.getEntriesByType("navigation")[0].loadEventEnd`));
    const rows = await page.locator("#grid tbody.participant").count();
    if (rows !== participants) throw new Error(`report.html shows ${rows} participants, not ${participants}`);
    await page.locator("#checks-table tr[data-check]").first().waitFor();
    const clicked = performance.now();
    await page.locator("tbody.participant button.open").first().click();
    await page.locator("tbody.participant tr.details li.result").first().waitFor();
    const renderMs = loadMs + (performance.now() - clicked);
    await close();
    return { kb, renderMs };
  } finally {
    await browser.close();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Exit 1 means some participant was not graded: still a run to measure (the errors are printed).
      if (error && (error as { code?: unknown }).code !== 1) reject(new Error(`${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

function child(args: string[]): ChildProcessWithoutNullStreams {
  const proc = spawn(process.execPath, ["--import", "tsx", SELF, ...args], { stdio: "pipe" });
  proc.stderr.pipe(process.stderr);
  return proc;
}

function nextLine(proc: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const end = buffered.indexOf("\n");
      if (end < 0) return;
      proc.stdout.off("data", onData);
      proc.off("exit", onExit);
      resolve(buffered.slice(0, end));
    };
    const onExit = (code: number | null) => reject(new Error(`the lab process ended (exit ${code}) before answering`));
    proc.stdout.on("data", onData);
    proc.once("exit", onExit);
  });
}

function row(label: string, m: Measured, target: boolean): string {
  const verdict = m.wallMs < TARGET.wallMs && m.rssMb < TARGET.rssMb ? "within" : "OVER";
  return (
    `${label.padEnd(20)} ${`${(m.wallMs / 1000).toFixed(2)} s`.padStart(8)} (grading ${(m.gradingMs / 1000).toFixed(1)} s)  peak RSS ${m.rssMb.toFixed(0)} MB  ` +
    `graded ${m.graded}/${ACCOUNTS}  throttled answers retried ${m.throttledCalls}  reports with throttling ${m.throttlingInReports}` +
    (target ? `  [${verdict} target: < ${TARGET.wallMs / 1000} s, < ${TARGET.rssMb} MB]` : "") +
    (m.html ? `\n${"".padEnd(20)} report.html ${m.html.kb.toFixed(0)} KB, shown by Chromium (grid, pass rates, a participant's details) in ${(m.html.renderMs / 1000).toFixed(2)} s` : "")
  );
}

async function main(): Promise<void> {
  // Built before the clock starts, as `npm run grade` finds it after its first run.
  await run(process.execPath, [CLI, "--build"], process.env);
  const started = performance.now();
  const lab = child(["--lab"]);
  const dir = await mkdtemp(join(tmpdir(), "bench-roster-"));
  try {
    const { endpoint, roster } = JSON.parse(await nextLine(lab)) as { endpoint: string; roster: string };
    const built = performance.now() - started;
    const rosterFile = join(dir, "class.csv");
    await writeFile(rosterFile, roster);
    const withoutProbe = await measure(endpoint, rosterFile, false);
    lab.stdin.write("reset\n");
    await nextLine(lab);
    const withProbe = await measure(endpoint, rosterFile, true);
    process.stdout.write(
      `\ngrade: ${ACCOUNTS} accounts in the ${SCENARIO_NAMES.length} scenarios (built in ${(built / 1000).toFixed(1)} s), ${LATENCY_MS} ms per control-plane call, ` +
        `AWS's per-account quotas enforced, AssumeRole per participant, concurrency ${CONCURRENCY}, npm run grade -- --out DIR\n`,
    );
    process.stdout.write(`${row("grade --no-live", withoutProbe, true)}\n${row("grade (live probe)", withProbe, false)}\n`);
    for (const error of [...withoutProbe.errors, ...withProbe.errors].slice(0, 10)) process.stdout.write(`  not graded: ${error}\n`);
    if (withoutProbe.throttlingInReports + withProbe.throttlingInReports > 0) process.exitCode = 1;
  } finally {
    lab.stdin.end();
    await new Promise((resolve) => lab.once("exit", resolve));
    await rm(dir, { recursive: true, force: true });
  }
}

const work = process.argv[2] === "--lab" ? labProcess() : main();
work.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
