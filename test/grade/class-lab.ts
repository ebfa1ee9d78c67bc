// A class on the lab: one account per participant, each built into a scenario of the catalogue (in
// parallel: seeding is mostly waiting on the lab), reached by the grader through AssumeRole.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { checkAccount } from "../../src/check.js";
import { createClients, type AwsTarget, type ClientSettings } from "../../src/aws/clients.js";
import type { Report } from "../../src/report/model.js";
import type { Participant } from "../../src/grade/roster.js";
import { DEFAULT_KEY, LAB_REGION, labAccountKey, type Lab } from "../../src/lab/index.js";
import { buildScenario } from "../../src/lab/scenarios.js";
import type { Step1Resources } from "../../src/lab/seed.js";

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

/**
 * A participant's account that exists but holds nothing yet: labAccountKey(n) signs one request, as a
 * participant who has only logged in would, so the lab knows the account and AssumeRole into it works.
 */
export async function emptyAccount(lab: Lab, n: number): Promise<string> {
  const key = labAccountKey(n);
  const clients = createClients({ endpoint: lab.endpoint, region: LAB_REGION, credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey } });
  try {
    const who = await clients.sts.send(new GetCallerIdentityCommand({}));
    return who.Account!;
  } finally {
    clients.destroy();
  }
}

/** The instructor: the lab's default account, whose keys assume the participants' roles. */
export function instructor(lab: Lab): ClientSettings {
  return { endpoint: lab.endpoint, region: LAB_REGION, credentials: { accessKeyId: DEFAULT_KEY.accessKeyId, secretAccessKey: DEFAULT_KEY.secretAccessKey } };
}

export function participantOf(account: ClassAccount, line: number): Participant {
  return { line, id: account.id, access: { kind: "role", roleArn: account.roleArn } };
}

export function rosterCsv(accounts: readonly ClassAccount[]): string {
  return ["id,role_arn,region", ...accounts.map((a) => `${a.id},${a.roleArn},${LAB_REGION}`)].join("\n") + "\n";
}

/** What `check` says of the account, run directly with the participant's own keys. */
export async function checkDirectly(account: ClassAccount, live: boolean, lang: "en" | "ko" = "en"): Promise<Report> {
  const run = await checkAccount({ step: "all", lang, live, clientSettings: account.target });
  return run.report;
}

/** A report without what differs from run to run: timings, and the live probe's ids and waits in its details. */
export function verdicts(report: Report, exactDetails = true) {
  return {
    account: report.account,
    region: report.region,
    apiId: report.apiId,
    summary: report.summary,
    results: report.results.map(({ durationMs: _, detail, ...rest }) => ({ ...rest, detail: exactDetails || !rest.id.includes("live") ? detail : "" })),
  };
}
