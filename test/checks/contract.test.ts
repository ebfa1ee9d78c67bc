// The check contract (src/engine/check.ts) as the engine holds modules to it: a verdict may name only its
// module's messages, and a module sees the statuses of the checks it consults and of no other. The type
// errors below are part of the test: `npx tsc` fails if any of them stops being an error.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { defineCheck, type CheckModule } from "../../src/engine/check.js";
import { consultedStatuses, orderByDependencies, runChecks } from "../../src/engine/run.js";
import { verdicts } from "../../checks/lib/verdict.js";
import { solvedSnapshot } from "../helpers/snapshot.js";

const messages = {
  ok: { ko: "{what|이/가} 통과했습니다.", en: "{what} passed." },
  bad: { ko: "{what|이/가} 실패했습니다.", en: "{what} failed." },
};
const { pass, fail } = verdicts(messages);

const base = { step: 2 as const, points: 1, dependsOn: [], reads: [], title: { ko: "시험", en: "A test" }, hint: { ko: "힌트", en: "A hint" } };

test("naming a message the module does not have, or a status it does not consult, fails to compile", () => {
  // @ts-expect-error "okay" is not one of the module's messages
  pass("okay");
  // @ts-expect-error nor as a hint
  fail("bad", {}, "hint.none");
  defineCheck({
    ...base,
    id: "t.literal",
    messages,
    // @ts-expect-error a verdict written out by hand is held to the same keys
    run: () => ({ status: "pass", detail: { key: "missing" } }),
  });
  defineCheck({
    ...base,
    id: "t.consults",
    consults: ["s2.a"],
    messages,
    // @ts-expect-error s2.b is not consulted
    run: ({ statuses }) => (statuses.get("s2.b") === "fail" ? fail("bad", { what: "b" }) : pass("ok", { what: "a" })),
  });
  assert.ok(true, "the assertions of this test are the type errors above");
});

test("a check naming a message it does not have costs its own verdict only: an error naming the key, the others judged", () => {
  const broken = { ...base, id: "t.broken", messages, run: () => ({ status: "fail", detail: { key: "nowhere" } }) } as CheckModule;
  const fine = defineCheck({ ...base, id: "t.fine", messages, run: () => pass("ok", { what: "t.fine" }) });
  for (const lang of ["ko", "en"] as const) {
    const results = runChecks({ checks: [broken, fine], snapshot: solvedSnapshot(), lang });
    assert.equal(results.map((r) => [r.id, r.status]), [["t.broken", "error"], ["t.fine", "pass"]]);
    assert.match(results[0]!.detail, 'check t.broken has no message "nowhere"');
    assert.is(results[1]!.detail, lang === "ko" ? "t.fine이 통과했습니다." : "t.fine passed.");
  }
});

test("a check gets the statuses it consults and no other; reading another is its own error", () => {
  const seen: string[][] = [];
  const first = defineCheck({ ...base, id: "t.first", messages, run: () => fail("bad", { what: "first" }) });
  const second = defineCheck({ ...base, id: "t.second", messages, run: () => pass("ok", { what: "second" }) });
  const consulting = defineCheck({
    ...base,
    id: "t.consulting",
    consults: ["t.first"],
    messages,
    run: ({ statuses }) => {
      seen.push([...statuses.keys()]);
      return statuses.get("t.first") === "fail" ? fail("bad", { what: "t.first" }) : pass("ok", { what: "t.first" });
    },
  });
  // A module that gets past the types (a cast, plain JavaScript) and reads an id it did not declare.
  const sneaky = { ...base, id: "t.sneaky", consults: ["t.first"], messages, run: ({ statuses }) => (statuses.get("t.second") === "pass" ? pass("ok", { what: "x" }) : fail("bad", { what: "x" })) } as CheckModule;
  const results = runChecks({ checks: [first, second, consulting, sneaky], snapshot: solvedSnapshot(), lang: "en" });
  assert.equal(seen, [["t.first"]]);
  assert.equal(results.map((r) => [r.id, r.status]), [["t.first", "fail"], ["t.second", "pass"], ["t.consulting", "fail"], ["t.sneaky", "error"]]);
  assert.match(results[3]!.detail, "check t.sneaky reads the status of t.second without consulting it (consults: t.first)");
  assert.equal([...consultedStatuses(consulting, new Map([["t.first", "pass"], ["t.second", "pass"]])).entries()], [["t.first", "pass"]]);
});

test("a consulted check runs before the check that consults it, whatever the catalogue's order", () => {
  const late = defineCheck({ ...base, id: "t.late", messages, run: () => pass("ok", { what: "late" }) });
  const early = defineCheck({ ...base, id: "t.early", consults: ["t.late"], messages, run: ({ statuses }) => (statuses.get("t.late") === "pass" ? pass("ok", { what: "late" }) : fail("bad", { what: "late" })) });
  assert.equal(orderByDependencies([early, late]).map((check) => check.id), ["t.late", "t.early"]);
  assert.equal(runChecks({ checks: [early, late], snapshot: solvedSnapshot(), lang: "en" }).map((r) => [r.id, r.status]), [["t.late", "pass"], ["t.early", "pass"]]);
});

test.run();
