// report.html as a file: self-contained, escaped, refreshing only when asked. What it looks like rendered is
// html-browser.test.ts's part.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { summarize, type Result } from "../../src/engine/run.js";
import { reportHtml } from "../../src/grade/html.js";
import { errorSummary, type Graded, type GradeRun } from "../../src/grade/run.js";
import { writeReports } from "../../src/grade/write.js";

const html = suite("grade: report.html, the file");

const HOSTILE = `<script>alert(1)</script>"' onmouseover="x`;

function result(id: string, status: Result["status"]): Result {
  const passed = status === "pass" || status === "warn";
  const fix = passed ? [] : [{ command: `aws lambda add-permission --statement-id "<b>" # ${id}`, phase: "change" as const }];
  return { id, step: 2, status, title: `<i>${id}</i>`, detail: "detail </td></tr></table><script>bad()</script>", hint: passed ? "" : "hint & more", fix, points: passed ? 4 : 0, maxPoints: 4, unjudged: false, durationMs: 1 } as Result;
}

function graded(id: string, results: Result[], extra: Record<string, string> = {}): Graded {
  return { id, line: 2, status: "graded", account: "123456789012", error: null, report: { account: "123456789012", region: "ap-northeast-2", apiId: "a", summary: summarize(results), results, lang: "en" }, durationMs: 1, extra };
}

const RUN = {
  runId: "run-1",
  startedAt: "2026-12-02T05:00:00.000Z",
  finishedAt: "2026-12-02T05:00:02.500Z",
  step: "2",
  lang: "en",
  participants: [
    graded(HOSTILE, [result("s2.default-permission", "fail"), result("s2.deployed", "pass")], { [`name"<`]: `</script>${HOSTILE}` }),
    graded("kim@example.com", [result("s2.default-permission", "pass"), result("s2.deployed", "pass")]),
    { id: "park", line: 4, status: "error", account: null, error: `AssumeRole failed <${HOSTILE}>`, report: { account: null, region: "", apiId: null, summary: errorSummary(8), results: [], lang: "en" }, durationMs: 1 },
  ],
  badRows: [{ line: 7, message: `bad <row> ${HOSTILE}` }],
  throttledCalls: 0,
  wallMs: 2500,
} as GradeRun;

html("nothing read from the roster or the accounts reaches the page as markup", () => {
  const page = reportHtml(RUN, { lang: "en" });
  assert.not.match(page, "<script>alert(1)");
  assert.not.match(page, "<script>bad()");
  assert.not.match(page, "<b>");
  assert.not.match(page, "<i>s2");
  assert.not.match(page, "<row>");
  assert.not.match(page, `" onmouseover="x`, "a quote in an id cannot end an attribute");
  assert.is(page.match(/<script/g)?.length, 1, "the page's own script alone");
  assert.match(page, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;' onmouseover=&quot;x");
  assert.match(page, "aws lambda add-permission --statement-id &quot;&lt;b&gt;&quot;");
});

html("self-contained: no URL to fetch; a Content-Security-Policy runs this page's script alone", () => {
  const page = reportHtml(RUN, { lang: "en" });
  assert.not.match(page, /\b(?:src|href)\s*=/i, "no src or href at all");
  assert.not.match(page, /url\(|@import|https?:\/\//i, "no stylesheet import, no web address");
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? "";
  assert.match(csp, "default-src 'none'");
  const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
  assert.match(csp, `script-src 'sha256-${createHash("sha256").update(script).digest("base64")}'`, "the hash of the script as written");
});

html("refreshes only when asked, every refreshSeconds", () => {
  assert.not.match(reportHtml(RUN, { lang: "en" }), 'http-equiv="refresh"');
  const page = reportHtml(RUN, { lang: "en", refreshSeconds: 30 });
  assert.match(page, '<meta http-equiv="refresh" content="30">');
  assert.match(page, "This page reloads every 30 s.");
  assert.match(reportHtml(RUN, { lang: "ko", refreshSeconds: 30 }), "이 페이지는 30초마다 새로 고칩니다.");
});

html("the run's language: lang attribute and texts", () => {
  assert.match(reportHtml(RUN, { lang: "ko" }), '<html lang="ko"');
  assert.match(reportHtml(RUN, { lang: "ko" }), "<h2>한눈에 보는 반 전체</h2>");
  assert.match(reportHtml(RUN, { lang: "en" }), "<h2>The class at a glance</h2>");
});

html("writeReports writes report.html beside the other reports, in the run's language unless told", async () => {
  const dir = await mkdtemp(join(tmpdir(), "grade-html-"));
  try {
    await writeReports(dir, { ...RUN, lang: "ko" } as GradeRun);
    assert.ok((await readdir(dir)).includes("report.html"));
    assert.match(await readFile(join(dir, "report.html"), "utf8"), '<html lang="ko"');
    await writeReports(dir, RUN, { lang: "en", refreshSeconds: 5 });
    const page = await readFile(join(dir, "report.html"), "utf8");
    assert.match(page, '<html lang="en"');
    assert.match(page, 'content="5"');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

html.run();
