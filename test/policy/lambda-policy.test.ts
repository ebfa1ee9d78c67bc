// Evaluating a Lambda resource policy for an API Gateway invocation (Lambda AddPermission; Lambda GetPolicy; IAM condition operators,
// IAM User Guide "Policy evaluation logic").
//
// Sources cited in this file:
// - execute-api ARNs of WebSocket routes: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
// - IAM condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
// - Lambda GetPolicy: https://docs.aws.amazon.com/lambda/latest/dg/API_GetPolicy.html
import { test } from "uvu";
import * as assert from "uvu/assert";
import { evaluateLambdaPolicy, executeApiSourceArn, type InvokeRequest } from "../../src/policy/lambda-policy.js";

const REGION = "ap-northeast-2";
const ACCOUNT = "111122223333";
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:OrderWSPendingFunction`;

function request(stage = "v1", routeKey = "$default", apiId = "abc1234567"): InvokeRequest {
  return {
    principalService: "apigateway.amazonaws.com",
    action: "lambda:InvokeFunction",
    resource: FUNCTION_ARN,
    sourceArn: executeApiSourceArn(REGION, ACCOUNT, apiId, stage, routeKey),
    sourceAccount: ACCOUNT,
  };
}

/** The statement AddPermission writes (Lambda AddPermission). */
function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Sid: "apigw-default",
    Effect: "Allow",
    Principal: { Service: "apigateway.amazonaws.com" },
    Action: "lambda:InvokeFunction",
    Resource: FUNCTION_ARN,
    Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc1234567/*/$default` } },
    ...overrides,
  };
}

function policy(...statements: unknown[]) {
  return { Version: "2012-10-17", Id: "default", Statement: statements };
}

test("executeApiSourceArn: arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<routeKey> (Lambda AddPermission; execute-api ARNs of WebSocket routes)", () => {
  assert.is(executeApiSourceArn("us-east-1", "123456789012", "abcdef123", "default", "$connect"), "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect");
});

test("Lambda AddPermission: the statement AddPermission writes allows its route on any stage, and names the statement", () => {
  const result = evaluateLambdaPolicy(policy(statement()), request());
  assert.ok(result.allowed);
  assert.is(result.decision, "Allow");
  assert.is(result.decidedBy?.sid, "apigw-default");
  assert.is(result.decidedBy?.index, 0);
  assert.ok(evaluateLambdaPolicy(policy(statement()), request("prod")).allowed);
});

test("GetPolicy's JSON string is accepted as well as the parsed document (Lambda GetPolicy)", () => {
  const result = evaluateLambdaPolicy(JSON.stringify(policy(statement())), request());
  assert.ok(result.allowed);
});

test("Lambda AddPermission: Action as a one-element list is the same as the string", () => {
  assert.ok(evaluateLambdaPolicy(policy(statement({ Action: ["lambda:InvokeFunction"] })), request()).allowed);
});

test("Action: wildcards (lambda:*, lambda:Invoke*, *) and case-insensitive action names", () => {
  for (const action of ["lambda:*", "lambda:Invoke*", "*", "LAMBDA:invokefunction", ["lambda:GetFunction", "lambda:InvokeFunction"]]) {
    assert.ok(evaluateLambdaPolicy(policy(statement({ Action: action })), request()).allowed, JSON.stringify(action));
  }
  const other = evaluateLambdaPolicy(policy(statement({ Action: "lambda:GetFunction" })), request());
  assert.not.ok(other.allowed);
  assert.match(other.statements[0]!.reason!, /Action/);
});

test("Lambda AddPermission: ArnLike and StringLike on AWS:SourceArn both grant the route", () => {
  const arn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc1234567/*/$default`;
  assert.ok(evaluateLambdaPolicy(policy(statement({ Condition: { StringLike: { "AWS:SourceArn": arn } } })), request()).allowed);
  assert.ok(evaluateLambdaPolicy(policy(statement({ Condition: { ArnLike: { "AWS:SourceArn": arn } } })), request()).allowed);
});

test("ArnLike vs StringLike differ: `*` spans colons only in StringLike (IAM condition operators)", () => {
  const pattern = "arn:aws:execute-api:*:abc1234567/*";
  assert.ok(evaluateLambdaPolicy(policy(statement({ Condition: { StringLike: { "AWS:SourceArn": pattern } } })), request()).allowed);
  assert.not.ok(evaluateLambdaPolicy(policy(statement({ Condition: { ArnLike: { "AWS:SourceArn": pattern } } })), request()).allowed);
});

test("ArnEquals takes wildcards exactly as ArnLike does (IAM condition operators, ARN operators)", () => {
  const arn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc1234567/*/$default`;
  assert.ok(evaluateLambdaPolicy(policy(statement({ Condition: { ArnEquals: { "AWS:SourceArn": arn } } })), request()).allowed);
});

test("Lambda AddPermission: a statement with no Condition grants access", () => {
  const { Condition: _, ...bare } = statement();
  assert.ok(evaluateLambdaPolicy(policy(bare), request("any", "$anything", "zzzzzzzzzz")).allowed);
});

test("IAM condition operators: a wrong api id is implicitly denied, and the verdict says which condition failed", () => {
  const result = evaluateLambdaPolicy(policy(statement()), request("v1", "$default", "otherapi01"));
  assert.not.ok(result.allowed);
  assert.is(result.decision, "ImplicitDeny");
  assert.is(result.decidedBy, undefined);
  assert.match(result.statements[0]!.reason!, /ArnLike AWS:SourceArn/);
  assert.match(result.statements[0]!.reason!, /otherapi01/);
});

test("IAM condition operators: a permission for `$disconnect` does not cover `$default` (wrong route)", () => {
  const arn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc1234567/*/$disconnect`;
  const doc = policy(statement({ Condition: { ArnLike: { "AWS:SourceArn": arn } } }));
  assert.ok(evaluateLambdaPolicy(doc, request("v1", "$disconnect")).allowed);
  assert.not.ok(evaluateLambdaPolicy(doc, request("v1", "$default")).allowed);
});

test("a permission for stage v1 does not cover another stage", () => {
  const arn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc1234567/v1/$default`;
  const doc = policy(statement({ Condition: { ArnLike: { "AWS:SourceArn": arn } } }));
  assert.ok(evaluateLambdaPolicy(doc, request("v1")).allowed);
  assert.not.ok(evaluateLambdaPolicy(doc, request("v2")).allowed);
});

test("IAM evaluation logic: an explicit Deny wins over any Allow, wherever it stands", () => {
  const deny = statement({ Sid: "no-apigw", Effect: "Deny", Condition: undefined });
  const result = evaluateLambdaPolicy(policy(statement(), deny), request());
  assert.not.ok(result.allowed);
  assert.is(result.decision, "ExplicitDeny");
  assert.is(result.decidedBy?.sid, "no-apigw");
  assert.is(result.decidedBy?.index, 1);
});

test("a Deny whose condition does not hold leaves the Allow in force", () => {
  const deny = statement({ Sid: "deny-prod", Effect: "Deny", Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:*:*:*/prod/*` } } });
  assert.ok(evaluateLambdaPolicy(policy(deny, statement()), request("v1")).allowed);
  assert.is(evaluateLambdaPolicy(policy(deny, statement()), request("prod")).decision, "ExplicitDeny");
});

test("Principal: Service string or list, \"*\" and {\"AWS\":\"*\"} match; another service or an account does not", () => {
  for (const principal of [{ Service: "apigateway.amazonaws.com" }, { Service: ["events.amazonaws.com", "apigateway.amazonaws.com"] }, "*", { AWS: "*" }]) {
    assert.ok(evaluateLambdaPolicy(policy(statement({ Principal: principal })), request()).allowed, JSON.stringify(principal));
  }
  for (const principal of [{ Service: "s3.amazonaws.com" }, { AWS: "arn:aws:iam::111122223333:root" }, "apigateway.amazonaws.com"]) {
    assert.not.ok(evaluateLambdaPolicy(policy(statement({ Principal: principal })), request()).allowed, JSON.stringify(principal));
  }
});

test("Resource: another function or a qualified ARN does not cover the function; wildcards do", () => {
  assert.not.ok(evaluateLambdaPolicy(policy(statement({ Resource: `${FUNCTION_ARN}2` })), request()).allowed);
  assert.not.ok(evaluateLambdaPolicy(policy(statement({ Resource: `${FUNCTION_ARN}:live` })), request()).allowed);
  assert.ok(evaluateLambdaPolicy(policy(statement({ Resource: `arn:aws:lambda:*:*:function:Order*` })), request()).allowed);
  assert.ok(evaluateLambdaPolicy(policy(statement({ Resource: "*" })), request()).allowed);
});

test("Lambda AddPermission: StringEquals AWS:SourceAccount, with condition keys case-insensitive (IAM condition operators)", () => {
  const cond = (account: string) => ({ ArnLike: { "aws:sourcearn": `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc1234567/*` }, StringEquals: { "AWS:SOURCEACCOUNT": account } });
  assert.ok(evaluateLambdaPolicy(policy(statement({ Condition: cond(ACCOUNT) })), request()).allowed);
  assert.not.ok(evaluateLambdaPolicy(policy(statement({ Condition: cond("999999999999") })), request()).allowed);
});

test("IAM condition operators: a condition on a key absent from the request is false; a negated one is true", () => {
  const { sourceArn: _, ...noSource } = request();
  assert.not.ok(evaluateLambdaPolicy(policy(statement()), noSource).allowed);
  const notLike = statement({ Condition: { ArnNotLike: { "AWS:SourceArn": "arn:aws:execute-api:*:*:blocked/*" } } });
  assert.ok(evaluateLambdaPolicy(policy(notLike), noSource).allowed);
  const ifExists = statement({ Condition: { ArnLikeIfExists: { "AWS:SourceArn": "arn:aws:execute-api:*:*:blocked/*" } } });
  assert.ok(evaluateLambdaPolicy(policy(ifExists), noSource).allowed);
  assert.not.ok(evaluateLambdaPolicy(policy(ifExists), request()).allowed);
});

test("negated operators: ArnNotLike and StringNotEquals hold only when no value matches", () => {
  const notLike = statement({ Condition: { ArnNotLike: { "AWS:SourceArn": ["arn:aws:execute-api:*:*:other/*", "arn:aws:execute-api:*:*:abc1234567/*/$default"] } } });
  assert.not.ok(evaluateLambdaPolicy(policy(notLike), request()).allowed);
  assert.ok(evaluateLambdaPolicy(policy(notLike), request("v1", "$connect")).allowed);
  const notEquals = statement({ Condition: { StringNotEquals: { "AWS:SourceAccount": "999999999999" } } });
  assert.ok(evaluateLambdaPolicy(policy(notEquals), request()).allowed);
});

test("a condition value list matches when any value matches; every operator block must hold", () => {
  const list = statement({ Condition: { ArnLike: { "AWS:SourceArn": ["arn:aws:execute-api:*:*:other/*", "arn:aws:execute-api:*:*:abc1234567/*"] } } });
  assert.ok(evaluateLambdaPolicy(policy(list), request()).allowed);
  const both = statement({ Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:execute-api:*:*:abc1234567/*" }, StringEquals: { "AWS:SourceAccount": "999999999999" } } });
  assert.not.ok(evaluateLambdaPolicy(policy(both), request()).allowed);
});

test("Null condition: true holds for an absent key, false for a present one", () => {
  assert.ok(evaluateLambdaPolicy(policy(statement({ Condition: { Null: { "AWS:SourceArn": "false" } } })), request()).allowed);
  assert.not.ok(evaluateLambdaPolicy(policy(statement({ Condition: { Null: { "AWS:SourceArn": "true" } } })), request()).allowed);
});

test("an unsupported operator never grants access, and says so", () => {
  const result = evaluateLambdaPolicy(policy(statement({ Condition: { NumericLessThan: { "AWS:SourceAccount": "5" } } })), request());
  assert.not.ok(result.allowed);
  assert.match(result.statements[0]!.reason!, /not supported/);
});

test("NotAction and NotPrincipal match what they do not list", () => {
  const { Action: _, ...rest } = statement();
  assert.ok(evaluateLambdaPolicy(policy({ ...rest, NotAction: "lambda:GetFunction" }), request()).allowed);
  assert.not.ok(evaluateLambdaPolicy(policy({ ...rest, NotAction: "lambda:Invoke*" }), request()).allowed);
});

test("a single statement object instead of a list is read (IAM accepts both)", () => {
  assert.ok(evaluateLambdaPolicy({ Version: "2012-10-17", Statement: statement() }, request()).allowed);
});

test("malformed documents never crash and never grant access", () => {
  const malformed: unknown[] = [
    undefined, null, "", "not json", "[]", "42", 42, true, [], {}, { Statement: "x" }, { Statement: null },
    { Statement: [null, 1, "s", []] },
    policy({ ...statement(), Effect: "allow" }),
    policy({ ...statement(), Effect: undefined }),
    policy({ ...statement(), Principal: undefined }),
    policy({ ...statement(), Principal: { Service: 5 } }),
    policy({ ...statement(), Principal: [] }),
    policy({ ...statement(), Action: undefined }),
    policy({ ...statement(), Action: [1, 2] }),
    policy({ ...statement(), Action: {} }),
    policy({ ...statement(), Resource: undefined }),
    policy({ ...statement(), Resource: null }),
    policy({ ...statement(), Condition: "ArnLike" }),
    policy({ ...statement(), Condition: { ArnLike: "x" } }),
    policy({ ...statement(), Condition: { ArnLike: { "AWS:SourceArn": { nested: true } } } }),
    policy({ ...statement(), Condition: { ArnLike: { "AWS:SourceArn": [] } } }),
    policy({ ...statement(), NotAction: "x" }),
    { Statement: [{ __proto__: { Effect: "Allow" } }] },
  ];
  for (const doc of malformed) {
    const result = evaluateLambdaPolicy(doc, request());
    assert.not.ok(result.allowed, JSON.stringify(doc));
    assert.is(result.decision, "ImplicitDeny");
  }
  assert.is(evaluateLambdaPolicy(undefined, request()).problem, "there is no policy");
  assert.is(evaluateLambdaPolicy("{", request()).problem, "the policy is not valid JSON");
});

test("a malformed statement next to a valid one leaves the valid one in force", () => {
  const result = evaluateLambdaPolicy(policy("junk", { Effect: "Deny" }, statement()), request());
  assert.ok(result.allowed);
  assert.is(result.decidedBy?.index, 2);
  assert.is(result.statements.length, 3);
  assert.ok(result.statements[0]!.reason);
});

test.run();
