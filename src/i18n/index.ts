// Messages are data: one catalogue per language, keyed alike (the English one is typed from the Korean
// one, so a key missing in either fails to compile). Korean is the default: the workshop is Korean.
import { en } from "./en.js";
import { fill } from "./fill.js";
import { ko, type Catalogue } from "./ko.js";

export type Lang = "ko" | "en";
export type MessageKey = keyof Catalogue;

const CATALOGUES: Record<Lang, Catalogue> = { ko, en };

/** The user's language from the locale (LC_ALL, LC_MESSAGES, LANG); Korean when unsure. */
export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^en([_.-]|$)/i.test(locale) ? "en" : "ko";
}

export function parseLang(value: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  return value === "en" || value === "ko" ? value : detectLang(env);
}

/** The message in that language, with its placeholders filled in (fill.ts). */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return fill(CATALOGUES[lang][key], vars);
}
