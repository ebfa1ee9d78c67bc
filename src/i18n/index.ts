// The tool's messages in the user's language: catalogue.ts holds them, each a { ko, en } pair (localized.ts),
// so a key or a language missing fails to compile. Korean is the default: the workshop is Korean.
import { appMessages } from "./catalogue.js";
import type { Vars } from "./fill.js";
import { say, type Lang } from "./localized.js";

export type { Lang, Localized } from "./localized.js";
export type MessageKey = keyof typeof appMessages;

/** The user's language from the locale (LC_ALL, LC_MESSAGES, LANG); Korean when unsure. */
export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^en([_.-]|$)/i.test(locale) ? "en" : "ko";
}

export function parseLang(value: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  return value === "en" || value === "ko" ? value : detectLang(env);
}

/** The message in that language, with its placeholders filled in (fill.ts). */
export function t(lang: Lang, key: MessageKey, vars: Vars = {}): string {
  return say(appMessages[key], lang, vars);
}
