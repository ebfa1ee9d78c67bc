// "The route answers back" (item 8, "통합 응답 추가"): a WebSocket route is two-way when its route response
// selection expression is `$default` and it has a route response with key `$default`, the only key WebSocket
// APIs support for both (API Gateway's WebSocket route responses). Whether either alone makes a route two-way is unconfirmed, so both are
// required. Read by s2.default-route-response (which says what is missing) and by solve (which adds only that).
//
// Sources cited in this file:
// - API Gateway's WebSocket route responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
import type { RouteView, Snapshot } from "../collect/snapshot.js";
import { TWO_WAY_KEY } from "../workshop/step2.js";
import { list, record, routeOf, text } from "./read.js";

export interface TwoWay {
  route: RouteView;
  /** The route's routeResponseSelectionExpression, when it has one. */
  expression?: string;
  /** The id of the route's `$default` route response, when it has one ("?" when the id cannot be read). */
  routeResponseId?: string;
  /** The expression is `$default`. */
  expressionRight: boolean;
}

/** The two halves of the route's two-way setup as the snapshot has them; undefined when there is no such route. */
export function twoWayOf(snapshot: Snapshot, routeKey: string): TwoWay | undefined {
  const route = routeOf(snapshot, routeKey);
  if (!route) return undefined;
  const expression = text(route.routeResponseSelectionExpression);
  const responses = list<{ routeResponseId?: unknown; routeResponseKey?: unknown }>(record<unknown>(snapshot.routeResponses)[text(route.routeId) ?? ""]);
  const response = responses.find((item) => item.routeResponseKey === TWO_WAY_KEY);
  return {
    route,
    ...(expression ? { expression } : {}),
    ...(response ? { routeResponseId: text(response.routeResponseId) ?? "?" } : {}),
    expressionRight: expression === TWO_WAY_KEY,
  };
}

export function isTwoWay(state: TwoWay): boolean {
  return state.expressionRight && state.routeResponseId !== undefined;
}
