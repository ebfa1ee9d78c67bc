// The lab's one HTTP server: it tells the services apart the way AWS's endpoints do for a client that
// sends every service to one URL (AWS_ENDPOINT_URL): DynamoDB by its X-Amz-Target header, the others by
// the service in the SigV4 credential scope (API Gateway v2 signs as "apigateway", botocore's apigatewayv2 model;
// CloudWatch Logs as "logs", its X-Amz-Target prefix Logs_20140328. naming the operation). A service the
// lab does not implement gets a 501 in its own protocol (src/lab/unimplemented.ts), without a look at the
// signature: it reads and writes nothing. Every other request is authenticated first (signature.ts): a key
// the lab issued must have signed it with its own secret, or the service's own refusal comes back.
//
// Sources cited in this file:
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
// - Smithy's awsJson1_0 protocol: https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
// - Smithy's restJson1 protocol: https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { apigatewayService } from "./apigw/service.js";
import type { LabContext, ServiceModule } from "./context.js";
import type { DynamoDbHost } from "./dynamodb.js";
import { lambdaService } from "./lambda/service.js";
import { logsService } from "./logs/service.js";
import { AwsError, newRequestId, type LabRequest, type LabResponse } from "./protocol.js";
import { authenticate, readSignature, refusalError, type ReceivedRequest } from "./signature.js";
import { stsService } from "./sts.js";
import { unknownServiceResponse } from "./unimplemented.js";

const SERVICES: Record<string, ServiceModule> = {
  apigateway: apigatewayService,
  lambda: lambdaService,
  logs: logsService,
  sts: stsService,
};

/** Larger bodies are refused before they are buffered: Lambda's own request limit is 6 MB (Lambda quotas). */
const MAX_BODY_BYTES = 70 * 1024 * 1024;

export function createRequestHandler(ctx: LabContext, dynamo: DynamoDbHost) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res, ctx, dynamo).catch((error: unknown) => {
      // A bug in the lab must not take the lab down: the client gets AWS's generic 500.
      process.stderr.write(`lab: internal error on ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) send(res, restJsonError(new AwsError(500, "InternalFailure", "The local lab failed to process the request"), newRequestId()));
      else res.destroy();
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: LabContext, dynamo: DynamoDbHost): Promise<void> {
  const url = new URL(req.url ?? "/", "http://lab");
  const signature = readSignature(req.headers, url.searchParams);
  const target = req.headers["x-amz-target"];
  const requestId = newRequestId();
  const body = await readBody(req);
  if (typeof target === "string" && target.startsWith("DynamoDB_")) {
    if (body === undefined) return send(res, { status: 413 });
    if (!signature) return send(res, dynamoError(new AwsError(403, "MissingAuthenticationTokenException", "Request is missing Authentication Token")));
    const auth = await authenticate(ctx.accounts, received(req, body), signature);
    if ("refused" in auth) return send(res, dynamoError(refusalError("dynamodb", auth.refused)));
    return dynamo.handle(replay(req, body), res, auth.principal.account, signature.region);
  }

  if (body === undefined) return send(res, restJsonError(new AwsError(413, "RequestEntityTooLargeException", "Request must be smaller than 6291456 bytes"), requestId));
  if (!signature) return send(res, restJsonError(new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token"), requestId));
  const service = Object.hasOwn(SERVICES, signature.service) ? SERVICES[signature.service] : undefined;
  if (!service) {
    return send(res, unknownServiceResponse({ signingName: signature.service, method: req.method ?? "GET", url, headers: req.headers, body }, requestId), requestId);
  }
  const auth = await authenticate(ctx.accounts, received(req, body), signature);
  if ("refused" in auth) return send(res, renderError(service, refusalError(service.service, auth.refused), requestId), requestId);

  const labRequest: LabRequest = {
    method: req.method ?? "GET",
    segments: decodeSegments(url.pathname),
    rawPath: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    service: service.service,
    accessKeyId: signature.accessKeyId,
    account: auth.principal.account,
    region: signature.region,
    requestId,
  };
  send(res, await run(service, labRequest, ctx), requestId);
}

/** The request as signed: path and query exactly as they came (new URL() would normalise them). */
function received(req: IncomingMessage, body: Buffer): ReceivedRequest {
  const target = req.url ?? "/";
  const at = target.indexOf("?");
  return {
    method: req.method ?? "GET",
    rawPath: at < 0 ? target : target.slice(0, at),
    rawQuery: at < 0 ? "" : target.slice(at + 1),
    headers: req.headers,
    body,
  };
}

/** dynalite reads the request's body as a stream; the lab has read it already, so it gets a copy. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = Readable.from(body.length > 0 ? [body] : []);
  return Object.assign(copy, { headers: req.headers, method: req.method, url: req.url }) as unknown as IncomingMessage;
}

async function run(service: ServiceModule, req: LabRequest, ctx: LabContext): Promise<LabResponse> {
  try {
    const operation = service.resolve(req, ctx);
    if (operation.controlPlane) {
      await ctx.faults.delay();
      if (!ctx.faults.admit(req.account, service.service, operation.name)) throw service.throttled(operation.name);
    }
    return await operation.run();
  } catch (error) {
    if (error instanceof AwsError) return renderError(service, error, req.requestId);
    throw error;
  }
}

function renderError(service: ServiceModule, error: AwsError, requestId: string): LabResponse {
  return service.renderError ? service.renderError(error, requestId) : restJsonError(error, requestId);
}

/** restJson1 errors: the name in x-amzn-ErrorType, the members in the JSON body (Smithy's restJson1 protocol). */
function restJsonError(error: AwsError, requestId: string): LabResponse {
  return { status: error.status, headers: { "x-amzn-ErrorType": error.code, ...error.headers, "x-amzn-RequestId": requestId }, body: error.body };
}

/** DynamoDB's awsJson1_0 errors carry the name in __type (Smithy's awsJson1_0 protocol). */
function dynamoError(error: AwsError): LabResponse {
  return { status: error.status, headers: { "content-type": "application/x-amz-json-1.0" }, body: { __type: `com.amazon.coral.service#${error.code}`, message: error.message } };
}

function decodeSegments(pathname: string): string[] {
  return pathname
    .split("/")
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: LabResponse, requestId?: string): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (requestId && !hasHeader(headers, "x-amzn-requestid")) headers["x-amzn-RequestId"] = requestId;
  let payload: Buffer | undefined;
  if (response.body === undefined) payload = undefined;
  else if (Buffer.isBuffer(response.body)) payload = response.body;
  else if (typeof response.body === "string") payload = Buffer.from(response.body);
  else {
    payload = Buffer.from(JSON.stringify(response.body));
    if (!hasHeader(headers, "content-type")) headers["content-type"] = "application/json";
  }
  if (payload) headers["content-length"] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
