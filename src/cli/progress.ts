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
