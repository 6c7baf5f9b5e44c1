/**
 * "Trust once" means for this run of Ferry, as in FileZilla: the queue's own connections to
 * the same server must not ask again a minute later. Kept in memory only; "always" is what
 * writes a pin or a known_hosts line to disk.
 */
export class RunTrust {
  private readonly trusted = new Set<string>();

  has(host: string, port: number, fingerprint: string): boolean {
    return this.trusted.has(key(host, port, fingerprint));
  }

  add(host: string, port: number, fingerprint: string): void {
    this.trusted.add(key(host, port, fingerprint));
  }
}

function key(host: string, port: number, fingerprint: string): string {
  return `${host.toLowerCase()}\0${port}\0${fingerprint}`;
}
