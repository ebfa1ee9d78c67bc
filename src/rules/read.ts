// Safe reads of a snapshot. A snapshot may be a recorded fixture or a hand-edited file: every list may be
// missing and every field of another type than declared, so the checks, the rules and the plan go through
// these helpers and never throw on odd data.
//
// Sources cited in this file:
// - API Gateway v2's Route resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html
import { parseLambdaFunctionArn } from "../aws/arn.js";
import type { ApiView, DeploymentView, FunctionView, IntegrationView, RouteView, Snapshot, StageView } from "../collect/snapshot.js";
import { FUNCTION_NAMES, FUNCTION_ROLES, STAGE_NAME, type FunctionRole } from "../workshop/names.js";

export function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value.filter((item) => typeof item === "object" && item !== null) as T[]) : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A JSON object (not an array, not null): what a policy document, a statement or a condition block must be. */
export function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function record<T>(value: unknown): Record<string, T> {
  return isDict(value) ? (value as Record<string, T>) : {};
}

export function apiOf(snapshot: Snapshot): ApiView | undefined {
  const api = record<unknown>(snapshot.api) as Partial<ApiView>;
  return text(api.apiId) ? (api as ApiView) : undefined;
}

export function routeOf(snapshot: Snapshot, routeKey: string): RouteView | undefined {
  return list<RouteView>(snapshot.routes).find((route) => route.routeKey === routeKey);
}

export function integrationById(snapshot: Snapshot, integrationId: string): IntegrationView | undefined {
  return list<IntegrationView>(snapshot.integrations).find((item) => item.integrationId === integrationId);
}

export function functionOf(snapshot: Snapshot, role: FunctionRole): FunctionView | undefined {
  const fn = record<unknown>(record<unknown>(snapshot.functions)[role]) as Partial<FunctionView>;
  return text(fn.name) ? (fn as FunctionView) : undefined;
}

/** The name to show for a role: the account's function name when it exists, else the workshop's. */
export function functionName(snapshot: Snapshot, role: FunctionRole): string {
  return functionOf(snapshot, role)?.name ?? FUNCTION_NAMES[role];
}

/**
 * Which workshop function a name is: the snapshot's function of that name, else a name carrying the
 * workshop's between CloudFormation's prefix and suffix (as the collector matches them).
 */
export function roleOfFunction(snapshot: Snapshot, name: string): FunctionRole | undefined {
  const exact = FUNCTION_ROLES.find((role) => functionOf(snapshot, role)?.name === name);
  if (exact) return exact;
  return FUNCTION_ROLES.find((role) => new RegExp(`(^|[-_])${FUNCTION_NAMES[role]}([-_]|$)`).test(name));
}

/** The account: STS's answer, else the account in the functions' ARNs (when STS could not be read). */
export function accountOf(snapshot: Snapshot): string | undefined {
  if (text(snapshot.account)) return snapshot.account!;
  for (const role of FUNCTION_ROLES) {
    const account = parseLambdaFunctionArn(functionOf(snapshot, role)?.arn)?.account;
    if (account) return account;
  }
  return undefined;
}

export function regionOf(snapshot: Snapshot): string {
  return text(snapshot.region) ?? "<region>";
}

export function stageOf(snapshot: Snapshot, name = STAGE_NAME): StageView | undefined {
  return list<StageView>(snapshot.stages).find((stage) => stage.stageName === name);
}

export function deploymentOf(snapshot: Snapshot, deploymentId: string | undefined): DeploymentView | undefined {
  if (!deploymentId) return undefined;
  return list<DeploymentView>(snapshot.deployments).find((item) => item.deploymentId === deploymentId);
}

/** Milliseconds of an ISO date, or undefined when it cannot be read. */
export function timeOf(date: unknown): number | undefined {
  if (typeof date !== "string") return undefined;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The integration id of a route target "integrations/<id>" (API Gateway v2's Route resource). */
export function targetIntegrationId(target: unknown): string | undefined {
  const value = text(target);
  if (!value?.startsWith("integrations/")) return undefined;
  return text(value.slice("integrations/".length));
}
