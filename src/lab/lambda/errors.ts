// Lambda's errors as the service sends them (botocore's lambda model): the name travels in x-amzn-ErrorType, the
// body carries "Type" and a message whose key is "Message" for ResourceNotFoundException and "message"
// for the others.
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
// - Lambda GetPolicy: https://docs.aws.amazon.com/lambda/latest/dg/API_GetPolicy.html
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
import { AwsError } from "../protocol.js";

export function notFound(message: string): AwsError {
  return new AwsError(404, "ResourceNotFoundException", message, { Type: "User", Message: message });
}

/** Lambda GetPolicy: GetPolicy on a function that exists but has no policy. */
export function noSuchResource(): AwsError {
  return notFound("The resource you requested does not exist.");
}

export function conflict(message: string): AwsError {
  return userError(409, "ResourceConflictException", message);
}

export function invalidParameter(message: string): AwsError {
  return userError(400, "InvalidParameterValueException", message);
}

/** 412 (botocore's lambda model); the text is the one AWS sends for a stale RevisionId of a function. */
export function revisionMismatch(): AwsError {
  return userError(
    412,
    "PreconditionFailedException",
    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
  );
}

export function invalidRequestContent(message: string): AwsError {
  return userError(400, "InvalidRequestContentException", message);
}

export function requestTooLarge(message: string): AwsError {
  return new AwsError(413, "RequestTooLargeException", message, { Type: "User", message });
}

/** botocore's lambda model and Lambda quotas: 429 with Retry-After, {"Type","message","Reason"}. */
export function tooManyRequests(): AwsError {
  return new AwsError(
    429,
    "TooManyRequestsException",
    "Rate exceeded",
    { Type: "User", message: "Rate exceeded", Reason: "CallerRateLimitExceeded" },
    { "Retry-After": "1" },
  );
}

/**
 * Request members that break the model's constraints. AWS lists every broken constraint in one
 * message: "2 validation errors detected: Value 'x' at 'runtime' failed to satisfy constraint: ...; ...".
 */
export function validationError(problems: string[]): AwsError {
  const count = problems.length === 1 ? "1 validation error detected" : `${problems.length} validation errors detected`;
  return new AwsError(400, "ValidationException", `${count}: ${problems.join("; ")}`);
}

export function constraint(field: string, value: unknown, rule: string): string {
  return `Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`;
}

/** What the lab deliberately leaves out: an AWS-shaped answer that names it, never a hang. */
export function notImplemented(what: string): AwsError {
  return new AwsError(501, "NotImplementedException", `${what} is not implemented by the local lab`, {
    Type: "User",
    message: `${what} is not implemented by the local lab`,
  });
}

function userError(status: number, code: string, message: string): AwsError {
  return new AwsError(status, code, message, { Type: "User", message });
}
