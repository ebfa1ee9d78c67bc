// STS in the lab: GetCallerIdentity and AssumeRole, in the awsQuery protocol (form-encoded request, XML
// answer; STS GetCallerIdentity). AssumeRole into arn:aws:iam::<account>:role/<name> returns keys of that account,
// which is how a grader reaches many participants' accounts in one lab, provided the lab knows the account.
//
// Sources cited in this file:
// - botocore's sts model: https://github.com/boto/botocore/blob/develop/botocore/data/sts/2011-06-15/service-2.json
// - STS GetCallerIdentity: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
import { DEFAULT_KEY, type Principal } from "./accounts.js";
import type { LabContext, Operation, ServiceModule } from "./context.js";
import { AwsError, xmlEscape, type LabRequest, type LabResponse } from "./protocol.js";

const XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
// RoleSessionName: 2 to 64 characters of [\w+=,.@-] [botocore's sts model AssumeRoleRequest.RoleSessionName pattern]
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export const stsService: ServiceModule = {
  service: "sts",
  resolve(req: LabRequest, ctx: LabContext): Operation {
    const form = new URLSearchParams(req.method === "POST" ? req.body.toString("utf8") : req.query.toString());
    const action = form.get("Action") ?? "";
    switch (action) {
      case "GetCallerIdentity":
        return { name: action, controlPlane: true, run: async () => getCallerIdentity(req, ctx) };
      case "AssumeRole":
        return { name: action, controlPlane: true, run: async () => assumeRole(req, ctx, form) };
      default:
        throw new AwsError(400, action ? "InvalidAction" : "MissingAction", action ? `The local lab does not implement STS ${action}` : "Missing Action");
    }
  },
  throttled: () => new AwsError(400, "Throttling", "Rate exceeded"),
  renderError(error: AwsError, requestId: string): LabResponse {
    const type = error.status >= 500 ? "Receiver" : "Sender";
    return xml(error.status, `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
  },
};

function getCallerIdentity(req: LabRequest, ctx: LabContext): LabResponse {
  const principal = ctx.accounts.resolve(req.accessKeyId);
  if ("refused" in principal) throw expiredToken();
  return xml(200, result("GetCallerIdentity", `<Arn>${xmlEscape(principal.arn)}</Arn><UserId>${xmlEscape(principal.userId)}</UserId><Account>${principal.account}</Account>`, req.requestId));
}

function assumeRole(req: LabRequest, ctx: LabContext, form: URLSearchParams): LabResponse {
  const roleArn = form.get("RoleArn") ?? "";
  const sessionName = form.get("RoleSessionName") ?? "";
  const duration = Number(form.get("DurationSeconds") ?? "3600");
  const role = ROLE_ARN.exec(roleArn);
  if (!role) throw new AwsError(400, "ValidationError", `${roleArn || "RoleArn"} is invalid`);
  if (!SESSION_NAME.test(sessionName)) {
    throw new AwsError(400, "ValidationError", `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  // 900 s to the role's maximum session duration, which is one hour unless raised [botocore's sts model DurationSeconds doc].
  if (!Number.isInteger(duration) || duration < 900 || duration > 3600) {
    throw new AwsError(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }
  const [, account, roleName] = role as unknown as [string, string, string];
  const caller = ctx.accounts.resolve(req.accessKeyId);
  if ("refused" in caller) throw expiredToken();
  if (!assumable(ctx, account, caller)) {
    throw new AwsError(403, "AccessDenied", `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  const issued = ctx.accounts.issueRoleSession(account, roleName, sessionName, duration);
  const principal = ctx.accounts.resolve(issued.accessKeyId);
  const userId = "refused" in principal ? "" : principal.userId;
  const body =
    `<Credentials><AccessKeyId>${issued.accessKeyId}</AccessKeyId><SecretAccessKey>${xmlEscape(issued.secretAccessKey)}</SecretAccessKey>` +
    `<SessionToken>${xmlEscape(issued.sessionToken)}</SessionToken><Expiration>${issued.expiration.toISOString()}</Expiration></Credentials>` +
    `<AssumedRoleUser><AssumedRoleId>${xmlEscape(userId)}</AssumedRoleId><Arn>arn:aws:sts::${account}:assumed-role/${xmlEscape(roleName)}/${xmlEscape(sessionName)}</Arn></AssumedRoleUser>`;
  return xml(200, result("AssumeRole", body, req.requestId));
}

/**
 * Whether the caller may assume a role of the account. The lab has no IAM, so it stands in for the trust
 * policies a workshop sets up: any role name of an account it knows (one registered, signed for by some
 * client or holding resources) stands for a role that exists and trusts principals of its own account and
 * of the grader's account, the one of the lab's default key (as AWSomePetsGrader trusts the instructor's
 * role, README "Grade a class"), unless distrust() said otherwise. Principals of any other account are
 * refused: one participant's keys do not open another's account. An account the lab has never met has no
 * roles, so AssumeRole into it fails as it does on AWS for a role that does not exist: 403 AccessDenied
 * "User: <caller arn> is not authorized to perform: sts:AssumeRole on resource: <role arn>", the same
 * answer as for a trust policy that refuses the caller (AWS does not say which; public CLI and SDK
 * transcripts show this text and status, e.g. "api error AccessDenied: User: arn:aws:sts::…:assumed-role/…
 * is not authorized to perform: sts:AssumeRole on resource: …", StatusCode 403). That both cases share one
 * text is from transcripts only.
 */
function assumable(ctx: LabContext, account: string, caller: Principal): boolean {
  const known = ctx.accounts.knows(account) || [ctx.stores.apigw, ctx.stores.lambda].some((store) => store.regionsOf(account).length > 0);
  const trusted = caller.account === account || caller.account === DEFAULT_KEY.accountId;
  return known && trusted && !ctx.accounts.isUntrusted(account);
}

export function expiredToken(): AwsError {
  return new AwsError(403, "ExpiredToken", "The security token included in the request is expired");
}

function result(action: string, inner: string, requestId: string): string {
  return `<${action}Response xmlns="${XMLNS}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

function xml(status: number, body: string): LabResponse {
  return { status, headers: { "content-type": "text/xml" }, body };
}

