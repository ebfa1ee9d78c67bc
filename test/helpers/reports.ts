// Reports made the way checkAccount makes them (runChecks over a recorded fixture), for the renderer tests:
// every status appears, in Korean or English.
import { checks } from "../../checks/index.js";
import type { Snapshot } from "../../src/collect/snapshot.js";
import { runChecks, summarize } from "../../src/engine/run.js";
import type { Lang } from "../../src/i18n/index.js";
import type { ProbeResult } from "../../src/probe/result.js";
import type { Report } from "../../src/report/model.js";
import { EXPECTED_PROBE } from "../expected/verdicts.js";
import { probeResultFor } from "./expected-probe.js";
import { loadFixture } from "./fixtures.js";

export function reportOf(snapshot: Snapshot, probe: ProbeResult, lang: Lang): Report {
  const results = runChecks({ checks, snapshot, probe, lang });
  return { account: snapshot.account, region: snapshot.region, apiId: snapshot.api?.apiId ?? null, summary: summarize(results), results, lang };
}

/** A scenario's fixture judged with its expected live outcome. */
export function scenarioReport(scenario: string, lang: Lang): Report {
  return reportOf(loadFixture(scenario), probeResultFor(EXPECTED_PROBE[scenario]!), lang);
}

/**
 * One report holding every status: permission-without-source-arn (pass and warn) where reading the route
 * responses was denied (an error, and the skip that follows), plus step 1's failures.
 */
export function mixedReport(lang: Lang): Report {
  const snapshot = loadFixture("permission-without-source-arn");
  snapshot.errors.push({ part: "routeResponses", action: "apigateway:GET", code: "AccessDeniedException", message: "User: arn:aws:iam::111122223333:user/checker is not authorized to perform: apigateway:GET" });
  const errored = reportOf(snapshot, probeResultFor(EXPECTED_PROBE["permission-without-source-arn"]!), lang);
  const failing = scenarioReport("step1", lang);
  // The errored run's checks, then step 1's failing ones under their own ids, so that every status shows.
  const results = [...errored.results, ...failing.results.filter((result) => result.status === "fail").map((result) => ({ ...result, id: `${result.id}.step1` }))];
  return { ...errored, results, summary: summarize(results) };
}
