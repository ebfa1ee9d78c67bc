// Shared by the API Gateway v2 lab tests: expecting an AWS error from the SDK, and raw signed-looking
// requests for what the SDK cannot send (malformed bodies, wrong member types, unknown paths).
//
// Sources cited in this file:
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
import * as assert from "uvu/assert";
import type { Credentials, TestLab } from "./lab.js";
import { signedFetch } from "./signed-fetch.js";

export interface SdkError {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
  [member: string]: unknown;
}

/** Awaits a call that must fail with the given error name and HTTP status; returns the error for more checks. */
export async function rejects(call: Promise<unknown>, name: string, status: number, message?: string): Promise<SdkError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught as SdkError,
  );
  if (!error) throw new Error(`expected ${name}, but the call succeeded`);
  assert.is(error.name, name, `error name (message: ${error.message})`);
  assert.is(error.$metadata.httpStatusCode, status);
  if (message !== undefined) assert.is(error.message, message);
  return error;
}

export interface RawAnswer {
  status: number;
  errorType: string | null;
  text: string;
  json: Record<string, unknown> | undefined;
}

/**
 * A request the way the SDK would send it to API Gateway v2: signed with SigV4 for signing name
 * "apigateway" (the signingName in botocore's apigatewayv2 model), by default with the lab's default key.
 */
export async function rawApigw(t: TestLab, method: string, path: string, body?: string, credentials: Credentials = t.credentials): Promise<RawAnswer> {
  const res = await signedFetch(`${t.lab.endpoint}${path}`, {
    method,
    service: "apigateway",
    region: t.region,
    credentials,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body,
  });
  const text = await res.text();
  return { status: res.status, errorType: res.headers.get("x-amzn-errortype"), text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** Asserts that no member anywhere in a JSON answer is null: AWS leaves unset members out (model.ts). */
export function assertNoNulls(value: unknown, path = "$"): void {
  assert.ok(value !== null, `${path} is null`);
  if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) assertNoNulls(inner, `${path}.${key}`);
  }
}
