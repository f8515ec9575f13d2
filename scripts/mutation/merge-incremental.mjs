// Merges StrykerJS incremental reports (mutation-testing-report-schema 1.x) of runs over
// different files into one, so that a first baseline can be taken a few files per session:
//
//   node scripts/mutation/merge-incremental.mjs <out.json> <older.json> <newer.json> [...]
//
// A file's mutants come from the last report that has the file. Test ids are numbers local to
// each report, so every test is re-keyed by (test file, test name) and each mutant's
// `coveredBy` / `killedBy` follows; a test file's source and test locations come from the
// last report that has it. Then run Stryker once with `--mutate` listing every file in the
// merged report: it reuses the results and writes a report of its own (CONTRIBUTING.md).
import { readFileSync, writeFileSync } from 'node:fs';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length < 2) {
  console.error('usage: merge-incremental.mjs <out.json> <older.json> <newer.json> [...]');
  process.exit(2);
}

const reports = inputs.map((p) => JSON.parse(readFileSync(p, 'utf8')));
const files = {};
const testFiles = {};
/** `${file}\0${name}` → merged id. */
const ids = new Map();
const idOf = (file, name) => {
  const key = `${file}\u0000${name}`;
  if (!ids.has(key)) ids.set(key, String(ids.size));
  return ids.get(key);
};

for (const report of reports) {
  // This report's test id → merged id.
  const local = new Map();
  for (const [file, tf] of Object.entries(report.testFiles ?? {})) {
    const tests = tf.tests.map((t) => {
      const id = idOf(file, t.name);
      local.set(t.id, id);
      return { ...t, id };
    });
    const byName = new Map((testFiles[file]?.tests ?? []).map((t) => [t.name, t]));
    for (const t of tests) byName.set(t.name, t);
    testFiles[file] = { ...tf, tests: [...byName.values()] };
  }
  const remap = (list) => list?.map((id) => local.get(id)).filter((id) => id !== undefined);
  for (const [file, f] of Object.entries(report.files)) {
    files[file] = {
      ...f,
      mutants: f.mutants.map((m) => ({
        ...m,
        ...(m.coveredBy ? { coveredBy: remap(m.coveredBy) } : {}),
        ...(m.killedBy ? { killedBy: remap(m.killedBy) } : {}),
      })),
    };
  }
}

const last = reports[reports.length - 1];
// Indented as Stryker writes it, so the checked-in file diffs line by line.
writeFileSync(out, JSON.stringify({ ...last, files, testFiles }, null, 2));
const mutants = Object.values(files).reduce((n, f) => n + f.mutants.length, 0);
console.log(
  `${out}: ${Object.keys(files).length} files, ${mutants} mutants, ${ids.size} tests in ${Object.keys(testFiles).length} test files`,
);
