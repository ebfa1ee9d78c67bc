// DynamoDB with plain JS values instead of attribute-value maps: the probe's rows, and the tests' and benches'
// reads of the callback table. A module of its own, so that a check that writes no row (`--no-live`) does not
// load @aws-sdk/lib-dynamodb and @aws-sdk/util-dynamodb (bench/start-cpu.ts measures that start).
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export function documentClient(dynamodb: DynamoDBClient | DynamoDBDocumentClient): DynamoDBDocumentClient {
  if (dynamodb instanceof DynamoDBDocumentClient) return dynamodb;
  return DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
}
