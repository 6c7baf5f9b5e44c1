/**
 * A tiny scripted FTP server for behaviours real servers will not show on demand (ABOR reply
 * orders, a server that ignores ABOR, passive mode that never connects). Fakes complement
 * the real servers; they never replace them.
 */
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { ConnectionTarget } from '../../../src-shared/model.js';
import { silentLogger, type ProtocolLogger } from '../../../src-main/core/protocol-log.js';
import { refusingPrompter } from '../../../src-main/core/prompter.js';
import { MemoryCertificateTrustStore } from '../../../src-main/core/trust-store.js';
import { connectFtp, type FtpFileSystem } from '../../../src-main/ftp/index.js';
import type { FtpSessionOptions } from '../../../src-main/ftp/ftp-session.js';

export interface FakeSession {
  control: Socket;
  reply(line: string): void;
  /** The data connection of the last EPSV, once the client connected. */
  data(): Promise<Socket>;
  received: string[];
}

/** Return true when the command was handled; otherwise the defaults below answer. */
export type FakeHandler = (verb: string, argument: string, session: FakeSession) => boolean;

export class FakeFtpServer {
  private readonly server: Server;
  readonly commands: string[] = [];
  connections = 0;

  private constructor(handler: FakeHandler) {
    this.server = createServer((control) => this.session(control, handler));
  }

  static async start(handler: FakeHandler = () => false): Promise<FakeFtpServer> {
    const fake = new FakeFtpServer(handler);
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): void {
    this.server.close();
  }

  private session(control: Socket, handler: FakeHandler): void {
    this.connections++;
    control.on('error', () => undefined);
    let dataServer: Server | null = null;
    let dataSocket: Promise<Socket> | null = null;
    const session: FakeSession = {
      control,
      received: this.commands,
      reply: (line) => {
        if (!control.destroyed) control.write(`${line}\r\n`);
      },
      data: () => dataSocket ?? Promise.reject(new Error('no EPSV')),
    };
    control.write('220 fake ftp\r\n');
    let pending = '';
    control.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let newline = pending.indexOf('\r\n');
      while (newline !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 2);
        newline = pending.indexOf('\r\n');
        this.commands.push(line);
        const space = line.indexOf(' ');
        const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
        const argument = space === -1 ? '' : line.slice(space + 1);
        if (handler(verb, argument, session)) continue;
        switch (verb) {
          case 'USER':
            session.reply('331 password please');
            break;
          case 'PASS':
            session.reply('230 logged in');
            break;
          case 'FEAT':
            session.reply('211 no features');
            break;
          case 'PWD':
            session.reply('257 "/" is cwd');
            break;
          case 'EPSV': {
            dataServer?.close();
            const listener = createServer();
            dataServer = listener;
            dataSocket = new Promise<Socket>((resolve) => listener.once('connection', resolve));
            dataSocket.catch(() => undefined);
            listener.listen(0, '127.0.0.1', () => {
              session.reply(
                `229 Entering Extended Passive Mode (|||${(listener.address() as AddressInfo).port}|)`,
              );
            });
            break;
          }
          case 'LIST':
          case 'NLST':
            session.reply('150 listing');
            void session.data().then((socket) => {
              socket.end('-rw-r--r-- 1 u g 5 Jan 01 2024 file.txt\r\n', () => session.reply('226 done'));
            });
            break;
          case 'QUIT':
            session.reply('221 bye');
            control.end();
            break;
          case 'NOOP':
          case 'TYPE':
          case 'CWD':
            session.reply(verb === 'CWD' ? '250 ok' : '200 ok');
            break;
          default:
            session.reply('502 not implemented');
        }
      }
    });
    control.on('close', () => dataServer?.close());
  }
}

/** Writes 64 KiB blocks to the data socket until it breaks, like a large file being sent. */
export function streamForever(socket: Socket): void {
  const block = Buffer.alloc(64 * 1024, 0x61);
  socket.on('error', () => undefined);
  const pump = (): void => {
    while (!socket.destroyed && socket.write(block));
    if (!socket.destroyed) socket.once('drain', pump);
  };
  pump();
}

/** A plain-FTP session to a fake as user "u", refusing every question, in passive mode. */
export function connectToFake(
  fake: FakeFtpServer,
  target: Partial<ConnectionTarget> = {},
  extra: { logger?: ProtocolLogger; options?: FtpSessionOptions } = {},
): Promise<FtpFileSystem> {
  return connectFtp(
    {
      protocol: 'ftp-insecure',
      host: '127.0.0.1',
      port: fake.port,
      user: 'u',
      password: 'p',
      transferMode: 'passive',
      ...target,
    },
    {
      logger: extra.logger ?? silentLogger,
      prompter: refusingPrompter,
      trustStore: new MemoryCertificateTrustStore(),
    },
    extra.options,
  );
}
