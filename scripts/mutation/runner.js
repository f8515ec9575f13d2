// Jest test runner for `npm run mutation` only (jest.mutation.config.js): jest's own runner,
// one test file at a time, that stops loading test files once a test of the mutant being run
// has failed (environment.js marks it). The mutant is killed either way; the files left out
// would only have cost their loading (cdktf, the provider classes). This is Stryker's bail,
// which its jest runner cannot do (jest has no programmatic bail). With `sequencer.js` putting
// the quickest covering file first, a killed mutant usually costs one file.
// Outside a mutant's run (no `__STRYKER_ACTIVE_MUTANT__`), it is jest's runner unchanged.
const TestRunner = require('jest-runner').default;

const COVERAGE = Symbol.for('cdktf-affinity-draining.mutation.fileCoverage');

class BailingTestRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    if (mutant === undefined || !options.serial) return super.runTests(tests, watcher, options);
    for (const test of tests) {
      if (globalThis[COVERAGE]?.killed === mutant) break;
      await super.runTests([test], watcher, options);
    }
  }
}

module.exports = BailingTestRunner;
