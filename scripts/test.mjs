// Runs the uvu test files, each in its own `uvu -r tsx <dir> <file>` process, a few at a time.
//
// One process per file: a file's lab, ports and bundles die with it, and two files can run side by side
// (`npm test` ran all 77 files one after another in a single process: ~14 min on an idle 2-core machine).
// TEST_JOBS files at once (default: the number of CPUs; TEST_JOBS=1 reproduces the serial run), the slowest
// first (the wall times of the last run, kept in .test-times.json, else the SLOW list below), so a long file
// never starts last. Each file's output is printed whole when it ends, never interleaved, then the totals in
// uvu's own format ("  Total:     N", ...), which .ci/run reads, then the files that failed; exit 1 if any did.
//
//   node scripts/test.mjs                                    every test/**/*.test.ts
//   node scripts/test.mjs test/e2e/fix-loop-v2.test.ts ...      those files only
//
// TEST_FILE_TIMEOUT (seconds, default 3600): a file still running then is killed (its whole process group)
// and counted as failed, so a hung file cannot hold CI up to its 90 minute limit.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TIMES = join(ROOT, ".test-times.json");
const UVU = join(ROOT, "node_modules/uvu/bin.js");
/** Known to take the longest (idle wall times before this runner): the order when .test-times.json is missing. */
const SLOW = [
  "test/e2e/fix-loop-v1.test.ts",
  "test/e2e/fix-loop-v2.test.ts",
  "test/docs/readme-commands.test.ts",
  "test/cli/solve.test.ts",
  "test/e2e/scenarios.test.ts",
  "test/lab/isolation.test.ts",
  "test/grade/html-browser.test.ts",
  "test/grade/watch.test.ts",
];
/** GNU time gives the file's CPU time (user + sys of its process and all its children) beside its wall time. */
const GNU_TIME = "/usr/bin/time";

const jobs = positiveInt(process.env.TEST_JOBS, availableParallelism(), "TEST_JOBS");
const fileTimeoutMs = positiveInt(process.env.TEST_FILE_TIMEOUT, 3600, "TEST_FILE_TIMEOUT") * 1000;

function positiveInt(text, fallback, name) {
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a whole number of at least 1, not ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return value;
}

function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...testFiles(path));
    else if (/\.test\.ts$/.test(entry.name)) found.push(path);
  }
  return found;
}

function lastTimes() {
  try {
    return JSON.parse(readFileSync(TIMES, "utf8"));
  } catch {
    return {};
  }
}

const files = process.argv.length > 2 ? process.argv.slice(2).map((file) => relative(ROOT, join(process.cwd(), file))) : testFiles("test");
for (const file of files) {
  if (!existsSync(join(ROOT, file))) {
    console.error(`no such test file: ${file}`);
    process.exit(2);
  }
}
const previous = lastTimes();
/** Seconds expected: the last run's wall time, else a rank in SLOW (above any measured small file), else 0. */
const expected = (file) => previous[file]?.wall ?? (SLOW.includes(file) ? 10_000 - SLOW.indexOf(file) : 0);
const queue = [...files].sort((a, b) => expected(b) - expected(a) || a.localeCompare(b));

const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, "");
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const timeDir = mkdtempSync(join(tmpdir(), "test-times-"));
const running = new Set();
let stopping = false;

/** Runs one file to its end; resolves with its output, exit status, uvu's counts and its times. */
function runFile(file, index) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const timeFile = join(timeDir, `${index}.txt`);
    // The pattern is anchored on the file's name, relative to its folder, as uvu matches it.
    const uvu = [UVU, "-r", "tsx", dirname(file), `^${escape(basename(file))}$`];
    const [command, args] = existsSync(GNU_TIME)
      ? [GNU_TIME, ["-q", "-f", "%e %U %S", "-o", timeFile, process.execPath, ...uvu]]
      : [process.execPath, uvu];
    // Its own process group, so that a timeout or ^C ends the file's children (labs, browsers, CLIs) too.
    const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" } });
    running.add(child);
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, fileTimeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      let cpu;
      try {
        const [, user, sys] = readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
        if (Number.isFinite(user) && Number.isFinite(sys)) cpu = { user, sys };
      } catch {
        // No GNU time, or the file was killed before it wrote: wall time only.
      }
      const output = Buffer.concat(chunks).toString("utf8");
      const count = (label) => {
        const match = [...plain(output).matchAll(new RegExp(`^ *${label}: *(\\d+)`, "gm"))].pop();
        return match ? Number(match[1]) : undefined;
      };
      resolve({ file, code, signal, timedOut, output, wall, cpu, total: count("Total"), passed: count("Passed"), skipped: count("Skipped") });
    });
  });
}

function killGroup(child) {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    for (const child of running) killGroup(child);
    process.exit(130);
  });
}

// The commands' bundle, built once before the files start: their CLI runs (test/helpers/cli.ts) start from it,
// and would otherwise each build it, all at once, on a fresh checkout.
const build = await new Promise((resolve) => {
  const child = spawn(process.execPath, [join(ROOT, "scripts/cli.mjs"), "--build"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const chunks = [];
  child.stdout.on("data", (chunk) => chunks.push(chunk));
  child.stderr.on("data", (chunk) => chunks.push(chunk));
  child.on("close", (code) => resolve({ code, output: Buffer.concat(chunks).toString("utf8") }));
});
if (build.code !== 0) {
  process.stdout.write(`node scripts/cli.mjs --build failed (exit ${build.code}):\n${build.output}\n`);
  process.exit(1);
}

const started = process.hrtime.bigint();
const results = [];
let next = 0;
async function worker() {
  while (!stopping && next < queue.length) {
    const index = next++;
    const result = await runFile(queue[index], index);
    results.push(result);
    const cpu = result.cpu ? `, cpu ${(result.cpu.user + result.cpu.sys).toFixed(1)} s` : "";
    process.stdout.write(`\n━━ ${result.file} (wall ${result.wall.toFixed(1)} s${cpu}) ━━\n${result.output.replace(/\n*$/, "\n")}`);
    if (result.timedOut) process.stdout.write(`killed after ${fileTimeoutMs / 1000} s (TEST_FILE_TIMEOUT)\n`);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, worker));
rmSync(timeDir, { recursive: true, force: true });

let total = 0;
let passed = 0;
let skipped = 0;
const failed = [];
for (const result of results) {
  total += result.total ?? 0;
  passed += result.passed ?? 0;
  skipped += result.skipped ?? 0;
  // uvu exits 0 when a suite's before hook throws: its tests just do not run (Passed below Total).
  if (result.code === 0 && result.total !== undefined && (result.passed ?? 0) >= result.total) continue;
  failed.push(result);
  // A file that died before uvu's totals (an import error, a crash, a timeout) counts as one failed test, so
  // that "Total - Passed - Skipped" is never 0 while a file failed.
  if (result.total === undefined || result.total - (result.passed ?? 0) - (result.skipped ?? 0) <= 0) total += 1;
}

// Wall and CPU time per file, slowest first: the next run's order, and where the suite's time goes.
const times = { ...previous };
for (const result of results) if (!failed.includes(result)) times[result.file] = { wall: round(result.wall), ...(result.cpu ? { user: result.cpu.user, sys: result.cpu.sys } : {}) };
if (process.argv.length <= 2 || existsSync(TIMES)) writeFileSync(TIMES, `${JSON.stringify(sortedTimes(times), null, 2)}\n`);
function round(seconds) {
  return Math.round(seconds * 10) / 10;
}
function sortedTimes(all) {
  return Object.fromEntries(Object.entries(all).sort(([a, x], [b, y]) => y.wall - x.wall || a.localeCompare(b)));
}

const slowest = [...results].sort((a, b) => b.wall - a.wall).slice(0, 10);
process.stdout.write(`\nslowest files (wall s / cpu s), ${jobs} at a time:\n`);
for (const result of slowest) process.stdout.write(`  ${result.wall.toFixed(1).padStart(7)} ${(result.cpu ? (result.cpu.user + result.cpu.sys).toFixed(1) : "?").padStart(7)}  ${result.file}\n`);
if (failed.length > 0) {
  process.stdout.write(`\nfailed files:\n`);
  for (const result of failed) {
    const why = result.timedOut
      ? "killed by TEST_FILE_TIMEOUT"
      : result.total === undefined
        ? `no totals, exit ${result.code ?? result.signal}`
        : `${result.passed ?? 0} of ${result.total} passed, exit ${result.code ?? result.signal}`;
    process.stdout.write(`  ${result.file} (${why})\n`);
  }
}
const duration = (Number(process.hrtime.bigint() - started) / 1e6).toFixed(2);
// uvu's own summary lines, as .ci/run parses them.
process.stdout.write(`\n  Total:     ${total}\n  Passed:    ${passed}\n  Skipped:   ${skipped}\n  Duration:  ${duration}ms\n\n`);
process.exitCode = failed.length > 0 || stopping ? 1 : 0;
