// Runs the real `check` CLI as a child process, as a participant runs it (`node scripts/cli.mjs check`, the
// esbuild bundle), with an environment of its own: only what the test gives, so the host's AWS profile, locale
// or CI settings never leak in. From the bundle a command costs ~0.4 s of CPU to start; through tsx
// (`node --import tsx src/cli/check.ts`) ~2 s, paid a few hundred times by the suite. A test that preloads a
// module into the command (nodeArgs: a mock of the SDK's clients) runs the sources through tsx, where that
// mock reaches the SDK the command imports (the bundle has its own copy inside).
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Credentials } from "../../src/aws/clients.js";
import { runProcess, type ProcessRun } from "../../bench/lib/process.js";
import { processTempDir } from "../../bench/lib/temp.js";
export { mapLimit } from "../../src/grade/run.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The command a test runs: `check` unless it says otherwise. */
export type Command = "check" | "solve" | "reset" | "grade" | "demo";
/** node's arguments before the command's own. */
function commandArgv(command: Command, nodeArgs: string[]): string[] {
  if (nodeArgs.length > 0) return ["--import", "tsx", ...nodeArgs, join(ROOT, `src/cli/${command}.ts`)];
  return [join(ROOT, "scripts/cli.mjs"), command];
}

/** An empty HOME, config and credentials file: the SDK finds nothing but what the environment says. */
const EMPTY_HOME = processTempDir("check-cli-home-");

export type CliRun = ProcessRun;

/** The environment of a participant's shell pointed at the lab: credentials in AWS_ACCESS_KEY_ID/... only. */
export function cliEnv(credentials: Credentials | undefined, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: EMPTY_HOME,
    AWS_CONFIG_FILE: join(EMPTY_HOME, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(EMPTY_HOME, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    CI: "true",
  };
  if (credentials) {
    env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = [], command: Command = "check"): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...commandArgv(command, nodeArgs), ...args], { cwd: ROOT, env, stdio: "pipe" });
}

/**
 * Runs the CLI to its end; a run longer than `timeoutMs` (default 240 s) is killed and fails the test. The
 * bound only stops a stuck run: on a loaded 2-core machine a check that takes 3 s idle has taken over 60 s.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv, options: { timeoutMs?: number; nodeArgs?: string[]; command?: Command } = {}): Promise<CliRun> {
  return runProcess(process.execPath, [...commandArgv(options.command ?? "check", options.nodeArgs ?? []), ...args], { env, cwd: ROOT, timeoutMs: options.timeoutMs ?? 240_000 });
}

export const JSON_KEYS = ["version", "account", "region", "apiId", "summary", "results"];
export const SUMMARY_KEYS = ["passed", "failed", "warned", "skipped", "errors", "score", "maxScore", "unjudged", "unjudgedPoints"];
export const RESULT_KEYS = ["id", "step", "status", "title", "detail", "hint", "fix", "points", "unjudged", "durationMs"];
