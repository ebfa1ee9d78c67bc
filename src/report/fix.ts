// The "To fix" section: the commands of every failed or warned check, in the order to run them (the
// changes in catalogue order, then the deployment that makes them live), each once; then, apart, the
// commands that only show something (logs), which may find nothing. One command per line, nothing else on
// the line, so that a participant can copy the lines and run them as they are.
import type { Result } from "../engine/run.js";
import { t, type Lang } from "../i18n/index.js";

export interface FixPlan {
  /** Changes, then deployments: run in this order. */
  run: string[];
  /** To look at when the check still fails after the fix. */
  look: string[];
}

export function fixPlan(results: Result[]): FixPlan {
  const wanted = results.filter((result) => result.status === "fail" || result.status === "warn").flatMap((result) => result.fix);
  const commands = (phase: string) => [...new Set(wanted.filter((fix) => fix.phase === phase).map((fix) => fix.command))];
  return { run: [...commands("change"), ...commands("deploy")], look: commands("look") };
}

/** The section as printed under the table; empty when there is nothing to run. */
export function renderFixSection(results: Result[], lang: Lang): string {
  const plan = fixPlan(results);
  const parts: string[] = [];
  if (plan.run.length > 0) parts.push(`${t(lang, "report.fix.run")}\n\n${plan.run.join("\n")}\n`);
  if (plan.look.length > 0) parts.push(`${t(lang, "report.fix.look")}\n\n${plan.look.join("\n")}\n`);
  return parts.join("\n");
}
