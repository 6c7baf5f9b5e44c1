/**
 * Data connection strategies (RFC 959 §3.2, RFC 2428). Passive: the client connects to the
 * port the server names — always on the control connection's peer, whatever address a PASV
 * reply claims (NAT rewrites it; a hostile server could aim us at a third host). Active: the
 * client listens on the control socket's local address and only accepts the server's peer.
 * With FTPS, every data connection is a TLS client reusing the control session, which
 * vsftpd (require_ssl_reuse) and proftpd (mod_tls) insist on.
 */
import { createServer, connect as netConnect, type NetConnectOpts, type Server, type Socket } from 'node:net';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { FerryError } from '../../src-shared/errors.js';
import { normaliseFingerprint } from '../core/trust-store.js';
import type { ControlConnection } from './control-connection.js';
import { handshake } from './control-connection.js';
import {
  formatEprtArgument,
  formatPortArgument,
  parseEpsvReply,
  parsePasvReply,
  plainIPv4,
  type DataAddress,
} from './data-address.js';
import type { DirectTarget } from './direct-reader.js';
import { DataSocketSlot } from './data-socket-slot.js';
import { replyError } from './reply-error.js';

/** Big socket buffers: fewer wake-ups per MiB on fast links. */
export const DATA_HIGH_WATER_MARK = 1024 * 1024;

export interface DataTls {
  options: ConnectionOptions;
  /** The control connection's certificate: a data connection must present the same one. */
  fingerprint256: string;
}

export interface DataChannelContext {
  control: ControlConnection;
  tls: DataTls | null;
  /** How long to wait for the data connection to be established. */
  connectTimeoutMs: number;
  /** The session's kept socket for direct downloads; without it each one gets a new socket. */
  sockets?: DataSocketSlot;
}

/** A data connection being set up; `ready` settles once it can carry bytes (after TLS). */
export interface DataChannel {
  ready: Promise<Socket>;
  /** True when the socket reads through the `onread` it was given (no 'data' events). */
  direct: boolean;
  destroy(): void;
}

export type PassiveCommand = 'EPSV' | 'PASV';

/**
 * Asks for a passive port (EPSV, then PASV unless a winner is known) and starts connecting.
 * Returns the channel and the command that worked, so the session can remember it.
 */
export async function openPassive(
  context: DataChannelContext,
  order: readonly PassiveCommand[],
  direct?: DirectTarget,
): Promise<{ channel: DataChannel; command: PassiveCommand }> {
  const { control } = context;
  let lastError: FerryError | null = null;
  for (const command of order) {
    const reply = await control.request(command);
    if (reply.code >= 400) {
      lastError = replyError(reply, command);
      continue;
    }
    const peer = plainIPv4(control.remoteAddress);
    let address: DataAddress;
    if (command === 'EPSV') {
      address = { host: peer, port: parseEpsvReply(reply) };
    } else {
      const named = parsePasvReply(reply);
      address = { host: peer, port: named.port };
      if (named.host !== peer) {
        control.logger.log(
          'info',
          `The server named ${named.host} for the data connection; connecting to ${peer} (the control connection's peer) instead, as the named address is ${isPrivate(named.host) ? 'a private address behind NAT' : 'another host'}.`,
        );
      }
    }
    return { channel: connectPassive(address, context, direct), command };
  }
  throw lastError ?? new FerryError('DATA_CONNECTION', 'The server offers no passive mode.');
}

function connectPassive(
  address: DataAddress,
  context: DataChannelContext,
  target?: DirectTarget,
): DataChannel {
  // TLS reads its records itself: the direct path is for plain connections only.
  if (target && !context.tls) return connectDirect(address, context, target);
  // highWaterMark reaches the Duplex constructor at run time, though @types/node omits it.
  const socket = netConnect({
    host: address.host,
    port: address.port,
    highWaterMark: DATA_HIGH_WATER_MARK,
  } as NetConnectOpts);
  let tlsSocket: TLSSocket | null = null;
  let destroyed = false;
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<Socket>((resolve, reject) => {
    timer = setTimeout(() => {
      socket.destroy();
      reject(dataTimeout(context.connectTimeoutMs));
    }, context.connectTimeoutMs);
    const onConnectError = (error: Error): void => {
      clearTimeout(timer);
      reject(connectFailure(address, error));
    };
    socket.once('error', onConnectError);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', onConnectError);
      tuneDataSocket(socket);
      if (!context.tls) {
        resolve(socket);
        return;
      }
      secureData(socket, context)
        .then((secure) => {
          tlsSocket = secure;
          if (destroyed) secure.destroy();
          resolve(secure);
        })
        .catch(reject);
    });
  });
  ready.catch(() => undefined);
  return {
    ready,
    direct: false,
    destroy() {
      destroyed = true;
      // A channel given up before it connected must not keep the process alive until its timeout.
      clearTimeout(timer);
      tlsSocket?.destroy();
      socket.destroy();
    },
  };
}

/** A plain download read through `onread`, on the session's kept socket (data-socket-slot.ts). */
function connectDirect(address: DataAddress, context: DataChannelContext, target: DirectTarget): DataChannel {
  const sockets = context.sockets ?? new DataSocketSlot(DATA_HIGH_WATER_MARK);
  let connected = false;
  let settle: { resolve: (socket: Socket) => void; reject: (error: FerryError) => void } | null = null;
  const ready = new Promise<Socket>((resolve, reject) => {
    settle = { resolve, reject };
  });
  ready.catch(() => undefined);
  const fail = (error: FerryError): void => {
    clearTimeout(timer);
    settle?.reject(error);
  };
  // Until it connects, what goes wrong is the channel's to report; afterwards the reader's.
  const socket = sockets.connect(address.host, address.port, {
    onread: target.onread,
    connected: () => {
      connected = true;
      clearTimeout(timer);
      settle?.resolve(socket);
    },
    ended: () => target.ended(),
    failed: (error) => (connected ? target.failed(error) : fail(connectFailure(address, error))),
    closed: () => {
      if (connected) target.closed();
      else fail(connectFailure(address, new Error('it closed before it was established')));
    },
  });
  target.attach(socket);
  const timer = setTimeout(() => {
    socket.destroy();
    fail(dataTimeout(context.connectTimeoutMs));
  }, context.connectTimeoutMs);
  return {
    ready,
    direct: true,
    destroy() {
      // A channel given up before it connected must not keep the process alive until its timeout.
      clearTimeout(timer);
      socket.destroy();
    },
  };
}

function connectFailure(address: DataAddress, error: Error): FerryError {
  return new FerryError(
    'DATA_CONNECTION',
    `Cannot open the data connection to ${address.host}:${address.port}: ${error.message}.`,
    {
      cause: error,
      hint: 'A firewall may block passive data connections. Try active mode.',
    },
  );
}

/** Listens, tells the server where (EPRT, or PORT for servers without it), waits for its call. */
export async function openActive(
  context: DataChannelContext,
  portRange?: [number, number],
): Promise<DataChannel> {
  const { control } = context;
  const local = plainIPv4(control.localAddress);
  const peer = plainIPv4(control.remoteAddress);
  const server = await listen(local, portRange);
  const port = (server.address() as { port: number }).port;
  let accepted: Socket | null = null;
  let secured: TLSSocket | null = null;
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<Socket>((resolve, reject) => {
    timer = setTimeout(() => {
      server.close();
      reject(dataTimeout(context.connectTimeoutMs));
    }, context.connectTimeoutMs);
    server.on('connection', (socket: Socket) => {
      // Only the FTP server may connect: anyone else knocking on the port is turned away.
      if (accepted || plainIPv4(socket.remoteAddress ?? '') !== peer) {
        control.logger.log('info', `Refused a data connection from ${socket.remoteAddress ?? 'unknown'}.`);
        socket.destroy();
        return;
      }
      accepted = socket;
      clearTimeout(timer);
      server.close();
      tuneDataSocket(socket);
      if (!context.tls) {
        resolve(socket);
        return;
      }
      secureData(socket, context)
        .then((secure) => {
          secured = secure;
          resolve(secure);
        })
        .catch(reject);
    });
  });
  ready.catch(() => undefined);
  const channel: DataChannel = {
    ready,
    direct: false,
    destroy() {
      clearTimeout(timer);
      server.close();
      (secured as TLSSocket | null)?.destroy();
      (accepted as Socket | null)?.destroy();
    },
  };
  try {
    let reply = await control.request(`EPRT ${formatEprtArgument({ host: local, port })}`);
    if (reply.code >= 500 && reply.code !== 522 && local.includes('.')) {
      reply = await control.request(`PORT ${formatPortArgument({ host: local, port })}`);
    }
    if (reply.code >= 400) throw replyError(reply, 'Active mode (EPRT/PORT)');
  } catch (error) {
    channel.destroy();
    throw error;
  }
  return channel;
}

function listen(host: string, range?: [number, number]): Promise<Server> {
  const tryPort = (port: number): Promise<Server> =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer({ highWaterMark: DATA_HIGH_WATER_MARK });
      server.once('error', reject);
      server.listen({ host, port, backlog: 4 }, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  if (!range) return tryPort(0);
  const [low, high] = range;
  const count = high - low + 1;
  // From a random port up, wrapping round to the bottom: every port of the range once.
  const attempt = async (port: number, tried: number): Promise<Server> => {
    try {
      return await tryPort(port);
    } catch (error) {
      if (tried + 1 >= count) {
        throw new FerryError('DATA_CONNECTION', `No free port between ${low} and ${high} for active mode.`, {
          cause: error,
        });
      }
      return attempt(port >= high ? low : port + 1, tried + 1);
    }
  };
  return attempt(low + Math.floor(Math.random() * count), 0);
}

async function secureData(socket: Socket, context: DataChannelContext): Promise<TLSSocket> {
  const tls = context.tls as DataTls;
  const session = context.control.latestTlsSession;
  const secure = await handshake(
    { ...tls.options, socket, ...(session ? { session } : {}) },
    context.connectTimeoutMs,
  );
  secure.on('error', ignoreHandledElsewhere);
  // A resumed session carries no certificate: it is the control connection's session, already checked.
  if (secure.isSessionReused()) return secure;
  const presented = secure.getPeerCertificate()?.fingerprint256 ?? '';
  if (normaliseFingerprint(presented) !== normaliseFingerprint(tls.fingerprint256)) {
    secure.destroy();
    throw new FerryError(
      'TLS',
      `The data connection presented a different certificate (${presented}) than the control connection.`,
      { hint: 'Someone may be intercepting the data connection.', retryable: false },
    );
  }
  return secure;
}

function tuneDataSocket(socket: Socket): void {
  socket.setNoDelay(true);
  // A data socket may be reset by the server at any moment, also between the transfer's own
  // listeners (before a pipeline is attached, after it has finished). Without a listener that is
  // an uncaught exception that would take the whole app down; the transfer still learns of it
  // through the stream being destroyed.
  socket.on('error', ignoreHandledElsewhere);
}

function ignoreHandledElsewhere(): void {}

function dataTimeout(ms: number): FerryError {
  return new FerryError(
    'TIMEOUT',
    `The data connection was not established within ${Math.round(ms / 1000)} s.`,
    {
      hint: 'A firewall may block data connections. Try switching between passive and active mode.',
      retryable: true,
    },
  );
}

const PRIVATE = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^127\./, /^169\.254\./, /^0\./];

function isPrivate(host: string): boolean {
  return PRIVATE.some((pattern) => pattern.test(host));
}
