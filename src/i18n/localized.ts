// The one shape of every message the tool shows: its Korean and English text side by side, so that neither
// can be missing, with {placeholders} (and {name|을/를} particles) filled by fill.ts. The tool's own words
// (catalogue.ts), the engine's (src/engine/messages.ts) and each check's (checks/*.ts) all take it.
import { fill, type Vars } from "./fill.js";

export type Lang = "ko" | "en";

export interface Localized {
  ko: string;
  en: string;
}

/** The message in that language, with its placeholders filled in. */
export function say(message: Localized, lang: Lang, vars: Vars = {}): string {
  return fill(message[lang], vars);
}
