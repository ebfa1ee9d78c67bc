// Grading in CI, where no terminal shows a spinner: a plain progress line every 10 participants and every
// 10 seconds, with the errors so far and the time left, so that a class of 100 is never a silent wait.
import { PassThrough } from "node:stream";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { progressLog } from "../../src/cli/progress.js";
import { pollFor } from "../../src/probe/wait.js";

function capture(): { stream: PassThrough; lines: () => string[] } {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  return { stream, lines: () => text.split("\n").filter(Boolean) };
}

test("a line every 10 participants and at the end, with errors and the time left from the pace so far", () => {
  const out = capture();
  let clock = 0;
  const log = progressLog(out.stream, "en", { everyMs: 3_600_000, now: () => clock });
  for (let done = 0; done <= 25; done++) {
    clock = done * 1000;
    log.update({ done, total: 25, errors: done >= 12 ? 1 : 0 });
  }
  log.stop();
  assert.equal(out.lines(), ["Graded 10/25, 0 errors, about 15 s left", "Graded 20/25, 1 errors, about 5 s left", "Graded 25/25, 1 errors, about 0 s left"]);
});

test("a line every interval while nothing finishes (a slow probe), in the user's language", async () => {
  const out = capture();
  const log = progressLog(out.stream, "ko", { everyMs: 20 });
  log.update({ done: 3, total: 100, errors: 0 });
  const lines = await pollFor(async () => (out.lines().length >= 2 ? out.lines() : undefined), 10_000);
  log.stop();
  assert.ok(lines, "the timer printed again while nothing changed");
  assert.match(lines![0]!, /^채점 3\/100, 오류 0, 약 \d+초 남음$/);
});

test.run();
