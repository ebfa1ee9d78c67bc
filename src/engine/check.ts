// The contract of a check module (checks/<id>.ts): everything about a check stands in one place, its id,
// step, points, dependencies, what it reads, and its words in Korean and English. The engine never
// changes when a check is added (DESIGN.md; the shape of Prowler's checks and cfn-lint's rules).
import type { Snapshot, SnapshotPart } from "../collect/snapshot.js";
import type { Vars } from "../i18n/fill.js";
import type { Localized } from "../i18n/localized.js";
import type { ProbeResult } from "../probe/result.js";

export type { Localized };

export type Status = "pass" | "fail" | "warn" | "skip" | "error";

/** A message of the check's own catalogue (one of its keys K), with {placeholders} filled from vars. */
export interface MessageRef<K extends string = string> {
  key: K;
  vars?: Vars;
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

export interface Verdict<K extends string = string> {
  /**
   * skip: the check had nothing to judge (the live probe did not run); error: the checker could not tell
   * (the probe's socket met a network failure). A module says which, with its own detail and hint.
   */
  status: "pass" | "fail" | "warn" | "skip" | "error";
  detail: MessageRef<K>;
  /** What to do; defaults to the module's hint on fail and warn, to none on pass, skip and error. */
  hint?: MessageRef<K>;
  /** The commands that do what the hint says, in order; the hint's words never repeat them. */
  fix?: Fix[];
  /**
   * On a skip: the live probe would have judged this check, but it was switched off (--no-live). Its points
   * are neither earned nor lost: reports show them apart, so a score without the probe is not read as final.
   */
  unjudged?: boolean;
}

/** The statuses of the checks a check consults (C), and of no other: the engine hands it only those. */
export type Statuses<C extends string = string> = ReadonlyMap<C, Status>;

export interface CheckInput<C extends string = never> {
  snapshot: Snapshot;
  probe?: ProbeResult;
  /** Statuses of the consulted checks that ran before this one (a check left out of the run has none). */
  statuses: Statuses<C>;
}

/**
 * A check module: K its message keys, C the ids of the checks whose statuses it consults. A verdict naming a
 * message the module does not have, or reading the status of a check it did not declare, fails to compile
 * when the module is written with defineCheck. `CheckModule` alone (string, string) is any module, the
 * type of the catalogue.
 */
export interface CheckModule<K extends string = string, C extends string = string> {
  /** Stable: instructors and CI refer to it (test/expected/verdicts.ts keeps the list). */
  id: string;
  step: 1 | 2;
  points: number;
  /** Checks that must pass (or warn) first; otherwise this one is skipped naming them. */
  dependsOn: readonly string[];
  /**
   * Checks whose statuses this one reads without depending on them: it runs whatever they said, and uses
   * their statuses to tell causes apart (a live check naming the configuration check that explains it).
   */
  consults?: readonly C[];
  /** Snapshot parts the check reads: a failed read of any of them makes the check an error. */
  reads: SnapshotPart[];
  title: Localized;
  /** The general fix: which item of the lab guide, what to click, the AWS CLI command. */
  hint: Localized;
  /** Details and specific hints, referred to by key from the verdict. */
  messages: Record<K, Localized>;
  run(input: CheckInput<C>): Verdict<K>;
}

/**
 * A check module with its message keys taken from its messages (and its consulted ids from `consults`),
 * so that run's verdicts may name those keys only.
 */
export function defineCheck<K extends string, const C extends string = never>(
  check: Omit<CheckModule<K, C>, "run"> & { run(input: CheckInput<C>): Verdict<NoInfer<K>> },
): CheckModule<K, C> {
  return check;
}
