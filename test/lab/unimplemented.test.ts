import { ApiGatewayV2Client, GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { LAB_SPEAKS } from "../../src/lab/unimplemented.js";
import { rejects } from "../helpers/apigw.js";
import { awsCliAt, describeRun } from "../../bench/lib/aws-cli.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { printingErrors } from "../helpers/hooks.js";

const run = suite<{ t: TestLab }>("lab: a service it does not implement answers 501 NotImplemented in that service's own protocol");

run.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
}));
run.after(async (ctx) => {
  await ctx.t?.close();
});

const MESSAGE_END = `is not implemented by the local lab. The lab speaks ${LAB_SPEAKS}.`;

interface Case {
  args: string[];
  protocol: string;
  operation: string;
  /** What the message names: the service and its operation, or the request for REST services. */
  names: string;
}

const CASES: Case[] = [
  { args: ["iam", "list-roles"], protocol: "awsQuery", operation: "ListRoles", names: "IAM ListRoles" },
  { args: ["s3", "ls"], protocol: "restXml", operation: "ListBuckets", names: "S3 (GET /)" },
  { args: ["sqs", "list-queues"], protocol: "awsQuery (awsJson1_0 in newer CLIs)", operation: "ListQueues", names: "SQS ListQueues" },
  { args: ["events", "list-rules"], protocol: "awsJson1_1", operation: "ListRules", names: "EventBridge ListRules" },
  { args: ["eks", "list-clusters"], protocol: "restJson1", operation: "ListClusters", names: "EKS (GET /clusters)" },
  { args: ["ec2", "describe-vpcs"], protocol: "ec2", operation: "DescribeVpcs", names: "EC2 DescribeVpcs" },
  { args: ["logs", "create-log-group", "--log-group-name", "/mine"], protocol: "awsJson1_1, a service the lab speaks", operation: "CreateLogGroup", names: "CloudWatch Logs CreateLogGroup" },
];

for (const c of CASES) {
  run(`the real AWS CLI v2: aws ${c.args.join(" ")} (${c.protocol}) prints "${c.names} is not implemented by the local lab", once, no parse error`, async ({ t }) => {
    const answer = await awsCliAt(t.lab.endpoint, t.region, [...c.args, "--debug"]);
    assert.is(answer.code, 254, describeRun(answer));
    const last = answer.stderr.trim().split("\n").at(-1);
    assert.is(last, `An error occurred (NotImplemented) when calling the ${c.operation} operation: ${c.names} ${MESSAGE_END}`, describeRun(answer));
    assert.not.match(answer.stderr, /Unable to parse|ParseError|JSONDecodeError|Expecting value/, describeRun(answer));
    // One request, not retried: a 501 is not among the statuses botocore retries (500, 502, 503, 504).
    assert.is(answer.stderr.match(/Sending http request/g)?.length, 1, describeRun(answer));
    assert.match(answer.stderr, /Not retrying request/);
  });
}

/**
 * A client whose requests are signed for another service: the lab tells services apart by the credential
 * scope (it checks no signature), so this is how an SDK v3 client of a protocol reaches the answer for a
 * service the lab does not implement, when the project has no SDK client of that service.
 */
function signedAs<T extends STSClient | ApiGatewayV2Client | CloudWatchLogsClient>(client: T, service: string): T {
  (client.middlewareStack as STSClient["middlewareStack"]).addRelativeTo(
    (next: (args: any) => Promise<any>) => async (args: { request: unknown }) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      headers.authorization = headers.authorization!.replace(/(Credential=[^/]+\/\d{8}\/[^/]+\/)[^/]+(\/aws4_request)/, `$1${service}$2`);
      return next(args);
    },
    { relation: "after", toMiddleware: "httpSigningMiddleware", name: "signedAs" },
  );
  return client;
}

run("SDK v3: the awsQuery, restJson1 and awsJson1_1 parsers read the error: name NotImplemented, status 501, one attempt", async ({ t }) => {
  const settings = { endpoint: t.lab.endpoint, region: t.region, credentials: t.credentials, maxAttempts: 3 };
  const clients: { destroy(): void }[] = [];
  try {
    const sts = signedAs(new STSClient(settings), "iam");
    clients.push(sts);
    const query = await rejects(sts.send(new GetCallerIdentityCommand({})), "NotImplemented", 501, `IAM GetCallerIdentity ${MESSAGE_END}`);
    assert.is((query.$metadata as { attempts?: number }).attempts, 1);

    const rest = signedAs(new ApiGatewayV2Client(settings), "eks");
    clients.push(rest);
    const restJson = await rejects(rest.send(new GetApisCommand({})), "NotImplemented", 501, `EKS (GET /v2/apis) ${MESSAGE_END}`);
    assert.is((restJson.$metadata as { attempts?: number }).attempts, 1);

    const json = signedAs(new CloudWatchLogsClient(settings), "events");
    clients.push(json);
    const awsJson = await rejects(json.send(new DescribeLogGroupsCommand({})), "NotImplemented", 501, `EventBridge DescribeLogGroups ${MESSAGE_END}`);
    assert.is((awsJson.$metadata as { attempts?: number }).attempts, 1);
  } finally {
    for (const client of clients) client.destroy();
  }
});

run("raw answers: each protocol's error shape, content type and request id", async ({ t }) => {
  const sign = (service: string) => `AWS4-HMAC-SHA256 Credential=${t.credentials.accessKeyId}/20260101/${t.region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
  const post = (service: string, headers: Record<string, string>, body: string | Uint8Array, path = "/") =>
    fetch(`${t.lab.endpoint}${path}`, { method: "POST", headers: { authorization: sign(service), ...headers }, body });

  const query = await post("sns", { "content-type": "application/x-www-form-urlencoded" }, "Action=ListTopics&Version=2010-03-31");
  assert.is(query.status, 501);
  const queryText = await query.text();
  assert.match(queryText, /^<ErrorResponse><Error><Type>Receiver<\/Type><Code>NotImplemented<\/Code><Message>SNS ListTopics is not implemented by the local lab\. [^<]*<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);

  const ec2 = await post("ec2", { "content-type": "application/x-www-form-urlencoded" }, "Action=DescribeVpcs&Version=2016-11-15");
  assert.match(await ec2.text(), /<Response><Errors><Error><Code>NotImplemented<\/Code><Message>EC2 DescribeVpcs is not [^<]*<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);

  const json = await post("ssm", { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonSSM.GetParameter" }, "{}");
  assert.is(json.status, 501);
  assert.is(json.headers.get("content-type"), "application/x-amz-json-1.1");
  assert.equal(await json.json(), { __type: "NotImplemented", message: `Systems Manager GetParameter ${MESSAGE_END}` });

  const restXml = await fetch(`${t.lab.endpoint}/my-bucket/key.txt`, { headers: { authorization: sign("s3") } });
  assert.is(restXml.status, 501);
  assert.match(await restXml.text(), /<Error><Code>NotImplemented<\/Code><Message>S3 \(GET \/my-bucket\/key\.txt\) is not implemented by the local lab\. [^<]*<\/Message><RequestId>[0-9a-f-]{36}<\/RequestId><\/Error>$/);

  const restJson = await fetch(`${t.lab.endpoint}/graphql`, { headers: { authorization: sign("appsync") } });
  assert.is(restJson.status, 501);
  assert.is(restJson.headers.get("x-amzn-errortype"), "NotImplemented");
  assert.equal(await restJson.json(), { message: `appsync (GET /graphql) ${MESSAGE_END}` });

  // rpcv2Cbor (newer SDKs' CloudWatch client): a CBOR map {"__type", "message"}.
  const cbor = await post("monitoring", { "smithy-protocol": "rpc-v2-cbor", "content-type": "application/cbor" }, new Uint8Array([0xa0]), "/service/GraniteServiceVersion20100801/operation/ListMetrics");
  assert.is(cbor.status, 501);
  assert.is(cbor.headers.get("smithy-protocol"), "rpc-v2-cbor");
  const bytes = Buffer.from(await cbor.arrayBuffer());
  assert.is(bytes[0], 0xa2, "a map of two entries");
  assert.ok(bytes.includes(Buffer.from("__type")) && bytes.includes(Buffer.from("NotImplemented")) && bytes.includes(Buffer.from(`CloudWatch ListMetrics ${MESSAGE_END}`)));
});

run.run();
