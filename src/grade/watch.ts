// grade --watch MINUTES: the class graded again every few minutes during the workshop. Between rounds this
// says who moved forward (a higher score, or checks that now pass) and who went back, and hands each
// participant's evidence to the next round, so an account that has not changed is not probed again.
import { t, type Lang } from "../i18n/index.js";
import type { Evidence, Graded, GradeRun } from "./run.js";

export interface Movement {
  id: string;
  from: number;
  to: number;
  max: number;
  /** Checks that pass (or warn) now and did not in the previous round. */
  nowPassing: string[];
  /** Checks that passed (or warned) in the previous round and do not now. */
  noLongerPassing: string[];
}

/** Participants graded in both rounds whose score or passing checks changed, forward first. */
export function movements(previous: GradeRun, current: GradeRun): { forward: Movement[]; back: Movement[] } {
  const before = new Map(previous.participants.filter(isGraded).map((p) => [p.id, p]));
  const forward: Movement[] = [];
  const back: Movement[] = [];
  for (const now of current.participants.filter(isGraded)) {
    const then = before.get(now.id);
    if (!then) continue;
    const passingThen = passing(then);
    const passingNow = passing(now);
    const movement: Movement = {
      id: now.id,
      from: then.report.summary.score,
      to: now.report.summary.score,
      max: now.report.summary.maxScore,
      nowPassing: [...passingNow].filter((id) => !passingThen.has(id)),
      noLongerPassing: [...passingThen].filter((id) => !passingNow.has(id)),
    };
    if (movement.to > movement.from || (movement.to === movement.from && movement.nowPassing.length > movement.noLongerPassing.length)) forward.push(movement);
    else if (movement.to < movement.from || movement.noLongerPassing.length > 0) back.push(movement);
  }
  return { forward, back };
}

/** The lines printed after a round: who moved forward, who went back, or that nobody moved. */
export function movementLines(previous: GradeRun, current: GradeRun, lang: Lang): string[] {
  const { forward, back } = movements(previous, current);
  if (forward.length === 0 && back.length === 0) return [t(lang, "watch.nobodyMoved")];
  const line = (m: Movement, key: "watch.forward" | "watch.back", checks: string[]) =>
    `  ${t(lang, key, { id: m.id, from: m.from, to: m.to, max: m.max, checks: checks.length > 0 ? checks.join(", ") : "-" })}`;
  return [
    ...(forward.length > 0 ? [t(lang, "watch.forwardHeader", { count: forward.length }), ...forward.map((m) => line(m, "watch.forward", m.nowPassing))] : []),
    ...(back.length > 0 ? [t(lang, "watch.backHeader", { count: back.length }), ...back.map((m) => line(m, "watch.back", m.noLongerPassing))] : []),
  ];
}

/** Each graded participant's evidence, for the next round. */
export function evidenceOf(run: GradeRun | undefined): Map<string, Evidence> {
  return new Map((run?.participants ?? []).flatMap((p) => (p.evidence ? [[p.id, p.evidence] as const] : [])));
}

/** Resolves after `ms`, or at once (false) when the signal aborts first. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (finished: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", stopped);
      resolve(finished);
    };
    const stopped = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", stopped, { once: true });
  });
}

function isGraded(p: Graded): boolean {
  return p.status === "graded";
}

function passing(p: Graded): Set<string> {
  return new Set(p.report.results.filter((result) => result.status === "pass" || result.status === "warn").map((result) => result.id));
}
