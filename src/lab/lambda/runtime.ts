// Function execution (test/lab/lambda-invoke.test.ts, test/lab/isolation.test.ts): Invoke and the WebSocket gateway run the function's own
// uploaded code, each execution environment in a child process of its own (environment.ts), in bwrap's
// view where bwrap works (sandbox.ts). Each function code version + configuration gets its own pool of
// environments (pool.ts). Packages are unpacked under one temp root per lab (packages.ts).
// Unlike Lambda, the lab does not freeze an idle environment: timers the function left behind keep
// running, and an error they throw ends that environment (the next invocation gets a fresh one).
import { createHash, randomBytes } from "node:crypto";
import type { AccountRegistry } from "../accounts.js";
import type { InvokeOutcome, Invoker } from "../context.js";
import type { LogSink } from "../log-sink.js";
import type { EnvironmentSpec } from "./environment.js";
import { invalidRequestContent, notImplemented } from "./errors.js";
import { resolveFunction } from "./lookup.js";
import type { FunctionConfiguration, LambdaFunction, LambdaStates } from "./model.js";
import { functionArn } from "./names.js";
import { PackageStore, projectNodeModules } from "./packages.js";
import { EnvironmentPool, IdleEnvironments } from "./pool.js";
import { detectSandbox } from "./sandbox.js";

export interface RuntimeOptions {
  store: LambdaStates;
  accounts: AccountRegistry;
  /** The lab's endpoint, known only once the server listens; the functions' SDK calls go there. */
  endpoint: () => string;
  /** Where the execution environments' logs go (CloudWatch Logs); without it they are only tailed on Invoke. */
  logs?: LogSink;
}

/** Lifetime of the execution role's credentials, issued with issueRoleSession (src/lab/accounts.ts): 12 hours (UNCONFIRMED for Lambda). */
const ROLE_SESSION_SECONDS = 43_200;
/** Lambda's default /tmp, for a function created without EphemeralStorage. */
const DEFAULT_TMP_MB = 512;

export function createFunctionRuntime(options: RuntimeOptions): Invoker {
  return new FunctionRuntime(options);
}

class FunctionRuntime implements Invoker {
  private readonly pools = new Map<string, EnvironmentPool>();
  private readonly packages = new PackageStore();
  private readonly idle = new IdleEnvironments();
  /** Chosen when the lab starts (sandbox.ts). */
  private readonly sandbox = detectSandbox();
  /** A function deleted and created again under its name is a new function: its environments start fresh. */
  private readonly incarnations = new WeakMap<LambdaFunction, number>();
  private nextIncarnation = 0;
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
    await this.packages.close();
  }

  /** The pool of this code version + configuration; an older one of the same function is retired. */
  private poolFor(account: string, region: string, fn: LambdaFunction): EnvironmentPool {
    const key = `${account}/${region}/${fn.configuration.FunctionName}`;
    if (!this.incarnations.has(fn)) this.incarnations.set(fn, this.nextIncarnation++);
    const generation = `${this.incarnations.get(fn)}:${generationOf(fn.configuration)}`;
    const existing = this.pools.get(key);
    if (existing?.generation === generation) return existing;
    void existing?.retire();
    const packageKey = `${account}-${region}-${fn.configuration.FunctionName}-${createHash("sha256").update(fn.zip).digest("hex").slice(0, 16)}`;
    const pool = new EnvironmentPool(
      generation,
      this.idle,
      () => this.specFor(account, region, fn.configuration, packageKey, fn.zip),
      async (spec) => this.withLogStream(account, region, { ...spec, codeDir: await this.packages.checkout(packageKey, fn.zip) }),
    );
    this.pools.set(key, pool);
    return pool;
  }

  private async specFor(account: string, region: string, configuration: FunctionConfiguration, packageKey: string, zip: Buffer): Promise<EnvironmentSpec> {
    const [sandbox, codeDir] = await Promise.all([this.sandbox, this.packages.checkout(packageKey, zip)]);
    return {
      codeDir,
      handler: configuration.Handler ?? "",
      functionName: configuration.FunctionName,
      memorySize: configuration.MemorySize,
      timeoutSeconds: configuration.Timeout,
      ephemeralStorageMb: configuration.EphemeralStorage?.Size ?? DEFAULT_TMP_MB,
      env: this.environmentOf(account, region, configuration, sandbox.taskRoot(codeDir)),
      sandbox,
      nodeModules: projectNodeModules(),
    };
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

