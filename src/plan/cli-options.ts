// The options `solve` and `reset` share with each other and with `check`: where the account is, which API,
// which language, and how much to do.
// (The lab's scenario names come in from the command: nothing under src/plan knows the lab.)
import type { Argv } from "yargs";

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

export function planOptions<T>(argv: Argv<T>, action: "solve" | "reset", labStates: string[]) {
  return argv
    .usage("$0 --step 2 [options]")
    .option("step", { type: "string", choices: ["2"], default: "2", describe: action === "solve" ? "the workshop step to complete" : "the workshop step to undo (back to the state step 1 leaves)" })
    .option("region", { type: "string", describe: "AWS region (default: AWS_REGION or the profile's region)" })
    .option("profile", { type: "string", describe: "AWS profile for credentials" })
    .option("endpoint", { type: "string", describe: "AWS endpoint URL (same as AWS_ENDPOINT_URL), e.g. a running local lab" })
    .option("api-name", { type: "string", default: "OrderCallbackAPI", describe: "name of the WebSocket API" })
    .option("api-id", { type: "string", describe: "id of the WebSocket API (instead of its name)" })
    .option("lang", { choices: ["ko", "en"], describe: "language (default: from the locale, Korean when unsure)" })
    .option("yes", { alias: "y", type: "boolean", default: false, describe: "apply the plan without asking (needed when not on a terminal)" })
    .option("dry-run", { type: "boolean", default: false, describe: "print the plan and change nothing" })
    .option("prune", { type: "boolean", default: false, describe: "also delete integrations that no route targets" })
    .option("lab", { type: "boolean", default: false, describe: "work on a fresh embedded local lab (no AWS account needed; no confirmation)" })
    .option("lab-state", { choices: labStates, default: "step1", describe: "the embedded lab's scenario (with --lab)" })
    .option("timeout", { type: "number", default: 10, describe: "seconds the live probe waits at most for each step" })
    .strict()
    .version()
    .help();
}
