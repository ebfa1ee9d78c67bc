// planSolve, pure: the fewest changes from a snapshot to step 2's target, reusing what is right and never
// touching what the tool did not write (snapshots built with test/helpers/snapshot.ts).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { evaluateLambdaPolicy } from "../../src/policy/lambda-policy.js";
import type { Change, Plan } from "../../src/plan/model.js";
import { planSolve } from "../../src/plan/solve.js";
import { derive, deleteRoute, fnIn, functionArn, IDS, integrationIn, passingProbe, routeIn, setPolicy, skippedProbe, solvedSnapshot, sourceArn, statement, step1Snapshot, undeployedProbe } from "../helpers/snapshot.js";

const kinds = (plan: Plan) => plan.changes.map((change) => `${change.kind}${"routeKey" in change ? ` ${change.routeKey}` : ""}`);
const only = <K extends Change["kind"]>(plan: Plan, kind: K) => plan.changes.filter((change): change is Extract<Change, { kind: K }> => change.kind === kind);

test("step 1: integrations, targets, permissions, two-way and a deployment, in an order that can be applied", () => {
  const plan = planSolve(step1Snapshot());
  assert.equal(kinds(plan), [
    "createIntegration $disconnect",
    "createIntegration $default",
    "setTarget $disconnect",
    "setTarget $default",
    "addPermission $disconnect",
    "addPermission $default",
    "setSelectionExpression $default",
    "createRouteResponse $default",
    "deploy",
  ]);
  assert.equal(plan.blockers, []);
  const [disconnect] = only(plan, "createIntegration");
  assert.is(disconnect!.integrationType, "AWS_PROXY");
  assert.is(disconnect!.integrationMethod, "POST");
  assert.is(disconnect!.integrationUri, `arn:aws:apigateway:${IDS.region}:lambda:path/2015-03-31/functions/${functionArn(IDS.functions.disconnect)}/invocations`);
  assert.equal(only(plan, "setTarget")[0]!.integration, { created: disconnect!.ref });
});

test("the permissions solve writes: the tool's statement id, the narrowest source ARN, allowed by the checks' evaluation", () => {
  const plan = planSolve(step1Snapshot());
  const [disconnect, pending] = only(plan, "addPermission");
  assert.is(disconnect!.statementId, "awsomepets-lab-checker-disconnect");
  assert.is(pending!.statementId, "awsomepets-lab-checker-default");
  assert.is(pending!.sourceArn, `arn:aws:execute-api:${IDS.region}:${IDS.account}:${IDS.apiId}/*/$default`);
  for (const change of [disconnect!, pending!]) {
    const role = change.routeKey === "$default" ? "pending" : "disconnect";
    const written = { Sid: change.statementId, Effect: "Allow", Principal: { Service: "apigateway.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: functionArn(IDS.functions[role]), Condition: { ArnLike: { "AWS:SourceArn": change.sourceArn } } };
    const request = (routeKey: string, apiId: string = IDS.apiId) => ({
      principalService: "apigateway.amazonaws.com",
      action: "lambda:InvokeFunction",
      resource: functionArn(IDS.functions[role]),
      sourceArn: `arn:aws:execute-api:${IDS.region}:${IDS.account}:${apiId}/v1/${routeKey}`,
      sourceAccount: IDS.account,
    });
    assert.ok(evaluateLambdaPolicy({ Statement: [written] }, request(change.routeKey)).allowed, "allows its route on v1");
    assert.not.ok(evaluateLambdaPolicy({ Statement: [written] }, request("$connect")).allowed, "not another route");
    assert.not.ok(evaluateLambdaPolicy({ Statement: [written] }, request(change.routeKey, "zzzzzzzzzz")).allowed, "not another API");
  }
});

test("the solved account: nothing to do, no notes", () => {
  const plan = planSolve(solvedSnapshot(), { probe: passingProbe() });
  assert.equal(plan.changes, []);
  assert.equal(plan.notes, []);
});

test("a right configuration is redeployed only when the live evidence says v1 serves an older deployment", () => {
  const solved = solvedSnapshot();
  const stale = planSolve(solved, { probe: undeployedProbe() });
  assert.equal(kinds(stale), ["deploy"]);
  assert.is(stale.changes[0]!.why.key, "why.stale.noAnswer");
  assert.equal(planSolve(solved).changes, []);
  const unknown = planSolve(solved, { probe: passingProbe({ error: { action: "dynamodb:Query", code: "AccessDeniedException", message: "no" } }) });
  assert.equal(unknown.changes, []);
  assert.equal(unknown.notes.map((note) => [note.key, note.vars?.code]), [["note.deployUnconfirmed.error", "AccessDeniedException"]]);
  const noLive = planSolve(solved, { probe: skippedProbe("disabled") });
  assert.equal([noLive.changes, noLive.notes.map((note) => note.key)], [[], ["note.deployUnconfirmed.disabled"]]);
});

test("the probe's evidence decides the deployment only when nothing else is planned: a missing permission comes first", () => {
  // $default's permission missing: the probe's 'Internal server error' is the permission's, not an old deployment's.
  const missing = derive(solvedSnapshot(), (s) => setPolicy(s, "pending"));
  const plan = planSolve(missing, { probe: passingProbe({ default: { outcome: "internal-error" } }) });
  assert.equal(kinds(plan), ["addPermission $default"]);
  assert.not.ok(plan.notes.some((note) => note.key.startsWith("note.deploy")));
});

test("swapped functions: both routes re-pointed at the existing right integrations, nothing created", () => {
  const swapped = derive(solvedSnapshot(), (s) => {
    routeIn(s, "$disconnect").target = `integrations/${IDS.integrations.$default}`;
    routeIn(s, "$default").target = `integrations/${IDS.integrations.$disconnect}`;
  });
  const plan = planSolve(swapped);
  assert.equal(kinds(plan), ["setTarget $disconnect", "setTarget $default", "deploy"]);
  const [disconnect, pending] = only(plan, "setTarget");
  assert.equal(disconnect!.integration, { id: IDS.integrations.$disconnect });
  assert.equal(pending!.integration, { id: IDS.integrations.$default });
  assert.is(disconnect!.why.key, "why.wrongFunction");
});

test("a non-proxy integration on $default: the old right integration is reused, the wrong one stays and is named", () => {
  const nonProxy = derive(solvedSnapshot(), (s) => {
    s.integrations.push({ integrationId: "iaws001", integrationType: "AWS", integrationUri: integrationIn(s, "$default").integrationUri!, integrationMethod: "POST" });
    routeIn(s, "$default").target = "integrations/iaws001";
  });
  const plan = planSolve(nonProxy);
  assert.equal(kinds(plan), ["setTarget $default", "deploy"]);
  assert.equal(only(plan, "setTarget")[0]!.integration, { id: IDS.integrations.$default });
  assert.is(only(plan, "setTarget")[0]!.why.key, "why.wrongType");
  assert.equal(plan.notes.map((note) => [note.key, note.vars?.ids]), [["note.orphans", "iaws001"]]);
});

test("--prune deletes integrations that no route will target, and only those", () => {
  const nonProxy = derive(solvedSnapshot(), (s) => {
    s.integrations.push({ integrationId: "iaws001", integrationType: "AWS", integrationUri: "x", integrationMethod: "POST" });
    routeIn(s, "$default").target = "integrations/iaws001";
  });
  const plan = planSolve(nonProxy, { prune: true });
  assert.equal(only(plan, "deleteIntegration").map((change) => change.integrationId), ["iaws001"]);
  assert.is(plan.changes.at(-1)!.kind, "deleteIntegration", "after the deployment");
  assert.equal(planSolve(solvedSnapshot(), { prune: true }).changes, []);
});

test("read again after another solve: this run's unused integrations are deleted without --prune, others' only named; a deployment owed is made", () => {
  // Another solve wired both routes first; this run had created mine001 and another writer left theirs001.
  const raced = derive(solvedSnapshot(), (s) => {
    for (const id of ["mine001", "theirs001"]) s.integrations.push({ ...integrationIn(s, "$default"), integrationId: id });
  });
  const plan = planSolve(raced, { own: ["mine001"], probe: passingProbe() });
  assert.equal(kinds(plan), ["deleteIntegration"]);
  assert.equal(only(plan, "deleteIntegration").map((change) => [change.integrationId, change.why.key]), [["mine001", "why.ownUnused"]]);
  assert.equal(plan.notes.map((note) => [note.key, note.vars?.ids]), [["note.orphans", "theirs001"]]);
  // Its own integration still in use is kept.
  assert.equal(planSolve(solvedSnapshot(), { own: [IDS.integrations.$default], probe: passingProbe() }).changes, []);
  // An earlier round changed the configuration and failed before deploying: the rest is right, the deployment is still due.
  assert.equal(kinds(planSolve(solvedSnapshot(), { undeployed: true, probe: passingProbe() })), ["deploy"]);
});

test("a deleted route is created again, targeting the right integration it used to have", () => {
  const deleted = derive(solvedSnapshot(), (s) => deleteRoute(s, "$disconnect"));
  const plan = planSolve(deleted);
  assert.equal(kinds(plan), ["createRoute $disconnect", "deploy"]);
  assert.equal(only(plan, "createRoute")[0]!.integration, { id: IDS.integrations.$disconnect });
  const twoWay = planSolve(derive(solvedSnapshot(), (s) => deleteRoute(s, "$default")));
  assert.equal(kinds(twoWay), ["createRoute $default", "createRouteResponse $default", "deploy"]);
  assert.is(only(twoWay, "createRoute")[0]!.selectionExpression, "$default");
  assert.equal(only(twoWay, "createRouteResponse")[0]!.route, { created: only(twoWay, "createRoute")[0]!.ref });
});

test("permissions: one that already allows the route is reused; another API's is left alone and a new one added", () => {
  const custom = statement(IDS.functions.pending, "$default", { Sid: "mine", Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${IDS.region}:${IDS.account}:${IDS.apiId}/*` } } });
  assert.equal(planSolve(derive(solvedSnapshot(), (s) => setPolicy(s, "pending", custom))).changes, []);
  const otherApi = statement(IDS.functions.pending, "$default", { Condition: { ArnLike: { "AWS:SourceArn": sourceArn("$default", "*", "zzzzzzzzzz") } } });
  const plan = planSolve(derive(solvedSnapshot(), (s) => setPolicy(s, "pending", otherApi)));
  assert.equal(kinds(plan), ["addPermission $default"]);
  assert.is(plan.changes[0]!.why.key, "why.noPermission");
});

test("a permission without SourceArn is reused and named in a note with the command to narrow it", () => {
  const open = statement(IDS.functions.pending, "$default", { Sid: "open", Condition: undefined });
  const plan = planSolve(derive(solvedSnapshot(), (s) => setPolicy(s, "pending", open)));
  assert.equal(plan.changes, []);
  assert.equal(plan.notes.map((note) => note.key), ["note.noSourceArn"]);
  assert.match(String(plan.notes[0]!.vars?.command), "aws lambda remove-permission --function-name OrderWSPendingFunction --statement-id open");
});

test("the tool's own statement that no longer allows the route is replaced; a Deny it did not write is only named", () => {
  const stale = statement(IDS.functions.pending, "$default", { Sid: "awsomepets-lab-checker-default", Condition: { ArnLike: { "AWS:SourceArn": sourceArn("$default", "*", "oldapi0000") } } });
  const plan = planSolve(derive(solvedSnapshot(), (s) => setPolicy(s, "pending", stale)));
  assert.equal(kinds(plan), ["removePermission", "addPermission $default"]);
  const deny = statement(IDS.functions.pending, "$default", { Sid: "no", Effect: "Deny" });
  const denied = planSolve(derive(solvedSnapshot(), (s) => setPolicy(s, "pending", statement(IDS.functions.pending, "$default"), deny)));
  assert.equal(denied.changes, []);
  assert.equal(denied.notes.map((note) => note.key), ["note.denied"]);
});

test("two-way: only the missing half is added", () => {
  const noExpression = derive(solvedSnapshot(), (s) => void delete routeIn(s, "$default").routeResponseSelectionExpression);
  assert.equal(kinds(planSolve(noExpression)), ["setSelectionExpression $default", "deploy"]);
  const noResponse = derive(solvedSnapshot(), (s) => (s.routeResponses[IDS.routes.$default] = []));
  assert.equal(kinds(planSolve(noResponse)), ["createRouteResponse $default", "deploy"]);
});

test("stage: created and deployed when v1 is missing; never deployed is deployed; autoDeploy is left to deploy itself", () => {
  assert.equal(kinds(planSolve(derive(solvedSnapshot(), (s) => (s.stages = [])))), ["createStage", "deploy"]);
  assert.equal(kinds(planSolve(derive(solvedSnapshot(), (s) => void delete s.stages[0]!.deploymentId))), ["deploy"]);
  const auto = planSolve(derive(step1Snapshot(), (s) => (s.stages[0]!.autoDeploy = true)));
  assert.not.ok(kinds(auto).includes("deploy"));
  assert.ok(auto.notes.some((note) => note.key === "note.autoDeploy"));
});

test("blockers instead of a plan: no API (here or in another region), a missing function, a part that could not be read", () => {
  const noApi = planSolve(derive(step1Snapshot(), (s) => (s.api = null)));
  assert.equal(noApi.blockers.map((b) => [b.kind, b.key]), [["missing", "blocked.noApi"]]);
  assert.equal(noApi.changes, []);
  const elsewhere = planSolve(derive(step1Snapshot(), (s) => {
    s.api = null;
    s.apiElsewhere = [{ region: "us-east-1", apiId: "x" }];
  }));
  assert.equal(elsewhere.blockers.map((b) => [b.key, b.vars?.regions]), [["blocked.apiElsewhere", "us-east-1"]]);
  const noFunction = planSolve(derive(step1Snapshot(), (s) => (s.functions.pending = null)));
  assert.equal(noFunction.blockers.map((b) => [b.kind, b.key, b.vars?.role]), [["missing", "blocked.noFunction", "pending"]]);
  const unread = planSolve(derive(step1Snapshot(), (s) => s.errors.push({ part: "policies", action: "lambda:GetPolicy", code: "AccessDeniedException", message: "no", resource: IDS.functions.pending })));
  assert.equal(unread.blockers.map((b) => [b.kind, b.key, b.vars?.action]), [["unreadable", "blocked.unreadable", "lambda:GetPolicy"]]);
  assert.equal(unread.changes, []);
});

test("an integration is right only in the API's own account and region, as POST", () => {
  const elsewhere = derive(solvedSnapshot(), (s) => {
    integrationIn(s, "$default").integrationUri = `arn:aws:apigateway:${IDS.region}:lambda:path/2015-03-31/functions/${functionArn(IDS.functions.pending, "us-east-1")}/invocations`;
  });
  const plan = planSolve(elsewhere);
  assert.equal(kinds(plan), ["createIntegration $default", "setTarget $default", "deploy"]);
  assert.is(only(plan, "setTarget")[0]!.why.key, "why.otherLocation");
  const get = derive(solvedSnapshot(), (s) => (integrationIn(s, "$disconnect").integrationMethod = "GET"));
  assert.is(only(planSolve(get), "setTarget")[0]!.why.key, "why.wrongMethod");
  assert.is(fnIn(solvedSnapshot(), "pending").name, IDS.functions.pending);
});

test.run();
