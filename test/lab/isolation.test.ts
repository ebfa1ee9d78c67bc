// A function costs only its own call. Each case is what a hostile tester did to the lab when
// functions ran as worker threads in the lab's own process: a self-kill that ended the lab, code reading the
// lab's secrets from /proc, rewriting another account's code, detached processes left running, a 128 MB
// function holding gigabytes. The first suite needs bwrap (Debian's package bubblewrap; .ci/run installs
// it) and fails, saying so, without it; the second runs the same functions without it
// (AWSOMEPETS_LAB_SANDBOX=none) for what the lab promises there.
import { UpdateFunctionConfigurationCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { spawn, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createClients, type AwsClients } from "../../src/aws/clients.js";
import { checkAccount } from "../../src/check.js";
import { DEFAULT_KEY, LAB_REGION } from "../../src/lab/index.js";
import { detectSandbox } from "../../src/lab/lambda/sandbox.js";
import { buildScenario } from "../../src/scenarios/catalogue.js";
import { cliEnv, ROOT } from "../helpers/cli.js";
import { deployFunction, invokeFunction } from "../../bench/lib/functions.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { describeWindows, recordLatencies, WindowWatch, withinBounds } from "../../bench/lib/responsiveness.js";
import { eventually } from "../helpers/seeded.js";
import { printingErrors } from "../helpers/hooks.js";

const HOSTILE_KEY = { accessKeyId: "AKIAHOSTILETENANT001", secretAccessKey: "hostile-secret" };
const MIB = 1024 * 1024;

/** Functions a hostile tester wrote. Each one's event may carry a marker to find its processes by. */
const SELF_KILL = `exports.handler = async () => { process.kill(process.pid, "SIGTERM"); await new Promise((r) => setTimeout(r, 60000)); return "survived"; };\n`;
/** 2.5 GB of touched memory (Buffer.alloc with a fill writes every page), in 100 MB steps. */
const HOG = `exports.handler = async (event) => { const keep = []; for (let i = 0; i < (event.steps ?? 25); i++) keep.push(Buffer.alloc(100 * 1024 * 1024, 1)); return keep.length; };\n`;
/** 20 detached children (setsid: a process group and session of their own), and one orphan through sh. */
const SPAWNER = `const { spawn } = require("node:child_process");
exports.handler = async (event) => {
  const started = [];
  for (let i = 0; i < 20; i++) {
    const child = spawn("sleep", [event.marker], { detached: true, stdio: "ignore" });
    child.unref();
    started.push(new Promise((resolve, reject) => { child.once("spawn", () => resolve(child.pid)); child.once("error", reject); }));
  }
  const pids = await Promise.all(started);
  if (event.orphan) spawn("sh", ["-c", "sleep " + event.marker + " &"], { stdio: "ignore" });
  const alive = pids.filter((pid) => { try { process.kill(pid, 0); return true; } catch { return false; } }).length;
  if (event.hang) await new Promise((resolve) => setTimeout(resolve, 600000));
  return { alive };
};
`;
const ECHO = `exports.handler = async (event) => ({ echo: event });\n`;

interface Ctx {
  t: TestLab;
  hostile: AwsClients;
}

async function setUp(ctx: Ctx, sandbox: "bwrap" | "none"): Promise<void> {
  ctx.t = await startTestLab();
  ctx.hostile = ctx.t.clientsFor(HOSTILE_KEY);
  if (sandbox === "none") return;
  const kind = (await detectSandbox()).kind;
  if (kind !== "bwrap") throw new Error("bubblewrap (bwrap) is missing or cannot create namespaces here: apt-get install -y bubblewrap (.ci/run installs it)");
}

/** A number GNU sleep takes (an hour and a fraction) that no other process's command line has. */
function marker(): string {
  return `3600.${randomInt(1e8, 1e9)}`;
}

/** Host processes whose command line holds `text` (a zombie's is empty, so it no longer counts). */
function processesWith(text: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(text)) found.push(Number(pid));
    } catch {
      // It ended while we looked.
    }
  }
  return found;
}

/** Waits, with a generous bound, until no process holds `text`; answers how many were still there at the end. */
async function goneWithin(text: string, timeoutMs = 30_000): Promise<number[]> {
  try {
    return await eventually(async () => (processesWith(text).length === 0 ? [] : undefined), timeoutMs, 100);
  } catch {
    return processesWith(text);
  }
}

const sandboxed = suite<Ctx>("lab isolation: each function in a process of its own, in bwrap's view");
sandboxed.before(printingErrors((ctx: Ctx) => setUp(ctx, "bwrap")));
sandboxed.after(async (ctx) => {
  await ctx.t?.close();
});

sandboxed("hostile functions in another account (self-kill, 2.5 GB in 128 MB, 20 detached children) cost only their own calls: a normal check beside them gets every answer (within 1 s, or as fast as just before under load)", async ({ t, hostile }) => {
  await buildScenario({ endpoint: t.lab.endpoint, region: LAB_REGION, credentials: DEFAULT_KEY }, "solved");
  let window: WindowWatch | undefined;
  const checker = createClients({ endpoint: t.lab.endpoint, region: LAB_REGION, credentials: DEFAULT_KEY, maxAttempts: 1 });
  const check = () => checkAccount({ step: "all", lang: "en", live: true, clientSettings: { region: LAB_REGION }, clients: checker });
  try {
    // Once before, unmeasured: the workshop functions' cold starts are not what this test is about.
    assert.is((await check()).fatal, undefined);
    recordLatencies(checker, () => window);
    await deployFunction(hostile.lambda, "SelfKill", { "index.js": SELF_KILL });
    await deployFunction(hostile.lambda, "Hog", { "index.js": HOG }, { MemorySize: 128, Timeout: 120 });
    await deployFunction(hostile.lambda, "Spawner", { "index.js": SPAWNER }, { Timeout: 60 });
    // The same checks just before, without the hostile calls: what this machine's load makes of them now.
    window = new WindowWatch().start();
    for (let i = 0; i < 2; i++) assert.is((await check()).fatal, undefined);
    const baseline = window.stop();
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    const sleepMarker = marker();
    window = new WindowWatch().start();
    const attacks = Promise.all([
      invokeFunction(hostile.lambda, "SelfKill"),
      ...[1, 2, 3].map(() => invokeFunction(hostile.lambda, "Hog")),
      invokeFunction(hostile.lambda, "Spawner", { marker: sleepMarker, orphan: true }),
    ]);
    let attacking = true;
    void attacks.finally(() => (attacking = false)).catch(() => undefined);
    const checks = [];
    do {
      const run = await check();
      checks.push(run);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    } while (attacking);
    const during = window.stop();
    window = undefined;
    const [selfKill, ...rest] = await attacks;
    const spawner = rest.pop()!;
    assert.is(selfKill!.body.errorType, "Runtime.ExitError");
    assert.match(selfKill!.body.errorMessage, /Error: Runtime exited with error: signal: terminated$/);
    for (const hog of rest) {
      assert.is(hog.body.errorType, "Runtime.ExitError", JSON.stringify(hog.body));
      assert.match(hog.body.errorMessage, /Error: Runtime exited with error: signal: (killed|aborted)$/);
      assert.match(hog.log, /Memory Size: 128 MB\tMax Memory Used: \d+ MB/);
    }
    assert.equal(spawner.body, { alive: 20 });
    for (const run of checks) {
      assert.is(run.fatal, undefined);
      assert.is(run.report.summary.failed, 0, JSON.stringify(run.report.results.filter((r) => r.status !== "pass").map((r) => [r.id, r.detail])));
    }
    assert.ok(during.answers > 0);
    assert.ok(withinBounds(baseline, during), describeWindows(baseline, during));
    // 3 x 2.5 GB were asked for: none of it was ever the lab's.
    assert.ok(peakRss - rssBefore < 1024 * MIB, `the lab's process grew by ${((peakRss - rssBefore) / MIB).toFixed(0)} MB`);
    assert.equal(await goneWithin(sleepMarker), []);
    // The tenant's next call gets a fresh environment.
    assert.equal((await invokeFunction(hostile.lambda, "Spawner", { marker: marker() })).body, { alive: 20 });
  } finally {
    checker.destroy();
  }
});

sandboxed("MemorySize is the limit: a 1024 MB function holds 200 MB, the same code at 128 MB is killed, and REPORT says what it used", async ({ hostile }) => {
  await deployFunction(hostile.lambda, "Roomy", { "index.js": HOG }, { MemorySize: 1024, Timeout: 120 });
  await deployFunction(hostile.lambda, "Tight", { "index.js": HOG }, { MemorySize: 128, Timeout: 120 });
  const roomy = await invokeFunction(hostile.lambda, "Roomy", { steps: 2 });
  assert.equal([roomy.functionError, roomy.body], [undefined, 2]);
  const used = Number(/Max Memory Used: (\d+) MB/.exec(roomy.log)?.[1]);
  assert.ok(used >= 200 && used <= 1024, roomy.log);
  const tight = await invokeFunction(hostile.lambda, "Tight", { steps: 2 });
  assert.is(tight.functionError, "Unhandled");
  assert.match(tight.body.errorMessage, /signal: (killed|aborted)$/);
});

sandboxed("the lab's own environment is not readable from function code: /proc/self, /proc/<ppid>, every /proc/<pid>/environ and process.env hold no canary of it", async () => {
  const canary = `canary${randomInt(1e9, 1e10)}`;
  const env = cliEnv(undefined, { AWS_ACCESS_KEY_ID: "AKIACANARYLABOWNER01", AWS_SECRET_ACCESS_KEY: `${canary}secret`, AWS_SESSION_TOKEN: `${canary}token` });
  const lab = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/lab.ts"), "--port", "0", "--lang", "en"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  try {
    const endpoint = await printedEndpoint(lab);
    // The canary is there to be found: the test itself reads it in the lab's environment.
    assert.ok(readFileSync(`/proc/${lab.pid}/environ`, "utf8").includes(canary));
    const clients = createClients({ endpoint, region: LAB_REGION, credentials: DEFAULT_KEY, maxAttempts: 1 });
    try {
      const reader = `const fs = require("node:fs");
const read = (path) => { try { return fs.readFileSync(path, "latin1"); } catch (error) { return "unreadable: " + error.code; } };
exports.handler = async () => {
  const everyProcess = {};
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\\d+$/.test(name))) everyProcess[pid] = read("/proc/" + pid + "/environ");
  return { self: read("/proc/self/environ"), parent: read("/proc/" + process.ppid + "/environ"), env: JSON.stringify(process.env), everyProcess };
};
`;
      await deployFunction(clients.lambda, "EnvironReader", { "index.js": reader });
      const answer = await invokeFunction(clients.lambda, "EnvironReader");
      assert.is(answer.functionError, undefined);
      assert.ok(answer.body.self.includes("AWS_LAMBDA_FUNCTION_NAME=EnvironReader"), "the function read its own environment");
      assert.ok(answer.body.self.includes("AWS_SECRET_ACCESS_KEY="), "and the role's credentials, as on Lambda");
      assert.not.ok(JSON.stringify(answer.body).includes(canary), "a secret of the lab's environment reached the function");
    } finally {
      clients.destroy();
    }
  } finally {
    await stop(lab);
  }
});

sandboxed("one account's function cannot change another's code, its own, or the project's node_modules; the victim still answers as uploaded", async ({ t, hostile }) => {
  const victim = `Victim${randomInt(1e9)}`;
  const original = `exports.handler = async () => "victim";\n`;
  await deployFunction(t.clients.lambda, victim, { "index.js": original });
  assert.is((await invokeFunction(t.clients.lambda, victim)).body, "victim");
  const victimFile = unpackedFile(victim);
  const probeFile = join(ROOT, "node_modules", `.isolation-probe-${randomInt(1e9)}`);
  const attacker = `const fs = require("node:fs");
const evil = 'exports.handler = async () => "attacker";\\n';
const attempt = (what) => { try { what(); return "done"; } catch (error) { return error.code; } };
exports.handler = async (event) => ({
  victim: attempt(() => fs.writeFileSync(event.victimFile, evil)),
  victimDir: attempt(() => fs.readdirSync(event.labRoot)),
  own: attempt(() => fs.writeFileSync(process.env.LAMBDA_TASK_ROOT + "/index.js", evil)),
  nodeModules: attempt(() => fs.writeFileSync(event.probeFile, evil)),
  // Asked, never written: if isolation ever broke, writing here would break every later test's SDK.
  sdk: attempt(() => fs.accessSync(require.resolve("@aws-sdk/client-sts"), fs.constants.W_OK)),
});
`;
  await deployFunction(hostile.lambda, "Attacker", { "index.js": attacker });
  try {
    const labRoot = join(victimFile, "..", "..", "..");
    const answer = await invokeFunction(hostile.lambda, "Attacker", { victimFile, labRoot, probeFile });
    assert.is(answer.functionError, undefined, JSON.stringify(answer.body));
    for (const [target, outcome] of Object.entries(answer.body)) assert.is.not(outcome, "done", `the attacker could change ${target}`);
    assert.is(readFileSync(victimFile, "utf8"), original);
    assert.not.ok(existsSync(probeFile));
    // A new environment of the victim (a new configuration) loads the code as uploaded.
    await t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: victim, Timeout: 4 }));
    assert.is((await invokeFunction(t.clients.lambda, victim)).body, "victim");
  } finally {
    rmSync(probeFile, { force: true });
  }
});

sandboxed("detached grandchildren are gone when the call ends, and when it times out", async ({ hostile }) => {
  await deployFunction(hostile.lambda, "Leaver", { "index.js": SPAWNER }, { Timeout: 30 });
  const ended = marker();
  const answer = await invokeFunction(hostile.lambda, "Leaver", { marker: ended, orphan: true });
  assert.equal(answer.body, { alive: 20 });
  assert.equal(await goneWithin(ended), []);

  await deployFunction(hostile.lambda, "Hanger", { "index.js": SPAWNER }, { Timeout: 5 });
  const timedOut = marker();
  const hung = await invokeFunction(hostile.lambda, "Hanger", { marker: timedOut, orphan: true, hang: true });
  assert.is(hung.body.errorType, "Sandbox.Timedout");
  assert.equal(await goneWithin(timedOut), []);
});

sandboxed("a function signalling its runtime's parent, or every process it may (kill -1), reaches nothing outside its own environment", async ({ t, hostile }) => {
  const killer = `exports.handler = async (event) => { try { process.kill(event.pid === "parent" ? process.ppid : -1, "SIGKILL"); } catch (error) { return error.code; } return "still here"; };\n`;
  const sleeper = `exports.handler = async () => { await new Promise((r) => setTimeout(r, 3000)); return "slept"; };\n`;
  await deployFunction(hostile.lambda, "Killer", { "index.js": killer }, { Timeout: 30 });
  await deployFunction(hostile.lambda, "Sleeper", { "index.js": sleeper }, { Timeout: 60 });
  await deployFunction(t.clients.lambda, "Bystander", { "index.js": ECHO });
  const killing = async () => [await invokeFunction(hostile.lambda, "Killer", { pid: "parent" }), await invokeFunction(hostile.lambda, "Killer", { pid: "all" })];
  const [slept, [parent, all]] = await Promise.all([invokeFunction(hostile.lambda, "Sleeper"), killing()]);
  // bwrap's init (the parent) ignores a SIGKILL from inside its namespace; kill -1 finds no other process there (ESRCH).
  assert.is(parent!.body, "still here", JSON.stringify(parent!.body));
  assert.is(all!.body, "ESRCH", JSON.stringify(all!.body));
  assert.is(slept.body, "slept");
  assert.equal((await invokeFunction(t.clients.lambda, "Bystander", { n: 1 })).body, { echo: { n: 1 } });
});

sandboxed("warm environments are reused across calls: one process, the code loaded once", async ({ hostile }) => {
  const counter = `const loadedAt = process.hrtime.bigint().toString(); let calls = 0;\nexports.handler = async () => ({ loadedAt, calls: ++calls, pid: process.pid });\n`;
  await deployFunction(hostile.lambda, "Counter", { "index.js": counter });
  const answers = [];
  for (let i = 0; i < 5; i++) answers.push((await invokeFunction(hostile.lambda, "Counter")).body);
  assert.equal(answers.map((a) => a.calls), [1, 2, 3, 4, 5]);
  assert.equal(new Set(answers.map((a) => `${a.loadedAt}/${a.pid}`)).size, 1);
});

sandboxed.run();

const unsandboxed = suite<Ctx>("lab isolation without bwrap (AWSOMEPETS_LAB_SANDBOX=none): what still holds");
unsandboxed.before(printingErrors(async (ctx) => {
  const previous = process.env.AWSOMEPETS_LAB_SANDBOX;
  process.env.AWSOMEPETS_LAB_SANDBOX = "none";
  try {
    await setUp(ctx, "none");
  } finally {
    if (previous === undefined) delete process.env.AWSOMEPETS_LAB_SANDBOX;
    else process.env.AWSOMEPETS_LAB_SANDBOX = previous;
  }
}));
unsandboxed.after(async (ctx) => {
  await ctx.t?.close();
});

unsandboxed("a self-kill, 2.5 GB in a 128 MB function and 20 detached children cost only their own calls; the lab's process keeps none of it", async ({ t, hostile }) => {
  await deployFunction(hostile.lambda, "SelfKill", { "index.js": SELF_KILL });
  await deployFunction(hostile.lambda, "Hog", { "index.js": HOG }, { MemorySize: 128, Timeout: 120 });
  await deployFunction(hostile.lambda, "Spawner", { "index.js": SPAWNER }, { Timeout: 60 });
  await deployFunction(t.clients.lambda, "Bystander", { "index.js": ECHO });
  const rssBefore = process.memoryUsage.rss();
  const sleepMarker = marker();
  const [selfKill, hog, spawner] = await Promise.all([
    invokeFunction(hostile.lambda, "SelfKill"),
    invokeFunction(hostile.lambda, "Hog"),
    invokeFunction(hostile.lambda, "Spawner", { marker: sleepMarker }),
  ]);
  assert.match(selfKill.body.errorMessage, /Runtime exited with error: signal: terminated$/);
  assert.match(hog.body.errorMessage, /Runtime exited with error: signal: (killed|aborted)$/);
  assert.equal(spawner.body, { alive: 20 });
  assert.ok(process.memoryUsage.rss() - rssBefore < 1024 * MIB);
  assert.equal(await goneWithin(sleepMarker), []);
  assert.equal((await invokeFunction(t.clients.lambda, "Bystander", { n: 2 })).body, { echo: { n: 2 } });
});

unsandboxed("a package changed on disk is unpacked again before the function's next environment starts", async ({ t }) => {
  const name = `Checked${randomInt(1e9)}`;
  const original = `exports.handler = async () => "as uploaded";\n`;
  await deployFunction(t.clients.lambda, name, { "index.js": original });
  assert.is((await invokeFunction(t.clients.lambda, name)).body, "as uploaded");
  const file = unpackedFile(name);
  writeFileSync(file, `exports.handler = async () => "rewritten";\n`);
  await t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 4 }));
  assert.is((await invokeFunction(t.clients.lambda, name)).body, "as uploaded");
  assert.is(readFileSync(file, "utf8"), original);
});

unsandboxed.run();

/** Where this process's labs unpacked function `name`'s index.js (packages.ts: <tmp>/awsomepets-lab-*\/functions/<account>-<region>-<name>-<digest>). */
function unpackedFile(name: string): string {
  const found: string[] = [];
  for (const root of readdirSync(tmpdir()).filter((entry) => entry.startsWith("awsomepets-lab-"))) {
    const functions = join(tmpdir(), root, "functions");
    if (!existsSync(functions)) continue;
    for (const dir of readdirSync(functions).filter((entry) => entry.includes(`-${name}-`))) found.push(join(functions, dir, "index.js"));
  }
  assert.is(found.length, 1, `unpacked copies of ${name}: ${found.join(", ")}`);
  return found[0]!;
}

/** Ctrl-C, as the lab's printout says; SIGKILL (by this child's pid) only if it does not stop within a generous bound. */
async function stop(lab: ChildProcess): Promise<void> {
  if (lab.exitCode !== null || lab.signalCode !== null) return;
  const exited = new Promise((resolve) => lab.once("exit", resolve));
  lab.kill("SIGINT");
  const timer = setTimeout(() => lab.kill("SIGKILL"), 60_000);
  await exited;
  clearTimeout(timer);
}

/** The lab's printout names its endpoint once it is ready (src/cli/lab.ts); a generous bound for a busy machine. */
async function printedEndpoint(lab: ChildProcess): Promise<string> {
  let stdout = "";
  let stderr = "";
  lab.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  lab.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return eventually(
    async () => {
      if (lab.exitCode !== null) throw new Error(`the lab exited (${lab.exitCode})\n${stdout}\n${stderr}`);
      return /export AWS_ENDPOINT_URL=(\S+)/.exec(stdout)?.[1];
    },
    180_000,
    100,
  );
}
