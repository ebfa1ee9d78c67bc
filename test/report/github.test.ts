// --format github: a workflow command per failure, error (::error) and warning (::warning), each on one
// line with its data escaped as the Actions toolkit escapes it (% \r \n; in properties also : and ,), then
// a Markdown table of every check for the step summary.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { renderGithub } from "../../src/report/github.js";
import { mixedReport } from "../helpers/reports.js";

const ANNOTATION = /^::(error|warning) title=([^:\r\n]*)::([^\r\n]*)$/;

/** The toolkit's escapes undone: what the Actions runner shows. */
function unescapeData(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}
function unescapeProperty(text: string): string {
  return unescapeData(text.replace(/%3A/g, ":").replace(/%2C/g, ","));
}

function annotations(output: string): string[] {
  return output.split("\n").filter((line) => line.startsWith("::"));
}

for (const lang of ["ko", "en"] as const) {
  test(`(${lang}) one ::error per failure and error, one ::warning per warn, none for pass and skip, in the report's order`, () => {
    const report = mixedReport(lang);
    const lines = annotations(renderGithub(report));
    const annotated = report.results.filter((result) => ["fail", "error", "warn"].includes(result.status));
    assert.is(lines.length, annotated.length);
    for (const [i, result] of annotated.entries()) {
      const match = ANNOTATION.exec(lines[i]!);
      assert.ok(match, `not a single-line workflow command: ${lines[i]}`);
      assert.is(match[1], result.status === "warn" ? "warning" : "error", result.id);
      assert.is(unescapeProperty(match[2]!), `${result.id} ${result.title}`);
      assert.is(unescapeData(match[3]!), [result.detail, result.hint, ...result.fix.map((fix) => fix.command)].filter(Boolean).join("\n"));
    }
  });
}

test("%, CR, LF, colons and commas are escaped so that nothing breaks the command or leaks into another", () => {
  const report = mixedReport("en");
  report.results = [
    { ...report.results[0]!, status: "fail", title: "Title: with, separators", detail: "100% wrong:\r\nsecond line", hint: "::error title=x::injected" },
    { ...report.results[1]!, status: "warn", title: "a%0Ab", detail: "%0A is not a newline here", hint: "" },
  ];
  const output = renderGithub(report);
  const lines = annotations(output);
  assert.is(lines.length, 2, "the hint could not start a command of its own");
  assert.ok(!output.includes("\r"), "no raw carriage return");
  assert.is(lines[0], "::error title=s1.api Title%3A with%2C separators::100%25 wrong:%0D%0Asecond line%0A::error title=x::injected");
  assert.is(lines[1], "::warning title=s1.routes a%250Ab::%250A is not a newline here");
  assert.is(unescapeProperty(ANNOTATION.exec(lines[1]!)![2]!), "s1.routes a%0Ab");
});

test("after the annotations, a Markdown table lists every check once, with the score", () => {
  const report = mixedReport("en");
  const output = renderGithub(report);
  const rows = output.split("\n").filter((line) => /^\| \S+ \| `/.test(line));
  assert.is(rows.length, report.results.length);
  for (const [i, result] of report.results.entries()) assert.ok(rows[i]!.includes(`\`${result.id}\``), result.id);
  assert.ok(output.includes(`**${report.summary.score} / ${report.summary.maxScore}**`));
  for (const row of rows) assert.is(row.split(/(?<!\\)\|/).length, 6, `a row has 4 cells: ${row}`);
});

test.run();
