/**
 * Browser journeys (e2e/*.test.ts): the real server on a free port over a fresh test database,
 * Debian's Chromium driven by playwright-core, and an axe check for every page a journey visits.
 *
 *   const server = await startServer();          // built web app + API, seeded like test/helpers/app.ts
 *   const browser = await launchBrowser();
 *   const page = await newPage(browser, server);  // sv-SE, Europe/Stockholm
 *   await expectAccessible(page, 'log-in page');
 *
 * The web app must be built first (`npm run build:web`); startServer refuses to run without it,
 * since the server would otherwise answer every page with the API's 404.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { WEB_ROOT } from '../../src/server/app';
import { createTestApp, TEST_PASSWORD, type TestContext } from './app';
import { freePort } from './ports';
import type { DialectName } from '../../src/db/connect';

const ROOT = path.resolve(import.meta.dirname, '../..');

export { TEST_PASSWORD };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  ctx: TestContext;
  close(): Promise<void>;
}

/** The build the e2e tests serve: web/dist, or TEST_WEB_ROOT (a build made elsewhere with
 * `vite build --outDir …`, to test it while web/dist is in use). */
export function testWebRoot(): string {
  const root = process.env.TEST_WEB_ROOT || WEB_ROOT;
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`The web app is not built (${root}). Run \`npm run build:web\` first.`);
  }
  // A build older than the web app's sources tests what was, not what is.
  const built = statSync(index).mtimeMs;
  const newer = newestFile(path.join(ROOT, 'web/src'));
  if (newer && newer.mtimeMs > built) {
    throw new Error(
      `The web app's build (${root}) is older than ${path.relative(ROOT, newer.file)}. Run \`npm run build:web\` first.`,
    );
  }
  return root;
}

function newestFile(dir: string): { file: string; mtimeMs: number } | null {
  let best: { file: string; mtimeMs: number } | null = null;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, e.name);
    const found = e.isDirectory() ? newestFile(file) : { file, mtimeMs: statSync(file).mtimeMs };
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

/**
 * The whole app listening on 127.0.0.1 on a free port, on a fresh SQLite database (or
 * TEST_E2E_DIALECT=postgres) with the municipality "Testkommun" and the users admin@test.se,
 * staff@test.se and viewer@test.se (password TEST_PASSWORD), built by createTestApp, serving web/dist
 * (or TEST_WEB_ROOT).
 * Its clock starts at the real time: the browser checks cookie expiry against its own clock.
 */
export async function startServer(
  opts: {
    /** E-mail to a real SMTP server of the test's own (test/helpers/smtp.ts). */
    smtpUrl?: string;
    /** The e-mails' links point at this server (PUBLIC_URL): its port is chosen before it listens. */
    linksHere?: boolean;
    /** Instead of TEST_E2E_DIALECT. */
    dialect?: DialectName;
    env?: Record<string, string>;
  } = {},
): Promise<TestServer> {
  const webRoot = testWebRoot();
  const dialect = opts.dialect ?? (process.env.TEST_E2E_DIALECT === 'postgres' ? 'postgres' : 'sqlite');
  const port = opts.linksHere ? await freePort() : 0;
  const env = {
    ...opts.env,
    ...(opts.smtpUrl ? { SMTP_URL: opts.smtpUrl } : {}),
    ...(port ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
  };
  const ctx = await createTestApp(dialect, {
    now: new Date().toISOString(),
    webRoot,
    ...(Object.keys(env).length ? { env } : {}),
  });
  await ctx.app.listen({ port, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}`, ctx, close: () => ctx.close() };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Run \`bash scripts/test-setup.sh\`.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A server and the browser, started side by side. If one fails to start, the other is closed
 * before the error is thrown: a browser left running keeps the test process alive, and the run
 * waits for its time-out instead of reporting the reason (a stale build, say) at once.
 */
export async function serverAndBrowser<S extends { close(): Promise<void> }>(
  server: Promise<S>,
): Promise<[S, Browser]> {
  const [s, b] = await Promise.allSettled([server, launchBrowser()]);
  if (s.status === 'fulfilled' && b.status === 'fulfilled') return [s.value, b.value];
  if (s.status === 'fulfilled') await s.value.close();
  if (b.status === 'fulfilled') await b.value.close();
  throw s.status === 'rejected' ? s.reason : (b as PromiseRejectedResult).reason;
}

/** A page in a fresh context (own cookies), Swedish locale and time zone, relative URLs against the server. */
export async function newPage(
  browser: Browser,
  server: TestServer,
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  // A script error on a page, or an error the app logs to the console, is a failed journey even
  // when the page still renders: expectAccessible reports them. A request the server refused
  // (a form's 400, a 404 the page explains) is the browser's own console line, not the app's.
  const errors: Error[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (err) => errors.push(err));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource:'))
      errors.push(new Error(`console: ${msg.text()}`));
  });
  return page;
}

const pageErrors = new WeakMap<Page, Error[]>();

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe on the page as it is now (WCAG 2.1 A and AA rules) and throws listing every violation:
 * rule, impact, what it means, and the elements (selector and a snippet).
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const errors = pageErrors.get(page) ?? [];
  if (errors.length)
    throw new Error(`Script errors on ${where}:\n${errors.map((e) => e.stack ?? e.message).join('\n')}`);
  // E2E_SCREENSHOTS=dir keeps a full-page PNG of every page checked, to look at by eye.
  const shots = process.env.E2E_SCREENSHOTS;
  if (shots) {
    const name = where
      .replace(/^the /, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .toLowerCase();
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  }
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map(
        (n) =>
          `      ${n.target.join(' ')}  ${n.html.slice(0, 160)}${n.failureSummary ? `\n        ${n.failureSummary.replaceAll('\n', '\n        ')}` : ''}`,
      )
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
  });
  throw new Error(`Accessibility violations on ${where} (${page.url()}):\n${lines.join('\n')}`);
}

/** Saves a full-page PNG (for looking at a page while developing a journey). */
export async function screenshot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: file, fullPage: true });
}

/** Signs in through the log-in page (as a person would) and waits for the start page. */
export async function logIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/logga-in');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Välkommen till Besök' }).waitFor();
}

/** Whether the element has keyboard focus, waiting up to `timeout` ms for it to get there. */
export async function hasFocus(locator: Locator, timeout = 2000): Promise<boolean> {
  const until = Date.now() + timeout;
  for (;;) {
    if (await locator.evaluate((el) => el.ownerDocument.activeElement === el)) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
