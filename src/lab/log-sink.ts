// What the function runtime (src/lab/lambda) and CloudWatch Logs' store (src/lab/logs/store.ts) agree on, in a
// module of its own so that neither imports the other, nor the lab's context, for it.

/** One line of a function's log, as the execution environment hands it over. */
export interface LogEventInput {
  /** Milliseconds since the epoch. */
  timestamp: number;
  message: string;
}

/**
 * Where the execution environments write their logs: CloudWatch Logs' log group and stream, created on the
 * first event as the Lambda runtime creates them on AWS. The function runtime gets only this, not the store.
 */
export interface LogSink {
  append(account: string, region: string, logGroupName: string, logStreamName: string, events: LogEventInput[]): void;
}
