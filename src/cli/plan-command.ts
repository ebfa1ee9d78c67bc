// What `solve` and `reset` do once the options are parsed: plan, print the plan, ask (or refuse), apply,
// print exactly what was done, and show the check that follows. Exit codes: 0 done and nothing fails;
// 1 a check fails, a change failed, the user said no, or the account lacks what the step builds on;
// 2 the tool could not read the account or would not apply without --yes.
import { createInterface } from "node:readline/promises";
import type { CheckRun } from "../check.js";
import { t } from "../i18n/index.js";
import { render } from "../report/render.js";
import { colorWanted } from "../report/table.js";
import { applyPlan, type ApplyResult } from "../plan/apply.js";
import { describeEvent, describeOutcome, describePlan, describeReconcile } from "../plan/describe.js";
import type { Plan } from "../plan/model.js";
import type { RetryPolicy } from "../plan/retry.js";
import { applySolve, checkAfter, prepareReset, prepareSolve, type ApplyRounds, type SessionOptions } from "./plan-session.js";

export interface CommandOptions extends SessionOptions {
  action: Plan["action"];
  yes: boolean;
  dryRun: boolean;
  /** No confirmation: the embedded lab is thrown away with the command, nothing of the user's is at stake. */
  throwaway?: boolean;
  retry?: RetryPolicy;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** Where the question is asked; a TTY on both ends is what counts as interactive. */
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  interactive?: boolean;
}

export async function runPlanCommand(options: CommandOptions): Promise<number> {
  const { lang, out, err } = options;
  err.write(`${t(lang, "solve.reading")}\n`);
  const prepared = options.action === "solve" ? await prepareSolve(options) : await prepareReset(options);
  if (prepared.fatal || !prepared.plan) {
    err.write(`${prepared.fatal}\n`);
    return 2;
  }
  const plan = prepared.plan;
  out.write(describePlan(plan, lang));
  if (plan.blockers.length > 0) return plan.blockers.some((blocker) => blocker.kind === "unreadable") ? 2 : 1;
  if (plan.changes.length === 0) {
    const run = prepared.liveRun ?? (await checkAfter(options, plan.action));
    return report(run, options);
  }
  if (options.dryRun) {
    err.write(`${t(lang, "solve.dryRun")}\n`);
    return 0;
  }
  const consent = await agree(plan, options);
  if (consent !== "yes") {
    err.write(`${t(lang, consent === "refused" ? "solve.needYes" : "solve.declined")}\n`);
    return consent === "refused" ? 2 : 1;
  }
  out.write(`${t(lang, "apply.heading")}\n`);
  const { result } = plan.action === "solve" ? await applySolve(plan, options, printedRounds(options)) : { result: await apply(plan, options) };
  if (result.failed || result.interrupted) return 1;
  if (plan.action === "solve" && (await deployIfStale(plan, options)) === "failed") return 1;
  err.write(`${t(lang, plan.action === "solve" ? "solve.checking" : "reset.checking")}\n`);
  return report(await checkAfter(options, plan.action), options);
}

/**
 * A plan that only adds permissions (or code) cannot know whether v1 serves the routes: with a permission
 * missing, the probe sees the permission's error, not the deployment's. Once they are in place the probe
 * can tell, so solve asks again and deploys a stale v1 in the same run instead of leaving it to a second one.
 */
async function deployIfStale(plan: Plan, options: CommandOptions): Promise<"none" | "applied" | "failed"> {
  if (!options.live || plan.changes.some((change) => change.kind === "deploy")) return "none";
  const again = await prepareSolve(options);
  const next = again.plan;
  if (!next || next.blockers.length > 0 || next.changes.length === 0) return "none";
  options.out.write(describePlan(next, options.lang));
  const result = await apply(next, options);
  return result.failed || result.interrupted ? "failed" : "applied";
}

type Printing = Pick<CommandOptions, "lang" | "clients" | "retry" | "signal" | "out">;

/** Applies with a line per change as it is done, then the full account of the run. */
export async function apply(plan: Plan, options: Printing): Promise<ApplyResult> {
  const result = await applyPrinting(plan, options);
  options.out.write(describeOutcome(plan, result, options.lang));
  return result;
}

function applyPrinting(plan: Plan, options: Printing): Promise<ApplyResult> {
  return applyPlan(plan, options.clients, {
    retry: options.retry,
    signal: options.signal,
    onEvent: (event) => {
      const line = describeEvent(plan, event, options.lang);
      if (line) options.out.write(`${line}\n`);
    },
  });
}

/** Solve's rounds as the user reads them: the changes, one line when the account is read again, how it ended. */
function printedRounds(options: Printing): ApplyRounds {
  const { lang, out } = options;
  return {
    apply: (plan) => applyPrinting(plan, options),
    // Read again and nothing left to do: the other writer finished the step.
    ended: (plan, result) => out.write(plan.changes.length === 0 ? describePlan(plan, lang) : describeOutcome(plan, result, lang)),
    reconciling: (failure) => out.write(describeReconcile(failure, lang)),
  };
}

async function agree(plan: Plan, options: CommandOptions): Promise<"yes" | "no" | "refused"> {
  if (options.yes || options.throwaway) return "yes";
  const input = options.input ?? process.stdin;
  // The question goes to stderr, so stdout may be redirected to keep the plan while someone still answers.
  const interactive = options.interactive ?? Boolean(process.stdin.isTTY && process.stderr.isTTY);
  if (!interactive) return "refused";
  const prompt = createInterface({ input, output: options.err });
  const ctrlC = new AbortController();
  prompt.on("SIGINT", () => ctrlC.abort());
  prompt.on("close", () => ctrlC.abort());
  try {
    const answer = await prompt.question(t(options.lang, "solve.confirm", { count: plan.changes.length }), { signal: ctrlC.signal });
    return /^\s*(y|yes|예|네|ㅇ)\s*$/i.test(answer) ? "yes" : "no";
  } catch {
    // Ctrl-C at the question, or the input closed before an answer: a no.
    return "no";
  } finally {
    prompt.close();
  }
}

/** The check's table, and the exit code the check command would give for it. */
export function report(run: CheckRun, options: Pick<CommandOptions, "out" | "err">): number {
  if (run.fatal) {
    options.err.write(`${run.fatal}\n`);
    return 2;
  }
  const stdout = options.out as NodeJS.WriteStream;
  options.out.write(render(run.report, "table", { color: colorWanted(stdout), width: stdout.columns }));
  const summary = run.report.summary;
  if (summary.failed > 0) return 1;
  return summary.errors > 0 ? 2 : 0;
}
