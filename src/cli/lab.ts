// `npm run lab`: the local lab in the foreground, seeded at workshop step 1, until Ctrl-C.
import "./quiet-sdk.js";
import { commandLine } from "./command-line.js";
import { parseLang, t, type Lang } from "../i18n/index.js";
import { AWS_QUOTAS, createLab, freshLabAccountKey, LAB_REGION, labAccountKey, type AccountKey, type Lab } from "../lab/index.js";
import { SCENARIO_NAMES } from "../scenarios/names.js";
import { buildScenario } from "../scenarios/catalogue.js";

interface LabArgs {
  port: number;
  accounts: number;
  state: string;
  lang?: string;
  latency: number;
  throttle: boolean;
  disconnectDelay: number;
}

async function main(): Promise<void> {
  const { parser, describe } = commandLine();
  const args = (await parser
    .scriptName("npm run lab --")
    .option("port", { type: "number", default: 4566, describe: describe("port") })
    .option("accounts", { type: "number", default: 1, describe: describe("accounts") })
    .option("state", { type: "string", choices: SCENARIO_NAMES, default: "step1", describe: describe("state") })
    .option("lang", { type: "string", choices: ["ko", "en"], describe: describe("lang") })
    .option("latency", { type: "number", default: 0, describe: describe("latency") })
    .option("throttle", { type: "boolean", default: false, describe: describe("throttle") })
    .option("disconnect-delay", { type: "number", default: 0, describe: describe("disconnectDelay") })
    .strict()
    .help()
    .parse()) as unknown as LabArgs;
  const lang = parseLang(args.lang);
  const say = (line: string) => process.stdout.write(`${line}\n`);

  // Alone, the lab keeps the default key the README gives. Shared by several people, every account gets a
  // secret made for this run, the first too: its key is published and it may assume a role in every other
  // account (the grader's, src/lab/sts.ts), so with it anyone could open the others.
  const count = Math.max(1, args.accounts);
  const keys = Array.from({ length: count }, (_, i) => (count > 1 ? freshLabAccountKey(i + 1) : labAccountKey(i + 1)));
  say(t(lang, "lab.starting"));
  let lab: Lab;
  try {
    lab = await createLab({
      port: args.port,
      accounts: keys,
      faults: { latencyMs: args.latency, quotas: args.throttle ? AWS_QUOTAS : undefined, disconnectDelayMs: args.disconnectDelay },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(`${code === "EADDRINUSE" ? t(lang, "lab.portInUse", { port: args.port }) : t(lang, "lab.failed", { reason: (error as Error).message })}\n`);
    process.exitCode = 2;
    return;
  }
  stopOnSignal(lab, lang);

  const accounts: string[] = [];
  try {
    for (const [index, key] of keys.entries()) {
      say(t(lang, "lab.seeding", { n: index + 1, total: keys.length, state: args.state }));
      const seeded = await buildScenario({ endpoint: lab.endpoint, region: LAB_REGION, credentials: key }, args.state);
      accounts.push(...describeAccount(lab, lang, key, index + 1, keys.length, seeded.apiId));
    }
  } catch (error) {
    await lab.close();
    throw error;
  }
  printUsage(lab, lang, accounts, keys, args);
}

/**
 * One seeded account as a participant needs it: its id, both halves of its key, and the URL of its
 * OrderCallbackAPI on stage v1 (or a note that the state has none, e.g. `api-missing`).
 */
function describeAccount(lab: Lab, lang: Lang, key: AccountKey, n: number, total: number, apiId: string): string[] {
  const api = lab.stores.apigw.findApi(apiId) ? t(lang, "lab.apiEndpoint", { url: `${lab.wsEndpoint}/${apiId}/v1` }) : t(lang, "lab.noApi");
  return [
    `  ${t(lang, "lab.account", { n, total, account: key.accountId })}`,
    `    ${t(lang, "lab.accessKeyId", { accessKeyId: key.accessKeyId })}`,
    `    ${t(lang, "lab.secretAccessKey", { secretAccessKey: key.secretAccessKey })}`,
    `    ${api}`,
  ];
}

function printUsage(lab: Lab, lang: Lang, accounts: string[], keys: AccountKey[], args: LabArgs): void {
  const key = keys[0]!;
  const lines = [
    "",
    t(lang, "lab.ready", { endpoint: lab.endpoint, region: LAB_REGION }),
    ...accounts,
    "",
    t(lang, keys.length > 1 ? "lab.useEnvFirst" : "lab.useEnv"),
    `  export AWS_ENDPOINT_URL=${lab.endpoint}`,
    `  export AWS_REGION=${LAB_REGION}`,
    // AWS CLI v1 reads the region from AWS_DEFAULT_REGION only.
    `  export AWS_DEFAULT_REGION=${LAB_REGION}`,
    `  export AWS_ACCESS_KEY_ID=${key.accessKeyId}`,
    `  export AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`,
    "",
    t(lang, "lab.useCli"),
    `  aws apigatewayv2 get-apis --endpoint-url ${lab.endpoint} --region ${LAB_REGION}`,
    `  aws lambda get-policy --function-name OrderWSPendingFunction --endpoint-url ${lab.endpoint} --region ${LAB_REGION}`,
    "",
    t(lang, "lab.useCheck"),
    `  npm run check -- --endpoint ${lab.endpoint} --region ${LAB_REGION}`,
    "",
  ];
  if (args.latency || args.throttle || args.disconnectDelay) {
    const onOff = t(lang, args.throttle ? "common.on" : "common.off");
    lines.push(t(lang, "lab.faults", { latency: args.latency, throttle: onOff, disconnect: args.disconnectDelay }), "");
  }
  lines.push(t(lang, "lab.stop"));
  process.stdout.write(`${lines.join("\n")}\n`);
}

function stopOnSignal(lab: Lab, lang: Lang): void {
  const stop = () => {
    lab.close().then(
      () => {
        process.stdout.write(`${t(lang, "lab.stopped")}\n`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${t(parseLang(undefined), "lab.failed", { reason: error instanceof Error ? error.message : String(error) })}\n`);
  process.exitCode = 2;
});
