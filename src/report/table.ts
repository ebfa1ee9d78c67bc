// The participant's table: status, title and detail per check, the hint under each failure, and the score.
import Table from "cli-table3";
import kleur from "kleur";
import wrapAnsi from "wrap-ansi";
import type { Result } from "../engine/run.js";
import type { Lang } from "../i18n/index.js";
import { t } from "../i18n/index.js";
import { renderFixSection } from "./fix.js";
import type { Report } from "./model.js";
import { plainText } from "./plain.js";

export const SYMBOL: Record<Result["status"], string> = { pass: "✔", fail: "✘", warn: "!", skip: "-", error: "?" };

export interface TableOptions {
  /** Colours on a TTY unless NO_COLOR is set (https://no-color.org). */
  color: boolean;
  /** Terminal width, to wrap the detail column. */
  width?: number;
}

const STATUS_WIDTH = 4;
const TITLE_WIDTH = 34;

export function renderTable(report: Report, options: TableOptions): string {
  kleur.enabled = options.color;
  const width = Math.max(72, Math.min(options.width ?? 100, 160));
  const detailWidth = width - STATUS_WIDTH - TITLE_WIDTH - 4;
  // Cells are wrapped here, by display width: cli-table3's own wrapping counts a Korean syllable as one
  // column and then cuts the line it thought fitted, losing the end of a hint.
  const wrap = (text: string, columns: number) => wrapAnsi(text, columns - 2, { hard: true, trim: true });
  const table = new Table({
    head: ["", t(report.lang, "report.check"), t(report.lang, "report.detail")],
    style: { head: [], border: [] },
    colWidths: [STATUS_WIDTH, TITLE_WIDTH, detailWidth],
    wordWrap: false,
  });
  for (const result of report.results) {
    // Details, hints and fix commands quote the account (route keys, names, SDK messages): plain text only.
    table.push([paint(result.status, SYMBOL[result.status]), wrap(`${result.title}\n${kleur.dim(result.id)}`, TITLE_WIDTH), wrap(plainText(result.detail), detailWidth)]);
    if (result.hint) table.push([{ colSpan: 3, content: wrap(`${kleur.yellow("→")} ${plainText(result.hint)}`, width - 2) }]);
  }
  const fix = plainText(renderFixSection(report.results, report.lang));
  return `${table.toString()}\n${scoreLine(report)}\n${fix ? `\n${fix}` : ""}`;
}

function scoreLine(report: Report): string {
  const s = report.summary;
  const score = t(report.lang, "report.score", { score: s.score, max: s.maxScore, passed: s.passed, failed: s.failed, warned: s.warned, skipped: s.skipped, errors: s.errors });
  const unjudged = unjudgedLine(report);
  return unjudged ? `${score}\n${unjudged}` : score;
}

/** Under a --no-live score: which points the live probe would have judged, so the score is not read as final. */
export function unjudgedLine(report: Report): string | undefined {
  const s = report.summary;
  if (s.unjudged === 0) return undefined;
  const checks = report.results.filter((result) => result.unjudged).map((result) => result.id).join(", ");
  return t(report.lang, "report.unjudged", { points: s.unjudgedPoints, max: s.maxScore, checks });
}

function paint(status: Result["status"], text: string): string {
  switch (status) {
    case "pass":
      return kleur.green(text);
    case "fail":
      return kleur.red(text);
    case "warn":
      return kleur.yellow(text);
    case "error":
      return kleur.magenta(text);
    default:
      return kleur.dim(text);
  }
}

export function colorWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !("NO_COLOR" in env && env.NO_COLOR !== "");
}

export type { Lang };
