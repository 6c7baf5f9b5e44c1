/**
 * How long parseListing takes on a 100,000-row Unix listing (a large directory on vsftpd/proftpd).
 * Run: npx esbuild scripts/bench/listing-parse.ts --bundle --platform=node --format=esm | node --input-type=module
 * Prints the median of 5 runs after 2 warm-up runs, in milliseconds (wall and CPU).
 */
import { parseListing, parseMlsd } from '../../src-main/ftp/listing/index.js';

const ROWS = 100_000;
const RUNS = 5;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function unixListing(): string {
  const lines: string[] = ['total 400000'];
  for (let i = 0; i < ROWS; i++) {
    const month = MONTHS[i % 12] ?? 'Jan';
    const day = String((i % 28) + 1).padStart(2, ' ');
    const when =
      i % 3 === 0
        ? ` ${2000 + (i % 25)}`
        : `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    const kind = i % 10 === 0 ? 'drwxr-xr-x' : '-rw-r--r--';
    const size = String((i * 7919) % 100_000_000).padStart(12, ' ');
    lines.push(
      `${kind}    1 user${i % 7}    group${i % 3} ${size} ${month} ${day} ${when} file number ${i}.txt`,
    );
  }
  return lines.join('\r\n');
}

function mlsdListing(): string {
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      `type=file;size=${i * 13};modify=2024010${(i % 9) + 1}120000;UNIX.mode=0644;UNIX.uid=1000;UNIX.gid=1000; file ${i}.txt`,
    );
  }
  return lines.join('\r\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * Wall time is the figure asked for; CPU time (user + system of this process) is printed beside it
 * because on a shared 2-core machine other processes stretch wall time but not CPU time.
 */
function measure(label: string, parse: () => number): void {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < RUNS + 2; run++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const count = parse();
    const cpuUsed = process.cpuUsage(cpuStart);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (count !== ROWS) throw new Error(`${label}: expected ${ROWS} entries, got ${count}`);
    if (run >= 2) {
      wall.push(ms);
      cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
    }
  }
  console.log(
    `${label}: ${ROWS} rows, median of ${RUNS}: ${median(wall).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU`,
  );
}

/** Rows no parser accepts, each lacking the separators parsers search for: must stay linear. */
function hostileListing(): string {
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const kind = i % 4;
    if (kind === 0) lines.push(`+i${i},m${i},r,s${i},no-tab-here-${i}`);
    else if (kind === 1) lines.push(`type=file;size=${i};modify=20240101120000;no-space-${i}`);
    else if (kind === 2) lines.push(`GARBAGE.TXT${i} 12-JAN`);
    else lines.push(`-rw-r--r-- 1 user group ${i} Xyz 99 99:99 broken`);
  }
  return lines.join('\n');
}

const unix = unixListing();
const mlsd = mlsdListing();
const now = new Date();
measure('parseListing (Unix ls -l)', () => parseListing(unix, { now }).length);
measure('parseMlsd', () => parseMlsd(mlsd).length);
const hostile = hostileListing();
measure('parseListing (hostile rows, all unknown)', () => parseListing(hostile, { now }).length);
measure('parseMlsd (hostile rows, all unknown)', () => parseMlsd(hostile).length);
