// How Lambda reads a function reference (botocore's lambda model, botocore NamespacedFunctionName): a name, a
// partial ARN "123456789012:function:name" or a full ARN "arn:aws:lambda:<region>:<acct>:function:name",
// each optionally followed by ":<qualifier>" ($LATEST, a version or an alias). Shared with the WebSocket
// gateway, which reads the function ARN out of an integration URI.
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
import { constraint, validationError } from "./errors.js";

export interface FunctionRef {
  name: string;
  qualifier?: string;
  account: string;
  region: string;
}

// Names may hold dots when looked up (the model's lookup pattern allows them); CreateFunction is stricter.
const NAME = /^[a-zA-Z0-9_.-]+$/;
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9_-]+)$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const LOOKUP_PATTERN =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

/** Parses a reference; one that fits none of the forms is AWS's ValidationException. */
export function parseFunctionRef(ref: string, account: string, region: string): FunctionRef {
  const parsed = splitRef(ref.split(":"), account, region);
  if (!parsed || !NAME.test(parsed.name) || (parsed.qualifier !== undefined && !QUALIFIER.test(parsed.qualifier))) {
    throw validationError([constraint("functionName", ref, `Member must satisfy regular expression pattern: ${LOOKUP_PATTERN}`)]);
  }
  return parsed;
}

function splitRef(parts: string[], account: string, region: string): FunctionRef | undefined {
  if (parts[0] === "arn") {
    const [, partition, service, arnRegion, arnAccount, kind, name, qualifier, ...rest] = parts;
    const valid = partition?.startsWith("aws") && service === "lambda" && REGION.test(arnRegion ?? "") && ACCOUNT.test(arnAccount ?? "") && kind === "function";
    return valid && name && rest.length === 0 ? withQualifier({ name, account: arnAccount!, region: arnRegion! }, qualifier) : undefined;
  }
  if (parts[1] === "function") {
    const [arnAccount, , name, qualifier, ...rest] = parts;
    return ACCOUNT.test(arnAccount ?? "") && name && rest.length === 0 ? withQualifier({ name, account: arnAccount!, region }, qualifier) : undefined;
  }
  const [name, qualifier, ...rest] = parts;
  return name && rest.length === 0 ? withQualifier({ name, account, region }, qualifier) : undefined;
}

function withQualifier(ref: FunctionRef, qualifier: string | undefined): FunctionRef {
  return qualifier === undefined ? ref : { ...ref, qualifier };
}

export function functionArn(account: string, region: string, name: string, qualifier?: string): string {
  const arn = `arn:aws:lambda:${region}:${account}:function:${name}`;
  return qualifier === undefined ? arn : `${arn}:${qualifier}`;
}
