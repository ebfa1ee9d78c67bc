// planReset, pure: back to the state step 1 leaves, removing only what step 2 adds (the rule in
// src/plan/reset.ts and the README).
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Change, Plan } from "../../src/plan/model.js";
import { planReset } from "../../src/plan/reset.js";
import { derive, IDS, routeIn, setPolicy, solvedSnapshot, sourceArn, statement, step1Snapshot } from "../helpers/snapshot.js";

const kinds = (plan: Plan) => plan.changes.map((change) => `${change.kind}${"routeKey" in change ? ` ${change.routeKey}` : ""}`);
const only = <K extends Change["kind"]>(plan: Plan, kind: K) => plan.changes.filter((change): change is Extract<Change, { kind: K }> => change.kind === kind);

test("a fresh step-1 account: nothing to do", () => {
  const plan = planReset(step1Snapshot());
  assert.equal(plan.changes, []);
  assert.equal(plan.notes, []);
});

test("the solved account: targets, two-way, step-2 permissions, a deployment, then the step-2 integrations", () => {
  const plan = planReset(solvedSnapshot());
  assert.equal(kinds(plan), [
    "clearTarget $disconnect",
    "clearTarget $default",
    "setSelectionExpression $default",
    "deleteRouteResponse $default",
    "removePermission",
    "removePermission",
    "deploy",
    "deleteIntegration",
    "deleteIntegration",
  ]);
  assert.equal(only(plan, "removePermission").map((c) => [c.functionName, c.statementId]), [
    [IDS.functions.disconnect, "apigateway-disconnect"],
    [IDS.functions.pending, "apigateway-default"],
  ]);
  assert.equal(only(plan, "deleteIntegration").map((c) => c.integrationId), [IDS.integrations.$disconnect, IDS.integrations.$default]);
  assert.is(only(plan, "setSelectionExpression")[0]!.expression, "");
});

test("$connect's function keeps what step 1 needs: a statement allowing $connect stays even if it allows more", () => {
  const wide = statement(IDS.functions.connect, "$connect", { Sid: "wide", Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${IDS.region}:${IDS.account}:${IDS.apiId}/*` } } });
  const strayDefault = statement(IDS.functions.connect, "$default", { Sid: "stray" });
  const plan = planReset(derive(step1Snapshot(), (s) => setPolicy(s, "connect", statement(IDS.functions.connect, "$connect"), wide, strayDefault)));
  assert.equal(only(plan, "removePermission").map((c) => c.statementId), ["stray"]);
});

test("on the step-2 functions every statement allowing their routes goes, wildcards and missing SourceArn included", () => {
  const open = statement(IDS.functions.pending, "$default", { Sid: "open", Condition: undefined });
  const wide = statement(IDS.functions.disconnect, "$disconnect", { Sid: "wide", Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${IDS.region}:${IDS.account}:${IDS.apiId}/*` } } });
  const plan = planReset(derive(step1Snapshot(), (s) => {
    setPolicy(s, "pending", open);
    setPolicy(s, "disconnect", wide);
  }));
  assert.equal(only(plan, "removePermission").map((c) => c.statementId), ["wide", "open"]);
  assert.not.ok(kinds(plan).includes("deploy"), "permissions are not part of a deployment");
});

test("statements for another API stay; the tool's own statements always go", () => {
  const otherApi = statement(IDS.functions.pending, "$default", { Sid: "other", Condition: { ArnLike: { "AWS:SourceArn": sourceArn("$default", "*", "zzzzzzzzzz") } } });
  const own = statement(IDS.functions.connect, "$connect", { Sid: "awsomepets-lab-checker-old", Condition: { ArnLike: { "AWS:SourceArn": sourceArn("$default", "*", "zzzzzzzzzz") } } });
  const plan = planReset(derive(step1Snapshot(), (s) => {
    setPolicy(s, "pending", otherApi);
    setPolicy(s, "connect", statement(IDS.functions.connect, "$connect"), own);
  }));
  assert.equal(only(plan, "removePermission").map((c) => [c.statementId, c.why.key]), [["awsomepets-lab-checker-old", "why.reset.own"]]);
});

test("an integration $connect also targets is kept; other unused integrations only with --prune", () => {
  const shared = derive(solvedSnapshot(), (s) => {
    routeIn(s, "$disconnect").target = `integrations/${IDS.integrations.$connect}`;
    s.integrations.push({ integrationId: "iold001", integrationType: "HTTP_PROXY", integrationUri: "https://example.com" });
  });
  const plan = planReset(shared);
  assert.equal(only(plan, "deleteIntegration").map((c) => c.integrationId), [IDS.integrations.$default]);
  assert.equal(plan.notes.map((note) => [note.key, note.vars?.ids]), [["note.orphans", `${IDS.integrations.$disconnect}, iold001`]]);
  const pruned = planReset(shared, { prune: true });
  assert.equal(only(pruned, "deleteIntegration").map((c) => c.integrationId), [IDS.integrations.$disconnect, IDS.integrations.$default, "iold001"]);
});

test("a statement without Sid cannot be removed: it is named, not planned", () => {
  const noSid = statement(IDS.functions.pending, "$default", { Sid: undefined });
  const plan = planReset(derive(step1Snapshot(), (s) => setPolicy(s, "pending", noSid)));
  assert.equal(plan.changes, []);
  assert.equal(plan.notes.map((note) => note.key), ["note.noSid"]);
});

test("no API: a blocker, nothing planned", () => {
  const plan = planReset(derive(step1Snapshot(), (s) => (s.api = null)));
  assert.equal(plan.blockers.map((b) => b.key), ["blocked.noApi"]);
  assert.equal(plan.changes, []);
});

test.run();
