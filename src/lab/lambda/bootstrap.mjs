// The lab's stand-in for Lambda's Node.js runtime (nodejs20.x runs aws-lambda-nodejs-runtime-interface-client,
// "RIC"): it is the main module of one child process, which is one execution environment. It loads the
// handler once, then runs one invocation at a time for the lab, over the process's IPC channel
// (src/lab/lambda/environment.ts). Inside bwrap it sits where RIC does on Lambda, /var/runtime/index.mjs.
//
// Plain JavaScript on purpose: the function's code must load under plain Node.js module rules, not under
// the TypeScript loader the lab itself runs with, so this file needs no loader either.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import util from "node:util";

const require = createRequire(import.meta.url);
const BOOTSTRAP = fileURLToPath(import.meta.url);
/** Where RIC lives on Lambda; error texts name it, so the lab's do too. */
const AWS_RUNTIME_PATH = "/var/runtime/index.mjs";

// Lambda's runtime reads both from its environment too [Lambda guide, "Defined runtime environment variables"].
const taskRoot = process.env.LAMBDA_TASK_ROOT;
const handlerString = process.env._HANDLER;

/** To the lab; once the lab is gone (its channel closed) nothing is left to tell. */
function send(message) {
  if (process.connected) process.send(message);
}

// The lab ended (or closed the channel): the environment ends with it.
process.on("disconnect", () => process.exit(0));

/** RIC's error classes are named "Runtime.<Kind>" (RIC src/Errors.js). */
function runtimeError(kind, message) {
  class RuntimeError extends Error {}
  RuntimeError.prototype.name = `Runtime.${kind}`;
  return new RuntimeError(message);
}

/** The payload of a function error, as RIC's toRapidResponse builds it. */
function errorPayload(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split("\n") };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: "handled",
      errorMessage: "callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack",
    };
  }
}

function isErrorLike(value) {
  return Boolean(value) && typeof value.name === "string" && typeof value.message === "string" && typeof value.stack === "string";
}

// ---- logging: console goes to the invocation's log, formatted as RIC's text format does ----

let requestId;

function patchConsole() {
  const levels = { trace: "TRACE", debug: "DEBUG", info: "INFO", log: "INFO", warn: "WARN", error: "ERROR", fatal: "FATAL" };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (message, ...params) => writeLog(level, util.format(message, ...params));
  }
}

function writeLog(level, text) {
  // RIC writes one line per call, newlines turned into carriage returns.
  const line = `${new Date().toISOString()}\t${requestId}\t${level}\t${text}`.replace(/\n/g, "\r");
  send({ type: "log", text: `${line}\n` });
}

/** RIC's error lines ("Invoke Error", "Uncaught Exception", ...): the error as JSON, its stack as a list. */
function logError(label, error) {
  const formatted = util.types.isNativeError(error) || isErrorLike(error)
    ? { errorType: error.name, errorMessage: error.message, code: error.code, ...error, stack: String(error.stack).split("\n") }
    : error;
  let json;
  try {
    json = JSON.stringify(formatted);
  } catch {
    json = JSON.stringify(errorPayload(error));
  }
  console.error(label, `\t${json}`);
}

// ---- loading the handler, as RIC's UserFunction.load does ----

function hasTypeModule(folder) {
  if (folder.endsWith(`${path.sep}node_modules`)) return false;
  const manifest = path.join(folder, "package.json");
  if (existsSync(manifest)) {
    try {
      return JSON.parse(readFileSync(manifest, "utf8"))?.type === "module";
    } catch {
      return false;
    }
  }
  const parent = path.resolve(folder, "..");
  return parent === folder ? false : hasTypeModule(parent);
}

function tryRequire(file) {
  return existsSync(file) ? require(file) : undefined;
}

async function tryImport(file) {
  return existsSync(file) ? import(pathToFileURL(file).href) : undefined;
}

/** RIC's order: extensionless, .js as CommonJS unless "type": "module", then .js as ESM, .mjs, .cjs. */
async function loadModule(appRoot, moduleRoot, moduleName) {
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  const loaded = tryRequire(base);
  if (loaded) return loaded;
  const esm = hasTypeModule(path.dirname(base));
  if (!esm) {
    const cjs = tryRequire(`${base}.js`);
    if (cjs) return cjs;
  }
  const found = (esm && (await tryImport(`${base}.js`))) || (await tryImport(`${base}.mjs`)) || tryRequire(`${base}.cjs`);
  if (found) return found;
  return require(require.resolve(moduleName, { paths: [appRoot, moduleRoot] }));
}

async function loadHandler(appRoot, fullHandler) {
  if (fullHandler.includes("..")) {
    throw runtimeError("MalformedHandlerName", `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const moduleAndHandler = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(moduleAndHandler));
  const match = /^([^.]*)\.(.*)$/.exec(moduleAndHandler);
  if (!match) throw runtimeError("MalformedHandlerName", "Bad handler");
  const [, moduleName, handlerPath] = match;
  let userApp;
  try {
    userApp = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw runtimeError("UserCodeSyntaxError", String(error));
    // The require stack names the runtime's own file, which is /var/runtime/index.mjs on Lambda.
    if (error?.code === "MODULE_NOT_FOUND") throw runtimeError("ImportModuleError", String(error).replaceAll(BOOTSTRAP, AWS_RUNTIME_PATH));
    throw error;
  }
  const handler = handlerPath.split(".").reduce((nested, key) => nested && nested[key], userApp);
  if (!handler) throw runtimeError("HandlerNotFound", `${fullHandler} is undefined or not exported`);
  if (typeof handler !== "function") throw runtimeError("HandlerNotFound", `${fullHandler} is not a function`);
  return handler;
}

// ---- invocations, as RIC's Runtime and CallbackContext run them ----

/** What the end of the event loop does for the current invocation (RIC's BeforeExitListener). */
let onEmptyEventLoop;

process.on("beforeExit", () => {
  const listener = onEmptyEventLoop;
  onEmptyEventLoop = undefined;
  if (listener) setImmediate(listener);
});

// RIC reports an uncaught exception or unhandled rejection as the invocation's (or the init's) error;
// the lab then ends this environment, as Lambda does after RIC exits.
process.on("uncaughtException", (error) => {
  logError("Uncaught Exception", error);
  send({ type: "crash", error: errorPayload(error) });
});
process.on("unhandledRejection", (reason) => {
  const error = runtimeError("UnhandledPromiseRejection", String(reason));
  logError("Unhandled Promise Rejection", error);
  send({ type: "crash", error: errorPayload(error) });
});

function invoke(userHandler, message) {
  requestId = message.id;
  let reported = false;
  let waitForEmptyEventLoop = true;
  const report = (outcome) => {
    if (reported) return;
    reported = true;
    onEmptyEventLoop = undefined;
    process.channel?.ref();
    send({ type: "done", id: message.id, rss: process.memoryUsage.rss(), ...outcome });
  };
  const fail = (error) => {
    logError("Invoke Error", error);
    report({ error: errorPayload(error) });
  };
  const succeed = (result) => {
    let payload;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch {
      return fail(new Error("Unable to stringify response body"));
    }
    report({ payload });
  };
  // Only the first of callback/succeed/fail/done counts (RIC _wrappedCallbackContext).
  let settled = false;
  const once = (fn) => (...args) => {
    if (settled) return;
    settled = true;
    fn(...args);
  };
  const done = once((error, result) => (error !== undefined && error !== null ? fail(error) : succeed(result)));
  const callback = once((error, result) => {
    if (error !== undefined && error !== null) return fail(error);
    if (!waitForEmptyEventLoop) return succeed(result);
    onEmptyEventLoop = () => succeed(result);
  });
  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
    succeed: (result) => done(null, result),
    fail: (error) => done(error === undefined || error === null ? "handled" : error, null),
    done,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.id,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: undefined,
    clientContext: undefined,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
  // A handler that neither returns nor calls back ends when the event loop empties: an async one with
  // Runtime.NodeJsExit, any other with a null result (RIC Runtime._setDefaultExitListener).
  const isAsync = userHandler.constructor?.name === "AsyncFunction";
  onEmptyEventLoop = once(() =>
    isAsync ? fail(runtimeError("NodeJsExit", "Runtime exited without providing a reason")) : succeed(null),
  );
  // Unreferenced, the channel no longer keeps the loop alive, so "beforeExit" tells when the loop is empty.
  process.channel?.unref();
  try {
    const result = userHandler(JSON.parse(message.event), context, callback);
    if (result && typeof result.then === "function") result.then((value) => done(null, value), (error) => done(error ?? "handled"));
  } catch (error) {
    callback(error);
  }
}

patchConsole();
const initStarted = performance.now();
let userHandler;
try {
  userHandler = await loadHandler(taskRoot, handlerString);
  send({ type: "init", ok: true, ms: performance.now() - initStarted });
} catch (error) {
  logError("Uncaught Exception", error);
  send({ type: "init", ok: false, error: errorPayload(error) });
}
if (userHandler) process.on("message", (message) => invoke(userHandler, message));
