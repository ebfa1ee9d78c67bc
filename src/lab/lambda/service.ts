// The Lambda service of the lab (restJson1, PascalCase members, paths under /2015-03-31/, signing name
// "lambda"; botocore's lambda model). Every operation except Invoke is a control-plane call: it gets the injected
// latency and counts against the account's quotas (API Gateway quotas; Lambda quotas).
//
// Sources cited in this file:
// - API Gateway quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
import type { LabContext, Operation, ServiceModule } from "../context.js";
import { AwsError, type LabRequest, type LabResponse } from "../protocol.js";
import { notImplemented, tooManyRequests } from "./errors.js";
import { createFunction, deleteFunction, getFunction, getFunctionConfiguration, listFunctions, resolveFrom, updateFunctionCode, updateFunctionConfiguration } from "./functions.js";
import { invoke } from "./invoke.js";
import type { Resolved } from "./lookup.js";
import { addPermission, getPolicy, removePermission } from "./policy.js";

interface Call {
  req: LabRequest;
  ctx: LabContext;
  params: Record<string, string>;
}

interface Route {
  method: string;
  path: string;
  name: string;
  run?: (call: Call) => LabResponse | Promise<LabResponse>;
  /** Told apart from another operation on the same path by its query (GetLayerVersionByArn: ?find=). */
  when?: (query: URLSearchParams) => boolean;
}

/** An operation on the function named by the path, after it is found (or not: ResourceNotFoundException). */
function onFunction(run: (call: Call, resolved: Resolved) => LabResponse | Promise<LabResponse>): (call: Call) => LabResponse | Promise<LabResponse> {
  return (call) => run(call, resolveFrom(call.req, call.ctx, call.params.FunctionName!));
}

const FN = "/2015-03-31/functions/{FunctionName}";

const IMPLEMENTED: Route[] = [
  { method: "GET", path: "/2015-03-31/functions", name: "ListFunctions", run: ({ req, ctx }) => listFunctions(req, ctx) },
  { method: "POST", path: "/2015-03-31/functions", name: "CreateFunction", run: ({ req, ctx }) => createFunction(req, ctx) },
  { method: "GET", path: FN, name: "GetFunction", run: onFunction((_, resolved) => getFunction(resolved)) },
  { method: "DELETE", path: FN, name: "DeleteFunction", run: onFunction((_, resolved) => deleteFunction(resolved)) },
  { method: "GET", path: `${FN}/configuration`, name: "GetFunctionConfiguration", run: onFunction((_, resolved) => getFunctionConfiguration(resolved)) },
  { method: "PUT", path: `${FN}/configuration`, name: "UpdateFunctionConfiguration", run: onFunction(({ req }, resolved) => updateFunctionConfiguration(req, resolved)) },
  { method: "PUT", path: `${FN}/code`, name: "UpdateFunctionCode", run: onFunction(({ req }, resolved) => updateFunctionCode(req, resolved)) },
  { method: "GET", path: `${FN}/policy`, name: "GetPolicy", run: onFunction((_, resolved) => getPolicy(resolved)) },
  { method: "POST", path: `${FN}/policy`, name: "AddPermission", run: onFunction(({ req }, resolved) => addPermission(req, resolved)) },
  { method: "DELETE", path: `${FN}/policy/{StatementId}`, name: "RemovePermission", run: onFunction(({ req, params }, resolved) => removePermission(req, resolved, params.StatementId!)) },
  { method: "POST", path: `${FN}/invocations`, name: "Invoke", run: onFunction(({ req, ctx }, resolved) => invoke(req, ctx, resolved)) },
];

/** The rest of the Lambda API (@aws-sdk/client-lambda 3.1164.0): answered 501 NotImplementedException, by name. */
const NOT_IMPLEMENTED: Route[] = [
  ["POST", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", "AddLayerVersionPermission"],
  ["POST", "/2025-12-01/durable-executions/{DurableExecutionArn}/checkpoint", "CheckpointDurableExecution"],
  ["POST", `${FN}/aliases`, "CreateAlias"],
  ["POST", "/2025-11-30/capacity-providers", "CreateCapacityProvider"],
  ["POST", "/2020-04-22/code-signing-configs", "CreateCodeSigningConfig"],
  ["POST", "/2015-03-31/event-source-mappings", "CreateEventSourceMapping"],
  ["POST", "/2021-10-31/functions/{FunctionName}/url", "CreateFunctionUrlConfig"],
  ["DELETE", `${FN}/aliases/{Name}`, "DeleteAlias"],
  ["DELETE", "/2025-11-30/capacity-providers/{CapacityProviderName}", "DeleteCapacityProvider"],
  ["DELETE", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "DeleteCodeSigningConfig"],
  ["DELETE", "/2015-03-31/event-source-mappings/{UUID}", "DeleteEventSourceMapping"],
  ["DELETE", "/2020-06-30/functions/{FunctionName}/code-signing-config", "DeleteFunctionCodeSigningConfig"],
  ["DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", "DeleteFunctionConcurrency"],
  ["DELETE", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "DeleteFunctionEventInvokeConfig"],
  ["DELETE", "/2021-10-31/functions/{FunctionName}/url", "DeleteFunctionUrlConfig"],
  ["DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "DeleteLayerVersion"],
  ["DELETE", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "DeleteProvisionedConcurrencyConfig"],
  ["DELETE", "/2026-07-09/resource-policy/{ResourceArn}", "DeleteResourcePolicy"],
  ["GET", "/2016-08-19/account-settings", "GetAccountSettings"],
  ["GET", `${FN}/aliases/{Name}`, "GetAlias"],
  ["GET", "/2025-11-30/capacity-providers/{CapacityProviderName}", "GetCapacityProvider"],
  ["GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "GetCodeSigningConfig"],
  ["GET", "/2025-12-01/durable-executions/{DurableExecutionArn}", "GetDurableExecution"],
  ["GET", "/2025-12-01/durable-executions/{DurableExecutionArn}/history", "GetDurableExecutionHistory"],
  ["GET", "/2025-12-01/durable-executions/{DurableExecutionArn}/state", "GetDurableExecutionState"],
  ["GET", "/2015-03-31/event-source-mappings/{UUID}", "GetEventSourceMapping"],
  ["GET", "/2020-06-30/functions/{FunctionName}/code-signing-config", "GetFunctionCodeSigningConfig"],
  ["GET", "/2019-09-30/functions/{FunctionName}/concurrency", "GetFunctionConcurrency"],
  ["GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "GetFunctionEventInvokeConfig"],
  ["GET", "/2024-08-31/functions/{FunctionName}/recursion-config", "GetFunctionRecursionConfig"],
  ["GET", "/2025-11-30/functions/{FunctionName}/function-scaling-config", "GetFunctionScalingConfig"],
  ["GET", "/2021-10-31/functions/{FunctionName}/url", "GetFunctionUrlConfig"],
  ["GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "GetLayerVersion"],
  ["GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy", "GetLayerVersionPolicy"],
  ["GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "GetProvisionedConcurrencyConfig"],
  ["GET", "/2026-07-09/resource-policy/{ResourceArn}", "GetResourcePolicy"],
  ["GET", "/2021-07-20/functions/{FunctionName}/runtime-management-config", "GetRuntimeManagementConfig"],
  ["POST", "/2014-11-13/functions/{FunctionName}/invoke-async", "InvokeAsync"],
  ["POST", "/2021-11-15/functions/{FunctionName}/response-streaming-invocations", "InvokeWithResponseStream"],
  ["GET", `${FN}/aliases`, "ListAliases"],
  ["GET", "/2025-11-30/capacity-providers", "ListCapacityProviders"],
  ["GET", "/2020-04-22/code-signing-configs", "ListCodeSigningConfigs"],
  ["GET", "/2025-12-01/functions/{FunctionName}/durable-executions", "ListDurableExecutionsByFunction"],
  ["GET", "/2015-03-31/event-source-mappings", "ListEventSourceMappings"],
  ["GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config/list", "ListFunctionEventInvokeConfigs"],
  ["GET", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}/functions", "ListFunctionsByCodeSigningConfig"],
  ["GET", "/2021-10-31/functions/{FunctionName}/urls", "ListFunctionUrlConfigs"],
  ["GET", "/2025-11-30/capacity-providers/{CapacityProviderName}/function-versions", "ListFunctionVersionsByCapacityProvider"],
  ["GET", "/2018-10-31/layers/{LayerName}/versions", "ListLayerVersions"],
  ["GET", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "ListProvisionedConcurrencyConfigs"],
  ["GET", "/2017-03-31/tags/{Resource}", "ListTags"],
  ["GET", `${FN}/versions`, "ListVersionsByFunction"],
  ["POST", "/2018-10-31/layers/{LayerName}/versions", "PublishLayerVersion"],
  ["POST", `${FN}/versions`, "PublishVersion"],
  ["PUT", "/2020-06-30/functions/{FunctionName}/code-signing-config", "PutFunctionCodeSigningConfig"],
  ["PUT", "/2017-10-31/functions/{FunctionName}/concurrency", "PutFunctionConcurrency"],
  ["PUT", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "PutFunctionEventInvokeConfig"],
  ["PUT", "/2024-08-31/functions/{FunctionName}/recursion-config", "PutFunctionRecursionConfig"],
  ["PUT", "/2025-11-30/functions/{FunctionName}/function-scaling-config", "PutFunctionScalingConfig"],
  ["PUT", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency", "PutProvisionedConcurrencyConfig"],
  ["PUT", "/2026-07-09/resource-policy/{ResourceArn}", "PutResourcePolicy"],
  ["PUT", "/2021-07-20/functions/{FunctionName}/runtime-management-config", "PutRuntimeManagementConfig"],
  ["DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}/policy/{StatementId}", "RemoveLayerVersionPermission"],
  ["POST", "/2025-12-01/durable-execution-callbacks/{CallbackId}/fail", "SendDurableExecutionCallbackFailure"],
  ["POST", "/2025-12-01/durable-execution-callbacks/{CallbackId}/heartbeat", "SendDurableExecutionCallbackHeartbeat"],
  ["POST", "/2025-12-01/durable-execution-callbacks/{CallbackId}/succeed", "SendDurableExecutionCallbackSuccess"],
  ["POST", "/2025-12-01/durable-executions/{DurableExecutionArn}/stop", "StopDurableExecution"],
  ["POST", "/2017-03-31/tags/{Resource}", "TagResource"],
  ["DELETE", "/2017-03-31/tags/{Resource}", "UntagResource"],
  ["PUT", `${FN}/aliases/{Name}`, "UpdateAlias"],
  ["PUT", "/2025-11-30/capacity-providers/{CapacityProviderName}", "UpdateCapacityProvider"],
  ["PUT", "/2020-04-22/code-signing-configs/{CodeSigningConfigArn}", "UpdateCodeSigningConfig"],
  ["PUT", "/2015-03-31/event-source-mappings/{UUID}", "UpdateEventSourceMapping"],
  ["POST", "/2019-09-25/functions/{FunctionName}/event-invoke-config", "UpdateFunctionEventInvokeConfig"],
  ["PUT", "/2021-10-31/functions/{FunctionName}/url", "UpdateFunctionUrlConfig"],
  ["GET", "/2018-10-31/layers", "GetLayerVersionByArn", (query: URLSearchParams) => query.has("find")],
  ["GET", "/2018-10-31/layers", "ListLayers"],
].map(([method, path, name, when]) => ({ method, path, name, when }) as Route);

const ROUTES = [...IMPLEMENTED, ...NOT_IMPLEMENTED];

function match(req: LabRequest): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    if (route.method !== req.method.toUpperCase()) continue;
    const params = matchPath(route.path, req.segments);
    if (params && (!route.when || route.when(req.query))) return { route, params };
  }
  return undefined;
}

function matchPath(template: string, segments: string[]): Record<string, string> | undefined {
  const parts = template.split("/").filter((part) => part.length > 0);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const braced = /^\{(\w+)\}$/.exec(part);
    if (braced) params[braced[1]!] = segments[i]!;
    else if (part !== segments[i]) return undefined;
  }
  return params;
}

export const lambdaService: ServiceModule = {
  service: "lambda",
  resolve(req: LabRequest, ctx: LabContext): Operation {
    const found = match(req);
    if (!found) {
      throw new AwsError(404, "UnknownOperationException", `The lab's Lambda has no operation at ${req.method} ${req.rawPath}`, {
        Type: "User",
        message: `The lab's Lambda has no operation at ${req.method} ${req.rawPath}`,
      });
    }
    const { route, params } = found;
    const run = route.run;
    if (!run) throw notImplemented(`The Lambda operation ${route.name}`);
    return { name: route.name, controlPlane: route.name !== "Invoke", run: async () => run({ req, ctx, params }) };
  },
  throttled: () => tooManyRequests(),
};
