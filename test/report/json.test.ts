// The JSON report's shape is a contract: instructors' scripts and the grader read it.
// {"version":1, "account", "region", "apiId", "summary":{...}, "results":[{...}]}, these keys exactly.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { render } from "../../src/report/render.js";
import { JSON_KEYS, RESULT_KEYS, SUMMARY_KEYS } from "../helpers/cli.js";
import { mixedReport, scenarioReport } from "../helpers/reports.js";

test("the JSON report has exactly the documented top-level, summary and result keys, in that order", () => {
  const report = mixedReport("en");
  const json = JSON.parse(render(report, "json", { color: false })) as Record<string, unknown> & { summary: object; results: object[] };
  assert.equal(Object.keys(json), JSON_KEYS);
  assert.equal(Object.keys(json.summary), SUMMARY_KEYS);
  assert.is(json.results.length, report.results.length);
  for (const result of json.results) assert.equal(Object.keys(result), RESULT_KEYS);
});

test("the JSON values have the documented types and carry the report unchanged", () => {
  const report = mixedReport("ko");
  const json = JSON.parse(render(report, "json", { color: false }));
  assert.is(json.version, 1);
  assert.is(json.account, report.account);
  assert.is(json.region, report.region);
  assert.is(json.apiId, report.apiId);
  assert.equal(json.summary, report.summary);
  for (const [i, result] of (json.results as Record<string, unknown>[]).entries()) {
    const from = report.results[i]!;
    assert.equal(result, { id: from.id, step: from.step, status: from.status, title: from.title, detail: from.detail, hint: from.hint, fix: from.fix, points: from.points, unjudged: from.unjudged, durationMs: from.durationMs });
    for (const key of ["id", "status", "title", "detail", "hint"]) assert.type(result[key], "string", key);
    for (const key of ["step", "points", "durationMs"]) assert.type(result[key], "number", key);
  }
});

test("the summary counts the results: one count per status, score = points earned, maxScore = all points", () => {
  const json = JSON.parse(render(mixedReport("en"), "json", { color: false }));
  const results = json.results as { status: string; points: number; hint: string; unjudged: boolean }[];
  const count = (status: string) => results.filter((result) => result.status === status).length;
  assert.equal(json.summary, {
    passed: count("pass"),
    failed: count("fail"),
    warned: count("warn"),
    skipped: count("skip"),
    errors: count("error"),
    score: results.reduce((sum, result) => sum + result.points, 0),
    maxScore: json.summary.maxScore,
    unjudged: results.filter((result) => result.unjudged).length,
    unjudgedPoints: json.summary.unjudgedPoints,
  });
  for (const status of ["pass", "fail", "warn", "skip", "error"]) assert.ok(count(status) > 0, `the mixed report has a ${status}`);
  for (const result of results) {
    if (result.status === "pass") assert.is(result.hint, "", "a passed check has no hint");
    if (result.status === "fail" || result.status === "warn" || result.status === "error") assert.ok(result.hint !== "", "a failed, warned or errored check says what to do");
  }
});

test("a report where a null apiId (no API) stays null, not an empty string", () => {
  const json = JSON.parse(render(scenarioReport("api-missing", "en"), "json", { color: false }));
  assert.is(json.apiId, null);
  assert.is(json.results.find((result: { id: string }) => result.id === "s1.api").status, "fail");
});

test.run();
