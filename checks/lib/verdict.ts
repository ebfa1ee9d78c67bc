// Small builders of verdicts: a detail and, where the failure has one, a specific hint, both filled from
// one set of variables (a hint names the same ids as the detail it goes with).
import type { Verdict } from "../../src/engine/check.js";

export type Vars = Record<string, string | number>;

export function verdict(status: Verdict["status"], key: string, vars: Vars = {}, hintKey?: string): Verdict {
  const result: Verdict = { status, detail: { key, vars } };
  if (hintKey) result.hint = { key: hintKey, vars };
  return result;
}

export const pass = (key: string, vars: Vars = {}): Verdict => verdict("pass", key, vars);
export const fail = (key: string, vars: Vars, hintKey?: string): Verdict => verdict("fail", key, vars, hintKey);
export const warn = (key: string, vars: Vars, hintKey?: string): Verdict => verdict("warn", key, vars, hintKey);
export const skip = (key: string, vars: Vars = {}, hintKey?: string): Verdict => verdict("skip", key, vars, hintKey);
