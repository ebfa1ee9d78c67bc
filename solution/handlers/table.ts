// What the three reference handlers share: the event and result shapes API Gateway uses with a Lambda proxy
// integration, and one DynamoDB document client per runtime, as the workshop's functions keep one
// DocumentClient at module level. The table's layout and conventions are the workshop's (src/workshop).
//
// Sources cited in this file:
// - the WebSocket events in aws-lambda-go's testdata: https://github.com/aws/aws-lambda-go/tree/main/events/testdata
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TABLE_ENV } from "../../src/workshop/callback-table.js";

/** The parts of API Gateway's WebSocket Lambda proxy event the handlers read (the WebSocket events in aws-lambda-go's testdata). */
export interface WebSocketEvent {
  requestContext: { connectionId: string; domainName?: string; stage?: string; routeKey?: string };
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
}

/** The Lambda proxy result API Gateway expects (workshop step 2, note at the end). */
export interface ProxyResult {
  statusCode: number;
  body?: string;
}

/**
 * The table named in the function's environment. Unset, it is undefined, as in the workshop's code: the
 * DynamoDB call then fails and the handler answers its error status.
 */
export function tableName(): string | undefined {
  return process.env[TABLE_ENV];
}

let client: DynamoDBDocumentClient | undefined;

/**
 * Created on first use and kept for the runtime's life, as Lambda reuses a warm module. Undefined members
 * (an event without domainName) are left out, as the SDK v2 DocumentClient the workshop uses leaves them out.
 */
export function documents(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return client;
}
