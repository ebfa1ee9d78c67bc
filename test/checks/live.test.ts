// The live checks: s2.live-connect, s2.live-default, s2.live-disconnect. With no probe they judge nothing
// (skip); each failure explains its cause, sharpened by what the static checks found.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { s2LiveConnect } from "../../checks/s2.live-connect.js";
import { s2LiveDefault } from "../../checks/s2.live-default.js";
import { s2LiveDisconnect } from "../../checks/s2.live-disconnect.js";
import { runChecks } from "../../src/engine/run.js";
import { assertHintNames, assertNames, IDS, judge, passingProbe, skippedProbe, solvedSnapshot } from "../helpers/snapshot.js";

const solved = solvedSnapshot();
const LIVE = [s2LiveConnect, s2LiveDefault, s2LiveDisconnect];
const deployCommand = `aws apigatewayv2 create-deployment --api-id ${IDS.apiId} --stage-name v1`;
const ALL_PASS = {
  "s2.default-integration": "pass",
  "s2.default-permission": "pass",
  "s2.default-route-response": "pass",
  "s2.disconnect-integration": "pass",
  "s2.disconnect-permission": "warn",
} as const;

test("every live check is skipped with --no-live, saying so", () => {
  for (const check of LIVE) {
    const judged = judge(check, solved, skippedProbe("disabled"));
    assert.is(judged.status, "skip", check.id);
    assertNames(judged, "--no-live");
  }
});

test("every live check is skipped when the probe could not run or there is no probe result", () => {
  for (const check of LIVE) {
    assert.is(judge(check, solved, skippedProbe("no-api")).status, "skip", check.id);
    assert.is(judge(check, solved, skippedProbe("no-table")).status, "skip", check.id);
    assert.is(judge(check, solved).status, "skip", check.id);
  }
});

test("through the engine, a skipped probe shows as skip and a probe error as error (never fail)", () => {
  const skipped = runChecks({ checks: LIVE, snapshot: solved, probe: skippedProbe(), lang: "ko" });
  assert.equal(skipped.map((r) => r.status), ["skip", "skip", "skip"]);
  assert.equal(skipped.map((r) => r.points), [0, 0, 0]);
  const errored = runChecks({ checks: LIVE, snapshot: solved, probe: { ...passingProbe(), error: { action: "dynamodb:PutItem", code: "AccessDeniedException", message: "no" } }, lang: "en" });
  assert.equal(errored.map((r) => r.status), ["error", "error", "error"]);
});

// --- s2.live-connect ---

test("s2.live-connect passes when the socket opened and the connection was registered, naming URL and table", () => {
  const judged = judge(s2LiveConnect, solved, passingProbe());
  assert.is(judged.status, "pass");
  assertNames(judged, `${IDS.apiEndpoint}/v1?orderId=${IDS.probeId}`, IDS.table, IDS.functions.connect);
});

test("s2.live-connect fails when the connection opened but no row was written, naming table, order and function", () => {
  const judged = judge(s2LiveConnect, solved, passingProbe({ connect: { outcome: "opened", registered: false } }));
  assert.is(judged.status, "fail");
  assertNames(judged, IDS.table, IDS.probeId, IDS.functions.connect, "aws logs tail /aws/lambda/OrderWSConnectFunction");
});

test("s2.live-connect: a 403 handshake points to stage v1 and deployment, a 500 to the connect function", () => {
  const forbidden = judge(s2LiveConnect, solved, passingProbe({ connect: { outcome: "refused", httpStatus: 403, registered: false } }));
  assert.is(forbidden.status, "fail");
  assertNames(forbidden, "403", "s1.stage", "10–11");
  const failing = judge(s2LiveConnect, solved, passingProbe({ connect: { outcome: "refused", httpStatus: 500, registered: false } }));
  assert.is(failing.status, "fail");
  assertNames(failing, "500", IDS.functions.connect, "s1.connect");
});

test("s2.live-connect: a timeout or a network error is an error, not the participant's fault", () => {
  for (const outcome of ["timeout", "error"] as const) {
    const judged = judge(s2LiveConnect, solved, passingProbe({ connect: { outcome, registered: false, error: "ETIMEDOUT" } }));
    assert.is(judged.status, "error", outcome);
    assertNames(judged, "ETIMEDOUT");
    assert.ok(judged.ko.detail.includes("설정이 틀렸다는 뜻은 아닙니다"), judged.ko.detail);
    assert.ok(judged.en.detail.includes("does not mean your configuration is wrong"), judged.en.detail);
  }
});

// --- s2.live-default ---

test("s2.live-default passes on an answer, naming the frame and the message sent", () => {
  const judged = judge(s2LiveDefault, solved, passingProbe());
  assert.is(judged.status, "pass");
  assertNames(judged, '{"status":"SHIPPED"}', `{"orderId":"${IDS.probeId}"}`);
});

test("s2.live-default, no answer: integration missing → s2.default-integration; one-way → item 8; all right → deploy", () => {
  const none = passingProbe({ default: { outcome: "none" } });
  const noIntegration = judge(s2LiveDefault, solved, none, { "s2.default-integration": "fail", "s2.default-route-response": "fail" });
  assert.is(noIntegration.status, "fail");
  assertHintNames(noIntegration, "s2.default-integration", "7–9");
  const oneWay = judge(s2LiveDefault, solved, none, { "s2.default-integration": "pass", "s2.default-route-response": "fail" });
  assertHintNames(oneWay, "s2.default-route-response");
  assert.ok(oneWay.ko.hint.includes("통합 응답(Integration Response) 추가"), oneWay.ko.hint);
  const undeployed = judge(s2LiveDefault, solved, none, ALL_PASS);
  assert.is(undeployed.verdict.hint?.key, "hint.notDeployed");
  assertHintNames(undeployed, "10–11", deployCommand);
});

test("s2.live-default, no answer without static results: one-way route or not deployed", () => {
  const judged = judge(s2LiveDefault, solved, passingProbe({ default: { outcome: "none" } }));
  assert.is(judged.status, "fail");
  assert.ok(judged.ko.hint.includes("단방향") && judged.ko.hint.includes("배포"), judged.ko.hint);
  assert.ok(judged.en.hint.includes("one-way") && judged.en.hint.includes("not deployed"), judged.en.hint);
  assertHintNames(judged, deployCommand);
});

test("s2.live-default, Internal server error: missing permission, failing function, or either", () => {
  const probe = passingProbe({ default: { outcome: "internal-error", frame: '{"message": "Internal server error"}' } });
  const permission = judge(s2LiveDefault, solved, probe, { "s2.default-permission": "fail", "s2.default-integration": "pass" });
  assert.is(permission.status, "fail");
  assertNames(permission, "Internal server error", "s2.default-permission", IDS.functions.pending);
  // The configuration passes: an older deployment first, the function second, with both commands in that order.
  const failing = judge(s2LiveDefault, solved, probe, ALL_PASS);
  assert.is(failing.verdict.hint?.key, "hint.twoCauses");
  assert.equal(failing.verdict.fix?.map((fix) => fix.phase), ["deploy", "look"]);
  assertHintNames(failing, deployCommand, `aws logs tail /aws/lambda/${IDS.functions.pending}`);
  assert.not.match(failing.en.hint, "The configuration is right");
  const unknown = judge(s2LiveDefault, solved, probe);
  assertHintNames(unknown, "s2.default-permission", "aws logs tail");
});

test("s2.live-default, Forbidden: the deployed API has no $default route", () => {
  const judged = judge(s2LiveDefault, solved, passingProbe({ default: { outcome: "forbidden", frame: '{"message": "Forbidden"}' } }));
  assert.is(judged.status, "fail");
  assertNames(judged, "Forbidden", "$default", "s1.routes", deployCommand);
});

test("s2.live-default, another answer of the wired pending function warns (the step's work is done), quoting the frame", () => {
  const probe = passingProbe({ default: { outcome: "other-answer", frame: '{"status":"none"}' } });
  const judged = judge(s2LiveDefault, solved, probe, ALL_PASS);
  assert.is(judged.status, "warn");
  assertNames(judged, '{"status":"none"}', IDS.functions.pending, "CLIENT_CALLBACK_TABLE", `aws logs tail /aws/lambda/${IDS.functions.pending}`);
});

test("s2.live-default, another answer while $default is wired to another function fails, naming the integration check", () => {
  const probe = passingProbe({ default: { outcome: "other-answer", frame: "Diconnected" } });
  const judged = judge(s2LiveDefault, solved, probe, { "s2.default-integration": "fail" });
  assert.is(judged.status, "fail");
  assertNames(judged, "Diconnected", "s2.default-integration");
});

test("s2.live-default, a socket closed before any answer fails, with the deploy command and the logs", () => {
  const judged = judge(s2LiveDefault, solved, passingProbe({ default: { outcome: "closed" } }), ALL_PASS);
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "closed");
  assertNames(judged, deployCommand, "aws logs tail");
});

test("s2.live-default, another error frame of API Gateway fails, quoting it", () => {
  const frame = '{"message": "Endpoint request timed out", "connectionId":"a", "requestId":"b"}';
  const judged = judge(s2LiveDefault, solved, passingProbe({ default: { outcome: "gateway-error", frame } }), ALL_PASS);
  assert.is(judged.status, "fail");
  assertNames(judged, "Endpoint request timed out", "aws logs tail");
});

test("s2.live-default is skipped when no message could be sent", () => {
  const judged = judge(s2LiveDefault, solved, passingProbe({ default: { outcome: "not-run" } }));
  assert.is(judged.status, "skip");
  assertNames(judged, "s2.live-connect");
});

// --- s2.live-disconnect ---

test("s2.live-disconnect passes when the rows went, naming the wait and the function", () => {
  const judged = judge(s2LiveDisconnect, solved, passingProbe());
  assert.is(judged.status, "pass");
  assertNames(judged, "140", IDS.functions.disconnect, IDS.table);
});

test("s2.live-disconnect, rows left: integration, permission, deployment, or unknown", () => {
  const left = passingProbe({ disconnect: { outcome: "left", waitedMs: 3000 } });
  const integration = judge(s2LiveDisconnect, solved, left, { "s2.disconnect-integration": "fail" });
  assert.is(integration.status, "fail");
  assertNames(integration, "3000", IDS.probeId, IDS.table, "s2.disconnect-integration", "4–6");
  const permission = judge(s2LiveDisconnect, solved, left, { "s2.disconnect-integration": "pass", "s2.disconnect-permission": "fail" });
  assertHintNames(permission, "s2.disconnect-permission");
  const undeployed = judge(s2LiveDisconnect, solved, left, ALL_PASS);
  assert.is(undeployed.verdict.hint?.key, "hint.twoCauses");
  assert.equal(undeployed.verdict.fix?.map((fix) => fix.phase), ["deploy", "look"]);
  assertHintNames(undeployed, "10–11", deployCommand, `aws logs tail /aws/lambda/${IDS.functions.disconnect}`);
  const unknown = judge(s2LiveDisconnect, solved, left);
  assertHintNames(unknown, "4–6", "10–11");
});

test("s2.live-disconnect fails when the rows went but $disconnect does not call the disconnect function (swapped)", () => {
  const judged = judge(s2LiveDisconnect, solved, passingProbe(), { "s2.disconnect-integration": "fail" });
  assert.is(judged.status, "fail");
  assert.is(judged.verdict.detail.key, "removedElsewhere");
  assertNames(judged, IDS.functions.disconnect, "s2.disconnect-integration");
});

test("s2.live-disconnect is skipped when nothing could be observed", () => {
  assert.is(judge(s2LiveDisconnect, solved, passingProbe({ disconnect: { outcome: "not-run" } })).status, "skip");
});

test.run();
