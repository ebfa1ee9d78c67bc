// The options `solve` and `reset` share with each other and with `check`: where the account is, which API,
// which language, and how much to do.
// (The lab's scenario names come in from the command: nothing under src/plan knows the lab.)
import { API_NAME } from "../workshop/names.js";
import type { Argv } from "yargs";
import { TOOL } from "../version.js";

/** Describes an option in the user's language (src/cli/command-line.ts). */
export type Describe = (option: "step" | "solveStep" | "resetStep" | "region" | "profile" | "endpoint" | "apiName" | "apiId" | "lang" | "yes" | "dryRun" | "prune" | "planLab" | "labState" | "planTimeout") => string;

export interface PlanArgs {
  step: string;
  region?: string;
  profile?: string;
  endpoint?: string;
  apiName?: string;
  apiId?: string;
  lang?: string;
  yes: boolean;
  dryRun: boolean;
  prune: boolean;
  lab: boolean;
  labState: string;
  timeout: number;
}

export function planOptions<T>(argv: Argv<T>, action: "solve" | "reset", labStates: string[], describe: Describe) {
  return argv
    .usage("$0 --step 2 [options]")
    .option("step", { type: "string", choices: ["2"], default: "2", describe: describe(action === "solve" ? "solveStep" : "resetStep") })
    .option("region", { type: "string", describe: describe("region") })
    .option("profile", { type: "string", describe: describe("profile") })
    .option("endpoint", { type: "string", describe: describe("endpoint") })
    .option("api-name", { type: "string", default: API_NAME, describe: describe("apiName") })
    .option("api-id", { type: "string", describe: describe("apiId") })
    .option("lang", { choices: ["ko", "en"], describe: describe("lang") })
    .option("yes", { alias: "y", type: "boolean", default: false, describe: describe("yes") })
    .option("dry-run", { type: "boolean", default: false, describe: describe("dryRun") })
    .option("prune", { type: "boolean", default: false, describe: describe("prune") })
    .option("lab", { type: "boolean", default: false, describe: describe("planLab") })
    .option("lab-state", { choices: labStates, default: "step1", describe: describe("labState") })
    .option("timeout", { type: "number", default: 10, describe: describe("planTimeout") })
    .strict()
    .version(TOOL.version)
    .help();
}
