// The AWS CLI commands the hints hand to the participant, with the account's real ids filled in so they can
// be pasted as they are. Route keys and ARNs holding `$` are single-quoted for the shell. Where an id is
// unknown a <placeholder> stands in its place, so the command still shows what to fill in.
import { lambdaIntegrationUri } from "../../src/aws/arn.js";
import { STAGE_NAME } from "../../src/workshop/names.js";

export interface Where {
  region: string;
  account?: string;
  apiId?: string;
}

const orHole = (value: string | undefined, hole: string) => value || hole;

function apiArgs(where: Where): string {
  return `--api-id ${orHole(where.apiId, "<apiId>")}`;
}

/**
 * A new Lambda proxy integration and the route pointed at it, in one paste (bash, zsh, AWS CloudShell): a new
 * integration rather than an update of the old one, which another route may share (reference 1.3).
 */
export function integrateCommand(where: Where, routeId: string | undefined, functionArn: string | undefined): string {
  const uri = lambdaIntegrationUri(where.region, orHole(functionArn, `arn:aws:lambda:${where.region}:${orHole(where.account, "<account>")}:function:<name>`));
  const create = `aws apigatewayv2 create-integration ${apiArgs(where)} --integration-type AWS_PROXY --integration-method POST --integration-uri ${uri} --query IntegrationId --output text --region ${where.region}`;
  return `aws apigatewayv2 update-route ${apiArgs(where)} --route-id ${orHole(routeId, "<routeId>")} --target "integrations/$(${create})" --region ${where.region}`;
}

/** The invoke permission the console's dialog adds: any stage of this API, this route (reference 2.1). */
export function addPermissionCommand(where: Where, functionName: string, routeKey: string): string {
  const sourceArn = `arn:aws:execute-api:${where.region}:${orHole(where.account, "<account>")}:${orHole(where.apiId, "<apiId>")}/*/${routeKey}`;
  const sid = `apigateway-${orHole(where.apiId, "api")}-${routeKey.replace(/^\$/, "")}`;
  return `aws lambda add-permission --function-name ${functionName} --statement-id ${sid} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn '${sourceArn}' --region ${where.region}`;
}

export function removePermissionCommand(where: Where, functionName: string, statementId: string): string {
  return `aws lambda remove-permission --function-name ${functionName} --statement-id ${statementId} --region ${where.region}`;
}

export function createRouteCommand(where: Where, routeKey: string): string {
  return `aws apigatewayv2 create-route ${apiArgs(where)} --route-key '${routeKey}' --region ${where.region}`;
}

export function routeResponseCommand(where: Where, routeId: string | undefined): string {
  return `aws apigatewayv2 create-route-response ${apiArgs(where)} --route-id ${orHole(routeId, "<routeId>")} --route-response-key '$default' --region ${where.region}`;
}

export function selectionExpressionCommand(where: Where, routeId: string | undefined): string {
  return `aws apigatewayv2 update-route ${apiArgs(where)} --route-id ${orHole(routeId, "<routeId>")} --route-response-selection-expression '$default' --region ${where.region}`;
}

export function deployCommand(where: Where): string {
  return `aws apigatewayv2 create-deployment ${apiArgs(where)} --stage-name ${STAGE_NAME} --region ${where.region}`;
}

export function createStageCommand(where: Where): string {
  return `aws apigatewayv2 create-stage ${apiArgs(where)} --stage-name ${STAGE_NAME} --region ${where.region}`;
}

export function logsCommand(where: Where, functionName: string): string {
  return `aws logs tail /aws/lambda/${functionName} --since 15m --region ${where.region}`;
}
