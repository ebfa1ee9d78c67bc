// --merge DIR…: the shards of one class (each `grade --shard i/n --out DIR`) made into the one run that
// grading the whole roster at once gives, so that every report is written from it as usual (writeReports).
// The files come from CI artifacts, so they are untrusted: each is read through a schema, and shards that do
// not make one whole (another roster, a shard missing or given twice, a participant in two) are refused,
// naming the files.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { TOOL } from "../version.js";
import type { ClassResults } from "./report.js";
import type { Message, RosterIdentity } from "./roster.js";
import { runIdOf, type Graded, type GradeRun } from "./run.js";
import type { Shard } from "./shard.js";

/** The shards do not make one class: nothing is merged. */
export class MergeError extends Error {
  constructor(readonly problem: Message) {
    super(problem.key);
  }
}

const count = z.number().int().nonnegative();
const amount = z.number().nonnegative();
const line = z.number().int().positive();

// What classResults writes (report.ts). `unjudged` came later: files written before it read as judged.
const resultSchema = z.object({
  id: z.string(),
  step: z.union([z.literal(1), z.literal(2)]),
  status: z.enum(["pass", "fail", "warn", "skip", "error"]),
  title: z.string(),
  detail: z.string(),
  hint: z.string(),
  fix: z.array(z.object({ command: z.string(), phase: z.enum(["change", "deploy", "look"]) })),
  points: amount,
  maxPoints: amount,
  unjudged: z.boolean().default(false),
  durationMs: amount,
});

const summarySchema = z.object({
  passed: count,
  failed: count,
  warned: count,
  skipped: count,
  errors: count,
  score: amount,
  maxScore: amount,
  unjudged: count.default(0),
  unjudgedPoints: amount.default(0),
});

const participantSchema = z.object({
  id: z.string().min(1),
  line,
  extra: z.record(z.string(), z.string()),
  account: z.string().nullable(),
  status: z.enum(["graded", "error"]),
  error: z.string().nullable(),
  region: z.string(),
  apiId: z.string().nullable(),
  durationMs: amount,
  summary: summarySchema,
  results: z.array(resultSchema),
});

const shardSchema = z.object({ index: line, count: line }).refine((shard) => shard.index <= shard.count, { path: ["index"] });

const runSchema = z.object({
  id: z.string(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  step: z.enum(["1", "2", "all"]),
  tool: z.object({ name: z.literal(TOOL.name), version: z.string() }),
  lang: z.enum(["ko", "en"]),
  shard: shardSchema.nullable(),
  roster: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), rows: count }).nullable(),
  wallMs: amount,
  throttledCalls: count,
  interrupted: z.literal(true).optional(),
});

const resultsSchema = z.object({
  version: z.literal(1),
  run: runSchema,
  participants: z.array(participantSchema),
  badRows: z.array(z.object({ line, message: z.string() })),
});

type ShardResults = z.output<typeof resultsSchema>;
// The schema reads what classResults writes: a field added to one and not the other fails to compile here.
const _readsWhatIsWritten = (read: ShardResults): ClassResults => read;
void _readsWhatIsWritten;

interface ShardFile {
  file: string;
  results: ShardResults;
  shard: Shard;
  roster: RosterIdentity;
}

export interface Merged {
  run: GradeRun;
  /** Worth telling, not worth refusing: the shards were written by different versions of the tool. */
  warnings: Message[];
}

/** The whole class's run from the --out folders of all its shards, in any order. */
export async function mergeShards(dirs: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Merged> {
  const shards: ShardFile[] = [];
  // One after another, so that of several bad folders the first one given is the one named.
  for (const dir of dirs) shards.push(await readShard(join(dir, "results.json")));
  const warnings = checkWhole(shards);
  return { run: combine(shards, env), warnings };
}

async function readShard(file: string): Promise<ShardFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new MergeError({ key: "merge.unreadable", vars: { file, message: (error as Error).message } });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new MergeError({ key: "merge.notJson", vars: { file, message: (error as Error).message } });
  }
  const parsed = resultsSchema.safeParse(data);
  if (!parsed.success) throw new MergeError({ key: "merge.invalid", vars: { file, field: jsonPath(parsed.error.issues[0]?.path ?? []) } });
  const { shard, roster } = parsed.data.run;
  if (!shard) throw new MergeError({ key: "merge.notShard", vars: { file } });
  // Every shard the command writes records its roster; a shard without one cannot be told to belong.
  if (!roster) throw new MergeError({ key: "merge.invalid", vars: { file, field: "$.run.roster" } });
  return { file, results: parsed.data, shard, roster };
}

/** `$.participants[3].summary.score`: where in the file the first problem is. */
function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("")}`;
}

/** Refuses shards that are not every slice, exactly once, of one roster graded one way; returns the warnings. */
function checkWhole(shards: readonly ShardFile[]): Message[] {
  const [first] = shards;
  if (!first) throw new MergeError({ key: "grade.needRoster" });
  for (const other of shards) sameRun(first, other);
  shardsOnce(shards, first.shard.count);
  participantsOnce(shards);
  return shards
    .filter((other) => other.results.run.tool.version !== first.results.run.tool.version)
    .map((other) => ({ key: "merge.toolVersion", vars: { tool: TOOL.name, file: other.file, version: other.results.run.tool.version, first: first.file, firstVersion: first.results.run.tool.version } }));
}

function sameRun(first: ShardFile, other: ShardFile): void {
  const files = { file: other.file, first: first.file };
  if (other.roster.sha256 !== first.roster.sha256 || other.roster.rows !== first.roster.rows) {
    const roster = { sha: other.roster.sha256.slice(0, 12), rows: other.roster.rows, firstSha: first.roster.sha256.slice(0, 12), firstRows: first.roster.rows };
    throw new MergeError({ key: "merge.differentRoster", vars: { ...files, ...roster } });
  }
  const options: [string, string, string][] = [
    ["--shard", `i/${other.shard.count}`, `i/${first.shard.count}`],
    ["--step", other.results.run.step, first.results.run.step],
    ["--lang", other.results.run.lang, first.results.run.lang],
  ];
  const differing = options.find(([, value, firstValue]) => value !== firstValue);
  if (differing) throw new MergeError({ key: "merge.mismatch", vars: { ...files, option: differing[0], value: differing[1], firstValue: differing[2] } });
}

function shardsOnce(shards: readonly ShardFile[], total: number): void {
  const seen = new Map<number, string>();
  for (const { file, shard } of shards) {
    const other = seen.get(shard.index);
    if (other !== undefined) throw new MergeError({ key: "merge.duplicateShard", vars: { index: shard.index, count: total, file: other, other: file } });
    seen.set(shard.index, file);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new MergeError({ key: "merge.missingShards", vars: { missing: missing.join(", "), count: total } });
}

function participantsOnce(shards: readonly ShardFile[]): void {
  const seen = new Map<string, string>();
  for (const { file, results } of shards) {
    for (const { id } of results.participants) {
      const other = seen.get(id);
      if (other !== undefined) throw new MergeError({ key: "merge.sameParticipant", vars: { id, file: other, other: file } });
      seen.set(id, file);
    }
  }
}

/** The run of the whole roster: shards in their order (each a contiguous slice of the roster), times spanning all. */
function combine(shards: readonly ShardFile[], env: NodeJS.ProcessEnv): GradeRun {
  const ordered = [...shards].sort((a, b) => a.shard.index - b.shard.index);
  const runs = ordered.map((shard) => shard.results.run);
  const first = runs[0]!;
  const startedAt = runs.map((run) => run.startedAt).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
  const finishedAt = runs.map((run) => run.finishedAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  return {
    // Shards of one workflow run share GitHub's run id; shards run by hand each have their own.
    runId: runs.every((run) => run.id === first.id) ? first.id : runIdOf(env),
    startedAt,
    finishedAt,
    step: first.step,
    lang: first.lang,
    roster: ordered[0]!.roster,
    participants: ordered.flatMap((shard) => shard.results.participants.map((p) => gradedOf(p, first.lang))),
    badRows: ordered.flatMap((shard) => shard.results.badRows),
    throttledCalls: runs.reduce((sum, run) => sum + run.throttledCalls, 0),
    wallMs: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)),
    // One shard stopped by a signal leaves the whole class's reports incomplete.
    ...(runs.some((run) => run.interrupted) ? { interrupted: true } : {}),
  };
}

function gradedOf(p: ShardResults["participants"][number], lang: GradeRun["lang"]): Graded {
  const { id, line, status, account, error, region, apiId, durationMs, summary, results, extra } = p;
  return { id, line, status, account, error, durationMs, report: { account, region, apiId, summary, results, lang }, ...(Object.keys(extra).length > 0 ? { extra } : {}) };
}
