// Text read from a roster or an account (ids, route keys, names, error messages quoting them) is untrusted:
// printed raw, an escape sequence recolours the terminal, retitles its window or hides a link, a carriage
// return overwrites what the line said, and a right-to-left override (U+202E) shows "evil‮txt.exe" as
// "eviltxt.exe" backwards. The text renderers (the class table, check's table, scores.csv, messages on stderr)
// pass such text through plainText; JSON keeps it exact (JSON escapes it), HTML and XML escape it themselves.
import { stripVTControlCharacters } from "node:util";

/**
 * C0 controls but the line feed, DEL, C1 controls (0x80-0x9f: 0x9b is a one-byte CSI), the bidirectional
 * marks, embeddings, overrides and isolates (LRM, RLM, ALM, U+202A-202E, U+2066-2069), and the Unicode line
 * and paragraph separators (U+2028, U+2029), which some terminals break lines at.
 * https://www.unicode.org/reports/tr9/#Directional_Formatting_Characters
 */
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text with every escape sequence taken out whole (Node's own ANSI pattern: CSI and OSC, as
 * `\x1b[31m` and `\x1b]0;title\x07`), then every control and bidi character left removed. Line feeds stay
 * (a multi-line detail is still one), a CR LF becomes a line feed and a tab a space, so words do not run
 * together; what is left cannot drive a terminal, whatever the sequences were cut short or nested.
 */
export function plainText(text: string): string {
  return stripVTControlCharacters(text.replace(/\r\n/g, "\n").replace(/\t/g, " ")).replace(UNPRINTABLE, "");
}
