/**
 * `npm run fuzz -- [--runs N] [--seed S] [--target Name]`: the jest properties with more
 * cases. Prints, per construct, the runs, how many configurations were accepted and refused,
 * and the failures (with the counterexample fast-check shrank to). Exit 1 on any failure.
 */
import * as fc from 'fast-check';
import { RunStats, TARGETS, Target, constructProperties } from './properties';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const runs = Number(arg('runs') ?? 10_000);
const seed = arg('seed') !== undefined ? Number(arg('seed')) : Date.now() % 2 ** 31;
const only = arg('target');
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive whole number, not ${arg('runs')}`);
  process.exit(2);
}

let failures = 0;
console.log(`fuzz: ${runs} runs per construct, seed ${seed}`);
for (const t of Object.values(TARGETS) as Target<unknown>[]) {
  if (only && t.name !== only) continue;
  const stats: RunStats = { accepted: 0, refused: 0 };
  const started = Date.now();
  const result = fc.check(constructProperties(t, stats), { numRuns: runs, seed });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const failed = result.failed ? 1 : 0;
  failures += failed;
  console.log(
    `${t.name.padEnd(24)} runs ${String(result.numRuns).padStart(7)}  accepted ${String(stats.accepted).padStart(7)}  refused ${String(stats.refused).padStart(7)}  failures ${failed}  (${seconds} s)`,
  );
  if (result.failed) {
    console.log(`  counterexample: ${fc.stringify(result.counterexample)}`);
    console.log(`  ${String((result.errorInstance as Error)?.message ?? result.errorInstance)}`);
  }
}
console.log(`failures: ${failures}`);
process.exit(failures > 0 ? 1 : 0);
