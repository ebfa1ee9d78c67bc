// The participant's table: every title, id, detail and hint shown whole (wrapped, never cut with '…'), in
// Korean and English, at 80 and 120 columns, every line exactly as wide as the terminal allows; colour only
// when wanted (NO_COLOR, not a TTY).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { t } from "../../src/i18n/index.js";
import type { Report } from "../../src/report/model.js";
import { renderFixSection } from "../../src/report/fix.js";
import { colorWanted, renderTable } from "../../src/report/table.js";
import { mixedReport } from "../helpers/reports.js";

const SYMBOL: Record<string, string> = { pass: "✔", fail: "✘", warn: "!", skip: "-", error: "?" };
const ANSI = /\x1b\[/;

/** Columns a terminal gives a character: two for Hangul and other East Asian wide forms, else one. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

/** The table's rows, each a list of its cells' texts with the wrapping (all whitespace) taken out. */
function cells(table: string): string[][] {
  const rows: string[][] = [];
  let current: string[] | undefined;
  for (const line of table.split("\n")) {
    if (/^[┌├└]/.test(line)) {
      if (current) rows.push(current);
      current = undefined;
      continue;
    }
    if (!line.startsWith("│")) continue;
    const parts = line.split("│").slice(1, -1);
    current ??= parts.map(() => "");
    assert.is(parts.length, current.length, `a row's lines have the same cells: ${line}`);
    parts.forEach((part, i) => (current![i] += part.replace(/\s+/g, "")));
  }
  if (current) rows.push(current);
  return rows;
}

const squeeze = (text: string) => text.replace(/\s+/g, "");

function expectedCells(report: Report): string[][] {
  const rows = [["", squeeze(t(report.lang, "report.check")), squeeze(t(report.lang, "report.detail"))]];
  for (const result of report.results) {
    rows.push([SYMBOL[result.status]!, squeeze(`${result.title}${result.id}`), squeeze(result.detail)]);
    if (result.hint) rows.push([squeeze(`→ ${result.hint}`)]);
  }
  return rows;
}

for (const lang of ["ko", "en"] as const) {
  for (const width of [80, 120]) {
    {
      // Every status, and step 1's failures with their long CLI commands in the hints.
      const report = mixedReport(lang);
      test(`(${lang}, ${width} columns) every title, id, detail and hint is in the table whole, and every line is ${width} columns wide`, () => {
        const output = renderTable(report, { color: false, width });
        assert.not.ok(output.includes("…"), "nothing is cut off with an ellipsis");
        const s = report.summary;
        const score = t(lang, "report.score", { score: s.score, max: s.maxScore, passed: s.passed, failed: s.failed, warned: s.warned, skipped: s.skipped, errors: s.errors });
        // Under the table the score, then only the fix section, whose lines are never wrapped.
        const fix = renderFixSection(report.results, lang);
        const end = `\n${score}\n${fix ? `\n${fix}` : ""}`;
        assert.ok(output.endsWith(end), output);
        const table = output.slice(0, -end.length);
        assert.equal(cells(table), expectedCells(report));
        for (const line of table.split("\n")) assert.is(displayWidth(line), width, `line is ${displayWidth(line)} columns, not ${width}: ${line}`);
      });
    }
  }
}

test("the fix section: each command of a failed or warned check once, on a line of its own, changes before the deployment, looks apart", () => {
  const report = mixedReport("en");
  const output = renderTable(report, { color: false, width: 80 });
  const section = output.slice(output.indexOf(t("en", "report.fix.run")));
  const lines = section.split("\n").filter((line) => line.startsWith("aws "));
  const wanted = report.results.filter((r) => r.status === "fail" || r.status === "warn").flatMap((r) => r.fix);
  assert.ok(wanted.length > 0, "the mixed report has commands to show");
  assert.equal(new Set(lines), new Set(wanted.map((fix) => fix.command)), "every command, and nothing else, is printed whole");
  assert.is(lines.length, new Set(lines).size, "no command is printed twice");
  const phase = (line: string) => wanted.find((fix) => fix.command === line)!.phase;
  const order = lines.map(phase);
  assert.equal(order, [...order].sort((a, b) => ["change", "deploy", "look"].indexOf(a) - ["change", "deploy", "look"].indexOf(b)), order.join(","));
  for (const line of lines) assert.not.ok(/<[a-zA-Z]+>/.test(line), `no placeholder: ${line}`);
  assert.not.ok(report.results.some((r) => r.fix.some((fix) => r.hint.includes(fix.command))), "the table's hints do not repeat the commands");
});

test("every fail, warn and error shows its hint under it, and a pass shows none", () => {
  const report = mixedReport("en");
  const rows = cells(renderTable(report, { color: false, width: 120 }));
  const hintRows = rows.filter((row) => row.length === 1);
  assert.is(hintRows.length, report.results.filter((result) => result.hint !== "").length);
  for (const result of report.results) {
    if (["fail", "warn", "error"].includes(result.status)) assert.ok(result.hint !== "", `${result.id} has a hint`);
    if (result.status === "pass") assert.is(result.hint, "");
  }
});

test("colour: ANSI escapes only when colour is on, and colour is on only for a TTY without NO_COLOR", () => {
  const report = mixedReport("en");
  assert.match(renderTable(report, { color: true, width: 100 }), ANSI);
  assert.not.match(renderTable(report, { color: false, width: 100 }), ANSI);
  const tty = { isTTY: true } as NodeJS.WriteStream;
  const pipe = { isTTY: false } as NodeJS.WriteStream;
  assert.is(colorWanted(tty, {}), true);
  assert.is(colorWanted(tty, { NO_COLOR: "1" }), false);
  // no-color.org: only a NO_COLOR that is present and not empty turns colour off.
  assert.is(colorWanted(tty, { NO_COLOR: "" }), true);
  assert.is(colorWanted(pipe, {}), false);
});

test("the width check above counts Hangul as two columns (so it can catch a misaligned Korean table)", () => {
  assert.is(displayWidth("검사 ab"), 7);
  assert.is(displayWidth("│ ✔  │"), 6);
});

test.run();
