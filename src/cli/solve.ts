// `npm run solve -- --step 2`: the smallest set of changes that completes the step in the account, printed
// with the reason for each, confirmed, applied, and followed by the step's check with the live probe.
import "./quiet-sdk.js";
import { commandLine } from "./command-line.js";
import { t } from "../i18n/index.js";
import { planOptions, type PlanArgs } from "./plan-options.js";
import { LAB_STATES } from "./embedded-lab.js";
import { exitWith, runPlanCli } from "./plan-cli.js";

interface SolveArgs extends PlanArgs {
  withHandlers: boolean;
  live: boolean;
}

async function main(): Promise<number> {
  const { parser, describe } = commandLine();
  const args = (await planOptions(parser.scriptName("npm run solve --"), "solve", LAB_STATES, describe)
    .option("with-handlers", { type: "boolean", default: false, describe: describe("withHandlers") })
    .option("live", { type: "boolean", default: true, describe: describe("solveLive") })
    .parse()) as unknown as SolveArgs;
  return runPlanCli(args, (lang) => ({
    action: "solve",
    live: args.live,
    withHandlers: args.withHandlers,
    onProbing: () => process.stderr.write(`${t(lang, "solve.probing")}\n`),
  }));
}

exitWith(main());
