// What every report format is made from: the results of one run and where they came from.
import type { Fix } from "../engine/check.js";
import type { Result, Summary } from "../engine/run.js";
import type { Lang } from "../i18n/index.js";

export interface Report {
  account: string | null;
  region: string;
  apiId: string | null;
  summary: Summary;
  results: Result[];
  lang: Lang;
}

/** The stable JSON shape of `check --format json` (test/report/json.test.ts pins it); `grade` reuses it per participant. */
export interface JsonReport {
  version: 1;
  account: string | null;
  region: string;
  apiId: string | null;
  summary: Summary;
  results: { id: string; step: number; status: string; title: string; detail: string; hint: string; fix: Fix[]; points: number; unjudged: boolean; durationMs: number }[];
}

export function toJson(report: Report): JsonReport {
  return {
    version: 1,
    account: report.account,
    region: report.region,
    apiId: report.apiId,
    summary: report.summary,
    results: report.results.map(({ id, step, status, title, detail, hint, fix, points, unjudged, durationMs }) => ({ id, step, status, title, detail, hint, fix, points, unjudged, durationMs })),
  };
}
