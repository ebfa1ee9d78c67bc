// Records fixtures/<scenario>.json: the snapshot `collect` reads from a lab account built in each scenario
// of the catalogue. Run after changing the lab, the scenarios or the collector: `npm run fixtures`.
import "../src/cli/quiet-sdk.js";
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createClients } from "../src/aws/clients.js";
import { collect } from "../src/collect/index.js";
import { createLab, LAB_REGION, labAccountKey } from "../src/lab/index.js";
import { buildScenario, SCENARIOS } from "../src/scenarios/catalogue.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

async function main(): Promise<void> {
  const keys = SCENARIOS.map((_, i) => labAccountKey(i + 1));
  const lab = await createLab({ accounts: keys });
  try {
    await mkdir(FIXTURES, { recursive: true });
    await Promise.all(
      SCENARIOS.map(async (scenario, i) => {
        const settings = { endpoint: lab.endpoint, region: LAB_REGION, credentials: keys[i]! };
        await buildScenario(settings, scenario.name);
        const clients = createClients(settings);
        try {
          const snapshot = await collect(clients, { region: LAB_REGION });
          await writeFile(`${FIXTURES}${scenario.name}.json`, `${JSON.stringify(snapshot, null, 2)}\n`);
          process.stdout.write(`fixtures/${scenario.name}.json\n`);
        } finally {
          clients.destroy();
        }
      }),
    );
  } finally {
    await lab.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
