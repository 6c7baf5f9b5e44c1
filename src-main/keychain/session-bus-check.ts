import { connect } from 'node:net';
import { FerryError } from '../../src-shared/errors.js';
import { keychainHint } from './keychain-error.js';

/**
 * @napi-rs/keyring opens its D-Bus connection synchronously, on the JavaScript thread, inside the
 * Entry constructor. A session bus that accepts the connection and then never answers would
 * freeze Ferry for good (no timer can fire), so on Linux the bus is first greeted from here,
 * with a deadline: SASL EXTERNAL authentication, then the Hello call every client starts with.
 */
export async function checkSessionBus(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  const address = env['DBUS_SESSION_BUS_ADDRESS'];
  if (address === undefined || address === '') {
    throw unavailable('DBUS_SESSION_BUS_ADDRESS is not set, so there is no session bus to find a keyring on');
  }
  const path = unixSocketPath(address);
  // Other transports (tcp:, launchd:) are rare on Linux desktops; the binding handles them alone.
  if (path === null) return;
  await greet(path, timeoutMs);
}

/** The first `unix:path=` or `unix:abstract=` address; values use D-Bus's %XX escaping. */
export function unixSocketPath(address: string): string | null {
  for (const entry of address.split(';')) {
    const match = /^unix:(.*)$/.exec(entry.trim());
    if (match === null) continue;
    const params = new Map<string, string>();
    for (const pair of (match[1] ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) params.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
    }
    const path = params.get('path');
    if (path !== undefined) return path;
    const abstract = params.get('abstract');
    // Linux abstract sockets: Node takes them as a path beginning with NUL.
    if (abstract !== undefined) return `\0${abstract}`;
  }
  return null;
}

function greet(path: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let received = Buffer.alloc(0);
    let authenticated = false;
    const finish = (error?: FerryError): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error === undefined) resolve();
      else reject(error);
    };
    const timer = setTimeout(
      () =>
        finish(unavailable(`The D-Bus session bus at ${path} did not answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    socket.on('error', (error) =>
      finish(unavailable(`Cannot reach the D-Bus session bus at ${path}: ${error.message}`)),
    );
    socket.on('close', () => finish(unavailable(`The D-Bus session bus at ${path} closed the connection`)));
    socket.on('connect', () => {
      const uid = String(process.getuid?.() ?? 0);
      socket.write(
        Buffer.concat([
          Buffer.from([0]),
          Buffer.from(`AUTH EXTERNAL ${Buffer.from(uid).toString('hex')}\r\n`),
        ]),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!authenticated) {
        const end = received.indexOf('\r\n');
        if (end === -1) return;
        const line = received.subarray(0, end).toString('latin1');
        if (!line.startsWith('OK ')) {
          finish(unavailable(`The D-Bus session bus at ${path} refused us: ${line}`));
          return;
        }
        authenticated = true;
        received = received.subarray(end + 2);
        socket.write(Buffer.concat([Buffer.from('BEGIN\r\n'), HELLO]));
      }
      // The first message back answers Hello: METHOD_RETURN (type 2) carries our unique bus name.
      if (authenticated && received.length >= 16) {
        finish(
          received[1] === 2
            ? undefined
            : unavailable(`The D-Bus session bus at ${path} did not accept our Hello call`),
        );
      }
    });
  });
}

function unavailable(message: string): FerryError {
  return new FerryError('KEYCHAIN_UNAVAILABLE', message, { hint: keychainHint('linux') });
}

/** org.freedesktop.DBus.Hello as a little-endian method call, serial 1, empty body. */
const HELLO = helloMessage();

function helloMessage(): Buffer {
  const fields: Array<[code: number, signature: 's' | 'o', value: string]> = [
    [1, 'o', '/org/freedesktop/DBus'],
    [2, 's', 'org.freedesktop.DBus'],
    [3, 's', 'Hello'],
    [6, 's', 'org.freedesktop.DBus'],
  ];
  const parts: Buffer[] = [];
  let length = 0;
  for (const [index, [code, signature, value]] of fields.entries()) {
    // Each header field is a struct, and structs start on an 8-byte boundary.
    if (index > 0) {
      const pad = (8 - (length % 8)) % 8;
      parts.push(Buffer.alloc(pad));
      length += pad;
    }
    const text = Buffer.from(value, 'utf8');
    const field = Buffer.alloc(8 + text.length + 1);
    field.writeUInt8(code, 0);
    field.writeUInt8(1, 1); // signature length
    field.write(signature, 2, 'latin1');
    field.writeUInt32LE(text.length, 4);
    text.copy(field, 8);
    parts.push(field);
    length += field.length;
  }
  const fixed = Buffer.alloc(16);
  fixed.write('l', 0, 'latin1');
  fixed.writeUInt8(1, 1); // METHOD_CALL
  fixed.writeUInt8(0, 2); // flags
  fixed.writeUInt8(1, 3); // protocol version
  fixed.writeUInt32LE(0, 4); // body length
  fixed.writeUInt32LE(1, 8); // serial
  fixed.writeUInt32LE(length, 12); // header field array length, padding after the last field excluded
  const header = Buffer.concat([fixed, ...parts]);
  const pad = (8 - (header.length % 8)) % 8;
  return Buffer.concat([header, Buffer.alloc(pad)]);
}
