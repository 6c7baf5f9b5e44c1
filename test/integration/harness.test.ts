import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { Client as SshClient, type ConnectConfig } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServerKind } from '../harness/index.js';

const execFileAsync = promisify(execFile);

/** A minimal FTP control connection: send a line, read one complete reply (multi-line aware). */
class RawFtp {
  private buffer = '';
  private waiters: Array<() => void> = [];
  private closed = false;

  constructor(public socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  private attach(socket: Socket | TLSSocket): void {
    this.socket = socket;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Next reply as [code, full text]. */
  async reply(): Promise<[number, string]> {
    for (;;) {
      const match = /^(\d{3}) [^\r\n]*\r?\n/m.exec(this.buffer);
      if (match) {
        const end = match.index + match[0].length;
        const text = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end);
        return [Number(match[1]), text];
      }
      if (this.closed) throw new Error(`connection closed; got '${this.buffer}'`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async send(line: string): Promise<[number, string]> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** AUTH TLS: wrap the same socket in TLS (explicit FTPS). */
  async upgrade(): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    const secure = connectTls({ socket: plain, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    this.closed = false;
    this.attach(secure);
  }

  close(): void {
    this.socket.destroy();
  }
}

async function open(server: RunningServer, tls: boolean): Promise<RawFtp> {
  const socket = tls
    ? connectTls({ host: server.host, port: server.port, rejectUnauthorized: false })
    : connectTcp({ host: server.host, port: server.port });
  await new Promise<void>((resolve, reject) => {
    socket.once(tls ? 'secureConnect' : 'connect', () => resolve());
    socket.once('error', reject);
  });
  return new RawFtp(socket);
}

async function ftpLogin(
  server: RunningServer,
  mode: 'plain' | 'explicit' | 'implicit',
  loginFolder = server.remoteRoot,
): Promise<void> {
  const ftp = await open(server, mode === 'implicit');
  try {
    const [greeting] = await ftp.reply();
    expect(greeting).toBe(220);
    if (mode === 'explicit') {
      expect((await ftp.send('AUTH TLS'))[0]).toBe(234);
      await ftp.upgrade();
    }
    expect((await ftp.send(`USER ${server.user}`))[0]).toBe(331);
    const [code, text] = await ftp.send(`PASS ${server.password}`);
    expect(code, text).toBe(230);
    const [pwdCode, pwd] = await ftp.send('PWD');
    expect(pwdCode).toBe(257);
    expect(pwd).toContain(`"${loginFolder}"`);
    await ftp.send('QUIT');
  } finally {
    ftp.close();
  }
}

/**
 * Explicit FTPS download with Node's TLS: PBSZ/PROT P, PASV, and a data connection that
 * resumes the control connection's TLS session (or deliberately does not).
 */
async function nodeTlsDownload(server: RunningServer, name: string, reuse: boolean): Promise<string> {
  const ftp = await open(server, false);
  try {
    await ftp.reply();
    await ftp.send('AUTH TLS');
    await ftp.upgrade();
    const control = ftp.socket as TLSSocket;
    await ftp.send(`USER ${server.user}`);
    expect((await ftp.send(`PASS ${server.password}`))[0]).toBe(230);
    await ftp.send('PBSZ 0');
    expect((await ftp.send('PROT P'))[0]).toBe(200);
    await ftp.send('TYPE I');
    const [, pasv] = await ftp.send('PASV');
    const numbers = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(pasv);
    if (!numbers) throw new Error(`bad PASV reply ${pasv}`);
    const dataPort = Number(numbers[5]) * 256 + Number(numbers[6]);
    // TLS 1.3 sends the session ticket after the handshake: by now (after login) it has arrived.
    const session = reuse ? control.getSession() : undefined;
    const data = connectTls({ host: server.host, port: dataPort, rejectUnauthorized: false, session });
    const chunks: Buffer[] = [];
    const done = new Promise<string>((resolve, reject) => {
      data.on('data', (chunk: Buffer) => chunks.push(chunk));
      data.on('end', () => resolve(Buffer.concat(chunks).toString()));
      data.on('error', reject);
    });
    const [code, text] = await ftp.send(`RETR ${server.remotePath(name)}`);
    if (code !== 150 && code !== 125) throw new Error(text);
    const content = await done.catch(() => '');
    const [finalCode, finalText] = await ftp.reply();
    if (finalCode !== 226) throw new Error(finalText);
    return content;
  } finally {
    ftp.close();
  }
}

const started: RunningServer[] = [];
afterAll(async () => {
  for (const server of started) await server.dispose();
});

async function start(kind: ServerKind): Promise<RunningServer> {
  const server = await startServer(kind);
  started.push(server);
  return server;
}

describe('vsftpd', () => {
  it('logs in with USER/PASS, survives stop/start on the same port', async () => {
    const server = await start('vsftpd');
    await ftpLogin(server, 'plain');
    const port = server.port;
    await server.stop();
    await expect(ftpLogin(server, 'plain')).rejects.toThrow();
    await server.start();
    expect(server.port).toBe(port);
    await ftpLogin(server, 'plain');
  });

  it('stop() cuts open sessions too (an outage, not a graceful shutdown)', async () => {
    const server = await start('vsftpd');
    const ftp = await open(server, false);
    await ftp.reply();
    await ftp.send(`USER ${server.user}`);
    expect((await ftp.send(`PASS ${server.password}`))[0]).toBe(230);
    const closed = new Promise<void>((resolve) => ftp.socket.once('close', () => resolve()));
    await server.stop();
    await closed;
    await server.start();
    await ftpLogin(server, 'plain');
  });

  it('serves a passive download and an active one (curl)', async () => {
    const server = await start('vsftpd');
    await server.writeFile('sub/hello.txt', 'hello from vsftpd\n');
    const url = `ftp://${server.user}:${server.password}@127.0.0.1:${server.port}/sub/hello.txt`;
    const passive = await execFileAsync('curl', ['-sS', '--max-time', '20', url]);
    expect(passive.stdout).toBe('hello from vsftpd\n');
    const active = await execFileAsync('curl', ['-sS', '--max-time', '20', '--ftp-port', '127.0.0.1', url]);
    expect(active.stdout).toBe('hello from vsftpd\n');
  });
});

describe('vsftpd FTPS', () => {
  it('explicit: AUTH TLS then login', async () => {
    const server = await start('vsftpd-ftps-explicit');
    expect(server.certFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await ftpLogin(server, 'explicit');
  });

  it('explicit: refuses a login before AUTH TLS', async () => {
    const server = await start('vsftpd-ftps-explicit');
    const ftp = await open(server, false);
    try {
      await ftp.reply();
      const [code] = await ftp.send(`USER ${server.user}`);
      expect(code).toBe(530);
    } finally {
      ftp.close();
    }
  });

  it('explicit: a download with TLS session reuse works (curl)', async () => {
    const server = await start('vsftpd-ftps-explicit');
    await server.writeFile('tls.txt', 'secret\n');
    const url = `ftp://${server.user}:${server.password}@127.0.0.1:${server.port}/tls.txt`;
    const result = await execFileAsync('curl', ['-sS', '--max-time', '20', '--ssl-reqd', '--insecure', url]);
    expect(result.stdout).toBe('secret\n');
    // Without TLS session reuse the data connection is refused (require_ssl_reuse=YES).
    await expect(
      execFileAsync('curl', ['-sS', '--max-time', '20', '--ssl-reqd', '--insecure', '--no-sessionid', url]),
    ).rejects.toThrow(/522|425|426|TLS|SSL/i);
  });

  it('explicit: a Node TLS data connection resuming the control session is accepted', async () => {
    const server = await start('vsftpd-ftps-explicit');
    await server.writeFile('node.txt', 'via node\n');
    expect(await nodeTlsDownload(server, 'node.txt', true)).toBe('via node\n');
    await expect(nodeTlsDownload(server, 'node.txt', false)).rejects.toThrow(/522|425|426|closed/);
  });

  it('implicit: TLS from the first byte, then login', async () => {
    const server = await start('vsftpd-ftps-implicit');
    await ftpLogin(server, 'implicit');
  });
});

describe('pyftpdlib', () => {
  it('logs in, survives stop/start on the same port', async () => {
    const server = await start('pyftpdlib');
    await ftpLogin(server, 'plain');
    await server.stop();
    await server.start();
    await ftpLogin(server, 'plain');
  });

  it('advertises the masquerade address in PASV', async () => {
    const server = await startServer('pyftpdlib', { masqueradeAddress: '10.255.255.1' });
    started.push(server);
    const ftp = await open(server, false);
    try {
      await ftp.reply();
      await ftp.send(`USER ${server.user}`);
      expect((await ftp.send(`PASS ${server.password}`))[0]).toBe(230);
      const [code, text] = await ftp.send('PASV');
      expect(code).toBe(227);
      // Only read: the test never connects to the masqueraded address.
      expect(text).toMatch(/\(10,255,255,1,\d+,\d+\)/);
    } finally {
      ftp.close();
    }
  });
});

function sshConnect(server: RunningServer, auth: Partial<ConnectConfig>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const client = new SshClient();
    client.on('error', reject);
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
      finish(prompts.map(() => server.password));
    });
    client.on('ready', () => {
      client.sftp((error, sftp) => {
        if (error) return reject(error);
        sftp.readdir(server.remoteRoot, (readError, list) => {
          client.end();
          if (readError) reject(readError);
          else resolve(list.map((entry) => entry.filename).sort());
        });
      });
    });
    client.connect({
      host: server.host,
      port: server.port,
      username: server.user,
      // Pin the harness's host key: proves hostKeyFingerprint matches what the server sends.
      hostVerifier: (key: Buffer) =>
        `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}` ===
        server.hostKeyFingerprint,
      readyTimeout: 20_000,
      ...auth,
    });
  });
}

describe('sshd', () => {
  it('serves SFTP with password, keys and keyboard-interactive; restarts on the same port', async () => {
    const server = await start('sshd');
    await server.writeFile('hello.txt', 'hi\n');
    expect(server.remoteRoot).toBe(server.root);
    expect(await sshConnect(server, { password: server.password })).toEqual(['hello.txt']);
    const privateKey = readFileSync(server.clientKeyFile as string);
    expect(await sshConnect(server, { privateKey })).toEqual(['hello.txt']);
    const encrypted = readFileSync(server.encryptedClientKeyFile as string);
    expect(
      await sshConnect(server, { privateKey: encrypted, passphrase: server.clientKeyPassphrase }),
    ).toEqual(['hello.txt']);
    expect(await sshConnect(server, { tryKeyboard: true })).toEqual(['hello.txt']);
    await expect(sshConnect(server, { password: 'wrong' })).rejects.toThrow(/authentication/i);
    // An open SFTP session (a setsid()'d sshd child) dies with the server.
    const live = new SshClient();
    await new Promise<void>((resolve, reject) => {
      live.once('ready', () => resolve()).once('error', reject);
      live.connect({
        host: server.host,
        port: server.port,
        username: server.user,
        password: server.password,
      });
    });
    const liveClosed = new Promise<void>((resolve) => live.once('close', () => resolve()));
    live.on('error', () => undefined);
    await server.stop();
    await liveClosed;
    await server.start();
    expect(await sshConnect(server, { password: server.password })).toEqual(['hello.txt']);
  });
});

describe('proftpd', () => {
  it('logs in plain and after AUTH TLS, offers MLSD, lists over TLS with session reuse (curl)', async () => {
    const server = await start('proftpd');
    await ftpLogin(server, 'plain');
    await ftpLogin(server, 'explicit');
    const ftp = await open(server, false);
    try {
      await ftp.reply();
      const [code, features] = await ftp.send('FEAT');
      expect(code).toBe(211);
      expect(features).toMatch(/^ MLST /m);
      expect(features).toMatch(/^ AUTH TLS/m);
    } finally {
      ftp.close();
    }
    await server.writeFile('dir/file.txt', 'proftpd\n');
    const url = `ftp://${server.user}:${server.password}@127.0.0.1:${server.port}/dir/file.txt`;
    const result = await execFileAsync('curl', ['-sS', '--max-time', '20', '--ssl-reqd', '--insecure', url]);
    expect(result.stdout).toBe('proftpd\n');
    expect(await nodeTlsDownload(server, 'dir/file.txt', true)).toBe('proftpd\n');
    await expect(nodeTlsDownload(server, 'dir/file.txt', false)).rejects.toThrow();
    await expect(
      execFileAsync('curl', ['-sS', '--max-time', '20', '--ssl-reqd', '--insecure', '--no-sessionid', url]),
    ).rejects.toThrow();
    await server.stop();
    await server.start();
    await ftpLogin(server, 'plain');
  });
});

describe('pure-ftpd', () => {
  it('logs in (chrooted home, root is a subfolder), lists a big folder, restarts on the same port', async () => {
    const server = await start('pure-ftpd');
    expect(server.remoteRoot).toMatch(/^\/ferry-pure-/);
    // The session starts in the chrooted home ('/'); remoteRoot is a folder inside it.
    await ftpLogin(server, 'plain', '/');
    // More files than pure-ftpd's default listing limit (2000) must all be listed.
    for (let index = 0; index < 2_500; index += 1) await server.writeFile(`big/f${index}`, '');
    const url = `ftp://${server.user}:${server.password}@127.0.0.1:${server.port}${server.remotePath('big')}/`;
    const listing = await execFileAsync('curl', ['-sS', '--max-time', '30', '--list-only', url], {
      maxBuffer: 1 << 24,
    });
    // With -D (dot files shown) pure-ftpd's NLST includes '.' and '..'.
    const names = (stdout: string): string[] => stdout.split(/\r?\n/).filter((name) => /^f\d+$/.test(name));
    expect(names(listing.stdout)).toHaveLength(2_500);
    await server.stop();
    await server.start();
    const again = await execFileAsync('curl', ['-sS', '--max-time', '30', '--list-only', url], {
      maxBuffer: 1 << 24,
    });
    expect(names(again.stdout)).toHaveLength(2_500);
  });
});
