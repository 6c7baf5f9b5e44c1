/** Path arithmetic for either end: native on the local disk, '/'-separated on servers. */
import path from 'node:path';

export type PathOps = path.PlatformPath;

export const LOCAL = 'local';

export function pathOps(location: string): PathOps {
  return location === LOCAL ? path : path.posix;
}
