// Comments, test names and READMEs cite what a reader of the repository can open: a public page (AWS
// documentation, an SDK model or a public issue, by its address) or a file of the repository. They never
// cite the project's private notes ("reference 2.1", "[DOC-quota]", "BC-v2", a ../shared/ path) or its
// private issue tracker ("issue 3"), which no reader of the repository can open. The first test lists every
// such citation as file:line; the second shows that each form is caught and that the public forms are not.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { ROOT } from "../helpers/cli.js";

/** Where citations live: every source, test, benchmark and script, and both READMEs. */
const SCANNED_DIRS = ["src", "checks", "solution", "bench", "scripts", "test"];
const SCANNED_FILES = ["README.md", "README.ko.md"];
const TEXT_FILE = /\.(?:[cm]?[jt]s|tsx|json|md|ya?ml|sh)$/;
/** This file names the forms it looks for. */
const SELF = "test/docs/citations.test.ts";

/** Each form, with what it points at. Keys of the private notes are matched as whole words. */
const FORMS: Array<{ name: string; pattern: RegExp }> = [
  { name: "a section of the private AWS notes", pattern: /\breference (?:sections? )?\d+(?:\.\d+)*\b/i },
  { name: "a section of the private AWS notes", pattern: /(?:§\s?\d|\bref\.\s?\d|\bsections? \d+(?:\.\d+)* of the reference)/i },
  { name: "an issue of the private tracker", pattern: /\bissues? #?\d+\b/i },
  { name: "an issue of the private tracker", pattern: /\bthe issue(?:'s)? (?:table|ids|order|rules|list|shape|benchmark)\b/i },
  { name: "a key of the private AWS notes", pattern: /\[DOC-[\w-]+|\bDOC-[a-z][\w-]*\b/ },
  {
    name: "a key of the private AWS notes",
    pattern: /\b(?:BC-(?:v2|Lambda|STS|DDB|IAM)|CLI-ex|CDK-(?:PR\d+|route|lambda)|SDK-(?:v2-schema|Lambda-schema|core))\b|\[(?:LGO|CAPTURE|WORKSHOP)\]/,
  },
  { name: "a path outside the repository", pattern: /(?:\.\.\/shared\/|\/work\/shared\b|aws-websocket-lab-facts\.md|000_717f5a751d9ed1e2)/ },
];

/** The outside-pointing citations of one text, as [line number, form, line]. */
export function outsideCitations(text: string): Array<{ line: number; form: string; text: string }> {
  const found: Array<{ line: number; form: string; text: string }> = [];
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    // A citation a comment wraps ("... reference" / "// 2.1 ...") is read with the next line's words.
    const next = /\b(?:reference|issues?|sections?)\s*$/i.test(line) ? ` ${(lines[index + 1] ?? "").replace(/^\s*(?:\/\/|\*|#)?\s*/, "")}` : "";
    const form = FORMS.find(({ pattern }) => pattern.test(line + next));
    if (form) found.push({ line: index + 1, form: form.name, text: line.trim() });
  });
  return found;
}

function scannedFiles(): string[] {
  const files = SCANNED_FILES.map((file) => join(ROOT, file));
  for (const dir of SCANNED_DIRS) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !TEXT_FILE.test(entry.name)) continue;
      const path = join(entry.parentPath ?? entry.path, entry.name);
      if (path.split("/").includes("node_modules")) continue;
      files.push(path);
    }
  }
  return files.filter((file) => relative(ROOT, file) !== SELF);
}

test("no source, test, script or README cites what a reader of the repository cannot open", () => {
  const files = scannedFiles();
  assert.ok(files.length > 100, `expected the whole tree to be scanned, found ${files.length} files`);
  const offending = files.flatMap((file) =>
    outsideCitations(readFileSync(file, "utf8")).map(({ line, form, text }) => `${relative(ROOT, file)}:${line}: ${form}: ${text}`),
  );
  assert.ok(offending.length === 0, `cite the public page or the repository's file instead:\n${offending.join("\n")}`);
});

test("each outside-pointing form is caught; public and in-repository citations are not", () => {
  const caught = [
    "// the quota (reference 7).",
    "/** see reference 2.1-2.3 */",
    "// reference section 4, the decisive check",
    "// (issue 3, \"The live probe\")",
    "// in the order of issue 3's table",
    "// the disconnect delay (Issue 12)",
    "// bounded [DOC-quota]",
    "// case-insensitive (DOC-iamcond)",
    "// defaults (BC-v2 Stage.AutoDeploy)",
    "// ids ([CLI-ex get-apis])",
    "// events [LGO]",
    "// see ../shared/reference/aws-websocket-lab-facts.md",
    "// the guide (/work/shared/seeds)",
    "// the order of the issue's table",
    "// §5.3 says",
    "// as the notes say (reference\n// section 8).",
  ];
  for (const line of caught) assert.equal(outsideCitations(line).length, 1, `not caught: ${line}`);
  const allowed = [
    "// API Gateway's WebSocket quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
    "// the reference handlers (solution/handlers)",
    "// aws-cdk#18208 on a missing invoke permission",
    "// serverless #7260; botocore's apigatewayv2 model",
    "// the workshop's lab guide, item 8",
    "// held by test/lab/isolation.test.ts",
  ];
  for (const line of allowed) assert.equal(outsideCitations(line), [], `wrongly caught: ${line}`);
});

test.run();
