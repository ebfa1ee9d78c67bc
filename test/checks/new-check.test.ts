// Adding a check is one module file, its line in the catalogue (checks/index.ts) and its column in the
// verdict table (test/expected/verdicts.ts): the engine, the reports and the other tests take the catalogue
// as it is. Here a throwaway module, written as a real one is, joins a copy of the catalogue and goes through
// the engine and the table, JSON and JUnit reports with nothing else changed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checks } from "../../checks/index.js";
import { list, text } from "../../checks/lib/read.js";
import { verdicts } from "../../checks/lib/verdict.js";
import type { RouteView } from "../../src/collect/snapshot.js";
import { defineCheck } from "../../src/engine/check.js";
import { runChecks, summarize } from "../../src/engine/run.js";
import type { Lang } from "../../src/i18n/index.js";
import type { Report } from "../../src/report/model.js";
import { render } from "../../src/report/render.js";
import { EXPECTED_PROBE } from "../expected/verdicts.js";
import { probeResultFor } from "../helpers/expected-probe.js";
import { loadFixture } from "../helpers/fixtures.js";

const messages = {
  ok: { ko: "API에 경로가 {count}개 있습니다.", en: "The API has {count} routes." },
  few: { ko: "API에 경로가 {count}개뿐입니다.", en: "The API has only {count} routes." },
  "hint.few": { ko: "빠진 경로를 만드세요(경로 {count}개).", en: "Create the missing routes ({count} routes now)." },
};
const { pass, fail } = verdicts(messages);

const throwaway = defineCheck({
  id: "s2.zz-throwaway",
  step: 2,
  points: 5,
  dependsOn: ["s1.api"],
  consults: ["s1.routes"],
  reads: ["api", "routes"],
  title: { ko: "시험용 검사: 경로가 셋 이상임", en: "Throwaway: at least three routes" },
  hint: { ko: "경로를 확인하세요.", en: "Check the routes." },
  messages,
  run: ({ snapshot, statuses }) => {
    const count = list<RouteView>(snapshot.routes).filter((route) => text(route.routeKey)).length;
    return count >= 3 && statuses.get("s1.routes") !== "fail" ? pass("ok", { count }) : fail("few", { count }, "hint.few");
  },
});

const catalogue = [...checks, throwaway];

function reportFor(scenario: string, lang: Lang): Report {
  const snapshot = loadFixture(scenario);
  const results = runChecks({ checks: catalogue, snapshot, probe: probeResultFor(EXPECTED_PROBE[scenario]!), lang });
  return { account: snapshot.account, region: snapshot.region, apiId: snapshot.api?.apiId ?? null, summary: summarize(results), results, lang };
}

test("the engine judges the new check in its place, and counts its points", () => {
  const solved = reportFor("solved", "en");
  assert.equal(solved.results.map((r) => r.id), catalogue.map((c) => c.id));
  const mine = solved.results.at(-1)!;
  assert.equal([mine.id, mine.status, mine.detail, mine.points, mine.maxPoints], ["s2.zz-throwaway", "pass", "The API has 3 routes.", 5, 5]);
  assert.is(solved.summary.maxScore, checks.reduce((sum, c) => sum + c.points, 0) + 5);
  const deleted = reportFor("deleted-route", "ko").results.at(-1)!;
  assert.equal([deleted.status, deleted.detail, deleted.hint, deleted.points], ["fail", "API에 경로가 2개뿐입니다.", "빠진 경로를 만드세요(경로 2개).", 0]);
  assert.is(reportFor("api-missing", "en").results.at(-1)!.status, "skip", "skipped while s1.api fails");
});

test("the table, JSON and JUnit reports show the new check with no change of theirs", () => {
  const report = reportFor("deleted-route", "en");
  const table = render(report, "table", { color: false });
  assert.match(table, "s2.zz-throwaway");
  assert.match(table, "The API has only 2 routes.");
  assert.match(table, "Create the missing routes (2 routes now).");
  const json = JSON.parse(render(report, "json", { color: false })) as { results: { id: string; status: string; title: string }[]; summary: { failed: number } };
  assert.equal(json.results.at(-1), { ...json.results.at(-1)!, id: "s2.zz-throwaway", status: "fail", title: "Throwaway: at least three routes" });
  assert.is(json.summary.failed, report.results.filter((r) => r.status === "fail").length);
  const junit = render(report, "junit", { color: false });
  assert.match(junit, /<testcase [^>]*name="s2\.zz-throwaway[^"]*"[^>]*>\s*<failure [^>]*message="The API has only 2 routes\."/);
});

test.run();
