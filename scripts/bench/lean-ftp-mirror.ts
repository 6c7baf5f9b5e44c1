/**
 * The floor under the small-file mirror: the least a new Node process can do to mirror an FTP
 * folder with 4 connections, so the bench can show how much of Ferry's gap to lftp is Node's
 * own (start-up, its socket code running before V8 has optimized it) and how much is Ferry's.
 *
 * It does what lftp's mirror does and nothing more: one login, then three more; LIST each
 * folder; EPSV, RETR and one write per file, four files at a time, one command at a time per
 * connection (lftp's default "sync mode"). No queue, journal, .part file, verification,
 * modification times, retries, timeouts or error handling: it is a measuring stick, not a client.
 *
 * Usage: node lean-ftp-mirror.mjs <port> <user> <password> <remote folder> <local folder>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

const [port, user, password, remote, local] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const HOST = '127.0.0.1';
const CONNECTIONS = 4;

interface Control {
  socket: Socket;
  reply(): Promise<string>;
  command(line: string): Promise<string>;
}

function openControl(): Control {
  const socket = connect(Number(port), HOST);
  socket.setNoDelay(true);
  socket.setEncoding('latin1');
  const unclaimed: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffered = '';
  socket.on('data', (text: string) => {
    buffered += text;
    for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      // Only a reply's last line ("227 ..."), not its continuation lines ("211-...").
      if (!/^\d{3} /.test(line)) continue;
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else unclaimed.push(line);
    }
  });
  const reply = (): Promise<string> => {
    const line = unclaimed.shift();
    return line === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(line);
  };
  return {
    socket,
    reply,
    command(line) {
      socket.write(`${line}\r\n`);
      return reply();
    },
  };
}

async function login(): Promise<Control> {
  const control = openControl();
  await control.reply();
  await control.command(`USER ${user}`);
  const answer = await control.command(`PASS ${password}`);
  if (!answer.startsWith('230')) throw new Error(answer);
  await control.command('TYPE I');
  return control;
}

/**
 * Opens the data connection the EPSV reply names; `data` resolves with what arrives until the
 * server closes it. (Wrapped: an async function returning a promise would wait for it.)
 */
async function dataConnection(control: Control): Promise<{ data: Promise<Buffer> }> {
  const answer = await control.command('EPSV');
  const port = /\(\|\|\|(\d+)\|\)/.exec(answer)?.[1];
  if (!port) throw new Error(answer);
  const data = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), HOST);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    socket.on('error', reject);
  });
  return { data };
}

/** Downloads one file or listing: the data, after the server's 150 and 226 replies. */
async function retrieve(control: Control, command: string): Promise<Buffer> {
  const { data } = await dataConnection(control);
  const start = await control.command(command);
  if (!start.startsWith('150') && !start.startsWith('125')) throw new Error(`${command}: ${start}`);
  const bytes = await data;
  const done = await control.reply();
  if (!done.startsWith('226')) throw new Error(`${command}: ${done}`);
  return bytes;
}

const first = await login();
const others = Array.from({ length: CONNECTIONS - 1 }, () => login());
const files: string[] = [];
const folders = [''];
mkdirSync(local, { recursive: true });
for (let folder = folders.shift(); folder !== undefined; folder = folders.shift()) {
  const listing = (await retrieve(first, `LIST ${remote}${folder}`)).toString('latin1');
  for (const line of listing.split('\r\n')) {
    // vsftpd's `ls -l` lines: the name is everything after the eighth field.
    const name = line.split(/\s+/).slice(8).join(' ');
    if (!name || name === '.' || name === '..') continue;
    if (line.startsWith('d')) {
      folders.push(`${folder}/${name}`);
      mkdirSync(`${local}${folder}/${name}`);
    } else {
      files.push(`${folder}/${name}`);
    }
  }
}
const controls = [first, ...(await Promise.all(others))];
await Promise.all(
  controls.map(async (control) => {
    for (let file = files.shift(); file !== undefined; file = files.shift())
      writeFileSync(`${local}${file}`, await retrieve(control, `RETR ${remote}${file}`));
  }),
);
for (const control of controls) control.socket.destroy();
