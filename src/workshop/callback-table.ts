// ClientCallbackTbl as the workshop's own functions use it (the workshop's WebSocket functions
// and OrderWSCallbackFunction, index.js of each; the Korean guide's callback-microservice page). Every reader and writer of the table in this project (checks, probe, reference handlers, lab
// seed) takes the layout and the conventions from here, so none of them can invent a convention of its own.
//
// Sources cited in this file:
// - the workshop's WebSocket functions: https://github.com/shkim4u/modern-architecture, lab2-saga/awsomepets-serverless/src/order/

/** The table step 1's stack creates; the functions find its name in their environment. */
export const TABLE_NAME = "ClientCallbackTbl";
export const TABLE_ENV = "CLIENT_CALLBACK_TABLE";

/** Partition key orderId, sort key connectionId. */
export const TABLE_KEYS = { partition: "orderId", sort: "connectionId" } as const;

/** The GSI the disconnect function queries by connection: partition key connectionId, sort key orderId. */
export const CONNECTION_INDEX = "connectionId-orderId-index";
export const CONNECTION_INDEX_KEYS = { partition: "connectionId", sort: "orderId" } as const;

/** A row: a live connection registered for an order, or an order status waiting for a client. */
export interface CallbackRow {
  orderId: string;
  connectionId: string;
  attributes: Record<string, unknown>;
}

/**
 * The pending convention. The callback function, finding no row for an order, stores its status message
 * under connectionId `pending#<Date.now()>`; the pending ($default) function queries
 * `begins_with(connectionId, "pending")`; the callback function skips rows whose connectionId contains
 * "pending" when it posts to live connections.
 */
export const PENDING_MARK = "pending";

export function pendingConnectionId(createdOn: number): string {
  return `${PENDING_MARK}#${createdOn}`;
}

/** The workshop's own test (OrderWSCallbackFunction): any connectionId that contains "pending". */
export function isPendingConnectionId(connectionId: string): boolean {
  return connectionId.includes(PENDING_MARK);
}

/**
 * The status message the callback function builds (constructWSResponseJSON) and the pending function
 * answers with: {status: "success", orderId, amountPaid, createdOn}, {status: "failed", orderId, message,
 * createdOn} or {status: "none", createdOn}; createdOn is Date.now(), milliseconds.
 */
export interface OrderStatusMessage {
  status: "success" | "failed" | "none";
  createdOn: number;
  orderId?: string;
  amountPaid?: number;
  message?: string;
  [extra: string]: unknown;
}

/** A pending row exactly as the callback function writes it. */
export function pendingRow(orderId: string, message: OrderStatusMessage): CallbackRow {
  return { orderId, connectionId: pendingConnectionId(message.createdOn), attributes: { ...message } };
}

/** What the pending function answers when the message has no orderId or the order has no pending row. */
export const NO_STATUS = { status: "none" } as const;
