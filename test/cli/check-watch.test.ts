// `check --watch 1`: the real CLI re-runs every second; when the account changes between runs (step 2
// applied through the public API) it prints what changed since the last run; Ctrl-C (SIGINT) ends it
// cleanly with the exit code of the last report. Every wait is bounded and watches the child's output.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { applyStep2 } from "../../src/scenarios/seed.js";
import { cliEnv, startCli } from "../helpers/cli.js";
import { startSeededLab, type SeededLab } from "../helpers/seeded.js";
import { Watched } from "../helpers/watched.js";
import { CHECK_IDS, expectedNoLive } from "../expected/verdicts.js";
import { printingErrors } from "../helpers/hooks.js";

const test = suite<{ lab: SeededLab }>("check --watch", { lab: undefined as unknown as SeededLab });

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startSeededLab();
}));

test.after(async (ctx) => {
  await ctx.lab?.close();
});

const count = (text: string, needle: string) => text.split(needle).length - 1;

// Step 2's checks on a step-1 account without the probe (the verdict table): those that fail until step 2 is
// applied, and those that stay skipped (not judged) either way.
const STEP1 = expectedNoLive("step1");
const STEP2_IDS = CHECK_IDS.filter((id) => id.startsWith("s2."));
const STEP2_FIXED = STEP2_IDS.filter((id) => STEP1[id] === "fail");
const STEP2_SKIPPED = STEP2_IDS.filter((id) => STEP1[id] === "skip");
const inStep1 = (ids: readonly (keyof typeof STEP1)[], status: string) => ids.filter((id) => STEP1[id] === status).length;

test("--watch 1: re-runs, shows what changed after step 2 is applied, and exits cleanly on Ctrl-C", async ({ lab }) => {
  const { main } = lab;
  const child = startCli(
    ["--endpoint", lab.testLab.lab.endpoint, "--region", lab.testLab.region, "--watch", "1", "--no-live", "--step", "2", "--lang", "en"],
    cliEnv(main.target.credentials),
  );
  const watched = new Watched(child);
  try {
    // Two runs on the unchanged account: the second says nothing changed.
    await watched.until((out) => count(out, "Score ") >= 2 && out.includes("Nothing changed since the last run."), "second run");
    assert.match(watched.stdout, new RegExp(`Score \\d+/\\d+ — ${inStep1(STEP2_IDS, "pass")} passed, ${STEP2_FIXED.length} failed, ${inStep1(STEP2_IDS, "warn")} warned, ${STEP2_SKIPPED.length} skipped, 0 errors`));
    assert.not.match(watched.stdout, /Changed since the last run:/);

    await applyStep2(main.target, main.resources);
    await watched.until(
      (out) => STEP2_FIXED.every((id) => out.includes(`  ${id}: fail → pass`)),
      "change lines for every step-2 check",
    );
    assert.match(watched.stdout, /Changed since the last run:\n(  \S+: \S+ → \S+\n)+/);
    // Without the probe, the deployment and the live checks stay skipped (not judged): no change to show.
    for (const id of STEP2_SKIPPED) assert.not.ok(watched.stdout.includes(`  ${id}:`), `${id} stayed skipped`);
    assert.match(watched.stderr, /Checking again in 1 s \(Ctrl-C stops\)…/);

    const runsBefore = count(watched.stdout, "Score ");
    child.kill("SIGINT");
    const exit = await watched.exitWithin(30_000);
    assert.equal(exit, { code: 0, signal: null }, "it exits by itself, with the last report's code (nothing failed)");
    assert.ok(count(watched.stdout, "Score ") <= runsBefore + 1, "at most the run in progress finishes after Ctrl-C");
    assert.not.match(watched.stderr, /Checker error|Error:|NodeVersionSupportWarning/);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

test("--watch without seconds watches every 5 s (the documented default), and Ctrl-C during the wait ends it", async ({ lab }) => {
  const child = startCli(["--endpoint", lab.testLab.lab.endpoint, "--region", lab.testLab.region, "--watch", "--no-live", "--lang", "en"], cliEnv(lab.main.target.credentials));
  const watched = new Watched(child);
  try {
    await watched.until((_, stderr) => stderr.includes("Checking again in 5 s"), "the watch line on stderr");
    child.kill("SIGINT");
    const exit = await watched.exitWithin(30_000);
    // The account is at step 2 now (the test above applied it), deployed or not confirmed: nothing failed.
    assert.equal(exit, { code: 0, signal: null });
    assert.is(count(watched.stdout, "Score "), 1, "one run, then the wait Ctrl-C cut short");
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

test.run();
