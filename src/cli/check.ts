// `npm run check`: read the account once, probe it live, judge, report. Exit 0 when nothing failed,
// 1 when a check failed, 2 when the checker could not check.
import "./quiet-sdk.js";
import { API_NAME } from "../workshop/names.js";
import { writeFile } from "node:fs/promises";
import { parseLang, t, type Lang } from "../i18n/index.js";
import type { CheckRun } from "../check.js";
import type { EmbeddedLab } from "./embedded-lab.js";
import { SCENARIO_NAMES } from "../scenarios/names.js";
import type { Format } from "../report/render.js";
import { progressLine } from "./progress.js";
import { exitOnStop, INTERRUPTED_EXIT, onStopSignals } from "./signals.js";
import { commandLine } from "./command-line.js";
import { TOOL } from "../version.js";

interface CheckArgs {
  step: "1" | "2" | "all";
  region?: string;
  profile?: string;
  endpoint?: string;
  apiName?: string;
  apiId?: string;
  live: boolean;
  lang?: string;
  format: Format;
  output?: string;
  watch?: number;
  lab: boolean;
  labState: string;
  timeout?: number;
}

async function main(): Promise<number> {
  exitOnStop();
  const { parser, describe } = commandLine();
  const args = (await parser
    .scriptName("npm run check --")
    .usage("$0 [options]")
    .option("step", { type: "string", choices: ["1", "2", "all"], default: "all", describe: describe("step") })
    .option("region", { type: "string", describe: describe("region") })
    .option("profile", { type: "string", describe: describe("profile") })
    .option("endpoint", { type: "string", describe: describe("endpoint") })
    .option("api-name", { type: "string", default: API_NAME, describe: describe("apiName") })
    .option("api-id", { type: "string", describe: describe("apiId") })
    .option("live", { type: "boolean", default: true, describe: describe("live") })
    .option("lang", { choices: ["ko", "en"], describe: describe("lang") })
    .option("format", { choices: ["table", "json", "junit", "github"], default: "table", describe: describe("format") })
    .option("output", { type: "string", describe: describe("output") })
    // A string, so that `--watch` without seconds is seen at all (a number option without a value is dropped).
    .option("watch", { type: "string", coerce: (value: string) => (value === "" ? 5 : Number(value)), describe: describe("watch") })
    .option("lab", { type: "boolean", default: false, describe: describe("lab") })
    .option("lab-state", { choices: SCENARIO_NAMES, default: "step1", describe: describe("labState") })
    .option("timeout", { type: "number", describe: describe("timeout") })
    .strict()
    .version(TOOL.version)
    .help()
    .parse()) as unknown as CheckArgs;
  const lang = parseLang(args.lang);
  const progress = progressLine(process.stderr, lang);
  // The SDK and the lab take a few hundred milliseconds to load: say what is happening first, then load them.
  if (args.lab) process.stderr.write(`${t(lang, "lab.embedded", { state: args.labState })}\n`);
  else progress?.("collecting");
  const [{ checkAccount }, embedded] = await Promise.all([import("../check.js"), args.lab ? import("./embedded-lab.js") : undefined]);

  let lab: EmbeddedLab | undefined;
  if (embedded) lab = await embedded.startEmbeddedLab(args.labState);
  const abort = new AbortController();
  const stopping = onStopSignals(abort, lang);
  try {
    const once = () =>
      checkAccount({
        step: args.step,
        lang,
        live: args.live,
        apiName: args.apiName,
        apiId: args.apiId,
        timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
        signal: abort.signal,
        clientSettings: lab ? lab.settings : { region: args.region, profile: args.profile, endpoint: args.endpoint },
        onProgress: progress,
        // The spinner stops and its line is erased before the report (or a fatal message) is written.
      }).finally(() => progress?.("done"));
    if (args.watch === undefined) {
      const code = await report(await once(), args, lang);
      // Stopped by a signal: what was printed is incomplete (the probe was cut short), whatever it says.
      return abort.signal.aborted ? INTERRUPTED_EXIT : code;
    }
    return await watch(once, args, lang, abort.signal);
  } finally {
    stopping();
    await lab?.close();
  }
}

async function report(run: CheckRun, args: CheckArgs, lang: Lang): Promise<number> {
  const [{ render }, { colorWanted }, { plainText }] = await Promise.all([import("../report/render.js"), import("../report/table.js"), import("../report/plain.js")]);
  if (run.fatal) {
    // It may quote the account or an SDK error (an API name, an endpoint's answer): plain text only.
    process.stderr.write(`${plainText(run.fatal)}\n`);
    return 2;
  }
  const text = render(run.report, args.format, { color: !args.output && colorWanted(process.stdout), width: process.stdout.columns });
  if (args.output) {
    await writeFile(args.output, text);
    process.stderr.write(`${t(lang, "check.written", { file: args.output })}\n`);
  } else process.stdout.write(text);
  const s = run.report.summary;
  if (s.failed > 0) return 1;
  return s.errors > 0 ? 2 : 0;
}

/** Re-runs until Ctrl-C, printing the report and what changed since the run before. */
async function watch(once: () => Promise<CheckRun>, args: CheckArgs, lang: Lang, signal: AbortSignal): Promise<number> {
  const seconds = args.watch && args.watch > 0 ? args.watch : 5;
  let previous: Map<string, string> | undefined;
  let code = 0;
  while (!signal.aborted) {
    const run = await once();
    if (signal.aborted) break;
    code = await report(run, args, lang);
    if (!run.fatal) {
      const now = new Map(run.report.results.map((result) => [result.id, result.status]));
      if (previous) process.stdout.write(`${describeChanges(previous, now, lang)}\n`);
      previous = now;
    }
    process.stderr.write(`${t(lang, "check.watching", { seconds })}\n`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, seconds * 1000);
      signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
  return code;
}

export function describeChanges(before: Map<string, string>, after: Map<string, string>, lang: Lang): string {
  const changes = [...after].filter(([id, status]) => before.get(id) !== status).map(([id, status]) => `  ${id}: ${before.get(id) ?? "-"} → ${status}`);
  return changes.length === 0 ? t(lang, "check.noChanges") : [t(lang, "check.changes"), ...changes].join("\n");
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${t(parseLang(undefined), "check.crashed", { reason: error instanceof Error ? error.message : String(error) })}\n`);
    process.exit(2);
  },
);
