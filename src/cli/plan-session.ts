// From an account to a plan, the way `solve`, `reset` and `demo` all do it: read the account with the checker's
// own machinery (the same snapshot the checks judge), plan, and, only when the configuration needs no change,
// ask the live probe whether v1 serves it (routes and integrations carry no timestamps: botocore's apigatewayv2 model).
//
// Sources cited in this file:
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
import type { AwsClients, ClientSettings } from "../aws/clients.js";
import { checkAccount, type CheckRun } from "../check.js";
import type { Lang } from "../i18n/index.js";
import type { Snapshot } from "../collect/snapshot.js";
import type { ProbeStep } from "../probe/probe.js";
import { planCode } from "../plan/handlers.js";
import type { ApplyFailure, ApplyResult } from "../plan/apply.js";
import { DEPLOYABLE, type Change, type Plan } from "../plan/model.js";
import { planReset } from "../plan/reset.js";
import { planSolve, type SolveOptions } from "../plan/solve.js";
import { stageOf, text } from "../rules/read.js";
import { STEP2 } from "../../solution/target.js";

export interface SessionOptions {
  lang: Lang;
  clients: AwsClients;
  clientSettings: ClientSettings;
  apiName?: string;
  apiId?: string;
  prune?: boolean;
  withHandlers?: boolean;
  /** false: never probe (--no-live); a configuration that needs no change is then not redeployed. */
  live: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A spinner's steps; "done" when a check is over, so that it stops before the plan or a question is printed. */
  onProgress?: (step: ProbeStep | "collecting" | "done") => void;
  /** Called before the live probe that decides whether v1 needs a deployment. */
  onProbing?: () => void;
}

export interface Prepared {
  plan?: Plan;
  /** Set when the account could not be read at all (credentials, network, region): exit code 2. */
  fatal?: string;
  /** The live check made while planning, when there was one: it is the report when there is nothing to do. */
  liveRun?: CheckRun;
}

async function check(options: SessionOptions, step: "1" | "2", live: boolean, snapshot?: Snapshot): Promise<CheckRun> {
  try {
    return await checkAccount({
      step,
      lang: options.lang,
      live,
      apiName: options.apiName,
      apiId: options.apiId,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      clientSettings: options.clientSettings,
      clients: options.clients,
      onProgress: options.onProgress,
      ...(snapshot ? { snapshot } : {}),
    });
  } finally {
    options.onProgress?.("done");
  }
}

/** `again`: what earlier rounds of the same run did, when the account is read again (see applySolve). */
export async function prepareSolve(options: SessionOptions, again: Pick<SolveOptions, "own" | "undeployed"> = {}): Promise<Prepared> {
  const first = await check(options, "2", false);
  if (first.fatal || !first.snapshot) return { fatal: first.fatal ?? "no snapshot" };
  const code = options.withHandlers ? await planCode(first.snapshot) : { changes: [], notes: [] };
  const base: SolveOptions = { prune: options.prune, code: code.changes, codeNotes: code.notes, ...again };
  const plan = planSolve(first.snapshot, base);
  if (!needsProbe(plan, first)) return { plan };
  if (!options.live) return { plan: planSolve(first.snapshot, { ...base, ...probeOf(first) }) };
  options.onProbing?.();
  // The configuration was read a moment ago: only the probe is new.
  const live = await check(options, "2", true, first.snapshot);
  if (live.fatal || !live.snapshot) return { fatal: live.fatal ?? "no snapshot" };
  return { plan: planSolve(live.snapshot, { ...base, ...probeOf(live) }), liveRun: live };
}

/** Plans solve from a check already made with the live probe (the demo's first check). */
export function planFromLiveRun(run: CheckRun, options: Pick<SolveOptions, "prune"> = {}): Plan | undefined {
  return run.snapshot ? planSolve(run.snapshot, { ...options, ...probeOf(run) }) : undefined;
}

export async function prepareReset(options: SessionOptions): Promise<Prepared> {
  const first = await check(options, "2", false);
  if (first.fatal || !first.snapshot) return { fatal: first.fatal ?? "no snapshot" };
  return { plan: planReset(first.snapshot, { prune: options.prune }) };
}

/** The check shown after applying: step 2 with the live probe after solve, step 1 after reset. */
export function checkAfter(options: SessionOptions, action: Plan["action"]): Promise<CheckRun> {
  return action === "solve" ? check(options, "2", options.live) : check(options, "1", false);
}

/** Only a configuration that needs no change raises the question whether v1 serves it. */
function needsProbe(plan: Plan, run: CheckRun): boolean {
  if (plan.blockers.length > 0 || !run.snapshot) return false;
  if (plan.changes.some((change) => change.kind !== "updateCode" && change.kind !== "deleteIntegration")) return false;
  const stage = stageOf(run.snapshot, STEP2.stage);
  return Boolean(stage && text(stage.deploymentId) && !stage.autoDeploy);
}

/** The live evidence of a check run, typed as the probe reported it: the plan judges it, never the report's words. */
function probeOf(run: CheckRun): Pick<SolveOptions, "probe"> {
  return run.probe ? { probe: run.probe } : {};
}

/** Rounds of reading the account again after someone else changed it, before a conflict stands as a failure. */
export const RECONCILE_ROUNDS = 3;

export interface ApplyRounds {
  /** Applies one plan (the command prints each change as it goes). */
  apply(plan: Plan): Promise<ApplyResult>;
  /** A round is over and stands: its failure, if any, is not reconciled. */
  ended(plan: Plan, result: ApplyResult): void;
  /** The account is read again: after this failure (another writer's conflict), or after a round that ended well. */
  reconciling(failure: ApplyFailure | undefined): void;
}

export interface Converged {
  plan: Plan;
  result: ApplyResult;
  /** Rounds after the first, each planned from the account read again. */
  reconciled: number;
}

/**
 * Applies a solve plan so that two solves of one account at the same time both end well. A change that fails
 * because someone else changed the account (a conflict, or what it needs gone) does not end the run: the
 * account is read again and the rest planned anew from it (src/plan stays pure: it only gets told what this
 * run created and whether a deployment is owed). A run that created integrations reads the account once more
 * at the end, because the other solve may have wired the routes to its own meanwhile: then ours are deleted.
 */
export async function applySolve(first: Plan, options: SessionOptions, rounds: ApplyRounds): Promise<Converged> {
  const own: string[] = [];
  let undeployed = false;
  let plan = first;
  let result = await rounds.apply(plan);
  for (let reconciled = 0; ; reconciled++) {
    own.push(...createdIntegrations(result));
    undeployed = owesDeployment(undeployed, result.applied);
    const conflict = result.failed && reconcilable(result.failed) ? result.failed : undefined;
    const verify = !result.failed && !result.interrupted && createdIntegrations(result).length > 0;
    const again = (conflict || verify) && reconciled < RECONCILE_ROUNDS && !options.signal?.aborted;
    const next = again ? (await prepareSolve({ ...options, live: false }, { own, undeployed })).plan : undefined;
    // After a round that ended well, only a plan with something in it is worth a word.
    if (!next || next.blockers.length > 0 || (!conflict && next.changes.length === 0)) {
      rounds.ended(plan, result);
      return { plan, result, reconciled };
    }
    if (!conflict) rounds.ended(plan, result);
    rounds.reconciling(conflict);
    plan = next;
    result = await rounds.apply(plan);
  }
}

/** Another writer got there first (a conflict) or removed what a change needed (not found): reading again resolves it. */
function reconcilable(failure: ApplyFailure): boolean {
  return failure.kind === "conflict" || failure.kind === "notFound";
}

function createdIntegrations(result: ApplyResult): string[] {
  return result.applied.flatMap((change: Change) => (change.kind === "createIntegration" && result.created[change.ref] ? [result.created[change.ref]!] : []));
}

/** Whether the configuration changed after the last deployment this run made. */
function owesDeployment(before: boolean, applied: readonly Change[]): boolean {
  return applied.reduce((owed, change) => (change.kind === "deploy" ? false : owed || DEPLOYABLE.has(change.kind)), before);
}
