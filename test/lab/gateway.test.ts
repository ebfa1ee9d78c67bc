// The lab's WebSocket data plane, driven by a real `ws` client against APIs and functions built through the
// real SDK v3 clients. Facts and their sources: the pages listed below, and UNCONFIRMED where none settles
// a behaviour.
//
// Sources cited in this file:
// - API Gateway's $connect and $disconnect routes: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
// - API Gateway's binary media types for WebSocket APIs: https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-binary-media-types.html
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - API Gateway's WebSocket quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
// - API Gateway's WebSocket route responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
// - API Gateway's WebSocket selection expressions: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
// - aws-cdk#18208 on a missing invoke permission: https://github.com/aws/aws-cdk/issues/18208
// - IAM condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// - the WebSocket events in aws-lambda-go's testdata: https://github.com/aws/aws-lambda-go/tree/main/events/testdata
import {
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  UpdateRouteCommand,
} from "@aws-sdk/client-apigatewayv2";
import { AddPermissionCommand, CreateFunctionCommand, waitUntilFunctionActiveV2 } from "@aws-sdk/client-lambda";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { strToU8, zipSync } from "fflate";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import WebSocket from "ws";
import { attachWebSocketGateway } from "../../src/lab/gateway/websocket.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { printingErrors } from "../helpers/hooks.js";

type Event = Record<string, any>;

/**
 * Every test function records its event at the sink before it answers, so that a test can see events
 * whose answer never reaches the client ($connect, $disconnect, one-way routes).
 */
const HANDLER = `
export const handler = async (event) => {
  await fetch(process.env.SINK, { method: "POST", body: JSON.stringify(event) });
  let message = {};
  try { message = JSON.parse(event.body ?? "{}"); } catch {}
  const mode = event.queryStringParameters?.mode ?? message.mode;
  if (mode === "throw") throw new Error("the handler failed on purpose");
  if (mode === "refuse") return { statusCode: 401, body: "go away" };
  if (mode === "protocol") return { statusCode: 200, headers: { "Sec-WebSocket-Protocol": "lab-protocol" } };
  if (mode === "malformed") return "not a proxy result";
  return { statusCode: 200, body: JSON.stringify(event) };
};
`;

const ID = /^[A-Za-z0-9]{15}=$/;
const ERROR_FRAME = (message: string) => new RegExp(`^\\{"message": "${message}", "connectionId":"([A-Za-z0-9]{15}=)", "requestId":"([A-Za-z0-9]{15}=)"\\}$`);

interface Sink {
  url: string;
  events: Event[];
  server: Server;
}

async function startSink(): Promise<Sink> {
  const events: Event[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      events.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, events, server };
}

/** Polls until `check` gives a value, at most `timeoutMs`: asynchronous behaviour is waited for, never slept on. */
async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

class Client {
  readonly frames: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => this.frames.push(data.toString()));
    this.closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(message: unknown): void {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  frame(index: number): Promise<string> {
    return waitFor(() => this.frames[index], `frame #${index}`);
  }

  /** The close code and reason, once the connection has closed (bounded like every wait here). */
  async closing(): Promise<{ code: number; reason: string }> {
    let result: { code: number; reason: string } | undefined;
    void this.closed.then((closed) => (result = closed));
    return waitFor(() => result, "the connection to close");
  }

  async close(): Promise<void> {
    this.ws.close();
    await this.closing();
  }
}

/** Opens a connection, or rejects with the HTTP status the handshake was refused with. */
function open(url: string, protocols?: string[]): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { handshakeTimeout: 10_000 });
    ws.once("open", () => resolve(new Client(ws)));
    ws.once("unexpected-response", (req, res) => {
      reject(Object.assign(new Error(`handshake refused with ${res.statusCode}`), { status: res.statusCode }));
      req.destroy();
    });
    ws.once("error", reject);
  });
}

async function refusal(url: string): Promise<number> {
  try {
    const client = await open(url);
    client.ws.close();
  } catch (error) {
    if (typeof (error as { status?: number }).status === "number") return (error as { status: number }).status;
    throw error;
  }
  throw new Error(`the handshake to ${url} was not refused`);
}

interface World {
  t: TestLab;
  sink: Sink;
  account: string;
  region: string;
  /** A Lambda function running HANDLER, permitted for every route of every API in the account. */
  echoArn: string;
  /** The same code, with no permission at all. */
  unpermittedArn: string;
}

async function createFunction(w: Omit<World, "echoArn" | "unpermittedArn">, name: string): Promise<string> {
  const zip = zipSync({ "index.mjs": strToU8(HANDLER) });
  const created = await w.t.clients.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Role: `arn:aws:iam::${w.account}:role/gateway-test`,
      Code: { ZipFile: zip },
      Environment: { Variables: { SINK: w.sink.url } },
      Timeout: 10,
    }),
  );
  await waitUntilFunctionActiveV2({ client: w.t.clients.lambda, minDelay: 0.1, maxDelay: 1, maxWaitTime: 30 }, { FunctionName: name });
  return created.FunctionArn!;
}

async function setUp(): Promise<World> {
  const t = await startTestLab();
  const sink = await startSink();
  const base = { t, sink, account: "111122223333", region: t.region };
  const echoArn = await createFunction(base, "GatewayEcho");
  const unpermittedArn = await createFunction(base, "GatewayUnpermitted");
  // The IaC-style permission `<apiId>/*` covers every stage and route (IAM condition operators); here for every API.
  await t.clients.lambda.send(
    new AddPermissionCommand({
      FunctionName: "GatewayEcho",
      StatementId: "apigateway-all",
      Action: "lambda:InvokeFunction",
      Principal: "apigateway.amazonaws.com",
      SourceArn: `arn:aws:execute-api:${base.region}:${base.account}:*`,
    }),
  );
  return { ...base, echoArn, unpermittedArn };
}

async function tearDown(w: World): Promise<void> {
  await w.t.close();
  await new Promise((resolve) => w.sink.server.close(resolve));
}

interface RouteSpec {
  /** A function ARN for a Lambda proxy integration, "MOCK" for a mock integration, absent for none. */
  target?: string;
  twoWay?: boolean;
}

interface Built {
  apiId: string;
  apiEndpoint: string;
  routeIds: Record<string, string>;
}

/** Builds a WebSocket API through the SDK and deploys it to v1 (unless `deploy` is false). */
async function buildApi(w: World, routes: Record<string, RouteSpec>, deployTo: string | false = "v1"): Promise<Built> {
  const apigw = w.t.clients.apigw;
  const api = await apigw.send(new CreateApiCommand({ Name: `gw-${randomUUID().slice(0, 8)}`, ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
  const apiId = api.ApiId!;
  const routeIds: Record<string, string> = {};
  for (const [routeKey, spec] of Object.entries(routes)) {
    let target: string | undefined;
    if (spec.target === "MOCK") {
      target = (await apigw.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "MOCK" }))).IntegrationId;
    } else if (spec.target) {
      const uri = `arn:aws:apigateway:${w.region}:lambda:path/2015-03-31/functions/${spec.target}/invocations`;
      target = (await apigw.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "AWS_PROXY", IntegrationMethod: "POST", IntegrationUri: uri }))).IntegrationId;
    }
    const route = await apigw.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, ...(target ? { Target: `integrations/${target}` } : {}) }));
    routeIds[routeKey] = route.RouteId!;
    if (spec.twoWay) await enableTwoWay(w, apiId, route.RouteId!);
  }
  if (deployTo) await apigw.send(new CreateStageCommand({ ApiId: apiId, StageName: deployTo }));
  if (deployTo) await apigw.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: deployTo }));
  return { apiId, apiEndpoint: api.ApiEndpoint!, routeIds };
}

/** API Gateway's WebSocket route responses: routeResponseSelectionExpression `$default` plus a `$default` route response. */
async function enableTwoWay(w: World, apiId: string, routeId: string): Promise<void> {
  await w.t.clients.apigw.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, RouteResponseSelectionExpression: "$default" }));
  await w.t.clients.apigw.send(new CreateRouteResponseCommand({ ApiId: apiId, RouteId: routeId, RouteResponseKey: "$default" }));
}

/** The CONNECT event of the connection opened with `?tag=<tag>`, as the function received it. */
function connectEventOf(w: World, tag: string): Promise<Event> {
  return waitFor(() => w.sink.events.find((e) => e.requestContext?.eventType === "CONNECT" && e.queryStringParameters?.tag === tag), `the CONNECT event of ${tag}`);
}

function eventsOf(w: World, connectionId: string, eventType: string): Event[] {
  return w.sink.events.filter((e) => e.requestContext?.connectionId === connectionId && e.requestContext?.eventType === eventType);
}

/**
 * Sends a message that must get no answer. To show that without sleeping: wait until its function has
 * run, then send `probe` to a two-way route and check that the probe's answer is the only frame to come.
 */
async function assertNoAnswer(w: World, client: Client, connectionId: string, message: unknown, probe: unknown): Promise<void> {
  const before = client.frames.length;
  const ran = eventsOf(w, connectionId, "MESSAGE").length;
  client.send(message);
  await waitFor(() => eventsOf(w, connectionId, "MESSAGE").length > ran, "the function's MESSAGE event");
  client.send(probe);
  const answer = await client.frame(before);
  assert.is(JSON.parse(answer).body, JSON.stringify(probe), "the first frame after the message answers the probe");
  assert.is(client.frames.length, before + 1, "only the probe was answered");
}

// ---------------------------------------------------------------------------------------------------

const events = suite<{ w: World; api: Built }>("gateway: Lambda proxy events (the WebSocket events in aws-lambda-go's testdata)");

events.before(printingErrors(async (ctx) => {
  ctx.w = await setUp();
  ctx.api = await buildApi(ctx.w, {
    $connect: { target: ctx.w.echoArn },
    $disconnect: { target: ctx.w.echoArn },
    $default: { target: ctx.w.echoArn, twoWay: true },
  });
}));
events.after(async (ctx) => tearDown(ctx.w));

events("GetApi's apiEndpoint is ws://127.0.0.1:PORT/<apiId>, and `<apiEndpoint>/<stage>?query` connects (API Gateway's WebSocket deployments)", async ({ w, api }) => {
  assert.is(api.apiEndpoint, `${w.t.lab.wsEndpoint}/${api.apiId}`);
  const client = await open(`${api.apiEndpoint}/v1?orderId=o-1`);
  assert.is(client.ws.readyState, WebSocket.OPEN);
  await client.close();
});

events("CONNECT: headers, query parameters and requestContext as API Gateway sends them, no body (the WebSocket events in aws-lambda-go's testdata)", async ({ w, api }) => {
  const tag = randomUUID();
  const client = await open(`${api.apiEndpoint}/v1?orderId=order-7&tag=${tag}&multi=a&multi=b`);
  const event = await connectEventOf(w, tag);
  const domain = `${api.apiId}.execute-api.${w.region}.amazonaws.com`;
  assert.is(event.headers.Host, domain);
  assert.is(event.headers["Sec-WebSocket-Version"], "13");
  assert.type(event.headers["Sec-WebSocket-Key"], "string");
  assert.is(event.headers["X-Forwarded-Proto"], "https");
  assert.is(event.headers["X-Forwarded-Port"], "443");
  assert.is(event.headers["X-Forwarded-For"], "127.0.0.1");
  assert.match(event.headers["X-Amzn-Trace-Id"], /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  assert.not.ok("Upgrade" in event.headers || "Connection" in event.headers, "the handshake's own headers are not passed on");
  assert.equal(event.multiValueHeaders.Host, [domain]);
  assert.equal(event.queryStringParameters, { orderId: "order-7", tag, multi: "b" });
  assert.equal(event.multiValueQueryStringParameters, { orderId: ["order-7"], tag: [tag], multi: ["a", "b"] });
  assert.is(event.isBase64Encoded, false);
  assert.not.ok("body" in event);
  const rc = event.requestContext;
  assert.is(rc.routeKey, "$connect");
  assert.is(rc.eventType, "CONNECT");
  assert.match(rc.connectionId, ID);
  assert.match(rc.requestId, ID);
  assert.is(rc.extendedRequestId, rc.requestId);
  assert.is(rc.domainName, domain);
  assert.is(rc.stage, "v1");
  assert.is(rc.apiId, api.apiId);
  assert.is(rc.messageDirection, "IN");
  assert.is(rc.identity.sourceIp, "127.0.0.1");
  assert.is(rc.connectedAt, rc.requestTimeEpoch);
  assert.ok(Math.abs(rc.connectedAt - Date.now()) < 60_000);
  assert.match(rc.requestTime, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  assert.not.ok("messageId" in rc);
  await client.close();
});

events("CONNECT without a query has no queryStringParameters (the WebSocket events in aws-lambda-go's testdata: present when the URL has a query)", async ({ w, api }) => {
  const before = w.sink.events.length;
  const client = await open(`${api.apiEndpoint}/v1`, undefined);
  const event = await waitFor(() => w.sink.events.slice(before).find((e) => e.requestContext?.eventType === "CONNECT" && !e.queryStringParameters), "a CONNECT event without query");
  assert.not.ok("queryStringParameters" in event);
  assert.not.ok("multiValueQueryStringParameters" in event);
  await client.close();
});

events("MESSAGE: body, routeKey, messageId and the connection's requestContext; no headers, no query (the WebSocket events in aws-lambda-go's testdata)", async ({ w, api }) => {
  const tag = randomUUID();
  const client = await open(`${api.apiEndpoint}/v1?tag=${tag}`);
  const connect = await connectEventOf(w, tag);
  client.send('{"orderId":"order-7"}');
  const event = JSON.parse(await client.frame(0));
  assert.is(event.body, '{"orderId":"order-7"}');
  assert.is(event.isBase64Encoded, false);
  assert.not.ok("headers" in event || "multiValueHeaders" in event || "queryStringParameters" in event);
  const rc = event.requestContext;
  assert.is(rc.routeKey, "$default");
  assert.is(rc.eventType, "MESSAGE");
  assert.match(rc.messageId, ID);
  assert.match(rc.requestId, ID);
  assert.is(rc.extendedRequestId, rc.requestId);
  assert.is.not(rc.requestId, connect.requestContext.requestId);
  assert.is(rc.connectionId, connect.requestContext.connectionId);
  assert.is(rc.connectedAt, connect.requestContext.connectedAt);
  assert.ok(rc.requestTimeEpoch >= rc.connectedAt);
  assert.is(rc.domainName, connect.requestContext.domainName);
  assert.is(rc.stage, "v1");
  assert.is(rc.apiId, api.apiId);
  assert.is(rc.messageDirection, "IN");
  assert.is(rc.identity.sourceIp, "127.0.0.1");
  await client.close();
});

events("DISCONNECT runs after the client closes, with disconnectStatusCode and disconnectReason (API Gateway's $connect and $disconnect routes; the WebSocket events in aws-lambda-go's testdata)", async ({ w, api }) => {
  const tag = randomUUID();
  const client = await open(`${api.apiEndpoint}/v1?tag=${tag}`);
  const connectionId = (await connectEventOf(w, tag)).requestContext.connectionId;
  client.ws.close(1000, "bye");
  await client.closing();
  const [event] = await waitFor(() => (eventsOf(w, connectionId, "DISCONNECT").length ? eventsOf(w, connectionId, "DISCONNECT") : undefined), "the DISCONNECT event");
  const domain = `${api.apiId}.execute-api.${w.region}.amazonaws.com`;
  assert.equal(event!.headers, { Host: domain, "x-api-key": "", "X-Forwarded-For": "", "x-restapi": "" });
  assert.equal(event!.multiValueHeaders, { Host: [domain], "x-api-key": [""], "X-Forwarded-For": [""], "x-restapi": [""] });
  const rc = event!.requestContext;
  assert.is(rc.routeKey, "$disconnect");
  assert.is(rc.eventType, "DISCONNECT");
  assert.is(rc.disconnectStatusCode, 1000);
  assert.is(rc.disconnectReason, "bye");
  assert.is(rc.stage, "v1");
  assert.not.ok("messageId" in rc);
  assert.not.ok("body" in event!);
});

events("the disconnect delay fault holds $disconnect back for disconnectDelayMs after the close (fault injection)", async ({ w, api }) => {
  w.t.lab.faults.configure({ disconnectDelayMs: 800 });
  try {
    const tag = randomUUID();
    const client = await open(`${api.apiEndpoint}/v1?tag=${tag}`);
    const connectionId = (await connectEventOf(w, tag)).requestContext.connectionId;
    client.ws.close(1001, "");
    await client.closing();
    const closedAt = Date.now();
    await waitFor(() => eventsOf(w, connectionId, "DISCONNECT").length > 0 || undefined, "the delayed DISCONNECT event");
    assert.ok(Date.now() - closedAt >= 700, `ran ${Date.now() - closedAt} ms after the close`);
    assert.is(eventsOf(w, connectionId, "DISCONNECT")[0]!.requestContext.disconnectStatusCode, 1001);
  } finally {
    w.t.lab.faults.configure({});
  }
});

events("Sec-WebSocket-Protocol from the $connect result is the header passed to the client (API Gateway's $connect and $disconnect routes)", async ({ api }) => {
  const client = await open(`${api.apiEndpoint}/v1?mode=protocol`, ["lab-protocol"]);
  assert.is(client.ws.protocol, "lab-protocol");
  await client.close();
});

events.run();

// ---------------------------------------------------------------------------------------------------

const handshake = suite<{ w: World; api: Built }>("gateway: $connect and the handshake (API Gateway's $connect and $disconnect routes; aws-cdk#18208 on a missing invoke permission, UNCONFIRMED in detail)");

handshake.before(printingErrors(async (ctx) => {
  ctx.w = await setUp();
  ctx.api = await buildApi(ctx.w, { $connect: { target: ctx.w.echoArn }, $default: { target: ctx.w.echoArn, twoWay: true } });
}));
handshake.after(async (ctx) => tearDown(ctx.w));

handshake("a non-2xx statusCode from $connect refuses the handshake with that status (UNCONFIRMED beyond public wscat experiments)", async ({ api }) => {
  assert.is(await refusal(`${api.apiEndpoint}/v1?mode=refuse`), 401);
});

handshake("a $connect function that throws refuses the handshake with 502 (UNCONFIRMED beyond public wscat experiments)", async ({ api }) => {
  assert.is(await refusal(`${api.apiEndpoint}/v1?mode=throw`), 502);
});

handshake("a $connect result that is not a proxy result refuses with 502 (UNCONFIRMED, REST's malformed proxy response)", async ({ api }) => {
  assert.is(await refusal(`${api.apiEndpoint}/v1?mode=malformed`), 502);
});

handshake("a $connect function without permission refuses with 500 and is never invoked (aws-cdk#18208 on a missing invoke permission; the status is UNCONFIRMED)", async ({ w }) => {
  const api = await buildApi(w, { $connect: { target: w.unpermittedArn } });
  const tag = randomUUID();
  assert.is(await refusal(`${api.apiEndpoint}/v1?tag=${tag}`), 500);
  assert.not.ok(w.sink.events.some((e) => e.queryStringParameters?.tag === tag));
});

handshake("a $connect route on a non-Lambda-proxy integration refuses with 500, as a misconfigured one does", async ({ w }) => {
  const api = await buildApi(w, { $connect: { target: "MOCK" } });
  assert.is(await refusal(`${api.apiEndpoint}/v1`), 500);
});

handshake("an unknown stage is refused with 403 Forbidden", async ({ api }) => {
  assert.is(await refusal(`${api.apiEndpoint}/nostage`), 403);
});

handshake("a stage without a deployment is refused with 403 Forbidden (API Gateway's WebSocket deployments: a stage serves its deployment)", async ({ w, api }) => {
  await w.t.clients.apigw.send(new CreateStageCommand({ ApiId: api.apiId, StageName: "undeployed" }));
  assert.is(await refusal(`${api.apiEndpoint}/undeployed`), 403);
});

handshake("an unknown API and a path without a stage are refused with 403 Forbidden", async ({ w, api }) => {
  assert.is(await refusal(`${w.t.lab.wsEndpoint}/zzzzzzzzzz/v1`), 403);
  assert.is(await refusal(`${api.apiEndpoint}`), 403);
});

handshake("an API with disableExecuteApiEndpoint refuses its default endpoint with 403 Forbidden", async ({ w }) => {
  const api = await w.t.clients.apigw.send(
    new CreateApiCommand({ Name: "disabled", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action", DisableExecuteApiEndpoint: true }),
  );
  await w.t.clients.apigw.send(new CreateRouteCommand({ ApiId: api.ApiId!, RouteKey: "$default" }));
  await w.t.clients.apigw.send(new CreateStageCommand({ ApiId: api.ApiId!, StageName: "v1" }));
  await w.t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: api.ApiId!, StageName: "v1" }));
  assert.is(await refusal(`${api.ApiEndpoint}/v1`), 403);
});

handshake("without a $connect route the connection opens and $default still answers", async ({ w }) => {
  const api = await buildApi(w, { $default: { target: w.echoArn, twoWay: true } });
  const client = await open(`${api.apiEndpoint}/v1`);
  client.send("hello");
  assert.is(JSON.parse(await client.frame(0)).body, "hello");
  await client.close();
});

handshake("a $connect route without an integration lets the connection open", async ({ w }) => {
  const api = await buildApi(w, { $connect: {} });
  // open() rejects on a refused handshake; the socket must also be usable.
  const client = await open(`${api.apiEndpoint}/v1`);
  assert.is(client.ws.readyState, WebSocket.OPEN);
  await client.close();
});

handshake.run();

// ---------------------------------------------------------------------------------------------------

const messages = suite<{ w: World; api: Built }>("gateway: messages, routes and route responses (API Gateway's WebSocket route responses; API Gateway's WebSocket selection expressions; API Gateway's WebSocket quotas)");

messages.before(printingErrors(async (ctx) => {
  ctx.w = await setUp();
  ctx.api = await buildApi(ctx.w, {
    $connect: { target: ctx.w.echoArn },
    $default: { target: ctx.w.echoArn, twoWay: true },
    echo: { target: ctx.w.echoArn, twoWay: true },
    oneway: { target: ctx.w.echoArn },
    unpermitted: { target: ctx.w.unpermittedArn, twoWay: true },
    mock: { target: "MOCK", twoWay: true },
    bare: { twoWay: true },
  });
}));
messages.after(async (ctx) => tearDown(ctx.w));

async function connected(w: World, api: Built): Promise<{ client: Client; connectionId: string }> {
  const tag = randomUUID();
  const client = await open(`${api.apiEndpoint}/v1?tag=${tag}`);
  return { client, connectionId: (await connectEventOf(w, tag)).requestContext.connectionId };
}

messages("the route selection expression picks the route; unknown keys and non-JSON go to $default (API Gateway's WebSocket selection expressions)", async ({ w, api }) => {
  const { client } = await connected(w, api);
  client.send({ action: "echo", n: 1 });
  client.send({ action: "nosuchroute" });
  client.send("not json at all");
  client.send({ orderId: "o-1" });
  const keys = new Map<string, string>();
  for (let i = 0; i < 4; i++) {
    const event = JSON.parse(await client.frame(i));
    keys.set(event.body, event.requestContext.routeKey);
  }
  assert.is(keys.get('{"action":"echo","n":1}'), "echo");
  assert.is(keys.get('{"action":"nosuchroute"}'), "$default");
  assert.is(keys.get("not json at all"), "$default");
  assert.is(keys.get('{"orderId":"o-1"}'), "$default");
  await client.close();
});

messages("a one-way route (no route response) runs its function and sends nothing back (API Gateway's WebSocket route responses)", async ({ w, api }) => {
  const { client, connectionId } = await connected(w, api);
  await assertNoAnswer(w, client, connectionId, { action: "oneway" }, { action: "echo", probe: 1 });
  await client.close();
});

messages("a route without an integration sends nothing, even with a route response", async ({ w, api }) => {
  const { client } = await connected(w, api);
  client.send({ action: "bare" });
  client.send({ action: "echo", probe: 2 });
  assert.is(JSON.parse(await client.frame(0)).requestContext.routeKey, "echo");
  // The probe went out after the bare message; give the gateway one more round trip to misbehave.
  client.send({ action: "echo", probe: 3 });
  await client.frame(1);
  assert.is(client.frames.length, 2);
  await client.close();
});

messages("a function error sends the Internal server error frame and keeps the connection open (API Gateway's WebSocket route responses; API Gateway's WebSocket selection expressions)", async ({ w, api }) => {
  const { client, connectionId } = await connected(w, api);
  client.send({ action: "echo", mode: "throw" });
  const [, frameConnection, requestId] = ERROR_FRAME("Internal server error").exec(await client.frame(0)) ?? [];
  assert.is(frameConnection, connectionId);
  assert.match(requestId!, ID);
  assert.is(client.ws.readyState, WebSocket.OPEN);
  client.send({ action: "echo", after: "error" });
  assert.is(JSON.parse(await client.frame(1)).body, '{"action":"echo","after":"error"}');
  await client.close();
});

messages("a function error on a one-way route also sends the Internal server error frame (API Gateway's WebSocket route responses)", async ({ w, api }) => {
  const { client } = await connected(w, api);
  client.send({ action: "oneway", mode: "throw" });
  assert.match(await client.frame(0), ERROR_FRAME("Internal server error"));
  await client.close();
});

messages("a route whose function lacks the permission gets the Internal server error frame; the function never runs (aws-cdk#18208 on a missing invoke permission, UNCONFIRMED in detail)", async ({ w, api }) => {
  const { client, connectionId } = await connected(w, api);
  client.send({ action: "unpermitted" });
  const [, frameConnection] = ERROR_FRAME("Internal server error").exec(await client.frame(0)) ?? [];
  assert.is(frameConnection, connectionId);
  assert.is(eventsOf(w, connectionId, "MESSAGE").length, 0);
  assert.is(client.ws.readyState, WebSocket.OPEN);
  await client.close();
});

messages("a route on a non-Lambda-proxy integration gets the Internal server error frame", async ({ w, api }) => {
  const { client } = await connected(w, api);
  client.send({ action: "mock" });
  assert.match(await client.frame(0), ERROR_FRAME("Internal server error"));
  await client.close();
});

messages("without a $default route an unmatched message gets the Forbidden frame (API Gateway's WebSocket selection expressions)", async ({ w }) => {
  const api = await buildApi(w, { $connect: { target: w.echoArn }, echo: { target: w.echoArn, twoWay: true } });
  const { client, connectionId } = await connected(w, api);
  client.send({ orderId: "o-1" });
  const [, frameConnection, requestId] = ERROR_FRAME("Forbidden").exec(await client.frame(0)) ?? [];
  assert.is(frameConnection, connectionId);
  assert.match(requestId!, ID);
  client.send({ action: "echo" });
  assert.is(JSON.parse(await client.frame(1)).requestContext.routeKey, "echo");
  await client.close();
});

messages("a frame above 32 KB closes the connection with 1009 (API Gateway's WebSocket quotas)", async ({ w, api }) => {
  const { client } = await connected(w, api);
  client.send("x".repeat(32 * 1024 + 1));
  assert.is((await client.closing()).code, 1009);
});

messages("a 100 KB message in 25 KB frames is accepted; a 129 KB one closes with 1009 (API Gateway's WebSocket quotas)", async ({ w, api }) => {
  const { client } = await connected(w, api);
  const sendFragmented = (size: number) => {
    const text = "y".repeat(size);
    for (let at = 0; at < size; at += 25 * 1024) client.ws.send(text.slice(at, at + 25 * 1024), { fin: at + 25 * 1024 >= size });
  };
  sendFragmented(100 * 1024);
  assert.is(JSON.parse(await client.frame(0)).body.length, 100 * 1024);
  sendFragmented(129 * 1024);
  assert.is((await client.closing()).code, 1009);
});

messages("a binary frame closes the connection with 1003 (API Gateway's binary media types for WebSocket APIs)", async ({ w, api }) => {
  const { client } = await connected(w, api);
  client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
  assert.is((await client.closing()).code, 1003);
});

messages.run();

// ---------------------------------------------------------------------------------------------------

const deployments = suite<{ w: World }>("gateway: a stage serves its deployment only (API Gateway's WebSocket deployments)");

deployments.before(printingErrors(async (ctx) => {
  ctx.w = await setUp();
}));
deployments.after(async (ctx) => tearDown(ctx.w));

deployments("undeployed changes are not live: a two-way switch and a new integration act only after CreateDeployment", async ({ w }) => {
  const api = await buildApi(w, { $connect: { target: w.echoArn }, $default: { target: w.echoArn }, probe: { target: w.echoArn, twoWay: true }, later: {} });
  // Change the live configuration without deploying: $default becomes two-way, `later` gets an integration.
  await enableTwoWay(w, api.apiId, api.routeIds.$default!);
  const uri = `arn:aws:apigateway:${w.region}:lambda:path/2015-03-31/functions/${w.echoArn}/invocations`;
  const integration = await w.t.clients.apigw.send(new CreateIntegrationCommand({ ApiId: api.apiId, IntegrationType: "AWS_PROXY", IntegrationUri: uri }));
  await w.t.clients.apigw.send(new UpdateRouteCommand({ ApiId: api.apiId, RouteId: api.routeIds.later!, Target: `integrations/${integration.IntegrationId}` }));
  await enableTwoWay(w, api.apiId, api.routeIds.later!);

  const first = await connected(w, api);
  await assertNoAnswer(w, first.client, first.connectionId, { orderId: "o-1" }, { action: "probe", n: 1 });
  first.client.send({ action: "later" });
  first.client.send({ action: "probe", n: 2 });
  await first.client.frame(1);
  assert.is(eventsOf(w, first.connectionId, "MESSAGE").filter((e) => e.requestContext.routeKey === "later").length, 0, "`later` has no integration in the deployment");

  await w.t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: api.apiId, StageName: "v1" }));
  // A redeployment applies to the connection already open, as to new ones.
  first.client.send({ orderId: "o-2" });
  assert.is(JSON.parse(await first.client.frame(2)).requestContext.routeKey, "$default");
  first.client.send({ action: "later" });
  assert.is(JSON.parse(await first.client.frame(3)).requestContext.routeKey, "later");
  await first.client.close();
});

deployments("a $disconnect route added after the deployment does not run when a client disconnects", async ({ w }) => {
  const api = await buildApi(w, { $connect: { target: w.echoArn }, $default: { target: w.echoArn, twoWay: true } });
  const uri = `arn:aws:apigateway:${w.region}:lambda:path/2015-03-31/functions/${w.echoArn}/invocations`;
  const integration = await w.t.clients.apigw.send(new CreateIntegrationCommand({ ApiId: api.apiId, IntegrationType: "AWS_PROXY", IntegrationUri: uri }));
  await w.t.clients.apigw.send(new CreateRouteCommand({ ApiId: api.apiId, RouteKey: "$disconnect", Target: `integrations/${integration.IntegrationId}` }));
  const { client, connectionId } = await connected(w, api);
  await client.close();
  // Another connection's full round trip, closed after the first, bounds the time the first's $disconnect had.
  const second = await connected(w, api);
  second.client.send("round trip");
  await second.client.frame(0);
  await second.client.close();
  assert.is(eventsOf(w, connectionId, "DISCONNECT").length, 0);
});

deployments.run();

// ---------------------------------------------------------------------------------------------------

const lifetime = suite<{ w: World }>("gateway: connection lifetime");

lifetime.before(printingErrors(async (ctx) => {
  ctx.w = await setUp();
}));
lifetime.after(async (ctx) => tearDown(ctx.w));

lifetime("an idle connection is closed with 1001 after the idle timeout (API Gateway's WebSocket quotas: 10 minutes; shortened here)", async ({ w }) => {
  const api = await buildApi(w, { $default: {} });
  // A second gateway on the same lab state, with a short idle timeout. Its routes have no integration, so
  // the function runtime is never reached.
  const server = createServer();
  const ctx = {
    endpoint: w.t.lab.endpoint,
    wsEndpoint: w.t.lab.wsEndpoint,
    accounts: w.t.lab.accounts,
    stores: w.t.lab.stores,
    faults: w.t.lab.faults,
    logs: w.t.lab.logs,
    lambda: { invoke: () => Promise.reject(new Error("no integration here")), close: async () => undefined },
  };
  const gateway = attachWebSocketGateway(server, ctx, { idleTimeoutMs: 300 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const client = await open(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/${api.apiId}/v1`);
    const openedAt = Date.now();
    assert.is((await client.closing()).code, 1001);
    assert.ok(Date.now() - openedAt >= 250, "not before the idle timeout");
  } finally {
    await gateway.close();
    await new Promise((resolve) => server.close(resolve));
  }
});

lifetime("closing the lab closes open connections with 1001 Going away", async () => {
  const t = await startTestLab();
  const api = await t.clients.apigw.send(new CreateApiCommand({ Name: "closing", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action" }));
  await t.clients.apigw.send(new CreateRouteCommand({ ApiId: api.ApiId!, RouteKey: "$default" }));
  await t.clients.apigw.send(new CreateStageCommand({ ApiId: api.ApiId!, StageName: "v1" }));
  await t.clients.apigw.send(new CreateDeploymentCommand({ ApiId: api.ApiId!, StageName: "v1" }));
  const client = await open(`${api.ApiEndpoint}/v1`);
  await t.close();
  assert.equal(await client.closing(), { code: 1001, reason: "Going away" });
});

lifetime.run();
