// Runs one of the project's commands (`node scripts/cli.mjs check --lab`) from a bundle that esbuild
// builds on first use and again whenever a source file is newer. Plain JavaScript on purpose: starting
// through a TypeScript loader costs ~0.3 s on every run, which is most of a participant's wait for the
// first line (the target: first output under 0.5 s).
import { readdirSync, rmSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const SOURCES = ["src", "checks", "solution"].map((dir) => join(ROOT, dir));
export const COMMANDS = ["check", "lab", "solve", "reset", "demo", "grade"];
/**
 * Packages loaded from node_modules at run time rather than bundled. esbuild: a native binary, run by solve's
 * packaging. dynalite: the lab's DynamoDB, on leveldb-style stores with dynamic requires. bufferutil,
 * utf-8-validate: ws's optional native helpers, required in a try/catch and not installed here.
 */
const EXTERNAL = ["esbuild", "dynalite", "bufferutil", "utf-8-validate"];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(bundle) {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  return SOURCES.some((dir) => existsSync(dir) && newestSource(dir) > built);
}

export async function build() {
  const { build: esbuild } = await import("esbuild");
  const { patchDependencies } = await import("./bundle-patches.mjs");
  const { copyFileSync, mkdirSync, readdirSync: list, renameSync } = await import("node:fs");
  const names = COMMANDS.filter((name) => existsSync(join(ROOT, "src/cli", `${name}.ts`)));
  // Built apart, then moved in file by file (a rename is atomic), chunks first and the commands last: a
  // command started while another one builds never loads a half-written bundle.
  const staging = join(DIST, `.build-${process.pid}`);
  mkdirSync(staging, { recursive: true });
  try {
    await esbuild({
      entryPoints: Object.fromEntries(names.map((name) => [name, join(ROOT, "src/cli", `${name}.ts`)])),
      outdir: staging,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      // The AWS SDK is bundled (tree-shaken): loading its ~300 files from node_modules cost ~0.6 s of CPU on
      // every command (its loading cost most of a check's CPU: bench/start-cpu.ts). What stays outside is listed in EXTERNAL, with why.
      external: EXTERNAL,
      plugins: [patchDependencies],
      // Readable stack traces: names and whitespace kept; esbuild still drops what no command uses.
      minifySyntax: true,
      // The SDK's ES modules (its "module" field), which esbuild can tree-shake, before its CommonJS "main".
      mainFields: ["module", "main"],
      // CommonJS code bundled into ES modules still calls require() for Node's own modules.
      banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
      outExtension: { ".js": ".mjs" },
      logLevel: "error",
    });
    // The function runner starts its workers from this file, found beside the module that loads it.
    copyFileSync(join(ROOT, "src/lab/lambda/bootstrap.mjs"), join(staging, "bootstrap.mjs"));
    const files = list(staging);
    const entries = new Set(names.map((name) => `${name}.mjs`));
    for (const file of [...files.filter((f) => !entries.has(f)), ...files.filter((f) => entries.has(f))]) {
      renameSync(join(staging, file), join(DIST, file));
    }
    removeOldChunks(new Set(files));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Chunks of earlier builds stay a while for commands still running from them, then go (a build is ~3 MB). */
const OLD_CHUNK_MS = 60 * 60 * 1000;

function removeOldChunks(current) {
  for (const file of readdirSync(DIST)) {
    const path = join(DIST, file);
    if (current.has(file) || !file.endsWith(".mjs")) continue;
    // Gone already when another command's build, running at the same time, removed it after the listing.
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats && Date.now() - stats.mtimeMs > OLD_CHUNK_MS) rmSync(path, { force: true });
  }
}

/** The status of an interrupted run (src/cli/signals.ts, INTERRUPTED_EXIT). */
const INTERRUPTED_EXIT = 130;

/**
 * A stop signal while the bundle is built or loaded ends the command as an interrupted run ends (130): nothing
 * has been done yet. Without a listener, Node would die of the signal (a shell shows 143 for SIGTERM, 129 for
 * SIGHUP), a status that would depend on the moment. Once the command listens itself (src/cli/signals.ts),
 * this listener stands aside.
 */
function standAsideOnStop() {
  for (const name of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(name, () => process.listenerCount(name) === 1 && process.exit(INTERRUPTED_EXIT));
  }
}

const [command] = process.argv.splice(2, 1);
if (command === "--build") {
  await build();
} else {
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`usage: node scripts/cli.mjs <${COMMANDS.join("|")}> [options]\n`);
    process.exit(2);
  }
  standAsideOnStop();
  const bundle = join(DIST, `${command}.mjs`);
  if (isStale(bundle)) await build();
  await import(pathToFileURL(bundle).href);
}
