// Sources cited in this file:
// - API Gateway quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html

import { CreateApiCommand, CreateDeploymentCommand, CreateRouteCommand, GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { GetPolicyCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createClients } from "../../src/aws/clients.js";
import { AWS_QUOTAS } from "../../src/lab/index.js";
import { rejects } from "../helpers/apigw.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { printingErrors } from "../helpers/hooks.js";

const faults = suite<{ t: TestLab }>("lab: fault injection (latency, AWS's per-account quotas; API Gateway quotas; Lambda quotas)");

faults.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
}));
faults.after.each(({ t }) => {
  t.lab.faults.configure({});
});
faults.after(async (ctx) => {
  await ctx.t.close();
});

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

faults("injected latency delays every control-plane call by at least that long", async ({ t }) => {
  t.lab.faults.configure({ latencyMs: 120 });
  const apigw = await timed(() => t.clients.apigw.send(new GetApisCommand({})));
  const lambda = await timed(() => t.clients.lambda.send(new ListFunctionsCommand({})));
  assert.ok(apigw >= 120, `GetApis took ${apigw} ms`);
  assert.ok(lambda >= 120, `ListFunctions took ${lambda} ms`);
});

faults("injected latency leaves DynamoDB (a data-plane service, not a control-plane one) alone", async ({ t }) => {
  t.lab.faults.configure({ latencyMs: 400 });
  const elapsed = await timed(() => t.clients.dynamodb.send(new ListTablesCommand({})));
  assert.ok(elapsed < 400, `ListTables took ${elapsed} ms`);
});

faults("API Gateway allows a burst of 40 calls per account, then answers 429 TooManyRequestsException (API Gateway quotas)", async ({ t }) => {
  t.lab.faults.configure({ quotas: AWS_QUOTAS });
  // 60 at once: the burst of 40 (plus whatever the bucket refills at 10/s while they run) passes, the rest not.
  const results = await Promise.allSettled(Array.from({ length: 60 }, () => t.clients.apigw.send(new GetApisCommand({}))));
  const passed = results.filter((result) => result.status === "fulfilled").length;
  assert.ok(passed >= 40 && passed < 60, `${passed} of 60 passed`);
  await rejects(t.clients.apigw.send(new GetApisCommand({})), "TooManyRequestsException", 429);
});

faults("the quota is per account: another account is not throttled by the first one's calls", async ({ t }) => {
  t.lab.faults.configure({ quotas: AWS_QUOTAS });
  await Promise.allSettled(Array.from({ length: 45 }, () => t.clients.apigw.send(new GetApisCommand({}))));
  const other = t.clientsFor({ accessKeyId: "AKIAOTHERTHROTTLE001", secretAccessKey: "x" });
  const out = await other.apigw.send(new GetApisCommand({}));
  assert.equal(out.Items, []);
});

faults("CreateDeployment is limited to one request every 5 seconds per account (API Gateway quotas)", async ({ t }) => {
  const api = await t.clients.apigw.send(new CreateApiCommand({ Name: "q", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
  await t.clients.apigw.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "$default" }));
  t.lab.faults.configure({ quotas: AWS_QUOTAS });
  await t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: api.ApiId }));
  await rejects(t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: api.ApiId })), "TooManyRequestsException", 429);
  // Other operations still have room in the account's 10 rps pool.
  await t.clients.apigw.send(new GetApisCommand({}));
});

faults("Lambda's GetPolicy has its own 15 rps quota, apart from the pool of the other control-plane calls (Lambda quotas)", async ({ t }) => {
  t.lab.faults.configure({ quotas: AWS_QUOTAS });
  const lists = await Promise.allSettled(Array.from({ length: 30 }, () => t.clients.lambda.send(new ListFunctionsCommand({}))));
  const passed = lists.filter((result) => result.status === "fulfilled").length;
  assert.ok(passed >= 15 && passed < 30, `${passed} of 30 passed`);
  // The pool is spent, but GetPolicy counts apart: it reaches the function lookup (404), not the throttle.
  await rejects(t.clients.lambda.send(new GetPolicyCommand({ FunctionName: "Nope" })), "ResourceNotFoundException", 404);
});

faults("the SDK's standard retries get a briefly throttled call through once the bucket refills", async ({ t }) => {
  t.lab.faults.configure({ quotas: { "apigateway:*": { rate: 5, burst: 1 } } });
  const retrying = createClients({ endpoint: t.lab.endpoint, region: t.region, credentials: t.credentials, maxAttempts: 3 });
  try {
    await retrying.apigw.send(new GetApisCommand({}));
    const out = await retrying.apigw.send(new GetApisCommand({}));
    assert.ok(out.$metadata.attempts! >= 2, `attempts: ${out.$metadata.attempts}`);
  } finally {
    retrying.destroy();
  }
});

faults.run();
