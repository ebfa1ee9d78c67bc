// Runs check modules over a snapshot in dependency order and turns verdicts into results a report can
// print: a check whose dependency did not pass is skipped (naming it), a check that reads a part the
// collector could not read is an error (naming the IAM action), and a check that throws is an error too.
import { recordedErrorKind, type AwsErrorKind } from "../aws/errors.js";
import type { Snapshot } from "../collect/snapshot.js";
import { say, type Lang } from "../i18n/localized.js";
import type { ProbeResult } from "../probe/result.js";
import type { CheckModule, Fix, Localized, MessageRef, Status, Statuses } from "./check.js";
import { engineMessages } from "./messages.js";

export interface Result {
  id: string;
  step: 1 | 2;
  status: Status;
  title: string;
  detail: string;
  /** What to do; empty when the check passed. */
  hint: string;
  /** The commands of the hint, in the order to run them; empty when the check passed. */
  fix: Fix[];
  /** Points earned: the check's points when it passed or warned, else 0. */
  points: number;
  maxPoints: number;
  /** A skip that only the live probe could have judged (--no-live): its points are shown apart. */
  unjudged: boolean;
  durationMs: number;
}

export interface Summary {
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  errors: number;
  score: number;
  maxScore: number;
  /** Checks not judged without the live probe (--no-live), and their points: neither earned nor lost. */
  unjudged: number;
  unjudgedPoints: number;
}

export interface RunInput {
  checks: readonly CheckModule[];
  snapshot: Snapshot;
  probe?: ProbeResult;
  lang: Lang;
}

export function runChecks({ checks, snapshot, probe, lang }: RunInput): Result[] {
  const statuses = new Map<string, Status>();
  const byId = new Map(checks.map((check) => [check.id, check]));
  return orderByDependencies(checks).map((check) => {
    const started = performance.now();
    const verdict = judge(check, snapshot, probe, statuses, byId, lang);
    statuses.set(check.id, verdict.status);
    return {
      id: check.id,
      step: check.step,
      status: verdict.status,
      title: check.title[lang],
      detail: verdict.detail,
      hint: verdict.status === "pass" ? "" : verdict.hint,
      fix: verdict.status === "pass" ? [] : verdict.fix,
      points: verdict.status === "pass" || verdict.status === "warn" ? check.points : 0,
      maxPoints: check.points,
      unjudged: verdict.status === "skip" && verdict.unjudged === true,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
  });
}

export function summarize(results: Result[]): Summary {
  const count = (status: Status) => results.filter((result) => result.status === status).length;
  return {
    passed: count("pass"),
    failed: count("fail"),
    warned: count("warn"),
    skipped: count("skip"),
    errors: count("error"),
    score: results.reduce((sum, result) => sum + result.points, 0),
    maxScore: results.reduce((sum, result) => sum + result.maxPoints, 0),
    unjudged: results.filter((result) => result.unjudged).length,
    unjudgedPoints: results.reduce((sum, result) => sum + (result.unjudged ? result.maxPoints : 0), 0),
  };
}

interface Judged {
  status: Status;
  detail: string;
  hint: string;
  fix: Fix[];
  unjudged?: boolean;
}

function judge(
  check: CheckModule,
  snapshot: Snapshot,
  probe: ProbeResult | undefined,
  statuses: Map<string, Status>,
  byId: Map<string, CheckModule>,
  lang: Lang,
): Judged {
  const blocked = check.dependsOn.filter((id) => byId.has(id) && statuses.get(id) !== "pass" && statuses.get(id) !== "warn");
  if (blocked.length > 0) {
    return { status: "skip", detail: say(engineMessages["skip.dependency"], lang, { checks: blocked.join(", ") }), hint: "", fix: [] };
  }
  const failedRead = snapshot.errors.find((error) => check.reads.includes(error.part));
  if (failedRead) {
    const vars = { action: failedRead.action, code: failedRead.code, message: failedRead.message, resource: failedRead.resource ?? "" };
    return { status: "error", detail: say(engineMessages["error.read"], lang, vars), hint: say(errorHint(failedRead.code, failedRead.message), lang, vars), fix: [] };
  }
  if (check.reads.includes("probe") && probe?.error) {
    const vars = { ...probe.error, resource: "" };
    return { status: "error", detail: say(engineMessages["error.read"], lang, vars), hint: say(errorHint(probe.error.code, probe.error.message), lang, vars), fix: [] };
  }
  try {
    const verdict = check.run({ snapshot, probe, statuses: consultedStatuses(check, statuses) });
    const hint = verdict.hint ?? (verdict.status === "fail" || verdict.status === "warn" ? { key: "" } : undefined);
    return {
      status: verdict.status,
      detail: render(check, verdict.detail, lang),
      hint: hint === undefined ? "" : hint.key === "" ? check.hint[lang] : render(check, hint, lang),
      fix: verdict.fix ?? [],
      unjudged: verdict.unjudged,
    };
  } catch (error) {
    // A check that throws, or names a message it does not have, costs its own verdict, never the run.
    return { status: "error", detail: say(engineMessages["error.check"], lang, { message: error instanceof Error ? error.message : String(error) }), hint: "", fix: [] };
  }
}

/** The engine's hint for a read that failed: what the user (not the participant's config) must fix. */
function errorHint(code: string, message: string): Localized {
  return engineMessages[ERROR_HINTS[recordedErrorKind(code, message)]];
}

/** A kind without a hint of its own (not found, a conflict, anything unknown) is most likely the way to AWS. */
const ERROR_HINTS: Record<AwsErrorKind, keyof typeof engineMessages> = {
  aborted: "hint.interrupted",
  accessDenied: "hint.accessDenied",
  throttling: "hint.throttled",
  credentials: "hint.credentials",
  network: "hint.network",
  notFound: "hint.network",
  conflict: "hint.network",
  other: "hint.network",
};

function render(check: CheckModule, ref: MessageRef, lang: Lang): string {
  const message = check.messages[ref.key];
  if (!message) throw new Error(`check ${check.id} has no message "${ref.key}"`);
  return say(message, lang, ref.vars ?? {});
}

/**
 * The statuses a check declared it consults, and no other: a module that reads an undeclared id (only a cast
 * or plain JavaScript gets past the types) gets an error verdict naming it, not a status nobody reviewed.
 */
export function consultedStatuses(check: CheckModule, statuses: ReadonlyMap<string, Status>): Statuses {
  const declared = new Set(check.consults ?? []);
  return new ConsultedStatuses(
    check.id,
    declared,
    [...statuses].filter(([id]) => declared.has(id)),
  );
}

class ConsultedStatuses extends Map<string, Status> {
  constructor(
    private readonly checkId: string,
    private readonly declared: ReadonlySet<string>,
    entries: [string, Status][],
  ) {
    super(entries);
  }

  override get(id: string): Status | undefined {
    return super.get(this.declaredId(id));
  }

  override has(id: string): boolean {
    return super.has(this.declaredId(id));
  }

  private declaredId(id: string): string {
    if (!this.declared.has(id)) throw new Error(`check ${this.checkId} reads the status of ${id} without consulting it (consults: ${[...this.declared].join(", ") || "none"})`);
    return id;
  }
}

/** What a check needs run before it: the checks it depends on and those it consults. */
function prerequisites(check: CheckModule): readonly string[] {
  return [...check.dependsOn, ...(check.consults ?? [])];
}

/** Kahn's order, stable by the order checks were given; a cycle or unknown id is a programming error. */
export function orderByDependencies<C extends CheckModule>(checks: readonly C[]): C[] {
  const ids = new Set(checks.map((check) => check.id));
  const done = new Set<string>();
  const ordered: C[] = [];
  while (ordered.length < checks.length) {
    const next = checks.find((check) => !done.has(check.id) && prerequisites(check).every((id) => done.has(id) || !ids.has(id)));
    if (!next) throw new Error(`check dependencies form a cycle among: ${checks.filter((c) => !done.has(c.id)).map((c) => c.id).join(", ")}`);
    done.add(next.id);
    ordered.push(next);
  }
  return ordered;
}
