// --out DIR: every report file of the run, written side by side; Gradescope's one directory per participant.
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Lang } from "../i18n/index.js";
import { reportHtml } from "./html.js";
import { removeStaleGradescope } from "./out-dir.js";
import { classResults, fileId, gradescope, junitXml, markdownSummary, scoresCsv } from "./report.js";
import type { GradeRun } from "./run.js";

export interface WriteOptions {
  /** report.html's language; by default the run's. */
  lang?: Lang;
  /** report.html reloads itself this often (a run that writes its reports again as it goes). */
  refreshSeconds?: number;
}

export async function writeReports(dir: string, run: GradeRun, options: WriteOptions = {}): Promise<void> {
  await mkdir(join(dir, "gradescope"), { recursive: true });
  await Promise.all([
    writeFile(join(dir, "report.html"), reportHtml(run, { lang: options.lang ?? langOf(run), refreshSeconds: options.refreshSeconds })),
    writeFile(join(dir, "results.json"), `${JSON.stringify(classResults(run), null, 2)}\n`),
    writeFile(join(dir, "scores.csv"), scoresCsv(run)),
    writeFile(join(dir, "junit.xml"), junitXml(run)),
    ...run.participants.map(async (p) => {
      const folder = join(dir, "gradescope", fileId(p.id));
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, "results.json"), `${JSON.stringify(gradescope(p), null, 2)}\n`);
    }),
  ]);
  // A DIR graded before (checkOutDir let it through) may hold folders of people no longer on the roster.
  await removeStaleGradescope(dir, new Set(run.participants.map((p) => fileId(p.id))));
}

/** The run's language: a run from before GradeRun recorded it has it in its participants' reports. */
function langOf(run: GradeRun): Lang {
  return (run as { lang?: Lang }).lang ?? run.participants[0]?.report.lang ?? "ko";
}

/** Under GitHub Actions, the run's page shows this Markdown ($GITHUB_STEP_SUMMARY, appended to). */
export async function writeStepSummary(run: GradeRun, lang: Lang, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  await appendFile(file, `${markdownSummary(run, lang)}\n`);
  return true;
}
