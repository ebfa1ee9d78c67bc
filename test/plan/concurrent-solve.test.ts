// Two solves at once on one account, as two people (or one person in two terminals) run them: both must end
// well and leave the account as one solve would, with no integration nobody uses and no statement twice.
// Each round is a fresh step-1 account, which needs every change of step 2.
import { PassThrough } from "node:stream";
import { CreateDeploymentCommand, CreateIntegrationCommand, GetIntegrationCommand, UpdateRouteCommand } from "@aws-sdk/client-apigatewayv2";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createClients } from "../../src/aws/clients.js";
import type { Snapshot } from "../../src/collect/snapshot.js";
import { runPlanCommand } from "../../src/cli/plan-command.js";
import { applySolve, prepareSolve, type ApplyRounds } from "../../src/cli/plan-session.js";
import { applyPlan, type ApplyFailure } from "../../src/plan/apply.js";
import { LAB_REGION, labAccountKey } from "../../src/lab/index.js";
import { sidOf, statementsOf } from "../../src/rules/permission.js";
import { routeOf, targetIntegrationId } from "../../src/rules/read.js";
import { STEP2 } from "../../solution/target.js";
import { cliEnv, runCli, type CliRun } from "../helpers/cli.js";
import { mapLimit } from "../../src/grade/run.js";
import { startPlanLab, statuses, type Account, type PlanLab } from "./lab.js";

const ROUNDS = 10;

interface Solved {
  code: number;
  written: string;
}

/** One solve in process, with clients of its own as a second terminal would have. */
async function solveOnce(account: Account): Promise<Solved> {
  const clients = createClients(account.settings);
  const out = new PassThrough();
  let written = "";
  out.on("data", (chunk) => (written += chunk));
  try {
    // No live probe while solving: the test's own check afterwards probes, once per round.
    const code = await runPlanCommand({ ...account.session, clients, live: false, action: "solve", yes: true, dryRun: false, out, err: out });
    return { code, written };
  } finally {
    clients.destroy();
  }
}

/** The account as a reader sees it: integrations no route targets, step-2 routes and their integrations, statement ids. */
function shape(snapshot: Snapshot) {
  const targeted = new Set(snapshot.routes.map((route) => targetIntegrationId(route.target)).filter(Boolean));
  const routes = Object.fromEntries(
    STEP2.routes.map((step) => {
      const found = snapshot.routes.filter((route) => route.routeKey === step.routeKey);
      return [step.routeKey, found.map((route) => ({ integration: snapshot.integrations.some((i) => i.integrationId === targetIntegrationId(route.target)) }))];
    }),
  );
  // The console's statement ids name the API, which each account has its own of.
  const apiId = snapshot.api?.apiId ?? "-";
  const sids = Object.fromEntries(Object.entries(snapshot.functions).map(([role, fn]) => [role, statementsOf(fn?.policy ?? null).map((s) => sidOf(s)?.replace(apiId, "<api>")).sort()]));
  const routeResponses = Object.values(snapshot.routeResponses).map((list) => list.map((r) => r.routeResponseKey));
  return {
    orphans: snapshot.integrations.filter((integration) => !targeted.has(integration.integrationId)).map((integration) => integration.integrationId),
    integrations: snapshot.integrations.length,
    routes,
    sids,
    routeResponses,
  };
}

const test = suite<{ lab: PlanLab; alone: ReturnType<typeof shape> }>("concurrent solves on one account");

test.before(async (ctx) => {
  try {
    ctx.lab = await startPlanLab();
    // What one solve alone makes of a step-1 account: the yardstick for the concurrent rounds.
    const account = await ctx.lab.account(2, "step1");
    const alone = await solveOnce(account);
    if (alone.code !== 0) throw new Error(`a solve alone failed:\n${alone.written}`);
    ctx.alone = shape(await account.snapshot());
  } catch (error) {
    // uvu does not print an error thrown by a hook.
    console.error(error);
    throw error;
  }
});

test.after(async (ctx) => {
  await ctx.lab?.close();
});

test("the yardstick: one solve alone wires each step-2 route to one integration, leaves none unused, one statement per route", (ctx) => {
  assert.equal(ctx.alone.orphans, []);
  assert.equal(Object.values(ctx.alone.routes), STEP2.routes.map(() => [{ integration: true }]));
  const sids = Object.values(ctx.alone.sids).flat();
  assert.equal(sids.filter((sid) => sid?.startsWith(STEP2.statementPrefix)).sort(), STEP2.routes.map((route) => `${STEP2.statementPrefix}${route.routeKey.slice(1)}`).sort());
});

test(`${ROUNDS} rounds of two solves at once in process: both exit 0, the account is solved, as one solve leaves it`, async (ctx) => {
  const rounds = await mapLimit(
    Array.from({ length: ROUNDS }, (_, i) => i + 3),
    2,
    async (n) => {
      const account = await ctx.lab.account(n, "step1");
      const runs = await Promise.all([solveOnce(account), solveOnce(account)]);
      const after = shape(await account.snapshot());
      const check = statuses(await account.check("2"));
      return { n, runs, after, check };
    },
  );
  for (const { n, runs, after, check } of rounds) {
    runs.forEach((run, i) => assert.is(run.code, 0, `account ${n}, solve ${i + 1}:\n${run.written}`));
    assert.equal(after.orphans, [], `account ${n}: integrations no route targets`);
    assert.equal(after, ctx.alone, `account ${n}: the account as one solve leaves it`);
    assert.equal(Object.entries(check).filter(([, status]) => status !== "pass"), [], `account ${n}: every check passes`);
  }
});

/** Rounds applied quietly, with what the session said about them kept for the test to read. */
function recorded(account: Account, afterRound: () => Promise<void> = async () => {}) {
  const reconciling: (ApplyFailure | undefined)[] = [];
  const rounds: ApplyRounds = {
    async apply(plan) {
      const result = await applyPlan(plan, account.clients);
      await afterRound();
      return result;
    },
    ended: () => {},
    reconciling: (failure) => reconciling.push(failure),
  };
  return { rounds, reconciling };
}

test("a plan another solve completed before it was applied: the route found changed, the account read again, this run's integrations deleted", async (ctx) => {
  const account = await ctx.lab.account(ROUNDS + 4, "step1");
  const plan = (await prepareSolve({ ...account.session, live: false })).plan!;
  const other = await solveOnce(account);
  assert.is(other.code, 0, other.written);
  const { rounds, reconciling } = recorded(account);
  const converged = await applySolve(plan, account.session, rounds);
  assert.is(converged.result.failed, undefined, converged.result.failed?.message);
  assert.equal(reconciling.map((failure) => [failure?.change.kind, failure?.kind, failure?.why?.key]), [["setTarget", "conflict", "apply.routeTargeted"]]);
  const deleted = converged.plan.changes.filter((change) => change.kind === "deleteIntegration");
  assert.equal(deleted.map((change) => change.why.key), ["why.ownUnused", "why.ownUnused"]);
  assert.equal(shape(await account.snapshot()), ctx.alone);
  assert.equal(Object.entries(statuses(await account.check("2"))).filter(([, status]) => status !== "pass"), []);
});

test("a solve that ended well while someone re-pointed a route at their own integration: read once more, its unused integration deleted", async (ctx) => {
  const account = await ctx.lab.account(ROUNDS + 5, "step1");
  const ApiId = account.resources.apiId;
  const { apigw } = account.clients;
  let theirs = "";
  // Right after this run's first round, another writer wires $disconnect to an integration of its own and deploys.
  const { rounds, reconciling } = recorded(account, async () => {
    if (theirs) return;
    const snapshot = await account.snapshot();
    const route = routeOf(snapshot, "$disconnect")!;
    const mine = await apigw.send(new GetIntegrationCommand({ ApiId, IntegrationId: targetIntegrationId(route.target)! }));
    const created = await apigw.send(new CreateIntegrationCommand({ ApiId, IntegrationType: "AWS_PROXY", IntegrationMethod: "POST", IntegrationUri: mine.IntegrationUri }));
    theirs = created.IntegrationId!;
    await apigw.send(new UpdateRouteCommand({ ApiId, RouteId: route.routeId, Target: `integrations/${theirs}` }));
    await apigw.send(new CreateDeploymentCommand({ ApiId, StageName: STEP2.stage }));
  });
  const plan = (await prepareSolve({ ...account.session, live: false })).plan!;
  const converged = await applySolve(plan, account.session, rounds);
  assert.is(converged.result.failed, undefined, converged.result.failed?.message);
  assert.equal(reconciling, [undefined], "one read again, after a round that ended well");
  assert.equal(converged.plan.changes.map((change) => [change.kind, change.why.key]), [["deleteIntegration", "why.ownUnused"]]);
  const after = await account.snapshot();
  assert.is(targetIntegrationId(routeOf(after, "$disconnect")!.target), theirs, "the other writer's integration is kept");
  assert.equal(shape(after), ctx.alone);
  assert.equal(Object.entries(statuses(await account.check("2"))).filter(([, status]) => status !== "pass"), []);
});

/** `npm run solve -- --yes` in a child process, pointed at the account as a participant's shell would be. */
function cliSolve(account: Account, endpoint: string): Promise<CliRun> {
  const key = labAccountKey(account.n);
  const env = cliEnv({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }, { AWS_REGION: LAB_REGION, NO_COLOR: "1" });
  return runCli(["--lang", "en", "--step", "2", "--endpoint", endpoint, "--timeout", "10", "--yes"], env, { command: "solve", timeoutMs: 240_000 });
}

test("two `npm run solve --yes` processes at once on one account: both exit 0 and the account is as one solve leaves it", async (ctx) => {
  const account = await ctx.lab.account(ROUNDS + 3, "step1");
  const runs = await Promise.all([cliSolve(account, ctx.lab.lab.endpoint), cliSolve(account, ctx.lab.lab.endpoint)]);
  runs.forEach((run, i) => assert.is(run.code, 0, `solve ${i + 1}:\n${run.stdout}${run.stderr}`));
  assert.equal(shape(await account.snapshot()), ctx.alone);
  assert.equal(Object.entries(statuses(await account.check("2"))).filter(([, status]) => status !== "pass"), []);
});

test.run();
