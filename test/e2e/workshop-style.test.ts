// Accounts whose functions were written independently of solution/, in the workshop's style (CommonJS
// index.js, exports.handler, a DynamoDB document client, the table from CLIENT_CALLBACK_TABLE; the workshop's WebSocket functions),
// as a participant's account runs them. Step 2 done right must pass, or at worst warn, whatever the
// functions' code, because step 2 does not touch it; left undeployed, it must fail s2.deployed.
//
// Sources cited in this file:
// - the workshop's WebSocket functions: https://github.com/shkim4u/modern-architecture, lab2-saga/awsomepets-serverless/src/order/
import { UpdateFunctionCodeCommand, waitUntilFunctionUpdatedV2 } from "@aws-sdk/client-lambda";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkAccount, type CheckRun } from "../../src/check.js";
import { LAB_REGION, labAccountKey } from "../../src/lab/index.js";
import { applyStep2, type Step2Options } from "../../src/scenarios/seed.js";
import type { FunctionRole } from "../../src/workshop/names.js";
import { cliEnv, runCli } from "../helpers/cli.js";
import { zipOf } from "../../bench/lib/lambda-zip.js";
import { startSeededLab, type SeededAccount, type SeededLab } from "../helpers/seeded.js";
import { warmFunctions } from "../helpers/warm.js";
import { printingErrors } from "../helpers/hooks.js";

const test = suite<{ lab: SeededLab }>("functions written in the workshop's style, not ours", { lab: undefined as unknown as SeededLab });

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startSeededLab();
}));

test.after(async (ctx) => {
  await ctx.lab?.close();
});

/** What every function of this file starts with: SDK v3, which nodejs20.x provides, loaded with require. */
const PRELUDE = `
const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const { DynamoDBDocumentClient, PutCommand, QueryCommand, DeleteCommand } = require("@aws-sdk/lib-dynamodb");
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
const table = process.env.CLIENT_CALLBACK_TABLE;
`;

const CONNECT = `${PRELUDE}
exports.handler = async (event) => {
  const context = event.requestContext;
  const item = {
    orderId: event.queryStringParameters.orderId,
    connectionId: context.connectionId,
    attributes: { domainName: context.domainName, stage: context.stage, createdOn: Date.now() },
  };
  try {
    await documents.send(new PutCommand({ TableName: table, Item: item }));
    return { statusCode: 200, body: "Connected" };
  } catch (problem) {
    console.log(problem);
    return { statusCode: 500, body: "Failed to connect: " + JSON.stringify(problem) };
  }
};
`;

const DISCONNECT = `${PRELUDE}
exports.handler = async (event) => {
  const connection = event.requestContext.connectionId;
  try {
    const found = await documents.send(new QueryCommand({
      TableName: table,
      IndexName: "connectionId-orderId-index",
      KeyConditionExpression: "connectionId = :id",
      ExpressionAttributeValues: { ":id": connection },
    }));
    for (const row of found.Items) {
      await documents.send(new DeleteCommand({ TableName: table, Key: { orderId: row.orderId, connectionId: row.connectionId } }));
    }
  } catch (problem) {
    return { statusCode: 500, body: "Failed to disconnect: " + JSON.stringify(problem) };
  }
  return { statusCode: 200, body: "Diconnected" };
};
`;

/** Asks DynamoDB for the pending rows, as the workshop's pending function does. */
const PENDING_BEGINS_WITH = `${PRELUDE}
exports.handler = async (event) => {
  const request = JSON.parse(event.body);
  if (request === undefined || !request.hasOwnProperty("orderId")) {
    return { statusCode: 200, body: JSON.stringify({ status: "none" }) };
  }
  try {
    const found = await documents.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: "orderId = :order and begins_with(connectionId, :mark)",
      ExpressionAttributeValues: { ":order": request.orderId, ":mark": "pending" },
    }));
    if (found.Count === 0) return { statusCode: 200, body: JSON.stringify({ status: "none" }) };
    for (const row of found.Items) {
      await documents.send(new DeleteCommand({ TableName: table, Key: { orderId: row.orderId, connectionId: row.connectionId } }));
    }
    return { statusCode: 200, body: JSON.stringify(found.Items[0].attributes) };
  } catch (problem) {
    console.log(problem);
    return { statusCode: 500, body: "Error fetching order item" };
  }
};
`;

/** Reads every row of the order and keeps those whose connectionId contains "pending", as the callback function tells them. */
const PENDING_INCLUDES = `${PRELUDE}
exports.handler = async (event) => {
  const { orderId } = JSON.parse(event.body);
  const all = await documents.send(new QueryCommand({
    TableName: table,
    KeyConditionExpression: "orderId = :order",
    ExpressionAttributeValues: { ":order": orderId },
  }));
  const pending = all.Items.filter((row) => row.connectionId.includes("pending"));
  if (pending.length === 0) return { statusCode: 200, body: JSON.stringify({ status: "none" }) };
  await Promise.all(pending.map((row) => documents.send(new DeleteCommand({ TableName: table, Key: { orderId, connectionId: row.connectionId } }))));
  return { statusCode: 200, body: JSON.stringify(pending[0].attributes) };
};
`;

/** A $default that never looks at the table: the route works, the answer is not the workshop's. */
const PENDING_ALWAYS_NONE = `
exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ status: "none" }) });
`;

type Code = Record<FunctionRole, string>;

const WORKSHOP_STYLE: Code = { connect: CONNECT, disconnect: DISCONNECT, pending: PENDING_BEGINS_WITH };

/** A step-1 account whose three functions run `code`, then step 2 applied (and deployed unless told). */
async function accountWith(lab: SeededLab, n: number, code: Code, step2: Step2Options = {}): Promise<SeededAccount> {
  const account = await lab.seedAccount(n);
  const { lambda } = account.clients;
  for (const role of Object.keys(code) as FunctionRole[]) {
    const FunctionName = account.resources.functionNames[role];
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName, ZipFile: zipOf({ "index.js": code[role] }) }));
    await waitUntilFunctionUpdatedV2({ client: lambda, minDelay: 0.1, maxDelay: 1, maxWaitTime: 60 }, { FunctionName });
  }
  await applyStep2(account.target, account.resources, step2);
  await warmFunctions(account.target, account.resources);
  return account;
}

/**
 * The checker as a participant runs it, live probe included. Where an answer will come the bound only caps
 * the wait (the probe stops when it comes), so it is long enough for a busy machine.
 */
function check(account: SeededAccount, timeoutMs = 15_000): Promise<CheckRun> {
  return checkAccount({ step: "all", lang: "en", live: true, timeoutMs, clientSettings: { ...account.target, maxAttempts: 1 } });
}

function statuses(run: CheckRun): Record<string, string> {
  return Object.fromEntries(run.report.results.map((result) => [result.id, result.status]));
}

function explain(run: CheckRun): string {
  return run.report.results
    .filter((result) => result.status !== "pass")
    .map((result) => `${result.id} ${result.status}: ${result.detail} ${result.hint ?? ""}`)
    .join("\n");
}

test("step 2 done right with workshop-style functions passes every check, with the probe's pending status answered", async ({ lab }) => {
  const run = await check(await accountWith(lab, 2, WORKSHOP_STYLE));
  assert.is(run.fatal, undefined);
  assert.ok(Object.values(statuses(run)).every((status) => status === "pass"), explain(run));
  assert.is(run.probe?.default?.outcome, "answer");
  assert.is(run.report.summary.score, run.report.summary.maxScore);
});

test('a pending function that picks rows with connectionId.includes("pending") passes too', async ({ lab }) => {
  const run = await check(await accountWith(lab, 3, { ...WORKSHOP_STYLE, pending: PENDING_INCLUDES }));
  assert.ok(Object.values(statuses(run)).every((status) => status === "pass"), explain(run));
});

test('a $default that answers {"status":"none"} to everything warns on s2.live-default, quoting it, and fails nothing', async ({ lab }) => {
  const run = await check(await accountWith(lab, 4, { ...WORKSHOP_STYLE, pending: PENDING_ALWAYS_NONE }));
  const got = statuses(run);
  assert.is(got["s2.live-default"], "warn", explain(run));
  assert.is(got["s2.deployed"], "pass", "an answer of the function proves the deployment");
  assert.ok(!Object.values(got).includes("fail"), explain(run));
  const live = run.report.results.find((result) => result.id === "s2.live-default")!;
  assert.match(live.detail, '{"status":"none"}');
  assert.is(run.report.summary.score, run.report.summary.maxScore, "a warning keeps its points");
});

test('npm run solve on that account changes nothing and exits 0: the $default answer proves v1 serves the step', async ({ lab }) => {
  const account = await accountWith(lab, 6, { ...WORKSHOP_STYLE, pending: PENDING_ALWAYS_NONE });
  const env = cliEnv(labAccountKey(6), { AWS_REGION: LAB_REGION, NO_COLOR: "1" });
  const run = await runCli(["--lang", "en", "--step", "2", "--endpoint", account.target.endpoint!, "--timeout", "15", "--yes"], env, { command: "solve", timeoutMs: 120_000 });
  assert.is(run.code, 0, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
  assert.match(run.stdout, /nothing to do/i);
  assert.not.match(run.stdout, /create-deployment|CreateDeployment/);
});

test("the same workshop-style functions with step 2 left undeployed fail s2.deployed", async ({ lab }) => {
  // Silence is the expected outcome here, so the probe waits its whole bound: kept short.
  const run = await check(await accountWith(lab, 5, WORKSHOP_STYLE, { deploy: false }), 2_000);
  const got = statuses(run);
  assert.is(got["s2.deployed"], "fail", explain(run));
  assert.is(got["s2.live-default"], "fail");
  assert.is(run.probe?.default?.outcome, "none");
});

test.run();
