// Plain Snapshot objects for the check tests: an account in the state workshop step 1 leaves, and one with
// step 2 solved, shaped as src/collect/index.ts writes them (JSON only). A test derives a scenario by
// changing a few fields with `derive` and the accessors below, which find things by route key and function
// role, never by the ids used here: a snapshot recorded from the lab (fixtures/*.json) can stand in for
// either builder unchanged.
//
// Sources cited in this file:
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
import type { FunctionView, IntegrationView, RouteView, Snapshot } from "../../src/collect/snapshot.js";
import type { FunctionRole } from "../../src/workshop/names.js";
import type { CheckModule, Status, Verdict } from "../../src/engine/check.js";
import { consultedStatuses } from "../../src/engine/run.js";
import { say, type Lang } from "../../src/i18n/localized.js";
import type { ProbeResult } from "../../src/probe/result.js";

export const IDS = {
  region: "ap-northeast-2",
  account: "111122223333",
  apiId: "a1b2c3d4e5",
  apiEndpoint: "wss://a1b2c3d4e5.execute-api.ap-northeast-2.amazonaws.com",
  routes: { $connect: "rcon001", $disconnect: "rdis001", $default: "rdef001" },
  integrations: { $connect: "icon001", $disconnect: "idis001", $default: "idef001" },
  routeResponse: "rrdef01",
  deployments: { step1: "dep001", step2: "dep002" },
  table: "ClientCallbackTbl",
  functions: { connect: "OrderWSConnectFunction", disconnect: "OrderWSDisconnectFunction", pending: "OrderWSPendingFunction" },
  probeId: "lab-probe-7f3a",
} as const;

export type RouteKey = keyof typeof IDS.routes;
const ROUTE_OF: Record<FunctionRole, RouteKey> = { connect: "$connect", disconnect: "$disconnect", pending: "$default" };

export function functionArn(name: string, region: string = IDS.region, account: string = IDS.account): string {
  return `arn:aws:lambda:${region}:${account}:function:${name}`;
}

export function lambdaUri(fnArn: string, region: string = IDS.region): string {
  return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`;
}

export function sourceArn(routeKey: string, stage = "*", apiId: string = IDS.apiId, region: string = IDS.region, account: string = IDS.account): string {
  return `arn:aws:execute-api:${region}:${account}:${apiId}/${stage}/${routeKey}`;
}

/** The statement AddPermission writes (Lambda AddPermission); overrides replace or (with undefined) drop keys. */
export function statement(functionName: string, routeKey: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    Sid: `apigateway-${routeKey.slice(1)}`,
    Effect: "Allow",
    Principal: { Service: "apigateway.amazonaws.com" },
    Action: "lambda:InvokeFunction",
    Resource: functionArn(functionName),
    Condition: { ArnLike: { "AWS:SourceArn": sourceArn(routeKey) } },
    ...overrides,
  };
  return Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined));
}

/** A policy document as GetPolicy returns it: a JSON string. */
export function policy(...statements: unknown[]): string {
  return JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: statements });
}

function fn(role: FunctionRole, withPolicy: boolean): FunctionView {
  const name = IDS.functions[role];
  return {
    name,
    arn: functionArn(name),
    runtime: "nodejs20.x",
    handler: "index.handler",
    environment: { CLIENT_CALLBACK_TABLE: IDS.table },
    policy: withPolicy ? policy(statement(name, ROUTE_OF[role])) : null,
  };
}

function integration(routeKey: RouteKey, role: FunctionRole): IntegrationView {
  return {
    integrationId: IDS.integrations[routeKey],
    integrationType: "AWS_PROXY",
    integrationUri: lambdaUri(functionArn(IDS.functions[role])),
    integrationMethod: "POST",
    connectionType: "INTERNET",
    payloadFormatVersion: "1.0",
  };
}

/** The account after workshop step 1: $connect wired and permitted, $disconnect and $default bare, v1 deployed. */
export function step1Snapshot(): Snapshot {
  return {
    version: 1,
    region: IDS.region,
    account: IDS.account,
    apiQuery: { name: "OrderCallbackAPI" },
    api: { apiId: IDS.apiId, name: "OrderCallbackAPI", protocolType: "WEBSOCKET", apiEndpoint: IDS.apiEndpoint, routeSelectionExpression: "$request.body.action" },
    apiElsewhere: [],
    routes: [
      { routeId: IDS.routes.$connect, routeKey: "$connect", target: `integrations/${IDS.integrations.$connect}` },
      { routeId: IDS.routes.$disconnect, routeKey: "$disconnect" },
      { routeId: IDS.routes.$default, routeKey: "$default" },
    ],
    routeResponses: { [IDS.routes.$default]: [] },
    integrations: [integration("$connect", "connect")],
    integrationResponses: {},
    stages: [{ stageName: "v1", deploymentId: IDS.deployments.step1, autoDeploy: false, createdDate: "2024-05-01T10:00:00.000Z", lastUpdatedDate: "2024-05-01T10:00:00.000Z" }],
    deployments: [{ deploymentId: IDS.deployments.step1, deploymentStatus: "DEPLOYED", createdDate: "2024-05-01T10:00:00.000Z", autoDeployed: false }],
    functions: { connect: fn("connect", true), disconnect: fn("disconnect", false), pending: fn("pending", false) },
    table: {
      name: IDS.table,
      status: "ACTIVE",
      keySchema: [
        { attributeName: "orderId", keyType: "HASH" },
        { attributeName: "connectionId", keyType: "RANGE" },
      ],
      indexes: [
        {
          indexName: "connectionId-orderId-index",
          keySchema: [
            { attributeName: "connectionId", keyType: "HASH" },
            { attributeName: "orderId", keyType: "RANGE" },
          ],
        },
      ],
    },
    errors: [],
  };
}

/** Step 2 done as the lab guide says (items 4–11): both routes wired and permitted, $default two-way, deployed to v1. */
export function solvedSnapshot(): Snapshot {
  return derive(step1Snapshot(), (s) => {
    routeIn(s, "$disconnect").target = `integrations/${IDS.integrations.$disconnect}`;
    Object.assign(routeIn(s, "$default"), { target: `integrations/${IDS.integrations.$default}`, routeResponseSelectionExpression: "$default" });
    s.integrations.push(integration("$disconnect", "disconnect"), integration("$default", "pending"));
    s.routeResponses[IDS.routes.$default] = [{ routeResponseId: IDS.routeResponse, routeResponseKey: "$default" }];
    s.integrationResponses[IDS.integrations.$default] = [];
    s.functions.disconnect = fn("disconnect", true);
    s.functions.pending = fn("pending", true);
    s.deployments.push({ deploymentId: IDS.deployments.step2, deploymentStatus: "DEPLOYED", createdDate: "2024-05-01T11:00:00.000Z", autoDeployed: false });
    Object.assign(s.stages[0]!, { deploymentId: IDS.deployments.step2, lastUpdatedDate: "2024-05-01T11:00:00.000Z" });
  });
}

/** A copy of `base` with `change` applied: scenarios never share objects with the builders' results. */
export function derive(base: Snapshot, change: (snapshot: Snapshot) => void): Snapshot {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

export function routeIn(snapshot: Snapshot, routeKey: string): RouteView {
  const route = snapshot.routes.find((item) => item.routeKey === routeKey);
  if (!route) throw new Error(`test setup: the snapshot has no route ${routeKey}`);
  return route;
}

/** The integration a route targets. */
export function integrationIn(snapshot: Snapshot, routeKey: string): IntegrationView {
  const id = routeIn(snapshot, routeKey).target?.replace(/^integrations\//, "");
  const found = snapshot.integrations.find((item) => item.integrationId === id);
  if (!found) throw new Error(`test setup: the route ${routeKey} has no integration`);
  return found;
}

export function fnIn(snapshot: Snapshot, role: FunctionRole): FunctionView {
  const found = snapshot.functions[role];
  if (!found) throw new Error(`test setup: the snapshot has no ${role} function`);
  return found;
}

export function deleteRoute(snapshot: Snapshot, routeKey: string): void {
  snapshot.routes = snapshot.routes.filter((route) => route.routeKey !== routeKey);
}

/** Replaces a function's resource policy with these statements (none: no policy at all). */
export function setPolicy(snapshot: Snapshot, role: FunctionRole, ...statements: unknown[]): void {
  fnIn(snapshot, role).policy = statements.length === 0 ? null : policy(...statements);
}

// --- the live probe -------------------------------------------------------------------------------------

/** Everything the probe looks at worked. */
export function passingProbe(overrides: Partial<ProbeResult> = {}): ProbeResult {
  return {
    probeId: IDS.probeId,
    connect: { outcome: "opened", registered: true, connectionId: "Qyi07eCbtjMCJKw=" },
    default: { outcome: "answer", frame: '{"status":"SHIPPED"}' },
    disconnect: { outcome: "removed", waitedMs: 140 },
    cleaned: 2,
    durationMs: 850,
    ...overrides,
  };
}

/** What the probe sees in an account at step 1 (or with step 2 not deployed): no answer, rows left. */
export function undeployedProbe(): ProbeResult {
  return passingProbe({ default: { outcome: "none" }, disconnect: { outcome: "left", waitedMs: 3000 } });
}

export function skippedProbe(reason: NonNullable<ProbeResult["skipped"]> = "disabled"): ProbeResult {
  return { skipped: reason, cleaned: 0, durationMs: 0 };
}

// --- judging one module, rendered in both languages -----------------------------------------------------

export interface Rendered {
  detail: string;
  hint: string;
  /** The verdict's fix commands, one per line. */
  commands: string;
}

export interface Judged {
  status: Verdict["status"];
  verdict: Verdict;
  ko: Rendered;
  en: Rendered;
}

/**
 * Runs one module and renders its verdict as the engine does (src/engine/run.ts): the specific hint, else
 * the module's hint on fail and warn, handing it only the statuses it consults. A key missing from the
 * module's messages throws.
 */
export function judge(check: CheckModule, snapshot: Snapshot, probe?: ProbeResult, statuses: Record<string, Status> = {}): Judged {
  const verdict = check.run({ snapshot, probe, statuses: consultedStatuses(check, new Map(Object.entries(statuses))) });
  const render = (lang: Lang): Rendered => ({
    detail: message(check, verdict.detail.key, lang, verdict.detail.vars),
    hint: verdict.hint
      ? message(check, verdict.hint.key, lang, verdict.hint.vars)
      : verdict.status === "fail" || verdict.status === "warn"
        ? check.hint[lang]
        : "",
    commands: (verdict.fix ?? []).map((fix) => fix.command).join("\n"),
  });
  return { status: verdict.status, verdict, ko: render("ko"), en: render("en") };
}

function message(check: CheckModule, key: string, lang: Lang, vars: Record<string, string | number> = {}): string {
  const found = check.messages[key];
  if (!found) throw new Error(`check ${check.id} has no message "${key}"`);
  return say(found, lang, vars);
}

/** Each needle appears in the detail, the hint or the hint's commands, in Korean and in English alike. */
export function assertNames(judged: Judged, ...needles: string[]): void {
  for (const lang of ["ko", "en"] as const) {
    const text = `${judged[lang].detail}\n${judged[lang].hint}\n${judged[lang].commands}`;
    for (const needle of needles) {
      if (!text.includes(needle)) throw new Error(`${lang} text does not name ${JSON.stringify(needle)}:\n${text}`);
    }
  }
}

/** Each needle appears in the hint or its commands, in Korean and in English alike. */
export function assertHintNames(judged: Judged, ...needles: string[]): void {
  for (const lang of ["ko", "en"] as const) {
    const text = `${judged[lang].hint}\n${judged[lang].commands}`;
    for (const needle of needles) {
      if (!text.includes(needle)) throw new Error(`${lang} hint does not name ${JSON.stringify(needle)}:\n${text}`);
    }
  }
}
