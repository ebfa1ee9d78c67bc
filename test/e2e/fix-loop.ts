// What a stuck participant does: run the check, copy the lines of its "To fix" section into a shell, run the
// check again. For every scenario of the catalogue that step 2 can fix (all but api-missing), in its own lab
// account, with a real AWS CLI (v2 and v1), every printed command must succeed as printed (through bash, with
// `aws` found on PATH) and the account must reach a full pass, with nothing left to fix, within three rounds.
// Each round is checked in Korean and in English on the same account, and both must print the same commands:
// so the commands run once per round for both languages (running each language's copy apart would only
// repeat the same AWS CLI calls).
// One test file per CLI version (fix-loop-v1.test.ts, fix-loop-v2.test.ts), so that the test runner
// (scripts/test.mjs) can run the two halves side by side: together they are the suite's longest file.
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createLab, LAB_REGION, labAccountKey, type Lab } from "../../src/lab/index.js";
import { buildScenario } from "../../src/scenarios/catalogue.js";
import { SCENARIO_NAMES } from "../../src/scenarios/names.js";
import { t, type Lang } from "../../src/i18n/index.js";
import { awsCliEnv, findAwsCli, type AwsCli } from "../../bench/lib/aws-cli.js";
import { cliEnv, mapLimit, runCli } from "../helpers/cli.js";
import { runProcess } from "../../bench/lib/process.js";
import { processTempDir } from "../../bench/lib/temp.js";
import { warmFunctions } from "../helpers/warm.js";
import { printingErrors } from "../helpers/hooks.js";

const FIXABLE = SCENARIO_NAMES.filter((name) => name !== "api-missing");
type CliMajor = 1 | 2;
const LANGS = ["ko", "en"] as const satisfies readonly Lang[];
const MAX_ROUNDS = 3;

interface Round {
  /** The check's output in each language. */
  checks: Record<Lang, string>;
  /** The fix section's lines in each language: the same commands, or the test fails. */
  lines: Record<Lang, string[]>;
  commands: { line: string; code: number | null; output: string }[];
}

interface Story {
  scenario: string;
  cli: CliMajor;
  rounds: Round[];
  /** Languages whose check passed with nothing left to fix, at the end. */
  passed: Lang[];
}

/** The fix loop of every fixable scenario with AWS CLI v`cli`, as one uvu suite, run. */
export function runFixLoop(cli: CliMajor): void {
  const test = suite<{ lab: Lab; stories: Story[] }>(`the fix section, run as printed with AWS CLI v${cli}, fixes every scenario`, {
    lab: undefined as unknown as Lab,
    stories: [],
  });

  test.before(printingErrors(async (ctx) => {
    const found = await findAwsCli(cli);
    const keys = FIXABLE.map((_, i) => labAccountKey(i + 2));
    ctx.lab = await createLab({ accounts: keys });
    ctx.stories = await mapLimit(FIXABLE, 2, (scenario, i) => story(ctx.lab, keys[i]!, scenario, cli, found));
  }));

  test.after(async (ctx) => {
    await ctx.lab?.close();
  });

  for (const scenario of FIXABLE) {
    test(`${scenario} (AWS CLI v${cli}): the same commands in ko and en, a full pass in both within ${MAX_ROUNDS} rounds, every printed command succeeding`, ({ stories }) => {
      const story = stories.find((s) => s.scenario === scenario)!;
      for (const round of story.rounds) {
        assert.equal(round.lines.en, round.lines.ko, `${scenario}: the English fix section prints other commands than the Korean one\n${describe(story)}`);
        for (const command of round.commands) assert.is(command.code, 0, `${scenario}: this printed command failed:\n$ ${command.line}\n${command.output}\n${describe(story)}`);
        assert.ok(round.commands.length > 0, `${scenario}: a failing check printed nothing to run\n${describe(story)}`);
      }
      assert.equal(story.passed, [...LANGS], `${scenario}: not passing in both languages after ${story.rounds.length} rounds\n${describe(story)}`);
      if (scenario === "solved") assert.is(story.rounds.length, 0, "a solved account has nothing to fix");
      else assert.ok(story.rounds.length >= 1, `${scenario} starts with something to fix`);
    });
  }

  test.run();
}

/** The participant's loop on one account: check, run the fix section's lines, until nothing is left to fix. */
async function story(lab: Lab, key: ReturnType<typeof labAccountKey>, scenario: string, cliMajor: Story["cli"], cli: AwsCli): Promise<Story> {
  const target = { endpoint: lab.endpoint, region: LAB_REGION, credentials: key };
  await warmFunctions(target, await buildScenario(target, scenario));
  const shellEnv = { ...awsCliEnv({ credentials: key }), PATH: `${pathWithAws(cli)}:${process.env.PATH ?? "/usr/bin:/bin"}` };
  const rounds: Round[] = [];
  for (let round = 1; round <= MAX_ROUNDS + 1; round++) {
    const checks = await Promise.all(
      LANGS.map((lang) => runCli(["--endpoint", lab.endpoint, "--region", LAB_REGION, "--lang", lang, "--timeout", "5"], cliEnv(key, { NO_COLOR: "1" }))),
    );
    const done = LANGS.filter((lang, i) => checks[i]!.code === 0 && fixLines(checks[i]!.stdout, lang).length === 0);
    if (done.length > 0 || round > MAX_ROUNDS) return { scenario, cli: cliMajor, rounds, passed: done };
    const lines = Object.fromEntries(LANGS.map((lang, i) => [lang, fixLines(checks[i]!.stdout, lang)])) as Round["lines"];
    const commands: Round["commands"] = [];
    for (const line of lines.ko) {
      const ran = await runProcess("bash", ["-c", line], { env: shellEnv, timeoutMs: 180_000 });
      commands.push({ line, code: ran.code, output: `${ran.stdout}${ran.stderr}`.slice(-2000) });
    }
    rounds.push({ checks: Object.fromEntries(LANGS.map((lang, i) => [lang, checks[i]!.stdout])) as Round["checks"], lines, commands });
  }
  return { scenario, cli: cliMajor, rounds, passed: [] };
}

/** The lines to run: those after the section's heading, up to the "look" part, that are commands. */
function fixLines(output: string, lang: Lang): string[] {
  const start = output.indexOf(t(lang, "report.fix.run"));
  if (start < 0) return [];
  const section = output.slice(start);
  const end = section.indexOf(t(lang, "report.fix.look"));
  return (end < 0 ? section : section.slice(0, end))
    .split("\n")
    .slice(1)
    // The Korean report ends a command's line with a space the English one has not; bash ignores it.
    .map((line) => line.trimEnd())
    .filter((line) => line !== "");
}

/** A folder holding only `aws`, the chosen CLI, so that the commands' own `$(aws ...)` find that one too. */
function pathWithAws(cli: AwsCli): string {
  const dir = processTempDir("aws-cli-bin-");
  symlinkSync(cli.path, join(dir, "aws"));
  return dir;
}

function describe(story: Story): string {
  return story.rounds
    .map((round, i) => `--- round ${i + 1} ---\n${LANGS.map((lang) => round.checks[lang]).join("\n")}\n${round.commands.map((c) => `$ ${c.line}\n(exit ${c.code}) ${c.output}`).join("\n")}`)
    .join("\n");
}
