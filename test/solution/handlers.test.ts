// The reference handlers as the seeded functions run them: Invoke of the zipped code in the lab, with
// events of API Gateway's shape (the WebSocket events in aws-lambda-go's testdata), against ClientCallbackTbl in the lab's DynamoDB. They must
// answer exactly as the workshop's own functions do (the workshop's WebSocket functions), so every expectation here is the workshop's.
//
// Sources cited in this file:
// - the WebSocket events in aws-lambda-go's testdata: https://github.com/aws/aws-lambda-go/tree/main/events/testdata
// - the workshop's WebSocket functions: https://github.com/shkim4u/modern-architecture, lab2-saga/awsomepets-serverless/src/order/
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { CONNECTION_INDEX, pendingRow, type CallbackRow } from "../../src/workshop/callback-table.js";
import type { HandlerName } from "../../solution/package.js";
import { startSeededLab, type SeededLab } from "../helpers/seeded.js";
import { connectEvent, disconnectEvent, messageEvent, newConnectionId, type EventSite } from "./events.js";
import { printingErrors } from "../helpers/hooks.js";
import { documentClient } from "../../src/aws/documents.js";

const test = suite<{ lab: SeededLab }>("reference handlers", { lab: undefined as unknown as SeededLab });

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startSeededLab();
}));

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
  await documentClient(lab.main.clients.dynamodb).send(new PutCommand({ TableName: "ClientCallbackTbl", Item: row }));
}

async function rowsOfOrder(lab: SeededLab, orderId: string): Promise<CallbackRow[]> {
  const out = await documentClient(lab.main.clients.dynamodb).send(
    new QueryCommand({ TableName: "ClientCallbackTbl", KeyConditionExpression: "orderId = :o", ExpressionAttributeValues: { ":o": orderId } }),
  );
  return (out.Items ?? []) as CallbackRow[];
}

async function rowsOfConnection(lab: SeededLab, connectionId: string): Promise<CallbackRow[]> {
  const out = await documentClient(lab.main.clients.dynamodb).send(
    new QueryCommand({
      TableName: "ClientCallbackTbl",
      IndexName: CONNECTION_INDEX,
      KeyConditionExpression: "connectionId = :c",
      ExpressionAttributeValues: { ":c": connectionId },
    }),
  );
  return (out.Items ?? []) as CallbackRow[];
}

test("$connect stores {orderId, connectionId, attributes{domainName, stage, createdOn: ms}} and answers 200 Connected", async ({ lab }) => {
  const where = site(lab);
  const before = Date.now();
  const { result, functionError } = await invoke(lab, "connect", connectEvent(where, { orderId: "order-connect-1" }));
  assert.is(functionError, undefined);
  assert.equal(result, { statusCode: 200, body: "Connected" });
  const got = await documentClient(lab.main.clients.dynamodb).send(
    new GetCommand({ TableName: "ClientCallbackTbl", Key: { orderId: "order-connect-1", connectionId: where.connectionId } }),
  );
  const item = got.Item as CallbackRow & { attributes: { createdOn: number } };
  assert.equal(Object.keys(item).sort(), ["attributes", "connectionId", "orderId"]);
  assert.equal(Object.keys(item.attributes).sort(), ["createdOn", "domainName", "stage"]);
  assert.is(item.attributes.domainName, `${where.apiId}.execute-api.${where.region}.amazonaws.com`);
  assert.is(item.attributes.stage, "v1");
  assert.type(item.attributes.createdOn, "number");
  assert.ok(item.attributes.createdOn >= before && item.attributes.createdOn <= Date.now(), `createdOn ${item.attributes.createdOn} is Date.now() of the call`);
});

test("$connect without a query string is a function error (the workshop reads queryStringParameters.orderId unguarded) and stores nothing", async ({ lab }) => {
  const where = site(lab);
  const { result, functionError } = await invoke(lab, "connect", connectEvent(where));
  assert.is(functionError, "Unhandled");
  assert.is((result as { errorType?: string }).errorType, "TypeError");
  assert.equal(await rowsOfConnection(lab, where.connectionId), []);
});

test("$connect with a query string but no orderId answers 500 'Failed to connect: …' and stores nothing", async ({ lab }) => {
  const where = site(lab);
  const { result, functionError } = await invoke(lab, "connect", connectEvent(where, { lang: "ko" }));
  assert.is(functionError, undefined);
  assert.is(result.statusCode, 500);
  assert.match(result.body ?? "", /^Failed to connect: /);
  assert.equal(await rowsOfConnection(lab, where.connectionId), []);
});

test("$disconnect deletes every row of its connection through the GSI, leaves other connections' rows, answers 200 Diconnected (sic)", async ({ lab }) => {
  const gone = newConnectionId();
  const kept = newConnectionId();
  for (let i = 0; i < 3; i++) await put(lab, { orderId: `order-disc-${i}`, connectionId: gone, attributes: { stage: "v1" } });
  await put(lab, { orderId: "order-disc-0", connectionId: kept, attributes: { stage: "v1" } });
  await put(lab, { orderId: "order-disc-9", connectionId: kept, attributes: { stage: "v1" } });

  const { result, functionError } = await invoke(lab, "disconnect", disconnectEvent(site(lab, gone)));
  assert.is(functionError, undefined);
  assert.equal(result, { statusCode: 200, body: "Diconnected" });
  assert.equal(await rowsOfConnection(lab, gone), []);
  const left = (await rowsOfConnection(lab, kept)).map((row) => row.orderId).sort();
  assert.equal(left, ["order-disc-0", "order-disc-9"]);
});

test("$disconnect of a connection without rows answers 200 Diconnected", async ({ lab }) => {
  const { result, functionError } = await invoke(lab, "disconnect", disconnectEvent(site(lab)));
  assert.is(functionError, undefined);
  assert.equal(result, { statusCode: 200, body: "Diconnected" });
});

test("$default answers the first pending row's attributes (pending#<ms>, as the callback function writes it) and deletes every pending row of the order, nothing else", async ({ lab }) => {
  const live = newConnectionId();
  const first = { status: "success" as const, orderId: "order-pend-1", amountPaid: 42.5, createdOn: 1_700_000_000_000 };
  await put(lab, pendingRow("order-pend-1", first));
  await put(lab, pendingRow("order-pend-1", { status: "failed", orderId: "order-pend-1", message: "card declined", createdOn: 1_700_000_000_500 }));
  await put(lab, { orderId: "order-pend-1", connectionId: live, attributes: { stage: "v1" } });
  const other = pendingRow("order-pend-2", { status: "none", createdOn: 1_700_000_000_000 });
  await put(lab, other);

  const { result, functionError } = await invoke(lab, "pending", messageEvent(site(lab, live), JSON.stringify({ orderId: "order-pend-1" })));
  assert.is(functionError, undefined);
  assert.is(result.statusCode, 200);
  assert.equal(JSON.parse(result.body!), first);
  assert.equal((await rowsOfOrder(lab, "order-pend-1")).map((row) => row.connectionId), [live]);
  assert.equal(await rowsOfOrder(lab, "order-pend-2"), [other]);
});

test('$default answers {"status":"none"} for an order without pending rows, and for a message without orderId', async ({ lab }) => {
  for (const body of [JSON.stringify({ orderId: "order-pend-none" }), '{"action":"status"}', "42", "[1]"]) {
    const { result, functionError } = await invoke(lab, "pending", messageEvent(site(lab), body));
    assert.is(functionError, undefined, body);
    assert.equal(result, { statusCode: 200, body: '{"status":"none"}' }, body);
  }
});

test("$default throws on a body that is not JSON, or JSON null, as the workshop's JSON.parse and hasOwnProperty do", async ({ lab }) => {
  for (const [body, errorType] of [["hello", "SyntaxError"], ["null", "TypeError"]] as const) {
    const { result, functionError } = await invoke(lab, "pending", messageEvent(site(lab), body));
    assert.is(functionError, "Unhandled", body);
    assert.is((result as { errorType?: string }).errorType, errorType, body);
  }
});

test("$default answers 500 'Error fetching order item' when DynamoDB refuses the query (an orderId that is not a string)", async ({ lab }) => {
  const { result, functionError } = await invoke(lab, "pending", messageEvent(site(lab), '{"orderId":42}'));
  assert.is(functionError, undefined);
  assert.equal(result, { statusCode: 500, body: "Error fetching order item" });
});

test.run();
