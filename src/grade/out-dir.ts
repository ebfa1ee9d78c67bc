// --out DIR is checked before anyone is graded (or any shard merged): a folder that cannot be written would
// otherwise fail only after the whole class was graded, with nothing saved. The rule: DIR is new, empty, or
// holds only what grade writes there (the four report files, and gradescope/ holding <id>/results.json
// folders), so that grade never mixes its reports into someone else's files, and may remove the gradescope
// folders it wrote for people no longer in the run.
import { constants } from "node:fs";
import { access, readdir, rm, rmdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Message } from "./roster.js";

export const REPORT_FILES: readonly string[] = ["results.json", "scores.csv", "junit.xml", "report.html"];
export const GRADESCOPE = "gradescope";
/** The one file of a participant's gradescope folder. */
export const GRADESCOPE_FILE = "results.json";

export class OutDirError extends Error {
  constructor(readonly problem: Message) {
    super(problem.key);
  }
}

/**
 * Refuses (OutDirError) a DIR that could not be made, cannot be written or holds anything else. A missing DIR
 * is not made here (writeReports makes it): a run refused later, or a merge of bad shards, leaves nothing behind.
 */
export async function checkOutDir(dir: string): Promise<void> {
  const existing = await nearestExisting(dir);
  if (!existing.folder) throw new OutDirError({ key: "grade.out.notFolder", vars: { dir } });
  try {
    await access(existing.path, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new OutDirError({ key: "grade.out.notWritable", vars: { dir, code: (error as NodeJS.ErrnoException).code ?? "?" } });
  }
  const entry = existing.path === dir ? await foreignEntry(dir) : undefined;
  if (entry) throw new OutDirError({ key: "grade.out.foreign", vars: { dir, entry } });
}

/** DIR itself, or the folder above it nearest to it that exists (where mkdir -p would start), and whether it is a folder. */
async function nearestExisting(dir: string): Promise<{ path: string; folder: boolean }> {
  for (let path = dir; ; path = dirname(path)) {
    try {
      return { path, folder: (await stat(path)).isDirectory() };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: a file is on the way up; the loop reaches it and says it is no folder.
      if ((code !== "ENOENT" && code !== "ENOTDIR") || dirname(path) === path) throw error;
    }
  }
}

/** The first thing in DIR that grade does not write, as a path inside DIR; undefined when there is none. */
async function foreignEntry(dir: string): Promise<string | undefined> {
  // withFileTypes does not follow links: a link named results.json is not grade's, and is never written through.
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && REPORT_FILES.includes(entry.name)) continue;
    if (!(entry.isDirectory() && entry.name === GRADESCOPE)) return entry.name;
    for (const folder of await readdir(join(dir, GRADESCOPE), { withFileTypes: true })) {
      const inside = join(GRADESCOPE, folder.name);
      if (!folder.isDirectory()) return inside;
      const stray = (await readdir(join(dir, inside), { withFileTypes: true })).find((file) => !(file.isFile() && file.name === GRADESCOPE_FILE));
      if (stray) return join(inside, stray.name);
    }
  }
  return undefined;
}

/**
 * Removes the gradescope folders of DIR not named in `keep` (people graded before and no longer in the run),
 * and only those holding nothing but the results.json grade wrote there: anything else is left alone.
 */
export async function removeStaleGradescope(dir: string, keep: ReadonlySet<string>): Promise<void> {
  const root = join(dir, GRADESCOPE);
  for (const folder of await readdir(root, { withFileTypes: true })) {
    if (keep.has(folder.name) || !folder.isDirectory()) continue;
    const files = await readdir(join(root, folder.name), { withFileTypes: true });
    if (files.length !== 1 || !files[0]!.isFile() || files[0]!.name !== GRADESCOPE_FILE) continue;
    await rm(join(root, folder.name, GRADESCOPE_FILE));
    await rmdir(join(root, folder.name));
  }
}
