// A started lab plus real SDK v3 clients pointed at it: the ground every lab test stands on.
import { createClients, type AwsClients, type Credentials } from "../../src/aws/clients.js";
import { createLab, DEFAULT_KEY, LAB_REGION, type Lab, type LabOptions } from "../../src/lab/index.js";

export type { Credentials };
export type Clients = AwsClients;

export interface TestLab {
  lab: Lab;
  region: string;
  credentials: Credentials;
  /** Clients signed with the lab's default key (account 111122223333). */
  clients: Clients;
  /** Clients for other credentials or another region, e.g. a second account. */
  clientsFor(credentials: Credentials, region?: string): Clients;
  close(): Promise<void>;
}

export async function startTestLab(options: LabOptions = {}): Promise<TestLab> {
  const lab = await createLab(options);
  const made: Clients[] = [];
  const clientsFor = (credentials: Credentials, region = LAB_REGION): Clients => {
    // maxAttempts 1: a test sees the lab's first answer, not the SDK's retries of it.
    const clients = createClients({ endpoint: lab.endpoint, region, credentials, maxAttempts: 1 });
    made.push(clients);
    return clients;
  };
  const credentials = { accessKeyId: DEFAULT_KEY.accessKeyId, secretAccessKey: DEFAULT_KEY.secretAccessKey };
  return {
    lab,
    region: LAB_REGION,
    credentials,
    clients: clientsFor(credentials),
    clientsFor,
    async close() {
      for (const clients of made) clients.destroy();
      await lab.close();
    },
  };
}
