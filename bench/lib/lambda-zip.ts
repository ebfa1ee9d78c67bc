// Deployment packages built by a test or a bench, the way a deployment packages a function: a zip of named files.
import { strToU8, zipSync } from "fflate";

export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

/** A role ARN that passes Lambda's Role pattern; the lab has no IAM, so any such role can be assumed. */
export const LAMBDA_ROLE = "arn:aws:iam::111122223333:role/lab-function-role";
