// The one client factory: credentials, region, endpoint and retries decided in one place, for AWS itself
// (the SDK's standard credential chain and region resolution) and for the lab (an endpoint on 127.0.0.1).
//
// Sources cited in this file:
// - the SDKs' retry behavior: https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
// - the SDKs' service-specific endpoints: https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { STSClient } from "@aws-sdk/client-sts";
import type { Agent as HttpAgent } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import { isThrottling } from "./errors.js";

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
  /** SDK attempts per call; its default is 3 (DynamoDB 4), the SDKs' retry behavior. */
  maxAttempts?: number;
  retryMode?: "standard" | "adaptive";
  /** Keep-alive connections shared by many sets of clients (the grader's, across accounts); their owner closes them. */
  agents?: { http: HttpAgent; https: HttpsAgent };
  /** Paces every attempt (retries included) and hears of throttling: the grader's per-account rate limit. */
  gate?: RequestGate;
}

/** Which of the clients a call goes through. */
export type ServiceKey = "apigw" | "lambda" | "dynamodb" | "sts";

/** A per-account rate limit, installed as SDK middleware below the SDK's retries so each attempt counts. */
export interface RequestGate {
  /** Resolves when the call may be sent. */
  admit(service: ServiceKey, operation: string): Promise<void>;
  /** The call came back throttled (HTTP 429 or a throttling error name). */
  throttled(service: ServiceKey, operation: string): void;
}

export interface AwsClients {
  apigw: ApiGatewayV2Client;
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
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
    ...(settings.agents ? { requestHandler: { httpAgent: settings.agents.http, httpsAgent: settings.agents.https } } : {}),
  };
  const apigw = new ApiGatewayV2Client(config);
  const lambda = new LambdaClient(config);
  const dynamodb = new DynamoDBClient(config);
  const sts = new STSClient(config);
  if (settings.gate) {
    const gate = settings.gate;
    for (const [service, client] of [["apigw", apigw], ["lambda", lambda], ["dynamodb", dynamodb], ["sts", sts]] as const) gateRequests(client, service, gate);
  }
  return {
    apigw,
    lambda,
    dynamodb,
    sts,
    destroy() {
      for (const client of [apigw, lambda, dynamodb, sts]) client.destroy();
    },
  };
}

type Handler = (args: unknown) => Promise<unknown>;
/** The part of the SDK's middleware stack used here, alike on every client. */
interface Stack {
  add(middleware: (next: Handler, context: { commandName?: string }) => Handler, options: { step: "finalizeRequest"; name: string }): void;
}

/**
 * finalizeRequest at normal priority runs after the SDK's retry middleware (priority high), so every
 * attempt waits for the gate and every throttled answer is heard, before the SDK decides to retry it.
 */
function gateRequests(client: { middlewareStack: unknown }, service: ServiceKey, gate: RequestGate): void {
  (client.middlewareStack as Stack).add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? "").replace(/Command$/, "");
      await gate.admit(service, operation);
      try {
        return await next(args);
      } catch (error) {
        if (isThrottling(error)) gate.throttled(service, operation);
        throw error;
      }
    },
    { step: "finalizeRequest", name: "accountRateGate" },
  );
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

/**
 * The endpoint the clients talk to when it is not AWS's own: the configured one, else the global
 * AWS_ENDPOINT_URL the SDK honours (the SDKs' service-specific endpoints; unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS switches it
 * off). The hints' commands name it, so a participant's AWS CLI goes where the checker went.
 */
export function customEndpoint(settings: ClientSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (settings.endpoint) return settings.endpoint;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === "true") return undefined;
  return env.AWS_ENDPOINT_URL || undefined;
}
