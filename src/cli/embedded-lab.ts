// `--lab`: a fresh local lab in a named scenario, started inside the command and closed with it.
import { t, type Lang } from "../i18n/index.js";
import type { ClientSettings } from "../aws/clients.js";
import { createLab, DEFAULT_KEY, LAB_REGION, type Lab } from "../lab/index.js";
import { buildScenario, SCENARIO_NAMES } from "../lab/scenarios.js";

export const LAB_STATES = SCENARIO_NAMES;

export interface EmbeddedLab {
  lab: Lab;
  settings: ClientSettings;
  close(): Promise<void>;
}

export async function startEmbeddedLab(state: string, lang: Lang): Promise<EmbeddedLab> {
  const lab = await createLab();
  const settings = {
    endpoint: lab.endpoint,
    region: LAB_REGION,
    credentials: { accessKeyId: DEFAULT_KEY.accessKeyId, secretAccessKey: DEFAULT_KEY.secretAccessKey },
  };
  try {
    process.stderr.write(`${t(lang, "lab.embedded", { state })}\n`);
    await buildScenario(settings, state);
  } catch (error) {
    await lab.close();
    throw error;
  }
  return { lab, settings, close: () => lab.close() };
}
