// Pure parsing of the ARNs the checks meet: Lambda function ARNs, the Lambda integration URI of an API
// Gateway integration, and execute-api ARNs (as written in a SourceArn condition, wildcards included).
// Everything here reads untrusted text: a value that does not have the expected shape gives undefined,
// never an exception.
//
// Sources cited in this file:
// - API Gateway v2's Integration resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon, further colons included (`function:name:alias`). */
  resource: string;
}

/** arn:<partition>:<service>:<region>:<account>:<resource>; exactly five separating colons, the rest is the resource. */
export function parseArn(value: unknown): Arn | undefined {
  if (typeof value !== "string") return undefined;
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  if (!partition || !service) return undefined;
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

export interface LambdaFunctionArn {
  partition: string;
  region: string;
  account: string;
  functionName: string;
  /** A version or alias (`:live`, `:3`); absent for the unqualified function. */
  qualifier?: string;
  /** The ARN without its qualifier: what the function's resource policy is written for. */
  unqualifiedArn: string;
}

/** arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>] */
export function parseLambdaFunctionArn(value: unknown): LambdaFunctionArn | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== "lambda") return undefined;
  const [kind, functionName, qualifier, ...extra] = arn.resource.split(":");
  if (kind !== "function" || !functionName || extra.length > 0 || qualifier === "") return undefined;
  const unqualifiedArn = `arn:${arn.partition}:lambda:${arn.region}:${arn.account}:function:${functionName}`;
  const parsed: LambdaFunctionArn = { partition: arn.partition, region: arn.region, account: arn.account, functionName, unqualifiedArn };
  if (qualifier !== undefined) parsed.qualifier = qualifier;
  return parsed;
}

export interface LambdaIntegrationUri extends LambdaFunctionArn {
  /** The region of the API Gateway part of the URI (the one that invokes); `region` is the function's. */
  gatewayRegion: string;
  /** The function ARN inside the URI, qualifier included, as written. */
  functionArn: string;
}

const FUNCTIONS_PATH = "lambda:path/2015-03-31/functions/";
const INVOCATIONS = "/invocations";

/**
 * arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<functionArn>/invocations, the form every
 * Lambda integration of a WebSocket API has (API Gateway v2's Integration resource).
 */
export function parseLambdaIntegrationUri(value: unknown): LambdaIntegrationUri | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== "apigateway") return undefined;
  // The account slot of the gateway part is "lambda"; the function path follows as the "resource".
  const rest = `${arn.account}:${arn.resource}`;
  if (!rest.startsWith(FUNCTIONS_PATH) || !rest.endsWith(INVOCATIONS)) return undefined;
  const functionArn = rest.slice(FUNCTIONS_PATH.length, rest.length - INVOCATIONS.length);
  const fn = parseLambdaFunctionArn(functionArn);
  if (!fn) return undefined;
  return { ...fn, gatewayRegion: arn.region, functionArn };
}

export interface ExecuteApiArn {
  region: string;
  account: string;
  apiId: string;
  /** Absent when the pattern stops before it (`<apiId>/*` covers every stage and route). */
  stage?: string;
  /** Everything after the stage, slashes included. */
  routeKey?: string;
}

/**
 * arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<routeKey> (Lambda AddPermission). Parts may be IAM
 * wildcard patterns; they are returned as written, to be matched with stringLike.
 */
export function parseExecuteApiArn(value: unknown): ExecuteApiArn | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== "execute-api") return undefined;
  const [apiId, stage, ...route] = arn.resource.split("/");
  if (!apiId) return undefined;
  const parsed: ExecuteApiArn = { region: arn.region, account: arn.account, apiId };
  if (stage !== undefined) parsed.stage = stage;
  if (route.length > 0) parsed.routeKey = route.join("/");
  return parsed;
}

/** The integration URI API Gateway needs to invoke a function (what the console writes for "Lambda 함수"). */
export function lambdaIntegrationUri(region: string, functionArn: string, partition = "aws"): string {
  return `arn:${partition}:apigateway:${region}:${FUNCTIONS_PATH}${functionArn}${INVOCATIONS}`;
}
