// `npm run grade`: grade a class from a roster, each participant's account reached through AssumeRole (or a
// profile), and report for people (the class table) and for tools (--out, $GITHUB_STEP_SUMMARY).
// --merge DIR… instead combines the --out folders of a class graded in shards (--shard i/n) and reports the
// whole class as one run would have.
// Exit 0 when every participant was graded (whatever their scores), 1 when a participant could not be
// graded or a roster row was bad, 2 when nothing could be graded (no roster, bad options, shards that do not merge).
import "./quiet-sdk.js";
import { API_NAME } from "../workshop/names.js";
import { resolve } from "node:path";
import { commandLine } from "./command-line.js";
import { TOOL } from "../version.js";
import { parseLang, t, type Lang } from "../i18n/index.js";
import { colorWanted } from "../report/table.js";
import { sessionName } from "../grade/access.js";
import { classTable } from "../grade/report.js";
import { mergeShards, MergeError } from "../grade/merge.js";
import { checkOutDir, OutDirError } from "../grade/out-dir.js";
import { plainText } from "../report/plain.js";
import { loadRoster, RosterError } from "../grade/roster.js";
import { DEFAULT_MAX_ATTEMPTS, gradeRoster, textOf, type GradeOptions, type GradeRun } from "../grade/run.js";
import { evidenceOf, movementLines, pause } from "../grade/watch.js";
import { parseShard, shardOf } from "../grade/shard.js";
import { writeReports, writeStepSummary } from "../grade/write.js";
import { progressLine, progressLog } from "./progress.js";
import { exitOnStop, INTERRUPTED_EXIT, onStopSignals } from "./signals.js";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { createClients, type ClientSettings } from "../aws/clients.js";
import { isCredentialError } from "../check.js";
import type { RosterRow } from "../grade/roster.js";

interface GradeArgs {
  roster?: string;
  merge?: string[];
  step: "1" | "2" | "all";
  concurrency: number;
  live: boolean;
  shard?: string;
  region?: string;
  profile?: string;
  endpoint?: string;
  apiName?: string;
  lang?: string;
  out?: string;
  timeLimit: number;
  timeout?: number;
  maxAttempts: number;
  watch?: number;
}

async function main(): Promise<number> {
  exitOnStop();
  const args = await commandArgs();
  const lang = parseLang(args.lang);
  // A crash is told in the language asked for: the handler at the bottom sees only those before --lang is read.
  try {
    return await gradeCommand(args, lang);
  } catch (error) {
    return crashed(error, lang);
  }
}

async function commandArgs(): Promise<GradeArgs> {
  const { parser, describe, lang: usageLang } = commandLine();
  return (await parser
    .scriptName("npm run grade --")
    .usage("$0 --roster FILE [options]\n$0 --merge DIR... [--out DIR]")
    .option("roster", { type: "string", describe: describe("roster") })
    .option("merge", { type: "string", array: true, describe: describe("merge") })
    .option("step", { type: "string", choices: ["1", "2", "all"], default: "all", describe: describe("gradeStep") })
    .option("concurrency", { type: "number", default: 16, describe: describe("concurrency") })
    .option("live", { type: "boolean", default: true, describe: describe("live") })
    .option("shard", { type: "string", describe: describe("shard") })
    .option("region", { type: "string", describe: describe("gradeRegion") })
    .option("profile", { type: "string", describe: describe("gradeProfile") })
    .option("endpoint", { type: "string", describe: describe("endpoint") })
    .option("api-name", { type: "string", default: API_NAME, describe: describe("apiName") })
    .option("lang", { choices: ["ko", "en"], describe: describe("lang") })
    .option("out", { type: "string", describe: describe("out") })
    .option("time-limit", { type: "number", default: 90, describe: describe("timeLimit") })
    .option("timeout", { type: "number", describe: describe("gradeTimeout") })
    .option("max-attempts", { type: "number", default: DEFAULT_MAX_ATTEMPTS, describe: describe("maxAttempts") })
    .option("watch", { type: "number", describe: describe("gradeWatch") })
    .check((argv) => {
      if (argv.merge !== undefined && (argv.roster !== undefined || argv.shard !== undefined)) throw new Error(t(usageLang, "grade.mergeWithRoster"));
      if (argv.roster === undefined && !argv.merge?.length) throw new Error(t(usageLang, "grade.needRoster"));
      return true;
    })
    .strict()
    .version(TOOL.version)
    .help()
    .parse()) as unknown as GradeArgs;
}

async function gradeCommand(args: GradeArgs, lang: Lang): Promise<number> {
  if (args.merge) return merge(args.merge, args, lang);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  if (args.shard !== undefined && !shard) return usageError(t(lang, "grade.badShard"));
  let rows;
  let roster;
  try {
    const loaded = await loadRoster(resolve(args.roster!));
    rows = shardOf(loaded.rows, shard);
    roster = loaded.identity;
  } catch (error) {
    if (error instanceof RosterError) return usageError(textOf(lang, error.problem));
    throw error;
  }
  const refusedOut = await outRefused(args.out, lang);
  if (refusedOut) return usageError(refusedOut);
  const instructor: ClientSettings = { region: args.region, profile: args.profile, endpoint: args.endpoint };
  const refused = await instructorRefused(instructor, rows, lang);
  if (refused) return usageError(refused);
  const progress = progressLine(process.stderr, lang);
  // Without a terminal (CI) a spinner is noise, and silence for a whole class is worse: plain lines instead.
  const log = progress ? undefined : progressLog(process.stderr, lang);
  // The first Ctrl-C stops the run, letting each running probe delete what it wrote; a second one ends at once.
  const abort = new AbortController();
  const stopping = onStopSignals(abort, lang);
  const gradeRound = (earlier: GradeOptions["earlier"]) => gradeRoster({
    rows,
    step: args.step,
    lang,
    live: args.live,
    apiName: args.apiName,
    probeTimeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
    concurrency: Math.max(1, Math.floor(args.concurrency)),
    timeLimitMs: Math.max(1, args.timeLimit) * 1000,
    instructor,
    sessionName: sessionName(),
    maxAttempts: Math.max(1, Math.floor(args.maxAttempts)),
    onProgress: (p) => (progress ? progress("grading", { done: p.done, total: p.total, running: p.running }) : log?.update(p)),
    shard,
    roster,
    signal: abort.signal,
    earlier,
  });
  try {
    return await rounds(gradeRound, args, lang, abort.signal, () => {
      progress?.("done");
      log?.stop();
    });
  } finally {
    stopping();
  }
}

/**
 * One round, or with --watch a round every N minutes until Ctrl-C. A round cut off by a signal is reported
 * as interrupted (exit 130), except that it never overwrites the reports of an earlier, whole round.
 */
async function rounds(gradeRound: (earlier: GradeOptions["earlier"]) => Promise<GradeRun>, args: GradeArgs, lang: Lang, signal: AbortSignal, roundDone: () => void): Promise<number> {
  const everyMs = args.watch === undefined ? undefined : Math.max(0.05, args.watch) * 60_000;
  let previous: GradeRun | undefined;
  for (let round = 1; ; round++) {
    if (everyMs !== undefined) process.stderr.write(`${t(lang, "watch.round", { round, time: clock(new Date()) })}\n`);
    const run = await gradeRound(evidenceOf(previous));
    roundDone();
    if (!(run.interrupted && previous)) await report(run, args, lang, everyMs === undefined ? undefined : Math.round(everyMs / 1000));
    if (run.interrupted) return INTERRUPTED_EXIT;
    if (previous) process.stdout.write(`${plainText(movementLines(previous, run, lang).join("\n"))}\n`);
    if (everyMs === undefined) return exitCode(run);
    previous = run;
    process.stderr.write(`${t(lang, "watch.next", { time: clock(new Date(Date.now() + everyMs)), minutes: args.watch! })}\n`);
    if (!(await pause(everyMs, signal))) {
      process.stderr.write(`${t(lang, "watch.stopped")}\n`);
      return exitCode(previous);
    }
  }
}

function clock(date: Date): string {
  return date.toTimeString().slice(0, 8);
}


/** --merge: the shards' results.json made into the whole class's run, then reported as a run is. */
async function merge(dirs: string[], args: GradeArgs, lang: Lang): Promise<number> {
  const refusedOut = await outRefused(args.out, lang);
  if (refusedOut) return usageError(refusedOut);
  let merged;
  try {
    merged = await mergeShards(dirs);
  } catch (error) {
    if (error instanceof MergeError) return usageError(textOf(lang, error.problem));
    throw error;
  }
  for (const warning of merged.warnings) process.stderr.write(`${plainText(textOf(lang, warning))}\n`);
  await report(merged.run, args, lang);
  return exitCode(merged.run);
}

function exitCode(run: GradeRun): number {
  return run.badRows.length > 0 || run.participants.some((p) => p.status === "error") ? 1 : 0;
}

/** Prints the class table and writes --out; with refreshSeconds (--watch), report.html reloads itself that often. */
async function report(run: GradeRun, args: GradeArgs, lang: Lang, refreshSeconds?: number): Promise<void> {
  process.stdout.write(classTable(run, lang, colorWanted(process.stdout)));
  if (run.badRows.length > 0) {
    // A bad row's message may quote the roster's values.
    process.stderr.write(`${[t(lang, "grade.badRowsHeader"), ...run.badRows.map((row) => `  ${t(lang, "grade.badRow", { line: row.line, message: plainText(row.message) })}`)].join("\n")}\n`);
  }
  if (run.throttledCalls > 0) process.stderr.write(`${t(lang, "grade.throttled", { count: run.throttledCalls })}\n`);
  if (args.out) {
    await writeReports(args.out, run, { refreshSeconds });
    process.stderr.write(`${t(lang, "grade.written", { dir: args.out })}\n`);
  }
  // A round every few minutes is for the room's screen; GitHub's summary would only pile the rounds up.
  if (refreshSeconds === undefined) await writeStepSummary(run, lang);
}

/**
 * The instructor's own credentials are tried once, before anyone is graded: when they do not work, every
 * role would fail the same way, and that is the grader's problem (exit 2), not thirty participants' errors.
 */
async function instructorRefused(instructor: ClientSettings, rows: RosterRow[], lang: Lang): Promise<string | undefined> {
  const roles = rows.filter((row) => "participant" in row && row.participant.access.kind === "role");
  if (roles.length === 0) return undefined;
  const first = roles[0]!;
  const region = instructor.region ?? ("participant" in first ? first.participant.region : undefined) ?? "us-east-1";
  const clients = createClients({ ...instructor, region, maxAttempts: 2 });
  try {
    await clients.sts.send(new GetCallerIdentityCommand({}));
    return undefined;
  } catch (error) {
    const { name = "", message = "" } = error as { name?: string; message?: string };
    if (!isCredentialError(name, message)) return undefined;
    const profile = instructor.profile ?? process.env.AWS_PROFILE;
    return t(lang, "grade.instructorCredentials", { who: profile ? `--profile ${profile}` : t(lang, "grade.defaultCredentials"), message, role: "participant" in first ? String(first.participant.access.kind === "role" ? first.participant.access.roleArn : "") : "" });
  } finally {
    clients.destroy();
  }
}

/** Why --out cannot take the reports (out-dir.ts), checked before anyone is graded; undefined when it can. */
async function outRefused(out: string | undefined, lang: Lang): Promise<string | undefined> {
  if (out === undefined) return undefined;
  try {
    await checkOutDir(out);
    return undefined;
  } catch (error) {
    if (error instanceof OutDirError) return textOf(lang, error.problem);
    throw error;
  }
}

/** Messages quote roster rows, paths, folder entries and SDK errors: plain text only. */
function usageError(message: string): number {
  process.stderr.write(`${plainText(message)}\n`);
  return 2;
}

function crashed(error: unknown, lang: Lang): number {
  process.stderr.write(`${t(lang, "grade.crashedRun", { reason: plainText(error instanceof Error ? error.message : String(error)) })}\n`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(crashed(error, parseLang(undefined))),
);
