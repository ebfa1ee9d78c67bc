// IAM's wildcard matching, as the condition operators and the Resource element apply it. Pure and
// dependency-free: the lab's gateway and the checker must decide exactly alike.
//
// Sources cited in this file:
// - IAM condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html

/**
 * StringLike: `*` matches any run of characters (also none) and `?` exactly one, anywhere in the string;
 * everything else, `$` and `/` included, is literal and case-sensitive [IAM condition operators, String operators].
 * Greedy matching that backtracks only to the last `*`: linear in practice, no regular expression built
 * from untrusted input, so a hostile pattern cannot blow up.
 */
export function stringLike(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    const c = pattern[p];
    if (c === "*") {
      star = p++;
      resume = v;
    } else if (c !== undefined && (c === "?" || c === value[v])) {
      p++;
      v++;
    } else if (star >= 0) {
      p = star + 1;
      v = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}

/** The number of colon-delimited parts IAM compares: arn, partition, service, region, account, resource. */
const ARN_PARTS = 6;

/**
 * Splits an ARN into its six parts. The resource part keeps any further colons
 * (`function:name:alias`): an ARN has exactly five separating colons, the rest belong to the resource.
 */
export function arnParts(arn: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < ARN_PARTS - 1; i++) {
    const colon = arn.indexOf(":", start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
}

/**
 * ArnLike (and ArnEquals, which IAM documents with the very same rule): each of the six colon-delimited
 * parts is matched separately, so a wildcard never reaches across the colons between parts; inside a
 * part `*` and `?` work as in StringLike, case-sensitively [IAM condition operators, ARN operators:
 * the IAM guide says case-sensitive where the .NET SDK doc says otherwise, we follow the guide].
 * The resource part `apiId/stage/routeKey` is one part, so `abc123/*` covers every stage and route.
 * A value that is not an ARN never matches. UNCONFIRMED choice: a lone `*` as the pattern matches any
 * value, as `"Resource": "*"` does; AWS rejects other patterns with fewer than six parts at write time,
 * so here they simply never match. Held to AWS's documented examples in test/policy/arnlike-documented.test.ts.
 * Not applied: the Resource element's own rule that a segment's trailing `*` "can expand to match beyond the
 * colon boundaries" (IAM guide, Resource page); the condition operators' page shows ArnLike does not, and a
 * Lambda policy's Resource is written by Lambda itself, always the exact function ARN.
 */
export function arnLike(pattern: string, value: string): boolean {
  if (pattern === "*") return true;
  const want = arnParts(pattern);
  const got = arnParts(value);
  if (!want || !got) return false;
  return want.every((part, i) => stringLike(part, got[i]!));
}
