// Test sequencer for `npm run mutation` only: while Stryker runs a mutant (its id is in
// `__STRYKER_ACTIVE_MUTANT__`), run only the test files whose tests cover it, as recorded by
// `environment.js` in the initial run, the quickest first; Stryker's name filter then picks the
// tests inside them.
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
    // A new run: no test of it has failed yet (environment.js skips the rest after one has).
    files.killed = undefined;
    const covering = tests.filter((t) => files.byFile.get(t.path)?.has(id));
    if (covering.length === 0) return super.sort(tests);
    // The quickest files first: a mutant is usually killed by the first file that covers it.
    const millis = (t) => files.millis?.get(t.path) ?? Number.MAX_SAFE_INTEGER;
    return [...covering].sort((a, b) => millis(a) - millis(b) || a.path.localeCompare(b.path));
  }
}

module.exports = MutantFilesSequencer;
