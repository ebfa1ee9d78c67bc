// A one-line progress indicator on stderr, only for a person at a terminal: not when piped, not in CI.
import { t, type Lang, type MessageKey } from "../i18n/index.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function progressLine(
  stream: NodeJS.WriteStream,
  lang: Lang,
  env: NodeJS.ProcessEnv = process.env,
): ((step: string, vars?: Record<string, string | number>) => void) | undefined {
  if (!stream.isTTY || env.CI === "true") return undefined;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  let text = "";
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`);
  return (step: string, vars?: Record<string, string | number>) => {
    if (step === "done") {
      if (timer) clearInterval(timer);
      timer = undefined;
      stream.write("\r\x1b[2K");
      return;
    }
    text = t(lang, `progress.${step}` as MessageKey, vars);
    if (!timer) {
      timer = setInterval(draw, 80);
      timer.unref();
    }
    draw();
  };
}

export interface Counted {
  done: number;
  total: number;
  errors: number;
}

/**
 * Progress for a log (CI, a pipe), where a spinner would be noise: a plain line on stderr every `everyMs`
 * (10 s) while the work goes on, and whenever another `everyCount` (10) finished, with the errors so far and
 * an estimate of the time left from the pace so far. `stop` ends the timer; the last line says all is done.
 */
export function progressLog(stream: NodeJS.WritableStream, lang: Lang, options: { everyMs?: number; everyCount?: number; now?: () => number } = {}) {
  const everyMs = options.everyMs ?? 10_000;
  const everyCount = options.everyCount ?? 10;
  const now = options.now ?? Date.now;
  const started = now();
  let latest: Counted | undefined;
  let printedDone = -1;
  const print = () => {
    if (!latest) return;
    const { done, total, errors } = latest;
    const left = done > 0 ? Math.round((((now() - started) / done) * (total - done)) / 1000) : "?";
    stream.write(`${t(lang, "progress.gradeLog", { done, total, errors, left })}\n`);
    printedDone = done;
  };
  const timer = setInterval(print, everyMs);
  timer.unref();
  return {
    update(progress: Counted): void {
      latest = progress;
      const finished = progress.done === progress.total;
      if (progress.done !== printedDone && (finished || Math.floor(progress.done / everyCount) > Math.floor(Math.max(printedDone, 0) / everyCount))) print();
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}
