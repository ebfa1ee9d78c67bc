// A stop signal that comes before `check` has handed its work a stop (here while its embedded lab starts)
// ends it with the interrupted status (130) like one that comes during the work, not by Node dying of the
// signal (which a shell shows as 143 for SIGTERM, 129 for SIGHUP).
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { cliEnv, startCli } from "../helpers/cli.js";
import { Watched } from "../helpers/watched.js";

const test = suite("stop signals before the work starts");

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  test(`${signal} while check --lab prepares its lab: exit 130`, async () => {
    const child = startCli(["--lab", "--lang", "en"], cliEnv(undefined));
    const watched = new Watched(child);
    try {
      await watched.until((_out, err) => err.includes("Preparing an embedded local lab"), "the embedded lab's first line", 60_000);
      child.kill(signal);
      assert.equal(await watched.exitWithin(60_000), { code: 130, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
}

/**
 * The launcher (scripts/cli.mjs) copied beside a stand-in bundle that says it is loading and never finishes,
 * as a big bundle's import is still under way: the stop must come while the launcher alone can answer it.
 */
async function launcherWithSlowBundle(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "awsomepets-launcher-"));
  await mkdir(join(root, "scripts"));
  await mkdir(join(root, "dist"));
  await copyFile(fileURLToPath(new URL("../../scripts/cli.mjs", import.meta.url)), join(root, "scripts/cli.mjs"));
  await writeFile(join(root, "dist/check.mjs"), 'process.stdout.write("loading\\n");\nawait new Promise(() => setInterval(() => {}, 60_000));\n');
  return root;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  test(`${signal} while the launcher is still loading the command's bundle: exit 130`, async () => {
    const root = await launcherWithSlowBundle();
    const child = spawn(process.execPath, [join(root, "scripts/cli.mjs"), "check"]);
    const watched = new Watched(child);
    try {
      await watched.until((out) => out.includes("loading"), "the stand-in bundle's first line", 60_000);
      child.kill(signal);
      assert.equal(await watched.exitWithin(60_000), { code: 130, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await rm(root, { recursive: true, force: true });
    }
  });
}

test.run();
