// Deployments: a stage serves a frozen snapshot, and every change to routes, integrations and their
// responses takes effect only after a redeployment (API Gateway's WebSocket deployments "Important" box).
//
// Sources cited in this file:
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
import { isoSeconds, json } from "../protocol.js";
import { apiOf, freshId, stageOf, type Call, type Handler } from "./call.js";
import { badRequest, notFound } from "./errors.js";
import { listPage, Members } from "./input.js";
import type { ApiRecord, DeployedConfig, Deployment, Stage } from "./model.js";

/** [aws/serverless-application-model #2512] */
export const NO_ROUTES_MESSAGE = "At least one route is required before deploying the Api";

/** Deep copies, so that later edits of the live configuration never reach a deployment. */
export function snapshot(record: ApiRecord): DeployedConfig {
  const routeResponses = Object.fromEntries([...record.routeResponses].map(([routeId, byId]) => [routeId, [...byId.values()]]));
  const integrationResponses = Object.fromEntries([...record.integrationResponses].map(([id, byId]) => [id, [...byId.values()]]));
  return structuredClone({
    routeSelectionExpression: record.api.routeSelectionExpression,
    routes: [...record.routes.values()],
    integrations: [...record.integrations.values()],
    routeResponses,
    integrationResponses,
  });
}

/** Records a deployment of the API as it is now; DEPLOYED at once, since the lab has nothing to wait for. */
export function deploy(record: ApiRecord, autoDeployed: boolean, description?: string): Deployment {
  const deployment: Deployment = {
    deploymentId: freshId(6, (id) => record.deployments.has(id)),
    deploymentStatus: "DEPLOYED",
    createdDate: isoSeconds(),
    autoDeployed,
    ...(description === undefined ? {} : { description }),
  };
  record.deployments.set(deployment.deploymentId, { deployment, config: snapshot(record) });
  return deployment;
}

/** Points a stage at a deployment; the stage's lastUpdatedDate moves with it (botocore's apigatewayv2 model Stage.LastUpdatedDate). */
export function attach(stage: Stage, deploymentId: string): void {
  stage.deploymentId = deploymentId;
  stage.lastUpdatedDate = isoSeconds();
  // The message AWS writes on autoDeploy stages, as seen in public get-stage outputs.
  if (stage.autoDeploy) stage.lastDeploymentStatusMessage = `Successfully deployed stage with deployment ID '${deploymentId}'`;
}

/**
 * After a change to what a deployment snapshots, every autoDeploy stage gets a new deployment with
 * autoDeployed true (botocore's apigatewayv2 model Stage.AutoDeploy). That WebSocket stages behave like HTTP ones here is
 * UNCONFIRMED (API Gateway's WebSocket deployments); so is what a failed automatic deployment (no routes left) reports: the lab
 * keeps the stage on its deployment and says why in lastDeploymentStatusMessage.
 */
export function autoDeploy(record: ApiRecord, stages: Iterable<Stage> = record.stages.values()): void {
  for (const stage of stages) {
    if (!stage.autoDeploy) continue;
    if (record.routes.size === 0) {
      stage.lastDeploymentStatusMessage = `Deployment attempt failed: ${NO_ROUTES_MESSAGE}`;
      continue;
    }
    attach(stage, deploy(record, true).deploymentId);
  }
}

export function deploymentOf(record: ApiRecord, deploymentId: string): Deployment {
  const entry = record.deployments.get(deploymentId);
  if (!entry) throw notFound("Deployment", deploymentId);
  return entry.deployment;
}

export const createDeployment: Handler = (call: Call) => {
  const record = apiOf(call);
  const body = Members.of(call.req);
  const stageName = body.string("stageName");
  const description = body.string("description");
  const stage = stageName === undefined ? undefined : stageOf(record, stageName);
  if (record.routes.size === 0) throw badRequest(NO_ROUTES_MESSAGE);
  const deployment = deploy(record, false, description);
  if (stage) attach(stage, deployment.deploymentId);
  return json(201, deployment);
};

export const getDeployment: Handler = (call) => json(200, deploymentOf(apiOf(call), call.params.deploymentId!));

/** Oldest first: the order of GetDeployments on AWS is UNCONFIRMED (API Gateway's WebSocket deployments). */
export const getDeployments: Handler = (call) => {
  const entries = [...apiOf(call).deployments.values()];
  return json(200, listPage(call.req, entries.map((entry) => entry.deployment)));
};
