/**
 * What the GUI tests share: a temp HOME, the app in web mode, one Chromium page on it at
 * 1280×800, quick connect, screenshots, and the checks every test repeats (no error toast,
 * no console error). Every wait is on a locator or a condition, never a fixed sleep.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Protocol } from '../../src-shared/model.js';
import { startServer, type RunningServer } from '../harness/index.js';
import { launchChromium } from './browser.js';
import { startWebApp, type WebApp } from './web-app.js';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results');
export const VIEWPORT = { width: 1280, height: 800 } as const;

export interface FerryPage {
  web: WebApp;
  browser: Browser;
  page: Page;
  /** The local pane starts here (HOME points at it while the app runs). */
  home: string;
  /** Uncaught page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Starts the app with HOME at a fresh folder (the local pane opens there) and one page on it.
 * `prepareHome` fills the folder before the app reads it.
 */
export async function openFerry(prepareHome?: (home: string) => Promise<void>): Promise<FerryPage> {
  const previousHome = process.env.HOME;
  const home = await mkdtemp(path.join(os.tmpdir(), 'ferry-e2e-home-'));
  await prepareHome?.(home);
  // Chromium starts first, with the real HOME: otherwise it adds .cache/.config to the listed folder.
  const browser = await launchChromium();
  process.env.HOME = home;
  const web = await startWebApp();
  const page = await browser.newPage({ viewport: VIEWPORT });
  // Everything here answers within a second or two on localhost; a missing control should fail fast.
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(web.server.url);
  await page
    .getByTestId('pane-local')
    .and(page.locator(`[data-path="${home}"]`))
    .waitFor();
  return {
    web,
    browser,
    page,
    home,
    errors,
    async close() {
      process.env.HOME = previousHome;
      await browser.close().catch(() => {});
      await web.stop().catch(() => {});
      await rm(home, { recursive: true, force: true });
    },
  };
}

export interface FerryFixture {
  readonly ferry: FerryPage;
  /** The vsftpd server; only for a file that asked for one. */
  readonly server: RunningServer;
}

/**
 * A test file's usual setup, called in its describe block: a vsftpd server when `server` is
 * given (it fills the server's folder), Ferry on a HOME that `home` fills, a screenshot of each
 * failing test, and everything closed after the last test.
 */
export function useFerry(setup: {
  server?: (server: RunningServer) => Promise<unknown>;
  home?: (home: string) => Promise<void>;
}): FerryFixture {
  let ferry: FerryPage | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    if (setup.server) {
      server = await startServer('vsftpd');
      await setup.server(server);
    }
    ferry = await openFerry(setup.home);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureShot(ferry?.page, context.task.name);
  });
  afterAll(async () => {
    await ferry?.close();
    await server?.dispose();
  });
  return {
    get ferry() {
      if (!ferry) throw new Error('Ferry is not open yet (useFerry is read in beforeAll or a test)');
      return ferry;
    },
    get server() {
      if (!server) throw new Error('this file asked useFerry for no server');
      return server;
    },
  };
}

/** A pane's list, rows and path. */
export function pane(page: Page, side: 'local' | 'remote') {
  const root = page.getByTestId(`pane-${side}`);
  return {
    root,
    list: page.getByTestId(`${side}-list`),
    row: (name: string): Locator => root.getByTestId(`row-${name}`),
    rows: (): Locator => root.locator('[role="row"][data-name]'),
    /** Waits until the pane shows `dir` and is done loading. */
    async at(dir: string): Promise<void> {
      await root.and(page.locator(`[data-path="${dir}"][aria-busy="false"]`)).waitFor();
    },
  };
}

/**
 * Drags a local row onto the remote list below its rows, so it uploads into the folder shown
 * rather than into a folder row it happens to cross.
 */
export async function dragToRemoteFolder(page: Page, name: string): Promise<void> {
  const remote = pane(page, 'remote');
  const box = await remote.list.boundingBox();
  if (!box) throw new Error('the remote list has no box');
  await pane(page, 'local')
    .row(name)
    .dragTo(remote.list, { targetPosition: { x: box.width / 2, y: box.height - 40 } });
}

/** Quick connect with the protocol select and the fields, as a user types them. */
export async function quickConnect(page: Page, server: RunningServer, protocol: Protocol): Promise<void> {
  await page.getByTestId('qc-protocol').selectOption(protocol);
  await page.getByTestId('qc-host').fill(server.host);
  await page.getByTestId('qc-user').fill(server.user);
  await page.getByTestId('qc-password').fill(server.password);
  await page.getByTestId('qc-port').fill(String(server.port));
  await page.getByTestId('qc-connect').click();
}

/** Keyboard helpers: where focus is, Tab until it reaches a control, type-to-find. */
export function keyboardOf(page: Page) {
  let lastFindAt = -Infinity;
  const focused = (): Promise<string | null> =>
    page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  return {
    focused,
    /** Presses Tab until the control with `testId` has focus (a bounded number of times). */
    async tabTo(testId: string): Promise<void> {
      for (let i = 0; i < 80; i++) {
        if ((await focused()) === testId) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${testId}; focus is on ${await focused()}`);
    },
    /**
     * Types a prefix into the focused list. Letters typed within 900 ms extend the previous
     * prefix (TYPE_TO_FIND_RESET_MS), so a new search first waits out that pause, as a user does.
     */
    async find(prefix: string): Promise<void> {
      await page.waitForFunction((since) => performance.now() - since > 950, lastFindAt);
      await page.keyboard.type(prefix);
      lastFindAt = await page.evaluate(() => performance.now());
    },
  };
}

/** Saves `test-results/<name>.png` at the page's 1280×800. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // Toasts come and go on timers: dismissed, so screenshots show the state, not a transient.
  await dismissToasts(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

/** A screenshot of the window as a test failed, named after the test, for reading the failure. */
export async function failureShot(page: Page | undefined, testName: string): Promise<void> {
  if (!page || page.isClosed()) return;
  const name = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `failed-${name}.png`) }).catch(() => {});
}

/** The error toasts on screen, as text, so a failure says what the app said. */
export async function errorToasts(page: Page): Promise<string[]> {
  return page.getByTestId('toast-error').allInnerTexts();
}

/** Dismisses every toast (they cover the bottom right corner, where screenshots look). */
export async function dismissToasts(page: Page): Promise<void> {
  const close = page.getByTestId('toasts').getByRole('button', { name: 'Dismiss' });
  while ((await close.count()) > 0) await close.first().click();
}

export async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
