// The rooms of the project (README.md, "Layout"), as rules: test/rooms.test.ts cruises the repository with
// them and fails on any violation, and proves on a small tree that each rule reports what it forbids.
// `npx depcruise src checks solution bench scripts test --config .dependency-cruiser.cjs` lists them too.
// Type-only imports count (tsPreCompilationDeps): a room that needs another's types depends on it.
// Rule syntax: https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md

/** The rooms that decide what a participant's account is worth: they read snapshots, never the emulator. */
const CHECKING = "^(checks/|src/(engine|collect|probe)/)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "checks-engine-collect-probe-never-reach-lab-or-cli",
      comment: "The checker runs against AWS as it is against the lab: nothing it is made of may load the emulator or a command.",
      severity: "error",
      from: { path: CHECKING },
      to: { path: "^src/(lab|cli)/", reachable: true },
    },
    {
      name: "lab-never-reaches-checks-plan-solution-grade",
      comment: "The lab emulates AWS and knows nothing of what is checked, solved or graded on it.",
      severity: "error",
      from: { path: "^src/lab/" },
      to: { path: "^(checks/|solution/|src/(plan|grade)/)", reachable: true },
    },
    {
      name: "lab-never-imports-scenarios-or-cli",
      comment: "The lab keeps emulation only: seeding is a client of any endpoint (src/scenarios), started by the CLI.",
      severity: "error",
      from: { path: "^src/lab/" },
      to: { path: "^src/(scenarios|cli)/" },
    },
    {
      name: "plan-never-reaches-report-cli-or-checks",
      comment: "The plan is pure (snapshot + target -> changes): it reads the shared rules, not the checks, the report or a command.",
      severity: "error",
      from: { path: "^src/plan/" },
      to: { path: "^(checks/|src/(report|cli)/)", reachable: true },
    },
    {
      name: "only-tests-import-test",
      comment: "bench, src and the other rooms never import test/: what they share with the tests lives outside it (bench/lib, src).",
      severity: "error",
      from: { pathNot: "^test/" },
      to: { path: "^test/" },
    },
    {
      name: "lab-services-never-import-the-store",
      comment: "src/lab/store.ts makes the services' stores (one per service, each by account and region); a service takes what it needs through the context or an interface of its own, so the store depends on the services and not back.",
      severity: "error",
      from: { path: "^src/lab/[^/]+/" },
      to: { path: "^src/lab/store\\.ts$" },
    },
    {
      name: "no-circular-in-lab",
      comment: "The lab's modules depend one way: a cycle means two of its parts cannot be read (or changed) apart.",
      severity: "error",
      from: { path: "^src/lab/" },
      to: { path: "^src/lab/", circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    // Resolves the `.js` specifiers of TypeScript's NodeNext imports to the `.ts` files.
    tsConfig: { fileName: "tsconfig.json" },
  },
};
