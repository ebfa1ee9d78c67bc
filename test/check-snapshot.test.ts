import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createClients, type AwsClients } from "../src/aws/clients.js";
import { checkAccount } from "../src/check.js";
import { LAB_REGION } from "../src/lab/index.js";
import { startSeededLab, type SeededLab } from "./helpers/seeded.js";
import { printingErrors } from "./helpers/hooks.js";

const reuse = suite<{ seeded: SeededLab }>("checkAccount judges a snapshot it is given instead of reading the account again");

reuse.before(printingErrors(async (ctx) => {
  ctx.seeded = await startSeededLab();
}));
reuse.after(async (ctx) => {
  await ctx.seeded.close();
});

type Handler = (args: unknown) => Promise<unknown>;
interface Stack {
  add(middleware: (next: Handler) => Handler, options: { step: "initialize"; name: string }): void;
}

/** Counts the calls each client sends. */
function counted(clients: AwsClients): { calls: () => number } {
  let calls = 0;
  for (const client of [clients.apigw, clients.lambda, clients.sts, clients.dynamodb]) {
    (client.middlewareStack as unknown as Stack).add((next) => (args) => ((calls += 1), next(args)), { step: "initialize", name: "countCalls" });
  }
  return { calls: () => calls };
}

reuse("given a snapshot, no AWS call is made without the probe, and the verdicts are those of a fresh read", async ({ seeded }) => {
  const settings = { ...seeded.main.target, region: LAB_REGION };
  const fresh = await checkAccount({ step: "all", lang: "en", live: false, clientSettings: settings });
  const clients = createClients(settings);
  const counter = counted(clients);
  try {
    const again = await checkAccount({ step: "all", lang: "en", live: false, clientSettings: settings, clients, snapshot: fresh.snapshot });
    assert.is(counter.calls(), 0);
    assert.equal(
      again.report.results.map((r) => [r.id, r.status, r.detail]),
      fresh.report.results.map((r) => [r.id, r.status, r.detail]),
    );
  } finally {
    clients.destroy();
  }
});

reuse.run();
