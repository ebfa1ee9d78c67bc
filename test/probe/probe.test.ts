// The live probe against the lab's real WebSocket gateway and functions: each scenario in its own lab
// account, so one's rows and configuration never reach another. After every run the table must hold no row
// of the probe's order id, whatever the outcome.
//
// Sources cited in this file:
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - aws-cdk#18208 on a missing invoke permission: https://github.com/aws/aws-cdk/issues/18208
import { createServer, type AddressInfo, type Socket } from "node:net";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import { DeleteCommand, PutCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import type { Snapshot } from "../../src/collect/snapshot.js";
import { applyStep2, type Step2Options } from "../../src/scenarios/seed.js";
import { PROBE_PREFIX, newProbeId, probeStatus } from "../../src/probe/probe-id.js";
import { STALE_AFTER_MS, runProbe, type ProbeOptions, type ProbeStep, type ProbeTimeouts } from "../../src/probe/probe.js";
import type { ProbeResult } from "../../src/probe/result.js";
import { pendingRow } from "../../src/workshop/callback-table.js";
import { FUNCTION_NAMES } from "../../src/workshop/names.js";
import { packageEntry } from "../../solution/package.js";
import { eventually, startSeededLab, type SeededAccount, type SeededLab } from "../helpers/seeded.js";
import { printingErrors } from "../helpers/hooks.js";
import { HELD_CONNECT_ENTRY, HOLD_MAX_MS, markOrder } from "./held-connect.js";
import { documentClient } from "../../src/aws/documents.js";

interface Context {
  lab: SeededLab;
  solved: SeededAccount;
}

const test = suite<Context>("live probe on the lab", { lab: undefined as unknown as SeededLab, solved: undefined as unknown as SeededAccount });

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startSeededLab();
  ctx.solved = await accountWithStep2(ctx.lab, 2);
}));

test.after.each(({ lab }) => {
  lab.testLab.lab.faults.configure({});
});

test.after(async (ctx) => {
  await ctx.lab?.close();
});

/** Short waits where nothing will come (a silent route, a row that stays); long ones where something will. */
const SILENT: Partial<ProbeTimeouts> = { connectMs: 5000, registerMs: 2000, messageMs: 800, disconnectMs: 800 };
const ANSWERING: Partial<ProbeTimeouts> = { connectMs: 5000, registerMs: 2000, messageMs: 10_000, disconnectMs: 5000 };

async function accountWithStep2(lab: SeededLab, n: number, options?: Step2Options): Promise<SeededAccount> {
  const account = await lab.seedAccount(n);
  await applyStep2(account.target, account.resources, options);
  return account;
}

/** The parts of a snapshot the probe reads, as collect would have read them from this account. */
function snapshotOf(account: SeededAccount): Snapshot {
  const r = account.resources;
  return {
    version: 1,
    region: r.region,
    account: r.account,
    apiQuery: { name: "OrderCallbackAPI" },
    api: { apiId: r.apiId, name: "OrderCallbackAPI", protocolType: "WEBSOCKET", apiEndpoint: r.apiEndpoint },
    apiElsewhere: [],
    routes: [],
    routeResponses: {},
    integrations: [],
    integrationResponses: {},
    stages: [],
    deployments: [],
    functions: { connect: null, disconnect: null, pending: null },
    table: { name: r.tableName, keySchema: [], indexes: [] },
    errors: [],
  };
}

function probe(account: SeededAccount, options: Partial<ProbeOptions> = {}): Promise<ProbeResult> {
  return runProbe({ snapshot: snapshotOf(account), dynamodb: account.clients.dynamodb, timeouts: SILENT, ...options });
}

async function rowsOf(account: SeededAccount, orderId: string): Promise<unknown[]> {
  const out = await documentClient(account.clients.dynamodb).send(
    new QueryCommand({ TableName: account.resources.tableName, KeyConditionExpression: "orderId = :o", ExpressionAttributeValues: { ":o": orderId }, ConsistentRead: true }),
  );
  return out.Items ?? [];
}

async function probeRowsIn(account: SeededAccount): Promise<string[]> {
  const out = await documentClient(account.clients.dynamodb).send(
    new ScanCommand({ TableName: account.resources.tableName, FilterExpression: "begins_with(orderId, :p)", ExpressionAttributeValues: { ":p": PROBE_PREFIX } }),
  );
  return (out.Items ?? []).map((item) => String(item.orderId));
}

async function assertNoRowsLeft(account: SeededAccount, result: ProbeResult): Promise<void> {
  assert.ok(result.probeId, "the result names its probe id");
  assert.equal(await rowsOf(account, result.probeId!), [], `rows of ${result.probeId} remain`);
}

test("step 1: the socket opens and registers, $default stays silent, $disconnect leaves the row, and the probe removes both its rows", async ({ lab }) => {
  const result = await probe(lab.main);
  assert.is(result.connect?.outcome, "opened");
  assert.ok(result.connect?.registered);
  assert.type(result.connect?.connectionId, "string");
  assert.equal(result.default, { outcome: "none" });
  assert.is(result.disconnect?.outcome, "left");
  assert.ok(result.disconnect!.waitedMs! >= 800, `waited ${result.disconnect!.waitedMs} ms`);
  assert.is(result.error, undefined);
  assert.is(result.cleaned, 2, "the connection row and the pending row");
  await assertNoRowsLeft(lab.main, result);
});

test("after step 2: $default answers the pending row's attributes and $disconnect removes the row; nothing was left to clean", async ({ solved }) => {
  const result = await probe(solved, { timeouts: ANSWERING });
  assert.is(result.connect?.outcome, "opened");
  assert.ok(result.connect?.registered);
  const answered = JSON.parse(result.default!.frame!) as Record<string, unknown>;
  assert.equal(Object.keys(answered).sort(), ["createdOn", "orderId", "probe", "status"]);
  assert.equal({ ...answered, createdOn: 0 }, { status: "none", orderId: result.probeId, createdOn: 0, probe: "awsomepets-lab-checker" });
  assert.type(answered.createdOn, "number");
  assert.is(result.default?.outcome, "answer");
  assert.is(result.disconnect?.outcome, "removed");
  assert.is(result.cleaned, 0);
  await assertNoRowsLeft(solved, result);
});

test("the disconnect wait polls until an asynchronous $disconnect has run (a 400 ms delayed $disconnect)", async ({ lab, solved }) => {
  lab.testLab.lab.faults.configure({ disconnectDelayMs: 400 });
  const result = await probe(solved, { timeouts: ANSWERING });
  assert.is(result.disconnect?.outcome, "removed");
  assert.ok(result.disconnect!.waitedMs! >= 400, `waited ${result.disconnect!.waitedMs} ms`);
  assert.ok(result.disconnect!.waitedMs! < 5000, "returned once the row was gone, not at the bound");
  await assertNoRowsLeft(solved, result);
});

test("a $disconnect slower than the bound is 'left' after exactly that wait, and the probe deletes the row itself", async ({ lab, solved }) => {
  lab.testLab.lab.faults.configure({ disconnectDelayMs: 3000 });
  const result = await probe(solved, { timeouts: { ...ANSWERING, disconnectMs: 500 } });
  assert.is(result.disconnect?.outcome, "left");
  assert.ok(result.disconnect!.waitedMs! >= 500 && result.disconnect!.waitedMs! < 2500, `waited ${result.disconnect!.waitedMs} ms`);
  assert.is(result.cleaned, 1, "the connection row");
  await assertNoRowsLeft(solved, result);
});

test("step 2 without the deployment behaves as step 1 (API Gateway's WebSocket deployments): no answer, the row stays", async ({ lab }) => {
  const account = await accountWithStep2(lab, 3, { deploy: false });
  const result = await probe(account);
  assert.ok(result.connect?.registered);
  assert.is(result.default?.outcome, "none");
  assert.is(result.disconnect?.outcome, "left");
  await assertNoRowsLeft(account, result);
});

test("without the $default permission the answer is the Internal server error frame (aws-cdk#18208 on a missing invoke permission, UNCONFIRMED in detail)", async ({ lab }) => {
  const account = await accountWithStep2(lab, 4, { omitPermissions: ["$default"] });
  // $disconnect does come here: a short bound made it "left" on a busy machine.
  const result = await probe(account, { timeouts: ANSWERING });
  assert.is(result.default?.outcome, "internal-error");
  assert.is((JSON.parse(result.default!.frame!) as { message: string }).message, "Internal server error");
  assert.is(result.disconnect?.outcome, "removed", "$disconnect still has its permission");
  await assertNoRowsLeft(account, result);
});

test("rows an interrupted earlier run left are cleaned and counted; a run that may still be going on is left alone", async ({ lab }) => {
  const table = lab.main.resources.tableName;
  const old = newProbeId(Date.now() - STALE_AFTER_MS - 60_000);
  const recent = newProbeId(Date.now() - 1000);
  const put = (Item: object) => documentClient(lab.main.clients.dynamodb).send(new PutCommand({ TableName: table, Item }));
  await put({ orderId: old, connectionId: "abc=", attributes: { stage: "v1" } });
  await put(pendingRow(old, probeStatus(old, Date.now() - STALE_AFTER_MS - 60_000)));
  await put({ orderId: recent, connectionId: "def=", attributes: { stage: "v1" } });
  try {
    const result = await probe(lab.main);
    assert.equal(await rowsOf(lab.main, old), []);
    assert.is((await rowsOf(lab.main, recent)).length, 1);
    assert.is(result.cleaned, 2 + 2, "two leftovers, then the run's own connection and pending rows");
  } finally {
    await documentClient(lab.main.clients.dynamodb).send(new DeleteCommand({ TableName: table, Key: { orderId: recent, connectionId: "def=" } }));
  }
});

test("an abort while waiting for the answer stops the wait, cleans up, and resolves as an error (never a fail)", async ({ lab }) => {
  const abort = new AbortController();
  const steps: ProbeStep[] = [];
  const onProgress = (step: ProbeStep) => {
    steps.push(step);
    if (step === "waiting-answer") setTimeout(() => abort.abort(), 200);
  };
  const result = await probe(lab.main, { timeouts: { ...SILENT, messageMs: 30_000 }, signal: abort.signal, onProgress });
  assert.is(result.error?.code, "AbortError");
  assert.ok(result.durationMs < 10_000, `took ${result.durationMs} ms`);
  assert.equal(steps, ["cleaning-leftovers", "connecting", "waiting-registration", "waiting-answer", "cleaning-up"]);
  assert.is(result.cleaned, 2);
  await assertNoRowsLeft(lab.main, result);
});

test("an abort while $connect runs: the probe waits for the handshake, so the row the function writes after the abort is removed too", async ({ lab }) => {
  const account = await accountWithStep2(lab, 5);
  const table = account.resources.tableName;
  const documents = documentClient(account.clients.dynamodb);
  await account.clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: FUNCTION_NAMES.connect, ZipFile: await packageEntry(HELD_CONNECT_ENTRY) }));
  await account.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: FUNCTION_NAMES.connect, Timeout: HOLD_MAX_MS / 1000 + 30 }));
  const marked = (connectionId: string) => async () => {
    const out = await documents.send(new ScanCommand({ TableName: table, FilterExpression: "begins_with(orderId, :m) AND connectionId = :c", ExpressionAttributeValues: { ":m": "mark-", ":c": connectionId } }));
    return out.Items?.[0] ? String(out.Items[0].orderId) : undefined;
  };
  const abort = new AbortController();
  const probing = probe(account, { timeouts: { ...SILENT, connectMs: 60_000 }, signal: abort.signal });
  try {
    const mark = await eventually(marked("started"), 60_000);
    abort.abort();
    await documents.send(new PutCommand({ TableName: table, Item: { orderId: mark, connectionId: "go" } }));
    const result = await probing;
    assert.is(result.error?.code, "AbortError");
    assert.is(markOrder(result.probeId!), mark);
    // The function has written the connection's row by now, whenever the probe returned.
    await eventually(marked("finished"), 60_000);
    await assertNoRowsLeft(account, result);
  } finally {
    abort.abort();
    await probing.catch(() => undefined);
    const marks = await documents.send(new ScanCommand({ TableName: table, FilterExpression: "begins_with(orderId, :m)", ExpressionAttributeValues: { ":m": "mark-" } }));
    await Promise.all((marks.Items ?? []).map((item) => documents.send(new DeleteCommand({ TableName: table, Key: { orderId: item.orderId, connectionId: item.connectionId } }))));
  }
});

test("a signal aborted before the start writes nothing", async ({ lab }) => {
  const before = await probeRowsIn(lab.main);
  const result = await probe(lab.main, { signal: AbortSignal.abort() });
  assert.is(result.error?.code, "AbortError");
  assert.is(result.connect, undefined);
  assert.equal(await probeRowsIn(lab.main), before);
});

test("a stage that does not exist refuses the handshake with its HTTP status; the later steps do not run", async ({ lab }) => {
  const result = await probe(lab.main, { stage: "v9" });
  assert.equal(result.connect, { outcome: "refused", httpStatus: 403, registered: false });
  assert.equal(result.default, { outcome: "not-run" });
  assert.equal(result.disconnect, { outcome: "not-run" });
  assert.is(result.cleaned, 0);
  await assertNoRowsLeft(lab.main, result);
});

test("a server that never answers the handshake is a timeout after connectMs; a closed port is an error", async ({ lab }) => {
  const silent = await listenSilently();
  const snapshot = snapshotOf(lab.main);
  const at = (endpoint: string): Snapshot => ({ ...snapshot, api: { ...snapshot.api!, apiEndpoint: endpoint } });
  try {
    const started = Date.now();
    const timedOut = await runProbe({ snapshot: at(silent.endpoint), dynamodb: lab.main.clients.dynamodb, timeouts: { connectMs: 300 } });
    assert.equal(timedOut.connect, { outcome: "timeout", registered: false });
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
  } finally {
    await silent.close();
  }
  const refused = await runProbe({ snapshot: at(silent.endpoint), dynamodb: lab.main.clients.dynamodb });
  assert.is(refused.connect?.outcome, "error");
  assert.match(refused.connect?.error ?? "", /ECONNREFUSED/);
});

test("a DynamoDB error becomes the result's error with the IAM action, and what was written is still removed", async ({ lab }) => {
  const denied = denyPutItem(lab);
  try {
    const result = await probe(lab.main, { dynamodb: denied });
    assert.equal(result.error, { action: "dynamodb:PutItem", code: "AccessDeniedException", message: "User: arn:aws:iam::111122223333:user/checker is not authorized to perform: dynamodb:PutItem with key <access key id>" });
    assert.ok(result.connect?.registered);
    assert.is(result.cleaned, 1, "the connection row");
    await assertNoRowsLeft(lab.main, result);
  } finally {
    denied.destroy();
  }
});

test("a table that does not exist is an error of the first call, not a throw", async ({ lab }) => {
  const snapshot = snapshotOf(lab.main);
  const result = await runProbe({ snapshot: { ...snapshot, table: { ...snapshot.table!, name: "NoSuchTable" } }, dynamodb: lab.main.clients.dynamodb });
  assert.is(result.error?.action, "dynamodb:Scan");
  assert.is(result.error?.code, "ResourceNotFoundException");
  assert.is(result.connect, undefined);
});

test("a snapshot without API, table or endpoint is skipped without touching anything", async ({ lab }) => {
  const snapshot = snapshotOf(lab.main);
  const untouchable = {} as DynamoDBClient;
  const run = (s: Snapshot) => runProbe({ snapshot: s, dynamodb: untouchable });
  assert.equal(await run({ ...snapshot, api: null }), { skipped: "no-api", cleaned: 0, durationMs: 0 });
  assert.equal(await run({ ...snapshot, table: null }), { skipped: "no-table", cleaned: 0, durationMs: 0 });
  const { apiEndpoint: _, ...noEndpoint } = snapshot.api!;
  assert.equal(await run({ ...snapshot, api: noEndpoint }), { skipped: "no-endpoint", cleaned: 0, durationMs: 0 });
});

/** A TCP server that accepts connections and never answers the upgrade request. */
async function listenSilently(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    endpoint: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/x`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The lab's DynamoDB for the main account, except that PutItem is denied as IAM would deny it. */
function denyPutItem(lab: SeededLab): DynamoDBClient {
  const client = lab.testLab.clientsFor(lab.testLab.credentials).dynamodb;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "PutItemCommand") {
        const message = "User: arn:aws:iam::111122223333:user/checker is not authorized to perform: dynamodb:PutItem with key AKIAIOSFODNN7EXAMPLE";
        throw Object.assign(new Error(message), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });
      }
      return next(args);
    },
    { step: "initialize", name: "denyPutItem" },
  );
  return client;
}

test.run();
