// A real browser for the tests of report.html: Debian's Chromium (apt-get install chromium; .ci/run installs
// it), driven by playwright-core, which downloads no browser of its own. A page is opened from file:// with
// every request routed through the test: the report itself is served, anything else is refused and recorded,
// so that a test can assert the report fetched nothing.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run installs it when run as root)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface OpenedFile {
  page: Page;
  /** Every URL the page asked for, the file itself included. */
  requests: string[];
  /** Closes the page, and the context when it was opened for it. */
  close(): Promise<void>;
}

/** A context of its own (its own storage), with generous bounds for every wait: a busy 2-core CI machine can take seconds to lay out a page. */
export async function newContext(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, serviceWorkers: "block" });
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  return context;
}

/**
 * Opens a local file in a new page (of the context given, or of a fresh one), with nothing but that file let
 * through. Each page has its own sessionStorage, so what one page remembers does not reach the next.
 */
export async function openFile(where: Browser | BrowserContext, path: string): Promise<OpenedFile> {
  const url = pathToFileURL(path).href;
  const own = "newContext" in where ? await newContext(where) : undefined;
  const page = await (own ?? (where as BrowserContext)).newPage();
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort("blockedbyclient")));
  await page.goto(url, { waitUntil: "load" });
  return { page, requests, close: () => (own ? own.close() : page.close()) };
}
