/**
 * Lint on Terraform written the way other projects write it. Each fixture in
 * `fixtures/corpus/` is a small configuration written for this project that reproduces one
 * shape seen in a public corpus (the Google provider's samples and acceptance tests,
 * terraform-google-modules, Cloud Foundation Fabric); its header names where the shape was
 * seen, whether that project applies it in its tests, and what lint must say:
 *
 *   # expect: no ERROR                  no finding at level ERROR
 *   # expect: no WARNING                no finding at level WARNING
 *   # expect: <rule> ERROR <reason>     that rule reports an ERROR
 *   # expect: <rule> WARNING <reason>   that rule reports a WARNING
 *   # expect: not <rule> <reason>       that rule reports nothing, at any level
 *
 * The ERRORs are asserted exactly: a fixture that names no ERROR must have none, and one that
 * names ERRORs must have those rules and no other. A named WARNING must be present; other
 * warnings are allowed unless the fixture says `no WARNING` or `not <rule>`.
 *
 * The HCL is converted with @cdktf/hcl2json and read by the same reader as a synthesized
 * stack (hcl2json's one-element bodies and block lists, `${...}` expressions as unknowns).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from '@cdktf/hcl2json';
import { checkResources } from '../lib/checks/resource-checks';
import { resourcesFromSynth } from '../lib/terraform/resource';
import { RuleLevel } from '../lib/core/rule-registry';

const DIR = path.join(__dirname, 'fixtures', 'corpus');
const FILES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.tf'))
  .sort();

interface Expectation {
  readonly errors: Set<string>;
  readonly warnings: Set<string>;
  readonly absent: Set<string>;
  noError: boolean;
  noWarning: boolean;
}

const EXPECT = /^# expect: (.*)$/;

function expectationsOf(text: string): Expectation {
  const e: Expectation = {
    errors: new Set(),
    warnings: new Set(),
    absent: new Set(),
    noError: false,
    noWarning: false,
  };
  for (const line of text.split('\n')) {
    const m = EXPECT.exec(line);
    if (!m) continue;
    const words = m[1].trim().split(/\s+/);
    if (words[0] === 'no' && words[1] === 'ERROR') e.noError = true;
    else if (words[0] === 'no' && words[1] === 'WARNING') e.noWarning = true;
    else if (words[0] === 'not' && /^[A-Z][A-Za-z0-9]*$/.test(words[1] ?? ''))
      e.absent.add(words[1]);
    else if (words[1] === 'ERROR') e.errors.add(words[0]);
    else if (words[1] === 'WARNING') e.warnings.add(words[0]);
    else throw new Error(`unreadable expectation: ${line}`);
  }
  return e;
}

async function lint(file: string) {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const json = await parse(file, text);
  const findings = checkResources(resourcesFromSynth(file, json)).filter(
    (f) => f.suppressedBecause === undefined,
  );
  return { text, findings };
}

const describeFinding = (f: { rule: string; level: string; resource: { address: string } }) =>
  `${f.rule} ${f.level} ${f.resource.address}`;

test('the corpus has fixtures, each with a provenance line and an expectation', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(40);
  for (const f of FILES) {
    const text = fs.readFileSync(path.join(DIR, f), 'utf8');
    expect([f, /^# shape seen in \S+@[0-9a-f]{40}:/.test(text)]).toEqual([f, true]);
    expect([f, /\(applied by that project's tests: [^)]/.test(text)]).toEqual([f, true]);
    const e = expectationsOf(text);
    expect([f, e.noError || e.errors.size > 0]).toEqual([f, true]);
    expect([f, e.noError && e.errors.size > 0]).toEqual([f, false]);
    // What a project applies in its own tests, the platform accepted: no ERROR may be expected.
    if (/\(applied by that project's tests: yes/.test(text))
      expect([f, [...e.errors]]).toEqual([f, []]);
  }
});

describe.each(FILES)('%s', (file) => {
  test('lint says what the header expects', async () => {
    const { text, findings } = await lint(file);
    const e = expectationsOf(text);
    const errors = findings.filter((f) => f.level === RuleLevel.ERROR);
    const warnings = findings.filter((f) => f.level === RuleLevel.WARNING);
    // ERRORs exactly: none when none is expected, else the expected rules and no other.
    expect([...new Set(errors.map((f) => f.rule))].sort()).toEqual([...e.errors].sort());
    if (e.errors.size === 0) expect(errors.map(describeFinding)).toEqual([]);
    for (const rule of e.warnings)
      expect(warnings.filter((f) => f.rule === rule).map((f) => f.rule)).toContain(rule);
    if (e.noWarning) expect(warnings.map(describeFinding)).toEqual([]);
    for (const rule of e.absent)
      expect(findings.filter((f) => f.rule === rule).map(describeFinding)).toEqual([]);
  });
});
