// Jest for `npm run mutation` (StrykerJS): the rule tests, without the slow suites that add
// little rule coverage (fast-check runs, README compilation, the review CLI, the reference
// deployments and their snapshots, the L1 baseline): every mutant of a core file runs every
// test that covers it. k8s-schemas checks what the constructs render (not mutated) against the
// published schemas, and cannot find them from Stryker's sandbox (symlinked node_modules).
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // Per mutant, only the test files that cover it (see scripts/mutation/environment.js).
  testEnvironment: require.resolve('./scripts/mutation/environment.js'),
  testSequencer: require.resolve('./scripts/mutation/sequencer.js'),
  // Per mutant, no further test file once one of its tests has failed (scripts/mutation/runner.js).
  runner: require.resolve('./scripts/mutation/runner.js'),
  testPathIgnorePatterns: [
    '/node_modules/',
    'properties',
    'readme\\.test',
    'review',
    'reference-mcp\\.test',
    'bench-baseline\\.test',
    'k8s-schemas\\.test',
    // Type-checks the built declarations in dist/, which the sandbox does not have.
    'entry-types\\.test',
  ],
};
