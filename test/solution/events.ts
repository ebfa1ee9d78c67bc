// Lambda proxy events of the shape API Gateway sends for a WebSocket API, payload format 1.0
// (real MESSAGE and DISCONNECT events: the WebSocket events in aws-lambda-go's testdata; a real CONNECT event
// in a public test fixture).
//
// Sources cited in this file:
// - the WebSocket events in aws-lambda-go's testdata: https://github.com/aws/aws-lambda-go/tree/main/events/testdata
import { randomBytes } from "node:crypto";

export interface EventSite {
  apiId: string;
  region: string;
  stage: string;
  connectionId: string;
}

/** Connection ids look like "R1kmxc2VNjMCFIA=" (the WebSocket events in aws-lambda-go's testdata). */
export function newConnectionId(): string {
  return randomBytes(10).toString("base64");
}

function requestContext(site: EventSite, routeKey: string, eventType: string) {
  const now = Date.now();
  const requestId = randomBytes(10).toString("base64");
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: "20/Jan/2024:11:55:00 +0000",
    messageDirection: "IN",
    stage: site.stage,
    connectedAt: now - 1000,
    requestTimeEpoch: now,
    identity: { sourceIp: "127.0.0.1" },
    requestId,
    domainName: `${site.apiId}.execute-api.${site.region}.amazonaws.com`,
    connectionId: site.connectionId,
    apiId: site.apiId,
  };
}

export function connectEvent(site: EventSite, query?: Record<string, string>) {
  const headers = { Host: `${site.apiId}.execute-api.${site.region}.amazonaws.com`, "Sec-WebSocket-Version": "13", "X-Forwarded-Proto": "https" };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    ...(query
      ? {
          queryStringParameters: query,
          multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]])),
        }
      : {}),
    requestContext: requestContext(site, "$connect", "CONNECT"),
    isBase64Encoded: false,
  };
}

export function messageEvent(site: EventSite, body: string) {
  return {
    requestContext: { ...requestContext(site, "$default", "MESSAGE"), messageId: randomBytes(10).toString("base64") },
    body,
    isBase64Encoded: false,
  };
}

export function disconnectEvent(site: EventSite) {
  const headers = { Host: `${site.apiId}.execute-api.${site.region}.amazonaws.com`, "x-api-key": "", "X-Forwarded-For": "", "x-restapi": "" };
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: { ...requestContext(site, "$disconnect", "DISCONNECT"), disconnectStatusCode: 1001, disconnectReason: "Going away" },
    isBase64Encoded: false,
  };
}
