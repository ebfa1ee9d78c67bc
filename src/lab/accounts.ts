// Which AWS account a request belongs to. On AWS the access key identifies the principal and so the
// account; the lab does the same: the signing access key id selects the account, and for every key the lab
// issued (registered here, or a role session from issueRoleSession) it also holds the secret and session
// token, so that server.ts can check the request's SigV4 signature (signature.ts). Keys it has not issued
// get a stable 12-digit account derived from the key, so any client can build a throwaway account of its
// own; their secret is never checked, because a signature does not carry the secret and the lab never sees
// it. The lab remembers every account it has met; only those have roles one can assume (sts.ts).
import { createHash, randomBytes } from "node:crypto";

export interface Principal {
  account: string;
  /** arn:aws:iam::<account>:user/<name> or arn:aws:sts::<account>:assumed-role/<role>/<session> */
  arn: string;
  userId: string;
}

export interface AccountKey {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** The lab's well-known default credentials: the account that `npm run lab` seeds first. */
export const DEFAULT_KEY: AccountKey = {
  accessKeyId: "AKIAAWSOMEPETSLAB001",
  secretAccessKey: "awsomepets-lab-secret-not-a-real-key-0001",
  accountId: "111122223333",
};

/**
 * Keys for the n-th account (1-based), the same in every run: what tests, scripts and a lab given them in
 * `createLab({ accounts })` use. Being in the source, their secrets protect nothing from a reader of it, so
 * `npm run lab -- --accounts N` hands out freshLabAccountKey(n) instead.
 */
export function labAccountKey(n: number): AccountKey {
  if (n === 1) return DEFAULT_KEY;
  const suffix = String(n).padStart(3, "0");
  return {
    accessKeyId: `AKIAAWSOMEPETSLAB${suffix}`,
    secretAccessKey: `awsomepets-lab-secret-not-a-real-key-${String(n).padStart(4, "0")}`,
    accountId: deriveAccountId(`AKIAAWSOMEPETSLAB${suffix}`),
  };
}

/**
 * The n-th account's key with a secret of its own, made for one lab run (`npm run lab -- --accounts N`,
 * N >= 2): participants who share a lab cannot use each other's accounts, whose key ids are predictable.
 * 30 random bytes in base64 make 40 characters, the length of an AWS secret access key.
 */
export function freshLabAccountKey(n: number): AccountKey {
  return { ...labAccountKey(n), secretAccessKey: randomBytes(30).toString("base64") };
}

export function deriveAccountId(accessKeyId: string): string {
  const digest = createHash("sha256").update(accessKeyId).digest();
  // 12 decimal digits from the first 8 bytes; never starting with 0 so that it reads like a real id.
  const n = digest.readBigUInt64BE(0) % 900_000_000_000n;
  return String(n + 100_000_000_000n);
}

/** What the lab holds of a key it issued: whose it is, and what a request signed with it must prove. */
interface IssuedKey {
  principal: Principal;
  secretAccessKey: string;
  /** Role sessions only: the token the request must carry (X-Amz-Security-Token). */
  sessionToken?: string;
  /** Role sessions only: milliseconds since the epoch. */
  expiresAt?: number;
}

/** Why the lab refuses a key before any signature is looked at. */
export type Refusal = { refused: "expired" } | { refused: "unrecognized" };

export class AccountRegistry {
  private readonly issued = new Map<string, IssuedKey>();
  /** Accounts of the registered (long-term) keys: no key the lab did not issue may land in one. */
  private readonly owned = new Set<string>();
  /** Accounts whose roles refuse AssumeRole (fault injection: a participant whose trust policy is wrong). */
  private readonly untrusted = new Set<string>();
  /** Every account the lab has met: registered, signed for by some client, or given a role session. */
  private readonly known = new Set<string>();

  constructor(keys: AccountKey[] = [DEFAULT_KEY]) {
    // The default key's account is the grader's, which may assume a role in any account (sts.ts): no other
    // key may land in it, even in a lab that was not given the default key.
    this.owned.add(DEFAULT_KEY.accountId);
    for (const key of keys) this.register(key);
  }

  register(key: AccountKey): void {
    this.known.add(key.accountId);
    this.owned.add(key.accountId);
    this.issued.set(key.accessKeyId, {
      principal: { account: key.accountId, arn: `arn:aws:iam::${key.accountId}:user/lab-user`, userId: `AIDA${key.accessKeyId.slice(4, 20)}` },
      secretAccessKey: key.secretAccessKey,
    });
  }

  /**
   * The secret (and session token) a request signed with this key must have used, for a key the lab issued;
   * undefined for any other key, whose signature the lab cannot check.
   */
  secretOf(accessKeyId: string): { secretAccessKey: string; sessionToken?: string } | undefined {
    const issued = this.issued.get(accessKeyId);
    return issued && { secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
  }

  /**
   * The principal behind an access key; unknown long-term keys get an account derived from the key. Every
   * signed request passes through here (server.ts), so an account counts as met from its first request on.
   * An unknown key whose derived account is a registered key's (a hash collision someone searched for) is
   * refused as AWS refuses a key it does not know, rather than let into that account without its secret.
   */
  resolve(accessKeyId: string): Principal | Refusal {
    const issued = this.issued.get(accessKeyId);
    if (issued) return issued.expiresAt !== undefined && issued.expiresAt <= Date.now() ? { refused: "expired" } : issued.principal;
    const account = deriveAccountId(accessKeyId);
    if (this.owned.has(account)) return { refused: "unrecognized" };
    this.known.add(account);
    return { account, arn: `arn:aws:iam::${account}:user/lab-user`, userId: `AIDA${accessKeyId.slice(4, 20).padEnd(16, "X")}` };
  }

  /** Whether the lab has met the account (see `known`): an account it has never met has no roles at all. */
  knows(account: string): boolean {
    return this.known.has(account);
  }

  distrust(account: string): void {
    this.untrusted.add(account);
  }

  isUntrusted(account: string): boolean {
    return this.untrusted.has(account);
  }

  /** Temporary credentials for `arn:aws:iam::<account>:role/<name>`, as STS AssumeRole returns them. */
  issueRoleSession(account: string, roleName: string, sessionName: string, durationSeconds: number): IssuedCredentials {
    const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
    const expiration = new Date(Date.now() + durationSeconds * 1000);
    this.known.add(account);
    const roleId = `AROA${createHash("sha256").update(`${account}/${roleName}`).digest("hex").slice(0, 16).toUpperCase()}`;
    const credentials = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: randomBytes(64).toString("base64"),
      expiration,
    };
    this.issued.set(accessKeyId, {
      principal: { account, arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`, userId: `${roleId}:${sessionName}` },
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiresAt: expiration.getTime(),
    });
    return credentials;
  }
}
