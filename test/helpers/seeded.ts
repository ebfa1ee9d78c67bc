// A lab with accounts seeded at workshop step 1, for the handler, seeding and end-to-end tests.
import { labAccountKey } from "../../src/lab/accounts.js";
import { createClients, type AwsClients, type AwsTarget } from "../../src/aws/clients.js";
import { seedStep1, type Step1Resources } from "../../src/scenarios/seed.js";
import { startTestLab, type TestLab } from "./lab.js";

export interface SeededAccount {
  target: AwsTarget;
  resources: Step1Resources;
  clients: AwsClients;
}

export interface SeededLab {
  testLab: TestLab;
  /** The lab's default account (DEFAULT_KEY), seeded at step 1. */
  main: SeededAccount;
  /** Seeds the n-th lab account (labAccountKey(n), n >= 2): a separate room for one scenario. */
  seedAccount(n: number): Promise<SeededAccount>;
  close(): Promise<void>;
}

export async function startSeededLab(): Promise<SeededLab> {
  const testLab = await startTestLab();
  const made: AwsClients[] = [];
  const seedAs = async (credentials: AwsTarget["credentials"]): Promise<SeededAccount> => {
    const target = { endpoint: testLab.lab.endpoint, region: testLab.region, credentials };
    const resources = await seedStep1(target);
    const clients = createClients({ ...target, maxAttempts: 1 });
    made.push(clients);
    return { target, resources, clients };
  };
  return {
    testLab,
    main: await seedAs(testLab.credentials),
    seedAccount(n) {
      const key = labAccountKey(n);
      return seedAs({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });
    },
    async close() {
      for (const clients of made) clients.destroy();
      await testLab.close();
    },
  };
}

/** Polls `check` until it returns a value other than undefined, for at most `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
