// Bounded waits for the probe: every wait ends after its bound, and at once when the run is aborted,
// so a silent or broken account can never hang the checker.
import { setTimeout as sleep } from "node:timers/promises";

/** How often the probe looks at the table while it waits: quick enough for the lab, gentle on AWS. */
export const POLL_INTERVAL_MS = 100;

/**
 * Resolves with the first value `listen` delivers, or undefined once `timeoutMs` has passed; rejects with
 * the signal's reason on abort. `listen` subscribes and returns its own unsubscribe, called in every case.
 */
export function waitFor<T>(listen: (deliver: (value: T) => void) => () => void, timeoutMs: number, signal?: AbortSignal): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let done = false;
    let unsubscribe: (() => void) | undefined;
    const settle = (finish: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      unsubscribe?.();
      finish();
    };
    const onAbort = () => settle(() => reject(signal!.reason));
    const timer = setTimeout(() => settle(() => resolve(undefined)), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    const off = listen((value) => settle(() => resolve(value)));
    // A value delivered during subscription settled before `off` existed.
    if (done) off();
    else unsubscribe = off;
  });
}

/**
 * Calls `look` until it returns a value other than undefined, for at most `timeoutMs` (then undefined).
 * Always looks at least once, so a zero bound still reads the current state.
 */
export async function pollFor<T>(look: () => Promise<T | undefined>, timeoutMs: number, signal?: AbortSignal): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const value = await look();
    if (value !== undefined) return value;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    await sleep(Math.min(POLL_INTERVAL_MS, left), undefined, { signal });
  }
}
