// "This statement lets API Gateway call that function for that route": the one reading of a function's
// resource-based policy for a WebSocket route, shared by the checks (checks/lib/permission.ts explains a
// refusal) and the plan (src/plan/solve.ts keeps a statement that allows the route, src/plan/reset.ts removes
// the ones that allow step 2's routes). The evaluation itself is IAM's (src/policy/lambda-policy.ts).
//
// Sources cited in this file:
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
import { parseLambdaFunctionArn } from "../aws/arn.js";
import { evaluateLambdaPolicy, executeApiSourceArn, readStatements, type InvokeRequest, type PolicyDecision } from "../policy/lambda-policy.js";
import { STAGE_NAME } from "../workshop/names.js";
import { isDict, text } from "./read.js";

/** The API a route belongs to. */
export interface ApiPlace {
  region: string;
  account: string;
  apiId: string;
}

const PRINCIPAL = "apigateway.amazonaws.com";
const ACTION = "lambda:InvokeFunction";

/**
 * The request Lambda evaluates when API Gateway invokes the function for a route on a stage (Lambda AddPermission).
 * The unqualified function's policy is the one read (GetPolicy without Qualifier), as the lab's gateway reads it.
 */
export function routeInvocation(place: ApiPlace, functionArn: string, routeKey: string, stage: string = STAGE_NAME): InvokeRequest {
  return {
    principalService: PRINCIPAL,
    action: ACTION,
    resource: parseLambdaFunctionArn(functionArn)?.unqualifiedArn ?? functionArn,
    sourceArn: executeApiSourceArn(place.region, place.account, place.apiId, stage, routeKey),
    sourceAccount: place.account,
  };
}

/** What the whole policy decides for the route: Allow, an explicit Deny, or nothing that allows it. */
export function decideRoute(policy: unknown, place: ApiPlace, functionArn: string, routeKey: string, stage: string = STAGE_NAME): PolicyDecision {
  return evaluateLambdaPolicy(policy, routeInvocation(place, functionArn, routeKey, stage));
}

/** Whether one statement, alone, lets API Gateway invoke the function for the route. */
export function statementAllowsRoute(statement: unknown, place: ApiPlace, functionArn: string, routeKey: string, stage: string = STAGE_NAME): boolean {
  return evaluateLambdaPolicy({ Statement: [statement] }, routeInvocation(place, functionArn, routeKey, stage)).allowed;
}

/** The statement would let API Gateway invoke the function if its Condition were gone. */
export function appliesWithoutCondition(statement: unknown, request: InvokeRequest): boolean {
  if (!isDict(statement)) return false;
  const { Condition: _condition, ...unconditioned } = statement;
  return evaluateLambdaPolicy({ Statement: [unconditioned] }, request).allowed;
}

/** The statements of a document exactly as the evaluator reads them (GetPolicy's string, or parsed; one statement or a list); none when it cannot be read. */
export function statementsOf(policy: unknown): unknown[] {
  const read = readStatements(policy);
  return typeof read === "string" ? [] : read;
}

/** The statement's Sid: what RemovePermission takes; a statement without one cannot be removed through the API. */
export function sidOf(statement: unknown): string | undefined {
  return isDict(statement) ? text(statement.Sid) : undefined;
}

/** How a message names a statement: its Sid, else its place in the document (#1, #2, ...). */
export function statementLabel(statement: unknown, index: number): string {
  return sidOf(statement) ?? `#${index + 1}`;
}

/** The values of every positive condition on AWS:SourceArn (ArnLike, ArnEquals, StringLike, ...), any case. */
export function sourceArnPatterns(statement: unknown): string[] {
  const condition = isDict(statement) ? statement.Condition : undefined;
  if (!isDict(condition)) return [];
  const patterns: string[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!isDict(block) || /Not/.test(operator)) continue;
    for (const [key, values] of Object.entries(block)) {
      if (key.toLowerCase() !== "aws:sourcearn") continue;
      for (const value of Array.isArray(values) ? values : [values]) if (typeof value === "string") patterns.push(value);
    }
  }
  return patterns;
}

/** The statement that allowed the route has no SourceArn: any API, not only this one, may invoke the function. */
export function allowsAnySource(decision: PolicyDecision): boolean {
  return decision.decision === "Allow" && sourceArnPatterns(decision.decidedBy?.statement).length === 0;
}
