// DynamoDB in the lab is dynalite, a real implementation: the lab writes no DynamoDB logic of its own.
// One in-memory dynalite per account and region keeps tables of one account invisible to another.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import dynalite from "dynalite";

export interface DynamoOptions {
  /** How long a new table stays CREATING (AWS takes seconds; clients must wait for ACTIVE). */
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

interface Instance {
  server: Server;
  handle: RequestListener;
}

export class DynamoDbHost {
  private readonly instances = new Map<string, Instance>();

  constructor(private readonly options: DynamoOptions = {}) {}

  handle(req: IncomingMessage, res: ServerResponse, account: string, region: string): void {
    this.instance(account, region).handle(req, res);
  }

  async close(): Promise<void> {
    const servers = [...this.instances.values()].map((instance) => instance.server);
    this.instances.clear();
    // dynalite closes its LevelDB store in server.close(); the server never listened, so the
    // "not running" error it may report is expected and ignored.
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  private instance(account: string, region: string): Instance {
    const key = `${account}/${region}`;
    let instance = this.instances.get(key);
    if (!instance) {
      instance = this.create(account, region);
      this.instances.set(key, instance);
    }
    return instance;
  }

  private create(account: string, region: string): Instance {
    // dynalite reads the account and region for its ARNs from the environment, once, while it creates its
    // store (dynalite/db/index.js); set them for exactly that synchronous call so TableArn names this account.
    const saved = { AWS_ACCOUNT_ID: process.env.AWS_ACCOUNT_ID, AWS_REGION: process.env.AWS_REGION };
    process.env.AWS_ACCOUNT_ID = account;
    process.env.AWS_REGION = region;
    try {
      const server = dynalite({
        createTableMs: this.options.createTableMs ?? 100,
        deleteTableMs: this.options.deleteTableMs ?? 100,
        updateTableMs: this.options.updateTableMs ?? 100,
      });
      const handle = server.listeners("request")[0] as RequestListener;
      return { server, handle };
    } finally {
      restoreEnv(saved);
    }
  }
}

function restoreEnv(saved: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
