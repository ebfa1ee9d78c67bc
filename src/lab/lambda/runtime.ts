// Function execution (issue 2, part 3): Invoke and the WebSocket gateway run the function's own uploaded
// code. Each function code version + configuration gets its own pool of execution environments (worker
// threads), reused across invocations, so code is loaded once per environment as on Lambda; a second
// environment starts only while the first is busy. Packages are unpacked under one temp root per lab.
// Unlike Lambda, the lab does not freeze an idle environment: timers the function left behind keep
// running, and an error they throw ends that environment (the next invocation gets a fresh one).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import type { AccountRegistry } from "../accounts.js";
import type { InvokeOutcome, Invoker, LogSink } from "../context.js";
import type { LabStore } from "../store.js";
import { extractPackage } from "./code.js";
import { ExecutionEnvironment, type EnvironmentSpec } from "./environment.js";
import { invalidRequestContent, notImplemented } from "./errors.js";
import { resolveFunction } from "./lookup.js";
import type { FunctionConfiguration, LambdaFunction } from "./model.js";
import { functionArn } from "./names.js";

export interface RuntimeOptions {
  store: LabStore;
  accounts: AccountRegistry;
  /** The lab's endpoint, known only once the server listens; the functions' SDK calls go there. */
  endpoint: () => string;
  /** Where the execution environments' logs go (CloudWatch Logs); without it they are only tailed on Invoke. */
  logs?: LogSink;
}

/** How many environments one function version may run at once in the lab; more invocations wait. */
const MAX_ENVIRONMENTS = 10;
/** Lambda keeps idle environments for a while; the lab ends one after 5 idle minutes. */
const IDLE_MS = 5 * 60_000;
/** Temporary credentials of the execution role last 12 hours on Lambda (issue 2: issueRoleSession 43200). */
const ROLE_SESSION_SECONDS = 43_200;

/** Temp roots still on disk: a process that ends without closing its lab still removes them. */
const liveRoots = new Set<string>();
process.once("exit", () => {
  for (const root of liveRoots) rmSync(root, { recursive: true, force: true });
});

export function createFunctionRuntime(options: RuntimeOptions): Invoker {
  return new FunctionRuntime(options);
}

class FunctionRuntime implements Invoker {
  private readonly pools = new Map<string, EnvironmentPool>();
  private readonly packages = new Map<string, Promise<string>>();
  /** A function deleted and created again under its name is a new function: its environments start fresh. */
  private readonly incarnations = new WeakMap<LambdaFunction, number>();
  private nextIncarnation = 0;
  private root?: Promise<string>;
  private closed = false;

  constructor(private readonly options: RuntimeOptions) {}

  async invoke(account: string, region: string, functionName: string, payload: Buffer, qualifier?: string): Promise<InvokeOutcome> {
    if (this.closed) throw new Error("the lab's function runtime is closed");
    const { fn } = resolveFunction(this.options.store, account, region, functionName, qualifier);
    const runtime = fn.configuration.Runtime ?? "";
    if (!runtime.startsWith("nodejs")) throw notImplemented(`Running ${runtime || "image"} functions (the lab runs Node.js functions only)`);
    const event = parseEvent(payload);
    const pool = this.poolFor(account, region, fn);
    return pool.invoke(event, functionArn(account, region, fn.configuration.FunctionName));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
    if (!this.root) return;
    const root = await this.root;
    await rm(root, { recursive: true, force: true });
    liveRoots.delete(root);
  }

  /** The pool of this code version + configuration; an older one of the same function is retired. */
  private poolFor(account: string, region: string, fn: LambdaFunction): EnvironmentPool {
    const key = `${account}/${region}/${fn.configuration.FunctionName}`;
    if (!this.incarnations.has(fn)) this.incarnations.set(fn, this.nextIncarnation++);
    const generation = `${this.incarnations.get(fn)}:${generationOf(fn.configuration)}`;
    const existing = this.pools.get(key);
    if (existing?.generation === generation) return existing;
    void existing?.retire();
    const pool = new EnvironmentPool(
      generation,
      () => this.specFor(account, region, fn.configuration, fn.zip),
      (spec) => this.withLogStream(account, region, spec),
    );
    this.pools.set(key, pool);
    return pool;
  }

  private async specFor(account: string, region: string, configuration: FunctionConfiguration, zip: Buffer): Promise<EnvironmentSpec> {
    const taskRoot = await this.unpack(account, region, configuration, zip);
    return {
      taskRoot,
      handler: configuration.Handler ?? "",
      functionName: configuration.FunctionName,
      memorySize: configuration.MemorySize,
      timeoutSeconds: configuration.Timeout,
      env: this.environmentOf(account, region, configuration, taskRoot),
    };
  }

  /** Each package is unpacked once, in a directory of its own that running environments keep using. */
  private unpack(account: string, region: string, configuration: FunctionConfiguration, zip: Buffer): Promise<string> {
    const digest = createHash("sha256").update(zip).digest("hex").slice(0, 16);
    const key = `${account}-${region}-${configuration.FunctionName}-${digest}`;
    let unpacked = this.packages.get(key);
    if (!unpacked) {
      unpacked = this.tempRoot().then(async (root) => {
        const dir = join(root, "functions", key);
        await extractPackage(zip, dir);
        return dir;
      });
      this.packages.set(key, unpacked);
    }
    return unpacked;
  }

  /**
   * The temp root holds a node_modules link to the project's own, so the function's `import
   * "@aws-sdk/client-dynamodb"` resolves by walking up from its file, as the SDK resolves on Lambda's
   * nodejs20.x runtime. Its package.json declares no "type", so a .js file without a package.json of
   * its own is CommonJS whatever lies above os.tmpdir() (Lambda's /var/task has nothing above it).
   */
  private tempRoot(): Promise<string> {
    this.root ??= (async () => {
      const root = await mkdtemp(join(tmpdir(), "awsomepets-lab-"));
      liveRoots.add(root);
      await writeFile(join(root, "package.json"), '{"private": true}\n');
      await symlink(projectNodeModules(), join(root, "node_modules"), "dir");
      return root;
    })();
    return this.root;
  }

  /**
   * Each execution environment writes to a log stream of its own in /aws/lambda/<FunctionName>, created
   * on the first invocation, and named YYYY/MM/DD/[<version>]<environment GUID> after the day it started
   * [Lambda operator guide, "How CloudWatch structures logs",
   * https://docs.aws.amazon.com/lambda/latest/operatorguide/log-structure.html; Lambda guide, "Configuring
   * CloudWatch log groups", https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html].
   * The GUID as 32 hex digits is what AWS_LAMBDA_LOG_STREAM_NAME shows in public transcripts (UNCONFIRMED).
   */
  private withLogStream(account: string, region: string, spec: EnvironmentSpec): EnvironmentSpec {
    const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
    const stream = `${day}/[$LATEST]${randomBytes(16).toString("hex")}`;
    const group = spec.env.AWS_LAMBDA_LOG_GROUP_NAME ?? `/aws/lambda/${spec.functionName}`;
    const sink = this.options.logs;
    return {
      ...spec,
      env: { ...spec.env, AWS_LAMBDA_LOG_STREAM_NAME: stream },
      writeLog: sink && ((events) => sink.append(account, region, group, stream, events)),
    };
  }

  /** The variables Lambda sets [Lambda guide, "Defined runtime environment variables"], over the function's own. */
  private environmentOf(account: string, region: string, configuration: FunctionConfiguration, taskRoot: string): Record<string, string> {
    const name = configuration.FunctionName;
    const roleName = configuration.Role.split("/").pop() ?? configuration.Role;
    const credentials = this.options.accounts.issueRoleSession(account, roleName, name, ROLE_SESSION_SECONDS);
    return {
      ...(configuration.Environment?.Variables ?? {}),
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      LANG: "en_US.UTF-8",
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_LAMBDA_FUNCTION_NAME: name,
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(configuration.MemorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
      // AWS_LAMBDA_LOG_STREAM_NAME is each environment's own (withLogStream).
      AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
      AWS_EXECUTION_ENV: `AWS_Lambda_${configuration.Runtime}`,
      LAMBDA_TASK_ROOT: taskRoot,
      _HANDLER: configuration.Handler ?? "",
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      // Not Lambda's: the function's SDK calls come back to the lab, and the SDK stays quiet on Node 20.
      AWS_ENDPOINT_URL: this.options.endpoint(),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
  }
}

/** Environments of one code version + configuration of one function. */
class EnvironmentPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly waiting: { resolve: (environment: ExecutionEnvironment) => void; reject: (error: Error) => void }[] = [];
  private readonly idleTimers = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  private spec?: Promise<EnvironmentSpec>;
  private retired = false;

  constructor(
    readonly generation: string,
    private readonly prepare: () => Promise<EnvironmentSpec>,
    /** The spec of one new environment: its own log stream. */
    private readonly instantiate: (spec: EnvironmentSpec) => EnvironmentSpec,
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
    const spec = await (this.spec ??= this.prepare());
    for (let ready = this.idle.pop(); ready; ready = this.idle.pop()) {
      if (ready.usable) {
        clearTimeout(this.idleTimers.get(ready));
        this.idleTimers.delete(ready);
        return ready;
      }
      void this.end(ready);
    }
    if (this.all.size < MAX_ENVIRONMENTS) return this.start(spec);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private start(spec: EnvironmentSpec): ExecutionEnvironment {
    const environment = new ExecutionEnvironment(this.instantiate(spec));
    this.all.add(environment);
    return environment;
  }

  private release(environment: ExecutionEnvironment): void {
    const next = this.waiting.shift();
    if (!environment.usable || this.retired) {
      void this.end(environment);
      if (next) void this.spec!.then((spec) => next.resolve(this.start(spec)));
      return;
    }
    if (next) return next.resolve(environment);
    this.idle.push(environment);
    const timer = setTimeout(() => {
      this.idle.splice(this.idle.indexOf(environment), 1);
      void this.end(environment);
    }, IDLE_MS);
    timer.unref();
    this.idleTimers.set(environment, timer);
  }

  private async end(environment: ExecutionEnvironment): Promise<void> {
    clearTimeout(this.idleTimers.get(environment));
    this.idleTimers.delete(environment);
    this.all.delete(environment);
    await environment.terminate();
  }
}

/** What makes an environment stale: new code or a new configuration (not a new policy). */
function generationOf(configuration: FunctionConfiguration): string {
  const { CodeSha256, Runtime, Handler, Timeout, MemorySize, Environment, Role } = configuration;
  return JSON.stringify([CodeSha256, Runtime, Handler, Timeout, MemorySize, Environment?.Variables ?? {}, Role]);
}

/** Invoke's payload must be JSON; an empty one is the event {} (UNCONFIRMED: what AWS passes for no payload). */
export function parseEvent(payload: Buffer): string {
  if (payload.length === 0) return "{}";
  const text = payload.toString("utf8");
  try {
    JSON.parse(text);
  } catch (error) {
    throw invalidRequestContent(`Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`);
  }
  return text;
}

/** The project's node_modules, found from an SDK package it depends on. */
function projectNodeModules(): string {
  const resolved = createRequire(import.meta.url).resolve("@aws-sdk/client-sts");
  const marker = `${sep}node_modules${sep}`;
  return resolved.slice(0, resolved.indexOf(marker) + marker.length - 1);
}
