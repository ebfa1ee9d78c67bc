// The live probe: the functional check, since the control plane cannot show that v1 serves the latest
// changes (routes and integrations carry no timestamps: botocore's apigatewayv2 model), so it tries
// what a participant's client would see, with a unique order id. It connects to <apiEndpoint>/v1, looks for
// the connect function's row, asks $default for a pending status it put there itself, closes and waits for
// $disconnect to remove the row. Whatever happens, everything of its order id is deleted at the end.
// It works against real AWS: nothing here knows the lab. It prints nothing; the result is plain data.
//
// Sources cited in this file:
// - API Gateway's $connect and $disconnect routes: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Snapshot } from "../collect/snapshot.js";
import { pendingRow } from "../workshop/callback-table.js";
import { STAGE_NAME } from "../workshop/names.js";
import { classifyFrame, printable } from "./frame.js";
import { newProbeId, probeStatus } from "./probe-id.js";
import type { ProbeConnect, ProbeDefault, ProbeDisconnect, ProbeResult, ProbeSkipReason } from "./result.js";
import { Handshake, ProbeSocket } from "./socket.js";
import { ProbeAwsError, ProbeTable, type RowKey } from "./table.js";
import { pollFor } from "./wait.js";

/** What the probe is waiting for, for a spinner; the CLI's catalogue has a `progress.<step>` line for each. */
export type ProbeStep = "cleaning-leftovers" | "connecting" | "waiting-registration" | "waiting-answer" | "waiting-disconnect" | "cleaning-up";

export interface ProbeTimeouts {
  /** The handshake, which waits for the connect function (a cold start takes seconds on AWS). */
  connectMs: number;
  /** The connect function's row, after the socket opened. */
  registerMs: number;
  /** The $default answer. */
  messageMs: number;
  /** The close, then the disconnect function's clean-up, which AWS runs asynchronously (API Gateway's $connect and $disconnect routes). */
  disconnectMs: number;
}

export const DEFAULT_TIMEOUTS: ProbeTimeouts = { connectMs: 5_000, registerMs: 3_000, messageMs: 5_000, disconnectMs: 10_000 };

/** No wait is longer, whatever the caller asks: a checker that hangs is worse than one that gives up. */
export const MAX_TIMEOUT_MS = 60_000;

/**
 * A probe row older than this belongs to a run that is over (its waits are capped), so it is a leftover;
 * a younger one may be another run's going on now (an instructor grading while the participant checks).
 */
export const STALE_AFTER_MS = 4 * MAX_TIMEOUT_MS + 60_000;

/** How long the final clean-up waits for the server to acknowledge the close before dropping the socket. */
const CLOSE_GRACE_MS = 1_000;

export interface ProbeOptions {
  snapshot: Snapshot;
  /** The account's DynamoDB client; the probe does not destroy it. */
  dynamodb: DynamoDBClient | DynamoDBDocumentClient;
  stage?: string;
  timeouts?: Partial<ProbeTimeouts>;
  onProgress?: (step: ProbeStep) => void;
  /**
   * Ctrl-C: the probe stops waiting, cleans up, and resolves with `error.code` "AbortError" (the checker
   * could not tell, so the live checks are errors, never fails).
   */
  signal?: AbortSignal;
}

export async function runProbe(options: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const target = probeTarget(options.snapshot);
  if ("skipped" in target) return { skipped: target.skipped, cleaned: 0, durationMs: 0 };
  const run = new ProbeRun(options, target);
  try {
    await run.steps();
  } catch (error) {
    run.failed(error);
  } finally {
    await run.cleanUp();
  }
  return run.result(Date.now() - started);
}

interface Target {
  endpoint: string;
  table: string;
}

function probeTarget(snapshot: Snapshot): Target | { skipped: ProbeSkipReason } {
  if (!snapshot.api) return { skipped: "no-api" };
  if (!snapshot.table) return { skipped: "no-table" };
  if (!snapshot.api.apiEndpoint) return { skipped: "no-endpoint" };
  return { endpoint: snapshot.api.apiEndpoint, table: snapshot.table.name };
}

class ProbeRun {
  private readonly probeId = newProbeId();
  private readonly table: ProbeTable;
  private readonly timeouts: ProbeTimeouts;
  private readonly url: string;
  private readonly signal?: AbortSignal;
  private handshake?: Handshake;
  private socket?: ProbeSocket;
  private connect?: ProbeConnect;
  private answer: ProbeDefault = { outcome: "not-run" };
  private disconnect: ProbeDisconnect = { outcome: "not-run" };
  private error?: ProbeResult["error"];
  private cleaned = 0;

  constructor(
    private readonly options: ProbeOptions,
    target: Target,
  ) {
    this.table = new ProbeTable(options.dynamodb, target.table);
    this.timeouts = boundedTimeouts(options.timeouts);
    this.url = probeUrl(target.endpoint, options.stage ?? STAGE_NAME, this.probeId);
    this.signal = options.signal;
  }

  async steps(): Promise<void> {
    this.signal?.throwIfAborted();
    this.progress("cleaning-leftovers");
    this.cleaned += await this.table.deleteRows(await this.table.staleProbeRows(Date.now() - STALE_AFTER_MS));
    this.progress("connecting");
    this.handshake = Handshake.begin(this.url);
    const opened = await this.handshake.wait(this.timeouts.connectMs, this.signal);
    const socket = (this.socket = opened?.socket);
    this.connect = { ...(opened?.outcome ?? { outcome: "timeout" }), registered: false };
    if (!socket) return;
    this.progress("waiting-registration");
    const row = await pollFor(() => this.table.connectionRow(this.probeId, this.signal), this.timeouts.registerMs, this.signal);
    if (row) this.connect = { ...this.connect, registered: true, connectionId: row.connectionId };
    this.progress("waiting-answer");
    this.answer = await this.askPending(socket);
    // Without the connection's row there is nothing whose removal would show that $disconnect ran.
    if (!row) return;
    this.progress("waiting-disconnect");
    this.disconnect = await this.awaitDisconnect(socket, row);
  }

  /**
   * Does what the workshop's callback function does for an order nobody listens to (a pending row), then
   * asks as the workshop's client does; the status carries this run's id, so an answer holding it can only
   * come from a $default function that read the row.
   */
  private async askPending(socket: ProbeSocket): Promise<ProbeDefault> {
    const status = probeStatus(this.probeId, Date.now());
    await this.table.put(pendingRow(this.probeId, status));
    const answer = await socket.exchange(JSON.stringify({ orderId: this.probeId }), this.timeouts.messageMs, this.signal);
    if (answer === "closed") return { outcome: "closed" };
    return classifyFrame(answer?.frame, status);
  }

  private async awaitDisconnect(socket: ProbeSocket, row: RowKey): Promise<ProbeDisconnect> {
    const closing = Date.now();
    const bound = this.timeouts.disconnectMs;
    await socket.close(bound, this.signal);
    const left = Math.max(0, bound - (Date.now() - closing));
    const gone = await pollFor(async () => ((await this.table.hasRow(row, this.signal)) ? undefined : true), left, this.signal);
    return { outcome: gone ? "removed" : "left", waitedMs: Date.now() - closing };
  }

  /** Records the first thing that stopped the run; an abort is the user's, anything else the checker's. */
  failed(error: unknown): void {
    if (this.error) return;
    if (this.signal?.aborted) {
      this.error = { action: "probe", code: "AbortError", message: "the live probe was interrupted before it finished" };
      return;
    }
    const action = error instanceof ProbeAwsError ? error.action : "probe";
    const code = error instanceof ProbeAwsError ? error.code : ((error as { name?: string })?.name ?? "Error");
    this.error = { action, code, message: redact(error instanceof Error ? error.message : String(error)) };
  }

  /** Runs after every outcome, abort included, so it takes no signal: it must finish. */
  async cleanUp(): Promise<void> {
    this.progress("cleaning-up");
    // A handshake cut short by an abort or its bound may still register a row: waited for as long as the
    // handshake itself could take, then closed as any connection is, so that $disconnect runs too.
    if (this.handshake && !this.socket) this.socket = await this.handshake.settle(this.timeouts.connectMs);
    await this.socket?.close(CLOSE_GRACE_MS);
    try {
      this.cleaned += await this.table.deleteRows(await this.table.orderRows(this.probeId));
    } catch (error) {
      this.failed(error);
    }
  }

  result(durationMs: number): ProbeResult {
    return {
      probeId: this.probeId,
      ...(this.connect ? { connect: this.connect } : {}),
      default: this.answer,
      disconnect: this.disconnect,
      ...(this.error ? { error: this.error } : {}),
      cleaned: this.cleaned,
      durationMs,
    };
  }

  private progress(step: ProbeStep): void {
    try {
      this.options.onProgress?.(step);
    } catch {
      // A spinner that cannot draw must not stop the probe, least of all its clean-up.
    }
  }
}

function boundedTimeouts(given: Partial<ProbeTimeouts> = {}): ProbeTimeouts {
  const bounded = (key: keyof ProbeTimeouts) => {
    const ms = given[key];
    return typeof ms === "number" && Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_TIMEOUT_MS) : DEFAULT_TIMEOUTS[key];
  };
  return { connectMs: bounded("connectMs"), registerMs: bounded("registerMs"), messageMs: bounded("messageMs"), disconnectMs: bounded("disconnectMs") };
}

/** `<apiEndpoint>/<stage>?orderId=<id>`, the callback URL the workshop's client opens (API Gateway's WebSocket deployments). */
export function probeUrl(apiEndpoint: string, stage: string, orderId: string): string {
  return `${apiEndpoint.replace(/\/+$/, "")}/${encodeURIComponent(stage)}?orderId=${encodeURIComponent(orderId)}`;
}

/** AWS messages may name the caller's access key id; a report is no place for it. */
function redact(message: string): string {
  return printable(message.replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, "<access key id>"));
}
