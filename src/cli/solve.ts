// `npm run solve -- --step 2`: the smallest set of changes that completes the step in the account, printed
// with the reason for each, confirmed, applied, and followed by the step's check with the live probe.
import "./quiet-sdk.js";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { t } from "../i18n/index.js";
import { planOptions, type PlanArgs } from "../plan/cli-options.js";
import { LAB_STATES } from "./embedded-lab.js";
import { exitWith, runPlanCli } from "./plan-cli.js";

interface SolveArgs extends PlanArgs {
  withHandlers: boolean;
  live: boolean;
}

async function main(): Promise<number> {
  const args = (await planOptions(yargs(hideBin(process.argv)).scriptName("npm run solve --"), "solve", LAB_STATES)
    .option("with-handlers", { type: "boolean", default: false, describe: "also replace the three functions' code with the reference handlers (solution/handlers)" })
    .option("live", { type: "boolean", default: true, describe: "probe v1 live (--no-live: no probe, so a right but undeployed configuration is not redeployed)" })
    .parse()) as unknown as SolveArgs;
  return runPlanCli(args, (lang) => ({
    action: "solve",
    live: args.live,
    withHandlers: args.withHandlers,
    onProbing: () => process.stderr.write(`${t(lang, "solve.probing")}\n`),
  }));
}

exitWith(main());
