// CloudWatch Logs in the lab: the read calls `aws logs tail`, `filter-log-events`, `get-log-events`,
// `describe-log-groups` and `describe-log-streams` make, over the functions' own logs (src/lab/logs/store.ts).
//
// Protocol awsJson1_1: POST /, x-amz-target Logs_20140328.<Operation>, content-type
// application/x-amz-json-1.1, signing name "logs"; errors are {"__type", "message"} with status 400
// [botocore data/logs/2014-03-28/service-2.json metadata: protocol json, jsonVersion 1.1, targetPrefix
// Logs_20140328, endpointPrefix logs]. Member names, limits and pagination tokens below are the model's
// (same file, and @aws-sdk/client-cloudwatch-logs 3.1169.0 dist-es/schemas/schemas_0.js).
//
// Sources cited in this file:
// - the SDK's model: https://github.com/aws/aws-sdk-js-v3/tree/main/codegen/sdk-codegen/aws-models
import type { LabContext, Operation, ServiceModule } from "../context.js";
import { AwsError, json, paginate, type LabRequest, type LabResponse } from "../protocol.js";
import { notImplementedMessage } from "../unimplemented.js";
import { compileFilterPattern } from "./filter-pattern.js";
import { LogsBody } from "./input.js";
import type { LogEvent, LogGroupRecord, LogStreamRecord } from "./store.js";

const TARGET_PREFIX = "Logs_20140328.";
const CONTENT_TYPE = "application/x-amz-json-1.1";

type Handler = (req: LabRequest, ctx: LabContext, body: LogsBody) => LabResponse;

const OPERATIONS: Record<string, Handler> = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  FilterLogEvents: filterLogEvents,
  GetLogEvents: getLogEvents,
};

export const IMPLEMENTED_LOGS_OPERATIONS = Object.keys(OPERATIONS);

export const logsService: ServiceModule = {
  service: "logs",
  resolve(req: LabRequest, ctx: LabContext): Operation {
    const target = req.headers["x-amz-target"];
    const name = typeof target === "string" && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
    // UNCONFIRMED: what CloudWatch Logs answers a request that names no operation.
    if (!name) throw logsError("UnknownOperationException", "The request names no operation: X-Amz-Target must be Logs_20140328.<Operation>");
    const handler = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
    if (!handler) {
      // 501: the lab's own limit, not the caller's mistake; no SDK or CLI retries a 501 (src/lab/unimplemented.ts).
      throw new AwsError(501, "NotImplemented", notImplementedMessage("CloudWatch Logs", name));
    }
    return { name, controlPlane: true, run: async () => handler(req, ctx, LogsBody.of(req)) };
  },
  throttled: () => logsError("ThrottlingException", "Rate exceeded"),
  renderError(error: AwsError): LabResponse {
    return { status: error.status, headers: { "content-type": CONTENT_TYPE }, body: { __type: error.code, message: error.message } };
  },
};

// ---- DescribeLogGroups ----

function describeLogGroups(req: LabRequest, ctx: LabContext, body: LogsBody): LabResponse {
  const prefix = body.string("logGroupNamePrefix");
  const pattern = body.string("logGroupNamePattern");
  const identifiers = body.stringList("logGroupIdentifiers");
  const logGroupClass = body.string("logGroupClass");
  // "logGroupNamePrefix and logGroupNamePattern are mutually exclusive" [model doc]; UNCONFIRMED: AWS's text.
  if (prefix !== undefined && pattern !== undefined) throw invalidParameter("logGroupNamePrefix and logGroupNamePattern are mutually exclusive. Only one of these parameters can be passed.");
  if (prefix !== undefined) checkGroupName(prefix, "logGroupNamePrefix");
  const limit = limitOf(body, 50);
  let groups = ctx.logs.groups(req.account, req.region);
  if (prefix !== undefined) groups = groups.filter((group) => group.logGroupName.startsWith(prefix));
  // A case-sensitive substring search [model doc of logGroupNamePattern].
  if (pattern !== undefined) groups = groups.filter((group) => group.logGroupName.includes(pattern));
  if (identifiers !== undefined) {
    const names = new Set(identifiers.map((identifier) => groupNameOf(identifier, req)));
    groups = groups.filter((group) => names.has(group.logGroupName));
  }
  // Every group of the lab is a Standard one.
  if (logGroupClass !== undefined && logGroupClass !== "STANDARD") groups = [];
  const { page, nextToken } = paginate(groups, String(limit), body.string("nextToken") ?? null, invalidToken);
  return ok({ logGroups: page.map((group) => logGroupOf(group, req, ctx, pattern !== undefined)), ...(nextToken ? { nextToken } : {}) });
}

/** Lambda's log groups never expire unless a retention is set, so retentionInDays is absent [model doc of DescribeLogGroupsResponse.logGroups]. */
function logGroupOf(group: LogGroupRecord, req: LabRequest, ctx: LabContext, byPattern: boolean): Record<string, unknown> {
  const arn = groupArn(req, group.logGroupName);
  // With logGroupNamePattern only arn, creationTime and logGroupName are returned [model doc of logGroupNamePattern].
  if (byPattern) return { logGroupName: group.logGroupName, creationTime: group.creationTime, arn: `${arn}:*` };
  const storedBytes = ctx.logs.events(group).reduce((sum, event) => sum + event.bytes, 0);
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    metricFilterCount: 0,
    // The "arn" member ends in ":*"; logGroupArn is the same ARN without it [model doc of LogGroup.logGroupArn].
    arn: `${arn}:*`,
    storedBytes,
    logGroupClass: "STANDARD",
    logGroupArn: arn,
  };
}

// ---- DescribeLogStreams ----

function describeLogStreams(req: LabRequest, ctx: LabContext, body: LogsBody): LabResponse {
  const group = groupOf(req, ctx, body);
  const prefix = body.string("logStreamNamePrefix");
  const orderBy = body.string("orderBy") ?? "LogStreamName";
  if (orderBy !== "LogStreamName" && orderBy !== "LastEventTime") {
    throw validation(`Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
  }
  // "If orderBy is LastEventTime, you cannot specify this parameter" [model doc of logStreamNamePrefix];
  // UNCONFIRMED: AWS's exact text.
  if (prefix !== undefined && orderBy === "LastEventTime") throw invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  const descending = body.boolean("descending") ?? false;
  const limit = limitOf(body, 50);
  let streams = [...group.streams.values()];
  if (prefix !== undefined) streams = streams.filter((stream) => stream.logStreamName.startsWith(prefix));
  streams.sort(orderBy === "LastEventTime" ? byLastEvent : byName);
  if (descending) streams.reverse();
  const { page, nextToken } = paginate(streams, String(limit), body.string("nextToken") ?? null, invalidToken);
  return ok({ logStreams: page.map((stream) => logStreamOf(stream, req, group)), ...(nextToken ? { nextToken } : {}) });
}

function logStreamOf(stream: LogStreamRecord, req: LabRequest, group: LogGroupRecord): Record<string, unknown> {
  return {
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp !== undefined ? { firstEventTimestamp: stream.firstEventTimestamp } : {}),
    ...(stream.lastEventTimestamp !== undefined ? { lastEventTimestamp: stream.lastEventTimestamp } : {}),
    ...(stream.lastIngestionTime !== undefined ? { lastIngestionTime: stream.lastIngestionTime } : {}),
    // A decimal string; ignored by PutLogEvents today [model doc of LogStream.uploadSequenceToken].
    uploadSequenceToken: String(49_000_000_000_000 + stream.uploads),
    arn: `${groupArn(req, group.logGroupName)}:log-stream:${stream.logStreamName}`,
    // "always reported as zero" for log streams since June 17, 2019 [model doc of LogStream.storedBytes].
    storedBytes: 0,
  };
}

// ---- FilterLogEvents ----

/** A response carries at most 1 MB of events, and at most 10,000 [model doc of FilterLogEvents and GetLogEvents]. */
const MAX_PAGE_BYTES = 1024 * 1024;

interface FilterCursor {
  /** "f": oldest first (startFromHead true, the default), "b": newest first. */
  d: "f" | "b";
  /** The last event returned: its timestamp and seq. */
  t: number;
  s: number;
}

function filterLogEvents(req: LabRequest, ctx: LabContext, body: LogsBody): LabResponse {
  const group = groupOf(req, ctx, body);
  const names = body.stringList("logStreamNames");
  const prefix = body.string("logStreamNamePrefix");
  // "If you specify a value for both logStreamNamePrefix and logStreamNames, the action returns an
  // InvalidParameterException error" [model doc]; UNCONFIRMED: AWS's text.
  if (names !== undefined && prefix !== undefined) throw invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive. Only one of these parameters can be passed.");
  if (names !== undefined && (names.length < 1 || names.length > 100)) {
    throw validation(`Value '[${names.join(", ")}]' at 'logStreamNames' failed to satisfy constraint: Member must have length ${names.length < 1 ? "greater than or equal to 1" : "less than or equal to 100"}`);
  }
  const startTime = body.integer("startTime");
  const endTime = body.integer("endTime");
  const limit = limitOf(body, 10_000);
  const matches = compileFilterPattern(body.string("filterPattern"));
  const token = body.string("nextToken");
  // The token decides the direction when there is one; startFromHead (default true) otherwise the SDK's model (3.1169.0).
  const cursor = token === undefined ? undefined : decodeCursor(token);
  const forward = cursor ? cursor.d === "f" : (body.boolean("startFromHead") ?? true);
  const wanted = names ? new Set(names) : undefined;

  // startTime and endTime are both inclusive: events "before" startTime and "later than" endTime are left out [model doc].
  const candidates = ctx.logs
    .events(group)
    .filter(
      (event) =>
        (!wanted || wanted.has(event.logStreamName)) &&
        (prefix === undefined || event.logStreamName.startsWith(prefix)) &&
        (startTime === undefined || event.timestamp >= startTime) &&
        (endTime === undefined || event.timestamp <= endTime),
    )
    .sort(byTime);
  if (!forward) candidates.reverse();
  let from = 0;
  if (cursor) {
    const after = forward ? (event: LogEvent) => byTime(event, cursorEvent(cursor)) > 0 : (event: LogEvent) => byTime(event, cursorEvent(cursor)) < 0;
    from = candidates.findIndex(after);
    if (from < 0) from = candidates.length;
  }
  const events: LogEvent[] = [];
  let bytes = 0;
  let i = from;
  for (; i < candidates.length && events.length < limit; i++) {
    const event = candidates[i]!;
    if (!matches(event.message)) continue;
    if (events.length > 0 && bytes + event.bytes + 26 > MAX_PAGE_BYTES) break;
    events.push(event);
    bytes += event.bytes + 26;
  }
  const more = candidates.slice(i).some((event) => matches(event.message));
  const last = events.at(-1);
  const nextToken = more && last ? encodeCursor({ d: forward ? "f" : "b", t: last.timestamp, s: last.seq }) : undefined;
  return ok({
    events: events.map((event) => ({
      logStreamName: event.logStreamName,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: eventIdOf(event),
    })),
    // "As of May 15, 2020, this parameter is no longer supported. This parameter returns an empty list." [model doc]
    searchedLogStreams: [],
    ...(nextToken ? { nextToken } : {}),
  });
}

// ---- GetLogEvents ----

function getLogEvents(req: LabRequest, ctx: LabContext, body: LogsBody): LabResponse {
  const streamName = body.string("logStreamName");
  if (streamName === undefined) throw validation("Value null at 'logStreamName' failed to satisfy constraint: Member must not be null");
  const group = groupOf(req, ctx, body);
  if (!group.streams.has(streamName)) throw logsError("ResourceNotFoundException", "The specified log stream does not exist.");
  const startTime = body.integer("startTime");
  const endTime = body.integer("endTime");
  const limit = limitOf(body, 10_000);
  const token = body.string("nextToken");
  // startTime is inclusive, endTime exclusive for GetLogEvents [model doc].
  const events = ctx.logs
    .events(group)
    .filter((event) => event.logStreamName === streamName && (startTime === undefined || event.timestamp >= startTime) && (endTime === undefined || event.timestamp < endTime));

  // A position is a seq: "f/<n>" reads forward from seq n, "b/<n>" backward from just before seq n. The
  // token, when given, sets the direction; without one startFromHead does (default false: the newest
  // events) [model doc of startFromHead and nextToken].
  const position = token === undefined ? undefined : decodePosition(token);
  const forward = position ? position.forward : (body.boolean("startFromHead") ?? false);
  let page: LogEvent[];
  if (forward) {
    const from = position?.seq ?? 0;
    page = takeBytes(events.filter((event) => event.seq >= from), limit, "head");
  } else {
    const before = position?.seq ?? Number.MAX_SAFE_INTEGER;
    page = takeBytes(events.filter((event) => event.seq < before), limit, "tail");
  }
  const first = page[0];
  const last = page.at(-1);
  // At either end of the stream the token passed in comes back [model doc of nextForwardToken/nextBackwardToken].
  const here = position ? position.seq : first ? first.seq : events.at(-1) ? events.at(-1)!.seq + 1 : 0;
  const nextForwardToken = last ? encodePosition(true, last.seq + 1) : token && position?.forward ? token : encodePosition(true, here);
  const nextBackwardToken = first ? encodePosition(false, first.seq) : token && !position?.forward ? token : encodePosition(false, here);
  return ok({
    events: page.map((event) => ({ timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime })),
    nextForwardToken,
    nextBackwardToken,
  });
}

/** At most `limit` events and 1 MB, from the head or the tail of the list, in their order. */
function takeBytes(events: LogEvent[], limit: number, from: "head" | "tail"): LogEvent[] {
  const taken: LogEvent[] = [];
  let bytes = 0;
  const ordered = from === "head" ? events : [...events].reverse();
  for (const event of ordered) {
    if (taken.length >= limit || (taken.length > 0 && bytes + event.bytes + 26 > MAX_PAGE_BYTES)) break;
    taken.push(event);
    bytes += event.bytes + 26;
  }
  return from === "head" ? taken : taken.reverse();
}

// ---- the log group a request names ----

function groupOf(req: LabRequest, ctx: LabContext, body: LogsBody): LogGroupRecord {
  const name = body.string("logGroupName");
  const identifier = body.string("logGroupIdentifier");
  // "You must include either logGroupIdentifier or logGroupName, but not both" [model doc]; UNCONFIRMED: AWS's text.
  if (name !== undefined && identifier !== undefined) throw invalidParameter("LogGroupName and LogGroupIdentifier are mutually exclusive. Only one of these parameters can be passed.");
  if (name === undefined && identifier === undefined) throw invalidParameter("Either LogGroupName or LogGroupIdentifier must be specified.");
  const groupName = name ?? groupNameOf(identifier!, req);
  if (name !== undefined) checkGroupName(name, "logGroupName");
  const group = groupName === undefined ? undefined : ctx.logs.group(req.account, req.region, groupName);
  // The text AWS sends (public transcripts, e.g. lucagrulla/cw#220: 400 ResourceNotFoundException from FilterLogEvents).
  if (!group) throw logsError("ResourceNotFoundException", "The specified log group does not exist.");
  return group;
}

const GROUP_ARN = /^arn:aws[\w-]*:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/;

/** A log group identifier is its name or its ARN; an ARN of another account or region names no group of the caller's. */
function groupNameOf(identifier: string, req: LabRequest): string {
  const arn = GROUP_ARN.exec(identifier);
  if (!arn) return identifier;
  const [, region, account, name] = arn as unknown as [string, string, string, string];
  return region === req.region && account === req.account ? name : "\0elsewhere";
}

function groupArn(req: LabRequest, name: string): string {
  return `arn:aws:logs:${req.region}:${req.account}:log-group:${name}`;
}

/** LogGroupName: 1 to 512 of [.\-_/#A-Za-z0-9] [model shape LogGroupName]. */
function checkGroupName(name: string, member: string): void {
  if (name.length < 1 || name.length > 512) {
    throw validation(`Value '${name}' at '${member}' failed to satisfy constraint: Member must have length ${name.length < 1 ? "greater than or equal to 1" : "less than or equal to 512"}`);
  }
  if (!/^[.\-_/#A-Za-z0-9]+$/.test(name)) {
    throw validation(`Value '${name}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`);
  }
}

// ---- members ----

/** DescribeLimit is 1 to 50, EventsLimit 1 to 10,000; the default is the maximum [model shapes]. */
function limitOf(body: LogsBody, max: number): number {
  const limit = body.integer("limit");
  if (limit === undefined) return max;
  // The text of boto3#4645's report ("Member must have value less than or equal to 50").
  if (limit < 1) throw validation(`Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
  if (limit > max) throw validation(`Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  return limit;
}

// ---- tokens and ids ----

function encodeCursor(cursor: FilterCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(token: string): FilterCursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as FilterCursor;
    if ((cursor.d === "f" || cursor.d === "b") && Number.isSafeInteger(cursor.t) && Number.isSafeInteger(cursor.s)) return cursor;
  } catch {
    // falls through
  }
  throw invalidToken();
}

function cursorEvent(cursor: FilterCursor): Pick<LogEvent, "timestamp" | "seq"> {
  return { timestamp: cursor.t, seq: cursor.s };
}

/**
 * GetLogEvents' tokens look like "f/<digits>/s" and "b/<digits>/s" on AWS (public get-log-events
 * transcripts; UNCONFIRMED what the digits mean). Here the digits are the position in the group.
 */
function encodePosition(forward: boolean, seq: number): string {
  return `${forward ? "f" : "b"}/${String(seq).padStart(56, "0")}/s`;
}

function decodePosition(token: string): { forward: boolean; seq: number } {
  const m = /^([fb])\/(\d{1,56})\/s$/.exec(token);
  const seq = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(seq)) throw invalidToken();
  return { forward: m[1] === "f", seq };
}

/** eventId: a decimal string on AWS (56 digits in public transcripts; UNCONFIRMED what they encode). */
function eventIdOf(event: LogEvent): string {
  return `${String(event.timestamp).padStart(20, "0")}${String(event.seq).padStart(36, "0")}`;
}

function byTime(a: Pick<LogEvent, "timestamp" | "seq">, b: Pick<LogEvent, "timestamp" | "seq">): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

function byName(a: LogStreamRecord, b: LogStreamRecord): number {
  return a.logStreamName < b.logStreamName ? -1 : a.logStreamName > b.logStreamName ? 1 : 0;
}

function byLastEvent(a: LogStreamRecord, b: LogStreamRecord): number {
  return (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) || byName(a, b);
}

// ---- errors: awsJson1_1, {"__type", "message"}, 400 for the client's errors ----

function logsError(code: string, message: string, status = 400): AwsError {
  return new AwsError(status, code, message, { __type: code, message });
}

function invalidParameter(message: string): AwsError {
  return logsError("InvalidParameterException", message);
}

/** UNCONFIRMED: which error name CloudWatch Logs gives a constraint violation; its operations declare InvalidParameterException. */
function validation(problem: string): AwsError {
  return invalidParameter(`1 validation error detected: ${problem}`);
}

/** UNCONFIRMED: AWS's text for a token it did not issue. */
function invalidToken(): AwsError {
  return invalidParameter("The specified nextToken is invalid.");
}

function ok(body: Record<string, unknown>): LabResponse {
  return json(200, body, { "content-type": CONTENT_TYPE });
}
