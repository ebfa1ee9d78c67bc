// JUnit XML: one testcase per check, with the summary attributes CI systems read (tests, failures,
// errors, skipped, time). A warn passes, with its detail kept in system-out.
import type { Result } from "../engine/run.js";
import type { Report } from "./model.js";

export function renderJunit(report: Report, suiteName = "awsomepets-lab-check"): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${junitSuite(report, suiteName)}</testsuites>\n`;
}

/** One <testsuite>, also used by the grader (one per participant). */
export function junitSuite(report: Report, name: string): string {
  const s = report.summary;
  const time = seconds(report.results.reduce((sum, result) => sum + result.durationMs, 0));
  const cases = report.results.map((result) => junitCase(result, name)).join("");
  return (
    `  <testsuite name="${esc(name)}" tests="${report.results.length}" failures="${s.failed}" errors="${s.errors}" skipped="${s.skipped}" time="${time}">\n` +
    `    <properties><property name="score" value="${s.score}"/><property name="maxScore" value="${s.maxScore}"/><property name="unjudgedPoints" value="${s.unjudgedPoints}"/>` +
    `<property name="account" value="${esc(report.account ?? "")}"/><property name="region" value="${esc(report.region)}"/></properties>\n` +
    cases +
    `  </testsuite>\n`
  );
}

function junitCase(result: Result, classname: string): string {
  const open = `    <testcase classname="${esc(classname)}" name="${esc(`${result.id} ${result.title}`)}" time="${seconds(result.durationMs)}"`;
  const text = [result.detail, result.hint, ...result.fix.map((fix) => fix.command)].filter(Boolean).join("\n");
  switch (result.status) {
    case "fail":
      return `${open}>\n      <failure message="${esc(result.detail)}">${esc(text)}</failure>\n    </testcase>\n`;
    case "error":
      return `${open}>\n      <error message="${esc(result.detail)}">${esc(text)}</error>\n    </testcase>\n`;
    case "skip":
      return `${open}>\n      <skipped message="${esc(result.detail)}"/>\n    </testcase>\n`;
    case "warn":
      return `${open}>\n      <system-out>${esc(`WARN: ${text}`)}</system-out>\n    </testcase>\n`;
    default:
      return `${open}/>\n`;
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export function esc(text: string): string {
  // XML 1.0 cannot carry most control characters at all, even escaped: drop them.
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
