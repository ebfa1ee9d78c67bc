// $connect: registers the connection for the order named in the URL (?orderId=...), as the workshop's
// OrderWSConnectFunction does (callback-microservice page, step 3).
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { documents, reply, tableName, type CallbackRow, type ConnectionAttributes, type ProxyResult, type WebSocketEvent } from "./table.js";

export async function handler(event: WebSocketEvent): Promise<ProxyResult> {
  const orderId = event.queryStringParameters?.orderId;
  // A non-2xx statusCode refuses the handshake with that status (reference 5.2).
  if (!orderId) return reply(400, { message: "query parameter orderId is required" });
  const { connectionId, domainName, stage } = event.requestContext;
  const attributes: ConnectionAttributes = { domainName, stage, createdOn: new Date().toISOString() };
  const row: CallbackRow = { orderId, connectionId, attributes: { ...attributes } };
  await documents().send(new PutCommand({ TableName: tableName(), Item: row }));
  return reply(200);
}
