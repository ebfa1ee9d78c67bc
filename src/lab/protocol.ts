// Wire-level building blocks shared by every service the lab speaks.
// The lab answers the real AWS SDK v3 clients, so everything here follows what the SDK sends and parses
// (Smithy's restJson1 protocol).
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
// - Smithy's restJson1 protocol: https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
// - the AWS CLI's apigatewayv2 examples: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
// - the ids of the AWS CLI's apigatewayv2 examples; formats beyond them UNCONFIRMED: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** The services the lab tells apart by the SigV4 credential scope ("apigateway" signs API Gateway v2, "logs" CloudWatch Logs). */
export type ServiceName = "apigateway" | "lambda" | "sts" | "dynamodb" | "logs";

/** One parsed, authenticated control-plane request. */
export interface LabRequest {
  method: string;
  /** Path segments, each percent-decoded (the SDK encodes ":" of Lambda ARNs as %3A, botocore's lambda model). */
  segments: string[];
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  service: ServiceName;
  accessKeyId: string;
  account: string;
  region: string;
  requestId: string;
}

export interface LabResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; Buffers and strings as they are. */
  body?: unknown;
}

/**
 * An error the way a service reports it. `body` is the exact JSON body that service sends
 * (API Gateway: {"message"}, Lambda: {"Type","Message"|"message"}); the error name always travels in
 * the x-amzn-ErrorType header, which the SDK reads first (Smithy's restJson1 protocol, error parsing).
 */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> = { message },
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** Text for an XML element or attribute of the query and rest-xml protocols' answers. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function newRequestId(): string {
  return randomUUID();
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): LabResponse {
  return { status, body, headers };
}

export function noContent(): LabResponse {
  return { status: 204 };
}

/** Parses a JSON request body; an empty body is `{}`. Malformed JSON is AWS's SerializationException. */
export function parseJsonBody(req: LabRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString("utf8"));
  } catch {
    throw new AwsError(400, "SerializationException", "Could not parse request body into json: malformed JSON");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AwsError(400, "SerializationException", "Could not parse request body into json: expected an object");
  }
  return parsed as Record<string, unknown>;
}

/** AWS timestamps of API Gateway v2 are ISO-8601 without milliseconds ("2024-05-01T10:00:00Z", Smithy's restJson1 protocol). */
export function isoSeconds(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Lambda's LastModified is a plain string like 2024-05-01T12:00:00.000+0000 (botocore's lambda model). */
export function lambdaTimestamp(date = new Date()): string {
  return date.toISOString().replace("Z", "+0000");
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Lower-case alphanumeric ids like API Gateway's (apiId 10, routeId 7, deploymentId 6; the ids of the AWS CLI's apigatewayv2 examples; formats beyond them UNCONFIRMED). */
export function shortId(length: number): string {
  let id = "";
  for (let i = 0; i < length; i++) id += ID_ALPHABET[Math.floor(Math.random() * ID_ALPHABET.length)];
  return id;
}

/**
 * Opaque pagination shared by the list operations: the token is the index of the next item, encoded so
 * that clients treat it as opaque. A token that does not decode is BadRequest, as on AWS.
 */
export function paginate<T>(items: T[], maxResults: string | null, nextToken: string | null, badToken: () => Error): { page: T[]; nextToken?: string } {
  const max = maxResults === null ? items.length || 1 : Number(maxResults);
  let start = 0;
  if (nextToken !== null) {
    // Only a token of the form the lab issues is accepted: "%%%" must not read as position 0.
    const decoded = /^p:(\d{1,9})$/.exec(Buffer.from(nextToken, "base64url").toString("utf8"));
    start = decoded ? Number(decoded[1]) : -1;
    if (start < 0 || start > items.length) throw badToken();
  }
  const page = items.slice(start, start + max);
  const next = start + max;
  return next < items.length ? { page, nextToken: Buffer.from(`p:${next}`).toString("base64url") } : { page };
}
