// The --out rule on a real file system: a folder is grade's when it is new, empty or holds only what grade
// writes; what writeReports writes always passes the rule (a report file added later must be added to it);
// anything else, a link or a file in the way is refused by name; stale gradescope folders go, others stay.
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkOutDir, OutDirError, removeStaleGradescope } from "../../src/grade/out-dir.js";
import type { GradeRun } from "../../src/grade/run.js";
import { writeReports } from "../../src/grade/write.js";
import { mixedReport } from "../helpers/reports.js";
import { printingErrors } from "../helpers/hooks.js";

const out = suite<{ dir: string }>("grade --out: whose folder it is");

out.before(printingErrors(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), "grade-out-dir-"));
}));
out.after(async (ctx) => {
  await rm(ctx.dir, { recursive: true, force: true });
});

/** The problem checkOutDir refuses the folder with, or undefined when it takes it. */
async function refusal(dir: string): Promise<OutDirError["problem"] | undefined> {
  try {
    await checkOutDir(dir);
    return undefined;
  } catch (error) {
    if (error instanceof OutDirError) return error.problem;
    throw error;
  }
}

function runOf(ids: string[]): GradeRun {
  const report = mixedReport("en");
  const participants = ids.map((id, i) => ({ id, line: i + 2, status: "graded" as const, account: "111122223333", error: null, report, durationMs: 1 }));
  return { runId: "r", startedAt: "", finishedAt: "", step: "all", lang: "en", participants, badRows: [], throttledCalls: 0, wallMs: 1 };
}

out("a new folder (parents too) is taken without being made yet, and so is an empty one", async (ctx) => {
  const base = join(ctx.dir, "base");
  await mkdir(base);
  assert.is(await refusal(join(base, "new", "grades")), undefined);
  assert.equal(await readdir(base), [], "nothing is made: a run refused later leaves nothing behind");
  await mkdir(join(ctx.dir, "empty"));
  assert.is(await refusal(join(ctx.dir, "empty")), undefined);
});

out("what writeReports writes is grade's own: the folder is taken again", async (ctx) => {
  const dir = join(ctx.dir, "ours");
  await writeReports(dir, runOf(["kim@example.com", "lee@example.com"]));
  assert.is(await refusal(dir), undefined);
});

out("a file in the way is refused as not a folder, whether it is the folder itself or one above it", async (ctx) => {
  const file = join(ctx.dir, "file");
  await writeFile(file, "x");
  assert.equal(await refusal(file), { key: "grade.out.notFolder", vars: { dir: file } });
  assert.equal(await refusal(join(file, "grades")), { key: "grade.out.notFolder", vars: { dir: join(file, "grades") } });
});

out("anything grade does not write is refused by its path: a file, a link, a folder named as a report, a stray in gradescope/", async (ctx) => {
  const cases: [string, (dir: string) => Promise<unknown>, string][] = [
    ["notes", (dir) => writeFile(join(dir, "notes.txt"), "x"), "notes.txt"],
    ["link", (dir) => symlink(join(ctx.dir, "elsewhere"), join(dir, "results.json")), "results.json"],
    ["folder", (dir) => mkdir(join(dir, "report.html")), "report.html"],
    ["loose", (dir) => mkdir(join(dir, "gradescope")).then(() => writeFile(join(dir, "gradescope", "kim"), "x")), join("gradescope", "kim")],
    ["extra", (dir) => mkdir(join(dir, "gradescope", "kim"), { recursive: true }).then(() => writeFile(join(dir, "gradescope", "kim", "notes.txt"), "x")), join("gradescope", "kim", "notes.txt")],
  ];
  for (const [name, make, entry] of cases) {
    const dir = join(ctx.dir, `foreign-${name}`);
    await mkdir(dir);
    await make(dir);
    assert.equal(await refusal(dir), { key: "grade.out.foreign", vars: { dir, entry } }, name);
  }
});

out("stale gradescope folders go; those kept, and those holding anything but results.json, stay", async (ctx) => {
  const dir = join(ctx.dir, "stale");
  await writeReports(dir, runOf(["kim", "lee", "park"]));
  await mkdir(join(dir, "gradescope", "mine"));
  await writeFile(join(dir, "gradescope", "mine", "results.json"), "{}");
  await writeFile(join(dir, "gradescope", "mine", "notes.txt"), "x");
  await removeStaleGradescope(dir, new Set(["lee"]));
  assert.equal((await readdir(join(dir, "gradescope"))).sort(), ["lee", "mine"]);
  assert.equal((await readdir(join(dir, "gradescope", "mine"))).sort(), ["notes.txt", "results.json"]);
});

out("writeReports for a smaller class removes the others' gradescope folders", async (ctx) => {
  const dir = join(ctx.dir, "smaller");
  await writeReports(dir, runOf(["kim", "lee"]));
  await writeReports(dir, runOf(["lee"]));
  assert.equal(await readdir(join(dir, "gradescope")), ["lee"]);
});

out.run();
