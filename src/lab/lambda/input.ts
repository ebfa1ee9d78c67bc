// Reading a Lambda request body (PascalCase members, reference 6.3). null counts as absent, because the
// SDK never sends null for an unset member; a member of the wrong JSON type is rejected the way AWS's
// deserializer rejects it, before any validation (UNCONFIRMED exact text: SerializationException, 400).
import { AwsError, parseJsonBody, type LabRequest } from "../protocol.js";
import { constraint, validationError } from "./errors.js";

export class Body {
  private constructor(private readonly raw: Record<string, unknown>) {}

  static of(req: LabRequest): Body {
    return new Body(parseJsonBody(req));
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  string(name: string): string | undefined {
    return this.typed(name, "a string", (v): v is string => typeof v === "string");
  }

  /** A required member that is missing fails the model's "Member must not be null" constraint. */
  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw validationError([constraint(camel(name), null, "Member must not be null")]);
    return value;
  }

  integer(name: string): number | undefined {
    return this.typed(name, "an integer", (v): v is number => Number.isInteger(v));
  }

  boolean(name: string): boolean | undefined {
    return this.typed(name, "a boolean", (v): v is boolean => typeof v === "boolean");
  }

  stringList(name: string): string[] | undefined {
    return this.typed(name, "a list of strings", (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === "string"));
  }

  stringMap(name: string): Record<string, string> | undefined {
    return this.typed(name, "a map of strings", isStringMap);
  }

  object(name: string): Body | undefined {
    const value = this.typed(name, "an object", isObject);
    return value === undefined ? undefined : new Body(value);
  }

  private typed<T>(name: string, type: string, check: (value: unknown) => value is T): T | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (!check(value)) throw new AwsError(400, "SerializationException", `Could not parse request body into json: ${name} must be ${type}`);
    return value;
  }
}

/** Member names as AWS's validation messages spell them ("FunctionName" → "functionName"). */
export function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((item) => typeof item === "string");
}
