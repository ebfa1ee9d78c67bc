// Reading a Lambda request body (PascalCase members, botocore's lambda model). null counts as absent, because the
// SDK never sends null for an unset member; a member of the wrong JSON type is rejected the way AWS's
// deserializer rejects it, before any validation (UNCONFIRMED exact text: SerializationException, 400).
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
import { AwsError, parseJsonBody, type LabRequest } from "../protocol.js";
import { constraint, validationError } from "./errors.js";
import { isObject, JsonMembers } from "../members.js";

export class Body extends JsonMembers {
  static of(req: LabRequest): Body {
    return new Body(parseJsonBody(req));
  }

  protected wrongType(name: string, type: string): Error {
    const article = /^[aeiou]/.test(type) ? "an" : "a";
    return new AwsError(400, "SerializationException", `Could not parse request body into json: ${name} must be ${article} ${type}`);
  }

  /** A required member that is missing fails the model's "Member must not be null" constraint. */
  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw validationError([constraint(camel(name), null, "Member must not be null")]);
    return value;
  }

  object(name: string): Body | undefined {
    const value = this.typed(name, "object", isObject);
    return value === undefined ? undefined : new Body(value);
  }
}

/** Member names as AWS's validation messages spell them ("FunctionName" → "functionName"). */
export function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

