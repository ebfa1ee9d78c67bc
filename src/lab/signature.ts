// SigV4 in the lab: who signed a request, and whether they hold the key's secret.
//
// The lab checks the signature of every key it issued (accounts.ts: the registered keys and the role
// sessions, the functions' execution-role credentials among them) by signing the request as it arrived again
// with that key's secret, through @smithy/signature-v4 (the SDK v3's own signer, so the canonical request is
// built exactly as the SDK builds it), and comparing the two signatures in constant time. A key the lab did
// not issue has no secret to check: its requests are accepted, as a throwaway account of its own.
//
// What the lab does not check, on purpose:
// - the clock: AWS refuses a request signed more than 15 minutes away from its own time
//   (RequestTimeTooSkewed / "Signature expired"; IAM User Guide, "Elements of an AWS API request
//   signature", https://docs.aws.amazon.com/IAM/latest/UserGuide/signing-elements.html). A lab on a laptop
//   whose clock is off, or a test that fakes time, should still work; the signature still covers the date.
// - a presigned URL's X-Amz-Expires, for the same reason.
// - a request that signs the Date header instead of X-Amz-Date: the SDKs and the AWS CLI never do, and the
//   signer below always signs X-Amz-Date, so such a request is refused.
import { Sha256 } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { AccountRegistry, Principal } from "./accounts.js";
import { AwsError, type ServiceName } from "./protocol.js";

type SignableRequest = Parameters<SignatureV4["presign"]>[0];

/** What a SigV4-signed request says of itself: who signed it, for which scope, over which headers. */
export interface ReceivedSignature {
  accessKeyId: string;
  region: string;
  service: string;
  /** Lower-case names, as in SignedHeaders. */
  signedHeaders: string[];
  /** Hex, as sent. */
  signature: string;
  /** Set when the signature travels in the query string (a presigned URL), not in Authorization. */
  presigned?: { date: string; expires: string };
}

/** A request as it came off the wire: the path and query still percent-encoded, the body as received. */
export interface ReceivedRequest {
  method: string;
  /** The URL path exactly as sent: SigV4 encodes it once more, so a decoded path would not match. */
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

// Authorization: AWS4-HMAC-SHA256 Credential=AKID/20240101/ap-northeast-2/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=<hex>
const CREDENTIAL = /^([^/,\s]+)\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request$/;

/** The signature of a request, from its Authorization header or else its query string; undefined if unsigned. */
export function readSignature(headers: IncomingHttpHeaders, query: URLSearchParams): ReceivedSignature | undefined {
  const auth = headers.authorization;
  if (typeof auth === "string" && auth.startsWith("AWS4-HMAC-SHA256 ")) {
    const field = (name: string) => new RegExp(`[\\s,]${name}=([^,\\s]*)`).exec(auth)?.[1] ?? "";
    return fromParts(field("Credential"), field("SignedHeaders"), field("Signature"));
  }
  const credential = query.get("X-Amz-Credential");
  if (credential === null) return undefined;
  const signed = fromParts(credential, query.get("X-Amz-SignedHeaders") ?? "", query.get("X-Amz-Signature") ?? "");
  return signed && { ...signed, presigned: { date: query.get("X-Amz-Date") ?? "", expires: query.get("X-Amz-Expires") ?? "" } };
}

function fromParts(credential: string, signedHeaders: string, signature: string): ReceivedSignature | undefined {
  const scope = CREDENTIAL.exec(credential);
  if (!scope) return undefined;
  return { accessKeyId: scope[1]!, region: scope[2]!, service: scope[3]!, signedHeaders: signedHeaders.split(";").filter(Boolean), signature };
}

/** Why a request is refused before it reaches its service. */
export type RefusalReason = "signature" | "unrecognized" | "expired";

/**
 * The principal a request acts as. For a key the lab issued, the request must carry that key's session token
 * (role sessions) and be signed with its secret; any other key resolves to its own account (accounts.ts).
 */
export async function authenticate(accounts: AccountRegistry, req: ReceivedRequest, received: ReceivedSignature): Promise<{ principal: Principal } | { refused: RefusalReason }> {
  const issued = accounts.secretOf(received.accessKeyId);
  if (issued) {
    // AWS reads the token first: a session key without its token is a key it does not know.
    if (issued.sessionToken !== undefined && !sameSecret(sessionToken(req), issued.sessionToken)) return { refused: "unrecognized" };
    if (!(await signatureMatches(req, received, issued.secretAccessKey))) return { refused: "signature" };
  }
  const principal = accounts.resolve(received.accessKeyId);
  return "refused" in principal ? principal : { principal };
}

/** Whether the request was signed with this secret: the lab signs it again and compares. */
export async function signatureMatches(req: ReceivedRequest, received: ReceivedSignature, secretAccessKey: string): Promise<boolean> {
  const expected = await expectedSignature(req, received, secretAccessKey).catch(() => undefined);
  return expected !== undefined && sameSecret(received.signature, expected);
}

async function expectedSignature(req: ReceivedRequest, received: ReceivedSignature, secretAccessKey: string): Promise<string | undefined> {
  const signingDate = parseAmzDate(received.presigned?.date ?? headerValue(req.headers, "x-amz-date"));
  if (!signingDate || !payloadHashHolds(req, received)) return undefined;
  const signer = new SignatureV4({
    service: received.service,
    region: received.region,
    credentials: { accessKeyId: received.accessKeyId, secretAccessKey },
    sha256: Sha256,
    // Sign exactly the headers the client signed: no x-amz-content-sha256 of the signer's own.
    applyChecksum: false,
  });
  const request: SignableRequest = {
    method: req.method,
    protocol: "http:",
    hostname: "127.0.0.1",
    path: req.rawPath,
    query: parseQuery(req.rawQuery),
    headers: signedHeaderValues(req.headers, received.signedHeaders),
    body: req.body,
  };
  // signableHeaders: a header the signer would leave out by default (user-agent, ...) counts when the client signed it.
  const options = { signingDate, signingRegion: received.region, signingService: received.service, signableHeaders: new Set(received.signedHeaders) };
  if (received.presigned) {
    const presigned = await signer.presign(request, { ...options, expiresIn: Number(received.presigned.expires), unhoistableHeaders: new Set(received.signedHeaders) });
    const signature = presigned.query?.["X-Amz-Signature"];
    return typeof signature === "string" ? signature : undefined;
  }
  const signed = await signer.sign(request, options);
  return /Signature=([0-9a-f]+)$/.exec(String(signed.headers.authorization))?.[1];
}

/**
 * The signer trusts a signed x-amz-content-sha256 as the payload's hash (as S3 does), so the lab checks it
 * against the body it received: a body changed on the way is refused. UNSIGNED-PAYLOAD (the body left out
 * of the signature) is accepted; which non-S3 services accept it on AWS is UNCONFIRMED.
 */
function payloadHashHolds(req: ReceivedRequest, received: ReceivedSignature): boolean {
  if (!received.signedHeaders.includes("x-amz-content-sha256")) return true;
  const declared = headerValue(req.headers, "x-amz-content-sha256");
  return declared === "UNSIGNED-PAYLOAD" || declared === createHash("sha256").update(req.body).digest("hex");
}

function signedHeaderValues(headers: IncomingHttpHeaders, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headerValue(headers, name);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** The query's names and values decoded ("+" stays "+": SigV4 clients encode a space as %20), repeats kept. */
function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of rawQuery.split("&")) {
    if (!pair) continue;
    const at = pair.indexOf("=");
    const name = decode(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? "" : decode(pair.slice(at + 1));
    const before = query[name];
    query[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return query;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** 20240501T101500Z, the form of X-Amz-Date. */
function parseAmzDate(text: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? "");
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

function sessionToken(req: ReceivedRequest): string {
  const fromHeader = headerValue(req.headers, "x-amz-security-token");
  return fromHeader ?? new URLSearchParams(req.rawQuery).get("X-Amz-Security-Token") ?? "";
}

/** Equal, in time that says nothing of where they differ (digests first, so lengths leak nothing either). */
function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

const SIGNATURE_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const TOKEN_MESSAGE = "The security token included in the request is invalid.";
const EXPIRED_MESSAGE = "The security token included in the request is expired";

/**
 * How each service refuses a request, as [status, error code, message]. The wrong-secret answers:
 * - STS (awsQuery): 403 SignatureDoesNotMatch [IAM User Guide, "Troubleshoot Signature Version 4 signing",
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html: "HTTP 403
 *   SignatureDoesNotMatch"; the code for GetCallerIdentity in aws/aws-cli#6676];
 * - Lambda (restJson1): 403, x-amzn-ErrorType InvalidSignatureException, {"message": ...} [a captured Invoke
 *   answer in erlcloud/erlcloud#690: 192-byte body, exactly this message];
 * - API Gateway (restJson1): the same as Lambda, as execute-api answers it [rpgreen/apigateway-generic-java-sdk#11:
 *   "Status Code: 403; Error Code: InvalidSignatureException"]; for the management API UNCONFIRMED;
 * - DynamoDB (awsJson1_0): 400, __type com.amazon.coral.service#InvalidSignatureException
 *   [ttsuruoka/php-simple-amazon-dynamodb#1; boto/boto#1552 "400 Bad Request"];
 * - CloudWatch Logs (awsJson1_1): 400, __type InvalidSignatureException [vectordotdev/vector#16629: status 400,
 *   content-type application/x-amz-json-1.1, content-length 229 = this message in {"__type","message"}].
 * An unknown key or session token: STS InvalidClientTokenId 403 (the Common Errors list of the query-protocol
 * API references, e.g. https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/CommonErrors.html; this
 * message with status 403 in checkr/s3-sync#6), the others UnrecognizedClientException
 * with the status of their other client errors ("The security token included in the request is invalid.",
 * fluent-plugins-nursery/fluent-plugin-cloudwatch-logs#117 for Logs; statuses UNCONFIRMED). The expired
 * answers are those the lab gave before it checked signatures.
 */
const REFUSALS: Record<ServiceName, Record<RefusalReason, [number, string, string]>> = {
  sts: {
    signature: [403, "SignatureDoesNotMatch", SIGNATURE_MESSAGE],
    unrecognized: [403, "InvalidClientTokenId", TOKEN_MESSAGE],
    expired: [403, "ExpiredToken", EXPIRED_MESSAGE],
  },
  lambda: jsonRefusals(403),
  apigateway: jsonRefusals(403),
  dynamodb: jsonRefusals(400),
  logs: jsonRefusals(400, 403),
};

/** The JSON protocols' refusals share their codes; only the statuses differ from service to service (above). */
function jsonRefusals(status: number, expiredStatus = status): Record<RefusalReason, [number, string, string]> {
  return {
    signature: [status, "InvalidSignatureException", SIGNATURE_MESSAGE],
    unrecognized: [status, "UnrecognizedClientException", TOKEN_MESSAGE],
    expired: [expiredStatus, "ExpiredTokenException", EXPIRED_MESSAGE],
  };
}

/** The service's own error for a refused request; each service writes it in its protocol (server.ts). */
export function refusalError(service: ServiceName, reason: RefusalReason): AwsError {
  const [status, code, message] = REFUSALS[service][reason];
  return new AwsError(status, code, message);
}
