// `npx tsx bench/lambda-invoke.ts` (not part of `npm run bench`): how long the lab's Invoke takes (since each function runs in a process of its own),
// cold and warm, since the workshop's tests and `npm run demo` invoke functions a lot. Cold: a new function's
// first Invoke (a new execution environment loads the code); warm: Invoke after Invoke of one function, one
// at a time and 10 at a time. Prints the median, 95th percentile and mean of each, in ms, through the real SDK.
import "../src/cli/quiet-sdk.js";
import { CreateFunctionCommand, InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import { createClients } from "../src/aws/clients.js";
import { createLab, DEFAULT_KEY, LAB_REGION } from "../src/lab/index.js";

const COLD_RUNS = Number(process.env.COLD_RUNS ?? 20);
const WARM_RUNS = Number(process.env.WARM_RUNS ?? 300);
const ROLE = "arn:aws:iam::111122223333:role/bench-function-role";

/** The workshop's kind of handler (CommonJS, no SDK) and one that loads the SDK's DynamoDB client (ESM). */
const KINDS: Record<string, Record<string, string>> = {
  "cjs, no SDK": { "index.js": "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n" },
  "esm + client-dynamodb": {
    "index.mjs": 'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";\nconst client = new DynamoDBClient({});\nexport const handler = async (event) => ({ statusCode: 200, region: await client.config.region() });\n',
  },
};

function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

async function deploy(lambda: LambdaClient, name: string, files: Record<string, string>): Promise<void> {
  await lambda.send(new CreateFunctionCommand({ FunctionName: name, Role: ROLE, Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: zipOf(files) } }));
}

async function timedInvoke(lambda: LambdaClient, name: string): Promise<number> {
  const started = performance.now();
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify({ n: 1 }) }));
  if (out.FunctionError) throw new Error(`${name}: ${Buffer.from(out.Payload ?? []).toString("utf8")}`);
  return performance.now() - started;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return `${label.padEnd(44)} n=${String(sorted.length).padStart(4)}  p50 ${at(0.5).toFixed(1).padStart(7)}  p95 ${at(0.95).toFixed(1).padStart(7)}  mean ${mean.toFixed(1).padStart(7)}`;
}

const lab = await createLab();
const { lambda } = createClients({ endpoint: lab.endpoint, region: LAB_REGION, credentials: DEFAULT_KEY, maxAttempts: 1 });
try {
  for (const [kind, files] of Object.entries(KINDS)) {
    const slug = kind.replace(/[^a-z]+/g, "-");
    const cold: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      await deploy(lambda, `bench-cold-${slug}-${i}`, files);
      cold.push(await timedInvoke(lambda, `bench-cold-${slug}-${i}`));
    }
    console.log(summary(`cold start, ${kind}`, cold));
    const warmName = `bench-warm-${slug}`;
    await deploy(lambda, warmName, files);
    await timedInvoke(lambda, warmName);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timedInvoke(lambda, warmName));
    console.log(summary(`warm, one at a time, ${kind}`, warm));
    const parallel: number[] = [];
    for (let i = 0; i < WARM_RUNS / 10; i++) parallel.push(...(await Promise.all(Array.from({ length: 10 }, () => timedInvoke(lambda, warmName)))));
    console.log(summary(`warm, 10 at a time, ${kind}`, parallel));
  }
} finally {
  lambda.destroy();
  await lab.close();
}
