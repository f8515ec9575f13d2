/**
 * affinity-review on changes that restart, replace or re-route what holds a session: each
 * scenario is a real synth of a small deployment and of a changed copy, reviewed with --base.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ComputeInstanceTemplate } from '@cdktf/provider-google/lib/compute-instance-template';
import {
  AffinityBackendService,
  BackendProtocol,
  BalancingMode,
  DrainingPolicy,
  Duration,
  GlobalHttpsFrontend,
  GuacdStatefulPool,
  GuacdStatefulPoolProps,
  HealthCheck,
  LoadBalancerFirewall,
  LoadBalancingScheme,
  SessionAffinity,
  ZonalBackendGroup,
} from '../lib';
import { Finding, runReview } from '../lib/review';
import { drainScript } from '../lib/k8s/pod-draining';
import { synthApp } from './helpers';

interface Gcp {
  machineType?: string;
  opportunistic?: boolean;
  maxReplicas?: number;
  groups?: number;
  scaler?: number;
  affinity?: SessionAffinity;
  cookieName?: string;
  voiceRoute?: 'voice' | 'main';
  description?: string;
}

function gcp(app: App, o: Gcp = {}): void {
  const s = new TerraformStack(app, 'lb');
  new GoogleProvider(s, 'google', { project: 'p' });
  const template = new ComputeInstanceTemplate(s, 'template', {
    name: 'web-template',
    machineType: o.machineType ?? 'e2-standard-4',
    disk: [{ sourceImage: 'debian-cloud/debian-12', boot: true }],
    networkInterface: [{ network: 'default' }],
  });
  const groups = Array.from({ length: o.groups ?? 2 }, (_, i) => {
    const g = new ZonalBackendGroup(s, `group-${i}`, {
      name: `web-${i}`,
      zone: `us-west1-${'abc'[i]}`,
      instanceTemplate: template.id,
      autoscaling: { minReplicas: 1, maxReplicas: o.maxReplicas ?? 4 },
    });
    if (o.opportunistic) g.manager.addOverride('update_policy.type', 'OPPORTUNISTIC');
    return g;
  });
  const backends = groups.map((group, i) => ({
    group,
    balancingMode: BalancingMode.RATE,
    maxRatePerInstance: 100,
    capacityScaler: i === 0 ? (o.scaler ?? 1) : 1,
  }));
  const main = new AffinityBackendService(s, 'main', {
    name: 'main',
    loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
    protocol: BackendProtocol.HTTPS,
    description: o.description,
    healthCheck: HealthCheck.https({ port: 443, requestPath: '/health' }),
    sessionAffinity:
      o.affinity ??
      SessionAffinity.strongCookie({ name: o.cookieName ?? 'SESSION', ttl: Duration.hours(1) }),
    draining: DrainingPolicy.of(Duration.seconds(60)),
    backends,
  });
  const voice = new AffinityBackendService(s, 'voice', {
    name: 'voice',
    loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
    protocol: BackendProtocol.HTTPS,
    healthCheck: HealthCheck.https({ port: 443, requestPath: '/voice/health' }),
    sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(45) }),
    draining: DrainingPolicy.of(Duration.seconds(45)),
    backends: backends.map((b) => ({ ...b, capacityScaler: 1 })),
  });
  new GlobalHttpsFrontend(s, 'frontend', {
    name: 'web',
    defaultService: main,
    managedCertificateDomains: ['app.example.com'],
    hostRules: [
      {
        hosts: ['app.example.com'],
        pathMatcher: 'app',
        defaultService: main,
        pathRules: [{ paths: ['/voice/*'], service: o.voiceRoute === 'main' ? main : voice }],
      },
    ],
  });
  new LoadBalancerFirewall(s, 'firewall', {
    name: 'allow-probes',
    network: 'default',
    ports: [443],
    targetTags: ['web'],
  });
}

function k8s(
  app: App,
  p: Partial<GuacdStatefulPoolProps> = {},
  tweak?: (pool: GuacdStatefulPool) => void,
) {
  const s = new TerraformStack(app, 'cluster');
  new KubernetesProvider(s, 'kubernetes', {});
  const pool = new GuacdStatefulPool(s, 'guacd', {
    webPodSelector: { app: 'guacamole' },
    replicas: 3,
    draining: DrainingPolicy.of(Duration.minutes(10)),
    ...p,
  });
  tweak?.(pool);
}

function synth(
  o: Gcp = {},
  p: Partial<GuacdStatefulPoolProps> = {},
  tweak?: (pool: GuacdStatefulPool) => void,
): string {
  return synthApp((app) => {
    gcp(app, o);
    k8s(app, p, tweak);
  }).outdir;
}

let base: string;
beforeAll(() => {
  base = synth();
});

/**
 * The base synth, with the `lb` stack's Terraform edited by hand: the frontend refuses a closed
 * traffic path at synth (H9), so a head that closes it is Terraform someone else wrote.
 */
function editedBase(edit: (resource: Record<string, Record<string, any>>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edited-'));
  fs.cpSync(base, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const file = path.join(dir, manifest.stacks.lb.synthesizedStackPath);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json.resource);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return dir;
}
const onlyOf = (ofType: Record<string, any>) => {
  const all = Object.values(ofType);
  expect(all).toHaveLength(1);
  return all[0];
};

function review(dir: string, ...extra: string[]) {
  const r = runReview([dir, '--base', base, '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  return { code: r.code, ...(JSON.parse(r.stdout) as { findings: Finding[] }) };
}

const find = (findings: Finding[], subject: RegExp, change: RegExp) =>
  findings.find((f) => subject.test(f.subject) && change.test(f.change));

describe('affinity-review rates what restarts, replaces or re-routes sessions', () => {
  test.each<[string, () => string, RegExp, RegExp, string, RegExp]>([
    [
      'guacd image tag: rollout of every pod',
      () => synth({}, { image: 'guacamole/guacd:1.6.1' }),
      /StatefulSet guacamole\/guacd-stateful/,
      /pod template changed: rollout.*image/,
      'high',
      /guacd-stateful-2, guacd-stateful-1, guacd-stateful-0.*up to 600s of draining/,
    ],
    [
      'guacd resources: rollout',
      () => synth({}, { resources: { cpuLimit: '1' } }),
      /StatefulSet/,
      /pod template changed: rollout.*limits\.cpu 500m → 1/,
      'high',
      /one at a time/,
    ],
    [
      'a longer drain is a rollout too',
      () => synth({}, { draining: DrainingPolicy.of(Duration.minutes(20)) }),
      /StatefulSet/,
      /pod template changed: rollout/,
      'high',
      /drain changes 600s → 1200s/,
    ],
    [
      'podManagementPolicy cannot change in place: replacement',
      () =>
        synth({}, {}, (pool) =>
          pool.statefulSet.addOverride('spec.pod_management_policy', 'Parallel'),
        ),
      /StatefulSet/,
      /replaced: spec\.pod_management_policy OrderedReady → Parallel/,
      'high',
      /every pod .* goes at once, without draining/,
    ],
    [
      'ClientIP timeout shortened',
      () => synth({}, { sessionAffinityTimeout: Duration.minutes(30) }),
      /Service guacamole\/guacd-service/,
      /ClientIP timeout 3600s → 1800s/,
      'medium',
      /Open TCP connections stay on their pod/,
    ],
    [
      'strong cookie renamed',
      () => synth({ cookieName: 'SID' }),
      /backend service main/,
      /affinity cookie SESSION → SID/,
      'high',
      /no longer reads/,
    ],
    [
      'instance template machine type, PROACTIVE group',
      () => synth({ machineType: 'e2-standard-8' }),
      /instance template web-template/,
      /machine_type e2-standard-4 → e2-standard-8/,
      'high',
      /replaces every VM/,
    ],
    [
      'autoscaler maximum lowered',
      () => synth({ maxReplicas: 2 }),
      /autoscaler web-0-as/,
      /max_replicas 4 → 2/,
      'high',
      /VMs above that are deleted/,
    ],
    [
      'capacity scaler to 0',
      () => synth({ scaler: 0 }),
      /backend service main/,
      /capacity_scaler 1 → 0/,
      'high',
      /moved to other backends/,
    ],
    [
      'a path rule sends /voice/* to another service',
      () => synth({ voiceRoute: 'main' }),
      /URL map web-url-map/,
      /route "app\.example\.com \(app\) paths \/voice\/\*": voice → main/,
      'high',
      /voice's affinity cookie/,
    ],
    [
      'a backend added under generated-cookie affinity',
      () =>
        synth({ groups: 3, affinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(1) }) }),
      /backend service main/,
      /backend .*web-2.* added/,
      'medium',
      /about 33% of the sessions are remapped/,
    ],
    [
      'a health-check port the probe firewall does not open',
      () =>
        editedBase((r) => {
          const hc = Object.values(r.google_compute_health_check).find(
            (h: any) => h.name === 'main-hc',
          );
          hc.https_health_check.port = 8443;
        }),
      /health check main-hc/,
      /probe port 8443 is not opened/,
      'high',
      /every backend turns unhealthy/,
    ],
    [
      'the probe firewall closes the health-check port',
      () =>
        editedBase((r) => {
          onlyOf(r.google_compute_firewall).allow[0].ports = ['80'];
        }),
      /firewall rule allow-probes/,
      /probes no longer reach/,
      'high',
      /blocked/,
    ],
  ])('%s', (_name, changed, subject, change, risk, consequence) => {
    const r = review(changed());
    const f = find(r.findings, subject, change);
    expect({
      found: f !== undefined,
      all: f ? [] : r.findings.map((x) => `${x.subject}: ${x.change}`),
    }).toEqual({ found: true, all: [] });
    expect(f!.risk).toBe(risk);
    expect(f!.consequence).toMatch(consequence);
    if (risk === 'high') expect(r.code).toBe(1);
  });

  test('an opportunistic group is LOW with a note', () => {
    const opp = synthApp((app) => {
      gcp(app, { opportunistic: true });
      k8s(app);
    }).outdir;
    const changed = synthApp((app) => {
      gcp(app, { opportunistic: true, machineType: 'e2-standard-8' });
      k8s(app);
    }).outdir;
    const r = runReview([changed, '--base', opp, '--format', 'json']);
    const f = find(JSON.parse(r.stdout).findings, /instance template/, /machine_type/);
    expect(f!.risk).toBe('low');
    expect(f!.consequence).toMatch(/OPPORTUNISTIC.*Note/);
  });

  test('strong cookie affinity keeps its sessions when a backend is added', () => {
    const f = find(review(synth({ groups: 3 })).findings, /backend service main/, /added/);
    expect(f!.risk).toBe('low');
    expect(f!.consequence).toMatch(/keeps every session/);
  });

  test('a change no rule knows is still reported, never "no change"', () => {
    const r = review(synth({ description: 'the main service' }));
    const f = find(
      r.findings,
      /backend service main/,
      /unrated change: description unset → the main service/,
    );
    expect(f!.risk).toBe('low');
    const text = runReview([synth({ description: 'x' }), '--base', base]).stdout;
    expect(text).not.toMatch(/No change/);
    expect(text).toMatch(/unrated/);
  });

  test('the no-op says "No change" and exits 0', () => {
    const r = runReview([synth(), '--base', base]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No change to sticky sessions or draining/);
  });

  test('text output fits 120 columns', () => {
    const r = runReview([
      synth(
        { machineType: 'e2-standard-8', voiceRoute: 'main' },
        { image: 'guacamole/guacd:1.6.1' },
      ),
      '--base',
      base,
    ]);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    const inventory = runReview([base]).stdout;
    for (const line of inventory.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    expect(inventory).toMatch(/autoscaler 1\.\.4/);
  });
});

describe('affinity-review --plan: shapes and robustness', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-plan-'));
  const write = (name: string, body: unknown) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
    return file;
  };
  const plan = (changes: unknown[]) => ({ format_version: '1.2', resource_changes: changes });
  const sts = (image: string) => ({
    metadata: [{ name: 'guacd', namespace: 'guacamole' }],
    spec: [
      {
        replicas: '3',
        service_name: 'guacd-headless',
        template: [
          {
            spec: [
              {
                termination_grace_period_seconds: 615,
                container: [
                  {
                    name: 'guacd',
                    image,
                    lifecycle: [
                      {
                        pre_stop: [
                          {
                            // The library's drain, as GuacdStatefulPool renders it.
                            exec: [{ command: ['/bin/sh', '-c', drainScript(4822, 600, 5)] }],
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  });

  test('a pod-template change in a plan is a rollout (HIGH)', () => {
    const file = write(
      'sts.json',
      plan([
        {
          address: 'kubernetes_stateful_set_v1.guacd',
          type: 'kubernetes_stateful_set_v1',
          name: 'guacd',
          change: {
            actions: ['update'],
            before: sts('guacamole/guacd:1.6.0'),
            after: sts('guacamole/guacd:1.6.1'),
          },
        },
      ]),
    );
    const r = runReview([base, '--plan', file, '--format', 'json']);
    const f = JSON.parse(r.stdout).findings[0];
    expect(f).toMatchObject({ risk: 'high', subject: 'StatefulSet guacamole/guacd' });
    expect(f.consequence).toMatch(/guacd-2, guacd-1, guacd-0.*up to 600s/);
    expect(r.code).toBe(1);
  });

  test('a replacement is one row', () => {
    const hc = (port: number) => ({
      name: 'hc',
      https_health_check: [{ port }],
      check_interval_sec: 5,
      timeout_sec: 5,
    });
    const file = write(
      'replace.json',
      plan([
        {
          address: 'google_compute_health_check.hc',
          type: 'google_compute_health_check',
          name: 'hc',
          change: { actions: ['delete', 'create'], before: hc(443), after: hc(8443) },
        },
      ]),
    );
    const findings: Finding[] = JSON.parse(
      runReview([base, '--plan', file, '--format', 'json']).stdout,
    ).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].change).toMatch(/replaced.*port 443 → 8443/);
  });

  test.each<[string, unknown, RegExp]>([
    [
      'a state, not a plan',
      { format_version: '1.0', values: { root_module: {} } },
      /is a Terraform state, not a plan/,
    ],
    ['null', null, /not a JSON object/],
    ['an array', [], /not a JSON object/],
    ['resource_changes null bodies', plan([null]), /resource change 0 is not an object/],
    [
      'a non-string type',
      plan([{ type: 5, change: { actions: ['update'] } }]),
      /resource change 0/,
    ],
    [
      'actions not a list',
      plan([{ type: 'x', name: 'y', change: { actions: 'update' } }]),
      /resource change 0/,
    ],
    [
      'before is an array',
      plan([
        {
          type: 'google_compute_url_map',
          name: 'm',
          change: { actions: ['update'], before: [], after: {} },
        },
      ]),
      /before.*not an object/,
    ],
    [
      'resource_changes an object',
      { format_version: '1.2', resource_changes: {} },
      /resource_changes is not a list/,
    ],
  ])('%s exits 2 with a one-line reason', (_name, body, reason) => {
    const r = runReview([base, '--plan', write('bad.json', body)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(reason);
  });
});
