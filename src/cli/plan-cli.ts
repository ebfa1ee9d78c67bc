// What `solve` and `reset` share as commands: the account (AWS, --endpoint, or a fresh embedded lab with
// --lab), clients made once, Ctrl-C that lets the change under way finish, and the crash message.
import { createClients } from "../aws/clients.js";
import { parseLang, t, type Lang } from "../i18n/index.js";
import type { PlanArgs } from "./plan-options.js";
import { runPlanCommand, type CommandOptions } from "./plan-command.js";
import { startEmbeddedLab, type EmbeddedLab } from "./embedded-lab.js";
import { progressLine } from "./progress.js";
import { onStopSignals } from "./signals.js";

type Extra = Partial<Pick<CommandOptions, "withHandlers" | "onProbing">> & Pick<CommandOptions, "action" | "live">;

export async function runPlanCli(args: PlanArgs, extra: (lang: Lang) => Extra): Promise<number> {
  const lang = parseLang(args.lang);
  let lab: EmbeddedLab | undefined;
  if (args.lab) lab = await startEmbeddedLab(args.labState, lang);
  const clientSettings = lab ? lab.settings : { region: args.region, profile: args.profile, endpoint: args.endpoint };
  const clients = createClients(clientSettings);
  const abort = new AbortController();
  const stopping = onStopSignals(abort, lang);
  try {
    return await runPlanCommand({
      ...extra(lang),
      lang,
      clients,
      clientSettings,
      apiName: args.apiName,
      apiId: args.apiId,
      prune: args.prune,
      timeoutMs: args.timeout * 1000,
      signal: abort.signal,
      onProgress: progressLine(process.stderr, lang),
      yes: args.yes,
      dryRun: args.dryRun,
      throwaway: Boolean(lab),
      out: process.stdout,
      err: process.stderr,
    });
  } finally {
    stopping();
    clients.destroy();
    await lab?.close();
  }
}

export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${t(parseLang(undefined), "solve.crashed", { reason: error instanceof Error ? error.message : String(error) })}\n`);
      process.exit(2);
    },
  );
}
