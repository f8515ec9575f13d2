/**
 * Every rule's message, for each evaluator, follows one template (issue 21): the construct path
 * or Terraform address, then attribute, value given, problem, what is allowed, and the fix, with
 * nothing said twice, bounds written as people write them, "allowed" never contradicting the
 * problem, and the fix in the caller's own words: construct props for the constructs,
 * Terraform attributes for the Aspect on plain resources and for lint.
 */
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { AffinityChecks, RuleRegistry, RuleViolation } from '../lib';
import { nearestRuleId } from '../lib/core/rule-registry';
import { ValidationError, formatViolation } from '../lib/core/errors';
import { checkResources } from '../lib/checks/resource-checks';
import { resourcesFromSynth } from '../lib/terraform/resource';
import { RULE_CASES } from './rule-cases';
import { LINT_CASES } from './lint-cases';

/** A plain attribute path: names joined by dots, with `[index]` or `["key"]` subscripts. */
const ATTRIBUTE_PATH = /^[A-Za-z_]\w*(\[[^\]\s()]+\]|\.[A-Za-z_]\w*)*$/;

/** The template's defects in one violation (empty when it follows the template). */
function templateDefects(v: RuleViolation): string[] {
  const d: string[] = [];
  for (const part of ['attribute', 'value', 'problem', 'allowed', 'fix'] as const)
    if (typeof v[part] !== 'string' || v[part].trim() === '') d.push(`empty ${part}`);
  if (d.length > 0) return d;
  // The attribute is a plain attribute path (`backends[0].maxRate`, `webPodSelector["app"]`),
  // with no words, spaces or parentheses: context (which group, which pods) goes elsewhere.
  if (!ATTRIBUTE_PATH.test(v.attribute)) d.push(`attribute ${v.attribute} is not a plain path`);
  // The value is a value: not a placeholder such as "(none)" (an unset one is "not set").
  if (/^\(none\b/.test(v.value)) d.push(`the value ${v.value} is a placeholder`);
  // Bounds as people write them: never the largest safe integer or Infinity as a limit.
  const said = `${v.problem} ${v.allowed} ${v.fix}`;
  if (/9007199254740991/.test(said)) d.push('a bound of 2^53-1');
  if (/Infinity/.test(said)) d.push('a bound of Infinity');
  // "Allowed" never offers the value the problem refuses (`STICKY ... allowed: NONE, STICKY`).
  const bare = v.value.replace(/^"(.*)"$/, '$1');
  const options = v.allowed.split(/,\s*|\s+or\s+/).map((o) => o.trim());
  if (/^[A-Z][A-Z0-9_]+$/.test(bare) && options.includes(bare))
    d.push(`allowed offers ${bare}, the value the problem refuses`);
  // Nothing said twice: the value is given once, in its place, not again in the problem.
  const quoted = /^".*"$/.test(v.value);
  const escaped = v.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const again = quoted
    ? v.problem.includes(v.value) || v.problem.includes(v.value.slice(1, -1) + '-')
    : new RegExp(`(^|[^\\w.-])${escaped}($|[^\\w.-])`).test(v.problem);
  if (v.value.length >= 3 && !/^(not set|\(missing\)|none)$/.test(v.value) && again)
    d.push(`the problem repeats the value ${v.value}`);
  // A list of what is allowed is not repeated as the fix.
  if (v.allowed.includes(', ') && v.fix.includes(v.allowed)) d.push('the fix repeats allowed');
  // "(missing)" is said only of a value that is missing, and "allowed" agrees with the type named.
  if (v.value === '(missing)' && !v.problem.startsWith('is required'))
    d.push('"(missing)" for a value that is there');
  const notA = /^is not (an? [A-Za-z]+)$/.exec(v.problem);
  if (v.rule === 'P1' && notA && !v.allowed.startsWith(notA[1]))
    d.push(`problem says "${v.problem}", allowed says "${v.allowed}"`);
  // One line.
  if (/\n/.test(formatViolation('', v))) d.push('more than one line');
  return d;
}

/** Construct API and props in a text meant for people who write Terraform. */
function constructWords(text: string, manifest: boolean): string[] {
  const found: string[] = [];
  // A pointer to the construct that does it for you, e.g. "(LoadBalancerFirewall does)", is fine.
  const t = text.replace(/\([^()]*\b[A-Z][a-z]+[A-Z]\w*[^()]*\)/g, '').replace(/"[^"]*"/g, '""');
  for (const m of t.matchAll(
    /\b(Duration|DrainingPolicy|SessionAffinity|HealthCheck|BalancingMode|LocalityLbPolicy|LoadBalancingScheme|GkeFrontend|SslProfile|InstanceGroup)\.\w+/g,
  ))
    found.push(m[0]);
  // Provider schemas are snake_case; a camelCase word there is a construct prop. Manifests
  // (BackendConfig, GCPBackendPolicy) have camelCase fields of their own.
  if (!manifest) for (const m of t.matchAll(/\b[a-z]+[A-Z]\w*\b/g)) found.push(m[0]);
  return found;
}

/** snake_case words that are not Terraform attributes (a Cloud Monitoring resource type). */
const NOT_ATTRIBUTES = new Set(['https_lb_rule']);

/** Terraform attribute names (snake_case) in a text meant for people who write construct props. */
function terraformWords(text: string): string[] {
  // Quoted values (`"GENERATED_COOKIE"`, 'X-Tenant') and enum members are not attribute names.
  const t = text.replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '""');
  return [...t.matchAll(/\b[a-z][a-z0-9]*(_[a-z0-9]+)+\b/g)]
    .map((m) => m[0])
    .filter((w) => !NOT_ATTRIBUTES.has(w));
}

function runConstructCase(build: (s: TerraformStack) => void): RuleViolation[] {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'p' });
  new KubernetesProvider(stack, 'kubernetes', {});
  try {
    build(stack);
    Testing.synth(stack, true);
  } catch (e) {
    if (ValidationError.isValidationError(e)) return e.violations;
    throw e;
  }
  return [];
}

describe('constructs: the messages they throw', () => {
  const cases = Object.entries(RULE_CASES).flatMap(([id, { fail }]) =>
    fail.map((c) => [`${id}: ${c.name}`, id, c.build] as const),
  );
  test.each(cases)('%s', (_name, id, build) => {
    const mine = runConstructCase(build).filter((v) => v.rule === id);
    expect(mine.map((v) => [formatViolation('', v), templateDefects(v)])).toEqual(
      mine.map((v) => [formatViolation('', v), []]),
    );
    // Problem, allowed and fix are in construct props, not in the provider's attribute names.
    const text = (v: RuleViolation) => `${v.problem} | ${v.allowed} | ${v.fix}`;
    expect(mine.map((v) => [text(v), terraformWords(text(v))])).toEqual(
      mine.map((v) => [text(v), []]),
    );
  });
});

/** A message as an annotation carries it (`attribute value problem (allowed: …); fix: … [rule X] url`). */
function parseAnnotation(text: string): RuleViolation | undefined {
  const m = /^(\S+) (.*) \(allowed: (.*)\); fix: (.*) \[rule (\w+)\] \S+$/.exec(text);
  if (!m) return undefined;
  // Value and problem cannot be told apart in the text: the whole rest stands for the problem.
  return { attribute: m[1], value: '', problem: m[2], allowed: m[3], fix: m[4], rule: m[5] };
}

describe('constructs and the Aspect: the messages they record as warnings and errors', () => {
  // The annotations of each failing case: the constructs' warnings (in props), and the Aspect's
  // findings on plain provider resources (in Terraform attributes).
  const cases = Object.entries(RULE_CASES).flatMap(([id, { fail }]) =>
    fail.map((c) => [`${id}: ${c.name}`, id, c.build] as const),
  );
  test.each(cases)('%s', (_name, id, build) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'p' });
    new KubernetesProvider(stack, 'kubernetes', {});
    try {
      build(stack);
      Testing.synth(stack, true);
    } catch (e) {
      if (!ValidationError.isValidationError(e)) throw e;
    }
    const defects: string[] = [];
    for (const c of stack.node.findAll())
      for (const m of c.node.metadata) {
        if (m.type !== '@cdktf/warn' && m.type !== '@cdktf/error') continue;
        const text = String(m.data);
        const v = parseAnnotation(text);
        if (!v) {
          if (text.includes(`[rule ${id}]`)) defects.push(`not in the template: ${text}`);
          continue;
        }
        if (v.rule !== id) continue;
        const words =
          c instanceof TerraformResource
            ? constructWords(
                `${v.allowed} | ${v.fix}`,
                c.terraformResourceType === 'kubernetes_manifest',
              )
            : terraformWords(v.fix);
        const found = [
          ...(ATTRIBUTE_PATH.test(v.attribute) ? [] : ['attribute is not a plain path']),
          ...(/^\(none\b/.test(v.problem) ? ['the value is a placeholder'] : []),
          ...(/9007199254740991|Infinity/.test(`${v.allowed} ${v.fix}`)
            ? ['a bound of 2^53-1 or Infinity']
            : []),
          ...words.map((w) => `${w} is not in the reader's terms`),
        ];
        if (found.length > 0) defects.push(`${text}: ${found.join(', ')}`);
      }
    expect(defects).toEqual([]);
  });
});

describe('the Aspect and lint: the messages on plain Terraform', () => {
  const checked = RuleRegistry.all()
    .filter((r) => r.enforcedBy.some((e) => e.includes('affinity-review lint')))
    .map((r) => r.id)
    // A1 is about the suppression call in the app, not about a resource.
    .filter((id) => id !== 'A1');

  test('every rule the Aspect and lint enforce has a failing plain-Terraform case', () => {
    expect(checked.filter((id) => !LINT_CASES[id])).toEqual([]);
    expect(Object.keys(LINT_CASES).filter((id) => !checked.includes(id))).toEqual([]);
  });

  const cases = Object.entries(LINT_CASES).flatMap(([id, list]) =>
    list.map((resource, i) => [`${id} #${i + 1}`, id, resource] as const),
  );
  test.each(cases)('%s', (_name, id, resource) => {
    const findings = checkResources(
      resourcesFromSynth('s', { resource: JSON.parse(JSON.stringify(resource)) }),
    ).filter((f) => f.rule === id);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      const text = `${f.resource.address}: ${formatViolation('', f)}`;
      const manifest = f.resource.type === 'kubernetes_manifest';
      expect([text, templateDefects(f)]).toEqual([text, []]);
      expect([text, constructWords(`${f.allowed} | ${f.fix}`, manifest)]).toEqual([text, []]);
    }
  });
});

describe('the checks of the template can fail', () => {
  const ok: RuleViolation = {
    rule: 'T1',
    attribute: 'connection_draining_timeout_sec',
    value: '7200',
    problem: 'is out of range',
    allowed: '0..3600',
    fix: 'set connection_draining_timeout_sec to at most 3600',
  };
  test.each([
    [{ allowed: '0..9007199254740991' }, /2\^53-1/],
    [{ value: '"ig-1"', problem: 'is "ig-1", which is not a list' }, /repeats the value/],
    [{ value: '(missing)', problem: 'is not an object' }, /"\(missing\)"/],
    [
      { rule: 'P1', problem: 'is not an array', allowed: 'an object, e.g. [{ group }]' },
      /allowed says/,
    ],
    [{ allowed: 'A, B', fix: 'use one of A, B' }, /repeats allowed/],
    [{ attribute: 'backends[0] (g-a).maxRate' }, /not a plain path/],
    [{ attribute: 'maxRate / maxRatePerInstance' }, /not a plain path/],
    [{ value: '(none)' }, /placeholder/],
    [{ allowed: '0..Infinity' }, /Infinity/],
    [{ problem: 'needs 9007199254740991 pods' }, /2\^53-1/],
    [{ value: 'STICKY', allowed: 'NONE, CLIENT_IP or STICKY' }, /offers STICKY/],
  ] as const)('%j', (change, defect) => {
    expect(templateDefects(ok)).toEqual([]);
    expect(templateDefects({ ...ok, ...change }).join()).toMatch(defect);
  });
  test('Terraform words in a construct fix', () => {
    expect(terraformWords('set connection_draining_timeout_sec to 60')).toEqual([
      'connection_draining_timeout_sec',
    ]);
    expect(terraformWords('use SessionAffinity.header(\'X_Y\') or "A_B"')).toEqual([]);
  });
  test('construct words in a Terraform fix', () => {
    expect(constructWords('use DrainingPolicy.of(Duration.seconds(60))', false)).toEqual([
      'DrainingPolicy.of',
      'Duration.seconds',
    ]);
    expect(constructWords('remove localityLbPolicy', false)).toEqual(['localityLbPolicy']);
    expect(constructWords('set timeoutSec to 28800', true)).toEqual([]);
    expect(constructWords('add 443 (LoadBalancerFirewall does)', false)).toEqual([]);
  });
});

describe('an unknown rule id gets the nearest registry id', () => {
  const ids = RuleRegistry.all().map((r) => r.id);
  // Typos people make: lower case, I or l for 1, O for 0, a space.
  const typos = (id: string): string[] =>
    [
      id.toLowerCase(),
      id.replace(/1/g, 'I'),
      id.replace(/1/g, 'l'),
      id.replace(/0/g, 'O'),
      `${id[0]} ${id.slice(1)}`,
    ].filter((t) => t !== id);

  test.each(ids)('%s', (id) => {
    for (const typo of typos(id)) expect([typo, nearestRuleId(typo)]).toEqual([typo, id]);
  });

  test('the suppression names it in its fix, for every rule', () => {
    const fixes = ids.map((id) => {
      const stack = new TerraformStack(Testing.app(), 'test');
      try {
        AffinityChecks.suppress(stack, [{ id: id.toLowerCase(), reason: 'r' }]);
      } catch (e) {
        if (ValidationError.isValidationError(e)) return [id, e.violations[0].fix];
      }
      return [id, 'no error'];
    });
    expect(fixes).toEqual(ids.map((id) => [id, `did you mean ${id}? use id: '${id}'`]));
  });
});
