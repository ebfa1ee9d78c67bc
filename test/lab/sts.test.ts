// Sources cited in this file:
// - STS GetCallerIdentity: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html

import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_KEY, deriveAccountId, labAccountKey } from "../../src/lab/accounts.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { signedFetch, stsQuery } from "../helpers/signed-fetch.js";
import { printingErrors } from "../helpers/hooks.js";

const sts = suite<{ t: TestLab }>("lab: STS (awsQuery, XML; STS GetCallerIdentity)");

sts.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
}));
sts.after(async (ctx) => {
  await ctx.t.close();
});

sts("GetCallerIdentity names the account of the lab's default key", async ({ t }) => {
  const out = await t.clients.sts.send(new GetCallerIdentityCommand({}));
  assert.is(out.Account, "111122223333");
  assert.is(out.Arn, "arn:aws:iam::111122223333:user/lab-user");
  assert.ok(out.UserId?.startsWith("AIDA"));
});

sts("an unknown access key gets a stable 12-digit account derived from the key", async ({ t }) => {
  const other = t.clientsFor({ accessKeyId: "AKIAOTHERKEY00000001", secretAccessKey: "x" });
  const first = await other.sts.send(new GetCallerIdentityCommand({}));
  const again = await other.sts.send(new GetCallerIdentityCommand({}));
  assert.match(first.Account ?? "", /^[1-9]\d{11}$/);
  assert.is(first.Account, again.Account);
  assert.is(first.Account, deriveAccountId("AKIAOTHERKEY00000001"));
  assert.is.not(first.Account, "111122223333");
});

sts("AssumeRole into an account the lab has met (a client signed for it) returns keys of that account", async ({ t }) => {
  const participant = t.clientsFor({ accessKeyId: "AKIASTSTESTMET000001", secretAccessKey: "x" });
  const account = (await participant.sts.send(new GetCallerIdentityCommand({}))).Account!;
  const out = await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/Grader`, RoleSessionName: "grader-run" }));
  assert.ok(out.Credentials?.AccessKeyId?.startsWith("ASIA"));
  assert.ok(out.Credentials?.SessionToken);
  assert.instance(out.Credentials?.Expiration, Date);
  assert.is(out.AssumedRoleUser?.Arn, `arn:aws:sts::${account}:assumed-role/Grader/grader-run`);
  const assumed = t.clientsFor({
    accessKeyId: out.Credentials!.AccessKeyId!,
    secretAccessKey: out.Credentials!.SecretAccessKey!,
    sessionToken: out.Credentials!.SessionToken!,
  });
  const who = await assumed.sts.send(new GetCallerIdentityCommand({}));
  assert.is(who.Account, account);
  assert.is(who.Arn, `arn:aws:sts::${account}:assumed-role/Grader/grader-run`);
});

sts("AssumeRole into a registered account (the lab's seeded keys) works before that account has made any request", async () => {
  const lab = await startTestLab({ accounts: [DEFAULT_KEY, labAccountKey(2)] });
  try {
    const roleArn = `arn:aws:iam::${labAccountKey(2).accountId}:role/Grader`;
    const out = await lab.clients.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "grader-run" }));
    assert.is(out.AssumedRoleUser?.Arn, `arn:aws:sts::${labAccountKey(2).accountId}:assumed-role/Grader/grader-run`);
  } finally {
    await lab.close();
  }
});

sts("AssumeRole into an account the lab has never seen is AccessDenied 403 naming the caller and the role, as AWS answers for a role that does not exist", async ({ t }) => {
  const roleArn = "arn:aws:iam::444455556666:role/Grader";
  const error = await assumeFails(t, roleArn);
  assert.is(error.name, "AccessDenied");
  assert.is(error.$metadata.httpStatusCode, 403);
  assert.is(error.message, `User: arn:aws:iam::111122223333:user/lab-user is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  // Once a client has used that account, its roles exist.
  const key = "AKIASTSTESTLATE00001";
  const late = deriveAccountId(key);
  await assumeFails(t, `arn:aws:iam::${late}:role/Grader`);
  await t.clientsFor({ accessKeyId: key, secretAccessKey: "x" }).sts.send(new GetCallerIdentityCommand({}));
  const out = await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${late}:role/Grader`, RoleSessionName: "s1" }));
  assert.is(out.AssumedRoleUser?.Arn, `arn:aws:sts::${late}:assumed-role/Grader/s1`);
});

/** Expects AssumeRole into the role to fail; returns the SDK's error. */
async function assumeFails(t: TestLab, roleArn: string): Promise<{ name: string; message: string; $metadata: { httpStatusCode: number } }> {
  const error = await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1" })).then(
    () => undefined,
    (caught: unknown) => caught as { name: string; message: string; $metadata: { httpStatusCode: number } },
  );
  if (!error) throw new Error(`AssumeRole into ${roleArn} succeeded`);
  return error;
}

sts("AssumeRole with a malformed role ARN is a ValidationError (HTTP 400)", async ({ t }) => {
  try {
    await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::12:role/x", RoleSessionName: "s1" }));
    assert.unreachable("should have failed");
  } catch (error) {
    const e = error as { name: string; $metadata: { httpStatusCode: number } };
    assert.is(e.name, "ValidationError");
    assert.is(e.$metadata.httpStatusCode, 400);
  }
});

sts("AssumeRole into a known account whose role does not trust the caller (distrust) is AccessDenied", async ({ t }) => {
  const key = "AKIASTSTESTDISTRUST1";
  const account = (await t.clientsFor({ accessKeyId: key, secretAccessKey: "x" }).sts.send(new GetCallerIdentityCommand({}))).Account!;
  const roleArn = `arn:aws:iam::${account}:role/Grader`;
  await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1" }));
  t.lab.accounts.distrust(account);
  const error = await assumeFails(t, roleArn);
  assert.is(error.name, "AccessDenied");
  assert.is(error.$metadata.httpStatusCode, 403);
  assert.match(error.message, `is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
});

sts("an unimplemented STS action gets an AWS-shaped error naming it", async ({ t }) => {
  const res = await signedFetch(t.lab.endpoint, stsQuery(t.region, t.credentials, "Action=GetSessionToken&Version=2011-06-15"));
  const text = await res.text();
  assert.is(res.status, 400);
  assert.match(text, "<Code>InvalidAction</Code>");
  assert.match(text, "GetSessionToken");
});

sts.run();
