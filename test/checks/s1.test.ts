// The step-1 checks: s1.api, s1.routes, s1.functions, s1.table, s1.connect, s1.stage.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { s1Api } from "../../checks/s1.api.js";
import { s1Connect } from "../../checks/s1.connect.js";
import { s1Functions } from "../../checks/s1.functions.js";
import { s1Routes } from "../../checks/s1.routes.js";
import { s1Stage } from "../../checks/s1.stage.js";
import { s1Table } from "../../checks/s1.table.js";
import { assertHintNames, assertNames, derive, deleteRoute, fnIn, IDS, integrationIn, judge, setPolicy, statement, step1Snapshot } from "../helpers/snapshot.js";

const step1 = step1Snapshot();

test("s1.api passes on the step-1 account, naming the API id and region", () => {
  const judged = judge(s1Api, step1);
  assert.is(judged.status, "pass");
  assertNames(judged, IDS.apiId, IDS.region);
});

test("s1.api fails when the API is missing, naming the region searched", () => {
  const judged = judge(s1Api, derive(step1, (s) => (s.api = null)));
  assert.is(judged.status, "fail");
  assertNames(judged, IDS.region, "OrderCallbackAPI");
});

test("s1.api fails when the API is in another region, naming that region and the --region to use", () => {
  const judged = judge(s1Api, derive(step1, (s) => {
    s.api = null;
    s.apiElsewhere = [{ region: "us-east-1", apiId: "zzz9999999" }];
  }));
  assert.is(judged.status, "fail");
  assertNames(judged, IDS.region, "us-east-1", "zzz9999999");
  assertHintNames(judged, "--region us-east-1");
});

test("s1.api fails for an --api-id that does not exist, naming the id", () => {
  const judged = judge(s1Api, derive(step1, (s) => {
    s.api = null;
    s.apiQuery = { id: "nope000000" };
  }));
  assert.is(judged.status, "fail");
  assertNames(judged, "nope000000", IDS.region);
});

test("s1.api fails for an HTTP API of that name", () => {
  const judged = judge(s1Api, derive(step1, (s) => (s.api!.protocolType = "HTTP")));
  assert.is(judged.status, "fail");
  assertNames(judged, "HTTP", IDS.apiId);
});

test("s1.api warns when the API given by --api-id has another name, naming both", () => {
  const judged = judge(s1Api, derive(step1, (s) => {
    s.apiQuery = { id: IDS.apiId };
    s.api!.name = "MyOrdersApi";
  }));
  assert.is(judged.status, "warn");
  assertNames(judged, IDS.apiId, "MyOrdersApi", "OrderCallbackAPI");
});

test("s1.routes passes with the three routes", () => {
  assert.is(judge(s1Routes, step1).status, "pass");
});

test("s1.routes fails for a deleted route, naming it, the items to redo and the create-route command", () => {
  const judged = judge(s1Routes, derive(step1, (s) => deleteRoute(s, "$disconnect")));
  assert.is(judged.status, "fail");
  assertNames(judged, "$disconnect", "4–6");
  assertHintNames(judged, `aws apigatewayv2 create-route --api-id ${IDS.apiId} --route-key '$disconnect'`);
});

test("s1.routes names every missing route", () => {
  const judged = judge(s1Routes, derive(step1, (s) => {
    deleteRoute(s, "$disconnect");
    deleteRoute(s, "$default");
  }));
  assert.is(judged.status, "fail");
  assertNames(judged, "$disconnect", "$default", "--route-key '$default'");
});

test("s1.functions passes with the three functions", () => {
  const judged = judge(s1Functions, step1);
  assert.is(judged.status, "pass");
  assertNames(judged, IDS.functions.connect, IDS.functions.pending);
});

test("s1.functions accepts CloudFormation-prefixed names as the collector matched them", () => {
  const judged = judge(s1Functions, derive(step1, (s) => (fnIn(s, "pending").name = "awsomepets-OrderWSPendingFunction-1A2B3C")));
  assert.is(judged.status, "pass");
  assertNames(judged, "awsomepets-OrderWSPendingFunction-1A2B3C");
});

test("s1.functions fails naming the missing function", () => {
  const judged = judge(s1Functions, derive(step1, (s) => (s.functions.disconnect = null)));
  assert.is(judged.status, "fail");
  assertNames(judged, IDS.functions.disconnect, IDS.region);
});

test("s1.table passes with orderId/connectionId keys and the connection index", () => {
  assert.is(judge(s1Table, step1).status, "pass");
});

test("s1.table fails when the functions name a table that does not exist, naming it", () => {
  const judged = judge(s1Table, derive(step1, (s) => (s.table = null)));
  assert.is(judged.status, "fail");
  assertNames(judged, IDS.table, "CLIENT_CALLBACK_TABLE");
});

test("s1.table fails when no function names a table", () => {
  const judged = judge(s1Table, derive(step1, (s) => {
    s.table = null;
    for (const fn of Object.values(s.functions)) fn!.environment = {};
  }));
  assert.is(judged.status, "fail");
  assertNames(judged, "CLIENT_CALLBACK_TABLE");
});

test("s1.table fails for wrong keys and for a missing or wrong index", () => {
  const keys = judge(s1Table, derive(step1, (s) => (s.table!.keySchema = [{ attributeName: "id", keyType: "HASH" }])));
  assert.is(keys.status, "fail");
  assertNames(keys, "id (HASH)", "orderId");
  const index = judge(s1Table, derive(step1, (s) => (s.table!.indexes = [])));
  assert.is(index.status, "fail");
  assertNames(index, "connectionId-orderId-index");
  const wrongIndex = judge(s1Table, derive(step1, (s) => (s.table!.indexes[0]!.keySchema = [{ attributeName: "orderId", keyType: "HASH" }])));
  assert.is(wrongIndex.status, "fail");
  assertNames(wrongIndex, "orderId (HASH)", "connectionId");
});

test("s1.table warns while the table is not ACTIVE", () => {
  const judged = judge(s1Table, derive(step1, (s) => (s.table!.status = "CREATING")));
  assert.is(judged.status, "warn");
  assertNames(judged, "CREATING");
});

test("s1.connect passes on the step-1 account, naming the function and the statement", () => {
  const judged = judge(s1Connect, step1);
  assert.is(judged.status, "pass");
  assertNames(judged, IDS.functions.connect, IDS.integrations.$connect, "apigateway-connect");
});

test("s1.connect fails when $connect calls another function", () => {
  const judged = judge(s1Connect, derive(step1, (s) => (integrationIn(s, "$connect").integrationUri = integrationIn(s, "$connect").integrationUri!.replace("Connect", "Pending"))));
  assert.is(judged.status, "fail");
  assertNames(judged, IDS.functions.pending, IDS.functions.connect);
});

test("s1.connect fails when the connect function has no permission for $connect", () => {
  const judged = judge(s1Connect, derive(step1, (s) => setPolicy(s, "connect")));
  assert.is(judged.status, "fail");
  assertNames(judged, IDS.functions.connect);
  assertHintNames(judged, "aws lambda add-permission --function-name OrderWSConnectFunction", `${IDS.apiId}/*/$connect`);
});

test("s1.connect warns when the permission has no SourceArn", () => {
  const judged = judge(s1Connect, derive(step1, (s) => setPolicy(s, "connect", statement(IDS.functions.connect, "$connect", { Condition: undefined }))));
  assert.is(judged.status, "warn");
  assertNames(judged, "SourceArn");
});

test("s1.stage passes with stage v1, naming its deployment", () => {
  const judged = judge(s1Stage, step1);
  assert.is(judged.status, "pass");
  assertNames(judged, IDS.deployments.step1);
});

test("s1.stage fails for a stage other than v1, naming it and the commands to create v1", () => {
  const judged = judge(s1Stage, derive(step1, (s) => (s.stages[0]!.stageName = "prod")));
  assert.is(judged.status, "fail");
  assertNames(judged, "prod", "v1");
  assertHintNames(judged, `aws apigatewayv2 create-stage --api-id ${IDS.apiId} --stage-name v1`, "create-deployment", "10–11");
});

test("s1.stage fails with no stage at all", () => {
  const judged = judge(s1Stage, derive(step1, (s) => (s.stages = [])));
  assert.is(judged.status, "fail");
  assertNames(judged, IDS.apiId, "create-stage");
});

test.run();
