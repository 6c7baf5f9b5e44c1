/**
 * bin/ferry: the engine from a shell. Exit codes: 0 ok, 2 usage, 3 login, 4 not found or
 * permission, 5 network or TLS (an untrusted certificate or host key without a terminal
 * is refused with 5 and its fingerprint printed), 6 verification failed, 141 the reader of
 * the output went away.
 */
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, Option } from 'commander';
import { toErrorData } from '../../src-shared/errors.js';
import { CliContext } from './cli-context.js';
import type { RemoteOptions } from './cli-options.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { listCommand, mkdirCommand, moveCommand, rawCommand, removeCommand } from './file-commands.js';
import { registerSiteCommands } from './site-commands.js';
import { getCommand, putCommand, type TransferFlags } from './transfer-commands.js';
import { recursiveTransfer, type RecursiveFlags } from './recursive-commands.js';
import { OVERWRITE_POLICIES } from '../../src-shared/model.js';
import { printableText } from './printable.js';

// A CLI run lasts seconds. With V8's default budget, the optimizing compiler spends the second
// of two cores on lukewarm per-file code that such a run never pays back, while the FTP server
// needs that core (measured: 20 % less CPU mirroring 1,000 small files). Loops that are really
// hot, such as parsing a 100,000-line listing, still reach it as fast as before.
setFlagsFromString('--interrupt-budget=270336');

// `ferry ls URL | head` closes the pipe before the output ends. Node ignores SIGPIPE, so each
// write fails with EPIPE instead, and an unhandled 'error' event would end the run with a stack
// trace; stop quietly, with the exit status of a tool that SIGPIPE ended. Once the command is
// over, an EPIPE is only the final flush meeting an output the command itself ended (`get URL -`
// ends stdout with the file): the command's own exit code stands.
let commandOver = false;
for (const output of [process.stdout, process.stderr]) {
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (!commandOver) process.exit(EXIT.brokenPipe);
  });
}

const program = new Command('ferry')
  .description(
    'Ferry: FTP, FTPS and SFTP from the command line.\nURLs: ftp:// (TLS if offered), ftpes:// (explicit TLS), ftps:// (implicit TLS), sftp://, or site:NAME/path.',
  )
  .version('0.1.0')
  .addHelpText(
    'after',
    '\nExit codes: 0 ok, 2 usage, 3 login failed, 4 not found or no permission, 5 network or TLS\n(an untrusted certificate or host key with no terminal: its fingerprint is printed), 6 verification failed,\n141 the reader of the output went away (ferry ls URL | head).',
  )
  .showHelpAfterError()
  .exitOverride();

function remoteOptions(command: Command): Command {
  return command
    .addOption(new Option('--active', 'FTP active mode (EPRT/PORT)').conflicts('passive'))
    .option('--passive', 'FTP passive mode only (EPSV/PASV)')
    .option('--tls-fingerprint <sha256>', 'accept the server certificate with this SHA-256 fingerprint')
    .option('-i, --identity <file>', 'SSH private key file')
    .option('--known-hosts <file>', 'known_hosts file for SFTP host keys')
    .option('-v, --verbose', 'print the protocol log to stderr');
}

/** Options of the queue that -r runs. */
function queueOptions(command: Command): Command {
  return command
    .option('--parallel <n>', 'connections for -r (1 to 10, default 2)')
    .option('--limit-rate <rate>', 'speed limit for -r, e.g. 500K or 2M (bytes per second)')
    .addOption(new Option('--overwrite <policy>', 'when a target exists').choices([...OVERWRITE_POLICIES]))
    .option('--no-verify', 'skip the server-side hash check (the size is always checked)');
}

type TransferOpts = TransferFlags & RecursiveFlags & { recursive?: boolean };

/** The one context of this invocation, kept so that its errors are explained in its terms. */
const invocation: { context: CliContext | null } = { context: null };

function context(command: Command): CliContext {
  invocation.context = new CliContext(command.optsWithGlobals<RemoteOptions>());
  return invocation.context;
}

remoteOptions(program.command('ls <url>').description('list a folder').option('--json', 'print JSON')).action(
  (url: string, opts: { json?: boolean }, cmd: Command) => listCommand(context(cmd), url, Boolean(opts.json)),
);

queueOptions(
  remoteOptions(
    program
      .command('get <url> [local]')
      .description('download a file (LOCAL - writes it to stdout; folders: see -r)'),
  ),
)
  .option('--resume', 'continue a partial download (REST)')
  .option('--ascii', 'transfer as text (TYPE A) converting line endings')
  .option('-r, --recursive', 'download a folder through the transfer queue')
  .action(async (url: string, local: string | undefined, opts: TransferOpts, cmd: Command) => {
    if (opts.recursive) return recursiveTransfer(context(cmd), 'download', url, local ?? '.', opts);
    await getCommand(context(cmd), url, local, opts);
  });

queueOptions(
  remoteOptions(
    program.command('put <local> <url>').description('upload a file (LOCAL - reads stdin; folders: see -r)'),
  ),
)
  .option('--resume', 'continue a partial upload (REST+STOR or APPE)')
  .option('--ascii', 'transfer as text (TYPE A) converting line endings')
  .option('-r, --recursive', 'upload a folder through the transfer queue')
  .action(async (local: string, url: string, opts: TransferOpts, cmd: Command) => {
    if (opts.recursive) return recursiveTransfer(context(cmd), 'upload', url, local, opts);
    await putCommand(context(cmd), local, url, opts);
  });

remoteOptions(
  program
    .command('rm <url>')
    .description('delete a file')
    .option('-r, --recursive', 'delete a folder and its contents'),
).action((url: string, opts: { recursive?: boolean }, cmd: Command) =>
  removeCommand(context(cmd), url, Boolean(opts.recursive)),
);

remoteOptions(program.command('mkdir <url>').description('create a folder')).action(
  (url: string, _opts: unknown, cmd: Command) => mkdirCommand(context(cmd), url),
);

remoteOptions(program.command('mv <url> <newpath>').description('rename or move')).action(
  (url: string, newPath: string, _opts: unknown, cmd: Command) => moveCommand(context(cmd), url, newPath),
);

remoteOptions(
  program.command('raw <url> <command>').description('send one FTP command and print the reply'),
).action((url: string, command: string, _opts: unknown, cmd: Command) =>
  rawCommand(context(cmd), url, command),
);

registerSiteCommands(program, () => {
  invocation.context = new CliContext({});
  return invocation.context;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.usage;
  } else {
    const data = invocation.context?.explain(error) ?? toErrorData(error);
    process.stderr.write(`ferry: ${printableText(data.message)}\n`);
    if (data.reply)
      process.stderr.write(`  server said: ${data.reply.code} ${printableText(data.reply.text)}\n`);
    if (data.hint) process.stderr.write(`  hint: ${printableText(data.hint)}\n`);
    process.exitCode = exitCodeFor(data.code);
  }
}

// The command is over and every session said QUIT: exit now rather than wait on a stray timer
// or socket (an aborted data connection's connect timer kept the process alive for 20 s).
commandOver = true;
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit();

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
