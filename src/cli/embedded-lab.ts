// `--lab`: a fresh local lab in a named scenario, started inside the command and closed with it.
import type { ClientSettings } from "../aws/clients.js";
import { t, type Lang } from "../i18n/index.js";
import { createLab, DEFAULT_KEY, LAB_REGION, type Lab } from "../lab/index.js";
import { SCENARIO_NAMES } from "../scenarios/names.js";
import { buildScenario } from "../scenarios/catalogue.js";

export const LAB_STATES: string[] = [...SCENARIO_NAMES];

export interface EmbeddedLab {
  lab: Lab;
  settings: ClientSettings;
  close(): Promise<void>;
}

/** Starts the lab and builds the scenario; with `lang`, says so on stderr first. */
export async function startEmbeddedLab(state: string, lang?: Lang): Promise<EmbeddedLab> {
  if (lang) process.stderr.write(`${t(lang, "lab.embedded", { state })}\n`);
  const lab = await createLab();
  const settings = {
    endpoint: lab.endpoint,
    region: LAB_REGION,
    credentials: { accessKeyId: DEFAULT_KEY.accessKeyId, secretAccessKey: DEFAULT_KEY.secretAccessKey },
  };
  try {
    await buildScenario(settings, state);
  } catch (error) {
    await lab.close();
    throw error;
  }
  return { lab, settings, close: () => lab.close() };
}
