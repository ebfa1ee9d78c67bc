// Small builders of verdicts: a detail and, where the failure has one, a specific hint, both filled from
// one set of variables (a hint names the same ids as the detail it goes with).
import type { Fix, Localized, Verdict } from "../../src/engine/check.js";

export type Vars = Record<string, string | number>;

export function verdict(status: Verdict["status"], key: string, vars: Vars = {}, hintKey?: string, fix: Fix[] = []): Verdict {
  const result: Verdict = { status, detail: { key, vars } };
  if (hintKey) result.hint = { key: hintKey, vars };
  if (fix.length > 0) result.fix = fix;
  return result;
}

export const pass = (key: string, vars: Vars = {}): Verdict => verdict("pass", key, vars);
export const fail = (key: string, vars: Vars, hintKey?: string, fix?: Fix[]): Verdict => verdict("fail", key, vars, hintKey, fix);
export const warn = (key: string, vars: Vars, hintKey?: string, fix?: Fix[]): Verdict => verdict("warn", key, vars, hintKey, fix);
export const skip = (key: string, vars: Vars = {}, hintKey?: string): Verdict => verdict("skip", key, vars, hintKey);
/** A skip that only the live probe could have turned into a verdict: it was switched off (--no-live). */
export const unjudged = (key: string, vars: Vars = {}, hintKey?: string): Verdict => ({ ...verdict("skip", key, vars, hintKey), unjudged: true });

/** A fix that changes the account. */
export const change = (command: string): Fix => ({ command, phase: "change" });
/** The deployment that makes every change live; the fix section runs it after all changes. */
export const deployment = (command: string): Fix => ({ command, phase: "deploy" });
/** A command that only shows something (logs); it may fail when there is nothing to show. */
export const look = (command: string): Fix => ({ command, phase: "look" });

/** The hint of every check that cannot look at anything while the API is missing: s1.api says why. */
export const FIX_API_FIRST: Localized = {
  ko: "먼저 s1.api를 해결하세요: 리전과 API 이름을 확인합니다.",
  en: "Fix s1.api first: check the region and the API's name.",
};
