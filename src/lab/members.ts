// Reading the members of a JSON request body with their types checked. Both restJson services of the lab
// read bodies this way; each says how it rejects a member of the wrong type (API Gateway: BadRequest,
// Lambda: SerializationException), since that is where they differ on the wire. null counts as absent,
// because the SDK never sends null for an unset member.

export abstract class JsonMembers {
  protected constructor(protected readonly raw: Record<string, unknown>) {}

  /** The error this service answers for a member that is not of the expected JSON type. */
  protected abstract wrongType(name: string, type: string): Error;

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  string(name: string): string | undefined {
    return this.typed(name, "string", (v): v is string => typeof v === "string");
  }

  integer(name: string): number | undefined {
    return this.typed(name, "integer", (v): v is number => Number.isInteger(v));
  }

  boolean(name: string): boolean | undefined {
    return this.typed(name, "boolean", (v): v is boolean => typeof v === "boolean");
  }

  stringList(name: string): string[] | undefined {
    return this.typed(name, "list of strings", (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === "string"));
  }

  stringMap(name: string): Record<string, string> | undefined {
    return this.typed(name, "map of strings", (v): v is Record<string, string> => isMapOf(v, (item) => typeof item === "string"));
  }

  protected typed<T>(name: string, type: string, check: (value: unknown) => value is T): T | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (!check(value)) throw this.wrongType(name, type);
    return value;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isMapOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return isObject(value) && Object.values(value).every(check);
}
