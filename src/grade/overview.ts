// The class overview: what the class table, the step summary and report.html show above the participants.
// Per check (catalogue order) how many graded participants passed, warned, failed, skipped or met an error;
// the score distribution; and the checks where most people are stuck. Participants who could not be graded
// are counted apart: they have no results, and counting them as failures would blame every check for them.
import { checks as catalogue } from "../../checks/index.js";
import type { Status } from "../engine/check.js";
import type { GradeRun } from "./run.js";

export const STATUSES: readonly Status[] = ["pass", "warn", "fail", "skip", "error"];

export interface CheckOverview {
  id: string;
  /** The check's title in the run's language, as the participants' results give it. */
  title: string;
  /** Graded participants per status of this check. */
  counts: Record<Status, number>;
  /** Skips that only the live probe could have judged (--no-live); among counts.skip. */
  unjudged: number;
  /** Graded participants with a result for this check. */
  graded: number;
  /** Passed or warned: a warning earns its points, as in `check`. */
  passed: number;
  /** Passed out of the participants it judged (graded minus unjudged); null when it judged nobody. */
  passRate: number | null;
}

export interface ScoreBucket {
  /** Scores from..to, both included. */
  from: number;
  to: number;
  count: number;
}

export interface ClassOverview {
  graded: number;
  notGraded: { id: string; reason: string }[];
  maxScore: number;
  checks: CheckOverview[];
  distribution: ScoreBucket[];
  /** Checks that failed for someone, most failures first (ties in catalogue order). */
  stuck: CheckOverview[];
  /** Of the graded participants' scores; null when nobody was graded. */
  meanScore: number | null;
  medianScore: number | null;
}

type Participant = Pick<GradeRun["participants"][number], "id" | "status" | "error" | "report">;

export function classOverview(run: { participants: readonly Participant[] }): ClassOverview {
  const graded = run.participants.filter((p) => p.status === "graded");
  const scores = graded.map((p) => p.report.summary.score);
  const maxScore = Math.max(0, ...graded.map((p) => p.report.summary.maxScore));
  const checks = checkOverviews(graded);
  return {
    graded: graded.length,
    notGraded: run.participants.filter((p) => p.status !== "graded").map((p) => ({ id: p.id, reason: p.error ?? "" })),
    maxScore,
    checks,
    distribution: distribution(scores, maxScore),
    stuck: checks.filter((check) => check.counts.fail > 0).sort((a, b) => b.counts.fail - a.counts.fail),
    meanScore: scores.length ? scores.reduce((sum, score) => sum + score, 0) / scores.length : null,
    medianScore: median(scores),
  };
}

/** A result from before `unjudged` existed (an older results.json) is a judged one. */
export function isUnjudged(result: object): boolean {
  return (result as { unjudged?: unknown }).unjudged === true;
}

function checkOverviews(graded: readonly Participant[]): CheckOverview[] {
  const byId = new Map<string, CheckOverview>();
  for (const p of graded) {
    for (const result of p.report.results) {
      const check = byId.get(result.id) ?? emptyCheck(result.id, result.title);
      byId.set(result.id, check);
      check.counts[result.status]++;
      check.graded++;
      if (isUnjudged(result)) check.unjudged++;
    }
  }
  for (const check of byId.values()) {
    check.passed = check.counts.pass + check.counts.warn;
    const judged = check.graded - check.unjudged;
    check.passRate = judged > 0 ? check.passed / judged : null;
  }
  return [...byId.values()].sort((a, b) => catalogueIndex(a.id) - catalogueIndex(b.id));
}

function emptyCheck(id: string, title: string): CheckOverview {
  return { id, title, counts: { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 }, unjudged: 0, graded: 0, passed: 0, passRate: null };
}

/** The catalogue's order; a check it does not know (a results.json of another version) goes last. */
function catalogueIndex(id: string): number {
  const index = catalogue.findIndex((check) => check.id === id);
  return index < 0 ? catalogue.length : index;
}

/**
 * About ten buckets of equal width from 0, and full marks in a bucket of its own when the width is over one
 * point: "who finished" is the first thing a class is asked about. Up to 10 points, one bucket per score.
 */
export function distribution(scores: readonly number[], maxScore: number): ScoreBucket[] {
  const width = Math.max(1, Math.ceil(maxScore / 10));
  const buckets: ScoreBucket[] = [];
  for (let from = 0; from < maxScore; from += width) buckets.push({ from, to: Math.min(from + width, maxScore) - 1, count: 0 });
  buckets.push({ from: maxScore, to: maxScore, count: 0 });
  for (const score of scores) {
    // A score outside 0..maxScore (a participant graded on other checks) counts at the nearer end.
    const bucket = buckets.find((each) => score >= each.from && score <= each.to) ?? (score > maxScore ? buckets.at(-1)! : buckets[0]!);
    bucket.count++;
  }
  return buckets;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A rate as people read it: "67%"; "—" when there was nobody to judge. */
export function percent(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}
