import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { deriveAccountId } from "../../src/lab/accounts.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";

const sts = suite<{ t: TestLab }>("lab: STS (awsQuery, XML; reference 6.4)");

sts.before(async (ctx) => {
  ctx.t = await startTestLab();
});
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

sts("AssumeRole into another account's role returns keys of that account", async ({ t }) => {
  const out = await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::444455556666:role/Grader", RoleSessionName: "grader-run" }));
  assert.ok(out.Credentials?.AccessKeyId?.startsWith("ASIA"));
  assert.ok(out.Credentials?.SessionToken);
  assert.instance(out.Credentials?.Expiration, Date);
  assert.is(out.AssumedRoleUser?.Arn, "arn:aws:sts::444455556666:assumed-role/Grader/grader-run");
  const assumed = t.clientsFor({
    accessKeyId: out.Credentials!.AccessKeyId!,
    secretAccessKey: out.Credentials!.SecretAccessKey!,
    sessionToken: out.Credentials!.SessionToken!,
  });
  const who = await assumed.sts.send(new GetCallerIdentityCommand({}));
  assert.is(who.Account, "444455556666");
  assert.is(who.Arn, "arn:aws:sts::444455556666:assumed-role/Grader/grader-run");
});

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

sts("AssumeRole into an account whose role does not trust the caller is AccessDenied", async ({ t }) => {
  t.lab.accounts.distrust("777788889999");
  try {
    await t.clients.sts.send(new AssumeRoleCommand({ RoleArn: "arn:aws:iam::777788889999:role/Grader", RoleSessionName: "s1" }));
    assert.unreachable("should have failed");
  } catch (error) {
    const e = error as { name: string; message: string; $metadata: { httpStatusCode: number } };
    assert.is(e.name, "AccessDenied");
    assert.is(e.$metadata.httpStatusCode, 403);
    assert.match(e.message, "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::777788889999:role/Grader");
  }
});

sts("an unimplemented STS action gets an AWS-shaped error naming it", async ({ t }) => {
  const res = await fetch(t.lab.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `AWS4-HMAC-SHA256 Credential=${t.credentials.accessKeyId}/20260101/${t.region}/sts/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: "Action=GetSessionToken&Version=2011-06-15",
  });
  const text = await res.text();
  assert.is(res.status, 400);
  assert.match(text, "<Code>InvalidAction</Code>");
  assert.match(text, "GetSessionToken");
});

sts.run();
