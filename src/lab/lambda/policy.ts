// The function's resource-based policy: GetPolicy, AddPermission, RemovePermission (Lambda AddPermission; Lambda GetPolicy).
// The policy's RevisionId is the function's: adding or removing a statement gives the function a new
// RevisionId, and AddPermission/RemovePermission check theirs against it (as LocalStack models AWS;
// UNCONFIRMED by an AWS document).
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
// - Lambda GetPolicy: https://docs.aws.amazon.com/lambda/latest/dg/API_GetPolicy.html
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
import { randomUUID } from "node:crypto";
import { AwsError, json, noContent, type LabRequest, type LabResponse } from "../protocol.js";
import { conflict, constraint, invalidParameter, noSuchResource, notFound, revisionMismatch, validationError } from "./errors.js";
import { checkRevision } from "./functions.js";
import { Body } from "./input.js";
import { LATEST, type Resolved } from "./lookup.js";
import type { LambdaFunction, PolicyDocument, PolicyStatement } from "./model.js";
import { functionArn } from "./names.js";

/** Lambda's limit for a function policy [Lambda quotas: "Function resource-based policy 20 KB"]. */
const MAX_POLICY_BYTES = 20480;

export function getPolicy(resolved: Resolved): LabResponse {
  const { fn } = resolved;
  if (!fn.policy) throw noSuchResource();
  return json(200, { Policy: JSON.stringify(fn.policy), RevisionId: fn.configuration.RevisionId });
}

export function addPermission(req: LabRequest, resolved: Resolved): LabResponse {
  if (resolved.qualifier === LATEST) throw invalidParameter("We currently do not support adding policies for $LATEST.");
  const body = Body.of(req);
  const input = readPermission(body);
  checkRevision(body, resolved.fn);
  const { fn, ref } = resolved;
  // A statement id already in the policy: ResourceConflictException 409
  // (https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html, Errors), what a second solve adding
  // the same statement at the same time gets.
  if (fn.policy?.Statement.some((statement) => statement.Sid === input.sid)) {
    throw conflict(`The statement id (${input.sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const statement = buildStatement(input, functionArn(ref.account, ref.region, ref.name, resolved.qualifier), body);
  const policy: PolicyDocument = { Version: "2012-10-17", Id: "default", Statement: [...(fn.policy?.Statement ?? []), statement] };
  const size = Buffer.byteLength(JSON.stringify(policy));
  if (size > MAX_POLICY_BYTES) {
    throw new AwsError(400, "PolicyLengthExceededException", `The final policy size (${size}) is bigger than the limit (${MAX_POLICY_BYTES}).`, {
      Type: "User",
      message: `The final policy size (${size}) is bigger than the limit (${MAX_POLICY_BYTES}).`,
    });
  }
  setPolicy(fn, policy);
  return json(201, { Statement: JSON.stringify(statement) });
}

export function removePermission(req: LabRequest, resolved: Resolved, sid: string): LabResponse {
  const { fn } = resolved;
  // Texts as LocalStack reproduces AWS's (UNCONFIRMED by an AWS document).
  if (!fn.policy) throw notFound("No policy is associated with the given resource.");
  if (!fn.policy.Statement.some((statement) => statement.Sid === sid)) throw notFound(`Statement ${sid} is not found in resource policy.`);
  const expected = req.query.get("RevisionId");
  if (expected !== null && expected !== fn.configuration.RevisionId) throw revisionMismatch();
  const remaining = fn.policy.Statement.filter((statement) => statement.Sid !== sid);
  // Removing the last statement removes the policy itself: GetPolicy then answers 404 as for a function that
// never had one (UNCONFIRMED beyond public reports).
  setPolicy(fn, remaining.length > 0 ? { ...fn.policy, Statement: remaining } : undefined);
  return noContent();
}

function setPolicy(fn: LambdaFunction, policy: PolicyDocument | undefined): void {
  if (policy) fn.policy = policy;
  else delete fn.policy;
  const revision = randomUUID();
  fn.configuration = { ...fn.configuration, RevisionId: revision };
  fn.policyRevisionId = revision;
}

interface PermissionInput {
  sid: string;
  action: string;
  principal: string;
}

/** The model's constraints on AddPermission [botocore's lambda model AddPermissionRequest]. */
function readPermission(body: Body): PermissionInput {
  const input = { sid: body.required("StatementId"), action: body.required("Action"), principal: body.required("Principal") };
  const problems: string[] = [];
  if (!/^[a-zA-Z0-9_.-]{1,100}$/.test(input.sid)) problems.push(constraint("statementId", input.sid, "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)"));
  if (!/^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/.test(input.action)) problems.push(constraint("action", input.action, "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])"));
  if (!/^[^\s]+$/.test(input.principal)) problems.push(constraint("principal", input.principal, "Member must satisfy regular expression pattern: [^\\s]+"));
  const sourceArn = body.string("SourceArn");
  if (sourceArn !== undefined && !/^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/.test(sourceArn)) {
    problems.push(constraint("sourceArn", sourceArn, "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)"));
  }
  const sourceAccount = body.string("SourceAccount");
  if (sourceAccount !== undefined && !/^\d{12}$/.test(sourceAccount)) problems.push(constraint("sourceAccount", sourceAccount, "Member must satisfy regular expression pattern: \\d{12}"));
  if (problems.length > 0) throw validationError(problems);
  return input;
}

/** Lambda AddPermission: the statement it appends, with its keys in the order AWS prints them. */
function buildStatement(input: PermissionInput, resource: string, body: Body): PolicyStatement {
  const statement: PolicyStatement = {
    Sid: input.sid,
    Effect: "Allow",
    Principal: principalOf(input.principal),
    Action: input.action,
    Resource: resource,
  };
  const condition = conditionOf(body);
  if (condition) statement.Condition = condition;
  return statement;
}

/** A service principal, an account id (its root), an IAM ARN, or "*" (Lambda AddPermission). */
function principalOf(principal: string): unknown {
  if (principal === "*") return "*";
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith("arn:")) return { AWS: principal };
  if (principal.includes(".")) return { Service: principal };
  throw invalidParameter("The provided principal was invalid. Please check the principal and try again.");
}

/** StringEquals for the account, organization, token and URL auth type; ArnLike for the source ARN. */
function conditionOf(body: Body): PolicyStatement["Condition"] {
  const equals: Record<string, string> = {};
  const sourceAccount = body.string("SourceAccount");
  const orgId = body.string("PrincipalOrgID");
  const token = body.string("EventSourceToken");
  const authType = body.string("FunctionUrlAuthType");
  if (sourceAccount !== undefined) equals["AWS:SourceAccount"] = sourceAccount;
  if (orgId !== undefined) equals["aws:PrincipalOrgID"] = orgId;
  if (token !== undefined) equals["lambda:EventSourceToken"] = token;
  if (authType !== undefined) equals["lambda:FunctionUrlAuthType"] = authType;
  const condition: Record<string, Record<string, string>> = {};
  if (Object.keys(equals).length > 0) condition.StringEquals = equals;
  const sourceArn = body.string("SourceArn");
  if (sourceArn !== undefined) condition.ArnLike = { "AWS:SourceArn": sourceArn };
  return Object.keys(condition).length > 0 ? condition : undefined;
}
