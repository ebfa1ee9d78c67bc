// Changes to dependencies' code, made while esbuild bundles it (scripts/cli.mjs). Each names the package and
// the version whose text it changes, and why. When an upgraded package no longer has that text the patch does
// nothing and the package runs as its authors wrote it (yargs then speaks English only);
// test/cli/bundle.test.ts fails so that the patch is looked at again.
import { readFile } from "node:fs/promises";

export const PATCHES = [
  {
    // yargs 18 finds its locales (its Korean messages) and the project's package.json (--version) from the URL
    // of this module. Bundled, that URL would be the bundle's; the module is given the URL it has in
    // node_modules instead, looked up at run time, so yargs reads the same files as when loaded from there.
    name: "yargs: its files found from node_modules",
    file: "yargs/lib/platform-shims/esm.mjs",
    find: "import.meta.url",
    apply: (source) =>
      'import { createRequire as __shimRequire } from "node:module";\n' +
      'import { pathToFileURL as __shimFileUrl } from "node:url";\n' +
      'const __shimUrl = new URL("lib/platform-shims/esm.mjs", __shimFileUrl(__shimRequire(import.meta.url).resolve("yargs/package.json"))).href;\n' +
      source.replaceAll("import.meta.url", "__shimUrl"),
  },
  {
    // cli-table3 0.6.5 truncates a cell's whole text to 10 columns for a debug message on every line it draws,
    // one character at a time when the text is not ASCII (Korean, ✔, →): three quarters of drawing the check's
    // table, ~0.1 s of CPU. Only the first line's message uses it; the message is unchanged.
    // Upstream: https://github.com/cli-table/cli-table3/pull/362 (open when written).
    name: "cli-table3: the debug preview of a cell made once, not per line",
    file: "cli-table3/src/cell.js",
    find: "let content = utils.truncate(this.content, 10, this.truncate);",
    apply: (source) => source.replace("let content = utils.truncate(", 'let content = lineNum ? "" : utils.truncate('),
  },
];

/** A package's file (`yargs/lib/...`) wherever node_modules holds it, with either kind of slash. */
function filterOf(file) {
  const escaped = file.split("/").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`[\\\\/]node_modules[\\\\/]${escaped.join("[\\\\/]")}$`);
}

/** The esbuild plugin that applies PATCHES to the files they name. */
export const patchDependencies = {
  name: "patch-dependencies",
  setup(build) {
    for (const patch of PATCHES) {
      build.onLoad({ filter: filterOf(patch.file) }, async (args) => {
        const source = await readFile(args.path, "utf8");
        return { contents: source.includes(patch.find) ? patch.apply(source) : source, loader: "js" };
      });
    }
  },
};
