// The lab checks SigV4 signatures (src/lab/signature.ts): a key it issued works only with its own secret,
// in every service it speaks, through the real SDK v3 clients, raw signed requests and the real AWS CLIs.
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
import { CreateApiCommand, GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { GetFunctionCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_KEY, deriveAccountId, freshLabAccountKey, type AccountKey } from "../../src/lab/accounts.js";
import { rejects } from "../helpers/apigw.js";
import { awsCliEnv, describeRun, findAwsCli, type AwsCli } from "../../bench/lib/aws-cli.js";
import { startTestLab, type Credentials, type TestLab } from "../helpers/lab.js";
import { runProcess } from "../../bench/lib/process.js";
import { presignedUrl, signedFetch, signedHeaders, stsQuery } from "../helpers/signed-fetch.js";
import { printingErrors } from "../helpers/hooks.js";

/** A numbered account with a secret made for this run, as `npm run lab -- --accounts N` hands them out. */
const NUMBERED: AccountKey = freshLabAccountKey(2);
/** A key the lab never issued: a throwaway account of its own. */
const THROWAWAY = "AKIATHROWAWAYSIG0001";

const SIGNATURE_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const TOKEN_MESSAGE = "The security token included in the request is invalid.";

const sig = suite<{ t: TestLab }>("lab: SigV4 signatures of the keys the lab issued");

sig.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab({ accounts: [DEFAULT_KEY, NUMBERED] });
  // Something in the default account for another account not to see.
  await ctx.t.clients.apigw.send(new CreateApiCommand({ Name: "DefaultAccountApi", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
  await ctx.t.clients.dynamodb.send(
    new CreateTableCommand({
      TableName: "DefaultAccountTable",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
}));
sig.after(async (ctx) => {
  await ctx.t?.close();
});

interface Call {
  service: string;
  /** The error the service answers a wrong secret with, and its HTTP status. */
  refusal: [string, number];
  /** An unknown session token. */
  badToken: [string, number];
  run(t: TestLab, credentials: Credentials): Promise<unknown>;
}

const logsClients: CloudWatchLogsClient[] = [];
function logsClient(t: TestLab, credentials: Credentials): CloudWatchLogsClient {
  const client = new CloudWatchLogsClient({ endpoint: t.lab.endpoint, region: t.region, credentials, maxAttempts: 1 });
  logsClients.push(client);
  return client;
}

/** One read call per service, and how each refuses a bad signature or token (src/lab/signature.ts, REFUSALS). */
const CALLS: Call[] = [
  {
    service: "API Gateway v2",
    refusal: ["InvalidSignatureException", 403],
    badToken: ["UnrecognizedClientException", 403],
    // A query string (maxResults) is part of what is signed.
    run: (t, c) => t.clientsFor(c).apigw.send(new GetApisCommand({ MaxResults: "5" })),
  },
  {
    service: "Lambda",
    refusal: ["InvalidSignatureException", 403],
    badToken: ["UnrecognizedClientException", 403],
    run: (t, c) => t.clientsFor(c).lambda.send(new ListFunctionsCommand({})),
  },
  {
    service: "DynamoDB",
    refusal: ["InvalidSignatureException", 400],
    badToken: ["UnrecognizedClientException", 400],
    run: (t, c) => t.clientsFor(c).dynamodb.send(new ListTablesCommand({})),
  },
  {
    service: "STS",
    refusal: ["SignatureDoesNotMatch", 403],
    badToken: ["InvalidClientTokenId", 403],
    run: (t, c) => t.clientsFor(c).sts.send(new GetCallerIdentityCommand({})),
  },
  {
    service: "CloudWatch Logs",
    refusal: ["InvalidSignatureException", 400],
    badToken: ["UnrecognizedClientException", 400],
    run: (t, c) => logsClient(t, c).send(new DescribeLogGroupsCommand({})),
  },
];

const wrongSecret = (key: { accessKeyId: string; secretAccessKey: string }): Credentials => ({ accessKeyId: key.accessKeyId, secretAccessKey: `${key.secretAccessKey}x` });

sig("the right secret works in API Gateway v2, Lambda, DynamoDB, STS and CloudWatch Logs, for the default key and a numbered one", async ({ t }) => {
  for (const key of [DEFAULT_KEY, NUMBERED]) {
    for (const call of CALLS) {
      await call.run(t, key).catch((error: Error) => assert.unreachable(`${call.service} with ${key.accessKeyId}: ${error.name}: ${error.message}`));
    }
  }
  // A Lambda ARN in the path is percent-encoded by the SDK and encoded once more in the signature (botocore's lambda model).
  const arn = `arn:aws:lambda:${t.region}:${DEFAULT_KEY.accountId}:function:NoSuchFunction`;
  await rejects(t.clients.lambda.send(new GetFunctionCommand({ FunctionName: arn })), "ResourceNotFoundException", 404);
});

for (const [label, key] of [
  ["the default key", DEFAULT_KEY],
  ["a numbered key", NUMBERED],
] as const) {
  sig(`a wrong secret for ${label} is refused by each service with its own error and AWS's message`, async ({ t }) => {
    for (const call of CALLS) {
      const [name, status] = call.refusal;
      await rejects(call.run(t, wrongSecret(key)), name, status, SIGNATURE_MESSAGE);
    }
  });
}

sig("a refusal on the wire: each protocol's own shape (STS XML, restJson1 header, awsJson __type)", async ({ t }) => {
  const bad = wrongSecret(DEFAULT_KEY);
  const post = (service: string, headers: Record<string, string>, body: string, path = "/") =>
    signedFetch(`${t.lab.endpoint}${path}`, { method: "POST", service, region: t.region, credentials: bad, headers, body });

  const sts = await signedFetch(t.lab.endpoint, stsQuery(t.region, bad, "Action=GetCallerIdentity&Version=2011-06-15"));
  assert.is(sts.status, 403);
  assert.match(
    await sts.text(),
    new RegExp(`^<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>${SIGNATURE_MESSAGE.replace(/\./g, "\\.")}</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$`),
  );

  const dynamo = await post("dynamodb", { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.ListTables" }, "{}");
  assert.is(dynamo.status, 400);
  assert.equal(await dynamo.json(), { __type: "com.amazon.coral.service#InvalidSignatureException", message: SIGNATURE_MESSAGE });

  const logs = await post("logs", { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Logs_20140328.DescribeLogGroups" }, "{}");
  assert.is(logs.status, 400);
  assert.is(logs.headers.get("content-type"), "application/x-amz-json-1.1");
  assert.equal(await logs.json(), { __type: "InvalidSignatureException", message: SIGNATURE_MESSAGE });

  const lambda = await signedFetch(`${t.lab.endpoint}/2015-03-31/functions/`, { service: "lambda", region: t.region, credentials: bad });
  assert.is(lambda.status, 403);
  assert.is(lambda.headers.get("x-amzn-errortype"), "InvalidSignatureException");
  assert.equal(await lambda.json(), { message: SIGNATURE_MESSAGE });
});

sig("a refused request changes nothing: CreateApi with a wrong secret creates no API", async ({ t }) => {
  await rejects(t.clientsFor(wrongSecret(NUMBERED)).apigw.send(new CreateApiCommand({ Name: "Intruder", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" })), "InvalidSignatureException", 403);
  const apis = await t.clientsFor(NUMBERED).apigw.send(new GetApisCommand({}));
  assert.equal(apis.Items?.map((api) => api.Name) ?? [], []);
});

sig("a body changed after signing is refused: the signature covers the body as received", async ({ t }) => {
  const signedBody = "Action=GetCallerIdentity&Version=2011-06-15";
  const headers = await signedHeaders(t.lab.endpoint, stsQuery(t.region, t.credentials, signedBody));
  const honest = await fetch(t.lab.endpoint, { method: "POST", headers, body: signedBody });
  assert.is(honest.status, 200, await honest.clone().text());
  const changed = await fetch(t.lab.endpoint, { method: "POST", headers, body: signedBody.replace("GetCallerIdentity", "GetCallerIdentitx") });
  assert.is(changed.status, 403);
  assert.match(await changed.text(), "<Code>SignatureDoesNotMatch</Code>");
});

sig("a presigned URL (signature in the query string) works with the right secret and is refused with a wrong one", async ({ t }) => {
  const url = `${t.lab.endpoint}/?Action=GetCallerIdentity&Version=2011-06-15`;
  const right = await fetch(await presignedUrl(url, { service: "sts", region: t.region, credentials: t.credentials }));
  assert.is(right.status, 200);
  assert.match(await right.text(), `<Account>${DEFAULT_KEY.accountId}</Account>`);
  const wrong = await fetch(await presignedUrl(url, { service: "sts", region: t.region, credentials: wrongSecret(DEFAULT_KEY) }));
  assert.is(wrong.status, 403);
  assert.match(await wrong.text(), "<Code>SignatureDoesNotMatch</Code>");
});

sig("a key the lab never issued is a new, empty account of its own, whatever its secret", async ({ t }) => {
  const throwaway = t.clientsFor({ accessKeyId: THROWAWAY, secretAccessKey: "any-secret-at-all" });
  const who = await throwaway.sts.send(new GetCallerIdentityCommand({}));
  assert.is(who.Account, deriveAccountId(THROWAWAY));
  assert.is.not(who.Account, DEFAULT_KEY.accountId);
  assert.equal((await throwaway.apigw.send(new GetApisCommand({}))).Items ?? [], [], "none of the default account's APIs");
  assert.equal((await throwaway.dynamodb.send(new ListTablesCommand({}))).TableNames ?? [], [], "none of the default account's tables");
  // The lab cannot bind a secret to it: a signature proves the secret without carrying it, and the lab has
  // never seen this one. Another secret for the same key id reaches the same throwaway account.
  const again = await t.clientsFor({ accessKeyId: THROWAWAY, secretAccessKey: "another-secret" }).sts.send(new GetCallerIdentityCommand({}));
  assert.is(again.Account, who.Account);
});

sig("a key the lab never issued cannot land in an issued key's account (a searched-for hash collision is refused)", async () => {
  // A lab whose registered key owns the very account THROWAWAY would derive.
  const owner: AccountKey = { accessKeyId: "AKIAOWNEROFCOLLISION", secretAccessKey: "owner-secret", accountId: deriveAccountId(THROWAWAY) };
  const t = await startTestLab({ accounts: [DEFAULT_KEY, owner] });
  try {
    const collider = t.clientsFor({ accessKeyId: THROWAWAY, secretAccessKey: "x" });
    await rejects(collider.sts.send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403, TOKEN_MESSAGE);
    await rejects(collider.apigw.send(new GetApisCommand({})), "UnrecognizedClientException", 403, TOKEN_MESSAGE);
    assert.is((await t.clientsFor(owner).sts.send(new GetCallerIdentityCommand({}))).Account, owner.accountId);
  } finally {
    await t.close();
  }
});

sig("AssumeRole credentials work only with their own session secret and token", async ({ t }) => {
  const out = await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${NUMBERED.accountId}:role/AWSomePetsGrader`, RoleSessionName: "grader" }));
  const session = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
  for (const call of CALLS) {
    await call.run(t, session).catch((error: Error) => assert.unreachable(`${call.service} with the session: ${error.name}: ${error.message}`));
    await rejects(call.run(t, { ...session, secretAccessKey: `${session.secretAccessKey}x` }), call.refusal[0], call.refusal[1], SIGNATURE_MESSAGE);
    await rejects(call.run(t, { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey }), call.badToken[0], call.badToken[1], TOKEN_MESSAGE);
  }
  // Another session's token does not pass for this one.
  const other = await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${NUMBERED.accountId}:role/AWSomePetsGrader`, RoleSessionName: "other" }));
  await rejects(t.clientsFor({ ...session, sessionToken: other.Credentials!.SessionToken! }).sts.send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
});

sig("one participant's keys do not open another's account: AssumeRole is AccessDenied, except into its own account and for the grader (default) account", async ({ t }) => {
  const third = freshLabAccountKey(3);
  const lab = await startTestLab({ accounts: [DEFAULT_KEY, NUMBERED, third] });
  try {
    const participant = lab.clientsFor(NUMBERED).sts;
    const intoOther = `arn:aws:iam::${third.accountId}:role/AWSomePetsGrader`;
    const denied = await rejects(participant.send(new AssumeRoleCommand({ RoleArn: intoOther, RoleSessionName: "peek" })), "AccessDenied", 403);
    assert.is(denied.message, `User: arn:aws:iam::${NUMBERED.accountId}:user/lab-user is not authorized to perform: sts:AssumeRole on resource: ${intoOther}`);
    const throwaway = lab.clientsFor({ accessKeyId: THROWAWAY, secretAccessKey: "x" }).sts;
    await rejects(throwaway.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${DEFAULT_KEY.accountId}:role/Admin`, RoleSessionName: "peek" })), "AccessDenied", 403);

    const own = await participant.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${NUMBERED.accountId}:role/Own`, RoleSessionName: "self" }));
    assert.is(own.AssumedRoleUser?.Arn, `arn:aws:sts::${NUMBERED.accountId}:assumed-role/Own/self`);
    const grader = await lab.clients.sts.send(new AssumeRoleCommand({ RoleArn: intoOther, RoleSessionName: "grader" }));
    assert.is(grader.AssumedRoleUser?.Arn, `arn:aws:sts::${third.accountId}:assumed-role/AWSomePetsGrader/grader`);
  } finally {
    await lab.close();
  }
});

/** Each CLI command, and the error code it prints for a wrong secret ("An error occurred (<code>) when calling ..."). */
const CLI_CALLS: { args: string[]; refusal?: string }[] = [
  { args: ["sts", "get-caller-identity"], refusal: "SignatureDoesNotMatch" },
  { args: ["apigatewayv2", "get-apis"] },
  { args: ["lambda", "list-functions"] },
  { args: ["dynamodb", "list-tables"], refusal: "InvalidSignatureException" },
  { args: ["logs", "describe-log-groups"] },
];

async function cliRun(t: TestLab, cli: AwsCli, credentials: Credentials, args: string[]) {
  // AWS_MAX_ATTEMPTS 1: the first answer, not the retries of a refusal.
  const env = awsCliEnv({ credentials, env: { AWS_MAX_ATTEMPTS: "1", AWS_DEFAULT_REGION: t.region } });
  const run = await runProcess(cli.path, [...args, "--endpoint-url", t.lab.endpoint, "--region", t.region], { env, timeoutMs: 180_000 });
  return { ...run, what: `${cli.version} ${args.join(" ")}` };
}

for (const major of [2, 1] as const) {
  // Every service signed by botocore is accepted; a wrong secret is shown for two protocols (the SDK tests above
  // cover each service's refusal; a CLI process costs seconds on a busy machine).
  sig(`the real AWS CLI v${major}: the right secret works in every service, a wrong one is refused with the service's error`, async ({ t }) => {
    const cli = await findAwsCli(major);
    const [rights, wrongs] = await Promise.all([
      Promise.all(CLI_CALLS.map((call) => cliRun(t, cli, NUMBERED, call.args))),
      Promise.all(CLI_CALLS.filter((call) => call.refusal).map(async (call) => ({ call, run: await cliRun(t, cli, wrongSecret(NUMBERED), call.args) }))),
    ]);
    for (const right of rights) assert.is(right.code, 0, `${right.what}: ${describeRun(right)}`);
    assert.match(rights[0]!.stdout, `"Account": "${NUMBERED.accountId}"`);
    for (const { call, run } of wrongs) {
      assert.is.not(run.code, 0, `${run.what} with a wrong secret: ${describeRun(run)}`);
      assert.match(run.stderr, `An error occurred (${call.refusal})`, `${run.what}: ${describeRun(run)}`);
    }
  });
}

sig.after.each(() => {
  for (const client of logsClients.splice(0)) client.destroy();
});

sig.run();
