// The catalogue: every check module, in the order of the check table (the order reports list them in
// and the engine keeps among checks whose dependencies allow it; test/expected/verdicts.ts holds the ids). Adding a check is adding a file and a line.
import type { CheckModule } from "../src/engine/check.js";
import { s1Api } from "./s1.api.js";
import { s1Connect } from "./s1.connect.js";
import { s1Functions } from "./s1.functions.js";
import { s1Routes } from "./s1.routes.js";
import { s1Stage } from "./s1.stage.js";
import { s1Table } from "./s1.table.js";
import { s2DefaultIntegration } from "./s2.default-integration.js";
import { s2DefaultPermission } from "./s2.default-permission.js";
import { s2DefaultRouteResponse } from "./s2.default-route-response.js";
import { s2Deployed } from "./s2.deployed.js";
import { s2DisconnectIntegration } from "./s2.disconnect-integration.js";
import { s2DisconnectPermission } from "./s2.disconnect-permission.js";
import { s2LiveConnect } from "./s2.live-connect.js";
import { s2LiveDefault } from "./s2.live-default.js";
import { s2LiveDisconnect } from "./s2.live-disconnect.js";

export const checks: CheckModule[] = [
  s1Api,
  s1Routes,
  s1Functions,
  s1Table,
  s1Connect,
  s1Stage,
  s2DisconnectIntegration,
  s2DisconnectPermission,
  s2DefaultIntegration,
  s2DefaultPermission,
  s2DefaultRouteResponse,
  s2Deployed,
  s2LiveConnect,
  s2LiveDefault,
  s2LiveDisconnect,
];

/** The checks of one step, or all; dependencies on checks left out are ignored by the engine. */
export function checksFor(step: 1 | 2 | "all"): CheckModule[] {
  return checks.filter((check) => step === "all" || check.step === step);
}
