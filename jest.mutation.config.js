// Jest for `npm run mutation` (StrykerJS): the rule tests, without the slow suites that add
// no rule coverage (fast-check runs, README compilation, the review CLI, the L1 baseline).
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    'properties',
    'readme\\.test',
    'review\\.test',
    'bench-baseline\\.test',
  ],
};
