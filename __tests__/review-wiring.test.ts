/**
 * affinity-review, round 3: the web tier's links (Service → BackendConfig, policies'
 * targetRef, routes), scaling under hash-based affinity, lists compared by identity, values
 * known only after apply, the inventory's wording and SARIF's tool version. Each rating that
 * changed has a case here that the reviewer of the previous round failed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  Duration,
  GkeFrontend,
  GuacamoleWebTier,
  GuacamoleWebTierProps,
  GuacdStatefulPool,
  SessionAffinity,
} from '../lib';
import {
  BackendServiceEntry,
  Finding,
  InstanceGroupEntry,
  compareInventories,
  runReview,
} from '../lib/review';
import { drainScript, readDrainScript } from '../lib/k8s/pod-draining';
import { synthApp } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-wiring-'));
let serial = 0;

function synth(frontend: GkeFrontend, web: Partial<GuacamoleWebTierProps> = {}): string {
  return synthApp((app) => {
    const s = new TerraformStack(app, 'cluster');
    new KubernetesProvider(s, 'kubernetes', {});
    const guacd = new GuacdStatefulPool(s, 'guacd', { webPodSelector: { app: 'guacamole' } });
    new GuacamoleWebTier(s, 'web', {
      guacd,
      frontend,
      gatewayName: frontend === GkeFrontend.GATEWAY ? 'external-http' : undefined,
      host: 'remote.example.com',
      sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }),
      backendTimeout: Duration.hours(8),
      ...web,
    });
  }).outdir;
}

const bases = new Map<string, string>();
const base = (f: GkeFrontend, web: Partial<GuacamoleWebTierProps> = {}) => {
  const key = `${f}${JSON.stringify(web)}`;
  if (!bases.has(key)) bases.set(key, synth(f, web));
  return bases.get(key)!;
};

/** A copy of a synth output with its cluster stack edited. */
function edited(dir: string, edit: (resource: Record<string, any>) => void): string {
  const out = path.join(tmp, `v${serial++}`);
  fs.cpSync(dir, out, { recursive: true });
  const file = path.join(out, 'stacks', 'cluster', 'cdk.tf.json');
  const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(tf.resource);
  fs.writeFileSync(file, JSON.stringify(tf));
  return out;
}

/** The `kubernetes_manifest` of a kind, with its Terraform name. */
function manifest(resource: Record<string, any>, kind: string): [string, any] {
  const found = Object.entries<any>(resource.kubernetes_manifest).find(
    ([, v]) => v.manifest.kind === kind,
  );
  if (!found) throw new Error(`no ${kind}`);
  return found;
}
const only = (resource: Record<string, any>, type: string): any =>
  Object.values<any>(resource[type])[0];
/** The web tier's Service (the guacd pool has Services too). */
const webService = (resource: Record<string, any>): any =>
  Object.values<any>(resource.kubernetes_service_v1).find((s) => s.metadata.name === 'guacamole');

function review(dir: string, against: string): { code: number; findings: Finding[] } {
  const r = runReview([dir, '--base', against, '--format', 'json']);
  expect(r.stderr).toBe('');
  return { code: r.code, findings: JSON.parse(r.stdout).findings };
}
const show = (findings: Finding[]) => findings.map((f) => `${f.risk} ${f.subject}: ${f.change}`);

describe('links of the web tier are part of the session path', () => {
  test('a GCPBackendPolicy whose targetRef no longer names the Service: HIGH, every setting lost, GKE defaults named', () => {
    const b = base(GkeFrontend.GATEWAY);
    const { findings, code } = review(
      edited(b, (r) => {
        manifest(r, 'GCPBackendPolicy')[1].manifest.spec.targetRef.name = 'other';
      }),
      b,
    );
    const f = findings.find((x) => /detached/.test(x.change));
    expect(show(findings)).toContainEqual(
      expect.stringMatching(/^high Service guacamole\/guacamole/),
    );
    expect(f).toMatchObject({
      risk: 'high',
      subject: 'Service guacamole/guacamole (its backend service)',
    });
    expect(f!.change).toMatch(
      /GCPBackendPolicy guacamole\/guacamole-backend-policy detached \(its targetRef no longer names Service guacamole\/guacamole\)/,
    );
    expect(f!.change).toMatch(/session_affinity GENERATED_COOKIE → NONE/);
    expect(f!.change).toMatch(/connection_draining_timeout_sec 1800 → 0 \(GKE default\)/);
    expect(f!.change).toMatch(/timeoutSec 28800 → unset \(default 30 s\)/);
    expect(f!.consequence).toMatch(
      /no session affinity, a 30 s backend timeout, no connection draining/,
    );
    expect(findings.filter((x) => /unrated/.test(x.change))).toEqual([]);
    expect(code).toBe(1);
  });

  test('a Service whose BackendConfig annotation is removed: HIGH, the BackendConfig is detached', () => {
    const b = base(GkeFrontend.INGRESS);
    const { findings } = review(
      edited(b, (r) => {
        delete webService(r).metadata.annotations['cloud.google.com/backend-config'];
      }),
      b,
    );
    const f = findings.find((x) => /detached/.test(x.change));
    expect(f).toMatchObject({ risk: 'high' });
    expect(f!.change).toMatch(
      /BackendConfig guacamole\/guacamole-backend-config detached \(the Service’s cloud\.google\.com\/backend-config annotation no longer names it\)/,
    );
    expect(findings.filter((x) => /unrated/.test(x.change))).toEqual([]);
  });

  test('a BackendConfig removed while the annotation still names it: the loss of its settings, not of the backend', () => {
    const b = base(GkeFrontend.INGRESS);
    const { findings } = review(
      edited(b, (r) => {
        delete r.kubernetes_manifest[manifest(r, 'BackendConfig')[0]];
      }),
      b,
    );
    expect(show(findings)).toEqual([
      expect.stringMatching(
        /^high Service guacamole\/guacamole \(its backend service\): BackendConfig guacamole\/guacamole-backend-config detached \(removed\)/,
      ),
    ]);
  });

  test('a HealthCheckPolicy detached: MEDIUM, with the default probe named', () => {
    const b = base(GkeFrontend.GATEWAY);
    const { findings } = review(
      edited(b, (r) => {
        manifest(r, 'HealthCheckPolicy')[1].manifest.spec.targetRef.name = 'other';
      }),
      b,
    );
    const f = findings.find((x) => /HealthCheckPolicy .* detached/.test(x.change));
    expect(f).toMatchObject({ risk: 'medium' });
    expect(f!.consequence).toMatch(/default health check \(HTTP GET \/ on the serving port\)/);
  });

  test('a create-before-destroy replacement by an identical policy (new name) is one LOW row that says so', () => {
    const b = base(GkeFrontend.GATEWAY);
    const { findings, code } = review(
      edited(b, (r) => {
        const [id, policy] = manifest(r, 'GCPBackendPolicy');
        const next = JSON.parse(JSON.stringify(policy));
        next.manifest.metadata.name = 'guacamole-backend-policy-v2';
        r.kubernetes_manifest[`${id}-v2`] = next;
        delete r.kubernetes_manifest[id];
      }),
      b,
    );
    expect(show(findings)).toEqual([
      'low Service guacamole/guacamole (its backend service): GCPBackendPolicy guacamole/guacamole-backend-policy → GCPBackendPolicy guacamole/guacamole-backend-policy-v2: replaced by a successor that carries the same settings',
    ]);
    expect(code).toBe(0);
  });

  test('a replacement policy with a shorter timeout: the change of that setting, HIGH', () => {
    const b = base(GkeFrontend.INGRESS);
    const { findings } = review(
      edited(b, (r) => {
        const [id, config] = manifest(r, 'BackendConfig');
        const next = JSON.parse(JSON.stringify(config));
        next.manifest.metadata.name = 'guacamole-v2';
        next.manifest.spec.timeoutSec = 60;
        r.kubernetes_manifest[`${id}-v2`] = next;
        delete r.kubernetes_manifest[id];
        webService(r).metadata.annotations['cloud.google.com/backend-config'] = JSON.stringify({
          default: 'guacamole-v2',
        });
      }),
      b,
    );
    const f = findings.find((x) => /→ BackendConfig guacamole\/guacamole-v2/.test(x.change));
    expect(f).toMatchObject({ risk: 'high' });
    expect(f!.change).toMatch(/timeoutSec 28800 → 60/);
  });
});

describe('scaling up under hash-based affinity', () => {
  test.each([GkeFrontend.INGRESS, GkeFrontend.GATEWAY])(
    'more web pods under GENERATED_COOKIE (%s): MEDIUM, with the share that moves',
    (frontend) => {
      const { findings } = review(synth(frontend, { replicas: 3 }), base(frontend));
      const f = findings.find((x) => /replicas 2 → 3/.test(x.change));
      expect(f).toMatchObject({ risk: 'medium', subject: 'Deployment guacamole/guacamole' });
      expect(f!.consequence).toMatch(/GENERATED_COOKIE affinity .* about 33% of the sessions/);
    },
  );

  test('more web pods without affinity: LOW', () => {
    const none = { sessionAffinity: SessionAffinity.none() };
    const { findings } = review(
      synth(GkeFrontend.GATEWAY, { ...none, replicas: 3 }),
      base(GkeFrontend.GATEWAY, none),
    );
    expect(findings.find((x) => /replicas 2 → 3/.test(x.change))).toMatchObject({ risk: 'low' });
  });

  const mig = (targetSize: number): InstanceGroupEntry => ({
    kind: 'instance-group',
    stack: 's',
    address: 'google_compute_instance_group_manager.g',
    name: 'g',
    zone: 'z',
    targetSize,
  });
  const service = (affinity: string): BackendServiceEntry => ({
    kind: 'backend-service',
    stack: 's',
    address: 'google_compute_backend_service.b',
    name: 'b',
    scheme: 'EXTERNAL_MANAGED',
    protocol: 'HTTPS',
    affinity,
    drainingSeconds: 60,
    drainingImplicit: false,
    backends: [{ group: 'g (z)' }, { group: 'h (z)' }],
  });
  const scale = (affinity: string) =>
    compareInventories(
      { stacks: ['s'], entries: [mig(2), service(affinity)], resources: [] },
      { stacks: ['s'], entries: [mig(4), service(affinity)], resources: [] },
    );

  test('more VMs in a group under GENERATED_COOKIE: MEDIUM with the share, as for a backend added', () => {
    const [f] = scale('GENERATED_COOKIE');
    expect(f).toMatchObject({ risk: 'medium', change: 'target_size 2 → 4' });
    // 2 new VMs of 4 + 1 (the other group counts 1 without a known size).
    expect(f.consequence).toMatch(/about 40% of the sessions are remapped/);
  });

  test('strong cookies keep their sessions when a group grows: LOW', () => {
    expect(scale('STRONG_COOKIE_AFFINITY')[0]).toMatchObject({ risk: 'low' });
  });
});

describe('lists compared by identity', () => {
  test('a host added to an Ingress: LOW, and the existing rule is not reported as changed', () => {
    const b = base(GkeFrontend.INGRESS);
    const { findings } = review(
      edited(b, (r) => {
        const rules = only(r, 'kubernetes_ingress_v1').spec.rule;
        rules.unshift({ ...JSON.parse(JSON.stringify(rules[0])), host: 'desktop.example.com' });
      }),
      b,
    );
    expect(show(findings)).toEqual([
      'low Ingress guacamole/guacamole: routing changed: route "desktop.example.com /guacamole" added → guacamole/guacamole:8080',
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/unset/);
  });

  test('a route added in front of an HTTPRoute: only the new route, HIGH when it takes requests another backend served', () => {
    const b = base(GkeFrontend.GATEWAY);
    const { findings } = review(
      edited(b, (r) => {
        manifest(r, 'HTTPRoute')[1].manifest.spec.rules.unshift({
          matches: [{ path: { type: 'PathPrefix', value: '/guacamole/api' } }],
          backendRefs: [{ name: 'api', port: 8080 }],
        });
      }),
      b,
    );
    expect(show(findings)).toEqual([
      'high HTTPRoute guacamole/guacamole: route changed: route "gateway guacamole/external-http, remote.example.com PathPrefix /guacamole/api" added → guacamole/api:8080',
    ]);
    expect(findings[0].consequence).toMatch(/were served by guacamole\/guacamole:8080/);
  });

  test('a container port and an env entry added: only those are reported', () => {
    const b = base(GkeFrontend.INGRESS);
    const { findings } = review(
      edited(b, (r) => {
        const c = only(r, 'kubernetes_deployment_v1').spec.template.spec.container[0];
        c.port.unshift({ name: 'metrics', container_port: 9090, protocol: 'TCP' });
        c.env.unshift({ name: 'A', value: '1' });
      }),
      b,
    );
    const f = findings.find((x) => /rollout/.test(x.change))!;
    expect(f.change).toMatch(/container\[guacamole\]\.env\[A\]\.value unset → 1/);
    expect(f.change).toMatch(/container\[guacamole\]\.port\[metrics\]/);
    expect(f.change).not.toMatch(/GUACD_HOSTNAME|port\[http\]/);
  });
});

describe('affinity-review --plan: values known after apply, replacements, probes', () => {
  const write = (name: string, changes: unknown[]) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, JSON.stringify({ format_version: '1.2', resource_changes: changes }));
    return file;
  };
  const plan = (file: string) => {
    const r = runReview([base(GkeFrontend.INGRESS), '--plan', file, '--format', 'json']);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout).findings as Finding[];
  };
  const bs = {
    name: 'web',
    load_balancing_scheme: 'EXTERNAL_MANAGED',
    protocol: 'HTTPS',
    session_affinity: 'GENERATED_COOKIE',
    affinity_cookie_ttl_sec: 1800,
    connection_draining_timeout_sec: 60,
  };

  test('a TTL known only after apply: "known after apply", the worst case, never a session cookie or unset', () => {
    const { affinity_cookie_ttl_sec: _ttl, ...after } = bs;
    const findings = plan(
      write('ttl.json', [
        {
          address: 'google_compute_backend_service.web',
          type: 'google_compute_backend_service',
          name: 'web',
          change: {
            actions: ['update'],
            before: bs,
            after,
            after_unknown: { affinity_cookie_ttl_sec: true },
          },
        },
      ]),
    );
    expect(show(findings)).toEqual([
      'high backend service web: affinity TTL 1800s → (known after apply)',
    ]);
    expect(findings[0].consequence).toMatch(/known only after apply; rated for the worst case/);
    expect(JSON.stringify(findings)).not.toMatch(/session cookie|unset/);
  });

  test('a manifest field known only after apply is shown as such', () => {
    const policy = (timeoutSec?: number) => ({
      manifest: {
        apiVersion: 'networking.gke.io/v1',
        kind: 'GCPBackendPolicy',
        metadata: { name: 'p', namespace: 'guacamole' },
        spec: {
          targetRef: { group: '', kind: 'Service', name: 'guacamole' },
          default: { timeoutSec },
        },
      },
    });
    const findings = plan(
      write('manifest-unknown.json', [
        {
          address: 'kubernetes_manifest.p',
          type: 'kubernetes_manifest',
          name: 'p',
          change: {
            actions: ['update'],
            before: policy(28800),
            after: policy(undefined),
            after_unknown: { manifest: { spec: { default: { timeoutSec: true } } } },
          },
        },
      ]),
    );
    expect(show(findings)).toEqual([
      'high GCPBackendPolicy guacamole/p (its backend service): timeoutSec 28800 → (known after apply)',
    ]);
  });

  test('a create-before-destroy replacement with an identical successor is one LOW row that says so', () => {
    const m = {
      manifest: {
        apiVersion: 'networking.gke.io/v1',
        kind: 'HealthCheckPolicy',
        metadata: { name: 'hc', namespace: 'guacamole' },
        spec: { targetRef: { group: '', kind: 'Service', name: 'guacamole' }, default: {} },
      },
      object: { status: 'x' },
    };
    const findings = plan(
      write('cbd.json', [
        {
          address: 'kubernetes_manifest.hc',
          type: 'kubernetes_manifest',
          name: 'hc',
          change: {
            actions: ['create', 'delete'],
            before: m,
            after: { manifest: m.manifest },
            after_unknown: { object: true },
          },
        },
      ]),
    );
    expect(show(findings)).toEqual([
      'low HealthCheckPolicy guacamole/hc: replaced by an identical successor (Terraform actions ["create","delete"])',
    ]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['interval', { check_interval_sec: 10 }, 'low'],
    ['unhealthy threshold', { unhealthy_threshold: 5 }, 'low'],
    ['a longer timeout', { timeout_sec: 5 }, 'low'],
    ['a shorter timeout', { timeout_sec: 1 }, 'medium'],
    ['request path', { http_health_check: [{ port: 8080, request_path: '/x' }] }, 'medium'],
  ])('health check %s: %s', (_name, over, risk) => {
    const hc = {
      name: 'hc',
      check_interval_sec: 5,
      timeout_sec: 2,
      http_health_check: [{ port: 8080, request_path: '/healthz' }],
    };
    const findings = plan(
      write('hc.json', [
        {
          address: 'google_compute_health_check.hc',
          type: 'google_compute_health_check',
          name: 'hc',
          change: { actions: ['update'], before: hc, after: { ...hc, ...over } },
        },
      ]),
    );
    expect(findings.map((f) => f.risk)).toEqual([risk]);
  });

  test("a preStop hook that is not the library's drain: only the grace period is known", () => {
    const sts = (image: string, command: string[]) => ({
      metadata: [{ name: 'guacd', namespace: 'guacamole' }],
      spec: [
        {
          replicas: '2',
          service_name: 'guacd',
          template: [
            {
              spec: [
                {
                  termination_grace_period_seconds: 90,
                  container: [
                    {
                      name: 'guacd',
                      image,
                      lifecycle: [{ pre_stop: [{ exec: [{ command }] }] }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const change = (command: string[]) => ({
      address: 'kubernetes_stateful_set_v1.guacd',
      type: 'kubernetes_stateful_set_v1',
      name: 'guacd',
      change: {
        actions: ['update'],
        before: sts('guacamole/guacd:1.6.0', command),
        after: sts('guacamole/guacd:1.6.1', command),
      },
    });
    const [foreign] = plan(write('foreign.json', [change(['/bin/sh', '-c', 'sleep 60'])]));
    expect(foreign.consequence).toMatch(
      /at most the 90s grace period \(its preStop hook is not this library's drain/,
    );
    const script = ['/bin/sh', '-c', drainScript(4822, 75, 5)];
    const [ours] = plan(write('ours.json', [change(script)]));
    expect(ours.consequence).toMatch(/up to 75s of draining \(grace 90s\)/);
  });
});

describe('the drain hook model reads back what it renders', () => {
  test('round trip, expressions, and anything else', () => {
    expect(readDrainScript(['/bin/sh', '-c', drainScript(4822, 600, 5)])).toEqual({
      port: 4822,
      timeoutSeconds: 600,
    });
    const expr = drainScript(8080, 0, 3).replace('+ 0 ))', '+ ${var.drain} ))');
    expect(readDrainScript(['/bin/sh', '-c', expr])).toEqual({
      port: 8080,
      timeoutSeconds: '${var.drain}',
    });
    const edited = drainScript(4822, 600, 5).replace('sleep 5', 'sleep 5; rm -rf /tmp');
    expect(readDrainScript(['/bin/sh', '-c', edited])).toBeUndefined();
    expect(readDrainScript(['/bin/sh', '-c', 'end=$(( $(date +%s) + 600 ))'])).toBeUndefined();
    expect(readDrainScript('sleep 600')).toBeUndefined();
  });
});

describe('inventory and SARIF', () => {
  const stack = (resource: object) => {
    const dir = path.join(tmp, `inv${serial++}`);
    fs.mkdirSync(path.join(dir, 'stacks', 'a'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', 'a', 'cdk.tf.json'), JSON.stringify({ resource }));
    return dir;
  };

  test('HEADER_FIELD says nothing of a TTL; CLIENT_IP neither; a cookie without TTL is a session cookie', () => {
    const dir = stack({
      google_compute_backend_service: {
        h: {
          name: 'tenant',
          load_balancing_scheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          session_affinity: 'HEADER_FIELD',
          locality_lb_policy: 'RING_HASH',
          consistent_hash: { http_header_name: 'X-Tenant-Id' },
          connection_draining_timeout_sec: 60,
        },
        c: {
          name: 'ip',
          load_balancing_scheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          session_affinity: 'CLIENT_IP',
          connection_draining_timeout_sec: 60,
        },
        g: {
          name: 'cookie',
          load_balancing_scheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          session_affinity: 'GENERATED_COOKIE',
          connection_draining_timeout_sec: 60,
        },
        // A TTL known only at apply, on an affinity without a cookie: still no TTL.
        v: {
          name: 'ip-var',
          load_balancing_scheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          session_affinity: 'CLIENT_IP',
          affinity_cookie_ttl_sec: '${var.ttl}',
          connection_draining_timeout_sec: 60,
        },
      },
    });
    const text = runReview([dir]).stdout;
    expect(text).toMatch(/affinity HEADER_FIELD \(header X-Tenant-Id\); draining 60s/);
    expect(text).toMatch(/affinity CLIENT_IP; draining 60s/);
    expect(text).toMatch(/affinity GENERATED_COOKIE, ttl session cookie; draining 60s/);
    expect(text).not.toMatch(/no TTL|ttl -/);
    expect(text).toMatch(/ip-var .*\n\s+affinity CLIENT_IP; draining 60s\n/);
    const md = runReview([dir, '--format', 'markdown']).stdout;
    expect(md).toContain('| HEADER_FIELD (header X-Tenant-Id) | - |');
    expect(md).toMatch(/\| ip-var \| EXTERNAL_MANAGED \| HTTPS \| CLIENT_IP \| - \|/);
  });

  test('a Gateway backend shows the probe of its HealthCheckPolicy', () => {
    const text = runReview([base(GkeFrontend.GATEWAY)]).stdout;
    expect(text).toMatch(
      /GCPBackendPolicy guacamole\/guacamole-backend-policy .*\n.*\n\s+health check HTTP :8080 \/guacamole\/ 10s\/5s/,
    );
    // The markdown table too: the probe of the policy, never "-" or "GKE default".
    const md = runReview([base(GkeFrontend.GATEWAY), '--format', 'markdown']).stdout;
    const row = md.split('\n').find((l) => l.includes('guacamole-backend-policy'));
    expect(row).toContain('| HTTP :8080 /guacamole/ 10s/5s |');
  });

  test('SARIF names the tool version from package.json', () => {
    const version = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'),
    ).version;
    const r = runReview(['lint', base(GkeFrontend.GATEWAY), '--format', 'sarif']);
    expect(JSON.parse(r.stdout).runs[0].tool.driver).toMatchObject({
      name: 'affinity-review lint',
      version,
    });
  });
});
