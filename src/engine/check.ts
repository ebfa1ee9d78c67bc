// The contract of a check module (checks/<id>.ts): everything about a check stands in one place, its id,
// step, points, dependencies, what it reads, and its words in Korean and English. The engine never
// changes when a check is added (DESIGN.md; the shape of Prowler's checks and cfn-lint's rules).
import type { Snapshot, SnapshotPart } from "../collect/snapshot.js";
import type { ProbeResult } from "../probe/result.js";

export type Status = "pass" | "fail" | "warn" | "skip" | "error";

export interface Localized {
  ko: string;
  en: string;
}

/** A message of the check's own catalogue, with {placeholders} filled from vars. */
export interface MessageRef {
  key: string;
  vars?: Record<string, string | number>;
}

/**
 * One shell command of a hint, for the report's "To fix" section: a change to the account, the deployment
 * that makes changes live (always run after every change), or a command to look (logs), which may fail when
 * there is nothing to show and is listed apart.
 */
export interface Fix {
  command: string;
  phase: "change" | "deploy" | "look";
}

export interface Verdict {
  /**
   * skip: the check had nothing to judge (the live probe did not run); error: the checker could not tell
   * (the probe's socket met a network failure). A module says which, with its own detail and hint.
   */
  status: "pass" | "fail" | "warn" | "skip" | "error";
  detail: MessageRef;
  /** What to do; defaults to the module's hint on fail and warn, to none on pass, skip and error. */
  hint?: MessageRef;
  /** The commands that do what the hint says, in order; the hint's words never repeat them. */
  fix?: Fix[];
  /**
   * On a skip: the live probe would have judged this check, but it was switched off (--no-live). Its points
   * are neither earned nor lost: reports show them apart, so a score without the probe is not read as final.
   */
  unjudged?: boolean;
}

export interface CheckInput {
  snapshot: Snapshot;
  probe?: ProbeResult;
  /** Statuses of the checks that ran before this one. */
  statuses: ReadonlyMap<string, Status>;
}

export interface CheckModule {
  /** Stable: instructors and CI refer to it (test/expected/verdicts.ts keeps the list). */
  id: string;
  step: 1 | 2;
  points: number;
  /** Checks that must pass (or warn) first; otherwise this one is skipped naming them. */
  dependsOn: string[];
  /** Snapshot parts the check reads: a failed read of any of them makes the check an error. */
  reads: SnapshotPart[];
  title: Localized;
  /** The general fix: which item of the lab guide, what to click, the AWS CLI command. */
  hint: Localized;
  /** Details and specific hints, referred to by key from the verdict. */
  messages: Record<string, Localized>;
  run(input: CheckInput): Verdict;
}
