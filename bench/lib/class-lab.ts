// A class on the lab: one account per participant, each built into a scenario of the catalogue (in
// parallel: seeding is mostly waiting on the lab), reached by the grader through AssumeRole. The benchmarks
// (bench/grade.ts, bench/interrupt.ts) and the grade tests (test/grade/class-lab.ts) build their classes here.
import type { AwsTarget } from "../../src/aws/clients.js";
import { LAB_REGION, labAccountKey, type Lab } from "../../src/lab/index.js";
import { buildScenario } from "../../src/scenarios/catalogue.js";
import type { Step1Resources } from "../../src/scenarios/seed.js";

export const GRADER_ROLE = "AWSomePetsGrader";

export interface ClassAccount {
  id: string;
  scenario: string;
  account: string;
  roleArn: string;
  /** The participant's own keys, as `check` on their machine would use them. */
  target: AwsTarget;
  /** What step 1 left in the account (the API, routes, functions), for a test that moves the participant on. */
  resources: Step1Resources;
}

/** Accounts labAccountKey(first), labAccountKey(first + 1), ... in the given scenarios, built at once. */
export async function buildClass(lab: Lab, scenarios: readonly string[], first = 2): Promise<ClassAccount[]> {
  return Promise.all(
    scenarios.map(async (scenario, i) => {
      const key = labAccountKey(first + i);
      const target = { endpoint: lab.endpoint, region: LAB_REGION, credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey } };
      const resources = await buildScenario(target, scenario);
      return { id: `student${first + i}@example.com`, scenario, account: key.accountId, roleArn: `arn:aws:iam::${key.accountId}:role/${GRADER_ROLE}`, target, resources };
    }),
  );
}

export function rosterCsv(accounts: readonly ClassAccount[]): string {
  return ["id,role_arn,region", ...accounts.map((a) => `${a.id},${a.roleArn},${LAB_REGION}`)].join("\n") + "\n";
}
