// Workshop step 2 as data (lab guide items 4-12): what `solve` brings an account to, and, read the other way,
// what `reset` takes away to return to the state step 1 leaves. The planner (src/plan) knows no route, no
// function and no item number of its own; everything step-specific is here.
import { STAGE_NAME, type FunctionRole } from "../src/workshop/names.js";
import { ROUTE_ITEMS, ROUTE_ROLE } from "../src/workshop/routes.js";

export type Step2RouteKey = "$disconnect" | "$default";

export interface RouteTarget {
  routeKey: Step2RouteKey;
  /** The workshop function that serves the route. */
  role: FunctionRole;
  /** Two-way communication (item 8, "add integration response"): selection expression and route response `$default`. */
  twoWay: boolean;
  /** Items of the lab guide that set the route up, for the plan's reasons. */
  items: string;
  /** The item whose dialog adds the invoke permission. */
  permissionItem: string;
}

export interface StepTarget {
  step: 2;
  routes: readonly RouteTarget[];
  /** A Lambda proxy integration as the console creates it (reference 1.1). */
  integration: { type: "AWS_PROXY"; method: "POST" };
  /** The only key WebSocket APIs support for route responses and their selection (reference 3). */
  twoWayKey: "$default";
  stage: "v1";
  /** The route step 1 sets up, whose function's permissions reset must leave alone. */
  step1Route: { routeKey: "$connect"; role: FunctionRole };
  /** Statement ids the tool writes start with this, so that they are recognisable and safe to replace. */
  statementPrefix: string;
}

function routeTarget(routeKey: Step2RouteKey, twoWay: boolean): RouteTarget {
  const items = ROUTE_ITEMS[routeKey];
  return { routeKey, role: ROUTE_ROLE[routeKey], twoWay, items: items.integration, permissionItem: items.permission };
}

export const STEP2: StepTarget = {
  step: 2,
  routes: [routeTarget("$disconnect", false), routeTarget("$default", true)],
  integration: { type: "AWS_PROXY", method: "POST" },
  twoWayKey: "$default",
  stage: STAGE_NAME,
  step1Route: { routeKey: "$connect", role: ROUTE_ROLE.$connect },
  statementPrefix: "awsomepets-lab-checker-",
};

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
