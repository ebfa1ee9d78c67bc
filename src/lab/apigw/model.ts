// The API Gateway v2 resources the lab keeps, in their wire form (camelCase keys, botocore's apigatewayv2 model), so that
// a resource can be sent back as it is stored. Optional keys are absent, never null: AWS omits unset
// members (a route without an integration has no `target` key at all, API Gateway v2's Route resource).
//
// Sources cited in this file:
// - API Gateway v2's Route resource: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json

export interface Api {
  apiId: string;
  name: string;
  protocolType: "WEBSOCKET" | "HTTP";
  routeSelectionExpression: string;
  apiKeySelectionExpression: string;
  createdDate: string;
  disableSchemaValidation?: boolean;
  disableExecuteApiEndpoint: boolean;
  description?: string;
  version?: string;
  /** HTTP APIs only (botocore's apigatewayv2 model Api.CorsConfiguration); kept as sent. */
  corsConfiguration?: Record<string, unknown>;
  tags: Record<string, string>;
}

export interface Route {
  routeId: string;
  routeKey: string;
  apiKeyRequired: boolean;
  authorizationType: string;
  authorizerId?: string;
  authorizationScopes?: string[];
  modelSelectionExpression?: string;
  operationName?: string;
  requestModels?: Record<string, string>;
  requestParameters?: Record<string, { required: boolean }>;
  routeResponseSelectionExpression?: string;
  /** "integrations/<integrationId>" */
  target?: string;
}

export interface Integration {
  integrationId: string;
  integrationType: "AWS" | "AWS_PROXY" | "HTTP" | "HTTP_PROXY" | "MOCK";
  integrationUri?: string;
  integrationMethod?: string;
  payloadFormatVersion?: string;
  connectionType: "INTERNET" | "VPC_LINK";
  connectionId?: string;
  contentHandlingStrategy?: string;
  credentialsArn?: string;
  description?: string;
  integrationResponseSelectionExpression?: string;
  integrationSubtype?: string;
  passthroughBehavior?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  responseParameters?: Record<string, Record<string, string>>;
  templateSelectionExpression?: string;
  timeoutInMillis: number;
  tlsConfig?: { serverNameToVerify?: string };
}

export interface RouteResponse {
  routeResponseId: string;
  routeResponseKey: string;
  modelSelectionExpression?: string;
  responseModels?: Record<string, string>;
  responseParameters?: Record<string, { required: boolean }>;
}

export interface IntegrationResponse {
  integrationResponseId: string;
  integrationResponseKey: string;
  contentHandlingStrategy?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  templateSelectionExpression?: string;
}

export interface Stage {
  stageName: string;
  createdDate: string;
  lastUpdatedDate: string;
  deploymentId?: string;
  autoDeploy: boolean;
  /** Set only on stages with autoDeploy (API Gateway's WebSocket deployments, botocore's apigatewayv2 model Stage.LastDeploymentStatusMessage). */
  lastDeploymentStatusMessage?: string;
  description?: string;
  defaultRouteSettings: RouteSettings;
  /** route key → its settings */
  routeSettings: Record<string, RouteSettings>;
  stageVariables: Record<string, string>;
  accessLogSettings?: Record<string, unknown>;
  clientCertificateId?: string;
  tags: Record<string, string>;
}

/**
 * A stage's settings for all routes or for one (botocore's apigatewayv2 model RouteSettings). throttlingRateLimit is a double on the
 * wire (`__double`), so it keeps its fraction (12.5 requests per second); throttlingBurstLimit is an integer.
 */
export interface RouteSettings {
  dataTraceEnabled?: boolean;
  detailedMetricsEnabled?: boolean;
  loggingLevel?: "INFO" | "ERROR" | "OFF";
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
}

export interface Deployment {
  deploymentId: string;
  deploymentStatus: "PENDING" | "FAILED" | "DEPLOYED";
  createdDate: string;
  autoDeployed: boolean;
  description?: string;
  deploymentStatusMessage?: string;
}

/**
 * What a deployment froze: the data plane serves only this (API Gateway's WebSocket deployments: "every change ... takes effect
 * only after a redeployment"). Deep copies, never shared with the live configuration.
 */
export interface DeployedConfig {
  routeSelectionExpression: string;
  routes: Route[];
  integrations: Integration[];
  /** routeId → its route responses */
  routeResponses: Record<string, RouteResponse[]>;
  /** integrationId → its integration responses */
  integrationResponses: Record<string, IntegrationResponse[]>;
}

/** One API with everything under it. Maps keep insertion order, which is the order lists return. */
export interface ApiRecord {
  api: Api;
  routes: Map<string, Route>;
  integrations: Map<string, Integration>;
  routeResponses: Map<string, Map<string, RouteResponse>>;
  integrationResponses: Map<string, Map<string, IntegrationResponse>>;
  stages: Map<string, Stage>;
  deployments: Map<string, { deployment: Deployment; config: DeployedConfig }>;
}

export interface ApiGatewayState {
  apis: Map<string, ApiRecord>;
}

export function newApiGatewayState(): ApiGatewayState {
  return { apis: new Map() };
}
