// Jest for `npm run mutation` (StrykerJS): the rule tests, without the slow suites that add
// little rule coverage (fast-check runs, README compilation, the review CLI, the reference
// deployments and their snapshots, the L1 baseline): every mutant of a core file runs every
// test that covers it.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    'properties',
    'readme\\.test',
    'review',
    'reference-mcp\\.test',
    'bench-baseline\\.test',
  ],
};
