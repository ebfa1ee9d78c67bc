// The function errors an execution environment reports for itself (not the function's own thrown errors,
// which bootstrap.mjs shapes as RIC does): a timeout, and a runtime that ended.
import { constants } from "node:os";

export interface ErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/**
 * What Invoke returns for a timeout on today's runtimes: Sandbox.Timedout, "RequestId: <id> Error: Task
 * timed out after 1.00 seconds" (public invoke transcripts; Lambda guide "Troubleshoot invocation issues").
 * An init phase cut short reports the same type (UNCONFIRMED text).
 */
export function timedOut(seconds: number, requestId?: string): ErrorPayload {
  const prefix = requestId ? `RequestId: ${requestId} ` : "";
  return { errorType: "Sandbox.Timedout", errorMessage: `${prefix}Error: Task timed out after ${seconds.toFixed(2)} seconds` };
}

/**
 * The runtime process ended: Runtime.ExitError, "RequestId: <id> Error: Runtime exited with error: exit
 * status 129" [AWS re:Post Knowledge Center, "How do I troubleshoot Lambda 'Runtime exited' errors?",
 * https://repost.aws/knowledge-center/lambda-runtime-error], "Runtime exited without providing a reason"
 * after exit status 0. Ended by a signal, the reason is the signal as Go names it, "signal: killed" after
 * SIGKILL (what an out-of-memory kill shows; public transcripts, UNCONFIRMED for other signals).
 */
export function runtimeExited(requestId: string, code: number | null, signal: NodeJS.Signals | null): ErrorPayload {
  const reason = signal ? `Runtime exited with error: signal: ${signalText(signal)}` : code ? `Runtime exited with error: exit status ${code}` : "Runtime exited without providing a reason";
  return { errorType: "Runtime.ExitError", errorMessage: `RequestId: ${requestId} Error: ${reason}` };
}

/** The lab ended the environment itself (it is closing, or the function version is gone). */
export function exitedWithoutReason(requestId: string): ErrorPayload {
  return runtimeExited(requestId, 0, null);
}

export function errorOf(error: unknown): ErrorPayload {
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split("\n") };
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** A signal by its number, as an exit status of 128 + n carries it (how bwrap passes its child's signal on). */
export function signalNumbered(n: number): NodeJS.Signals | undefined {
  return (Object.entries(constants.signals) as [NodeJS.Signals, number][]).find(([, number]) => number === n)?.[0];
}

/** Go's names of the Linux signals (syscall package, zerrors_linux_amd64.go), which Lambda's init prints. */
const GO_SIGNAL_NAMES: Partial<Record<NodeJS.Signals, string>> = {
  SIGABRT: "aborted",
  SIGALRM: "alarm clock",
  SIGBUS: "bus error",
  SIGFPE: "floating point exception",
  SIGHUP: "hangup",
  SIGILL: "illegal instruction",
  SIGINT: "interrupt",
  SIGKILL: "killed",
  SIGPIPE: "broken pipe",
  SIGQUIT: "quit",
  SIGSEGV: "segmentation fault",
  SIGSYS: "bad system call",
  SIGTERM: "terminated",
  SIGTRAP: "trace/breakpoint trap",
  SIGUSR1: "user defined signal 1",
  SIGUSR2: "user defined signal 2",
  SIGXCPU: "CPU time limit exceeded",
};

function signalText(signal: NodeJS.Signals): string {
  return GO_SIGNAL_NAMES[signal] ?? `signal ${constants.signals[signal]}`;
}
