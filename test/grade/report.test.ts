import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { summarize, type Result } from "../../src/engine/run.js";
import { classResults, classTable, fileId, gradescope, junitXml, markdownSummary, scoresCsv } from "../../src/grade/report.js";
import { errorSummary, type Graded, type GradeRun } from "../../src/grade/run.js";
import { writeReports, writeStepSummary } from "../../src/grade/write.js";
import { toJson } from "../../src/report/model.js";

const reports = suite("grade: the class's reports");

function result(id: string, status: Result["status"], points: number): Result {
  const earned = status === "pass" || status === "warn" ? points : 0;
  return { id, step: 2, status, title: `title of ${id}`, detail: `detail of ${id}`, hint: status === "pass" ? "" : `hint of ${id}`, fix: [], points: earned, maxPoints: points, unjudged: false, durationMs: 1.5 };
}

function graded(id: string, results: Result[]): Graded {
  return { id, line: 2, status: "graded", account: "123456789012", error: null, report: { account: "123456789012", region: "ap-northeast-2", apiId: "abc123", summary: summarize(results), results, lang: "en" }, durationMs: 120 };
}

function notGraded(id: string, reason: string): Graded {
  return { id, line: 4, status: "error", account: "999988887777", error: reason, report: { account: "999988887777", region: "", apiId: null, summary: errorSummary(30), results: [], lang: "en" }, durationMs: 40 };
}

const RUN: GradeRun = {
  runId: "github-123-1",
  startedAt: "2026-12-02T05:00:00.000Z",
  finishedAt: "2026-12-02T05:00:02.500Z",
  step: "2",
  lang: "en",
  shard: { index: 2, count: 3 },
  roster: { sha256: "a".repeat(64), rows: 9 },
  participants: [
    { ...graded("kim@example.com", [result("s2.a", "pass", 10), result("s2.b", "warn", 10), result("s2.c", "fail", 5), result("s2.d", "skip", 5)]), extra: { name: "김민수", section: "=A" } },
    graded('=Lee, "Jr"', [result("s2.a", "pass", 10), result("s2.b", "error", 10), result("s2.c", "pass", 5), result("s2.d", "pass", 5)]),
    notGraded("park@example.com", "AssumeRole into arn:aws:iam::999988887777:role/G failed (AccessDenied: no)"),
  ],
  badRows: [{ line: 7, message: "The id (name or email) is missing." }],
  throttledCalls: 0,
  wallMs: 2500,
};

reports("results.json has exactly the documented shape, with check's JSON summary and results per participant, and what merging shards needs", () => {
  const json = classResults(RUN);
  assert.equal(Object.keys(json), ["version", "run", "participants", "badRows"]);
  assert.is(json.version, 1);
  const graded = { lang: "en", shard: { index: 2, count: 3 }, roster: { sha256: "a".repeat(64), rows: 9 }, wallMs: 2500, throttledCalls: 0 };
  assert.equal(json.run, { id: "github-123-1", startedAt: RUN.startedAt, finishedAt: RUN.finishedAt, step: "2", tool: { name: "awsomepets-lab-checker", version: "0.1.0" }, ...graded });
  assert.equal(json.badRows, RUN.badRows);
  assert.equal(json.participants.map((p) => p.extra), [{ name: "김민수", section: "=A" }, {}, {}], "the roster's other columns, as written");
  for (const [i, p] of json.participants.entries()) {
    assert.equal(Object.keys(p), ["id", "line", "extra", "account", "status", "error", "region", "apiId", "durationMs", "summary", "results"]);
    const { report, line, durationMs } = RUN.participants[i]!;
    const check = toJson(report);
    assert.equal([p.line, p.region, p.apiId, p.durationMs], [line, check.region, check.apiId, durationMs]);
    assert.equal(p.summary, check.summary);
    assert.equal(p.results, check.results.map((result, j) => ({ ...result, maxPoints: report.results[j]!.maxPoints })), "check's results, with each check's maxPoints");
  }
  assert.equal(json.participants.map((p) => [p.status, p.error === null]), [["graded", true], ["graded", true], ["error", false]]);
  assert.equal(json.participants[0]!.summary, { passed: 1, failed: 1, warned: 1, skipped: 1, errors: 0, score: 20, maxScore: 30, unjudged: 0, unjudgedPoints: 0 });
});

reports("scores.csv: one row per participant, quoted where needed, a leading = kept as text", () => {
  const lines = scoresCsv(RUN).trimEnd().split("\r\n");
  assert.is(lines[0], "id,account,status,score,max_score,unjudged_points,passed,failed,warned,skipped,errors,failing,error,name,section");
  assert.is(lines[1], "kim@example.com,123456789012,graded,20,30,0,1,1,1,1,0,s2.c,,김민수,'=A");
  assert.is(lines[2], `"'=Lee, ""Jr""",123456789012,graded,20,30,0,3,0,0,0,1,,,,`);
  assert.match(lines[3]!, /^park@example\.com,999988887777,error,0,30,0,0,0,0,0,1,,AssumeRole into .*AccessDenied: no\),,$/);
  assert.is(lines.length, 4);
});

reports("junit.xml: one testsuite per participant with its summary attributes; a participant not graded is one error", () => {
  const xml = junitXml(RUN);
  const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)].map((m) => m.slice(1));
  assert.equal(suites, [
    ["kim@example.com", "4", "1", "0", "1"],
    ["=Lee, &quot;Jr&quot;", "4", "0", "1", "0"],
    ["park@example.com", "1", "0", "1", "0"],
  ]);
  assert.match(xml, /<testsuites name="awsomepets-grade" tests="9" failures="1" errors="2" skipped="1"/);
  assert.match(xml, '<error message="AssumeRole into arn:aws:iam::999988887777:role/G failed (AccessDenied: no)">');
  assert.match(xml, '<property name="score" value="20"/><property name="maxScore" value="30"/>');
});

reports("Gradescope: score, max_score and a test per check; a warn passes with its points, a skip fails", () => {
  const out = gradescope(RUN.participants[0]!);
  assert.is(out.score, 20);
  assert.is(out.max_score, 30);
  assert.equal(
    out.tests.map((test) => [test.name, test.score, test.max_score, test.status]),
    [
      ["s2.a title of s2.a", 10, 10, "passed"],
      ["s2.b title of s2.b", 10, 10, "passed"],
      ["s2.c title of s2.c", 0, 5, "failed"],
      ["s2.d title of s2.d", 0, 5, "failed"],
    ],
  );
  assert.is(out.tests[2]!.output, "detail of s2.c\nhint of s2.c");
  assert.not.ok("output" in out);
  const failed = gradescope(RUN.participants[2]!);
  assert.equal([failed.score, failed.max_score, failed.tests.length], [0, 30, 0]);
  assert.match(failed.output ?? "", "AccessDenied");
});

reports("participants' directory names are safe and distinct, Korean names kept", () => {
  assert.is(fileId("kim@example.com"), "kim@example.com");
  assert.is(fileId("김민수"), "김민수");
  assert.match(fileId("../etc/passwd"), /^_+etc_passwd-[0-9a-f]{8}$/);
  assert.is.not(fileId("a b"), fileId("a_b"));
  assert.is.not(fileId("a b"), fileId("a/b"));
});

reports("the step summary: a row per participant, the bad rows, and each graded participant's checks", () => {
  const md = markdownSummary(RUN, "en");
  assert.match(md, "| kim@example.com | 20 / 30 | `s2.c` |");
  assert.match(md, "| =Lee, \"Jr\" | 20 / 30 | `s2.b`? |");
  assert.match(md, "| park@example.com | — | not graded: AssumeRole");
  assert.match(md, "- roster line 7: The id (name or email) is missing.");
  assert.is(md.match(/<details>/g)?.length, 2);
  assert.match(md, "2 graded, 1 not graded, 1 bad roster rows");
});

reports("the class table shows each participant's score and failing checks, or why they were not graded", () => {
  const table = classTable(RUN, "en", false);
  for (const text of ["kim@example.com", "20 / 30", "s2.c", "s2.b?", "not graded: AssumeRole", "2 graded, 1 not graded"]) assert.match(table, text);
});

reports("a participant with nothing failed but checks skipped is not shown as all passed", () => {
  const skipped = graded("choi", [result("s2.a", "pass", 10), result("s2.d", "skip", 5)]);
  const table = classTable({ ...RUN, participants: [skipped] }, "en", false);
  assert.match(table, "no failures (1 skipped)");
  assert.not.match(table, "all passed");
  assert.match(classTable({ ...RUN, participants: [graded("choi", [result("s2.a", "pass", 10)])] }, "en", false), "all passed");
});

reports("--out writes results.json, scores.csv, junit.xml and gradescope/<id>/results.json; the step summary only under Actions", async () => {
  const dir = await mkdtemp(join(tmpdir(), "grade-out-"));
  try {
    await writeReports(dir, RUN);
    assert.equal((await readdir(dir)).sort(), ["gradescope", "junit.xml", "report.html", "results.json", "scores.csv"]);
    assert.equal((await readdir(join(dir, "gradescope"))).sort(), RUN.participants.map((p) => fileId(p.id)).sort());
    const kim = JSON.parse(await readFile(join(dir, "gradescope", "kim@example.com", "results.json"), "utf8"));
    assert.is(kim.score, 20);
    assert.equal(JSON.parse(await readFile(join(dir, "results.json"), "utf8")), classResults(RUN));
    const summary = join(dir, "summary.md");
    await writeFile(summary, "earlier step\n");
    assert.is(await writeStepSummary(RUN, "en", {}), false);
    assert.is(await writeStepSummary(RUN, "en", { GITHUB_STEP_SUMMARY: summary }), true);
    const text = await readFile(summary, "utf8");
    assert.ok(text.startsWith("earlier step\n## AWSomePets grades"), "appended, not overwritten");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

reports.run();
