// One execution environment: a worker thread running bootstrap.mjs for one code version and configuration.
// It loads the function's code once (the init phase) and then runs one invocation at a time; a function
// that throws, times out or cannot load gives a function error, as Lambda reports it, and ends the
// environment where Lambda would end it. Nothing of the function reaches the lab's stdout: its console
// output is the invocation's log, and goes to the environment's CloudWatch Logs stream (spec.writeLog):
// one event per console call, per START / END / REPORT line, and per line written to stdout or stderr.
import { Worker } from "node:worker_threads";
import type { InvokeOutcome, LogEventInput } from "../context.js";

export interface EnvironmentSpec {
  taskRoot: string;
  handler: string;
  functionName: string;
  memorySize: number;
  timeoutSeconds: number;
  /** The whole process.env of the function (its variables plus the ones Lambda sets). */
  env: Record<string, string>;
  /** The environment's log stream (CloudWatch Logs); absent, the log is only tailed on Invoke. */
  writeLog?: (events: LogEventInput[]) => void;
}

interface ErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

type WorkerMessage =
  | { type: "log"; text: string }
  | { type: "init"; ok: true; ms: number }
  | { type: "init"; ok: false; error: ErrorPayload }
  | { type: "done"; id: string; payload?: string; error?: ErrorPayload; heapUsed: number }
  | { type: "crash"; error: ErrorPayload };

type InitOutcome = { ok: true; ms: number } | { ok: false; error: ErrorPayload };
type Settled = { payload: string } | { error: ErrorPayload; status?: string };

const BOOTSTRAP = new URL("./bootstrap.mjs", import.meta.url);
/** Lambda's init phase may take 10 s before it is cut short [Lambda guide, "Lambda execution environment lifecycle"]. */
const INIT_LIMIT_MS = 10_000;
/** Invoke's synchronous response limit: 6 MB [DOC-lambdaquota]; the error is the one Lambda returns. */
const MAX_RESPONSE_BYTES = 6_291_556;
/** X-Amz-Log-Result carries the last 4 KB of the log [Lambda API reference, Invoke]. */
const LOG_TAIL_BYTES = 4096;
/** Only a tail is ever sent, so an environment that logs while idle keeps no more than this many lines. */
const MAX_LOG_LINES = 1000;
/** A line written to stdout without its newline yet is sent as it is once it grows this long. */
const MAX_PARTIAL_LINE = 256 * 1024;

export class ExecutionEnvironment {
  private readonly worker: Worker;
  private readonly init: Promise<InitOutcome>;
  private resolveInit?: (outcome: InitOutcome) => void;
  private settle?: (outcome: Settled) => void;
  private lines: string[] = [];
  /** What stdout and stderr wrote after their last newline. */
  private partial = "";
  private coldStart = true;
  private heapUsed = 0;
  private alive = true;
  private requestId = "";

  constructor(private readonly spec: EnvironmentSpec) {
    this.worker = new Worker(BOOTSTRAP, {
      workerData: { taskRoot: spec.taskRoot, handler: spec.handler },
      env: spec.env,
      // No loader of the lab's own (tsx) in the function's thread: its code loads as on Lambda.
      execArgv: [],
      argv: [],
      stdout: true,
      stderr: true,
      name: `lambda:${spec.functionName}`,
    });
    this.worker.unref();
    this.init = new Promise((resolve) => (this.resolveInit = resolve));
    const initTimer = setTimeout(() => this.fail(timedOut(INIT_LIMIT_MS / 1000)), INIT_LIMIT_MS);
    initTimer.unref();
    void this.init.then(() => clearTimeout(initTimer));
    this.worker.on("message", (message: WorkerMessage) => this.onMessage(message));
    this.worker.on("error", (error) => this.fail(errorOf(error)));
    this.worker.on("exit", (code) => this.onExit(code));
    this.worker.stdout.on("data", (chunk: Buffer) => this.logOutput(chunk.toString("utf8")));
    this.worker.stderr.on("data", (chunk: Buffer) => this.logOutput(chunk.toString("utf8")));
  }

  get usable(): boolean {
    return this.alive;
  }

  async invoke(event: string, requestId: string, invokedFunctionArn: string): Promise<InvokeOutcome> {
    const init = await this.init;
    const coldStart = this.coldStart;
    this.coldStart = false;
    this.requestId = requestId;
    this.log(`START RequestId: ${requestId} Version: $LATEST\n`);
    const started = performance.now();
    const settled = init.ok ? await this.run(event, requestId, invokedFunctionArn) : { error: init.error, status: "error" };
    if (!init.ok) void this.terminate();
    const duration = performance.now() - started;
    this.flushOutput();
    this.log(`END RequestId: ${requestId}\n`);
    this.log(reportLine(requestId, duration, this.spec.memorySize, this.heapUsed, coldStart && init.ok ? init.ms : undefined, settled));
    return this.outcome(settled);
  }

  /** Ends the thread; an invocation still running gets a function error, never a hang. */
  async terminate(): Promise<void> {
    this.fail(exitError(this.requestId));
    await this.worker.terminate();
  }

  /** One log event: a console call's line, or a line of the runtime's own (START, END, REPORT, ...). */
  private log(text: string): void {
    this.tail(text);
    this.spec.writeLog?.([{ timestamp: Date.now(), message: text }]);
  }

  /** Raw stdout or stderr: one log event per line. */
  private logOutput(chunk: string): void {
    this.tail(chunk);
    if (!this.spec.writeLog) return;
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop() ?? "";
    const now = Date.now();
    if (lines.length > 0) this.spec.writeLog(lines.map((line) => ({ timestamp: now, message: `${line}\n` })));
    if (this.partial.length > MAX_PARTIAL_LINE) this.flushOutput();
  }

  private flushOutput(): void {
    if (!this.partial) return;
    const message = this.partial;
    this.partial = "";
    this.spec.writeLog?.([{ timestamp: Date.now(), message }]);
  }

  private tail(text: string): void {
    this.lines.push(text);
    if (this.lines.length > MAX_LOG_LINES) this.lines.splice(0, this.lines.length - MAX_LOG_LINES);
  }

  private run(event: string, requestId: string, invokedFunctionArn: string): Promise<Settled> {
    // Ended while idle (an error thrown from a timer, say): Lambda would have replaced it already.
    if (!this.alive) return Promise.resolve({ error: exitError(requestId), status: "error" });
    return new Promise((resolve) => {
      const timeoutMs = this.spec.timeoutSeconds * 1000;
      const timer = setTimeout(() => {
        this.log(`${new Date().toISOString()} ${requestId} Task timed out after ${this.spec.timeoutSeconds.toFixed(2)} seconds\n`);
        this.fail(timedOut(this.spec.timeoutSeconds, requestId));
      }, timeoutMs);
      this.settle = (outcome) => {
        clearTimeout(timer);
        this.settle = undefined;
        resolve(outcome);
      };
      this.worker.postMessage({ type: "invoke", id: requestId, event, deadline: Date.now() + timeoutMs, invokedFunctionArn });
    });
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === "log") this.log(message.text);
    else if (message.type === "init") this.resolveInit?.(message.ok ? { ok: true, ms: message.ms } : { ok: false, error: message.error });
    else if (message.type === "crash") this.fail(message.error);
    else {
      this.heapUsed = message.heapUsed;
      this.settle?.(message.error ? { error: message.error } : { payload: message.payload ?? "null" });
    }
  }

  /** The environment cannot go on: report the error to whoever waits, and end the thread. */
  private fail(error: ErrorPayload, status = error.errorType === "Sandbox.Timedout" ? "timeout" : "error"): void {
    if (!this.alive) return;
    this.alive = false;
    this.resolveInit?.({ ok: false, error });
    this.settle?.({ error, status });
    void this.worker.terminate();
  }

  private onExit(code: number): void {
    if (!this.alive) return;
    // process.exit() in the function's code: Lambda reports Runtime.ExitError.
    const reason = code === 0 ? "Runtime exited without providing a reason" : `Runtime exited with error: exit status ${code}`;
    this.fail({ errorType: "Runtime.ExitError", errorMessage: `RequestId: ${this.requestId} Error: ${reason}` });
  }

  private outcome(settled: Settled): InvokeOutcome {
    const log = Buffer.from(this.lines.join(""), "utf8");
    this.lines = [];
    const logTail = log.subarray(Math.max(0, log.length - LOG_TAIL_BYTES)).toString("base64");
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
 * What Invoke returns for a timeout on today's runtimes: Sandbox.Timedout, "RequestId: <id> Error: Task
 * timed out after 1.00 seconds" (public invoke transcripts; Lambda guide "Troubleshoot invocation issues").
 * An init phase cut short reports the same type (UNCONFIRMED text).
 */
function timedOut(seconds: number, requestId?: string): ErrorPayload {
  const prefix = requestId ? `RequestId: ${requestId} ` : "";
  return { errorType: "Sandbox.Timedout", errorMessage: `${prefix}Error: Task timed out after ${seconds.toFixed(2)} seconds` };
}

function exitError(requestId: string): ErrorPayload {
  return { errorType: "Runtime.ExitError", errorMessage: `RequestId: ${requestId} Error: Runtime exited without providing a reason` };
}

function errorOf(error: unknown): ErrorPayload {
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split("\n") };
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function reportLine(requestId: string, duration: number, memorySize: number, heapUsed: number, initMs: number | undefined, settled: Settled): string {
  const fields = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${duration.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(duration))} ms`,
    `Memory Size: ${memorySize} MB`,
    `Max Memory Used: ${Math.max(1, Math.ceil(heapUsed / 1024 / 1024))} MB`,
  ];
  if (initMs !== undefined) fields.push(`Init Duration: ${initMs.toFixed(2)} ms`);
  if ("error" in settled && settled.status) fields.push(`Status: ${settled.status}`);
  return `${fields.join("\t")}\t\n`;
}
