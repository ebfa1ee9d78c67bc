// What a stage serves and which route a message takes. Everything is read from the stage's deployment,
// never from the live configuration: "every change ... takes effect only after a redeployment"
// (API Gateway's WebSocket deployments).
//
// Sources cited in this file:
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - API Gateway's WebSocket route responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
// - API Gateway's WebSocket selection expressions: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
import type { ApiRecord, DeployedConfig, Route } from "../apigw/model.js";

/** The snapshot the stage serves, or undefined for an unknown stage or a stage without a deployment. */
export function deployedConfig(record: ApiRecord, stageName: string): DeployedConfig | undefined {
  const deploymentId = record.stages.get(stageName)?.deploymentId;
  return deploymentId === undefined ? undefined : record.deployments.get(deploymentId)?.config;
}

export function findRoute(config: DeployedConfig, routeKey: string): Route | undefined {
  return config.routes.find((route) => route.routeKey === routeKey);
}

/** `$request.body.action` or `${request.body.action}` → ["action"]; nested paths are dotted (API Gateway's WebSocket selection expressions). */
function bodyPath(expression: string): string[] | undefined {
  const m = /^\$\{request\.body\.([^}]+)\}$/.exec(expression.trim()) ?? /^\$request\.body\.(.+)$/.exec(expression.trim());
  const path = m?.[1]?.split(".");
  return path && path.every((part) => part.length > 0) ? path : undefined;
}

/** The route key a message selects, when its body is JSON and holds a value at the expression's path. */
function selectedKey(expression: string, body: string): string | undefined {
  const path = bodyPath(expression);
  if (!path) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const part of path) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  // UNCONFIRMED: a number or boolean selects the route of its text; objects select nothing.
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/**
 * The route for a message: the one the route selection expression names, else `$default`; a body that
 * is not JSON or lacks the key also goes to `$default` (API Gateway's WebSocket selection expressions). `$connect` and `$disconnect` are
 * never chosen by a message. Undefined means no route at all: the client gets the Forbidden frame.
 */
export function selectRoute(config: DeployedConfig, body: string): Route | undefined {
  const key = selectedKey(config.routeSelectionExpression, body);
  const selected = key === undefined || key === "$connect" || key === "$disconnect" ? undefined : findRoute(config, key);
  return selected ?? findRoute(config, "$default");
}

/**
 * Two-way: the route has a route response selection expression and a `$default` route response
 * (API Gateway's WebSocket route responses; whether either alone suffices is UNCONFIRMED, so both are required, as the checker does).
 */
export function isTwoWay(config: DeployedConfig, route: Route): boolean {
  if (!route.routeResponseSelectionExpression) return false;
  return (config.routeResponses[route.routeId] ?? []).some((response) => response.routeResponseKey === "$default");
}
