import { suite } from "uvu";
import * as assert from "uvu/assert";
import { argvLang } from "../../src/cli/command-line.js";
import { cliEnv, runCli } from "../helpers/cli.js";

const words = suite("commands speak the user's language before parsing: --help and yargs' own errors");

words("--lang is read from the raw arguments in both spellings, else from the locale, Korean when unsure", () => {
  assert.is(argvLang(["--lang", "en"]), "en");
  assert.is(argvLang(["--step", "2", "--lang=en"]), "en");
  const saved = process.env.LANG;
  try {
    process.env.LANG = "";
    assert.is(argvLang([]), "ko");
    process.env.LANG = "en_US.UTF-8";
    assert.is(argvLang([]), "en");
    assert.is(argvLang(["--lang", "ko"]), "ko");
  } finally {
    if (saved === undefined) delete process.env.LANG;
    else process.env.LANG = saved;
  }
});

words("check --help is Korean by default and English with --lang en", async () => {
  const [ko, en] = await Promise.all([runCli(["--help"], cliEnv(undefined)), runCli(["--help", "--lang", "en"], cliEnv(undefined))]);
  assert.is(ko.code, 0);
  assert.match(ko.stdout, "옵션:");
  assert.match(ko.stdout, "실시간 WebSocket 검사 실행");
  assert.is(en.code, 0);
  assert.match(en.stdout, "Options:");
  assert.match(en.stdout, "run the live WebSocket probe");
});

words("a wrong option value is refused in Korean, naming the allowed values", async () => {
  const run = await runCli(["--step", "3"], cliEnv(undefined));
  assert.is(run.code, 2, "a command line the command cannot take exits 2, as README says");
  assert.match(run.stderr, "유효하지 않은 값");
  assert.match(run.stderr, '"1", "2", "all"');
});

words("every command exits 2 on an option it does not know, with the usage and the reason on stderr", async () => {
  const commands = ["check", "solve", "reset", "grade"] as const;
  // grade's own required --roster is given, so that the unknown option is what yargs names.
  const needs = (command: string) => (command === "grade" ? ["--roster", "roster.csv"] : []);
  const runs = await Promise.all(commands.map((command) => runCli([...needs(command), "--bogus-option", "--lang", "en"], cliEnv(undefined), { command })));
  runs.forEach((run, i) => {
    assert.is(run.code, 2, `${commands[i]}: ${run.stderr}`);
    assert.match(run.stderr, "bogus-option", commands[i]);
    assert.match(run.stderr, "--help", commands[i]);
  });
});

words("grade takes --step 1, 2 and all, as README's commands write them (a number is not refused)", async () => {
  for (const step of ["1", "2", "all"]) {
    const run = await runCli(["--step", step, "--lang", "en"], cliEnv(undefined), { command: "grade" });
    // Refused for the missing roster only, never for the step.
    assert.is(run.code, 2, run.stderr);
    assert.not.match(run.stderr, "Invalid values");
    assert.match(run.stderr, "roster");
  }
});

words.run();
