// What kind of failure an AWS call ended in, decided once for the whole program: the grader's rate gate and
// solve's retries (throttling), the check's fatal errors (credentials, network), the engine's hints for a read
// that failed (access denied, throttling, credentials, network), apply's deletes (not found) and retries (a
// conflict while an update is in progress), and solve's reading the account again after another writer's
// conflict (src/cli/plan-session.ts). It reads an SDK error as thrown, or the name and message a
// snapshot recorded of one (CollectError, the probe's error), which carry no HTTP status.
import { isThrottlingError } from "@smithy/core/retry";

export type AwsErrorKind = "aborted" | "throttling" | "credentials" | "accessDenied" | "notFound" | "conflict" | "network" | "other";

/** The parts of an SDK (or Node) error that say what it was; every one may be missing. */
export interface ErrorLike {
  name?: string;
  /** Node's system error code (ECONNREFUSED, ...), set on errors below the SDK. */
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

/**
 * Credentials missing, expired or refused: STS's ExpiredToken and InvalidClientTokenId, the signature
 * errors, the SDK's CredentialsProviderError and SSO's TokenRefreshRequired. Matched in the name and the
 * message, since the credential chain's errors say it only in their message.
 */
const CREDENTIALS = /CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|InvalidSignature|TokenRefreshRequired/;

/** IAM's refusals: AccessDenied(Exception), API Gateway's ForbiddenException, UnauthorizedOperation. */
const ACCESS_DENIED = /AccessDenied|Unauthorized|Forbidden/i;

/** API Gateway's NotFoundException; Lambda's, DynamoDB's and CloudWatch Logs' ResourceNotFoundException. */
const NOT_FOUND = new Set(["NotFoundException", "ResourceNotFoundException"]);

/** API Gateway's ConflictException, Lambda's ResourceConflictException (a statement id taken, an update running). */
const CONFLICT = new Set(["ConflictException", "ResourceConflictException"]);

/**
 * No answer from AWS at all: the socket errors and timeouts the SDK's retry strategy counts as transient
 * (@smithy/core retry, NODEJS_TIMEOUT_ERROR_CODES and NODEJS_NETWORK_ERROR_CODES), found in a recorded
 * message as well ("connect ECONNREFUSED 127.0.0.1:4566"), and the SDK's own timeout names.
 */
const NETWORK = /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|TimeoutError|RequestTimeout|NetworkingError|socket hang up/i;

/** The kind of an error thrown by an SDK call (or anything else: what is not an object is "other"). */
export function errorKind(error: unknown): AwsErrorKind {
  if (typeof error !== "object" || error === null) return "other";
  const e = error as ErrorLike;
  const name = typeof e.name === "string" ? e.name : "";
  const text = `${name} ${typeof e.code === "string" ? e.code : ""} ${typeof e.message === "string" ? e.message : ""}`;
  if (name === "AbortError") return "aborted";
  // The SDK's own list of throttling names (and HTTP 429), so the gate, the retries and the hints agree with its retries.
  if (isThrottlingError({ name, $metadata: e.$metadata ?? {}, ...(e.$retryable ? { $retryable: e.$retryable } : {}) } as Parameters<typeof isThrottlingError>[0])) return "throttling";
  if (CREDENTIALS.test(text)) return "credentials";
  if (ACCESS_DENIED.test(name)) return "accessDenied";
  if (NOT_FOUND.has(name)) return "notFound";
  if (CONFLICT.has(name)) return "conflict";
  if (NETWORK.test(text)) return "network";
  return "other";
}

/** The kind of an error a snapshot recorded by its name (`code`) and message. */
export function recordedErrorKind(code: string, message = ""): AwsErrorKind {
  return errorKind({ name: code, message });
}

export const isThrottling = (error: unknown): boolean => errorKind(error) === "throttling";

/** Credentials that are missing, expired or not accepted: nothing can be checked with them. */
export const isCredentialError = (code: string, message: string): boolean => recordedErrorKind(code, message) === "credentials";

/** Credentials that were good once and have run out (a new session or `aws sso login` fixes them). */
export const isExpiredCredentials = (code: string, message: string): boolean => /Expired|TokenRefresh/.test(`${code} ${message}`);

/**
 * Lambda's answer while an update of the function is still running (LastUpdateStatus InProgress): the same
 * call succeeds a moment later, so it is waited out like throttling (Lambda API reference, "ResourceConflictException").
 */
export function isUpdateInProgress(error: unknown): boolean {
  const message = (error as ErrorLike | undefined)?.message;
  return errorKind(error) === "conflict" && /in progress/i.test(typeof message === "string" ? message : "");
}
