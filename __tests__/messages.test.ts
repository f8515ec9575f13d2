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
import {
  AffinityBackendService,
  AffinityBackendServiceProps,
  AffinityChecks,
  BackendProtocol,
  DrainingPolicy,
  Duration,
  GkeFrontend,
  GlobalHttpsFrontend,
  GuacamoleWebTier,
  GuacamoleWebTierProps,
  GuacdStatefulPool,
  HealthCheck,
  LoadBalancingScheme,
  RuleRegistry,
  RuleViolation,
  SessionAffinity,
  SessionAffinityType,
  ZonalBackendGroup,
} from '../lib';
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

describe('what a new user got wrong in the first hour (issue 21)', () => {
  // Mistakes made while building the README's apps from the packed tarball: each message
  // names the value given and a fix that is right for it, in the caller's terms.
  const service = (p: Partial<AffinityBackendServiceProps>) => (s: TerraformStack) =>
    new AffinityBackendService(s, 'web', {
      name: 'web-backend',
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
      protocol: BackendProtocol.HTTPS,
      sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }),
      draining: DrainingPolicy.of(Duration.seconds(60)),
      healthCheck: HealthCheck.https({ port: 443, requestPath: '/health' }),
      ...p,
    });
  const web = { 'app.kubernetes.io/name': 'guacamole' };
  const webTier = (p: Partial<GuacamoleWebTierProps>) => (s: TerraformStack) =>
    new GuacamoleWebTier(s, 'web', {
      guacd: new GuacdStatefulPool(s, 'guacd', { webPodSelector: web }),
      frontend: GkeFrontend.INGRESS,
      ...p,
    });
  const messages = (build: (s: TerraformStack) => void) =>
    runConstructCase(build).map((v) => formatViolation('', v));
  const warnings = (build: (s: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new GoogleProvider(stack, 'google', { project: 'p' });
    new KubernetesProvider(stack, 'kubernetes', {});
    build(stack);
    return stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === '@cdktf/warn')
      .map((m) => String(m.data));
  };
  const lint = (resource: Record<string, unknown>) =>
    checkResources(resourcesFromSynth('s', { resource })).map((f) => formatViolation('', f));

  test('a scheme or protocol in lower case (plain JavaScript) gets the enum member, not another scheme', () => {
    expect(
      messages(service({ protocol: 'https' as unknown as BackendProtocol })).join('\n'),
    ).toMatch(/protocol https .*; fix: use BackendProtocol\.HTTPS \(the values are upper case\)/);
    expect(
      messages(
        service({ loadBalancingScheme: 'external_managed' as unknown as LoadBalancingScheme }),
      ).join('\n'),
    ).toMatch(/fix: use LoadBalancingScheme\.EXTERNAL_MANAGED \(the values are upper case\)/);
    const api = {
      google_compute_backend_service: {
        api: { name: 'api', load_balancing_scheme: 'EXTERNAL', protocol: 'https' },
      },
    };
    expect(lint(api).join('\n')).toMatch(
      /fix: set protocol = "HTTPS" \(the values are upper case\)/,
    );
  });

  test('a protocol the scheme refuses: the fix names the scheme that takes it', () => {
    const ilb = service({
      region: 'us-west1',
      loadBalancingScheme: LoadBalancingScheme.INTERNAL,
      protocol: BackendProtocol.HTTP,
    });
    expect(messages(ilb).join('\n')).toMatch(
      /fix: for HTTP use loadBalancingScheme: LoadBalancingScheme\.EXTERNAL_MANAGED or LoadBalancingScheme\.INTERNAL_MANAGED; otherwise use a protocol INTERNAL accepts \[rule B2\]/,
    );
    expect(messages(service({ protocol: BackendProtocol.UDP })).join('\n')).toMatch(
      /fix: for UDP set region and use loadBalancingScheme: LoadBalancingScheme\.EXTERNAL or LoadBalancingScheme\.INTERNAL;/,
    );
    const l1 = {
      google_compute_region_backend_service: {
        ilb: {
          name: 'ilb',
          region: 'us-west1',
          load_balancing_scheme: 'INTERNAL',
          protocol: 'HTTP',
        },
      },
    };
    expect(lint(l1).join('\n')).toMatch(
      /fix: for HTTP set load_balancing_scheme = "EXTERNAL_MANAGED" or "INTERNAL_MANAGED"; otherwise use a protocol INTERNAL accepts/,
    );
  });

  test('a regional service behind the global frontend: the fix is only what differs', () => {
    const text = messages((s) => {
      const svc = service({ region: 'us-west1' })(s);
      new GlobalHttpsFrontend(s, 'fe', {
        name: 'web',
        defaultService: svc,
        managedCertificateDomains: ['web.example.com'],
      });
    }).join('\n');
    expect(text).toMatch(/fix: give web-backend no region \(this frontend is global\), or route/);
    expect(text).not.toMatch(/give web-backend loadBalancingScheme/);
  });

  test('a TTL on CLIENT_IP: the fix repeats the TTL as the caller wrote it', () => {
    const ttl = service({
      sessionAffinity: SessionAffinity.fromType(SessionAffinityType.CLIENT_IP, {
        ttl: Duration.minutes(30),
      }),
    });
    expect(messages(ttl).join('\n')).toMatch(
      /sessionAffinity\.ttl 30 minutes \(1800s\) .*use SessionAffinity\.generatedCookie\(\{ ttl: Duration\.minutes\(30\) \}\)/,
    );
  });

  test('a percentage given as a CPU target: the fix is the fraction', () => {
    const group = (s: TerraformStack) =>
      new ZonalBackendGroup(s, 'group', {
        name: 'web',
        zone: 'us-west1-a',
        instanceTemplate: 'projects/p/global/instanceTemplates/t',
        autoscaling: { minReplicas: 1, maxReplicas: 5, cpuTarget: 70 },
      });
    expect(messages(group).join('\n')).toMatch(
      /autoscaling\.cpuTarget 70 is out of range .*fix: use 0\.7 \(a fraction: 70 % is 0\.7\) \[rule M3\]/,
    );
  });

  test('a URL given as the host: the fix is its host name', () => {
    expect(
      messages(webTier({ host: 'https://desktop.example.com/guacamole/' })).join('\n'),
    ).toMatch(/fix: use host: "desktop\.example\.com" \[rule W10\]/);
  });

  test('an affinity GKE cannot express is said once (W1), with no fix about schemes', () => {
    const text = messages(
      webTier({ sessionAffinity: SessionAffinity.httpCookie({ name: 'GUAC' }) }),
    );
    expect(text).toHaveLength(1);
    expect(text[0]).toMatch(/\[rule W1\]$/);
  });

  test("a pods' drain above an hour speaks of draining, the prop given", () => {
    const text = warnings(webTier({ draining: DrainingPolicy.of(Duration.hours(2)) })).join('\n');
    expect(text).toMatch(
      /draining 2 hours \(7200s\) is longer than a GKE load balancer can drain .*fix: use draining: DrainingPolicy\.of\(Duration\.hours\(1\)\)/,
    );
    expect(text).not.toMatch(/1 hours/);
  });

  test('a backend timeout shorter than the drain: allowed and the fix agree on an hour', () => {
    const text = warnings(
      webTier({
        draining: DrainingPolicy.of(Duration.minutes(45)),
        backendTimeout: Duration.seconds(60),
      }),
    ).join('\n');
    expect(text).toMatch(
      /backendTimeout 60s is shorter than the pods' drain .*\(allowed: 3600s or more: at least the drain \(2700s\) and an hour for a desktop session\); fix: use backendTimeout: Duration\.seconds\(3600\) or more/,
    );
  });

  test('replicas: no int32 bound unless the value passes it (the README says no maximum)', () => {
    const pool = (replicas: number) => (s: TerraformStack) =>
      new GuacdStatefulPool(s, 'guacd', { webPodSelector: web, replicas });
    expect(messages(pool(-1)).join('\n')).toMatch(/allowed: a whole number of 0 or more\)/);
    expect(messages(pool(2 ** 31)).join('\n')).toMatch(
      /allowed: a whole number in 0\.\.2147483647/,
    );
  });

  test('H9 with no firewall rule in the configuration: write one, or suppress', () => {
    const hc = {
      google_compute_health_check: {
        hc: { name: 'hc', https_health_check: { port: 443 } },
      },
      google_compute_backend_service: {
        web: {
          name: 'web',
          load_balancing_scheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          connection_draining_timeout_sec: 60,
          health_checks: ['${google_compute_health_check.hc.id}'],
        },
      },
    };
    const text = lint(hc).filter((m) => m.includes('[rule H9]'));
    expect(text.length).toBeGreaterThan(0);
    for (const m of text) {
      expect(m).toMatch(
        /fix: add such a rule .*, or, if a rule outside this configuration admits it, suppress H9 here/,
      );
      expect(m).not.toMatch(/allowed ports of the probe firewall rule/);
    }
  });
});
