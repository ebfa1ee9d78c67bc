// An execution environment's log: each event goes to its CloudWatch Logs stream (when there is one) as it
// happens, and the last lines stay for the tail Invoke returns. One event per console call, per START /
// END / REPORT line, and per line the process writes to stdout or stderr.
import type { LogEventInput } from "../log-sink.js";

/** X-Amz-Log-Result carries the last 4 KB of the log [Lambda API reference, Invoke]. */
const LOG_TAIL_BYTES = 4096;
/** Only a tail is ever sent, so an environment that logs while idle keeps no more than this many lines. */
const MAX_LOG_LINES = 1000;
/** A line written to stdout without its newline yet is sent as it is once it grows this long. */
const MAX_PARTIAL_LINE = 256 * 1024;

export class EnvironmentLog {
  private lines: string[] = [];
  /** What stdout and stderr wrote after their last newline. */
  private partial = "";

  constructor(private readonly writeLog?: (events: LogEventInput[]) => void) {}

  /** One log event: a console call's line, or a line of the runtime's own (START, END, REPORT, ...). */
  event(text: string): void {
    this.keep(text);
    this.writeLog?.([{ timestamp: Date.now(), message: text }]);
  }

  /** Raw stdout or stderr: one log event per line. */
  output(chunk: string): void {
    this.keep(chunk);
    if (!this.writeLog) return;
    const lines = (this.partial + chunk).split("\n");
    this.partial = lines.pop() ?? "";
    const now = Date.now();
    if (lines.length > 0) this.writeLog(lines.map((line) => ({ timestamp: now, message: `${line}\n` })));
    if (this.partial.length > MAX_PARTIAL_LINE) this.flushOutput();
  }

  /** Output without its newline yet becomes an event of its own (the invocation is ending). */
  flushOutput(): void {
    if (!this.partial) return;
    const message = this.partial;
    this.partial = "";
    this.writeLog?.([{ timestamp: Date.now(), message }]);
  }

  /** The last 4 KB logged since the previous tail, base64 as X-Amz-Log-Result carries it. */
  takeTail(): string {
    const log = Buffer.from(this.lines.join(""), "utf8");
    this.lines = [];
    return log.subarray(Math.max(0, log.length - LOG_TAIL_BYTES)).toString("base64");
  }

  private keep(text: string): void {
    this.lines.push(text);
    if (this.lines.length > MAX_LOG_LINES) this.lines.splice(0, this.lines.length - MAX_LOG_LINES);
  }
}
