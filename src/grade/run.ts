// Grading a roster: each participant's account checked by exactly what `check` runs (checkAccount), a
// bounded number at once, each within a time limit. An account that cannot be reached, or a check that
// runs out of time, is that participant's error; the run goes on with the others.
import { randomUUID } from "node:crypto";
import { checksFor } from "../../checks/index.js";
import { createClients, resolvedRegion, type ClientSettings } from "../aws/clients.js";
import { checkAccount, type CheckOptions } from "../check.js";
import type { Summary } from "../engine/run.js";
import { t, type Lang } from "../i18n/index.js";
import type { Snapshot } from "../collect/snapshot.js";
import type { ProbeResult } from "../probe/result.js";
import type { Report } from "../report/model.js";
import { AccessError, AccountAccess, roleAccount } from "./access.js";
import { sharedAgents } from "./agents.js";
import { AccountGates, type LimitTable } from "./rate-limit.js";
import type { Message, Participant, RosterIdentity, RosterRow } from "./roster.js";
import type { Shard } from "./shard.js";

export interface GradeOptions {
  rows: RosterRow[];
  step: CheckOptions["step"];
  lang: Lang;
  live: boolean;
  apiName?: string;
  /** The live probe's longest wait for each thing (check's --timeout). */
  probeTimeoutMs?: number;
  /** Accounts graded at once. */
  concurrency: number;
  /** The most one participant may take, AssumeRole and live probe included. */
  timeLimitMs: number;
  /** The instructor's region, profile and endpoint. */
  instructor: ClientSettings;
  sessionName: string;
  /** SDK attempts per call on the participants' clients (throttling is retried with backoff). */
  maxAttempts?: number;
  limits?: LimitTable;
  onProgress?: (progress: GradeProgress) => void;
  /** Which slice of which roster `rows` are, recorded in the run so that shards can be merged (--merge). */
  shard?: Shard;
  roster?: RosterIdentity;
  /** Ctrl-C: running checks stop and clean up their probe; participants not started yet are not graded. */
  signal?: AbortSignal;
  /** The previous round's evidence per participant id (--watch): an account that has not changed is not probed again. */
  earlier?: ReadonlyMap<string, Evidence>;
}

/** What one participant's account read as, and what the probe saw there. */
export interface Evidence {
  snapshot: Snapshot;
  probe: ProbeResult;
}

export interface Graded {
  id: string;
  line: number;
  status: "graded" | "error";
  account: string | null;
  /** Why the participant could not be graded (status error), in the run's language. */
  error: string | null;
  report: Report;
  durationMs: number;
  /** The roster's other columns for this participant. */
  extra?: Record<string, string>;
  /** Kept in memory for the next round of --watch; never written to a report. */
  evidence?: Evidence;
}

export interface BadRow {
  line: number;
  message: string;
}

export interface GradeRun {
  /** When grading started and finished (ISO 8601), and what was graded: the run's record in results.json. */
  /** This run's id: GitHub Actions' run id and attempt under CI, else a fresh UUID. */
  runId: string;
  startedAt: string;
  finishedAt: string;
  step: "1" | "2" | "all";
  /** The language of the run's texts: the participants' reports, errors and bad rows. */
  lang: Lang;
  /** The slice of the roster graded (--shard); absent when it was all of it. */
  shard?: Shard;
  /** The roster graded, when it came from a file. */
  roster?: RosterIdentity;
  participants: Graded[];
  /** Roster rows that could not be read as a participant. */
  badRows: BadRow[];
  /** Stopped by a signal: participants not started or cut off are errors, and the reports say so. */
  interrupted?: boolean;
  /** Throttled answers AWS gave in spite of the per-account limits; the SDK retried each. */
  throttledCalls: number;
  wallMs: number;
}

/** How long a participant abandoned at the time limit may still take to clean up its probe before its clients go. */
const SETTLE_GRACE_MS = 5_000;
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Where a class's grading stands: participants finished (errors among them), running, in all. */
export interface GradeProgress {
  done: number;
  total: number;
  running: number;
  errors: number;
}

export async function gradeRoster(options: GradeOptions): Promise<GradeRun> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const gates = new AccountGates(options.limits);
  const agents = sharedAgents();
  const access = new AccountAccess({ instructor: options.instructor, sessionName: options.sessionName, maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, gates, agents });
  const maxScore = checksFor(options.step === "all" ? "all" : options.step === "1" ? 1 : 2).reduce((sum, check) => sum + check.points, 0);
  const context: Context = { options, access, maxScore, defaultRegion: await instructorRegion(options.instructor), abandoned: [], checking: new Set() };
  // One listener on the run's signal for everyone, not one per participant: at --concurrency 11 or more, a
  // listener each on that one signal passed Node's limit of 10 and printed MaxListenersExceededWarning.
  const stopEveryone = () => context.checking.forEach((each) => each.abort());
  options.signal?.addEventListener("abort", stopEveryone, { once: true });
  const badRows = options.rows.flatMap((row) => ("problem" in row ? [{ line: row.line, message: textOf(options.lang, row.problem) }] : []));
  const listed = options.rows.filter((row) => "participant" in row || row.id);
  try {
    let done = 0;
    let running = 0;
    let errors = 0;
    const report = () => options.onProgress?.({ done, total: listed.length, running, errors });
    report();
    const participants = await mapLimit(listed, options.concurrency, async (row) => {
      running++;
      report();
      let graded: Graded | undefined;
      try {
        graded = "participant" in row ? await gradeOne(row.participant, context) : rosterError(row, context);
        return graded;
      } finally {
        running--;
        done++;
        if (graded?.status !== "graded") errors++;
        report();
      }
    });
    await withinLimit(Promise.allSettled(context.abandoned), SETTLE_GRACE_MS);
    const extras = new Map(listed.flatMap((row) => ("participant" in row && row.participant.extra ? [[row.participant.line, row.participant.extra] as const] : [])));
    const withExtra = participants.map((p) => (extras.has(p.line) ? { ...p, extra: extras.get(p.line)! } : p));
    return { runId: runIdOf(process.env), startedAt, finishedAt: new Date().toISOString(), step: options.step, lang: options.lang, shard: options.shard, roster: options.roster, ...(options.signal?.aborted ? { interrupted: true } : {}), participants: withExtra, badRows, throttledCalls: gates.throttledCalls, wallMs: performance.now() - started };
  } finally {
    options.signal?.removeEventListener("abort", stopEveryone);
    access.close();
    agents.close();
  }
}

/** GitHub Actions' run (and attempt) when there is one, so that shards of one workflow run share it. */
export function runIdOf(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_RUN_ID ? `github-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? "1"}` : randomUUID();
}

interface Context {
  options: GradeOptions;
  access: AccountAccess;
  maxScore: number;
  defaultRegion: string | undefined;
  /** Checks cut off at their time limit, still cleaning up in the background. */
  abandoned: Promise<unknown>[];
  /** The stop of each participant being checked: the run's signal (Ctrl-C) aborts them all. */
  checking: Set<AbortController>;
}

async function gradeOne(participant: Participant, context: Context): Promise<Graded> {
  const started = performance.now();
  const outcome = await outcomeOf(participant, context);
  return { ...outcome, durationMs: performance.now() - started };
}

type Outcome = Omit<Graded, "durationMs">;

async function outcomeOf(participant: Participant, context: Context): Promise<Outcome> {
  const { options } = context;
  const region = participant.region ?? options.instructor.region ?? context.defaultRegion;
  if (!region) return failed(participant, context, t(options.lang, "check.noRegion"));
  if (options.signal?.aborted) return failed(participant, context, t(options.lang, "grade.interrupted"), accountOf(participant));
  const abort = new AbortController();
  context.checking.add(abort);
  try {
    const work = check(participant, region, abort.signal, context);
    const outcome = await withinLimit(work, options.timeLimitMs);
    if (outcome) return outcome;
    // The probe stops waiting and deletes what it wrote; the rest of the check ends on its own.
    abort.abort();
    context.abandoned.push(work);
    return failed(participant, context, t(options.lang, "grade.timeLimit", { seconds: options.timeLimitMs / 1000 }), accountOf(participant));
  } finally {
    context.checking.delete(abort);
  }
}

/** What `check` says of the participant's account, or why it could not say anything. */
async function check(participant: Participant, region: string, signal: AbortSignal, context: Context): Promise<Outcome> {
  const { options } = context;
  const crashed = (error: unknown) =>
    failed(participant, context, t(options.lang, "grade.crashed", { reason: error instanceof Error ? error.message : String(error) }), accountOf(participant));
  let lease;
  try {
    lease = await context.access.lease(participant, region);
  } catch (error) {
    return error instanceof AccessError ? failed(participant, context, textOf(options.lang, error.reason), accountOf(participant)) : crashed(error);
  }
  try {
    const run = await checkAccount({
      step: options.step,
      lang: options.lang,
      live: options.live,
      apiName: options.apiName,
      timeoutMs: options.probeTimeoutMs,
      signal,
      clientSettings: lease.settings,
      clients: lease.clients,
      earlier: options.earlier?.get(participant.id),
    });
    // Cut off by Ctrl-C: what was judged is incomplete (the probe stopped), so it is no grade at all.
    if (options.signal?.aborted) return failed(participant, context, t(options.lang, "grade.interrupted"), run.report.account ?? accountOf(participant));
    if (run.fatal) return failed(participant, context, fatalReason(participant, run.fatal, options.lang), run.report.account ?? accountOf(participant));
    const evidence = run.snapshot && run.probe ? { snapshot: run.snapshot, probe: run.probe } : undefined;
    return { id: participant.id, line: participant.line, status: "graded", account: run.report.account, error: null, report: run.report, ...(evidence ? { evidence } : {}) };
  } catch (error) {
    return crashed(error);
  } finally {
    lease.release();
  }
}

/**
 * check's fatal message speaks to a participant at their own shell ("run aws configure"); the instructor needs
 * to know which profile of which roster line it was.
 */
function fatalReason(participant: Participant, fatal: string, lang: Lang): string {
  if (participant.access.kind !== "profile") return fatal;
  return t(lang, "grade.profileFailed", { profile: participant.access.profile, line: participant.line, reason: fatal });
}

function rosterError(row: Extract<RosterRow, { problem: Message }>, context: Context): Graded {
  const reason = t(context.options.lang, "grade.badRow", { line: row.line, message: textOf(context.options.lang, row.problem) });
  return { ...failed({ id: row.id!, line: row.line }, context, reason), durationMs: 0 };
}

function failed(who: { id: string; line: number }, context: Context, reason: string, account: string | null = null): Outcome {
  const { lang } = context.options;
  return {
    id: who.id,
    line: who.line,
    status: "error",
    account,
    error: reason,
    report: { account, region: "", apiId: null, summary: errorSummary(context.maxScore), results: [], lang },
  };
}

/** A participant not graded: nothing earned of the step's points, one error (the reason). */
export function errorSummary(maxScore: number): Summary {
  return { passed: 0, failed: 0, warned: 0, skipped: 0, errors: 1, score: 0, maxScore, unjudged: 0, unjudgedPoints: 0 };
}

function accountOf(participant: Participant): string | null {
  return participant.access.kind === "role" ? roleAccount(participant.access.roleArn) : null;
}

export function textOf(lang: Lang, message: Message): string {
  return t(lang, message.key, message.vars);
}

async function instructorRegion(settings: ClientSettings): Promise<string | undefined> {
  if (settings.region) return settings.region;
  const clients = createClients(settings);
  try {
    return await resolvedRegion(clients);
  } finally {
    clients.destroy();
  }
}

/** Runs `work` over the items, at most `limit` at once, keeping the items' order in the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** The work's result, or undefined when it takes longer than `ms` (the work itself goes on). */
async function withinLimit<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
