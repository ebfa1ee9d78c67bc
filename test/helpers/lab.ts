// A started lab plus real SDK v3 clients pointed at it: the ground every lab test stands on.
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { STSClient } from "@aws-sdk/client-sts";
import { createLab, DEFAULT_KEY, LAB_REGION, type Lab, type LabOptions } from "../../src/lab/index.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Clients {
  apigw: ApiGatewayV2Client;
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  sts: STSClient;
}

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
    const config = { endpoint: lab.endpoint, region, credentials, maxAttempts: 1 };
    const clients = {
      apigw: new ApiGatewayV2Client(config),
      lambda: new LambdaClient(config),
      dynamodb: new DynamoDBClient(config),
      sts: new STSClient(config),
    };
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
      for (const clients of made) for (const client of Object.values(clients)) client.destroy();
      await lab.close();
    },
  };
}
