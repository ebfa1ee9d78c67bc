// Runs a command to its end as a child process and keeps what it printed: the one way the tests run the
// project's CLI and the AWS CLI. A run longer than its bound is killed and rejects, so a hang fails the test.
// A command that runs until Ctrl-C (`npm run lab`) is started with startLongRunning and read while it runs.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

export interface ProcessRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface ProcessOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs: number;
}

export function runProcess(command: string, args: string[], options: ProcessOptions): Promise<ProcessRun> {
  const started = Date.now();
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} did not finish within ${options.timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A command that runs until it is stopped, read while it runs. */
export interface Running {
  stdout(): string;
  stderr(): string;
  /** Waits (bounded, generously) until stdout (or stderr) holds `text`; fails at once if the command ends first. */
  waitFor(text: string, stream?: "stdout" | "stderr"): Promise<void>;
  /** Ctrl-C (SIGINT to this child's pid); SIGKILL only if it has not stopped within the bound. */
  interrupt(): Promise<number | null>;
}

export interface LongRunningOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Only stops a stuck command (waiting for a text, or for the exit after Ctrl-C): a busy machine is slow. */
  boundMs: number;
}

export function startLongRunning(argv: string[], options: LongRunningOptions): Running {
  const [command, ...args] = argv;
  const child: ChildProcessWithoutNullStreams = spawn(command!, args, { cwd: options.cwd, env: options.env, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const told = () => `\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    async waitFor(text, stream = "stdout") {
      const deadline = Date.now() + options.boundMs;
      while (!(stream === "stdout" ? stdout : stderr).includes(text)) {
        if (child.exitCode !== null) throw new Error(`${argv.join(" ")} exited (${child.exitCode}) before printing "${text}"${told()}`);
        if (Date.now() > deadline) throw new Error(`${argv.join(" ")} printed no "${text}" within ${options.boundMs} ms${told()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async interrupt() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), options.boundMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
