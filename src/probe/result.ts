// What the live probe observed, as plain data the live checks judge (the probe is the only impure part).

export type ProbeSkipReason = "disabled" | "no-api" | "no-table" | "no-endpoint";

export interface ProbeConnect {
  /** opened: the handshake completed; refused: HTTP status instead of an upgrade; timeout; error: network. */
  outcome: "opened" | "refused" | "timeout" | "error";
  httpStatus?: number;
  error?: string;
  /** The connect function wrote the probe's row (orderId = probe id) into the callback table. */
  registered: boolean;
  connectionId?: string;
}

export interface ProbeDefault {
  /**
   * answer: a text frame that is the probe's pending row's attributes; other-answer: another frame from the
   * function; internal-error, forbidden, gateway-error: API Gateway's own error frames; none: no frame within
   * the wait; closed: the server closed the socket before any frame came (see frame.ts).
   */
  outcome: "answer" | "other-answer" | "none" | "closed" | "internal-error" | "forbidden" | "gateway-error" | "not-run";
  /** The frame the probe received, cut to 500 characters. */
  frame?: string;
}

export interface ProbeDisconnect {
  outcome: "removed" | "left" | "not-run";
  /** How long the probe waited for the rows to go. */
  waitedMs?: number;
}

export interface ProbeResult {
  skipped?: ProbeSkipReason;
  probeId?: string;
  connect?: ProbeConnect;
  default?: ProbeDefault;
  disconnect?: ProbeDisconnect;
  /** The probe could not finish its work (DynamoDB access denied, ...): the live checks are errors. */
  error?: { action: string; code: string; message: string };
  /** Rows the probe wrote and then removed, and rows of earlier interrupted runs it cleaned. */
  cleaned: number;
  durationMs: number;
}
