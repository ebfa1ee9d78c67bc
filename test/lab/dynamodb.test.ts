// Sources cited in this file:
// - Smithy's awsJson1_0 protocol: https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html

import { CreateTableCommand, DescribeTableCommand, GetItemCommand, ListTablesCommand, PutItemCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { printingErrors } from "../helpers/hooks.js";

const ddb = suite<{ t: TestLab }>("lab: DynamoDB is dynalite behind the lab's endpoint (X-Amz-Target, Smithy's awsJson1_0 protocol)");

ddb.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
}));
ddb.after(async (ctx) => {
  await ctx.t.close();
});

const table = {
  TableName: "Orders1",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" as const }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" as const }],
  BillingMode: "PAY_PER_REQUEST" as const,
};

ddb("a table created with the default key is ACTIVE after the SDK waiter and its ARN names the account and region", async ({ t }) => {
  await t.clients.dynamodb.send(new CreateTableCommand(table));
  await waitUntilTableExists({ client: t.clients.dynamodb, maxWaitTime: 10, minDelay: 1 }, { TableName: "Orders1" });
  const out = await t.clients.dynamodb.send(new DescribeTableCommand({ TableName: "Orders1" }));
  assert.is(out.Table?.TableStatus, "ACTIVE");
  assert.is(out.Table?.TableArn, `arn:aws:dynamodb:${t.region}:111122223333:table/Orders1`);
});

ddb("items round-trip with real DynamoDB semantics (a missing item is no Item)", async ({ t }) => {
  await t.clients.dynamodb.send(new PutItemCommand({ TableName: "Orders1", Item: { pk: { S: "a" }, n: { N: "1" } } }));
  const hit = await t.clients.dynamodb.send(new GetItemCommand({ TableName: "Orders1", Key: { pk: { S: "a" } } }));
  const miss = await t.clients.dynamodb.send(new GetItemCommand({ TableName: "Orders1", Key: { pk: { S: "zz" } } }));
  assert.equal(hit.Item, { pk: { S: "a" }, n: { N: "1" } });
  assert.is(miss.Item, undefined);
});

ddb("another account sees none of the first account's tables", async ({ t }) => {
  const other = t.clientsFor({ accessKeyId: "AKIAOTHERACCOUNT0002", secretAccessKey: "x" });
  const listed = await other.dynamodb.send(new ListTablesCommand({}));
  assert.equal(listed.TableNames, []);
  try {
    await other.dynamodb.send(new DescribeTableCommand({ TableName: "Orders1" }));
    assert.unreachable("the table must not be visible");
  } catch (error) {
    assert.is((error as Error).name, "ResourceNotFoundException");
  }
});

ddb("the same account in another region has its own tables", async ({ t }) => {
  const tokyo = t.clientsFor(t.credentials, "ap-northeast-1");
  const listed = await tokyo.dynamodb.send(new ListTablesCommand({}));
  assert.equal(listed.TableNames, []);
});

ddb("an unsigned DynamoDB request is refused, not served from some account", async ({ t }) => {
  const res = await fetch(t.lab.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.ListTables" },
    body: "{}",
  });
  assert.is(res.status, 403);
  const body = (await res.json()) as { __type: string };
  assert.match(body.__type, "MissingAuthenticationTokenException");
});

ddb.run();
