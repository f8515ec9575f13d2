import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { Duration, SessionAffinity } from '../lib';
import {
  BackendServiceEntry,
  Finding,
  StatefulSetEntry,
  compareInventories,
  runReview,
} from '../lib/review';
import { buildMcpDeployment } from '../stacks/mcp';
import { GuacdClusterStack } from '../stacks/guacd-cluster-stack';
import { GUACD_CLUSTERS, GuacdClusterTopology } from '../stacks/guacd-topology';
import { McpTopology, mcpTopology } from '../stacks/topology';
import { synthApp } from './helpers';
import { runLint } from '../lib/review/lint';

const fixtures = path.join(__dirname, 'fixtures');

function synthAll(topology: McpTopology, clusters: GuacdClusterTopology[]): string {
  return synthApp((app: App) => {
    buildMcpDeployment(app, topology);
    for (const c of clusters) new GuacdClusterStack(app, `guacd-${c.cluster}`, c);
  }).outdir;
}

// The reference deployment, and a changed copy of it (what a pull request might do).
const reference = mcpTopology();
const changedTopology: McpTopology = {
  ...reference,
  regions: reference.regions.filter((r) => r.region !== 'us-central1'),
  services: reference.services.map((s) => {
    switch (s.id) {
      case 'mcp':
        return { ...s, draining: Duration.seconds(0) };
      case 'vls':
        return { ...s, affinity: SessionAffinity.none() };
      case 'sao':
        return {
          ...s,
          affinity: SessionAffinity.strongCookie({
            name: 'SAO_ADMIN_SESSION',
            path: '/',
            ttl: Duration.seconds(3600),
          }),
        };
      case 'voice':
        return { ...s, draining: Duration.seconds(90), healthCheckPath: '/healthz' };
      default:
        return s;
    }
  }),
};
const changedClusters = GUACD_CLUSTERS.map((c) =>
  c.cluster === 'tutorpro360-classroom'
    ? { ...c, replicas: 2, sessionAffinityTimeout: Duration.seconds(1800) }
    : c,
);
let base: string;
let changed: string;
beforeAll(() => {
  base = synthAll(reference, GUACD_CLUSTERS);
  changed = synthAll(changedTopology, changedClusters);
  // A construct rename: same GCP name, new Terraform address (destroy + create).
  const file = path.join(changed, 'stacks', 'mcp-global', 'cdk.tf.json');
  const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
  const services = tf.resource.google_compute_backend_service;
  const old = Object.keys(services).find((k) => k.startsWith('personality_'))!;
  services[old.replace('personality_', 'personality-v2_')] = services[old];
  delete services[old];
  fs.writeFileSync(file, JSON.stringify(tf));
});

const review = (...args: string[]) => runReview(args);
const json = (...args: string[]): { summary: Record<string, number>; findings: Finding[] } =>
  JSON.parse(review(...args, '--format', 'json').stdout);
const find = (findings: Finding[], subject: string, change: RegExp) =>
  findings.find((f) => f.subject.includes(subject) && change.test(f.change));

describe('affinity-review inventory', () => {
  test('lists every backend service with TTL, draining and health check, and exits 0', () => {
    const r = review(base);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /mcp-backend-global \[mcp-global\] EXTERNAL_MANAGED HTTPS\n\s+affinity GENERATED_COOKIE, ttl 1800s; draining 60s\n\s+health check HTTPS :443 \/health\?source=lb&check=personality 5s\/5s\n\s+backends mcp-group-us-west1-a \(us-west1-a\) x1/,
    );
    expect(r.stdout).toMatch(
      /vls-backend-global .*\n\s+affinity STRONG_COOKIE_AFFINITY, ttl 3600s; draining 30s/,
    );
    expect(r.stdout).toMatch(/mcp-group-us-central1-a \(us-central1-a\) x0/);
    expect(r.stdout).toMatch(
      /guacamole\/guacd-service \[guacd-tutorpro360-classroom\]\n\s+ClusterIP, affinity ClientIP 3600s/,
    );
    expect(r.stdout).toMatch(
      /guacamole\/guacd-stateful \[guacd-tutorpro360-classroom\]\n\s+replicas 3, grace 1815s, preStop drain up to 1800s, PDB maxUnavailable 1/,
    );
    expect(r.stdout).toMatch(
      /(mcp-group|mcp-mig)-europe-west1-b \(europe-west1-b\) \[mcp-europe-west1\]\n\s+target size unset, autoscaler 1\.\.\d+/,
    );
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });

  test('json and markdown inventories', () => {
    const inv = JSON.parse(review(base, '--format', 'json').stdout);
    const mcp = inv.entries.find((e: BackendServiceEntry) => e.name === 'mcp-backend-global');
    expect(mcp).toMatchObject({
      ttlSeconds: 1800,
      ttlSource: 'affinity_cookie_ttl_sec',
      drainingSeconds: 60,
      drainingImplicit: false,
      scheme: 'EXTERNAL_MANAGED',
    });
    expect(
      inv.entries.find((e: BackendServiceEntry) => e.name === 'sao-backend-global'),
    ).toMatchObject({ ttlSeconds: 7200, ttlSource: 'strong_session_affinity_cookie.ttl' });
    const md = review(base, '--format', 'markdown').stdout;
    expect(md).toMatch(/^## Affinity and draining inventory/);
    expect(md).toContain(
      '| mcp-global | mcp-backend-global | EXTERNAL_MANAGED | HTTPS | GENERATED_COOKIE | 1800s | 60s |',
    );
  });
});

describe('affinity-review --base', () => {
  let result: ReturnType<typeof json>;
  beforeAll(() => (result = json(changed, '--base', base)));

  test.each([
    ['mcp-backend-global', /connection_draining_timeout_sec 60 → 0/, 'high'],
    ['vls-backend-global', /session_affinity STRONG_COOKIE_AFFINITY → NONE/, 'high'],
    ['sao-backend-global', /affinity TTL 7200s → 3600s/, 'high'],
    [
      'mcp-personality-backend-global',
      /replaced \(address .*personality_backend-service.* → .*personality-v2_backend-service/,
      'high',
    ],
    ['mcp-backend-global', /backend mcp-group-us-central1-a \(us-central1-a\) removed/, 'high'],
    ['instance group mcp-group-us-central1-a', /removed/, 'high'],
    ['StatefulSet guacamole/guacd-stateful', /replicas 3 → 2/, 'high'],
    ['Service guacamole/guacd-stateful-2', /removed/, 'high'],
    // Open connections stay on their pod; only reconnections after the idle time move.
    ['Service guacamole/guacd-service', /ClientIP timeout 3600s → 1800s/, 'medium'],
    // A health check shows the fields that changed, on the health check itself.
    [
      'health check voice-health-check',
      /request_path \/health\?service=elevenlabs&check=voices → \/healthz/,
      'medium',
    ],
    ['voice-backend-global', /connection_draining_timeout_sec 45 → 90/, 'low'],
  ])('%s: %s is %s', (subject, change, risk) => {
    const f = find(result.findings, subject, change);
    expect(f).toBeDefined();
    expect(f!.risk).toBe(risk);
    expect(f!.consequence.length).toBeGreaterThan(10);
  });

  test('exit codes follow --fail-on', () => {
    expect(review(changed, '--base', base).code).toBe(1);
    expect(review(changed, '--base', base, '--fail-on', 'never').code).toBe(0);
    expect(review(base, '--base', base).code).toBe(0);
    expect(review(base, '--base', base).stdout).toMatch(/No change to sticky sessions or draining/);
    // Only a low change (longer draining): fails at low, passes at medium.
    const onlyLonger = synthAll(
      {
        ...reference,
        services: reference.services.map((s) =>
          s.id === 'voice' ? { ...s, draining: Duration.seconds(90) } : s,
        ),
      },
      GUACD_CLUSTERS,
    );
    expect(review(onlyLonger, '--base', base, '--fail-on', 'medium').code).toBe(0);
    expect(review(onlyLonger, '--base', base, '--fail-on', 'low').code).toBe(1);
  });

  test('text and markdown reports, highest risk first', () => {
    const text = review(changed, '--base', base).stdout;
    expect(text).toMatch(/^Affinity review: \d+ high, \d+ medium, \d+ low/);
    const lines = text.split('\n').filter((l) => /^(HIGH|MEDIUM|LOW) +/.test(l));
    const ranks = lines.map((l) => ['HIGH', 'MEDIUM', 'LOW'].indexOf(l.split(' ')[0]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    const md = review(changed, '--base', base, '--format', 'markdown').stdout;
    expect(md).toMatch(/^## Affinity review: /);
    expect(md).toContain('| risk | stack | what | change | consequence |');
  });

  test('the summary counts match the findings', () => {
    const counts = ['high', 'medium', 'low'].map(
      (r) => result.findings.filter((f) => f.risk === r).length,
    );
    expect([result.summary.high, result.summary.medium, result.summary.low]).toEqual(counts);
  });
});

describe('risk rules on single changes', () => {
  const bs = (over: Partial<BackendServiceEntry>): BackendServiceEntry => ({
    kind: 'backend-service',
    stack: 's',
    address: 'google_compute_backend_service.a',
    name: 'svc',
    scheme: 'EXTERNAL_MANAGED',
    protocol: 'HTTPS',
    affinity: 'HEADER_FIELD',
    affinityHeader: 'X-P',
    localityLbPolicy: 'RING_HASH',
    drainingSeconds: 60,
    drainingImplicit: false,
    backends: [{ group: 'g', balancingMode: 'RATE', capacityScaler: 1 }],
    ...over,
  });
  const sts = (over: Partial<StatefulSetEntry>): StatefulSetEntry => ({
    kind: 'statefulset',
    stack: 'c',
    address: 'kubernetes_stateful_set_v1.a',
    name: 'ns/guacd',
    replicas: 3,
    gracePeriodSeconds: 615,
    preStop: true,
    preStopDrainSeconds: 600,
    pdb: 'maxUnavailable 1',
    ...over,
  });
  const diff = (a: any, b: any) =>
    compareInventories(
      { stacks: ['s'], entries: [a], resources: [] },
      { stacks: ['s'], entries: [b], resources: [] },
    );
  const only = (a: any, b: any) => {
    const f = diff(a, b);
    expect(f).toHaveLength(1);
    return f[0];
  };

  test.each<[string, Partial<BackendServiceEntry>, Risk, RegExp]>([
    ['header changed', { affinityHeader: 'X-Q' }, 'high', /affinity header X-P → X-Q/],
    [
      'locality policy changed under affinity',
      { localityLbPolicy: 'MAGLEV' },
      'high',
      /locality_lb_policy RING_HASH → MAGLEV/,
    ],
    ['scheme changed', { scheme: 'EXTERNAL' }, 'high', /load_balancing_scheme/],
    [
      'draining from an explicit value to the provider default',
      { drainingSeconds: 300, drainingImplicit: true },
      'low',
      /60 → 300/,
    ],
    [
      'capacity scaler to 0',
      { backends: [{ group: 'g', balancingMode: 'RATE', capacityScaler: 0 }] },
      'high',
      /capacity_scaler 1 → 0/,
    ],
    [
      'balancing mode changed',
      { backends: [{ group: 'g', balancingMode: 'UTILIZATION', capacityScaler: 1 }] },
      'medium',
      /balancing_mode RATE → UTILIZATION/,
    ],
    [
      'backend added',
      { backends: [{ group: 'g', balancingMode: 'RATE', capacityScaler: 1 }, { group: 'h' }] },
      'medium',
      /backend h added/,
    ],
    ['protocol changed', { protocol: 'HTTP2' }, 'medium', /protocol HTTPS → HTTP2/],
  ])('backend service: %s', (_name, over, risk, change) => {
    const f = only(bs({}), bs(over));
    expect(f.risk).toBe(risk);
    expect(f.change).toMatch(change);
  });

  test('cookie TTL dropped to a session cookie is high', () => {
    const f = only(
      bs({ affinity: 'GENERATED_COOKIE', affinityHeader: undefined, ttlSeconds: 1800 }),
      bs({ affinity: 'GENERATED_COOKIE', affinityHeader: undefined, ttlSeconds: undefined }),
    );
    expect(f.risk).toBe('high');
  });

  test.each<[string, Partial<StatefulSetEntry>, Risk, RegExp]>([
    ['replicas down', { replicas: 2 }, 'high', /replicas 3 → 2/],
    ['replicas up', { replicas: 5 }, 'low', /replicas 3 → 5/],
  ])('StatefulSet: %s', (_name, over, risk, change) => {
    const f = only(sts({}), sts(over));
    expect(f.risk).toBe(risk);
    expect(f.change).toMatch(change);
  });

  test('instance group shrinking is high; new entries are low', () => {
    const mig = {
      kind: 'instance-group',
      stack: 'r',
      address: 'google_compute_instance_group_manager.a',
      name: 'g',
      zone: 'z',
      targetSize: 3,
    };
    expect(only(mig, { ...mig, targetSize: 1 }).risk).toBe('high');
    expect(only(mig, { ...mig, targetSize: 0 }).consequence).toMatch(/every VM is deleted/);
    expect(only(mig, { ...mig, targetSize: 5 }).consequence).not.toMatch(/no session moves/);
    const added = compareInventories(
      { stacks: [], entries: [], resources: [] },
      { stacks: ['r'], entries: [mig as any], resources: [] },
    );
    expect(added).toEqual([expect.objectContaining({ risk: 'low', change: 'added' })]);
  });
});

type Risk = 'high' | 'medium' | 'low';

describe('affinity-review --plan', () => {
  test('a replaced backend service (["delete","create"]) is high and exits 1', () => {
    const r = runReview([
      base,
      '--plan',
      path.join(fixtures, 'plan-replace-backend-service.json'),
      '--format',
      'json',
      '--fail-on',
      'high',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    // One row for the replaced resource, with the change that forces it.
    expect(out.findings).toEqual([
      expect.objectContaining({
        risk: 'high',
        stack: 'mcp-global',
        subject: 'backend service mcp-backend-global',
        change:
          'replaced (Terraform actions ["delete","create"]): load_balancing_scheme EXTERNAL → EXTERNAL_MANAGED',
      }),
    ]);
  });

  test('create-before-destroy replacement of a StatefulSet is high; a longer draining is low', () => {
    const r = runReview([
      base,
      '--plan',
      path.join(fixtures, 'plan-update-draining.json'),
      '--format',
      'json',
    ]);
    const out = JSON.parse(r.stdout);
    expect(
      find(
        out.findings,
        'StatefulSet guacamole/guacd-stateful',
        /replaced \(Terraform actions \["create","delete"\]\)/,
      )?.risk,
    ).toBe('high');
    expect(find(out.findings, 'voice-backend-global', /45 → 90/)?.risk).toBe('low');
    expect(r.code).toBe(1);
    expect(
      runReview([
        base,
        '--plan',
        path.join(fixtures, 'plan-update-draining.json'),
        '--fail-on',
        'never',
      ]).code,
    ).toBe(0);
  });
});

describe('bad input exits 2 with a one-line reason', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-'));
  const write = (name: string, text: string) => {
    const f = path.join(tmp, name);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };

  test.each<[string, () => string[], RegExp]>([
    ['missing directory', () => [path.join(tmp, 'nope')], /is not a directory/],
    ['no stacks', () => [fs.mkdtempSync(path.join(tmp, 'empty-'))], /has no stacks/],
    [
      'invalid stack JSON',
      () => [path.dirname(path.dirname(path.dirname(write('bad/stacks/x/cdk.tf.json', '{ nope'))))],
      /is not valid JSON/,
    ],
    ['missing base', () => [base, '--base', path.join(tmp, 'gone')], /is not a directory/],
    [
      'unreadable plan',
      () => [base, '--plan', path.join(tmp, 'gone.json')],
      /cannot read .*ENOENT/,
    ],
    [
      'invalid plan JSON',
      () => [base, '--plan', write('plan.json', 'not json')],
      /is not valid JSON/,
    ],
    [
      'unknown plan format major',
      () => [
        base,
        '--plan',
        write('plan2.json', JSON.stringify({ format_version: '2.0', resource_changes: [] })),
      ],
      /format_version 2.0; this tool reads major version 1/,
    ],
    ['not a plan', () => [base, '--plan', write('plan3.json', '{}')], /has no format_version/],
    ['unknown option', () => [base, '--color'], /unknown option --color/],
    [
      'bad format',
      () => [base, '--format', 'yaml'],
      /--format yaml is not one of text, markdown, json/,
    ],
    ['bad threshold', () => [base, '--fail-on', 'critical'], /--fail-on critical is not one of/],
    ['no synth dir', () => [], /missing <synth-dir>/],
    ['both base and plan', () => [base, '--base', base, '--plan', 'x'], /cannot be used together/],
  ])('%s', (_name, args, reason) => {
    const r = runReview(args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(reason);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

test('the reviewer and lint run without cdktf: it is never loaded, not even by the rules', () => {
  jest.isolateModules(() => {
    jest.doMock('cdktf', () => {
      throw new Error('cdktf was loaded');
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const review = require('../lib/review');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runLint } = require('../lib/review/lint');
    const fixture = path.join(__dirname, 'fixtures', 'lint', 'plan-mistakes.json');
    const lint = runLint([fixture, '--format', 'json']);
    expect(lint.stderr).toBe('');
    expect(JSON.parse(lint.stdout).findings.length).toBeGreaterThan(5);
    const plan = path.join(fixtures, 'plan-update-draining.json');
    const r = review.runReview([base, '--plan', plan, '--fail-on', 'never']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  jest.dontMock('cdktf');
});

describe('values the provider refuses, read from Terraform written by others', () => {
  // A negative or non-numeric number field must be reported (lint) or shown as written (review),
  // never crash a reader on a value class's own check ("internal error: Duration.seconds -5").
  const dirWith = (backend: Record<string, unknown>, interval: unknown) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refused-'));
    fs.mkdirSync(path.join(dir, 'stacks', 's'), { recursive: true });
    const json = {
      resource: {
        google_compute_health_check: {
          hc: { name: 'hc', check_interval_sec: interval, http_health_check: { port: 80 } },
        },
        google_compute_backend_service: {
          web: {
            name: 'web',
            load_balancing_scheme: 'EXTERNAL_MANAGED',
            protocol: 'HTTP',
            session_affinity: 'GENERATED_COOKIE',
            health_checks: ['${google_compute_health_check.hc.id}'],
            ...backend,
          },
        },
      },
    };
    fs.writeFileSync(path.join(dir, 'stacks', 's', 'cdk.tf.json'), JSON.stringify(json));
    return dir;
  };
  const lintOf = (dir: string) => {
    const r = runLint([dir, '--format', 'json']);
    return {
      code: r.code,
      stderr: r.stderr,
      findings: JSON.parse(r.stdout).findings.map(
        (f: any) => `${f.rule} ${f.attribute} ${f.value} ${f.problem}`,
      ),
    };
  };

  test('negative durations: lint reports each against its range, in Terraform terms', () => {
    const dir = dirWith(
      { affinity_cookie_ttl_sec: -5, connection_draining_timeout_sec: -1, timeout_sec: -2 },
      -3,
    );
    const r = lintOf(dir);
    expect(r.stderr).toBe('');
    expect(r.findings).toEqual(
      expect.arrayContaining([
        'S5 affinity_cookie_ttl_sec -5s is out of range',
        'T1 connection_draining_timeout_sec -1s is out of range',
        'T2 timeout_sec -2s is out of range',
        'H1 check_interval_sec -3s is out of range',
      ]),
    );
    const inv = review(dir, '--format', 'text');
    expect(inv.code).toBe(0);
    expect(inv.stdout).toMatch(/ttl -5s; draining -1s/);
  });

  test('text in a number field: "is not a number" in lint, shown as written by the reviewer', () => {
    const dir = dirWith(
      { affinity_cookie_ttl_sec: 'x', connection_draining_timeout_sec: 'soon' },
      'abc',
    );
    const r = lintOf(dir);
    expect(r.findings).toEqual(
      expect.arrayContaining([
        'S5 affinity_cookie_ttl_sec "x" is not a number',
        'T1 connection_draining_timeout_sec "soon" is not a number',
        'H1 check_interval_sec "abc" is not a number',
      ]),
    );
    const inv = review(dir, '--format', 'text');
    expect(inv.code).toBe(0);
    expect(inv.stdout).toMatch(/ttl "x" \(not a number\); draining "soon" \(not a number\)/);
    expect(inv.stdout).toMatch(/health check HTTP :80 "abc" \(not a number\)\/5s/);
  });

  test('text as a probe port: H6 in lint, shown as written by the reviewer (never a crash)', () => {
    const dir = dirWith({ connection_draining_timeout_sec: 60 }, 5);
    const file = path.join(dir, 'stacks', 's', 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.resource.google_compute_health_check.hc.http_health_check.port = 'eighty';
    fs.writeFileSync(file, JSON.stringify(json));
    const r = lintOf(dir);
    expect(r.stderr).toBe('');
    expect(r.findings).toContain('H6 port "eighty" is not a finite number');
    const inv = review(dir);
    expect(inv.code).toBe(0);
    expect(inv.stdout).toMatch(/health check HTTP :"eighty" \(not a number\) 5s\/5s/);
  });

  test('an interval from a variable is shown as unknown, not as the default 5 s', () => {
    const inv = review(dirWith({ connection_draining_timeout_sec: 60 }, '${var.interval}'));
    expect(inv.stdout).toMatch(
      /health check HTTP :80 \$\{var\.interval\} \(known after apply\)\/5s/,
    );
  });
});
