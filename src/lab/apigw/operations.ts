// Every operation of API Gateway v2 by method and path, as the SDK model declares them (the apigatewayv2 client's schema in aws-sdk-js-v3 http
// traits of @aws-sdk/client-apigatewayv2 3.1169.0). The lab implements the ones with a handler; the others
// are known by name so that a client learns which operation the lab lacks (a clear AWS-shaped
// error naming the operation: test/lab/apigw.test.ts).
//
// Sources cited in this file:
// - the apigatewayv2 client's schema in aws-sdk-js-v3: https://github.com/aws/aws-sdk-js-v3/tree/main/clients/client-apigatewayv2
import { createApi, deleteApi, getApi, getApis, updateApi } from "./apis.js";
import type { Handler } from "./call.js";
import { createDeployment, getDeployment, getDeployments } from "./deployments.js";
import { createIntegration, deleteIntegration, getIntegration, getIntegrations, updateIntegration } from "./integrations.js";
import {
  createIntegrationResponse,
  createRouteResponse,
  deleteIntegrationResponse,
  deleteRouteResponse,
  getIntegrationResponse,
  getIntegrationResponses,
  getRouteResponse,
  getRouteResponses,
  updateIntegrationResponse,
  updateRouteResponse,
} from "./responses.js";
import { createRoute, deleteRoute, getRoute, getRoutes, updateRoute } from "./routes.js";
import { createStage, deleteStage, getStage, getStages, updateStage } from "./stages.js";

export interface OperationSpec {
  name: string;
  method: string;
  /** Path segments; "{x}" captures one segment as parameter x. */
  path: string[];
  handler?: Handler;
}

const IMPLEMENTED: Record<string, Handler> = {
  GetApis: getApis,
  GetApi: getApi,
  CreateApi: createApi,
  UpdateApi: updateApi,
  DeleteApi: deleteApi,
  GetRoutes: getRoutes,
  GetRoute: getRoute,
  CreateRoute: createRoute,
  UpdateRoute: updateRoute,
  DeleteRoute: deleteRoute,
  GetIntegrations: getIntegrations,
  GetIntegration: getIntegration,
  CreateIntegration: createIntegration,
  UpdateIntegration: updateIntegration,
  DeleteIntegration: deleteIntegration,
  GetRouteResponses: getRouteResponses,
  CreateRouteResponse: createRouteResponse,
  GetRouteResponse: getRouteResponse,
  UpdateRouteResponse: updateRouteResponse,
  DeleteRouteResponse: deleteRouteResponse,
  GetIntegrationResponses: getIntegrationResponses,
  CreateIntegrationResponse: createIntegrationResponse,
  GetIntegrationResponse: getIntegrationResponse,
  UpdateIntegrationResponse: updateIntegrationResponse,
  DeleteIntegrationResponse: deleteIntegrationResponse,
  GetStages: getStages,
  GetStage: getStage,
  CreateStage: createStage,
  UpdateStage: updateStage,
  DeleteStage: deleteStage,
  GetDeployments: getDeployments,
  GetDeployment: getDeployment,
  CreateDeployment: createDeployment,
};

const API = "/v2/apis/{apiId}";
const DOMAIN = "/v2/domainnames/{domainName}";
const PRODUCT = "/v2/portalproducts/{portalProductId}";

/** name, method, path: the model's operations, implemented or not. */
const MODEL: [string, string, string][] = [
  ["GetApis", "GET", "/v2/apis"],
  ["CreateApi", "POST", "/v2/apis"],
  ["ImportApi", "PUT", "/v2/apis"],
  ["GetApi", "GET", API],
  ["UpdateApi", "PATCH", API],
  ["ReimportApi", "PUT", API],
  ["DeleteApi", "DELETE", API],
  ["GetRoutes", "GET", `${API}/routes`],
  ["CreateRoute", "POST", `${API}/routes`],
  ["GetRoute", "GET", `${API}/routes/{routeId}`],
  ["UpdateRoute", "PATCH", `${API}/routes/{routeId}`],
  ["DeleteRoute", "DELETE", `${API}/routes/{routeId}`],
  ["DeleteRouteRequestParameter", "DELETE", `${API}/routes/{routeId}/requestparameters/{requestParameterKey}`],
  ["GetRouteResponses", "GET", `${API}/routes/{routeId}/routeresponses`],
  ["CreateRouteResponse", "POST", `${API}/routes/{routeId}/routeresponses`],
  ["GetRouteResponse", "GET", `${API}/routes/{routeId}/routeresponses/{routeResponseId}`],
  ["UpdateRouteResponse", "PATCH", `${API}/routes/{routeId}/routeresponses/{routeResponseId}`],
  ["DeleteRouteResponse", "DELETE", `${API}/routes/{routeId}/routeresponses/{routeResponseId}`],
  ["GetIntegrations", "GET", `${API}/integrations`],
  ["CreateIntegration", "POST", `${API}/integrations`],
  ["GetIntegration", "GET", `${API}/integrations/{integrationId}`],
  ["UpdateIntegration", "PATCH", `${API}/integrations/{integrationId}`],
  ["DeleteIntegration", "DELETE", `${API}/integrations/{integrationId}`],
  ["GetIntegrationResponses", "GET", `${API}/integrations/{integrationId}/integrationresponses`],
  ["CreateIntegrationResponse", "POST", `${API}/integrations/{integrationId}/integrationresponses`],
  ["GetIntegrationResponse", "GET", `${API}/integrations/{integrationId}/integrationresponses/{integrationResponseId}`],
  ["UpdateIntegrationResponse", "PATCH", `${API}/integrations/{integrationId}/integrationresponses/{integrationResponseId}`],
  ["DeleteIntegrationResponse", "DELETE", `${API}/integrations/{integrationId}/integrationresponses/{integrationResponseId}`],
  ["GetStages", "GET", `${API}/stages`],
  ["CreateStage", "POST", `${API}/stages`],
  ["GetStage", "GET", `${API}/stages/{stageName}`],
  ["UpdateStage", "PATCH", `${API}/stages/{stageName}`],
  ["DeleteStage", "DELETE", `${API}/stages/{stageName}`],
  ["DeleteAccessLogSettings", "DELETE", `${API}/stages/{stageName}/accesslogsettings`],
  ["ResetAuthorizersCache", "DELETE", `${API}/stages/{stageName}/cache/authorizers`],
  ["DeleteRouteSettings", "DELETE", `${API}/stages/{stageName}/routesettings/{routeKey}`],
  ["GetDeployments", "GET", `${API}/deployments`],
  ["CreateDeployment", "POST", `${API}/deployments`],
  ["GetDeployment", "GET", `${API}/deployments/{deploymentId}`],
  ["UpdateDeployment", "PATCH", `${API}/deployments/{deploymentId}`],
  ["DeleteDeployment", "DELETE", `${API}/deployments/{deploymentId}`],
  ["GetAuthorizers", "GET", `${API}/authorizers`],
  ["CreateAuthorizer", "POST", `${API}/authorizers`],
  ["GetAuthorizer", "GET", `${API}/authorizers/{authorizerId}`],
  ["UpdateAuthorizer", "PATCH", `${API}/authorizers/{authorizerId}`],
  ["DeleteAuthorizer", "DELETE", `${API}/authorizers/{authorizerId}`],
  ["GetModels", "GET", `${API}/models`],
  ["CreateModel", "POST", `${API}/models`],
  ["GetModel", "GET", `${API}/models/{modelId}`],
  ["UpdateModel", "PATCH", `${API}/models/{modelId}`],
  ["DeleteModel", "DELETE", `${API}/models/{modelId}`],
  ["GetModelTemplate", "GET", `${API}/models/{modelId}/template`],
  ["DeleteCorsConfiguration", "DELETE", `${API}/cors`],
  ["ExportApi", "GET", `${API}/exports/{specification}`],
  ["GetDomainNames", "GET", "/v2/domainnames"],
  ["CreateDomainName", "POST", "/v2/domainnames"],
  ["GetDomainName", "GET", DOMAIN],
  ["UpdateDomainName", "PATCH", DOMAIN],
  ["DeleteDomainName", "DELETE", DOMAIN],
  ["GetApiMappings", "GET", `${DOMAIN}/apimappings`],
  ["CreateApiMapping", "POST", `${DOMAIN}/apimappings`],
  ["GetApiMapping", "GET", `${DOMAIN}/apimappings/{apiMappingId}`],
  ["UpdateApiMapping", "PATCH", `${DOMAIN}/apimappings/{apiMappingId}`],
  ["DeleteApiMapping", "DELETE", `${DOMAIN}/apimappings/{apiMappingId}`],
  ["ListRoutingRules", "GET", `${DOMAIN}/routingrules`],
  ["CreateRoutingRule", "POST", `${DOMAIN}/routingrules`],
  ["GetRoutingRule", "GET", `${DOMAIN}/routingrules/{routingRuleId}`],
  ["PutRoutingRule", "PUT", `${DOMAIN}/routingrules/{routingRuleId}`],
  ["DeleteRoutingRule", "DELETE", `${DOMAIN}/routingrules/{routingRuleId}`],
  ["GetTags", "GET", "/v2/tags/{resourceArn}"],
  ["TagResource", "POST", "/v2/tags/{resourceArn}"],
  ["UntagResource", "DELETE", "/v2/tags/{resourceArn}"],
  ["GetVpcLinks", "GET", "/v2/vpclinks"],
  ["CreateVpcLink", "POST", "/v2/vpclinks"],
  ["GetVpcLink", "GET", "/v2/vpclinks/{vpcLinkId}"],
  ["UpdateVpcLink", "PATCH", "/v2/vpclinks/{vpcLinkId}"],
  ["DeleteVpcLink", "DELETE", "/v2/vpclinks/{vpcLinkId}"],
  ["ListPortals", "GET", "/v2/portals"],
  ["CreatePortal", "POST", "/v2/portals"],
  ["GetPortal", "GET", "/v2/portals/{portalId}"],
  ["UpdatePortal", "PATCH", "/v2/portals/{portalId}"],
  ["DeletePortal", "DELETE", "/v2/portals/{portalId}"],
  ["PreviewPortal", "POST", "/v2/portals/{portalId}/preview"],
  ["PublishPortal", "POST", "/v2/portals/{portalId}/publish"],
  ["DisablePortal", "DELETE", "/v2/portals/{portalId}/publish"],
  ["ListPortalProducts", "GET", "/v2/portalproducts"],
  ["CreatePortalProduct", "POST", "/v2/portalproducts"],
  ["GetPortalProduct", "GET", PRODUCT],
  ["UpdatePortalProduct", "PATCH", PRODUCT],
  ["DeletePortalProduct", "DELETE", PRODUCT],
  ["GetPortalProductSharingPolicy", "GET", `${PRODUCT}/sharingpolicy`],
  ["PutPortalProductSharingPolicy", "PUT", `${PRODUCT}/sharingpolicy`],
  ["DeletePortalProductSharingPolicy", "DELETE", `${PRODUCT}/sharingpolicy`],
  ["ListProductPages", "GET", `${PRODUCT}/productpages`],
  ["CreateProductPage", "POST", `${PRODUCT}/productpages`],
  ["GetProductPage", "GET", `${PRODUCT}/productpages/{productPageId}`],
  ["UpdateProductPage", "PATCH", `${PRODUCT}/productpages/{productPageId}`],
  ["DeleteProductPage", "DELETE", `${PRODUCT}/productpages/{productPageId}`],
  ["ListProductRestEndpointPages", "GET", `${PRODUCT}/productrestendpointpages`],
  ["CreateProductRestEndpointPage", "POST", `${PRODUCT}/productrestendpointpages`],
  ["GetProductRestEndpointPage", "GET", `${PRODUCT}/productrestendpointpages/{productRestEndpointPageId}`],
  ["UpdateProductRestEndpointPage", "PATCH", `${PRODUCT}/productrestendpointpages/{productRestEndpointPageId}`],
  ["DeleteProductRestEndpointPage", "DELETE", `${PRODUCT}/productrestendpointpages/{productRestEndpointPageId}`],
];

export const OPERATIONS: OperationSpec[] = MODEL.map(([name, method, path]) => ({
  name,
  method,
  path: path.split("/").filter((segment) => segment.length > 0),
  handler: IMPLEMENTED[name],
}));

/** The operation a method and decoded path segments name, with the path parameters it captures. */
export function matchOperation(method: string, segments: string[]): { spec: OperationSpec; params: Record<string, string> } | undefined {
  for (const spec of OPERATIONS) {
    if (spec.method !== method || spec.path.length !== segments.length) continue;
    const params = matchPath(spec.path, segments);
    if (params) return { spec, params };
  }
  return undefined;
}

function matchPath(pattern: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    const segment = segments[i]!;
    if (part.startsWith("{")) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
