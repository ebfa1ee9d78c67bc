// The reference handlers as the seeded functions run them: Invoke of the zipped code in the lab, with
// events of API Gateway's shape (reference 5.5), against ClientCallbackTbl in the lab's DynamoDB.
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { CONNECTION_INDEX, pendingRow, type CallbackRow } from "../../solution/handlers/table.js";
import type { HandlerName } from "../../solution/package.js";
import { startSeededLab, type SeededLab } from "../helpers/seeded.js";
import { connectEvent, disconnectEvent, messageEvent, newConnectionId, type EventSite } from "./events.js";

const test = suite<{ lab: SeededLab }>("reference handlers", { lab: undefined as unknown as SeededLab });

test.before(async (ctx) => {
  ctx.lab = await startSeededLab();
});

test.after(async (ctx) => {
  await ctx.lab?.close();
});

interface Invoked {
  result: { statusCode?: number; body?: string };
  functionError?: string;
}

async function invoke(lab: SeededLab, handler: HandlerName, event: unknown): Promise<Invoked> {
  const { clients, resources } = lab.main;
  const out = await clients.lambda.send(
    new InvokeCommand({ FunctionName: resources.functionNames[handler], Payload: Buffer.from(JSON.stringify(event)) }),
  );
  return { result: JSON.parse(Buffer.from(out.Payload!).toString("utf8")), functionError: out.FunctionError };
}

function site(lab: SeededLab, connectionId = newConnectionId()): EventSite {
  return { apiId: lab.main.resources.apiId, region: lab.main.resources.region, stage: "v1", connectionId };
}

async function put(lab: SeededLab, row: CallbackRow): Promise<void> {
  await lab.main.clients.documents.send(new PutCommand({ TableName: "ClientCallbackTbl", Item: row }));
}

async function rowsOfOrder(lab: SeededLab, orderId: string): Promise<CallbackRow[]> {
  const out = await lab.main.clients.documents.send(
    new QueryCommand({ TableName: "ClientCallbackTbl", KeyConditionExpression: "orderId = :o", ExpressionAttributeValues: { ":o": orderId } }),
  );
  return (out.Items ?? []) as CallbackRow[];
}

async function rowsOfConnection(lab: SeededLab, connectionId: string): Promise<CallbackRow[]> {
  const out = await lab.main.clients.documents.send(
    new QueryCommand({
      TableName: "ClientCallbackTbl",
      IndexName: CONNECTION_INDEX,
      KeyConditionExpression: "connectionId = :c",
      ExpressionAttributeValues: { ":c": connectionId },
    }),
  );
  return (out.Items ?? []) as CallbackRow[];
}

test("$connect stores {orderId, connectionId, attributes{domainName, stage, createdOn}} and answers 200 (workshop callback page step 3)", async ({ lab }) => {
  const where = site(lab);
  const before = Date.now();
  const { result, functionError } = await invoke(lab, "connect", connectEvent(where, { orderId: "order-connect-1" }));
  assert.is(functionError, undefined);
  assert.equal(result, { statusCode: 200 });
  const got = await lab.main.clients.documents.send(
    new GetCommand({ TableName: "ClientCallbackTbl", Key: { orderId: "order-connect-1", connectionId: where.connectionId } }),
  );
  const item = got.Item as CallbackRow & { attributes: { createdOn: string } };
  assert.equal(Object.keys(item).sort(), ["attributes", "connectionId", "orderId"]);
  assert.equal(Object.keys(item.attributes).sort(), ["createdOn", "domainName", "stage"]);
  assert.is(item.attributes.domainName, `${where.apiId}.execute-api.${where.region}.amazonaws.com`);
  assert.is(item.attributes.stage, "v1");
  assert.is(new Date(item.attributes.createdOn).toISOString(), item.attributes.createdOn);
  const created = Date.parse(item.attributes.createdOn);
  assert.ok(created >= before - 1000 && created <= Date.now() + 1000, `createdOn ${item.attributes.createdOn} is the time of the call`);
});

test("$connect without ?orderId answers 400 (so the handshake is refused, reference 5.2) and stores nothing", async ({ lab }) => {
  const where = site(lab);
  const { result, functionError } = await invoke(lab, "connect", connectEvent(where));
  assert.is(functionError, undefined);
  assert.is(result.statusCode, 400);
  assert.equal(JSON.parse(result.body!), { message: "query parameter orderId is required" });
  assert.equal(await rowsOfConnection(lab, where.connectionId), []);
});

test("$disconnect deletes every row of its connection through the GSI, across result pages, and leaves other connections' rows", async ({ lab }) => {
  const gone = newConnectionId();
  const kept = newConnectionId();
  // Four rows of ~300 KB exceed the 1 MB a Query page holds, so the handler must follow LastEvaluatedKey.
  const padding = "x".repeat(300_000);
  for (let i = 0; i < 4; i++) await put(lab, { orderId: `order-disc-${i}`, connectionId: gone, attributes: { padding } });
  await put(lab, { orderId: "order-disc-0", connectionId: kept, attributes: { stage: "v1" } });
  await put(lab, { orderId: "order-disc-9", connectionId: kept, attributes: { stage: "v1" } });

  const { result, functionError } = await invoke(lab, "disconnect", disconnectEvent(site(lab, gone)));
  assert.is(functionError, undefined);
  assert.equal(result, { statusCode: 200 });
  assert.equal(await rowsOfConnection(lab, gone), []);
  const left = (await rowsOfConnection(lab, kept)).map((row) => row.orderId).sort();
  assert.equal(left, ["order-disc-0", "order-disc-9"]);
});

test("$disconnect of a connection without rows answers 200", async ({ lab }) => {
  const { result, functionError } = await invoke(lab, "disconnect", disconnectEvent(site(lab)));
  assert.is(functionError, undefined);
  assert.equal(result, { statusCode: 200 });
});

test("$default answers the oldest pending row's attributes and deletes every pending row of the order, nothing else", async ({ lab }) => {
  const live = newConnectionId();
  await put(lab, pendingRow("order-pend-1", { status: "SHIPPED", updatedOn: "2024-01-01T00:00:00.000Z" }, new Date("2024-01-01T00:00:00Z")));
  await put(lab, pendingRow("order-pend-1", { status: "DELIVERED" }, new Date("2024-01-02T00:00:00Z")));
  await put(lab, { orderId: "order-pend-1", connectionId: live, attributes: { stage: "v1" } });
  const other = pendingRow("order-pend-2", { status: "PLACED" });
  await put(lab, other);

  const { result, functionError } = await invoke(lab, "pending", messageEvent(site(lab, live), JSON.stringify({ orderId: "order-pend-1" })));
  assert.is(functionError, undefined);
  assert.is(result.statusCode, 200);
  assert.equal(JSON.parse(result.body!), { status: "SHIPPED", updatedOn: "2024-01-01T00:00:00.000Z" });
  assert.equal((await rowsOfOrder(lab, "order-pend-1")).map((row) => row.connectionId), [live]);
  assert.equal(await rowsOfOrder(lab, "order-pend-2"), [other]);
});

test('$default answers {"status":"none"} for an order without pending rows', async ({ lab }) => {
  const { result, functionError } = await invoke(lab, "pending", messageEvent(site(lab), JSON.stringify({ orderId: "order-pend-none" })));
  assert.is(functionError, undefined);
  assert.is(result.statusCode, 200);
  assert.is(result.body, '{"status":"none"}');
});

test("$default answers 400 naming the problem, not a function error, for a body that is not JSON", async ({ lab }) => {
  const { result, functionError } = await invoke(lab, "pending", messageEvent(site(lab), "hello"));
  assert.is(functionError, undefined);
  assert.is(result.statusCode, 400);
  assert.equal(JSON.parse(result.body!), { message: "message body is not JSON" });
});

test("$default answers 400 naming the problem for JSON without an orderId", async ({ lab }) => {
  for (const body of ['{"action":"status"}', '{"orderId":""}', '{"orderId":42}', "null", "[1]"]) {
    const { result, functionError } = await invoke(lab, "pending", messageEvent(site(lab), body));
    assert.is(functionError, undefined, body);
    assert.is(result.statusCode, 400, body);
    assert.equal(JSON.parse(result.body!), { message: "message body has no orderId" }, body);
  }
});

test.run();
