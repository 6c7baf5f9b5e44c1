/**
 * TYPE A line-ending conversion as streaming Transforms. The wire uses CRLF (RFC 959 §3.1.1.1);
 * local files use LF. A CR at the end of a chunk is held back until the next chunk says whether
 * an LF follows, so the result does not depend on where the network split the bytes.
 */
import { Transform, type TransformCallback } from 'node:stream';

const CR = 0x0d;
const LF = 0x0a;
const CR_BUFFER = Buffer.from([CR]);

/** Download direction: CRLF → LF; lone CRs are kept. */
export function crlfToLf(): Transform {
  let heldCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (chunk.length === 0) {
        callback();
        return;
      }
      const parts: Buffer[] = [];
      let start = 0;
      if (heldCr) {
        heldCr = false;
        if (chunk[0] !== LF) parts.push(CR_BUFFER);
      }
      let cr = chunk.indexOf(CR, start);
      while (cr !== -1) {
        if (cr === chunk.length - 1) {
          parts.push(chunk.subarray(start, cr));
          heldCr = true;
          start = chunk.length;
          break;
        }
        if (chunk[cr + 1] === LF) {
          parts.push(chunk.subarray(start, cr));
          start = cr + 1;
        }
        cr = chunk.indexOf(CR, cr + 1);
      }
      if (start < chunk.length) parts.push(chunk.subarray(start));
      callback(null, parts.length === 1 ? parts[0] : Buffer.concat(parts));
    },
    flush(callback: TransformCallback) {
      callback(null, heldCr ? CR_BUFFER : undefined);
    },
  });
}

/** Upload direction: a bare LF becomes CRLF; an existing CRLF stays as it is. */
export function lfToCrlf(): Transform {
  let lastWasCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      const parts: Buffer[] = [];
      let start = 0;
      let lf = chunk.indexOf(LF);
      while (lf !== -1) {
        const before = lf === 0 ? lastWasCr : chunk[lf - 1] === CR;
        if (!before) {
          parts.push(chunk.subarray(start, lf), CR_BUFFER);
          start = lf;
        }
        lf = chunk.indexOf(LF, lf + 1);
      }
      if (chunk.length > 0) lastWasCr = chunk[chunk.length - 1] === CR;
      if (start < chunk.length) parts.push(chunk.subarray(start));
      callback(null, parts.length === 1 ? parts[0] : Buffer.concat(parts));
    },
  });
}
