/**
 * Explicit FTPS against a real vsftpd with a fresh self-signed certificate: the GUI's
 * certificate prompt must show the fingerprint the server really has, "Trust once" must
 * connect (encrypted, the badge says so) and hold for this run only (nothing is pinned on
 * disk), and Cancel on a server never trusted must refuse.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../harness/index.js';
import { chromiumAvailable } from './browser.js';
import {
  errorToasts,
  failureShot,
  openFerry,
  pane,
  quickConnect,
  screenshot,
  sha256,
  type FerryPage,
} from './ferry-page.js';

const POLL = { timeout: 15_000 };

describe.skipIf(!chromiumAvailable())('certificate prompt on explicit FTPS (vsftpd)', () => {
  let server: RunningServer;
  let other: RunningServer;
  let ferry: FerryPage;

  beforeAll(async () => {
    [server, other] = await Promise.all([
      startServer('vsftpd-ftps-explicit'),
      startServer('vsftpd-ftps-explicit'),
    ]);
    await server.writeFile('secret-plans.txt', 'only over TLS\n');
    ferry = await openFerry(async (home) => {
      await writeFile(path.join(home, 'tls-upload.txt'), 'sent encrypted\n');
    });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await failureShot(ferry.page, context.task.name);
  });

  afterAll(async () => {
    await ferry?.close();
    await server?.dispose();
    await other?.dispose();
  });

  it('shows the server’s SHA-256 fingerprint; Trust once connects over TLS', async () => {
    const { page } = ferry;
    const remote = pane(page, 'remote');
    await quickConnect(page, server, 'ftpes');

    const prompt = page.getByTestId('prompt-certificate');
    await prompt.waitFor();
    const shown = (await prompt.getByTestId('certificate-fingerprint').innerText()).trim();
    expect(shown).toBe(server.certFingerprint256);
    await expect(prompt.innerText()).resolves.toContain(`127.0.0.1:${server.port}`);
    await screenshot(page, 'e2e-certificate-dialog');

    await prompt.getByTestId('cert-once').click();
    await prompt.waitFor({ state: 'detached' });
    await remote.row('secret-plans.txt').waitFor();
    const badge = page.getByTestId('security-badge');
    expect(await badge.getAttribute('data-secure')).toBe('true');
    await expect(badge.innerText()).resolves.toMatch(/TLS/);

    // The badge opens the details of the certificate in use.
    await badge.click();
    const details = page.getByTestId('dialog-security');
    expect((await details.getByTestId('certificate-fingerprint').innerText()).trim()).toBe(
      server.certFingerprint256,
    );
    await screenshot(page, 'e2e-security-details');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    expect(await errorToasts(page)).toEqual([]);
  });

  it('an upload over the trusted-once session arrives intact', async () => {
    const { page, home } = ferry;
    const local = pane(page, 'local');
    const remote = pane(page, 'remote');
    await page.getByTestId('queue-tab-done').click();
    const box = await remote.list.boundingBox();
    if (!box) throw new Error('the remote list has no box');
    await local.row('tls-upload.txt').dragTo(remote.list, {
      targetPosition: { x: box.width / 2, y: box.height - 40 },
    });
    // The queue opens its own connection: it may ask about the certificate again.
    const prompt = page.getByTestId('prompt-certificate');
    const done = page.getByTestId('queue-row-tls-upload.txt').and(page.locator('[data-state="done"]'));
    const first = await Promise.race([
      prompt.waitFor().then(() => 'prompt' as const),
      done.waitFor().then(() => 'done' as const),
    ]);
    if (first === 'prompt') {
      console.log('[e2e] the queue asked about the certificate again after "Trust once"');
      await prompt.getByTestId('cert-once').click();
      await done.waitFor();
    }
    await remote.row('tls-upload.txt').waitFor();
    expect(await sha256(server.localPath('tls-upload.txt'))).toBe(
      await sha256(path.join(home, 'tls-upload.txt')),
    );
    expect(await errorToasts(page)).toEqual([]);
  });

  it('Trust once holds for this run only; a certificate never trusted is asked about, and Cancel refuses it', async () => {
    const { page } = ferry;
    const tabs = page.getByTestId('session-tabs').getByRole('tab');
    // Same server again in this run: no question (FileZilla's "trust once" is per session).
    const trusted = await tabs.count();
    await quickConnect(page, server, 'ftpes');
    await expect.poll(() => tabs.count(), POLL).toBe(trusted + 1);
    expect(await page.getByTestId('prompt-certificate').count()).toBe(0);
    // Nothing was written to disk for it: "once" is not "always".
    const pins = await readFile(path.join(ferry.web.configDir, 'trusted-certificates.json'), 'utf8').catch(
      () => '{}',
    );
    expect(pins).not.toContain(`:${server.port}`);

    const before = await tabs.count();
    await quickConnect(page, other, 'ftpes');
    const prompt = page.getByTestId('prompt-certificate');
    await prompt.waitFor();
    await prompt.getByTestId('cert-reject').click();
    await page.getByTestId('toast-error').first().waitFor();
    const [toast = ''] = await errorToasts(page);
    expect(toast).toMatch(/certificate/i);
    await expect.poll(() => tabs.count(), POLL).toBe(before);
    expect(ferry.errors).toEqual([]);
  });
});
