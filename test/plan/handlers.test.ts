// --with-handlers packaging: the reference zip as it is for Handler index.handler, else with a module at the
// path the function's Handler names; always the same bytes for the same source (so CodeSha256 compares).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { unzipSync, strFromU8 } from "fflate";
import { createHash } from "node:crypto";
import { planCode, shimFor, zipFor } from "../../src/plan/handlers.js";
import { packageHandler } from "../../solution/package.js";
import { derive, fnIn, solvedSnapshot } from "../helpers/snapshot.js";

test("index.handler: the reference package itself", async () => {
  assert.equal(await zipFor("pending", "index.handler"), await packageHandler("pending"));
});

test("another Handler gets a module at its path re-exporting the reference handler, deterministically", async () => {
  const zip = await zipFor("disconnect", "src/app.lambdaHandler");
  assert.ok(zip);
  const files = unzipSync(zip!);
  assert.equal(Object.keys(files).sort(), ["awsomepets-lab-checker/handler.cjs", "src/app.js"]);
  assert.is(strFromU8(files["src/app.js"]!), 'const { handler } = require("./../awsomepets-lab-checker/handler.cjs");\nmodule.exports = { "lambdaHandler": handler };\n');
  assert.equal(await zipFor("disconnect", "src/app.lambdaHandler"), zip);
});

test("nested export paths and reserved words are written as the runtime reads them", () => {
  assert.is(shimFor("app.handlers.main")!.source, 'const { handler } = require("./awsomepets-lab-checker/handler.cjs");\nmodule.exports = { "handlers": { "main": handler } };\n');
  assert.match(shimFor("index.default")!.source, 'module.exports = { "default": handler };');
  assert.is(shimFor("index.default")!.path, "index.js");
});

test("Handler settings that cannot be read give no shim", () => {
  for (const bad of ["index", "../x.handler", "app.", "app.1abc", "/abs/app.handler", "app.a-b"]) assert.is(shimFor(bad), undefined, bad);
});

test("the code plan reads CodeSha256 from the snapshot: a function already running the reference zip gets no update, another does", async () => {
  const sha = async (role: "connect" | "disconnect" | "pending") => createHash("sha256").update((await zipFor(role, "index.handler"))!).digest("base64");
  const current = derive(solvedSnapshot(), () => undefined);
  for (const role of ["connect", "disconnect", "pending"] as const) fnIn(current, role).codeSha256 = await sha(role);
  assert.equal((await planCode(current)).changes, []);
  const edited = derive(current, (s) => (fnIn(s, "pending").codeSha256 = "edited-by-the-participant"));
  const plan = await planCode(edited);
  assert.equal(plan.changes.map((change) => [change.kind, "functionName" in change ? change.functionName : "-"]), [["updateCode", fnIn(edited, "pending").name]]);
  assert.is((plan.changes[0] as { codeSha256: string }).codeSha256, await sha("pending"));
});

test.run();
