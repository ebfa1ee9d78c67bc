// Changes to dependencies' code, made while esbuild bundles it (scripts/cli.mjs). Each names the package and
// the version whose text it changes, and why. When an upgraded package no longer has that text the patch does
// nothing and the package runs as its authors wrote it (yargs then speaks English only, and the rest is only
// slower); test/cli/bundle.test.ts fails so that the patch is looked at again.
import { readFile } from "node:fs/promises";

/** The SDK clients the commands use, whose schemas are made tree-shakable. */
const SDK_CLIENTS = ["client-apigatewayv2", "client-dynamodb", "client-lambda", "client-sts"];

export const PATCHES = [
  {
    // yargs 18 finds its locales (its Korean messages) and the project's package.json (--version) from the URL
    // of this module. Bundled, that URL would be the bundle's; the module is given the URL it has in
    // node_modules instead, looked up at run time, so yargs reads the same files as when loaded from there.
    name: "yargs: its files found from node_modules",
    files: ["yargs/lib/platform-shims/esm.mjs"],
    apply: (source) =>
      !source.includes("import.meta.url")
        ? source
        : 'import { createRequire as __shimRequire } from "node:module";\n' +
          'import { pathToFileURL as __shimFileUrl } from "node:url";\n' +
          'const __shimUrl = new URL("lib/platform-shims/esm.mjs", __shimFileUrl(__shimRequire(import.meta.url).resolve("yargs/package.json"))).href;\n' +
          source.replaceAll("import.meta.url", "__shimUrl"),
  },
  {
    // cli-table3 0.6.5 truncates a cell's whole text to 10 columns for a debug message on every line it draws,
    // one character at a time when the text is not ASCII (Korean, ✔, →): ~80% of drawing the check's table.
    // The message is only kept at debug level INFO, which the project never sets: the preview is made then
    // only, from the level the next patch lets it read. https://github.com/cli-table/cli-table3/pull/362
    // (open when written) makes the same change upstream.
    name: "cli-table3: a cell's debug preview made only when debug messages are kept",
    files: ["cli-table3/src/cell.js"],
    apply: (source) =>
      source.replace(
        "let content = utils.truncate(this.content, 10, this.truncate);",
        'let content = !lineNum && require("./debug").getDebugLevel?.() >= 2 ? utils.truncate(this.content, 10, this.truncate) : "";',
      ),
  },
  {
    name: "cli-table3: its debug level readable",
    files: ["cli-table3/src/debug.js"],
    apply: (source) => source.replace("debug.debugMessages = () => messages;", "debug.debugMessages = () => messages;\ndebug.getDebugLevel = () => level;"),
  },
  {
    // string-width (7.2 under wrap-ansi and cliui, 8.3 under yargs) makes an Intl.Segmenter when it is loaded,
    // which loads ICU's segmentation data: ~10 ms of CPU per copy on every command, for a --help most runs
    // never print. It is made on first use instead. 7.2 and cli-table3's 4.2 also take a printable-ASCII string
    // through the segmenter and the emoji expression one character at a time, while its width is its length:
    // they are given the fast path 8.3 has (its text, "Fast path: printable ASCII"). The check's table is
    // mostly ASCII even in Korean (ids, names, ARNs), and was ~half of drawing it.
    name: "string-width: the segmenter made on first use; printable ASCII measured by its length",
    files: ["wrap-ansi/node_modules/string-width/index.js", "cliui/node_modules/string-width/index.js", "yargs/node_modules/string-width/index.js", "string-width/index.js"],
    apply: fastStringWidth,
  },
  {
    // The SDK (3.1169) describes every operation's shapes in one module of arrays such as
    // `[3, n0, _CAR, 0, [...], [[0, { [_jN]: _n }]]]`. esbuild cannot tell that a computed key like `[_jN]` is a
    // plain string, so it keeps every shape of the service (CreatePortalProduct and all) in each bundle. The keys
    // are the module's own string constants: written as those strings, the shapes no command uses are dropped
    // (~120 kB less for check to load).
    name: "AWS SDK schemas: member keys written as the strings they are",
    files: SDK_CLIENTS.map((client) => `@aws-sdk/${client}/dist-es/schemas/schemas_0.js`),
    apply: literalSchemaKeys,
  },
];

const ASCII_FAST_PATH = '\tif (typeof string === "string" && /^[\\u0020-\\u007E]*$/.test(string)) return string.length;';

/** string-width 4.2, 7.2 and 8.3: see the patch. Each change is made where its text is found. */
function fastStringWidth(source) {
  let patched = source.replace("const segmenter = new Intl.Segmenter();", "let segmenter;").replace("of segmenter.segment(", "of (segmenter ??= new Intl.Segmenter()).segment(");
  if (!patched.includes("Fast path: printable ASCII")) {
    patched = patched
      .replace("export default function stringWidth(string, options = {}) {\n", (line) => `${line}${ASCII_FAST_PATH}\n`)
      .replace("const stringWidth = string => {\n", (line) => `${line}${ASCII_FAST_PATH}\n`);
  }
  return patched;
}

/** `{ [_jN]: x }` → `{ "jsonName": x }` where the module declares `const _jN = "jsonName";`. */
function literalSchemaKeys(source) {
  const strings = new Map([...source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)].map((match) => [match[1], match[2]]));
  return source.replace(/\[(_\w+)\]:/g, (key, name) => (strings.has(name) ? `${strings.get(name)}:` : key));
}

/** A package's file (`yargs/lib/...`) wherever node_modules holds it, with either kind of slash. */
function filterOf(files) {
  const escape = (file) => file.split("/").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\\\/]");
  return new RegExp(`[\\\\/]node_modules[\\\\/](?:${files.map(escape).join("|")})$`);
}

/** The esbuild plugin that applies PATCHES to the files they name. */
export const patchDependencies = {
  name: "patch-dependencies",
  setup(build) {
    for (const patch of PATCHES) {
      build.onLoad({ filter: filterOf(patch.files) }, async (args) => ({ contents: patch.apply(await readFile(args.path, "utf8")), loader: "js" }));
    }
  },
};
