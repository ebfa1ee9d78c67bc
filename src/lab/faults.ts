// Fault injection: what a slow or busy AWS looks like to a client. Options can be changed while the lab
// runs (`lab.faults.configure(...)`), so one test can turn throttling on for a single phase.
import type { ServiceName } from "./protocol.js";

/** A token bucket: `rate` requests per second, at most `burst` at once. */
export interface Quota {
  rate: number;
  burst: number;
}

/** Per-account quotas, looked up by "<service>:<Operation>" first, then by "<service>:*". */
export type QuotaTable = Record<string, Quota>;

/**
 * The real, fixed per-account quotas (reference section 7):
 * - API Gateway management API: 10 requests per second, burst 40, for all operations together, and
 *   CreateDeployment 1 request every 5 seconds [DOC-quota];
 * - Lambda control plane: GetFunction 100 rps, GetPolicy 15 rps, and 15 rps for the remainder together
 *   (invocations excluded) [DOC-lambdaquota].
 * The bursts of the Lambda pools are not published; the rate is used as the burst.
 */
export const AWS_QUOTAS: QuotaTable = {
  "apigateway:*": { rate: 10, burst: 40 },
  "apigateway:CreateDeployment": { rate: 0.2, burst: 1 },
  "lambda:GetFunction": { rate: 100, burst: 100 },
  "lambda:GetPolicy": { rate: 15, burst: 15 },
  "lambda:*": { rate: 15, burst: 15 },
};

export interface FaultOptions {
  /** Added before the answer to every control-plane call (API Gateway, Lambda except Invoke, STS). */
  latencyMs?: number;
  /** Per-account rate limits; a call above them gets 429 TooManyRequestsException. Off by default. */
  quotas?: QuotaTable;
  /** How long after a socket closes the gateway runs $disconnect (AWS runs it asynchronously). */
  disconnectDelayMs?: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class Faults {
  private options: FaultOptions = {};
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: FaultOptions = {}) {
    this.configure(options);
  }

  configure(options: FaultOptions): void {
    this.options = { ...options };
    this.buckets.clear();
  }

  get disconnectDelayMs(): number {
    return this.options.disconnectDelayMs ?? 0;
  }

  async delay(): Promise<void> {
    const ms = this.options.latencyMs ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /**
   * Takes a token for this call, or says it is throttled. A call counts against its own operation's
   * quota when there is one, and against the service-wide pool, except Lambda's GetFunction and GetPolicy,
   * which AWS counts apart from "the remainder of the control plane API requests".
   */
  admit(account: string, service: ServiceName, operation: string): boolean {
    const quotas = this.options.quotas;
    if (!quotas) return true;
    const names = [`${service}:${operation}`];
    if (!(service === "lambda" && quotas[`${service}:${operation}`])) names.push(`${service}:*`);
    const applicable = names.filter((name) => quotas[name]);
    const now = Date.now();
    const buckets = applicable.map((name) => this.refill(`${account}/${name}`, quotas[name]!, now));
    if (buckets.some((bucket) => bucket.tokens < 1)) return false;
    for (const bucket of buckets) bucket.tokens -= 1;
    return true;
  }

  private refill(key: string, quota: Quota, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: quota.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(quota.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * quota.rate);
    bucket.updatedAt = now;
    return bucket;
  }
}
