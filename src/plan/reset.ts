// The reset plan: back to the state workshop step 1 leaves, removing only what step 2 adds. What counts as
// "added by step 2" (README, "npm run reset"):
// - the targets of the step's routes ($disconnect, $default), and the integrations they targeted when no
//   other route (such as $connect) still targets them;
// - the route responses and the route response selection expression of those routes;
// - invoke permissions that belong to those routes: every statement written by this tool, and every
//   statement of a workshop function that, on its own, lets API Gateway invoke that function for this API's
//   $disconnect or $default on v1 — except, on the step-1 function (the $connect function), a statement
//   that also allows $connect, which step 1 needs;
// - then a deployment to v1, so that v1 serves the step-1 configuration again.
// Left alone: the routes themselves, stages (v2 included), deployments, functions and their code, statements
// for other APIs, and integrations step 2 did not target (unless --prune, which deletes every integration
// no route targets).
import type { FunctionView, Snapshot, SnapshotPart } from "../collect/snapshot.js";
import { FUNCTION_ROLES } from "../workshop/names.js";
import { sidOf, statementAllowsRoute, statementsOf } from "../rules/permission.js";
import { functionOf, routeOf, stageOf, targetIntegrationId, text } from "../rules/read.js";
import { STEP2, isToolStatement, type StepTarget } from "../../solution/target.js";
import { placeOf, type ApiPlace } from "./inspect.js";
import { DEPLOYABLE, type Change, type Message, type Plan } from "./model.js";

export interface ResetOptions {
  prune?: boolean;
}

export const RESET_READS: readonly SnapshotPart[] = ["api", "routes", "routeResponses", "integrations", "stages", "functions", "policies"];

export function planReset(snapshot: Snapshot, options: ResetOptions = {}, target: StepTarget = STEP2): Plan {
  const plan: Plan = { action: "reset", step: target.step, region: snapshot.region, changes: [], notes: [], blockers: [] };
  const place = placeOf(snapshot, RESET_READS);
  if (Array.isArray(place)) return { ...plan, blockers: place };
  Object.assign(plan, { account: place.account, apiId: place.apiId });
  const routes = unwire(snapshot, target, plan.notes);
  const permissions = FUNCTION_ROLES.flatMap((role) => {
    const fn = functionOf(snapshot, role);
    return fn ? revoke(fn, role === target.step1Route.role, place, target, plan.notes) : [];
  });
  plan.changes.push(...routes.changes, ...permissions);
  plan.changes.push(...redeploy(snapshot, target, plan));
  plan.changes.push(...deleteIntegrations(snapshot, target, routes.detached, options.prune === true, plan.notes));
  return plan;
}

/** Detaches the step's routes and takes their two-way setup away. */
function unwire(snapshot: Snapshot, target: StepTarget, notes: Message[]): { changes: Change[]; detached: Set<string> } {
  const changes: Change[] = [];
  const detached = new Set<string>();
  for (const step of target.routes) {
    const route = routeOf(snapshot, step.routeKey);
    if (!route) {
      notes.push({ key: "note.routeMissing", vars: { routeKey: step.routeKey } });
      continue;
    }
    const why: Message = { key: "why.reset.step2", vars: { items: step.items } };
    const previous = text(route.target);
    if (previous) {
      changes.push({ kind: "clearTarget", routeKey: step.routeKey, routeId: route.routeId, previous, why });
      const id = targetIntegrationId(previous);
      if (id) detached.add(id);
    }
    if (text(route.routeResponseSelectionExpression)) {
      changes.push({ kind: "setSelectionExpression", routeKey: step.routeKey, routeId: route.routeId, expression: "", why: { key: "why.reset.twoWay", vars: {} } });
    }
    for (const response of snapshot.routeResponses[route.routeId] ?? []) {
      changes.push({ kind: "deleteRouteResponse", routeKey: step.routeKey, routeId: route.routeId, routeResponseId: response.routeResponseId, routeResponseKey: response.routeResponseKey, why: { key: "why.reset.twoWay", vars: {} } });
    }
  }
  return { changes, detached };
}

/** The statements of one function that belong to step 2's routes (see the rule at the top). */
function revoke(fn: FunctionView, servesStep1: boolean, place: ApiPlace, target: StepTarget, notes: Message[]): Change[] {
  const changes: Change[] = [];
  for (const statement of statementsOf(fn.policy)) {
    const sid = sidOf(statement);
    const routes = target.routes.filter((route) => statementAllowsRoute(statement, place, fn.arn, route.routeKey, target.stage)).map((route) => route.routeKey);
    const own = isToolStatement(target, sid);
    const neededByStep1 = servesStep1 && statementAllowsRoute(statement, place, fn.arn, target.step1Route.routeKey, target.stage);
    if (!own && (routes.length === 0 || neededByStep1)) continue;
    if (!sid) {
      notes.push({ key: "note.noSid", vars: { functionName: fn.name, routeKeys: routes.join(", ") } });
      continue;
    }
    const why: Message = own ? { key: "why.reset.own", vars: {} } : { key: "why.reset.permission", vars: { functionName: fn.name, routeKeys: routes.join(", ") } };
    changes.push({ kind: "removePermission", functionName: fn.name, statementId: sid, why });
  }
  return changes;
}

function redeploy(snapshot: Snapshot, target: StepTarget, plan: Plan): Change[] {
  if (!plan.changes.some((change) => DEPLOYABLE.has(change.kind))) return [];
  const stage = stageOf(snapshot, target.stage);
  if (!stage) {
    plan.notes.push({ key: "note.noStageReset", vars: { stageName: target.stage } });
    return [];
  }
  if (stage.autoDeploy) {
    plan.notes.push({ key: "note.autoDeploy", vars: { stageName: target.stage } });
    return [];
  }
  return [{ kind: "deploy", stageName: target.stage, why: { key: "why.reset.deploy", vars: { stageName: target.stage } } }];
}

/** The integrations step 2 targeted that no other route keeps, and with --prune every other one no route targets. */
function deleteIntegrations(snapshot: Snapshot, target: StepTarget, detached: Set<string>, prune: boolean, notes: Message[]): Change[] {
  const stepKeys = new Set<string>(target.routes.map((route) => route.routeKey));
  const kept = new Set(snapshot.routes.filter((route) => !stepKeys.has(route.routeKey)).map((route) => targetIntegrationId(route.target)));
  const changes: Change[] = [];
  const orphans: string[] = [];
  for (const integration of snapshot.integrations) {
    const id = integration.integrationId;
    if (kept.has(id)) continue;
    if (detached.has(id)) changes.push({ kind: "deleteIntegration", integrationId: id, why: { key: "why.reset.integration", vars: { integrationId: id } } });
    else if (prune) changes.push({ kind: "deleteIntegration", integrationId: id, why: { key: "why.prune", vars: { integrationId: id, integrationType: integration.integrationType } } });
    else orphans.push(id);
  }
  if (orphans.length > 0) notes.push({ key: "note.orphans", vars: { ids: orphans.join(", ") } });
  return changes;
}
