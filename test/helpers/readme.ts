// The command lines a README gives its reader, found as a reader finds them: every line of a shell-like fenced
// block (continuation lines joined, a trailing `# comment` dropped, `export NAME=value` lines kept as the
// environment of the lines after them), every `run:` of a GitHub Actions example, and the `npm …` / `aws …`
// commands written in backticks in the prose. The Markdown and YAML are read by their own parsers (marked,
// yaml), the words of a line by shell-quote, so that what counts as a command is what a reader would copy.
import { marked, type Token, type Tokens } from "marked";
import { parse as parseShell } from "shell-quote";
import { parse as parseYaml } from "yaml";

export type CommandKind = "shell" | "workflow" | "inline";

export interface ReadmeCommand {
  /** The command as a reader runs it: continuation lines joined, the comment dropped, blanks collapsed. */
  line: string;
  /** Variables set by `export` earlier in the same block (a reader's shell keeps them for the lines after). */
  env: Record<string, string>;
  kind: CommandKind;
  /** "README.md:42": the file and the line the command starts on. */
  where: string;
}

/** Fences whose lines are commands for a shell; `console` and its kin mark commands with a `$ ` prompt. */
const SHELL_FENCES = new Set(["bash", "sh", "shell", "zsh"]);
const PROMPT_FENCES = new Set(["console", "shell-session", "shellsession", "terminal"]);
const WORKFLOW_FENCES = new Set(["yaml", "yml"]);
/** A command in the prose: the project's scripts and the AWS CLI, the two things the READMEs tell readers to run. */
const INLINE_COMMAND = /^(npm|npx|aws)\s/;

export function readmeCommands(file: string, text: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let offset = 0;
  for (const token of marked.lexer(text)) {
    const line = lineAt(text, offset);
    if (token.type === "code") commands.push(...fencedCommands(token as Tokens.Code, file, line + 1));
    else commands.push(...inlineCommands(token, file, text.slice(offset, offset + token.raw.length), line));
    offset += token.raw.length;
  }
  return commands;
}

/** The text of every fenced block in `lang` (e.g. the example roster, ```csv). */
export function fencedBlocks(text: string, lang: string): string[] {
  return marked
    .lexer(text)
    .filter((token): token is Tokens.Code => token.type === "code" && (token as Tokens.Code).lang?.trim().split(/\s+/)[0] === lang)
    .map((token) => token.text);
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

function fencedCommands(code: Tokens.Code, file: string, firstLine: number): ReadmeCommand[] {
  const lang = (code.lang ?? "").trim().split(/\s+/)[0]!.toLowerCase();
  if (WORKFLOW_FENCES.has(lang)) return workflowCommands(code.text, file, firstLine);
  if (SHELL_FENCES.has(lang)) return shellCommands(code.text.split("\n"), file, firstLine, "shell");
  if (PROMPT_FENCES.has(lang)) {
    // Only the prompted lines are commands; the others are what they print.
    const lines = code.text.split("\n").map((line) => (/^\s*\$ /.test(line) ? line.replace(/^\s*\$ /, "") : ""));
    return shellCommands(lines, file, firstLine, "shell");
  }
  return [];
}

/** The lines of a shell block: `\` joins a line to the next; `export` sets variables for the lines after it. */
function shellCommands(lines: string[], file: string, firstLine: number, kind: CommandKind): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  const env: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let joined = lines[i]!;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) joined = `${joined.replace(/\\\s*$/, " ")}${lines[++i]}`;
    const line = withoutComment(joined).replace(/\s+/g, " ").trim();
    if (!line) continue;
    const exported = exports(line);
    if (exported) Object.assign(env, exported);
    else commands.push({ line, env: { ...env }, kind, where: `${file}:${firstLine + start}` });
  }
  return commands;
}

/** `export A=1 B=2` as {A: "1", B: "2"}; undefined for any other line. */
function exports(line: string): Record<string, string> | undefined {
  if (!line.startsWith("export ")) return undefined;
  const words = shellWords(line);
  return Object.fromEntries(words.slice(1).map((word) => [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]));
}

/** The line up to an unquoted `#` that starts a word: the shell's comment. */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** Every `run:` of a workflow (a job's steps, or anywhere else), each of its lines a command. */
function workflowCommands(text: string, file: string, firstLine: number): ReadmeCommand[] {
  const runs: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "run" && typeof value === "string") runs.push(value);
        else visit(value);
      }
    }
  };
  visit(parseYaml(text));
  const lines = text.split("\n");
  return runs.flatMap((run) => {
    const at = lines.findIndex((line) => line.includes(run.split("\n")[0]!));
    return shellCommands(run.split("\n"), file, firstLine + Math.max(0, at), "workflow");
  });
}

/** The `npm …` and `aws …` code spans of a paragraph, heading, list or table (marked joins a span's lines). */
function inlineCommands(token: Token, file: string, raw: string, firstLine: number): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let from = 0;
  for (const span of codeSpans(token)) {
    const at = raw.indexOf(span.raw, from);
    if (at >= 0) from = at + span.raw.length;
    const line = span.text.replace(/\s+/g, " ").trim();
    if (INLINE_COMMAND.test(line)) commands.push({ line, env: {}, kind: "inline", where: `${file}:${firstLine + lineAt(raw, Math.max(0, at)) - 1}` });
  }
  return commands;
}

function codeSpans(token: Token): Tokens.Codespan[] {
  if (token.type === "codespan") return [token as Tokens.Codespan];
  if (token.type === "code") return [];
  // Inline tokens sit under a token's own tokens, a list's items, and a table's header and row cells.
  const t = token as { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
  const children = [...(t.tokens ?? []), ...(t.items ?? []), ...(t.header ?? []).flatMap((cell) => cell.tokens), ...(t.rows ?? []).flat().flatMap((cell) => cell.tokens)];
  return children.flatMap(codeSpans);
}

/**
 * A command line's words as the shell splits them (quotes removed, `$NAME` kept as written), a glob such as
 * `shards/*` replaced by what `glob` gives for it. A line with a pipe, redirection, `&&` or a substitution is
 * refused: running it would take a shell, which these tests avoid.
 */
export function shellWords(line: string, glob?: (pattern: string) => string[]): string[] {
  const parts = parseShell(line, (name) => `$${name}`);
  return parts.flatMap((part) => {
    if (typeof part === "string") return [part];
    if ("op" in part && part.op === "glob" && glob) return glob(part.pattern);
    throw new Error(`"${line}" is more than one command (${JSON.stringify(part)}): run it through a shell, or split it`);
  });
}
