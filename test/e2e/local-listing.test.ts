import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './browser.js';
import { startWebApp, type WebApp } from './web-app.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results');

describe.skipIf(!chromiumAvailable())('web mode in Chromium: the first real call', () => {
  let web: WebApp;
  let browser: Browser;
  let home: string;
  const previousHome = process.env.HOME;

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'ferry-e2e-home-'));
    await writeFile(path.join(home, 'hello.txt'), 'hello from the engine\n');
    await mkdir(path.join(home, 'Projects'));
    process.env.HOME = home;
    web = await startWebApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    process.env.HOME = previousHome;
    await browser?.close();
    await web?.stop();
  });

  it('renders the local home folder listed by the real engine', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(web.server.url);
    const pane = page.getByTestId('pane-local');
    await expect(pane.getByTestId('row-hello.txt')).toBeDefined();
    await pane.getByTestId('row-hello.txt').waitFor({ timeout: 20_000 });
    await pane.getByTestId('row-Projects').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'e2e-local-home.png') });
    expect(errors).toEqual([]);
  });
});
