// A $connect function for the probe's tests that holds the handshake until the test lets it go: it marks
// "started", waits for a "go" row, runs the workshop's connect handler (which writes the connection's row)
// and marks "finished". The marks are rows of their own order id, `mark-<orderId>`, which the probe never
// touches, so the test can tell where the function is whatever the probe deletes.
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { handler as connect } from "../../solution/handlers/connect.js";
import { documents, tableName, type ProxyResult, type WebSocketEvent } from "../../solution/handlers/table.js";

export const HELD_CONNECT_ENTRY = "test/probe/held-connect.ts";
/** How long the function waits for "go" before it goes on anyway (the test sets the function's timeout above it). */
export const HOLD_MAX_MS = 30_000;

export function markOrder(orderId: string): string {
  return `mark-${orderId}`;
}

export async function handler(event: WebSocketEvent): Promise<ProxyResult> {
  const order = markOrder(event.queryStringParameters!.orderId!);
  const mark = (connectionId: string) => documents().send(new PutCommand({ TableName: tableName(), Item: { orderId: order, connectionId } }));
  await mark("started");
  const deadline = Date.now() + HOLD_MAX_MS;
  while (Date.now() < deadline) {
    const go = await documents().send(new GetCommand({ TableName: tableName(), Key: { orderId: order, connectionId: "go" }, ConsistentRead: true }));
    if (go.Item) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const answer = await connect(event);
  await mark("finished");
  return answer;
}
