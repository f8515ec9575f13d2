// Lint a tree of Terraform (HCL) configurations written by anyone, and count what the rules say.
//
//   npm run build:tools
//   node scripts/corpus-lint.mjs <dir> [--json findings.json] [--write-json <out-dir>]
//
// Every directory under <dir> that holds `.tf` files is one configuration (as Terraform reads
// a module). Its files are converted with @cdktf/hcl2json into the form `affinity-review lint`
// reads (`{ resource: { <type>: { <name>: <body> } } }`: the one-element array that hcl2json
// gives for each resource body is unwrapped; nested blocks stay one-element arrays, `${...}`
// expressions stay strings), and the linter runs on it exactly as the CLI does
// (build/lib/review/lint.js `runLint`, `--format json --fail-on never`).
//
// Prints: configurations read, those that did not parse, resources of each type the checks
// read, findings per rule and level, and the configurations with at least one ERROR.
//   --json <file>        every configuration with its findings, as JSON
//   --write-json <dir>   keep each converted configuration as <dir>/<relative path>/cdk.tf.json
//
// It is a measuring tool: nothing here knows any particular corpus. Where the configurations
// come from (their repository, commit, and whether their project applies them in its tests) is
// recorded next to them by whoever collects them, not in this script.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const built = join(root, 'build', 'lib');
if (!existsSync(join(built, 'review', 'lint.js'))) {
  console.error(
    'corpus-lint: build/lib/review/lint.js is missing; run `npm run build:tools` first',
  );
  process.exit(2);
}
const { runLint } = require(join(built, 'review', 'lint.js'));
const { CHECKED_TYPES } = require(join(built, 'checks', 'resource-checks.js'));
const { parse } = require('@cdktf/hcl2json');

function usage(message) {
  console.error(`corpus-lint: ${message}`);
  console.error(
    'usage: node scripts/corpus-lint.mjs <dir> [--json findings.json] [--write-json <out-dir>]',
  );
  process.exit(2);
}

const args = process.argv.slice(2);
let jsonOut;
let writeDir;
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonOut = args[++i] ?? usage('--json needs a file');
  else if (args[i] === '--write-json') writeDir = args[++i] ?? usage('--write-json needs a dir');
  else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else positional.push(args[i]);
}
if (positional.length !== 1) usage('one directory expected');
const top = resolve(positional[0]);
if (!existsSync(top)) usage(`${top} does not exist`);

/** Directories holding .tf files, depth first, skipping Terraform's own working directories. */
function configurations(dir, out = []) {
  const entries = readdirSync(dir, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.tf')).map((e) => e.name);
  if (files.length > 0) out.push({ dir, files: files.sort() });
  for (const e of entries)
    if (e.isDirectory() && e.name !== '.terraform' && !e.name.startsWith('.'))
      configurations(join(dir, e.name), out);
  return out;
}

/** hcl2json's resource map → lint input: each `<type>.<name>` body unwrapped from its array. */
function toLintInput(parsedFiles) {
  const resource = {};
  for (const parsed of parsedFiles)
    for (const [type, byName] of Object.entries(parsed.resource ?? {}))
      for (const [name, body] of Object.entries(byName ?? {})) {
        resource[type] ??= {};
        resource[type][name] = Array.isArray(body) ? (body[0] ?? {}) : body;
      }
  return { resource };
}

const scratch = mkdtempSync(join(tmpdir(), 'corpus-lint-'));
const results = [];
try {
  for (const { dir, files } of configurations(top)) {
    const id = relative(top, dir) || '.';
    const parsed = [];
    const parseErrors = [];
    for (const f of files) {
      try {
        parsed.push(await parse(f, readFileSync(join(dir, f), 'utf8')));
      } catch (e) {
        parseErrors.push(`${f}: ${String(e.message ?? e).split('\n')[0]}`);
      }
    }
    const input = toLintInput(parsed);
    const types = {};
    for (const [type, byName] of Object.entries(input.resource))
      types[type] = Object.keys(byName).length;
    const result = { id, files, parseErrors, types, findings: [], lintError: undefined };
    results.push(result);
    if (Object.keys(input.resource).length === 0) continue;
    const file = writeDir
      ? join(resolve(writeDir), id, 'cdk.tf.json')
      : join(scratch, `${results.length}.tf.json`);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(input, null, 2));
    const out = runLint([file, '--format', 'json', '--fail-on', 'never']);
    if (out.code === 2) result.lintError = out.stderr.trim();
    else result.findings = JSON.parse(out.stdout).findings.filter((f) => !f.suppressed);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const count = (map, key, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
const resources = new Map();
const rules = new Map();
for (const r of results) {
  for (const [type, n] of Object.entries(r.types))
    if (CHECKED_TYPES.includes(type)) count(resources, type, n);
  for (const f of r.findings) count(rules, `${f.rule} ${f.level}`);
}
const withError = results.filter((r) => r.findings.some((f) => f.level === 'error'));
const withWarning = results.filter((r) => r.findings.some((f) => f.level === 'warning'));
const unparsed = results.filter((r) => r.parseErrors.length > 0);
const lintFailed = results.filter((r) => r.lintError !== undefined);
const withChecked = results.filter((r) =>
  Object.keys(r.types).some((t) => CHECKED_TYPES.includes(t)),
);

const sorted = (map) => [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log(
  `configurations: ${results.length} (with a checked resource type: ${withChecked.length})`,
);
console.log(
  `did not parse (some file): ${unparsed.length}; lint refused the input: ${lintFailed.length}`,
);
console.log(
  `configurations with >= 1 ERROR: ${withError.length}; with >= 1 WARNING: ${withWarning.length}`,
);
console.log('resources of checked types:');
for (const [type, n] of sorted(resources)) console.log(`  ${String(n).padStart(5)}  ${type}`);
console.log('findings by rule and level:');
for (const [rule, n] of sorted(rules)) console.log(`  ${String(n).padStart(5)}  ${rule}`);
for (const r of unparsed) console.log(`parse error in ${r.id}: ${r.parseErrors.join('; ')}`);
for (const r of lintFailed) console.log(`lint refused ${r.id}: ${r.lintError}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
