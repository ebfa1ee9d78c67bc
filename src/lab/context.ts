// What every part of the lab may use: the state, who is who, the injected faults, and how to run a
// function. The services get it instead of importing each other.
//
// Sources cited in this file:
// - API Gateway quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
// - Smithy's awsQuery protocol: https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
import type { AccountRegistry } from "./accounts.js";
import type { Faults } from "./faults.js";
import type { LogStore } from "./logs/store.js";
import type { LabRequest, LabResponse, ServiceName, AwsError } from "./protocol.js";
import type { LabStores } from "./store.js";

export interface InvokeOutcome {
  /** The function's raw output, or the error object AWS returns on a function error. */
  payload: Buffer;
  /** "Unhandled" when the function threw, timed out or could not load (X-Amz-Function-Error). */
  functionError?: "Unhandled";
  executedVersion: string;
  /** The last 4 KB of the invocation's log, as X-Amz-Log-Result carries it (base64) on LogType Tail. */
  logTail?: string;
}

export interface Invoker {
  /** Runs the function's own code. Throws AwsError (ResourceNotFoundException, ...) as Invoke would. */
  invoke(account: string, region: string, functionName: string, payload: Buffer, qualifier?: string): Promise<InvokeOutcome>;
  close(): Promise<void>;
}

export interface LabContext {
  /** http://127.0.0.1:<port>, what clients and the functions' SDK use. */
  readonly endpoint: string;
  /** ws://127.0.0.1:<port>, the base of every WebSocket API's apiEndpoint. */
  readonly wsEndpoint: string;
  readonly accounts: AccountRegistry;
  /** Each service's state: API Gateway's and Lambda's (DynamoDB's is dynalite's, Logs' is `logs`). */
  readonly stores: LabStores;
  readonly faults: Faults;
  readonly lambda: Invoker;
  /** CloudWatch Logs' groups, streams and events (the functions' logs). */
  readonly logs: LogStore;
}

/** One operation of a service, resolved from the request before anything runs. */
export interface Operation {
  name: string;
  /** Control-plane calls get the injected latency and count against the quotas; Invoke does not. */
  controlPlane: boolean;
  run(): Promise<LabResponse>;
}

export interface ServiceModule {
  service: ServiceName;
  /** Finds the operation for a request; throws an AwsError naming it when the lab does not implement it. */
  resolve(req: LabRequest, ctx: LabContext): Operation;
  /** The service's own 429 for an operation over its quota (API Gateway quotas; Lambda quotas). */
  throttled(operation: string): AwsError;
  /** How this service writes an error, when it is not restJson (STS answers XML: Smithy's awsQuery protocol). */
  renderError?(error: AwsError, requestId: string): LabResponse;
}
