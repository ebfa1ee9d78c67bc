// The function operations of the Lambda control plane (botocore's lambda model). The lab applies every change at
// once; the responses still carry the transitional states AWS reports (CreateFunction: State Pending,
// Update*: LastUpdateStatus InProgress), and every later read sees Active / Successful.
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
import { createHash, randomUUID } from "node:crypto";
import type { LabContext } from "../context.js";
import { json, lambdaTimestamp, noContent, paginate, type LabRequest, type LabResponse } from "../protocol.js";
import { readPackage, type Package } from "./code.js";
import { conflict, constraint, invalidParameter, notImplemented, revisionMismatch, validationError } from "./errors.js";
import { Body } from "./input.js";
import { configurationView, LATEST, listedView, resolveFunction, type Resolved } from "./lookup.js";
import type { FunctionConfiguration, LambdaFunction } from "./model.js";
import { functionArn, parseFunctionRef } from "./names.js";
import { readSettings, type Settings } from "./settings.js";

const CREATE_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const CREATE_NAME_PATTERN =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)";

export function resolveFrom(req: LabRequest, ctx: LabContext, reference: string): Resolved {
  return resolveFunction(ctx.stores.lambda, req.account, req.region, reference, req.query.get("Qualifier"));
}

export async function createFunction(req: LabRequest, ctx: LabContext): Promise<LabResponse> {
  const body = Body.of(req);
  const name = createName(body.required("FunctionName"), req);
  const role = body.required("Role");
  const settings = readSettings(body);
  const code = body.object("Code");
  if (!code) throw validationError([constraint("code", null, "Member must not be null")]);
  if (body.boolean("Publish")) throw notImplemented("Publishing versions (Publish: true)");
  if ((body.string("PackageType") ?? "Zip") !== "Zip") throw notImplemented("PackageType Image");
  if (!settings.Runtime || !settings.Handler) {
    throw invalidParameter("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
  }
  const pkg = await readCode(code, "CreateFunction");
  const functions = ctx.stores.lambda.region(req.account, req.region).functions;
  if (functions.has(name)) throw conflict(`Function already exist: ${name}`);
  const fn: LambdaFunction = {
    configuration: newConfiguration(req, name, { ...settings, Role: role }, pkg, body),
    zip: pkg.zip,
    tags: body.stringMap("Tags") ?? {},
  };
  functions.set(name, fn);
  return json(201, { ...configurationView(fn), State: "Pending", StateReason: "The function is being created.", StateReasonCode: "Creating" });
}

/** CreateFunction takes a name or an unqualified ARN of the caller's own account and region. */
function createName(reference: string, req: LabRequest): string {
  const invalid = validationError([constraint("functionName", reference, `Member must satisfy regular expression pattern: ${CREATE_NAME_PATTERN}`)]);
  let ref;
  try {
    ref = parseFunctionRef(reference, req.account, req.region);
  } catch {
    throw invalid;
  }
  if (ref.qualifier !== undefined || !CREATE_NAME.test(ref.name)) throw invalid;
  // UNCONFIRMED text: AWS refuses to create a function in another account or region than the request's.
  if (ref.account !== req.account || ref.region !== req.region) throw invalidParameter(`The function ARN ${reference} does not belong to this account and region.`);
  return ref.name;
}

async function readCode(code: Body, operation: string): Promise<Package> {
  const zipFile = code.string("ZipFile");
  if (zipFile !== undefined) return readPackage(zipFile, operation);
  if (code.has("S3Bucket") || code.has("S3Key")) throw notImplemented("Function code from S3 (S3Bucket/S3Key)");
  if (code.has("ImageUri")) throw notImplemented("Container image functions (ImageUri)");
  // UNCONFIRMED text; AWS refuses a Code member that names no source.
  throw invalidParameter("Please provide a source for function code.");
}

function newConfiguration(req: LabRequest, name: string, settings: Settings, pkg: Package, body: Body): FunctionConfiguration {
  const configuration: FunctionConfiguration = {
    FunctionName: name,
    FunctionArn: functionArn(req.account, req.region, name),
    Runtime: settings.Runtime,
    Role: settings.Role!,
    Handler: settings.Handler,
    CodeSize: pkg.zip.length,
    Description: settings.Description ?? "",
    // Lambda's defaults: 3 seconds, 128 MB [Lambda API reference, CreateFunction].
    Timeout: settings.Timeout ?? 3,
    MemorySize: settings.MemorySize ?? 128,
    LastModified: lambdaTimestamp(),
    CodeSha256: pkg.sha256,
    Version: LATEST,
    TracingConfig: { Mode: body.object("TracingConfig")?.string("Mode") ?? "PassThrough" },
    RevisionId: randomUUID(),
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: body.stringList("Architectures") ?? ["x86_64"],
    EphemeralStorage: { Size: body.object("EphemeralStorage")?.integer("Size") ?? 512 },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(req.region, settings.Runtime!) },
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${name}` },
  };
  if (settings.Environment) configuration.Environment = settings.Environment;
  return configuration;
}

/** A stable stand-in for the runtime build ARN ("arn:aws:lambda:<region>::runtime:<64 hex>"). */
function runtimeVersionArn(region: string, runtime: string): string {
  return `arn:aws:lambda:${region}::runtime:${createHash("sha256").update(runtime).digest("hex")}`;
}

export function getFunction(resolved: Resolved): LabResponse {
  const { fn, ref } = resolved;
  const location = `https://awslambda-${ref.region}-tasks.s3.${ref.region}.amazonaws.com/snapshots/${ref.account}/${ref.name}-${randomUUID()}`;
  const out: Record<string, unknown> = { Configuration: configurationView(fn, resolved.qualifier), Code: { RepositoryType: "S3", Location: location } };
  // A function without tags gets no Tags member (AWS omits unset members; UNCONFIRMED for GetFunction).
  if (Object.keys(fn.tags).length > 0) out.Tags = { ...fn.tags };
  return json(200, out);
}

export function getFunctionConfiguration(resolved: Resolved): LabResponse {
  return json(200, configurationView(resolved.fn, resolved.qualifier));
}

/** botocore's lambda model: at most 50 functions a page, whatever MaxItems asks; Marker/NextMarker. */
export function listFunctions(req: LabRequest, ctx: LabContext): LabResponse {
  const maxItems = req.query.get("MaxItems");
  if (maxItems !== null && !(/^\d+$/.test(maxItems) && Number(maxItems) >= 1 && Number(maxItems) <= 10000)) {
    throw validationError([constraint("maxItems", maxItems, "Member must have value between 1 and 10000")]);
  }
  const version = req.query.get("FunctionVersion");
  if (version !== null && version !== "ALL") throw validationError([constraint("functionVersion", version, "Member must satisfy enum value set: [ALL]")]);
  // Name order, as AWS lists them in practice (UNCONFIRMED: the order is not documented).
  const functions = [...ctx.stores.lambda.region(req.account, req.region).functions.values()].sort((a, b) =>
    a.configuration.FunctionName < b.configuration.FunctionName ? -1 : 1,
  );
  const pageSize = String(Math.min(Number(maxItems ?? 50), 50));
  const { page, nextToken } = paginate(functions, pageSize, req.query.get("Marker"), () => invalidParameter("Invalid marker"));
  const out: Record<string, unknown> = { Functions: page.map(listedView) };
  if (nextToken) out.NextMarker = nextToken;
  return json(200, out);
}

export async function updateFunctionCode(req: LabRequest, resolved: Resolved): Promise<LabResponse> {
  const body = Body.of(req);
  checkRevision(body, resolved.fn);
  if (body.boolean("Publish")) throw notImplemented("Publishing versions (Publish: true)");
  const pkg = await readCode(body, "UpdateFunctionCode");
  // Reading the package takes a while (every byte is inflated): another update may have landed meanwhile.
  checkRevision(body, resolved.fn);
  const current = resolved.fn.configuration;
  const changed: FunctionConfiguration = {
    ...current,
    CodeSha256: pkg.sha256,
    CodeSize: pkg.zip.length,
    Architectures: body.stringList("Architectures") ?? current.Architectures,
  };
  // DryRun validates without changing the function [Lambda API reference, UpdateFunctionCode].
  if (body.boolean("DryRun")) return updated({ ...resolved.fn, configuration: changed }, resolved.qualifier);
  resolved.fn.configuration = { ...changed, LastModified: lambdaTimestamp(), RevisionId: randomUUID() };
  resolved.fn.zip = pkg.zip;
  return updated(resolved.fn, resolved.qualifier);
}

export function updateFunctionConfiguration(req: LabRequest, resolved: Resolved): LabResponse {
  const body = Body.of(req);
  checkRevision(body, resolved.fn);
  const settings = readSettings(body);
  const { Environment: environment, ...rest } = settings;
  const configuration: FunctionConfiguration = { ...resolved.fn.configuration, ...rest, LastModified: lambdaTimestamp(), RevisionId: randomUUID() };
  if (environment) configuration.Environment = environment;
  resolved.fn.configuration = configuration;
  return updated(resolved.fn, resolved.qualifier);
}

function updated(fn: LambdaFunction, qualifier?: string): LabResponse {
  return json(200, {
    ...configurationView(fn, qualifier),
    LastUpdateStatus: "InProgress",
    LastUpdateStatusReason: "The function is being created.",
    LastUpdateStatusReasonCode: "Creating",
  });
}

export function checkRevision(body: Body, fn: LambdaFunction): void {
  const expected = body.string("RevisionId");
  if (expected !== undefined && expected !== fn.configuration.RevisionId) throw revisionMismatch();
}

export function deleteFunction(resolved: Resolved): LabResponse {
  // Deleting $LATEST alone is refused; the whole function goes with an unqualified name (UNCONFIRMED text).
  if (resolved.qualifier === LATEST) throw invalidParameter("$LATEST version cannot be deleted without deleting the function.");
  resolved.state.functions.delete(resolved.ref.name);
  return noContent();
}
