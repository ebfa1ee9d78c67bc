// One resolved API Gateway v2 call: the request, the lab, the path parameters, and lookups that answer
// NotFoundException the way AWS does when a path names something the caller's account does not have.
//
// Sources cited in this file:
// - the AWS CLI's apigatewayv2 examples: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
// - the ids of the AWS CLI's apigatewayv2 examples; formats beyond them UNCONFIRMED: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
import type { LabContext } from "../context.js";
import { shortId, type LabRequest, type LabResponse } from "../protocol.js";
import { notFound } from "./errors.js";
import type { ApiGatewayState, ApiRecord, Integration, Route, Stage } from "./model.js";

export interface Call {
  req: LabRequest;
  ctx: LabContext;
  params: Record<string, string>;
}

export type Handler = (call: Call) => LabResponse;

/** APIs are regional and private to their account (one account's resources are invisible to another: test/lab/apigw.test.ts). */
export function stateOf(call: Call): ApiGatewayState {
  return call.ctx.stores.apigw.region(call.req.account, call.req.region);
}

export function apiOf(call: Call): ApiRecord {
  const apiId = call.params.apiId!;
  const record = stateOf(call).apis.get(apiId);
  if (!record) throw notFound("Api", `${call.req.account}:${apiId}`);
  return record;
}

export function routeOf(record: ApiRecord, routeId: string): Route {
  const route = record.routes.get(routeId);
  if (!route) throw notFound("Route", routeId);
  return route;
}

export function integrationOf(record: ApiRecord, integrationId: string): Integration {
  const integration = record.integrations.get(integrationId);
  if (!integration) throw notFound("Integration", integrationId);
  return integration;
}

export function stageOf(record: ApiRecord, stageName: string): Stage {
  const stage = record.stages.get(stageName);
  if (!stage) throw notFound("Stage", stageName);
  return stage;
}

/** A fresh id of the given length that `taken` does not hold (id lengths: the ids of the AWS CLI's apigatewayv2 examples; formats beyond them UNCONFIRMED). */
export function freshId(length: number, taken: (id: string) => boolean): string {
  let id = shortId(length);
  while (taken(id)) id = shortId(length);
  return id;
}
