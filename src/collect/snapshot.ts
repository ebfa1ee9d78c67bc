// The account as the checks see it: one plain, serialisable object, read once (DESIGN.md, "collect once,
// judge purely"). A snapshot saved to fixtures/ replays an account state in a unit test, so everything here
// is JSON: no Dates, no class instances, nothing the SDK returned as it was.

import type { FunctionRole } from "../workshop/names.js";

/** What a check may read; a check that reads a part whose collection failed is an error, never a fail. */
export type SnapshotPart =
  | "identity"
  | "api"
  | "routes"
  | "routeResponses"
  | "integrations"
  | "integrationResponses"
  | "stages"
  | "deployments"
  | "functions"
  | "policies"
  | "table"
  | "probe";

export interface CollectError {
  part: SnapshotPart;
  /** The IAM action that failed, e.g. "apigateway:GET" or "lambda:GetPolicy", so the user knows what to grant. */
  action: string;
  /** AWS's error name (AccessDeniedException, TooManyRequestsException, ExpiredTokenException, ...). */
  code: string;
  message: string;
  /** What it was reading, e.g. a function name. */
  resource?: string;
}

export interface ApiView {
  apiId: string;
  name: string;
  protocolType: string;
  apiEndpoint?: string;
  routeSelectionExpression?: string;
}

export interface RouteView {
  routeId: string;
  routeKey: string;
  target?: string;
  routeResponseSelectionExpression?: string;
}

export interface IntegrationView {
  integrationId: string;
  integrationType: string;
  integrationUri?: string;
  integrationMethod?: string;
  connectionType?: string;
  payloadFormatVersion?: string;
}

export interface StageView {
  stageName: string;
  deploymentId?: string;
  autoDeploy?: boolean;
  createdDate?: string;
  lastUpdatedDate?: string;
}

export interface DeploymentView {
  deploymentId: string;
  deploymentStatus?: string;
  createdDate?: string;
  autoDeployed?: boolean;
}

export interface FunctionView {
  name: string;
  arn: string;
  runtime?: string;
  handler?: string;
  /** The code's SHA-256 (ListFunctions' CodeSha256): changed code is a changed snapshot, with no extra call. */
  codeSha256?: string;
  environment: Record<string, string>;
  /** The resource policy as GetPolicy returned it (a JSON string, untrusted); null when it has none. */
  policy: string | null;
}

export interface TableView {
  name: string;
  status?: string;
  keySchema: { attributeName: string; keyType: string }[];
  indexes: { indexName: string; keySchema: { attributeName: string; keyType: string }[] }[];
}

export interface Snapshot {
  version: 1;
  region: string;
  /** The endpoint the account was read through, when it is not AWS's own (the lab): the hints' commands name it. */
  endpoint?: string;
  /** From STS GetCallerIdentity; null when it could not be read. */
  account: string | null;
  apiQuery: { name: string } | { id: string };
  /** null: no API of that name (or id) in this region. */
  api: ApiView | null;
  /** Regions where an API of that name exists, looked at only when none is found here. */
  apiElsewhere: { region: string; apiId: string }[];
  routes: RouteView[];
  /** routeId → its route responses (read for the routes the step cares about). */
  routeResponses: Record<string, { routeResponseId: string; routeResponseKey: string }[]>;
  integrations: IntegrationView[];
  /** integrationId → its integration responses (informational: an integration response alone is not two-way). */
  integrationResponses: Record<string, { integrationResponseId: string; integrationResponseKey: string }[]>;
  stages: StageView[];
  deployments: DeploymentView[];
  /** null: no such function in this region. */
  functions: Record<FunctionRole, FunctionView | null>;
  /** The callback table, found through the functions' CLIENT_CALLBACK_TABLE; null when it does not exist. */
  table: TableView | null;
  errors: CollectError[];
}
