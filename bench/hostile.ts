// npm run bench:hostile: how slowly the lab answers a normal check while one hostile thing runs beside it
// in another account: a function that kills itself, one that touches 2.5 GB in 128 MB, one that leaves 20
// detached children behind, and the upload of a 4 GiB zip that says it is 100 bytes. For each, the slowest
// answer the check got and the event loop's longest stall (the lab runs in this process), beside the same
// figures for the same checks just before, without it (bench/lib/responsiveness.ts). The target:
// answers within 1 s.
import "../src/cli/quiet-sdk.js";
import { CreateFunctionCommand } from "@aws-sdk/client-lambda";
import { loadavg } from "node:os";
import { createClients, type AwsClients } from "../src/aws/clients.js";
import { checkAccount } from "../src/check.js";
import { createLab, DEFAULT_KEY, LAB_REGION } from "../src/lab/index.js";
import { buildScenario } from "../src/scenarios/catalogue.js";
import { deployFunction, invokeFunction } from "./lib/functions.js";
import { LAMBDA_ROLE, zipBomb } from "./lib/lambda-zip.js";
import { boundFor, recordLatencies, WindowWatch, type Window } from "./lib/responsiveness.js";

const HOSTILE_KEY = { accessKeyId: "AKIAHOSTILEBENCH0001", secretAccessKey: "hostile-secret" };
const SELF_KILL = `exports.handler = async () => { process.kill(process.pid, "SIGTERM"); await new Promise((r) => setTimeout(r, 60000)); return "survived"; };\n`;
const HOG = `exports.handler = async () => { const keep = []; for (let i = 0; i < 25; i++) keep.push(Buffer.alloc(100 * 1024 * 1024, 1)); return keep.length; };\n`;
const SPAWNER = `const { spawn } = require("node:child_process");
exports.handler = async () => { for (let i = 0; i < 20; i++) spawn("sleep", ["30"], { detached: true, stdio: "ignore" }).unref(); return 20; };\n`;

async function main(): Promise<void> {
  const lab = await createLab();
  const checker = createClients({ endpoint: lab.endpoint, region: LAB_REGION, credentials: DEFAULT_KEY, maxAttempts: 1 });
  const hostile: AwsClients = createClients({ endpoint: lab.endpoint, region: LAB_REGION, credentials: HOSTILE_KEY });
  let window: WindowWatch | undefined;
  recordLatencies(checker, () => window);
  const check = () => checkAccount({ step: "all", lang: "en", live: true, clientSettings: { region: LAB_REGION }, clients: checker });
  /** Checks in a loop while `work` runs (at least one check), measured. */
  const beside = async (work: () => Promise<unknown>): Promise<{ window: Window; failed: number }> => {
    window = new WindowWatch().start();
    let done = false;
    const running = work().then(
      () => undefined,
      () => undefined,
    ).finally(() => (done = true));
    let failed = 0;
    do {
      const run = await check();
      if (run.fatal || run.report.summary.failed > 0) failed++;
    } while (!done);
    await running;
    const measured = window.stop();
    window = undefined;
    return { window: measured, failed };
  };
  try {
    await buildScenario({ endpoint: lab.endpoint, region: LAB_REGION, credentials: DEFAULT_KEY }, "solved");
    await check();
    await deployFunction(hostile.lambda, "SelfKill", { "index.js": SELF_KILL });
    await deployFunction(hostile.lambda, "Hog", { "index.js": HOG }, { MemorySize: 128, Timeout: 120 });
    await deployFunction(hostile.lambda, "Spawner", { "index.js": SPAWNER }, { Timeout: 60 });
    const bomb = zipBomb();
    const cases: [string, () => Promise<unknown>][] = [
      ["self-kill", () => invokeFunction(hostile.lambda, "SelfKill")],
      ["2.5 GB in 128 MB", () => invokeFunction(hostile.lambda, "Hog")],
      ["20 detached children", () => invokeFunction(hostile.lambda, "Spawner")],
      ["4 GiB zip declared 100 bytes", () => hostile.lambda.send(new CreateFunctionCommand({ FunctionName: "Bomb", Role: LAMBDA_ROLE, Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: bomb } }))],
    ];
    const f = (ms: number) => `${Math.round(ms)}`;
    process.stdout.write(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(" ")}\n`);
    process.stdout.write("| hostile case | slowest answer ms | event-loop stall ms | answers | checks failed | before: slowest ms / stall ms | bound ms (answer / stall) | load average |\n|---|---|---|---|---|---|---|---|\n");
    for (const [name, work] of cases) {
      const before = await beside(() => Promise.all([check(), check()]));
      const during = await beside(work);
      const load = loadavg()[0]!.toFixed(1);
      process.stdout.write(
        `| ${name} | ${f(during.window.slowestMs)} | ${f(during.window.stallMs)} | ${during.window.answers} | ${during.failed} | ${f(before.window.slowestMs)} / ${f(before.window.stallMs)} | ${f(boundFor(before.window.slowestMs))} / ${f(boundFor(before.window.stallMs))} | ${load} |\n`,
      );
    }
  } finally {
    checker.destroy();
    hostile.destroy();
    await lab.close();
  }
}

await main();
