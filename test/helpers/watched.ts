// A child process's output so far, and a bounded wait until it says something: the way tests follow a
// long-running command (check --watch, grade --watch, the lab) without sleeping.
import type { ChildProcessWithoutNullStreams } from "node:child_process";

/** The child's output so far, and a way to wait (bounded) until it says something. */
export class Watched {
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (this.stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Resolves when `ready(stdout, stderr)` holds; rejects after `timeoutMs` or when the child exits first. */
  until(ready: (stdout: string, stderr: string) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (ready(this.stdout, this.stderr)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.child.stdout.off("data", check);
        this.child.stderr.off("data", check);
        this.child.off("exit", exited);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (ready(this.stdout, this.stderr)) done();
      };
      const exited = () => done(new Error(`the CLI exited before ${what}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
      const timer = setTimeout(() => done(new Error(`no ${what} within ${timeoutMs} ms\nstdout: ${this.stdout}\nstderr: ${this.stderr}`)), timeoutMs);
      // Registered after the collectors above, so the text already holds the chunk.
      this.child.stdout.on("data", check);
      this.child.stderr.on("data", check);
      this.child.once("exit", exited);
    });
  }

  /** The exit, or a rejection naming what was printed when the child has not exited within `timeoutMs`. */
  exitWithin(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no exit within ${timeoutMs} ms\nstdout: ${this.stdout}\nstderr: ${this.stderr}`)), timeoutMs);
    });
    return Promise.race([this.exited, late]).finally(() => clearTimeout(timer));
  }
}
