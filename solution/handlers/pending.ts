// $default, as the workshop's OrderWSPendingFunction does it (its index.js in the workshop's repository; README gives it): a client asks
// {"orderId": ...}; the function answers the order's status that the callback function left pending while
// no client listened (connectionId "pending#<ms>"), then forgets it.
import { DeleteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { NO_STATUS, PENDING_MARK } from "../../src/workshop/callback-table.js";
import { documents, tableName, type ProxyResult, type WebSocketEvent } from "./table.js";

export async function handler(event: WebSocketEvent): Promise<ProxyResult> {
  console.log(event);
  // Not JSON: this throws, as the workshop's does, and the client gets API Gateway's "Internal server error".
  const order = JSON.parse(event.body as string) as unknown;
  // null throws here too, as order.hasOwnProperty does in the workshop's code.
  if (order === undefined || !Object.prototype.hasOwnProperty.call(order, "orderId")) return answer(200, NO_STATUS);
  const TableName = tableName();
  try {
    const result = await documents().send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: "#orderId = :oid and begins_with(#connectionId, :cid)",
        ExpressionAttributeNames: { "#orderId": "orderId", "#connectionId": "connectionId" },
        ExpressionAttributeValues: { ":oid": (order as { orderId: unknown }).orderId, ":cid": PENDING_MARK },
      }),
    );
    console.log(result);
    const items = result.Items ?? [];
    if (items.length === 0) return answer(200, NO_STATUS);
    // The first row answers; every pending row of the order is delivered by this one answer.
    for (const item of items) await documents().send(new DeleteCommand({ TableName, Key: { orderId: item.orderId, connectionId: item.connectionId } }));
    return answer(200, items[0]!.attributes);
  } catch (error) {
    console.log(error);
    return { statusCode: 500, body: "Error fetching order item" };
  }
}

function answer(statusCode: number, body: unknown): ProxyResult {
  return { statusCode, body: JSON.stringify(body) };
}
