// The execution environments of one function code version + configuration, reused across invocations so
// code is loaded once per environment, as on Lambda; a second environment starts only while the first is
// busy. Idle environments end after 5 minutes, and, since each is a process of its own, the oldest idle one
// of the whole lab ends once more than MAX_IDLE wait (a class graded with the live probe starts hundreds).
import { randomUUID } from "node:crypto";
import type { InvokeOutcome } from "../context.js";
import { ExecutionEnvironment, type EnvironmentSpec } from "./environment.js";

/** How many environments one function version may run at once in the lab; more invocations wait. */
const MAX_ENVIRONMENTS = 10;
/** Lambda keeps idle environments for a while; the lab ends one after 5 idle minutes. */
const IDLE_MS = 5 * 60_000;
/** Idle environments of all functions together (each holds a node process, some 40 MB). */
const MAX_IDLE = 32;

/** The idle environments of every pool, oldest first. */
export class IdleEnvironments {
  private readonly ends = new Map<ExecutionEnvironment, () => void>();

  add(environment: ExecutionEnvironment, end: () => void): void {
    this.ends.set(environment, end);
    for (const [oldest, endOldest] of this.ends) {
      if (this.ends.size <= MAX_IDLE) break;
      this.ends.delete(oldest);
      endOldest();
    }
  }

  remove(environment: ExecutionEnvironment): void {
    this.ends.delete(environment);
  }
}

export class EnvironmentPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly waiting: { resolve: (environment: ExecutionEnvironment) => void; reject: (error: Error) => void }[] = [];
  private readonly idleTimers = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  private spec?: Promise<EnvironmentSpec>;
  private starting = 0;
  private retired = false;

  constructor(
    readonly generation: string,
    private readonly lab: IdleEnvironments,
    private readonly prepare: () => Promise<EnvironmentSpec>,
    /** The spec of one new environment: its code checked, its own log stream. */
    private readonly instantiate: (spec: EnvironmentSpec) => Promise<EnvironmentSpec>,
  ) {}

  async invoke(event: string, invokedFunctionArn: string): Promise<InvokeOutcome> {
    const environment = await this.acquire();
    try {
      return await environment.invoke(event, randomUUID(), invokedFunctionArn);
    } finally {
      this.release(environment);
    }
  }

  /** Ends the idle environments now and the busy ones when their invocation ends. */
  async retire(): Promise<void> {
    this.retired = true;
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((environment) => this.end(environment)));
  }

  /** Ends every environment, busy or not (the lab is closing). */
  async close(): Promise<void> {
    this.retired = true;
    this.idle.splice(0);
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error("the lab's function runtime is closed"));
    await Promise.all([...this.all].map((environment) => this.end(environment)));
  }

  private async acquire(): Promise<ExecutionEnvironment> {
    for (let ready = this.idle.pop(); ready; ready = this.idle.pop()) {
      this.forgetIdle(ready);
      if (ready.usable) return ready;
      void this.end(ready);
    }
    if (this.all.size + this.starting < MAX_ENVIRONMENTS) return this.start();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private async start(): Promise<ExecutionEnvironment> {
    this.starting += 1;
    try {
      const spec = await this.instantiate(await (this.spec ??= this.prepare()));
      const environment = new ExecutionEnvironment(spec);
      this.all.add(environment);
      return environment;
    } finally {
      this.starting -= 1;
    }
  }

  private release(environment: ExecutionEnvironment): void {
    const next = this.waiting.shift();
    if (!environment.usable || this.retired) {
      void this.end(environment);
      if (next) this.start().then(next.resolve, next.reject);
      return;
    }
    if (next) return next.resolve(environment);
    this.idle.push(environment);
    const timer = setTimeout(() => this.endIdle(environment), IDLE_MS);
    timer.unref();
    this.idleTimers.set(environment, timer);
    this.lab.add(environment, () => this.endIdle(environment));
  }

  private endIdle(environment: ExecutionEnvironment): void {
    const at = this.idle.indexOf(environment);
    if (at >= 0) this.idle.splice(at, 1);
    void this.end(environment);
  }

  private forgetIdle(environment: ExecutionEnvironment): void {
    clearTimeout(this.idleTimers.get(environment));
    this.idleTimers.delete(environment);
    this.lab.remove(environment);
  }

  private async end(environment: ExecutionEnvironment): Promise<void> {
    this.forgetIdle(environment);
    this.all.delete(environment);
    await environment.terminate();
  }
}
