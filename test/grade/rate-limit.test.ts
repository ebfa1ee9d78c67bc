import { GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { GetPolicyCommand } from "@aws-sdk/client-lambda";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createClients, type AwsClients } from "../../src/aws/clients.js";
import { poolsOf } from "../../src/aws/quotas.js";
import { AccountGate, GRADER_LIMITS, TokenBucket } from "../../src/grade/rate-limit.js";
import { AWS_QUOTAS, createLab, DEFAULT_KEY, LAB_REGION, labAccountKey, type Lab } from "../../src/lab/index.js";
import { printingErrors } from "../helpers/hooks.js";

const limits = suite("grade: per-account rate limits");

limits("every limit is under AWS's quota of the same pool", () => {
  const quotaOf: Record<string, string> = { "apigw:*": "apigateway:*", "lambda:GetFunction": "lambda:GetFunction", "lambda:GetPolicy": "lambda:GetPolicy", "lambda:*": "lambda:*" };
  for (const [pool, limit] of Object.entries(GRADER_LIMITS)) {
    const quota = AWS_QUOTAS[quotaOf[pool]!];
    assert.ok(quota, `a quota for ${pool}`);
    assert.ok(limit.rate < quota!.rate && limit.burst <= quota!.burst, `${pool}: ${JSON.stringify(limit)} under ${JSON.stringify(quota)}`);
  }
});

limits("Lambda's GetPolicy counts apart from the remainder pool, as AWS counts it; API Gateway has one pool", () => {
  assert.equal(poolsOf(GRADER_LIMITS, "lambda", "GetPolicy"), ["lambda:GetPolicy"]);
  assert.equal(poolsOf(GRADER_LIMITS, "lambda", "ListFunctions"), ["lambda:*"]);
  assert.equal(poolsOf(GRADER_LIMITS, "apigw", "GetRoutes"), ["apigw:*"]);
  assert.equal(poolsOf(GRADER_LIMITS, "dynamodb", "Query"), []);
});

limits("a bucket lets the burst through at once, then paces at its rate, and empties when AWS throttles", () => {
  let now = 0;
  const bucket = new TokenBucket({ rate: 10, burst: 3 }, () => now);
  assert.equal([bucket.reserve(), bucket.reserve(), bucket.reserve()], [0, 0, 0]);
  assert.is(Math.round(bucket.reserve()), 100);
  assert.is(Math.round(bucket.reserve()), 200);
  now = 1000;
  assert.is(bucket.reserve(), 0, "refilled after a second");
  bucket.empty();
  assert.is(Math.round(bucket.reserve()), 100, "after a throttle, the next call waits a full interval");
});

interface Ctx {
  lab: Lab;
  made: AwsClients[];
}

const onLab = suite<Ctx>("grade: the gate keeps one account under AWS's real quotas (lab, retries off)");

onLab.before(printingErrors(async (ctx) => {
  ctx.lab = await createLab({ faults: { quotas: AWS_QUOTAS } });
  ctx.made = [];
}));
onLab.after(async (ctx) => {
  for (const clients of ctx.made) clients.destroy();
  await ctx.lab.close();
});

function clientsOf(ctx: Ctx, n: number, gate?: AccountGate): AwsClients {
  const key = n === 1 ? DEFAULT_KEY : labAccountKey(n);
  const clients = createClients({ endpoint: ctx.lab.endpoint, region: LAB_REGION, credentials: key, maxAttempts: 1, ...(gate ? { gate } : {}) });
  ctx.made.push(clients);
  return clients;
}

async function throttledOf(calls: Promise<unknown>[]): Promise<number> {
  const outcomes = await Promise.allSettled(calls);
  return outcomes.filter((outcome) => outcome.status === "rejected" && /TooManyRequests/.test(String((outcome.reason as Error).name))).length;
}

onLab("a burst of API Gateway calls over the quota: throttled without the gate, none throttled with it (42 calls)", async (ctx) => {
  const plain = clientsOf(ctx, 2);
  // Far over the burst of 40: the bucket refills 10 a second, and a busy machine may take seconds to serve them.
  assert.ok((await throttledOf(Array.from({ length: 150 }, () => plain.apigw.send(new GetApisCommand({}))))) > 0, "the lab enforces the quota");
  const gated = clientsOf(ctx, 3, new AccountGate());
  assert.is(await throttledOf(Array.from({ length: 42 }, () => gated.apigw.send(new GetApisCommand({})))), 0);
});

onLab("a burst of GetPolicy calls over the quota: throttled without the gate, none throttled with it (17 calls)", async (ctx) => {
  const plain = clientsOf(ctx, 4);
  const getPolicy = (clients: AwsClients) => clients.lambda.send(new GetPolicyCommand({ FunctionName: "none" })).catch((error: Error) => {
    // No such function is the answer of an admitted call: only throttling counts here.
    if (error.name === "ResourceNotFoundException") return undefined;
    throw error;
  });
  assert.ok((await throttledOf(Array.from({ length: 75 }, () => getPolicy(plain)))) > 0, "the lab enforces the quota");
  const gated = clientsOf(ctx, 5, new AccountGate());
  assert.is(await throttledOf(Array.from({ length: 17 }, () => getPolicy(gated))), 0);
});

onLab("one gate is shared by every set of clients of the account", async (ctx) => {
  const gate = new AccountGate();
  const [a, b] = [clientsOf(ctx, 6, gate), clientsOf(ctx, 6, gate)];
  const calls = Array.from({ length: 42 }, (_, i) => (i % 2 ? a : b).apigw.send(new GetApisCommand({})));
  assert.is(await throttledOf(calls), 0);
});

limits.run();
onLab.run();
