// Throttled calls are waited out, not reported as failures: API Gateway allows one CreateDeployment per 5 s
// per account and 10 management calls per second; Lambda 15 control-plane calls per second (API Gateway quotas; Lambda quotas).
// The SDK's own retries (3 attempts, about 2 s) are too short for the deployment quota, so each call of a
// plan gets this second, slower layer, bounded by a time budget.
//
// Sources cited in this file:
// - API Gateway quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
import { isThrottling, isUpdateInProgress } from "../aws/errors.js";

export interface RetryPolicy {
  /** Longest time one call may spend waiting for quotas before its throttling counts as a failure. */
  budgetMs: number;
  /** First wait after a throttled call; doubled each time, at most 10 s. */
  baseMs: number;
  /** CreateDeployment's quota: one call per this interval, per account. */
  deployIntervalMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { budgetMs: 60_000, baseMs: 1_000, deployIntervalMs: 5_000 };

export function waitBefore(operation: string, attempt: number, policy: RetryPolicy): number {
  if (operation === "CreateDeployment") return policy.deployIntervalMs;
  return Math.min(policy.baseMs * 2 ** attempt, 10_000);
}

export interface RetryHooks {
  signal?: AbortSignal;
  onWait?: (ms: number) => void;
}

export async function withThrottleRetry<T>(operation: string, work: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isThrottling(error) && !isUpdateInProgress(error)) throw error;
      const ms = waitBefore(operation, attempt, policy);
      if (Date.now() - started + ms > policy.budgetMs || hooks.signal?.aborted) throw error;
      hooks.onWait?.(ms);
      await pause(ms, hooks.signal);
      if (hooks.signal?.aborted) throw error;
    }
  }
}

/** A bounded wait that Ctrl-C cuts short (the call is then not retried). */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
