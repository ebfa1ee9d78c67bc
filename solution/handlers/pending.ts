// $default: answers an order's status that was stored while no client listened, then forgets it
// (workshop callback-microservice page, step 8). The pending-row convention lives in table.ts.
import { DeleteCommand, paginateQuery } from "@aws-sdk/lib-dynamodb";
import { PENDING_PREFIX, documents, reply, tableName, type CallbackRow, type ProxyResult, type WebSocketEvent } from "./table.js";

export async function handler(event: WebSocketEvent): Promise<ProxyResult> {
  const request = parseRequest(event);
  if ("problem" in request) return reply(400, { message: request.problem });
  const rows = await pendingRows(request.orderId);
  if (rows.length === 0) return reply(200, { status: "none" });
  const TableName = tableName();
  for (const row of rows) {
    await documents().send(new DeleteCommand({ TableName, Key: { orderId: row.orderId, connectionId: row.connectionId } }));
  }
  return reply(200, rows[0]!.attributes);
}

function parseRequest(event: WebSocketEvent): { orderId: string } | { problem: string } {
  const text = event.isBase64Encoded && event.body ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  let body: unknown;
  try {
    body = JSON.parse(text ?? "");
  } catch {
    return { problem: "message body is not JSON" };
  }
  const orderId = (body as { orderId?: unknown } | null)?.orderId;
  if (typeof orderId !== "string" || orderId === "") return { problem: "message body has no orderId" };
  return { orderId };
}

/** Every pending row of the order, oldest first (the sort key starts with the time it was stored). */
async function pendingRows(orderId: string): Promise<CallbackRow[]> {
  const pages = paginateQuery(
    { client: documents() },
    {
      TableName: tableName(),
      KeyConditionExpression: "orderId = :o AND begins_with(connectionId, :p)",
      ExpressionAttributeValues: { ":o": orderId, ":p": PENDING_PREFIX },
    },
  );
  const rows: CallbackRow[] = [];
  for await (const page of pages) rows.push(...((page.Items ?? []) as CallbackRow[]));
  return rows;
}
