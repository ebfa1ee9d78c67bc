// The expected verdict of every check in every scenario of the catalogue (src/scenarios/catalogue.ts), with and
// without the live probe. Written by reasoning from each scenario's definition, the checker's rules (README) and the
// check modules' documented rules, never copied from the checker's output; the fixture tests
// (test/fixtures/) and the end-to-end tests (test/e2e/) hold the checker to it.
//
// How each row follows (P pass, F fail, W warn, S skip, E error):
// - Step 1 of the seed leaves $connect wired and permitted (s1.* pass) and $disconnect / $default bare.
// - s1.routes, s1.connect, s1.stage and every static s2 check depend on s1.api; s2.deployed depends on
//   s1.stage and the five static s2 checks; s2.live-connect on s1.connect, s1.stage and s1.table. A check
//   whose dependency did not pass (or warn) is skipped.
// - A permission without a SourceArn condition is a warn, and a warn lets dependants run.
// - s2.deployed, once its dependencies pass, is confirmed only by the live probe: $default answered and
//   $disconnect removed the rows → pass; no answer (or rows left) → fail, "deploy to v1"; a newer
//   deployment on another stage → fail, "deployed elsewhere". Without the probe it could not be confirmed
//   (with --no-live, s2.deployed says it could not be confirmed), so it is not judged: a skip whose
//   points the report holds apart (test/grade/unjudged.test.ts), unless another stage
//   carries a deployment that is provably newer (see NO_LIVE_DEPLOYED_ELSEWHERE).
// - The live checks read what the probe saw (EXPECTED_PROBE below): the lab serves only v1's deployment,
//   runs a route's function only through an AWS_PROXY integration whose function's policy allows
//   <apiId>/v1/<route> (else "Internal server error" on a message, nothing visible on $disconnect), and
//   sends a function's answer back only on a two-way route (API Gateway's
//   WebSocket route responses; API Gateway's WebSocket deployments; src/lab/gateway/websocket.ts).
//
// Sources cited in this file:
// - API Gateway's WebSocket deployments: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html
import type { Status } from "../../src/engine/check.js";

export const CHECK_IDS = [
  "s1.api",
  "s1.routes",
  "s1.functions",
  "s1.table",
  "s1.connect",
  "s1.stage",
  "s2.disconnect-integration",
  "s2.disconnect-permission",
  "s2.default-integration",
  "s2.default-permission",
  "s2.default-route-response",
  "s2.deployed",
  "s2.live-connect",
  "s2.live-default",
  "s2.live-disconnect",
] as const;

export type CheckId = (typeof CHECK_IDS)[number];
export type VerdictTable = Record<CheckId, Status>;

/**
 * What the live probe sees in the lab for each scenario: the handshake, the answer to
 * {"orderId": <probe id>} on $default, and whether the connection's row leaves the table after the close.
 */
export interface ExpectedProbe {
  connect: "opened";
  default: "answer" | "other-answer" | "none" | "internal-error";
  disconnect: "removed" | "left";
}

export const EXPECTED_PROBE: Record<string, ExpectedProbe | "skipped:no-api"> = {
  // v1 serves step 1's deployment: $default and $disconnect have no integration there.
  step1: { connect: "opened", default: "none", disconnect: "left" },
  solved: { connect: "opened", default: "answer", disconnect: "removed" },
  // Configured, but v1 still serves step 1's deployment.
  "not-deployed": { connect: "opened", default: "none", disconnect: "left" },
  // $default runs the disconnect function: it deletes the connection's rows and answers "Diconnected";
  // $disconnect runs the pending function, which throws on the missing message body and removes nothing.
  // The row is gone by the time the probe looks, but not through $disconnect.
  "swapped-functions": { connect: "opened", default: "other-answer", disconnect: "removed" },
  // API Gateway may not invoke the disconnect function: nothing visible, the rows stay.
  "missing-permission-disconnect": { connect: "opened", default: "answer", disconnect: "left" },
  // API Gateway may not invoke the pending function: "Internal server error" frame.
  "missing-permission-default": { connect: "opened", default: "internal-error", disconnect: "removed" },
  "wrong-source-arn": { connect: "opened", default: "internal-error", disconnect: "removed" },
  // A statement without a condition allows every source: it works.
  "permission-without-source-arn": { connect: "opened", default: "answer", disconnect: "removed" },
  // One-way: the function runs, its answer never comes back.
  "no-route-response": { connect: "opened", default: "none", disconnect: "removed" },
  "integration-response-only": { connect: "opened", default: "none", disconnect: "removed" },
  // Only a Lambda proxy integration runs the function; anything else fails the message.
  "non-proxy-integration": { connect: "opened", default: "internal-error", disconnect: "removed" },
  "http-integration": { connect: "opened", default: "internal-error", disconnect: "removed" },
  // Deployed to v2: v1 still serves step 1's deployment.
  "wrong-stage": { connect: "opened", default: "none", disconnect: "left" },
  // Deployed without a $disconnect route: nothing runs on close.
  "deleted-route": { connect: "opened", default: "answer", disconnect: "left" },
  // No API: the probe has nothing to connect to.
  "api-missing": "skipped:no-api",
};

//                                   ---------- step 1 ----------   ----------- step 2: configuration -----------   ------ live ------
//                                   api rts fns tbl con stg          d-int d-perm f-int f-perm f-rr deployed         l-con l-def l-dis
const LIVE = `
step1                                 P   P   P   P   P   P            F     F      F     F      F    S                P     F     F
solved                                P   P   P   P   P   P            P     P      P     P      P    P                P     P     P
not-deployed                          P   P   P   P   P   P            P     P      P     P      P    F                P     F     F
swapped-functions                     P   P   P   P   P   P            F     F      F     F      P    S                P     F     F
missing-permission-disconnect         P   P   P   P   P   P            P     F      P     P      P    S                P     P     F
missing-permission-default            P   P   P   P   P   P            P     P      P     F      P    S                P     F     P
wrong-source-arn                      P   P   P   P   P   P            P     P      P     F      P    S                P     F     P
permission-without-source-arn         P   P   P   P   P   P            P     P      P     W      P    P                P     P     P
no-route-response                     P   P   P   P   P   P            P     P      P     P      F    S                P     F     P
integration-response-only             P   P   P   P   P   P            P     P      P     P      F    S                P     F     P
non-proxy-integration                 P   P   P   P   P   P            P     P      F     P      P    S                P     F     P
http-integration                      P   P   P   P   P   P            P     P      F     P      P    S                P     F     P
wrong-stage                           P   P   P   P   P   P            P     P      P     P      P    F                P     F     F
deleted-route                         P   F   P   P   P   P            F     P      P     P      P    S                P     P     F
api-missing                           F   S   P   P   S   S            S     S      S     S      S    S                S     S     S
`;

// Without the probe every live check is skipped, and s2.deployed, where its dependencies pass, is not judged
// (S, its points held apart) — except in wrong-stage, where "F/S" is decided by NO_LIVE_DEPLOYED_ELSEWHERE.
const NO_LIVE = `
step1                                 P   P   P   P   P   P            F     F      F     F      F    S                S     S     S
solved                                P   P   P   P   P   P            P     P      P     P      P    S                S     S     S
not-deployed                          P   P   P   P   P   P            P     P      P     P      P    S                S     S     S
swapped-functions                     P   P   P   P   P   P            F     F      F     F      P    S                S     S     S
missing-permission-disconnect         P   P   P   P   P   P            P     F      P     P      P    S                S     S     S
missing-permission-default            P   P   P   P   P   P            P     P      P     F      P    S                S     S     S
wrong-source-arn                      P   P   P   P   P   P            P     P      P     F      P    S                S     S     S
permission-without-source-arn         P   P   P   P   P   P            P     P      P     W      P    S                S     S     S
no-route-response                     P   P   P   P   P   P            P     P      P     P      F    S                S     S     S
integration-response-only             P   P   P   P   P   P            P     P      P     P      F    S                S     S     S
non-proxy-integration                 P   P   P   P   P   P            P     P      F     P      P    S                S     S     S
http-integration                      P   P   P   P   P   P            P     P      F     P      P    S                S     S     S
wrong-stage                           P   P   P   P   P   P            P     P      P     P      P    F/S              S     S     S
deleted-route                         P   F   P   P   P   P            F     P      P     P      P    S                S     S     S
api-missing                           F   S   P   P   S   S            S     S      S     S      S    S                S     S     S
`;

/**
 * wrong-stage without the probe: the control plane shows v2 serving a deployment made after v1's, the
 * mark of "deployed to another stage" (fail), but only when the two creation times differ. API Gateway
 * records createdDate to the second (API Gateway's WebSocket deployments, "2018-11-15T06:49:09Z"), and the lab builds a scenario
 * within milliseconds, so both deployments may carry the same second; then nothing tells their order and
 * the deployment is not judged without the probe (skip). With the probe, v1's silence decides (fail) either way.
 */
export const NO_LIVE_DEPLOYED_ELSEWHERE = (v1CreatedDate: string | undefined, otherCreatedDate: string | undefined): Status =>
  v1CreatedDate !== undefined && otherCreatedDate !== undefined && Date.parse(otherCreatedDate) > Date.parse(v1CreatedDate) ? "fail" : "skip";

const LETTER: Record<string, Status> = { P: "pass", F: "fail", W: "warn", S: "skip", E: "error" };

type Cell = Status | "fail/skip";

function parse(table: string): Record<string, Record<CheckId, Cell>> {
  const rows: Record<string, Record<CheckId, Cell>> = {};
  for (const line of table.split("\n").filter((text) => text.trim() !== "")) {
    const [name, ...cells] = line.trim().split(/\s+/);
    if (cells.length !== CHECK_IDS.length) throw new Error(`expected table: row ${name} has ${cells.length} cells, not ${CHECK_IDS.length}`);
    rows[name!] = Object.fromEntries(
      CHECK_IDS.map((id, i) => {
        const cell = cells[i]!;
        if (cell === "F/S") return [id, "fail/skip"];
        const status = LETTER[cell];
        if (!status) throw new Error(`expected table: row ${name}, ${id}: unknown cell ${cell}`);
        return [id, status];
      }),
    ) as Record<CheckId, Cell>;
  }
  return rows;
}

const LIVE_TABLE = parse(LIVE);
const NO_LIVE_TABLE = parse(NO_LIVE);

export const SCENARIOS_EXPECTED = Object.keys(LIVE_TABLE);

/** The expected table of a scenario with the live probe. */
export function expectedLive(scenario: string): VerdictTable {
  const row = LIVE_TABLE[scenario];
  if (!row) throw new Error(`no expected verdicts for scenario ${scenario}`);
  for (const [id, cell] of Object.entries(row)) if (cell === "fail/skip") throw new Error(`${scenario} ${id}: undecided cell in the live table`);
  return row as VerdictTable;
}

/**
 * The expected table of a scenario without the live probe; `deployments` (v1's and the other stage's
 * createdDate, from the account) decides the one cell that depends on them.
 */
export function expectedNoLive(scenario: string, deployments?: { v1?: string; other?: string }): VerdictTable {
  const row = NO_LIVE_TABLE[scenario];
  if (!row) throw new Error(`no expected verdicts for scenario ${scenario}`);
  return Object.fromEntries(
    Object.entries(row).map(([id, cell]) => [id, cell === "fail/skip" ? NO_LIVE_DEPLOYED_ELSEWHERE(deployments?.v1, deployments?.other) : cell]),
  ) as VerdictTable;
}

/** The exit code of `check` for a table: 1 with a failure, else 2 with an error, else 0 (README, exit codes). */
export function expectedExitCode(table: VerdictTable): number {
  const statuses = Object.values(table);
  if (statuses.includes("fail")) return 1;
  return statuses.includes("error") ? 2 : 0;
}

/**
 * What the specific detail or hint of a check must name in a scenario (English), so that each mistake of
 * the checker's list of specific hints ("wrong function wired, non-proxy integration, HTTP integration, a permission with another
 * API's id or another route's key, a stage other than v1, a deleted route") gets its own words.
 */
export const EXPECTED_WORDS: Record<string, Partial<Record<CheckId, RegExp[]>>> = {
  step1: {
    "s2.disconnect-integration": [/has no integration/, /Items 4–6/, /create-integration/],
    "s2.default-permission": [/has no resource-based policy/, /add-permission/],
    "s2.default-route-response": [/one-way/, /create-route-response/],
  },
  "not-deployed": { "s2.deployed": [/does not serve it/, /create-deployment .*--stage-name v1/] },
  "swapped-functions": {
    "s2.disconnect-integration": [/swapped/, /OrderWSPendingFunction/],
    "s2.default-integration": [/swapped/, /OrderWSDisconnectFunction/],
    "s2.disconnect-permission": [/route \$default only, not \$disconnect/],
    "s2.live-disconnect": [/another route's function removed them/],
  },
  "missing-permission-disconnect": { "s2.disconnect-permission": [/OrderWSDisconnectFunction has no resource-based policy/, /Item 5/] },
  "missing-permission-default": { "s2.live-default": [/Internal server error/, /s2\.default-permission/] },
  "wrong-source-arn": { "s2.default-permission": [/another API only, zzzzzzzzzz/] },
  "permission-without-source-arn": { "s2.default-permission": [/no SourceArn condition/, /remove-permission/] },
  "no-route-response": { "s2.default-route-response": [/one-way/] },
  "integration-response-only": { "s2.default-route-response": [/integration response/, /alone does not make the route two-way/] },
  "non-proxy-integration": { "s2.default-integration": [/non-proxy \(AWS\) integration/] },
  "http-integration": { "s2.default-integration": [/HTTP integration \(HTTP_PROXY, https:\/\/orders\.example\.com\/pending\)/, /not 'HTTP'/] },
  "wrong-stage": { "s2.deployed": [/went to stage v2/, /not v2/] },
  "deleted-route": { "s1.routes": [/no route \$disconnect/, /create-route .*'\$disconnect'/], "s2.disconnect-integration": [/has no \$disconnect route/] },
  "api-missing": { "s1.api": [/No API named OrderCallbackAPI was found in region ap-northeast-2/] },
};
