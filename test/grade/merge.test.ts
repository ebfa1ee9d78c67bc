// --merge against the real thing: a class on the lab graded once whole and once as 3 shards by the real
// command, the shards merged by the real command, and every report compared with the whole run's. Then the
// shards that must not merge (one missing, one twice, a participant in two, another roster, a whole run,
// garbage), each refused with exit 2 and a message naming the problem, in Korean and in English.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { MergeError, mergeShards } from "../../src/grade/merge.js";
import { textOf } from "../../src/grade/run.js";
import { createLab, DEFAULT_KEY, LAB_REGION, type Lab } from "../../src/lab/index.js";
import { cliEnv, mapLimit, runCli, type CliRun } from "../helpers/cli.js";
import { buildClass, type ClassAccount } from "./class-lab.js";
import { printingErrors } from "../helpers/hooks.js";

const SCENARIOS = ["solved", "step1", "not-deployed", "swapped-functions", "api-missing"];
const GRADE_TIMEOUT_MS = 180_000;

interface Ctx {
  lab: Lab;
  accounts: ClassAccount[];
  dir: string;
  /** The class graded at once: its --out folder, step summary and what it printed. */
  whole: Graded;
  /** The same class as --shard 1/3, 2/3, 3/3 (one GitHub run), and a two-row class as its one shard 1/1. */
  shards: Graded[];
  small: Graded;
}

interface Graded {
  out: string;
  summary: string;
  run: CliRun;
}

const merge = suite<Ctx>("grade --merge: shards of a class made into the whole class's reports");

/**
 * Eight rows: five accounts of the lab, a row with a malformed ARN (an error of that participant and a bad
 * row), an account the lab has never seen (AssumeRole fails), and a second row of an id (a bad row only).
 * The shards are lines 2-3, 4-6 and 7-9.
 */
function classCsv(accounts: ClassAccount[]): string {
  const row = (account: ClassAccount, name: string) => `${account.id},${account.roleArn},${LAB_REGION},${name}`;
  const [a, b, c, d, e] = accounts as [ClassAccount, ClassAccount, ClassAccount, ClassAccount, ClassAccount];
  return [
    "id,role_arn,region,name",
    row(a, "김민수"),
    row(b, "Lee"),
    "bad-arn@example.com,arn:aws:iam::12:role/AWSomePetsGrader,,Park",
    row(c, "Choi"),
    "untrusted@example.com,arn:aws:iam::999988887777:role/AWSomePetsGrader,,Jung",
    row(d, "Kang"),
    `${a.id},${a.roleArn},,again`,
    row(e, "Yoon"),
  ].join("\n");
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cliEnv(DEFAULT_KEY, { AWS_REGION: LAB_REGION, ...extra });
}

async function grade(ctx: Ctx, roster: string, name: string, more: string[], extra: Record<string, string> = {}): Promise<Graded> {
  const out = join(ctx.dir, name);
  const summary = join(ctx.dir, `${name}.md`);
  const args = ["--roster", roster, "--endpoint", ctx.lab.endpoint, "--no-live", "--lang", "en", "--out", out, ...more];
  const run = await runCli(args, env({ GITHUB_STEP_SUMMARY: summary, ...extra }), { command: "grade", timeoutMs: GRADE_TIMEOUT_MS });
  return { out, summary, run };
}

function mergeCli(args: string[], extra: Record<string, string> = {}): Promise<CliRun> {
  return runCli(["--merge", ...args], env(extra), { command: "grade", timeoutMs: GRADE_TIMEOUT_MS });
}

merge.before(printingErrors(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), "grade-merge-"));
  ctx.lab = await createLab();
  ctx.accounts = await buildClass(ctx.lab, SCENARIOS);
  const roster = join(ctx.dir, "class.csv");
  const small = join(ctx.dir, "small.csv");
  await writeFile(roster, classCsv(ctx.accounts));
  await writeFile(small, ["id,role_arn", ...ctx.accounts.slice(0, 2).map((a) => `${a.id},${a.roleArn}`)].join("\n"));
  // The matrix of one workflow run shares GitHub's run id.
  const github = { GITHUB_RUN_ID: "4242", GITHUB_RUN_ATTEMPT: "1" };
  const jobs = [
    () => grade(ctx, roster, "whole", []),
    ...[1, 2, 3].map((i) => () => grade(ctx, roster, `shard-${i}`, ["--shard", `${i}/3`], github)),
    () => grade(ctx, small, "small", ["--shard", "1/1"]),
  ];
  const runs = await mapLimit(jobs, 3, (job) => job());
  for (const { run } of runs) if (run.code === 2 || run.code === null) throw new Error(`grade failed (${run.code}): ${run.stderr}`);
  [ctx.whole] = runs;
  ctx.shards = runs.slice(1, 4);
  ctx.small = runs[4]!;
}));
merge.after(async (ctx) => {
  await ctx.lab?.close();
  if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
});

const read = (dir: string, file: string) => readFile(join(dir, file), "utf8");

/** results.json without what differs from run to run: the run's id and times, and each participant's and check's time. */
function timeless(text: string) {
  const { run, participants, ...rest } = JSON.parse(text);
  const { id: _id, startedAt: _s, finishedAt: _f, wallMs: _w, ...record } = run;
  const each = participants.map(({ durationMs: _, results, ...p }: { durationMs: number; results: { durationMs: number }[] }) => ({
    ...p,
    results: results.map(({ durationMs: _d, ...result }) => result),
  }));
  return { ...rest, run: record, participants: each };
}

/** The seconds a run took, which the summary line and junit.xml carry, taken out. */
const withoutSeconds = (text: string) => text.replace(/\(\d+\.\d s\)/g, "(… s)").replace(/ time="[\d.]+"/g, ' time="…"');

merge("the 3 shards merged give exactly the reports of grading the whole roster at once", async (ctx) => {
  const out = join(ctx.dir, "merged");
  const summary = join(ctx.dir, "merged.md");
  // Given out of order, as a shell's glob may: the roster's order comes from the shards' indexes.
  const [one, two, three] = ctx.shards.map((shard) => shard.out);
  const run = await mergeCli([three!, one!, two!, "--out", out, "--lang", "en"], { GITHUB_STEP_SUMMARY: summary });
  assert.is(run.code, 1, `a participant not graded and bad rows: exit 1, as the whole run gave (${run.stderr})`);
  assert.is(ctx.whole.run.code, 1);

  const whole = ctx.whole.out;
  assert.equal((await readdir(out)).sort(), (await readdir(whole)).sort(), "the same files, report.html too when written");
  const [merged, single] = [JSON.parse(await read(out, "results.json")), JSON.parse(await read(whole, "results.json"))];
  assert.equal(timeless(await read(out, "results.json")), timeless(await read(whole, "results.json")));
  assert.equal(
    merged.participants.map((p: { id: string; line: number }) => [p.line, p.id]),
    [
      [2, ctx.accounts[0]!.id],
      [3, ctx.accounts[1]!.id],
      [4, "bad-arn@example.com"],
      [5, ctx.accounts[2]!.id],
      [6, "untrusted@example.com"],
      [7, ctx.accounts[3]!.id],
      [9, ctx.accounts[4]!.id],
    ],
  );
  assert.equal(merged.badRows.map((row: { line: number }) => row.line), [4, 8]);
  assert.equal([merged.run.shard, single.run.shard], [null, null], "the merged run is the whole roster");
  assert.equal(merged.run.roster, single.run.roster);
  assert.is(merged.run.id, "github-4242-1", "the shards' shared run id");
  assert.ok(merged.run.startedAt <= merged.run.finishedAt);
  assert.is(merged.run.wallMs, Date.parse(merged.run.finishedAt) - Date.parse(merged.run.startedAt));

  assert.is(await read(out, "scores.csv"), await read(whole, "scores.csv"), "scores.csv byte for byte");
  assert.is(withoutSeconds(await read(out, "junit.xml")), withoutSeconds(await read(whole, "junit.xml")));
  const folders = (await readdir(join(whole, "gradescope"))).sort();
  assert.equal((await readdir(join(out, "gradescope"))).sort(), folders);
  assert.is(folders.length, 7);
  for (const folder of folders) {
    const file = join("gradescope", folder, "results.json");
    assert.is(await read(out, file), await read(whole, file), file);
  }
  assert.is(withoutSeconds(run.stdout), withoutSeconds(ctx.whole.run.stdout), "the class table");
  assert.is(withoutSeconds(await readFile(summary, "utf8")), withoutSeconds(await readFile(ctx.whole.summary, "utf8")), "the step summary");
});

merge("each shard records its slice and roster; shards of different runs merge under a fresh run id; all graded exits 0", async (ctx) => {
  const records = await Promise.all(ctx.shards.map(async (shard) => JSON.parse(await read(shard.out, "results.json")).run));
  assert.equal(records.map((run) => run.shard), [1, 2, 3].map((index) => ({ index, count: 3 })));
  assert.equal(records.map((run) => run.roster.rows), [8, 8, 8]);
  assert.match(records[0].roster.sha256, /^[0-9a-f]{64}$/);

  const rerun = await edited(ctx, shardDir(ctx, 2), "rerun-2", (json) => (json.run.id = "github-4242-2"));
  const { run } = await mergeShards([shardDir(ctx, 1), rerun, shardDir(ctx, 3)], { GITHUB_RUN_ID: "5150" });
  assert.is(run.runId, "github-5150-1", "the merging run's own id, when the shards' differ");

  const out = join(ctx.dir, "small-merged");
  const small = await mergeCli([ctx.small.out, "--out", out]);
  assert.is(small.code, 0, small.stderr);
  const merged = JSON.parse(await read(out, "results.json"));
  assert.equal(merged.participants.map((p: { status: string }) => p.status), ["graded", "graded"]);
});

interface Refusal {
  name: string;
  args: (ctx: Ctx) => Promise<string[]>;
  /** What the message says, in each language. */
  en: (ctx: Ctx) => string[];
  ko: (ctx: Ctx) => string[];
}

/** A copy of a shard's folder whose results.json is changed by `edit`. */
async function edited(ctx: Ctx, from: string, name: string, edit: (json: any) => void): Promise<string> {
  const dir = join(ctx.dir, name);
  await cp(from, dir, { recursive: true });
  const json = JSON.parse(await read(dir, "results.json"));
  edit(json);
  await writeFile(join(dir, "results.json"), JSON.stringify(json));
  return dir;
}

async function withResults(ctx: Ctx, name: string, text: string | undefined): Promise<string> {
  const dir = join(ctx.dir, name);
  await mkdir(dir, { recursive: true });
  if (text !== undefined) await writeFile(join(dir, "results.json"), text);
  return dir;
}

const shardDir = (ctx: Ctx, i: number) => ctx.shards[i - 1]!.out;
const fileOf = (dir: string) => join(dir, "results.json");

const REFUSALS: Refusal[] = [
  {
    name: "a shard missing",
    args: async (ctx) => [shardDir(ctx, 1), shardDir(ctx, 3)],
    en: () => ["Shards 2 of 3 are missing"],
    ko: () => ["조각 3개 중 2번이 없습니다"],
  },
  {
    name: "a shard given twice",
    args: async (ctx) => [shardDir(ctx, 1), shardDir(ctx, 2), await edited(ctx, shardDir(ctx, 1), "again-1", () => {}), shardDir(ctx, 3)],
    en: (ctx) => ["Shard 1/3 is given twice", fileOf(shardDir(ctx, 1)), fileOf(join(ctx.dir, "again-1"))],
    ko: (ctx) => ["조각 1/3번이 두 번 주어졌습니다", fileOf(join(ctx.dir, "again-1"))],
  },
  {
    name: "a participant in two shards",
    args: async (ctx) => {
      const second = JSON.parse(await read(shardDir(ctx, 2), "results.json"));
      return [shardDir(ctx, 1), shardDir(ctx, 2), await edited(ctx, shardDir(ctx, 3), "overlap-3", (json) => json.participants.push(second.participants[1]))];
    },
    en: (ctx) => [`Participant ${ctx.accounts[2]!.id} is in two shards`, fileOf(shardDir(ctx, 2)), fileOf(join(ctx.dir, "overlap-3"))],
    ko: (ctx) => [`참가자 ${ctx.accounts[2]!.id}: 두 조각에 모두 있습니다`, fileOf(join(ctx.dir, "overlap-3"))],
  },
  {
    name: "a shard of another roster",
    args: async (ctx) => [shardDir(ctx, 1), shardDir(ctx, 2), ctx.small.out],
    en: (ctx) => [`${fileOf(ctx.small.out)} was graded from another roster than ${fileOf(shardDir(ctx, 1))}`],
    ko: (ctx) => [`${fileOf(ctx.small.out)}은 ${fileOf(shardDir(ctx, 1))}과 다른 명단으로 채점했습니다`],
  },
  {
    name: "a shard of another step",
    args: async (ctx) => [shardDir(ctx, 1), await edited(ctx, shardDir(ctx, 2), "step-2", (json) => (json.run.step = "2")), shardDir(ctx, 3)],
    en: () => ["was graded with --step 2 and", "with --step all"],
    ko: () => ["--step 2로", "--step all로 채점했습니다"],
  },
  {
    name: "a whole run mixed in",
    args: async (ctx) => [ctx.whole.out, shardDir(ctx, 2), shardDir(ctx, 3)],
    en: (ctx) => [`${fileOf(ctx.whole.out)} is not a shard`],
    ko: (ctx) => [`${fileOf(ctx.whole.out)}은 조각이 아닙니다`],
  },
  {
    name: "a folder without results.json",
    args: async (ctx) => [shardDir(ctx, 1), await withResults(ctx, "empty", undefined)],
    en: (ctx) => [`${fileOf(join(ctx.dir, "empty"))} cannot be read`],
    ko: (ctx) => [`${fileOf(join(ctx.dir, "empty"))}을 읽을 수 없습니다`],
  },
  {
    name: "a results.json that is not JSON",
    args: async (ctx) => [await withResults(ctx, "not-json", "{ participants: oops"), shardDir(ctx, 2)],
    en: (ctx) => [`${fileOf(join(ctx.dir, "not-json"))} is not JSON`],
    ko: (ctx) => [`${fileOf(join(ctx.dir, "not-json"))}은 JSON이 아닙니다`],
  },
  {
    name: "a results.json of another shape",
    args: async (ctx) => [shardDir(ctx, 1), await withResults(ctx, "shapeless", JSON.stringify({ version: 1, run: { id: 7 } }))],
    en: (ctx) => [`${fileOf(join(ctx.dir, "shapeless"))} is not the results.json of npm run grade: $.run.id is missing or wrong`],
    ko: (ctx) => [`${fileOf(join(ctx.dir, "shapeless"))}은 npm run grade가 쓴 results.json이 아닙니다: $.run.id 값이`],
  },
];

merge("shards that do not make one class are refused with exit 2, naming the problem, in Korean and English", async (ctx) => {
  const cases = [];
  for (const refusal of REFUSALS) cases.push({ refusal, dirs: await refusal.args(ctx) });
  for (const { refusal, dirs } of cases) {
    const error = await mergeShards(dirs, {}).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    assert.instance(error, MergeError, refusal.name);
    for (const lang of ["ko", "en"] as const) {
      const text = textOf(lang, (error as MergeError).problem);
      for (const part of refusal[lang](ctx)) assert.ok(text.includes(part), `${refusal.name} (${lang}): "${part}" in ${text}`);
    }
  }
  // The command says it on stderr, each case in one of the languages, and writes nothing.
  const runs = await mapLimit(cases, 3, async ({ refusal, dirs }, i) => {
    const lang = i % 2 === 0 ? ("ko" as const) : ("en" as const);
    return { refusal, lang, run: await mergeCli([...dirs, "--out", join(ctx.dir, "never"), "--lang", lang]) };
  });
  for (const { refusal, lang, run } of runs) {
    const what = `${refusal.name} (${lang})`;
    assert.is(run.code, 2, `${what}: ${run.stderr}`);
    for (const text of refusal[lang](ctx)) assert.ok(run.stderr.includes(text), `${what}: "${text}" in ${run.stderr}`);
    assert.is(run.stdout, "", `${what}: no class table`);
  }
  const written = await readdir(join(ctx.dir, "never")).then(
    () => true,
    () => false,
  );
  assert.not.ok(written, "nothing is written");
});

merge("one shard stopped by a signal leaves the merged class marked interrupted", async (ctx) => {
  const text = await read(shardDir(ctx, 2), "results.json");
  const dir = join(ctx.dir, "interrupted");
  await mkdir(dir, { recursive: true });
  const json = JSON.parse(text);
  json.run.interrupted = true;
  await writeFile(join(dir, "results.json"), JSON.stringify(json));
  const merged = await mergeShards([shardDir(ctx, 1), dir, shardDir(ctx, 3)], {});
  assert.is(merged.run.interrupted, true);
  const whole = await mergeShards([1, 2, 3].map((i) => shardDir(ctx, i)), {});
  assert.is(whole.run.interrupted, undefined);
});

merge("--merge with --roster, or with no folder, is a usage error (exit 2)", async (ctx) => {
  const [withRoster, empty] = await Promise.all([
    mergeCli([shardDir(ctx, 1), "--roster", join(ctx.dir, "class.csv"), "--lang", "en"]),
    mergeCli(["--out", join(ctx.dir, "nowhere"), "--lang", "ko"]),
  ]);
  assert.is(withRoster.code, 2);
  assert.match(withRoster.stderr, "--merge combines shards already graded (their --out folders): it takes no --roster or --shard.");
  assert.is(empty.code, 2);
  assert.match(empty.stderr, "조각별 보고서를 합치려면 --merge DIR…을 지정하세요.");
});

/** Every place in the JSON (one participant and one check of each list stand for the rest), as a path and its parent. */
function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length > 0 ? [[...path, 0], ...places(value[0], [...path, 0])] : [];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...path, key], ...places(child, [...path, key])]);
}

const jsonPath = (path: (string | number)[]) => `$${path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("")}`;

merge("garbage in any field of a shard is refused as MergeError naming the field, never a crash", async (ctx) => {
  const text = await read(shardDir(ctx, 2), "results.json");
  const dir = join(ctx.dir, "garbage");
  await mkdir(dir, { recursive: true });
  const dirs = [shardDir(ctx, 1), dir, shardDir(ctx, 3)];
  let refused = 0;
  for (const path of places(JSON.parse(text))) {
    for (const garbage of [null, "x", -1, 2.5, [], {}, undefined]) {
      const json = JSON.parse(text);
      const parent = path.slice(0, -1).reduce((node, key) => node[key], json);
      if (garbage === undefined) delete parent[path.at(-1)!];
      else parent[path.at(-1)!] = garbage;
      await writeFile(join(dir, "results.json"), JSON.stringify(json));
      const outcome = await mergeShards(dirs, {}).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (outcome === undefined) continue;
      const where = `${jsonPath(path)} = ${JSON.stringify(garbage)}`;
      assert.instance(outcome, MergeError, `${where}: ${String(outcome)}`);
      const { key, vars } = (outcome as MergeError).problem;
      if (key === "merge.invalid") assert.ok(String(vars?.field).startsWith(jsonPath(path)), `${where}: names ${vars?.field}`);
      refused++;
    }
  }
  assert.ok(refused > 100, `most garbage is refused (${refused})`);
});

merge.run();
