// What a stuck participant does: run the check, copy the lines of its "To fix" section into a shell, run the
// check again. For every scenario of the catalogue that step 2 can fix (all but api-missing), in its own lab
// account, with a real AWS CLI (v2 and v1) reading the Korean and the English output, every printed command
// must succeed as printed (through bash, with `aws` found on PATH) and the account must reach a full pass,
// with nothing left to fix, within three rounds.
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createLab, LAB_REGION, labAccountKey, type Lab } from "../../src/lab/index.js";
import { buildScenario } from "../../src/lab/scenarios.js";
import { SCENARIO_NAMES } from "../../src/lab/scenario-names.js";
import { t, type Lang } from "../../src/i18n/index.js";
import { awsCliEnv, findAwsCli, type AwsCli } from "../helpers/aws-cli.js";
import { cliEnv, mapLimit, runCli } from "../helpers/cli.js";
import { runProcess } from "../helpers/process.js";
import { warmFunctions } from "../helpers/warm.js";

const FIXABLE = SCENARIO_NAMES.filter((name) => name !== "api-missing");
const VARIANTS = [
  { cli: 2, lang: "ko" },
  { cli: 2, lang: "en" },
  { cli: 1, lang: "ko" },
  { cli: 1, lang: "en" },
] as const satisfies ReadonlyArray<{ cli: 1 | 2; lang: Lang }>;
const MAX_ROUNDS = 3;

interface Round {
  check: string;
  commands: { line: string; code: number | null; output: string }[];
}

interface Story {
  scenario: string;
  variant: (typeof VARIANTS)[number];
  rounds: Round[];
  passed: boolean;
}

const test = suite<{ lab: Lab; stories: Story[] }>("the fix section, run as printed with the AWS CLI, fixes every scenario", {
  lab: undefined as unknown as Lab,
  stories: [],
});

test.before(async (ctx) => {
  try {
    const clis = { 1: await findAwsCli(1), 2: await findAwsCli(2) };
    const jobs = VARIANTS.flatMap((variant) => FIXABLE.map((scenario) => ({ scenario, variant })));
    const keys = jobs.map((_, i) => labAccountKey(i + 2));
    ctx.lab = await createLab({ accounts: keys });
    ctx.stories = await mapLimit(jobs, 4, (job, i) => story(ctx.lab, keys[i]!, job.scenario, job.variant, clis[job.variant.cli]));
  } catch (error) {
    // uvu reports a failed hook only as tests that did not run: say why here.
    console.error("e2e/fix-loop setup failed:", error);
    throw error;
  }
});

test.after(async (ctx) => {
  await ctx.lab?.close();
});

/** The participant's loop on one account: check, run the fix section's lines, until nothing is left to fix. */
async function story(lab: Lab, key: ReturnType<typeof labAccountKey>, scenario: string, variant: Story["variant"], cli: AwsCli): Promise<Story> {
  const target = { endpoint: lab.endpoint, region: LAB_REGION, credentials: key };
  await warmFunctions(target, await buildScenario(target, scenario));
  const shellEnv = { ...awsCliEnv({ credentials: key }), PATH: `${pathWithAws(cli)}:${process.env.PATH ?? "/usr/bin:/bin"}` };
  const rounds: Round[] = [];
  for (let round = 1; round <= MAX_ROUNDS + 1; round++) {
    const check = await runCli(["--endpoint", lab.endpoint, "--region", LAB_REGION, "--lang", variant.lang, "--timeout", "5"], cliEnv(key, { NO_COLOR: "1" }));
    const lines = fixLines(check.stdout, variant.lang);
    if (check.code === 0 && lines.length === 0) return { scenario, variant, rounds, passed: true };
    const commands: Round["commands"] = [];
    for (const line of lines) {
      const ran = await runProcess("bash", ["-c", line], { env: shellEnv, timeoutMs: 180_000 });
      commands.push({ line, code: ran.code, output: `${ran.stdout}${ran.stderr}`.slice(-2000) });
    }
    rounds.push({ check: check.stdout, commands });
  }
  return { scenario, variant, rounds, passed: false };
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
    .filter((line) => line.trim() !== "");
}

/** A folder holding only `aws`, the chosen CLI, so that the commands' own `$(aws ...)` find that one too. */
function pathWithAws(cli: AwsCli): string {
  const dir = mkdtempSync(join(tmpdir(), "aws-cli-bin-"));
  symlinkSync(cli.path, join(dir, "aws"));
  return dir;
}

function describe(story: Story): string {
  return story.rounds
    .map((round, i) => `--- round ${i + 1} ---\n${round.check}\n${round.commands.map((c) => `$ ${c.line}\n(exit ${c.code}) ${c.output}`).join("\n")}`)
    .join("\n");
}

for (const variant of VARIANTS) {
  for (const scenario of FIXABLE) {
    test(`${scenario} (AWS CLI v${variant.cli}, ${variant.lang}): a full pass within ${MAX_ROUNDS} rounds, every printed command succeeding`, ({ stories }) => {
      const story = stories.find((s) => s.scenario === scenario && s.variant === variant)!;
      for (const round of story.rounds) {
        for (const command of round.commands) assert.is(command.code, 0, `${scenario}: this printed command failed:\n$ ${command.line}\n${command.output}\n${describe(story)}`);
        assert.ok(round.commands.length > 0, `${scenario}: a failing check printed nothing to run\n${describe(story)}`);
      }
      assert.ok(story.passed, `${scenario}: still not passing after ${MAX_ROUNDS} rounds\n${describe(story)}`);
      if (scenario === "solved") assert.is(story.rounds.length, 0, "a solved account has nothing to fix");
      else assert.ok(story.rounds.length >= 1, `${scenario} starts with something to fix`);
    });
  }
}

test.run();
