// AWS's fixed per-account control-plane quotas, written once: the grader paces its calls a tenth under them
// (src/grade/rate-limit.ts) and the lab throttles above them when asked to (src/lab/faults.ts), so the two
// can never drift apart. None of these quotas can be raised (API Gateway quotas;
// Lambda quotas, whose API-request rows are UNCONFIRMED: read from a transcription of that page).
//
// Sources cited in this file:
// - API Gateway quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html

/** A token bucket: `rate` requests per second, at most `burst` at once. */
export interface Quota {
  rate: number;
  burst: number;
}

/** Keyed "<service>:<Operation>" for an operation's own quota, "<service>:*" for the service's shared pool; services by their signing names. */
export type QuotaTable = Record<string, Quota>;

/**
 * - API Gateway management API: 10 requests per second, burst 40, for all operations together, and
 *   CreateDeployment 1 request every 5 seconds ("Amazon API Gateway quotas", table "API Gateway quotas for
 *   creating, deploying and managing an API": https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html);
 * - Lambda control plane: GetFunction 100 rps, GetPolicy 15 rps, and 15 rps for "the remainder of the control
 *   plane API requests" together, invocations excluded ("Lambda quotas", API requests:
 *   https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). Lambda publishes no bursts; the
 *   rate is taken as the burst (UNCONFIRMED).
 */
export const AWS_QUOTAS: QuotaTable = {
  "apigateway:*": { rate: 10, burst: 40 },
  "apigateway:CreateDeployment": { rate: 0.2, burst: 1 },
  "lambda:GetFunction": { rate: 100, burst: 100 },
  "lambda:GetPolicy": { rate: 15, burst: 15 },
  "lambda:*": { rate: 15, burst: 15 },
};

/** A quota with a margin taken off (rounded down, never below one request): room for the account's other traffic and clock jitter. */
export function under(quota: Quota, share: number): Quota {
  return { rate: Math.max(1, Math.floor(quota.rate * share)), burst: Math.max(1, Math.floor(quota.burst * share)) };
}

/**
 * The pools a call counts against, of those the table has: its operation's own quota, and the service's
 * shared pool, except for Lambda, whose GetFunction and GetPolicy AWS counts apart from "the remainder of the
 * control plane API requests" (the Lambda quotas page above). The grader's pacing and the lab's throttling
 * both count calls this way.
 */
export function poolsOf(table: QuotaTable, service: string, operation: string): string[] {
  const own = `${service}:${operation}`;
  const shared = `${service}:*`;
  if (table[own]) return service === "lambda" || !table[shared] ? [own] : [own, shared];
  return table[shared] ? [shared] : [];
}
