/**
 * `npm run fuzz:cli -- [--runs N] [--seed S]`: the odd-input fuzz of `affinity-review` and
 * `affinity-review lint` (fuzz/cli-inputs.ts) with more cases than the jest test runs. Prints
 * the exit codes, the reasons given for exit 2 by kind, the slowest cases and every broken
 * contract. Exit 1 on any failure.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateCases, runCase } from './cli-inputs';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('runs') ?? 2000);
const seed = arg('seed') !== undefined ? Number(arg('seed')) : Date.now() % 2 ** 31;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive whole number, not ${arg('runs')}`);
  process.exit(2);
}
console.log(`fuzz:cli: ${runs} cases, seed ${seed}`);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-cli-'));
const codes: Record<number, number> = {};
const reasons = new Map<string, number>();
const times: { name: string; ms: number }[] = [];
let failures = 0;
try {
  generateCases(seed, runs).forEach((c, i) => {
    const dir = path.join(root, String(i));
    const { result, problems, ms } = runCase(dir, c);
    fs.rmSync(dir, { recursive: true, force: true });
    times.push({ name: c.name, ms });
    if (result) codes[result.code] = (codes[result.code] ?? 0) + 1;
    if (result?.code === 2) {
      // The reason without file names, numbers and values: what kind of refusal it was.
      const kind = result.stderr
        .replace(/^affinity-review( lint)?: /, '')
        .replace(new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), '')
        .replace(/\(it is [^)]*\)/g, '(it is …)')
        .replace(/\d+/g, 'N')
        .slice(0, 90)
        .trim();
      reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
    }
    if (problems.length > 0) {
      failures++;
      console.log(`FAIL ${c.name}: argv ${JSON.stringify(c.argv).slice(0, 200)}`);
      for (const p of problems) console.log(`  ${p.slice(0, 400)}`);
    }
  });
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
console.log(`exit codes: ${JSON.stringify(codes)}`);
console.log('reasons for exit 2 (kind: count):');
for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1]))
  console.log(`  ${String(n).padStart(5)}  ${k}`);
times.sort((a, b) => b.ms - a.ms);
console.log(
  `slowest: ${times
    .slice(0, 5)
    .map((t) => `${t.name} ${Math.round(t.ms)} ms`)
    .join('; ')}`,
);
console.log(`failures: ${failures}`);
process.exit(failures > 0 ? 1 : 0);
