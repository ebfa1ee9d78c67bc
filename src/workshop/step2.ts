// Workshop step 2 as the lab guide sets it (the workshop's lab guide, items 4-12, "API Gateway 웹 소켓 설정"; README gives its public address): which
// routes it wires to which functions, what kind of integration the console's "Lambda 함수" choice creates,
// which route answers back (item 8, "통합 응답 추가") and the stage it deploys to. The shared rules (src/rules),
// the hints' commands (src/workshop/cli-commands.ts) and the plan (through solution/target.ts) read the step from here.
//
// Sources cited in this file:
// - API Gateway v2's Integration resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
// - API Gateway's WebSocket route responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
import { STAGE_NAME, type FunctionRole } from "./names.js";
import { ROUTE_ITEMS, ROUTE_ROLE, type RouteKey } from "./routes.js";

/**
 * A Lambda proxy integration, as the console's integration type "Lambda 함수" with "all other values left
 * as they are" (items 5, 8) creates it (API Gateway v2's Integration resource). The method is POST because Lambda is invoked only by
 * POST: "In Lambda proxy integration ... Set the integration's HTTP method to POST"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-integrations.html), and
 * API Gateway refuses another method for AWS_PROXY ("HttpMethod must be POST for AWS_PROXY IntegrationType",
 * hashicorp/terraform-provider-aws #42391).
 */
export const LAMBDA_PROXY = { type: "AWS_PROXY", method: "POST" } as const;

/** The only key WebSocket APIs support for route responses and for their selection expression (API Gateway's WebSocket route responses). */
export const TWO_WAY_KEY = "$default";

export type Step2RouteKey = Exclude<RouteKey, "$connect">;

export interface StepRoute {
  routeKey: Step2RouteKey;
  /** The workshop function that serves the route. */
  role: FunctionRole;
  /** Two-way communication (item 8, "add integration response"): selection expression and route response `$default`. */
  twoWay: boolean;
  /** Items of the lab guide that set the route up. */
  items: string;
  /** The item whose dialog adds the invoke permission. */
  permissionItem: string;
}

export interface WorkshopStep {
  step: 2;
  routes: readonly StepRoute[];
  integration: typeof LAMBDA_PROXY;
  twoWayKey: typeof TWO_WAY_KEY;
  stage: typeof STAGE_NAME;
  /** The route step 1 sets up (item 3 shows it), whose function's permission step 2 must leave alone. */
  step1Route: { routeKey: "$connect"; role: FunctionRole };
}

function stepRoute(routeKey: Step2RouteKey, twoWay: boolean): StepRoute {
  const items = ROUTE_ITEMS[routeKey];
  return { routeKey, role: ROUTE_ROLE[routeKey], twoWay, items: items.integration, permissionItem: items.permission };
}

/** $disconnect (items 4-6) one-way, $default (items 7-9) two-way, both deployed to v1 (items 10-11). */
export const WORKSHOP_STEP2: WorkshopStep = {
  step: 2,
  routes: [stepRoute("$disconnect", false), stepRoute("$default", true)],
  integration: LAMBDA_PROXY,
  twoWayKey: TWO_WAY_KEY,
  stage: STAGE_NAME,
  step1Route: { routeKey: "$connect", role: ROUTE_ROLE.$connect },
};
