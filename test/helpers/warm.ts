// Starts the execution environment of each workshop function of an account before a test times the live
// probe, with events that read and write nothing the probe looks at. A first invocation loads the
// function's code into a new worker (hundreds of milliseconds on a busy two-core machine, a cold start as
// on Lambda); warm, the lab answers in milliseconds, so the probe's waits can be short without a slow
// start turning an answer into silence.
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { withClients, type AwsTarget } from "../../src/aws/clients.js";
import type { Step1Resources } from "../../src/scenarios/seed.js";

export async function warmFunctions(target: AwsTarget, resources: Pick<Step1Resources, "functionNames">): Promise<void> {
  const context = { connectionId: "warm-up-connection" };
  const events = {
    // A query without orderId: DynamoDB refuses the row without its key, and the connect function answers 500.
    connect: { requestContext: context, queryStringParameters: {} },
    // No rows carry this connection id: the disconnect function queries and deletes nothing.
    disconnect: { requestContext: context },
    // No pending rows of this order: the pending function queries and answers {"status":"none"}.
    pending: { requestContext: context, body: JSON.stringify({ orderId: "warm-up-order" }), isBase64Encoded: false },
  };
  await withClients({ ...target, maxAttempts: 1 }, async (clients) => {
    await Promise.all(
      (Object.keys(events) as (keyof typeof events)[]).map(async (role) => {
        const payload = Buffer.from(JSON.stringify(events[role]));
        for (let attempt = 1; ; attempt++) {
          const out = await clients.lambda.send(new InvokeCommand({ FunctionName: resources.functionNames[role], Payload: payload }));
          if (!out.FunctionError) return;
          const error = Buffer.from(out.Payload ?? new Uint8Array()).toString("utf8");
          // A cold start on a busy machine may outlast the function's 3 s timeout; the next environment
          // finds the modules in the file cache. Any other error is a real one.
          if (!error.includes("Sandbox.Timedout") || attempt === COLD_START_ATTEMPTS) throw new Error(`warming ${role} (attempt ${attempt}): ${error}`);
        }
      }),
    );
  });
}

/** How many timed-out cold starts a warm-up tolerates before it reports the function as broken. */
const COLD_START_ATTEMPTS = 4;
