import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AccessError, AccountAccess, sessionName } from "../../src/grade/access.js";
import { AccountGates } from "../../src/grade/rate-limit.js";
import type { Participant } from "../../src/grade/roster.js";
import { createLab, LAB_REGION, type Lab } from "../../src/lab/index.js";
import { emptyAccount, instructor } from "./class-lab.js";
import { printingErrors } from "../helpers/hooks.js";

const access = suite<{ lab: Lab; a: string; b: string; c: string }>("grade: reaching participants' accounts");

access.before(printingErrors(async (ctx) => {
  ctx.lab = await createLab();
  // Three participants' accounts the lab knows (each signed a request): only such accounts have roles.
  [ctx.a, ctx.b, ctx.c] = await Promise.all([emptyAccount(ctx.lab, 21), emptyAccount(ctx.lab, 31), emptyAccount(ctx.lab, 41)]);
}));
access.after(async (ctx) => {
  await ctx.lab.close();
});

const role = (account: string, id = "p"): Participant => ({ line: 2, id, access: { kind: "role", roleArn: `arn:aws:iam::${account}:role/AWSomePetsGrader` } });

function accessFor(lab: Lab, name = "awsomepets-grader-test"): AccountAccess {
  return new AccountAccess({ instructor: instructor(lab), sessionName: name, maxAttempts: 3, gates: new AccountGates() });
}

access("the assumed role's session names the grader, in the participant's account", async ({ lab, a }) => {
  const accounts = accessFor(lab);
  try {
    const lease = await accounts.lease(role(a), LAB_REGION);
    const who = await lease.clients.sts.send(new GetCallerIdentityCommand({}));
    assert.is(who.Account, a);
    assert.is(who.Arn, `arn:aws:sts::${a}:assumed-role/AWSomePetsGrader/awsomepets-grader-test`);
    lease.release();
  } finally {
    accounts.close();
  }
});

access("rows of one account share one AssumeRole and one set of clients while they run; the last release frees them", async (ctx) => {
  const accounts = accessFor(ctx.lab);
  try {
    const [a, b] = await Promise.all([accounts.lease(role(ctx.a, "a"), LAB_REGION), accounts.lease(role(ctx.a, "b"), LAB_REGION)]);
    const other = await accounts.lease(role(ctx.b), LAB_REGION);
    assert.ok(a.clients === b.clients, "one set of clients for the account");
    assert.ok(a.settings.gate === b.settings.gate, "one rate gate for the account");
    assert.ok(other.clients !== a.clients && other.settings.gate !== a.settings.gate, "another account has its own");
    a.release();
    await a.clients.sts.send(new GetCallerIdentityCommand({}));
    b.release();
    const again = await accounts.lease(role(ctx.a, "c"), LAB_REGION);
    assert.ok(again.clients !== a.clients, "a new set once the last user released the old one");
    assert.equal(again.settings.credentials, a.settings.credentials, "the session is reused, not assumed again");
    again.release();
    other.release();
  } finally {
    accounts.close();
  }
});

access("an AssumeRole the participant's role refuses is an AccessError carrying AWS's reason", async ({ lab, c }) => {
  lab.accounts.distrust(c);
  await expectAccessDenied(accessFor(lab), role(c), "the role does not trust the grader");
});

access("a participant whose account does not exist (the lab has never seen it) is an AccessError with AWS's AccessDenied, no fault injected", async ({ lab }) => {
  await expectAccessDenied(accessFor(lab), role("410987654321"), "there is no such account, so no such role");
});

/** Leasing the participant's account must fail with AssumeRole's AccessDenied, reported as an AccessError. */
async function expectAccessDenied(accounts: AccountAccess, participant: Participant, why: string): Promise<void> {
  try {
    await accounts.lease(participant, LAB_REGION).then(
      () => assert.unreachable(why),
      (error: unknown) => {
        assert.instance(error, AccessError);
        const { key, vars } = (error as AccessError).reason;
        assert.is(key, "grade.assumeRoleFailed");
        assert.is(vars?.code, "AccessDenied");
        assert.match(String(vars?.message), "not authorized to perform: sts:AssumeRole");
        assert.match(String(vars?.roleArn), participant.access.kind === "role" ? participant.access.roleArn : "?");
      },
    );
  } finally {
    accounts.close();
  }
}

access("AssumeRole carries the row's external id and the grader's session name", async ({ lab }) => {
  const sts = mockClient(STSClient);
  sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: "ASIAEXAMPLE", SecretAccessKey: "s", SessionToken: "t", Expiration: new Date(Date.now() + 3_600_000) } });
  const accounts = accessFor(lab, "awsomepets-grader-gh42");
  try {
    const lease = await accounts.lease({ line: 2, id: "p", access: { kind: "role", roleArn: "arn:aws:iam::210987654321:role/G", externalId: "workshop-2026" } }, LAB_REGION);
    lease.release();
    const input = sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input;
    assert.equal(input, { RoleArn: "arn:aws:iam::210987654321:role/G", RoleSessionName: "awsomepets-grader-gh42", ExternalId: "workshop-2026" });
  } finally {
    accounts.close();
    sts.restore();
  }
});

access("the session name names the grader and the CI run, within STS's pattern", () => {
  assert.is(sessionName({ GITHUB_RUN_ID: "123456" }), "awsomepets-grader-gh123456");
  assert.is(sessionName({}, new Date("2026-03-01T09:08:07Z")), "awsomepets-grader-20260301090807");
  assert.match(sessionName({ GITHUB_RUN_ID: "1".repeat(80) }), /^[\w+=,.@-]{2,64}$/);
});

access.run();
