// GitHub Actions: workflow commands that annotate the run (::error / ::warning), then a Markdown table
// fit for $GITHUB_STEP_SUMMARY.
import type { Result } from "../engine/run.js";
import { renderFixSection } from "./fix.js";
import { unjudgedLine } from "./table.js";
import type { Report } from "./model.js";

const ICON: Record<Result["status"], string> = { pass: "✅", fail: "❌", warn: "⚠️", skip: "⏭️", error: "💥" };

export function renderGithub(report: Report): string {
  const annotations = report.results
    .filter((result) => result.status === "fail" || result.status === "error" || result.status === "warn")
    .map((result) => `::${result.status === "warn" ? "warning" : "error"} title=${command(`${result.id} ${result.title}`, true)}::${command([result.detail, result.hint, ...result.fix.map((fix) => fix.command)].filter(Boolean).join("\n"))}`);
  return `${[...annotations, "", renderMarkdown(report)].join("\n")}\n`;
}

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const rows = report.results.map((result) => `| ${ICON[result.status]} | \`${result.id}\` | ${cell(result.title)} | ${cell([result.detail, result.hint].filter(Boolean).join(" — "))} |`);
  const fix = renderFixSection(report.results, report.lang);
  const fixBlock = fix ? ["", "```", fix.trimEnd(), "```"] : [];
  const unjudged = unjudgedLine(report);
  return [`**${s.score} / ${s.maxScore}** (${s.passed} ✅ ${s.failed} ❌ ${s.warned} ⚠️ ${s.skipped} ⏭️ ${s.errors} 💥)`, ...(unjudged ? ["", unjudged] : []), "", "| | id | check | detail |", "|---|---|---|---|", ...rows, ...fixBlock].join("\n");
}

/** Escapes a workflow command's data (and, for properties, its separators) as the Actions toolkit does. */
function command(text: string, property = false): string {
  let out = text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  if (property) out = out.replace(/:/g, "%3A").replace(/,/g, "%2C");
  return out;
}

function cell(text: string): string {
  // CR alone and CRLF end a Markdown line too (CommonMark), which would cut the table row.
  return text.replace(/\|/g, "\\|").replace(/\r\n|\r|\n/g, "<br>");
}
