// The solve plan: the fewest changes from a snapshot to the step's target. What is already right is reused
// (a correct integration, targeted or not; a statement that already allows the route; an existing route
// response), and nothing the tool did not create is edited or deleted, except a route's wrong target.
//
// Sources cited in this file:
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
import { lambdaIntegrationUri, parseLambdaFunctionArn } from "../aws/arn.js";
import type { FunctionView, IntegrationView, Snapshot, SnapshotPart } from "../collect/snapshot.js";
import { executeApiSourceArn } from "../policy/lambda-policy.js";
import type { ProbeResult } from "../probe/result.js";
import { judgeDeployment, type DeploymentJudgement } from "../rules/deployment.js";
import { judgeIntegration, judgeRoute } from "../rules/integration.js";
import { twoWayOf } from "../rules/two-way.js";
import { allowsAnySource, decideRoute, sidOf, statementLabel, statementsOf } from "../rules/permission.js";
import { functionOf, stageOf, targetIntegrationId, text } from "../rules/read.js";
import { removePermissionCommand } from "../workshop/cli-commands.js";
import { STEP2, isToolStatement, statementId, type RouteTarget, type StepTarget } from "../../solution/target.js";
import { expectedFunction, placeOf, whyRewire, type ApiPlace } from "./inspect.js";
import { DEPLOYABLE, type Change, type Message, type Plan, type Ref } from "./model.js";

export interface SolveOptions {
  /** Delete integrations that no route targets once the plan is applied. */
  prune?: boolean;
  /**
   * What the live probe saw (or that it was switched off), judged with the snapshot by the rule s2.deployed
   * follows (src/rules/deployment.ts) when the plan changes nothing else. Without it no deployment is planned
   * for a configuration that needs no change, since the control plane cannot tell (API Gateway's WebSocket deployments).
   */
  probe?: ProbeResult;
  /** Code updates (--with-handlers), planned by src/plan/handlers.ts from what it read. */
  code?: Change[];
  codeNotes?: Message[];
  /**
   * Integrations this run of solve created in an earlier round. When another solve wired the route to its own
   * integration meanwhile, these are deleted whatever --prune says: they are ours and nobody uses them.
   */
  own?: readonly string[];
  /** An earlier round changed the configuration and failed before its deployment: deploy even if nothing else changes. */
  undeployed?: boolean;
}

/** The snapshot parts a solve plan rests on: any of them unread and there is no plan. */
export const SOLVE_READS: readonly SnapshotPart[] = ["api", "routes", "routeResponses", "integrations", "stages", "functions", "policies"];

export function planSolve(snapshot: Snapshot, options: SolveOptions = {}, target: StepTarget = STEP2): Plan {
  const plan: Plan = { action: "solve", step: target.step, region: snapshot.region, changes: [], notes: [], blockers: [] };
  const place = placeOf(snapshot, SOLVE_READS);
  if (Array.isArray(place)) return { ...plan, blockers: place };
  Object.assign(plan, { account: place.account, apiId: place.apiId });
  const functions = target.routes.map((route) => functionOf(snapshot, route.role));
  target.routes.forEach((route, i) => {
    if (!functions[i]) plan.blockers.push({ kind: "missing", key: "blocked.noFunction", vars: { role: route.role, region: place.region } });
  });
  if (plan.blockers.length > 0) return plan;

  const routing = new Routing(snapshot, place, target);
  target.routes.forEach((route, i) => routing.wire(route, functions[i]!));
  const permissions = target.routes.flatMap((route, i) => permit(place, target, route, functions[i]!, plan.notes));
  const twoWay = target.routes.filter((route) => route.twoWay).flatMap((route) => routing.twoWay(route));
  plan.changes.push(...routing.integrations, ...routing.targets, ...permissions, ...twoWay);
  plan.changes.push(...deployment(snapshot, target, plan, options));
  plan.changes.push(...prune(snapshot, routing.targetsAfter(), options, plan.notes));
  plan.changes.push(...(options.code ?? []));
  plan.notes.push(...(options.codeNotes ?? []));
  return plan;
}

/** Route targets and integrations: which integration each step route ends up on, creating one only when none is right. */
class Routing {
  readonly integrations: Change[] = [];
  readonly targets: Change[] = [];
  private readonly after = new Map<string, Ref>();

  constructor(
    private readonly snapshot: Snapshot,
    private readonly place: ApiPlace,
    private readonly target: StepTarget,
  ) {}

  /** The route re-pointed (or created) exactly when the rule the checks judge by says it does not call `fn` rightly. */
  wire(route: RouteTarget, fn: FunctionView): void {
    const { trace, judgement } = judgeRoute(this.snapshot, route.routeKey, expectedFunction(this.place, fn));
    if (trace.kind === "noRoute") return this.createRoute(route, fn);
    const why = whyRewire(trace, judgement?.ok === false ? judgement.problem : undefined, fn.name, { routeKey: route.routeKey, items: route.items });
    if (!why || !("route" in trace)) return;
    const current = trace.route;
    const integration = this.integrationFor(route, fn);
    this.targets.push({ kind: "setTarget", routeKey: route.routeKey, routeId: current.routeId, integration, ...(text(current.target) ? { previous: current.target! } : {}), why });
    this.after.set(route.routeKey, integration);
  }

  private createRoute(route: RouteTarget, fn: FunctionView): void {
    const integration = this.integrationFor(route, fn);
    const ref = `route:${route.routeKey}`;
    this.targets.push({
      kind: "createRoute",
      ref,
      routeKey: route.routeKey,
      integration,
      ...(route.twoWay ? { selectionExpression: this.target.twoWayKey } : {}),
      why: { key: "why.noRoute", vars: { routeKey: route.routeKey } },
    });
    this.after.set(route.routeKey, integration);
  }

  /** A correct integration the API already has (one that no route uses first), else a new one. */
  private integrationFor(route: RouteTarget, fn: FunctionView): Ref {
    const used = new Set(this.snapshot.routes.map((r) => targetIntegrationId(r.target)).filter(Boolean));
    const expected = expectedFunction(this.place, fn);
    const correct = this.snapshot.integrations.filter((i) => judgeIntegration(i, expected).ok);
    const reuse = correct.find((i) => !used.has(i.integrationId)) ?? correct[0];
    if (reuse) return { id: reuse.integrationId };
    const ref = `integration:${route.routeKey}`;
    const functionArn = parseLambdaFunctionArn(fn.arn)?.unqualifiedArn ?? fn.arn;
    this.integrations.push({
      kind: "createIntegration",
      ref,
      routeKey: route.routeKey,
      functionName: fn.name,
      integrationType: this.target.integration.type,
      integrationMethod: this.target.integration.method,
      integrationUri: lambdaIntegrationUri(this.place.region, functionArn),
      why: { key: "why.newIntegration", vars: { functionName: fn.name } },
    });
    return { created: ref };
  }

  /** Only the half of the two-way setup the rule finds missing (src/rules/two-way.ts); both for a route created now. */
  twoWay(route: RouteTarget): Change[] {
    const key = this.target.twoWayKey;
    const current = twoWayOf(this.snapshot, route.routeKey);
    const routeRef: Ref = current ? { id: current.route.routeId } : { created: `route:${route.routeKey}` };
    const changes: Change[] = [];
    if (current && !current.expressionRight) {
      const expression = current.expression;
      const why: Message = expression ? { key: "why.otherExpression", vars: { routeKey: route.routeKey, expression } } : { key: "why.noExpression", vars: { routeKey: route.routeKey } };
      changes.push({ kind: "setSelectionExpression", routeKey: route.routeKey, routeId: current.route.routeId, expression: key, why });
    }
    if (current?.routeResponseId === undefined) {
      changes.push({ kind: "createRouteResponse", routeKey: route.routeKey, route: routeRef, routeResponseKey: key, why: { key: "why.noRouteResponse", vars: { routeKey: route.routeKey } } });
    }
    return changes;
  }

  /** Integration id (or ref) each route targets once the plan is applied. */
  targetsAfter(): Set<string> {
    const ids = new Set<string>();
    for (const route of this.snapshot.routes) {
      const id = this.after.has(route.routeKey) ? undefined : targetIntegrationId(route.target);
      if (id) ids.add(id);
    }
    for (const ref of this.after.values()) if ("id" in ref) ids.add(ref.id);
    return ids;
  }
}

/** The invoke permission for one route: nothing when a statement already allows it, else the tool's own. */
function permit(place: ApiPlace, target: StepTarget, route: RouteTarget, fn: FunctionView, notes: Message[]): Change[] {
  const decision = decideRoute(fn.policy, place, fn.arn, route.routeKey, target.stage);
  const sid = statementId(target, route.routeKey);
  const statements = statementsOf(fn.policy);
  const where = { region: place.region, ...(place.endpoint ? { endpoint: place.endpoint } : {}) };
  const deciding = decision.decidedBy;
  const found = deciding ? statementLabel(deciding.statement, deciding.index) : "-";
  const vars = { functionName: fn.name, sid: found, routeKey: route.routeKey, command: removePermissionCommand(where, fn.name, found) };
  if (decision.decision === "Allow") {
    if (allowsAnySource(decision)) notes.push({ key: "note.noSourceArn", vars });
    return [];
  }
  if (decision.decision === "ExplicitDeny") {
    notes.push({ key: "note.denied", vars });
    return [];
  }
  const sourceArn = executeApiSourceArn(place.region, place.account, place.apiId, "*", route.routeKey);
  const add: Change = {
    kind: "addPermission",
    routeKey: route.routeKey,
    functionName: fn.name,
    statementId: sid,
    sourceArn,
    why: { key: fn.policy ? "why.noPermission" : "why.noPolicy", vars: { functionName: fn.name, routeKey: route.routeKey, items: route.permissionItem } },
  };
  // A statement of the tool's that no longer allows the route (the API was re-created): the tool wrote it, so it may replace it.
  const stale = statements.some((statement) => sidOf(statement) === sid && isToolStatement(target, sid));
  if (!stale) return [add];
  return [{ kind: "removePermission", functionName: fn.name, statementId: sid, why: { key: "why.replaceOwn", vars: { statementId: sid, routeKey: route.routeKey } } }, add];
}

/** A deployment to v1 when the configuration changes or the probe saw v1 serve an older one; the stage first if there is none. */
function deployment(snapshot: Snapshot, target: StepTarget, plan: Plan, options: SolveOptions): Change[] {
  // The probe's evidence speaks of the deployment only once the rest is right (s2.deployed depends on the
  // configuration checks): no other change planned, and no Deny left for the user to remove.
  const settled = plan.changes.length === 0 && !plan.notes.some((note) => note.key === "note.denied");
  const stageName = target.stage;
  const stage = stageOf(snapshot, stageName);
  if (!stage) {
    return [
      { kind: "createStage", stageName, why: { key: "why.noStage", vars: { stageName } } },
      { kind: "deploy", stageName, why: { key: "why.configChanged", vars: { stageName } } },
    ];
  }
  const configChanged = options.undeployed === true || plan.changes.some((change) => DEPLOYABLE.has(change.kind));
  if (stage.autoDeploy) {
    if (configChanged) plan.notes.push({ key: "note.autoDeploy", vars: { stageName } });
    return [];
  }
  if (!text(stage.deploymentId)) return [{ kind: "deploy", stageName, why: { key: "why.neverDeployed", vars: { stageName } } }];
  if (configChanged) return [{ kind: "deploy", stageName, why: { key: "why.configChanged", vars: { stageName } } }];
  if (!options.probe || !settled) return [];
  const judged = judgeDeployment(snapshot, options.probe, stageName);
  if (judged.state === "stale") return [{ kind: "deploy", stageName, why: whyStale(judged.reason, stageName) }];
  if (judged.state === "pending") plan.notes.push({ key: "note.deployPending", vars: { stageName, deploymentId: judged.deployment.deploymentId } });
  if (judged.state === "unconfirmed") plan.notes.push({ key: `note.deployUnconfirmed.${judged.why}`, vars: { stageName, code: judged.code ?? "-" } });
  return [];
}

function whyStale(reason: Extract<DeploymentJudgement, { state: "stale" }>["reason"], stageName: string): Message {
  switch (reason.kind) {
    case "missing":
      return { key: "why.deploymentMissing", vars: { stageName, deploymentId: reason.deploymentId } };
    case "failed":
      return { key: "why.deploymentFailed", vars: { stageName, deploymentId: reason.deployment.deploymentId, status: String(reason.deployment.deploymentStatus ?? "-") } };
    case "elsewhere":
      return { key: "why.stale.elsewhere", vars: { stageName, otherStage: reason.elsewhere.stageName, otherDeploymentId: reason.elsewhere.deployment.deploymentId } };
    case "undeployed":
      return { key: `why.stale.${reason.symptom}`, vars: { stageName } };
    case "contradicted":
      return { key: "why.stale.contradicted", vars: { stageName, outcome: reason.outcome } };
  }
}

/** Integrations no route will target: this run's own deleted, the others deleted with --prune, else only named. */
function prune(snapshot: Snapshot, targeted: Set<string>, options: SolveOptions, notes: Message[]): Change[] {
  const orphans: IntegrationView[] = snapshot.integrations.filter((integration) => !targeted.has(integration.integrationId));
  const own = new Set(options.own ?? []);
  const others = orphans.filter((integration) => !own.has(integration.integrationId));
  if (others.length > 0 && options.prune !== true) notes.push({ key: "note.orphans", vars: { ids: others.map((i) => i.integrationId).join(", ") } });
  const deleted = options.prune === true ? orphans : orphans.filter((integration) => own.has(integration.integrationId));
  return deleted.map((integration): Change => {
    const vars = { integrationId: integration.integrationId, integrationType: integration.integrationType };
    return { kind: "deleteIntegration", integrationId: integration.integrationId, why: { key: own.has(integration.integrationId) ? "why.ownUnused" : "why.prune", vars } };
  });
}
