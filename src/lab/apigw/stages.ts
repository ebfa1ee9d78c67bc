// Stages: GetStages, GetStage, CreateStage, UpdateStage, DeleteStage (API Gateway's WebSocket deployments; botocore's apigatewayv2 model).
//
// Sources cited in this file:
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
// - the AWS CLI's apigatewayv2 examples: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
import { isoSeconds, json, noContent } from "../protocol.js";
import { apiOf, stageOf, type Handler } from "./call.js";
import { attach, autoDeploy, deploymentOf } from "./deployments.js";
import { badRequest, conflict } from "./errors.js";
import { assignDefined, listPage, Members } from "./input.js";
import type { ApiRecord, RouteSettings, Stage } from "./model.js";
import { isObject } from "../members.js";

/** Stage names: letters, digits, "-" and "_", up to 128; HTTP APIs also have "$default" (botocore's apigatewayv2 model Stage.StageName). UNCONFIRMED message. */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export const getStages: Handler = (call) => json(200, listPage(call.req, [...apiOf(call).stages.values()]));

export const getStage: Handler = (call) => json(200, stageOf(apiOf(call), call.params.stageName!));

export const deleteStage: Handler = (call) => {
  const record = apiOf(call);
  record.stages.delete(stageOf(record, call.params.stageName!).stageName);
  return noContent();
};

/** A second stage of the same name is a conflict ("Stage already exists", REST API wording; UNCONFIRMED for v2). */
export const createStage: Handler = (call) => {
  const record = apiOf(call);
  const body = Members.of(call.req);
  const stageName = body.requiredString("stageName");
  const defaultName = record.api.protocolType === "HTTP" && stageName === "$default";
  if (!defaultName && !STAGE_NAME.test(stageName)) throw badRequest("Stage name only allows a-zA-Z0-9_-");
  if (record.stages.has(stageName)) throw conflict("Stage already exists");
  const now = isoSeconds();
  const stage: Stage = {
    stageName,
    createdDate: now,
    lastUpdatedDate: now,
    autoDeploy: false,
    defaultRouteSettings: defaultRouteSettings(record),
    routeSettings: {},
    stageVariables: {},
    tags: body.stringMap("tags") ?? {},
  };
  applyStage(record, stage, body);
  record.stages.set(stageName, stage);
  return json(201, stage);
};

/** A partial update; lastUpdatedDate moves on every update (botocore's apigatewayv2 model Stage.LastUpdatedDate). */
export const updateStage: Handler = (call) => {
  const record = apiOf(call);
  const stage = structuredClone(stageOf(record, call.params.stageName!));
  applyStage(record, stage, Members.of(call.req));
  stage.lastUpdatedDate = isoSeconds();
  record.stages.set(stage.stageName, stage);
  return json(200, stage);
};

/**
 * Settings a stage starts with: HTTP stages show {"DetailedMetricsEnabled": false} (the AWS CLI's apigatewayv2 examples, update-stage);
 * WebSocket stages also carry dataTraceEnabled and loggingLevel, which exist only for them (botocore's apigatewayv2 model
 * RouteSettings docs). The WebSocket values are UNCONFIRMED.
 */
function defaultRouteSettings(record: ApiRecord): RouteSettings {
  if (record.api.protocolType === "HTTP") return { detailedMetricsEnabled: false };
  return { dataTraceEnabled: false, detailedMetricsEnabled: false, loggingLevel: "OFF" };
}

function applyStage(record: ApiRecord, stage: Stage, body: Members): void {
  const wasAutoDeploy = stage.autoDeploy;
  const deploymentId = body.string("deploymentId");
  stage.autoDeploy = body.boolean("autoDeploy") ?? stage.autoDeploy;
  assignDefined(stage, {
    description: body.string("description"),
    stageVariables: body.stringMap("stageVariables"),
    routeSettings: routeSettings(body),
    accessLogSettings: body.object("accessLogSettings"),
    clientCertificateId: body.string("clientCertificateId"),
  });
  const defaults = body.object("defaultRouteSettings");
  if (defaults) stage.defaultRouteSettings = { ...stage.defaultRouteSettings, ...readRouteSettings(defaults, "defaultRouteSettings") };
  if (!stage.autoDeploy) delete stage.lastDeploymentStatusMessage;
  if (deploymentId !== undefined) attachExisting(record, stage, deploymentId);
  if (stage.autoDeploy && !wasAutoDeploy) autoDeploy(record, [stage]);
}

/**
 * A stage can only point at a deployment of its API; while autoDeploy is on, the service picks the deployment
 * and a deploymentId cannot be set (botocore's apigatewayv2 model Stage.DeploymentId / AutoDeploy docs).
 */
function attachExisting(record: ApiRecord, stage: Stage, deploymentId: string): void {
  if (stage.autoDeploy) throw badRequest("A deploymentId cannot be set on a stage with autoDeploy enabled");
  deploymentOf(record, deploymentId);
  attach(stage, deploymentId);
}

function routeSettings(body: Members): Stage["routeSettings"] | undefined {
  const value = body.object("routeSettings");
  if (value === undefined) return undefined;
  return Object.fromEntries(Object.entries(value).map(([routeKey, settings]) => [routeKey, readRouteSettings(settings, `routeSettings.${routeKey}`)]));
}

const LOGGING_LEVELS = ["INFO", "ERROR", "OFF"] as const;

/**
 * One RouteSettings object, each member of its model type (botocore's apigatewayv2 model RouteSettings): booleans, the LoggingLevel
 * enum, throttlingBurstLimit an integer (`__integer`) and throttlingRateLimit any number (`__double`, so 12.5
 * stays 12.5 and goes back out as a JSON number). Members the model does not have are dropped, as a
 * deserializer would. A wrong type is BadRequestException, like every other member (input.ts).
 */
function readRouteSettings(value: unknown, where: string): RouteSettings {
  if (!isObject(value)) throw badRequest(`Invalid input: "${where}" must be an object`);
  const wrong = (member: string, type: string) => badRequest(`Invalid input: "${where}.${member}" must be a ${type}`);
  const present = (member: string) => value[member] !== undefined && value[member] !== null;
  const settings: RouteSettings = {};
  for (const member of ["dataTraceEnabled", "detailedMetricsEnabled"] as const) {
    if (!present(member)) continue;
    if (typeof value[member] !== "boolean") throw wrong(member, "boolean");
    settings[member] = value[member] as boolean;
  }
  if (present("loggingLevel")) {
    const level = value.loggingLevel;
    if (typeof level !== "string" || !(LOGGING_LEVELS as readonly string[]).includes(level)) {
      throw badRequest(`Invalid value for "${where}.loggingLevel": ${String(level)}. Valid values are ${LOGGING_LEVELS.join(", ")}`);
    }
    settings.loggingLevel = level as RouteSettings["loggingLevel"];
  }
  if (present("throttlingBurstLimit")) {
    if (!Number.isInteger(value.throttlingBurstLimit)) throw wrong("throttlingBurstLimit", "integer");
    settings.throttlingBurstLimit = value.throttlingBurstLimit as number;
  }
  if (present("throttlingRateLimit")) {
    const rate = value.throttlingRateLimit;
    if (typeof rate !== "number" || !Number.isFinite(rate)) throw wrong("throttlingRateLimit", "number");
    settings.throttlingRateLimit = rate;
  }
  return settings;
}
