// Type-checks every runtime's tsconfig, two at a time (the machines have two cores),
// and fails if any of them fails. Each config is its own boundary: see tsconfig.json.
import { spawn } from 'node:child_process';

const configs = [
  'tsconfig.node.json',
  'tsconfig.web.json',
  'tsconfig.shared.json',
  'tsconfig.electron.json',
  'tsconfig.e2e.json',
];
const tsc = 'node_modules/typescript/bin/tsc';

function check(config) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', config], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ config, code, output }));
  });
}

let failed = false;
const queue = [...configs];
async function worker() {
  for (let config = queue.shift(); config; config = queue.shift()) {
    const result = await check(config);
    console.log(`${result.code === 0 ? 'ok  ' : 'FAIL'} ${result.config}`);
    if (result.code !== 0) {
      failed = true;
      process.stdout.write(result.output);
    }
  }
}
await Promise.all([worker(), worker()]);
process.exitCode = failed ? 1 : 0;
