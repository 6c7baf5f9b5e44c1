// Bundles the plain-Node entry points (web mode, CLI) with esbuild: one file each, npm
// packages left external, so start-up reads one module instead of hundreds of TS files.
import { build } from 'esbuild';

await build({
  entryPoints: { web: 'src-main/web/main.ts', cli: 'src-main/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Lazily imported modules (SFTP, the site store) become chunks loaded only when used.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built dist/web.js and dist/cli.js');
