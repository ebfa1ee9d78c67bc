// Evaluates a Lambda function's resource-based policy for one invocation request, as Lambda does when
// a service (API Gateway) invokes the function. Pure and dependency-free: the lab's gateway uses it to
// decide whether an invocation happens, and the checker uses it to explain a participant's permission.
//
// Sources: IAM User Guide "Policy evaluation logic"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html: an explicit
// Deny overrides any Allow; without an Allow the request is implicitly denied), and those listed below.
//
// The document is untrusted input (a participant may have written it by hand, and GetPolicy hands it
// over as a JSON string): every shape is accepted without throwing, and whatever cannot be read never
// grants access.
//
// Sources cited in this file:
// - execute-api ARNs of WebSocket routes: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
// - IAM condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
import { arnLike, stringLike } from "./arnlike.js";

export interface InvokeRequest {
  /** The calling service principal, "apigateway.amazonaws.com" for API Gateway. */
  principalService: string;
  /** "lambda:InvokeFunction" */
  action: string;
  /** The function ARN the request is for. */
  resource: string;
  /** AWS:SourceArn, e.g. arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<routeKey> */
  sourceArn?: string;
  /** AWS:SourceAccount, the account that owns the calling resource. */
  sourceAccount?: string;
}

export interface StatementVerdict {
  index: number;
  sid?: string;
  effect?: string;
  /** Principal, action, resource and every condition match. */
  matches: boolean;
  /** Why the statement does not apply: its first element that fails, or why it cannot be read. */
  reason?: string;
}

export interface PolicyDecision {
  allowed: boolean;
  decision: "Allow" | "ExplicitDeny" | "ImplicitDeny";
  /** The statement that decided: the first matching Deny, else the first matching Allow. */
  decidedBy?: { index: number; sid?: string; statement: unknown };
  /** One verdict per statement, in document order, to explain an implicit deny. */
  statements: StatementVerdict[];
  /** Set when the document itself cannot be read (absent, not JSON, no Statement). */
  problem?: string;
}

/**
 * The source ARN API Gateway presents when a WebSocket route invokes a function:
 * arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<routeKey> (execute-api ARNs of WebSocket routes); that Lambda
 * sees exactly this as AWS:SourceArn is UNCONFIRMED, but it is what every IaC pattern matches.
 */
export function executeApiSourceArn(region: string, account: string, apiId: string, stage: string, routeKey: string): string {
  return `arn:aws:execute-api:${region}:${account}:${apiId}/${stage}/${routeKey}`;
}

type Json = unknown;
type Dict = Record<string, Json>;

function isDict(value: Json): value is Dict {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function evaluateLambdaPolicy(policy: Json, request: InvokeRequest): PolicyDecision {
  const read = readStatements(policy);
  if (typeof read === "string") return { allowed: false, decision: "ImplicitDeny", statements: [], problem: read };
  const verdicts = read.map((statement, index) => judgeStatement(statement, index, request));
  const decide = (effect: string) => verdicts.find((v) => v.matches && v.effect === effect);
  const deciding = decide("Deny") ?? decide("Allow");
  const decision = !deciding ? "ImplicitDeny" : deciding.effect === "Deny" ? "ExplicitDeny" : "Allow";
  const result: PolicyDecision = { allowed: decision === "Allow", decision, statements: verdicts };
  if (deciding) result.decidedBy = { index: deciding.index, sid: deciding.sid, statement: read[deciding.index] };
  return result;
}

/** The statements of a document given parsed or as GetPolicy's string; a string result is the problem. */
export function readStatements(policy: Json): Json[] | string {
  let doc = policy;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return "the policy is not valid JSON";
    }
  }
  if (doc === undefined || doc === null) return "there is no policy";
  if (!isDict(doc)) return "the policy is not a JSON object";
  const statement = doc.Statement;
  // IAM accepts a single statement object as well as a list [IAM User Guide, "Statement" element].
  if (isDict(statement)) return [statement];
  if (Array.isArray(statement)) return statement;
  return "the policy has no Statement";
}

function judgeStatement(statement: Json, index: number, request: InvokeRequest): StatementVerdict {
  if (!isDict(statement)) return { index, matches: false, reason: "the statement is not a JSON object" };
  const sid = typeof statement.Sid === "string" ? statement.Sid : undefined;
  const effect = statement.Effect;
  const verdict: StatementVerdict = { index, sid, matches: false };
  if (effect !== "Allow" && effect !== "Deny") return { ...verdict, reason: `Effect ${JSON.stringify(effect)} is neither Allow nor Deny` };
  verdict.effect = effect;
  const reason = principalMismatch(statement, request) ?? actionMismatch(statement, request) ?? resourceMismatch(statement, request) ?? conditionMismatch(statement.Condition, request);
  return reason === undefined ? { ...verdict, matches: true } : { ...verdict, reason };
}

/** A string or a list of strings; anything else (numbers, objects) is unreadable. */
function stringList(value: Json): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return undefined;
}

/**
 * The element or its Not- form (NotPrincipal, NotAction, NotResource), which matches everything the
 * listed values do not [IAM User Guide, NotAction / NotResource / NotPrincipal].
 */
function elementMismatch(statement: Dict, name: string, matches: (value: Json) => boolean | undefined, describe: string): string | undefined {
  const positive = name in statement;
  const negative = `Not${name}` in statement;
  if (positive === negative) return `the statement needs exactly one of ${name} and Not${name}`;
  const key = positive ? name : `Not${name}`;
  const hit = matches(statement[key]);
  if (hit === undefined) return `${key} is not readable`;
  if (hit !== positive) return `${key} ${JSON.stringify(statement[key])} ${positive ? "does not cover" : "excludes"} ${describe}`;
  return undefined;
}

function principalMismatch(statement: Dict, request: InvokeRequest): string | undefined {
  return elementMismatch(statement, "Principal", (p) => principalMatches(p, request.principalService), request.principalService);
}

/**
 * "*" and {"AWS": "*"} name everyone in a resource-based policy; {"Service": ...} names service
 * principals by exact name [IAM User Guide, "AWS JSON policy elements: Principal"].
 */
function principalMatches(principal: Json, service: string): boolean | undefined {
  if (principal === "*") return true;
  if (!isDict(principal)) return undefined;
  let readable = true;
  for (const [kind, value] of Object.entries(principal)) {
    const names = stringList(value);
    if (!names) {
      readable = false;
      continue;
    }
    if (kind === "AWS" && names.includes("*")) return true;
    if (kind === "Service" && names.includes(service)) return true;
  }
  return readable ? false : undefined;
}

/** Action names are case-insensitive and may carry wildcards (lambda:*, lambda:Invoke*). */
function actionMismatch(statement: Dict, request: InvokeRequest): string | undefined {
  const wanted = request.action.toLowerCase();
  const matches = (value: Json) => stringList(value)?.some((a) => stringLike(a.toLowerCase(), wanted));
  return elementMismatch(statement, "Action", matches, request.action);
}

/** The Resource element takes ARN patterns, matched part by part like ArnLike [IAM User Guide, "Resource"]. */
function resourceMismatch(statement: Dict, request: InvokeRequest): string | undefined {
  const matches = (value: Json) => stringList(value)?.some((r) => arnLike(r, request.resource));
  return elementMismatch(statement, "Resource", matches, request.resource);
}

/** The request's context keys, by lower-cased name: condition key names are case-insensitive (IAM condition operators). */
function contextKeys(request: InvokeRequest): Map<string, string> {
  const keys = new Map<string, string>([["aws:principalservicename", request.principalService]]);
  if (request.sourceArn !== undefined) keys.set("aws:sourcearn", request.sourceArn);
  if (request.sourceAccount !== undefined) keys.set("aws:sourceaccount", request.sourceAccount);
  return keys;
}

/** Every operator block and every key inside it must hold; a statement without Condition holds. */
function conditionMismatch(condition: Json, request: InvokeRequest): string | undefined {
  if (condition === undefined) return undefined;
  if (!isDict(condition)) return "Condition is not readable";
  const context = contextKeys(request);
  for (const [operator, block] of Object.entries(condition)) {
    if (!isDict(block)) return `Condition ${operator} is not readable`;
    for (const [key, values] of Object.entries(block)) {
      const failure = conditionFailure(operator, key, values, context.get(key.toLowerCase()));
      if (failure !== undefined) return `Condition ${operator} ${key}: ${failure}`;
    }
  }
  return undefined;
}

type Comparator = (pattern: string, value: string) => boolean;

const COMPARATORS: Record<string, Comparator> = {
  StringEquals: (p, v) => p === v,
  StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  StringLike: stringLike,
  // ArnEquals behaves exactly like ArnLike, wildcards included [IAM condition operators, ARN condition operators].
  ArnEquals: arnLike,
  ArnLike: arnLike,
  Bool: (p, v) => p.toLowerCase() === v.toLowerCase(),
};

const NEGATIONS: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
};

/** Condition values may be written as numbers or booleans; IAM compares their text. */
function conditionValues(values: Json): string[] | undefined {
  const list = Array.isArray(values) ? values : [values];
  if (!list.every((v) => ["string", "number", "boolean"].includes(typeof v))) return undefined;
  return list.map(String);
}

/**
 * Why one condition key fails, or undefined when it holds. The context keys here are single-valued, so
 * ForAnyValue: behaves as the plain operator and ForAllValues: holds vacuously for an absent key
 * [IAM User Guide, "Set operators for multivalued context keys"].
 */
function conditionFailure(operator: string, key: string, values: Json, actual: string | undefined): string | undefined {
  const patterns = conditionValues(values);
  if (!patterns) return "the values are not readable";
  let name = operator;
  const forAll = name.startsWith("ForAllValues:");
  name = name.replace(/^For(All|Any)Values:/, "");
  if (forAll && actual === undefined) return undefined;
  if (name === "Null") return nullFailure(patterns, actual);
  const ifExists = name.endsWith("IfExists");
  if (ifExists) name = name.slice(0, -"IfExists".length);
  const negatedOf = NEGATIONS[name];
  const compare = COMPARATORS[negatedOf ?? name];
  if (!compare) return `the operator ${operator} is not supported for this request`;
  // An absent key: positive operators fail, negated ones hold, ...IfExists holds [IAM condition operators, "Important"].
  if (actual === undefined) return ifExists || negatedOf ? undefined : "the key is absent from the request";
  const hit = patterns.some((pattern) => compare(pattern, actual));
  if (negatedOf) return hit ? `${actual} matches ${JSON.stringify(values)}` : undefined;
  return hit ? undefined : `${actual} does not match ${JSON.stringify(values)}`;
}

/** Null: "true" holds when the key is absent, "false" when it is present [IAM condition operators, Null check]. */
function nullFailure(patterns: string[], actual: string | undefined): string | undefined {
  const wantAbsent = patterns.some((p) => p.toLowerCase() === "true");
  const absent = actual === undefined;
  return wantAbsent === absent ? undefined : absent ? "the key is absent from the request" : "the key is present in the request";
}
