// The scenario catalogue's names, in its order, light enough to import where only the names are needed
// (a command's --help); src/scenarios/catalogue.ts defines each one and refuses to load if the two disagree.
export const SCENARIO_NAMES = [
  "step1",
  "solved",
  "not-deployed",
  "swapped-functions",
  "missing-permission-disconnect",
  "missing-permission-default",
  "wrong-source-arn",
  "permission-without-source-arn",
  "no-route-response",
  "integration-response-only",
  "non-proxy-integration",
  "http-integration",
  "wrong-stage",
  "deleted-route",
  "api-missing",
] as const;
