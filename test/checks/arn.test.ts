// src/aws/arn.ts: ARNs and Lambda integration URIs read from untrusted snapshots (API Gateway v2's Integration resource; Lambda AddPermission).
//
// Sources cited in this file:
// - API Gateway v2's Integration resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lambdaIntegrationUri, parseArn, parseExecuteApiArn, parseLambdaFunctionArn, parseLambdaIntegrationUri } from "../../src/aws/arn.js";

const FN = "arn:aws:lambda:ap-northeast-2:111122223333:function:OrderWSPendingFunction";

test("parseArn keeps colons of the resource part", () => {
  assert.equal(parseArn(`${FN}:live`), { partition: "aws", service: "lambda", region: "ap-northeast-2", account: "111122223333", resource: "function:OrderWSPendingFunction:live" });
});

test("parseArn rejects what is not an ARN, without throwing", () => {
  for (const value of [undefined, null, 42, {}, "", "arn:aws", "not:an:arn:at:all:x", "arn::lambda:r:a:x"]) assert.is(parseArn(value), undefined, String(value));
});

test("parseLambdaFunctionArn: name, no qualifier", () => {
  const parsed = parseLambdaFunctionArn(FN);
  assert.is(parsed?.functionName, "OrderWSPendingFunction");
  assert.is(parsed?.qualifier, undefined);
  assert.is(parsed?.unqualifiedArn, FN);
});

test("parseLambdaFunctionArn: an alias or version qualifier is kept apart from the name", () => {
  assert.is(parseLambdaFunctionArn(`${FN}:live`)?.qualifier, "live");
  assert.is(parseLambdaFunctionArn(`${FN}:7`)?.qualifier, "7");
  assert.is(parseLambdaFunctionArn(`${FN}:7`)?.unqualifiedArn, FN);
});

test("parseLambdaFunctionArn rejects other services, layers, empty qualifiers and extra parts", () => {
  for (const value of ["arn:aws:s3:::bucket", "arn:aws:lambda:r:1:layer:x:1", `${FN}:`, `${FN}:a:b`, "arn:aws:lambda:r:1:function:"]) {
    assert.is(parseLambdaFunctionArn(value), undefined, value);
  }
});

test("parseLambdaIntegrationUri: region, account, function name, qualifier", () => {
  const parsed = parseLambdaIntegrationUri(`arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/${FN}:live/invocations`);
  assert.ok(parsed);
  assert.is(parsed.region, "ap-northeast-2");
  assert.is(parsed.gatewayRegion, "ap-northeast-2");
  assert.is(parsed.account, "111122223333");
  assert.is(parsed.functionName, "OrderWSPendingFunction");
  assert.is(parsed.qualifier, "live");
  assert.is(parsed.functionArn, `${FN}:live`);
});

test("parseLambdaIntegrationUri: the function's region may differ from the gateway's", () => {
  const other = "arn:aws:lambda:us-east-1:444455556666:function:OrderWSPendingFunction";
  const parsed = parseLambdaIntegrationUri(`arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/${other}/invocations`);
  assert.is(parsed?.region, "us-east-1");
  assert.is(parsed?.gatewayRegion, "ap-northeast-2");
  assert.is(parsed?.account, "444455556666");
});

test("parseLambdaIntegrationUri rejects HTTP URLs, bare function ARNs and other paths", () => {
  for (const value of ["https://example.com/orders", FN, "arn:aws:apigateway:r:lambda:path/2015-03-31/functions/x/invocations", "arn:aws:apigateway:r:s3:path/bucket/key", 7]) {
    assert.is(parseLambdaIntegrationUri(value), undefined, String(value));
  }
});

test("lambdaIntegrationUri is what parseLambdaIntegrationUri reads", () => {
  assert.is(parseLambdaIntegrationUri(lambdaIntegrationUri("ap-northeast-2", FN))?.functionArn, FN);
});

test("parseExecuteApiArn: api, stage, route key; wildcards kept as written", () => {
  assert.equal(parseExecuteApiArn("arn:aws:execute-api:ap-northeast-2:111122223333:abc123/*/$disconnect"), {
    region: "ap-northeast-2",
    account: "111122223333",
    apiId: "abc123",
    stage: "*",
    routeKey: "$disconnect",
  });
  assert.equal(parseExecuteApiArn("arn:aws:execute-api:r:1:abc123/*"), { region: "r", account: "1", apiId: "abc123", stage: "*" });
  assert.is(parseExecuteApiArn("arn:aws:lambda:r:1:function:x"), undefined);
});

test.run();
