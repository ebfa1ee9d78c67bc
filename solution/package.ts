// Packages a reference handler as the workshop ships its functions: one CommonJS index.js exporting
// `handler` (the Handler setting is `index.handler`), here bundled from TypeScript, with the AWS SDK v3 left
// out because the nodejs20.x runtime provides it.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { zipSync } from "fflate";
import { FUNCTION_ROLES, type FunctionRole } from "../src/workshop/names.js";

/** One reference handler per workshop function, named by the function's role. */
export type HandlerName = FunctionRole;
export const HANDLER_NAMES: readonly HandlerName[] = FUNCTION_ROLES;
/** The Handler setting that matches the zip's layout. */
export const HANDLER_ENTRY = "index.handler";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// DOS timestamps in a zip hold local time: building the date from local parts gives the same bytes in
// every time zone, so the same source always gives the same CodeSha256.
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);
// A regular file, rw-r--r--, stored the way a Unix zip tool stores it.
const UNIX_FILE = { os: 3, attrs: (0o100644 << 16) >>> 0 };

const cache = new Map<HandlerName, Promise<Buffer>>();

export function packageHandler(name: HandlerName): Promise<Buffer> {
  let zip = cache.get(name);
  if (!zip) {
    zip = bundle(`solution/handlers/${name}.ts`).then(toZip);
    // A failed build is not remembered, so a fixed source can be packaged again in the same process.
    zip.catch(() => cache.delete(name));
    cache.set(name, zip);
  }
  return zip;
}

export async function packageHandlers(): Promise<Record<HandlerName, Buffer>> {
  const zips = await Promise.all(HANDLER_NAMES.map((name) => packageHandler(name)));
  return Object.fromEntries(HANDLER_NAMES.map((name, i) => [name, zips[i]!])) as Record<HandlerName, Buffer>;
}

/** Any handler module of the repository (a path from its root), packaged as the reference handlers are; not cached. */
export async function packageEntry(entry: string): Promise<Buffer> {
  return toZip(await bundle(entry));
}

async function bundle(entry: string): Promise<Uint8Array> {
  const result = await build({
    // A fixed working directory keeps the path comments esbuild writes the same wherever it runs.
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["@aws-sdk/*"],
    outfile: "index.js",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.contents;
}

function toZip(code: Uint8Array): Buffer {
  return Buffer.from(zipSync({ "index.js": [code, { ...UNIX_FILE, mtime: ZIP_TIME, level: 9 }] }));
}
