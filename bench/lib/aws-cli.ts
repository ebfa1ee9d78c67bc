// Runs the real AWS CLI v2 as a child process against the lab, as a participant's shell would.
//
// Which CLI: $AWS_CLI if set, then /usr/bin/aws (Debian's package awscli is CLI v2), then `aws` on PATH;
// the first whose `aws --version` starts with "aws-cli/2". A v1 CLI (pip's `awscli`) has no `aws logs
// tail`, so it does not count. No v2 CLI: the test fails, saying how to install one (never a silent skip).
//
// Its environment is the test's only: an empty temporary HOME, AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE pointing to empty files, the lab's credentials in AWS_ACCESS_KEY_ID /
// AWS_SECRET_ACCESS_KEY, no pager, no prompts, and nothing beyond 127.0.0.1: instance metadata is off and
// every other host goes through a proxy address where nothing listens (NO_PROXY lets 127.0.0.1 through).
// Debian's CLI 2.9.19 ignores AWS_ENDPOINT_URL, so callers pass --endpoint-url (awsCliAt does).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_KEY } from "../../src/lab/accounts.js";
import type { Credentials } from "../../src/aws/clients.js";
import { runProcess, type ProcessRun } from "./process.js";
import { processTempDir } from "./temp.js";

export type AwsCliRun = ProcessRun;

export interface AwsCliOptions {
  /** Default: the lab's default key (account 111122223333). */
  credentials?: Credentials;
  /** Added to (or, when undefined, removed from) the CLI's environment. */
  env?: Record<string, string | undefined>;
  /** The CLI is killed (by its own pid) after this long, and the test fails. Generous: a busy machine is slow. */
  timeoutMs?: number;
}

const INSTALL_HINT = "no AWS CLI v2 found: install Debian's package with `apt-get install -y awscli` (as root, after `apt-get update`), or point AWS_CLI at a v2 `aws`";

/** An empty HOME with empty config and credentials files, made once per test process. */
const EMPTY = (() => {
  const home = processTempDir("aws-cli-home-");
  const config = join(home, "config");
  const credentials = join(home, "credentials");
  writeFileSync(config, "");
  writeFileSync(credentials, "");
  return { home, config, credentials };
})();

export interface AwsCli {
  path: string;
  /** "aws-cli/2.9.19" */
  version: string;
}

const finding = new Map<1 | 2, Promise<AwsCli>>();

/** The v2 CLI to run; rejects (failing the test) with the install hint when there is none. */
export function findAwsCliV2(): Promise<AwsCli> {
  return findAwsCli(2);
}

const INSTALL_HINTS: Record<1 | 2, string> = {
  2: INSTALL_HINT,
  1: "no AWS CLI v1 found: this machine's image has pip's awscli 1.x (`pip install awscli`), or point AWS_CLI_V1 at a v1 `aws`",
};

/**
 * A CLI of that major version: v2 from $AWS_CLI, /usr/bin/aws (Debian's awscli) or PATH; v1 from
 * $AWS_CLI_V1 or PATH (pip's awscli). Rejects, failing the test, with how to install one.
 */
export function findAwsCli(major: 1 | 2): Promise<AwsCli> {
  let found = finding.get(major);
  if (found) return found;
  found = (async () => {
    const preferred = major === 2 ? [process.env.AWS_CLI, "/usr/bin/aws"] : [process.env.AWS_CLI_V1];
    const candidates = [...preferred, "aws"].filter((candidate): candidate is string => Boolean(candidate));
    const tried: string[] = [];
    for (const candidate of candidates) {
      // Asynchronously: the lab under test runs in this process and must keep serving meanwhile.
      const result = await run(candidate, ["--version"], { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: EMPTY.home }, 120_000).catch((error: Error) => error);
      if (result instanceof Error) {
        tried.push(`${candidate}: ${result.message}`);
        continue;
      }
      // `aws --version` prints on stdout in v2 and on stderr in old v1 releases.
      const version = `${result.stdout}${result.stderr}`.trim();
      tried.push(`${candidate}: ${version.split("\n")[0] || `exit ${result.code}`}`);
      if (result.code === 0 && version.startsWith(`aws-cli/${major}.`)) return { path: await resolvedPath(candidate), version: version.split(" ")[0]! };
    }
    throw new Error(`${INSTALL_HINTS[major]}\ntried:\n  ${tried.join("\n  ")}`);
  })();
  finding.set(major, found);
  return found;
}

/**
 * A bare `aws` as the full path PATH gives it, so it can be linked elsewhere. A pyenv shim (pip's CLI v1 on
 * this machine's image) becomes the CLI it runs, as `pyenv which` names it: the shim starts bash and
 * `pyenv exec` before Python on every call, ~0.3 s of CPU each, which a participant's `aws` does not cost.
 */
async function resolvedPath(candidate: string): Promise<string> {
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: EMPTY.home };
  let path = candidate;
  if (!candidate.includes("/")) {
    const which = await runProcess("/bin/sh", ["-c", `command -v ${candidate}`], { env, timeoutMs: 60_000 });
    path = which.stdout.trim() || candidate;
  }
  const shim = /^(.*)\/shims\/([^/]+)$/.exec(path);
  if (!shim) return path;
  const pyenv = await runProcess(`${shim[1]}/libexec/pyenv`, ["which", shim[2]!], { env: { ...env, PYENV_ROOT: shim[1] }, timeoutMs: 60_000 }).catch(() => undefined);
  const real = pyenv?.code === 0 ? pyenv.stdout.trim() : "";
  return real.startsWith("/") ? real : path;
}

export function awsCliEnv(options: AwsCliOptions = {}): NodeJS.ProcessEnv {
  const credentials = options.credentials ?? { accessKeyId: DEFAULT_KEY.accessKeyId, secretAccessKey: DEFAULT_KEY.secretAccessKey };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: EMPTY.home,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    AWS_CONFIG_FILE: EMPTY.config,
    AWS_SHARED_CREDENTIALS_FILE: EMPTY.credentials,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_PAGER: "",
    AWS_CLI_AUTO_PROMPT: "off",
    AWS_DEFAULT_OUTPUT: "json",
    AWS_EC2_METADATA_DISABLED: "true",
    // Anything not on 127.0.0.1 goes to a proxy at 127.0.0.1:9, where nothing listens: it fails at once.
    HTTP_PROXY: "http://127.0.0.1:9",
    HTTPS_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "127.0.0.1,localhost",
  };
  if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs `aws <args>` to its end. */
export async function runAwsCli(args: string[], options: AwsCliOptions = {}): Promise<AwsCliRun> {
  const cli = await findAwsCliV2();
  return run(cli.path, args, awsCliEnv(options), options.timeoutMs ?? 180_000);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<AwsCliRun> {
  return runProcess(command, args, { env, timeoutMs });
}

/** `aws <args> --endpoint-url <endpoint> --region <region>`: the lab's endpoint always given explicitly. */
export function awsCliAt(endpoint: string, region: string, args: string[], options: AwsCliOptions = {}): Promise<AwsCliRun> {
  return runAwsCli([...args, "--endpoint-url", endpoint, "--region", region], options);
}

/** A run's output for an assertion message. */
export function describeRun(run: AwsCliRun): string {
  return `exit ${run.code}${run.signal ? ` (${run.signal})` : ""} after ${run.ms} ms\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}
