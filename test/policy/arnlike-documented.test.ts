// The one ArnLike evaluator (src/policy/arnlike.ts) decides for the lab's gateway and for the checker alike,
// so a bug in it cannot show up as a disagreement between them. This table holds it to what AWS documents
// instead: each row is an example from AWS's pages (or, marked "derived", the documented rule applied to a
// case the page does not spell out), with the page it comes from.
//
// Sources cited in this file:
// - aws-cdk's WebSocketLambdaIntegration: https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-apigatewayv2-integrations/lib/websocket/lambda.ts
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
import { test } from "uvu";
import * as assert from "uvu/assert";
import { arnLike, stringLike } from "../../src/policy/arnlike.js";

/** IAM User Guide, "IAM JSON policy elements: Condition operators", ARN section: "Case-sensitive matching of the ARN. Each of the six colon-delimited components of the ARN is checked separately" (ArnEquals and ArnLike behave identically). */
const IAM_COND = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN";
/** IAM User Guide, "IAM JSON policy elements: Resource", wildcards: within any segment, several per segment, `*` replaces `/` too. */
const IAM_RES = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards";
/** API Gateway, "Control access to WebSocket APIs with IAM authorization": route ARNs are arn:aws:execute-api:region:account-id:api-id/stage-name/route-key; its example policy allows api-id/prod/* and denies api-id/prod/secret. */
const APIGW_IAM = "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html";
/** API Gateway, "Control access to WebSocket APIs with AWS Lambda REQUEST authorizers": methodArn arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect. */
const APIGW_AUTH = "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html";
/** Lambda Developer Guide, "Using resource-based policies for Lambda": ArnLike AWS:SourceArn arn:aws:s3:::my-bucket and arn:aws:sns:us-east-2:123456789012:lambda*. */
const LAMBDA_RBP = "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html";
/** Lambda API reference, AddPermission: SourceArn is compared "using the StringLike operator"; its type Arn has the pattern below (botocore lambda/2015-03-31 service-2.json, shape Arn). */
const LAMBDA_ADD = "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html";
/** aws-cdk WebSocketLambdaIntegration: SourceArn resource `<apiId>/*<routeKey>` (aws-cdk's WebSocketLambdaIntegration); public code, not an AWS page. */
const CDK = "aws-cdk packages/aws-cdk-lib/aws-apigatewayv2-integrations/lib/websocket/lambda.ts";

interface Row {
  pattern: string;
  value: string;
  /** What ArnLike answers per the source. */
  matches: boolean;
  source: string;
  /** What the row shows, and "derived" when the page states the rule but not this very case. */
  why: string;
}

const US = (resource: string) => `arn:aws:execute-api:us-east-1:111122223333:${resource}`;
const METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect";
const AUTH = (resource: string) => `arn:aws:execute-api:us-east-1:123456789012:${resource}`;
const WS = (resource: string) => `arn:aws:execute-api:ap-northeast-2:111122223333:${resource}`;
const S3 = (key: string) => `arn:aws:s3:::amzn-s3-demo-bucket/${key}`;

const ROWS: Row[] = [
  // The example policy of the WebSocket IAM page: stage and route inside the one resource segment.
  { pattern: US("api-id/prod/*"), value: US("api-id/prod/secret"), matches: true, source: APIGW_IAM, why: "the Allow covers the route the Deny names" },
  { pattern: US("api-id/prod/*"), value: US("api-id/prod/$default"), matches: true, source: APIGW_IAM, why: "derived: every route of stage prod, $default included" },
  { pattern: US("api-id/prod/*"), value: US("api-id/dev/$default"), matches: false, source: APIGW_IAM, why: "derived: another stage is not covered" },
  { pattern: US("api-id/prod/secret"), value: US("api-id/prod/secret"), matches: true, source: APIGW_IAM, why: "the Deny's exact route ARN" },
  { pattern: US("api-id/prod/secret"), value: US("api-id/prod/secrets"), matches: false, source: APIGW_IAM, why: "derived: without a wildcard the route key is matched whole" },
  // The $connect methodArn of the Lambda REQUEST authorizer page.
  { pattern: AUTH("abcdef123/*/$connect"), value: METHOD_ARN, matches: true, source: APIGW_AUTH, why: "stage * covers stage default" },
  { pattern: AUTH("abcdef123/default/$connect"), value: METHOD_ARN, matches: true, source: APIGW_AUTH, why: "the methodArn itself" },
  { pattern: AUTH("abcdef123/default/connect"), value: METHOD_ARN, matches: false, source: APIGW_AUTH, why: "derived: $ is an ordinary character of the route key, not optional" },
  { pattern: AUTH("abcdef123/*/$disconnect"), value: METHOD_ARN, matches: false, source: APIGW_AUTH, why: "derived: a $disconnect permission does not cover $connect" },
  // The workshop's routes, $disconnect and $default, on stage v1 (route ARN format of APIGW_IAM).
  { pattern: WS("abc123/*/$disconnect"), value: WS("abc123/v1/$disconnect"), matches: true, source: APIGW_IAM, why: "derived: stage * and the exact route key" },
  { pattern: WS("abc123/*/$disconnect"), value: WS("abc123/v1/$default"), matches: false, source: APIGW_IAM, why: "derived: another route key" },
  { pattern: WS("abc123/v1/$default"), value: WS("abc123/v1/$default"), matches: true, source: APIGW_IAM, why: "derived: stage v1 named outright" },
  { pattern: WS("abc123/v1/$default"), value: WS("abc123/v2/$default"), matches: false, source: APIGW_IAM, why: "derived: stage v1 does not cover v2" },
  { pattern: WS("abc123/*/$default"), value: WS("abc123/v2/$default"), matches: true, source: APIGW_IAM, why: "derived: stage * covers any stage" },
  { pattern: WS("abc123/*"), value: WS("abc123/v1/$disconnect"), matches: true, source: IAM_RES, why: "one * covers stage and route: it replaces `/` too" },
  { pattern: WS("abc123/*"), value: WS("xyz789/v1/$default"), matches: false, source: IAM_RES, why: "derived: the API id before the * must match" },
  { pattern: WS("abc123/*$default"), value: WS("abc123/v1/$default"), matches: true, source: CDK, why: "CDK's form with no slash before the route key: * swallows `v1/`" },
  { pattern: WS("abc123/*$default"), value: WS("abc123/v1/$disconnect"), matches: false, source: CDK, why: "CDK's form for $default does not cover $disconnect" },
  // Wildcards inside each segment, several in one segment.
  { pattern: "arn:aws:execute-api:us-east-?:111122223333:api-id/prod/*", value: US("api-id/prod/x"), matches: true, source: IAM_COND, why: "? in the region segment" },
  { pattern: "arn:aws:execute-api:us-*-1:111122223333:api-id/prod/*", value: US("api-id/prod/x"), matches: true, source: IAM_COND, why: "* inside the region segment" },
  { pattern: "arn:aws:execute-api:eu-*:111122223333:api-id/prod/*", value: US("api-id/prod/x"), matches: false, source: IAM_COND, why: "derived: the region segment still has to match" },
  { pattern: "arn:aws:execute-api:us-east-1:1111222233??:api-id/prod/*", value: US("api-id/prod/x"), matches: true, source: IAM_COND, why: "two ? in the account segment" },
  { pattern: "arn:aws:execute-api:us-east-1:2222*:api-id/prod/*", value: US("api-id/prod/x"), matches: false, source: IAM_COND, why: "derived: another account" },
  { pattern: "arn:a?s:execute-*:us-east-1:111122223333:api-id/prod/*", value: US("api-id/prod/x"), matches: true, source: IAM_COND, why: "wildcards in the partition and service segments (the Resource element forbids the service one; Lambda's SourceArn pattern refuses both at write time)" },
  { pattern: "arn:*:*:*:*:*", value: US("api-id/prod/x"), matches: true, source: IAM_COND, why: "one * per segment covers every ARN" },
  { pattern: WS("a*c*/*/$d*"), value: WS("abc123/v1/$default"), matches: true, source: IAM_RES, why: "several * in one segment" },
  { pattern: WS("a*c*/*/$d*"), value: WS("abc123/v1/$disconnect"), matches: true, source: IAM_RES, why: "several * in one segment" },
  { pattern: WS("a*c*/*/$d*"), value: WS("abc123/v1/$connect"), matches: false, source: IAM_RES, why: "derived: the literal $d must be there" },
  { pattern: WS("abc12?/v?/$default"), value: WS("abc123/v10/$default"), matches: false, source: IAM_RES, why: "? stands for exactly one character" },
  // Case: the IAM guide says case-sensitive (the old "case-insensitive" wording of the .NET SDK and 2009 SQS guide is superseded).
  { pattern: "arn:AWS:execute-api:us-east-1:111122223333:api-id/prod/*", value: US("api-id/prod/x"), matches: false, source: IAM_COND, why: "case-sensitive in the partition segment" },
  { pattern: "arn:aws:EXECUTE-API:us-east-1:111122223333:api-id/prod/*", value: US("api-id/prod/x"), matches: false, source: IAM_COND, why: "case-sensitive in the service segment" },
  { pattern: "arn:aws:execute-api:US-EAST-1:111122223333:api-id/prod/*", value: US("api-id/prod/x"), matches: false, source: IAM_COND, why: "case-sensitive in the region segment" },
  { pattern: US("API-ID/prod/*"), value: US("api-id/prod/x"), matches: false, source: IAM_COND, why: "case-sensitive in the API id" },
  { pattern: US("api-id/PROD/*"), value: US("api-id/prod/x"), matches: false, source: IAM_COND, why: "case-sensitive in the stage" },
  { pattern: WS("abc123/v1/$DEFAULT"), value: WS("abc123/v1/$default"), matches: false, source: IAM_COND, why: "case-sensitive in the route key" },
  { pattern: WS("abc123/v1/$D*"), value: WS("abc123/v1/$default"), matches: false, source: IAM_COND, why: "a wildcard does not fold case either" },
  // Colons: ArnLike compares segment by segment, where StringLike compares the whole string.
  {
    pattern: "arn:aws:someservice:*:111122223333:finance/*",
    value: "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
    matches: false,
    source: IAM_COND,
    why: "the guide's own example: StringLike matches, ArnLike does not (its * stops at the colon)",
  },
  { pattern: "arn:aws:execute-api:*:abc123/*", value: WS("abc123/v1/$default"), matches: false, source: IAM_COND, why: "derived: one * cannot stand for region and account together" },
  { pattern: "arn:aws:lambda:ap-northeast-2:*:f", value: "arn:aws:lambda:ap-northeast-2:111122223333:function:f", matches: false, source: IAM_COND, why: "derived, as the guide's example: the account's * cannot take `111122223333:function`" },
  {
    pattern: "arn:aws:execute-api:us-east-1:*",
    value: US("api-id/prod/x"),
    matches: false,
    source: IAM_COND,
    why: "derived: in a condition a segment's trailing * does not run on past the colons (the Resource element's 'can expand beyond the colon boundaries' is not the ARN condition operators' rule)",
  },
  // ARNs with fewer than six segments, and empty segments.
  { pattern: "arn:aws:execute-api:us-east-1:111122223333", value: US("api-id/prod/x"), matches: false, source: IAM_COND, why: "derived: a pattern without the sixth (resource) segment has nothing to match it with; Lambda refuses such a SourceArn (LAMBDA_ADD pattern)" },
  { pattern: US("api-id/*"), value: "arn:aws:execute-api:us-east-1:111122223333", matches: false, source: IAM_COND, why: "derived: a value with five segments is not a six-segment ARN" },
  { pattern: US("*"), value: "api-id/prod/x", matches: false, source: IAM_COND, why: "derived: a value that is not an ARN never matches" },
  { pattern: "arn:aws:s3:::my-bucket", value: "arn:aws:s3:::my-bucket", matches: true, source: LAMBDA_RBP, why: "S3 source ARN: empty region and account segments" },
  { pattern: "arn:aws:s3:::my-bucket", value: "arn:aws:s3:::my-bucket-123456", matches: false, source: LAMBDA_RBP, why: "derived: no wildcard, so no prefix match" },
  { pattern: "arn:aws:s3:*:*:my-bucket", value: "arn:aws:s3:::my-bucket", matches: true, source: IAM_RES, why: "derived: * also stands for an empty segment" },
  { pattern: "arn:aws:s3:?::my-bucket", value: "arn:aws:s3:::my-bucket", matches: false, source: IAM_RES, why: "derived: ? needs one character, an empty segment has none" },
  { pattern: "arn:aws:sns:us-east-2:123456789012:lambda*", value: "arn:aws:sns:us-east-2:123456789012:lambda-notify", matches: true, source: LAMBDA_RBP, why: "the guide's SNS source ARN with a trailing *" },
  { pattern: "arn:aws:sns:us-east-2:123456789012:lambda*", value: "arn:aws:sns:us-east-2:123456789012:my-topic", matches: false, source: LAMBDA_RBP, why: "derived: another topic name" },
  { pattern: "arn:aws:sns:REGION:123456789012:TOPIC-ID", value: "arn:aws:sns:REGION:123456789012:TOPIC-ID", matches: true, source: IAM_COND, why: "the guide's ArnEquals example (ArnEquals behaves as ArnLike)" },
  // `*` replaces `/` inside a segment: the S3 example of the Resource page.
  ...["1/test/object.jpg", "1/2/test/object.jpg", "1/2/test/3/object.jpg", "1/2/3/test/4/object.jpg", "1///test///object.jpg", "1/test/.jpg", "/test/object.jpg", "1/test/"].map(
    (key): Row => ({ pattern: S3("*/test/*"), value: S3(key), matches: true, source: IAM_RES, why: `listed as matched: ${key}` }),
  ),
  { pattern: S3("*/test/*"), value: S3("1-test/object.jpg"), matches: false, source: IAM_RES, why: "listed as not matched" },
  { pattern: S3("*/test/*"), value: S3("test/object.jpg"), matches: false, source: IAM_RES, why: "derived: the / before test is literal" },
  // Colons inside the resource segment belong to it (arn:aws:lambda:...:function:name:alias).
  { pattern: "arn:aws:lambda:*:*:function:*", value: "arn:aws:lambda:ap-northeast-2:111122223333:function:f:live", matches: true, source: IAM_COND, why: "derived: the sixth component is the rest of the ARN, colons included" },
  { pattern: "arn:aws:lambda:*:*:function:f", value: "arn:aws:lambda:ap-northeast-2:111122223333:function:f:live", matches: false, source: IAM_COND, why: "derived: the unqualified name does not cover an alias" },
];

for (const row of ROWS) {
  test(`ArnLike ${row.matches ? "matches" : "does not match"} ${row.value} with ${row.pattern} (${row.why}; ${row.source})`, () => {
    assert.is(arnLike(row.pattern, row.value), row.matches);
  });
}

test(`StringLike matches the guide's colon example that ArnLike refuses (${IAM_COND})`, () => {
  const row = ROWS.find((r) => r.pattern === "arn:aws:someservice:*:111122223333:finance/*")!;
  assert.ok(stringLike(row.pattern, row.value), "the first * of StringLike runs over us-east-2:999999999999:store/abc:");
  assert.not.ok(arnLike(row.pattern, row.value));
});

/**
 * AddPermission's SourceArn must match this pattern (botocore lambda model, shape Arn): a literal partition,
 * service, region (or none) and account (or none); wildcards only in the resource part. Lambda says it
 * compares SourceArn with StringLike while GetPolicy shows ArnLike (Lambda AddPermission): for every source ARN
 * Lambda accepts the two must agree, so the checker may read either the same way.
 */
const LAMBDA_SOURCE_ARN = /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;

test(`for every source ARN Lambda accepts, StringLike and ArnLike agree (${LAMBDA_ADD})`, () => {
  const accepted = ROWS.filter((row) => LAMBDA_SOURCE_ARN.test(row.pattern));
  assert.ok(accepted.length >= 20, `enough rows to mean something (${accepted.length})`);
  for (const row of accepted) assert.is(stringLike(row.pattern, row.value), arnLike(row.pattern, row.value), `${row.pattern} vs ${row.value}`);
  const refused = ["arn:aws:execute-api:*:111122223333:abc/*", "arn:aws:execute-api:us-east-1:*:abc/*", "arn:aws:execute-api:us-east-1:111122223333", "arn:a?s:execute-*:us-east-1:111122223333:x"];
  for (const pattern of refused) assert.not.ok(LAMBDA_SOURCE_ARN.test(pattern), `Lambda refuses ${pattern}`);
});

test.run();
