// s2.disconnect-integration and s2.default-integration: route.target → integration → integrationUri →
// function, AWS_PROXY, POST, exactly the account's function of the role, same account and region,
// qualifiers allowed; every failure names what is wired.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { s2DefaultIntegration } from "../../checks/s2.default-integration.js";
import { s2DisconnectIntegration } from "../../checks/s2.disconnect-integration.js";
import type { Snapshot } from "../../src/collect/snapshot.js";
import type { CheckModule } from "../../src/engine/check.js";
import { assertHintNames, assertNames, deleteRoute, derive, functionArn, IDS, integrationIn, judge, lambdaUri, routeIn, solvedSnapshot, step1Snapshot, type RouteKey } from "../helpers/snapshot.js";

const solved = solvedSnapshot();

interface Case {
  check: CheckModule;
  routeKey: RouteKey;
  own: string;
  /** The function of the other step-2 route. */
  other: string;
  otherRoute: RouteKey;
  items: string;
}

const CASES: Case[] = [
  { check: s2DisconnectIntegration, routeKey: "$disconnect", own: IDS.functions.disconnect, other: IDS.functions.pending, otherRoute: "$default", items: "4–6" },
  { check: s2DefaultIntegration, routeKey: "$default", own: IDS.functions.pending, other: IDS.functions.disconnect, otherRoute: "$disconnect", items: "7–9" },
];

const change = (routeKey: RouteKey, edit: (integration: ReturnType<typeof integrationIn>, s: Snapshot) => void) =>
  derive(solved, (s) => edit(integrationIn(s, routeKey), s));

for (const { check, routeKey, own, other, otherRoute, items } of CASES) {
  const id = check.id;

  test(`${id}: passes on the solved account, naming the integration and the function`, () => {
    const judged = judge(check, solved);
    assert.is(judged.status, "pass");
    assertNames(judged, IDS.integrations[routeKey], own, "AWS_PROXY");
  });

  test(`${id}: fails on the step-1 account (no integration), with the console path, items and the paste-ready CLI`, () => {
    const judged = judge(check, step1Snapshot());
    assert.is(judged.status, "fail");
    assertNames(judged, routeKey, IDS.routes[routeKey], own, items);
    assert.ok(judged.ko.hint.includes("통합 요청(Integration Request)") && judged.ko.hint.includes("통합 유형(Integration Type)"), judged.ko.hint);
    assert.ok(judged.en.hint.includes("Integration Request") && judged.en.hint.includes("Integration Type"), judged.en.hint);
    assertHintNames(
      judged,
      `aws apigatewayv2 update-route --api-id ${IDS.apiId} --route-id ${IDS.routes[routeKey]}`,
      `aws apigatewayv2 create-integration --api-id ${IDS.apiId} --integration-type AWS_PROXY`,
      lambdaUri(functionArn(own)),
    );
  });

  test(`${id}: accepts a qualified function (alias) and names the qualifier`, () => {
    const judged = judge(check, change(routeKey, (i) => (i.integrationUri = lambdaUri(`${functionArn(own)}:live`))));
    assert.is(judged.status, "pass");
    assertNames(judged, "live", own);
  });

  test(`${id}: accepts a CloudFormation-suffixed function name`, () => {
    const named = `awsomepets-${own}-1A2B3C`;
    const role = routeKey === "$disconnect" ? "disconnect" : "pending";
    const judged = judge(check, derive(solved, (s) => {
      s.functions[role] = { ...s.functions[role]!, name: named, arn: functionArn(named) };
      integrationIn(s, routeKey).integrationUri = lambdaUri(functionArn(named));
    }));
    assert.is(judged.status, "pass");
    assertNames(judged, named);
  });

  test(`${id}: the bare workshop name when the account's function is the stack's (another function, or none): names both`, () => {
    const named = `awsomepets-${own}-1A2B3C`;
    const role = routeKey === "$disconnect" ? "disconnect" : "pending";
    const judged = judge(check, derive(solved, (s) => {
      s.functions[role] = { ...s.functions[role]!, name: named, arn: functionArn(named) };
      integrationIn(s, routeKey).integrationUri = lambdaUri(functionArn(own));
    }));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "wiring.otherCopy");
    assertNames(judged, own, named, IDS.region);
  });

  test(`${id}: a method other than POST fails (Lambda is invoked by POST only); a method not recorded passes`, () => {
    const get = judge(check, change(routeKey, (i) => (i.integrationMethod = "GET")));
    assert.is(get.status, "fail");
    assert.is(get.verdict.detail.key, "wiring.method");
    assertNames(get, "GET", "POST", own);
    assertHintNames(get, "--integration-method POST");
    assert.is(judge(check, change(routeKey, (i) => delete i.integrationMethod)).status, "pass");
    assert.is(judge(check, change(routeKey, (i) => (i.integrationMethod = "post"))).status, "pass");
  });

  test(`${id}: swapped functions: names the function wired and the one expected`, () => {
    const judged = judge(check, derive(solved, (s) => {
      const mine = integrationIn(s, routeKey);
      const theirs = integrationIn(s, otherRoute);
      [mine.integrationUri, theirs.integrationUri] = [theirs.integrationUri, mine.integrationUri];
    }));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "wiring.swapped");
    assertNames(judged, other, own, otherRoute);
  });

  test(`${id}: wired to the connect function: names it and its route`, () => {
    const judged = judge(check, change(routeKey, (i) => (i.integrationUri = lambdaUri(functionArn(IDS.functions.connect)))));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "wiring.otherRouteFunction");
    assertNames(judged, IDS.functions.connect, "$connect", own);
  });

  test(`${id}: wired to an unrelated function: names it`, () => {
    const judged = judge(check, change(routeKey, (i) => (i.integrationUri = lambdaUri(functionArn("HelloWorld")))));
    assert.is(judged.status, "fail");
    assertNames(judged, "HelloWorld", own);
  });

  test(`${id}: follows the route's target, not one integration per route (a shared integration)`, () => {
    const shared = derive(solved, (s) => (routeIn(s, routeKey).target = `integrations/${IDS.integrations[otherRoute]}`));
    const judged = judge(check, shared);
    assert.is(judged.status, "fail");
    assertNames(judged, IDS.integrations[otherRoute], other);
    // The route that owns the shared integration is still right.
    const owner = CASES.find((c) => c.routeKey === otherRoute)!.check;
    assert.is(judge(owner, shared).status, "pass");
  });

  test(`${id}: a non-proxy (AWS) integration has its own detail and hint`, () => {
    const judged = judge(check, change(routeKey, (i) => (i.integrationType = "AWS")));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "wiring.nonProxy");
    assert.is(judged.verdict.hint?.key, "wiring.hint.nonProxy");
    assertNames(judged, IDS.integrations[routeKey], "AWS_PROXY");
  });

  test(`${id}: an HTTP or HTTP_PROXY integration has its own detail and hint, naming the URL`, () => {
    for (const type of ["HTTP", "HTTP_PROXY"]) {
      const judged = judge(check, change(routeKey, (i) => Object.assign(i, { integrationType: type, integrationUri: "https://example.com/orders" })));
      assert.is(judged.status, "fail", type);
      assert.is(judged.verdict.hint?.key, "wiring.hint.http", type);
      assertNames(judged, type, "https://example.com/orders", own);
    }
  });

  test(`${id}: a MOCK integration has its own detail and hint`, () => {
    const judged = judge(check, change(routeKey, (i) => Object.assign(i, { integrationType: "MOCK", integrationUri: undefined })));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.hint?.key, "wiring.hint.mock");
    assertNames(judged, "MOCK", own);
  });

  test(`${id}: an unknown integration type is named`, () => {
    const judged = judge(check, change(routeKey, (i) => (i.integrationType = "VPC_LINK_THING")));
    assert.is(judged.status, "fail");
    assertNames(judged, "VPC_LINK_THING");
  });

  test(`${id}: a proxy integration whose URI is no Lambda function names the URI`, () => {
    const judged = judge(check, change(routeKey, (i) => (i.integrationUri = "arn:aws:apigateway:ap-northeast-2:s3:path/bucket/key")));
    assert.is(judged.status, "fail");
    assertNames(judged, "arn:aws:apigateway:ap-northeast-2:s3:path/bucket/key");
  });

  test(`${id}: a function in another region fails naming the region`, () => {
    const judged = judge(check, change(routeKey, (i) => (i.integrationUri = lambdaUri(functionArn(own, "us-east-1")))));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "wiring.otherRegion");
    assertNames(judged, "us-east-1", IDS.region);
  });

  test(`${id}: a function in another account fails naming both accounts`, () => {
    const judged = judge(check, change(routeKey, (i) => (i.integrationUri = lambdaUri(functionArn(own, IDS.region, "444455556666")))));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "wiring.otherAccount");
    assertNames(judged, "444455556666", IDS.account);
  });

  test(`${id}: a target that is not integrations/<id>, and one to a deleted integration`, () => {
    const bad = judge(check, derive(solved, (s) => (routeIn(s, routeKey).target = "lambda/xyz")));
    assert.is(bad.status, "fail");
    assertNames(bad, "lambda/xyz");
    const gone = judge(check, derive(solved, (s) => (s.integrations = s.integrations.filter((i) => i.integrationId !== IDS.integrations[routeKey]))));
    assert.is(gone.status, "fail");
    assertNames(gone, IDS.integrations[routeKey]);
  });

  test(`${id}: a deleted route fails naming it and the create-route command`, () => {
    const judged = judge(check, derive(solved, (s) => deleteRoute(s, routeKey)));
    assert.is(judged.status, "fail");
    assertNames(judged, routeKey, `--route-key '${routeKey}'`);
  });

  test(`${id}: the right name but no such function in the region`, () => {
    const role = routeKey === "$disconnect" ? "disconnect" : "pending";
    const judged = judge(check, derive(solved, (s) => (s.functions[role] = null)));
    assert.is(judged.status, "fail");
    assert.is(judged.verdict.detail.key, "wiring.noFunction");
    assertNames(judged, own, IDS.region);
  });

  test(`${id}: no API at all fails pointing to s1.api`, () => {
    const judged = judge(check, derive(solved, (s) => (s.api = null)));
    assert.is(judged.status, "fail");
    assertNames(judged, "s1.api");
  });
}

test.run();
