// Deployment packages that try to fool the lab. Each hostile zip goes through the real SDK to a
// real lab and must be refused at upload (InvalidParameterValueException), while the lab keeps answering
// other clients; the bundle `npm run lab` runs refuses the zip bomb too.
import { CreateFunctionCommand, GetFunctionCommand, InvokeCommand, UpdateFunctionCodeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { lstat, mkdtemp, readFile, readlink, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { strToU8, zipSync, type Zippable } from "fflate";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createClients } from "../../src/aws/clients.js";
import { LAB_REGION, labAccountKey } from "../../src/lab/index.js";
import { checkPackage, extractPackage, MAX_UNZIPPED } from "../../src/lab/lambda/code.js";
import { rejects } from "../helpers/apigw.js";
import { cliEnv, ROOT } from "../helpers/cli.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { deflatedZeros, handZip, LAMBDA_ROLE, zipBomb, zipOf } from "../../bench/lib/lambda-zip.js";
import { printingErrors } from "../helpers/hooks.js";
import { describeWindows, WindowWatch, withinBounds, type Window } from "../../bench/lib/responsiveness.js";

const packages = suite<{ t: TestLab }>("lab: deployment packages are inflated off the event loop, counted, and refused at upload when they cannot be unpacked");

packages.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
  await create(ctx.t.clients.lambda, "Existing", zipOf({ "index.mjs": "export const handler = async () => 'first';\n" }));
}));
packages.after(async (ctx) => {
  await ctx.t?.close();
});

const CORRUPT = "Could not unzip uploaded file. Please check your file, then try to upload again.";
const MIB = 1024 * 1024;
/** Unix mode of a symlink (S_IFLNK | 0777) in the high half of a zip entry's external attributes. */
const SYMLINK = { os: 3, attrs: 0o120777 * 0x10000 };

/** A zip of (name, text) pairs in order, names exactly as given (fflate's object form cannot repeat one). */
function zipOfEntries(entries: [string, string][]): Buffer {
  return handZip(
    entries.map(([name, text]) => {
      const data = Buffer.from(text);
      return { name, deflated: deflateRawSync(data), declaredSize: data.length, crc: crc32(data) };
    }),
  );
}

/** The hostile tester's bomb (bench/lib/lambda-zip.ts). */
const BOMB = zipBomb();

/** An honest package of `mib` MiB of zeros: sizes and CRC-32 true. */
function zerosPackage(mib: number): Buffer {
  let crc = 0;
  const block = Buffer.alloc(MIB);
  for (let i = 0; i < mib; i++) crc = crc32(block, crc);
  return handZip([{ name: "zeros.bin", deflated: deflatedZeros(mib), declaredSize: mib * MIB, crc }]);
}

function create(client: LambdaClient, name: string, zip: Uint8Array) {
  return client.send(new CreateFunctionCommand({ FunctionName: name, Role: LAMBDA_ROLE, Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: zip } }));
}

async function absent(t: TestLab, name: string): Promise<void> {
  await rejects(t.clients.lambda.send(new GetFunctionCommand({ FunctionName: name })), "ResourceNotFoundException", 404);
}

/**
 * Uploads `zip` as function `name` while another account's client calls GetFunction in a loop, a call every
 * ~10 ms (client and lab share this process: a loop without pauses would starve the upload it measures),
 * and answers the upload's outcome with two windows (bench/lib/responsiveness.ts) of that loop (at least
 * 5 calls each, so there is a measure): during the upload, and just before during the upload of a control
 * package, stored bytes of the same zipped size. The control takes the same way through the SDK and the lab
 * (base64, JSON, the signature's hash of the body): only the inflating differs.
 */
async function whileUploading(t: TestLab, name: string, zip: Uint8Array): Promise<{ outcome: PromiseSettledResult<unknown>; baseline: Window; hostile: Window }> {
  const other = t.clientsFor({ accessKeyId: "AKIAPACKAGEWATCHER01", secretAccessKey: "x" }).lambda;
  await create(other, "Watched", zipOf({ "index.mjs": "export const handler = async () => 1;\n" })).catch(() => undefined);
  const watched = async (upload: () => Promise<unknown>) => {
    const watch = new WindowWatch().start();
    let settled = false;
    const running = Promise.allSettled([upload()]).finally(() => (settled = true));
    let calls = 0;
    while (!settled || calls < 5) {
      const started = performance.now();
      await other.send(new GetFunctionCommand({ FunctionName: "Watched" }));
      watch.answer(performance.now() - started);
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const [outcome] = await running;
    return { outcome: outcome!, window: watch.stop() };
  };
  const control = Buffer.from(zipSync({ "index.mjs": [randomBytes(zip.length), { level: 0 }] }));
  const before = await watched(() => create(t.clients.lambda, `${name}Control`, control));
  assert.is(before.outcome.status, "fulfilled", "the control package is accepted");
  const during = await watched(() => create(t.clients.lambda, name, zip));
  return { outcome: during.outcome, baseline: before.window, hostile: during.window };
}

function refusedWith(outcome: PromiseSettledResult<unknown>, message: string): void {
  assert.is(outcome.status, "rejected", "the upload was accepted");
  const error = (outcome as PromiseRejectedResult).reason as { name: string; message: string; $metadata: { httpStatusCode: number } };
  assert.is(error.name, "InvalidParameterValueException", error.message);
  assert.is(error.$metadata.httpStatusCode, 400);
  assert.is(error.message, message);
}

packages("a 4 GiB zip bomb declared as 100 bytes is refused at CreateFunction, while the lab keeps answering another client (within 1 s, or as fast as for a control package under load)", async ({ t }) => {
  assert.ok(BOMB.length < 5 * MIB, `the bomb is a small zip (${BOMB.length} bytes)`);
  const { outcome, baseline, hostile } = await whileUploading(t, "Bomb", BOMB);
  refusedWith(outcome, CORRUPT);
  assert.ok(withinBounds(baseline, hostile), describeWindows(baseline, hostile));
  await absent(t, "Bomb");
});

packages("the bomb as UpdateFunctionCode is refused the same way and the function keeps its code", async ({ t }) => {
  const before = await t.clients.lambda.send(new GetFunctionCommand({ FunctionName: "Existing" }));
  await rejects(t.clients.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "Existing", ZipFile: BOMB })), "InvalidParameterValueException", 400, CORRUPT);
  const after = await t.clients.lambda.send(new GetFunctionCommand({ FunctionName: "Existing" }));
  assert.is(after.Configuration?.CodeSha256, before.Configuration?.CodeSha256);
  assert.is(after.Configuration?.RevisionId, before.Configuration?.RevisionId);
});

packages("an honest 249 MiB package is inflated whole at upload and accepted, and the lab keeps answering meanwhile (within 1 s, or as fast as for a control package under load)", async ({ t }) => {
  const zip = zerosPackage(249);
  const { outcome, baseline, hostile } = await whileUploading(t, "AlmostFull", zip);
  assert.is(outcome.status, "fulfilled", outcome.status === "rejected" ? String(outcome.reason) : "");
  assert.ok(withinBounds(baseline, hostile), describeWindows(baseline, hostile));
});

packages("an honest package over 250 MiB is refused with Lambda's text 'Unzipped size must be smaller than 262144000 bytes'", async ({ t }) => {
  assert.is(MAX_UNZIPPED, 262_144_000);
  await rejects(create(t.clients.lambda, "TooBig", zerosPackage(251)), "InvalidParameterValueException", 400, "Unzipped size must be smaller than 262144000 bytes");
  await absent(t, "TooBig");
});

packages("the limit counts the bytes of every file and symlink target: exactly the limit unzips, one byte more is refused", async () => {
  const files = (extra: number): Zippable => ({
    "index.mjs": strToU8("x".repeat(600)),
    "lib/": new Uint8Array(0),
    "lib/data.txt": strToU8("y".repeat(390 + extra)),
    "alias.mjs": [strToU8("index.mjs"), SYMLINK], // 9 bytes of target: 600 + 390 + 9 = 999, +1 below
    "b.txt": strToU8("z"),
  });
  await checkPackage(Buffer.from(zipSync(files(0))), { maxUnzipped: 1000 });
  const over = await checkPackage(Buffer.from(zipSync(files(1))), { maxUnzipped: 1000 }).then(
    () => undefined,
    (error: Error) => error,
  );
  assert.is(over?.name, "InvalidParameterValueException");
  assert.is(over?.message, "Unzipped size must be smaller than 1000 bytes");
});

packages("a symlink with a file under it is refused at upload (the file would be written through the link)", async ({ t }) => {
  const zip = zipSync({ lib: [strToU8("/tmp"), SYMLINK], "lib/index.mjs": strToU8("export const handler = async () => 1;\n"), "index.mjs": strToU8("x") });
  await rejects(create(t.clients.lambda, "LinkParent", zip), "InvalidParameterValueException", 400, CORRUPT);
  await absent(t, "LinkParent");
});

packages("a name that is both a file and a folder, or a file twice, is refused at upload", async ({ t }) => {
  await rejects(create(t.clients.lambda, "Clash", zipSync({ a: strToU8("file"), "a/b": strToU8("under it"), "index.mjs": strToU8("x") })), "InvalidParameterValueException", 400, CORRUPT);
  const twice = zipOfEntries([
    ["index.mjs", "export const handler = async () => 1;\n"],
    ["index.mjs", "export const handler = async () => 2;\n"],
  ]);
  await rejects(create(t.clients.lambda, "Twice", twice), "InvalidParameterValueException", 400, CORRUPT);
  await absent(t, "Clash");
  await absent(t, "Twice");
});

packages("entries that climb out of the directory (../, absolute, ..\\) are refused at upload", async ({ t }) => {
  for (const name of ["../escape.mjs", "lib/../../escape.mjs", "/tmp/escape.mjs", "..\\escape.mjs"]) {
    const zip = zipOfEntries([
      ["index.mjs", "export const handler = async () => 1;\n"],
      [name, "pwned"],
    ]);
    await rejects(create(t.clients.lambda, "Escape", zip), "InvalidParameterValueException", 400, CORRUPT);
  }
  await absent(t, "Escape");
});

packages("a normal package with folders and a symlink in it still works: Invoke returns the handler's answer", async ({ t }) => {
  const zip = zipSync({
    "index.mjs": strToU8('import { answer } from "./alias.mjs";\nexport const handler = async () => answer;\n'),
    "lib/": new Uint8Array(0),
    "lib/real.mjs": strToU8('export const answer = "through the link";\n'),
    "alias.mjs": [strToU8("lib/real.mjs"), SYMLINK],
  });
  await create(t.clients.lambda, "Normal", zip);
  const out = await t.clients.lambda.send(new InvokeCommand({ FunctionName: "Normal", Payload: "{}" }));
  assert.is(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString("utf8"));
  assert.is(JSON.parse(Buffer.from(out.Payload!).toString("utf8")), "through the link");
});

packages("extractPackage keeps symlinks as links, never follows one, and writes nothing outside its directory for a refused zip", async () => {
  const root = await mkdtemp(join(tmpdir(), "packages-test-"));
  try {
    const outside = join(root, "outside");
    const dir = join(root, "task");
    await extractPackage(Buffer.from(zipSync({ "index.mjs": strToU8("x"), "out": [strToU8(outside), SYMLINK] })), dir);
    assert.ok((await lstat(join(dir, "out"))).isSymbolicLink());
    assert.is(await readlink(join(dir, "out")), outside);
    assert.is(await readFile(join(dir, "index.mjs"), "utf8"), "x");

    const hostile = Buffer.from(zipSync({ link: [strToU8(outside), SYMLINK], "link/pwned": strToU8("pwned") }));
    const refused = await extractPackage(hostile, join(root, "task2")).then(() => undefined, (error: Error) => error);
    assert.is(refused?.name, "InvalidParameterValueException");
    assert.not.ok(existsSync(outside), "nothing was written outside the function's directory");
    assert.equal(await readdir(join(root, "task2")), []);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

packages("npm run lab (the esbuild bundle) refuses the zip bomb too", async () => {
  const child = spawn(process.execPath, [join(ROOT, "scripts/cli.mjs"), "lab", "--port", "0", "--lang", "en"], { cwd: ROOT, env: cliEnv(undefined), stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const key = labAccountKey(1);
  const clients = () => createClients({ endpoint, region: LAB_REGION, credentials: key, maxAttempts: 1 });
  let endpoint = "";
  try {
    // Generous: the first run may build the bundle, and seeding on a busy machine is slow.
    const deadline = Date.now() + 180_000;
    while (!stdout.includes("Press Ctrl-C to stop.")) {
      if (child.exitCode !== null) throw new Error(`npm run lab exited (${child.exitCode})\n${stdout}\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`npm run lab did not start within 180 s\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    endpoint = /running at (http:\/\/127\.0\.0\.1:\d+) /.exec(stdout)?.[1] ?? "";
    assert.ok(endpoint, stdout);
    const lab = clients();
    try {
      await rejects(create(lab.lambda, "Bomb", BOMB), "InvalidParameterValueException", 400, CORRUPT);
    } finally {
      lab.destroy();
    }
  } finally {
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    await closed;
    clearTimeout(timer);
  }
});

packages.run();
