// What both planners ask of a snapshot beyond the shared rules: could the account be read well enough to
// plan at all, and, in the plan's words, why a route's wiring is not right. Whether an integration calls the
// right function and whether a statement allows a route are decided by src/rules, exactly as the checks
// decide them, so that a plan changes what the checks fail and nothing else (test/plan/agreement.test.ts).
import type { FunctionView, Snapshot, SnapshotPart } from "../collect/snapshot.js";
import type { ExpectedFunction, IntegrationProblem, RouteTrace } from "../rules/integration.js";
import type { ApiPlace as RulesPlace } from "../rules/permission.js";
import { accountOf, apiOf, regionOf } from "../rules/read.js";
import type { Blocker, Message, Vars } from "./model.js";

export interface ApiPlace extends RulesPlace {
  /** The endpoint the account was read through when it is not AWS's: commands in notes name it. */
  endpoint?: string;
}

/** The API, its region and account, or the blockers that stop any plan (no API, unreadable parts). */
export function placeOf(snapshot: Snapshot, parts: readonly SnapshotPart[]): ApiPlace | Blocker[] {
  const unreadable = snapshot.errors.filter((error) => parts.includes(error.part));
  if (unreadable.length > 0) {
    return unreadable.map((error) => ({ kind: "unreadable", key: "blocked.unreadable", vars: { action: error.action, code: error.code, resource: error.resource ?? error.part } }));
  }
  const api = apiOf(snapshot);
  const region = regionOf(snapshot);
  const name = "name" in snapshot.apiQuery ? snapshot.apiQuery.name : snapshot.apiQuery.id;
  if (!api) {
    const elsewhere = snapshot.apiElsewhere.map((found) => found.region);
    if (elsewhere.length > 0) return [{ kind: "missing", key: "blocked.apiElsewhere", vars: { apiName: name, region, regions: elsewhere.join(", ") } }];
    return [{ kind: "missing", key: "blocked.noApi", vars: { apiName: name, region } }];
  }
  if (api.protocolType !== "WEBSOCKET") return [{ kind: "missing", key: "blocked.notWebsocket", vars: { apiName: name, apiId: api.apiId, protocolType: api.protocolType } }];
  const account = accountOf(snapshot);
  if (!account) return [{ kind: "unreadable", key: "blocked.noAccount", vars: {} }];
  return { region, account, apiId: api.apiId, ...(snapshot.endpoint ? { endpoint: snapshot.endpoint } : {}) };
}

/** The function a route must call: this one, in the API's own region and account. */
export function expectedFunction(place: ApiPlace, fn: FunctionView): ExpectedFunction {
  return { functionName: fn.name, region: place.region, account: place.account };
}

/** Why a route's trace does not end at a right integration, or undefined when it does (`problem` from src/rules). */
export function whyRewire(trace: RouteTrace, problem: IntegrationProblem | undefined, functionName: string, vars: Vars): Message | undefined {
  switch (trace.kind) {
    case "noApi":
    case "noRoute":
      return { key: "why.noRoute", vars };
    case "noTarget":
      return { key: "why.noTarget", vars };
    case "badTarget":
      return { key: "why.badTarget", vars: { ...vars, target: String(trace.route.target) } };
    case "missingIntegration":
      return { key: "why.missingIntegration", vars: { ...vars, integrationId: trace.integrationId } };
    case "integration":
      return problem ? whyWrongIntegration(problem, { ...vars, integrationId: trace.integration.integrationId, functionName }) : undefined;
  }
}

function whyWrongIntegration(problem: IntegrationProblem, vars: Vars): Message {
  switch (problem.kind) {
    case "type":
      return { key: "why.wrongType", vars: { ...vars, integrationType: problem.integrationType } };
    case "uri":
      return { key: "why.badUri", vars: { ...vars, uri: problem.uri } };
    case "function":
      return { key: "why.wrongFunction", vars: { ...vars, wiredFunction: problem.target.functionName } };
    case "region":
    case "account":
      return { key: "why.otherLocation", vars: { ...vars, wiredRegion: problem.target.region, wiredAccount: problem.target.account } };
    case "method":
      return { key: "why.wrongMethod", vars: { ...vars, method: problem.method } };
  }
}
