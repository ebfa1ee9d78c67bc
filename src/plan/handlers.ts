// --with-handlers: the reference handlers (solution/handlers, packaged in memory) as the code of the three
// workshop functions, for a learner who broke one. Only the code changes: the function's Handler setting,
// runtime, role and environment stay, so when its Handler is not `index.handler` the zip gets a small module
// at the path that Handler names, re-exporting the reference handler under the name it expects. A function
// whose code already is that zip (the snapshot's CodeSha256, from ListFunctions) is left alone, so a second
// run plans nothing; planning reads nothing from the account beyond the snapshot.
import { createHash } from "node:crypto";
import { strToU8, unzipSync, zipSync, type ZipOptions } from "fflate";
import type { Snapshot } from "../collect/snapshot.js";
import { FUNCTION_ROLES } from "../workshop/names.js";
import { functionOf } from "../rules/read.js";
import { HANDLER_ENTRY, packageHandler } from "../../solution/package.js";
import type { Change, Message } from "./model.js";

/** Runtimes that run the bundle: Node.js with the AWS SDK v3 the bundle leaves out provided. */
const SUPPORTED_RUNTIME = /^nodejs(1[89]|[2-9]\d)\.x$/;

/** Where the bundle (CommonJS, as package.ts builds it) goes when a shim takes the Handler's path. */
const BUNDLE_PATH = "awsomepets-lab-checker/handler.cjs";

// The same layout package.ts gives its zip (a Unix file, DOS time 1980-01-01), so equal sources give equal hashes.
const ENTRY: ZipOptions & { mtime: Date } = { os: 3, attrs: (0o100644 << 16) >>> 0, mtime: new Date(1980, 0, 1, 0, 0, 0), level: 9 };

export interface CodePlan {
  changes: Change[];
  notes: Message[];
}

export async function planCode(snapshot: Snapshot): Promise<CodePlan> {
  const plans = await Promise.all(FUNCTION_ROLES.map((role) => planFunction(snapshot, role)));
  return { changes: plans.flatMap((plan) => plan.changes), notes: plans.flatMap((plan) => plan.notes) };
}

async function planFunction(snapshot: Snapshot, role: (typeof FUNCTION_ROLES)[number]): Promise<CodePlan> {
  const fn = functionOf(snapshot, role);
  if (!fn) return { changes: [], notes: [{ key: "note.noFunctionCode", vars: { role } }] };
  const runtime = fn.runtime ?? "-";
  if (!SUPPORTED_RUNTIME.test(runtime)) return { changes: [], notes: [{ key: "note.runtime", vars: { functionName: fn.name, runtime } }] };
  const handler = fn.handler ?? HANDLER_ENTRY;
  const zip = await zipFor(role, handler);
  if (!zip) return { changes: [], notes: [{ key: "note.handler", vars: { functionName: fn.name, handler } }] };
  const codeSha256 = createHash("sha256").update(zip).digest("base64");
  if (fn.codeSha256 === codeSha256) return { changes: [], notes: [] };
  return { changes: [{ kind: "updateCode", functionName: fn.name, handler, zip, codeSha256, why: { key: "why.code", vars: { functionName: fn.name } } }], notes: [] };
}

/** The reference zip, with a module at the path `handler` names when that is not the zip's own entry. */
export async function zipFor(role: (typeof FUNCTION_ROLES)[number], handler: string): Promise<Uint8Array | undefined> {
  const zip = await packageHandler(role);
  if (handler === HANDLER_ENTRY) return zip;
  const shim = shimFor(handler);
  if (!shim) return undefined;
  const bundle = unzipSync(zip)["index.js"];
  if (!bundle) throw new Error("the reference package has no index.js");
  return zipSync({ [BUNDLE_PATH]: [bundle, ENTRY], [shim.path]: [strToU8(shim.source), ENTRY] });
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The module a Handler setting loads, as the Node.js runtime reads it: `<dir>/<module>.<export path>`, the
 * module name before the first dot of the last path part, the export path after it (dots for nesting).
 */
export function shimFor(handler: string): { path: string; source: string } | undefined {
  if (handler.includes("..")) return undefined;
  const slash = handler.lastIndexOf("/");
  const dir = handler.slice(0, slash + 1);
  const match = /^([^.]+)\.(.+)$/.exec(handler.slice(slash + 1));
  if (!match || dir.startsWith("/")) return undefined;
  const [, moduleName, exportPath] = match as unknown as [string, string, string];
  const names = exportPath.split(".");
  if (!names.every((name) => IDENTIFIER.test(name))) return undefined;
  // A .js module of a zip without package.json loads as CommonJS, as the workshop's own index.js does.
  const path = `${dir}${moduleName}.js`;
  if (path === BUNDLE_PATH) return undefined;
  const up = "../".repeat(dir.split("/").length - 1);
  const value = names.slice(1).reduceRight((inner, name) => `{ ${JSON.stringify(name)}: ${inner} }`, "handler");
  // A quoted key takes any identifier name, reserved words such as `default` included.
  const source = `const { handler } = require("./${up}${BUNDLE_PATH}");\nmodule.exports = { ${JSON.stringify(names[0])}: ${value} };\n`;
  return { path, source };
}
