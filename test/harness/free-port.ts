import { createServer } from 'node:net';

/** Asks the kernel for a free TCP port on 127.0.0.1 (bind port 0), then releases it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

async function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface PortRange {
  min: number;
  max: number;
}

// Below Linux's ephemeral range (32768–60999): outgoing connections, including the control
// ports handed out by `freePort`, never land on a passive port reserved here.
const RANGE_FLOOR = 20_000;
const RANGE_CEILING = 32_000;

/** A block of `count` consecutive free ports for a server's passive data connections. */
export async function freePortRange(count: number): Promise<PortRange> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const min = RANGE_FLOOR + Math.floor(Math.random() * (RANGE_CEILING - RANGE_FLOOR - count));
    let allFree = true;
    for (let port = min; port < min + count && allFree; port += 1) {
      allFree = await canBind(port);
    }
    if (allFree) return { min, max: min + count - 1 };
  }
  throw new Error(`no block of ${count} free ports found between ${RANGE_FLOOR} and ${RANGE_CEILING}`);
}
