// Throttled calls are waited out within a budget (CreateDeployment: one per interval); other errors are not retried.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { isThrottling } from "../../src/aws/errors.js";
import { withThrottleRetry, type RetryPolicy } from "../../src/plan/retry.js";

const FAST: RetryPolicy = { budgetMs: 1_000, baseMs: 5, deployIntervalMs: 30 };
const throttled = () => Object.assign(new Error("Too Many Requests"), { name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 } });

/** A call that is throttled `times` times, then answers. */
function flaky(times: number) {
  const calls: number[] = [];
  const work = async () => {
    calls.push(Date.now());
    if (calls.length <= times) throw throttled();
    return "ok";
  };
  return { calls, work };
}

test("a throttled call is retried until it succeeds, with a wait announced before each retry", async () => {
  const { calls, work } = flaky(3);
  const waits: number[] = [];
  assert.is(await withThrottleRetry("UpdateRoute", work, FAST, { onWait: (ms) => waits.push(ms) }), "ok");
  assert.is(calls.length, 4);
  assert.equal(waits, [5, 10, 20]);
});

test("CreateDeployment waits a whole quota interval each time", async () => {
  const { calls, work } = flaky(1);
  assert.is(await withThrottleRetry("CreateDeployment", work, FAST), "ok");
  assert.ok(calls[1]! - calls[0]! >= 25, `waited ${calls[1]! - calls[0]!} ms`);
});

test("throttling that outlasts the budget fails with the throttling error", async () => {
  const { calls, work } = flaky(100);
  const error = await withThrottleRetry("CreateDeployment", work, { ...FAST, budgetMs: 100 }).catch((e: unknown) => e);
  assert.ok(isThrottling(error));
  assert.ok(calls.length >= 2 && calls.length <= 5, `${calls.length} calls`);
});

test("an error that is not throttling is not retried", async () => {
  let calls = 0;
  const error = await withThrottleRetry("AddPermission", async () => {
    calls++;
    throw Object.assign(new Error("exists"), { name: "ResourceConflictException" });
  }, FAST).catch((e: unknown) => e as Error);
  assert.is(calls, 1);
  assert.is((error as Error).name, "ResourceConflictException");
});

test("Lambda's 'update in progress' conflict is retried like throttling", async () => {
  let calls = 0;
  const answer = await withThrottleRetry("AddPermission", async () => {
    if (++calls === 1) throw Object.assign(new Error("The operation cannot be performed at this time. An update is in progress for resource: x"), { name: "ResourceConflictException" });
    return "ok";
  }, FAST);
  assert.is(answer, "ok");
  assert.is(calls, 2);
});

test("Ctrl-C during a wait stops the retries", async () => {
  const abort = new AbortController();
  const { calls, work } = flaky(100);
  const started = Date.now();
  const pending = withThrottleRetry("CreateDeployment", work, { ...FAST, deployIntervalMs: 5_000, budgetMs: 60_000 }, { signal: abort.signal, onWait: () => abort.abort() });
  const error = await pending.catch((e: unknown) => e);
  assert.ok(isThrottling(error));
  assert.is(calls.length, 1);
  assert.ok(Date.now() - started < 1_000);
});

test.run();
