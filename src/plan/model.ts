// A plan is data: the changes that take an account from its snapshot to a step's target (solve) or back to
// the state before the step (reset), each with the reason it is needed, plus what was seen and left alone
// (notes) and what makes planning impossible (blockers). Planning is pure; src/plan/apply.ts carries it out.
//
// Sources cited in this file:
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
import type { MessageKey } from "../i18n/index.js";

export type Vars = Record<string, string | number>;

/** A message of the i18n catalogue with its placeholders: how a plan says why, in either language. */
export interface Message {
  key: MessageKey;
  vars?: Vars;
}

/** An id that exists now, or the id an earlier change of the same plan creates (filled in while applying). */
export type Ref = { id: string } | { created: string };

interface Base {
  why: Message;
}

export type Change = Base &
  (
    | { kind: "createIntegration"; ref: string; routeKey: string; functionName: string; integrationType: string; integrationMethod: string; integrationUri: string }
    | { kind: "createRoute"; ref: string; routeKey: string; integration: Ref; selectionExpression?: string }
    | { kind: "setTarget"; routeKey: string; routeId: string; integration: Ref; previous?: string }
    | { kind: "clearTarget"; routeKey: string; routeId: string; previous: string }
    | { kind: "addPermission"; routeKey: string; functionName: string; statementId: string; sourceArn: string }
    | { kind: "removePermission"; functionName: string; statementId: string }
    | { kind: "setSelectionExpression"; routeKey: string; routeId: string; expression: string }
    | { kind: "createRouteResponse"; routeKey: string; route: Ref; routeResponseKey: string }
    | { kind: "deleteRouteResponse"; routeKey: string; routeId: string; routeResponseId: string; routeResponseKey: string }
    | { kind: "deleteIntegration"; integrationId: string }
    | { kind: "createStage"; stageName: string }
    | { kind: "deploy"; stageName: string }
    | { kind: "updateCode"; functionName: string; handler: string; zip: Uint8Array; codeSha256: string }
  );

export type ChangeKind = Change["kind"];

/** Changes of the API's configuration, which a stage serves only once deployed (API Gateway's WebSocket deployments). */
export const DEPLOYABLE: ReadonlySet<ChangeKind> = new Set([
  "createIntegration",
  "createRoute",
  "setTarget",
  "clearTarget",
  "setSelectionExpression",
  "createRouteResponse",
  "deleteRouteResponse",
]);

export interface Blocker extends Message {
  /** unreadable: the account could not be read well enough to plan (the checker's problem, exit 2). */
  kind: "missing" | "unreadable";
}

export interface Plan {
  action: "solve" | "reset";
  step: number;
  region: string;
  account?: string;
  apiId?: string;
  changes: Change[];
  /** Seen and deliberately left as it is, with what the user may do about it. */
  notes: Message[];
  blockers: Blocker[];
}
