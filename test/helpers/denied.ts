// AccessDenied as Lambda sends it when the caller's IAM policy lacks the action: HTTP 403,
// AccessDeniedException, a message naming the principal, the action and the resource.
import { LambdaServiceException } from "@aws-sdk/client-lambda";

export function accessDenied(action: string, functionName: string, account = "111122223333"): LambdaServiceException {
  return new LambdaServiceException({
    name: "AccessDeniedException",
    $fault: "client",
    $metadata: { httpStatusCode: 403, requestId: "00000000-0000-4000-8000-000000000000", attempts: 1, totalRetryDelay: 0 },
    message: `User: arn:aws:iam::${account}:user/checker is not authorized to perform: ${action} on resource: arn:aws:lambda:ap-northeast-2:${account}:function:${functionName} because no identity-based policy allows the ${action} action`,
  });
}
