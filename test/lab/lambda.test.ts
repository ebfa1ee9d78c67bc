// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
// - the SDKs' retry behavior: https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html

import { createHash } from "node:crypto";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type CreateFunctionCommandInput,
} from "@aws-sdk/client-lambda";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { rejects } from "../helpers/apigw.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { LAMBDA_ROLE, zipOf } from "../../bench/lib/lambda-zip.js";
import { printingErrors } from "../helpers/hooks.js";

const lambda = suite<{ t: TestLab }>("lab: Lambda control plane (restJson1, PascalCase, /2015-03-31; botocore's lambda model)");

lambda.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
}));
lambda.after(async (ctx) => {
  await ctx.t.close();
});

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-2";
const ARN = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const CODE = zipOf({ "index.mjs": "export const handler = async () => 'ok';\n" });

function fnInput(name: string, extra: Partial<CreateFunctionCommandInput> = {}): CreateFunctionCommandInput {
  return { FunctionName: name, Role: LAMBDA_ROLE, Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: CODE }, ...extra };
}

async function create(t: TestLab, name: string, extra: Partial<CreateFunctionCommandInput> = {}, client: LambdaClient = t.clients.lambda) {
  return client.send(new CreateFunctionCommand(fnInput(name, extra)));
}

lambda("CreateFunction answers the new configuration with AWS's defaults and State Pending; later reads say Active (botocore's lambda model)", async ({ t }) => {
  const out = await create(t, "Created", { Environment: { Variables: { TABLE: "T" } } });
  assert.is(out.$metadata.httpStatusCode, 201);
  assert.is(out.FunctionName, "Created");
  assert.is(out.FunctionArn, ARN("Created"));
  assert.is(out.Runtime, "nodejs20.x");
  assert.is(out.Role, LAMBDA_ROLE);
  assert.is(out.Handler, "index.handler");
  assert.is(out.Timeout, 3);
  assert.is(out.MemorySize, 128);
  assert.is(out.Version, "$LATEST");
  assert.is(out.PackageType, "Zip");
  assert.equal(out.Architectures, ["x86_64"]);
  assert.is(out.CodeSize, CODE.length);
  assert.is(out.CodeSha256, createHash("sha256").update(CODE).digest("base64"));
  assert.equal(out.Environment, { Variables: { TABLE: "T" } });
  assert.match(out.RevisionId ?? "", /^[0-9a-f-]{36}$/);
  assert.match(out.LastModified ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  assert.is(out.State, "Pending");
  assert.is(out.StateReasonCode, "Creating");
  const read = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "Created" }));
  assert.is(read.State, "Active");
  assert.is(read.LastUpdateStatus, "Successful");
  assert.is(read.RevisionId, out.RevisionId);
});

lambda("CreateFunction with a taken name is ResourceConflictException 409 'Function already exist: <name>'", async ({ t }) => {
  await create(t, "Twice");
  const error = await rejects(create(t, "Twice"), "ResourceConflictException", 409, "Function already exist: Twice");
  assert.is(error.Type, "User");
});

lambda("CreateFunction checks the model's constraints: role pattern, runtime enum and name pattern are ValidationException 400", async ({ t }) => {
  const role = await rejects(create(t, "BadRole", { Role: "my-role" }), "ValidationException", 400);
  assert.match(role.message, /^1 validation error detected: Value 'my-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern/);
  const runtime = await rejects(create(t, "BadRuntime", { Runtime: "nodejs99.x" as "nodejs20.x" }), "ValidationException", 400);
  assert.match(runtime.message, /Value 'nodejs99.x' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set/);
  await rejects(create(t, "bad name!"), "ValidationException", 400);
  const two = await rejects(create(t, "TwoProblems", { Timeout: 0, MemorySize: 64 }), "ValidationException", 400);
  assert.match(two.message, /^2 validation errors detected: .*'timeout'.*; .*'memorySize'/);
});

lambda("CreateFunction without Handler, with a retired runtime, reserved variables or a broken zip is InvalidParameterValueException 400", async ({ t }) => {
  await rejects(
    create(t, "NoHandler", { Handler: undefined }),
    "InvalidParameterValueException",
    400,
    "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
  );
  const retired = await rejects(create(t, "Retired", { Runtime: "nodejs12.x" }), "InvalidParameterValueException", 400);
  assert.match(retired.message, /^The runtime parameter of nodejs12.x is no longer supported/);
  const reserved = await rejects(create(t, "Reserved", { Environment: { Variables: { AWS_REGION: "x" } } }), "InvalidParameterValueException", 400);
  assert.match(reserved.message, /reserved keys .* Reserved keys used in this request: AWS_REGION$/);
  await rejects(
    create(t, "Broken", { Code: { ZipFile: new TextEncoder().encode("this is no zip at all, not even close") } }),
    "InvalidParameterValueException",
    400,
    "Could not unzip uploaded file. Please check your file, then try to upload again.",
  );
  const listed = await t.clients.lambda.send(new ListFunctionsCommand({}));
  assert.not.ok(listed.Functions?.some((f) => ["NoHandler", "Retired", "Reserved", "Broken"].includes(f.FunctionName!)));
});

lambda("GetFunction answers {Configuration, Code{RepositoryType S3, Location}, Tags}; an untagged function has no Tags", async ({ t }) => {
  await create(t, "Tagged", { Tags: { team: "pets" } });
  const tagged = await t.clients.lambda.send(new GetFunctionCommand({ FunctionName: "Tagged" }));
  assert.is(tagged.Configuration?.FunctionArn, ARN("Tagged"));
  assert.is(tagged.Configuration?.State, "Active");
  assert.is(tagged.Code?.RepositoryType, "S3");
  assert.match(tagged.Code?.Location ?? "", /^https:\/\//);
  assert.equal(tagged.Tags, { team: "pets" });
  await create(t, "Untagged");
  const untagged = await t.clients.lambda.send(new GetFunctionCommand({ FunctionName: "Untagged" }));
  assert.is(untagged.Tags, undefined);
});

lambda("a function is found by name, partial ARN, full ARN (percent-encoded by the SDK) and name:$LATEST (botocore's lambda model)", async ({ t }) => {
  await create(t, "ByArn");
  for (const reference of ["ByArn", `${ACCOUNT}:function:ByArn`, ARN("ByArn"), "ByArn:$LATEST", `${ARN("ByArn")}:$LATEST`]) {
    const out = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: reference }));
    assert.is(out.FunctionName, "ByArn", reference);
  }
});

lambda("qualifiers: $LATEST is found (qualified ARN), a version the lab does not have is ResourceNotFoundException", async ({ t }) => {
  await create(t, "Qualified");
  const latest = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "Qualified", Qualifier: "$LATEST" }));
  assert.is(latest.FunctionArn, `${ARN("Qualified")}:$LATEST`);
  const missing = await rejects(
    t.clients.lambda.send(new GetFunctionCommand({ FunctionName: "Qualified", Qualifier: "1" })),
    "ResourceNotFoundException",
    404,
    `Function not found: ${ARN("Qualified")}:1`,
  );
  assert.is(missing.Type, "User");
  await rejects(t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "Qualified:prod" })), "ResourceNotFoundException", 404);
  await rejects(
    t.clients.lambda.send(new GetFunctionCommand({ FunctionName: "Qualified:$LATEST", Qualifier: "1" })),
    "InvalidParameterValueException",
    400,
    "The derived qualifier from the function name does not match the specified qualifier.",
  );
});

lambda("a missing function is ResourceNotFoundException 404 {Type: User} 'Function not found: <arn>' (as public CLI transcripts show it)", async ({ t }) => {
  const error = await rejects(
    t.clients.lambda.send(new GetFunctionCommand({ FunctionName: "Nope" })),
    "ResourceNotFoundException",
    404,
    `Function not found: ${ARN("Nope")}`,
  );
  assert.is(error.Type, "User");
  await rejects(t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: ARN("Nope") })), "ResourceNotFoundException", 404, `Function not found: ${ARN("Nope")}`);
});

lambda("functions of one account are invisible to another, by name and by ARN", async ({ t }) => {
  await create(t, "Private");
  const other = t.clientsFor({ accessKeyId: "AKIAOTHERLAMBDA00001", secretAccessKey: "x" });
  const listed = await other.lambda.send(new ListFunctionsCommand({}));
  assert.equal(listed.Functions, []);
  await rejects(other.lambda.send(new GetFunctionCommand({ FunctionName: "Private" })), "ResourceNotFoundException", 404);
  await rejects(other.lambda.send(new GetFunctionCommand({ FunctionName: ARN("Private") })), "ResourceNotFoundException", 404);
});

lambda("ListFunctions pages 60 functions by Marker/NextMarker, at most 50 a page whatever MaxItems says (botocore's lambda model)", async ({ t }) => {
  const client = t.clientsFor({ accessKeyId: "AKIALAMBDAPAGES00001", secretAccessKey: "x" }).lambda;
  for (let i = 0; i < 60; i++) await create(t, `Page${String(i).padStart(2, "0")}`, {}, client);
  const first = await client.send(new ListFunctionsCommand({}));
  assert.is(first.Functions?.length, 50);
  assert.ok(first.NextMarker);
  const second = await client.send(new ListFunctionsCommand({ Marker: first.NextMarker }));
  assert.is(second.Functions?.length, 10);
  assert.is(second.NextMarker, undefined);
  const names = new Set([...first.Functions!, ...second.Functions!].map((f) => f.FunctionName));
  assert.is(names.size, 60);
  const capped = await client.send(new ListFunctionsCommand({ MaxItems: 100 }));
  assert.is(capped.Functions?.length, 50);
  const small = await client.send(new ListFunctionsCommand({ MaxItems: 7 }));
  assert.is(small.Functions?.length, 7);
  assert.ok(small.NextMarker);
});

lambda("ListFunctions items are the subset without State and LastUpdateStatus (botocore's lambda model)", async ({ t }) => {
  const client = t.clientsFor({ accessKeyId: "AKIALAMBDASUBSET0001", secretAccessKey: "x" }).lambda;
  await create(t, "Listed", { Environment: { Variables: { K: "v" } } }, client);
  const listed = await client.send(new ListFunctionsCommand({}));
  const item = listed.Functions![0]!;
  assert.is(item.FunctionName, "Listed");
  assert.is(item.State, undefined);
  assert.is(item.LastUpdateStatus, undefined);
  assert.equal(item.Environment, { Variables: { K: "v" } });
  assert.ok(item.RevisionId);
});

lambda("UpdateFunctionConfiguration replaces Environment when given, keeps it when not, and gives a new RevisionId", async ({ t }) => {
  const created = await create(t, "Configured", { Environment: { Variables: { A: "1", B: "2" } } });
  const timeout = await t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "Configured", Timeout: 10 }));
  assert.is(timeout.Timeout, 10);
  assert.equal(timeout.Environment, { Variables: { A: "1", B: "2" } });
  assert.is(timeout.LastUpdateStatus, "InProgress");
  assert.is.not(timeout.RevisionId, created.RevisionId);
  const replaced = await t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "Configured", Environment: { Variables: { C: "3" } } }));
  assert.equal(replaced.Environment, { Variables: { C: "3" } });
  const cleared = await t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "Configured", Environment: { Variables: {} } }));
  assert.is(cleared.Environment, undefined);
  const read = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "Configured" }));
  assert.is(read.Timeout, 10);
  assert.is(read.LastUpdateStatus, "Successful");
  assert.is(read.RevisionId, cleared.RevisionId);
});

lambda("a stale RevisionId is PreconditionFailedException 412, for configuration and code updates (botocore's lambda model)", async ({ t }) => {
  const created = await create(t, "Revised");
  await t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "Revised", Description: "v2" }));
  const error = await rejects(
    t.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "Revised", Description: "v3", RevisionId: created.RevisionId })),
    "PreconditionFailedException",
    412,
  );
  assert.is(error.Type, "User");
  await rejects(t.clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "Revised", ZipFile: CODE, RevisionId: created.RevisionId })), "PreconditionFailedException", 412);
});

lambda("UpdateFunctionCode stores the new package: CodeSha256, CodeSize and RevisionId change", async ({ t }) => {
  const created = await create(t, "Recoded");
  const code = zipOf({ "index.mjs": "export const handler = async () => 'v2';\n" });
  const out = await t.clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: ARN("Recoded"), ZipFile: code }));
  assert.is(out.CodeSha256, createHash("sha256").update(code).digest("base64"));
  assert.is(out.CodeSize, code.length);
  assert.is(out.LastUpdateStatus, "InProgress");
  assert.is.not(out.RevisionId, created.RevisionId);
  const read = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "Recoded" }));
  assert.is(read.CodeSha256, out.CodeSha256);
});

lambda("DeleteFunction removes the function (then 404); deleting a missing one is ResourceNotFoundException", async ({ t }) => {
  await create(t, "Deleted");
  const out = await t.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: `${ACCOUNT}:function:Deleted` }));
  assert.is(out.$metadata.httpStatusCode, 204);
  await rejects(t.clients.lambda.send(new GetFunctionCommand({ FunctionName: "Deleted" })), "ResourceNotFoundException", 404);
  await rejects(t.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: "Deleted" })), "ResourceNotFoundException", 404, `Function not found: ${ARN("Deleted")}`);
});

lambda("operations the lab leaves out are NotImplementedException 501 naming the operation", async ({ t }) => {
  await create(t, "Versions");
  const versions = await rejects(t.clients.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "Versions" })), "NotImplementedException", 501);
  assert.match(versions.message, /ListVersionsByFunction/);
  const aliases = await rejects(t.clients.lambda.send(new ListAliasesCommand({ FunctionName: "Versions" })), "NotImplementedException", 501);
  assert.match(aliases.message, /ListAliases/);
  const publish = await rejects(create(t, "Published", { Publish: true }), "NotImplementedException", 501);
  assert.match(publish.message, /Publish/);
});

lambda("a path no Lambda operation has is 404 naming the method and path", async ({ t }) => {
  const client = new LambdaClient({ endpoint: t.lab.endpoint, region: REGION, credentials: t.credentials, maxAttempts: 1 });
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.request as { path: string }).path = "/2015-03-31/nowhere/at/all";
      return next(args);
    },
    { step: "build" },
  );
  try {
    const error = await rejects(client.send(new ListFunctionsCommand({})), "UnknownOperationException", 404);
    assert.match(error.message, /GET \/2015-03-31\/nowhere\/at\/all/);
  } finally {
    client.destroy();
  }
});

lambda("above the account's quota, control-plane calls are TooManyRequestsException 429 with Retry-After and Reason (Lambda quotas; the SDKs' retry behavior)", async ({ t }) => {
  t.lab.faults.configure({ quotas: { "lambda:*": { rate: 0.001, burst: 1 } } });
  try {
    await t.clients.lambda.send(new ListFunctionsCommand({}));
    const error = await rejects(t.clients.lambda.send(new ListFunctionsCommand({})), "TooManyRequestsException", 429, "Rate exceeded");
    assert.is(error.Reason, "CallerRateLimitExceeded");
    assert.is(error.Type, "User");
    assert.is(error.retryAfterSeconds, "1");
  } finally {
    t.lab.faults.configure({});
  }
});

lambda.run();
