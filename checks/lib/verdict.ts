// Builders of verdicts typed on one catalogue's keys: `verdicts(messages)` gives pass, fail, warn, skip and
// unjudged that accept only the keys of those messages, so a detail or hint naming a message the module does
// not have fails to compile. A detail and its hint are filled from one set of variables (a hint names the
// same ids as the detail it goes with).
import type { Fix, Localized, Verdict } from "../../src/engine/check.js";
import type { Vars } from "../../src/i18n/fill.js";

export type { Vars };

export interface Verdicts<K extends string> {
  verdict(status: Verdict["status"], key: K, vars?: Vars, hintKey?: K, fix?: Fix[]): Verdict<K>;
  pass(key: K, vars?: Vars): Verdict<K>;
  fail(key: K, vars: Vars, hintKey?: K, fix?: Fix[]): Verdict<K>;
  warn(key: K, vars: Vars, hintKey?: K, fix?: Fix[]): Verdict<K>;
  skip(key: K, vars?: Vars, hintKey?: K): Verdict<K>;
  /** A skip that only the live probe could have turned into a verdict: it was switched off (--no-live). */
  unjudged(key: K, vars?: Vars, hintKey?: K): Verdict<K>;
}

/** The verdict builders of a module (or a shared group) whose messages are `messages`. */
export function verdicts<K extends string>(_messages: Record<K, Localized>): Verdicts<K> {
  const verdict = (status: Verdict["status"], key: K, vars: Vars = {}, hintKey?: K, fix: Fix[] = []): Verdict<K> => {
    const result: Verdict<K> = { status, detail: { key, vars } };
    if (hintKey) result.hint = { key: hintKey, vars };
    if (fix.length > 0) result.fix = fix;
    return result;
  };
  return {
    verdict,
    pass: (key, vars = {}) => verdict("pass", key, vars),
    fail: (key, vars, hintKey, fix) => verdict("fail", key, vars, hintKey, fix),
    warn: (key, vars, hintKey, fix) => verdict("warn", key, vars, hintKey, fix),
    skip: (key, vars = {}, hintKey) => verdict("skip", key, vars, hintKey),
    unjudged: (key, vars = {}, hintKey) => ({ ...verdict("skip", key, vars, hintKey), unjudged: true }),
  };
}

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
