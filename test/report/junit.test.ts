// JUnit XML as CI systems read it: well-formed, one <testcase> per check, <failure>, <error> and
// <skipped> where the check failed, errored or was skipped, and the summary attributes (tests, failures,
// errors, skipped, time) on the suite.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { renderJunit } from "../../src/report/junit.js";
import type { Report } from "../../src/report/model.js";
import { mixedReport } from "../helpers/reports.js";
import { parseXml, type XmlElement } from "../helpers/xml.js";

const child = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);

function suiteOf(report: Report): XmlElement {
  const root = parseXml(renderJunit(report));
  assert.is(root.name, "testsuites");
  const suites = child(root, "testsuite");
  assert.is(suites.length, 1);
  return suites[0]!;
}

for (const lang of ["ko", "en"] as const) {
  test(`(${lang}) the suite carries tests, failures, errors, skipped and time as the summary counts them`, () => {
    const report = mixedReport(lang);
    const suite = suiteOf(report);
    const s = report.summary;
    assert.is(suite.attributes.tests, String(report.results.length));
    assert.is(suite.attributes.failures, String(s.failed));
    assert.is(suite.attributes.errors, String(s.errors));
    assert.is(suite.attributes.skipped, String(s.skipped));
    assert.match(suite.attributes.time!, /^\d+\.\d{3}$/);
    const total = report.results.reduce((sum, result) => sum + result.durationMs, 0) / 1000;
    assert.ok(Math.abs(Number(suite.attributes.time) - total) < 0.0015, "time is the checks' total duration in seconds");
    const properties = Object.fromEntries(child(child(suite, "properties")[0]!, "property").map((p) => [p.attributes.name, p.attributes.value]));
    assert.equal(properties, { score: String(s.score), maxScore: String(s.maxScore), unjudgedPoints: String(s.unjudgedPoints), account: report.account ?? "", region: report.region });
  });

  test(`(${lang}) one testcase per check, named by its id and title, with the element its status calls for`, () => {
    const report = mixedReport(lang);
    const cases = child(suiteOf(report), "testcase");
    assert.is(cases.length, report.results.length);
    const expectedChild: Record<string, string | undefined> = { pass: undefined, fail: "failure", error: "error", skip: "skipped", warn: "system-out" };
    for (const [i, result] of report.results.entries()) {
      const testcase = cases[i]!;
      assert.is(testcase.attributes.name, `${result.id} ${result.title}`);
      assert.match(testcase.attributes.time!, /^\d+\.\d{3}$/);
      const wanted = expectedChild[result.status];
      assert.equal(testcase.children.map((c) => c.name), wanted ? [wanted] : [], `${result.id} (${result.status})`);
      const element = testcase.children[0];
      if (result.status === "fail" || result.status === "error") {
        assert.is(element!.attributes.message, result.detail);
        assert.is(element!.text, [result.detail, result.hint, ...result.fix.map((fix) => fix.command)].filter(Boolean).join("\n"), "the body holds the detail, the hint and its commands");
      }
      if (result.status === "skip") assert.is(element!.attributes.message, result.detail);
      if (result.status === "warn") assert.is(element!.text, `WARN: ${[result.detail, result.hint, ...result.fix.map((fix) => fix.command)].join("\n")}`);
    }
  });
}

test("text that looks like markup, quotes, ampersands and control characters stays well-formed and intact", () => {
  const report = mixedReport("en");
  const tricky = 'frame <script>alert("x")</script> & "quotes" \'apos\' ]]> \u0007bell';
  report.results[0] = { ...report.results[0]!, status: "fail", detail: tricky, hint: "a < b && c > d" };
  report.results[1] = { ...report.results[1]!, status: "error", detail: "</failure><testcase name=\"injected\"/>", hint: "" };
  const suite = suiteOf(report);
  const cases = child(suite, "testcase");
  assert.is(cases.length, report.results.length, "no testcase was injected");
  assert.is(cases[0]!.children[0]!.attributes.message, tricky.replace("\u0007", ""));
  assert.is(cases[0]!.children[0]!.text, `${tricky.replace("\u0007", "")}\na < b && c > d`);
  assert.is(cases[1]!.children[0]!.attributes.message, '</failure><testcase name="injected"/>');
});

test("the XML reader used here rejects malformed XML (so the tests above can fail)", () => {
  assert.throws(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a>'));
  assert.throws(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 & 2"/>'));
  assert.throws(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a>x < y</a>'));
  assert.throws(() => parseXml("<a/>"));
});

test.run();
