// The Lambda proxy events API Gateway sends for a WebSocket API (payload format 1.0), field for field as
// the real MESSAGE and DISCONNECT events in aws-lambda-go's testdata show them (the WebSocket events in
// aws-lambda-go's testdata), and a real CONNECT event in a public test fixture.
//
// Sources cited in this file:
// - the WebSocket events in aws-lambda-go's testdata: https://github.com/aws/aws-lambda-go/tree/main/events/testdata
import { randomInt } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** Who is connected, to which stage: what every event of one connection repeats. */
export interface ConnectionInfo {
  connectionId: string;
  apiId: string;
  region: string;
  stage: string;
  /** epoch ms of the $connect request */
  connectedAt: number;
  sourceIp: string;
  userAgent?: string;
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Ids shaped like API Gateway's connection, request and message ids ("R1kmxc2VNjMCFIA=": 15 characters
 * and "=", the WebSocket events in aws-lambda-go's testdata). Letters and digits only, so that an id is safe in an @connections URL path.
 */
export function gatewayId(): string {
  let id = "";
  for (let i = 0; i < 15; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return `${id}=`;
}

export function domainName(apiId: string, region: string): string {
  return `${apiId}.execute-api.${region}.amazonaws.com`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** requestTime as API Gateway writes it: "20/Jan/2024:11:55:00 +0000" (the WebSocket events in aws-lambda-go's testdata). */
export function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

type EventType = "CONNECT" | "MESSAGE" | "DISCONNECT";

/** The requestContext keys every event carries; requestId equals extendedRequestId in AWS's samples. */
function requestContext(info: ConnectionInfo, routeKey: string, eventType: EventType, requestId: string, now: number): Record<string, unknown> {
  const identity: Record<string, string> = { sourceIp: info.sourceIp };
  if (info.userAgent !== undefined) identity.userAgent = info.userAgent;
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: requestTime(now),
    messageDirection: "IN",
    stage: info.stage,
    connectedAt: info.connectedAt,
    requestTimeEpoch: now,
    identity,
    requestId,
    domainName: domainName(info.apiId, info.region),
    connectionId: info.connectionId,
    apiId: info.apiId,
  };
}

/** Hop-by-hop headers of the handshake itself, which the CONNECT events AWS sends do not list (5.5). */
const HANDSHAKE_ONLY = new Set(["connection", "upgrade"]);

/**
 * The CONNECT event's headers: the client's own headers in the client's spelling, with Host rewritten to
 * the API's domain name and the X-Forwarded-* and X-Amzn-Trace-Id headers AWS's edge adds (5.5).
 */
function connectHeaders(req: IncomingMessage, info: ConnectionInfo): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const add = (name: string, value: string) => headers.set(name, [...(headers.get(name) ?? []), value]);
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HANDSHAKE_ONLY.has(lower) || lower === "host" || lower.startsWith("x-forwarded-") || lower === "x-amzn-trace-id") continue;
    add(name, raw[i + 1]!);
  }
  headers.set("Host", [domainName(info.apiId, info.region)]);
  headers.set("X-Amzn-Trace-Id", [traceId(info.connectedAt)]);
  headers.set("X-Forwarded-For", [info.sourceIp]);
  headers.set("X-Forwarded-Port", ["443"]);
  headers.set("X-Forwarded-Proto", ["https"]);
  return headers;
}

/** Root=1-<epoch seconds in hex>-<96 random bits in hex>, the X-Ray trace header format. */
function traceId(epochMs: number): string {
  let random = "";
  for (let i = 0; i < 24; i++) random += "0123456789abcdef"[randomInt(16)];
  return `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${random}`;
}

/** `headers` keeps the last value of a repeated name, `multiValueHeaders` all of them (payload format 1.0). */
function singleAndMulti(values: Map<string, string[]>): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, list] of values) {
    single[name] = list[list.length - 1]!;
    multi[name] = list;
  }
  return { single, multi };
}

export function connectEvent(req: IncomingMessage, info: ConnectionInfo, requestId: string): Record<string, unknown> {
  const headers = singleAndMulti(connectHeaders(req, info));
  const event: Record<string, unknown> = { headers: headers.single, multiValueHeaders: headers.multi };
  const query = new URL(req.url ?? "/", "http://lab").searchParams;
  // Present only when the URL has a query (5.5: `?orderId=...` → {"orderId": "..."}).
  if ([...query.keys()].length > 0) {
    const params = new Map<string, string[]>();
    for (const [key, value] of query) params.set(key, [...(params.get(key) ?? []), value]);
    const split = singleAndMulti(params);
    event.queryStringParameters = split.single;
    event.multiValueQueryStringParameters = split.multi;
  }
  event.requestContext = requestContext(info, "$connect", "CONNECT", requestId, info.connectedAt);
  event.isBase64Encoded = false;
  return event;
}

/** MESSAGE events carry no headers and no query, only the message text as body (5.5). */
export function messageEvent(info: ConnectionInfo, routeKey: string, body: string, requestId: string, messageId: string, now: number): Record<string, unknown> {
  const context = requestContext(info, routeKey, "MESSAGE", requestId, now);
  return { requestContext: { routeKey, messageId, ...context }, body, isBase64Encoded: false };
}

/**
 * DISCONNECT events carry a minimal, fixed header set with empty values, and the close code and reason
 * (apigw-websocket-request-disconnect.json in the WebSocket events in aws-lambda-go's testdata).
 */
export function disconnectEvent(info: ConnectionInfo, statusCode: number, reason: string, requestId: string, now: number): Record<string, unknown> {
  const headers = new Map<string, string[]>([
    ["Host", [domainName(info.apiId, info.region)]],
    ["x-api-key", [""]],
    ["X-Forwarded-For", [""]],
    ["x-restapi", [""]],
  ]);
  const split = singleAndMulti(headers);
  const context = requestContext(info, "$disconnect", "DISCONNECT", requestId, now);
  return {
    headers: split.single,
    multiValueHeaders: split.multi,
    requestContext: { ...context, disconnectStatusCode: statusCode, disconnectReason: reason },
    isBase64Encoded: false,
  };
}
