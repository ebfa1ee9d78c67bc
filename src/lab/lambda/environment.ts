// One execution environment: a child process running bootstrap.mjs for one code version and configuration,
// never code in the lab's own process (a hostile function must cost only its own call: test/lab/isolation.test.ts). It loads the function's code once (the init phase) and
// then runs one invocation at a time, over the child's IPC channel; a function that throws, times out,
// exits, kills itself or outgrows its MemorySize gives a function error, as Lambda reports it, and ends the
// environment where Lambda would end it: that costs its own call, nothing else. The child sees its own
// environment variables only (spawned with exactly them), runs in bwrap's view where there is one
// (sandbox.ts), and leads a process group of its own, so every process it starts can be found and ended
// (process-watch.ts). Nothing of the function reaches the lab's stdout: its console output and what it
// writes to stdout or stderr is the invocation's log (environment-log.ts).
//
// Sources cited in this file:
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
import { spawn, type ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import type { InvokeOutcome } from "../context.js";
import type { LogEventInput } from "../log-sink.js";
import { EnvironmentLog } from "./environment-log.js";
import { errorOf, exitedWithoutReason, runtimeExited, signalNumbered, timedOut, type ErrorPayload } from "./function-errors.js";
import { ProcessWatch } from "./process-watch.js";
import type { Launch, Sandbox } from "./sandbox.js";

export interface EnvironmentSpec {
  /** The unpacked code on the host (the function sees it at env.LAMBDA_TASK_ROOT). */
  codeDir: string;
  handler: string;
  functionName: string;
  memorySize: number;
  timeoutSeconds: number;
  /** EphemeralStorage.Size, in MB: the size of the function's /tmp. */
  ephemeralStorageMb: number;
  /** The whole environment of the function's process (its variables plus the ones Lambda sets). */
  env: Record<string, string>;
  sandbox: Sandbox;
  /** The project's node_modules, where the function's `@aws-sdk/...` resolves. */
  nodeModules: string;
  /** The environment's log stream (CloudWatch Logs); absent, the log is only tailed on Invoke. */
  writeLog?: (events: LogEventInput[]) => void;
}

type ChildMessage =
  | { type: "log"; text: string }
  | { type: "init"; ok: true; ms: number }
  | { type: "init"; ok: false; error: ErrorPayload }
  | { type: "done"; id: string; payload?: string; error?: ErrorPayload; rss: number }
  | { type: "crash"; error: ErrorPayload };

type InitOutcome = { ok: true; ms: number } | { ok: false; error: ErrorPayload };
type Settled = { payload: string } | { error: ErrorPayload; status?: string };

/** Lambda's init phase may take 10 s before it is cut short [Lambda guide, "Lambda execution environment lifecycle"]. */
const INIT_LIMIT_MS = 10_000;
/** Invoke's synchronous response limit: 6 MB (Lambda quotas); the error is the one Lambda returns. */
const MAX_RESPONSE_BYTES = 6_291_556;
/** The lab keeps /tmp in memory (a tmpfs), so it gives no function more than Lambda's default 512 MB. */
const MAX_TMP_MB = 512;
const MIB = 1024 * 1024;

/** Every environment still running: a lab process that ends without closing its lab still ends them. */
const running = new Set<ExecutionEnvironment>();
process.once("exit", () => {
  for (const environment of running) environment.kill();
});

export class ExecutionEnvironment {
  private readonly child: ChildProcess;
  private readonly launch: Launch;
  private readonly watch?: ProcessWatch;
  private readonly log: EnvironmentLog;
  private readonly init: Promise<InitOutcome>;
  private readonly exited: Promise<void>;
  private resolveInit?: (outcome: InitOutcome) => void;
  private settle?: (outcome: Settled) => void;
  /** Callers waiting on this environment (a call, the end): while there are any, its process keeps the lab's alive. */
  private holds = 0;
  private coldStart = true;
  private reportedRss = 0;
  private alive = true;
  private requestId = "";

  constructor(private readonly spec: EnvironmentSpec) {
    this.log = new EnvironmentLog(spec.writeLog);
    this.launch = spec.sandbox.launch({
      codeDir: spec.codeDir,
      nodeModules: spec.nodeModules,
      nodeArgs: heapFlags(spec.memorySize),
      tmpBytes: Math.min(spec.ephemeralStorageMb, MAX_TMP_MB) * MIB,
    });
    this.child = spawn(this.launch.command, this.launch.args, {
      cwd: this.launch.cwd,
      env: spec.env,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      // The leader of a process group of its own: the lab ends the whole group, and the function's
      // signals to its own group (kill(0)) stay in it.
      detached: true,
      serialization: "json",
    });
    running.add(this);
    this.exited = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => resolve(this.onExit(code, signal)));
      this.child.once("error", (error) => resolve(this.fail(errorOf(error))));
    });
    if (this.child.pid !== undefined) {
      const limitBytes = spec.memorySize * MIB;
      this.watch = new ProcessWatch({ root: this.child.pid, runtimeDepth: this.launch.runtimeDepth, limitBytes, onExceeded: () => this.outOfMemory() });
    }
    this.init = this.initPhase();
    this.listen();
  }

  get usable(): boolean {
    return this.alive;
  }

  /** The init phase ends with the child's "init" message, or after INIT_LIMIT_MS. */
  private initPhase(): Promise<InitOutcome> {
    const init = new Promise<InitOutcome>((resolve) => (this.resolveInit = resolve));
    const timer = setTimeout(() => this.fail(timedOut(INIT_LIMIT_MS / 1000)), INIT_LIMIT_MS);
    timer.unref();
    void init.then(() => {
      clearTimeout(timer);
      this.watch?.idle();
    });
    return init;
  }

  private listen(): void {
    this.child.on("message", (message: unknown) => this.onMessage(message));
    this.child.stdout!.on("data", (chunk: Buffer) => this.log.output(chunk.toString("utf8")));
    this.child.stderr!.on("data", (chunk: Buffer) => this.log.output(chunk.toString("utf8")));
    // An idle environment keeps no lab process alive (the lab's idle reaping ends it in time).
    this.child.unref();
    this.child.channel?.unref();
    for (const stream of [this.child.stdout, this.child.stderr]) (stream as Socket).unref();
  }

  async invoke(event: string, requestId: string, invokedFunctionArn: string): Promise<InvokeOutcome> {
    this.hold();
    try {
      return await this.call(event, requestId, invokedFunctionArn);
    } finally {
      this.release();
    }
  }

  private async call(event: string, requestId: string, invokedFunctionArn: string): Promise<InvokeOutcome> {
    const init = await this.init;
    const coldStart = this.coldStart;
    this.coldStart = false;
    this.requestId = requestId;
    this.log.event(`START RequestId: ${requestId} Version: $LATEST\n`);
    this.watch?.callStarted();
    const started = performance.now();
    const settled = init.ok ? await this.run(event, requestId, invokedFunctionArn) : { error: init.error, status: "error" };
    if (!init.ok) void this.terminate();
    const duration = performance.now() - started;
    // The call is over: what the function started and left running ends with it.
    const memoryBytes = Math.max(this.watch?.callEnded() ?? 0, this.reportedRss);
    this.log.flushOutput();
    this.log.event(`END RequestId: ${requestId}\n`);
    this.log.event(reportLine(requestId, duration, this.spec.memorySize, memoryBytes, coldStart && init.ok ? init.ms : undefined, settled));
    return this.outcome(settled);
  }

  /** Ends the environment; an invocation still running gets a function error, never a hang. */
  async terminate(): Promise<void> {
    this.fail(exitedWithoutReason(this.requestId));
    this.hold();
    try {
      await this.exited;
    } finally {
      this.release();
    }
  }

  /** Whoever waits for a call or the end keeps the lab's process alive until it comes; an idle environment does not. */
  private hold(): void {
    if (this.holds++ === 0) this.child.ref();
  }

  private release(): void {
    if (--this.holds === 0) this.child.unref();
  }

  /** Ends every process of the environment at once (the lab's process is exiting). */
  kill(): void {
    this.watch?.endAll();
    running.delete(this);
  }

  private run(event: string, requestId: string, invokedFunctionArn: string): Promise<Settled> {
    // Ended while idle (an error thrown from a timer, say): Lambda would have replaced it already.
    if (!this.alive) return Promise.resolve({ error: exitedWithoutReason(requestId), status: "error" });
    return new Promise((resolve) => {
      const timeoutMs = this.spec.timeoutSeconds * 1000;
      const timer = setTimeout(() => {
        this.log.event(`${new Date().toISOString()} ${requestId} Task timed out after ${this.spec.timeoutSeconds.toFixed(2)} seconds\n`);
        this.fail(timedOut(this.spec.timeoutSeconds, requestId));
      }, timeoutMs);
      this.settle = (outcome) => {
        clearTimeout(timer);
        this.settle = undefined;
        resolve(outcome);
      };
      this.send({ type: "invoke", id: requestId, event, deadline: Date.now() + timeoutMs, invokedFunctionArn });
    });
  }

  /** A message the child may not get (it has just ended) is the exit's to report, not an error of the lab. */
  private send(message: object): void {
    if (!this.child.connected) return;
    this.child.send(message, (error) => error && this.fail(errorOf(error)));
  }

  /** What the child says is untrusted (the function's code shares its process): only well-formed messages count. */
  private onMessage(raw: unknown): void {
    const message = childMessage(raw);
    if (!message) return;
    if (message.type === "log") this.log.event(message.text);
    else if (message.type === "init") this.resolveInit?.(message.ok ? { ok: true, ms: message.ms } : { ok: false, error: message.error });
    else if (message.type === "crash") this.fail(message.error);
    else if (message.id === this.requestId) {
      this.reportedRss = message.rss;
      this.settle?.(message.error ? { error: message.error } : { payload: message.payload ?? "null" });
    }
  }

  /** The environment cannot go on: report the error to whoever waits, and end its processes. */
  private fail(error: ErrorPayload, status = error.errorType === "Sandbox.Timedout" ? "timeout" : "error"): void {
    if (!this.alive) return;
    this.alive = false;
    if (this.settle && error.errorType === "Runtime.ExitError") this.log.event(`${error.errorMessage}\n${error.errorType}\n`);
    this.resolveInit?.({ ok: false, error });
    this.settle?.({ error, status });
    this.kill();
  }

  /** Past MemorySize, Lambda kills the runtime: "signal: killed" (function-errors.ts). */
  private outOfMemory(): void {
    this.fail(runtimeExited(this.requestId, null, "SIGKILL"));
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    // bwrap ends with 128 + n when its child was killed by signal n (so does a process.exit(128 + n): the lab cannot tell them apart).
    const bySignal = signal ?? (this.launch.signalInStatus && code !== null && code > 128 ? signalNumbered(code - 128) : undefined);
    this.fail(runtimeExited(this.requestId, bySignal ? null : code, bySignal ?? null));
    running.delete(this);
  }

  private outcome(settled: Settled): InvokeOutcome {
    const logTail = this.log.takeTail();
    if ("error" in settled) return { payload: Buffer.from(JSON.stringify(settled.error)), functionError: "Unhandled", executedVersion: "$LATEST", logTail };
    const payload = Buffer.from(settled.payload, "utf8");
    if (payload.length > MAX_RESPONSE_BYTES) {
      const error = {
        errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
        errorType: "Function.ResponseSizeTooLarge",
      };
      return { payload: Buffer.from(JSON.stringify(error)), functionError: "Unhandled", executedVersion: "$LATEST", logTail };
    }
    return { payload, executedVersion: "$LATEST", logTail };
  }
}

/**
 * Node's heap sized from MemorySize as Lambda's Node.js bootstrap sizes it: old space 90 %, semi-space 5 %
 * (lambci's copy of Lambda's nodejs bootstrap, github.com/lambci/node-custom-lambda, UNCONFIRMED for
 * today's runtimes). The memory watch still ends the process past MemorySize, whatever the heap holds.
 */
function heapFlags(memorySize: number): string[] {
  return [`--max-old-space-size=${Math.floor(memorySize * 0.9)}`, `--max-semi-space-size=${Math.max(1, Math.floor(memorySize * 0.05))}`];
}

function childMessage(raw: unknown): ChildMessage | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const message = raw as Record<string, unknown>;
  switch (message.type) {
    case "log":
      return typeof message.text === "string" ? { type: "log", text: message.text } : undefined;
    case "init":
      if (message.ok === true) return { type: "init", ok: true, ms: Number(message.ms) || 0 };
      return { type: "init", ok: false, error: errorPayload(message.error) };
    case "crash":
      return { type: "crash", error: errorPayload(message.error) };
    case "done":
      if (typeof message.id !== "string") return undefined;
      return {
        type: "done",
        id: message.id,
        payload: typeof message.payload === "string" ? message.payload : undefined,
        error: message.error === undefined ? undefined : errorPayload(message.error),
        rss: Number(message.rss) || 0,
      };
    default:
      return undefined;
  }
}

function errorPayload(raw: unknown): ErrorPayload {
  const error = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const payload: ErrorPayload = { errorType: String(error.errorType ?? "Error"), errorMessage: String(error.errorMessage ?? "") };
  if (Array.isArray(error.trace)) payload.trace = error.trace.map(String);
  return payload;
}

function reportLine(requestId: string, duration: number, memorySize: number, memoryBytes: number, initMs: number | undefined, settled: Settled): string {
  const fields = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${duration.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(duration))} ms`,
    `Memory Size: ${memorySize} MB`,
    `Max Memory Used: ${Math.max(1, Math.ceil(memoryBytes / MIB))} MB`,
  ];
  if (initMs !== undefined) fields.push(`Init Duration: ${initMs.toFixed(2)} ms`);
  if ("error" in settled && settled.status) fields.push(`Status: ${settled.status}`);
  return `${fields.join("\t")}\t\n`;
}
