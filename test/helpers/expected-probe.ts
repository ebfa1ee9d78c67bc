// The probe result a scenario's expected live outcome stands for (test/expected/verdicts.ts), shaped as
// src/probe/probe.ts reports it, so the pure checks can be judged on a fixture without a lab.
import { probeStatus } from "../../src/probe/probe-id.js";
import type { ProbeResult } from "../../src/probe/result.js";
import type { ExpectedProbe } from "../expected/verdicts.js";

export const TEST_PROBE_ID = "lab-probe-test0001";

export function probeResultFor(expected: ExpectedProbe | "skipped:no-api"): ProbeResult {
  if (expected === "skipped:no-api") return { skipped: "no-api", cleaned: 0, durationMs: 0 };
  const frames: Record<ExpectedProbe["default"], string | undefined> = {
    answer: JSON.stringify(probeStatus(TEST_PROBE_ID, 1_700_000_000_000)),
    // The disconnect function's answer, when $default is wired to it (swapped-functions).
    "other-answer": "Diconnected",
    none: undefined,
    "internal-error": '{"message": "Internal server error", "connectionId":"Qyi07eCbtjMCJKw=", "requestId":"Qyi3UG41tjMFlUg="}',
  };
  const frame = frames[expected.default];
  return {
    probeId: TEST_PROBE_ID,
    connect: { outcome: expected.connect, registered: true, connectionId: "Qyi07eCbtjMCJKw=" },
    default: frame === undefined ? { outcome: expected.default } : { outcome: expected.default, frame },
    disconnect: { outcome: expected.disconnect, waitedMs: expected.disconnect === "left" ? 1000 : 40 },
    cleaned: 2,
    durationMs: 1200,
  };
}

/** What the probe reports under --no-live. */
export const DISABLED_PROBE: ProbeResult = { skipped: "disabled", cleaned: 0, durationMs: 0 };
