// The probe's WebSocket client, the way a participant's browser talks to the API: open with ?orderId=,
// send one message, close cleanly. Every wait is bounded; the socket never outlives the probe.
//
// Sources cited in this file:
// - API Gateway's WebSocket quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
import WebSocket, { type RawData } from "ws";
import { printable } from "./frame.js";
import type { ProbeConnect } from "./result.js";
import { waitFor } from "./wait.js";

/** API Gateway's message limit (API Gateway's WebSocket quotas); a larger frame is not an answer, and not kept in memory. */
const MAX_PAYLOAD_BYTES = 128 * 1024;

export type OpenOutcome = Omit<ProbeConnect, "registered" | "connectionId">;

/**
 * A handshake under way. API Gateway answers the upgrade only once the $connect function has returned, and
 * that function writes the connection's row: a handshake the probe stops waiting for (Ctrl-C, or its bound)
 * may still be about to write one. So it is not dropped then; the clean-up waits for it to settle (`settle`),
 * and only then can the rows of the order be read and deleted for good.
 */
export class Handshake {
  private readonly outcome: Promise<OpenOutcome>;

  private constructor(private readonly ws: WebSocket | undefined, failed?: OpenOutcome) {
    this.outcome = failed
      ? Promise.resolve(failed)
      : new Promise<OpenOutcome>((resolve) => {
          const off = listenForHandshake(ws!, (outcome) => {
            off();
            if (outcome.outcome !== "opened") ws!.terminate();
            resolve(outcome);
          });
        });
  }

  static begin(url: string): Handshake {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, { maxPayload: MAX_PAYLOAD_BYTES, followRedirects: false });
    } catch (error) {
      return new Handshake(undefined, { outcome: "error", error: describe(error) });
    }
    // Without a listener an 'error' event (a late reset, a frame over the limit) would crash the process.
    ws.on("error", () => {});
    return new Handshake(ws);
  }

  /**
   * `opened` with a socket, or refused (the HTTP status that came instead of the upgrade) or error without
   * one; undefined once `timeoutMs` has passed. Rejects on abort. Either way the handshake goes on.
   */
  async wait(timeoutMs: number, signal?: AbortSignal): Promise<{ outcome: OpenOutcome; socket?: ProbeSocket } | undefined> {
    const outcome = await waitFor<OpenOutcome>(
      (deliver) => {
        let listening = true;
        void this.outcome.then((value) => listening && deliver(value));
        return () => (listening = false);
      },
      timeoutMs,
      signal,
    );
    if (!outcome) return undefined;
    return outcome.outcome === "opened" ? { outcome, socket: new ProbeSocket(this.ws!) } : { outcome };
  }

  /** Waits, without a signal, at most `timeoutMs` for the handshake to end: the socket if it opened; else it is dropped. */
  async settle(timeoutMs: number): Promise<ProbeSocket | undefined> {
    const settled = await this.wait(timeoutMs);
    if (!settled) this.ws?.terminate();
    return settled?.socket;
  }
}

export class ProbeSocket {
  constructor(private readonly ws: WebSocket) {}

  /**
   * Sends `text` and returns the first frame that comes back within `timeoutMs`, `closed` when the server
   * closes the socket first (no frame can come then), or undefined when the wait ends in silence.
   */
  async exchange(text: string, timeoutMs: number, signal?: AbortSignal): Promise<{ frame: string } | "closed" | undefined> {
    if (this.ws.readyState !== WebSocket.OPEN) return "closed";
    const answer = waitFor<{ frame: string } | "closed">(
      (deliver) => {
        const onMessage = (data: RawData) => deliver({ frame: toText(data) });
        const onClose = () => deliver("closed");
        this.ws.on("message", onMessage);
        this.ws.on("close", onClose);
        return () => {
          this.ws.off("message", onMessage);
          this.ws.off("close", onClose);
        };
      },
      timeoutMs,
      signal,
    );
    this.ws.send(text);
    return answer;
  }

  /** A clean close (1000), as a browser leaving the page; dropped if the server does not answer in time. */
  async close(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = waitFor<true>(
      (deliver) => {
        const onClose = () => deliver(true);
        this.ws.on("close", onClose);
        return () => this.ws.off("close", onClose);
      },
      timeoutMs,
      signal,
    );
    this.ws.close(1000);
    try {
      if (!(await closed)) this.ws.terminate();
    } catch (error) {
      this.ws.terminate();
      throw error;
    }
  }
}

function listenForHandshake(ws: WebSocket, deliver: (outcome: OpenOutcome) => void): () => void {
  const onOpen = () => deliver({ outcome: "opened" });
  const onRefused = (_req: unknown, res: { statusCode?: number; resume(): void }) => {
    res.resume();
    deliver({ outcome: "refused", ...(res.statusCode ? { httpStatus: res.statusCode } : {}) });
  };
  const onError = (error: Error) => deliver({ outcome: "error", error: describe(error) });
  ws.on("open", onOpen);
  ws.on("unexpected-response", onRefused);
  ws.on("error", onError);
  return () => {
    ws.off("open", onOpen);
    ws.off("unexpected-response", onRefused);
    ws.off("error", onError);
  };
}

function toText(data: RawData): string {
  const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  return buffer.toString("utf8");
}

function describe(error: unknown): string {
  return printable(error instanceof Error ? error.message : String(error));
}
