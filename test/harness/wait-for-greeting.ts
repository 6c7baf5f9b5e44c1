import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

export interface GreetingProbe {
  port: number;
  /** The first bytes the server must send, e.g. '220' (FTP) or 'SSH-2.0' (sshd). */
  prefix: string;
  /** Implicit FTPS: the greeting only comes after a TLS handshake. */
  tls?: boolean;
}

/** One attempt: connect, read until `prefix` arrives (true) or the connection fails (false). */
async function probeOnce(probe: GreetingProbe, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = probe.tls
      ? connectTls({ host: '127.0.0.1', port: probe.port, rejectUnauthorized: false })
      : connectTcp({ host: '127.0.0.1', port: probe.port });
    let received = '';
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length >= probe.prefix.length) finish(received.startsWith(probe.prefix));
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}

/**
 * Waits until the server accepts a connection AND sends its greeting: a listening socket alone
 * is not enough (vsftpd/sshd may still fail on their first session). Polls; never a fixed sleep.
 * `exited` lets a dead server fail the wait at once instead of at the deadline.
 */
export async function waitForGreeting(
  probe: GreetingProbe,
  exited: () => string | undefined,
  deadlineMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let delay = 20;
  while (Date.now() < deadline) {
    const why = exited();
    if (why !== undefined) throw new Error(why);
    if (await probeOnce(probe, 2_000)) return;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 250);
  }
  throw new Error(`no '${probe.prefix}' greeting on 127.0.0.1:${probe.port} within ${deadlineMs} ms`);
}
