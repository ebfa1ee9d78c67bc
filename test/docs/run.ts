// How a README's command line is run here, as its reader would run it: `npm run NAME -- ARGS` exactly as npm
// runs it (the script's own words from package.json, then ARGS), `aws …` with the real AWS CLI v2, on a
// pseudo-terminal when the command asks a question, and a command that runs until Ctrl-C read while it runs.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { quote } from "shell-quote";
import { awsCliEnv, findAwsCliV2 } from "../../bench/lib/aws-cli.js";
import { ROOT } from "../helpers/cli.js";
import { runProcess, startLongRunning as startInProcessGroup, type ProcessRun, type Running } from "../../bench/lib/process.js";
import { shellWords } from "../helpers/readme.js";

/** Bounds that only stop a stuck run: a busy 2-core machine is slow, and a slow run is not a failure. */
export const RUN_MS = 240_000;

const SCRIPTS: Record<string, string> = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;

export function hasScript(name: string): boolean {
  return typeof SCRIPTS[name] === "string";
}

/**
 * `npm run NAME [-- ARGS]` as the argv npm ends up running: the script's words (`node scripts/cli.mjs check`),
 * `node` as this Node and the script's file under the project, then ARGS. npm's own flags before NAME (`-s`)
 * change what npm prints, so such a line is refused here and run through npm itself (runNpm).
 */
export function npmRunArgv(line: string, extra: string[] = [], cwd = ROOT): string[] {
  const words = shellWords(line, (pattern) => expandGlob(pattern, cwd));
  if (words[0] !== "npm" || words[1] !== "run" || !words[2] || words[2].startsWith("-")) throw new Error(`not a plain "npm run NAME" line: ${line}`);
  const script = SCRIPTS[words[2]];
  if (!script) throw new Error(`package.json has no script "${words[2]}" (README: ${line})`);
  const rest = words.slice(3);
  if (rest.length > 0 && rest[0] !== "--") throw new Error(`npm would take ${rest.join(" ")} as its own options: ${line}`);
  const [node, file, ...args] = shellWords(script);
  if (node !== "node" || !file) throw new Error(`script "${words[2]}" is not "node FILE ...": ${script}`);
  return [process.execPath, join(ROOT, file), ...args, ...rest.slice(1), ...extra];
}

/**
 * What the shell makes of a glob whose last part has `*` or `?` (`shards/*`): the matching names in `cwd`,
 * sorted, or the pattern itself when nothing matches (bash's default). Other globs are refused: extend this.
 */
export function expandGlob(pattern: string, cwd: string): string[] {
  const slash = pattern.lastIndexOf("/");
  const [dir, name] = [pattern.slice(0, slash + 1), pattern.slice(slash + 1)];
  if (/[*?[]/.test(dir) || name.includes("[")) throw new Error(`a glob only its last part of which has * or ? is expanded here: ${pattern}`);
  const matches = new RegExp(`^${name.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  const found = readdirSync(join(cwd, dir || ".")).filter((entry) => !entry.startsWith(".") && matches.test(entry)).sort();
  return found.length > 0 ? found.map((entry) => `${dir}${entry}`) : [pattern];
}

/** Runs a project command to its end. npm runs scripts in the package's folder; `cwd` stands in for it. */
export function runNpmScript(line: string, env: NodeJS.ProcessEnv, options: { cwd?: string; extra?: string[] } = {}): Promise<ProcessRun> {
  const [node, ...args] = npmRunArgv(line, options.extra, options.cwd);
  return runProcess(node!, args, { env, cwd: options.cwd ?? ROOT, timeoutMs: RUN_MS });
}

/** Runs the line through npm itself (for npm's own flags, such as `-s`), in the project's folder. */
export function runNpm(line: string, env: NodeJS.ProcessEnv): Promise<ProcessRun> {
  const [npm, ...args] = shellWords(line);
  return runProcess(npm!, args, { env, cwd: ROOT, timeoutMs: RUN_MS });
}

/** Runs `aws …` (the line's own words, then `extra`) with the real AWS CLI v2, in `cwd` (default: the project). */
export async function runAwsLine(line: string, env: Record<string, string | undefined>, options: { extra?: string[]; cwd?: string } = {}): Promise<ProcessRun> {
  const [aws, ...args] = shellWords(line);
  if (aws !== "aws") throw new Error(`not an AWS CLI line: ${line}`);
  const cli = await findAwsCliV2();
  return runProcess(cli.path, [...args, ...(options.extra ?? [])], { env: awsCliEnv({ env }), cwd: options.cwd ?? ROOT, timeoutMs: RUN_MS });
}

export interface TerminalOptions {
  env: NodeJS.ProcessEnv;
  /** The question the command asks (matched on what the terminal shows, colours removed). */
  question: RegExp;
  answer: string;
}

/**
 * Runs argv on a pseudo-terminal (util-linux `script`), as a person at a terminal runs it, typing `answer` at
 * each question. What the terminal showed (stdout and stderr together, colours removed) is `stdout`.
 */
export function runOnTerminal(argv: string[], options: TerminalOptions): Promise<ProcessRun> {
  const started = Date.now();
  const child = spawn("script", ["-q", "-e", "-c", quote(argv), "/dev/null"], { cwd: ROOT, env: { ...options.env, SHELL: "/bin/sh" }, stdio: "pipe" });
  let shown = "";
  let answered = 0;
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    shown += chunk;
    const asked = stripVTControlCharacters(shown).split(options.question).length - 1;
    for (; answered < asked; answered++) child.stdin.write(`${options.answer}\n`);
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${argv.join(" ")} on a terminal did not finish within ${RUN_MS} ms\n${stripVTControlCharacters(shown)}`));
    }, RUN_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`util-linux "script" is needed to run a command on a terminal: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code, signal, stdout: stripVTControlCharacters(shown).replace(/\r\n/g, "\n"), stderr, ms: Date.now() - started });
    });
  });
}

export type { Running };

/** A README command that runs until Ctrl-C (`npm run lab`, `grade --watch`), in the project's folder by default. */
export function startLongRunning(argv: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Running {
  return startInProcessGroup(argv, { env, cwd, boundMs: RUN_MS });
}
