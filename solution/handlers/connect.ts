// $connect, as the workshop's OrderWSConnectFunction does it (its index.js in the workshop's repository; README gives it): registers the
// connection for the order named in the callback URL (?orderId=...), with where to call the client back.
//
// Sources cited in this file:
// - API Gateway's $connect and $disconnect routes: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { CallbackRow } from "../../src/workshop/callback-table.js";
import { documents, tableName, type ProxyResult, type WebSocketEvent } from "./table.js";

export async function handler(event: WebSocketEvent): Promise<ProxyResult> {
  // Read without a guard, as the workshop does: a URL without a query string throws, and API Gateway then
  // refuses the handshake (API Gateway's $connect and $disconnect routes).
  const orderId = event.queryStringParameters!.orderId as string;
  const { domainName, stage, connectionId } = event.requestContext;
  const row: CallbackRow = { orderId, connectionId, attributes: { domainName, stage, createdOn: Date.now() } };
  try {
    await documents().send(new PutCommand({ TableName: tableName(), Item: row }));
    return { statusCode: 200, body: "Connected" };
  } catch (error) {
    console.log(error);
    return { statusCode: 500, body: `Failed to connect: ${JSON.stringify(error)}` };
  }
}
