// --no-live in the class reports: the checks only the live probe can judge are shown apart from the points
// earned, so a participant who never deployed and one who finished are not both read as "32 / 40, no
// failures". Both are graded from recorded accounts (fixtures/), exactly as check judges them.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checks } from "../../checks/index.js";
import { runChecks, summarize } from "../../src/engine/run.js";
import { classTable, markdownSummary, scoresCsv } from "../../src/grade/report.js";
import type { Graded, GradeRun } from "../../src/grade/run.js";
import type { Lang } from "../../src/i18n/index.js";
import { renderTable } from "../../src/report/table.js";
import { DISABLED_PROBE } from "../helpers/expected-probe.js";
import { loadFixture } from "../helpers/fixtures.js";
import { CHECK_IDS, expectedLive, expectedNoLive } from "../expected/verdicts.js";

/** The checks only the probe judges on a finished account: skipped without it, judged with it (the verdict table). */
const LIVE_ONLY = CHECK_IDS.filter((id) => expectedNoLive("solved")[id] === "skip" && expectedLive("solved")[id] !== "skip");

function gradedWithoutProbe(id: string, scenario: string, lang: Lang): Graded {
  const results = runChecks({ checks, snapshot: loadFixture(scenario), probe: DISABLED_PROBE, lang });
  const report = { account: "111122223333", region: "ap-northeast-2", apiId: "abc123", summary: summarize(results), results, lang };
  return { id, line: 2, status: "graded", account: report.account, error: null, report, durationMs: 10 };
}

function run(lang: Lang): GradeRun {
  const participants = [gradedWithoutProbe("finished@example.com", "solved", lang), gradedWithoutProbe("undeployed@example.com", "not-deployed", lang)];
  return { runId: "r", startedAt: "", finishedAt: "", step: "all", participants, badRows: [], throttledCalls: 0, wallMs: 1 } as unknown as GradeRun;
}

test("without the probe, the live checks and the deployment are not judged: their points are neither earned nor lost", () => {
  const [finished] = run("en").participants;
  const s = finished!.report.summary;
  const unjudged = finished!.report.results.filter((result) => result.unjudged).map((result) => result.id);
  assert.equal(unjudged.sort(), [...LIVE_ONLY].sort());
  const heldApart = finished!.report.results.filter((result) => result.unjudged).reduce((sum, result) => sum + result.maxPoints, 0);
  assert.is(s.unjudgedPoints, heldApart);
  assert.is(s.unjudged, LIVE_ONLY.length);
  assert.is(s.score + s.unjudgedPoints, s.maxScore, "a finished account earns every point that could be judged");
});

test("the class table names the checks not judged and shows their points apart from the score, in English and Korean", () => {
  const en = classTable(run("en"), "en", false);
  const s = run("en").participants[0]!.report.summary;
  assert.match(en, `${s.score} / ${s.maxScore} (${s.unjudgedPoints} not judged)`);
  assert.match(en, "not judged without the live probe:");
  for (const id of LIVE_ONLY) assert.match(en, id);
  assert.not.match(en, "no failures", "no participant reads as finished without the probe");
  const ko = classTable(run("ko"), "ko", false);
  assert.match(ko, `(판정 안 함 ${s.unjudgedPoints})`);
  assert.match(ko, "실시간 검사 없이 판정하지 않음");
});

test("scores.csv carries the points not judged; the step summary says which checks", () => {
  const csv = scoresCsv(run("en")).split("\r\n");
  const header = csv[0]!.split(",");
  const column = header.indexOf("unjudged_points");
  assert.ok(column > header.indexOf("max_score"), header.join(","));
  const s = run("en").participants[0]!.report.summary;
  assert.is(csv[1]!.split(",")[column], String(s.unjudgedPoints));
  const markdown = markdownSummary(run("en"), "en");
  assert.match(markdown, `(${s.unjudgedPoints} not judged)`);
  assert.match(markdown, "Not judged:");
});

test("check's own table says, under the score, which points the probe would judge", () => {
  const participant = run("en").participants[0]!;
  const table = renderTable(participant.report, { color: false });
  assert.match(table, new RegExp(`Not judged: ${participant.report.summary.unjudgedPoints} of the ${participant.report.summary.maxScore} points \\(${LIVE_ONLY.map((id) => id.replace(".", "\\.")).join(".*")}`));
  const withProbe = { ...participant.report, summary: { ...participant.report.summary, unjudged: 0, unjudgedPoints: 0 }, results: participant.report.results.map((result) => ({ ...result, unjudged: false })) };
  assert.not.match(renderTable(withProbe, { color: false }), "Not judged");
});

test.run();
