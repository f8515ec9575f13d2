import '@microsoft/jest-sarif';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ComputeRegionBackendService } from '@cdktf/provider-google/lib/compute-region-backend-service';
import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeHealthCheck } from '@cdktf/provider-google/lib/compute-health-check';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeInstanceGroupManager } from '@cdktf/provider-google/lib/compute-instance-group-manager';
import { ComputeAutoscaler } from '@cdktf/provider-google/lib/compute-autoscaler';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import {
  AffinityBackendService,
  AffinityChecks,
  BackendProtocol,
  DrainingPolicy,
  Duration,
  Errors,
  FailOn,
  GkeFrontend,
  GuacamoleWebTier,
  GuacdStatefulPool,
  HealthCheck,
  LoadBalancingScheme,
  SessionAffinity,
} from '../lib';
import { runReview } from '../lib/review/cli';
import { buildMcpDeployment } from '../stacks/mcp';
import { mcpTopology } from '../stacks/topology';
import { GuacdClusterStack } from '../stacks/guacd-cluster-stack';
import { GUACD_CLUSTERS } from '../stacks/guacd-topology';
import { annotationsOf, synthApp } from './helpers';

const TAG = /\[rule ([A-Za-z0-9]+)\]$/;
const FIXTURE = path.join(__dirname, 'fixtures', 'lint', 'plan-mistakes.json');

/** Annotations of a tree, by level. */
function annotations(scope: Construct): { errors: string[]; warnings: string[] } {
  return {
    errors: annotationsOf(scope, '@cdktf/error'),
    warnings: annotationsOf(scope, '@cdktf/warn'),
  };
}
const ids = (messages: string[]) => [...new Set(messages.map((m) => TAG.exec(m)?.[1]))].sort();

/** A hand-written L1 stack with the common real mistakes of every rule family. */
function mistakes(stack: TerraformStack): void {
  new GoogleProvider(stack, 'google', { project: 'p' });
  new KubernetesProvider(stack, 'kubernetes', {});
  const hc = new ComputeHealthCheck(stack, 'hc', {
    name: 'web-hc',
    checkIntervalSec: 5,
    timeoutSec: 10, // H2: longer than the interval
    httpsHealthCheck: { port: 443, requestPath: '/health' },
  });
  new ComputeBackendService(stack, 'web', {
    name: 'web-backend',
    loadBalancingScheme: 'EXTERNAL_MANAGED',
    protocol: 'HTTPS',
    sessionAffinity: 'CLIENT_IP', // S5: a cookie TTL on CLIENT_IP
    affinityCookieTtlSec: 1800,
    healthChecks: [hc.id], // T4: draining unset
  });
  new ComputeBackendService(stack, 'agents', {
    name: 'agents-backend',
    loadBalancingScheme: 'EXTERNAL_MANAGED',
    protocol: 'HTTPS',
    sessionAffinity: 'CLIENT_IP_PORT_PROTO', // S1: only passthrough NLBs accept it
    connectionDrainingTimeoutSec: 30,
    healthChecks: [hc.id],
  });
  new ComputeFirewall(stack, 'probes', {
    name: 'allow-probes',
    network: 'default',
    sourceRanges: ['35.191.0.0/16', '130.211.0.0/22'],
    allow: [{ protocol: 'tcp', ports: ['8443'] }], // H9: not the health-check port 443
  });
  new StatefulSetV1(stack, 'guacd', {
    metadata: { name: 'guacd', namespace: 'guacamole' },
    spec: {
      serviceName: 'guacd',
      selector: { matchLabels: { app: 'guacd' } },
      template: {
        metadata: { labels: { app: 'guacd' } },
        spec: {
          // X4: root, writable, token mounted; K4: no preStop drain; X5: no NetworkPolicy
          container: [
            { name: 'guacd', image: 'guacamole/guacd:1.6.0', securityContext: { runAsUser: '0' } },
          ],
        },
      },
    },
  });
}

describe('AffinityChecks (Aspect) on a hand-written L1 stack', () => {
  test('reports every mistake with its rule id; errors fail, warnings warn', () => {
    const stack = new TerraformStack(Testing.app(), 'l1');
    mistakes(stack);
    Aspects.of(stack).add(new AffinityChecks());
    Testing.synth(stack);
    const { errors, warnings } = annotations(stack);
    // Errors: what the API refuses or what cannot work. A TTL the API ignores (S5 on
    // CLIENT_IP) and pods short of the restricted profile or without a NetworkPolicy (X4, X5)
    // are accepted by the platform: warnings on plain Terraform.
    expect(ids(errors)).toEqual(['H2', 'H9', 'S1']);
    expect(ids(warnings)).toEqual(['K4', 'S5', 'T4', 'X4', 'X5']);
    // Construct path, Terraform attribute, value, allowed and fix in every message.
    expect(warnings.find((m) => m.endsWith('[rule S5]'))).toMatch(
      /^l1\/web: affinity_cookie_ttl_sec 1800s is set on CLIENT_IP.*\(allowed: .+\); fix: set session_affinity = "GENERATED_COOKIE"/,
    );
    expect(errors.find((m) => m.endsWith('[rule H9]'))).toMatch(/^l1\/hc: port 443 is not opened/);
    expect(warnings.filter((m) => m.endsWith('[rule X4]')).join('\n')).toMatch(
      /run_as_user 0 lets the container run as root/,
    );
  });

  test('instance groups and autoscalers: a size both set (M1), bounds (M3), named ports (M2)', () => {
    const stack = new TerraformStack(Testing.app(), 'groups');
    new GoogleProvider(stack, 'google', { project: 'p' });
    const group = new ComputeInstanceGroupManager(stack, 'group', {
      name: 'web-a',
      zone: 'us-west1-a',
      baseInstanceName: 'web',
      version: [{ instanceTemplate: 'projects/p/global/instanceTemplates/web' }],
      targetSize: 3,
      namedPort: [
        { name: 'https', port: 443 },
        { name: 'https', port: 8443 },
      ],
    });
    new ComputeAutoscaler(stack, 'scaler', {
      name: 'web-a-as',
      zone: 'us-west1-a',
      target: group.id,
      autoscalingPolicy: { minReplicas: 4, maxReplicas: 2 },
    });
    AffinityChecks.applyTo(stack);
    Testing.synth(stack);
    const { errors, warnings } = annotations(stack);
    expect(errors.filter((m) => m.startsWith('groups/scaler'))).toEqual([
      expect.stringMatching(
        /autoscaling_policy.max_replicas 2 is lower than min_replicas \(allowed: 4 or more\); fix: set max_replicas to at least 4.*\[rule M3\]$/,
      ),
    ]);
    expect(errors.filter((m) => m.startsWith('groups/group'))).toEqual([
      expect.stringMatching(/named_port "https" is given twice.*\[rule M2\]$/),
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^groups\/group: target_size 3 is set together with an autoscaler.*fix: remove target_size from the group.*\[rule M1\]$/,
      ),
    ]);
  });

  test('an error annotation fails cdktf synth', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'aspect-')) });
    mistakes(new TerraformStack(app, 'l1'));
    AffinityChecks.applyTo(app);
    expect(() => app.synth()).toThrow(/\[rule S1\]/);
  });

  test('one line per finding: no stack trace, the construct path once, the rule and its docs', () => {
    // A plain App records stack traces (cdktf's default): the Aspect's findings still have none.
    const synthError = (props = {}) => {
      const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'aspect-')) });
      const stack = new TerraformStack(app, 'l1');
      mistakes(stack);
      AffinityChecks.applyTo(app, props);
      try {
        app.synth();
      } catch (e) {
        return { stack, message: (e as Error).message };
      }
      throw new Error('expected the synth to fail');
    };
    const { stack, message } = synthError();
    const findings = stack.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === '@cdktf/error' || m.type === '@cdktf/warn')
          .map((m) => ({ path: c.node.path, text: String(m.data), trace: m.trace })),
      );
    expect(findings.length).toBeGreaterThan(5);
    for (const f of findings) {
      expect(f.trace).toBeUndefined();
      expect(f.text).not.toContain('\n');
      expect(f.text).not.toContain(f.path);
      expect(f.text).toMatch(
        /^\S+ .+ \(allowed: .+\); fix: .+ \[rule ([A-Za-z0-9]+)\] https:\/\/\S+\/docs\/RULES\.md#[a-z0-9]+$/,
      );
    }
    // What `cdktf synth` prints for errors: `[path] message`, one line each, the path once.
    const lines = message.split('\n').filter((l) => l.startsWith('['));
    expect(lines.length).toBe(
      // Errors on plain Terraform: what the API refuses (S1, H2) or a closed path (H9).
      findings.filter((f) => /\[rule (S1|H2|H9)\]/.test(f.text)).length,
    );
    expect(lines.find((l) => l.includes('[rule H2]'))).toMatch(
      /^\[l1\/hc\] timeout_sec .*\[rule H2\] https:\/\/.*RULES\.md#h2$/,
    );
    for (const l of lines) expect(l.split('l1/').length).toBe(2);

    // A stack trace only when asked for (an option, or CDKTF_LOG_LEVEL=debug).
    const traced = synthError({ stackTraces: true }).stack;
    const traces = traced.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === '@cdktf/error');
    expect(traces.every((m) => Array.isArray(m.trace) && m.trace.length > 0)).toBe(true);
    const level = process.env.CDKTF_LOG_LEVEL;
    process.env.CDKTF_LOG_LEVEL = 'debug';
    try {
      const debug = synthError().stack;
      expect(
        debug.node
          .findAll()
          .flatMap((c) => c.node.metadata)
          .filter((m) => m.type === '@cdktf/error')
          .every((m) => Array.isArray(m.trace)),
      ).toBe(true);
    } finally {
      if (level === undefined) delete process.env.CDKTF_LOG_LEVEL;
      else process.env.CDKTF_LOG_LEVEL = level;
    }
  });

  test('failOn chooses which levels fail the synth', () => {
    const strict = new TerraformStack(Testing.app(), 'l1');
    mistakes(strict);
    Aspects.of(strict).add(new AffinityChecks({ failOn: FailOn.WARNING }));
    Testing.synth(strict);
    expect(ids(annotations(strict).errors)).toContain('T4');
    expect(annotations(strict).warnings).toEqual([]);

    const lenient = new TerraformStack(Testing.app(), 'l1');
    mistakes(lenient);
    Aspects.of(lenient).add(new AffinityChecks({ failOn: FailOn.NEVER }));
    Testing.synth(lenient);
    expect(annotations(lenient).errors).toEqual([]);
    expect(ids(annotations(lenient).warnings)).toEqual([
      'H2',
      'H9',
      'K4',
      'S1',
      'S5',
      'T4',
      'X4',
      'X5',
    ]);
  });

  test('suppressions: named rule and reason, recorded in the synthesized resource, honoured by lint', () => {
    const { outdir } = synthApp((app) => {
      const stack = new TerraformStack(app, 'l1');
      mistakes(stack);
      AffinityChecks.applyTo(app, { failOn: FailOn.NEVER });
      AffinityChecks.suppress(stack.node.findChild('web'), [
        { id: 'T4', reason: 'draining is set by the platform team in a policy' },
      ]);
    });
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/l1/cdk.tf.json'), 'utf8'));
    expect(
      json.resource.google_compute_backend_service.web['//'].affinity_checks_suppressions,
    ).toEqual([{ rule: 'T4', reason: 'draining is set by the platform team in a policy' }]);
    const lint = runReview(['lint', outdir, '--format', 'json', '--fail-on', 'never']);
    const out = JSON.parse(lint.stdout);
    const t4 = out.findings.filter((f: any) => f.rule === 'T4');
    expect(t4).toEqual([
      expect.objectContaining({
        address: 'google_compute_backend_service.web',
        suppressed: expect.stringMatching(/platform team/),
      }),
    ]);
    expect(out.summary.suppressed).toBe(1);
  });

  test('a suppression of an unknown rule, or without a reason, is an error (A1)', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    let error: unknown;
    try {
      AffinityChecks.suppress(stack, [
        { id: 'Z9', reason: 'x' },
        { id: 'T4', reason: ' ' },
      ]);
    } catch (e) {
      error = e;
    }
    expect(Errors.isValidationError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(
      /suppressions.id "Z9" is not a rule of the registry.*\[rule A1\]/,
    );
    expect(String((error as Error).message)).toMatch(
      /suppressions.reason " " is empty for rule T4.*\[rule A1\]/,
    );
  });

  test('resources of this library\u2019s constructs are not reported twice', () => {
    const stack = new TerraformStack(Testing.app(), 'l2');
    new GoogleProvider(stack, 'google', { project: 'p' });
    new AffinityBackendService(stack, 'web', {
      name: 'web',
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
      protocol: BackendProtocol.HTTPS,
      sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.days(2) }), // S5b warns
      draining: DrainingPolicy.of(Duration.seconds(60)),
      healthCheck: HealthCheck.https({ port: 443 }),
    });
    Aspects.of(stack).add(new AffinityChecks());
    Testing.synth(stack, true);
    const { errors, warnings } = annotations(stack);
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.endsWith('[rule S5b]'))).toHaveLength(1);
    // The L2's health check has no probe firewall in this stack: H9 is the L2's business.
    expect(warnings.filter((w) => w.endsWith('[rule H9]'))).toEqual([]);
  });

  const reference = (app: App) => {
    buildMcpDeployment(app, mcpTopology());
    for (const c of GUACD_CLUSTERS) new GuacdClusterStack(app, `guacd-${c.cluster}`, c);
  };

  test('the reference deployment has no findings under the Aspect, even failing on warnings', () => {
    const result = synthApp((app) => {
      reference(app);
      AffinityChecks.applyTo(app, { failOn: FailOn.WARNING });
    });
    expect(Object.keys(result.stacks)).toHaveLength(6);
    expect(Object.values(result.warnings).flat()).toEqual([]);
  });

  test('applyTo(app) reaches every stack (cdktf 0.21 does not visit Aspects of the app)', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'aspect-')) });
    reference(app);
    new ComputeFirewall(app.node.findChild('mcp-global') as TerraformStack, 'open', {
      name: 'open',
      network: 'default',
      sourceRanges: ['0.0.0.0/0'],
      allow: [{ protocol: 'tcp', ports: ['443'] }],
    });
    const plain = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'aspect-')) });
    Aspects.of(plain).add(new AffinityChecks());
    mistakes(new TerraformStack(plain, 'l1'));
    expect(() => plain.synth()).not.toThrow(); // what cdktf does with an Aspect on the app
    // X1 is a warning on plain Terraform (the API accepts the rule): fail on warnings.
    AffinityChecks.applyTo(app, { failOn: FailOn.WARNING });
    expect(() => app.synth()).toThrow(
      /\[mcp-global\/open\] source_ranges \[0\.0\.0\.0\/0\].*\[rule X1\]/,
    );
  });

  test('a stack created after applyTo fails the synth instead of going unchecked', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'aspect-')) });
    new TerraformStack(app, 'early');
    AffinityChecks.applyTo(app);
    new TerraformStack(app, 'late');
    expect(() => app.synth()).toThrow(/late: created after AffinityChecks.applyTo\(\)/);
  });
});

describe('affinity-review lint', () => {
  let reference: string;
  beforeAll(() => {
    reference = synthApp((app) => {
      buildMcpDeployment(app, mcpTopology());
      for (const c of GUACD_CLUSTERS) new GuacdClusterStack(app, `guacd-${c.cluster}`, c);
    }).outdir;
  });

  test('the reference synth lints clean (exit 0), even at --fail-on warning', () => {
    const r = runReview(['lint', reference, '--fail-on', 'warning']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^0 error\(s\), 0 warning\(s\), 0 suppressed, in \d+ resource\(s\)\n$/,
    );
  });

  test('a hand-written HCL-style plan: every mistake with its rule id, exit 1', () => {
    const r = runReview(['lint', FIXTURE, '--format', 'json']);
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.stdout);
    const got = findings.map((f: any) => `${f.address} ${f.rule}`).sort();
    expect(got).toEqual(
      [
        'google_compute_backend_service.agents S1',
        'google_compute_backend_service.web S5',
        'google_compute_backend_service.web T4',
        'google_compute_firewall.anywhere X1',
        'google_compute_global_forwarding_rule.http X3',
        'google_compute_health_check.web H2',
        'google_compute_target_https_proxy.web X2',
        'kubernetes_service_v1.guacd K1',
        'kubernetes_stateful_set_v1.guacd K4',
        ...Array(6).fill('kubernetes_stateful_set_v1.guacd X4'),
        'kubernetes_stateful_set_v1.guacd X5',
      ].sort(),
    );
    // ERROR only where the API refuses the value; the rest is accepted (ignored, risky or
    // short of a standard): warnings.
    expect(
      findings
        .filter((f: any) => f.level === 'error')
        .map((f: any) => f.rule)
        .sort(),
    ).toEqual(['H2', 'K1', 'S1']);
    for (const f of findings) {
      expect(f.help).toMatch(new RegExp(`docs/RULES.md#${f.rule.toLowerCase()}$`));
      expect(f.fix.length).toBeGreaterThan(10);
    }
    // Health-check references come from the plan's configuration (the id is unknown until apply).
    expect(findings.find((f: any) => f.rule === 'H2').attribute).toBe('timeout_sec');
  });

  test('Kubernetes objects are read once, as the API server receives them, whether provider resources or manifests', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-k8s-'));
    const guacdPod = {
      containers: [{ name: 'guacd', image: 'guacamole/guacd:1.6.0' }],
    };
    const synth = {
      resource: {
        // The provider sends timeout_seconds = 0 for an empty client_ip block: refused (K1).
        kubernetes_service_v1: {
          svc: {
            metadata: { name: 'guacd', namespace: 'guacamole' },
            spec: {
              selector: { app: 'guacd' },
              session_affinity: 'ClientIP',
              session_affinity_config: { client_ip: {} },
              port: [{ port: 4822 }],
            },
          },
        },
        kubernetes_manifest: {
          // The same rule on a Service written as a manifest, and a name the API refuses.
          svc2: {
            manifest: {
              apiVersion: 'v1',
              kind: 'Service',
              metadata: { name: 'Guacd_2', namespace: 'guacamole' },
              spec: {
                sessionAffinity: 'ClientIP',
                sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } },
              },
            },
          },
          // guacd as a manifest Deployment: short of the restricted profile (X4), no policy (X5).
          web: {
            manifest: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: { name: 'guacd', namespace: 'guacamole' },
              spec: {
                selector: { matchLabels: { app: 'guacd' } },
                template: { metadata: { labels: { app: 'guacd' } }, spec: guacdPod },
              },
            },
          },
        },
      },
    };
    fs.mkdirSync(path.join(dir, 'stacks', 'k8s'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', 'k8s', 'cdk.tf.json'), JSON.stringify(synth));
    const out = JSON.parse(
      runReview(['lint', dir, '--format', 'json', '--fail-on', 'never']).stdout,
    );
    const got = out.findings.map((f: any) => `${f.level} ${f.address} ${f.rule} ${f.attribute}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'error kubernetes_service_v1.svc K1 spec.session_affinity_config.client_ip.timeout_seconds',
        'error kubernetes_manifest.svc2 N2 manifest.metadata.name',
        // (A manifest's attributes are named as for the provider resource: one rule vocabulary.)
        expect.stringMatching(/^error kubernetes_manifest\.svc2 K1 manifest\.spec\./),
        'warning kubernetes_manifest.web X5 manifest.spec.template.metadata.labels',
      ]),
    );
    expect(
      got.filter((f: string) => f.startsWith('warning kubernetes_manifest.web X4')),
    ).not.toEqual([]);
  });

  test('--fail-on: warnings alone exit 0 at error, 1 at warning; never exits 0', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const plan = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    plan.planned_values.root_module.resources = plan.planned_values.root_module.resources.filter(
      (r: any) =>
        r.address === 'google_compute_backend_service.agents' ||
        r.type === 'google_compute_health_check',
    );
    const agents = plan.planned_values.root_module.resources[1];
    agents.values.session_affinity = 'GENERATED_COOKIE';
    delete agents.values.connection_draining_timeout_sec; // T4 only (a warning)
    const hc = plan.planned_values.root_module.resources[0];
    hc.values.timeout_sec = 5;
    const file = path.join(dir, 'plan.json');
    fs.writeFileSync(file, JSON.stringify(plan));
    const text = runReview(['lint', file]);
    expect(text.stdout).toMatch(
      /^WARN {2}plan\.json google_compute_backend_service\.agents: connection_draining_timeout_sec not set .*\[rule T4\]/m,
    );
    expect(text.code).toBe(0);
    expect(runReview(['lint', file, '--fail-on', 'warning']).code).toBe(1);
    expect(runReview(['lint', FIXTURE, '--fail-on', 'never']).code).toBe(0);
  });

  test('URL-map routes in plan form: duplicate matcher and priority (U1), both rule kinds (U2), matches (U3)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const values = {
      name: 'web-map',
      default_service: 'projects/p/global/backendServices/web',
      host_rule: [{ hosts: ['a.example.com'], path_matcher: 'main' }],
      path_matcher: [
        {
          name: 'main',
          default_service: 'projects/p/global/backendServices/web',
          path_rule: [{ paths: ['voice/*'], service: 'projects/p/global/backendServices/voice' }],
          route_rules: [
            { priority: 10, service: 'x', match_rules: [{ prefix_match: '/a' }] },
            {
              priority: 10,
              service: 'y',
              match_rules: [{ prefix_match: 'b', header_matches: [{ header_name: 'X-P' }] }],
            },
          ],
        },
        { name: 'main', default_service: 'projects/p/global/backendServices/web' },
      ],
    };
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'google_compute_url_map.web',
              mode: 'managed',
              type: 'google_compute_url_map',
              name: 'web',
              values,
            },
          ],
        },
      },
    };
    const file = path.join(dir, 'plan.json');
    fs.writeFileSync(file, JSON.stringify(plan));
    const r = runReview(['lint', file, '--format', 'json']);
    expect(r.code).toBe(1);
    const got = JSON.parse(r.stdout).findings.map(
      (f: any) => `${f.rule} ${f.attribute} ${f.value}`,
    );
    expect(got.sort()).toEqual(
      [
        'U1 path_matcher.name "main"',
        'U1 path_matcher[main].route_rules[1].priority 10',
        'U2 path_matcher[main] path_rule and route_rules',
        'U3 path_matcher[main].route_rules[1].match_rules.prefix_match "b"',
        'U3 path_matcher[main].route_rules[1].match_rules.header_matches[X-P] not set',
        'U3 path_matcher[main].path_rule.paths "voice/*"',
      ].sort(),
    );
  });

  test('SARIF 2.1.0 output validates against the schema and points at the resources', () => {
    const r = runReview(['lint', FIXTURE, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    expect(log).toBeValidSarifLog();
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0].results;
    expect(results.length).toBe(16);
    const s1 = results.find((x: any) => x.ruleId === 'S1');
    expect(s1.level).toBe('error');
    expect(s1.locations[0].logicalLocations[0].fullyQualifiedName).toBe(
      'google_compute_backend_service.agents',
    );
    expect(s1.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    const rules = log.runs[0].tool.driver.rules;
    expect(rules[s1.ruleIndex].id).toBe('S1');
    expect(rules[s1.ruleIndex].helpUri).toMatch(/RULES\.md#s1$/);
  });

  test('markdown output is a table with links to the rules', () => {
    const r = runReview(['lint', FIXTURE, '--format', 'markdown']);
    expect(r.stdout).toMatch(/^## affinity-review lint\n\n3 error\(s\), 13 warning\(s\)/);
    expect(r.stdout).toMatch(
      /\| error \| \[S1\]\(https:\/\/.+RULES\.md#s1\) \| `google_compute_backend_service\.agents`/,
    );
    // Every part of the template, as in text: the finding says what is allowed (issue 21).
    const rows = r.stdout.split('\n').filter((l) => /^\| (error|warning) \|/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/ \(allowed: [^|]+\) \| [^|]+ \|$/);
  });

  test.each([
    [['lint'], /one <synth-dir \| plan.json> expected/],
    [['lint', '/nonexistent/plan.json'], /does not exist/],
    [['lint', FIXTURE, '--format', 'xml'], /--format xml is not one of/],
    [['lint', FIXTURE, '--fail-on', 'high'], /--fail-on high is not one of/],
  ])('bad input %j: exit 2 with one line', (argv, message) => {
    const r = runReview(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a Terraform state is refused with the command that makes a plan', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, JSON.stringify({ format_version: '1.0', values: { root_module: {} } }));
    const r = runReview(['lint', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a Terraform state, not a plan; run terraform plan -out/);
  });

  test('a terraform.tfstate file is refused as a state, with the command that makes a plan', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const file = path.join(dir, 'terraform.tfstate');
    const state = {
      version: 4,
      terraform_version: '1.9.0',
      serial: 3,
      lineage: 'a-b',
      resources: [],
    };
    fs.writeFileSync(file, JSON.stringify(state));
    const r = runReview(['lint', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /is a Terraform state file \(terraform\.tfstate\), not a plan; run terraform plan -out/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('one source of truth: construct, Aspect and lint agree', () => {
  /** The same configuration as an L2 construct and as L1 resources. */
  const cases: {
    rule: string;
    l2: (s: TerraformStack) => void;
    l1: (s: TerraformStack) => void;
    /**
     * The level on plain Terraform: the constructs refuse what the platform would ignore, the
     * Aspect and lint warn about it (docs/RULES.md, "What the levels mean").
     */
    onTerraform?: 'warning';
  }[] = [
    {
      rule: 'S5',
      l2: (s) =>
        new AffinityBackendService(s, 'web', {
          name: 'web',
          loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
          protocol: BackendProtocol.HTTPS,
          sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.seconds(1_209_601) }),
          draining: DrainingPolicy.of(Duration.seconds(60)),
          healthCheck: HealthCheck.https({ port: 443 }),
        }),
      l1: (s) => {
        const hc = new ComputeHealthCheck(s, 'hc', {
          name: 'web-hc',
          httpsHealthCheck: { port: 443 },
        });
        new ComputeBackendService(s, 'web', {
          name: 'web',
          loadBalancingScheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          sessionAffinity: 'GENERATED_COOKIE',
          affinityCookieTtlSec: 1_209_601,
          connectionDrainingTimeoutSec: 60,
          healthChecks: [hc.id],
        });
      },
    },
    {
      // Accepted from hashicorp/google 7.24.0 only; the stack's required_providers pins 6.50.0
      // (the package's provider), so the Aspect and lint refuse it like the construct.
      rule: 'B1',
      l2: (s) =>
        new AffinityBackendService(s, 'mesh', {
          name: 'mesh',
          region: 'us-central1',
          loadBalancingScheme: LoadBalancingScheme.INTERNAL_SELF_MANAGED,
          protocol: BackendProtocol.HTTP,
          draining: DrainingPolicy.of(Duration.seconds(60)),
          healthCheck: HealthCheck.http({ port: 80 }),
        }),
      l1: (s) => {
        new ComputeRegionBackendService(s, 'mesh', {
          name: 'mesh',
          region: 'us-central1',
          loadBalancingScheme: 'INTERNAL_SELF_MANAGED',
          protocol: 'HTTP',
          connectionDrainingTimeoutSec: 60,
        });
      },
    },
    {
      rule: 'S5',
      onTerraform: 'warning',
      l2: (s) =>
        new AffinityBackendService(s, 'web', {
          name: 'web',
          loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
          protocol: BackendProtocol.HTTPS,
          sessionAffinity: SessionAffinity.fromType('CLIENT_IP' as any, {
            ttl: Duration.seconds(1800),
          }),
          draining: DrainingPolicy.of(Duration.seconds(60)),
          healthCheck: HealthCheck.https({ port: 443 }),
        }),
      l1: (s) => {
        const hc = new ComputeHealthCheck(s, 'hc', {
          name: 'web-hc',
          httpsHealthCheck: { port: 443 },
        });
        new ComputeBackendService(s, 'web', {
          name: 'web',
          loadBalancingScheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          sessionAffinity: 'CLIENT_IP',
          affinityCookieTtlSec: 1800,
          connectionDrainingTimeoutSec: 60,
          healthChecks: [hc.id],
        });
      },
    },
    {
      rule: 'H2',
      l2: (s) =>
        new AffinityBackendService(s, 'web', {
          name: 'web',
          loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
          protocol: BackendProtocol.HTTPS,
          sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }),
          draining: DrainingPolicy.of(Duration.seconds(60)),
          healthCheck: HealthCheck.https({
            port: 443,
            interval: Duration.seconds(5),
            timeout: Duration.seconds(10),
          }),
        }),
      l1: (s) => {
        const hc = new ComputeHealthCheck(s, 'hc', {
          name: 'web-hc',
          checkIntervalSec: 5,
          timeoutSec: 10,
          httpsHealthCheck: { port: 443 },
        });
        new ComputeBackendService(s, 'web', {
          name: 'web',
          loadBalancingScheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          sessionAffinity: 'GENERATED_COOKIE',
          affinityCookieTtlSec: 1800,
          connectionDrainingTimeoutSec: 60,
          healthChecks: [hc.id],
        });
      },
    },
    {
      rule: 'T1',
      l2: (s) =>
        new AffinityBackendService(s, 'web', {
          name: 'web',
          loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
          protocol: BackendProtocol.HTTPS,
          sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }),
          draining: DrainingPolicy.of(Duration.seconds(7200)),
          healthCheck: HealthCheck.https({ port: 443 }),
        }),
      l1: (s) => {
        const hc = new ComputeHealthCheck(s, 'hc', {
          name: 'web-hc',
          httpsHealthCheck: { port: 443 },
        });
        new ComputeBackendService(s, 'web', {
          name: 'web',
          loadBalancingScheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          sessionAffinity: 'GENERATED_COOKIE',
          affinityCookieTtlSec: 1800,
          connectionDrainingTimeoutSec: 7200,
          healthChecks: [hc.id],
        });
      },
    },
    {
      rule: 'K1',
      l2: (s) =>
        new GuacdStatefulPool(s, 'guacd', {
          replicas: 2,
          sessionAffinityTimeout: Duration.days(2),
          webPodSelector: { app: 'web' },
        }),
      l1: (s) => {
        new StatefulSetV1(s, 'guacd', {
          metadata: { name: 'guacd', namespace: 'guacamole' },
          spec: {
            serviceName: 'guacd',
            selector: { matchLabels: { app: 'guacd' } },
            template: {
              metadata: { labels: { app: 'guacd' } },
              spec: {
                automountServiceAccountToken: false,
                container: [
                  {
                    name: 'guacd',
                    image: 'guacamole/guacd:1.6.0',
                    lifecycle: { preStop: [{ exec: { command: ['sh', '-c', 'sleep 60'] } }] },
                    securityContext: {
                      runAsNonRoot: true,
                      runAsUser: '1000',
                      readOnlyRootFilesystem: true,
                      allowPrivilegeEscalation: false,
                      capabilities: { drop: ['ALL'] },
                      seccompProfile: { type: 'RuntimeDefault' },
                    },
                  },
                ],
              },
            },
          },
        });
        new NetworkPolicyV1(s, 'guacd-policy', {
          metadata: { name: 'guacd', namespace: 'guacamole' },
          spec: {
            podSelector: { matchLabels: { app: 'guacd' } },
            policyTypes: ['Ingress'],
            ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
          },
        });
        new ServiceV1(s, 'svc', {
          metadata: { name: 'guacd-service', namespace: 'guacamole' },
          spec: {
            selector: { app: 'guacd' },
            sessionAffinity: 'ClientIP',
            sessionAffinityConfig: { clientIp: { timeoutSeconds: 172800 } },
            port: [{ port: 4822 }],
          },
        });
      },
    },
  ];

  const webCase = (
    rule: string,
    frontend: GkeFrontend,
    affinity: SessionAffinity,
    manifest: Record<string, any>,
  ) => ({
    rule,
    l2: (s: TerraformStack) =>
      new GuacamoleWebTier(s, 'web', {
        guacd: new GuacdStatefulPool(s, 'guacd', { webPodSelector: { app: 'guacamole' } }),
        frontend,
        gatewayName: frontend === GkeFrontend.GATEWAY ? 'gw' : undefined,
        sessionAffinity: affinity,
      }),
    l1: (s: TerraformStack) => {
      new Manifest(s, 'policy', { manifest });
    },
  });
  cases.push(
    webCase('W2', GkeFrontend.INGRESS, SessionAffinity.generatedCookie({ ttl: Duration.days(2) }), {
      apiVersion: 'cloud.google.com/v1',
      kind: 'BackendConfig',
      metadata: { name: 'web', namespace: 'guacamole' },
      spec: {
        sessionAffinity: { affinityType: 'GENERATED_COOKIE', affinityCookieTtlSec: 172800 },
        connectionDraining: { drainingTimeoutSec: 1800 },
        timeoutSec: 28800,
      },
    }),
    webCase(
      'W1',
      GkeFrontend.GATEWAY,
      SessionAffinity.httpCookie({ name: 'GUAC', ttl: Duration.hours(1) }),
      {
        apiVersion: 'networking.gke.io/v1',
        kind: 'GCPBackendPolicy',
        metadata: { name: 'web', namespace: 'guacamole' },
        spec: {
          targetRef: { group: '', kind: 'Service', name: 'web' },
          default: {
            sessionAffinity: { type: 'HTTP_COOKIE', cookieTtlSec: 3600 },
            connectionDraining: { drainingTimeoutSec: 1800 },
            timeoutSec: 28800,
          },
        },
      },
    ),
  );

  const stack = (build: (s: TerraformStack) => void, app: App = Testing.app()) => {
    const s = new TerraformStack(app, 'same');
    new GoogleProvider(s, 'google', { project: 'p' });
    new KubernetesProvider(s, 'kubernetes', {});
    new ComputeFirewall(s, 'probes', {
      name: 'probes',
      network: 'default',
      sourceRanges: ['35.191.0.0/16', '130.211.0.0/22'],
      allow: [{ protocol: 'tcp', ports: ['443'] }],
    });
    build(s);
    return s;
  };

  test.each(
    cases.map((c) => [`${c.rule}${c.onTerraform ? ' (ignored by the API)' : ''}`, c] as const),
  )('%s: the same verdict on all three paths', (_name, c) => {
    const rule = c.rule;
    const level = c.onTerraform ?? 'error';
    // 1. The construct refuses it.
    expect(() => stack(c.l2)).toThrow(new RegExp(`\\[rule ${rule}\\]`));
    // 2. The Aspect reports it on the L1 resources.
    const l1 = stack(c.l1);
    Aspects.of(l1).add(new AffinityChecks());
    Testing.synth(l1);
    // The same rule; a GCPBackendPolicy cannot name an HTTP cookie, so W1 comes with S3 there.
    const extra = rule === 'W1' ? ['S3'] : [];
    const aspect = annotations(l1);
    expect(ids(level === 'error' ? aspect.errors : aspect.warnings)).toEqual(
      expect.arrayContaining([...extra, rule]),
    );
    if (level === 'error') expect(ids(aspect.errors)).toEqual([...extra, rule].sort());
    else expect(ids(aspect.errors)).toEqual([]);
    // 3. lint reports it on the synthesized JSON, at the same level.
    const { outdir } = synthApp((app) => {
      stack(c.l1, app);
    });
    const out = JSON.parse(runReview(['lint', outdir, '--format', 'json']).stdout);
    const found = out.findings.filter((f: any) => f.level === level);
    expect([...new Set(found.map((f: any) => f.rule))]).toEqual(
      expect.arrayContaining([...extra, rule]),
    );
    if (level === 'error')
      expect([...new Set(found.map((f: any) => f.rule))].sort()).toEqual([...extra, rule].sort());
    else expect(out.findings.filter((f: any) => f.level === 'error')).toEqual([]);
  });
});
