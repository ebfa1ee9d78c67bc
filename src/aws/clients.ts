// The one client factory: credentials, region, endpoint and retries decided in one place, for AWS itself
// (the SDK's standard credential chain and region resolution) and for the lab (an endpoint on 127.0.0.1).
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { STSClient } from "@aws-sdk/client-sts";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

// The SDK warns on every process under Node 20 (@aws-sdk/core); the warning is noise in what users read.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** An account to act on with known keys: the lab's accounts, or one reached through AssumeRole. */
export interface AwsTarget {
  /** http://127.0.0.1:<port> for the lab; undefined for AWS's own endpoints. */
  endpoint?: string;
  region: string;
  credentials: Credentials;
}

export interface ClientSettings {
  /** Omitted: the SDK resolves it (AWS_REGION, the profile's region). */
  region?: string;
  /** http://127.0.0.1:<port> for the lab; omitted: AWS's endpoints, or AWS_ENDPOINT_URL(_<SERVICE>) if set. */
  endpoint?: string;
  /** Omitted: the SDK's standard credential chain (env, profile, SSO, container, instance). */
  credentials?: Credentials;
  profile?: string;
  /** SDK attempts per call; its default is 3 (DynamoDB 4), reference 7. */
  maxAttempts?: number;
  retryMode?: "standard" | "adaptive";
}

export interface AwsClients {
  apigw: ApiGatewayV2Client;
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  /** DynamoDB with plain JS values instead of attribute-value maps. */
  documents: DynamoDBDocumentClient;
  sts: STSClient;
  /** Frees the clients' sockets. */
  destroy(): void;
}

export function createClients(settings: ClientSettings = {}): AwsClients {
  const config = {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
    ...(settings.retryMode ? { retryMode: settings.retryMode } : {}),
  };
  const apigw = new ApiGatewayV2Client(config);
  const lambda = new LambdaClient(config);
  const dynamodb = new DynamoDBClient(config);
  const sts = new STSClient(config);
  return {
    apigw,
    lambda,
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    sts,
    destroy() {
      for (const client of [apigw, lambda, dynamodb, sts]) client.destroy();
    },
  };
}

/** Runs `work` with fresh clients and frees them afterwards, whatever happens. */
export async function withClients<T>(settings: ClientSettings, work: (clients: AwsClients) => Promise<T>): Promise<T> {
  const clients = createClients(settings);
  try {
    return await work(clients);
  } finally {
    clients.destroy();
  }
}

/** The region the clients will sign for, as the SDK resolved it; undefined when none is configured. */
export async function resolvedRegion(clients: AwsClients): Promise<string | undefined> {
  try {
    return await clients.sts.config.region();
  } catch {
    return undefined;
  }
}
