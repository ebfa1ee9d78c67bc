// Deploying a function from a few named files and invoking it through the real SDK, with its answer
// decoded: the body as JSON, the log tail as text.
import { CreateFunctionCommand, InvokeCommand, type CreateFunctionCommandInput, type InvokeCommandInput, type LambdaClient } from "@aws-sdk/client-lambda";
import { LAMBDA_ROLE, zipOf } from "./lambda-zip.js";

export async function deployFunction(client: LambdaClient, name: string, files: Record<string, string>, extra: Partial<CreateFunctionCommandInput> = {}): Promise<void> {
  await client.send(
    new CreateFunctionCommand({ FunctionName: name, Role: LAMBDA_ROLE, Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: zipOf(files) }, ...extra }),
  );
}

export interface Answer {
  functionError?: string;
  body: any;
  log: string;
}

export async function invokeFunction(client: LambdaClient, name: string, event: unknown = {}, extra: Partial<InvokeCommandInput> = {}): Promise<Answer> {
  const out = await client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event), LogType: "Tail", ...extra }));
  const text = out.Payload ? Buffer.from(out.Payload).toString("utf8") : "";
  return {
    functionError: out.FunctionError,
    body: text ? JSON.parse(text) : undefined,
    log: out.LogResult ? Buffer.from(out.LogResult, "base64").toString("utf8") : "",
  };
}
