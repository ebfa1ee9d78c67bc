// The WebSocket data plane: what a client of `wss://<apiId>.execute-api.<region>.amazonaws.com/<stage>`
// sees, served at `ws://127.0.0.1:<port>/<apiId>/<stage>` (GetApi's apiEndpoint plus the stage).
// Behaviour follows the AWS pages and public reports listed below; what none of them settles is marked
// UNCONFIRMED where it is decided.
//
// Sources cited in this file:
// - API Gateway's $connect and $disconnect routes: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
// - API Gateway's WebSocket quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
// - API Gateway's WebSocket route responses: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
// - aws-cdk#18208 on a missing invoke permission: https://github.com/aws/aws-cdk/issues/18208
import { STATUS_CODES, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import type { DeployedConfig } from "../apigw/model.js";
import type { LabContext } from "../context.js";
import { connectEvent, disconnectEvent, gatewayId, messageEvent, type ConnectionInfo } from "./events.js";
import { FrameSizeScanner } from "./frames.js";
import { resultHeader, runIntegration, type Outcome, type StageRef } from "./integration.js";
import { deployedConfig, findRoute, isTwoWay, selectRoute } from "./routing.js";

/** API Gateway's WebSocket quotas (API Gateway's WebSocket quotas). */
export const WEBSOCKET_LIMITS = {
  frameBytes: 32 * 1024,
  messageBytes: 128 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxConnectionMs: 2 * 60 * 60 * 1000,
};

export interface GatewayOptions {
  idleTimeoutMs?: number;
  maxConnectionMs?: number;
}

export interface WebSocketGateway {
  close(): Promise<void>;
}

export function attachWebSocketGateway(server: Server, ctx: LabContext, options: GatewayOptions = {}): WebSocketGateway {
  const gateway = new Gateway(ctx, options);
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => gateway.upgrade(req, socket, head);
  server.on("upgrade", onUpgrade);
  return {
    async close() {
      server.off("upgrade", onUpgrade);
      await gateway.close();
    },
  };
}

interface Refusal {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** The handshake's answer when API Gateway itself refuses: a JSON message, as its other errors carry. */
function gatewayRefusal(status: number, message: string, requestId: string): Refusal {
  const headers: Record<string, string> = { "Content-Type": "application/json", "x-amzn-RequestId": requestId };
  if (status === 403) headers["x-amzn-ErrorType"] = "ForbiddenException";
  return { status, body: JSON.stringify({ message }), headers };
}

/**
 * What the $connect integration's outcome does to the handshake (API Gateway's $connect and $disconnect routes): a 2xx statusCode opens
 * the connection, another statusCode refuses it with that status (the body is not forwarded), a function
 * error gives 502, a missing permission 500 (UNCONFIRMED; aws-cdk#18208 on a missing invoke permission), any other integration failure
 * 500 as a misconfigured integration does. UNCONFIRMED: a malformed proxy result gives 502 and an
 * integration timeout 504, as on REST APIs.
 */
function connectVerdict(outcome: Outcome, requestId: string): { protocol?: string } | Refusal {
  switch (outcome.kind) {
    case "no-integration":
      return {};
    case "result": {
      const { statusCode } = outcome.result;
      if (statusCode >= 200 && statusCode < 300) return { protocol: resultHeader(outcome.result, "Sec-WebSocket-Protocol") };
      return { status: statusCode, body: STATUS_CODES[statusCode] ?? "Error", headers: { "Content-Type": "text/plain", "x-amzn-RequestId": requestId } };
    }
    case "malformed":
      return gatewayRefusal(502, "Internal server error", requestId);
    case "failed":
      if (outcome.reason === "function-error") return gatewayRefusal(502, "Internal server error", requestId);
      if (outcome.reason === "timeout") return gatewayRefusal(504, "Endpoint request timed out", requestId);
      return gatewayRefusal(500, "Internal server error", requestId);
  }
}

/**
 * The error frames API Gateway sends on a connection, spaced exactly as public wscat transcripts show them (no AWS page
 * documents them: UNCONFIRMED beyond those transcripts):
 * {"message": "Internal server error", "connectionId":"<id>", "requestId":"<id>"}.
 */
function errorFrame(message: string, connectionId: string, requestId: string): string {
  return `{"message": "${message}", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}

/**
 * What the client receives after a message's integration ran (API Gateway's WebSocket route responses): the body only on a
 * two-way route; a failure gives the Internal server error frame in either mode. UNCONFIRMED: a timeout
 * gives "Endpoint request timed out" as on REST APIs, and a malformed proxy result is a failure only
 * where its body would have been sent.
 */
function messageReply(outcome: Outcome, twoWay: boolean, connectionId: string, requestId: string): string | undefined {
  switch (outcome.kind) {
    case "no-integration":
      return undefined;
    case "result":
      return twoWay ? outcome.result.body : undefined;
    case "malformed":
      return twoWay ? errorFrame("Internal server error", connectionId, requestId) : undefined;
    case "failed":
      return errorFrame(outcome.reason === "timeout" ? "Endpoint request timed out" : "Internal server error", connectionId, requestId);
  }
}

interface Accepted {
  info: ConnectionInfo;
  stage: StageRef;
  protocol?: string;
}

interface Connection extends Accepted {
  ws: WebSocket;
  idleTimer?: NodeJS.Timeout;
  lifeTimer?: NodeJS.Timeout;
}

function sourceIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
}

class Gateway {
  private readonly wss: WebSocketServer;
  private readonly accepted = new WeakMap<IncomingMessage, Accepted>();
  private readonly connections = new Map<string, Connection>();
  private readonly handshakes = new Set<Duplex>();
  private readonly disconnectTimers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly idleTimeoutMs: number;
  private readonly maxConnectionMs: number;
  private closed = false;

  constructor(
    private readonly ctx: LabContext,
    options: GatewayOptions,
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? WEBSOCKET_LIMITS.idleTimeoutMs;
    this.maxConnectionMs = options.maxConnectionMs ?? WEBSOCKET_LIMITS.maxConnectionMs;
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      // ws closes with 1009 above it, as API Gateway does above 128 KB (API Gateway's WebSocket quotas).
      maxPayload: WEBSOCKET_LIMITS.messageBytes,
      // The subprotocol is the $connect integration's to choose, never ws's (API Gateway's $connect and $disconnect routes).
      handleProtocols: () => false,
      verifyClient: (info: { req: IncomingMessage }, done: (ok: boolean, status?: number, body?: string, headers?: Record<string, string>) => void) => {
        this.verify(info.req).then(
          (refusal) => (refusal ? done(false, refusal.status, refusal.body, refusal.headers) : done(true)),
          () => done(false, 500),
        );
      },
    });
    this.wss.on("headers", (headers: string[], req: IncomingMessage) => {
      const protocol = this.accepted.get(req)?.protocol;
      if (protocol) headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
    });
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.handshakes.add(socket);
    socket.once("close", () => this.handshakes.delete(socket));
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.handshakes.delete(socket);
      this.open(ws, req, socket);
    });
  }

  /** Finds what the URL names. Anything that does not lead to a deployed stage is refused with 403. */
  private locate(req: IncomingMessage): { stage: StageRef; config: DeployedConfig } | undefined {
    const path = new URL(req.url ?? "/", "http://lab").pathname.split("/").filter((part) => part.length > 0);
    if (path.length !== 2) return undefined;
    let apiId: string;
    let stageName: string;
    try {
      [apiId, stageName] = path.map(decodeURIComponent) as [string, string];
    } catch {
      return undefined;
    }
    const found = this.ctx.stores.apigw.findApi(apiId);
    if (!found || found.record.api.protocolType !== "WEBSOCKET" || found.record.api.disableExecuteApiEndpoint) return undefined;
    const config = deployedConfig(found.record, stageName);
    if (!config) return undefined;
    return { stage: { apiId, account: found.account, region: found.region, stage: stageName }, config };
  }

  /**
   * Runs $connect while the client waits for the handshake (API Gateway's $connect and $disconnect routes). UNCONFIRMED: an
   * unknown stage, a stage without a deployment, and an unknown API all get 403 Forbidden, API Gateway's
   * answer for a path it cannot map; on AWS an unknown API id is a host name, not a path.
   */
  private async verify(req: IncomingMessage): Promise<Refusal | undefined> {
    const requestId = gatewayId();
    const located = this.locate(req);
    if (!located) return gatewayRefusal(403, "Forbidden", requestId);
    const connectedAt = Date.now();
    const userAgent = req.headers["user-agent"];
    const info: ConnectionInfo = { connectionId: gatewayId(), apiId: located.stage.apiId, region: located.stage.region, stage: located.stage.stage, connectedAt, sourceIp: sourceIp(req), userAgent };
    const route = findRoute(located.config, "$connect");
    let verdict: ReturnType<typeof connectVerdict> = {};
    if (route) {
      const outcome = await this.track(runIntegration(this.ctx, located.stage, located.config, route, connectEvent(req, info, requestId)));
      verdict = connectVerdict(outcome, requestId);
    }
    if ("status" in verdict) return verdict;
    this.accepted.set(req, { info, stage: located.stage, protocol: verdict.protocol });
    return undefined;
  }

  private open(ws: WebSocket, req: IncomingMessage, socket: Duplex): void {
    const accepted = this.accepted.get(req);
    this.accepted.delete(req);
    if (!accepted || this.closed) {
      ws.terminate();
      return;
    }
    const connection: Connection = { ...accepted, ws };
    this.connections.set(accepted.info.connectionId, connection);
    const frames = new FrameSizeScanner(WEBSOCKET_LIMITS.frameBytes);
    // Before ws's own listener, so that an oversized frame closes the connection before ws delivers it.
    socket.prependListener("data", (chunk: Buffer) => {
      if (frames.oversized(chunk) && ws.readyState === WebSocket.OPEN) ws.close(1009);
    });
    // ws reports protocol violations (1009 above maxPayload, bad UTF-8) here and closes by itself.
    ws.on("error", () => undefined);
    ws.on("message", (data, isBinary) => this.onMessage(connection, data, isBinary));
    ws.on("close", (code, reason) => this.onClose(connection, code, reason.toString("utf8")));
    connection.lifeTimer = setTimeout(() => ws.close(1001, "Going away"), this.maxConnectionMs).unref();
    this.touch(connection);
  }

  /** The idle timeout restarts with every message in either direction (API Gateway's WebSocket quotas). */
  private touch(connection: Connection): void {
    clearTimeout(connection.idleTimer);
    // UNCONFIRMED: the close code and reason API Gateway uses for idle and too-old connections.
    connection.idleTimer = setTimeout(() => connection.ws.close(1001, "Going away"), this.idleTimeoutMs).unref();
  }

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    const { ws } = connection;
    if (ws.readyState !== WebSocket.OPEN) return;
    this.touch(connection);
    // Binary frames are rejected and the client disconnected with 1003 (API Gateway's binary
    // media types for WebSocket APIs).
    if (isBinary) {
      ws.close(1003);
      return;
    }
    const body = (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString("utf8");
    const failure = () => errorFrame("Internal server error", connection.info.connectionId, gatewayId());
    void this.track(this.handleMessage(connection, body).catch(failure)).then((reply) => {
      if (reply !== undefined && ws.readyState === WebSocket.OPEN) {
        this.touch(connection);
        ws.send(reply);
      }
    });
  }

  /** Routes one message and runs its route's integration; the text to send back, if any. */
  private async handleMessage(connection: Connection, body: string): Promise<string | undefined> {
    const { info, stage } = connection;
    const requestId = gatewayId();
    const config = this.currentConfig(stage);
    const route = config && selectRoute(config, body);
    if (!config || !route) return errorFrame("Forbidden", info.connectionId, requestId);
    const event = messageEvent(info, route.routeKey, body, requestId, gatewayId(), Date.now());
    const outcome = await runIntegration(this.ctx, stage, config, route, event);
    return messageReply(outcome, isTwoWay(config, route), info.connectionId, requestId);
  }

  /** The stage's deployment at this moment: a redeployment applies to connections already open. */
  private currentConfig(stage: StageRef): DeployedConfig | undefined {
    const found = this.ctx.stores.apigw.findApi(stage.apiId);
    return found && deployedConfig(found.record, stage.stage);
  }

  /**
   * $disconnect runs after the socket has closed, asynchronously and best effort: its outcome reaches
   * no one (API Gateway's $connect and $disconnect routes). The lab's fault option delays it, as AWS may.
   */
  private onClose(connection: Connection, code: number, reason: string): void {
    clearTimeout(connection.idleTimer);
    clearTimeout(connection.lifeTimer);
    this.connections.delete(connection.info.connectionId);
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.disconnectTimers.delete(timer);
      void this.track(this.runDisconnect(connection, code, reason)).catch(() => undefined);
    }, this.ctx.faults.disconnectDelayMs);
    this.disconnectTimers.add(timer);
  }

  private async runDisconnect(connection: Connection, code: number, reason: string): Promise<void> {
    const config = this.currentConfig(connection.stage);
    const route = config && findRoute(config, "$disconnect");
    if (!config || !route) return;
    const event = disconnectEvent(connection.info, code, reason, gatewayId(), Date.now());
    await runIntegration(this.ctx, connection.stage, config, route, event);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const forget = () => this.inflight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Ends every connection and handshake; pending $disconnect runs are dropped with the lab. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.disconnectTimers) clearTimeout(timer);
    this.disconnectTimers.clear();
    for (const socket of this.handshakes) socket.destroy();
    const closing = [...this.connections.values()].map(({ ws }) => new Promise<void>((resolve) => {
      ws.once("close", () => resolve());
      ws.close(1001, "Going away");
    }));
    await settleWithin([...closing], 1000);
    for (const { ws } of this.connections.values()) ws.terminate();
    this.connections.clear();
    await settleWithin([...this.inflight], 5000);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** Waits for the promises, but never longer than `ms`: shutting down must not hang on a slow function. */
async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([Promise.allSettled(promises), bound]);
  clearTimeout(timer);
}
