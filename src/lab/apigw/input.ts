// Reading a request's members. A member of the wrong JSON type is a BadRequestException, as AWS answers a
// body its deserializer rejects (botocore's apigatewayv2 model: Create*/Update* declare BadRequest); null counts as absent,
// because the SDK never sends null for an unset member.
//
// Sources cited in this file:
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
import { paginate, parseJsonBody, type LabRequest } from "../protocol.js";
import { badRequest } from "./errors.js";
import { isMapOf, isObject, JsonMembers } from "../members.js";

export class Members extends JsonMembers {
  static of(req: LabRequest): Members {
    return new Members(parseJsonBody(req));
  }

  protected wrongType(name: string, type: string): Error {
    return badRequest(`Invalid input: "${name}" must be a ${type}`);
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw badRequest(`Invalid input: "${name}" is required`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
      throw badRequest(`Invalid value for "${name}": ${value}. Valid values are ${allowed.join(", ")}`);
    }
    return value as T | undefined;
  }

  /** ParameterConstraints maps: {"<key>": {"required": boolean}} (route and route-response parameters). */
  requiredFlags(name: string): Record<string, { required: boolean }> | undefined {
    return this.typed(name, "map of parameter constraints", (v): v is Record<string, { required: boolean }> =>
      isMapOf(v, (item) => isObject(item) && (item.required === undefined || typeof item.required === "boolean")),
    );
  }

  /** Integration responseParameters: status code → (mapping key → value). */
  nestedStringMap(name: string): Record<string, Record<string, string>> | undefined {
    return this.typed(name, "map of string maps", (v): v is Record<string, Record<string, string>> =>
      isMapOf(v, (item) => isMapOf(item, (inner) => typeof inner === "string")),
    );
  }

  object(name: string): Record<string, unknown> | undefined {
    return this.typed(name, "object", isObject);
  }
}

/**
 * One page of a list answer, `{"items":[...],"nextToken"}` (botocore's apigatewayv2 model). maxResults is a string in the
 * model; one that is not a positive integer, or a nextToken the lab did not issue, is BadRequest (the list
 * operations declare BadRequestException, botocore's apigatewayv2 model).
 */
export function listPage<T>(req: LabRequest, items: T[]): { items: T[]; nextToken?: string } {
  const maxResults = req.query.get("maxResults");
  if (maxResults !== null && !/^[1-9]\d{0,8}$/.test(maxResults)) {
    throw badRequest(`Invalid maxResults: ${maxResults}. It must be a positive integer`);
  }
  const token = req.query.get("nextToken");
  const badToken = () => badRequest("Invalid pagination token specified");
  const { page, nextToken } = paginate(items, maxResults, token, badToken);
  return nextToken === undefined ? { items: page } : { items: page, nextToken };
}

/** Copies the members that are present: absent optional members stay absent from the JSON, never null (model.ts). */
export function assignDefined<T extends object>(target: T, members: Partial<T>): T {
  for (const [key, value] of Object.entries(members)) if (value !== undefined) Object.assign(target, { [key]: value });
  return target;
}
