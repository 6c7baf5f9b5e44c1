/** ferry sites ls | add | rm | import: the same sites.json and keychain the app uses. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FerryError } from '../../src-shared/errors.js';
import type { Protocol } from '../../src-shared/model.js';
import { PROTOCOLS } from '../../src-shared/model.js';
import { parseRemoteUrl } from '../core/url.js';
import { localError } from '../fs/local-file-system.js';
import { createSite, siteDisplayPath } from '../sites/site-defaults.js';
import type { CliContext } from './cli-context.js';

export function registerSiteCommands(program: Command, makeContext: () => CliContext): void {
  const sites = program.command('sites').description('the site manager');

  sites
    .command('ls')
    .description('list saved sites')
    .option('--json', 'print JSON (no secrets)')
    .action(async (opts: { json?: boolean }) => {
      const store = await makeContext().siteStore();
      if (opts.json) {
        process.stdout.write(`${store.exportJson()}\n`);
        return;
      }
      for (const site of store.list()) {
        const where = `${site.protocol}://${site.user ? `${site.user}@` : ''}${site.host}:${site.port}`;
        process.stdout.write(
          `${siteDisplayPath(site)}\t${where}${site.hasSecret ? '\t(password in keychain)' : ''}\n`,
        );
      }
    });

  sites
    .command('add <name> <url>')
    .description('save a site; a password in the URL goes to the keychain, never to disk')
    .option('--folder <path>', 'folder, e.g. Work/Clients')
    .option('-i, --identity <file>', 'SFTP: log in with this private key file')
    .action(async (name: string, url: string, opts: { folder?: string; identity?: string }) => {
      const context = makeContext();
      const store = await context.siteStore();
      const { target, path } = parseRemoteUrl(url);
      const folder = opts.folder ? opts.folder.split('/').filter(Boolean) : [];
      // A second site of the same name would make that name useless as a reference (site:NAME
      // and `sites rm NAME` refuse an ambiguous name), so it is refused here.
      const taken = store.list().find((s) => s.name === name && s.folder.join('/') === folder.join('/'));
      if (taken)
        throw new FerryError('ALREADY_EXISTS', `A site named ${siteDisplayPath(taken)} already exists.`, {
          hint: `Delete it first (ferry sites rm ${siteDisplayPath(taken)}) or choose another name.`,
          retryable: false,
        });
      const protocol: Protocol = PROTOCOLS.includes(target.protocol) ? target.protocol : 'ftp';
      // Without a keychain the password would live only until this process exits: say so and
      // save the site as "ask for the password" rather than pretend it was kept.
      // With a key the site's secret would be the key's passphrase, never the login password.
      const keep = !opts.identity && target.password !== undefined && (await context.keychainAvailable());
      if (target.password !== undefined && !opts.identity && !keep) {
        context.showKeychainNotice();
        process.stderr.write(
          'ferry: so the password is not saved; the site asks for it at a terminal, or give it in a URL.\n',
        );
      }
      const site = createSite({
        name,
        folder,
        protocol,
        host: target.host,
        ...(target.port ? { port: target.port } : {}),
        user: target.user ?? '',
        logonType: opts.identity ? 'key' : target.user ? (keep ? 'normal' : 'ask') : 'anonymous',
        ...(opts.identity ? { keyFile: resolve(opts.identity) } : {}),
        remoteDir: path,
      });
      const saved = await store.save(site, keep ? target.password : undefined);
      process.stdout.write(
        `saved ${siteDisplayPath(saved)} (${saved.id})${keep ? ', password in the keychain' : ''}\n`,
      );
    });

  sites
    .command('rm <name>')
    .description('delete a site and its keychain secret')
    .action(async (name: string) => {
      const store = await makeContext().siteStore();
      const all = store.list();
      // The most exact match wins (id, then Folder/Name, then a bare name), and a name that
      // several sites share is refused: deleting one of them by chance loses it and its secret.
      const tiers = [
        all.filter((s) => s.id === name),
        all.filter((s) => siteDisplayPath(s) === name),
        all.filter((s) => s.name === name),
      ];
      const matches = tiers.find((tier) => tier.length > 0) ?? [];
      if (matches.length > 1)
        throw new FerryError('INVALID_ARGUMENT', `${name} names ${matches.length} sites.`, {
          hint: `Give its folder too: ${matches.map((s) => siteDisplayPath(s)).join(', ')}.`,
        });
      const site = matches[0];
      if (!site)
        throw new FerryError('NOT_FOUND', `No site named ${name}.`, { hint: 'ferry sites ls lists them.' });
      await store.delete(site.id);
      process.stdout.write(`deleted ${siteDisplayPath(site)}\n`);
    });

  sites
    .command('import <file>')
    .description("import FileZilla's sitemanager.xml or an OpenSSH config file")
    .action(async (file: string) => {
      const context = makeContext();
      const store = await context.siteStore();
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw localError(error, file);
      });
      // Without a keychain the passwords would live only until this process exits: not kept,
      // and their sites ask for them instead.
      const keepPasswords = await context.keychainAvailable();
      const report = text.trimStart().startsWith('<')
        ? await store.importFileZilla(text, { keepPasswords })
        : await store.importOpenSsh(text, { keepPasswords });
      process.stdout.write(
        `imported ${report.imported}, duplicates skipped ${report.duplicates}, passwords moved to the keychain ${report.secretsMoved}\n`,
      );
      for (const name of report.needsPassword)
        process.stdout.write(`needs its password entered again: ${name}\n`);
      if (!keepPasswords && report.needsPassword.length > 0) context.showKeychainNotice();
      for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
    });
}
