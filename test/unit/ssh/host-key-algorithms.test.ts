import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOST_KEY_ALGORITHMS,
  hostKeyAlgorithmOrder,
} from '../../../src-main/ssh/host-key-algorithms.js';
import type { KnownHostEntry } from '../../../src-main/ssh/known-hosts.js';

const entry = (hosts: string, keyType: string, marker: KnownHostEntry['marker'] = null): KnownHostEntry => ({
  marker,
  hosts,
  keyType,
  keyBlob: Buffer.alloc(0),
  file: 'kh',
  line: 1,
});

describe('hostKeyAlgorithmOrder', () => {
  it('keeps the default order for a host nobody knows', () => {
    expect(hostKeyAlgorithmOrder([entry('other', 'ssh-rsa')], 'host', 22)).toEqual(
      DEFAULT_HOST_KEY_ALGORITHMS,
    );
  });

  it('offers the RSA algorithms first for a host known by its RSA key', () => {
    const order = hostKeyAlgorithmOrder([entry('[host]:2222', 'ssh-rsa')], 'host', 2222);
    expect(order.slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect([...order].sort()).toEqual([...DEFAULT_HOST_KEY_ALGORITHMS].sort());
  });

  it('ignores markers and key types ssh2 cannot use', () => {
    const order = hostKeyAlgorithmOrder(
      [
        entry('host', 'sk-ssh-ed25519@openssh.com'),
        entry('host', 'ecdsa-sha2-nistp384', 'revoked'),
        entry('host', 'ecdsa-sha2-nistp521'),
      ],
      'host',
      22,
    );
    expect(order[0]).toBe('ecdsa-sha2-nistp521');
    expect(order).toHaveLength(DEFAULT_HOST_KEY_ALGORITHMS.length);
  });
});
