import * as fs from 'fs';
import * as path from 'path';
import { RuleBasis, RuleLevel, RuleRegistry } from '../lib';
import { levelOnTerraform } from '../lib/checks/reporter';
import { renderRulesDoc } from '../scripts/rules-doc';
import { RULE_CASES, runCase } from './rule-cases';

const TAG = /\[rule ([A-Za-z0-9]+)\]$/;

describe.each(Object.keys(RULE_CASES))('rule %s', (id) => {
  const rule = RuleRegistry.find(id);
  const { fail, pass } = RULE_CASES[id];

  test.each(fail.map((c) => [c.name, c] as const))('fails: %s', (_name, c) => {
    const { errors, warnings } = runCase(c);
    const mine = [...errors, ...warnings].filter((m) => m.endsWith(`[rule ${id}]`));
    expect(mine).not.toEqual([]);
    if (c.expect) expect(mine.join('\n')).toMatch(c.expect);
    // The whole text (value, problem, allowed, fix) of every message is pinned, so a refactor
    // of the rules cannot change what users read without this diff being reviewed.
    expect(mine).toMatchSnapshot();
    // Every message names the value, what is allowed and the fix, and ends with a known rule.
    for (const m of [...errors, ...warnings].filter((x) => TAG.test(x))) {
      expect(m).toMatch(/\(allowed: .+\); fix: .+ \[rule [A-Za-z0-9]+\]$/);
      expect(RuleRegistry.has(TAG.exec(m)![1])).toBe(true);
      expect(m).not.toMatch(/\bseed\b|§|catalogue/);
    }
    // A rule that only warns never fails the synth, and the reverse.
    if (!rule!.levels.includes(RuleLevel.ERROR))
      expect(errors.filter((m) => TAG.test(m))).toEqual([]);
    if (!rule!.levels.includes(RuleLevel.WARNING)) {
      expect(warnings.filter((m) => m.endsWith(`[rule ${id}]`))).toEqual([]);
    }
  });

  test.each(pass.map((c) => [c.name, c] as const))('passes: %s', (_name, c) => {
    const { errors, warnings } = runCase(c);
    expect(errors).toEqual([]);
    expect(warnings.filter((m) => m.endsWith(`[rule ${id}]`))).toEqual([]);
  });
});

describe('the rule registry', () => {
  const ids = RuleRegistry.all().map((r) => r.id);

  test('levels mean something: every level of every rule stands on a stated basis', () => {
    const errorBases = [
      RuleBasis.REFUSED,
      RuleBasis.BROKEN_PATH,
      RuleBasis.CONTRACT,
      RuleBasis.STANDARD,
    ];
    const warningBases = [RuleBasis.IGNORED, RuleBasis.RISKY, RuleBasis.STANDARD];
    const wrong: string[] = [];
    for (const r of RuleRegistry.all()) {
      const has = (bases: RuleBasis[]) => r.basis.some((b) => bases.includes(b));
      const error = r.levels.includes(RuleLevel.ERROR);
      const warning = r.levels.includes(RuleLevel.WARNING);
      if (r.basis.length === 0) wrong.push(`${r.id}: no basis`);
      // An ERROR needs a refusal, a broken path, the constructs' contract or a standard.
      if (error && !has(errorBases)) wrong.push(`${r.id}: ERROR without a basis for it`);
      // A WARNING needs something the platform accepts: ignored, risky, short of a standard.
      if (warning && !has(warningBases)) wrong.push(`${r.id}: WARNING without a basis for it`);
      // A refusal or a broken path is an ERROR; what is accepted is reported as a WARNING
      // on Terraform others wrote (lint, the Aspect), so the rule must list both.
      if (has([RuleBasis.REFUSED, RuleBasis.BROKEN_PATH]) && !error)
        wrong.push(`${r.id}: refused or broken, but never an ERROR`);
      if (has(warningBases) && !warning) wrong.push(`${r.id}: accepted, but never a WARNING`);
      // A security rule names the standard it implements.
      if (
        has([RuleBasis.STANDARD]) &&
        !/CIS|Pod Security Standards|OWASP|NIST/.test(r.standard ?? '')
      )
        wrong.push(`${r.id}: STANDARD without the standard it implements`);
      if (!has([RuleBasis.STANDARD]) && r.standard !== undefined)
        wrong.push(`${r.id}: a standard, but no STANDARD basis`);
    }
    expect(wrong).toEqual([]);
  });

  test('on plain Terraform an ERROR is only what the platform refuses or what cannot work', () => {
    const v = { attribute: 'a', value: 'v', problem: 'p', allowed: 'x', fix: 'f' };
    expect(levelOnTerraform({ ...v, rule: 'B2' }, RuleLevel.ERROR)).toBe(RuleLevel.ERROR);
    expect(levelOnTerraform({ ...v, rule: 'K8' }, RuleLevel.ERROR)).toBe(RuleLevel.ERROR);
    // Accepted by the platform: ignored, short of a standard, or only the constructs' contract.
    expect(levelOnTerraform({ ...v, rule: 'S6' }, RuleLevel.ERROR)).toBe(RuleLevel.WARNING);
    expect(levelOnTerraform({ ...v, rule: 'X4' }, RuleLevel.ERROR)).toBe(RuleLevel.WARNING);
    expect(levelOnTerraform({ ...v, rule: 'W8' }, RuleLevel.ERROR)).toBe(RuleLevel.WARNING);
    // A violation may carry its own basis where a rule has several (S5, X2).
    const ignored = { ...v, rule: 'S5', basis: RuleBasis.IGNORED };
    expect(levelOnTerraform(ignored, RuleLevel.ERROR)).toBe(RuleLevel.WARNING);
    expect(levelOnTerraform({ ...v, rule: 'S5' }, RuleLevel.ERROR)).toBe(RuleLevel.ERROR);
    const refused = { ...v, rule: 'X2', basis: RuleBasis.REFUSED };
    expect(levelOnTerraform(refused, RuleLevel.ERROR)).toBe(RuleLevel.ERROR);
    // Warnings stay warnings.
    expect(levelOnTerraform({ ...v, rule: 'B2' }, RuleLevel.WARNING)).toBe(RuleLevel.WARNING);
  });

  test('every rule has at least one failing and one passing case', () => {
    const missing = ids.filter(
      (id) =>
        !RULE_CASES[id] || RULE_CASES[id].fail.length === 0 || RULE_CASES[id].pass.length === 0,
    );
    expect(missing).toEqual([]);
    expect(Object.keys(RULE_CASES).filter((id) => !RuleRegistry.has(id))).toEqual([]);
  });

  test('every rule id the code reports is in the registry', () => {
    const used = new Set<string>();
    const walk = (dir: string): void => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('rule-registry.ts')) {
          // Mutation runs read instrumented copies: `'S1'` becomes `stryMutAct_…(…), 'S1')`.
          const src = fs
            .readFileSync(p, 'utf8')
            .replace(/stryMutAct_\w+\("\d+"\) \? (""|``) : \(stryCov_\w+\("\d+"\), /g, '');
          for (const m of src.matchAll(/rule: '([A-Za-z0-9]+)'/g)) used.add(m[1]);
          for (const m of src.matchAll(/check(?:Int)?Range\(\s*'([A-Za-z0-9]+)'/g)) used.add(m[1]);
          for (const m of src.matchAll(/checkDurationSeconds\(\s*'([A-Za-z0-9]+)'/g))
            used.add(m[1]);
        }
      }
    };
    walk(path.join(__dirname, '..', 'lib'));
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((id) => !RuleRegistry.has(id))).toEqual([]);
    // And the reverse: no registry entry that nothing reports.
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });

  test('ids are unique, every rule has a title, checks, an https source and enforcers', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RuleRegistry.all()) {
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.checks.length).toBeGreaterThan(20);
      expect(r.source).toMatch(/^https:\/\//);
      expect(r.enforcedBy.length).toBeGreaterThan(0);
      expect(r.levels.length).toBeGreaterThan(0);
    }
  });

  test('docs/RULES.md is generated from the registry and current (npm run docs:rules)', () => {
    const file = fs.readFileSync(path.join(__dirname, '..', 'docs', 'RULES.md'), 'utf8');
    expect(file).toBe(renderRulesDoc());
    for (const id of ids) expect(file).toContain(`### ${id}\n`);
  });
});
