import * as fc from 'fast-check';
import { RunStats, TARGETS, constructProperties } from '../fuzz/properties';

// A file of its own so jest runs it next to the Google Cloud properties (one per core).
const RUNS = 1000;

test(`GuacdStatefulPool: only ValidationError, accepted means valid, deterministic (${RUNS} cases)`, () => {
  const stats: RunStats = { accepted: 0, refused: 0 };
  fc.assert(constructProperties(TARGETS.GuacdStatefulPool, stats), { numRuns: RUNS });
  expect(stats.accepted).toBeGreaterThan(RUNS / 10);
  expect(stats.refused).toBeGreaterThan(RUNS / 10);
});
