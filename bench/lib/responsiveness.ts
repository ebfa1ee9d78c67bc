// How responsive the lab stays while something hostile runs, judged so that a busy machine does not fail it
// but a blocked lab does. The lab runs in the test's own process, so two things are measured over a window:
// the slowest answer a client got, and the longest the process's event loop went without turning
// (perf_hooks.monitorEventLoopDelay). Both are compared with the same measures taken just before, under the
// same load, without the hostile work: load slows both windows alike, while a lab that blocks (a zip
// inflated synchronously: 4.7 s for 2 GB, 122 s for 4 GB) stalls only the second, by seconds.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { loadavg } from "node:os";
import type { AwsClients } from "../../src/aws/clients.js";

/** Below this, an answer or a stall is within the lab's promise whatever the baseline: the target for a lab beside hostile work. */
export const QUIET_BOUND_MS = 1000;
/** How much slower than the window before the hostile window may be, as load varies from one moment to the next. */
export const LOAD_FACTOR = 3;

export interface Window {
  /** The slowest answer in the window, and how many there were. */
  slowestMs: number;
  answers: number;
  /** The longest the event loop did not turn. */
  stallMs: number;
}

/** Measures a window: answers are reported with `answer(ms)`, the loop is watched from `start` to `stop`. */
export class WindowWatch {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private slowestMs = 0;
  private answers = 0;

  start(): this {
    this.loop.enable();
    return this;
  }

  answer(ms: number): void {
    this.slowestMs = Math.max(this.slowestMs, ms);
    this.answers += 1;
  }

  stop(): Window {
    this.loop.disable();
    return { slowestMs: this.slowestMs, answers: this.answers, stallMs: this.loop.max / 1e6 };
  }
}

type Handler = (args: unknown) => Promise<unknown>;
/** The part of the SDK's middleware stack used here, the same for every client. */
interface Stack {
  add(middleware: (next: Handler) => Handler, options: { step: "finalizeRequest"; name: string }): void;
}

/** Every request of `clients`, with how long the lab took to answer it, told to `into` (when there is one). */
export function recordLatencies(clients: AwsClients, into: () => WindowWatch | undefined): void {
  for (const client of [clients.apigw, clients.lambda, clients.sts, clients.dynamodb]) {
    (client.middlewareStack as unknown as Stack).add(
      (next) => async (args) => {
        const started = performance.now();
        try {
          return await next(args);
        } finally {
          into()?.answer(performance.now() - started);
        }
      },
      { step: "finalizeRequest", name: "answerLatency" },
    );
  }
}

/** The most a hostile window may show: the quiet bound, or the baseline's figure LOAD_FACTOR times over. */
export function boundFor(baselineMs: number): number {
  return Math.max(QUIET_BOUND_MS, LOAD_FACTOR * baselineMs);
}

/** Why a hostile window is (or is not) within its bounds, in words for an assertion's message. */
export function describeWindows(baseline: Window, hostile: Window): string {
  const f = (ms: number) => `${Math.round(ms)} ms`;
  return (
    `hostile: slowest of ${hostile.answers} answers ${f(hostile.slowestMs)} (bound ${f(boundFor(baseline.slowestMs))}), event loop stalled up to ${f(hostile.stallMs)} (bound ${f(boundFor(baseline.stallMs))}); ` +
    `before: slowest of ${baseline.answers} ${f(baseline.slowestMs)}, stall ${f(baseline.stallMs)}; load average ${loadavg().map((n) => n.toFixed(1)).join(" ")}`
  );
}

/** Whether the hostile window stayed within the bounds its baseline sets. */
export function withinBounds(baseline: Window, hostile: Window): boolean {
  return hostile.slowestMs < boundFor(baseline.slowestMs) && hostile.stallMs < boundFor(baseline.stallMs);
}
