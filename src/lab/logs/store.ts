// CloudWatch Logs' data in the lab: log groups, their streams and events, per account and region, as the
// functions' execution environments write them (the LogSink of src/lab/log-sink.ts). Nothing else writes:
// the lab implements the read side of the service only (src/lab/logs/service.ts).
//
// Memory stays bounded: each group keeps its newest events only (a count and a byte budget; the oldest
// are dropped first), a region keeps a bounded number of groups and a group a bounded number of streams
// (the least recently written go first). AWS keeps events for the group's retention period instead
// (Lambda's groups never expire by default).
import type { LogEventInput, LogSink } from "../log-sink.js";

export interface LogEvent {
  /** Order of arrival in the group: the tie-breaker between equal timestamps, and the events' identity. */
  seq: number;
  logStreamName: string;
  /** Milliseconds since the epoch (the Timestamp shape of the model is a long) [botocore logs/2014-03-28 service-2.json]. */
  timestamp: number;
  ingestionTime: number;
  message: string;
  bytes: number;
}

export interface LogStreamRecord {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  /** How many events the stream has had (its upload sequence); never decreases. */
  uploads: number;
}

export interface LogGroupRecord {
  logGroupName: string;
  creationTime: number;
  streams: Map<string, LogStreamRecord>;
  /** The group's events in order of arrival (seq), oldest first; `head` of them are already dropped. */
  events: LogEvent[];
  head: number;
  bytes: number;
  nextSeq: number;
  /** When it was last written, for dropping the least recently written group first. */
  touched: number;
}

/** Events a group keeps; FilterLogEvents' own page limit is 10,000 [botocore logs FilterLogEventsRequest.limit]. */
export const MAX_EVENTS_PER_GROUP = 10_000;
/** Message bytes a group keeps. */
export const MAX_BYTES_PER_GROUP = 8 * 1024 * 1024;
export const MAX_STREAMS_PER_GROUP = 200;
export const MAX_GROUPS_PER_REGION = 500;
/**
 * An event's message is cut at 256 KB less the 26 bytes CloudWatch Logs counts for each event (CloudWatch
 * Logs API reference, PutLogEvents, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html:
 * an event is at most 256 KB; a batch's size is its UTF-8 messages plus 26 bytes per event).
 * UNCONFIRMED: how Lambda itself cuts a longer line.
 */
const MAX_MESSAGE_BYTES = 256 * 1024 - 26;

export class LogStore implements LogSink {
  private readonly regions = new Map<string, Map<string, LogGroupRecord>>();

  append(account: string, region: string, logGroupName: string, logStreamName: string, events: LogEventInput[]): void {
    if (events.length === 0) return;
    const now = Date.now();
    const group = this.groupFor(account, region, logGroupName, now);
    let stream = group.streams.get(logStreamName);
    if (!stream) {
      stream = { logStreamName, creationTime: now, uploads: 0 };
      group.streams.set(logStreamName, stream);
      this.trimStreams(group, logStreamName);
    }
    for (const input of events) {
      const message = cut(input.message);
      const bytes = Buffer.byteLength(message, "utf8");
      const timestamp = Math.trunc(input.timestamp);
      group.events.push({ seq: group.nextSeq++, logStreamName, timestamp, ingestionTime: now, message, bytes });
      group.bytes += bytes;
      stream.uploads += 1;
      stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? timestamp, timestamp);
      stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? timestamp, timestamp);
      stream.lastIngestionTime = now;
    }
    group.touched = now;
    trimEvents(group);
  }

  /** The region's groups, sorted by name (DescribeLogGroups lists them ASCII-sorted) [botocore logs DescribeLogGroups doc]. */
  groups(account: string, region: string): LogGroupRecord[] {
    const groups = [...(this.regions.get(`${account}/${region}`)?.values() ?? [])];
    return groups.sort((a, b) => compareAscii(a.logGroupName, b.logGroupName));
  }

  group(account: string, region: string, logGroupName: string): LogGroupRecord | undefined {
    return this.regions.get(`${account}/${region}`)?.get(logGroupName);
  }

  /** The events a group still keeps, oldest first. */
  events(group: LogGroupRecord): LogEvent[] {
    return group.events.slice(group.head);
  }

  private groupFor(account: string, region: string, logGroupName: string, now: number): LogGroupRecord {
    const key = `${account}/${region}`;
    let groups = this.regions.get(key);
    if (!groups) {
      groups = new Map();
      this.regions.set(key, groups);
    }
    let group = groups.get(logGroupName);
    if (!group) {
      group = { logGroupName, creationTime: now, streams: new Map(), events: [], head: 0, bytes: 0, nextSeq: 0, touched: now };
      groups.set(logGroupName, group);
      if (groups.size > MAX_GROUPS_PER_REGION) {
        const stalest = [...groups.values()].filter((g) => g !== group).sort((a, b) => a.touched - b.touched)[0];
        if (stalest) groups.delete(stalest.logGroupName);
      }
    }
    return group;
  }

  /** Too many streams: the least recently written one goes, with its events. */
  private trimStreams(group: LogGroupRecord, keep: string): void {
    if (group.streams.size <= MAX_STREAMS_PER_GROUP) return;
    let stalest: LogStreamRecord | undefined;
    for (const stream of group.streams.values()) {
      if (stream.logStreamName === keep) continue;
      if (!stalest || (stream.lastIngestionTime ?? stream.creationTime) < (stalest.lastIngestionTime ?? stalest.creationTime)) stalest = stream;
    }
    if (!stalest) return;
    group.streams.delete(stalest.logStreamName);
    const kept = group.events.slice(group.head).filter((event) => event.logStreamName !== stalest.logStreamName);
    group.events = kept;
    group.head = 0;
    group.bytes = kept.reduce((sum, event) => sum + event.bytes, 0);
  }
}

function trimEvents(group: LogGroupRecord): void {
  while (group.events.length - group.head > MAX_EVENTS_PER_GROUP || (group.bytes > MAX_BYTES_PER_GROUP && group.events.length - group.head > 1)) {
    group.bytes -= group.events[group.head]!.bytes;
    group.head += 1;
  }
  // Dropped events are released in batches, so appending stays cheap.
  if (group.head > 1024 && group.head * 2 > group.events.length) {
    group.events = group.events.slice(group.head);
    group.head = 0;
  }
}

function cut(message: string): string {
  if (message.length * 3 <= MAX_MESSAGE_BYTES) return message;
  const bytes = Buffer.from(message, "utf8");
  if (bytes.length <= MAX_MESSAGE_BYTES) return message;
  // A cut inside a multi-byte character decodes to U+FFFD, which is three bytes: cut three short.
  return bytes.subarray(0, MAX_MESSAGE_BYTES - 3).toString("utf8");
}

function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
