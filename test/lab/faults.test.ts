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

/**
 * AWS's bursts, with the refill slowed to one call in 1000 s: how many calls pass is then the burst alone, not
 * the burst plus whatever the bucket refilled while a busy machine took seconds to serve them.
 */
function burstsOnly(...pools: string[]) {
  return Object.fromEntries(pools.map((pool) => [pool, { ...AWS_QUOTAS[pool]!, rate: 0.001 }]));
}

faults("API Gateway allows a burst of 40 calls per account, then answers 429 TooManyRequestsException (API Gateway quotas)", async ({ t }) => {
  t.lab.faults.configure({ quotas: burstsOnly("apigateway:*") });
  const results = await Promise.allSettled(Array.from({ length: 60 }, () => t.clients.apigw.send(new GetApisCommand({}))));
  const passed = results.filter((result) => result.status === "fulfilled").length;
  assert.is(passed, 40, `${passed} of 60 passed`);
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
  t.lab.faults.configure({ quotas: burstsOnly("lambda:*", "lambda:GetPolicy") });
  const lists = await Promise.allSettled(Array.from({ length: 30 }, () => t.clients.lambda.send(new ListFunctionsCommand({}))));
  const passed = lists.filter((result) => result.status === "fulfilled").length;
  assert.is(passed, 15, `${passed} of 30 passed`);
  // The pool is spent, but GetPolicy counts apart: it reaches the function lookup (404), not the throttle.
  await rejects(t.clients.lambda.send(new GetPolicyCommand({ FunctionName: "Nope" })), "ResourceNotFoundException", 404);
});

faults("the SDK's standard retries get a briefly throttled call through once the bucket refills", async ({ t }) => {
  t.lab.faults.configure({ quotas: { "apigateway:*": { rate: 5, burst: 1 } } });
  // The SDK waits a random share of its backoff before each retry (full jitter, @smithy/core's
  // DefaultRetryBackoffStrategy): with 3 attempts both retries came within the bucket's 200 ms refill about once
  // in 25 runs. Ten attempts make that vanishingly rare; the call still needs the refill to get through.
  const retrying = createClients({ endpoint: t.lab.endpoint, region: t.region, credentials: t.credentials, maxAttempts: 10 });
  try {
    await retrying.apigw.send(new GetApisCommand({}));
    const out = await retrying.apigw.send(new GetApisCommand({}));
    assert.ok(out.$metadata.attempts! >= 2, `attempts: ${out.$metadata.attempts}`);
  } finally {
    retrying.destroy();
  }
});

faults.run();
