// The configuration members CreateFunction and UpdateFunctionConfiguration share, checked as Lambda
// checks them: the model's constraints first (one ValidationException listing every broken one), then
// the service's own rules (InvalidParameterValueException).
import { constraint, invalidParameter, notImplemented, validationError } from "./errors.js";
import { camel, type Body } from "./input.js";
import type { FunctionConfiguration } from "./model.js";

/** The Runtime enum of the Lambda model (@aws-sdk/client-lambda 3.1164.0, models/enums). */
export const RUNTIMES = [
  "dotnet10", "dotnet6", "dotnet8", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "go1.x",
  "java11", "java11.al2023", "java17", "java17.al2023", "java21", "java25", "java8", "java8.al2", "java8.al2023",
  "nodejs", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x",
  "nodejs24.x", "nodejs26.x", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "provided", "provided.al2",
  "provided.al2023", "python2.7", "python3.10", "python3.11", "python3.12", "python3.13", "python3.14", "python3.15",
  "python3.6", "python3.7", "python3.8", "python3.9", "ruby2.5", "ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4", "ruby4.0",
];

/**
 * Runtimes whose "block function create/update" date passed long ago (Lambda runtime deprecation
 * policy). Later deprecations had their dates moved more than once, so the lab leaves them allowed.
 */
const BLOCKED: Record<string, string> = {
  nodejs: "nodejs20.x", "nodejs4.3": "nodejs20.x", "nodejs4.3-edge": "nodejs20.x", "nodejs6.10": "nodejs20.x",
  "nodejs8.10": "nodejs20.x", "nodejs10.x": "nodejs20.x", "nodejs12.x": "nodejs20.x", "python2.7": "python3.12",
  "python3.6": "python3.12", "dotnetcore1.0": "dotnet8", "dotnetcore2.0": "dotnet8", "dotnetcore2.1": "dotnet8", "ruby2.5": "ruby3.3",
};

/** Reserved environment variables Lambda sets itself [Lambda guide, "Defined runtime environment variables"]. */
const RESERVED_VARIABLES = [
  "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
];

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";

export type Settings = Partial<Pick<FunctionConfiguration, "Role" | "Runtime" | "Handler" | "Description" | "Timeout" | "MemorySize" | "Environment">>;

/** Reads and checks the settable members; absent members stay absent (an update keeps them). */
export function readSettings(body: Body): Settings {
  const settings: Settings = pickDefined({
    Role: body.string("Role"),
    Runtime: body.string("Runtime"),
    Handler: body.string("Handler"),
    Description: body.string("Description"),
    Timeout: body.integer("Timeout"),
    MemorySize: body.integer("MemorySize"),
    Environment: readEnvironment(body),
  });
  const problems = modelProblems(settings);
  if (problems.length > 0) throw validationError(problems);
  checkServiceRules(settings);
  if ((body.stringList("Layers") ?? []).length > 0) throw notImplemented("Layers");
  return settings;
}

function readEnvironment(body: Body): { Variables: Record<string, string> } | undefined {
  const environment = body.object("Environment");
  // Given at all, Environment replaces the variables; without Variables it removes them (AWS semantics).
  return environment === undefined ? undefined : { Variables: environment.stringMap("Variables") ?? {} };
}

function modelProblems(s: Settings): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, field: keyof Settings, rule: string) => {
    if (!ok) problems.push(constraint(camel(field), s[field], rule));
  };
  if (s.Role !== undefined) check(ROLE.test(s.Role), "Role", `Member must satisfy regular expression pattern: ${ROLE_PATTERN}`);
  if (s.Runtime !== undefined) check(RUNTIMES.includes(s.Runtime), "Runtime", `Member must satisfy enum value set: [${RUNTIMES.join(", ")}] or be a valid ARN`);
  if (s.Handler !== undefined) {
    check(s.Handler.length <= 128, "Handler", "Member must have length less than or equal to 128");
    check(/^[^\s]+$/.test(s.Handler), "Handler", "Member must satisfy regular expression pattern: [^\\s]+");
  }
  if (s.Description !== undefined) check(s.Description.length <= 256, "Description", "Member must have length less than or equal to 256");
  if (s.Timeout !== undefined) {
    check(s.Timeout >= 1, "Timeout", "Member must have value greater than or equal to 1");
    // 900 s is Lambda's documented maximum; that it is reported as a model constraint is UNCONFIRMED.
    check(s.Timeout <= 900, "Timeout", "Member must have value less than or equal to 900");
  }
  if (s.MemorySize !== undefined) {
    check(s.MemorySize >= 128, "MemorySize", "Member must have value greater than or equal to 128");
    check(s.MemorySize <= 10240, "MemorySize", "Member must have value less than or equal to 10240");
  }
  return problems;
}

function checkServiceRules(s: Settings): void {
  if (s.Runtime !== undefined && BLOCKED[s.Runtime]) {
    throw invalidParameter(
      `The runtime parameter of ${s.Runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (${BLOCKED[s.Runtime]}) while creating or updating functions.`,
    );
  }
  const variables = s.Environment?.Variables ?? {};
  const reserved = Object.keys(variables).filter((key) => RESERVED_VARIABLES.includes(key));
  if (reserved.length > 0) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(", ")}`,
    );
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > 4096) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

function pickDefined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
