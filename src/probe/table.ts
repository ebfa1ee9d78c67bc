// The probe's reads and writes of the callback table. Rows come from the participant's account and are
// read as untrusted: only string keys are used. A failed call becomes a ProbeAwsError naming the IAM action
// it needs, so the report can say what to grant instead of blaming the participant.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { isPendingConnectionId, type CallbackRow } from "../workshop/callback-table.js";
import { documentClient } from "../aws/documents.js";
import { PROBE_PREFIX, isStaleProbeId } from "./probe-id.js";

export interface RowKey {
  orderId: string;
  connectionId: string;
}

export class ProbeAwsError extends Error {
  constructor(
    readonly action: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Page = { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> };

export class ProbeTable {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    dynamodb: DynamoDBClient | DynamoDBDocumentClient,
    private readonly name: string,
  ) {
    this.documents = documentClient(dynamodb);
  }

  /** Every row of an order; consistent, so a row the connect function has just written is seen. */
  async orderRows(orderId: string, signal?: AbortSignal): Promise<RowKey[]> {
    return this.pages("dynamodb:Query", (ExclusiveStartKey) =>
      this.documents.send(
        new QueryCommand({
          TableName: this.name,
          KeyConditionExpression: "orderId = :o",
          ExpressionAttributeValues: { ":o": orderId },
          ProjectionExpression: "orderId, connectionId",
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
        { abortSignal: signal },
      ),
    );
  }

  /** The row the connect function registers for a connection: any row of the order that is not pending. */
  async connectionRow(orderId: string, signal?: AbortSignal): Promise<RowKey | undefined> {
    return (await this.orderRows(orderId, signal)).find((row) => !isPendingConnectionId(row.connectionId));
  }

  async hasRow(key: RowKey, signal?: AbortSignal): Promise<boolean> {
    return (await this.orderRows(key.orderId, signal)).some((row) => row.connectionId === key.connectionId);
  }

  /** Takes no signal: a put cut short on the client may still be written, after the clean-up read the table. */
  async put(row: CallbackRow): Promise<void> {
    await this.call("dynamodb:PutItem", () => this.documents.send(new PutCommand({ TableName: this.name, Item: row })));
  }

  /** Rows of earlier probe runs that started before `cutoff`. A Scan: the callback table is a workshop's, small. */
  async staleProbeRows(cutoff: number): Promise<RowKey[]> {
    const rows = await this.pages("dynamodb:Scan", (ExclusiveStartKey) =>
      this.documents.send(
        new ScanCommand({
          TableName: this.name,
          FilterExpression: "begins_with(orderId, :p)",
          ExpressionAttributeValues: { ":p": PROBE_PREFIX },
          ProjectionExpression: "orderId, connectionId",
          ExclusiveStartKey,
        }),
      ),
    );
    return rows.filter((row) => isStaleProbeId(row.orderId, cutoff));
  }

  /** Deletes the rows and counts those that were still there (the disconnect function may race us). */
  async deleteRows(keys: RowKey[]): Promise<number> {
    const deleted = await Promise.all(
      keys.map(async (key) => {
        const out = await this.call("dynamodb:DeleteItem", () =>
          this.documents.send(new DeleteCommand({ TableName: this.name, Key: { orderId: key.orderId, connectionId: key.connectionId }, ReturnValues: "ALL_OLD" })),
        );
        return out.Attributes ? 1 : 0;
      }),
    );
    return deleted.reduce<number>((sum, n) => sum + n, 0);
  }

  private async pages(action: string, fetch: (start: Record<string, unknown> | undefined) => Promise<Page>): Promise<RowKey[]> {
    const rows: RowKey[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.call(action, () => fetch(start));
      rows.push(...(page.Items ?? []).flatMap(toRowKey));
      start = page.LastEvaluatedKey;
    } while (start);
    return rows;
  }

  private async call<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const e = error as { name?: string; message?: string };
      // An abort is the run's, not AWS's answer: it is passed on as it came.
      if (e?.name === "AbortError") throw error;
      throw new ProbeAwsError(action, e?.name ?? "Error", e?.message ?? String(error));
    }
  }
}

function toRowKey(item: Record<string, unknown>): RowKey[] {
  const { orderId, connectionId } = item;
  return typeof orderId === "string" && typeof connectionId === "string" ? [{ orderId, connectionId }] : [];
}
