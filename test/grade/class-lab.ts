// What the grade tests do with a class on the lab besides building it (bench/lib/class-lab.ts builds it,
// for the benchmarks too): empty accounts, the instructor's keys, rosters, and `check` run directly.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { checkAccount } from "../../src/check.js";
import { createClients, type ClientSettings } from "../../src/aws/clients.js";
import type { Report } from "../../src/report/model.js";
import type { Participant } from "../../src/grade/roster.js";
import { DEFAULT_KEY, LAB_REGION, labAccountKey, type Lab } from "../../src/lab/index.js";
import type { ClassAccount } from "../../bench/lib/class-lab.js";

export { buildClass, GRADER_ROLE, rosterCsv, type ClassAccount } from "../../bench/lib/class-lab.js";

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
