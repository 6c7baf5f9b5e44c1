/**
 * The open sessions: the local disk (always "local") and remote connections made by the
 * user. Keeps each one's target in memory so a dropped connection is re-opened on the next
 * call, as FileZilla does, instead of failing every button until the user reconnects.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { FerryError } from '../../src-shared/errors.js';
import type { ConnectionTarget, SessionInfo } from '../../src-shared/model.js';
import type { Prompter } from '../core/prompter.js';
import { formatRemoteUrl, defaultPort } from '../core/url.js';
import type { RemoteFileSystem } from '../fs/remote-file-system.js';
import { keepingTls } from '../core/keeping-tls.js';
import type { EventBus } from './event-bus.js';
import type { Connector } from './ports.js';
import { SessionLog } from './session-log.js';

export const LOCAL_SESSION_ID = 'local';

interface Session {
  info: SessionInfo;
  target: ConnectionTarget | null;
  /** null while the first connection is being made. */
  fs: RemoteFileSystem | null;
  log: SessionLog;
  reconnecting: Promise<RemoteFileSystem> | null;
  /** Disconnected by the user: a connection that arrives afterwards is closed, never kept. */
  closed: boolean;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly bus: EventBus,
    private readonly connector: Connector,
    private readonly prompter: Prompter,
    local: RemoteFileSystem,
    localHome: string,
  ) {
    const info: SessionInfo = {
      id: LOCAL_SESSION_ID,
      label: 'Local',
      protocol: 'local',
      host: os.hostname(),
      port: 0,
      user: os.userInfo().username,
      state: 'connected',
      secure: true,
      security: null,
      home: localHome,
    };
    this.sessions.set(LOCAL_SESSION_ID, {
      info,
      target: null,
      fs: local,
      log: new SessionLog(LOCAL_SESSION_ID, bus),
      reconnecting: null,
      closed: false,
    });
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  info(id: string): SessionInfo {
    return this.get(id).info;
  }

  /**
   * The target of a remote session, password included (memory only), as further connections
   * for it (the queue's, an edit's) must use it: an ftp:// session that has TLS requires it
   * (keepingTls), so none of them logs in in plain text behind the lock the user sees.
   */
  target(id: string): ConnectionTarget | 'local' {
    const session = this.get(id);
    return session.target ? keepingTls(session.target, session.info.security) : 'local';
  }

  /** False once the user has disconnected it (or it never existed). */
  isOpen(id: string): boolean {
    return this.sessions.has(id);
  }

  log(id: string): SessionLog {
    return this.get(id).log;
  }

  async open(target: ConnectionTarget): Promise<SessionInfo> {
    const id = randomUUID();
    const log = new SessionLog(id, this.bus);
    const info: SessionInfo = {
      id,
      label: formatRemoteUrl(target),
      protocol: target.protocol,
      host: target.host,
      port: target.port ?? defaultPort(target.protocol),
      user: target.user ?? 'anonymous',
      state: 'connecting',
      secure: target.protocol !== 'ftp-insecure',
      security: null,
      home: '/',
    };
    if (target.siteId) info.siteId = target.siteId;
    // Listed from the start, so the tab the view shows while connecting can be disconnected.
    const session: Session = { info, target, fs: null, log, reconnecting: null, closed: false };
    this.sessions.set(id, session);
    this.bus.emit({ type: 'session', session: info });
    try {
      if (asksForPassword(target)) session.target = target = await this.withPassword(target, info.label);
      const fs = await this.keepUnlessClosed(
        session,
        this.connector(target, { logger: log, prompter: this.prompter }),
      );
      const home = target.remoteDir || (await fs.home());
      const connected: SessionInfo = {
        ...info,
        state: 'connected',
        home,
        security: fs.security,
        secure: fs.security !== null && fs.security.kind !== 'none',
      };
      if (session.closed) {
        await fs.close().catch(() => undefined);
        throw disconnectedMeanwhile();
      }
      session.info = connected;
      session.fs = fs;
      this.bus.emit({ type: 'session', session: connected });
      return connected;
    } catch (error) {
      // Closed by the user meanwhile: close() already told the views.
      if (session.closed) throw error;
      this.sessions.delete(id);
      const failed = error instanceof FerryError ? error : new FerryError('CONNECTION_FAILED', String(error));
      log.log('error', failed.message);
      log.flush();
      this.bus.emit({ type: 'session', session: { ...info, state: 'failed', error: failed.toData() } });
      this.bus.emit({ type: 'session-closed', sessionId: id });
      throw failed;
    }
  }

  /** The session's file system, re-connected first when the server dropped it. */
  async fs(id: string): Promise<RemoteFileSystem> {
    const session = this.get(id);
    if (!session.fs) {
      throw new FerryError('INVALID_ARGUMENT', 'That connection is still being made.', {
        hint: 'Wait until it is connected.',
      });
    }
    if (session.fs.connected || !session.target) return session.fs;
    session.reconnecting ??= this.reconnect(session).finally(() => {
      session.reconnecting = null;
    });
    return session.reconnecting;
  }

  async close(id: string): Promise<void> {
    if (id === LOCAL_SESSION_ID)
      throw new FerryError('INVALID_ARGUMENT', 'The local disk cannot be disconnected.');
    const session = this.get(id);
    session.closed = true;
    this.sessions.delete(id);
    session.log.flush();
    await session.fs?.close().catch(() => undefined);
    this.bus.emit({ type: 'session-closed', sessionId: id });
  }

  async closeAll(): Promise<void> {
    await Promise.all(
      [...this.sessions.keys()].filter((id) => id !== LOCAL_SESSION_ID).map((id) => this.close(id)),
    );
  }

  private async reconnect(session: Session): Promise<RemoteFileSystem> {
    const target = keepingTls(session.target!, session.fs?.security ?? null);
    session.log.log('info', 'Connection was closed; reconnecting.');
    const fs = await this.keepUnlessClosed(
      session,
      this.connector(target, { logger: session.log, prompter: this.prompter }),
    );
    session.fs = fs;
    // What the views show about the connection is the new one's.
    session.info = {
      ...session.info,
      security: fs.security,
      secure: fs.security !== null && fs.security.kind !== 'none',
    };
    this.bus.emit({ type: 'session', session: session.info });
    return fs;
  }

  /**
   * FTP has no way to ask for a password during the login (SSH does, per attempt): a target
   * without one is completed here, once; reconnects reuse the answer, kept in memory only.
   */
  private async withPassword(target: ConnectionTarget, label: string): Promise<ConnectionTarget> {
    const answer = await this.prompter.ask({
      kind: 'password',
      label,
      user: target.user ?? '',
      reason: 'The site asks for its password at each connection.',
    });
    if (answer.password === null) {
      throw new FerryError('LOGIN_FAILED', `No password was given for ${label}.`, { retryable: false });
    }
    return { ...target, password: answer.password };
  }

  /** The connection, unless the session was disconnected while it was being made: then it is closed. */
  private async keepUnlessClosed(
    session: Session,
    connecting: Promise<RemoteFileSystem>,
  ): Promise<RemoteFileSystem> {
    const fs = await connecting;
    if (!session.closed) return fs;
    await fs.close().catch(() => undefined);
    throw disconnectedMeanwhile();
  }

  private get(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) {
      throw new FerryError('INVALID_ARGUMENT', 'That connection is closed.', {
        hint: 'Connect again from the site manager or quick connect.',
      });
    }
    return session;
  }
}

function disconnectedMeanwhile(): FerryError {
  return new FerryError('CANCELLED', 'Disconnected while the connection was being made.', {
    retryable: false,
  });
}

/** An FTP login by name with no password at hand (SFTP asks during its own authentication). */
function asksForPassword(target: ConnectionTarget): boolean {
  return (
    target.protocol !== 'sftp' &&
    target.password === undefined &&
    target.user !== undefined &&
    target.user !== '' &&
    target.user !== 'anonymous'
  );
}
