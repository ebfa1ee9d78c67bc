// Ctrl-C (SIGINT), SIGTERM and SIGHUP (a closed terminal) stop a command the same way: the work is told to
// stop (an AbortSignal), and the live probe deletes what it wrote before the command exits. A second signal
// does not cut that clean-up short, which would leave rows in a participant's table; it only says what is
// going on. A third one means it: the command ends at once.
import { t, type Lang } from "../i18n/index.js";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** 128 + SIGINT: how shells report a command stopped by Ctrl-C. */
export const INTERRUPTED_EXIT = 130;

/** Whether a command's work is listening (onStopSignals); otherwise exitOnStop's handler ends the command. */
let handled = false;
let exiting = false;

/**
 * From the start of a command (loading a roster, starting an embedded lab) until its work takes the signals,
 * and again once the work is over, a stop signal ends it at once with the same status as an interrupted run:
 * nothing of the participant's has been written yet, or it has all been cleaned up. Without this, Node dies of
 * the signal itself, which a shell shows as 143 for SIGTERM and 129 for SIGHUP: the status would depend on the moment.
 */
export function exitOnStop(): void {
  if (exiting) return;
  exiting = true;
  for (const name of SIGNALS) process.on(name, () => handled || process.exit(INTERRUPTED_EXIT));
}

/** Handles the stop signals for `abort` until the returned function is called. */
export function onStopSignals(abort: AbortController, lang: Lang, err: NodeJS.WritableStream = process.stderr): () => void {
  handled = true;
  let received = 0;
  const stop = () => {
    received++;
    if (received === 1) abort.abort();
    else if (received === 2) err.write(`${t(lang, "cli.cleaningUp")}\n`);
    else process.exit(INTERRUPTED_EXIT);
  };
  for (const name of SIGNALS) process.on(name, stop);
  return () => {
    handled = false;
    for (const name of SIGNALS) process.off(name, stop);
  };
}
