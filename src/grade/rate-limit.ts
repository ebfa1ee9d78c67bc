// Per-account rate limits under AWS's fixed control-plane quotas (API Gateway quotas; Lambda quotas), so that grading a class in
// parallel never turns a quota into a participant's error. One gate per account, shared by every set of
// clients that reaches that account; accounts are independent (quotas are per account).
//
// Sources cited in this file:
// - API Gateway quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
import type { RequestGate, ServiceKey } from "../aws/clients.js";
import { AWS_QUOTAS, poolsOf, under, type Quota } from "../aws/quotas.js";

/** A token bucket: `rate` requests per second, at most `burst` at once. */
export type Limit = Quota;

/** Looked up by "<service>:<Operation>" first, then "<service>:*"; services by the clients' keys (src/aws/clients.ts). */
export type LimitTable = Record<string, Limit>;

/** The grader stays a tenth under each quota, so that an account's other traffic and clock jitter leave room. */
const SHARE = 0.9;

/**
 * The pools of src/aws/quotas.ts the checker's reads count against, a tenth under each (API Gateway: 9 rps,
 * burst 36; Lambda: GetFunction 90, GetPolicy 13, the remainder 13). The grader never deploys, so
 * CreateDeployment's quota is not here. DynamoDB (the probe) and STS have no such small per-account
 * control-plane quota and are not paced.
 */
export const GRADER_LIMITS: LimitTable = {
  "apigw:*": under(AWS_QUOTAS["apigateway:*"]!, SHARE),
  "lambda:GetFunction": under(AWS_QUOTAS["lambda:GetFunction"]!, SHARE),
  "lambda:GetPolicy": under(AWS_QUOTAS["lambda:GetPolicy"]!, SHARE),
  "lambda:*": under(AWS_QUOTAS["lambda:*"]!, SHARE),
};

/**
 * Reserves a token at once and waits until the bucket would have held it: callers are served in the
 * order they asked, and the bucket may go negative (the debt is the queue).
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: Limit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now();
  }

  /** Milliseconds the caller must wait before sending. */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.limit.rate) * 1000;
  }

  /** AWS said the account is over its quota (someone else is using it too): start again from empty. */
  empty(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.limit.rate);
    this.updatedAt = now;
  }
}

/** One account's gate: its buckets, and how often AWS still throttled it. */
export class AccountGate implements RequestGate {
  private readonly buckets = new Map<string, TokenBucket>();
  throttledCalls = 0;

  constructor(private readonly limits: LimitTable = GRADER_LIMITS) {}

  async admit(service: ServiceKey, operation: string): Promise<void> {
    const waits = poolsOf(this.limits, service, operation).map((pool) => this.bucket(pool).reserve());
    const wait = Math.max(0, ...waits);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  throttled(service: ServiceKey, operation: string): void {
    this.throttledCalls += 1;
    for (const pool of poolsOf(this.limits, service, operation)) this.bucket(pool).empty();
  }

  private bucket(pool: string): TokenBucket {
    let bucket = this.buckets.get(pool);
    if (!bucket) {
      bucket = new TokenBucket(this.limits[pool]!);
      this.buckets.set(pool, bucket);
    }
    return bucket;
  }
}

/** The gates of a run, one per account key (an account id, or a profile name when the id is not known yet). */
export class AccountGates {
  private readonly gates = new Map<string, AccountGate>();

  constructor(private readonly limits: LimitTable = GRADER_LIMITS) {}

  for(key: string): AccountGate {
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new AccountGate(this.limits);
      this.gates.set(key, gate);
    }
    return gate;
  }

  /** Throttled answers AWS gave in spite of the limits (each retried by the SDK). */
  get throttledCalls(): number {
    return [...this.gates.values()].reduce((sum, gate) => sum + gate.throttledCalls, 0);
  }
}
