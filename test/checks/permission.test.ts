// s2.disconnect-permission and s2.default-permission: the function's resource policy, evaluated with IAM's
// ArnLike rules (src/policy) for arn:aws:execute-api:<region>:<account>:<apiId>/v1/<routeKey>.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { s2DefaultPermission } from "../../checks/s2.default-permission.js";
import { s2DisconnectPermission } from "../../checks/s2.disconnect-permission.js";
import type { FunctionRole } from "../../src/workshop/names.js";
import type { CheckModule } from "../../src/engine/check.js";
import { assertHintNames, assertNames, derive, fnIn, IDS, judge, setPolicy, solvedSnapshot, sourceArn, statement, step1Snapshot, type RouteKey } from "../helpers/snapshot.js";

const solved = solvedSnapshot();

interface Case {
  check: CheckModule;
  routeKey: RouteKey;
  role: FunctionRole;
  otherRole: FunctionRole;
  otherRoute: RouteKey;
  item: string;
}

const CASES: Case[] = [
  { check: s2DisconnectPermission, routeKey: "$disconnect", role: "disconnect", otherRole: "pending", otherRoute: "$default", item: "5" },
  { check: s2DefaultPermission, routeKey: "$default", role: "pending", otherRole: "disconnect", otherRoute: "$disconnect", item: "8" },
];

for (const { check, routeKey, role, otherRole, otherRoute, item } of CASES) {
  const id = check.id;
  const name = IDS.functions[role];
  const withStatements = (...statements: unknown[]) => derive(solved, (s) => setPolicy(s, role, ...statements));

  test(`${id}: passes on the solved account, naming the statement and the source ARN evaluated`, () => {
    const judged = judge(check, solved);
    assert.is(judged.status, "pass");
    assertNames(judged, name, `apigateway-${routeKey.slice(1)}`, `arn:aws:execute-api:${IDS.region}:${IDS.account}:${IDS.apiId}/v1/${routeKey}`);
  });

  test(`${id}: accepts Action as a list, StringLike, and an exact v1 source ARN`, () => {
    const variants = [
      statement(name, routeKey, { Action: ["lambda:InvokeFunction"] }),
      statement(name, routeKey, { Condition: { StringLike: { "AWS:SourceArn": sourceArn(routeKey) } } }),
      statement(name, routeKey, { Condition: { ArnLike: { "aws:SourceArn": sourceArn(routeKey, "v1") } } }),
      statement(name, routeKey, { Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${IDS.region}:${IDS.account}:${IDS.apiId}/*` } } }),
      statement(name, routeKey, { Action: "lambda:*" }),
    ];
    for (const variant of variants) assert.is(judge(check, withStatements(variant)).status, "pass", JSON.stringify(variant));
  });

  test(`${id}: the step-1 account (no policy) fails with item ${item}, the console dialog and a paste-ready add-permission`, () => {
    const judged = judge(check, step1Snapshot());
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "perm.noPolicy");
    assertNames(judged, name, item);
    assert.ok(judged.ko.hint.includes("통합 요청(Integration Request)"), judged.ko.hint);
    assertHintNames(
      judged,
      `aws lambda add-permission --function-name ${name}`,
      "--principal apigateway.amazonaws.com",
      `--source-arn 'arn:aws:execute-api:${IDS.region}:${IDS.account}:${IDS.apiId}/*/${routeKey}'`,
      `--region ${IDS.region}`,
    );
  });

  test(`${id}: no SourceArn condition is a warn, naming the statement and how to replace it`, () => {
    const judged = judge(check, withStatements(statement(name, routeKey, { Sid: "open-to-all", Condition: undefined })));
    assert.is(judged.status, "warn");
    assertNames(judged, "open-to-all", "SourceArn");
    assertHintNames(judged, `aws lambda remove-permission --function-name ${name} --statement-id open-to-all`, "aws lambda add-permission");
  });

  test(`${id}: a permission for another API fails naming the API it allows`, () => {
    const judged = judge(check, withStatements(statement(name, routeKey, { Sid: "old-api", Condition: { ArnLike: { "AWS:SourceArn": sourceArn(routeKey, "*", "oldapi1234") } } })));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "perm.otherApi");
    assertNames(judged, "old-api", "oldapi1234", IDS.apiId);
  });

  test(`${id}: a permission for another route fails naming the route it allows`, () => {
    const judged = judge(check, withStatements(statement(name, otherRoute, { Sid: "wrong-route" })));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "perm.otherRoute");
    assertNames(judged, "wrong-route", otherRoute, routeKey);
    assertHintNames(judged, `${IDS.apiId}/*/${routeKey}`);
  });

  test(`${id}: a permission for another stage fails naming it`, () => {
    const judged = judge(check, withStatements(statement(name, routeKey, { Condition: { ArnLike: { "AWS:SourceArn": sourceArn(routeKey, "prod") } } })));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "perm.otherStage");
    assertNames(judged, "prod", "v1");
  });

  test(`${id}: a permission for another region or account fails naming them`, () => {
    const judged = judge(check, withStatements(statement(name, routeKey, { Condition: { ArnLike: { "AWS:SourceArn": sourceArn(routeKey, "*", IDS.apiId, "us-east-1", "999988887777") } } })));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "perm.otherLocation");
    assertNames(judged, "us-east-1", "999988887777", IDS.region, IDS.account);
  });

  test(`${id}: a permission added to the other function is named in the hint`, () => {
    const judged = judge(check, derive(solved, (s) => {
      setPolicy(s, role);
      setPolicy(s, otherRole, statement(IDS.functions[otherRole], otherRoute), statement(IDS.functions[otherRole], routeKey));
    }));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.hint?.key, "perm.hint.otherFunction");
    assertNames(judged, IDS.functions[otherRole], name);
  });

  test(`${id}: statements for other principals only: no statement lets API Gateway invoke`, () => {
    const judged = judge(check, withStatements(statement(name, routeKey, { Principal: { Service: "events.amazonaws.com" } })));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "perm.noStatement");
    assertNames(judged, name, "apigateway.amazonaws.com");
  });

  test(`${id}: an explicit Deny fails naming the statement`, () => {
    const judged = judge(check, withStatements(statement(name, routeKey), statement(name, routeKey, { Sid: "deny-all", Effect: "Deny", Condition: undefined })));
    assert.is(judged.status, "fail");
    assertNames(judged, "deny-all");
    assertHintNames(judged, "remove-permission", "--statement-id deny-all");
  });

  test(`${id}: another condition that fails (SourceAccount) is named with the evaluator's reason`, () => {
    const judged = judge(check, withStatements(statement(name, routeKey, { Condition: { ArnLike: { "AWS:SourceArn": sourceArn(routeKey) }, StringEquals: { "AWS:SourceAccount": "000000000000" } } })));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "perm.conditionOther");
    assertNames(judged, "AWS:SourceAccount");
  });

  test(`${id}: a policy that is not JSON fails as unreadable`, () => {
    const judged = judge(check, derive(solved, (s) => (fnIn(s, role).policy = "{not json")));
    assert.is(judged.status, "fail");
    assertNames(judged, name, "JSON");
  });

  test(`${id}: odd policy shapes never throw`, () => {
    const odd: unknown[] = [42, "[]", JSON.stringify({ Statement: [null, "x", 7, { Effect: "Allow" }] }), JSON.stringify({ Statement: { Effect: "Allow", Principal: 5, Action: {}, Resource: [] } }), JSON.stringify({ Statement: [statement(name, routeKey, { Condition: { ArnLike: "x" } })] })];
    for (const policy of odd) {
      const judged = judge(check, derive(solved, (s) => ((fnIn(s, role) as { policy: unknown }).policy = policy)));
      assert.is(judged.status, "fail", String(policy));
    }
  });

  test(`${id}: the account comes from the function ARN when STS could not be read`, () => {
    assert.is(judge(check, derive(solved, (s) => (s.account = null))).status, "pass");
  });

  test(`${id}: a missing function or API fails pointing to the step-1 check`, () => {
    const noFunction = judge(check, derive(solved, (s) => (s.functions[role] = null)));
    assert.is(noFunction.status, "fail");
    assertNames(noFunction, name, "s1.functions");
    const noApi = judge(check, derive(solved, (s) => (s.api = null)));
    assert.is(noApi.status, "fail");
    assertNames(noApi, "s1.api");
  });
}

test.run();
