/**
 * The odd-input fuzz of `affinity-review` and `affinity-review lint` (fuzz/cli-inputs.ts), in
 * process, with a fixed seed: wrong JSON types at every level, huge strings and keys, deep
 * nesting, control bytes, broken and non-UTF-8 files, directories of the wrong shape, and
 * empty, missing or hostile values of every flag. Every case keeps the contract: exit 0, 1
 * or 2; on 2 one line on stderr and nothing on stdout; no stack trace, no exception, no raw
 * control character, JSON that parses. `npm run fuzz:cli` runs more cases with any seed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateCases, runCase } from '../fuzz/cli-inputs';

const SEED = 19;
const CASES = 500;

test(`${CASES} odd inputs (seed ${SEED}) all keep the CLI's contract`, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-fuzz-'));
  const failures: string[] = [];
  const codes: Record<number, number> = {};
  try {
    generateCases(SEED, CASES).forEach((c, i) => {
      const dir = path.join(root, String(i));
      const { result, problems } = runCase(dir, c);
      if (result) codes[result.code] = (codes[result.code] ?? 0) + 1;
      if (problems.length > 0)
        failures.push(`${c.name} ${JSON.stringify(c.argv).slice(0, 120)}: ${problems.join('; ')}`);
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  expect(failures).toEqual([]);
  // Not a degenerate fuzz: accepted, flagged and refused inputs all occur.
  expect(Object.keys(codes).sort()).toEqual(['0', '1', '2']);
  expect(codes[2]).toBeLessThan(CASES * 0.8);
}, 60_000);
