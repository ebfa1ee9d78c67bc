// The local lab: an AWS-compatible emulator of the workshop account on 127.0.0.1, with a real WebSocket
// endpoint. It speaks AWS's wire protocols and knows nothing of checks (DESIGN.md, "the lab is a separate room").
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AccountRegistry, DEFAULT_KEY, type AccountKey } from "./accounts.js";
import type { LabContext } from "./context.js";
import { DynamoDbHost, type DynamoOptions } from "./dynamodb.js";
import { Faults, type FaultOptions } from "./faults.js";
import { attachWebSocketGateway } from "./gateway/websocket.js";
import { createFunctionRuntime } from "./lambda/runtime.js";
import { LogStore } from "./logs/store.js";
import { createRequestHandler } from "./server.js";
import { newLabStores, type LabStores } from "./store.js";

export { AWS_QUOTAS, type FaultOptions } from "./faults.js";
export { DEFAULT_KEY, freshLabAccountKey, labAccountKey, type AccountKey } from "./accounts.js";

/** The region the workshop runs in (its callback URL is in ap-northeast-2: the workshop's lab guide). */
export const LAB_REGION = "ap-northeast-2";

export interface LabOptions {
  /** 0 (the default) takes an ephemeral port, so that runs never collide. */
  port?: number;
  /** Keys the lab issues from the start (their signatures are checked); any other key gets an account derived from it. */
  accounts?: AccountKey[];
  faults?: FaultOptions;
  dynamo?: DynamoOptions;
}

export interface Lab {
  /** http://127.0.0.1:<port>: the AWS_ENDPOINT_URL for every service. */
  readonly endpoint: string;
  /** ws://127.0.0.1:<port>: the base of every WebSocket API's apiEndpoint. */
  readonly wsEndpoint: string;
  readonly port: number;
  readonly accounts: AccountRegistry;
  readonly stores: LabStores;
  readonly faults: Faults;
  /** CloudWatch Logs: the functions' log groups, streams and events. */
  readonly logs: LogStore;
  close(): Promise<void>;
}

export async function createLab(options: LabOptions = {}): Promise<Lab> {
  const accounts = new AccountRegistry(options.accounts ?? [DEFAULT_KEY]);
  const stores = newLabStores();
  const faults = new Faults(options.faults);
  const dynamo = new DynamoDbHost(options.dynamo);
  let endpoint = "";
  const logs = new LogStore();
  const lambda = createFunctionRuntime({ store: stores.lambda, accounts, logs, endpoint: () => endpoint });
  const server = createServer();
  const ctx: LabContext = {
    get endpoint() {
      return endpoint;
    },
    get wsEndpoint() {
      return endpoint.replace(/^http/, "ws");
    },
    accounts,
    stores,
    faults,
    lambda,
    logs,
  };
  server.on("request", createRequestHandler(ctx, dynamo));
  const gateway = attachWebSocketGateway(server, ctx);
  const port = await listen(server, options.port ?? 0);
  endpoint = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    endpoint,
    wsEndpoint: ctx.wsEndpoint,
    port,
    accounts,
    stores,
    faults,
    logs,
    close() {
      closing ??= (async () => {
        await gateway.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await lambda.close();
        await dynamo.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
