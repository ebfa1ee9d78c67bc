// Applying plans when things go wrong or need more than configuration, on the lab with the real SDK: a failure
// half-way (the lab's quota fault), the CreateDeployment quota waited out, --with-handlers on broken code,
// and --prune.
import { CreateDeploymentCommand, GetIntegrationsCommand } from "@aws-sdk/client-apigatewayv2";
import { GetFunctionConfigurationCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2 } from "@aws-sdk/client-lambda";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { AWS_QUOTAS } from "../../src/lab/index.js";
import { applyPlan, type ApplyEvent } from "../../src/plan/apply.js";
import type { Plan } from "../../src/plan/model.js";
import { prepareSolve } from "../../src/cli/plan-session.js";
import { zipOf } from "../../bench/lib/lambda-zip.js";
import { startPlanLab, statuses, type PlanLab } from "./lab.js";
import { printingErrors } from "../helpers/hooks.js";

const test = suite<{ lab: PlanLab }>("applying plans");

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startPlanLab();
}));

test.after.each((ctx) => {
  ctx.lab.lab.faults.configure({});
});

test.after(async (ctx) => {
  await ctx.lab?.close();
});

const kinds = (plan: Plan) => plan.changes.map((change) => `${change.kind}${"routeKey" in change ? ` ${change.routeKey}` : ""}`);
const allPass = (verdicts: Record<string, string>) => Object.entries(verdicts).filter(([, status]) => status !== "pass");

test("a change that fails half-way: the exact account of what was and was not applied, and a second solve completes it", async (ctx) => {
  const account = await ctx.lab.account(2, "step1", { maxAttempts: 1 });
  const plan = (await prepareSolve(account.session)).plan!;
  // One AddPermission per account, never refilled: the second permission of the plan is throttled for good.
  ctx.lab.lab.faults.configure({ quotas: { "lambda:AddPermission": { rate: 0.0001, burst: 1 } } });
  const result = await applyPlan(plan, account.clients, { retry: { budgetMs: 0, baseMs: 1, deployIntervalMs: 1 } });
  assert.is(result.failed?.index, 5);
  assert.is(result.failed?.name, "TooManyRequestsException");
  assert.equal(result.applied, plan.changes.slice(0, 5));
  assert.equal(result.notApplied, plan.changes.slice(6));
  ctx.lab.lab.faults.configure({});

  const before = statuses(await account.check("2", false));
  assert.equal([before["s2.disconnect-integration"], before["s2.disconnect-permission"], before["s2.default-permission"]], ["pass", "pass", "fail"]);
  const second = (await prepareSolve(account.session)).plan!;
  assert.equal(kinds(second), ["addPermission $default", "setSelectionExpression $default", "createRouteResponse $default", "deploy"]);
  assert.is((await applyPlan(second, account.clients)).failed, undefined);
  assert.equal(allPass(statuses(await account.check("2"))), []);
  assert.equal((await prepareSolve(account.session)).plan!.changes, []);
});

test("the CreateDeployment quota (one per 5 s per account) is waited out, not reported as a failure", async (ctx) => {
  const account = await ctx.lab.account(3, "no-route-response", { maxAttempts: 1 });
  const plan = (await prepareSolve(account.session)).plan!;
  assert.equal(kinds(plan), ["setSelectionExpression $default", "createRouteResponse $default", "deploy"]);
  ctx.lab.lab.faults.configure({ quotas: AWS_QUOTAS });
  // Someone deployed a moment ago: the account's one deployment per 5 s is used up.
  await account.clients.apigw.send(new CreateDeploymentCommand({ ApiId: account.resources.apiId }));
  const events: ApplyEvent[] = [];
  const started = Date.now();
  const result = await applyPlan(plan, account.clients, { onEvent: (event) => events.push(event) });
  assert.is(result.failed, undefined, result.failed?.message);
  assert.equal(result.applied.length, 3);
  const waits = events.filter((event) => event.type === "waiting");
  assert.ok(waits.length >= 1 && waits.every((event) => event.type === "waiting" && event.operation === "CreateDeployment" && event.ms === 5_000), JSON.stringify(waits));
  assert.ok(Date.now() - started >= 4_000, `${Date.now() - started} ms`);
  ctx.lab.lab.faults.configure({});
  assert.equal(allPass(statuses(await account.check("2"))), []);
});

test("--with-handlers: broken code replaced, under the function's own Handler setting, configuration kept; then nothing to do", async (ctx) => {
  const account = await ctx.lab.account(4, "solved");
  const { lambda } = account.clients;
  const names = account.resources.functionNames;
  // Broken $connect code makes the handshake fail at once, so the probe has nothing to wait for.
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: names.connect, ZipFile: zipOf({ "index.mjs": "export const handler = async () => { throw new Error('broken'); };" }) }));
  // A function whose Handler is not index.handler: the reference zip must still be found under that name.
  await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: names.pending, Handler: "src/app.main", Environment: { Variables: { CLIENT_CALLBACK_TABLE: account.resources.tableName, EXTRA: "kept" } } }));
  await Promise.all([names.connect, names.pending].map((FunctionName) => waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30, minDelay: 0.1, maxDelay: 1 }, { FunctionName })));
  assert.is(statuses(await account.check("2"))["s2.live-connect"], "fail");

  const plan = (await prepareSolve({ ...account.session, withHandlers: true })).plan!;
  assert.equal(plan.changes.map((change) => (change.kind === "updateCode" ? `${change.functionName} ${change.handler}` : change.kind)), [`${names.connect} index.handler`, `${names.pending} src/app.main`]);
  assert.is((await applyPlan(plan, account.clients)).failed, undefined);
  assert.equal(allPass(statuses(await account.check("2"))), []);
  const pending = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: names.pending }));
  assert.is(pending.Handler, "src/app.main");
  assert.equal(pending.Environment?.Variables, { CLIENT_CALLBACK_TABLE: account.resources.tableName, EXTRA: "kept" });
  assert.equal((await prepareSolve({ ...account.session, withHandlers: true })).plan!.changes, []);
});

test("--prune deletes the integration the fix left unused, and only that one", async (ctx) => {
  const account = await ctx.lab.account(5, "http-integration");
  const ApiId = account.resources.apiId;
  const before = (await account.clients.apigw.send(new GetIntegrationsCommand({ ApiId }))).Items!;
  const http = before.find((integration) => integration.IntegrationType === "HTTP_PROXY")!;
  const plan = (await prepareSolve({ ...account.session, prune: true })).plan!;
  assert.equal(kinds(plan), ["setTarget $default", "deploy", "deleteIntegration"]);
  assert.is((await applyPlan(plan, account.clients)).failed, undefined);
  const after = (await account.clients.apigw.send(new GetIntegrationsCommand({ ApiId }))).Items!;
  assert.equal(after.map((integration) => integration.IntegrationId).sort(), before.filter((i) => i !== http).map((integration) => integration.IntegrationId).sort());
  assert.equal(allPass(statuses(await account.check("2"))), []);
});

test.run();
