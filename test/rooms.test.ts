// The rooms of README.md's "Layout", enforced: dependency-cruiser's API cruises the repository with the rules
// of .dependency-cruiser.cjs and every violation fails the test, printed as `from -> to (rule)`. A second test
// cruises a small tree with one import of each forbidden kind, so that a rule that stopped matching (a
// renamed folder, a path that no longer resolves) fails here instead of passing silently.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ICruiseResult, IViolation } from "dependency-cruiser";
import { test } from "uvu";
import * as assert from "uvu/assert";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ROOMS = ["src", "checks", "solution", "bench", "scripts", "test"];

async function cruiseRooms(baseDir: string, rooms: string[]): Promise<ICruiseResult> {
  // dependency-cruiser is an ES module only (its exports have no "require"), and uvu loads the tests as CommonJS.
  const [{ cruise }, { default: extractDepcruiseOptions }, { default: extractTSConfig }] = await Promise.all([
    import("dependency-cruiser"),
    import("dependency-cruiser/config-utl/extract-depcruise-options"),
    import("dependency-cruiser/config-utl/extract-ts-config"),
  ]);
  const options = await extractDepcruiseOptions(join(ROOT, ".dependency-cruiser.cjs"));
  const tsConfig = extractTSConfig(join(baseDir, "tsconfig.json"));
  const { output } = await cruise(rooms, { ...options, baseDir, validate: true, outputType: "json" }, {}, { tsConfig });
  return typeof output === "string" ? (JSON.parse(output) as ICruiseResult) : output;
}

function describe(violation: IViolation): string {
  const path = violation.cycle ?? violation.via;
  const through = path && path.length > 1 ? ` via ${path.map((step) => step.name).join(" -> ")}` : "";
  return `${violation.from} -> ${violation.to} (${violation.rule.name})${through}`;
}

/** Relative imports the cruise could not resolve: if `.js` stopped mapping to `.ts`, no rule would ever match. */
function unresolved(result: ICruiseResult): string[] {
  return result.modules.flatMap((module) =>
    module.dependencies.filter((dependency) => dependency.couldNotResolve && dependency.module.startsWith(".")).map((dependency) => `${module.source} -> ${dependency.module}`),
  );
}

test("the repository keeps its rooms: no import crosses a rule of .dependency-cruiser.cjs", async () => {
  const result = await cruiseRooms(ROOT, ROOMS);
  assert.equal(unresolved(result), [], "every relative import resolves");
  // Each room is seen: a rule over a folder the cruise does not reach would pass whatever the folder imports.
  for (const room of ["src/lab/", "src/plan/", "src/scenarios/", "checks/", "bench/", "test/"]) {
    assert.ok(result.modules.some((module) => module.source.startsWith(room)), `the cruise reads ${room}`);
  }
  const violations = result.summary.violations.map(describe);
  assert.equal(violations, [], `imports across rooms:\n${violations.join("\n")}`);
});

/**
 * One file per forbidden import, and a few allowed ones, in a tree of its own: [file, what it imports]. What a
 * forbidden import reaches is a leaf, so that each rule over what a room reaches reports that import alone.
 */
const TREE: Array<[string, string[]]> = [
  ["checks/s9.lab.ts", ["../src/lab/gateway.js"]],
  ["src/engine/cli.ts", ["../cli/check.js"]],
  // Through a room no rule names: what matters is what the checking rooms end up loading.
  ["src/collect/index.ts", ["../common/util.js"]],
  ["src/common/util.ts", ["../lab/faults.js"]],
  ["src/lab/checks.ts", ["../../checks/s9.pure.js"]],
  ["src/lab/plan.ts", ["../plan/model.js"]],
  ["src/lab/solution.ts", ["../../solution/target.js"]],
  ["src/lab/grade.ts", ["../grade/report.js"]],
  ["src/lab/seed.ts", ["../scenarios/seed.js"]],
  ["src/lab/cli.ts", ["../cli/lab.js"]],
  ["src/lab/lambda/lookup.ts", ["../store.js"]],
  ["src/lab/a.ts", ["./b.js"]],
  ["src/lab/b.ts", ["./a.js"]],
  ["src/plan/apply.ts", ["../report/table.js", "../rules/integration.js"]],
  ["src/plan/cli.ts", ["../cli/solve.js"]],
  ["src/plan/checks.ts", ["../../checks/s9.pure.js"]],
  ["bench/grade.ts", ["../test/helpers/class.js", "./lib/process.js"]],
  ["src/grade/roster.ts", ["../../test/helpers/class.js"]],
  ["scripts/record.ts", ["../test/helpers/class.js", "../src/scenarios/seed.js"]],
  ["src/lab/index.ts", ["./store.js", "./lambda/model.js"]],
  // Allowed: the lab's entry builds the store, the CLI starts and seeds the lab, tests use bench's rigs and the lab, the checks read the rules.
  ["src/cli/main.ts", ["../lab/gateway.js", "../scenarios/seed.js"]],
  ["test/helpers/class.ts", ["../../bench/lib/process.js", "../../src/lab/gateway.js"]],
  ["src/scenarios/seed.ts", ["../aws/clients.js"]],
  ["src/probe/probe.ts", ["../aws/clients.js"]],
  ["checks/s9.pure.ts", ["../src/rules/integration.js"]],
];
const LEAVES = [
  "src/lab/gateway.ts",
  "src/lab/store.ts",
  "src/lab/faults.ts",
  "src/cli/check.ts",
  "src/cli/lab.ts",
  "src/cli/solve.ts",
  "src/plan/model.ts",
  "src/grade/report.ts",
  "src/aws/clients.ts",
  "src/report/table.ts",
  "src/rules/integration.ts",
  "solution/target.ts",
  "bench/lib/process.ts",
  "src/lab/lambda/model.ts",
];

const EXPECTED = [
  "checks/s9.lab.ts -> src/lab/gateway.ts (checks-engine-collect-probe-never-reach-lab-or-cli)",
  "src/engine/cli.ts -> src/cli/check.ts (checks-engine-collect-probe-never-reach-lab-or-cli)",
  "src/collect/index.ts -> src/lab/faults.ts (checks-engine-collect-probe-never-reach-lab-or-cli)",
  "src/lab/checks.ts -> checks/s9.pure.ts (lab-never-reaches-checks-plan-solution-grade)",
  "src/lab/plan.ts -> src/plan/model.ts (lab-never-reaches-checks-plan-solution-grade)",
  "src/lab/solution.ts -> solution/target.ts (lab-never-reaches-checks-plan-solution-grade)",
  "src/lab/grade.ts -> src/grade/report.ts (lab-never-reaches-checks-plan-solution-grade)",
  "src/lab/seed.ts -> src/scenarios/seed.ts (lab-never-imports-scenarios-or-cli)",
  "src/lab/cli.ts -> src/cli/lab.ts (lab-never-imports-scenarios-or-cli)",
  "src/plan/apply.ts -> src/report/table.ts (plan-never-reaches-report-cli-or-checks)",
  "src/plan/cli.ts -> src/cli/solve.ts (plan-never-reaches-report-cli-or-checks)",
  "src/plan/checks.ts -> checks/s9.pure.ts (plan-never-reaches-report-cli-or-checks)",
  "bench/grade.ts -> test/helpers/class.ts (only-tests-import-test)",
  "src/grade/roster.ts -> test/helpers/class.ts (only-tests-import-test)",
  "scripts/record.ts -> test/helpers/class.ts (only-tests-import-test)",
  "src/lab/lambda/lookup.ts -> src/lab/store.ts (lab-services-never-import-the-store)",
  "src/lab/a.ts <-> src/lab/b.ts (no-circular-in-lab)",
];

test("each rule reports the import it forbids, and only that, in a tree with one import of each kind", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rooms-"));
  try {
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    };
    write("tsconfig.json", JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", allowImportingTsExtensions: true, noEmit: true } }));
    write("package.json", JSON.stringify({ type: "module" }));
    for (const [file, imports] of TREE) write(file, `${imports.map((spec, i) => `import * as m${i} from "${spec}";`).join("\n")}\nexport const used = [${imports.map((_, i) => `m${i}`).join(", ")}];\n`);
    for (const file of LEAVES) write(file, "export const leaf = 1;\n");

    const result = await cruiseRooms(dir, ["src", "checks", "solution", "bench", "scripts", "test"]);
    assert.equal(unresolved(result), [], "every relative import of the tree resolves");
    // A cycle is reported from one of its modules, whichever the cruise meets first: named by both ends here.
    const line = (v: IViolation) => (v.cycle ? `${[v.from, v.to].sort().join(" <-> ")} (${v.rule.name})` : `${v.from} -> ${v.to} (${v.rule.name})`);
    assert.equal([...new Set(result.summary.violations.map(line))].sort(), [...EXPECTED].sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
