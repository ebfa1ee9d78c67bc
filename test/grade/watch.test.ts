// grade --watch MINUTES and grade's signals: rounds during the workshop that say who moved forward, an
// account that did not change is not probed again, and a run stopped by a signal reports what it has as
// interrupted (exit 130), every participant it did not finish an error and no probe row left behind.
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checks } from "../../checks/index.js";
import { createClients } from "../../src/aws/clients.js";
import { checkAccount } from "../../src/check.js";
import { runChecks, summarize } from "../../src/engine/run.js";
import type { Graded, GradeRun } from "../../src/grade/run.js";
import { movementLines, movements, pause } from "../../src/grade/watch.js";
import { createLab, DEFAULT_KEY, LAB_REGION, type Lab } from "../../src/lab/index.js";
import { applyStep2 } from "../../src/scenarios/seed.js";
import { PROBE_PREFIX } from "../../src/probe/probe-id.js";
import { TABLE_NAME } from "../../src/workshop/callback-table.js";
import { DISABLED_PROBE } from "../helpers/expected-probe.js";
import { cliEnv, startCli } from "../helpers/cli.js";
import { loadFixture } from "../helpers/fixtures.js";
import { Watched } from "../helpers/watched.js";
import { buildClass, rosterCsv, type ClassAccount } from "./class-lab.js";
import { printingErrors } from "../helpers/hooks.js";
import { documentClient } from "../../src/aws/documents.js";

function gradedFrom(id: string, scenario: string): Graded {
  const results = runChecks({ checks, snapshot: loadFixture(scenario), probe: DISABLED_PROBE, lang: "en" });
  const report = { account: "111122223333", region: LAB_REGION, apiId: "abc", summary: summarize(results), results, lang: "en" as const };
  return { id, line: 2, status: "graded", account: report.account, error: null, report, durationMs: 1 };
}

function round(...participants: Graded[]): GradeRun {
  return { runId: "r", startedAt: "", finishedAt: "", step: "all", lang: "en", participants, badRows: [], throttledCalls: 0, wallMs: 1 };
}

const rounds = suite("grade --watch: between rounds");

rounds("who moved forward (score up, the checks now passing) and who went back; the unchanged are not named", () => {
  const first = round(gradedFrom("kim", "step1"), gradedFrom("lee", "solved"), gradedFrom("park", "step1"));
  const second = round(gradedFrom("kim", "missing-permission-default"), gradedFrom("lee", "missing-permission-default"), gradedFrom("park", "step1"));
  const { forward, back } = movements(first, second);
  assert.equal(forward.map((m) => m.id), ["kim"]);
  assert.ok(forward[0]!.to > forward[0]!.from);
  assert.ok(forward[0]!.nowPassing.includes("s2.disconnect-permission"), forward[0]!.nowPassing.join());
  assert.not.ok(forward[0]!.nowPassing.includes("s2.default-permission"));
  assert.equal(back.map((m) => m.id), ["lee"]);
  assert.equal(back[0]!.noLongerPassing, ["s2.default-permission"]);
  const lines = movementLines(first, second, "en").join("\n");
  assert.match(lines, /Since the last round, 1 moved forward:\n  ▲ kim: \d+ → \d+ \/ \d+ \(now passing: .*s2\.disconnect-permission/);
  assert.match(lines, /1 went back:\n  ▼ lee: \d+ → \d+ \/ \d+ \(no longer passing: s2\.default-permission\)/);
  assert.not.match(lines, "park");
  assert.equal(movementLines(first, first, "ko"), ["지난 회차 이후 변화가 없습니다."]);
});

rounds("the wait between rounds ends at once when stopped, and runs its time otherwise", async () => {
  const abort = new AbortController();
  const waiting = pause(60_000, abort.signal);
  abort.abort();
  assert.is(await waiting, false);
  assert.is(await pause(5, new AbortController().signal), true);
  assert.is(await pause(60_000, abort.signal), false, "already stopped: no wait at all");
});

rounds.run();

interface Ctx {
  lab: Lab;
  accounts: ClassAccount[];
  dir: string;
}

const live = suite<Ctx>("grade --watch and signals on the lab");

live.before(printingErrors(async (ctx) => {
  ctx.lab = await createLab();
  ctx.accounts = await buildClass(ctx.lab, ["step1", "solved", "solved", "solved"], 60);
  ctx.dir = await mkdtemp(join(tmpdir(), "grade-watch-"));
}));

live.after(async (ctx) => {
  await ctx.lab?.close();
  if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
});

function instructorEnv(): NodeJS.ProcessEnv {
  return cliEnv(DEFAULT_KEY, { AWS_REGION: LAB_REGION });
}

async function probeRowsLeft(account: ClassAccount): Promise<number> {
  const clients = createClients(account.target);
  try {
    const rows = await documentClient(clients.dynamodb).send(new ScanCommand({ TableName: TABLE_NAME }));
    // The probe's pending row and the connection row the connect function writes both carry the probe's id.
    return (rows.Items ?? []).filter((item) => String(item.orderId).startsWith(PROBE_PREFIX)).length;
  } finally {
    clients.destroy();
  }
}

live("an account that reads as it did is not probed again; a changed one is", async ({ lab, accounts }) => {
  const solved = accounts[1]!;
  const settings = { endpoint: lab.endpoint, region: LAB_REGION, credentials: solved.target.credentials };
  const first = await checkAccount({ step: "all", lang: "en", live: true, clientSettings: settings });
  assert.ok(first.probe && first.snapshot && !first.probe.skipped, "the first round probes");
  const again = await checkAccount({ step: "all", lang: "en", live: true, clientSettings: settings, earlier: { snapshot: first.snapshot!, probe: first.probe! } });
  assert.is(again.probe, first.probe, "unchanged: the earlier probe stands");
  assert.equal(again.report.results.map((r) => r.status), first.report.results.map((r) => r.status));
  const changed = structuredClone(first.snapshot!);
  changed.routes = changed.routes.slice(1);
  const probedAgain = await checkAccount({ step: "all", lang: "en", live: true, clientSettings: settings, earlier: { snapshot: changed, probe: first.probe! } });
  assert.is.not(probedAgain.probe, first.probe, "changed since: probed again");
  assert.is.not(probedAgain.probe!.probeId, first.probe!.probeId);
});

live("--watch: a round, then another that names who moved forward; report.html reloads itself; Ctrl-C while waiting ends it (exit 0)", async ({ lab, accounts, dir }) => {
  const [behind] = accounts;
  const roster = join(dir, "watch.csv");
  await writeFile(roster, rosterCsv(accounts.slice(0, 2)));
  const out = join(dir, "watch-out");
  // 0.05 min = 3 s between rounds: the rounds follow each other while the test changes an account.
  const child = startCli(["--roster", roster, "--endpoint", lab.endpoint, "--no-live", "--out", out, "--watch", "0.05", "--lang", "en"], instructorEnv(), [], "grade");
  const watched = new Watched(child);
  try {
    await watched.until((_, err) => err.includes("Next round at"), "the end of the first round", 120_000);
    assert.match(watched.stderr, /Round 1 \(\d\d:\d\d:\d\d\)/);
    const html = await readFile(join(out, "report.html"), "utf8");
    assert.match(html, /<meta http-equiv="refresh" content="3">/);
    await applyStep2(behind!.target, behind!.resources);
    await watched.until((outText) => outText.includes(`▲ ${behind!.id}:`), "a round naming the participant who moved forward", 120_000);
    assert.match(watched.stdout, new RegExp(`▲ ${behind!.id.replace(".", "\\.")}: \\d+ → \\d+ / \\d+ \\(now passing: [^)]*s2\\.disconnect-permission`));
    await watched.until((_, err) => err.split("Next round at").length - 1 >= 2, "the wait after that round", 120_000);
    child.kill("SIGINT");
    const exit = await watched.exitWithin(60_000);
    assert.equal(exit, { code: 0, signal: null }, watched.stderr);
    assert.match(watched.stderr, "Stopped watching");
    const results = JSON.parse(await readFile(join(out, "results.json"), "utf8"));
    assert.not.ok(results.run.interrupted, "the last whole round's reports stay");
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

live("a signal during the probes: reports marked interrupted, the participants cut off are errors, exit 130, no probe row left", async ({ lab, accounts, dir }) => {
  const solvedOnes = accounts.slice(1);
  const roster = join(dir, "signal.csv");
  await writeFile(roster, rosterCsv(solvedOnes));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const out = join(dir, `signal-${signal}`);
    const child = startCli(["--roster", roster, "--endpoint", lab.endpoint, "--out", out, "--concurrency", "1", "--lang", "en"], instructorEnv(), [], "grade");
    const watched = new Watched(child);
    try {
      await waitForProbeRow(solvedOnes[0]!);
      child.kill(signal);
      const exit = await watched.exitWithin(60_000);
      assert.equal(exit, { code: 130, signal: null }, `${signal}: ${watched.stderr}`);
      const results = JSON.parse(await readFile(join(out, "results.json"), "utf8"));
      assert.is(results.run.interrupted, true, signal);
      assert.equal(
        results.participants.map((p: { status: string }) => p.status),
        solvedOnes.map(() => "error"),
        `${signal}: the one cut off mid-probe and those never started are errors, never graded`,
      );
      assert.match(watched.stdout, "INTERRUPTED");
      for (const account of solvedOnes) assert.is(await probeRowsLeft(account), 0, `${signal}: no probe row left in ${account.id}`);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }
});

/** Polls (bounded) until the probe's pending row is in the participant's table. */
async function waitForProbeRow(account: ClassAccount): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await probeRowsLeft(account)) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no probe row appeared in ${account.id}'s table within 120 s`);
}

live.run();
