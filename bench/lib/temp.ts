// A temporary folder for the life of this process: tests and benches make them for an empty HOME, a PATH of one
// `aws`, a bundle to import; each is removed when the process exits, so a run of the suite leaves nothing in
// the machine's temporary folder (it left some 800 folders a day when each caller forgot its own).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];

/** A new folder under the temporary folder, named `prefix` and a random suffix, removed at exit. */
export function processTempDir(prefix: string): string {
  if (made.length === 0) process.once("exit", removeAll);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function removeAll(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
