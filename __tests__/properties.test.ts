import * as fc from 'fast-check';
import { RunStats, TARGETS, constructProperties } from '../fuzz/properties';

// At least 1000 cases per property; `npm run fuzz -- --runs N` runs more. Each case checks the
// three properties: only ValidationError is thrown; what is accepted satisfies the independent
// oracle (fuzz/oracle.ts); the same props give byte-identical JSON.
const RUNS = 1000;

describe.each([TARGETS.AffinityBackendService, TARGETS.HealthCheck])('$name', (target) => {
  test(`only ValidationError, accepted means valid, deterministic (${RUNS} cases)`, () => {
    const stats: RunStats = { accepted: 0, refused: 0 };
    fc.assert(constructProperties(target as never, stats), { numRuns: RUNS });
    // The generators reach both sides of the rules.
    expect(stats.accepted).toBeGreaterThan(RUNS / 10);
    expect(stats.refused).toBeGreaterThan(RUNS / 10);
  });
});
