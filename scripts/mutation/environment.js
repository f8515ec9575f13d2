// Jest environment for `npm run mutation` only (jest.mutation.config.js). StrykerJS runs every
// test file for every mutant (its jest runner filters tests by name, not files), and loading a
// file (cdktf, the provider classes) costs more than its tests. During Stryker's initial run,
// this environment records which test files cover which mutant (from the per-test coverage
// Stryker collects in `__stryker__`); `sequencer.js` then runs only those files for a mutant.
// Outside Stryker there is no `__stryker__`, and nothing is recorded.
const { TestEnvironment } = require('jest-environment-node');

/** Test file path → ids of the mutants its tests cover (one map per Stryker test-runner process). */
const COVERAGE = Symbol.for('cdktf-affinity-draining.mutation.fileCoverage');
const files = (globalThis[COVERAGE] ??= { byFile: new Map() });

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
  }

  async handleTestEvent(event) {
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
