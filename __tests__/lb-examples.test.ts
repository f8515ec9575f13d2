/**
 * The example app of each load-balancer frontend (stacks/lb-examples.ts), as `npm run synth`
 * writes it: explicit assertions of affinity and TTL, draining, firewall sources and ports and
 * the forwarding rule's target; no warning at synth; lint clean at --fail-on warning; one
 * snapshot per stack. And the reviewer on one of them: a firewall change that stops admitting
 * the proxy-only subnet closes the traffic path, HIGH.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXAMPLE_STACKS, buildLbExamples } from '../stacks/lb-examples';
import { Finding, runReview } from '../lib/review';
import { synthApp } from './helpers';

let synthed: ReturnType<typeof synthApp>;
beforeAll(() => {
  synthed = synthApp(buildLbExamples);
});

const stack = (name: string) => synthed.stacks[name];
const all = (json: Record<string, any>, type: string): any[] =>
  Object.values(json.resource?.[type] ?? {});
const one = (json: Record<string, any>, type: string): any => {
  const list = all(json, type);
  expect(list).toHaveLength(1);
  return list[0];
};
const firewalls = (json: Record<string, any>) =>
  all(json, 'google_compute_firewall').map((f) => ({
    name: f.name,
    sources: f.source_ranges,
    ports: f.allow.flatMap((a: any) => a.ports),
    targets: f.target_tags,
  }));
const PROBES = ['35.191.0.0/16', '130.211.0.0/22'];

test('one stack per example, nothing else, and no warning at synth', () => {
  expect(Object.keys(synthed.stacks).sort()).toEqual([...EXAMPLE_STACKS].sort());
  for (const name of EXAMPLE_STACKS)
    expect({ name, warnings: synthed.warnings[name] }).toEqual({
      name,
      warnings: [],
    });
});

test('lint is clean on every example at --fail-on warning', () => {
  const r = runReview(['lint', synthed.outdir, '--fail-on', 'warning']);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
});

test('global external ALB: 8-hour HTTP cookie, 10-minute drain, Google Front Ends admitted', () => {
  const json = stack('example-global-external-alb');
  const bs = one(json, 'google_compute_backend_service');
  expect([bs.load_balancing_scheme, bs.session_affinity, bs.affinity_cookie_ttl_sec]).toEqual([
    'EXTERNAL_MANAGED',
    'HTTP_COOKIE',
    undefined,
  ]);
  expect(bs.consistent_hash.http_cookie).toMatchObject({
    name: 'SHOP_SESSION',
    ttl: { seconds: 28800 },
  });
  expect(bs.connection_draining_timeout_sec).toBe(600);
  expect(firewalls(json)).toEqual([
    { name: 'allow-shop', sources: PROBES, ports: ['8080'], targets: ['shop'] },
  ]);
  const https = all(json, 'google_compute_global_forwarding_rule').find(
    (r) => r.port_range === '443',
  );
  expect(https.target).toMatch(/^\$\{google_compute_target_https_proxy\.frontend_[\w-]+\.id\}$/);
});

test('regional external ALB: header affinity, 5-minute drain, proxy-only subnet admitted', () => {
  const json = stack('example-regional-external-alb');
  const bs = one(json, 'google_compute_region_backend_service');
  expect([bs.load_balancing_scheme, bs.session_affinity, bs.locality_lb_policy]).toEqual([
    'EXTERNAL_MANAGED',
    'HEADER_FIELD',
    'RING_HASH',
  ]);
  expect(bs.consistent_hash.http_header_name).toBe('X-Tenant');
  expect(bs.affinity_cookie_ttl_sec).toBeUndefined();
  expect(bs.connection_draining_timeout_sec).toBe(300);
  const subnet = one(json, 'google_compute_subnetwork');
  expect([subnet.purpose, subnet.role, subnet.ip_cidr_range]).toEqual([
    'REGIONAL_MANAGED_PROXY',
    'ACTIVE',
    '10.129.0.0/23',
  ]);
  expect(firewalls(json)).toEqual([
    { name: 'allow-api', sources: PROBES, ports: ['8080'], targets: ['api'] },
    { name: 'allow-api-proxies', sources: ['10.129.0.0/23'], ports: ['8080'], targets: ['api'] },
  ]);
  const https = all(json, 'google_compute_forwarding_rule').find((r) => r.port_range === '443');
  expect(https.load_balancing_scheme).toBe('EXTERNAL_MANAGED');
  expect(https.target).toMatch(
    /^\$\{google_compute_region_target_https_proxy\.frontend_[\w-]+\.id\}$/,
  );
});

test('regional internal ALB: 2-hour generated cookie, 5-minute drain, proxies admitted', () => {
  const json = stack('example-regional-internal-alb');
  const bs = one(json, 'google_compute_region_backend_service');
  expect([bs.load_balancing_scheme, bs.session_affinity, bs.affinity_cookie_ttl_sec]).toEqual([
    'INTERNAL_MANAGED',
    'GENERATED_COOKIE',
    7200,
  ]);
  expect(bs.connection_draining_timeout_sec).toBe(300);
  expect(one(json, 'google_compute_subnetwork').purpose).toBe('REGIONAL_MANAGED_PROXY');
  expect(firewalls(json)).toEqual([
    { name: 'allow-portal', sources: PROBES, ports: ['8080'], targets: ['portal'] },
    {
      name: 'allow-portal-proxies',
      sources: ['10.129.0.0/23'],
      ports: ['8080'],
      targets: ['portal'],
    },
  ]);
  const rule = one(json, 'google_compute_forwarding_rule');
  expect([rule.load_balancing_scheme, rule.port_range]).toEqual(['INTERNAL_MANAGED', '443']);
  expect(rule.target).toMatch(
    /^\$\{google_compute_region_target_https_proxy\.frontend_[\w-]+\.id\}$/,
  );
});

test('cross-region internal ALB: 1-hour HTTP cookie, 5-minute drain, both proxy subnets admitted', () => {
  const json = stack('example-cross-region-internal-alb');
  const bs = one(json, 'google_compute_backend_service');
  expect([bs.load_balancing_scheme, bs.session_affinity]).toEqual([
    'INTERNAL_MANAGED',
    'HTTP_COOKIE',
  ]);
  expect(bs.consistent_hash.http_cookie).toMatchObject({ name: 'DESK', ttl: { seconds: 3600 } });
  expect(bs.connection_draining_timeout_sec).toBe(300);
  expect(all(json, 'google_compute_subnetwork').map((s) => [s.region, s.purpose])).toEqual([
    ['europe-west4', 'GLOBAL_MANAGED_PROXY'],
    ['us-east1', 'GLOBAL_MANAGED_PROXY'],
  ]);
  expect(firewalls(json)).toEqual([
    { name: 'allow-desk', sources: PROBES, ports: ['8080'], targets: ['desk'] },
    {
      name: 'allow-desk-proxies',
      sources: ['10.140.0.0/23', '10.141.0.0/23'],
      ports: ['8080'],
      targets: ['desk'],
    },
  ]);
  const rules = all(json, 'google_compute_global_forwarding_rule');
  expect(rules.map((r) => [r.name, r.load_balancing_scheme])).toEqual([
    ['desk-https-europe-west4', 'INTERNAL_MANAGED'],
    ['desk-https-us-east1', 'INTERNAL_MANAGED'],
  ]);
  for (const r of rules)
    expect(r.target).toMatch(/^\$\{google_compute_target_https_proxy\.frontend_[\w-]+\.id\}$/);
});

test('internal passthrough NLB: client-IP affinity, 10-minute drain, the clients admitted', () => {
  const json = stack('example-internal-passthrough-nlb');
  const bs = one(json, 'google_compute_region_backend_service');
  expect([bs.load_balancing_scheme, bs.protocol, bs.session_affinity]).toEqual([
    'INTERNAL',
    'TCP',
    'CLIENT_IP',
  ]);
  expect(bs.affinity_cookie_ttl_sec).toBeUndefined();
  expect(bs.connection_draining_timeout_sec).toBe(600);
  expect(firewalls(json)).toEqual([
    { name: 'allow-guacd', sources: PROBES, ports: ['4822'], targets: ['guacd'] },
    {
      name: 'allow-guacd-clients',
      sources: ['10.20.0.0/16', '10.21.0.0/16'],
      ports: ['4822'],
      targets: ['guacd'],
    },
  ]);
  const rule = one(json, 'google_compute_forwarding_rule');
  expect([rule.load_balancing_scheme, rule.ports]).toEqual(['INTERNAL', ['4822']]);
  expect(rule.backend_service).toMatch(
    /^\$\{google_compute_region_backend_service\.guacd_[\w-]+\.id\}$/,
  );
  expect(rule.target).toBeUndefined();
});

test('external passthrough NLB: client-IP-and-protocol affinity, 15-minute drain, clients admitted', () => {
  const json = stack('example-external-passthrough-nlb');
  const bs = one(json, 'google_compute_region_backend_service');
  expect([bs.load_balancing_scheme, bs.protocol, bs.session_affinity]).toEqual([
    'EXTERNAL',
    'TCP',
    'CLIENT_IP_PROTO',
  ]);
  expect(bs.connection_draining_timeout_sec).toBe(900);
  const rules = firewalls(json);
  expect(rules.find((f) => f.name === 'allow-rdp-clients')).toEqual({
    name: 'allow-rdp-clients',
    sources: ['203.0.113.0/24'],
    ports: ['3389'],
    targets: ['rdp'],
  });
  expect(rules).toHaveLength(2);
  const rule = one(json, 'google_compute_forwarding_rule');
  expect(rule.load_balancing_scheme).toBe('EXTERNAL');
  expect(rule.backend_service).toMatch(
    /^\$\{google_compute_region_backend_service\.rdp_[\w-]+\.id\}$/,
  );
});

test.each([...EXAMPLE_STACKS])('snapshot of %s', (name) => {
  expect(stack(name)).toMatchSnapshot();
});

describe('the reviewer on a firewall change that closes the traffic path (H9)', () => {
  /** A copy of the examples' synth with one stack's Terraform edited by hand. */
  const edited = (name: string, edit: (resource: Record<string, any>) => void): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-examples-'));
    fs.cpSync(synthed.outdir, dir, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const file = path.join(dir, manifest.stacks[name].synthesizedStackPath);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    edit(json.resource);
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
    return dir;
  };
  const review = (head: string) => {
    const r = runReview([head, '--base', synthed.outdir, '--format', 'json']);
    expect(r.stderr).toBe('');
    return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
  };
  const proxyRule = (resource: Record<string, any>) =>
    Object.values<any>(resource.google_compute_firewall).find(
      (f) => f.name === 'allow-portal-proxies',
    );
  const closed = (findings: Finding[]) =>
    findings.filter((f) => /traffic path closed/.test(f.change));

  test('the proxy-only range replaced by another: HIGH, naming the service and the source', () => {
    const r = review(
      edited('example-regional-internal-alb', (res) => {
        proxyRule(res).source_ranges = ['10.200.0.0/24'];
      }),
    );
    expect(closed(r.findings)).toEqual([
      {
        risk: 'high',
        stack: 'example-regional-internal-alb',
        subject: 'backend service portal',
        change: expect.stringMatching(/10\.129\.0\.0\/23 on TCP 8080/),
        consequence: expect.stringMatching(
          /^proxy-only subnet .*10\.129\.0\.0\/23 is no longer admitted to the backends of backend service portal: .*\[rule H9\]\.$/,
        ),
      },
    ]);
    expect(r.code).toBe(1);
  });

  test('the proxies\u2019 rule removed: HIGH as well', () => {
    const r = review(
      edited('example-regional-internal-alb', (res) => {
        for (const [k, f] of Object.entries<any>(res.google_compute_firewall))
          if (f.name === 'allow-portal-proxies') delete res.google_compute_firewall[k];
      }),
    );
    expect(closed(r.findings).map((f) => [f.risk, f.subject])).toEqual([
      ['high', 'backend service portal'],
    ]);
  });

  test('a firewall change that keeps the path open is not rated as closing it', () => {
    const r = review(
      edited('example-regional-internal-alb', (res) => {
        proxyRule(res).source_ranges = ['10.129.0.0/23', '10.200.0.0/24'];
      }),
    );
    expect(closed(r.findings)).toEqual([]);
  });
});
