// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json

import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type CreateFunctionCommandInput,
  type InvokeCommandInput,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { rejects } from "../helpers/apigw.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { LAMBDA_ROLE, zipOf } from "../../bench/lib/lambda-zip.js";
import { eventually } from "../helpers/seeded.js";
import { printingErrors } from "../helpers/hooks.js";

const run = suite<{ t: TestLab }>("lab: Lambda executes the function's own uploaded code (Invoke in botocore's lambda model)");

run.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
}));
run.after(async (ctx) => {
  await ctx.t.close();
});

async function deploy(client: LambdaClient, name: string, files: Record<string, string>, extra: Partial<CreateFunctionCommandInput> = {}): Promise<void> {
  await client.send(
    new CreateFunctionCommand({ FunctionName: name, Role: LAMBDA_ROLE, Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: zipOf(files) }, ...extra }),
  );
}

interface Answer {
  status?: number;
  functionError?: string;
  body: any;
  log: string;
  executedVersion?: string;
}

async function call(client: LambdaClient, name: string, event: unknown = {}, extra: Partial<InvokeCommandInput> = {}): Promise<Answer> {
  const out = await client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event), LogType: "Tail", ...extra }));
  const text = out.Payload ? Buffer.from(out.Payload).toString("utf8") : "";
  return {
    status: out.StatusCode,
    functionError: out.FunctionError,
    body: text ? JSON.parse(text) : undefined,
    log: out.LogResult ? Buffer.from(out.LogResult, "base64").toString("utf8") : "",
    executedVersion: out.ExecutedVersion,
  };
}

const COUNTER = `let count = 0;\nexport const handler = async (event) => { count += 1; if (event.waitMs) await new Promise((r) => setTimeout(r, event.waitMs)); return count; };\n`;

run("an ESM handler imports @aws-sdk/client-sts and gets its own account and role back from the lab, with its environment", async ({ t }) => {
  const other = t.clientsFor({ accessKeyId: "AKIAFUNCTIONOWNER001", secretAccessKey: "x" });
  const code = `import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { existsSync } from "node:fs";
export const handler = async (event, context) => {
  const who = await new STSClient({}).send(new GetCallerIdentityCommand({}));
  const env = {};
  for (const key of ["TABLE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_EXECUTION_ENV", "_HANDLER", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"]) env[key] = process.env[key];
  return {
    account: who.Account, arn: who.Arn, env, event,
    session: Boolean(process.env.AWS_SESSION_TOKEN && process.env.AWS_SECRET_ACCESS_KEY),
    taskRootHasCode: existsSync(process.env.LAMBDA_TASK_ROOT + "/index.mjs"),
    context: { functionName: context.functionName, functionVersion: context.functionVersion, invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: context.memoryLimitInMB, awsRequestId: context.awsRequestId, logGroupName: context.logGroupName,
      logStreamName: context.logStreamName, remaining: context.getRemainingTimeInMillis() },
  };
};
`;
  await deploy(other.lambda, "WhoAmI", { "index.mjs": code }, { Environment: { Variables: { TABLE: "ClientCallbackTbl" } }, MemorySize: 256, Timeout: 10 });
  const answer = await call(other.lambda, "WhoAmI", { orderId: "o-1" });
  assert.is(answer.status, 200);
  assert.is(answer.functionError, undefined);
  const account = (await other.sts.send(new (await import("@aws-sdk/client-sts")).GetCallerIdentityCommand({}))).Account!;
  assert.is.not(account, "111122223333");
  assert.is(answer.body.account, account);
  assert.is(answer.body.arn, `arn:aws:sts::${account}:assumed-role/lab-function-role/WhoAmI`);
  assert.equal(answer.body.event, { orderId: "o-1" });
  assert.equal(answer.body.env, {
    TABLE: "ClientCallbackTbl",
    AWS_REGION: t.region,
    AWS_DEFAULT_REGION: t.region,
    AWS_LAMBDA_FUNCTION_NAME: "WhoAmI",
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x",
    _HANDLER: "index.handler",
    AWS_ENDPOINT_URL: t.lab.endpoint,
    AWS_ACCESS_KEY_ID: answer.body.env.AWS_ACCESS_KEY_ID,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
  assert.match(answer.body.env.AWS_ACCESS_KEY_ID, /^ASIA/);
  assert.ok(answer.body.session);
  assert.ok(answer.body.taskRootHasCode);
  const context = answer.body.context;
  assert.is(context.functionName, "WhoAmI");
  assert.is(context.functionVersion, "$LATEST");
  assert.is(context.invokedFunctionArn, `arn:aws:lambda:${t.region}:${account}:function:WhoAmI`);
  assert.is(context.memoryLimitInMB, "256");
  assert.match(context.awsRequestId, /^[0-9a-f-]{36}$/);
  assert.is(context.logGroupName, "/aws/lambda/WhoAmI");
  assert.match(context.logStreamName, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
  assert.ok(context.remaining > 0 && context.remaining <= 10_000);
});

run("a CommonJS .js handler (no package.json) loads with require, and can require the SDK", async ({ t }) => {
  const code = `const { STSClient } = require("@aws-sdk/client-sts");\nexports.handler = async (event) => ({ commonjs: typeof module !== "undefined" && typeof exports === "object", sdk: typeof STSClient, x: event.x });\n`;
  await deploy(t.clients.lambda, "CommonJs", { "index.js": code });
  const answer = await call(t.clients.lambda, "CommonJs", { x: 7 });
  assert.equal(answer.body, { commonjs: true, sdk: "function", x: 7 });
});

run("a .js handler under a package.json with type module is an ES module; nested handler paths resolve (src/app.handlers.main)", async ({ t }) => {
  const code = `import { STSClient } from "@aws-sdk/client-sts";\nexport const handlers = { main: async () => ({ esm: typeof import.meta.url, sdk: typeof STSClient }) };\n`;
  await deploy(t.clients.lambda, "EsModuleJs", { "package.json": '{"type":"module"}', "src/app.js": code }, { Handler: "src/app.handlers.main" });
  const answer = await call(t.clients.lambda, "EsModuleJs");
  assert.equal(answer.body, { esm: "string", sdk: "function" });
});

run("a callback-style handler answers through callback(null, result); a .cjs file loads", async ({ t }) => {
  const code = `exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { via: "callback", n: event.n }), 10); };\n`;
  await deploy(t.clients.lambda, "Callback", { "index.cjs": code });
  const answer = await call(t.clients.lambda, "Callback", { n: 3 });
  assert.equal(answer.body, { via: "callback", n: 3 });
});

run("callback(null, x) waits for the event loop to empty unless callbackWaitsForEmptyEventLoop is false (RIC CallbackContext)", async ({ t }) => {
  const code = `exports.handler = (event, context, callback) => { context.callbackWaitsForEmptyEventLoop = event.wait; setTimeout(() => {}, 600); callback(null, "done"); };\n`;
  await deploy(t.clients.lambda, "EventLoop", { "index.js": code });
  await call(t.clients.lambda, "EventLoop", { wait: false });
  let started = Date.now();
  const waited = await call(t.clients.lambda, "EventLoop", { wait: true });
  assert.is(waited.body, "done");
  assert.ok(Date.now() - started >= 550, "the answer came after the pending timer");
  started = Date.now();
  const quick = await call(t.clients.lambda, "EventLoop", { wait: false });
  assert.is(quick.body, "done");
  assert.ok(Date.now() - started < 550, "the answer did not wait for the timer");
});

run("a function that throws is a function error: 200, X-Amz-Function-Error Unhandled, {errorType, errorMessage, trace}", async ({ t }) => {
  const code = `class PetError extends Error { constructor(m) { super(m); this.name = "PetError"; } }\nexport const handler = async (event) => { if (event.custom) throw new PetError("no pets"); throw new Error("boom"); };\n`;
  await deploy(t.clients.lambda, "Thrower", { "index.mjs": code });
  const plain = await call(t.clients.lambda, "Thrower");
  assert.is(plain.status, 200);
  assert.is(plain.functionError, "Unhandled");
  assert.is(plain.body.errorType, "Error");
  assert.is(plain.body.errorMessage, "boom");
  assert.is(plain.body.trace[0], "Error: boom");
  assert.match(plain.log, /\tERROR\tInvoke Error \t\{"errorType":"Error","errorMessage":"boom"/);
  const custom = await call(t.clients.lambda, "Thrower", { custom: true });
  assert.is(custom.body.errorType, "PetError");
  assert.is(custom.body.errorMessage, "no pets");
});

run("a function over its Timeout (1 s) is ended: Sandbox.Timedout 'Task timed out after 1.00 seconds'; the next call runs fresh", async ({ t }) => {
  const code = `export const handler = async (event) => { if (event.sleep) await new Promise((r) => setTimeout(r, 5000)); return "awake"; };\n`;
  await deploy(t.clients.lambda, "Sleeper", { "index.mjs": code }, { Timeout: 1 });
  await call(t.clients.lambda, "Sleeper");
  const started = Date.now();
  const answer = await call(t.clients.lambda, "Sleeper", { sleep: true });
  const elapsed = Date.now() - started;
  assert.is(answer.status, 200);
  assert.is(answer.functionError, "Unhandled");
  assert.is(answer.body.errorType, "Sandbox.Timedout");
  assert.match(answer.body.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
  assert.ok(elapsed >= 1000 && elapsed < 4000, `ended after the timeout, not the handler (${elapsed} ms)`);
  assert.match(answer.log, /Task timed out after 1\.00 seconds/);
  const next = await call(t.clients.lambda, "Sleeper");
  assert.is(next.body, "awake");
});

run("a missing handler file is Runtime.ImportModuleError with the text Lambda's nodejs runtime gives", async ({ t }) => {
  await deploy(t.clients.lambda, "NoFile", { "other.mjs": "export const handler = async () => 1;\n" });
  const answer = await call(t.clients.lambda, "NoFile");
  assert.is(answer.functionError, "Unhandled");
  assert.is(answer.body.errorType, "Runtime.ImportModuleError");
  assert.is(answer.body.errorMessage, "Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs");
  assert.is(answer.body.trace[0], "Runtime.ImportModuleError: Error: Cannot find module 'index'");
});

run("a module without the configured export is Runtime.HandlerNotFound 'index.handler is undefined or not exported'", async ({ t }) => {
  await deploy(t.clients.lambda, "NoExport", { "index.mjs": "export const main = async () => 1;\n" });
  const answer = await call(t.clients.lambda, "NoExport");
  assert.is(answer.functionError, "Unhandled");
  assert.is(answer.body.errorType, "Runtime.HandlerNotFound");
  assert.is(answer.body.errorMessage, "index.handler is undefined or not exported");
});

run("a syntax error in the handler's module is Runtime.UserCodeSyntaxError", async ({ t }) => {
  await deploy(t.clients.lambda, "Broken", { "index.mjs": "export const handler = async () => { return 1;\n" });
  const answer = await call(t.clients.lambda, "Broken");
  assert.is(answer.functionError, "Unhandled");
  assert.is(answer.body.errorType, "Runtime.UserCodeSyntaxError");
  assert.match(answer.body.errorMessage, /^SyntaxError: /);
});

run("an async handler that never settles ends with Runtime.NodeJsExit; process.exit() is Runtime.ExitError; the lab keeps serving", async ({ t }) => {
  const code = `export const handler = async (event) => { if (event.exit) process.exit(3); await new Promise(() => {}); };\n`;
  await deploy(t.clients.lambda, "Stuck", { "index.mjs": code }, { Timeout: 5 });
  const stuck = await call(t.clients.lambda, "Stuck");
  assert.is(stuck.functionError, "Unhandled");
  assert.equal([stuck.body.errorType, stuck.body.errorMessage], ["Runtime.NodeJsExit", "Runtime exited without providing a reason"]);
  const exited = await call(t.clients.lambda, "Stuck", { exit: true });
  assert.is(exited.body.errorType, "Runtime.ExitError");
  assert.match(exited.body.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3$/);
  const config = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "Stuck" }));
  assert.is(config.FunctionName, "Stuck");
});

run("code is loaded once per code version and configuration: a module-level counter counts across invocations", async ({ t }) => {
  await deploy(t.clients.lambda, "Counter", { "index.mjs": COUNTER });
  const counts = [];
  for (let i = 0; i < 3; i++) counts.push((await call(t.clients.lambda, "Counter")).body);
  assert.equal(counts, [1, 2, 3]);
  await t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "Counter", Environment: { Variables: { V: "2" } } }));
  assert.is((await call(t.clients.lambda, "Counter")).body, 1);
});

run("a function deleted and created again under the same name starts with fresh environments", async ({ t }) => {
  await deploy(t.clients.lambda, "Reborn", { "index.mjs": COUNTER });
  assert.equal([(await call(t.clients.lambda, "Reborn")).body, (await call(t.clients.lambda, "Reborn")).body], [1, 2]);
  await t.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: "Reborn" }));
  await deploy(t.clients.lambda, "Reborn", { "index.mjs": COUNTER });
  assert.is((await call(t.clients.lambda, "Reborn")).body, 1);
});

run("a second environment starts only while the first is busy: two concurrent calls both count 1", async ({ t }) => {
  await deploy(t.clients.lambda, "Busy", { "index.mjs": COUNTER });
  const both = await Promise.all([call(t.clients.lambda, "Busy", { waitMs: 300 }), call(t.clients.lambda, "Busy", { waitMs: 300 })]);
  assert.equal(both.map((answer) => answer.body), [1, 1]);
  assert.is((await call(t.clients.lambda, "Busy")).body, 2);
});

run("UpdateFunctionCode changes what runs", async ({ t }) => {
  await deploy(t.clients.lambda, "Versioned", { "index.mjs": "export const handler = async () => 'v1';\n" });
  assert.is((await call(t.clients.lambda, "Versioned")).body, "v1");
  await t.clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "Versioned", ZipFile: zipOf({ "index.js": "exports.handler = async () => 'v2';\n" }) }));
  assert.is((await call(t.clients.lambda, "Versioned")).body, "v2");
});

run("console output goes to the log tail (START/END/REPORT, last 4 KB, base64) on LogType Tail, never to the lab's stdout", async ({ t }) => {
  const code = `console.log("loading");\nexport const handler = async (event) => { console.log("hello", event.who); console.warn("careful"); return "ok"; };\n`;
  await deploy(t.clients.lambda, "Logger", { "index.mjs": code });
  const written: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    written.push(String(chunk));
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  let answer: Answer;
  try {
    answer = await call(t.clients.lambda, "Logger", { who: "pets" });
  } finally {
    process.stdout.write = original;
  }
  assert.not.ok(written.some((text) => text.includes("hello pets")));
  assert.match(answer.log, /START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
  assert.match(answer.log, /\t[0-9a-f-]{36}\tINFO\thello pets\n/);
  assert.match(answer.log, /\tWARN\tcareful\n/);
  assert.match(answer.log, /END RequestId: /);
  assert.match(answer.log, /REPORT RequestId: .*\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\t/);
  const loud = `export const handler = async () => { for (let i = 0; i < 200; i++) console.log("line " + i + " " + "x".repeat(40)); return 1; };\n`;
  await deploy(t.clients.lambda, "Loud", { "index.mjs": loud });
  const tail = await call(t.clients.lambda, "Loud");
  assert.ok(Buffer.byteLength(tail.log) <= 4096);
  assert.match(tail.log, /REPORT RequestId: /);
  const silent = await t.clients.lambda.send(new InvokeCommand({ FunctionName: "Logger", Payload: "{}" }));
  assert.is(silent.LogResult, undefined);
});

run("InvocationType Event answers 202 and the function runs in the background (its own SDK call lands in the lab)", async ({ t }) => {
  const code = `import { LambdaClient, UpdateFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
export const handler = async (event) => { await new LambdaClient({}).send(new UpdateFunctionConfigurationCommand({ FunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME, Description: event.mark })); };
`;
  await deploy(t.clients.lambda, "Background", { "index.mjs": code }, { Timeout: 10 });
  const out = await t.clients.lambda.send(new InvokeCommand({ FunctionName: "Background", InvocationType: "Event", Payload: JSON.stringify({ mark: "ran" }) }));
  assert.is(out.StatusCode, 202);
  await eventually(async () => {
    const config = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "Background" }));
    return config.Description === "ran" ? true : undefined;
  });
});

run("InvocationType DryRun answers 204 and runs nothing", async ({ t }) => {
  await deploy(t.clients.lambda, "Dry", { "index.mjs": COUNTER });
  const out = await t.clients.lambda.send(new InvokeCommand({ FunctionName: "Dry", InvocationType: "DryRun" }));
  assert.is(out.StatusCode, 204);
  assert.is((await call(t.clients.lambda, "Dry")).body, 1);
});

run("Invoke: invalid JSON is InvalidRequestContentException 400; a missing function or version is ResourceNotFoundException", async ({ t }) => {
  await deploy(t.clients.lambda, "Strict", { "index.mjs": COUNTER });
  const error = await rejects(
    t.clients.lambda.send(new InvokeCommand({ FunctionName: "Strict", Payload: new TextEncoder().encode("{not json") })),
    "InvalidRequestContentException",
    400,
  );
  assert.match(error.message, /^Could not parse request body into json/);
  await rejects(t.clients.lambda.send(new InvokeCommand({ FunctionName: "Absent" })), "ResourceNotFoundException", 404, `Function not found: arn:aws:lambda:${t.region}:111122223333:function:Absent`);
  await rejects(t.clients.lambda.send(new InvokeCommand({ FunctionName: "Strict", Qualifier: "1" })), "ResourceNotFoundException", 404);
});

run("Invoke by full ARN with Qualifier $LATEST runs $LATEST (X-Amz-Executed-Version); no payload is the event {}", async ({ t }) => {
  await deploy(t.clients.lambda, "Latest", { "index.mjs": "export const handler = async (event) => event;\n" });
  const out = await t.clients.lambda.send(new InvokeCommand({ FunctionName: `arn:aws:lambda:${t.region}:111122223333:function:Latest`, Qualifier: "$LATEST" }));
  assert.is(out.ExecutedVersion, "$LATEST");
  assert.equal(JSON.parse(Buffer.from(out.Payload!).toString()), {});
});

run("a function returning undefined answers null", async ({ t }) => {
  await deploy(t.clients.lambda, "Nothing", { "index.mjs": "export const handler = async () => {};\n" });
  const out = await t.clients.lambda.send(new InvokeCommand({ FunctionName: "Nothing" }));
  assert.is(Buffer.from(out.Payload!).toString(), "null");
});

run('a workshop-style CommonJS index.js on nodejs16.x that requires "aws-sdk" (v2) fails to load, as README says: the lab has no SDK v2', async ({ t }) => {
  const code = `const AWS = require("aws-sdk");\nconst ddb = new AWS.DynamoDB.DocumentClient();\nexports.handler = async () => ({ statusCode: 200, body: "Connected" });\n`;
  await deploy(t.clients.lambda, "NeedsSdkV2", { "index.js": code }, { Runtime: "nodejs16.x" });
  const answer = await call(t.clients.lambda, "NeedsSdkV2");
  assert.is(answer.functionError, "Unhandled");
  assert.is(answer.body.errorType, "Runtime.ImportModuleError");
  assert.match(answer.body.errorMessage, "Cannot find module 'aws-sdk'");
});

run("a workshop-style CommonJS index.js requiring SDK v3 (@aws-sdk/lib-dynamodb) loads and runs as uploaded", async ({ t }) => {
  const code = `const { DynamoDBDocumentClient } = require("@aws-sdk/lib-dynamodb");\nexports.handler = async () => ({ statusCode: 200, body: typeof DynamoDBDocumentClient.from });\n`;
  await deploy(t.clients.lambda, "NeedsSdkV3", { "index.js": code });
  const answer = await call(t.clients.lambda, "NeedsSdkV3");
  assert.is(answer.functionError, undefined);
  assert.equal(answer.body, { statusCode: 200, body: "function" });
});

run.run();
