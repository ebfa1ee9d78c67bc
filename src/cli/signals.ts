// Ctrl-C (SIGINT), SIGTERM and SIGHUP (a closed terminal) stop a command the same way: the work is told to
// stop (an AbortSignal), and the live probe deletes what it wrote before the command exits. A second signal
// does not cut that clean-up short, which would leave rows in a participant's table; it only says what is
// going on. A third one means it: the command ends at once.
import { t, type Lang } from "../i18n/index.js";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** 128 + SIGINT: how shells report a command stopped by Ctrl-C. */
export const INTERRUPTED_EXIT = 130;

/** Handles the stop signals for `abort` until the returned function is called. */
export function onStopSignals(abort: AbortController, lang: Lang, err: NodeJS.WritableStream = process.stderr): () => void {
  let received = 0;
  const stop = () => {
    received++;
    if (received === 1) abort.abort();
    else if (received === 2) err.write(`${t(lang, "cli.cleaningUp")}\n`);
    else process.exit(INTERRUPTED_EXIT);
  };
  for (const name of SIGNALS) process.on(name, stop);
  return () => {
    for (const name of SIGNALS) process.off(name, stop);
  };
}
