/**
 * Certificates a person chose to "always trust", pinned by SHA-256 fingerprint per host:port.
 * A small JSON file; written atomically (temp file + rename) so a crash never leaves half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface PinnedCertificate {
  fingerprint256: string;
  subject?: string;
  pinnedAt: number;
}

export interface CertificateTrustStore {
  get(host: string, port: number): Promise<PinnedCertificate | null>;
  pin(host: string, port: number, certificate: { fingerprint256: string; subject?: string }): Promise<void>;
  forget(host: string, port: number): Promise<void>;
}

type StoreFile = Record<string, PinnedCertificate>;

export function trustKey(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}

/** Normalised form for comparing fingerprints typed by people: `ab cd`, `AB:CD`, `abcd` are equal. */
export function normaliseFingerprint(fingerprint: string): string {
  return fingerprint
    .replace(/^sha256[:=]?/i, '')
    .replace(/[^0-9a-f]/gi, '')
    .toUpperCase();
}

export class JsonCertificateTrustStore implements CertificateTrustStore {
  /** Serialises writes so two pins at once do not lose one. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async get(host: string, port: number): Promise<PinnedCertificate | null> {
    const all = await this.read();
    return all[trustKey(host, port)] ?? null;
  }

  pin(host: string, port: number, certificate: { fingerprint256: string; subject?: string }): Promise<void> {
    return this.update((all) => {
      const entry: PinnedCertificate = { fingerprint256: certificate.fingerprint256, pinnedAt: Date.now() };
      if (certificate.subject) entry.subject = certificate.subject;
      all[trustKey(host, port)] = entry;
    });
  }

  forget(host: string, port: number): Promise<void> {
    return this.update((all) => {
      delete all[trustKey(host, port)];
    });
  }

  private update(change: (all: StoreFile) => void): Promise<void> {
    const next = this.writing.then(async () => {
      const all = await this.read();
      change(all);
      await mkdir(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.file);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<StoreFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const result: StoreFile = {};
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      const fingerprint = (value as { fingerprint256?: unknown } | null)?.fingerprint256;
      if (typeof fingerprint === 'string') result[key] = value as PinnedCertificate;
    }
    return result;
  }
}

/** For tests and one-shot tools: pins live as long as the object. */
export class MemoryCertificateTrustStore implements CertificateTrustStore {
  private readonly pins = new Map<string, PinnedCertificate>();

  get(host: string, port: number): Promise<PinnedCertificate | null> {
    return Promise.resolve(this.pins.get(trustKey(host, port)) ?? null);
  }

  pin(host: string, port: number, certificate: { fingerprint256: string; subject?: string }): Promise<void> {
    this.pins.set(trustKey(host, port), { ...certificate, pinnedAt: Date.now() });
    return Promise.resolve();
  }

  forget(host: string, port: number): Promise<void> {
    this.pins.delete(trustKey(host, port));
    return Promise.resolve();
  }
}
