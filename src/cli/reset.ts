// `npm run reset -- --step 2`: back to the state workshop step 1 leaves, removing only what step 2 adds
// (src/plan/reset.ts says what that is), with the same plan, confirmation and --dry-run as solve.
import "./quiet-sdk.js";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { planOptions, type PlanArgs } from "../plan/cli-options.js";
import { LAB_STATES } from "./embedded-lab.js";
import { exitWith, runPlanCli } from "./plan-cli.js";

async function main(): Promise<number> {
  const args = (await planOptions(yargs(hideBin(process.argv)).scriptName("npm run reset --"), "reset", LAB_STATES).parse()) as unknown as PlanArgs;
  // The step-1 check that follows needs no probe: step 1 has no live check.
  return runPlanCli(args, () => ({ action: "reset", live: false }));
}

exitWith(main());
