// Packaging: the same source gives the same zip bytes (so the same CodeSha256), in any process and time
// zone, with the layout the nodejs20.x runtime loads for Handler index.handler.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { strFromU8, unzipSync } from "fflate";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { HANDLER_ENTRY, HANDLER_NAMES, packageHandler, packageHandlers } from "../../solution/package.js";

const test = suite("solution packaging");

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("base64");

test("each handler zips to one file, a CommonJS index.js as the workshop's functions are, exporting the handler of Handler index.handler", async () => {
  assert.is(HANDLER_ENTRY, "index.handler");
  for (const name of HANDLER_NAMES) {
    const files = unzipSync(await packageHandler(name));
    assert.equal(Object.keys(files), ["index.js"], name);
    const module = { exports: {} as Record<string, unknown> };
    new Function("module", "exports", "require", strFromU8(files["index.js"]!))(module, module.exports, () => ({}));
    assert.type(module.exports.handler, "function", name);
  }
});

test("the bundle requires @aws-sdk/* (the nodejs20.x runtime provides SDK v3) and inlines the workshop's pending mark and table.ts", async () => {
  const code = strFromU8(unzipSync(await packageHandler("pending"))["index.js"]!);
  assert.match(code, /require\("@aws-sdk\/lib-dynamodb"\)/);
  assert.match(code, /require\("@aws-sdk\/client-dynamodb"\)/);
  assert.match(code, /"pending"/);
  assert.not.match(code, /require\("\.\/table\.js"\)|from "/);
});

test("packageHandlers gives the three zips packageHandler gives", async () => {
  const all = await packageHandlers();
  assert.equal(Object.keys(all).sort(), ["connect", "disconnect", "pending"]);
  for (const name of HANDLER_NAMES) assert.ok(all[name].equals(await packageHandler(name)), name);
});

test("packaging is deterministic: a fresh process in another time zone builds byte-identical zips", async () => {
  const script = [
    'import { createHash } from "node:crypto";',
    'import { packageHandlers } from "./solution/package.ts";',
    "const zips = await packageHandlers();",
    'for (const [name, zip] of Object.entries(zips)) console.log(name, createHash("sha256").update(zip).digest("base64"));',
  ].join("\n");
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env: { ...process.env, TZ: "Pacific/Kiritimati" },
  });
  const here = await Promise.all(HANDLER_NAMES.map(async (name) => `${name} ${sha256(await packageHandler(name))}`));
  assert.equal(stdout.trim().split("\n").sort(), here.sort());
});

test.run();
