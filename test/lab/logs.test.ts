import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  paginateFilterLogEvents,
  type FilteredLogEvent,
} from "@aws-sdk/client-cloudwatch-logs";
import { CreateFunctionCommand, InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { IMPLEMENTED_LOGS_OPERATIONS } from "../../src/lab/logs/service.js";
import { LogStore, MAX_EVENTS_PER_GROUP, MAX_STREAMS_PER_GROUP } from "../../src/lab/logs/store.js";
import { LAB_SPEAKS } from "../../src/lab/unimplemented.js";
import { rejects } from "../helpers/apigw.js";
import { awsCliAt, describeRun, findAwsCliV2 } from "../../bench/lib/aws-cli.js";
import { startTestLab, type Credentials, type TestLab } from "../helpers/lab.js";
import { LAMBDA_ROLE, zipOf } from "../../bench/lib/lambda-zip.js";
import { eventually } from "../helpers/seeded.js";
import { printingErrors } from "../helpers/hooks.js";

interface Ctx {
  t: TestLab;
  logs: CloudWatchLogsClient;
  /** The stream of the Talker function's first invocation, as its context.logStreamName said. */
  stream: string;
  requestId: string;
}

const run = suite<Ctx>("lab: CloudWatch Logs holds the functions' logs (DescribeLogGroups, DescribeLogStreams, FilterLogEvents, GetLogEvents)");

const made: CloudWatchLogsClient[] = [];

function logsClient(t: TestLab, credentials: Credentials = t.credentials, region = t.region, maxAttempts = 1): CloudWatchLogsClient {
  const client = new CloudWatchLogsClient({ endpoint: t.lab.endpoint, region, credentials, maxAttempts });
  made.push(client);
  return client;
}

const TALKER = `export const handler = async (event, context) => {
  console.log("hello from the lab", event.n);
  process.stdout.write("a raw line " + event.n + "\\n");
  if (event.waitMs) await new Promise((resolve) => setTimeout(resolve, event.waitMs));
  return { stream: context.logStreamName, group: context.logGroupName, requestId: context.awsRequestId };
};
`;

async function deploy(lambda: LambdaClient, name: string, code = TALKER): Promise<void> {
  await lambda.send(new CreateFunctionCommand({ FunctionName: name, Role: LAMBDA_ROLE, Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: zipOf({ "index.mjs": code }) } }));
}

async function invoke(lambda: LambdaClient, name: string, event: unknown): Promise<{ stream: string; group: string; requestId: string }> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event) }));
  const body = JSON.parse(Buffer.from(out.Payload!).toString("utf8"));
  if (out.FunctionError) throw new Error(`${name} failed: ${JSON.stringify(body)}`);
  return body;
}

/** Every event of a group, through the SDK's own paginator. */
async function allEvents(logs: CloudWatchLogsClient, logGroupName: string, extra: { limit?: number; filterPattern?: string } = {}): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  for await (const page of paginateFilterLogEvents({ client: logs }, { logGroupName, ...extra })) events.push(...(page.events ?? []));
  return events;
}

run.before(printingErrors(async (ctx) => {
  ctx.t = await startTestLab();
  ctx.logs = logsClient(ctx.t);
  await deploy(ctx.t.clients.lambda, "Talker");
  await deploy(ctx.t.clients.lambda, "Quiet");
  const first = await invoke(ctx.t.clients.lambda, "Talker", { n: 1 });
  ctx.stream = first.stream;
  ctx.requestId = first.requestId;
  // stdout reaches the log through a pipe, so its line may land just after Invoke answers.
  await eventually(async () => ((await allEvents(ctx.logs, "/aws/lambda/Talker")).some((event) => event.message === "a raw line 1\n") ? true : undefined), 60_000);
}));
run.after(async (ctx) => {
  for (const client of made.splice(0)) client.destroy();
  await ctx.t?.close();
});

run("a function that has never run has no log group: ResourceNotFoundException, as AWS says it", async ({ logs }) => {
  await rejects(logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/Quiet" })), "ResourceNotFoundException", 400, "The specified log group does not exist.");
  await rejects(logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/lambda/Quiet" })), "ResourceNotFoundException", 400, "The specified log group does not exist.");
  const groups = await logs.send(new DescribeLogGroupsCommand({}));
  assert.equal(groups.logGroups?.map((group) => group.logGroupName), ["/aws/lambda/Talker"]);
});

run("the group /aws/lambda/<fn> and one stream per execution environment, named as AWS_LAMBDA_LOG_STREAM_NAME", async ({ t, logs, stream }) => {
  assert.match(stream, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
  const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda/Tal" }));
  assert.is(groups.logGroups?.length, 1);
  const group = groups.logGroups![0]!;
  assert.is(group.logGroupName, "/aws/lambda/Talker");
  assert.is(group.arn, `arn:aws:logs:${t.region}:111122223333:log-group:/aws/lambda/Talker:*`);
  assert.is(group.logGroupArn, `arn:aws:logs:${t.region}:111122223333:log-group:/aws/lambda/Talker`);
  assert.is(group.retentionInDays, undefined, "Lambda's groups never expire by default");
  assert.ok(group.creationTime! > Date.now() - 10 * 60_000 && group.creationTime! <= Date.now());
  assert.ok(group.storedBytes! > 0);

  const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/lambda/Talker" }));
  assert.equal(streams.logStreams?.map((s) => s.logStreamName), [stream]);
  const only = streams.logStreams![0]!;
  assert.is(only.arn, `arn:aws:logs:${t.region}:111122223333:log-group:/aws/lambda/Talker:log-stream:${stream}`);
  assert.ok(only.firstEventTimestamp! <= only.lastEventTimestamp!);
  assert.ok(only.lastIngestionTime! >= only.lastEventTimestamp!);

  // Two invocations at once need two environments, so a second stream appears.
  const [a, b] = await Promise.all([invoke(t.clients.lambda, "Talker", { n: 2, waitMs: 300 }), invoke(t.clients.lambda, "Talker", { n: 3, waitMs: 300 })]);
  assert.is.not(a.stream, b.stream);
  await eventually(async () => {
    const messages = (await allEvents(logs, "/aws/lambda/Talker")).map((event) => event.message);
    return messages.includes("a raw line 2\n") && messages.includes("a raw line 3\n") ? true : undefined;
  }, 60_000);
  const both = await logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/lambda/Talker", orderBy: "LastEventTime", descending: true }));
  assert.equal(new Set(both.logStreams?.map((s) => s.logStreamName)), new Set([stream, a.stream, b.stream]));
  assert.is(both.logStreams!.length, 2, "the first environment served one of them");
  const byName = await logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/lambda/Talker", logStreamNamePrefix: stream.slice(0, 10), limit: 1 }));
  assert.is(byName.logStreams?.length, 1);
  assert.ok(byName.nextToken, "a second page");
});

run("the events: the console line as the Node.js runtime writes it, stdout lines, and START / END / REPORT", async ({ t, logs, requestId }) => {
  const events = await allEvents(logs, "/aws/lambda/Talker");
  const messages = events.map((event) => event.message!);
  const start = messages.indexOf(`START RequestId: ${requestId} Version: $LATEST\n`);
  const end = messages.indexOf(`END RequestId: ${requestId}\n`);
  const report = messages.findIndex((message) => message.startsWith(`REPORT RequestId: ${requestId}\tDuration: `));
  const line = messages.findIndex((message) => new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${requestId}\\tINFO\\thello from the lab 1\\n$`).test(message));
  assert.ok(start >= 0 && line > start && end > line && report > end, `START, console line, END, REPORT in order:\n${messages.join("")}`);
  assert.match(messages[report]!, /\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\t\n$/);
  assert.ok(messages.includes("a raw line 1\n"));
  for (const event of events) {
    assert.is(event.logStreamName?.length! > 0, true);
    assert.ok(event.ingestionTime! >= event.timestamp!, "ingested when written");
    assert.match(event.eventId!, /^\d+$/);
  }
  assert.is(new Set(events.map((event) => event.eventId)).size, events.length, "eventIds are unique");
  const times = events.map((event) => event.timestamp!);
  assert.equal(times, [...times].sort((a, b) => a - b), "oldest first");

  // Every page of one event gives the same events as one page of all.
  const paged = await allEvents(logs, "/aws/lambda/Talker", { limit: 1 });
  assert.equal(paged.map((event) => event.eventId), events.map((event) => event.eventId));

  // startTime and endTime are inclusive; filterPattern terms are matched case-sensitively.
  const mid = times[Math.floor(times.length / 2)]!;
  const later = await logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/Talker", startTime: mid }));
  assert.ok(later.events!.every((event) => event.timestamp! >= mid) && later.events!.some((event) => event.timestamp === mid));
  const hello = await allEvents(logs, "/aws/lambda/Talker", { filterPattern: "hello" });
  assert.ok(hello.length >= 1 && hello.every((event) => event.message!.includes("hello from the lab")));
  const either = await allEvents(logs, "/aws/lambda/Talker", { filterPattern: "?START ?END" });
  assert.ok(either.length >= 2 && either.every((event) => /^(START|END) /.test(event.message!)));
  const phrase = await allEvents(logs, "/aws/lambda/Talker", { filterPattern: '"a raw line 1" -REPORT' });
  assert.equal(phrase.map((event) => event.message), ["a raw line 1\n"]);
  assert.equal(await allEvents(logs, "/aws/lambda/Talker", { filterPattern: "HELLO" }), []);
  const structured = await rejects(logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/Talker", filterPattern: "{ $.level = \"ERROR\" }" })), "InvalidParameterException", 400);
  assert.match(structured.message, /not implemented by the local lab/);

  // Newest first with startFromHead false.
  const newest = await logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/Talker", startFromHead: false, limit: 2 }));
  assert.equal(newest.events!.map((event) => event.eventId), events.slice(-2).reverse().map((event) => event.eventId));
  assert.ok(newest.nextToken);
  assert.equal(newest.searchedLogStreams, []);

  // By ARN (logGroupIdentifier) as well as by name.
  const byArn = await logs.send(new FilterLogEventsCommand({ logGroupIdentifier: `arn:aws:logs:${t.region}:111122223333:log-group:/aws/lambda/Talker`, limit: 1 }));
  assert.is(byArn.events![0]!.eventId, events[0]!.eventId);
});

run("GetLogEvents reads one stream forward with nextForwardToken until the same token comes back, and the newest first by default", async ({ logs, stream, requestId }) => {
  const forward: string[] = [];
  let token: string | undefined;
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 100, "the forward token settles");
    const page = await logs.send(new GetLogEventsCommand({ logGroupName: "/aws/lambda/Talker", logStreamName: stream, startFromHead: true, limit: 2, nextToken: token }));
    forward.push(...page.events!.map((event) => event.message!));
    assert.ok(page.nextBackwardToken, "never null");
    if (page.nextForwardToken === token) break;
    token = page.nextForwardToken;
  }
  assert.is(forward[0], `START RequestId: ${requestId} Version: $LATEST\n`);
  assert.ok(forward.some((message) => message.startsWith(`REPORT RequestId: ${requestId}`)));
  const newest = await logs.send(new GetLogEventsCommand({ logGroupName: "/aws/lambda/Talker", logStreamName: stream, limit: 1 }));
  assert.equal(newest.events!.map((event) => event.message), forward.slice(-1));
  const before = await logs.send(new GetLogEventsCommand({ logGroupName: "/aws/lambda/Talker", logStreamName: stream, limit: 1, nextToken: newest.nextBackwardToken }));
  assert.equal(before.events!.map((event) => event.message), forward.slice(-2, -1));
  await rejects(logs.send(new GetLogEventsCommand({ logGroupName: "/aws/lambda/Talker", logStreamName: "2020/01/01/[$LATEST]nope" })), "ResourceNotFoundException", 400, "The specified log stream does not exist.");
  await rejects(logs.send(new GetLogEventsCommand({ logGroupName: "/aws/lambda/Talker", logStreamName: stream, nextToken: "garbage" })), "InvalidParameterException", 400);
});

run("invalid requests: both or neither of logGroupName and logGroupIdentifier, a limit out of range, prefix with LastEventTime", async ({ logs, stream }) => {
  await rejects(logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/Talker", logGroupIdentifier: "/aws/lambda/Talker" })), "InvalidParameterException", 400);
  await rejects(logs.send(new FilterLogEventsCommand({})), "InvalidParameterException", 400);
  await rejects(
    logs.send(new DescribeLogGroupsCommand({ limit: 51 })),
    "InvalidParameterException",
    400,
    "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
  );
  await rejects(logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/lambda/Talker", orderBy: "LastEventTime", logStreamNamePrefix: stream.slice(0, 4) })), "InvalidParameterException", 400);
  await rejects(logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/Talker", logStreamNames: [stream], logStreamNamePrefix: "20" })), "InvalidParameterException", 400);
  await rejects(logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/Talker", nextToken: "not-a-token" })), "InvalidParameterException", 400);
  // A member of the wrong JSON type fails deserialization, before any validation.
  await rejects(logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/Talker", startFromHead: "yes" as unknown as boolean })), "SerializationException", 400);
});

run("another account, or another region, sees none of it", async ({ t }) => {
  const other = logsClient(t, { accessKeyId: "AKIAOTHERLOGREADER01", secretAccessKey: "x" });
  assert.equal((await other.send(new DescribeLogGroupsCommand({}))).logGroups, []);
  await rejects(other.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/Talker" })), "ResourceNotFoundException", 400);
  const elsewhere = logsClient(t, t.credentials, "us-east-1");
  assert.equal((await elsewhere.send(new DescribeLogGroupsCommand({}))).logGroups, []);
  // An ARN of another account names no group of the caller's.
  await rejects(other.send(new FilterLogEventsCommand({ logGroupIdentifier: `arn:aws:logs:${t.region}:111122223333:log-group:/aws/lambda/Talker` })), "ResourceNotFoundException", 400);
});

run("an operation the lab does not implement: 501 NotImplemented, which the SDK does not retry", async ({ t }) => {
  const retrying = logsClient(t, t.credentials, t.region, 3);
  const error = await rejects(retrying.send(new CreateLogGroupCommand({ logGroupName: "/mine" })), "NotImplemented", 501);
  assert.match(error.message, /^CloudWatch Logs CreateLogGroup is not implemented by the local lab\. The lab speaks .*CloudWatch Logs \(DescribeLogGroups, DescribeLogStreams, FilterLogEvents, GetLogEvents\)/);
  assert.is((error.$metadata as { attempts?: number }).attempts, 1);
  for (const operation of IMPLEMENTED_LOGS_OPERATIONS) assert.ok(LAB_SPEAKS.includes(operation), `the message lists ${operation}`);
});

run("memory stays bounded: a group keeps its newest events, and its most recently written streams", () => {
  const store = new LogStore();
  const events = Array.from({ length: MAX_EVENTS_PER_GROUP + 500 }, (_, i) => ({ timestamp: 1_700_000_000_000 + i, message: `line ${i}\n` }));
  store.append("111122223333", "ap-northeast-2", "/aws/lambda/Busy", "s-0", events);
  const group = store.group("111122223333", "ap-northeast-2", "/aws/lambda/Busy")!;
  const kept = store.events(group);
  assert.is(kept.length, MAX_EVENTS_PER_GROUP);
  assert.is(kept[0]!.message, "line 500\n", "the oldest went first");
  for (let i = 1; i <= MAX_STREAMS_PER_GROUP; i++) store.append("111122223333", "ap-northeast-2", "/aws/lambda/Busy", `s-${i}`, [{ timestamp: 1_800_000_000_000 + i, message: "x\n" }]);
  assert.is(group.streams.size, MAX_STREAMS_PER_GROUP);
  assert.not.ok(group.streams.has("s-0"), "the least recently written stream went, with its events");
  assert.ok(store.events(group).every((event) => event.logStreamName !== "s-0"));
  const huge = "é".repeat(200_000);
  store.append("111122223333", "ap-northeast-2", "/aws/lambda/Huge", "s", [{ timestamp: 1, message: huge }]);
  const cut = store.events(store.group("111122223333", "ap-northeast-2", "/aws/lambda/Huge")!)[0]!;
  assert.ok(cut.bytes <= 256 * 1024 - 26, "an event is at most 256 KB");
});

run("the real AWS CLI v2: `aws logs tail /aws/lambda/<fn> --since 15m` prints the function's console line and START / END / REPORT", async ({ t, requestId }) => {
  const cli = await findAwsCliV2();
  const tail = await awsCliAt(t.lab.endpoint, t.region, ["logs", "tail", "/aws/lambda/Talker", "--since", "15m"]);
  assert.is(tail.code, 0, `${cli.version}: ${describeRun(tail)}`);
  const lines = tail.stdout.split("\n");
  const has = (pattern: RegExp): boolean => lines.some((line) => pattern.test(line));
  // The detailed format: timestamp, stream name, message.
  const prefix = String.raw`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00 \d{4}/\d\d/\d\d/\[\$LATEST\][0-9a-f]{32} `;
  assert.ok(has(new RegExp(`${prefix}START RequestId: ${requestId} Version: \\$LATEST$`)), describeRun(tail));
  assert.ok(has(new RegExp(`${prefix}\\S+\\t${requestId}\\tINFO\\thello from the lab 1$`)), describeRun(tail));
  assert.ok(has(new RegExp(`${prefix}END RequestId: ${requestId}$`)), describeRun(tail));
  assert.ok(has(new RegExp(`${prefix}REPORT RequestId: ${requestId}\\tDuration: `)), describeRun(tail));
  assert.ok(has(new RegExp(`${prefix}a raw line 1$`)), describeRun(tail));
  assert.is(tail.stderr, "", describeRun(tail));
});

run("the real AWS CLI v2: `aws logs tail` for a function that never ran gives AWS's error", async ({ t }) => {
  const tail = await awsCliAt(t.lab.endpoint, t.region, ["logs", "tail", "/aws/lambda/Quiet", "--since", "15m"]);
  // 254: the CLI's exit code for an error the service returned.
  assert.is(tail.code, 254, describeRun(tail));
  assert.is(tail.stderr.trim(), "An error occurred (ResourceNotFoundException) when calling the FilterLogEvents operation: The specified log group does not exist.", describeRun(tail));
});

run("the real AWS CLI v2: filter-log-events, get-log-events, describe-log-groups and describe-log-streams", async ({ t, stream, requestId }) => {
  const at = (args: string[]) => awsCliAt(t.lab.endpoint, t.region, args);
  const filtered = await at(["logs", "filter-log-events", "--log-group-name", "/aws/lambda/Talker", "--filter-pattern", "hello"]);
  assert.is(filtered.code, 0, describeRun(filtered));
  const found = JSON.parse(filtered.stdout) as { events: { message: string; logStreamName: string }[] };
  assert.ok(found.events.some((event) => event.message.endsWith("\tINFO\thello from the lab 1\n") && event.logStreamName === stream), describeRun(filtered));
  const got = await at(["logs", "get-log-events", "--log-group-name", "/aws/lambda/Talker", "--log-stream-name", stream, "--start-from-head"]);
  assert.is(got.code, 0, describeRun(got));
  assert.is((JSON.parse(got.stdout) as { events: { message: string }[] }).events[0]!.message, `START RequestId: ${requestId} Version: $LATEST\n`);
  const groups = await at(["logs", "describe-log-groups", "--log-group-name-prefix", "/aws/lambda/"]);
  assert.is(groups.code, 0, describeRun(groups));
  assert.equal((JSON.parse(groups.stdout) as { logGroups: { logGroupName: string }[] }).logGroups.map((group) => group.logGroupName), ["/aws/lambda/Talker"]);
  const streams = await at(["logs", "describe-log-streams", "--log-group-name", "/aws/lambda/Talker", "--order-by", "LastEventTime", "--descending"]);
  assert.is(streams.code, 0, describeRun(streams));
  assert.ok((JSON.parse(streams.stdout) as { logStreams: { logStreamName: string }[] }).logStreams.some((s) => s.logStreamName === stream));
});

run.run();
