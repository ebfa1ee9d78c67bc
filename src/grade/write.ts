// --out DIR: every report file of the run, written side by side; Gradescope's one directory per participant.
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Lang } from "../i18n/index.js";
import { classResults, fileId, gradescope, junitXml, markdownSummary, scoresCsv } from "./report.js";
import type { GradeRun } from "./run.js";

export async function writeReports(dir: string, run: GradeRun): Promise<void> {
  await mkdir(join(dir, "gradescope"), { recursive: true });
  await Promise.all([
    writeFile(join(dir, "results.json"), `${JSON.stringify(classResults(run), null, 2)}\n`),
    writeFile(join(dir, "scores.csv"), scoresCsv(run)),
    writeFile(join(dir, "junit.xml"), junitXml(run)),
    ...run.participants.map(async (p) => {
      const folder = join(dir, "gradescope", fileId(p.id));
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, "results.json"), `${JSON.stringify(gradescope(p), null, 2)}\n`);
    }),
  ]);
}

/** Under GitHub Actions, the run's page shows this Markdown ($GITHUB_STEP_SUMMARY, appended to). */
export async function writeStepSummary(run: GradeRun, lang: Lang, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  await appendFile(file, `${markdownSummary(run, lang)}\n`);
  return true;
}
