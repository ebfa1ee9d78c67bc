// Sources cited in this file:
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
// - Lambda GetPolicy: https://docs.aws.amazon.com/lambda/latest/dg/API_GetPolicy.html

import {
  AddPermissionCommand,
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  RemovePermissionCommand,
} from "@aws-sdk/client-lambda";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { rejects } from "../helpers/apigw.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { LAMBDA_ROLE, zipOf } from "../../bench/lib/lambda-zip.js";
import { printingErrors } from "../helpers/hooks.js";

const policy = suite<{ t: TestLab }>("lab: Lambda resource policies, GetPolicy/AddPermission/RemovePermission (Lambda AddPermission; Lambda GetPolicy)");

policy.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
}));
policy.after(async (ctx) => {
  await ctx.t.close();
});

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-2";
const ARN = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const SOURCE = "arn:aws:execute-api:ap-northeast-2:111122223333:abcdef1234/*/$disconnect";

async function create(t: TestLab, name: string): Promise<void> {
  await t.clients.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: LAMBDA_ROLE,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipOf({ "index.mjs": "export const handler = async () => 'ok';\n" }) },
    }),
  );
}

function allowApiGateway(name: string, sid = "apigateway-disconnect") {
  return new AddPermissionCommand({ FunctionName: name, StatementId: sid, Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com", SourceArn: SOURCE });
}

policy("GetPolicy tells 'no policy' (The resource you requested does not exist.) from 'no function' (Function not found) (Lambda GetPolicy)", async ({ t }) => {
  await create(t, "NoPolicy");
  const none = await rejects(
    t.clients.lambda.send(new GetPolicyCommand({ FunctionName: "NoPolicy" })),
    "ResourceNotFoundException",
    404,
    "The resource you requested does not exist.",
  );
  assert.is(none.Type, "User");
  await rejects(t.clients.lambda.send(new GetPolicyCommand({ FunctionName: "Missing" })), "ResourceNotFoundException", 404, `Function not found: ${ARN("Missing")}`);
});

policy("AddPermission answers 201 with the statement AWS builds for API Gateway, as a JSON string, keys in AWS's order (Lambda AddPermission)", async ({ t }) => {
  await create(t, "Permitted");
  const out = await t.clients.lambda.send(allowApiGateway("Permitted"));
  assert.is(out.$metadata.httpStatusCode, 201);
  assert.type(out.Statement, "string");
  assert.is(
    out.Statement,
    JSON.stringify({
      Sid: "apigateway-disconnect",
      Effect: "Allow",
      Principal: { Service: "apigateway.amazonaws.com" },
      Action: "lambda:InvokeFunction",
      Resource: ARN("Permitted"),
      Condition: { ArnLike: { "AWS:SourceArn": SOURCE } },
    }),
  );
});

policy("GetPolicy answers the document {Version, Id: default, Statement} as a string and the function's RevisionId (Lambda GetPolicy)", async ({ t }) => {
  await create(t, "Readable");
  await t.clients.lambda.send(allowApiGateway("Readable"));
  const out = await t.clients.lambda.send(new GetPolicyCommand({ FunctionName: "Readable" }));
  const document = JSON.parse(out.Policy!);
  assert.is(document.Version, "2012-10-17");
  assert.is(document.Id, "default");
  assert.is(document.Statement.length, 1);
  assert.is(document.Statement[0].Sid, "apigateway-disconnect");
  const configuration = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "Readable" }));
  assert.is(out.RevisionId, configuration.RevisionId);
});

policy("an account principal becomes {AWS: arn:aws:iam::<acct>:root}; SourceAccount is a StringEquals condition (Lambda AddPermission)", async ({ t }) => {
  await create(t, "CrossAccount");
  const out = await t.clients.lambda.send(
    new AddPermissionCommand({ FunctionName: "CrossAccount", StatementId: "acct", Action: "lambda:InvokeFunction", Principal: "444455556666", SourceAccount: "444455556666" }),
  );
  const statement = JSON.parse(out.Statement!);
  assert.equal(statement.Principal, { AWS: "arn:aws:iam::444455556666:root" });
  assert.equal(statement.Condition, { StringEquals: { "AWS:SourceAccount": "444455556666" } });
});

policy("AddPermission through a percent-encoded full ARN names the unqualified function as Resource", async ({ t }) => {
  await create(t, "ByArn");
  const out = await t.clients.lambda.send(allowApiGateway(ARN("ByArn")));
  assert.is(JSON.parse(out.Statement!).Resource, ARN("ByArn"));
  const read = await t.clients.lambda.send(new GetPolicyCommand({ FunctionName: `${ACCOUNT}:function:ByArn` }));
  assert.is(JSON.parse(read.Policy!).Statement.length, 1);
});

policy("a statement id already in the policy is ResourceConflictException 409 with AWS's text (Lambda AddPermission; the text as other emulators reproduce it, UNCONFIRMED)", async ({ t }) => {
  await create(t, "Duplicate");
  await t.clients.lambda.send(allowApiGateway("Duplicate", "same"));
  const error = await rejects(
    t.clients.lambda.send(allowApiGateway("Duplicate", "same")),
    "ResourceConflictException",
    409,
    "The statement id (same) provided already exists. Please provide a new statement id, or remove the existing statement.",
  );
  assert.is(error.Type, "User");
});

policy("AddPermission on $LATEST is refused (InvalidParameterValueException), an unknown version is ResourceNotFoundException", async ({ t }) => {
  await create(t, "Latest");
  await rejects(
    t.clients.lambda.send(new AddPermissionCommand({ FunctionName: "Latest", Qualifier: "$LATEST", StatementId: "s", Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com" })),
    "InvalidParameterValueException",
    400,
    "We currently do not support adding policies for $LATEST.",
  );
  await rejects(
    t.clients.lambda.send(new AddPermissionCommand({ FunctionName: "Latest", Qualifier: "7", StatementId: "s", Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com" })),
    "ResourceNotFoundException",
    404,
    `Function not found: ${ARN("Latest")}:7`,
  );
});

policy("AddPermission and RemovePermission with a stale RevisionId are PreconditionFailedException 412", async ({ t }) => {
  await create(t, "Guarded");
  const before = await t.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "Guarded" }));
  await t.clients.lambda.send(allowApiGateway("Guarded", "first"));
  await rejects(
    t.clients.lambda.send(new AddPermissionCommand({ FunctionName: "Guarded", StatementId: "second", Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com", RevisionId: before.RevisionId })),
    "PreconditionFailedException",
    412,
  );
  await rejects(t.clients.lambda.send(new RemovePermissionCommand({ FunctionName: "Guarded", StatementId: "first", RevisionId: before.RevisionId })), "PreconditionFailedException", 412);
});

policy("a malformed StatementId or Action is ValidationException 400", async ({ t }) => {
  await create(t, "Validated");
  await rejects(t.clients.lambda.send(new AddPermissionCommand({ FunctionName: "Validated", StatementId: "has space", Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com" })), "ValidationException", 400);
  await rejects(t.clients.lambda.send(new AddPermissionCommand({ FunctionName: "Validated", StatementId: "ok", Action: "s3:GetObject", Principal: "apigateway.amazonaws.com" })), "ValidationException", 400);
});

policy("RemovePermission removes one statement (204); removing the last one removes the policy", async ({ t }) => {
  await create(t, "Removed");
  await t.clients.lambda.send(allowApiGateway("Removed", "one"));
  await t.clients.lambda.send(allowApiGateway("Removed", "two"));
  const out = await t.clients.lambda.send(new RemovePermissionCommand({ FunctionName: "Removed", StatementId: "one" }));
  assert.is(out.$metadata.httpStatusCode, 204);
  const left = JSON.parse((await t.clients.lambda.send(new GetPolicyCommand({ FunctionName: "Removed" }))).Policy!);
  assert.equal(left.Statement.map((s: { Sid: string }) => s.Sid), ["two"]);
  await t.clients.lambda.send(new RemovePermissionCommand({ FunctionName: "Removed", StatementId: "two" }));
  await rejects(t.clients.lambda.send(new GetPolicyCommand({ FunctionName: "Removed" })), "ResourceNotFoundException", 404, "The resource you requested does not exist.");
});

policy("RemovePermission of an unknown statement or without any policy is ResourceNotFoundException", async ({ t }) => {
  await create(t, "Unknown");
  await rejects(t.clients.lambda.send(new RemovePermissionCommand({ FunctionName: "Unknown", StatementId: "x" })), "ResourceNotFoundException", 404, "No policy is associated with the given resource.");
  await t.clients.lambda.send(allowApiGateway("Unknown", "real"));
  await rejects(t.clients.lambda.send(new RemovePermissionCommand({ FunctionName: "Unknown", StatementId: "x" })), "ResourceNotFoundException", 404, "Statement x is not found in resource policy.");
});

policy("another account cannot read or change a function's policy", async ({ t }) => {
  await create(t, "Owned");
  await t.clients.lambda.send(allowApiGateway("Owned"));
  const other = t.clientsFor({ accessKeyId: "AKIAOTHERPOLICY00001", secretAccessKey: "x" });
  await rejects(other.lambda.send(new GetPolicyCommand({ FunctionName: ARN("Owned") })), "ResourceNotFoundException", 404);
  await rejects(other.lambda.send(allowApiGateway(ARN("Owned"), "intruder")), "ResourceNotFoundException", 404);
  const mine = JSON.parse((await t.clients.lambda.send(new GetPolicyCommand({ FunctionName: "Owned" }))).Policy!);
  assert.is(mine.Statement.length, 1);
});

policy.run();
