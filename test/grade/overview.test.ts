import { suite } from "uvu";
import * as assert from "uvu/assert";
import { summarize, type Result } from "../../src/engine/run.js";
import { classOverview, distribution, percent } from "../../src/grade/overview.js";
import { checksText, markdownSummary } from "../../src/grade/report.js";
import { errorSummary, type Graded, type GradeRun } from "../../src/grade/run.js";

const overview = suite("grade: the class overview (per check, distribution, where people are stuck)");

type Status = Result["status"];

function result(id: string, status: Status, points: number, unjudged = false): Result {
  const earned = status === "pass" || status === "warn" ? points : 0;
  return { id, step: id.startsWith("s1.") ? 1 : 2, status, title: `title of ${id}`, detail: "", hint: "", fix: [], points: earned, maxPoints: points, unjudged, durationMs: 1 } as Result;
}

function graded(id: string, results: Result[]): Graded {
  return { id, line: 2, status: "graded", account: "123456789012", error: null, report: { account: "123456789012", region: "ap-northeast-2", apiId: "a", summary: summarize(results), results, lang: "en" }, durationMs: 1 };
}

function notGraded(id: string): Graded {
  return { id, line: 9, status: "error", account: null, error: `no role for ${id}`, report: { account: null, region: "", apiId: null, summary: errorSummary(20), results: [], lang: "en" }, durationMs: 1 };
}

function runOf(participants: Graded[]): GradeRun {
  return { runId: "r", startedAt: "2026-12-02T05:00:00.000Z", finishedAt: "2026-12-02T05:00:01.000Z", step: "all", lang: "en", participants, badRows: [], throttledCalls: 0, wallMs: 1000 } as GradeRun;
}

// Results listed out of catalogue order on purpose, and one check the catalogue does not know.
const CLASS = [
  graded("a", [result("s2.deployed", "pass", 4), result("s1.api", "pass", 2), result("s2.default-permission", "pass", 4), result("s2.live-default", "pass", 3), result("x.unknown", "pass", 1)]),
  graded("b", [result("s2.deployed", "fail", 4), result("s1.api", "pass", 2), result("s2.default-permission", "fail", 4), result("s2.live-default", "skip", 3, true), result("x.unknown", "pass", 1)]),
  graded("c", [result("s2.deployed", "warn", 4), result("s1.api", "pass", 2), result("s2.default-permission", "fail", 4), result("s2.live-default", "error", 3), result("x.unknown", "pass", 1)]),
  notGraded("d"),
];

overview("each check counts the graded participants per status; the not graded are counted apart", () => {
  const { checks, graded: count, notGraded: apart } = classOverview(runOf(CLASS));
  assert.is(count, 3);
  assert.equal(apart, [{ id: "d", reason: "no role for d" }]);
  const permission = checks.find((check) => check.id === "s2.default-permission")!;
  assert.equal(permission.counts, { pass: 1, warn: 0, fail: 2, skip: 0, error: 0 });
  assert.is(permission.graded, 3, "the participant not graded is in no check's count");
  assert.is(permission.title, "title of s2.default-permission");
});

overview("checks come in catalogue order, whatever order the results were in; an unknown check goes last", () => {
  const { checks } = classOverview(runOf(CLASS));
  assert.equal(checks.map((check) => check.id), ["s1.api", "s2.default-permission", "s2.deployed", "s2.live-default", "x.unknown"]);
});

overview("the pass rate counts a warning as passed, and leaves out the checks not judged without the live probe", () => {
  const byId = new Map(classOverview(runOf(CLASS)).checks.map((check) => [check.id, check]));
  const deployed = byId.get("s2.deployed")!;
  assert.equal([deployed.passed, deployed.passRate], [2, 2 / 3]);
  const live = byId.get("s2.live-default")!;
  assert.equal([live.unjudged, live.counts.skip, live.passed], [1, 1, 1]);
  assert.is(live.passRate, 1 / 2, "one pass out of the two it judged (the error counts, the unjudged skip does not)");
  assert.is(byId.get("s1.api")!.passRate, 1);
  const nobodyJudged = classOverview(runOf([graded("e", [result("s2.live-default", "skip", 3, true)])])).checks[0]!;
  assert.is(nobodyJudged.passRate, null);
  assert.equal([percent(2 / 3), percent(1), percent(0), percent(null)], ["67%", "100%", "0%", "—"]);
});

overview("stuck: only checks someone failed, most failures first, ties in catalogue order", () => {
  const more = [...CLASS, graded("f", [result("s2.deployed", "fail", 4), result("s1.api", "fail", 2)])];
  assert.equal(classOverview(runOf(more)).stuck.map((check) => [check.id, check.counts.fail]), [["s2.default-permission", 2], ["s2.deployed", 2], ["s1.api", 1]]);
  assert.equal(classOverview(runOf([CLASS[0]!])).stuck, []);
});

overview("the distribution puts every graded score in one bucket over 0..maxScore; mean and median of the graded", () => {
  const o = classOverview(runOf(CLASS));
  // Scores: a 14 of 14, b 3 (s1.api 2 + unknown 1), c 7 (2 + warn 4 + 1).
  assert.is(o.maxScore, 14);
  assert.is(o.distribution.reduce((sum, bucket) => sum + bucket.count, 0), 3, "the participant not graded is not a score of 0");
  const bucketOf = (score: number) => o.distribution.find((bucket) => score >= bucket.from && score <= bucket.to)!;
  assert.equal([bucketOf(3).count, bucketOf(7).count, bucketOf(14).count], [1, 1, 1]);
  assert.equal(o.distribution.at(-1), { from: 14, to: 14, count: 1 }, "full marks alone");
  assert.is(o.meanScore, 8);
  assert.is(o.medianScore, 7);
  const nobody = classOverview(runOf([notGraded("d")]));
  assert.equal([nobody.meanScore, nobody.medianScore, nobody.maxScore, nobody.checks], [null, null, 0, []]);
});

overview("buckets: one per score up to 10 points; else about ten of equal width, full marks alone; contiguous", () => {
  assert.equal(distribution([], 0), [{ from: 0, to: 0, count: 0 }]);
  assert.equal(distribution([0, 10, 10, 4], 10).map((bucket) => [bucket.from, bucket.to, bucket.count]), Array.from({ length: 11 }, (_, i) => [i, i, i === 10 ? 2 : i === 0 || i === 4 ? 1 : 0]));
  const forty = distribution([0, 3, 4, 39, 40], 40);
  assert.equal(forty.map((bucket) => `${bucket.from}-${bucket.to}`), ["0-3", "4-7", "8-11", "12-15", "16-19", "20-23", "24-27", "28-31", "32-35", "36-39", "40-40"]);
  assert.equal(forty.map((bucket) => bucket.count), [2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
  const odd = distribution([], 35);
  assert.equal(odd.slice(-2), [{ from: 32, to: 34, count: 0 }, { from: 35, to: 35, count: 0 }]);
  odd.slice(1).forEach((bucket, i) => assert.is(bucket.from, odd[i]!.to + 1, "no gap, no overlap"));
});

overview("stdout: a line per check under the class table, most failed first, with passed/judged, rate and failures", () => {
  const text = checksText(runOf(CLASS), "en");
  const lines = text.trimEnd().split("\n");
  assert.is(lines[0], "Per check, most failed first:");
  assert.equal(lines.slice(1).map((line) => line.trim().split(/\s+/)[0]), ["s2.default-permission", "s2.deployed", "s1.api", "s2.live-default", "x.unknown"]);
  assert.match(text, /s2\.default-permission\s+1\/3 passed \(33%\), 2 failing\n/);
  assert.match(text, /s2\.live-default\s+1\/2 passed \(50%\), 0 failing, 1 not judged\n/);
  assert.match(checksText(runOf(CLASS), "ko"), /s2\.default-permission\s+통과 1\/3 \(33%\), 실패 2\n/);
  assert.is(checksText(runOf([notGraded("d")]), "en"), "", "nothing to say when nobody was graded");
});

overview("the step summary has a per-check table, in catalogue order, before the participants' details", () => {
  const md = markdownSummary(runOf(CLASS), "en");
  const table = md.indexOf("### Results per check");
  assert.ok(table > 0 && table < md.indexOf("### Results per participant"), "before the details");
  assert.match(md, "| Check | Pass rate | passed | warning | failed | skipped | error | not judged without the live probe |");
  assert.match(md, "| `s2.default-permission` title of s2.default-permission | 33% (1/3) | 1 | 0 | 2 | 0 | 0 | 0 |");
  const rows = md.slice(table).split("\n").filter((line) => line.startsWith("| `"));
  assert.equal(rows.map((line) => /`([^`]+)`/.exec(line)![1]), ["s1.api", "s2.default-permission", "s2.deployed", "s2.live-default", "x.unknown"]);
});

overview.run();
