// One check of one account, from clients to report: collect, probe, judge. The CLI and the grader both
// run exactly this, so a participant and their instructor always see the same verdicts.
import { isDeepStrictEqual } from "node:util";
import { checks as catalogue } from "../checks/index.js";
import { createClients, customEndpoint, resolvedRegion, type AwsClients, type ClientSettings } from "./aws/clients.js";
import { isCredentialError, isExpiredCredentials, recordedErrorKind } from "./aws/errors.js";
import { collect } from "./collect/index.js";
import type { Snapshot } from "./collect/snapshot.js";
import { runChecks, summarize } from "./engine/run.js";
import { t, type Lang } from "./i18n/index.js";
import type { ProbeStep, ProbeTimeouts } from "./probe/probe.js";
import type { ProbeResult } from "./probe/result.js";
import type { Report } from "./report/model.js";

export interface CheckOptions {
  step: "1" | "2" | "all";
  lang: Lang;
  live: boolean;
  apiName?: string;
  apiId?: string;
  /** Longest the live probe waits for each thing it waits for. */
  timeoutMs?: number;
  signal?: AbortSignal;
  clientSettings: ClientSettings;
  /** Clients to use instead of making them from clientSettings (the grader's, one set per account). */
  clients?: AwsClients;
  onProgress?: (step: ProbeStep | "collecting") => void;
  /** A snapshot read moments ago in this run (solve's first look): judged again, with the probe, not read twice. */
  snapshot?: Snapshot;
  /**
   * What the live probe saw the last time this account was read (grade --watch): used again, without a new
   * probe, when the account reads exactly as it did then (same snapshot, code included).
   */
  earlier?: { snapshot: Snapshot; probe: ProbeResult };
}

export interface CheckRun {
  report: Report;
  snapshot?: Snapshot;
  probe?: ProbeResult;
  /** Set when the checker could not check at all (no region, no credentials, no network): exit code 2. */
  fatal?: string;
}

// The grader asks the same question of its own credentials' errors.
export { isCredentialError };

export async function checkAccount(options: CheckOptions): Promise<CheckRun> {
  const clients = options.clients ?? createClients(options.clientSettings);
  const extra: AwsClients[] = [];
  try {
    const region = options.snapshot?.region ?? options.clientSettings.region ?? (await resolvedRegion(clients));
    if (!region) return fatal(options, t(options.lang, "check.noRegion"));
    if (!options.snapshot) options.onProgress?.("collecting");
    const snapshot =
      options.snapshot ??
      (await collect(clients, {
        region,
        apiName: options.apiName,
        apiId: options.apiId,
        endpoint: customEndpoint(options.clientSettings),
        clientsForRegion: (other) => {
          const made = createClients({ ...options.clientSettings, region: other, maxAttempts: 1 });
          extra.push(made);
          return made;
        },
      }));
    const problem = fatalProblem(snapshot, options.lang);
    if (problem) return { ...fatal(options, problem), snapshot };
    const probe = sameAccountState(options.earlier, snapshot) ?? (await probeIfWanted(snapshot, clients, options));
    const checks = catalogue.filter((check) => options.step === "all" || String(check.step) === options.step);
    const results = runChecks({ checks, snapshot, probe, lang: options.lang });
    return {
      report: { account: snapshot.account, region, apiId: snapshot.api?.apiId ?? null, summary: summarize(results), results, lang: options.lang },
      snapshot,
      probe,
    };
  } finally {
    for (const made of extra) made.destroy();
    if (!options.clients) clients.destroy();
  }
}

async function probeIfWanted(snapshot: Snapshot, clients: AwsClients, options: CheckOptions): Promise<ProbeResult> {
  if (!options.live || options.step === "1") return { skipped: "disabled", cleaned: 0, durationMs: 0 };
  // Loaded only when it runs: the probe brings ws, which `--no-live` and step 1 never need (start-up CPU: bench/start-cpu.ts measures it).
  const { runProbe, DEFAULT_TIMEOUTS } = await import("./probe/probe.js");
  const timeouts = probeTimeouts(snapshot, options.timeoutMs, DEFAULT_TIMEOUTS);
  return runProbe({ snapshot, dynamodb: clients.dynamodb, signal: options.signal, onProgress: options.onProgress, timeouts });
}

/** The earlier probe, when the account has not changed since and that probe reached a verdict. */
function sameAccountState(earlier: CheckOptions["earlier"], snapshot: Snapshot): ProbeResult | undefined {
  if (!earlier || earlier.probe.skipped || earlier.probe.error) return undefined;
  return isDeepStrictEqual(earlier.snapshot, snapshot) ? earlier.probe : undefined;
}

/** When nothing can be serving it, waits no longer than this for an answer or a $disconnect. */
const HOPELESS_WAIT_MS = 1_500;

/**
 * The probe's waits: the caller's, or the probe's defaults; but a route with no integration at all cannot
 * answer, so the probe does not wait the full bound for it (a step-1 account would otherwise take 15 s).
 */
export function probeTimeouts(snapshot: Snapshot, wait: number | undefined, defaults: ProbeTimeouts): Partial<ProbeTimeouts> {
  const timeouts: Partial<ProbeTimeouts> = wait ? { connectMs: wait, registerMs: wait, messageMs: wait, disconnectMs: wait } : {};
  const wired = (routeKey: string) => Boolean(snapshot.routes.find((route) => route.routeKey === routeKey)?.target);
  if (!wired("$default")) timeouts.messageMs = Math.min(timeouts.messageMs ?? defaults.messageMs, HOPELESS_WAIT_MS);
  if (!wired("$disconnect")) timeouts.disconnectMs = Math.min(timeouts.disconnectMs ?? defaults.disconnectMs, HOPELESS_WAIT_MS);
  return timeouts;
}

/** Credentials that do not work, or no AWS at all, make every verdict meaningless: say so instead. */
function fatalProblem(snapshot: Snapshot, lang: Lang): string | undefined {
  const identity = snapshot.errors.find((error) => error.part === "identity");
  if (identity && isCredentialError(identity.code, identity.message)) {
    return t(lang, isExpiredCredentials(identity.code, identity.message) ? "check.expired" : "check.noCredentials", { message: identity.message });
  }
  const reads = snapshot.errors.filter((error) => ["identity", "api", "functions"].includes(error.part));
  if (reads.length === 3 && reads.every((error) => recordedErrorKind(error.code, error.message) === "network")) {
    return t(lang, "check.noNetwork", { message: reads[0]!.message });
  }
  return undefined;
}

function fatal(options: CheckOptions, message: string): CheckRun {
  const summary = { passed: 0, failed: 0, warned: 0, skipped: 0, errors: 1, score: 0, maxScore: 0, unjudged: 0, unjudgedPoints: 0 };
  return { fatal: message, report: { account: null, region: options.clientSettings.region ?? "", apiId: null, summary, results: [], lang: options.lang } };
}
