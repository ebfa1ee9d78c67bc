// A plan and its application as a person reads them, in the chosen language: each change with why it is
// needed, what is left alone, and after applying, exactly what was and was not done.
import { t, type Lang } from "../i18n/index.js";
import type { ApplyEvent, ApplyFailure, ApplyResult } from "./apply.js";
import type { Change, Message, Plan, Ref } from "./model.js";

export function say(lang: Lang, message: Message): string {
  return t(lang, message.key, message.vars ?? {});
}

export function describePlan(plan: Plan, lang: Lang): string {
  const lines: string[] = [];
  if (plan.blockers.length > 0) {
    lines.push(t(lang, "plan.blocked"), ...plan.blockers.map((blocker) => `  ✘ ${say(lang, blocker)}`));
    return `${lines.join("\n")}\n`;
  }
  if (plan.changes.length === 0) lines.push(t(lang, `plan.nothing.${plan.action}`, { step: plan.step }));
  else {
    const vars = { step: plan.step, account: plan.account ?? "-", region: plan.region, apiId: plan.apiId ?? "-", count: plan.changes.length };
    lines.push(t(lang, `plan.header.${plan.action}`, vars));
    plan.changes.forEach((change, index) => {
      lines.push(`  ${index + 1}. ${describeChange(plan, change, lang)}`);
      lines.push(`     ${t(lang, "plan.why")}: ${say(lang, change.why)}`);
    });
  }
  if (plan.notes.length > 0) lines.push(t(lang, "plan.notes"), ...plan.notes.map((note) => `  - ${say(lang, note)}`));
  return `${lines.join("\n")}\n`;
}

/** What one change does; ids an earlier change creates are named by that change's number, or by the id once known. */
export function describeChange(plan: Plan, change: Change, lang: Lang, created: Readonly<Record<string, string>> = {}): string {
  const integration = (ref: Ref) => refText(plan, ref, lang, created);
  switch (change.kind) {
    case "createRoute":
      return t(lang, "change.createRoute", { routeKey: change.routeKey, integration: integration(change.integration) });
    case "setTarget": {
      const vars = { routeKey: change.routeKey, routeId: change.routeId, integration: integration(change.integration) };
      return change.previous ? t(lang, "change.setTarget", { ...vars, previous: change.previous }) : t(lang, "change.setTargetNew", vars);
    }
    case "setSelectionExpression":
      return change.expression === ""
        ? t(lang, "change.clearSelectionExpression", { routeKey: change.routeKey })
        : t(lang, "change.setSelectionExpression", { routeKey: change.routeKey, expression: change.expression });
    case "updateCode":
      return t(lang, "change.updateCode", { functionName: change.functionName, handler: change.handler });
    default: {
      const { why: _why, kind, ...fields } = change;
      return t(lang, `change.${kind}`, fields as Record<string, string>);
    }
  }
}

function refText(plan: Plan, ref: Ref, lang: Lang, created: Readonly<Record<string, string>>): string {
  if ("id" in ref) return t(lang, "ref.existing", { integrationId: ref.id });
  const id = created[ref.created];
  if (id) return t(lang, "ref.createdId", { integrationId: id });
  const index = plan.changes.findIndex((change) => "ref" in change && change.ref === ref.created);
  return t(lang, "ref.created", { n: index + 1 });
}

/** One line per applied change as it happens, and the wait for a quota. */
export function describeEvent(plan: Plan, event: ApplyEvent, lang: Lang): string | undefined {
  const created = event.created;
  if (event.type === "waiting") return t(lang, "apply.waiting", { operation: event.operation, seconds: Math.ceil(event.ms / 1000) });
  if (event.type !== "done") return undefined;
  const ref = "ref" in event.change ? created[event.change.ref] : undefined;
  return t(lang, "apply.done", { n: event.index + 1, text: describeChange(plan, event.change, lang, created) }) + (ref ? t(lang, "apply.created", { id: ref }) : "");
}

/** The exact account of a run: the failed change, the ones not applied, and how it ends. */
export function describeOutcome(plan: Plan, result: ApplyResult, lang: Lang): string {
  const lines: string[] = [];
  const count = plan.changes.length;
  if (result.failed) {
    const { change, index, name } = result.failed;
    lines.push(t(lang, "apply.failed", { n: index + 1, text: describeChange(plan, change, lang, result.created), name, message: failureText(result.failed, lang) }));
  }
  for (const change of result.notApplied) {
    lines.push(t(lang, "apply.notApplied", { n: plan.changes.indexOf(change) + 1, text: describeChange(plan, change, lang, result.created) }));
  }
  const rest = result.notApplied.length;
  if (result.failed) lines.push(t(lang, "apply.partial", { count, applied: result.applied.length, failedN: result.failed.index + 1, rest }));
  else if (result.interrupted) lines.push(t(lang, "apply.interrupted", { count, applied: result.applied.length, rest }));
  else lines.push(t(lang, "apply.allDone", { count }));
  return `${lines.join("\n")}\n`;
}

function failureText(failure: ApplyFailure, lang: Lang): string {
  return failure.why ? say(lang, failure.why) : failure.message;
}

/**
 * The one line saying that the account was read again and planned anew because someone else changed it
 * meanwhile: after a failed change (its conflict), or after a round that ended well but left work to redo.
 */
export function describeReconcile(failure: ApplyFailure | undefined, lang: Lang): string {
  if (!failure) return `${t(lang, "apply.reconcile.changed")}\n`;
  const reason = failure.why ? say(lang, failure.why) : `${failure.name}: ${failure.message}`;
  return `${t(lang, "apply.reconcile.conflict", { n: failure.index + 1, reason })}\n`;
}
