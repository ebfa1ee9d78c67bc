// Which AWS account a request belongs to. On AWS the access key identifies the principal and so the
// account; the lab does the same: the signing access key id selects the account. Keys it has not been
// told about get a stable 12-digit id derived from the key, so any client can build its own account.
// The lab remembers every account it has met that way; only those have roles one can assume (sts.ts).
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

/** Keys for the n-th seeded account (1-based), as `npm run lab -- --accounts N` prints them. */
export function labAccountKey(n: number): AccountKey {
  if (n === 1) return DEFAULT_KEY;
  const suffix = String(n).padStart(3, "0");
  return {
    accessKeyId: `AKIAAWSOMEPETSLAB${suffix}`,
    secretAccessKey: `awsomepets-lab-secret-not-a-real-key-${String(n).padStart(4, "0")}`,
    accountId: deriveAccountId(`AKIAAWSOMEPETSLAB${suffix}`),
  };
}

export function deriveAccountId(accessKeyId: string): string {
  const digest = createHash("sha256").update(accessKeyId).digest();
  // 12 decimal digits from the first 8 bytes; never starting with 0 so that it reads like a real id.
  const n = digest.readBigUInt64BE(0) % 900_000_000_000n;
  return String(n + 100_000_000_000n);
}

export class AccountRegistry {
  private readonly principals = new Map<string, Principal>();
  private readonly expirations = new Map<string, number>();
  /** Accounts whose roles refuse AssumeRole (fault injection: a participant whose trust policy is wrong). */
  private readonly untrusted = new Set<string>();
  /** Every account the lab has met: registered, signed for by some client, or given a role session. */
  private readonly known = new Set<string>();

  constructor(keys: AccountKey[] = [DEFAULT_KEY]) {
    for (const key of keys) this.register(key);
  }

  register(key: AccountKey): void {
    this.known.add(key.accountId);
    this.principals.set(key.accessKeyId, {
      account: key.accountId,
      arn: `arn:aws:iam::${key.accountId}:user/lab-user`,
      userId: `AIDA${key.accessKeyId.slice(4, 20)}`,
    });
  }

  /**
   * The principal behind an access key; unknown long-term keys get an account derived from the key. Every
   * signed request passes through here (server.ts), so an account counts as met from its first request on.
   */
  resolve(accessKeyId: string): Principal | { expired: true } {
    const expiresAt = this.expirations.get(accessKeyId);
    if (expiresAt !== undefined && expiresAt <= Date.now()) return { expired: true };
    const known = this.principals.get(accessKeyId);
    if (known) return known;
    const account = deriveAccountId(accessKeyId);
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
    this.principals.set(accessKeyId, {
      account,
      arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
    });
    this.expirations.set(accessKeyId, expiration.getTime());
    return {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: randomBytes(64).toString("base64"),
      expiration,
    };
  }
}
