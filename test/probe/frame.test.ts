// The pure parts of the probe: what a $default frame means, how a frame is kept for the report, which
// probe ids count as leftovers, and that waits end on their bound.
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { FRAME_KEEP_CHARS, classifyFrame, printable } from "../../src/probe/frame.js";
import { PROBE_PREFIX, isStaleProbeId, newProbeId, probeStartedAt, probeStatus } from "../../src/probe/probe-id.js";
import { probeUrl } from "../../src/probe/probe.js";
import { pollFor, waitFor } from "../../src/probe/wait.js";

const test = suite("live probe: frames, ids, waits");

const expected = probeStatus("lab-check-probe-1-abc", 1_700_000_000_000);

test("the pending row's attributes in another key order and spacing are the answer", () => {
  const result = classifyFrame('{ "probe": "awsomepets-lab-checker", "createdOn": 1700000000000, "orderId": "lab-check-probe-1-abc",  "status": "none" }', expected);
  assert.is(result.outcome, "answer");
});

test("API Gateway's error frames are told apart (their text as public wscat transcripts show it)", () => {
  const internal = '{"message": "Internal server error", "connectionId":"Qyi07eCbtjMCJKw=", "requestId":"Qyi3UG41tjMFlUg="}';
  assert.equal(classifyFrame(internal, expected), { outcome: "internal-error", frame: internal });
  const forbidden = '{"message": "Forbidden", "connectionId":"a", "requestId":"b"}';
  assert.is(classifyFrame(forbidden, expected).outcome, "forbidden");
  const timedOut = '{"message": "Endpoint request timed out", "connectionId":"a", "requestId":"b"}';
  assert.equal(classifyFrame(timedOut, expected), { outcome: "gateway-error", frame: timedOut });
});

test("anything else is the function's own answer, kept: status none, extra attributes, a message of its own, not JSON", () => {
  const frames = ['{"status":"none"}', '{"status":"none","orderId":"lab-check-probe-1-abc","createdOn":1700000000000,"probe":"awsomepets-lab-checker","x":1}', '{"message":"Diconnected"}', "Diconnected", "hello", "[]", "null"];
  for (const frame of frames) {
    assert.equal(classifyFrame(frame, expected), { outcome: "other-answer", frame }, frame);
  }
});

test("no frame is none", () => {
  assert.equal(classifyFrame(undefined, expected), { outcome: "none" });
});

test("a kept frame is cut to 500 characters and cannot carry terminal escapes or bidi overrides", () => {
  const long = classifyFrame("x".repeat(5000), expected);
  assert.is(long.frame!.length, FRAME_KEEP_CHARS);
  assert.is(printable("a\u001b[31mred\u202eb\n"), "a\\u001b[31mred\\u202eb\\u000a");
  assert.is(printable("\u0007".repeat(400)).length, FRAME_KEEP_CHARS);
});

test("probe ids are unique, carry the prefix and their start time", () => {
  const ids = new Set(Array.from({ length: 100 }, () => newProbeId(1_700_000_000_000)));
  assert.is(ids.size, 100);
  const id = [...ids][0]!;
  assert.ok(id.startsWith(PROBE_PREFIX));
  assert.is(probeStartedAt(id), 1_700_000_000_000);
  assert.ok(/^[A-Za-z0-9-]+$/.test(id), "URL-safe without encoding");
});

test("a probe row is stale when its run started before the cutoff, or its time cannot be read; other orders never are", () => {
  assert.ok(isStaleProbeId(newProbeId(1000), 2000));
  assert.not.ok(isStaleProbeId(newProbeId(3000), 2000));
  assert.ok(isStaleProbeId(`${PROBE_PREFIX}garbage`, 2000));
  assert.not.ok(isStaleProbeId("9bd8-order-1000-x", 2000));
});

test("the probe URL is <apiEndpoint>/<stage>?orderId=<id>, whatever trailing slash the endpoint has", () => {
  assert.is(probeUrl("wss://a1b2c3d4.execute-api.ap-northeast-2.amazonaws.com/", "v1", "p 1"), "wss://a1b2c3d4.execute-api.ap-northeast-2.amazonaws.com/v1?orderId=p%201");
});

test("pollFor looks at least once even with a zero bound, and gives up after its bound", async () => {
  let looks = 0;
  assert.is(await pollFor(async () => (++looks, undefined), 0), undefined);
  assert.is(looks, 1);
  const started = Date.now();
  assert.is(await pollFor(async () => undefined, 250), undefined);
  const waited = Date.now() - started;
  assert.ok(waited >= 240 && waited < 1000, `waited ${waited} ms`);
  assert.is(await pollFor(async () => (++looks > 3 ? "found" : undefined), 5000), "found");
});

test("waitFor unsubscribes in every outcome: value, timeout and abort (which rejects)", async () => {
  let subscribed = 0;
  const listen = (deliver: (value: string) => void, now?: string) => {
    subscribed++;
    if (now) deliver(now);
    return () => void subscribed--;
  };
  assert.is(await waitFor((deliver) => listen(deliver, "at once"), 1000), "at once");
  assert.is(await waitFor((deliver) => listen(deliver), 10), undefined);
  const abort = new AbortController();
  const waiting = waitFor((deliver) => listen(deliver), 10_000, abort.signal);
  abort.abort();
  await waiting.then(
    () => assert.unreachable("resolved after abort"),
    (error: Error) => assert.is(error.name, "AbortError"),
  );
  assert.is(subscribed, 0);
});

test.run();
