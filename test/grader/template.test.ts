// The grader role's CloudFormation template (grader/AWSomePetsGrader.template.json) against what the checker
// really calls: a full check of a solved lab account, live probe included, is recorded call by call, each call
// turned into the IAM action and resource AWS would authorise, and each must be allowed by the template's
// policy; and every action the policy grants must be one of those calls (least privilege).
//
// Sources cited in this file:
// - STS GetCallerIdentity: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
import { readFileSync } from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createClients, type AwsClients } from "../../src/aws/clients.js";
import { checkAccount } from "../../src/check.js";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { applyStep2 } from "../../src/scenarios/seed.js";
import { newProbeId } from "../../src/probe/probe-id.js";
import { STALE_AFTER_MS } from "../../src/probe/probe.js";
import { stringLike } from "../../src/policy/arnlike.js";
import { ROOT } from "../helpers/cli.js";
import { startSeededLab, type SeededLab } from "../helpers/seeded.js";
import { printingErrors } from "../helpers/hooks.js";
import { documentClient } from "../../src/aws/documents.js";

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}

interface Call {
  action: string;
  resource: string;
}

const TEMPLATE = JSON.parse(readFileSync(`${ROOT}grader/AWSomePetsGrader.template.json`, "utf8"));
const ROLE = TEMPLATE.Resources.GraderRole.Properties;
const STATEMENTS: Statement[] = ROLE.Policies[0].PolicyDocument.Statement;

const test = suite<{ lab: SeededLab; calls: Call[] }>("the grader role's template allows exactly what the checker calls", { lab: undefined as unknown as SeededLab, calls: [] });

type Handler = (args: { input?: Record<string, unknown>; request?: { method?: string; path?: string } }) => Promise<unknown>;
interface Stack {
  add(middleware: (next: Handler, context: { commandName?: string }) => Handler, options: { step: "finalizeRequest"; name: string }): void;
}

/** Records each request as the IAM action and resource AWS authorises it against. */
function record(clients: AwsClients, region: string, account: string, calls: Call[]): void {
  const services = { apigateway: clients.apigw, lambda: clients.lambda, dynamodb: clients.dynamodb, sts: clients.sts };
  for (const [service, client] of Object.entries(services)) {
    (client.middlewareStack as unknown as Stack).add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? "").replace(/Command$/, "");
        const call = toIam(service, operation, args, region, account);
        if (call) calls.push(call);
        return next(args);
      },
      { step: "finalizeRequest", name: "iamRecorder" },
    );
  }
}

/**
 * API Gateway v2 authorises `apigateway:<HTTP method>` on arn:aws:apigateway:<region>::<path without /v2>
 * ("Control access to API Gateway management APIs"); Lambda and DynamoDB their operation on the function or
 * table; GetCallerIdentity needs no permission (STS GetCallerIdentity).
 */
function toIam(service: string, operation: string, args: Parameters<Handler>[0], region: string, account: string): Call | undefined {
  if (service === "sts") return undefined;
  if (service === "apigateway") {
    const path = String(args.request?.path ?? "").replace(/^\/v2/, "");
    return { action: `apigateway:${String(args.request?.method ?? "GET").toUpperCase()}`, resource: `arn:aws:apigateway:${region}::${path}` };
  }
  if (service === "lambda") {
    if (operation === "ListFunctions") return { action: "lambda:ListFunctions", resource: "*" };
    const name = decodeURIComponent(String(args.request?.path ?? "").split("/")[3] ?? "");
    return { action: `lambda:${operation}`, resource: name.startsWith("arn:") ? name : `arn:aws:lambda:${region}:${account}:function:${name}` };
  }
  return { action: `dynamodb:${operation}`, resource: `arn:aws:dynamodb:${region}:${account}:table/${String(args.input?.TableName)}` };
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

function allows(statement: Statement, call: Call): boolean {
  return statement.Effect === "Allow" && list(statement.Action).some((action) => stringLike(action, call.action)) && list(statement.Resource).some((resource) => stringLike(resource, call.resource));
}

test.before(printingErrors(async (ctx) => {
  ctx.lab = await startSeededLab();
  const { main } = ctx.lab;
  await applyStep2(main.target, main.resources);
  // A row an interrupted earlier probe left: the probe deletes it, as it deletes its own on a failing account.
  const stale = newProbeId(Date.now() - STALE_AFTER_MS - 60_000);
  await documentClient(main.clients.dynamodb).send(new PutCommand({ TableName: main.resources.tableName, Item: { orderId: stale, connectionId: "left-behind", attributes: {} } }));
  const clients = createClients({ ...main.target, maxAttempts: 1 });
  record(clients, main.resources.region, main.resources.account, ctx.calls);
  try {
    const run = await checkAccount({ step: "all", lang: "en", live: true, timeoutMs: 10_000, clientSettings: main.target, clients });
    if (run.report.summary.failed > 0 || run.fatal) throw new Error(`the solved account did not pass: ${JSON.stringify(run.report.summary)} ${run.fatal ?? ""}`);
  } finally {
    clients.destroy();
  }
}));

test.after(async (ctx) => {
  await ctx.lab?.close();
});

test("the role is AWSomePetsGrader, assumable only by the given principal with the external id", () => {
  assert.is(ROLE.RoleName, "AWSomePetsGrader");
  const [trust] = ROLE.AssumeRolePolicyDocument.Statement;
  assert.equal(trust.Principal, { AWS: { Ref: "GradingPrincipalArn" } });
  assert.is(trust.Action, "sts:AssumeRole");
  assert.equal(trust.Condition, { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } });
  assert.is(ROLE.AssumeRolePolicyDocument.Statement.length, 1);
});

test("every call of a full check, live probe included, is allowed by the template's policy", ({ calls }) => {
  assert.ok(calls.length >= 15, `recorded ${calls.length} calls`);
  const refused = calls.filter((call) => !STATEMENTS.some((statement) => allows(statement, call)));
  assert.equal(refused, [], "calls the role would be refused");
});

test("nothing more: every action and every statement the policy grants is used by the check", ({ calls }) => {
  for (const statement of STATEMENTS) {
    assert.is(statement.Effect, "Allow", statement.Sid);
    for (const action of list(statement.Action)) {
      assert.ok(calls.some((call) => call.action === action && allows(statement, call)), `${statement.Sid}: ${action} is granted but never called`);
    }
  }
  const used = new Set(calls.map((call) => call.action));
  assert.equal([...used].sort(), ["apigateway:GET", "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan", "lambda:GetPolicy", "lambda:ListFunctions"]);
});

test.run();
