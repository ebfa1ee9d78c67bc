// A stop signal that comes before `check` has handed its work a stop (here while its embedded lab starts)
// ends it with the interrupted status (130) like one that comes during the work, not by Node dying of the
// signal (which a shell shows as 143 for SIGTERM, 129 for SIGHUP).
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { cliEnv, startCli } from "../helpers/cli.js";
import { Watched } from "../helpers/watched.js";

const test = suite("stop signals before the work starts");

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  test(`${signal} while check --lab prepares its lab: exit 130`, async () => {
    const child = startCli(["--lab", "--lang", "en"], cliEnv(undefined));
    const watched = new Watched(child);
    try {
      await watched.until((_out, err) => err.includes("Preparing an embedded local lab"), "the embedded lab's first line", 60_000);
      child.kill(signal);
      assert.equal(await watched.exitWithin(60_000), { code: 130, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
}

test.run();
