// report.html: the class on one page, for the instructor's screen or a projector. One self-contained file
// (inline CSS and JS, nothing fetched: it opens from disk), rendered here so that it reads without JS too;
// the script only sorts, filters and opens rows. Everything read from accounts or the roster is escaped,
// and a Content-Security-Policy lets only this page's own script run, should an escape ever be missed.
import { createHash } from "node:crypto";
import type { Status } from "../engine/check.js";
import type { Result } from "../engine/run.js";
import { t, type Lang, type MessageKey } from "../i18n/index.js";
import { esc } from "../report/junit.js";
import { SYMBOL } from "../report/table.js";
import { classOverview, isUnjudged, percent, STATUSES, type CheckOverview, type ClassOverview } from "./overview.js";
import { summaryLine } from "./report.js";
import type { Graded, GradeRun } from "./run.js";

export interface HtmlOptions {
  lang: Lang;
  /** Reload the page every so many seconds (a run that is still grading writes it again). */
  refreshSeconds?: number;
}

const UNJUDGED_SYMBOL = "○";
const NOT_GRADED_SYMBOL = "—";

export function reportHtml(run: GradeRun, options: HtmlOptions): string {
  const { lang } = options;
  const overview = classOverview(run);
  const say = (key: MessageKey, vars?: Record<string, string | number>) => esc(t(lang, key, vars));
  const refresh = options.refreshSeconds && options.refreshSeconds > 0 ? Math.round(options.refreshSeconds) : undefined;
  const scriptHash = createHash("sha256").update(SCRIPT).digest("base64");
  return `<!doctype html>
<html lang="${lang}" class="nojs">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:">
${refresh ? `<meta http-equiv="refresh" content="${refresh}">\n` : ""}<title>${say("grade.mdTitle")}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${say("grade.mdTitle")}</h1>
<p class="summary">${esc(summaryLine(run, lang))}</p>
<p class="run">${say("grade.html.run", { id: run.runId, step: run.step, finishedAt: readableTime(run.finishedAt) })}</p>
${refresh ? `<p class="refresh">${say("grade.html.refresh", { seconds: refresh })}</p>\n` : ""}</header>
<main>
${glance(run, overview, lang)}
${stuckSection(overview, lang)}
${checksSection(overview, lang)}
${distributionSection(overview, lang)}
${badRowsSection(run, lang)}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function glance(run: GradeRun, overview: ClassOverview, lang: Lang): string {
  const say = (key: MessageKey, vars?: Record<string, string | number>) => esc(t(lang, key, vars));
  const head = overview.checks.map((check) => `<th scope="col" class="check" data-check="${esc(check.id)}" title="${esc(check.title)}"><span>${esc(check.id)}</span></th>`).join("");
  const rates = overview.checks
    .map((check) => `<td class="rate" data-check="${esc(check.id)}" title="${esc(`${check.id}: ${check.passed}/${check.graded - check.unjudged}`)}">${percent(check.passRate)}</td>`)
    .join("");
  const bodies = run.participants.map((p, index) => participantRows(p, index, overview.checks, lang)).join("\n");
  return `<section id="glance">
<h2>${say("grade.html.glance")}</h2>
${legend(lang)}
<div class="controls">
<label>${say("grade.html.filter")} <input type="search" id="filter" autocomplete="off"></label>
<label>${say("grade.html.show")} <select id="show">${showOptions(lang)}</select></label>
<label>${say("grade.html.sort")} <select id="sort">${sortOptions(lang)}</select></label>
<output id="shown" data-template="${say("grade.html.shown")}">${say("grade.html.shown", { shown: run.participants.length, total: run.participants.length })}</output>
</div>
<p class="open-hint">${say("grade.html.openHint")}</p>
<div class="grid-wrap">
<table id="grid">
<thead><tr><th scope="col" class="who">${say("grade.participant")}</th><th scope="col" class="score">${say("grade.score")}</th>${head}</tr></thead>
${bodies}
<tfoot><tr><th scope="row" class="who">${say("grade.html.passRate")}</th><td></td>${rates}</tr></tfoot>
</table>
</div>
</section>`;
}

function legend(lang: Lang): string {
  const item = (cls: string, symbol: string, key: MessageKey) => `<li><span class="cell ${cls}">${symbol}</span> ${esc(t(lang, key))}</li>`;
  const items = [
    ...STATUSES.map((status) => item(`st-${status}`, SYMBOL[status], statusKey(status))),
    item("st-skip unjudged", UNJUDGED_SYMBOL, "grade.html.status.unjudged"),
    item("st-notgraded", NOT_GRADED_SYMBOL, "grade.html.status.notGraded"),
  ];
  return `<ul class="legend" aria-label="${esc(t(lang, "grade.html.legend"))}">${items.join("")}</ul>`;
}

function statusKey(status: Status): MessageKey {
  return `grade.html.status.${status}`;
}

function showOptions(lang: Lang): string {
  const option = (value: string, text: string) => `<option value="${value}">${esc(text)}</option>`;
  const withStatus = (status: Status) => option(status, t(lang, "grade.html.show.with", { status: t(lang, statusKey(status)) }));
  return [
    option("all", t(lang, "grade.html.show.all")),
    withStatus("fail"),
    withStatus("error"),
    withStatus("warn"),
    withStatus("skip"),
    option("unjudged", t(lang, "grade.html.show.unjudged")),
    option("allpassed", t(lang, "grade.allPassed")),
    option("notgraded", t(lang, "grade.html.status.notGraded")),
  ].join("");
}

function sortOptions(lang: Lang): string {
  const sorts: [string, MessageKey][] = [
    ["id", "grade.html.sort.id"],
    ["score-asc", "grade.html.sort.scoreAsc"],
    ["score-desc", "grade.html.sort.scoreDesc"],
    ["failures", "grade.html.sort.failures"],
  ];
  return sorts.map(([value, key]) => `<option value="${value}">${esc(t(lang, key))}</option>`).join("");
}

/** One participant: the grid's row and, under it, their details (hidden until the row is opened). */
function participantRows(p: Graded, index: number, checks: CheckOverview[], lang: Lang): string {
  const graded = p.status === "graded";
  const s = p.report.summary;
  const failures = s.failed + s.errors;
  const search = [p.id, p.account ?? "", ...Object.values(p.extra ?? {})].join(" ").toLowerCase();
  const data = `data-index="${index}" data-id="${esc(p.id)}" data-graded="${graded ? 1 : 0}" data-score="${graded ? s.score : -1}" data-failures="${failures}" data-tags="${tagsOf(p).join(" ")}" data-search="${esc(search)}"`;
  const cells = graded
    ? checks.map((check) => gridCell(p.report.results.find((result) => result.id === check.id), check.id, lang)).join("")
    : notGradedCell(p, checks.length, lang);
  return `<tbody class="participant" ${data}>
<tr class="row"><th scope="row" class="who"><button type="button" class="open" aria-expanded="false" aria-controls="details-${index}"><span class="marker" aria-hidden="true"></span>${esc(p.id)}</button></th><td class="score">${scoreCell(p, lang)}</td>${cells}</tr>
<tr class="details" id="details-${index}" hidden><td colspan="${checks.length + 2}">${details(p, lang)}</td></tr>
</tbody>`;
}

/** One line across the check columns, cut short: the whole reason is in the row's details and the tooltip. */
function notGradedCell(p: Graded, columns: number, lang: Lang): string {
  const reason = esc(t(lang, "grade.error", { reason: p.error ?? "" }));
  return `<td class="cell st-notgraded" colspan="${Math.max(1, columns)}" title="${reason}"><div class="reason">${NOT_GRADED_SYMBOL} ${reason}</div></td>`;
}

/** What the status filter matches a participant on. */
function tagsOf(p: Graded): string[] {
  if (p.status !== "graded") return ["notgraded"];
  const statuses = new Set(p.report.results.map((result) => result.status));
  const tags: string[] = [...statuses];
  if (p.report.results.some(isUnjudged)) tags.push("unjudged");
  if ([...statuses].every((status) => status === "pass" || status === "warn")) tags.push("allpassed");
  return tags;
}

function gridCell(result: Result | undefined, id: string, lang: Lang): string {
  if (!result) return `<td class="cell st-none" data-check="${esc(id)}"></td>`;
  const unjudged = isUnjudged(result);
  const label = t(lang, unjudged ? "grade.html.status.unjudged" : statusKey(result.status));
  const cls = `cell st-${result.status}${unjudged ? " unjudged" : ""}`;
  return `<td class="${cls}" data-check="${esc(id)}" title="${esc(`${id}: ${label}`)}">${unjudged ? UNJUDGED_SYMBOL : SYMBOL[result.status]}</td>`;
}

function scoreCell(p: Graded, lang: Lang): string {
  if (p.status !== "graded") return NOT_GRADED_SYMBOL;
  const s = p.report.summary;
  const unjudgedPoints = (s as { unjudgedPoints?: number }).unjudgedPoints ?? 0;
  const note = unjudgedPoints > 0 ? ` <small class="unjudged-points">${esc(t(lang, "grade.html.unjudgedPoints", { points: unjudgedPoints }))}</small>` : "";
  return `${s.score} / ${s.maxScore}${note}`;
}

function details(p: Graded, lang: Lang): string {
  const extra = Object.entries(p.extra ?? {});
  const facts = [[t(lang, "grade.account"), p.account ?? "—"], ...extra].map(([name, value]) => `<dt>${esc(name ?? "")}</dt><dd>${esc(value ?? "")}</dd>`).join("");
  const head = `<dl class="facts">${facts}</dl>`;
  if (p.status !== "graded") return `${head}<p class="reason">${esc(t(lang, "grade.error", { reason: p.error ?? "" }))}</p>`;
  const s = p.report.summary;
  const score = t(lang, "report.score", { score: s.score, max: s.maxScore, passed: s.passed, failed: s.failed, warned: s.warned, skipped: s.skipped, errors: s.errors });
  return `${head}<p class="participant-score">${esc(score)}</p><ul class="results">${p.report.results.map((result) => resultItem(result, lang)).join("")}</ul>`;
}

function resultItem(result: Result, lang: Lang): string {
  const unjudged = isUnjudged(result);
  const label = t(lang, unjudged ? "grade.html.status.unjudged" : statusKey(result.status));
  const run = result.fix.filter((fix) => fix.phase !== "look").map((fix) => fix.command);
  const look = result.fix.filter((fix) => fix.phase === "look").map((fix) => fix.command);
  const commands = (key: MessageKey, list: string[]) => (list.length ? `<p class="fix-label">${esc(t(lang, key))}</p><pre class="fix"><code>${esc(list.join("\n"))}</code></pre>` : "");
  return (
    `<li class="result" data-check="${esc(result.id)}"><span class="cell st-${result.status}${unjudged ? " unjudged" : ""}" title="${esc(label)}">${unjudged ? UNJUDGED_SYMBOL : SYMBOL[result.status]}</span>` +
    `<div><p class="what"><strong>${esc(result.title)}</strong> <code>${esc(result.id)}</code> <span class="label">${esc(label)}</span></p>` +
    `<p class="detail">${esc(result.detail)}</p>` +
    (result.hint ? `<p class="hint">→ ${esc(result.hint)}</p>` : "") +
    commands("report.fix.run", run) +
    commands("report.fix.look", look) +
    `</div></li>`
  );
}

function stuckSection(overview: ClassOverview, lang: Lang): string {
  const most = Math.max(1, ...overview.stuck.map((check) => check.counts.fail));
  const items = overview.stuck.map(
    (check) =>
      `<li data-check="${esc(check.id)}"><code>${esc(check.id)}</code> ${esc(check.title)} <strong>${esc(t(lang, "grade.html.stuckCount", { count: check.counts.fail }))}</strong>` +
      `<span class="bar fail-bar" style="width:${((check.counts.fail / most) * 100).toFixed(1)}%"></span></li>`,
  );
  const body = items.length ? `<ol id="stuck-list">${items.join("")}</ol>` : `<p>${esc(t(lang, overview.graded ? "grade.html.noneStuck" : "grade.html.nobody"))}</p>`;
  return `<section id="stuck">\n<h2>${esc(t(lang, "grade.html.stuck"))}</h2>\n${body}\n</section>`;
}

function checksSection(overview: ClassOverview, lang: Lang): string {
  const head = [t(lang, "report.check"), t(lang, "grade.html.passRate"), ...STATUSES.map((status) => t(lang, statusKey(status))), t(lang, "grade.html.status.unjudged")];
  const rows = overview.checks.map((check) => {
    const judged = check.graded - check.unjudged;
    const width = ((check.passRate ?? 0) * 100).toFixed(1);
    const counts = STATUSES.map((status) => `<td class="count">${check.counts[status]}</td>`).join("");
    return (
      `<tr data-check="${esc(check.id)}"><th scope="row"><code>${esc(check.id)}</code><br><span class="title">${esc(check.title)}</span></th>` +
      `<td class="rate"><span class="rate-text">${percent(check.passRate)}</span> <small>(${check.passed}/${judged})</small><span class="bar pass-bar" style="width:${width}%"></span></td>` +
      `${counts}<td class="count">${check.unjudged}</td></tr>`
    );
  });
  const table = `<table id="checks-table"><thead><tr>${head.map((text) => `<th scope="col">${esc(text)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
  return `<section id="checks">\n<h2>${esc(t(lang, "grade.html.checks"))}</h2>\n${overview.checks.length ? table : `<p>${esc(t(lang, "grade.html.nobody"))}</p>`}\n</section>`;
}

function distributionSection(overview: ClassOverview, lang: Lang): string {
  const most = Math.max(1, ...overview.distribution.map((bucket) => bucket.count));
  const rows = overview.distribution.map(
    (bucket) =>
      `<tr><th scope="row">${bucket.from === bucket.to ? bucket.from : `${bucket.from}–${bucket.to}`}</th>` +
      `<td class="bar-cell"><span class="bar score-bar" style="width:${((bucket.count / most) * 100).toFixed(1)}%"></span></td><td class="count">${bucket.count}</td></tr>`,
  );
  const round = (value: number | null) => (value === null ? "—" : String(Math.round(value * 10) / 10));
  const stats = overview.graded
    ? `<p class="stats">${esc(t(lang, "grade.html.scoreStats", { mean: round(overview.meanScore), median: round(overview.medianScore), max: overview.maxScore }))}</p>`
    : `<p>${esc(t(lang, "grade.html.nobody"))}</p>`;
  return `<section id="distribution">\n<h2>${esc(t(lang, "grade.html.distribution"))}</h2>\n${stats}\n<table id="histogram"><tbody>${rows.join("")}</tbody></table>\n</section>`;
}

function badRowsSection(run: GradeRun, lang: Lang): string {
  if (run.badRows.length === 0) return "";
  const items = run.badRows.map((row) => `<li>${esc(t(lang, "grade.badRow", { line: row.line, message: row.message }))}</li>`).join("");
  return `<section id="bad-rows">\n<h2>${esc(t(lang, "grade.badRowsHeader"))}</h2>\n<ul>${items}</ul>\n</section>`;
}

/** 2026-12-02T05:00:02.500Z as 2026-12-02 05:00:02 UTC: the same for everyone who reads the file. */
function readableTime(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : iso;
}

// Colours from GitHub's Primer palette; each status has its symbol too, so colour is never the only sign.
const STYLE = `
:root { --pass: #1a7f37; --warn: #d4a72c; --fail: #cf222e; --skip: #afb8c1; --error: #8250df; --notgraded: #57606a; --ink: #1f2328; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.2rem 1.6rem 3rem; font: 18px/1.45 system-ui, "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.9rem; margin: 0 0 .3rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
header p { margin: .2rem 0; }
.summary { font-size: 1.15rem; font-weight: 600; }
.run, .refresh, .open-hint { color: #57606a; font-size: .95rem; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 0; margin: .4rem 0 .8rem; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.controls { display: flex; flex-wrap: wrap; gap: .6rem 1.4rem; align-items: center; margin: .6rem 0; }
.controls input, .controls select { font: inherit; padding: .2rem .4rem; }
#shown { color: #57606a; }
.grid-wrap { overflow-x: auto; }
#grid { border-collapse: collapse; }
#grid th, #grid td { border: 1px solid #fff; padding: 0; }
#grid thead th { vertical-align: bottom; padding: .3rem .2rem; }
#grid th.check span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font: .85rem ui-monospace, "DejaVu Sans Mono", monospace; }
#grid th.who { position: sticky; left: 0; background: #fff; text-align: left; padding: 0 .6rem 0 0; z-index: 1; }
#grid td.score { white-space: nowrap; padding: 0 .6rem; text-align: right; font-variant-numeric: tabular-nums; }
#grid tfoot th, #grid tfoot td { padding-top: .3rem; font-size: .8rem; text-align: center; }
#grid tfoot th { font-size: .95rem; text-align: left; }
button.open { font: inherit; background: none; border: 0; padding: .2rem .3rem; cursor: pointer; text-align: left; color: inherit; max-width: 22rem; overflow-wrap: anywhere; }
button.open .marker::before { content: "▸ "; color: #57606a; }
button.open[aria-expanded="true"] .marker::before { content: "▾ "; }
tbody.participant:hover th.who, tbody.participant:hover td.score { background: #f6f8fa; }
.cell { display: inline-block; min-width: 2.2rem; height: 2.2rem; line-height: 2.2rem; text-align: center; font-weight: 700; font-size: 1.1rem; color: #fff; }
#grid td.cell { display: table-cell; width: 2.4rem; height: 2.4rem; }
.st-pass { background: var(--pass); }
.st-warn { background: var(--warn); color: #1f2328; }
.st-fail { background: var(--fail); }
.st-skip { background: var(--skip); color: #1f2328; }
.st-error { background: var(--error); }
.st-skip.unjudged { background: repeating-linear-gradient(45deg, #eaeef2 0 6px, #fff 6px 12px); color: #57606a; outline: 2px dashed #8c959f; outline-offset: -3px; }
.st-notgraded { background: var(--notgraded); color: #fff; font-weight: 400; font-size: .95rem; text-align: left; padding: 0 .6rem; }
#grid td.st-notgraded { text-align: left; padding: 0 .6rem; }
/* width 0, min-width 100%: the reason takes the columns' width and never widens them; the rest is cut with an ellipsis. */
#grid td.st-notgraded .reason { width: 0; min-width: 100%; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.st-none { background: #f6f8fa; }
tr.details > td { padding: .6rem .8rem 1rem 1.6rem !important; background: #f6f8fa; border-left: 4px solid var(--line) !important; }
.nojs tr.details { display: table-row; }
.facts { display: flex; flex-wrap: wrap; gap: .2rem 1rem; margin: 0 0 .4rem; }
.facts dt { color: #57606a; }
.facts dt::after { content: ":"; }
.facts dd { margin: 0 1rem 0 0; }
.results { list-style: none; padding: 0; margin: 0; max-width: 70rem; }
.results li { display: flex; gap: .8rem; align-items: flex-start; padding: .4rem 0; border-top: 1px solid var(--line); }
.results p { margin: .1rem 0; }
.results .label { color: #57606a; font-size: .9rem; }
.hint { font-weight: 600; }
.fix-label { font-size: .9rem; color: #57606a; }
pre.fix { background: #1f2328; color: #f6f8fa; padding: .5rem .8rem; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .9rem; margin: .2rem 0 .4rem; }
#stuck-list li { margin: .3rem 0; position: relative; }
.bar { display: block; height: .5rem; border-radius: 2px; margin-top: .15rem; }
.fail-bar { background: var(--fail); max-width: 40rem; }
.pass-bar { background: var(--pass); }
.score-bar { background: #0969da; height: 1.4rem; margin: 0; }
#checks-table, #histogram { border-collapse: collapse; }
#checks-table th, #checks-table td { border-bottom: 1px solid var(--line); padding: .35rem .7rem; text-align: left; vertical-align: top; }
#checks-table .title { font-size: .9rem; color: #57606a; font-weight: 400; }
#checks-table td.rate { min-width: 10rem; }
.rate-text { font-weight: 700; font-size: 1.1rem; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
#histogram th { text-align: right; padding: .2rem .6rem; font-variant-numeric: tabular-nums; white-space: nowrap; }
#histogram td.bar-cell { width: 30rem; padding: .2rem 0; }
#histogram td.count { padding-left: .6rem; }
@media print { .controls, .open-hint { display: none; } }
`;

// Sorting, filtering and opening rows; the filter, status and order survive the page's refresh.
const SCRIPT = `
(() => {
  document.documentElement.classList.remove("nojs");
  const grid = document.getElementById("grid");
  const rows = Array.from(grid.querySelectorAll("tbody.participant"));
  const filter = document.getElementById("filter");
  const show = document.getElementById("show");
  const sort = document.getElementById("sort");
  const shown = document.getElementById("shown");
  const num = (row, name) => Number(row.dataset[name]);
  const orders = {
    "id": (a, b) => a.dataset.id.localeCompare(b.dataset.id),
    "score-asc": (a, b) => num(a, "score") - num(b, "score"),
    "score-desc": (a, b) => num(b, "score") - num(a, "score"),
    "failures": (a, b) => num(b, "failures") - num(a, "failures"),
  };
  for (const row of rows) {
    const button = row.querySelector("button.open");
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      row.querySelector("tr.details").hidden = !open;
    });
  }
  function remember() {
    try { sessionStorage.setItem("awsomepets-report", JSON.stringify({ filter: filter.value, show: show.value, sort: sort.value })); } catch (e) {}
  }
  function recall() {
    try {
      const saved = JSON.parse(sessionStorage.getItem("awsomepets-report") || "{}");
      if (typeof saved.filter === "string") filter.value = saved.filter;
      if (Array.from(show.options).some((option) => option.value === saved.show)) show.value = saved.show;
      if (saved.sort && orders[saved.sort]) sort.value = saved.sort;
    } catch (e) {}
  }
  function apply() {
    const text = filter.value.trim().toLowerCase();
    let count = 0;
    for (const row of rows) {
      const visible = (text === "" || row.dataset.search.includes(text)) && (show.value === "all" || row.dataset.tags.split(" ").includes(show.value));
      row.hidden = !visible;
      if (visible) count++;
    }
    // Participants not graded stay last in every order but the id's; ties keep the roster's order.
    const order = orders[sort.value] || orders.id;
    const sorted = rows.slice().sort((a, b) => (sort.value === "id" ? 0 : num(b, "graded") - num(a, "graded")) || order(a, b) || num(a, "index") - num(b, "index"));
    for (const row of sorted) grid.appendChild(row);
    shown.textContent = shown.dataset.template.replace("{shown}", String(count)).replace("{total}", String(rows.length));
    remember();
  }
  filter.addEventListener("input", apply);
  show.addEventListener("change", apply);
  sort.addEventListener("change", apply);
  recall();
  apply();
})();
`;
