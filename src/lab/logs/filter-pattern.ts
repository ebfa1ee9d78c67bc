// FilterLogEvents' filterPattern, for unstructured log events (CloudWatch Logs User Guide, "Filter pattern
// syntax for metric filters, subscription filters, filter log events, and Live Tail",
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
// - an empty pattern matches every event;
// - terms separated by spaces must all appear (case-sensitive); a term with characters other than
//   letters and digits is written in double quotes ("Task timed out");
// - terms prefixed with ? match when any of them appears ("?ERROR ?WARN");
// - a term prefixed with - excludes events that contain it ("ERROR -Exception");
// - %regex% is a regular expression.
// JSON patterns ({ $.field = ... }) and space-delimited patterns ([ip, user, ...]) are not implemented
// by the lab: they are refused with InvalidParameterException saying so.
import { AwsError } from "../protocol.js";

export type EventMatcher = (message: string) => boolean;

interface Term {
  kind: "all" | "any" | "not";
  test: (message: string) => boolean;
}

export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const text = (pattern ?? "").trim();
  if (text === "" || text === '""') return () => true;
  if (text.startsWith("{") || text.startsWith("[")) {
    throw new AwsError(
      400,
      "InvalidParameterException",
      "JSON and space-delimited filter patterns are not implemented by the local lab; use terms (ERROR), \"quoted phrases\", ?any, -exclude or %regex%",
    );
  }
  const terms = tokenize(text);
  const all = terms.filter((term) => term.kind === "all");
  const any = terms.filter((term) => term.kind === "any");
  const not = terms.filter((term) => term.kind === "not");
  return (message) => {
    if (not.some((term) => term.test(message))) return false;
    if (!all.every((term) => term.test(message))) return false;
    return any.length === 0 || any.some((term) => term.test(message));
  };
}

function tokenize(text: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === " " || text[i] === "\t") {
      i += 1;
      continue;
    }
    let kind: Term["kind"] = "all";
    if (text[i] === "?" || text[i] === "-") {
      kind = text[i] === "?" ? "any" : "not";
      i += 1;
    }
    let word: string;
    let test: (message: string) => boolean;
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw invalidPattern(text);
      word = text.slice(i + 1, end);
      i = end + 1;
      test = (message) => message.includes(word);
    } else if (text[i] === "%") {
      const end = text.indexOf("%", i + 1);
      if (end < 0) throw invalidPattern(text);
      const source = text.slice(i + 1, end);
      i = end + 1;
      let regex: RegExp;
      try {
        regex = new RegExp(source);
      } catch {
        throw invalidPattern(text);
      }
      test = (message) => regex.test(message);
    } else {
      let end = i;
      while (end < text.length && text[end] !== " " && text[end] !== "\t") end += 1;
      word = text.slice(i, end);
      i = end;
      test = (message) => message.includes(word);
    }
    terms.push({ kind, test });
  }
  return terms;
}

/** UNCONFIRMED: the exact text AWS sends for a pattern it cannot parse. */
function invalidPattern(pattern: string): AwsError {
  return new AwsError(400, "InvalidParameterException", `Invalid filter pattern: ${pattern}`);
}
