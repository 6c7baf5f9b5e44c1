/** ferry sites ls | add | rm | import: the same sites.json and keychain the app uses. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { FerryError } from '../../src-shared/errors.js';
import type { Protocol } from '../../src-shared/model.js';
import { PROTOCOLS } from '../../src-shared/model.js';
import { parseRemoteUrl } from '../core/url.js';
import { createSite, siteDisplayPath } from '../sites/index.js';
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
    .action(async (name: string, url: string, opts: { folder?: string }) => {
      const store = await makeContext().siteStore();
      const { target, path } = parseRemoteUrl(url);
      const protocol: Protocol = PROTOCOLS.includes(target.protocol) ? target.protocol : 'ftp';
      const site = createSite({
        name,
        folder: opts.folder ? opts.folder.split('/').filter(Boolean) : [],
        protocol,
        host: target.host,
        ...(target.port ? { port: target.port } : {}),
        user: target.user ?? '',
        logonType: target.user ? (target.password ? 'normal' : 'ask') : 'anonymous',
        remoteDir: path,
      });
      const saved = await store.save(site, target.password ?? undefined);
      process.stdout.write(`saved ${siteDisplayPath(saved)} (${saved.id})\n`);
    });

  sites
    .command('rm <name>')
    .description('delete a site and its keychain secret')
    .action(async (name: string) => {
      const store = await makeContext().siteStore();
      const site = store.list().find((s) => siteDisplayPath(s) === name || s.name === name || s.id === name);
      if (!site)
        throw new FerryError('NOT_FOUND', `No site named ${name}.`, { hint: 'ferry sites ls lists them.' });
      await store.delete(site.id);
      process.stdout.write(`deleted ${siteDisplayPath(site)}\n`);
    });

  sites
    .command('import <file>')
    .description("import FileZilla's sitemanager.xml or an OpenSSH config file")
    .action(async (file: string) => {
      const store = await makeContext().siteStore();
      const text = await readFile(file, 'utf8');
      const report = text.trimStart().startsWith('<')
        ? await store.importFileZilla(text)
        : await store.importOpenSsh(text);
      process.stdout.write(
        `imported ${report.imported}, duplicates skipped ${report.duplicates}, passwords moved to the keychain ${report.secretsMoved}\n`,
      );
      for (const name of report.needsPassword)
        process.stdout.write(`needs its password entered again: ${name}\n`);
      for (const warning of report.warnings) process.stderr.write(`warning: ${warning}\n`);
    });
}
