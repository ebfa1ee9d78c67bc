// The AWS CLI commands the hints hand to the participant, with the account's real ids filled in, so that each
// one runs as printed, on one line, in bash or zsh (AWS CloudShell included): route keys and ARNs holding `$`
// are single-quoted, and an id the snapshot does not know (a route about to be created) is looked up by a
// command substitution instead of a <placeholder>. Against an endpoint that is not AWS's (the lab), every
// command names it with --endpoint-url, since the AWS CLI v2 before 2.13 ignores AWS_ENDPOINT_URL.
//
// Sources cited in this file:
// - Lambda AddPermission: https://docs.aws.amazon.com/lambda/latest/dg/API_AddPermission.html
// - the AWS CLI's apigatewayv2 examples: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
// - the ids of the AWS CLI's apigatewayv2 examples; formats beyond them UNCONFIRMED: https://github.com/aws/aws-cli/tree/develop/awscli/examples/apigatewayv2
import { lambdaIntegrationUri } from "../aws/arn.js";
import { STAGE_NAME } from "./names.js";
import { LAMBDA_PROXY, TWO_WAY_KEY } from "./step2.js";

export interface Where {
  region: string;
  account?: string;
  apiId?: string;
  /** The endpoint the account was read through, when it is not AWS's own. */
  endpoint?: string;
}

const orHole = (value: string | undefined, hole: string) => value || hole;

/** What every command ends with: the region, and the endpoint when it is not AWS's. */
function target(where: Where): string {
  return where.endpoint ? `--region ${where.region} --endpoint-url ${where.endpoint}` : `--region ${where.region}`;
}

function apiArgs(where: Where): string {
  return `--api-id ${orHole(where.apiId, "<apiId>")}`;
}

/**
 * The route's id: known from the snapshot, or, for a route the fix creates first, looked up by its key when
 * the command runs (the JMESPath literal's `$` escaped for the double-quoted shell word).
 */
function routeIdArg(where: Where, routeKey: string, routeId: string | undefined): string {
  if (routeId) return routeId;
  const query = `Items[?RouteKey=='\\${routeKey}'].RouteId`;
  return `"$(aws apigatewayv2 get-routes ${apiArgs(where)} --query "${query}" --output text ${target(where)})"`;
}

/**
 * A new Lambda proxy integration and the route pointed at it, in one line: a new integration rather than an
 * update of the old one, which another route may share (the ids of the AWS CLI's apigatewayv2 examples; formats beyond them UNCONFIRMED).
 */
export function integrateCommand(where: Where, routeKey: string, routeId: string | undefined, functionArn: string | undefined): string {
  const uri = lambdaIntegrationUri(where.region, orHole(functionArn, `arn:aws:lambda:${where.region}:${orHole(where.account, "<account>")}:function:<name>`));
  const create = `aws apigatewayv2 create-integration ${apiArgs(where)} --integration-type ${LAMBDA_PROXY.type} --integration-method ${LAMBDA_PROXY.method} --integration-uri ${uri} --query IntegrationId --output text ${target(where)}`;
  return `aws apigatewayv2 update-route ${apiArgs(where)} --route-id ${routeIdArg(where, routeKey, routeId)} --target "integrations/$(${create})" ${target(where)}`;
}

/** The statement id the hints use for a route: the one the lab guide's permission dialog gives is unknown, so ours. */
export function permissionStatementId(where: Where, routeKey: string): string {
  return `apigateway-${orHole(where.apiId, "api")}-${routeKey.replace(/^\$/, "")}`;
}

/** The invoke permission the console's dialog adds: any stage of this API, this route (Lambda AddPermission). */
export function addPermissionCommand(where: Where, functionName: string, routeKey: string, statementId = permissionStatementId(where, routeKey)): string {
  const sourceArn = `arn:aws:execute-api:${where.region}:${orHole(where.account, "<account>")}:${orHole(where.apiId, "<apiId>")}/*/${routeKey}`;
  return `aws lambda add-permission --function-name ${functionName} --statement-id ${statementId} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn '${sourceArn}' ${target(where)}`;
}

export function removePermissionCommand(where: Where, functionName: string, statementId: string): string {
  return `aws lambda remove-permission --function-name ${functionName} --statement-id ${shellWord(statementId)} ${target(where)}`;
}

export function createRouteCommand(where: Where, routeKey: string): string {
  return `aws apigatewayv2 create-route ${apiArgs(where)} --route-key '${routeKey}' ${target(where)}`;
}

export function routeResponseCommand(where: Where, routeKey: string, routeId: string | undefined): string {
  return `aws apigatewayv2 create-route-response ${apiArgs(where)} --route-id ${routeIdArg(where, routeKey, routeId)} --route-response-key '${TWO_WAY_KEY}' ${target(where)}`;
}

export function selectionExpressionCommand(where: Where, routeKey: string, routeId: string | undefined): string {
  return `aws apigatewayv2 update-route ${apiArgs(where)} --route-id ${routeIdArg(where, routeKey, routeId)} --route-response-selection-expression '${TWO_WAY_KEY}' ${target(where)}`;
}

export function deployCommand(where: Where): string {
  return `aws apigatewayv2 create-deployment ${apiArgs(where)} --stage-name ${STAGE_NAME} ${target(where)}`;
}

export function createStageCommand(where: Where): string {
  return `aws apigatewayv2 create-stage ${apiArgs(where)} --stage-name ${STAGE_NAME} ${target(where)}`;
}

export function logsCommand(where: Where, functionName: string): string {
  return `aws logs tail /aws/lambda/${functionName} --since 15m ${target(where)}`;
}

/** A value read from the account, quoted for the shell unless it is plainly safe (a statement id may hold anything). */
function shellWord(value: string): string {
  return /^[\w.-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function describeTableCommand(where: Where, table: string): string {
  return `aws dynamodb describe-table --table-name ${shellWord(table)} ${target(where)}`;
}

export function listApisCommand(where: Where): string {
  return `aws apigatewayv2 get-apis --query "Items[].[Name,ApiId,ProtocolType]" --output text ${target(where)}`;
}

export function listFunctionsCommand(where: Where): string {
  return `aws lambda list-functions --query "Functions[].FunctionName" --output text ${target(where)}`;
}
