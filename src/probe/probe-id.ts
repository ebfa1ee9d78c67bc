// The probe's order ids: `lab-check-probe-<epoch ms>-<random>`. The prefix lets a later run find rows an
// interrupted run left behind; the time tells a finished run's rows from those of a run still going on.
import { randomBytes } from "node:crypto";
import type { OrderStatusMessage } from "../workshop/callback-table.js";

export const PROBE_PREFIX = "lab-check-probe-";

export function newProbeId(now = Date.now()): string {
  return `${PROBE_PREFIX}${now}-${randomBytes(4).toString("hex")}`;
}

/** When the run that made this id started; undefined for an id of another shape. */
export function probeStartedAt(orderId: string): number | undefined {
  const match = /^(\d{1,15})-/.exec(orderId.slice(PROBE_PREFIX.length));
  return orderId.startsWith(PROBE_PREFIX) && match ? Number(match[1]) : undefined;
}

/**
 * A row of an earlier run that can no longer be going on: started before `cutoff`. A prefixed id without
 * a readable time was not written by a probe that cleans up after itself, so it is stale too.
 */
export function isStaleProbeId(orderId: string, cutoff: number): boolean {
  if (!orderId.startsWith(PROBE_PREFIX)) return false;
  const started = probeStartedAt(orderId);
  return started === undefined || started < cutoff;
}

/** Marks a status message as the probe's own, so no one mistakes it for an order's. */
export const PROBE_MARKER = { probe: "awsomepets-lab-checker" } as const;

/**
 * The status the probe leaves pending for its order: the shape of the workshop's callback function's
 * "no change" message ({status: "none", createdOn}), with the order id the success and failure messages
 * carry, and the probe's marker.
 */
export function probeStatus(probeId: string, createdOn: number): OrderStatusMessage {
  return { status: "none", orderId: probeId, createdOn, ...PROBE_MARKER };
}
