// grade against a hostile tester's inputs, through the real command on the lab: an --out that cannot be
// written or holds someone else's files (refused, exit 2, before anyone is graded, in the chosen language), a
// crash after grading (told in the chosen language too),
// an --out reused for a smaller class (the others' gradescope folders go), roster ids and account values
// carrying terminal escapes and bidi overrides (kept out of the tables and scores.csv, kept exact in JSON),
// and a class of more than ten (no MaxListenersExceededWarning).
import { CreateRouteCommand, GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { withClients } from "../../src/aws/clients.js";
import { fileId } from "../../src/grade/report.js";
import { parseCsv } from "../../src/grade/csv.js";
import { createLab, DEFAULT_KEY, LAB_REGION, type Lab } from "../../src/lab/index.js";
import { cliEnv, runCli, type CliRun } from "../helpers/cli.js";
import { buildClass, rosterCsv, type ClassAccount } from "./class-lab.js";
import { printingErrors } from "../helpers/hooks.js";

/** A class of twelve: past Node's default of ten listeners per emitter when all run at once (--concurrency 16). */
const CLASS_SIZE = 12;
const RUN_TIMEOUT_MS = 180_000;

/** What a hostile value carries: a colour, a window title (OSC ended by BEL), a carriage return, a right-to-left override. */
const HOSTILE = ["\x1b[31m", "\x1b]0;title\x07", "\r", "\u202e"];
const UNWANTED = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

interface Ctx {
  lab: Lab;
  accounts: ClassAccount[];
  /** An account whose $disconnect route was deleted and which holds a route keyed with HOSTILE. */
  hostileRoute: ClassAccount;
  hostileKey: string;
  dir: string;
}

const bad = suite<Ctx>("grade: bad inputs (--out, escapes, a class of more than ten)");

bad.before(printingErrors(async (ctx) => {
  ctx.lab = await createLab();
  ctx.dir = await mkdtemp(join(tmpdir(), "grade-bad-"));
  const scenarios = [...Array.from({ length: CLASS_SIZE }, () => "step1"), "deleted-route"];
  const built = await buildClass(ctx.lab, scenarios, 60);
  ctx.accounts = built.slice(0, CLASS_SIZE);
  ctx.hostileRoute = built[CLASS_SIZE]!;
  ctx.hostileKey = `evil${HOSTILE.join("")}route`;
  await withClients(ctx.hostileRoute.target, async (clients) => {
    const apis = await clients.apigw.send(new GetApisCommand({}));
    await clients.apigw.send(new CreateRouteCommand({ ApiId: apis.Items![0]!.ApiId, RouteKey: ctx.hostileKey }));
  });
}));
bad.after(async (ctx) => {
  await ctx.lab?.close();
  if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
});

/** The real grade command as the instructor runs it on the lab; `lang` "locale": no --lang (Korean, no LANG set). */
function grade(ctx: Ctx, roster: string, args: string[], lang: "en" | "locale" = "en", extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const env = cliEnv(DEFAULT_KEY, { AWS_REGION: LAB_REGION, ...extraEnv });
  const argv = ["--roster", roster, "--endpoint", ctx.lab.endpoint, "--no-live", ...(lang === "en" ? ["--lang", lang] : []), ...args];
  return runCli(argv, env, { command: "grade", timeoutMs: RUN_TIMEOUT_MS });
}

async function rosterOf(ctx: Ctx, name: string, text: string): Promise<string> {
  const file = join(ctx.dir, name);
  await writeFile(file, text);
  return file;
}

/** Nobody was graded: no class table on stdout, no progress line on stderr. */
function gradedNobody(run: CliRun): void {
  assert.is(run.stdout, "", "no class table");
  assert.not.match(run.stderr, /Graded \d+\/\d+|채점 \d+\/\d+/, "no progress");
}

bad("an --out that cannot be made (a file in its way) stops with exit 2 before anyone is graded, in the language of --lang", async (ctx) => {
  const roster = await rosterOf(ctx, "two.csv", rosterCsv(ctx.accounts.slice(0, 2)));
  const file = join(ctx.dir, "a-file");
  await writeFile(file, "not a folder\n");
  const [english, korean, onFile] = await Promise.all([
    grade(ctx, roster, ["--out", join(file, "grades")]),
    grade(ctx, roster, ["--out", join(file, "grades")], "locale"),
    grade(ctx, roster, ["--out", file]),
  ]);
  for (const run of [english, korean, onFile]) {
    assert.is(run.code, 2, run.stderr);
    gradedNobody(run);
  }
  assert.match(english.stderr, `--out ${join(file, "grades")}`);
  assert.match(english.stderr, "cannot be made");
  assert.not.match(english.stderr, /[가-힣]/, "English under --lang en, Korean nowhere");
  assert.match(korean.stderr, /--out .*폴더/, "Korean by default");
  assert.match(onFile.stderr, "not a folder");
  assert.is(await readFile(file, "utf8"), "not a folder\n", "the file in the way is left as it was");
});

bad("a crash after grading (here: the step summary is a folder) is told in the language of --lang, not the locale's", async (ctx) => {
  const roster = await rosterOf(ctx, "one-a.csv", rosterCsv(ctx.accounts.slice(0, 1)));
  const run = await grade(ctx, roster, [], "en", { GITHUB_STEP_SUMMARY: ctx.dir });
  assert.is(run.code, 2, run.stderr);
  assert.match(run.stderr, /^Grader error: .*EISDIR/m);
  assert.not.match(run.stderr, /[가-힣]/);
});

bad("an --out holding files grade does not write is refused (exit 2, naming one), for --merge too; nothing in it changes", async (ctx) => {
  const roster = await rosterOf(ctx, "two-b.csv", rosterCsv(ctx.accounts.slice(0, 2)));
  const notes = join(ctx.dir, "notes");
  await mkdir(notes);
  await writeFile(join(notes, "homework.txt"), "mine\n");
  const stray = join(ctx.dir, "stray");
  await mkdir(join(stray, "gradescope", "kim"), { recursive: true });
  await writeFile(join(stray, "gradescope", "kim", "feedback.txt"), "mine\n");
  const env = cliEnv(DEFAULT_KEY, { AWS_REGION: LAB_REGION });
  const [own, nested, merged] = await Promise.all([
    grade(ctx, roster, ["--out", notes]),
    grade(ctx, roster, ["--out", stray]),
    runCli(["--merge", join(ctx.dir, "no-such-shard"), "--out", notes, "--lang", "en"], env, { command: "grade", timeoutMs: RUN_TIMEOUT_MS }),
  ]);
  for (const run of [own, nested, merged]) {
    assert.is(run.code, 2, run.stderr);
    gradedNobody(run);
  }
  assert.match(own.stderr, "homework.txt");
  assert.match(nested.stderr, join("gradescope", "kim", "feedback.txt"));
  assert.match(merged.stderr, "homework.txt", "--out is checked before the shards are read");
  assert.equal(await readdir(notes), ["homework.txt"]);
  assert.equal(await readdir(join(stray, "gradescope", "kim")), ["feedback.txt"]);
});

bad("grading again into grade's own --out removes the gradescope folders of people no longer on the roster", async (ctx) => {
  const [first, second, third] = ctx.accounts;
  const out = join(ctx.dir, "reused");
  const before = await grade(ctx, await rosterOf(ctx, "three.csv", rosterCsv([first!, second!, third!])), ["--out", out]);
  assert.is(before.code, 0, before.stderr);
  assert.equal((await readdir(join(out, "gradescope"))).sort(), [first!.id, second!.id, third!.id].map(fileId).sort());
  const after = await grade(ctx, await rosterOf(ctx, "one.csv", rosterCsv([second!])), ["--out", out]);
  assert.is(after.code, 0, after.stderr);
  assert.equal(await readdir(join(out, "gradescope")), [fileId(second!.id)]);
  assert.equal((await readdir(out)).sort(), ["gradescope", "junit.xml", "report.html", "results.json", "scores.csv"]);
});

bad("escapes and bidi overrides in roster ids never reach the class table, bad-row messages or scores.csv; results.json keeps them exact", async (ctx) => {
  const ids = HOSTILE.map((escape, i) => `p${i}${escape}x@example.com`);
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const rows = ids.map((id, i) => `${quoted(id)},${ctx.accounts[i]!.roleArn},${LAB_REGION},${quoted(`note${HOSTILE[i]}x`)}`);
  // A second row of the first id: a bad row whose message quotes the id.
  const roster = await rosterOf(ctx, "hostile.csv", ["id,role_arn,region,note", ...rows, `${quoted(ids[0]!)},${ctx.accounts[5]!.roleArn},${LAB_REGION},`].join("\n") + "\n");
  const out = join(ctx.dir, "hostile");
  const run = await grade(ctx, roster, ["--out", out]);
  assert.is(run.code, 1, run.stderr);
  for (const [where, text] of [["stdout", run.stdout], ["stderr", run.stderr]] as const) assert.not.match(text, UNWANTED, `${where}: ${JSON.stringify(text)}`);
  for (let i = 0; i < ids.length; i++) assert.match(run.stdout, `p${i}`, "each participant is still in the table");
  const csv = await readFile(join(out, "scores.csv"), "utf8");
  for (const record of csv.split("\r\n")) assert.not.match(record, UNWANTED, JSON.stringify(record));
  const cells = parseCsv(csv).flatMap((record) => record.fields);
  for (let i = 0; i < ids.length; i++) assert.ok(cells.some((cell) => cell.startsWith(`p${i}`)), `p${i} in scores.csv`);
  const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as { participants: { id: string; extra: { note: string } }[] };
  assert.equal(results.participants.map((p) => p.id), ids, "JSON escapes the ids, and keeps them exact");
  assert.equal(results.participants.map((p) => p.extra.note), HOSTILE.map((escape) => `note${escape}x`));
});

bad("an account value carrying escapes (a route key) never reaches check's table", async (ctx) => {
  const { credentials } = ctx.hostileRoute.target;
  const env = cliEnv(credentials, { AWS_REGION: LAB_REGION });
  const run = await runCli(["--endpoint", ctx.lab.endpoint, "--no-live", "--lang", "en", "--step", "1"], env, { timeoutMs: RUN_TIMEOUT_MS });
  assert.is(run.code, 1, run.stderr);
  assert.match(run.stdout, "evilroute", "the route is named by what is readable of its key, the sequences taken out whole");
  assert.not.match(run.stdout, UNWANTED, JSON.stringify(run.stdout));
});

bad(`a class of ${CLASS_SIZE} graded at once prints no MaxListenersExceededWarning`, async (ctx) => {
  const roster = await rosterOf(ctx, "twelve.csv", rosterCsv(ctx.accounts));
  const run = await grade(ctx, roster, ["--concurrency", "16"]);
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stderr, `Graded ${CLASS_SIZE}/${CLASS_SIZE}`);
  assert.not.match(run.stderr, "MaxListenersExceededWarning");
  assert.not.match(run.stderr, /\(node:\d+\) \w*Warning/, "nor any other warning of Node's");
});

bad.run();
