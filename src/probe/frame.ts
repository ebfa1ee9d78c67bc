// What the $default answer means. A frame is whatever the account sent, so it is parsed defensively and
// kept only in a short, printable form for the report.
import { isDeepStrictEqual } from "node:util";
import type { ProbeDefault } from "./result.js";

export const FRAME_KEEP_CHARS = 500;

/**
 * answer: the pending row's attributes, in any key order; internal-error and forbidden: API Gateway's own
 * error frames (reference 5.3); wrong-answer: anything else (e.g. {"status":"none"} when the function reads
 * another table); none: no frame.
 */
export function classifyFrame(frame: string | undefined, expected: Record<string, unknown>): ProbeDefault {
  if (frame === undefined) return { outcome: "none" };
  const parsed = parseJson(frame);
  if (isDeepStrictEqual(parsed, expected)) return { outcome: "answer", frame: printable(frame) };
  const message = isRecord(parsed) ? parsed.message : undefined;
  if (message === "Internal server error") return { outcome: "internal-error", frame: printable(frame) };
  if (message === "Forbidden") return { outcome: "forbidden", frame: printable(frame) };
  return { outcome: "wrong-answer", frame: printable(frame) };
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
