import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Client } from 'ssh2';
import { describe, expect, it } from 'vitest';
import {
  CheckFileHasher,
  checkFileOutcome,
  encodeCheckFileName,
  PacketSplitter,
  parseCheckFileReply,
} from '../../../src-main/sftp/check-file.js';

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}
function sshString(text: string): Buffer {
  const bytes = Buffer.from(text);
  return Buffer.concat([uint32(bytes.length), bytes]);
}
/** An EXTENDED_REPLY packet as the channel delivers it (length prefix removed). */
function extendedReply(...parts: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from([201]), uint32(7), ...parts]);
}

const digest = createHash('sha256').update('hello').digest();
const hex = digest.toString('hex');

describe('encodeCheckFileName', () => {
  it('lays out id, name, path, algorithms, offset 0, length 0, block size 0', () => {
    const packet = encodeCheckFileName(7, '/dir é/a.txt', ['sha256', 'sha1']);
    const expected = Buffer.concat([
      Buffer.from([200]),
      uint32(7),
      sshString('check-file-name'),
      sshString('/dir é/a.txt'),
      sshString('sha256,sha1'),
      Buffer.alloc(20),
    ]);
    expect(packet.readUInt32BE(0)).toBe(packet.length - 4);
    expect(packet.subarray(4)).toEqual(expected);
  });
});

describe('parseCheckFileReply', () => {
  it.each([
    {
      title: 'ProFTPD form: algorithm then digest',
      packet: extendedReply(sshString('sha256'), digest),
      expected: { kind: 'digest', algorithm: 'sha256', hex },
    },
    {
      title: 'draft form: "check-file", algorithm, digest',
      packet: extendedReply(sshString('check-file'), sshString('sha256'), digest),
      expected: { kind: 'digest', algorithm: 'sha256', hex },
    },
    {
      title: 'STATUS with message',
      packet: Buffer.concat([
        Buffer.from([101]),
        uint32(7),
        uint32(2),
        sshString('No such file'),
        sshString('en'),
      ]),
      expected: { kind: 'status', code: 2, message: 'No such file' },
    },
    {
      title: 'STATUS without message',
      packet: Buffer.concat([Buffer.from([101]), uint32(7), uint32(8)]),
      expected: { kind: 'status', code: 8, message: '' },
    },
  ])('$title', ({ packet, expected }) => {
    expect(parseCheckFileReply(packet, 'sha256')).toEqual(expected);
  });

  it.each([
    { title: 'empty packet', packet: Buffer.alloc(0) },
    { title: 'type only', packet: Buffer.from([201]) },
    { title: 'id cut short', packet: Buffer.from([201, 0, 0]) },
    { title: 'no algorithm', packet: extendedReply() },
    { title: 'algorithm length past the end', packet: extendedReply(uint32(50), Buffer.from('sha256')) },
    { title: 'unknown algorithm name', packet: extendedReply(sshString('blake3'), digest) },
    { title: 'other algorithm than asked', packet: extendedReply(sshString('md5'), digest.subarray(0, 16)) },
    { title: 'digest too short', packet: extendedReply(sshString('sha256'), digest.subarray(0, 31)) },
    { title: 'digest too long', packet: extendedReply(sshString('sha256'), digest, Buffer.from([0])) },
    { title: 'several block digests', packet: extendedReply(sshString('sha256'), digest, digest) },
    {
      title: 'STATUS without code',
      packet: Buffer.concat([Buffer.from([101]), uint32(7), Buffer.from([0, 0])]),
    },
    { title: 'unexpected packet type', packet: Buffer.concat([Buffer.from([104]), uint32(7), uint32(0)]) },
  ])('$title: malformed, so the extension counts as unavailable', ({ packet }) => {
    expect(parseCheckFileReply(packet, 'sha256').kind).toBe('malformed');
    expect(checkFileOutcome(packet, 'sha256')).toEqual({ kind: 'unavailable' });
  });

  it('a STATUS is a refusal of this file, not of the extension', () => {
    const packet = Buffer.concat([Buffer.from([101]), uint32(7), uint32(4), sshString('Failure')]);
    expect(checkFileOutcome(packet, 'md5')).toEqual({ kind: 'refused', code: 4, message: 'Failure' });
  });

  it('md5 and sha1 digests have their own lengths', () => {
    const md5 = createHash('md5').update('x').digest();
    const sha1 = createHash('sha1').update('x').digest();
    expect(checkFileOutcome(extendedReply(sshString('md5'), md5), 'md5')).toEqual({
      kind: 'digest',
      hex: md5.toString('hex'),
    });
    expect(checkFileOutcome(extendedReply(sshString('sha1'), sha1), 'sha1')).toEqual({
      kind: 'digest',
      hex: sha1.toString('hex'),
    });
    expect(checkFileOutcome(extendedReply(sshString('sha1'), md5), 'sha1')).toEqual({ kind: 'unavailable' });
  });
});

describe('PacketSplitter', () => {
  const framed = (body: Buffer): Buffer => Buffer.concat([uint32(body.length), body]);
  const a = extendedReply(sshString('sha256'), digest);
  const b = Buffer.concat([Buffer.from([101]), uint32(8), uint32(2)]);

  it('splits two packets in one chunk', () => {
    expect(new PacketSplitter().push(Buffer.concat([framed(a), framed(b)]))).toEqual([a, b]);
  });

  it('joins a packet cut at every byte', () => {
    const bytes = Buffer.concat([framed(a), framed(b)]);
    const splitter = new PacketSplitter();
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...(splitter.push(bytes.subarray(i, i + 1)) ?? []));
    expect(out).toEqual([a, b]);
  });

  it.each([
    { title: 'zero length', bytes: uint32(0) },
    { title: 'absurd length', bytes: uint32(0x7fffffff) },
  ])('$title: null (the channel is given up)', ({ bytes }) => {
    expect(new PacketSplitter().push(bytes)).toBeNull();
  });
});

describe('CheckFileHasher', () => {
  /** A connection whose SFTP channel opens and then closes before the server's VERSION. */
  function clientWhoseChannelCloses(): Client {
    const channel = Object.assign(new EventEmitter(), {
      stderr: new PassThrough(),
      write: () => true,
      close: () => undefined,
    });
    return {
      subsys: (_name: string, callback: (error: Error | undefined, channel: unknown) => void) => {
        callback(undefined, channel);
        setImmediate(() => channel.emit('close'));
      },
    } as unknown as Client;
  }

  it('a channel that closes before VERSION means no check-file, not a stack overflow', async () => {
    // The connection dropping right after the channel opened: failing the channel ran the
    // VERSION callback, which closed the channel, which failed it again, without end.
    await expect(new CheckFileHasher(clientWhoseChannelCloses()).algorithms()).resolves.toEqual([]);
  });
});
