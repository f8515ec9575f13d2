// Test sequencer for `npm run mutation` only: while Stryker runs a mutant (its id is in
// `__STRYKER_ACTIVE_MUTANT__`), run only the test files whose tests cover it, as recorded by
// `environment.js` in the initial run; Stryker's name filter then picks the tests inside them.
// Stryker runs only the covering tests of a mutant (with `ignoreStatic`, also of one covered
// at load time), so leaving out the other files changes no result. Falls back to every file
// when nothing was recorded (outside Stryker) or nothing matches.
const Sequencer = require('@jest/test-sequencer').default;

const COVERAGE = Symbol.for('cdktf-affinity-draining.mutation.fileCoverage');

class MutantFilesSequencer extends Sequencer {
  sort(tests) {
    const id = process.env.__STRYKER_ACTIVE_MUTANT__;
    const files = globalThis[COVERAGE];
    if (id === undefined || files === undefined || files.byFile.size === 0)
      return super.sort(tests);
    const covering = tests.filter((t) => files.byFile.get(t.path)?.has(id));
    return super.sort(covering.length > 0 ? covering : tests);
  }
}

module.exports = MutantFilesSequencer;
