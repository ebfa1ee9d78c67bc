// npm run bench (target: at most 0.4 s CPU, at least 20x faster than the manual check): the CPU one `check --no-live` costs, against the same account checked by hand with
// the AWS CLI. Both run as child processes against a lab in a third process (`npm run lab`), so the lab's own
// CPU is in neither number. CPU is user + system time of the measured process, as its parent shell's `times`
// reports it for its children (POSIX), the same way for node and for aws.
import { spawn, type ChildProcess } from "node:child_process";
import { statSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { GetApisCommand, GetRoutesCommand } from "@aws-sdk/client-apigatewayv2";
import { createClients } from "../src/aws/clients.js";
import { DEFAULT_KEY, LAB_REGION } from "../src/lab/index.js";
import { TABLE_NAME } from "../src/workshop/callback-table.js";
import { API_NAME, FUNCTION_NAMES } from "../src/workshop/names.js";
import { awsCliEnv, findAwsCliV2, type AwsCli } from "./lib/aws-cli.js";
import { runProcess } from "./lib/process.js";

const CLI = fileURLToPath(new URL("../scripts/cli.mjs", import.meta.url));
const BUNDLE = fileURLToPath(new URL("../dist/check.mjs", import.meta.url));
/** How many times a run is tried again because the bundle was rebuilt meanwhile, before the bench gives up. */
const REBUILD_RETRIES = 10;
/** Rounds of one manual check (11 aws processes) and CHECKS_PER_ROUND checks, interleaved so both see the same machine load. */
const ROUNDS = 5;
const CHECKS_PER_ROUND = 3;
export const CPU_TARGET = { checkCpuS: 0.4, timesFaster: 20 };
/** Generous: a busy 2-core machine is slow, and a bench that hangs says nothing. */
const PROCESS_TIMEOUT_MS = 120_000;

export interface StartCpu {
  /** Median CPU seconds of one `check --no-live` process. */
  checkCpuS: number;
  /** Median milliseconds from spawning that process to its first byte of output (the report, as stdout is a pipe). */
  checkFirstOutputMs: number;
  checkRuns: number;
  /** Runs not counted because a source changed and the command rebuilt its bundle first (not a warm start). */
  rebuiltRuns: number;
  /** Median CPU seconds of `node -e 0` measured the same way: what this machine, this loaded, charges for node itself. */
  nodeCpuS: number;
  /** The machine's 1-minute load average at the start and at the end. */
  load: [number, number];
  /** Median CPU seconds of the 11 `aws` processes of one manual check; undefined without an AWS CLI v2. */
  manualCpuS?: number;
  manualRounds: number;
  manualCalls: string[];
  awsCli?: string;
  /** Why the manual check was not measured. */
  manualMissing?: string;
}

/**
 * What a participant runs to verify the step by hand, one call per thing the check reads: who am I, the API,
 * its routes, their integrations, the $default route's route responses, the stage, the deployments, the
 * functions, each function's resource policy ($disconnect's and $default's), and the callback table.
 */
function manualCalls(apiId: string, defaultRouteId: string): string[][] {
  return [
    ["sts", "get-caller-identity"],
    ["apigatewayv2", "get-apis"],
    ["apigatewayv2", "get-routes", "--api-id", apiId],
    ["apigatewayv2", "get-integrations", "--api-id", apiId],
    ["apigatewayv2", "get-route-responses", "--api-id", apiId, "--route-id", defaultRouteId],
    ["apigatewayv2", "get-stages", "--api-id", apiId],
    ["apigatewayv2", "get-deployments", "--api-id", apiId],
    ["lambda", "list-functions"],
    ["lambda", "get-policy", "--function-name", FUNCTION_NAMES.disconnect],
    ["lambda", "get-policy", "--function-name", FUNCTION_NAMES.pending],
    ["dynamodb", "describe-table", "--table-name", TABLE_NAME],
  ];
}

interface Timed {
  cpuS: number;
  firstOutputMs: number;
  code: number;
  output: string;
}

/**
 * Runs `command args` under `sh`, whose `times` (on stderr, last) gives its children's user and system time:
 * the command's CPU, counted by the kernel, whatever language the command is written in.
 */
async function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  const started = performance.now();
  let firstOutputMs = Number.NaN;
  const child = spawn("/bin/sh", ["-c", '"$@"; status=$?; times >&2; exit $status', "sh", command, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const first = () => (firstOutputMs = Number.isNaN(firstOutputMs) ? performance.now() - started : firstOutputMs);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (first(), (stdout += chunk)));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (first(), (stderr += chunk)));
  const code = await exitCode(child, `${command} ${args.join(" ")}`);
  // dash prints "0m1.230000s 0m0.120000s", bash "0m1.230s 0m0.120s"; the children's line is the last.
  const times = [...stderr.matchAll(/(\d+)m([\d.]+)s/g)].map((match) => Number(match[1]) * 60 + Number(match[2]));
  if (times.length < 4) throw new Error(`no CPU times from sh for ${command}: ${stderr}`);
  return { cpuS: times.at(-2)! + times.at(-1)!, firstOutputMs, code, output: `${stdout}${stderr}` };
}

function exitCode(child: ChildProcess, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (child.kill("SIGKILL"), reject(new Error(`${what} did not finish within ${PROCESS_TIMEOUT_MS} ms`))), PROCESS_TIMEOUT_MS);
    child.once("error", (error) => (clearTimeout(timer), reject(error)));
    child.once("close", (code) => (clearTimeout(timer), resolve(code ?? 1)));
  });
}

/** `npm run lab -- --port 0 --state solved` in a process of its own; resolves with its endpoint once it is ready. */
async function startLab(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const lab = spawn(process.execPath, [CLI, "lab", "--port", "0", "--state", "solved", "--lang", "en"], { stdio: ["ignore", "pipe", "inherit"] });
  const stop = async () => {
    if (lab.exitCode !== null || lab.signalCode !== null) return;
    const exited = new Promise((resolve) => lab.once("exit", resolve));
    lab.kill("SIGTERM");
    await exited;
  };
  const endpoint = await new Promise<string>((resolve, reject) => {
    let printed = "";
    lab.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      printed += chunk;
      // The one line of its usage that is the same in every language.
      const match = /export AWS_ENDPOINT_URL=(\S+)/.exec(printed);
      if (match) resolve(match[1]!);
    });
    lab.once("exit", (code) => reject(new Error(`the lab exited (${code}) before it was ready:\n${printed}`)));
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { endpoint, stop };
}

/** The ids a participant reads from get-apis and get-routes before the calls that need them. */
async function workshopIds(endpoint: string): Promise<{ apiId: string; defaultRouteId: string }> {
  const clients = createClients({ endpoint, region: LAB_REGION, credentials: DEFAULT_KEY });
  try {
    const apis = await clients.apigw.send(new GetApisCommand({}));
    const apiId = apis.Items?.find((api) => api.Name === API_NAME)?.ApiId;
    if (!apiId) throw new Error(`the lab has no ${API_NAME}`);
    const routes = await clients.apigw.send(new GetRoutesCommand({ ApiId: apiId }));
    const defaultRouteId = routes.Items?.find((route) => route.RouteKey === "$default")?.RouteId;
    if (!defaultRouteId) throw new Error(`${API_NAME} has no $default route`);
    return { apiId, defaultRouteId };
  } finally {
    clients.destroy();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The CLI to time, or why there is none (the rest of the bench still runs). */
async function awsCli(): Promise<AwsCli | string> {
  return findAwsCliV2().catch((error: Error) => error.message.split("\n")[0]!);
}

/**
 * Runs `run` until it ran without the bundle being rebuilt meanwhile (scripts/cli.mjs rebuilds it when a source
 * is newer: someone editing the tree while the bench runs), so that every counted run is a warm start.
 */
export async function unlessRebuilt<T>(run: () => Promise<T>, rebuilt: { count: number }): Promise<T> {
  for (let attempt = 0; attempt <= REBUILD_RETRIES; attempt++) {
    const before = statSync(BUNDLE).mtimeMs;
    const result = await run();
    if (statSync(BUNDLE).mtimeMs === before) return result;
    rebuilt.count++;
  }
  throw new Error(`the bundle was rebuilt during ${REBUILD_RETRIES + 1} runs in a row: are sources being edited?`);
}

export async function measureStartCpu(): Promise<StartCpu> {
  const loadBefore = loadavg()[0]!;
  // Built first, as `npm run check` finds it after its first run: every timed run is a warm one.
  const build = await runProcess(process.execPath, [CLI, "--build"], { env: process.env, timeoutMs: PROCESS_TIMEOUT_MS });
  if (build.code !== 0) throw new Error(`build failed (${build.code}): ${build.stderr}`);
  const lab = await startLab();
  try {
    const ids = await workshopIds(lab.endpoint);
    const env = awsCliEnv();
    const calls = manualCalls(ids.apiId, ids.defaultRouteId);
    const cli = await awsCli();
    const checks: Timed[] = [];
    const manual: number[] = [];
    const node: number[] = [];
    const rebuilt = { count: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < CHECKS_PER_ROUND; i++) checks.push(await unlessRebuilt(() => timedCheck(lab.endpoint, env), rebuilt));
      node.push((await timed(process.execPath, ["-e", "0"], env)).cpuS);
      if (typeof cli !== "string") manual.push(await timedManualCheck(cli, calls, lab.endpoint, env));
    }
    return {
      checkCpuS: median(checks.map((run) => run.cpuS)),
      checkFirstOutputMs: median(checks.map((run) => run.firstOutputMs)),
      checkRuns: checks.length,
      rebuiltRuns: rebuilt.count,
      nodeCpuS: median(node),
      load: [loadBefore, loadavg()[0]!],
      manualCpuS: manual.length > 0 ? median(manual) : undefined,
      manualRounds: manual.length,
      manualCalls: calls.map((call) => `aws ${call.slice(0, 2).join(" ")}`),
      awsCli: typeof cli === "string" ? undefined : cli.version,
      manualMissing: typeof cli === "string" ? cli : undefined,
    };
  } finally {
    await lab.stop();
  }
}

/** One `npm run check -- --no-live` as a participant runs it, against the lab's endpoint; it must pass. */
async function timedCheck(endpoint: string, env: NodeJS.ProcessEnv): Promise<Timed> {
  const run = await timed(process.execPath, [CLI, "check", "--no-live", "--endpoint", endpoint, "--region", LAB_REGION, "--lang", "en"], env);
  if (run.code !== 0) throw new Error(`check --no-live did not pass the solved lab (exit ${run.code}):\n${run.output}`);
  return run;
}

/** The 11 aws processes of one manual check, in sequence as a participant types them; their CPU seconds summed. */
async function timedManualCheck(cli: AwsCli, calls: string[][], endpoint: string, env: NodeJS.ProcessEnv): Promise<number> {
  let cpuS = 0;
  for (const call of calls) {
    const run = await timed(cli.path, [...call, "--endpoint-url", endpoint, "--region", LAB_REGION], env);
    if (run.code !== 0) throw new Error(`aws ${call.join(" ")} failed (exit ${run.code}):\n${run.output}`);
    cpuS += run.cpuS;
  }
  return cpuS;
}
