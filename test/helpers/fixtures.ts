// The recorded fixtures (fixtures/<scenario>.json, `npm run fixtures`) and what the expected table needs
// from them.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Snapshot } from "../../src/collect/snapshot.js";
import { CHECK_IDS } from "../expected/verdicts.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));

export function loadFixture(scenario: string): Snapshot {
  return JSON.parse(readFileSync(`${FIXTURES}${scenario}.json`, "utf8")) as Snapshot;
}

/** createdDate of v1's deployment and of the newest deployment another stage serves. */
export function stageDeploymentDates(snapshot: Snapshot): { v1?: string; other?: string } {
  const created = (stageName: string | undefined) => {
    const id = snapshot.stages.find((stage) => stage.stageName === stageName)?.deploymentId;
    return snapshot.deployments.find((deployment) => deployment.deploymentId === id)?.createdDate;
  };
  const others = snapshot.stages
    .filter((stage) => stage.stageName !== "v1")
    .map((stage) => created(stage.stageName))
    .filter((date): date is string => date !== undefined)
    .sort();
  return { v1: created("v1"), other: others[others.length - 1] };
}

/** id → status of a run, in the catalogue's order, then any ids the catalogue does not know. */
export function statusTable(results: ReadonlyArray<{ id: string; status: string }>): Record<string, string> {
  const byId = new Map(results.map((result) => [result.id, result.status]));
  const table: Record<string, string> = {};
  for (const id of CHECK_IDS) if (byId.has(id)) table[id] = byId.get(id)!;
  for (const result of results) table[result.id] = result.status;
  return table;
}

/** The differences between two tables, one line per check, for a failure message a person can act on. */
export function tableDiff(actual: Readonly<Record<string, string>>, expected: Readonly<Record<string, string>>): string {
  const ids = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...ids]
    .filter((id) => actual[id] !== expected[id])
    .map((id) => `  ${id}: expected ${expected[id] ?? "(absent)"}, got ${actual[id] ?? "(absent)"}`)
    .join("\n");
}
