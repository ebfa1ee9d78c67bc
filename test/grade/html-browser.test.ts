// report.html as people see it: a class graded on the lab (exactly as `npm run grade` does), the reports
// written by writeReports, and the page opened from disk in a real Chromium with every request refused and
// recorded. The assertions are on what the browser rendered: classes, computed colours, visible rows, text.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checks as catalogue } from "../../checks/index.js";
import { gradeRoster, type GradeOptions, type GradeRun } from "../../src/grade/run.js";
import type { RosterRow } from "../../src/grade/roster.js";
import { writeReports } from "../../src/grade/write.js";
import { t, type MessageKey } from "../../src/i18n/index.js";
import { createLab, type Lab } from "../../src/lab/index.js";
import { chromiumMissing, launchChromium, newContext, openFile, type OpenedFile } from "../../bench/lib/browser.js";
import { buildClass, instructor, participantOf, type ClassAccount } from "./class-lab.js";
import { printingErrors } from "../helpers/hooks.js";

const SCENARIOS = ["solved", "missing-permission-default", "step1", "not-deployed", "wrong-source-arn", "api-missing"];
const HOSTILE_ID = `<img src=x onerror="window.__pwned=1">"'&`;
const ABSENT_ID = "absent@example.com";

interface Ctx {
  lab: Lab;
  browser: Browser;
  /** One context for the suite; each test opens its page in it (a page has its own sessionStorage). */
  context: BrowserContext;
  dir: string;
  accounts: ClassAccount[];
  /** The class without the probe, in English and in Korean; the solved account alone with it. */
  runs: { en: GradeRun; ko: GradeRun; live: GradeRun };
  files: { en: string; ko: string; live: string };
}

const html = suite<Ctx>("grade: report.html in a real browser (Chromium)");

html.before(printingErrors(async (ctx) => {
  ctx.dir = await mkdtemp(join(tmpdir(), "grade-html-"));
  ctx.lab = await createLab();
  [ctx.browser, ctx.accounts] = await Promise.all([launchChromium(), buildClass(ctx.lab, SCENARIOS, 80)]);
  const rows = rowsOf(ctx.accounts);
  const solved = rows.slice(0, 1);
  const [en, ko, live] = await Promise.all([gradeRoster(options(ctx, rows, "en", false)), gradeRoster(options(ctx, rows, "ko", false)), gradeRoster(options(ctx, solved, "en", true))]);
  ctx.runs = { en, ko, live };
  ctx.context = await newContext(ctx.browser);
  ctx.files = { en: join(ctx.dir, "en", "report.html"), ko: join(ctx.dir, "ko", "report.html"), live: join(ctx.dir, "live", "report.html") };
  await Promise.all([writeReports(join(ctx.dir, "en"), en), writeReports(join(ctx.dir, "ko"), ko), writeReports(join(ctx.dir, "live"), live)]);
}));
html.after(async (ctx) => {
  await ctx.browser?.close();
  await ctx.lab?.close();
  if (ctx.dir) await rm(ctx.dir, { recursive: true, force: true });
});

/** The class's roster: the scenarios' accounts, one of them under a hostile id, and one whose role does not exist. */
function rowsOf(accounts: ClassAccount[]): RosterRow[] {
  const rows: RosterRow[] = accounts.map((account, i) => ({ line: i + 2, participant: participantOf(account, i + 2) }));
  const last = rows.at(-1) as { line: number; participant: ReturnType<typeof participantOf> };
  last.participant = { ...last.participant, id: HOSTILE_ID };
  const line = accounts.length + 2;
  rows.push({ line, participant: { line, id: ABSENT_ID, access: { kind: "role", roleArn: "arn:aws:iam::999988887777:role/AWSomePetsGrader" } } });
  return rows;
}

function options(ctx: Ctx, rows: RosterRow[], lang: "en" | "ko", live: boolean): GradeOptions {
  return { rows, step: "all", lang, live, concurrency: 4, timeLimitMs: 60_000, instructor: instructor(ctx.lab), sessionName: "awsomepets-grader-html" };
}

function idOf(ctx: Ctx, scenario: string): string {
  return ctx.accounts.find((account) => account.scenario === scenario)!.id;
}

/** Opens the report and, when the test is done, asserts it asked for nothing but itself. */
async function withReport(ctx: Ctx, file: string, test: (opened: OpenedFile) => Promise<void>): Promise<void> {
  const opened = await openFile(ctx.context, file);
  try {
    await test(opened);
    assert.equal(opened.requests, [opened.page.url()], "the report fetched nothing: no network, no other file");
  } finally {
    await opened.close();
  }
}

/** A participant's rows (the grid's row and their details), found by the id the button shows. */
function row(page: Page, id: string) {
  return page.locator("tbody.participant").filter({ has: page.getByRole("button", { name: id, exact: true }) });
}

/** The status class of each grid cell of a participant's row, by check id. */
async function cellStatuses(page: Page, id: string): Promise<Record<string, string>> {
  return row(page, id)
    .locator("tr.row td.cell")
    .evaluateAll((cells) => Object.fromEntries(cells.map((cell) => [cell.getAttribute("data-check") ?? "", [...cell.classList].filter((name) => name.startsWith("st-") || name === "unjudged").join(" ")])));
}

function expectedStatuses(run: GradeRun, id: string): Record<string, string> {
  const p = run.participants.find((each) => each.id === id)!;
  return Object.fromEntries(p.report.results.map((result) => [result.id, `st-${result.status}${result.unjudged ? " unjudged" : ""}`]));
}

async function visibleIds(page: Page): Promise<string[]> {
  return page.locator("tbody.participant:visible button.open").allTextContents();
}

html("the grid: a row per participant, a cell per check, each cell the status (class and colour) that participant got", async (ctx) => {
  await withReport(ctx, ctx.files.en, async ({ page }) => {
    const run = ctx.runs.en;
    const checkIds = run.participants[0]!.report.results.map((result) => result.id);
    assert.is(checkIds.length, 15);
    assert.equal(await page.locator("#grid thead th.check").evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-check"))), catalogue.map((check) => check.id), "catalogue order");
    assert.is(await page.locator("#grid tbody.participant").count(), SCENARIOS.length + 1);
    for (const p of run.participants.filter((each) => each.status === "graded")) {
      assert.equal(await cellStatuses(page, p.id), expectedStatuses(run, p.id), p.id);
    }
    const missing = await cellStatuses(page, idOf(ctx, "missing-permission-default"));
    assert.is(missing["s2.default-permission"], "st-fail");
    assert.is(missing["s2.default-integration"], "st-pass");
    assert.is(missing["s2.live-default"], "st-skip unjudged", "not judged without the probe, and marked so");
    const cell = (id: string, check: string) => row(page, id).locator(`td.cell[data-check="${check}"]`);
    const [pass, fail] = await Promise.all([cell(idOf(ctx, "missing-permission-default"), "s2.default-integration"), cell(idOf(ctx, "missing-permission-default"), "s2.default-permission")].map((c) => c.evaluate((e) => [e.ownerDocument.defaultView.getComputedStyle(e).backgroundColor, e.textContent])));
    assert.equal(pass, ["rgb(26, 127, 55)", "✔"], "green, and a symbol too");
    assert.equal(fail, ["rgb(207, 34, 46)", "✘"]);
    const absent = row(page, ABSENT_ID).locator("td.st-notgraded");
    assert.match((await absent.textContent()) ?? "", /^— not graded: .*AssumeRole/);
  });
});

html("with the live probe, the solved participant's row is all passed: every cell green", async (ctx) => {
  await withReport(ctx, ctx.files.live, async ({ page }) => {
    const statuses = await cellStatuses(page, idOf(ctx, "solved"));
    assert.is(Object.keys(statuses).length, 15);
    assert.equal([...new Set(Object.values(statuses))], ["st-pass"]);
    const colours = await row(page, idOf(ctx, "solved")).locator("td.cell").evaluateAll((cells) => [...new Set(cells.map((cell) => cell.ownerDocument.defaultView.getComputedStyle(cell).backgroundColor))]);
    assert.equal(colours, ["rgb(26, 127, 55)"]);
  });
});

html("each check's pass rate is shown under the grid and in the per-check table, as the class's results give it", async (ctx) => {
  await withReport(ctx, ctx.files.en, async ({ page }) => {
    const graded = ctx.runs.en.participants.filter((p) => p.status === "graded");
    for (const check of graded[0]!.report.results.map((result) => result.id)) {
      const results = graded.map((p) => p.report.results.find((result) => result.id === check)!);
      const judged = results.filter((result) => !result.unjudged);
      const passed = results.filter((result) => result.status === "pass" || result.status === "warn").length;
      const rate = judged.length ? `${Math.round((passed / judged.length) * 100)}%` : "—";
      assert.is(await page.locator(`#grid tfoot td.rate[data-check="${check}"]`).textContent(), rate, check);
      assert.is(await page.locator(`#checks-table tr[data-check="${check}"] .rate-text`).textContent(), rate, check);
      assert.ok(await page.locator(`#checks-table tr[data-check="${check}"]`).isVisible());
    }
    const failedPermission = graded.filter((p) => p.report.results.find((result) => result.id === "s2.default-permission")?.status === "fail").length;
    assert.ok(failedPermission > 0);
    assert.match((await page.locator(`#stuck-list li[data-check="s2.default-permission"]`).textContent()) ?? "", `${failedPermission} failed`);
  });
});

html("a participant's row opens to each check's detail, their hint and the fix command", async (ctx) => {
  await withReport(ctx, ctx.files.en, async ({ page }) => {
    const id = idOf(ctx, "missing-permission-default");
    const result = ctx.runs.en.participants.find((p) => p.id === id)!.report.results.find((each) => each.id === "s2.default-permission")!;
    assert.ok(result.hint && result.fix.length > 0, "the lab's scenario has a hint and a fix");
    const details = row(page, id).locator("tr.details");
    assert.not.ok(await details.isVisible(), "closed at first");
    await row(page, id).locator("button.open").click();
    assert.ok(await details.isVisible());
    assert.is(await row(page, id).locator("button.open").getAttribute("aria-expanded"), "true");
    const item = details.locator(`li.result[data-check="s2.default-permission"]`);
    assert.is(await item.locator(".hint").innerText(), `→ ${result.hint}`);
    assert.is(await item.locator(".detail").innerText(), result.detail);
    const shown = await item.locator("pre.fix").allInnerTexts();
    for (const fix of result.fix) assert.ok(shown.join("\n").split("\n").includes(fix.command), `shows ${fix.command}`);
    await row(page, id).locator("button.open").click();
    assert.not.ok(await details.isVisible(), "closes again");
  });
});

html("sorting by score reorders the rows; the text and status filters hide the others", async (ctx) => {
  await withReport(ctx, ctx.files.en, async ({ page }) => {
    const run = ctx.runs.en;
    const scoreOf = (id: string) => run.participants.find((p) => p.id === id)!.report.summary.score;
    assert.equal(await visibleIds(page), run.participants.map((p) => p.id).sort((a, b) => a.localeCompare(b)), "by id at first");
    for (const [order, direction] of [["score-desc", -1], ["score-asc", 1]] as const) {
      await page.selectOption("#sort", order);
      const ids = await visibleIds(page);
      assert.is(ids.at(-1), ABSENT_ID, "the participant not graded last");
      const scores = ids.slice(0, -1).map(scoreOf);
      assert.equal(scores, [...scores].sort((a, b) => direction * (a - b)), order);
      assert.ok(new Set(scores).size > 2, "the class's scores differ, so the order means something");
    }
    const one = idOf(ctx, "step1");
    await page.fill("#filter", one.toUpperCase());
    assert.equal(await visibleIds(page), [one]);
    assert.is(await page.locator("#shown").textContent(), `1 of ${run.participants.length} shown`);
    await page.fill("#filter", "");
    await page.selectOption("#show", "notgraded");
    assert.equal(await visibleIds(page), [ABSENT_ID]);
    await page.selectOption("#show", "fail");
    const failing = run.participants.filter((p) => p.report.results.some((result) => result.status === "fail")).map((p) => p.id);
    assert.equal((await visibleIds(page)).sort(), failing.sort());
    assert.ok(failing.length > 1 && failing.length < run.participants.length);
  });
});

html("Korean and English: the run's language decides headings and labels, from the catalogues", async (ctx) => {
  for (const lang of ["ko", "en"] as const) {
    await withReport(ctx, ctx.files[lang], async ({ page }) => {
      assert.is(await page.getAttribute("html", "lang"), lang);
      assert.is(await page.locator("h1").textContent(), t(lang, "grade.mdTitle"));
      const headings: MessageKey[] = ["grade.html.glance", "grade.html.stuck", "grade.html.checks", "grade.html.distribution"];
      assert.equal(await page.locator("h2").allTextContents(), headings.map((key) => t(lang, key)));
      assert.is(await page.locator("#grid tfoot th").textContent(), t(lang, "grade.html.passRate"));
    });
  }
  const ko = await readFile(ctx.files.ko, "utf8");
  for (const text of ["한눈에 보는 반 전체", "막힌 곳", "점수 분포", "통과율"]) assert.match(ko, text);
  const en = await readFile(ctx.files.en, "utf8");
  for (const text of ["The class at a glance", "Where people are stuck", "Score distribution", "Pass rate"]) assert.match(en, text);
});

html("a hostile id renders as text: no element made of it, no script run, nothing fetched", async (ctx) => {
  await withReport(ctx, ctx.files.en, async ({ page }) => {
    assert.is(await row(page, HOSTILE_ID).locator("button.open").textContent(), HOSTILE_ID);
    assert.is(await page.locator("img").count(), 0);
    await row(page, HOSTILE_ID).locator("button.open").click();
    await page.fill("#filter", "onerror");
    assert.equal(await visibleIds(page), [HOSTILE_ID]);
    assert.is(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), undefined);
  });
});

html("the grid's screenshot: a cell per participant and check, pass and fail cells in the palette's colours", async (ctx) => {
  // A smaller class (step 1's six checks, three participants) to compare the grid's size with.
  const smallRun = await gradeRoster({ ...options(ctx, rowsOf(ctx.accounts).slice(0, 3), "en", false), step: "1" });
  await writeReports(join(ctx.dir, "small"), smallRun);
  const small = await gridShot(ctx, join(ctx.dir, "small", "report.html"), join(ctx.dir, "grid-small.png"));
  const large = await gridShot(ctx, ctx.files.en, join(ctx.dir, "grid.png"));
  const samples = await cellSamples(ctx, ctx.files.en, large.png);
  assert.ok(large.png.width > small.png.width + 9 * 30, `9 more checks make it wider (${small.png.width} → ${large.png.width})`);
  assert.ok(large.png.height > small.png.height + 4 * 30, `4 more participants make it taller (${small.png.height} → ${large.png.height})`);
  const { pass, fail } = samples;
  assert.ok(near(pass.pixel, pass.css), `the pass cell is drawn in its colour: ${pass.pixel} ~ ${pass.css}`);
  assert.ok(near(fail.pixel, fail.css), `the fail cell too: ${fail.pixel} ~ ${fail.css}`);
  assert.ok(pass.pixel[1]! > pass.pixel[0]! + 60 && fail.pixel[0]! > fail.pixel[1]! + 60, "green and red, far apart");
});

interface Sample {
  pixel: number[];
  css: number[];
}

/** A PNG of the grid element, saved for a person to look at too. */
async function gridShot(ctx: Ctx, file: string, out: string): Promise<{ png: PNG }> {
  let png: PNG | undefined;
  await withReport(ctx, file, async ({ page }) => {
    png = PNG.sync.read(await page.locator("#grid").screenshot({ path: out }));
  });
  return { png: png! };
}

/** The screenshot's pixel inside a pass cell and a fail cell (found by their boxes in the page), and their CSS colours. */
async function cellSamples(ctx: Ctx, file: string, png: PNG): Promise<{ pass: Sample; fail: Sample }> {
  let result: { pass: Sample; fail: Sample } | undefined;
  await withReport(ctx, file, async ({ page }) => {
    const origin = (await page.locator("#grid").boundingBox())!;
    const sample = async (status: string): Promise<Sample> => {
      const cell = page.locator(`#grid td.cell.st-${status}:not(.unjudged)`).first();
      const box = (await cell.boundingBox())!;
      // Inside the cell's corner: its background, away from the symbol in its middle.
      const x = Math.round(box.x - origin.x + 4);
      const y = Math.round(box.y - origin.y + 4);
      const at = (png.width * y + x) * 4;
      const css = await cell.evaluate((e) => e.ownerDocument.defaultView.getComputedStyle(e).backgroundColor);
      return { pixel: [png.data[at]!, png.data[at + 1]!, png.data[at + 2]!], css: css.match(/\d+/g)!.slice(0, 3).map(Number) };
    };
    result = { pass: await sample("pass"), fail: await sample("fail") };
  });
  return result!;
}

function near(a: number[], b: number[]): boolean {
  return a.every((value, i) => Math.abs(value - b[i]!) <= 6);
}

const missing = chromiumMissing();
if (missing) console.log(`SKIPPED report.html browser tests: ${missing}`);
else html.run();
