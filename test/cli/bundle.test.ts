// The commands as `npm run check` runs them: from the bundle scripts/cli.mjs builds in dist/. The AWS SDK is
// bundled into it (loading it from node_modules cost most of a check's CPU), so the bundle must
// import no package from node_modules but the few that cannot be bundled, and must still work: the SDK's
// Node-version notice kept off stderr, yargs' Korean messages, the lab and its functions with --lab.
import { builtinModules } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { FAST_WIDTH, PATCHES, patchDependencies } from "../../scripts/bundle-patches.mjs";
import { buildScenario } from "../../src/scenarios/catalogue.js";
import { cliEnv, ROOT, runCli } from "../helpers/cli.js";
import { startTestLab, type TestLab } from "../helpers/lab.js";
import { runProcess, type ProcessRun } from "../../bench/lib/process.js";
import { processTempDir } from "../../bench/lib/temp.js";
import { printingErrors } from "../helpers/hooks.js";

const DIST = join(ROOT, "dist");
const CLI = join(ROOT, "scripts/cli.mjs");
/** scripts/cli.mjs's EXTERNAL: native code or files read beside the package, loaded from node_modules. */
const EXTERNAL = new Set(["esbuild", "dynalite", "bufferutil", "utf-8-validate"]);
const BUILTIN = new Set(builtinModules);
/** Generous: building and a first run on a busy 2-core machine are slow; the bound only fails a stuck run. */
const TIMEOUT_MS = 180_000;

const test = suite<{ lab: TestLab }>("bundled commands", { lab: undefined as unknown as TestLab });

function runBundled(args: string[], env: NodeJS.ProcessEnv): Promise<ProcessRun> {
  return runProcess(process.execPath, [CLI, ...args], { env, cwd: ROOT, timeoutMs: TIMEOUT_MS });
}

function describe(run: ProcessRun): string {
  return `exit ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}

/**
 * What a command's bundle loads: its files (the entry and every chunk it imports, statically or not) and the
 * modules it imports from outside them, as esbuild itself reads the bundle (strings and comments that look
 * like imports, such as the SDK's own error texts, are not imports).
 */
async function bundleGraph(entry: string): Promise<{ files: string[]; outside: string[] }> {
  const { build } = await import("esbuild");
  const result = await build({ entryPoints: [join(DIST, entry)], bundle: true, write: false, metafile: true, platform: "node", format: "esm", packages: "external", logLevel: "silent" });
  const inputs = Object.entries(result.metafile.inputs);
  return {
    files: inputs.map(([file]) => join(ROOT, file)),
    outside: inputs.flatMap(([, input]) => input.imports.filter((imported) => imported.external).map((imported) => imported.path)),
  };
}

const packageOf = (spec: string) => spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/");

test.before(printingErrors(async (context) => {
  const built = await runBundled(["--build"], process.env);
  if (built.code !== 0) throw new Error(`the build failed: ${describe(built)}`);
  context.lab = await startTestLab();
  await buildScenario({ endpoint: context.lab.lab.endpoint, region: context.lab.region, credentials: context.lab.credentials }, "solved");
}));

test.after(async (context) => {
  await context.lab?.close();
});

test("the check bundle loads no package from node_modules but the external ones: the AWS SDK is inside", async () => {
  const { files, outside } = await bundleGraph("check.mjs");
  assert.ok(files.length > 1, `check.mjs and its chunks: ${files.join(", ")}`);
  const packages = new Set(outside.filter((spec) => !spec.startsWith("node:") && !BUILTIN.has(spec)).map(packageOf));
  const unexpected = [...packages].filter((name) => !EXTERNAL.has(name));
  assert.equal(unexpected, [], `imported from node_modules by the check bundle: ${unexpected.join(", ")}`);
  const withSdk = files.filter((file) => readFileSync(file, "utf8").includes("// node_modules/@aws-sdk/client-apigatewayv2/"));
  assert.ok(withSdk.length > 0, "the API Gateway client's code is in the bundle");
});

test("the bundled check passes a solved lab account, with nothing on stderr (no SDK Node-version notice)", async ({ lab }) => {
  const env = cliEnv(lab.credentials, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined });
  const run = await runBundled(["check", "--no-live", "--endpoint", lab.lab.endpoint, "--region", lab.region, "--lang", "en", "--format", "json"], env);
  assert.is(run.code, 0, describe(run));
  assert.is(run.stderr, "", describe(run));
  const report = JSON.parse(run.stdout) as { summary: { failed: number; errors: number } };
  assert.equal([report.summary.failed, report.summary.errors], [0, 0], run.stdout);
});

test("every patch the bundle makes to a dependency still finds its text in the installed package", () => {
  for (const patch of PATCHES) {
    for (const file of patch.files) {
      const source = readFileSync(join(ROOT, "node_modules", file), "utf8");
      assert.not.equal(patch.apply(source), source, `${patch.name}: it no longer changes ${file}; look at the patch again`);
    }
  }
});

/** cli-table3 bundled as the commands bundle it (with the patches) or as it is, drawing one table with debug on. */
async function drawWithCliTable3(patched: boolean): Promise<{ table: string; messages: string[] }> {
  const { build } = await import("esbuild");
  const entry = [
    'const Table = require("cli-table3");',
    "const table = new Table({ debug: 3, colWidths: [6, 24] });",
    'table.push(["✔", "가나다라마바사아자차카타파하 → 거너더러머버서어저처커터퍼허"], [{ colSpan: 2, content: "→ 다시 배포하세요\\n(items 10–11)" }]);',
    "module.exports = { table: table.toString(), messages: table.messages };",
  ].join("\n");
  const result = await build({ stdin: { contents: entry, resolveDir: ROOT, loader: "js" }, bundle: true, write: false, format: "cjs", platform: "node", plugins: patched ? [patchDependencies] : [], logLevel: "silent" });
  const file = join(processTempDir("bundle-patch-"), "table.cjs");
  writeFileSync(file, result.outputFiles[0]!.text);
  return createRequire(import.meta.url)(file) as { table: string; messages: string[] };
}

test("the patched cli-table3 draws the same table and, with its debug on, keeps the same debug messages", async () => {
  const [patched, original] = await Promise.all([drawWithCliTable3(true), drawWithCliTable3(false)]);
  assert.ok(original.messages.some((message) => message.includes(" Cell ")), original.messages.join("\n"));
  assert.fixture(patched.table, original.table);
  assert.equal(patched.messages, original.messages);
});

/** Every string-width the bundle patches, bundled with the patches or as it is, measuring `samples`. */
async function widthsWithStringWidth(patched: boolean, samples: string[]): Promise<Record<string, number[]>> {
  const { build } = await import("esbuild");
  const files = PATCHES.find((patch) => patch.name.startsWith("string-width"))!.files;
  const entry = [
    ...files.map((file, i) => `import width${i} from ${JSON.stringify(join(ROOT, "node_modules", file))};`),
    `const samples = ${JSON.stringify(samples)};`,
    `module.exports = { ${files.map((file, i) => `${JSON.stringify(file)}: samples.map((s) => width${i}(s))`).join(", ")} };`,
  ].join("\n");
  const result = await build({ stdin: { contents: entry, resolveDir: ROOT, loader: "js" }, bundle: true, write: false, format: "cjs", platform: "node", plugins: patched ? [patchDependencies] : [], logLevel: "silent" });
  const file = join(processTempDir("bundle-patch-"), "width.cjs");
  writeFileSync(file, result.outputFiles[0]!.text);
  return createRequire(import.meta.url)(file) as Record<string, number[]>;
}

/** Every character FAST_WIDTH names: its ranges walked. */
function fastWidthCharacters(): string[] {
  const ranges = [...FAST_WIDTH.matchAll(/\\u([0-9A-F]{4})(?:-\\u([0-9A-F]{4}))?/g)].map((m) => [parseInt(m[1]!, 16), parseInt(m[2] ?? m[1]!, 16)] as const);
  return ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)));
}

test("the patched string-widths measure what the original ones measure: every character of the fast path alone, and mixed text", async () => {
  const characters = fastWidthCharacters();
  assert.ok(characters.length > 11_000, `FAST_WIDTH read as ${characters.length} characters`);
  const samples = [
    ...characters,
    "", "s2.default-route-response", "arn:aws:lambda:ap-northeast-2:111122223333:function:X ~!", "가나다 → 거너더", "✔ ok", "경로 $default의 통합이 OrderWSPendingFunction을 호출합니다 (①–③ · … ≤ 3)",
    // Outside the fast path: ANSI codes, a tab, combining marks, emoji sequences, half-width kana, zero width, a ✔ with U+FE0F.
    "\u001b[32m✔\u001b[39m", "\u001b[2mdim\u001b[22m", "tab\there", "e\u0301", "가\u0301", "👍🏽 👨‍👩‍👧", "ｶﾞ", "\u200b", "✔\uFE0F", "→\uFE0F", "\u1100\u1161",
  ];
  const [patched, original] = await Promise.all([widthsWithStringWidth(true, samples), widthsWithStringWidth(false, samples)]);
  assert.equal(Object.keys(patched).length, 2, JSON.stringify(Object.keys(patched)));
  for (const [file, widths] of Object.entries(original)) {
    const differ = samples.filter((_, i) => patched[file]![i] !== widths[i]);
    assert.equal(differ.map((s) => JSON.stringify(s)), [], `${file}: the patched copy measures these otherwise`);
  }
});

test("wrap-ansi and cliui are bundled with yargs' string-width: one copy in the check bundle, and a ✔ wrapped as the table pads it", async () => {
  const graph = await bundleGraph("check.mjs");
  // esbuild heads each bundled module with a comment naming its file.
  const copies = graph.files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/^\/\/ (node_modules\/\S*string-width\/index\.js)$/gm)].map((m) => m[1]!));
  assert.equal(copies.sort(), ["node_modules/string-width/index.js", "node_modules/yargs/node_modules/string-width/index.js"]);
  const { build } = await import("esbuild");
  const entry = 'import wrapAnsi from "wrap-ansi"; export const lines = wrapAnsi("✔ ✔ ✔ ✔", 3, { hard: true }).split("\\n");';
  const result = await build({ stdin: { contents: entry, resolveDir: ROOT, loader: "js" }, bundle: true, write: false, format: "esm", platform: "node", plugins: [patchDependencies], logLevel: "silent" });
  const file = join(processTempDir("bundle-patch-"), "wrap.mjs");
  writeFileSync(file, result.outputFiles[0]!.text);
  const { lines } = (await import(pathToFileURL(file).href)) as { lines: string[] };
  // One column each, as a terminal draws a ✔ without U+FE0F: two fit in three columns (7.2 gave one per line).
  assert.equal(lines, ["✔ ✔", "✔ ✔"]);
});

test("the bundled check prints the same table as the check run from its sources", async ({ lab }) => {
  const args = ["check", "--no-live", "--endpoint", lab.lab.endpoint, "--region", lab.region, "--lang", "ko"];
  const env = cliEnv(lab.credentials);
  const [bundled, sources] = await Promise.all([runBundled(args, env), runCli(args.slice(1), env, { timeoutMs: TIMEOUT_MS })]);
  assert.is(bundled.code, sources.code, `${describe(bundled)}\n${describe(sources)}`);
  assert.ok(bundled.stdout.includes("┌"), describe(bundled));
  assert.fixture(bundled.stdout, sources.stdout);
});

test("the bundled yargs speaks Korean and reads the project's version", async () => {
  const env = cliEnv(undefined);
  const help = await runBundled(["check", "--help", "--lang", "ko"], env);
  assert.is(help.code, 0, describe(help));
  // yargs' own word for "Options:", from its locales/ko.json.
  assert.match(help.stdout, /^옵션:$/m, describe(help));
  const version = await runBundled(["check", "--version"], env);
  const { version: expected } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  assert.is(version.stdout.trim(), expected, describe(version));
});

test("the bundled commands read the project's version in a clone whose folder name has a dot (mktemp -d's tmp.XXXXXXXXXX)", async () => {
  // A copy of what a command runs from (hard links, so it is quick), under a folder named with a dot: yargs
  // guessed the version from the folder above it and printed "unknown".
  const clone = join(processTempDir("clone."), "lab.checker");
  const copied = await runProcess("sh", ["-c", 'mkdir "$1" && cp -al package.json scripts dist node_modules "$1"/', "sh", clone], { env: process.env, cwd: ROOT, timeoutMs: TIMEOUT_MS });
  assert.is(copied.code, 0, describe(copied));
  const { version: expected } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  for (const command of ["check", "lab"]) {
    const run = await runProcess(process.execPath, [join(clone, "scripts/cli.mjs"), command, "--version"], { env: cliEnv(undefined), cwd: clone, timeoutMs: TIMEOUT_MS });
    assert.is(run.stdout.trim(), expected, `${command}: ${describe(run)}`);
  }
});

test("the bundled check --lab starts the lab, runs its functions and passes the live probe", async () => {
  const run = await runBundled(["check", "--lab", "--lab-state", "solved", "--lang", "en", "--format", "json"], cliEnv(undefined));
  assert.is(run.code, 0, describe(run));
  const report = JSON.parse(run.stdout) as { results: { id: string; status: string }[] };
  const live = report.results.filter((result) => result.id.includes("live"));
  assert.ok(live.length > 0, run.stdout);
  assert.equal(
    live.filter((result) => result.status !== "pass").map((result) => `${result.id}: ${result.status}`),
    [],
    run.stdout,
  );
});

test.run();
