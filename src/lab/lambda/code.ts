// The deployment package: a zip uploaded as base64 in the JSON body (reference 6.3), checked the way
// Lambda checks it on upload and unpacked where the function runs.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { unzipSync } from "fflate";
import { invalidParameter, requestTooLarge } from "./errors.js";

/** Lambda quotas [DOC-lambdaquota]: 50 MB zipped for a direct upload, 250 MB unzipped. */
const MAX_ZIPPED = 50 * 1024 * 1024;
const MAX_UNZIPPED = 250 * 1024 * 1024;

export interface Package {
  zip: Buffer;
  /** base64 SHA-256 of the zip, as CodeSha256 carries it. */
  sha256: string;
}

/** Decodes and checks a ZipFile member for `operation` (CreateFunction or UpdateFunctionCode). */
export function readPackage(base64: string, operation: string): Package {
  const zip = Buffer.from(base64, "base64");
  if (zip.length > MAX_ZIPPED) throw requestTooLarge(`Request must be smaller than 69905067 bytes for the ${operation} operation`);
  const unzipped = unzippedSize(zip);
  if (unzipped > MAX_UNZIPPED) throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED} bytes`);
  return { zip, sha256: createHash("sha256").update(zip).digest("base64") };
}

/** Reads only the zip's directory, so a package is checked without inflating it. */
function unzippedSize(zip: Buffer): number {
  const corrupt = invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
  if (zip.length < 22) throw corrupt;
  let total = 0;
  try {
    unzipSync(zip, {
      filter: (file) => {
        total += file.originalSize;
        return false;
      },
    });
  } catch {
    throw corrupt;
  }
  return total;
}

/** Unpacks a package into `dir`; entries that would land outside it are skipped. */
export async function extractPackage(zip: Buffer, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = unzipSync(zip);
  for (const [name, data] of Object.entries(entries)) {
    const relative = normalize(name);
    if (isAbsolute(relative) || relative.split(sep).includes("..")) continue;
    const target = join(dir, relative);
    if (name.endsWith("/")) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }
}
