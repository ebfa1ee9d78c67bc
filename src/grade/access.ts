// Reaching each participant's account: AssumeRole with the instructor's credentials (or a named profile),
// then one set of clients per account and region, shared by the rows that use it while they run, behind
// the account's rate-limit gate. Credentials live in memory only and are never printed or written.
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { createClients, type AwsClients, type ClientSettings, type Credentials } from "../aws/clients.js";
import type { AccountGates } from "./rate-limit.js";
import type { Message, Participant } from "./roster.js";

export interface AccessOptions {
  /** The instructor's own region, profile and endpoint (credentials from the SDK's chain). */
  instructor: ClientSettings;
  sessionName: string;
  /** SDK attempts per call for the participants' clients. */
  maxAttempts: number;
  gates: AccountGates;
  /** Connections shared by every participant's clients. */
  agents?: ClientSettings["agents"];
}

export interface Lease {
  /** What checkAccount is given with the clients, so its own extra clients reach the same account. */
  settings: ClientSettings;
  clients: AwsClients;
  release(): void;
}

/** The account could not be reached: the participant's grade is an error with this reason. */
export class AccessError extends Error {
  constructor(readonly reason: Message) {
    super(reason.key);
  }
}

interface Session {
  credentials: Credentials;
  expiresAt: number;
}

interface OpenClients {
  settings: ClientSettings;
  clients: AwsClients;
  users: number;
}

/** A session is renewed when less than this is left of it, so no check runs on credentials about to expire. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** arn:aws:iam::123456789012:role/Name → 123456789012 */
export function roleAccount(roleArn: string): string {
  return roleArn.split(":")[4] ?? "";
}

/** RoleSessionName: names the grader in the participant's CloudTrail; 2-64 characters of [\w+=,.@-]. */
export function sessionName(env: NodeJS.ProcessEnv = process.env, now = new Date()): string {
  const run = env.GITHUB_RUN_ID ? `gh${env.GITHUB_RUN_ID}` : now.toISOString().replace(/\D/g, "").slice(0, 14);
  return `awsomepets-grader-${run}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}

export class AccountAccess {
  private readonly sessions = new Map<string, Promise<Session>>();
  private readonly open = new Map<string, OpenClients>();
  private readonly instructorClients = new Map<string, AwsClients>();

  constructor(private readonly options: AccessOptions) {}

  async lease(participant: Participant, region: string): Promise<Lease> {
    const key = `${accessKey(participant)}|${region}`;
    let entry = this.open.get(key);
    if (!entry) {
      const settings = await this.settingsFor(participant, region);
      entry = this.open.get(key) ?? { settings, clients: createClients(settings), users: 0 };
      this.open.set(key, entry);
    }
    entry.users += 1;
    const held = entry;
    let released = false;
    return {
      settings: held.settings,
      clients: held.clients,
      release: () => {
        if (released) return;
        released = true;
        held.users -= 1;
        if (held.users > 0) return;
        held.clients.destroy();
        if (this.open.get(key) === held) this.open.delete(key);
      },
    };
  }

  /** Frees every client still open (those of checks abandoned at their time limit included). */
  close(): void {
    for (const entry of this.open.values()) entry.clients.destroy();
    this.open.clear();
    for (const clients of this.instructorClients.values()) clients.destroy();
    this.instructorClients.clear();
  }

  private async settingsFor(participant: Participant, region: string): Promise<ClientSettings> {
    const { access } = participant;
    const { instructor, maxAttempts, agents } = this.options;
    const common = { region, endpoint: instructor.endpoint, maxAttempts, ...(agents ? { agents } : {}) };
    if (access.kind === "profile") return { ...common, profile: access.profile, gate: this.options.gates.for(`profile:${access.profile}`) };
    const session = await this.session(access.roleArn, access.externalId, region);
    return { ...common, credentials: session.credentials, gate: this.options.gates.for(roleAccount(access.roleArn)) };
  }

  private session(roleArn: string, externalId: string | undefined, region: string): Promise<Session> {
    const key = `${roleArn}|${externalId ?? ""}`;
    const known = this.sessions.get(key);
    if (known) {
      // A failed AssumeRole is not tried again for the next row of the same role: it would fail alike.
      const fresh = known.then((session) => session.expiresAt - Date.now() > RENEW_BEFORE_MS, () => true);
      return fresh.then((ok) => (ok ? known : this.assume(key, roleArn, externalId, region)));
    }
    return this.assume(key, roleArn, externalId, region);
  }

  private assume(key: string, roleArn: string, externalId: string | undefined, region: string): Promise<Session> {
    const pending = this.stsFor(region)
      .sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: this.options.sessionName, ...(externalId ? { ExternalId: externalId } : {}) }))
      .then(
        (out) => {
          const c = out.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole returned no credentials");
          return {
            credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}) },
            expiresAt: c.Expiration ? new Date(c.Expiration).getTime() : Number.POSITIVE_INFINITY,
          };
        },
        (error: unknown) => {
          const e = error as { name?: string; message?: string };
          throw new AccessError({ key: "grade.assumeRoleFailed", vars: { roleArn, code: e.name ?? "Error", message: e.message ?? String(error) } });
        },
      );
    this.sessions.set(key, pending);
    return pending;
  }

  /** The instructor's clients, one set per region: AssumeRole goes to the STS endpoint of the participant's region. */
  private stsFor(region: string): AwsClients {
    const own = this.options.instructor.region ?? region;
    let clients = this.instructorClients.get(own);
    if (!clients) {
      clients = createClients({ ...this.options.instructor, region: own });
      this.instructorClients.set(own, clients);
    }
    return clients;
  }
}

function accessKey(participant: Participant): string {
  const { access } = participant;
  return access.kind === "profile" ? `profile:${access.profile}` : `role:${access.roleArn}|${access.externalId ?? ""}`;
}
