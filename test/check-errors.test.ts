// What the checker cannot tell is an error, never the participant's failure: AccessDenied on one
// call (aws-sdk-client-mock: the lab has no IAM), throttling that outlasts the SDK's retries (the lab's
// fault injection) and expired credentials (a lab session that has run out), through checkAccount and
// through the real CLI, whose exit code is then 2 with a message in the chosen language.
import { GetPolicyCommand } from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createClients, type ClientSettings } from "../src/aws/clients.js";
import { checkAccount, type CheckRun } from "../src/check.js";
import type { Status } from "../src/engine/check.js";
import { t } from "../src/i18n/index.js";
import { applyStep2 } from "../src/scenarios/seed.js";
import { CHECK_IDS, type CheckId } from "./expected/verdicts.js";
import { cliEnv, runCli } from "./helpers/cli.js";
import { accessDenied } from "./helpers/denied.js";
import { startSeededLab, type SeededLab } from "./helpers/seeded.js";
import { warmFunctions } from "./helpers/warm.js";
import { printingErrors } from "./helpers/hooks.js";

const test = suite<{ lab: SeededLab }>("errors of the checker, not of the participant", { lab: undefined as unknown as SeededLab });

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startSeededLab();
  // The account is solved: anything but pass below comes from the injected problem.
  await applyStep2(ctx.lab.main.target, ctx.lab.main.resources);
  await warmFunctions(ctx.lab.main.target, ctx.lab.main.resources);
}));

test.after(async (ctx) => {
  await ctx.lab?.close();
});

const settingsOf = (lab: SeededLab): ClientSettings => ({ endpoint: lab.testLab.lab.endpoint, region: lab.testLab.region, credentials: lab.main.target.credentials });

/**
 * A solved account where GetPolicy cannot be read: the three checks that read policies (s1.connect and
 * both permission checks) are errors; s2.deployed depends on the permission checks and s2.live-connect on
 * s1.connect, so both are skipped; everything else still passes. Nothing fails.
 */
const POLICIES_UNREADABLE: Record<CheckId, Status> = {
  ...(Object.fromEntries(CHECK_IDS.map((id) => [id, "pass"])) as Record<CheckId, Status>),
  "s1.connect": "error",
  "s2.disconnect-permission": "error",
  "s2.default-permission": "error",
  "s2.deployed": "skip",
  "s2.live-connect": "skip",
};
const POLICY_CHECKS = ["s1.connect", "s2.disconnect-permission", "s2.default-permission"];

function statuses(run: CheckRun): Record<string, Status> {
  return Object.fromEntries(run.report.results.map((result) => [result.id, result.status]));
}

test("AccessDenied on GetPolicy: the checks reading policies are errors naming lambda:GetPolicy, nothing fails (live probe included)", async ({ lab }) => {
  const clients = createClients({ ...settingsOf(lab), maxAttempts: 1 });
  const lambda = mockClient(clients.lambda);
  lambda.send.callThrough();
  lambda.on(GetPolicyCommand).callsFake((input: { FunctionName?: string }) => Promise.reject(accessDenied("lambda:GetPolicy", input.FunctionName ?? "")));
  try {
    for (const lang of ["en", "ko"] as const) {
      const run = await checkAccount({ step: "all", lang, live: lang === "en", timeoutMs: 10_000, clientSettings: { region: lab.testLab.region }, clients });
      assert.is(run.fatal, undefined);
      const expected = lang === "en" ? POLICIES_UNREADABLE : { ...POLICIES_UNREADABLE, "s2.live-default": "skip", "s2.live-disconnect": "skip" };
      assert.equal(statuses(run), expected, lang);
      assert.is(run.report.summary.failed, 0);
      assert.is(run.report.summary.errors, 3);
      for (const id of POLICY_CHECKS) {
        const result = run.report.results.find((r) => r.id === id)!;
        assert.match(result.detail, /lambda:GetPolicy/, `${lang} ${id} detail names the action`);
        assert.match(result.detail, /AccessDeniedException/);
        assert.match(result.hint, lang === "en" ? /Grant lambda:GetPolicy to the credentials the checker uses/ : /lambda:GetPolicy 권한을 추가하세요/);
        assert.match(result.detail, lang === "en" ? /does not mean your configuration is wrong/ : /설정이 틀렸다는 뜻이 아닙니다/);
      }
    }
    assert.ok(lambda.commandCalls(GetPolicyCommand).length >= 3, "GetPolicy was called, and denied");
  } finally {
    lambda.restore();
    clients.destroy();
  }
});

test("AccessDenied on GetPolicy through the CLI: exit code 2 (could not check), errors in the JSON, no failure", async ({ lab }) => {
  const run = await runCli(
    ["--endpoint", lab.testLab.lab.endpoint, "--region", lab.testLab.region, "--format", "json", "--no-live", "--lang", "en"],
    cliEnv(lab.main.target.credentials),
    { nodeArgs: ["--import", "./test/helpers/preload-deny-get-policy.ts"] },
  );
  assert.is(run.code, 2, run.stderr);
  const report = JSON.parse(run.stdout) as { summary: { failed: number; errors: number }; results: { id: string; status: string; detail: string }[] };
  assert.is(report.summary.failed, 0);
  assert.is(report.summary.errors, 3);
  for (const id of POLICY_CHECKS) {
    const result = report.results.find((r) => r.id === id)!;
    assert.is(result.status, "error", id);
    assert.match(result.detail, /lambda:GetPolicy → AccessDeniedException/);
  }
});

test("throttling that outlasts the SDK's retries: the checks reading GetPolicy are errors saying so, never fails", async ({ lab }) => {
  const faults = lab.testLab.lab.faults;
  const admit = faults.admit.bind(faults);
  let getPolicyCalls = 0;
  faults.admit = (account, service, operation) => {
    if (service === "lambda" && operation === "GetPolicy") getPolicyCalls++;
    return admit(account, service, operation);
  };
  faults.configure({ quotas: { "lambda:GetPolicy": { rate: 0, burst: 0 } } });
  try {
    // The CLI's own client settings: the SDK's default retries (3 attempts, backing off on throttling).
    const run = await checkAccount({ step: "all", lang: "en", live: false, clientSettings: settingsOf(lab) });
    assert.is(run.fatal, undefined);
    assert.equal(statuses(run), { ...POLICIES_UNREADABLE, "s2.live-default": "skip", "s2.live-disconnect": "skip" });
    assert.is(getPolicyCalls, 9, "each of the three GetPolicy calls was tried three times before giving up");
    for (const id of POLICY_CHECKS) {
      const result = run.report.results.find((r) => r.id === id)!;
      assert.match(result.detail, /lambda:GetPolicy → TooManyRequestsException/);
      assert.match(result.hint, /kept throttling the call after retries \(lambda:GetPolicy\)/);
    }
  } finally {
    faults.configure({});
    faults.admit = admit;
  }
});

/** Credentials of a role session that has run out: what `aws sso login` or AssumeRole left an hour ago. */
function expiredCredentials(lab: SeededLab) {
  const issued = lab.testLab.lab.accounts.issueRoleSession(lab.main.resources.account, "WorkshopParticipant", "expired-session", 0);
  return { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
}

test("expired credentials: checkAccount gives up with the 'expired' message in Korean and English, no verdicts", async ({ lab }) => {
  const credentials = expiredCredentials(lab);
  for (const lang of ["ko", "en"] as const) {
    const run = await checkAccount({ step: "all", lang, live: true, clientSettings: { ...settingsOf(lab), credentials } });
    assert.ok(run.fatal, "the run is fatal");
    assert.ok(run.fatal.startsWith(t(lang, "check.expired").split("(")[0]!), `${lang}: ${run.fatal}`);
    assert.match(run.fatal, /The security token included in the request is expired/);
    assert.equal(run.report.results, []);
    assert.is(run.report.summary.errors, 1);
  }
});

test("expired credentials through the CLI: exit code 2, the message on stderr (Korean by default, English with --lang en), nothing on stdout", async ({ lab }) => {
  const credentials = expiredCredentials(lab);
  const args = ["--endpoint", lab.testLab.lab.endpoint, "--region", lab.testLab.region, "--format", "json"];
  const [korean, english] = await Promise.all([runCli(args, cliEnv(credentials)), runCli([...args, "--lang", "en"], cliEnv(credentials))]);
  for (const [run, lang] of [
    [korean, "ko"],
    [english, "en"],
  ] as const) {
    assert.is(run.code, 2, `${lang}: ${run.stderr}`);
    assert.is(run.stdout, "");
    assert.ok(run.stderr.startsWith(t(lang, "check.expired").split("(")[0]!), `${lang} stderr: ${run.stderr}`);
    assert.not.match(run.stderr, /NodeVersionSupportWarning|at .*\.ts:\d+/);
  }
  assert.match(korean.stderr, /자격 증명이 만료되었습니다/);
  assert.match(english.stderr, /credentials have expired/);
});

test("no credentials at all: the CLI exits 2 saying so and how to get them (or to try --lab)", async ({ lab }) => {
  const run = await runCli(["--endpoint", lab.testLab.lab.endpoint, "--region", lab.testLab.region, "--lang", "en"], cliEnv(undefined));
  assert.is(run.code, 2, run.stderr);
  assert.is(run.stdout, "");
  assert.match(run.stderr, /^No working AWS credentials were found \(.+\)\. Run `aws configure` or `aws sso login` and try again, or add --lab/);
});

test("no AWS to reach: the CLI exits 2 saying it cannot reach AWS, not that the configuration is wrong", async ({ lab }) => {
  // A port nothing listens on: the lab's own, once a fresh server has taken and released it.
  const { createServer } = await import("node:net");
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const run = await runCli(["--endpoint", `http://127.0.0.1:${port}`, "--region", lab.testLab.region, "--lang", "en"], cliEnv(lab.main.target.credentials));
  assert.is(run.code, 2, run.stderr);
  assert.is(run.stdout, "");
  assert.match(run.stderr, /AWS cannot be reached \(.*\)\. Check the network, --region and --endpoint\./);
});

test.run();
