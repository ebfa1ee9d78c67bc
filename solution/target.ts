// What `solve` brings an account to, and, read the other way, what `reset` takes away to return to the state
// step 1 leaves: the workshop's step 2 (src/workshop/step2.ts) plus what only this tool adds, the statement ids
// it writes. The planner (src/plan) knows no route, no function and no item number of its own.
import { WORKSHOP_STEP2, type StepRoute, type WorkshopStep } from "../src/workshop/step2.js";

export type { Step2RouteKey } from "../src/workshop/step2.js";
export type RouteTarget = StepRoute;

export interface StepTarget extends WorkshopStep {
  /** Statement ids the tool writes start with this, so that they are recognisable and safe to replace. */
  statementPrefix: string;
}

export const STEP2: StepTarget = { ...WORKSHOP_STEP2, statementPrefix: "awsomepets-lab-checker-" };

/**
 * The tool's statement id for a route: `awsomepets-lab-checker-disconnect`. Lambda allows only
 * [a-zA-Z0-9-_.] in a statement id, so the route key's `$` is left out.
 */
export function statementId(target: StepTarget, routeKey: string): string {
  return `${target.statementPrefix}${routeKey.replace(/^\$/, "")}`;
}

export function isToolStatement(target: StepTarget, sid: string | undefined): boolean {
  return sid !== undefined && sid.startsWith(target.statementPrefix);
}
