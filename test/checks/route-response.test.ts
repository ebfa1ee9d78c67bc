// s2.default-route-response: two-way needs routeResponseSelectionExpression $default AND a $default route
// response; an integration response alone is not enough, and the detail says so when there is one.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { s2DefaultRouteResponse as check } from "../../checks/s2.default-route-response.js";
import { assertHintNames, assertNames, deleteRoute, derive, IDS, judge, routeIn, solvedSnapshot, step1Snapshot } from "../helpers/snapshot.js";
import type { Snapshot } from "../../src/collect/snapshot.js";

const solved = solvedSnapshot();
const routeId = IDS.routes.$default;

const withoutRouteResponse = (s: Snapshot) => (s.routeResponses[routeId] = []);
const withoutExpression = (s: Snapshot) => delete routeIn(s, "$default").routeResponseSelectionExpression;
const withIntegrationResponse = (s: Snapshot) => (s.integrationResponses[IDS.integrations.$default] = [{ integrationResponseId: "ir0001", integrationResponseKey: "$default" }]);

const expressionCommand = `aws apigatewayv2 update-route --api-id ${IDS.apiId} --route-id ${routeId} --route-response-selection-expression '$default'`;
const responseCommand = `aws apigatewayv2 create-route-response --api-id ${IDS.apiId} --route-id ${routeId} --route-response-key '$default'`;

test("passes with the expression and the route response, naming the route response", () => {
  const judged = judge(check, solved);
  assert.is(judged.status, "pass");
  assertNames(judged, IDS.routeResponse);
});

test("the step-1 account is one-way: both commands, item 8 and the console's button", () => {
  const judged = judge(check, step1Snapshot());
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "oneWay");
  assertNames(judged, routeId, "8");
  assert.ok(judged.ko.hint.includes("통합 응답(Integration Response) 추가"), judged.ko.hint);
  assertHintNames(judged, expressionCommand, responseCommand);
});

test("an integration response alone is not enough, and the detail says so naming it", () => {
  const judged = judge(check, derive(solved, (s) => {
    withoutRouteResponse(s);
    withoutExpression(s);
    withIntegrationResponse(s);
  }));
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "integrationResponseOnly");
  assertNames(judged, IDS.integrations.$default, routeId, expressionCommand, responseCommand);
  assert.ok(judged.ko.detail.includes("그것만으로는 양방향이 되지 않습니다"), judged.ko.detail);
  assert.ok(judged.en.detail.includes("alone does not make the route two-way"), judged.en.detail);
});

test("the expression without a route response fails with create-route-response", () => {
  const judged = judge(check, derive(solved, withoutRouteResponse));
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "noRouteResponse");
  assertHintNames(judged, responseCommand);
});

test("the expression and an integration response, but no route response: the integration response is named", () => {
  const judged = judge(check, derive(solved, (s) => {
    withoutRouteResponse(s);
    withIntegrationResponse(s);
  }));
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "noRouteResponseWithIntegrationResponse");
  assertNames(judged, IDS.integrations.$default, responseCommand);
});

test("a route response without the expression fails with update-route", () => {
  const judged = judge(check, derive(solved, withoutExpression));
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "noExpression");
  assertHintNames(judged, expressionCommand);
});

test("another expression is named", () => {
  const judged = judge(check, derive(solved, (s) => (routeIn(s, "$default").routeResponseSelectionExpression = "$request.body.action")));
  assert.is(judged.status, "fail");
  assertNames(judged, "$request.body.action", expressionCommand);
});

test("a route response under another key does not count", () => {
  const judged = judge(check, derive(solved, (s) => (s.routeResponses[routeId] = [{ routeResponseId: "x1", routeResponseKey: "$other" }])));
  assert.is(judged.status, "fail");
});

test("a deleted $default route fails pointing to s1.routes", () => {
  const judged = judge(check, derive(solved, (s) => deleteRoute(s, "$default")));
  assert.is(judged.status, "fail");
  assertNames(judged, "s1.routes");
});

test("odd route-response data never throws", () => {
  const judged = judge(check, derive(solved, (s) => ((s as { routeResponses: unknown }).routeResponses = { [routeId]: "nope" })));
  assert.is(judged.status, "fail");
});

test.run();
