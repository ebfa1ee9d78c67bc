// One lab, one account per scenario (labAccountKey(n)), and the solve/reset machinery pointed at an account
// with the real SDK: the ground the plan tests stand on. The lab's quotas stay off unless a test turns them on.
import { createClients, type AwsClients, type ClientSettings } from "../../src/aws/clients.js";
import { checkAccount, type CheckRun } from "../../src/check.js";
import { collect } from "../../src/collect/index.js";
import type { Snapshot } from "../../src/collect/snapshot.js";
import { createLab, LAB_REGION, labAccountKey, type Lab, type LabOptions } from "../../src/lab/index.js";
import { buildScenario } from "../../src/scenarios/catalogue.js";
import type { Step1Resources } from "../../src/scenarios/seed.js";
import type { SessionOptions } from "../../src/cli/plan-session.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** Long enough for a cold start on a busy machine; an undeployed but right configuration waits it twice. */
export const PROBE_MS = 10_000;

export interface Account {
  n: number;
  settings: ClientSettings;
  clients: AwsClients;
  resources: Step1Resources;
  session: SessionOptions;
  check(step: "1" | "2" | "all", live?: boolean): Promise<CheckRun>;
  snapshot(): Promise<Snapshot>;
}

export interface PlanLab {
  lab: Lab;
  /** Builds the scenario in the n-th account (n >= 2; 1 is the lab's default account). */
  account(n: number, scenario: string, clientOptions?: Pick<ClientSettings, "maxAttempts">): Promise<Account>;
  close(): Promise<void>;
}

export async function startPlanLab(options: LabOptions = {}): Promise<PlanLab> {
  const lab = await createLab(options);
  const made: AwsClients[] = [];
  return {
    lab,
    async account(n, scenario, clientOptions = {}) {
      const key = labAccountKey(n);
      const credentials = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
      const resources = await buildScenario({ endpoint: lab.endpoint, region: LAB_REGION, credentials }, scenario);
      const settings: ClientSettings = { endpoint: lab.endpoint, region: LAB_REGION, credentials, ...clientOptions };
      const clients = createClients(settings);
      made.push(clients);
      const session: SessionOptions = { lang: "en", clients, clientSettings: settings, live: true, timeoutMs: PROBE_MS };
      return {
        n,
        settings,
        clients,
        resources,
        session,
        check: (step, live = true) => checkAccount({ step, lang: "en", live, timeoutMs: PROBE_MS, clientSettings: settings, clients }),
        snapshot: () => collect(clients, { region: LAB_REGION }),
      };
    },
    async close() {
      for (const clients of made) clients.destroy();
      await lab.close();
    },
  };
}

/** Check id → status, the verdicts a participant sees. */
export function statuses(run: CheckRun): Record<string, string> {
  if (run.fatal) throw new Error(`the check could not run: ${run.fatal}`);
  return Object.fromEntries(run.report.results.map((result) => [result.id, result.status]));
}

