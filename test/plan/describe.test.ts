// How plans and their application read, in Korean and English: every change with its reason, every
// placeholder filled, and an exact account of a run that failed half-way.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Lang } from "../../src/i18n/index.js";
import type { ApplyResult } from "../../src/plan/apply.js";
import { describeChange, describeEvent, describeOutcome, describePlan } from "../../src/plan/describe.js";
import type { Change, Plan } from "../../src/plan/model.js";
import { planReset } from "../../src/plan/reset.js";
import { planSolve } from "../../src/plan/solve.js";
import { derive, deleteRoute, IDS, routeIn, setPolicy, solvedSnapshot, statement, step1Snapshot } from "../helpers/snapshot.js";

const LANGS: Lang[] = ["ko", "en"];
const UNFILLED = /\{\w+\}/;

/** Plans that between them hold every kind of change, note and blocker. */
function plans(): Plan[] {
  const extra: Change[] = [
    { kind: "createStage", stageName: "v1", why: { key: "why.noStage", vars: { stageName: "v1" } } },
    { kind: "deleteIntegration", integrationId: "iold001", why: { key: "why.prune", vars: { integrationId: "iold001", integrationType: "HTTP_PROXY" } } },
    { kind: "updateCode", functionName: "OrderWSPendingFunction", handler: "index.handler", zip: new Uint8Array(), codeSha256: "x", why: { key: "why.code", vars: { functionName: "OrderWSPendingFunction" } } },
  ];
  const solve = planSolve(derive(step1Snapshot(), (s) => deleteRoute(s, "$disconnect")), { code: extra, codeNotes: [{ key: "note.runtime", vars: { functionName: "f", runtime: "python3.12" } }] });
  const open = statement(IDS.functions.pending, "$default", { Sid: "open", Condition: undefined });
  const noted = planSolve(derive(solvedSnapshot(), (s) => {
    setPolicy(s, "pending", open);
    routeIn(s, "$default").routeResponseSelectionExpression = "$request.body.x";
    s.integrations.push({ integrationId: "iold001", integrationType: "HTTP_PROXY", integrationUri: "https://example.com" });
  }));
  const reset = planReset(derive(solvedSnapshot(), (s) => deleteRoute(s, "$disconnect")));
  const blocked = planSolve(derive(step1Snapshot(), (s) => (s.api = null)));
  return [solve, noted, reset, blocked];
}

const ALL_KINDS: Change["kind"][] = [
  "createIntegration", "createRoute", "setTarget", "clearTarget", "addPermission", "removePermission", "setSelectionExpression",
  "createRouteResponse", "deleteRouteResponse", "deleteIntegration", "createStage", "deploy", "updateCode",
];

test("the sample plans hold every kind of change, notes and a blocker", () => {
  const all = plans();
  assert.equal(new Set(all.flatMap((plan) => plan.changes.map((change) => change.kind))), new Set(ALL_KINDS));
  assert.ok(all.some((plan) => plan.notes.length >= 2) && all.some((plan) => plan.blockers.length > 0));
});

for (const lang of LANGS) {
  test(`${lang}: every change, reason, note and blocker is written out with its placeholders filled`, () => {
    for (const plan of plans()) {
      const text = describePlan(plan, lang);
      assert.not.match(text, UNFILLED, text);
      for (const change of plan.changes) assert.ok(text.includes(describeChange(plan, change, lang)));
    }
  });
}

test("the plan names each change's reason and what is left alone, in the chosen language", () => {
  const plan = planSolve(derive(solvedSnapshot(), (s) => setPolicy(s, "pending")));
  const en = describePlan(plan, "en");
  assert.match(en, "1 change(s)");
  assert.match(en, "Let API Gateway invoke OrderWSPendingFunction for $default: statement id awsomepets-lab-checker-default");
  assert.match(en, "why: OrderWSPendingFunction has no resource-based policy");
  const ko = describePlan(plan, "ko");
  assert.match(ko, "변경 1개");
  assert.match(ko, "이유: OrderWSPendingFunction에 리소스 기반 정책이 없어");
  assert.match(describePlan(planSolve(solvedSnapshot()), "ko"), "할 일이 없습니다");
});

test("an integration created by the plan is named by its change number, then by its id once created", () => {
  const plan = planSolve(step1Snapshot());
  const target = plan.changes.find((change) => change.kind === "setTarget")!;
  assert.match(describeChange(plan, target, "en"), "the integration change 1 creates");
  const created = { "integration:$disconnect": "abc1234" };
  assert.match(describeChange(plan, target, "en", created), "the new integration abc1234");
  const first = plan.changes[0]!;
  assert.match(describeEvent(plan, { type: "done", change: first, index: 0, created }, "en")!, "✔ 1. Create a Lambda proxy integration (AWS_PROXY, POST) of OrderWSDisconnectFunction → abc1234");
});

test("a run that failed half-way: what was applied, the failure, what was not, and to run again", () => {
  const plan = planSolve(step1Snapshot());
  const result: ApplyResult = {
    applied: plan.changes.slice(0, 5),
    failed: { change: plan.changes[5]!, index: 5, name: "TooManyRequestsException", message: "Rate exceeded", kind: "throttling" },
    notApplied: plan.changes.slice(6),
    interrupted: false,
    created: { "integration:$disconnect": "i1", "integration:$default": "i2" },
  };
  const en = describeOutcome(plan, result, "en");
  assert.match(en, "✘ 6. Let API Gateway invoke OrderWSPendingFunction for $default");
  assert.match(en, "TooManyRequestsException: Rate exceeded");
  for (const n of [7, 8, 9]) assert.match(en, `· ${n}. `);
  assert.match(en, "5 of 9 change(s) applied; change 6 failed and 3 were not applied");
  assert.match(en, "run the same command again");
  assert.match(describeOutcome(plan, result, "ko"), "같은 명령을 다시 실행하면");
});

test.run();
