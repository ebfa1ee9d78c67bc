// Fills a message's placeholders: {name} with the value, and {name|을/를} with the value and the Korean
// particle that follows it (josa.ts), so that no message writes 을(를) or leaves a space before a particle.
import { particle, type JosaForm } from "./josa.js";

export type Vars = Record<string, string | number>;

const PLACEHOLDER = /\{(\w+)(?:\|([^{}]+))?\}/g;

/** The names a template fills, each once and sorted: {name} and {name|을/를} both name `name`. */
export function placeholderNames(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))].sort();
}

export function fill(template: string, vars: Vars = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string, form: string | undefined) => {
    if (!(name in vars)) return whole;
    const value = String(vars[name]);
    return form ? `${value}${particle(value, form as JosaForm)}` : value;
  });
}
