// The names workshop step 1 creates and the later steps rely on (lab guide steps 1-2; the workshop's
// callback-microservice page). Checks, probe, plan, scenarios and the lab's seed all read them from here.
//
// Sources cited in this file:
// - API Gateway's WebSocket selection expressions: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html

/** The workshop's three WebSocket functions, by their role. */
export type FunctionRole = "connect" | "disconnect" | "pending";

export const FUNCTION_ROLES: readonly FunctionRole[] = ["connect", "disconnect", "pending"];

/** Names as the workshop creates them; CloudFormation may add a stack prefix and a random suffix. */
export const FUNCTION_NAMES: Record<FunctionRole, string> = {
  connect: "OrderWSConnectFunction",
  disconnect: "OrderWSDisconnectFunction",
  pending: "OrderWSPendingFunction",
};

export const API_NAME = "OrderCallbackAPI";
/** The stage the guide deploys to (items 10-11) and the callback URL names: wss://<api>/v1?orderId=<id>. */
export const STAGE_NAME = "v1";
/**
 * The guide does not name OrderCallbackAPI's route selection expression (API Gateway's WebSocket selection expressions, UNCONFIRMED); any
 * expression sends a message without a matching key to $default. The lab's seed uses the console's example.
 */
export const ROUTE_SELECTION_EXPRESSION = "$request.body.action";
