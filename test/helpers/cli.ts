// Runs the real `check` CLI as a child process (node --import tsx src/cli/check.ts), with an environment
// of its own: only what the test gives, so the host's AWS profile, locale or CI settings never leak in.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Credentials } from "../../src/aws/clients.js";
import { runProcess, type ProcessRun } from "./process.js";
export { mapLimit } from "../../src/grade/run.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The command a test runs: `check` unless it says otherwise. */
export type Command = "check" | "solve" | "reset" | "grade";
const cliOf = (command: Command) => join(ROOT, `src/cli/${command}.ts`);

/** An empty HOME, config and credentials file: the SDK finds nothing but what the environment says. */
const EMPTY_HOME = mkdtempSync(join(tmpdir(), "check-cli-home-"));

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
  return spawn(process.execPath, ["--import", "tsx", ...nodeArgs, cliOf(command), ...args], { cwd: ROOT, env, stdio: "pipe" });
}

/** Runs the CLI to its end; a run longer than `timeoutMs` is killed and fails the test. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, options: { timeoutMs?: number; nodeArgs?: string[]; command?: Command } = {}): Promise<CliRun> {
  const script = cliOf(options.command ?? "check");
  return runProcess(process.execPath, ["--import", "tsx", ...(options.nodeArgs ?? []), script, ...args], { env, cwd: ROOT, timeoutMs: options.timeoutMs ?? 60_000 });
}

export const JSON_KEYS = ["version", "account", "region", "apiId", "summary", "results"];
export const SUMMARY_KEYS = ["passed", "failed", "warned", "skipped", "errors", "score", "maxScore", "unjudged", "unjudgedPoints"];
export const RESULT_KEYS = ["id", "step", "status", "title", "detail", "hint", "fix", "points", "unjudged", "durationMs"];
