// What the three callback handlers share: the ClientCallbackTbl layout, the pending-row convention,
// the event and response shapes, and one DynamoDB document client per runtime.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** The table's name reaches the functions through their environment (workshop step 1). */
export const TABLE_ENV = "CLIENT_CALLBACK_TABLE";
/** ClientCallbackTbl's GSI: connectionId HASH, orderId RANGE (workshop callback page: disconnect finds rows by connection). */
export const CONNECTION_INDEX = "connectionId-orderId-index";

/**
 * The pending-row convention (ours; the workshop shows pending rows only as rows without a live
 * connection): an order update stored while no client listened has connectionId `PENDING#<iso time>#<id>`,
 * so the first row by sort key is the oldest, and its status travels in `attributes`.
 */
export const PENDING_PREFIX = "PENDING#";

export interface CallbackRow {
  orderId: string;
  connectionId: string;
  attributes: Record<string, unknown>;
}

export interface ConnectionAttributes {
  domainName?: string;
  stage?: string;
  createdOn: string;
}

/** A pending row as the order workflow (or the live probe) writes it, e.g. attributes {status: "SHIPPED"}. */
export function pendingRow(orderId: string, attributes: Record<string, unknown>, at = new Date(), id = randomSuffix()): CallbackRow {
  return { orderId, connectionId: `${PENDING_PREFIX}${at.toISOString()}#${id}`, attributes };
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}

/** The parts of API Gateway's WebSocket Lambda proxy event the handlers read (reference 5.5). */
export interface WebSocketEvent {
  requestContext: { connectionId: string; domainName?: string; stage?: string; routeKey?: string };
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** The Lambda proxy result API Gateway expects (workshop step 2, note at the end). */
export interface ProxyResult {
  statusCode: number;
  body?: string;
}

export function reply(statusCode: number, body?: unknown): ProxyResult {
  return body === undefined ? { statusCode } : { statusCode, body: JSON.stringify(body) };
}

export function tableName(): string {
  const name = process.env[TABLE_ENV];
  if (!name) throw new Error(`environment variable ${TABLE_ENV} is not set`);
  return name;
}

let client: DynamoDBDocumentClient | undefined;

/**
 * Created on first use and kept for the runtime's life, as Lambda reuses a warm module. Undefined members
 * (an event without domainName) are left out rather than rejected by the marshaller.
 */
export function documents(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return client;
}
