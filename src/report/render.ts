// One switch from a format name to its renderer.
import { renderGithub } from "./github.js";
import { renderJunit } from "./junit.js";
import { toJson, type Report } from "./model.js";
import { renderTable, type TableOptions } from "./table.js";

export type Format = "table" | "json" | "junit" | "github";

export function render(report: Report, format: Format, table: TableOptions): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(toJson(report), null, 2)}\n`;
    case "junit":
      return renderJunit(report);
    case "github":
      return renderGithub(report);
    default:
      return renderTable(report, table);
  }
}
