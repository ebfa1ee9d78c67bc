// npm run bench: how fast and how frugal a full check is, against the lab with 40 ms injected per
// control-plane call (the checker's benchmark). Prints wall time, AWS calls and sequential round trips of a
// check without and with the live probe, and the CLI's time from start to first output. Then the CPU of one
// `check --no-live` process against the same check done by hand with the AWS CLI (bench/start-cpu.ts).
import "../src/cli/quiet-sdk.js";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createClients, type AwsClients } from "../src/aws/clients.js";
import { checkAccount } from "../src/check.js";
import { createLab, DEFAULT_KEY, LAB_REGION } from "../src/lab/index.js";
import { buildScenario } from "../src/scenarios/catalogue.js";
import { CPU_TARGET, measureStartCpu, unlessRebuilt, type StartCpu } from "./start-cpu.js";

const LATENCY_MS = 40;
const RUNS = 5;

interface Call {
  service: string;
  operation: string;
  start: number;
  end: number;
}

type Handler = (args: unknown) => Promise<unknown>;
/** The part of the SDK's middleware stack used here, the same for every client. */
interface Stack {
  add(middleware: (next: Handler, context: { commandName?: string }) => Handler, options: { step: "finalizeRequest"; name: string }): void;
}

/** Records every request the clients send (retries included), with when it started and ended. */
function instrument(clients: AwsClients, calls: Call[]): void {
  for (const [service, client] of Object.entries({ apigw: clients.apigw, lambda: clients.lambda, sts: clients.sts, dynamodb: clients.dynamodb })) {
    (client.middlewareStack as unknown as Stack).add(
      (next, context) => async (args) => {
        const call = { service, operation: String(context.commandName ?? "?").replace(/Command$/, ""), start: performance.now(), end: 0 };
        try {
          return await next(args);
        } finally {
          call.end = performance.now();
          calls.push(call);
        }
      },
      { step: "finalizeRequest", name: "benchCallRecorder" },
    );
  }
}

/** The longest chain of calls each of which started after the previous one ended: the sequential round trips. */
function roundTrips(calls: Call[]): number {
  const sorted = [...calls].sort((a, b) => a.end - b.end);
  const depth = new Map<Call, number>();
  for (const call of sorted) {
    const before = sorted.filter((other) => other.end <= call.start + 0.5);
    depth.set(call, 1 + Math.max(0, ...before.map((other) => depth.get(other) ?? 0)));
  }
  return Math.max(0, ...depth.values());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measureCheck(endpoint: string, live: boolean) {
  const walls: number[] = [];
  let last: Call[] = [];
  for (let i = 0; i < RUNS; i++) {
    const calls: Call[] = [];
    const clients = createClients({ endpoint, region: LAB_REGION, credentials: DEFAULT_KEY });
    instrument(clients, calls);
    const started = performance.now();
    const run = await checkAccount({ step: "all", lang: "en", live, clientSettings: { region: LAB_REGION }, clients });
    walls.push(performance.now() - started);
    clients.destroy();
    if (run.fatal || run.report.summary.failed > 0) throw new Error(`the solved lab did not pass: ${run.fatal ?? JSON.stringify(run.report.summary)}`);
    last = calls;
  }
  const control = last.filter((call) => call.service !== "dynamodb");
  return { wallMs: median(walls), calls: last.length, controlCalls: control.length, controlRoundTrips: roundTrips(control) };
}

/** Time from spawning the CLI as `npm run check` does (scripts/cli.mjs) to its first byte of output, median of RUNS. */
async function firstOutput(): Promise<number> {
  const cli = fileURLToPath(new URL("../scripts/cli.mjs", import.meta.url));
  // Build the bundle first, as `npm run check` does on its first run, so every timed run is a warm one.
  await new Promise<void>((resolve, reject) => spawn(process.execPath, [cli, "--build"], { stdio: "inherit" }).once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`)))));
  const times: number[] = [];
  // A run that rebuilt the bundle first (a source edited meanwhile) is not a warm start: it is run again.
  const rebuilt = { count: 0 };
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, [cli, "check", "--lab", "--no-live", "--format", "json", "--lang", "en"], { stdio: ["ignore", "pipe", "pipe"] });
      let firstMs: number | undefined;
      const first = () => (firstMs ??= performance.now() - started);
      child.stdout.once("data", first);
      child.stderr.once("data", first);
      child.stdout.resume();
      child.stderr.resume();
      child.once("error", reject);
      // Resolved when the run ends, not at its first byte: a run still going would slow the next one down.
      child.once("exit", () => (firstMs === undefined ? reject(new Error("the CLI printed nothing")) : resolve(firstMs)));
    });
  for (let i = 0; i < RUNS; i++) times.push(await unlessRebuilt(once, rebuilt));
  return median(times);
}

async function main(): Promise<void> {
  const lab = await createLab({ faults: { latencyMs: LATENCY_MS } });
  try {
    await buildScenario({ endpoint: lab.endpoint, region: LAB_REGION, credentials: DEFAULT_KEY }, "solved");
    const withoutProbe = await measureCheck(lab.endpoint, false);
    const withProbe = await measureCheck(lab.endpoint, true);
    const cliFirstOutputMs = await firstOutput();
    const rows = [
      ["check without probe", `${withoutProbe.wallMs.toFixed(0)} ms`, `${withoutProbe.calls} calls (${withoutProbe.controlCalls} control plane, ${withoutProbe.controlRoundTrips} sequential round trips)`],
      ["check with probe", `${withProbe.wallMs.toFixed(0)} ms`, `${withProbe.calls} calls (${withProbe.controlCalls} control plane, ${withProbe.controlRoundTrips} sequential round trips)`],
      ["CLI start to first output", `${cliFirstOutputMs.toFixed(0)} ms`, "median"],
    ];
    process.stdout.write(`lab latency ${LATENCY_MS} ms per control-plane call, median of ${RUNS} runs\n`);
    for (const row of rows) process.stdout.write(`${row[0]!.padEnd(28)} ${row[1]!.padStart(8)}  ${row[2]}\n`);
  } finally {
    await lab.close();
  }
  printStartCpu(await measureStartCpu());
}

function printStartCpu(cpu: StartCpu): void {
  const out = (label: string, value: string, note: string) => process.stdout.write(`${label.padEnd(28)} ${value.padStart(8)}  ${note}\n`);
  process.stdout.write(`\nCPU (user + sys) of one process, against a solved lab in a process of its own\n`);
  out("check --no-live CPU", `${cpu.checkCpuS.toFixed(2)} s`, `median of ${cpu.checkRuns} runs of node scripts/cli.mjs check --no-live --endpoint …`);
  out("check --no-live to output", `${cpu.checkFirstOutputMs.toFixed(0)} ms`, "median, spawn to first byte (the report: stdout is a pipe)");
  out("node -e 0 CPU", `${cpu.nodeCpuS.toFixed(2)} s`, `node itself on this machine now (load average ${cpu.load[0].toFixed(1)} → ${cpu.load[1].toFixed(1)})`);
  if (cpu.rebuiltRuns > 0) out("runs not counted", String(cpu.rebuiltRuns), "a source changed and the bundle was rebuilt first; run again");
  const cpuMet = cpu.checkCpuS <= CPU_TARGET.checkCpuS;
  if (cpu.manualCpuS === undefined) {
    out("manual check CPU", "-", `not measured: ${cpu.manualMissing}`);
    process.stdout.write(`targets: check CPU <= ${CPU_TARGET.checkCpuS} s ${cpuMet ? "met" : "NOT met"}; >= ${CPU_TARGET.timesFaster}x faster than by hand: unknown\n`);
    return;
  }
  const ratio = cpu.manualCpuS / cpu.checkCpuS;
  out("manual check CPU", `${cpu.manualCpuS.toFixed(2)} s`, `median of ${cpu.manualRounds} rounds of ${cpu.manualCalls.length} ${cpu.awsCli} processes:`);
  process.stdout.write(`${" ".repeat(40)}${cpu.manualCalls.join(", ")}\n`);
  out("check vs manual", `${ratio.toFixed(0)}x`, "less CPU");
  const ratioMet = ratio >= CPU_TARGET.timesFaster;
  process.stdout.write(
    `targets: check CPU <= ${CPU_TARGET.checkCpuS} s ${cpuMet ? "met" : "NOT met"}; >= ${CPU_TARGET.timesFaster}x less CPU than by hand ${ratioMet ? "met" : "NOT met"}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
