/**
 * Sites whose logon type is "Ask for password" (FileZilla's logontype 2, the CLI's `sites add`
 * without a keychain, or a person who switched a site away from "Normal (saved password)" so
 * the password is no longer kept). FTP sites never asked (the login sent an empty password and
 * failed with 530), and a password saved before the switch stayed in the keychain and was used.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FerryEvent } from '../../../src-shared/events.js';
import { createApp, type FerryApp } from '../../../src-main/app/create-app.js';
import { createSite } from '../../../src-main/sites/site-defaults.js';
import { startServer, type RunningServer } from '../../harness/index.js';

describe('"Ask for password" sites in the app', () => {
  let app: FerryApp;
  let configDir: string;
  let vsftpd: RunningServer;
  const events: FerryEvent[] = [];
  let answerPassword: string | null = null;

  beforeAll(async () => {
    configDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-ask-password-'));
    vsftpd = await startServer('vsftpd');
    app = await createApp({ mode: 'web', configDir });
    // A view that answers password questions (the renderer's PromptHost).
    app.bus.subscribe((event) => {
      events.push(event);
      if (event.type === 'prompt' && event.prompt.kind === 'password') {
        void app.api['prompt.answer'](event.promptId, { password: answerPassword, remember: false });
      }
    });
  });

  afterAll(async () => {
    await app?.close();
    await vsftpd?.dispose();
    await rm(configDir, { recursive: true, force: true });
  });

  it('an FTP site set to "Ask for password" asks for it instead of logging in with an empty one', async () => {
    answerPassword = vsftpd.password;
    const site = await app.api['sites.save'](
      createSite({
        name: 'ask-me',
        protocol: 'ftp-insecure',
        host: '127.0.0.1',
        port: vsftpd.port,
        user: vsftpd.user,
        logonType: 'ask',
      }),
      undefined,
    );
    events.length = 0;
    const outcome = await app.api['session.connectSite'](site.id).then(
      (s) => `connected (${s.state})`,
      (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
    );
    const asked = events.filter((e) => e.type === 'prompt').map((e) => e.type === 'prompt' && e.prompt.kind);
    expect({ asked, outcome }).toEqual({ asked: ['password'], outcome: 'connected (connected)' });
  });

  it('switching a site from "Normal (saved password)" to "Ask for password" stops using the saved password', async () => {
    answerPassword = null; // the person declines to type one this time
    // Saved with its password in the keychain...
    const saved = await app.api['sites.save'](
      createSite({
        name: 'was-normal',
        protocol: 'ftp-insecure',
        host: '127.0.0.1',
        port: vsftpd.port,
        user: vsftpd.user,
        logonType: 'normal',
      }),
      vsftpd.password,
    );
    expect(saved.hasSecret).toBe(true);
    // ...then edited in the site manager: logon type "Ask for password". SiteManager.tsx sends
    // `password ? password : undefined`, and the password field is hidden for "ask": undefined.
    const edited = await app.api['sites.save']({ ...saved, logonType: 'ask' }, undefined);
    events.length = 0;
    const outcome = await app.api['session.connectSite'](edited.id).then(
      (s) => `logged in without asking (${s.state})`,
      (error: Error & { code?: string }) => `refused: ${error.code}`,
    );
    expect({ hasSecret: edited.hasSecret, outcome }).toEqual({
      hasSecret: false,
      outcome: 'refused: LOGIN_FAILED',
    });
  });
});
