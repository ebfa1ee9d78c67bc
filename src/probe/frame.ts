// What the $default answer means. A frame is whatever the account sent, so it is parsed defensively and
// kept only in a short, printable form for the report.
import { isDeepStrictEqual } from "node:util";
import type { ProbeDefault } from "./result.js";

export const FRAME_KEEP_CHARS = 500;

/**
 * answer: the probe's pending row's attributes, in any key order. internal-error, forbidden and gateway-error:
 * API Gateway's own error frames (as public wscat transcripts show them; the lab's copy is in
 * src/lab/gateway/websocket.ts), so the function's answer never came. other-answer: any
 * other frame, which only the function can have sent (e.g. {"status":"none"} from a pending function whose
 * code or table differs from the workshop's). none: no frame.
 */
export function classifyFrame(frame: string | undefined, expected: Record<string, unknown>): ProbeDefault {
  if (frame === undefined) return { outcome: "none" };
  const parsed = parseJson(frame);
  if (isDeepStrictEqual(parsed, expected)) return { outcome: "answer", frame: printable(frame) };
  const gateway = gatewayError(parsed);
  if (gateway === "Internal server error") return { outcome: "internal-error", frame: printable(frame) };
  if (gateway === "Forbidden") return { outcome: "forbidden", frame: printable(frame) };
  if (gateway !== undefined) return { outcome: "gateway-error", frame: printable(frame) };
  return { outcome: "other-answer", frame: printable(frame) };
}

/**
 * The message of an error frame API Gateway sends itself: {"message": "...", "connectionId": "...",
 * "requestId": "..."} and nothing else (public wscat transcripts; UNCONFIRMED by an AWS page). A function's own answer that merely has a message
 * member is the function's, not the gateway's.
 */
function gatewayError(parsed: unknown): string | undefined {
  if (!isRecord(parsed) || typeof parsed.message !== "string") return undefined;
  const keys = Object.keys(parsed).sort().join(",");
  // Internal server error and Forbidden are recognised by their text alone: no function of the workshop
  // answers with either, and a frame of the lab or of an older gateway may carry fewer ids.
  if (parsed.message === "Internal server error" || parsed.message === "Forbidden") return parsed.message;
  return keys === "connectionId,message,requestId" ? parsed.message : undefined;
}

/**
 * Cut to FRAME_KEEP_CHARS, with control and bidirectional-override characters escaped, so that a frame
 * can neither drive the terminal nor disguise itself in the report.
 */
export function printable(text: string): string {
  const escaped = text.slice(0, FRAME_KEEP_CHARS).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.slice(0, FRAME_KEEP_CHARS);
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
