// Preloaded into a `check` child process (node --import tsx --import <this file>): every Lambda GetPolicy
// call is denied as IAM denies it, everything else goes to the real endpoint. The lab has no IAM, so this is
// the one way to see the CLI meet AccessDenied (the checker never fails what is an error).
import { GetPolicyCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { accessDenied } from "./denied.js";

const lambda = mockClient(LambdaClient);
lambda.send.callThrough();
lambda.on(GetPolicyCommand).callsFake((input: { FunctionName?: string }) => Promise.reject(accessDenied("lambda:GetPolicy", input.FunctionName ?? "")));
