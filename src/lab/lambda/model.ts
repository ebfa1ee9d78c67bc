// The Lambda functions the lab keeps. `configuration` is stored in its wire form (PascalCase keys,
// botocore's lambda model) so GetFunctionConfiguration can send it back as it is.
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json

export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Role: string;
  Handler?: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  Environment?: { Variables: Record<string, string> };
  RevisionId: string;
  State: "Pending" | "Active" | "Inactive" | "Failed";
  LastUpdateStatus: "Successful" | "Failed" | "InProgress";
  PackageType: "Zip" | "Image";
  Architectures: string[];
  EphemeralStorage: { Size: number };
  TracingConfig: { Mode: string };
  [key: string]: unknown;
}

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal: unknown;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Id: "default";
  Statement: PolicyStatement[];
}

export interface LambdaFunction {
  configuration: FunctionConfiguration;
  /** The deployment package as uploaded (a zip). */
  zip: Buffer;
  tags: Record<string, string>;
  /** Absent until the first AddPermission; removed again when its last statement is removed. */
  policy?: PolicyDocument;
  policyRevisionId?: string;
}

export interface LambdaState {
  /** keyed by FunctionName */
  functions: Map<string, LambdaFunction>;
}

export function newLambdaState(): LambdaState {
  return { functions: new Map() };
}

/**
 * Where Lambda's state of each account and region is kept: the lab's Lambda store (src/lab/store.ts) is one.
 * The function runtime and lookups take this, so src/lab/lambda never imports the store that holds it.
 */
export interface LambdaStates {
  region(account: string, region: string): LambdaState;
}
