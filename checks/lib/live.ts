// What the three live checks share: when the probe did not run they judge nothing and say why (skip), and
// the words for the probe's URL and table.
import type { Snapshot } from "../../src/collect/snapshot.js";
import { TABLE_NAME } from "../../src/workshop/callback-table.js";
import { STAGE_NAME } from "../../src/workshop/names.js";
import type { Localized, Status, Verdict } from "../../src/engine/check.js";
import type { ProbeResult, ProbeSkipReason } from "../../src/probe/result.js";
import { apiOf, text } from "./read.js";
import { verdicts } from "./verdict.js";

export const liveMessages = {
  "live.skip.disabled": {
    ko: "실시간 검사를 건너뛰었습니다 (--no-live).",
    en: "The live probe was skipped (--no-live).",
  },
  "live.skip.no-api": {
    ko: "OrderCallbackAPI가 없어 실시간 검사를 하지 않았습니다.",
    en: "The live probe did not run: there is no OrderCallbackAPI.",
  },
  "live.skip.no-table": {
    ko: "콜백 테이블이 없어 실시간 검사를 하지 않았습니다.",
    en: "The live probe did not run: there is no callback table.",
  },
  "live.skip.no-endpoint": {
    ko: "API의 WebSocket 엔드포인트를 알 수 없어 실시간 검사를 하지 않았습니다.",
    en: "The live probe did not run: the API's WebSocket endpoint is unknown.",
  },
  "live.skip.notRun": {
    ko: "실시간 검사 결과가 없습니다.",
    en: "There is no result of the live probe.",
  },
} satisfies Record<string, Localized>;

export type LiveKey = keyof typeof liveMessages;
const { skip, unjudged } = verdicts(liveMessages);

/**
 * What a route's configuration checks said before the live check judges it: the ids of those that did not
 * pass (or warn), in the order given; undefined when none of them ran (another step's run), so the live
 * check cannot tell causes apart.
 */
export function configurationNotPassed<C extends string>(statuses: ReadonlyMap<C, Status>, ids: readonly C[]): C[] | undefined {
  if (!ids.some((id) => statuses.has(id))) return undefined;
  return ids.filter((id) => statuses.has(id) && statuses.get(id) !== "pass" && statuses.get(id) !== "warn");
}

/** A skip verdict when the probe did not run at all; undefined when there is a result to judge. */
export function probeNotRun(probe: ProbeResult | undefined): Verdict<LiveKey> | undefined {
  if (!probe) return skip("live.skip.notRun");
  if (probe.skipped === "disabled") return unjudged("live.skip.disabled");
  if (probe.skipped) return skip(LIVE_SKIPS[probe.skipped] ?? "live.skip.notRun");
  return undefined;
}

/** Why the probe did not run, in the words of each reason that has its own. */
const LIVE_SKIPS: Partial<Record<ProbeSkipReason, LiveKey>> = { "no-api": "live.skip.no-api", "no-table": "live.skip.no-table", "no-endpoint": "live.skip.no-endpoint" };

/** The URL the probe connects to: <apiEndpoint>/v1?orderId=<probe id>. */
export function probeUrl(snapshot: Snapshot, probe: ProbeResult): string {
  const endpoint = text(apiOf(snapshot)?.apiEndpoint) ?? "wss://<api>";
  return `${endpoint.replace(/\/+$/, "")}/${STAGE_NAME}?orderId=${probe.probeId ?? "<probe>"}`;
}

export function tableName(snapshot: Snapshot): string {
  return text((snapshot.table as { name?: unknown } | null)?.name) ?? TABLE_NAME;
}
