// `npm run reset -- --step 2`: back to the state workshop step 1 leaves, removing only what step 2 adds
// (src/plan/reset.ts says what that is), with the same plan, confirmation and --dry-run as solve.
import "./quiet-sdk.js";
import { commandLine } from "./command-line.js";
import { planOptions, type PlanArgs } from "./plan-options.js";
import { LAB_STATES } from "./embedded-lab.js";
import { exitWith, runPlanCli } from "./plan-cli.js";

async function main(): Promise<number> {
  const { parser, describe } = commandLine();
  const args = (await planOptions(parser.scriptName("npm run reset --"), "reset", LAB_STATES, describe).parse()) as unknown as PlanArgs;
  // The step-1 check that follows needs no probe: step 1 has no live check.
  return runPlanCli(args, () => ({ action: "reset", live: false }));
}

exitWith(main());
