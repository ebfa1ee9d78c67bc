// API Gateway v2's errors as the SDK model declares them (botocore's apigatewayv2 model): the name travels in
// x-amzn-ErrorType, the body carries `message` (and `resourceType` / `limitType` where the model has them).
//
// Sources cited in this file:
// - API Gateway quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
import { AwsError } from "../protocol.js";

export type ResourceType = "Api" | "Route" | "Integration" | "RouteResponse" | "IntegrationResponse" | "Stage" | "Deployment";

/**
 * NotFoundException 404 {message, resourceType}. The API form "Invalid API identifier specified
 * <account>:<apiId>" is from public transcripts (UNCONFIRMED beyond them); the other resources follow the same
 * "Invalid <Type> identifier specified <id>" pattern, which is UNCONFIRMED for them.
 */
export function notFound(resourceType: ResourceType, id: string): AwsError {
  const label = resourceType === "Api" ? "API" : resourceType;
  const message = `Invalid ${label} identifier specified ${id}`;
  return new AwsError(404, "NotFoundException", message, { message, resourceType });
}

export function badRequest(message: string): AwsError {
  return new AwsError(400, "BadRequestException", message);
}

export function conflict(message: string): AwsError {
  return new AwsError(409, "ConflictException", message);
}

export function notImplemented(operation: string): AwsError {
  return new AwsError(501, "NotImplementedException", `The local lab does not implement ${operation}`);
}

export function noSuchOperation(method: string, path: string): AwsError {
  const message = `No API Gateway v2 operation matches ${method} ${path}`;
  return new AwsError(404, "NotFoundException", message, { message });
}

/**
 * TooManyRequestsException 429 {message, limitType} (API Gateway quotas; the model's member is LimitType).
 * Which limitType value AWS sends is UNCONFIRMED: the lab names the quota that applies, CreateDeployment's
 * own or the account-wide pool of management calls (API Gateway quotas).
 */
export function tooManyRequests(operation: string): AwsError {
  const limitType = operation === "CreateDeployment" ? "CreateDeployment" : "TotalOperations";
  return new AwsError(429, "TooManyRequestsException", "Too Many Requests", { message: "Too Many Requests", limitType });
}
