// Changes to dependencies' code, made while esbuild bundles it (scripts/cli.mjs). Each names the package and
// the version whose text it changes, and why. When an upgraded package no longer has that text the patch does
// nothing and the package runs as its authors wrote it (yargs then speaks English only, and the rest is only
// slower); test/cli/bundle.test.ts fails so that the patch is looked at again.
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";

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
    // string-width 8.3 (yargs') builds an Intl.Segmenter and five Unicode-property expressions (\p{RGI_Emoji} with
    // the v flag among them) when it is loaded: ~15 ms of CPU on every command, most of it for a --help few runs
    // print. They are built on first use instead. cli-table3's 4.2 and 8.3 also measure text the reports are made
    // of (printable ASCII, Hangul syllables, a few one-column symbols: FAST_WIDTH) by its characters, without the
    // segmenter or the emoji expression; 8.3 already does so for printable ASCII ("Fast path: printable ASCII").
    // In a Korean report nearly every word went the slow way. test/cli/bundle.test.ts compares every character
    // of FAST_WIDTH, and mixed text, with the packages as their authors wrote them.
    name: "string-width: expressions and segmenter built on first use; report text measured by its characters",
    files: ["yargs/node_modules/string-width/index.js", "string-width/index.js"],
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

/**
 * Characters whose width both string-widths give by the character alone, whatever follows it, when ambiguous
 * characters count as narrow (their default): printable ASCII, · – — … ←↑→↓ ↻ ≤ ≥ ①–⑳, box drawing, ▲ ▼,
 * ✔ ✘ (text presentation: one column) take one column, Hangul syllables two. None joins a neighbour into one
 * grapheme, so a text of them only is measured character by character.
 */
export const FAST_WIDTH = "\\u0020-\\u007E\\u00B7\\u2013\\u2014\\u2026\\u2190-\\u2193\\u21BB\\u2264\\u2265\\u2460-\\u2473\\u2500-\\u257F\\u25B2\\u25BC\\u2714\\u2718\\uAC00-\\uD7A3";

/** The fast path, as source: `condition` says when the package's options allow it. */
const fastPath = (condition) =>
  `\t// Patched (scripts/bundle-patches.mjs): report text measured by its characters, Hangul syllables two columns.\n` +
  `\tif (${condition}typeof string === "string" && /^[${FAST_WIDTH}]*$/.test(string)) {\n` +
  `\t\tlet columns = string.length;\n\t\tfor (let i = 0; i < string.length; i++) if (string.charCodeAt(i) >= 0xAC00) columns++;\n\t\treturn columns;\n\t}\n`;

/**
 * string-width 4.2 (CommonJS, no options) and 8.3 (after it strips ANSI codes): see the patch. Each change is
 * made where its text is found.
 */
function fastStringWidth(source) {
  let patched = source.replace("const segmenter = new Intl.Segmenter();", "let segmenter;").replace("of segmenter.segment(", "of (segmenter ??= new Intl.Segmenter()).segment(");
  // 4.2: before it strips ANSI codes (a text with one is not in FAST_WIDTH, and goes the package's way).
  patched = patched.replace("const stringWidth = string => {\n", (line) => `${line}${fastPath("")}`);
  // 8.3: after its own printable-ASCII path, ambiguous characters narrow (the default).
  patched = patched.replace(/(\t\treturn string\.length;\n\t\}\n)(\n\tlet width = 0;)/, (_, asciiPath, rest) => `${asciiPath}${fastPath("ambiguousIsNarrow && ")}\tcompileExpressions();\n${rest}`);
  return lazyExpressions(patched);
}

/**
 * A module's top-level `const someRegex = /.../flags;` lines become variables that compileExpressions(), which
 * the patched function calls on its slow path, sets on its first call.
 */
function lazyExpressions(source) {
  if (!source.includes("compileExpressions();")) return source;
  const compiled = [];
  const declared = source.replace(/^const (\w+Regex) = (\/.+\/[dgimsuyv]*);$/gm, (_, name, literal) => {
    compiled.push(`\t${name} = ${literal};`);
    return `let ${name};`;
  });
  return `${declared}\nlet compiled = false;\nfunction compileExpressions() {\n\tif (compiled) return;\n\tcompiled = true;\n${compiled.join("\n")}\n}\n`;
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

/**
 * Imports bundled from another package's copy. wrap-ansi 9 and cliui 9 each bring their own string-width 7.2,
 * yargs 18 brings 8.3: all three use 8.3, one copy to load instead of three. 8.3 also measures a symbol in text
 * presentation, such as ✔ without U+FE0F, as one column, as a terminal draws it and as cli-table3's 4.2 pads it;
 * 7.2 gave it two. Only an emoji presentation (Emoji_Presentation=Yes, or U+FE0F after it) is wide:
 * https://unicode.org/reports/tr51/#Presentation_Style, https://www.unicode.org/reports/tr11/#Recommendations.
 */
export const ALIASES = [{ name: "string-width", importers: ["wrap-ansi", "cliui"], from: "yargs" }];

/** The esbuild plugin that applies PATCHES to the files they name, and ALIASES. */
export const patchDependencies = {
  name: "patch-dependencies",
  setup(build) {
    for (const alias of ALIASES) {
      // A file of the importing package itself, not of a package nested in its node_modules.
      const importer = new RegExp(`[\\\\/]node_modules[\\\\/](?:${alias.importers.join("|")})[\\\\/](?!node_modules[\\\\/])`);
      build.onResolve({ filter: new RegExp(`^${alias.name}$`) }, async (args) => {
        if (!importer.test(args.importer)) return undefined;
        const owner = await build.resolve(`${alias.from}/package.json`, { resolveDir: args.resolveDir, kind: "require-call" });
        return build.resolve(alias.name, { resolveDir: dirname(owner.path), kind: args.kind });
      });
    }
    for (const patch of PATCHES) {
      build.onLoad({ filter: filterOf(patch.files) }, async (args) => ({ contents: patch.apply(await readFile(args.path, "utf8")), loader: "js" }));
    }
  },
};
