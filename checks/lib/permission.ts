// Whether a function's resource policy lets API Gateway invoke it for <apiId>/v1/<routeKey>, decided by the
// rule the plan reads too (src/rules/permission.ts, over IAM's evaluation in src/policy) and, when it does not,
// explained: which statement comes closest and what it allows instead (another API, another route, another
// stage, another account or region).
// Shared by s1.connect, s2.disconnect-permission and s2.default-permission.
import { parseExecuteApiArn, parseLambdaFunctionArn } from "../../src/aws/arn.js";
import type { Snapshot } from "../../src/collect/snapshot.js";
import { FUNCTION_ROLES, STAGE_NAME, type FunctionRole } from "../../src/workshop/names.js";
import type { Fix, Localized, Verdict } from "../../src/engine/check.js";
import { stringLike } from "../../src/policy/arnlike.js";
import { evaluateLambdaPolicy, executeApiSourceArn, type InvokeRequest, type StatementVerdict } from "../../src/policy/lambda-policy.js";
import { allowsAnySource, appliesWithoutCondition, decideRoute, routeInvocation, sourceArnPatterns, statementLabel, statementsOf, type ApiPlace } from "../../src/rules/permission.js";
import { addPermissionCommand, permissionStatementId, removePermissionCommand } from "../../src/workshop/cli-commands.js";
import { apiOf, functionName, functionOf } from "./read.js";
import { ROUTE_ITEMS, ROUTE_ROLE, type RouteKey } from "../../src/workshop/routes.js";
import { change, FIX_API_FIRST, verdicts, type Vars } from "./verdict.js";
import { whereOf } from "./wiring.js";

export const permissionMessages = {
  "perm.noApi": {
    ko: "OrderCallbackAPI를 찾지 못해 {routeKey} 호출 권한을 확인할 수 없습니다(s1.api 참고).",
    en: "OrderCallbackAPI was not found, so the invoke permission for {routeKey} cannot be checked (see s1.api).",
  },
  "perm.noFunction": {
    ko: "리전 {region}에 함수 {functionName|이/가} 없어 권한을 확인할 수 없습니다(s1.functions 참고).",
    en: "There is no function {functionName} in region {region}, so its permission cannot be checked (see s1.functions).",
  },
  "perm.noPolicy": {
    ko: "{functionName}에 리소스 기반 정책이 없습니다: API Gateway가 {sourceArn}에서 이 함수를 호출할 수 없습니다.",
    en: "{functionName} has no resource-based policy: API Gateway cannot invoke it for {sourceArn}.",
  },
  "perm.unreadable": {
    ko: "{functionName}의 리소스 기반 정책을 읽을 수 없습니다({problem}): 아무 호출도 허용하지 않습니다.",
    en: "The resource-based policy of {functionName} cannot be read ({problem}); it allows nothing.",
  },
  "perm.noStatement": {
    ko: "{functionName}의 정책 문장 {count}개 중 apigateway.amazonaws.com의 lambda:InvokeFunction을 허용하는 문장이 없습니다.",
    en: "None of the {count} statements in the policy of {functionName} lets apigateway.amazonaws.com call lambda:InvokeFunction.",
  },
  "perm.otherApi": {
    ko: "{functionName}의 문장 {sid|은/는} 다른 API {allowedApi}의 호출만 허용합니다(SourceArn {pattern}). 이 API는 {apiId}입니다.",
    en: "Statement {sid} of {functionName} allows calls from another API only, {allowedApi} (SourceArn {pattern}); this API is {apiId}.",
  },
  "perm.otherRoute": {
    ko: "{functionName}의 문장 {sid|은/는} 경로 {allowedRoute}의 호출만 허용하고 {routeKey|은/는} 허용하지 않습니다(SourceArn {pattern}).",
    en: "Statement {sid} of {functionName} allows calls for the route {allowedRoute} only, not {routeKey} (SourceArn {pattern}).",
  },
  "perm.otherStage": {
    ko: "{functionName}의 문장 {sid|은/는} 스테이지 {allowedStage}의 호출만 허용하고 v1은 허용하지 않습니다(SourceArn {pattern}).",
    en: "Statement {sid} of {functionName} allows calls through stage {allowedStage} only, not v1 (SourceArn {pattern}).",
  },
  "perm.otherLocation": {
    ko: "{functionName}의 문장 {sid|은/는} 리전 {allowedRegion}, 계정 {allowedAccount}의 API만 허용합니다(SourceArn {pattern}). 이 API는 리전 {region}, 계정 {account}에 있습니다.",
    en: "Statement {sid} of {functionName} allows APIs in region {allowedRegion}, account {allowedAccount} only (SourceArn {pattern}); this API is in region {region}, account {account}.",
  },
  "perm.conditionOther": {
    ko: "{functionName}의 문장 {sid}의 조건이 {sourceArn}에서의 호출과 맞지 않습니다: {reason}",
    en: "The condition of statement {sid} of {functionName} does not hold for a call from {sourceArn}: {reason}",
  },
  "perm.denied": {
    ko: "{functionName}의 문장 {sid|이/가} {sourceArn}에서의 호출을 명시적으로 거부(Deny)합니다.",
    en: "Statement {sid} of {functionName} explicitly denies calls from {sourceArn}.",
  },
  "perm.noSourceArn": {
    ko: "{functionName}의 문장 {sid|이/가} 호출을 허용하지만 SourceArn 조건이 없어, 이 API뿐 아니라 어느 API든 이 함수를 호출할 수 있습니다.",
    en: "Statement {sid} of {functionName} allows the call but has no SourceArn condition, so any API, not only this one, may invoke the function.",
  },
  "perm.ok": {
    ko: "{functionName}의 문장 {sid|이/가} apigateway.amazonaws.com의 {sourceArn} 호출을 허용합니다.",
    en: "Statement {sid} of {functionName} lets apigateway.amazonaws.com invoke it for {sourceArn}.",
  },
  "perm.hint.add": {
    ko: "항목 {items}: {routeKey}의 통합 요청(Integration Request)을 저장할 때 뜨는 'Lambda 함수에 권한 추가' 메시지에서 확인(OK)을 누르면 권한이 추가됩니다. 놓쳤다면 함수를 다시 선택해 저장하거나 아래 명령으로 추가하세요.",
    en: "Item {items}: when you save the Integration Request of {routeKey}, confirm (OK) the message about adding a permission to the Lambda function. If you missed it, pick the function again and save, or add it with the command below.",
  },
  "perm.hint.otherFunction": {
    ko: "{routeKey}용 권한이 다른 함수 {otherFunction}에 추가되어 있습니다. {functionName}에 추가하세요.",
    en: "The permission for {routeKey} was added to another function, {otherFunction}. Add it to {functionName}.",
  },
  "perm.hint.otherApi": {
    ko: "예전 API나 다른 API에 대한 권한입니다(API를 다시 만든 경우 흔합니다). 이 API {apiId}에 대한 권한을 추가하세요.",
    en: "The permission is for an earlier or another API (common after re-creating the API). Add one for this API, {apiId}.",
  },
  "perm.hint.otherRoute": {
    ko: "{allowedRoute}용 권한이 {functionName}에 붙어 있습니다. {routeKey}용 권한을 추가하세요(항목 {items}).",
    en: "{functionName} carries a permission for {allowedRoute}. Add one for {routeKey} (item {items}).",
  },
  "perm.hint.otherSource": {
    ko: "SourceArn이 이 API의 스테이지 v1, 경로 {routeKey|을/를} 포함하도록 권한을 다시 추가하세요(스테이지 부분은 *로 두면 됩니다).",
    en: "Add the permission again with a SourceArn that covers this API's stage v1 and route {routeKey} (a * for the stage is fine).",
  },
  "perm.hint.replace": {
    ko: "문장 {sid|은/는} 이 경로를 허용하지 않으니 지우고, 같은 ID로 이 API의 {routeKey|을/를} 허용하는 권한을 다시 추가하세요.",
    en: "Statement {sid} does not allow this route: remove it, and add the permission for this API's {routeKey} again under the same id.",
  },
  "perm.hint.denied": {
    ko: "Deny 문장 {sid|을/를} 지우고 호출을 허용하는 권한을 추가하세요.",
    en: "Remove the Deny statement {sid}, and add a permission that allows the call.",
  },
  "perm.hint.noSourceArn": {
    ko: "문장 {sid|을/를} 지우고 SourceArn을 붙여 다시 추가하세요.",
    en: "Remove statement {sid} and add it again with a SourceArn.",
  },
  "perm.hint.api": FIX_API_FIRST,
  "perm.hint.function": {
    ko: "1단계의 CloudFormation 스택이 함수를 만들었는지, 콘솔 오른쪽 위의 리전이 맞는지 확인하세요.",
    en: "Check that the CloudFormation stack of step 1 created the function, and that the console's region (top right) is the right one.",
  },
} satisfies Record<string, Localized>;

export type PermissionKey = keyof typeof permissionMessages;
const { pass, fail, warn } = verdicts(permissionMessages);

export function judgePermission(snapshot: Snapshot, routeKey: RouteKey): Verdict<PermissionKey> {
  const verdict = permissionVerdict(snapshot, routeKey);
  return verdict.status === "pass" ? verdict : withPermissionFix(snapshot, routeKey, verdict);
}

const NO_COMMAND_HINTS = new Set(["perm.hint.api", "perm.hint.function"]);
const REPLACEABLE_HINTS = new Set(["perm.hint.otherApi", "perm.hint.otherSource", "perm.hint.otherRoute", "perm.hint.add"]);

/**
 * The commands of a permission hint, runnable again and again without a conflict: a statement the verdict
 * names as wrong is removed first when the hint asks for that (Deny, no SourceArn) or when it holds the
 * statement id the fix would add, and the added statement gets an id the policy does not hold.
 */
function withPermissionFix(snapshot: Snapshot, routeKey: RouteKey, verdict: Verdict<PermissionKey>): Verdict<PermissionKey> {
  const hintKey = verdict.hint?.key;
  if (!hintKey || NO_COMMAND_HINTS.has(hintKey)) return verdict;
  const where = whereOf(snapshot);
  const role = ROUTE_ROLE[routeKey];
  const name = functionName(snapshot, role);
  const taken = new Set(statementsOf(functionOf(snapshot, role)?.policy).map(statementLabel));
  const named = verdict.detail.vars?.sid;
  const wrongSid = typeof named === "string" && taken.has(named) ? named : undefined;
  const ours = permissionStatementId(where, routeKey);
  const replaces = wrongSid === ours && REPLACEABLE_HINTS.has(hintKey);
  const removes = hintKey === "perm.hint.denied" || hintKey === "perm.hint.noSourceArn" || replaces;
  const fix: Fix[] = [];
  if (removes && wrongSid) {
    fix.push(change(removePermissionCommand(where, name, wrongSid)));
    taken.delete(wrongSid);
  }
  fix.push(change(addPermissionCommand(where, name, routeKey, freeStatementId(ours, taken))));
  const hint = replaces ? { ...verdict.hint!, key: "perm.hint.replace" as const } : verdict.hint;
  return { ...verdict, ...(hint ? { hint } : {}), fix };
}

/** `id`, or `id-2`, `id-3`, ... : the first one no statement of the policy holds. */
function freeStatementId(id: string, taken: ReadonlySet<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  return candidate;
}

function permissionVerdict(snapshot: Snapshot, routeKey: RouteKey): Verdict<PermissionKey> {
  const where = whereOf(snapshot);
  const role = ROUTE_ROLE[routeKey];
  const name = functionName(snapshot, role);
  const place: ApiPlace = { region: where.region, account: where.account ?? "<account>", apiId: where.apiId ?? "" };
  const vars: Vars = {
    routeKey,
    functionName: name,
    region: place.region,
    account: place.account,
    apiId: place.apiId,
    sourceArn: executeApiSourceArn(place.region, place.account, place.apiId, STAGE_NAME, routeKey),
    items: ROUTE_ITEMS[routeKey].permission,
  };
  if (!apiOf(snapshot)) return fail("perm.noApi", vars, "perm.hint.api");
  const fn = functionOf(snapshot, role);
  if (!fn) return fail("perm.noFunction", vars, "perm.hint.function");
  const request = routeInvocation(place, String(fn.arn), routeKey);
  if (fn.policy === null || fn.policy === undefined) return missing("perm.noPolicy", snapshot, role, request, vars);
  const decision = decideRoute(fn.policy, place, String(fn.arn), routeKey);
  if (decision.problem) return fail("perm.unreadable", { ...vars, problem: decision.problem }, "perm.hint.add");
  const statements = statementsOf(fn.policy);
  const deciding = decision.decidedBy;
  const sid = deciding ? statementLabel(deciding.statement, deciding.index) : "-";
  if (decision.decision === "Allow") return allowsAnySource(decision) ? warn("perm.noSourceArn", { ...vars, sid }, "perm.hint.noSourceArn") : pass("perm.ok", { ...vars, sid });
  if (decision.decision === "ExplicitDeny") return fail("perm.denied", { ...vars, sid }, "perm.hint.denied");
  return explainDenial(snapshot, role, request, statements, decision.statements, vars);
}

/** No statement applies: the closest one (API Gateway may invoke, only the condition fails) says why. */
function explainDenial(snapshot: Snapshot, role: FunctionRole, request: InvokeRequest, statements: unknown[], verdicts: StatementVerdict[], vars: Vars): Verdict<PermissionKey> {
  for (const verdict of verdicts) {
    const statement = statements[verdict.index];
    if (verdict.effect !== "Allow" || !appliesWithoutCondition(statement, request)) continue;
    return explainCondition(statement, verdict, vars);
  }
  return missing("perm.noStatement", snapshot, role, request, { ...vars, count: statements.length });
}

/** Nothing on this function allows the call; when another workshop function's policy does, say so. */
function missing(key: PermissionKey, snapshot: Snapshot, role: FunctionRole, request: InvokeRequest, vars: Vars): Verdict<PermissionKey> {
  for (const other of FUNCTION_ROLES) {
    const fn = functionOf(snapshot, other);
    if (other === role || !fn || fn.policy === null || fn.policy === undefined) continue;
    const resource = parseLambdaFunctionArn(fn.arn)?.unqualifiedArn ?? String(fn.arn);
    if (evaluateLambdaPolicy(fn.policy, { ...request, resource }).allowed) return fail(key, { ...vars, otherFunction: fn.name }, "perm.hint.otherFunction");
  }
  return fail(key, vars, "perm.hint.add");
}

function explainCondition(statement: unknown, verdict: StatementVerdict, vars: Vars): Verdict<PermissionKey> {
  const sid = statementLabel(statement, verdict.index);
  const patterns = sourceArnPatterns(statement);
  const base = { ...vars, sid, pattern: patterns.join(", ") || "-", reason: verdict.reason ?? "-" };
  for (const pattern of patterns) {
    const miss = classify(pattern, base);
    if (miss) return miss;
  }
  return fail("perm.conditionOther", base, "perm.hint.otherSource");
}

/** What a SourceArn pattern allows instead of this route on v1, or undefined when it covers it. */
function classify(pattern: string, vars: Vars): Verdict<PermissionKey> | undefined {
  const allowed = parseExecuteApiArn(pattern);
  if (!allowed) return undefined;
  const covers = (patternPart: string | undefined, value: string) => patternPart !== undefined && stringLike(patternPart, value);
  if (!covers(allowed.apiId, String(vars.apiId))) return fail("perm.otherApi", { ...vars, pattern, allowedApi: allowed.apiId }, "perm.hint.otherApi");
  if (!covers(allowed.region, String(vars.region)) || !covers(allowed.account, String(vars.account))) {
    return fail("perm.otherLocation", { ...vars, pattern, allowedRegion: allowed.region, allowedAccount: allowed.account }, "perm.hint.otherSource");
  }
  if (allowed.stage !== undefined && allowed.routeKey !== undefined) {
    if (!stringLike(allowed.stage, STAGE_NAME)) return fail("perm.otherStage", { ...vars, pattern, allowedStage: allowed.stage }, "perm.hint.otherSource");
    if (!stringLike(allowed.routeKey, String(vars.routeKey))) return fail("perm.otherRoute", { ...vars, pattern, allowedRoute: allowed.routeKey }, "perm.hint.otherRoute");
  }
  return undefined;
}
