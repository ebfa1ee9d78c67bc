// Finding the function a request names, and the views of it that Lambda sends back.
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
import { constraint, invalidParameter, notFound, validationError } from "./errors.js";
import type { FunctionConfiguration, LambdaFunction, LambdaState, LambdaStates } from "./model.js";
import { functionArn, parseFunctionRef, type FunctionRef } from "./names.js";

/** The lab publishes no versions or aliases: $LATEST is the only qualifier a function has. */
export const LATEST = "$LATEST";

export interface Resolved {
  state: LambdaState;
  ref: FunctionRef;
  fn: LambdaFunction;
  /** The qualifier from the name or the Qualifier query, when one was given. */
  qualifier?: string;
}

/**
 * Resolves `{FunctionName}` plus an optional `Qualifier` query member. Missing functions and qualifiers
 * are ResourceNotFoundException "Function not found: <arn>" (as public CLI transcripts show it; UNCONFIRMED for GetPolicy).
 */
export function resolveFunction(store: LambdaStates, account: string, region: string, reference: string, queryQualifier?: string | null): Resolved {
  const { ref, qualifier } = readReference(reference, account, region, queryQualifier);
  const missing = notFound(`Function not found: ${functionArn(ref.account, ref.region, ref.name, qualifier)}`);
  // An ARN of another account or region names nothing the caller can see: accounts are invisible to one
  // another in the lab (as test/lab/apigw.test.ts shows for APIs). On AWS another account's function answers AccessDenied unless its
  // policy allows the caller (UNCONFIRMED for this path; the lab answers as for a missing function).
  if (ref.account !== account || ref.region !== region) throw missing;
  const state = store.region(account, region);
  const fn = state.functions.get(ref.name);
  if (!fn || (qualifier !== undefined && qualifier !== LATEST)) throw missing;
  return qualifier === undefined ? { state, ref, fn } : { state, ref, fn, qualifier };
}

function readReference(reference: string, account: string, region: string, queryQualifier?: string | null): { ref: FunctionRef; qualifier?: string } {
  const ref = parseFunctionRef(reference, account, region);
  const fromQuery = queryQualifier ?? undefined;
  if (fromQuery !== undefined && !/^[a-zA-Z0-9$_-]{1,128}$/.test(fromQuery)) {
    throw validationError([constraint("qualifier", fromQuery, "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)")]);
  }
  if (ref.qualifier !== undefined && fromQuery !== undefined && ref.qualifier !== fromQuery) {
    throw invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
  }
  const qualifier = ref.qualifier ?? fromQuery;
  return qualifier === undefined ? { ref } : { ref, qualifier };
}

/** GetFunctionConfiguration's view; a qualified request gets the qualified ARN (UNCONFIRMED for $LATEST). */
export function configurationView(fn: LambdaFunction, qualifier?: string): FunctionConfiguration {
  const configuration = withoutEmptyEnvironment(fn.configuration);
  if (qualifier === undefined) return configuration;
  return { ...configuration, FunctionArn: `${configuration.FunctionArn}:${qualifier}` };
}

const STATE_FIELDS = ["State", "StateReason", "StateReasonCode", "LastUpdateStatus", "LastUpdateStatusReason", "LastUpdateStatusReasonCode"];

/** botocore's lambda model: ListFunctions returns a subset, without State, LastUpdateStatus and their reasons. */
export function listedView(fn: LambdaFunction): Record<string, unknown> {
  const view: Record<string, unknown> = { ...withoutEmptyEnvironment(fn.configuration) };
  for (const field of STATE_FIELDS) delete view[field];
  return view;
}

/**
 * A function without variables has no Environment member at all, as AWS omits unset members
 * (UNCONFIRMED after the variables were all removed; the lab omits it then too).
 */
function withoutEmptyEnvironment(configuration: FunctionConfiguration): FunctionConfiguration {
  const variables = configuration.Environment?.Variables;
  if (variables && Object.keys(variables).length > 0) return { ...configuration, Environment: { Variables: { ...variables } } };
  const { Environment: _omitted, ...rest } = configuration;
  return rest as FunctionConfiguration;
}
