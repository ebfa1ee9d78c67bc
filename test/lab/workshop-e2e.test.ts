// The workshop end to end on the seeded lab, with a real WebSocket client: what a participant's browser
// sees before and after step 2 (the lab's purpose: a participant sees what AWS would show). Each scenario has its own account, so one lab
// holds them all without one scenario's configuration leaking into another.
//
// Sources cited in this file:
// - API Gateway's $connect and $disconnect routes: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - API Gateway's WebSocket route responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
// - API Gateway's WebSocket selection expressions: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
// - aws-cdk#18208 on a missing invoke permission: https://github.com/aws/aws-cdk/issues/18208
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import WebSocket from "ws";
import { applyStep2, type Step2Options } from "../../src/scenarios/seed.js";
import { isPendingConnectionId, pendingRow, type CallbackRow } from "../../src/workshop/callback-table.js";
import { eventually, startSeededLab, type SeededAccount, type SeededLab } from "../helpers/seeded.js";
import { printingErrors } from "../helpers/hooks.js";
import { documentClient } from "../../src/aws/documents.js";

const test = suite<{ lab: SeededLab }>("workshop end to end over WebSocket", { lab: undefined as unknown as SeededLab });

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startSeededLab();
}));

test.after(async (ctx) => {
  await ctx.lab?.close();
});

/** How long a client waits before concluding that no answer will come (a one-way route sends nothing, API Gateway's WebSocket route responses). */
const SILENCE_MS = 1500;

class Client {
  private readonly inbox: string[] = [];
  private readonly closed: Promise<void>;

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data) => this.inbox.push(data.toString()));
    this.closed = new Promise((resolve) => ws.once("close", () => resolve()));
  }

  /** Opens `<apiEndpoint>/<stage>?orderId=...`; a refused handshake rejects with its HTTP status. */
  static open(url: string): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const client = new Client(ws);
      ws.once("open", () => resolve(client));
      ws.once("unexpected-response", (_req, res) => {
        reject(Object.assign(new Error(`handshake refused with ${res.statusCode}`), { status: res.statusCode }));
        ws.terminate();
      });
      ws.once("error", reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** The next text frame, or undefined when none arrives within `timeoutMs`. */
  async receive(timeoutMs = 10_000): Promise<string | undefined> {
    try {
      return await eventually(async () => this.inbox.shift(), timeoutMs, 20);
    } catch {
      return undefined;
    }
  }

  /** The next text frame as JSON; failing, not hanging, when none comes. */
  async receiveJson(): Promise<Record<string, unknown>> {
    const text = await this.receive();
    assert.ok(text !== undefined, "no frame arrived within 10 s");
    return JSON.parse(text);
  }

  async close(): Promise<void> {
    this.ws.close(1000);
    await this.closed;
  }
}

const url = (account: SeededAccount, orderId?: string) =>
  `${account.resources.apiEndpoint}/${account.resources.stageName}${orderId ? `?orderId=${encodeURIComponent(orderId)}` : ""}`;

/** The rows the connect handler wrote for an order (pending rows are the workflow's, not a connection's). */
async function connectionRows(account: SeededAccount, orderId: string): Promise<CallbackRow[]> {
  const out = await documentClient(account.clients.dynamodb).send(
    new QueryCommand({ TableName: "ClientCallbackTbl", KeyConditionExpression: "orderId = :o", ExpressionAttributeValues: { ":o": orderId } }),
  );
  return ((out.Items ?? []) as CallbackRow[]).filter((row) => !isPendingConnectionId(row.connectionId));
}

async function rowsStay(account: SeededAccount, orderId: string, count: number): Promise<void> {
  // $disconnect runs asynchronously after the close (API Gateway's $connect and $disconnect routes); give it the time it would take, then look.
  const changed = await eventually(async () => ((await connectionRows(account, orderId)).length !== count ? true : undefined), SILENCE_MS).catch(
    () => false,
  );
  assert.is(changed, false, `the rows of ${orderId} changed`);
}

async function accountWithStep2(lab: SeededLab, n: number, options?: Step2Options): Promise<SeededAccount> {
  const account = await lab.seedAccount(n);
  await applyStep2(account.target, account.resources, options);
  return account;
}

test("$connect registers a row {orderId, connectionId, attributes{domainName, stage v1, createdOn}} before the handshake completes (API Gateway's $connect and $disconnect routes)", async ({ lab }) => {
  const client = await Client.open(url(lab.main, "e2e-connect"));
  const rows = await connectionRows(lab.main, "e2e-connect");
  assert.is(rows.length, 1);
  assert.equal(Object.keys(rows[0]!.attributes).sort(), ["createdOn", "domainName", "stage"]);
  assert.is(rows[0]!.attributes.stage, "v1");
  await client.close();
});

test("a handshake without ?orderId is refused with 502: the workshop's connect function throws, reading a query that is not there (502: UNCONFIRMED beyond public wscat experiments)", async ({ lab }) => {
  const outcome = await Client.open(url(lab.main)).then(
    async (client) => {
      await client.close();
      return "open";
    },
    (error: { status?: number }) => error.status,
  );
  assert.is(outcome, 502);
});

test("before step 2 a message gets no answer and closing leaves the row (no $default/$disconnect integration)", async ({ lab }) => {
  const client = await Client.open(url(lab.main, "e2e-step1"));
  client.send({ orderId: "e2e-step1" });
  assert.is(await client.receive(SILENCE_MS), undefined);
  assert.ok(client.isOpen);
  await client.close();
  await rowsStay(lab.main, "e2e-step1", 1);
});

test("after step 2 and its deployment, $default answers the pending status, then none, and $disconnect removes the row", async ({ lab }) => {
  const account = await accountWithStep2(lab, 2);
  const status = { status: "success" as const, orderId: "e2e-step2", amountPaid: 20, createdOn: Date.now() };
  await documentClient(account.clients.dynamodb).send(new PutCommand({ TableName: "ClientCallbackTbl", Item: pendingRow("e2e-step2", status) }));
  const client = await Client.open(url(account, "e2e-step2"));
  client.send({ orderId: "e2e-step2" });
  assert.equal(await client.receiveJson(), status);
  client.send({ orderId: "e2e-step2" });
  assert.is(await client.receive(), '{"status":"none"}');
  assert.is((await connectionRows(account, "e2e-step2")).length, 1);
  await client.close();
  await eventually(async () => ((await connectionRows(account, "e2e-step2")).length === 0 ? true : undefined));
});

test("step 2's changes without CreateDeployment are not live: no answer, and the row stays (API Gateway's WebSocket deployments)", async ({ lab }) => {
  const account = await accountWithStep2(lab, 3, { deploy: false });
  const client = await Client.open(url(account, "e2e-undeployed"));
  client.send({ orderId: "e2e-undeployed" });
  assert.is(await client.receive(SILENCE_MS), undefined);
  await client.close();
  await rowsStay(account, "e2e-undeployed", 1);
});

test("without the $default permission the client gets the Internal server error frame and stays connected (aws-cdk#18208 on a missing invoke permission, UNCONFIRMED in detail; API Gateway's WebSocket selection expressions)", async ({ lab }) => {
  const account = await accountWithStep2(lab, 4, { omitPermissions: ["$default"] });
  const client = await Client.open(url(account, "e2e-noperm"));
  for (let attempt = 0; attempt < 2; attempt++) {
    client.send({ orderId: "e2e-noperm" });
    const frame = await client.receiveJson();
    assert.equal(Object.keys(frame), ["message", "connectionId", "requestId"]);
    assert.is(frame.message, "Internal server error");
    assert.type(frame.connectionId, "string");
    assert.type(frame.requestId, "string");
    assert.ok(client.isOpen);
  }
  await client.close();
});

test.run();
