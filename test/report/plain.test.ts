// plainText: what the text renderers make of untrusted text (a roster's ids, an account's values). Every
// escape sequence, control and bidi character goes, whole sequences at once; Korean, emoji, punctuation and
// line feeds stay, and the renderers use it: check's table and the class table show none of them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { plainText } from "../../src/report/plain.js";
import { renderTable } from "../../src/report/table.js";
import { classTable, scoresCsv } from "../../src/grade/report.js";
import type { GradeRun } from "../../src/grade/run.js";
import { mixedReport } from "../helpers/reports.js";

const UNWANTED = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

test("escape sequences go whole: a colour, a window title (OSC ended by BEL or ST), a hyperlink, a one-byte CSI", () => {
  assert.is(plainText("a\x1b[31mred\x1b[0mb"), "aredb");
  assert.is(plainText("a\x1b]0;title\x07b"), "ab");
  assert.is(plainText("a\x1b]0;title\x1b\\b"), "ab");
  assert.is(plainText("\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\"), "link");
  assert.is(plainText("a\u009b31mb"), "ab");
});

test("controls left over go one by one: CR, BEL, NUL, DEL, C1, a cut-off sequence's ESC", () => {
  assert.is(plainText("abc\rdef"), "abcdef");
  assert.is(plainText("a\x07\x00\x7f\u0085b"), "ab");
  const cutOff = plainText("a\x1b]0;cut off");
  assert.not.match(cutOff, UNWANTED);
  assert.match(cutOff, /^a.* off$/);
  assert.not.match(plainText("a\x1bPq#0\x1b\\b"), UNWANTED);
});

test("bidi overrides, embeddings, isolates and marks go, and the line and paragraph separators", () => {
  assert.is(plainText("evil\u202etxt.exe"), "eviltxt.exe");
  for (const c of ["\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c", "\u2028", "\u2029"]) {
    assert.is(plainText(`a${c}b`), "ab", JSON.stringify(c));
  }
});

test("what a reader needs stays: Korean, emoji, punctuation, line feeds; CR LF is a line feed and a tab a space", () => {
  const kept = "김민지 kim@example.com — 점수 32 / 40 ✔ 🐶 $default, \"quoted\" <tag> ÅÉ";
  assert.is(plainText(kept), kept);
  assert.is(plainText("one\ntwo"), "one\ntwo");
  assert.is(plainText("one\r\ntwo"), "one\ntwo");
  assert.is(plainText("a\tb"), "a b");
});

test("check's table shows a hostile detail and hint without their escapes (and still in colour when asked)", () => {
  const report = mixedReport("en");
  const hostile = { ...report, results: report.results.map((result) => ({ ...result, detail: `${result.detail} \x1b]0;pwned\x07\u202eevil\r`, hint: result.hint ? `${result.hint}\x1b[2J` : result.hint })) };
  assert.not.match(renderTable(hostile, { color: false, width: 100 }), UNWANTED);
  const colored = renderTable(hostile, { color: true, width: 100 });
  assert.match(colored, "\x1b[", "colour is the table's own");
  assert.not.match(colored, "pwned");
  assert.not.match(colored, "\u202e");
});

test("the class table and scores.csv show hostile ids, accounts, errors and roster columns without escapes", () => {
  const report = mixedReport("en");
  const run: GradeRun = {
    runId: "r",
    startedAt: "",
    finishedAt: "",
    step: "all",
    lang: "en",
    participants: [
      { id: "kim\x1b[31m@example.com", line: 2, status: "graded", account: "1111\u202e2222", error: null, report, durationMs: 1, extra: { name: "김\rlee" } },
      { id: "lee\x1b]0;t\x07", line: 3, status: "error", account: null, error: "role \x1b[2Jgone\u202e", report: { ...report, results: [] }, durationMs: 1 },
    ],
    badRows: [],
    throttledCalls: 0,
    wallMs: 1,
  };
  const table = classTable(run, "en", false);
  assert.not.match(table, UNWANTED);
  for (const text of ["kim@example.com", "11112222", "role gone"]) assert.match(table, text);
  const csv = scoresCsv(run);
  for (const record of csv.split("\r\n")) assert.not.match(record, UNWANTED, JSON.stringify(record));
  for (const text of ["kim@example.com", "김lee", "role gone"]) assert.match(csv, text);
});

test.run();
