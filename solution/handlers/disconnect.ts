// $disconnect: unsubscribes the connection from every order it registered for, found through the GSI
// (workshop callback-microservice page, step 6: delete every record of the connection id).
import { DeleteCommand, paginateQuery } from "@aws-sdk/lib-dynamodb";
import { CONNECTION_INDEX, documents, reply, tableName, type ProxyResult, type WebSocketEvent } from "./table.js";

export async function handler(event: WebSocketEvent): Promise<ProxyResult> {
  const { connectionId } = event.requestContext;
  const TableName = tableName();
  const pages = paginateQuery(
    { client: documents() },
    { TableName, IndexName: CONNECTION_INDEX, KeyConditionExpression: "connectionId = :c", ExpressionAttributeValues: { ":c": connectionId } },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      await documents().send(new DeleteCommand({ TableName, Key: { orderId: item.orderId, connectionId: item.connectionId } }));
    }
  }
  return reply(200);
}
