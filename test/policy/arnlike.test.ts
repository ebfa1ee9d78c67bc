// IAM's ArnLike / StringLike rules (IAM condition operators).
//
// Sources cited in this file:
// - IAM condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
import { test } from "uvu";
import * as assert from "uvu/assert";
import { arnLike, arnParts, stringLike } from "../../src/policy/arnlike.js";

const ARN = (resource: string) => `arn:aws:execute-api:ap-northeast-2:111122223333:${resource}`;

test("IAM condition operators: `abc123/*/$disconnect` matches `abc123/v1/$disconnect` but not `abc123/v1/$default`", () => {
  assert.ok(arnLike(ARN("abc123/*/$disconnect"), ARN("abc123/v1/$disconnect")));
  assert.not.ok(arnLike(ARN("abc123/*/$disconnect"), ARN("abc123/v1/$default")));
});

test("IAM condition operators: `abc123/*` matches every route and stage (the resource part is one part, `*` crosses `/`)", () => {
  for (const resource of ["abc123/v1/$disconnect", "abc123/v1/$default", "abc123/prod/$connect", "abc123/v2/sendmessage"]) {
    assert.ok(arnLike(ARN("abc123/*"), ARN(resource)), resource);
  }
  assert.not.ok(arnLike(ARN("abc123/*"), ARN("xyz789/v1/$default")));
});

test("IAM condition operators: `$` is an ordinary character, matched literally", () => {
  assert.ok(arnLike(ARN("abc123/v1/$default"), ARN("abc123/v1/$default")));
  assert.not.ok(arnLike(ARN("abc123/v1/$default"), ARN("abc123/v1/default")));
  assert.ok(stringLike("$request.body.*", "$request.body.action"));
});

test("IAM condition operators: a wildcard never spans a colon: `*` cannot stand for region and account together", () => {
  assert.not.ok(arnLike("arn:aws:execute-api:*:abc123/*", ARN("abc123/v1/$default")));
  assert.ok(arnLike("arn:aws:execute-api:*:*:abc123/*", ARN("abc123/v1/$default")));
  assert.not.ok(arnLike("arn:aws:*", ARN("abc123/v1/$default")));
});

test("IAM condition operators: `?` matches exactly one character inside a part", () => {
  assert.ok(arnLike(ARN("abc12?/v?/$default"), ARN("abc123/v1/$default")));
  assert.not.ok(arnLike(ARN("abc12?/v?/$default"), ARN("abc123/v10/$default")));
  assert.not.ok(arnLike("arn:aws:execute-api:ap-northeast-?:111122223333:abc123/*", "arn:aws:execute-api:ap-northeast-:111122223333:abc123/v1"));
});

test("IAM condition operators: matching is case-sensitive (the IAM guide, over the .NET SDK doc)", () => {
  assert.not.ok(arnLike(ARN("ABC123/*"), ARN("abc123/v1/$default")));
  assert.not.ok(arnLike("arn:aws:execute-api:AP-NORTHEAST-2:111122223333:abc123/*", ARN("abc123/v1/$default")));
  assert.not.ok(stringLike("Hello*", "hello world"));
});

test("ArnLike: an empty part matches only an empty part, and `*` also matches an empty part (arn:aws:iam::...)", () => {
  assert.ok(arnLike("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/Admin"));
  assert.ok(arnLike("arn:aws:s3:*:*:bucket", "arn:aws:s3:::bucket"));
  assert.not.ok(arnLike("arn:aws:s3:::bucket", "arn:aws:s3:us-east-1::bucket"));
});

test("ArnLike: further colons belong to the resource part (function:name:alias)", () => {
  assert.equal(arnParts("arn:aws:lambda:ap-northeast-2:111122223333:function:f:live"), ["arn", "aws", "lambda", "ap-northeast-2", "111122223333", "function:f:live"]);
  assert.ok(arnLike("arn:aws:lambda:*:*:function:*", "arn:aws:lambda:ap-northeast-2:111122223333:function:f"));
  assert.not.ok(arnLike("arn:aws:lambda:*:*:function:f", "arn:aws:lambda:ap-northeast-2:111122223333:function:f:live"));
});

test("ArnLike: a value that is not an ARN never matches; a lone `*` matches anything (UNCONFIRMED choice)", () => {
  assert.not.ok(arnLike(ARN("*"), "abc123/v1/$default"));
  assert.not.ok(arnLike("abc123/*", "abc123/v1/$default"));
  assert.ok(arnLike("*", ARN("abc123/v1/$default")));
});

test("StringLike: wildcards over the whole string, `*` crossing colons and slashes", () => {
  assert.ok(stringLike("arn:aws:execute-api:*", ARN("abc123/v1/$default")));
  assert.ok(stringLike("*", ""));
  assert.ok(stringLike("a*b*c", "aXXbYYc"));
  assert.ok(stringLike("a*b*c", "abc"));
  assert.not.ok(stringLike("a*b*c", "aXXbYY"));
  assert.not.ok(stringLike("a?c", "ac"));
  assert.ok(stringLike("a**?", "ab"));
  assert.not.ok(stringLike("", "a"));
});

test("StringLike: a hostile pattern of many stars finishes quickly", () => {
  const started = Date.now();
  assert.not.ok(stringLike("*a".repeat(5000) + "b", "a".repeat(20000)));
  assert.ok(Date.now() - started < 2000);
});

test.run();
