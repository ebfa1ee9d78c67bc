// Carries out a plan, one change at a time and in order (a later change may use what an earlier one created),
// and stops at the first change that fails: the result says exactly which changes were applied, which one
// failed and which were not tried. Nothing is rolled back; the plan is made so that a second run, planned
// from the account as it then is, completes the work (a created integration is found and reused, a permission
// already there is not added again). Each failure carries its kind (src/aws/errors.ts), so that the session can
// tell another writer's conflict, which reading the account again resolves, from a failure that stands.
import {
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  DeleteIntegrationCommand,
  DeleteRouteResponseCommand,
  GetRouteCommand,
  UpdateRouteCommand,
  type ApiGatewayV2Client,
} from "@aws-sdk/client-apigatewayv2";
import { AddPermissionCommand, RemovePermissionCommand, UpdateFunctionCodeCommand, waitUntilFunctionUpdatedV2, type LambdaClient } from "@aws-sdk/client-lambda";
import { errorKind, type AwsErrorKind } from "../aws/errors.js";
import { text } from "../rules/read.js";
import type { Change, Message, Plan, Ref } from "./model.js";
import { DEFAULT_RETRY, withThrottleRetry, type RetryPolicy } from "./retry.js";

export interface ApplyClients {
  apigw: ApiGatewayV2Client;
  lambda: LambdaClient;
}

interface EventBase {
  change: Change;
  index: number;
  /** What the plan has created so far, by ref. */
  created: Readonly<Record<string, string>>;
}

export type ApplyEvent = (EventBase & { type: "start" | "done" }) | (EventBase & { type: "waiting"; operation: string; ms: number });

export interface ApplyOptions {
  retry?: RetryPolicy;
  /** Ctrl-C: the change under way finishes, the rest are left out (and reported as not applied). */
  signal?: AbortSignal;
  onEvent?: (event: ApplyEvent) => void;
}

export interface ApplyFailure {
  change: Change;
  index: number;
  name: string;
  message: string;
  kind: AwsErrorKind;
  /** The tool's own reason, in the catalogue's words, when the failure is not AWS's answer. */
  why?: Message;
}

/**
 * A route that someone else re-pointed after the plan read it. UpdateRoute has no condition to make it fail,
 * so apply reads the route first: writing anyway would silently orphan the other writer's integration.
 */
class ChangedMeanwhile extends Error {
  override name = "ChangedMeanwhile";
  constructor(readonly why: Message) {
    super(why.key);
  }
}

export interface ApplyResult {
  applied: Change[];
  failed?: ApplyFailure;
  /** Changes not tried because an earlier one failed or the run was interrupted. */
  notApplied: Change[];
  interrupted: boolean;
  /** Ids of what the plan created, by the plan's refs ("integration:$default" → "abc1234"). */
  created: Record<string, string>;
}

/** Description of the tool's deployments, so that they can be told from the participant's in the console. */
export const DEPLOYMENT_DESCRIPTION = "awsomepets-lab-checker solve/reset";

export async function applyPlan(plan: Plan, clients: ApplyClients, options: ApplyOptions = {}): Promise<ApplyResult> {
  const result: ApplyResult = { applied: [], notApplied: [], interrupted: false, created: {} };
  for (const [index, change] of plan.changes.entries()) {
    if (result.failed || options.signal?.aborted) {
      result.interrupted ||= !result.failed;
      result.notApplied.push(change);
      continue;
    }
    const created = result.created;
    options.onEvent?.({ type: "start", change, index, created });
    try {
      const context: Context = { plan, clients, created: result.created, retry: options.retry ?? DEFAULT_RETRY, index, change, options };
      await carryOut(context);
      result.applied.push(change);
      options.onEvent?.({ type: "done", change, index, created });
    } catch (error) {
      const e = error as { name?: string; message?: string };
      const failure: ApplyFailure = { change, index, name: e.name ?? "Error", message: e.message ?? String(error), kind: errorKind(error) };
      if (error instanceof ChangedMeanwhile) Object.assign(failure, { kind: "conflict", why: error.why });
      result.failed = failure;
    }
  }
  return result;
}

interface Context {
  plan: Plan;
  clients: ApplyClients;
  created: Record<string, string>;
  retry: RetryPolicy;
  index: number;
  change: Change;
  options: ApplyOptions;
}

function send<T>(context: Context, operation: string, work: () => Promise<T>): Promise<T> {
  return withThrottleRetry(operation, work, context.retry, {
    signal: context.options.signal,
    onWait: (ms) => context.options.onEvent?.({ type: "waiting", change: context.change, index: context.index, created: context.created, operation, ms }),
  });
}

function resolve(context: Context, ref: Ref): string {
  if ("id" in ref) return ref.id;
  const id = context.created[ref.created];
  if (!id) throw new Error(`internal: ${ref.created} was not created before it was needed`);
  return id;
}

/** A delete of something already gone is done, not failed: a second run after a lost answer must not stop there. */
async function tolerateGone(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (errorKind(error) !== "notFound") throw error;
  }
}

type Of<K extends Change["kind"]> = Extract<Change, { kind: K }>;
type Step<K extends Change["kind"]> = (context: Context, change: Of<K>, ApiId: string) => Promise<unknown>;

/** One AWS call (two for code: the update and the wait for it) per kind of change. */
const STEPS: { [K in Change["kind"]]: Step<K> } = {
  async createIntegration(context, change, ApiId) {
    const input = { ApiId, IntegrationType: change.integrationType as "AWS_PROXY", IntegrationMethod: change.integrationMethod, IntegrationUri: change.integrationUri };
    const created = await send(context, "CreateIntegration", () => context.clients.apigw.send(new CreateIntegrationCommand(input)));
    context.created[change.ref] = created.IntegrationId!;
  },
  async createRoute(context, change, ApiId) {
    const Target = `integrations/${resolve(context, change.integration)}`;
    const expression = change.selectionExpression ? { RouteResponseSelectionExpression: change.selectionExpression } : {};
    const created = await send(context, "CreateRoute", () => context.clients.apigw.send(new CreateRouteCommand({ ApiId, RouteKey: change.routeKey, Target, ...expression })));
    context.created[change.ref] = created.RouteId!;
  },
  async setTarget(context, change, ApiId) {
    const route = await send(context, "GetRoute", () => context.clients.apigw.send(new GetRouteCommand({ ApiId, RouteId: change.routeId })));
    const now = text(route.Target);
    if (now !== change.previous) {
      const vars = { routeKey: change.routeKey, target: now ?? "-", previous: change.previous ?? "-" };
      throw new ChangedMeanwhile({ key: change.previous ? "apply.routeChanged" : "apply.routeTargeted", vars });
    }
    await send(context, "UpdateRoute", () => context.clients.apigw.send(new UpdateRouteCommand({ ApiId, RouteId: change.routeId, Target: `integrations/${resolve(context, change.integration)}` })));
  },
  // An empty target detaches the integration (the lab's reading; on AWS unconfirmed, see the README).
  clearTarget: (context, change, ApiId) => send(context, "UpdateRoute", () => context.clients.apigw.send(new UpdateRouteCommand({ ApiId, RouteId: change.routeId, Target: "" }))),
  setSelectionExpression: (context, change, ApiId) =>
    send(context, "UpdateRoute", () => context.clients.apigw.send(new UpdateRouteCommand({ ApiId, RouteId: change.routeId, RouteResponseSelectionExpression: change.expression }))),
  createRouteResponse: (context, change, ApiId) =>
    send(context, "CreateRouteResponse", () => context.clients.apigw.send(new CreateRouteResponseCommand({ ApiId, RouteId: resolve(context, change.route), RouteResponseKey: change.routeResponseKey }))),
  deleteRouteResponse: (context, change, ApiId) =>
    tolerateGone(() => send(context, "DeleteRouteResponse", () => context.clients.apigw.send(new DeleteRouteResponseCommand({ ApiId, RouteId: change.routeId, RouteResponseId: change.routeResponseId })))),
  deleteIntegration: (context, change, ApiId) =>
    tolerateGone(() => send(context, "DeleteIntegration", () => context.clients.apigw.send(new DeleteIntegrationCommand({ ApiId, IntegrationId: change.integrationId })))),
  createStage: (context, change, ApiId) => send(context, "CreateStage", () => context.clients.apigw.send(new CreateStageCommand({ ApiId, StageName: change.stageName }))),
  deploy: (context, change, ApiId) =>
    send(context, "CreateDeployment", () => context.clients.apigw.send(new CreateDeploymentCommand({ ApiId, StageName: change.stageName, Description: DEPLOYMENT_DESCRIPTION }))),
  addPermission: (context, change) =>
    send(context, "AddPermission", () =>
      context.clients.lambda.send(
        new AddPermissionCommand({ FunctionName: change.functionName, StatementId: change.statementId, Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com", SourceArn: change.sourceArn }),
      ),
    ),
  removePermission: (context, change) =>
    tolerateGone(() => send(context, "RemovePermission", () => context.clients.lambda.send(new RemovePermissionCommand({ FunctionName: change.functionName, StatementId: change.statementId })))),
  async updateCode(context, change) {
    const lambda = context.clients.lambda;
    await send(context, "UpdateFunctionCode", () => lambda.send(new UpdateFunctionCodeCommand({ FunctionName: change.functionName, ZipFile: change.zip })));
    // Lambda refuses the next update of a function, and may still run the old code, until this one has finished.
    await waitUntilFunctionUpdatedV2({ client: lambda, minDelay: 0.2, maxDelay: 2, maxWaitTime: 120 }, { FunctionName: change.functionName });
  },
};

async function carryOut(context: Context): Promise<void> {
  const step = STEPS[context.change.kind] as Step<Change["kind"]>;
  await step(context, context.change, context.plan.apiId!);
}
