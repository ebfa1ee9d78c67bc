// The class's reports, all made from one GradeRun: results.json (per participant, the summary and results
// of `check --format json`), scores.csv, junit.xml (one testsuite per participant), one Gradescope
// results.json per participant, a Markdown step summary for GitHub Actions, and the class table.
import { TOOL } from "../version.js";
import Table from "cli-table3";
import kleur from "kleur";
import wrapAnsi from "wrap-ansi";
import { createHash } from "node:crypto";
import type { Result } from "../engine/run.js";
import { t, type Lang } from "../i18n/index.js";
import { renderMarkdown } from "../report/github.js";
import { esc, junitSuite } from "../report/junit.js";
import { toJson, type JsonReport } from "../report/model.js";
import { plainText } from "../report/plain.js";
import { classOverview, percent, STATUSES, type CheckOverview } from "./overview.js";
import type { RosterIdentity } from "./roster.js";
import type { BadRow, Graded, GradeRun } from "./run.js";
import type { Shard } from "./shard.js";

export interface ClassResults {
  version: 1;
  /**
   * What produced the results, when, for which step, and from which slice of which roster: with the
   * participants' lines, times and each check's maxPoints, enough to merge shards into the whole (merge.ts).
   */
  run: {
    id: string;
    startedAt: string;
    finishedAt: string;
    step: GradeRun["step"];
    tool: { name: string; version: string };
    lang: Lang;
    /** null: the whole roster. */
    shard: Shard | null;
    roster: RosterIdentity | null;
    wallMs: number;
    throttledCalls: number;
    /** Present (true) when a signal stopped the run: the participants it did not finish are errors. */
    interrupted?: true;
  };
  participants: {
    id: string;
    /** The roster line of the participant. */
    line: number;
    /** The roster's other columns, as written. */
    extra: Record<string, string>;
    account: string | null;
    status: Graded["status"];
    error: string | null;
    region: string;
    apiId: string | null;
    durationMs: number;
    summary: JsonReport["summary"];
    /** check --format json's results, with each check's maxPoints. */
    results: (JsonReport["results"][number] & { maxPoints: number })[];
  }[];
  badRows: BadRow[];
}

export function classResults(run: GradeRun): ClassResults {
  const { runId: id, startedAt, finishedAt, step, lang, wallMs, throttledCalls } = run;
  return {
    version: 1,
    run: { id, startedAt, finishedAt, step, tool: { ...TOOL }, lang, shard: run.shard ?? null, roster: run.roster ?? null, wallMs, throttledCalls, ...(run.interrupted ? { interrupted: true } : {}) },
    participants: run.participants.map((p) => {
      const { region, apiId, summary, results } = toJson(p.report);
      const withMax = results.map((result, i) => ({ ...result, maxPoints: p.report.results[i]!.maxPoints }));
      return { id: p.id, line: p.line, extra: p.extra ?? {}, account: p.account, status: p.status, error: p.error, region, apiId, durationMs: p.durationMs, summary, results: withMax };
    }),
    badRows: run.badRows,
  };
}

function idsWith(p: Graded, status: Result["status"]): string[] {
  return p.report.results.filter((result) => result.status === status).map((result) => result.id);
}

const CSV_COLUMNS = ["id", "account", "status", "score", "max_score", "unjudged_points", "passed", "failed", "warned", "skipped", "errors", "failing", "error"];

export function scoresCsv(run: GradeRun): string {
  // The roster's own columns follow ours, in the order they first appear.
  const extra = [...new Set(run.participants.flatMap((p) => Object.keys(p.extra ?? {})))].filter((name) => !CSV_COLUMNS.includes(name));
  const rows = run.participants.map((p) => {
    const s = p.report.summary;
    const own = [p.id, p.account ?? "", p.status, s.score, s.maxScore, s.unjudgedPoints, s.passed, s.failed, s.warned, s.skipped, s.errors, idsWith(p, "fail").join(" "), p.error ?? ""];
    return [...own, ...extra.map((name) => p.extra?.[name] ?? "")];
  });
  // Ids, roster columns and errors come from the roster and the accounts: a spreadsheet or `cat` shows them.
  return [[...CSV_COLUMNS, ...extra], ...rows].map((row) => row.map((cell) => csvCell(plainText(String(cell)))).join(",")).join("\r\n") + "\r\n";
}

function csvCell(text: string): string {
  // A cell starting with = + - @ is a formula to a spreadsheet; a quote in front keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function junitXml(run: GradeRun): string {
  const totals = run.participants.reduce(
    (sum, p) => {
      const s = p.report.summary;
      return { tests: sum.tests + Math.max(1, p.report.results.length), failures: sum.failures + s.failed, errors: sum.errors + s.errors, skipped: sum.skipped + s.skipped };
    },
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  const suites = run.participants.map((p) => (p.status === "graded" ? junitSuite(p.report, p.id) : errorSuite(p))).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="awsomepets-grade" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${(run.wallMs / 1000).toFixed(3)}">\n` +
    `${suites}</testsuites>\n`
  );
}

/** A participant who could not be graded: one errored testcase carrying the reason. */
function errorSuite(p: Graded): string {
  const s = p.report.summary;
  const reason = p.error ?? "";
  return (
    `  <testsuite name="${esc(p.id)}" tests="1" failures="0" errors="1" skipped="0" time="${(p.durationMs / 1000).toFixed(3)}">\n` +
    `    <properties><property name="score" value="${s.score}"/><property name="maxScore" value="${s.maxScore}"/><property name="account" value="${esc(p.account ?? "")}"/></properties>\n` +
    `    <testcase classname="${esc(p.id)}" name="grade" time="${(p.durationMs / 1000).toFixed(3)}">\n      <error message="${esc(reason)}">${esc(reason)}</error>\n    </testcase>\n` +
    `  </testsuite>\n`
  );
}

export interface GradescopeResults {
  score: number;
  max_score: number;
  output?: string;
  tests: { name: string; score: number; max_score: number; status: "passed" | "failed"; output: string }[];
}

/** Gradescope's autograder format: a warn earns its points, as in `check`, so it passes. */
export function gradescope(p: Graded): GradescopeResults {
  const s = p.report.summary;
  const tests = p.report.results.map((result) => ({
    name: `${result.id} ${result.title}`,
    score: result.points,
    max_score: result.maxPoints,
    status: result.status === "pass" || result.status === "warn" ? ("passed" as const) : ("failed" as const),
    output: [result.detail, result.hint].filter(Boolean).join("\n"),
  }));
  return { score: s.score, max_score: s.maxScore, ...(p.error ? { output: p.error } : {}), tests };
}

/** A directory name for a participant: the id's letters, digits and @._- kept, plus a hash when anything was changed. */
export function fileId(id: string): string {
  const safe = id.replace(/[^\p{L}\p{N}@._-]/gu, "_").replace(/^\.+/, "_").slice(0, 80);
  return safe === id ? safe : `${safe}-${createHash("sha256").update(id).digest("hex").slice(0, 8)}`;
}

/** $GITHUB_STEP_SUMMARY takes at most 1 MiB per step; details stop before that. */
const SUMMARY_BUDGET = 900_000;

export function markdownSummary(run: GradeRun, lang: Lang): string {
  const head = [`## ${t(lang, "grade.mdTitle")}`, "", `**${summaryLine(run, lang)}**`, "", `| ${t(lang, "grade.participant")} | ${t(lang, "grade.score")} | ${t(lang, "grade.failing")} |`, "|---|---|---|"];
  const rows = run.participants.map((p) => `| ${cell(p.id)} | ${scoreText(p, lang)} | ${cell(failingText(p, lang, (id) => `\`${id}\``))} |`);
  const bad = run.badRows.length ? ["", `### ${t(lang, "grade.badRowsHeader")}`, "", ...run.badRows.map((row) => `- ${cell(t(lang, "grade.badRow", { line: row.line, message: row.message }))}`)] : [];
  let text = [...head, ...rows, ...bad, ...checksMarkdown(run, lang), "", `### ${t(lang, "grade.mdDetails")}`, ""].join("\n");
  for (const p of run.participants.filter((each) => each.status === "graded")) {
    const details = `<details><summary>${htmlText(p.id)} — ${scoreText(p, lang)}</summary>\n\n${renderMarkdown(p.report)}\n\n</details>\n`;
    if (text.length + details.length > SUMMARY_BUDGET) return `${text}\n${t(lang, "grade.mdTruncated")}\n`;
    text += details;
  }
  return text;
}

/** The per-check table of the step summary, in catalogue order; nothing when nobody was graded. */
function checksMarkdown(run: GradeRun, lang: Lang): string[] {
  const { checks } = classOverview(run);
  if (checks.length === 0) return [];
  const unjudged = checks.some((check) => check.unjudged > 0);
  const head = [t(lang, "report.check"), t(lang, "grade.html.passRate"), ...STATUSES.map((status) => t(lang, `grade.html.status.${status}`)), ...(unjudged ? [t(lang, "grade.html.status.unjudged")] : [])];
  const rows = checks.map((check) => {
    const counts = [...STATUSES.map((status) => check.counts[status]), ...(unjudged ? [check.unjudged] : [])];
    return `| \`${check.id}\` ${cell(check.title)} | ${percent(check.passRate)} (${check.passed}/${judgedOf(check)}) | ${counts.join(" | ")} |`;
  });
  return ["", `### ${t(lang, "grade.mdChecks")}`, "", `| ${head.join(" | ")} |`, `|${"---|".repeat(head.length)}`, ...rows];
}

function judgedOf(check: CheckOverview): number {
  return check.graded - check.unjudged;
}

/** Under the class table: a line per check, the most failed first, so that where the class is stuck leads. */
export function checksText(run: GradeRun, lang: Lang): string {
  const { checks, stuck } = classOverview(run);
  if (checks.length === 0) return "";
  const ordered = [...stuck, ...checks.filter((check) => check.counts.fail === 0)];
  const width = Math.max(...checks.map((check) => check.id.length));
  const lines = ordered.map((check) => {
    const counts = t(lang, "grade.overview.line", { passed: check.passed, judged: judgedOf(check), rate: percent(check.passRate), failed: check.counts.fail });
    const unjudged = check.unjudged > 0 ? `, ${t(lang, "grade.overview.unjudged", { count: check.unjudged })}` : "";
    return `  ${check.id.padEnd(width)}  ${counts}${unjudged}`;
  });
  return `${t(lang, "grade.overview.title")}\n${lines.join("\n")}\n`;
}

export function summaryLine(run: GradeRun, lang: Lang): string {
  const graded = run.participants.filter((p) => p.status === "graded").length;
  const line = t(lang, "grade.summary", { graded, errors: run.participants.length - graded, bad: run.badRows.length, seconds: (run.wallMs / 1000).toFixed(1) });
  return run.interrupted ? `${line} — ${t(lang, "grade.interruptedRun")}` : line;
}

function scoreText(p: Graded, lang: Lang): string {
  if (p.status !== "graded") return "—";
  const s = p.report.summary;
  return s.unjudged > 0 ? t(lang, "grade.scoreUnjudged", { score: s.score, max: s.maxScore, points: s.unjudgedPoints }) : `${s.score} / ${s.maxScore}`;
}

function failingText(p: Graded, lang: Lang, code: (id: string) => string): string {
  if (p.status === "error") return t(lang, "grade.error", { reason: p.error ?? "" });
  const fails = idsWith(p, "fail").map(code);
  const errors = idsWith(p, "error").map((id) => `${code(id)}?`);
  if (fails.length + errors.length > 0) return [...fails, ...errors].join(", ");
  const unjudged = p.report.results.filter((result) => result.unjudged).map((result) => code(result.id));
  if (unjudged.length > 0) return t(lang, "grade.notJudged", { checks: unjudged.join(", ") });
  const skipped = p.report.summary.skipped;
  return skipped > 0 ? t(lang, "grade.noFailures", { skipped }) : t(lang, "grade.allPassed");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function htmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const FAILING_WIDTH = 60;

/** The class table for stdout: participant, account, score, and the failing check ids (or why not graded). */
export function classTable(run: GradeRun, lang: Lang, color: boolean): string {
  kleur.enabled = color;
  const table = new Table({
    head: [t(lang, "grade.participant"), t(lang, "grade.account"), t(lang, "grade.score"), t(lang, "grade.failing")],
    style: { head: [], border: [] },
  });
  for (const p of run.participants) {
    // Ids, accounts and errors come from the roster, the accounts or (--merge) the shards' files: plain text only.
    const text = wrapAnsi(plainText(failingText(p, lang, (id) => id)), FAILING_WIDTH, { hard: true, trim: true });
    const paint = p.status === "error" ? kleur.magenta : p.report.summary.failed + p.report.summary.errors > 0 ? kleur.red : kleur.green;
    table.push([plainText(p.id), plainText(p.account ?? ""), paint(scoreText(p, lang)), text]);
  }
  // The summary line stays last: CI logs and the bench read the run's seconds from the end of stdout.
  return `${table.toString()}\n${plainText(checksText(run, lang))}${summaryLine(run, lang)}\n`;
}
