// What the lab answers a service it does not implement: an error in that service's own protocol, so that
// the AWS CLI and the SDKs print "... is not implemented by the local lab ..." instead of failing to parse
// the answer. The protocol is told from the request itself, which is what the client's model decided:
// - rpcv2Cbor: header smithy-protocol: rpc-v2-cbor, path /service/<Service>/operation/<Operation>;
//   CBOR body {"__type", "message"} [Smithy RPC v2 CBOR protocol spec, smithy.io];
// - awsJson1_0 / awsJson1_1: header X-Amz-Target <Prefix>.<Operation>; body {"__type", "message"}
//   (Smithy's awsJson1_0 protocol; botocore parsers.py BaseJSONParser reads __type and message);
// - awsQuery: a form body (or query string) with Action=<Operation>; XML
//   <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse> (Smithy's awsQuery protocol);
//   EC2's variant is <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>
//   [botocore parsers.py EC2QueryParser._do_error_parse];
// - restXml (S3, Route 53, CloudFront): <Error><Code/><Message/><RequestId/></Error>
//   [botocore parsers.py RestXMLParser; S3 API reference "Error responses"];
// - restJson1 (everything else): the name in x-amzn-ErrorType, {"message"} in the body (Smithy's restJson1 protocol).
//
// Status 501 Not Implemented: it says the truth (the lab, not the request, is lacking), and no client
// retries it, so the user sees the message at once. Retried are only: SDK v3, throttling and transient
// errors, whose statuses are 500, 502, 503, 504 (@smithy/core 3.41.1 retry/service-error-classification
// constants.js TRANSIENT_ERROR_STATUS_CODES; a 501 is a "SERVER_ERROR", which StandardRetryStrategy does
// not retry); botocore standard mode, 500, 502, 503, 504 (retries/standard.py TransientRetryableChecker);
// botocore legacy mode, 500, 502, 503, 504, 509 (data/_retry.json); the SDKs' retry behavior.
//
// Sources cited in this file:
// - Smithy's awsJson1_0 protocol: https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
// - Smithy's awsQuery protocol: https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
// - Smithy's restJson1 protocol: https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
// - the SDKs' retry behavior: https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
import type { IncomingHttpHeaders } from "node:http";
import { xmlEscape, type LabResponse } from "./protocol.js";

/** What the lab speaks, for the message. */
export const LAB_SPEAKS =
  "API Gateway v2, Lambda, STS (GetCallerIdentity, AssumeRole), DynamoDB and CloudWatch Logs (DescribeLogGroups, DescribeLogStreams, FilterLogEvents, GetLogEvents)";

const STATUS = 501;
const CODE = "NotImplemented";

/** Readable names of the services a workshop participant might try, by SigV4 signing name. */
const LABELS: Record<string, string> = {
  iam: "IAM",
  s3: "S3",
  sqs: "SQS",
  sns: "SNS",
  ec2: "EC2",
  cloudformation: "CloudFormation",
  monitoring: "CloudWatch",
  events: "EventBridge",
  states: "Step Functions",
  kms: "KMS",
  ssm: "Systems Manager",
  secretsmanager: "Secrets Manager",
  route53: "Route 53",
  cloudfront: "CloudFront",
  ecr: "ECR",
  ecs: "ECS",
  eks: "EKS",
  "execute-api": "the API Gateway management API (execute-api)",
  elasticloadbalancing: "Elastic Load Balancing",
  rds: "RDS",
  "cognito-idp": "Cognito user pools",
  xray: "X-Ray",
};

/** Services whose protocol is restXml, by signing name [botocore service-2.json metadata "protocol": "rest-xml"]. */
const REST_XML = new Set(["s3", "s3-outposts", "s3-object-lambda", "route53", "cloudfront"]);

/** "<Service> <Operation> is not implemented by the local lab. The lab speaks ...", the request named when the operation is unknown. */
export function notImplementedMessage(service: string, operation?: string, request?: string): string {
  const what = `${operation ? `${service} ${operation}` : service}${request ? ` (${request})` : ""}`;
  return `${what} is not implemented by the local lab. The lab speaks ${LAB_SPEAKS}.`;
}

export interface UnknownRequest {
  /** The service of the SigV4 credential scope. */
  signingName: string;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The not-implemented error for a service the lab does not implement, in the protocol the request uses. */
export function unknownServiceResponse(req: UnknownRequest, requestId: string): LabResponse {
  const label = LABELS[req.signingName] ?? req.signingName;
  const header = (name: string): string => {
    const value = req.headers[name];
    return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  };
  const contentType = header("content-type").toLowerCase();

  if (header("smithy-protocol") === "rpc-v2-cbor") {
    const operation = /\/operation\/([^/?]+)$/.exec(req.url.pathname)?.[1];
    const message = notImplementedMessage(label, operation);
    return { status: STATUS, headers: { "smithy-protocol": "rpc-v2-cbor", "content-type": "application/cbor" }, body: cborMap({ __type: CODE, message }) };
  }

  const target = header("x-amz-target");
  if (target) {
    const operation = target.slice(target.lastIndexOf(".") + 1) || undefined;
    const jsonType = contentType.startsWith("application/x-amz-json-1.0") ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
    return { status: STATUS, headers: { "content-type": jsonType }, body: { __type: CODE, message: notImplementedMessage(label, operation) } };
  }

  const form = contentType.startsWith("application/x-www-form-urlencoded") ? new URLSearchParams(req.body.toString("utf8")) : req.url.searchParams;
  const action = form.get("Action");
  if (action !== null) {
    const message = notImplementedMessage(label, action || undefined);
    if (req.signingName === "ec2") {
      return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${CODE}</Code><Message>${xmlEscape(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`);
    }
    // Type Receiver: the fault is the lab's (the Type of a 5xx, as src/lab/sts.ts writes it).
    return xml(`<ErrorResponse><Error><Type>Receiver</Type><Code>${CODE}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
  }

  // REST protocols: the operation is in the model's HTTP bindings, which the lab does not have; the
  // message names the request instead.
  const message = notImplementedMessage(label, undefined, `${req.method} ${req.url.pathname}`);
  if (REST_XML.has(req.signingName)) {
    return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${CODE}</Code><Message>${xmlEscape(message)}</Message><RequestId>${requestId}</RequestId></Error>`, "application/xml");
  }
  return { status: STATUS, headers: { "x-amzn-ErrorType": CODE, "content-type": "application/json" }, body: { message } };
}

function xml(body: string, contentType = "text/xml"): LabResponse {
  return { status: STATUS, headers: { "content-type": contentType }, body };
}


/** A CBOR map of text keys to text values (RFC 8949: major type 5 for the map, 3 for each string). */
function cborMap(entries: Record<string, string>): Buffer {
  const parts: Buffer[] = [cborHead(5, Object.keys(entries).length)];
  for (const [key, value] of Object.entries(entries)) {
    for (const text of [key, value]) {
      const bytes = Buffer.from(text, "utf8");
      parts.push(cborHead(3, bytes.length), bytes);
    }
  }
  return Buffer.concat(parts);
}

function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) {
    const head = Buffer.alloc(3);
    head[0] = (major << 5) | 25;
    head.writeUInt16BE(length, 1);
    return head;
  }
  const head = Buffer.alloc(5);
  head[0] = (major << 5) | 26;
  head.writeUInt32BE(length, 1);
  return head;
}
