// The scenario catalogue: named account states, each defined once as changes made through the public AWS
// API on top of the step-1 seed. The lab (`--lab-state`, `npm run lab -- --state`), the tests and the
// grader all build scenarios from here, so a fixture, an end-to-end test and a demo mean the same state.
import {
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteRouteCommand,
  GetRouteCommand,
  UpdateRouteCommand,
} from "@aws-sdk/client-apigatewayv2";
import { AddPermissionCommand } from "@aws-sdk/client-lambda";
import { lambdaIntegrationUri } from "../aws/arn.js";
import { withClients, type AwsClients, type AwsTarget } from "../aws/clients.js";
import type { FunctionRole } from "../workshop/names.js";
import { LAMBDA_PROXY, WORKSHOP_STEP2, type Step2RouteKey } from "../workshop/step2.js";
import { applyStep2, deploy, enableTwoWay, integrateRoute, permitRoute, routeSourceArn, seedStep1, type RouteKey, type Step1Resources } from "./seed.js";

import { SCENARIO_NAMES } from "./names.js";

export interface Scenario {
  name: string;
  /** What a participant did to get here, for the catalogue's documentation. */
  description: string;
  /** Changes on top of a step-1 account. */
  apply(target: AwsTarget, resources: Step1Resources): Promise<void>;
}

type Change = (clients: AwsClients, resources: Step1Resources) => Promise<void>;

/** Integrates the step-2 routes with the given functions (by role) and permits each function for its route. */
function wire(functions: Record<Step2RouteKey, FunctionRole>, permit: Partial<Record<RouteKey, boolean>> = {}): Change {
  return async (clients, resources) => {
    for (const { routeKey } of WORKSHOP_STEP2.routes) {
      const role = functions[routeKey];
      await integrateRoute(clients, resources, routeKey, resources.functionArns[role]);
      if (permit[routeKey] !== false) await permitRoute(clients, resources, routeKey, resources.functionNames[role]);
    }
  };
}

/** Each step-2 route to the function the workshop gives it. */
const STEP2_ROLES = Object.fromEntries(WORKSHOP_STEP2.routes.map((route) => [route.routeKey, route.role])) as Record<Step2RouteKey, FunctionRole>;
const correctWiring = wire(STEP2_ROLES);
const twoWay: Change = async (clients, resources) => void (await enableTwoWay(clients, resources.apiId, resources.routeIds.$default));
const deployV1: Change = async (clients, resources) => void (await deploy(clients, resources.apiId, resources.stageName));

function steps(...changes: Change[]): Scenario["apply"] {
  return (target, resources) =>
    withClients(target, async (clients) => {
      for (const change of changes) await change(clients, resources);
    });
}

/** $default permitted by a statement the participant got wrong in the way `sourceArn` says. */
function permitDefaultWith(sourceArn: ((resources: Step1Resources) => string) | undefined): Change {
  return async (clients, resources) => {
    await clients.lambda.send(
      new AddPermissionCommand({
        FunctionName: resources.functionNames.pending,
        StatementId: `apigateway-${resources.apiId}-default-custom`,
        Action: "lambda:InvokeFunction",
        Principal: "apigateway.amazonaws.com",
        ...(sourceArn ? { SourceArn: sourceArn(resources) } : {}),
      }),
    );
  };
}

/** Replaces $default's integration by one of another type, as a participant who picked the wrong option would. */
function defaultIntegrationOfType(type: "AWS" | "HTTP_PROXY"): Change {
  return async (clients, resources) => {
    const created = await clients.apigw.send(
      new CreateIntegrationCommand({
        ApiId: resources.apiId,
        IntegrationType: type,
        IntegrationMethod: LAMBDA_PROXY.method,
        IntegrationUri: type === "AWS" ? lambdaIntegrationUri(resources.region, resources.functionArns.pending) : "https://orders.example.com/pending",
      }),
    );
    await clients.apigw.send(new UpdateRouteCommand({ ApiId: resources.apiId, RouteId: resources.routeIds.$default, Target: `integrations/${created.IntegrationId}` }));
  };
}

/** What the old console's "add integration response" might have made alone: an integration response, no route response. */
const integrationResponseOnDefault: Change = async (clients, resources) => {
  const route = await clients.apigw.send(new GetRouteCommand({ ApiId: resources.apiId, RouteId: resources.routeIds.$default }));
  const integrationId = route.Target?.replace(/^integrations\//, "");
  if (!integrationId) throw new Error("$default has no integration to add a response to");
  await clients.apigw.send(new CreateIntegrationResponseCommand({ ApiId: resources.apiId, IntegrationId: integrationId, IntegrationResponseKey: "$default" }));
};

export const SCENARIOS: Scenario[] = [
  { name: "step1", description: "the state workshop step 1 leaves: step 2 not started", apply: async () => {} },
  { name: "solved", description: "step 2 done as the lab guide says (items 4-12)", apply: (target, resources) => applyStep2(target, resources).then(() => undefined) },
  { name: "not-deployed", description: "step 2 configured but never deployed to v1 (items 10-11 left out)", apply: (target, resources) => applyStep2(target, resources, { deploy: false }).then(() => undefined) },
  {
    name: "swapped-functions",
    description: "$disconnect wired to the pending function and $default to the disconnect function",
    apply: steps(wire({ $disconnect: "pending", $default: "disconnect" }), twoWay, deployV1),
  },
  {
    name: "missing-permission-disconnect",
    description: "the permission dialog of $disconnect was dismissed",
    apply: (target, resources) => applyStep2(target, resources, { omitPermissions: ["$disconnect"] }).then(() => undefined),
  },
  {
    name: "missing-permission-default",
    description: "the permission dialog of $default was dismissed",
    apply: (target, resources) => applyStep2(target, resources, { omitPermissions: ["$default"] }).then(() => undefined),
  },
  {
    name: "wrong-source-arn",
    description: "$default's permission names another API's id",
    apply: steps(wire(STEP2_ROLES, { $default: false }), permitDefaultWith((r) => routeSourceArn({ ...r, apiId: "zzzzzzzzzz" }, "*", "$default")), twoWay, deployV1),
  },
  {
    name: "permission-without-source-arn",
    description: "$default's permission has no SourceArn condition (works, but any API may invoke the function)",
    apply: steps(wire(STEP2_ROLES, { $default: false }), permitDefaultWith(undefined), twoWay, deployV1),
  },
  { name: "no-route-response", description: "\"add integration response\" was not clicked: $default is one-way", apply: steps(correctWiring, deployV1) },
  {
    name: "integration-response-only",
    description: "an integration response on $default's integration, but no route response",
    apply: steps(correctWiring, integrationResponseOnDefault, deployV1),
  },
  { name: "non-proxy-integration", description: "$default integrated as a Lambda custom (non-proxy, AWS) integration", apply: steps(correctWiring, defaultIntegrationOfType("AWS"), twoWay, deployV1) },
  { name: "http-integration", description: "$default integrated with an HTTP endpoint instead of the Lambda function", apply: steps(correctWiring, defaultIntegrationOfType("HTTP_PROXY"), twoWay, deployV1) },
  {
    name: "wrong-stage",
    description: "step 2 deployed to a new stage v2 instead of v1",
    apply: steps(correctWiring, twoWay, async (clients, resources) => {
      await clients.apigw.send(new CreateStageCommand({ ApiId: resources.apiId, StageName: "v2" }));
      await deploy(clients, resources.apiId, "v2");
    }),
  },
  {
    name: "deleted-route",
    description: "the $disconnect route was deleted, then the rest of step 2 done and deployed",
    apply: steps(correctWiring, twoWay, async (clients, resources) => {
      await clients.apigw.send(new DeleteRouteCommand({ ApiId: resources.apiId, RouteId: resources.routeIds.$disconnect }));
    }, deployV1),
  },
  {
    name: "api-missing",
    description: "OrderCallbackAPI was deleted",
    apply: steps(async (clients, resources) => void (await clients.apigw.send(new DeleteApiCommand({ ApiId: resources.apiId })))),
  },
];

export { SCENARIO_NAMES };

// The names are also listed apart (names.ts) so a command can offer them without loading the SDK clients that build them.
if (SCENARIOS.map((scenario) => scenario.name).join() !== SCENARIO_NAMES.join()) throw new Error("names.ts and SCENARIOS disagree");

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}

/** Seeds an account at step 1 and brings it into the named scenario. */
export async function buildScenario(target: AwsTarget, name: string): Promise<Step1Resources> {
  const scenario = findScenario(name);
  if (!scenario) throw new Error(`unknown scenario "${name}" (known: ${SCENARIO_NAMES.join(", ")})`);
  const resources = await seedStep1(target);
  await scenario.apply(target, resources);
  return resources;
}

