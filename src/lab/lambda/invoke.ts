// Invoke (botocore's lambda model): the raw payload is the body; X-Amz-Invocation-Type picks RequestResponse (200,
// the function's output), Event (202, runs in the background) or DryRun (204, checks only). A function
// error is still 200, flagged by X-Amz-Function-Error.
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
import type { LabContext } from "../context.js";
import type { LabRequest, LabResponse } from "../protocol.js";
import { constraint, requestTooLarge, validationError } from "./errors.js";
import type { Resolved } from "./lookup.js";
import { parseEvent } from "./runtime.js";

/** Invoke payload quotas (Lambda quotas): 6 MB synchronous, 1 MB asynchronous (raised from 256 KB in 2025). */
const MAX_SYNC_PAYLOAD = 6_291_456;
const MAX_ASYNC_PAYLOAD = 1_048_576;

export async function invoke(req: LabRequest, ctx: LabContext, resolved: Resolved): Promise<LabResponse> {
  const type = header(req, "x-amz-invocation-type") ?? "RequestResponse";
  const logType = header(req, "x-amz-log-type") ?? "None";
  const problems: string[] = [];
  if (!["Event", "RequestResponse", "DryRun"].includes(type)) problems.push(constraint("invocationType", type, "Member must satisfy enum value set: [Event, RequestResponse, DryRun]"));
  if (!["None", "Tail"].includes(logType)) problems.push(constraint("logType", logType, "Member must satisfy enum value set: [None, Tail]"));
  if (problems.length > 0) throw validationError(problems);
  const limit = type === "Event" ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
  if (req.body.length > limit) throw requestTooLarge(`Request must be smaller than ${limit} bytes for the InvokeFunction operation`);
  parseEvent(req.body);
  if (type === "DryRun") return { status: 204 };
  const name = resolved.fn.configuration.FunctionName;
  const run = () => ctx.lambda.invoke(req.account, req.region, name, req.body, resolved.qualifier);
  if (type === "Event") {
    // Lambda queues the event and answers at once; the lab runs it now, and its failures stay with it.
    void run().catch(() => undefined);
    return { status: 202 };
  }
  const outcome = await run();
  const headers: Record<string, string> = { "content-type": "application/json", "X-Amz-Executed-Version": outcome.executedVersion };
  if (outcome.functionError) headers["X-Amz-Function-Error"] = outcome.functionError;
  // The log tail comes back only on request [Lambda API reference, Invoke: LogType Tail].
  if (logType === "Tail" && outcome.logTail !== undefined) headers["X-Amz-Log-Result"] = outcome.logTail;
  return { status: 200, headers, body: outcome.payload };
}

function header(req: LabRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
