// Jest environment for `npm run mutation` only (jest.mutation.config.js). StrykerJS runs every
// test file for every mutant (its jest runner filters tests by name, not files), and loading a
// file (cdktf, the provider classes) costs more than its tests. During Stryker's initial run,
// this environment records which test files cover which mutant (from the per-test coverage
// Stryker collects in `__stryker__`) and how long each file takes; `sequencer.js` then runs
// only those files for a mutant, the quickest first.
//
// While a mutant runs, the first failing test kills it: the rest of the run is skipped (the
// describe blocks with their hooks, and the tests), which is what Stryker's own bail does for
// runners that support it (its jest runner cannot: jest has no programmatic bail). The result
// is the same (killed); only the time differs. `sequencer.js` clears the mark for each run.
// Outside Stryker there is no `__stryker__` and no active mutant, and nothing happens.
const { TestEnvironment } = require('jest-environment-node');

/**
 * Per Stryker test-runner process: test file path → ids of the mutants its tests cover, and →
 * milliseconds it took in the initial run; `killed`: the mutant whose run has a failed test.
 */
const COVERAGE = Symbol.for('cdktf-affinity-draining.mutation.fileCoverage');
const files = (globalThis[COVERAGE] ??= {
  byFile: new Map(),
  millis: new Map(),
  killed: undefined,
});

// The same full test name Stryker uses as the test id (describe titles and test title, by spaces).
function fullName(test) {
  const names = [];
  for (let b = test.parent; b && b.parent; b = b.parent) names.unshift(b.name);
  return [...names, test.name].join(' ').trim();
}

class MutationEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.started = Date.now();
  }

  async teardown() {
    if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined)
      files.millis.set(this.testPath, Date.now() - this.started);
    await super.teardown();
  }

  async handleTestEvent(event) {
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    if (mutant !== undefined) {
      if (event.name === 'test_done' && event.test.errors.length > 0) files.killed = mutant;
      else if (files.killed === mutant && event.name === 'run_describe_start')
        event.describeBlock.mode = 'skip';
      else if (files.killed === mutant && event.name === 'test_start') event.test.mode = 'skip';
      return;
    }
    if (event.name !== 'test_done') return;
    const stryker = this.global.__stryker__;
    const perTest = stryker?.mutantCoverage?.perTest?.[fullName(event.test)];
    if (!perTest) return;
    const ids = files.byFile.get(this.testPath) ?? new Set();
    for (const id of Object.keys(perTest)) ids.add(id);
    files.byFile.set(this.testPath, ids);
  }
}

module.exports = MutationEnvironment;
