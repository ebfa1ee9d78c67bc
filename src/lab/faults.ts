// Fault injection: what a slow or busy AWS looks like to a client. Options can be changed while the lab
// runs (`lab.faults.configure(...)`), so one test can turn throttling on for a single phase.
import { poolsOf, type Quota, type QuotaTable } from "../aws/quotas.js";
import type { ServiceName } from "./protocol.js";

// The real, fixed per-account quotas, looked up by "<service>:<Operation>" first, then by "<service>:*":
// the one table the grader's rate limits are taken from too. The lab's service names are the signing names it is keyed by.
export { AWS_QUOTAS, type Quota, type QuotaTable } from "../aws/quotas.js";

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

  /** Takes a token from each pool the call counts against (src/aws/quotas.ts), or says it is throttled. */
  admit(account: string, service: ServiceName, operation: string): boolean {
    const quotas = this.options.quotas;
    if (!quotas) return true;
    const now = Date.now();
    const buckets = poolsOf(quotas, service, operation).map((name) => this.refill(`${account}/${name}`, quotas[name]!, now));
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
