// `npm run demo`: the whole story on a fresh embedded lab, with no AWS account: the step-2 check a participant
// who finished step 1 sees (failing, with hints), the plan solve makes and its application, and the check
// again (passing). It is the README's first command after install.
import "./quiet-sdk.js";
import { commandLine } from "./command-line.js";
import { TOOL } from "../version.js";
import { createClients } from "../aws/clients.js";
import { checkAccount } from "../check.js";
import { parseLang, t, type Lang } from "../i18n/index.js";
import { apply, report } from "./plan-command.js";
import { describePlan } from "../plan/describe.js";
import { planFromLiveRun } from "./plan-session.js";
import { LAB_STATES, startEmbeddedLab } from "./embedded-lab.js";
import { exitWith } from "./plan-cli.js";
import { progressLine } from "./progress.js";

interface DemoArgs {
  lang?: string;
  labState: string;
  timeout: number;
}

async function main(): Promise<number> {
  const { parser, describe } = commandLine();
  const args = (await parser
    .scriptName("npm run demo --")
    .usage("$0 [options]")
    .option("lang", { choices: ["ko", "en"], describe: describe("lang") })
    .option("lab-state", { choices: LAB_STATES, default: "step1", describe: describe("demoState") })
    .option("timeout", { type: "number", default: 5, describe: describe("planTimeout") })
    .strict()
    .version(TOOL.version)
    .help()
    .parse()) as unknown as DemoArgs;
  const lang = parseLang(args.lang);
  const out = process.stdout;
  out.write(`${t(lang, "demo.intro")}\n`);
  const lab = await startEmbeddedLab(args.labState, lang);
  const clients = createClients(lab.settings);
  try {
    const progress = progressLine(process.stderr, lang);
    const check = () =>
      checkAccount({ step: "2", lang, live: true, timeoutMs: args.timeout * 1000, clientSettings: lab.settings, clients, onProgress: progress }).finally(() => progress?.("done"));
    const io = { out, err: process.stderr };
    heading(lang, "demo.check1");
    const before = await check();
    report(before, io);
    heading(lang, "demo.plan");
    const plan = planFromLiveRun(before);
    if (!plan) return 2;
    out.write(describePlan(plan, lang));
    if (plan.blockers.length > 0) return 1;
    if (plan.changes.length > 0) {
      heading(lang, "demo.apply");
      const result = await apply(plan, { lang, clients, out });
      if (result.failed) return 1;
    }
    heading(lang, "demo.check2");
    const code = report(await check(), io);
    out.write(`\n${t(lang, code === 0 ? "demo.passed" : "demo.failed")}\n`);
    return code;
  } finally {
    clients.destroy();
    await lab.close();
  }
}

function heading(lang: Lang, key: "demo.check1" | "demo.plan" | "demo.apply" | "demo.check2"): void {
  process.stdout.write(`\n${t(lang, key)}\n`);
}

exitWith(main());
