/**
 * The rule functions that encode what GKE's controllers and Kubernetes' API server accept,
 * at their bounds, including the ones only the Aspect and lint reach (manifests and Services
 * the library does not render itself). Sources are cited in the registry entries.
 */
import { TerraformStack, Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  DrainingPolicy,
  Duration,
  GkeFrontend,
  GuacamoleWebTier,
  GuacdStatefulPool,
  HealthCheck,
} from '../lib';
import { checkObjectName } from '../lib/core/names';
import { checkServiceAffinity } from '../lib/k8s/guacd-pool-rules';
import { checkImageReference } from '../lib/k8s/image-reference';
import {
  checkHealthCheckPolicy,
  checkHealthCheckType,
  checkWebHost,
} from '../lib/gke/web-tier-rules';
import { checkSslPolicy } from '../lib/gcp/frontend-security-rules';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { checkResources } from '../lib/checks/resource-checks';
import { resourcesFromSynth } from '../lib/terraform/resource';

const rules = (v: { rule: string }[]) => v.map((x) => x.rule);

describe('K1: a Service affinity the API server accepts', () => {
  test('sessionAffinityConfig without ClientIP is refused (unset or None)', () => {
    const config = [{ client_ip: [{ timeout_seconds: 60 }] }];
    for (const session_affinity of [undefined, 'None']) {
      const v = checkServiceAffinity({ session_affinity, session_affinity_config: config });
      expect(rules(v)).toEqual(['K1']);
      expect(v[0].problem).toMatch(/must not be set when session affinity is None/);
    }
  });
  test('no config, or an empty block list, with None is fine', () => {
    expect(checkServiceAffinity({})).toEqual([]);
    expect(checkServiceAffinity({ session_affinity: 'None', session_affinity_config: [] })).toEqual(
      [],
    );
  });
  test('ClientIP: the timeout at its bounds, and the default 10800 when absent', () => {
    const at = (t: unknown) =>
      checkServiceAffinity({
        session_affinity: 'ClientIP',
        session_affinity_config: [{ client_ip: [{ timeout_seconds: t }] }],
      });
    expect(rules(at(0))).toEqual(['K1']);
    expect(at(1)).toEqual([]);
    expect(at(86_400)).toEqual([]);
    expect(rules(at(86_401))).toEqual(['K1']);
    expect(rules(at(-5))).toEqual(['K1']);
    expect(checkServiceAffinity({ session_affinity: 'ClientIP' })).toEqual([]);
  });
  test('an affinity other than None or ClientIP is refused; a token is skipped', () => {
    expect(rules(checkServiceAffinity({ session_affinity: 'Cookie' }))).toEqual(['K1']);
    expect(checkServiceAffinity({ session_affinity: '${var.affinity}' })).toEqual([]);
  });
});

describe('W9, H1-H3: a HealthCheckPolicy manifest with the CRD defaults', () => {
  const http = { type: 'HTTP', httpHealthCheck: { port: 8080, requestPath: '/guacamole/' } };
  test('a timeout above the default interval of 5 s is refused; 5 is fine', () => {
    expect(rules(checkHealthCheckPolicy({ timeoutSec: 6, config: http }))).toEqual(['H2']);
    expect(checkHealthCheckPolicy({ timeoutSec: 5, config: http })).toEqual([]);
    expect(checkHealthCheckPolicy({ timeoutSec: 6, checkIntervalSec: 6, config: http })).toEqual(
      [],
    );
    const v = checkHealthCheckPolicy({ timeoutSec: 6, config: http });
    expect(v[0].problem).toMatch(/5s, the default/);
  });
  test('an interval below the default timeout of 5 s is refused', () => {
    expect(rules(checkHealthCheckPolicy({ checkIntervalSec: 4, config: http }))).toEqual(['H2']);
  });
  test('the CRD bounds: interval and timeout 1..300, thresholds 1..10', () => {
    expect(rules(checkHealthCheckPolicy({ checkIntervalSec: 301, timeoutSec: 5 }))).toEqual(['H1']);
    expect(checkHealthCheckPolicy({ checkIntervalSec: 300, timeoutSec: 300 })).toEqual([]);
    expect(rules(checkHealthCheckPolicy({ healthyThreshold: 11 }))).toEqual(['H3']);
    expect(rules(checkHealthCheckPolicy({ unhealthyThreshold: 0 }))).toEqual(['H3']);
    expect(checkHealthCheckPolicy({ healthyThreshold: 10, unhealthyThreshold: 1 })).toEqual([]);
  });
  test('the type and its probe block', () => {
    expect(checkHealthCheckPolicy(undefined)).toEqual([]);
    expect(checkHealthCheckPolicy({ config: { type: 'TCP', tcpHealthCheck: {} } })).toEqual([]);
    expect(checkHealthCheckPolicy({ config: { type: 'GRPC', grpcHealthCheck: {} } })).toEqual([]);
    expect(rules(checkHealthCheckPolicy({ config: { type: 'UDP' } }))).toEqual(['W9']);
    expect(rules(checkHealthCheckPolicy({ config: { type: 'TCP', httpHealthCheck: {} } }))).toEqual(
      ['W9'],
    );
    expect(
      rules(checkHealthCheckPolicy({ config: { httpHealthCheck: {}, tcpHealthCheck: {} } })),
    ).toEqual(['W9']);
  });
  test('host and request path patterns of the CRD', () => {
    const probe = (p: object) => checkHealthCheckPolicy({ config: { httpHealthCheck: p } });
    expect(probe({ host: 'desktop.example.com', requestPath: '/a/b?x=1' })).toEqual([]);
    expect(rules(probe({ host: 'Desktop.example.com' }))).toEqual(['W9']);
    expect(rules(probe({ host: 'desktop.example.com.' }))).toEqual(['W9']);
    expect(rules(probe({ requestPath: 'guacamole' }))).toEqual(['W9']);
    expect(rules(probe({ host: 'a'.repeat(2049) }))).toEqual(['W9']);
  });
  test('BackendConfig types: the translator merges HTTP, HTTPS and HTTP2 only', () => {
    for (const t of ['HTTP', 'HTTPS', 'HTTP2'])
      expect(checkHealthCheckType(GkeFrontend.INGRESS, t, 'type')).toEqual([]);
    for (const t of ['TCP', 'GRPC', 'SSL', 'http'])
      expect(rules(checkHealthCheckType(GkeFrontend.INGRESS, t, 'type'))).toEqual(['W9']);
  });
});

describe('N2-N4: names by kind', () => {
  const sixtyFour = 'a'.repeat(64);
  test('a Service is a DNS-1035 label; other kinds are DNS-1123 subdomains', () => {
    expect(rules(checkObjectName('Service', 'name', sixtyFour))).toEqual(['N2']);
    expect(rules(checkObjectName('Service', 'name', '1web'))).toEqual(['N2']);
    for (const kind of [
      'Deployment',
      'StatefulSet',
      'Ingress',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'BackendConfig',
      'GCPBackendPolicy',
      'HealthCheckPolicy',
      'HTTPRoute',
      'Gateway',
    ] as const) {
      expect(checkObjectName(kind, 'name', sixtyFour)).toEqual([]);
      expect(checkObjectName(kind, 'name', '1web.example')).toEqual([]);
      expect(checkObjectName(kind, 'name', 'a'.repeat(253))).toEqual([]);
      expect(rules(checkObjectName(kind, 'name', 'a'.repeat(254)))).toEqual(['N4']);
      expect(rules(checkObjectName(kind, 'name', 'Web'))).toEqual(['N4']);
      expect(rules(checkObjectName(kind, 'name', 'web..x'))).toEqual(['N4']);
    }
  });
  test('a Namespace is a DNS-1123 label', () => {
    expect(checkObjectName('Namespace', 'namespace', '1st')).toEqual([]);
    expect(rules(checkObjectName('Namespace', 'namespace', 'a.b'))).toEqual(['N3']);
  });
});

describe('W10: hosts', () => {
  const errs = (f: GkeFrontend, h: string) => rules(checkWebHost(f, h).errors);
  const warns = (f: GkeFrontend, h: string) => rules(checkWebHost(f, h).warnings);
  test('IPv6 and IPv4 addresses on an Ingress are refused; a wildcard over digits is not an IP', () => {
    expect(errs(GkeFrontend.INGRESS, '2001:db8::1')).toEqual(['W10']);
    expect(errs(GkeFrontend.INGRESS, '10.0.0.1')).toEqual(['W10']);
    expect(errs(GkeFrontend.INGRESS, '*.10.0.0.1')).toEqual([]);
    expect(errs(GkeFrontend.INGRESS, '10.0.0.256')).toEqual([]);
  });
  test('an IPv4 address on an HTTPRoute warns; an empty host is any host', () => {
    expect(errs(GkeFrontend.GATEWAY, '10.0.0.1')).toEqual([]);
    expect(warns(GkeFrontend.GATEWAY, '10.0.0.1')).toEqual(['W10']);
    expect(checkWebHost(GkeFrontend.INGRESS, '')).toEqual({ errors: [], warnings: [] });
  });
  test('labels may be 63 characters or more inside a 253-character subdomain (Kubernetes checks the whole)', () => {
    expect(errs(GkeFrontend.INGRESS, `${'a'.repeat(70)}.example.com`)).toEqual([]);
  });
});

describe('K7: digests and name length', () => {
  const errors = (image: string) => rules(checkImageReference('image', image).errors);
  test.each([
    ['sha256', 64],
    ['sha384', 96],
    ['sha512', 128],
  ])('%s takes exactly %d lowercase hex digits', (alg, n) => {
    expect(errors(`guacd@${alg}:${'a'.repeat(n)}`)).toEqual([]);
    expect(errors(`guacd@${alg}:${'a'.repeat(n - 1)}`)).toEqual(['K7']);
    expect(errors(`guacd@${alg}:${'a'.repeat(n + 1)}`)).toEqual(['K7']);
  });
  test('the 255-character limit is on the name, not on tag and digest', () => {
    expect(errors(`${'g'.repeat(255)}:1.6.0`)).toEqual([]);
    expect(errors(`${'g'.repeat(256)}:1.6.0`)).toEqual(['K7']);
  });
});

describe('X2: values of the pinned provider', () => {
  test('TLS_1_3 and unknown values fail terraform plan; TLS_1_2 MODERN passes', () => {
    expect(rules(checkSslPolicy({ profile: 'MODERN', min_tls_version: 'TLS_1_3' }, 'p'))).toEqual([
      'X2',
    ]);
    expect(checkSslPolicy({ profile: 'MODERN', min_tls_version: 'TLS_1_2' }, 'p')).toEqual([]);
    expect(
      checkSslPolicy({ profile: 'CUSTOM', min_tls_version: 'TLS_1_2' }, 'p')[0].problem,
    ).toMatch(/forward secrecy/);
  });
});

describe('upper bounds Kubernetes does not have', () => {
  const synth = (build: (s: TerraformStack) => void) => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new KubernetesProvider(stack, 'kubernetes', {});
    build(stack);
    return Testing.synth(stack, true);
  };
  test('a pool drain of 8 days, polled every 10 minutes with a 2-hour margin, is accepted', () => {
    expect(() =>
      synth(
        (s) =>
          new GuacdStatefulPool(s, 'guacd', {
            webPodSelector: { app: 'web' },
            replicas: 1,
            draining: DrainingPolicy.withOptions({
              timeout: Duration.days(8),
              pollInterval: Duration.minutes(10),
              shutdownMargin: Duration.hours(2),
            }),
          }),
      ),
    ).not.toThrow();
  });
  test('a web tier with 5000 replicas and a 63-character name is accepted and rendered', () => {
    const json = JSON.parse(
      synth((s) => {
        const guacd = new GuacdStatefulPool(s, 'guacd', { webPodSelector: { app: 'web' } });
        new GuacamoleWebTier(s, 'web', {
          guacd,
          frontend: GkeFrontend.INGRESS,
          name: 'w'.repeat(63),
          replicas: 5000,
        });
      }),
    );
    const manifest = Object.values(json.resource.kubernetes_manifest)[0] as {
      manifest: { metadata: { name: string } };
    };
    expect(manifest.manifest.metadata.name).toBe(`${'w'.repeat(63)}-backend-config`);
    const deployment = Object.values(json.resource.kubernetes_deployment_v1)[0] as {
      spec: { replicas: string };
    };
    expect(deployment.spec.replicas).toBe('5000');
  });
});

describe('HealthCheckPolicy carries host, response and logging', () => {
  test('they are rendered, not refused', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new KubernetesProvider(stack, 'kubernetes', {});
    const guacd = new GuacdStatefulPool(stack, 'guacd', { webPodSelector: { app: 'web' } });
    new GuacamoleWebTier(stack, 'web', {
      guacd,
      frontend: GkeFrontend.GATEWAY,
      gatewayName: 'external-http',
      healthCheck: HealthCheck.http({
        port: 8080,
        requestPath: '/guacamole/',
        host: 'desktop.example.com',
        response: 'Guacamole',
        logging: true,
      }),
    });
    const json = JSON.parse(Testing.synth(stack, true));
    const policy = Object.values(json.resource.kubernetes_manifest as Record<string, any>).find(
      (m) => m.manifest.kind === 'HealthCheckPolicy',
    );
    expect(policy.manifest.spec.default.logConfig).toEqual({ enabled: true });
    expect(policy.manifest.spec.default.config.httpHealthCheck).toEqual({
      port: 8080,
      requestPath: '/guacamole/',
      host: 'desktop.example.com',
      response: 'Guacamole',
    });
    expect(checkHealthCheckPolicy(policy.manifest.spec.default)).toEqual([]);
  });
});

describe("BackendConfig health check: unset fields are ingress-gce's, not 5 s", () => {
  // ingress-gce starts a NEG health check at 15 s / 15 s / 1 / 2 and then copies the pods'
  // readinessProbe (pkg/translator/healthchecks.go), so lint cannot know an unset field.
  const lintBackendConfig = (healthCheck: Record<string, unknown>) => {
    const app = Testing.app();
    const s = new TerraformStack(app, 'bc');
    new KubernetesProvider(s, 'kubernetes', {});
    new Manifest(s, 'backend-config', {
      manifest: {
        apiVersion: 'cloud.google.com/v1',
        kind: 'BackendConfig',
        metadata: { name: 'web', namespace: 'guacamole' },
        spec: { timeoutSec: 28800, connectionDraining: { drainingTimeoutSec: 1800 }, healthCheck },
      },
    });
    return checkResources(resourcesFromSynth('bc', JSON.parse(Testing.synth(s)))).map(
      (f) => `${f.rule} ${f.attribute}`,
    );
  };
  test('an interval of 2 s alone is not judged against an assumed 5 s timeout', () => {
    expect(lintBackendConfig({ checkIntervalSec: 2, type: 'HTTP' })).toEqual([]);
  });
  test('a timeout of 10 s alone is not judged against an assumed 5 s interval', () => {
    expect(lintBackendConfig({ timeoutSec: 10 })).toEqual([]);
  });
  test('both set: a timeout above the interval is still H2', () => {
    expect(lintBackendConfig({ checkIntervalSec: 2, timeoutSec: 10 })).toEqual([
      'H2 manifest.spec.healthCheck.timeoutSec',
    ]);
  });
  test('a threshold set out of range is still H3; unset ones are not judged', () => {
    expect(lintBackendConfig({ healthyThreshold: 11 })).toEqual([
      'H3 manifest.spec.healthCheck.healthyThreshold',
    ]);
  });
});

describe('X5 across clusters: a NetworkPolicy guards only pods of its own stack', () => {
  // One stack is one cluster: a policy in cluster a does not select guacd pods in cluster b,
  // however alike their namespace and labels are.
  test('the pool of the stack without a policy is reported, the other is not', () => {
    const app = Testing.app();
    const s = new TerraformStack(app, 'a');
    new KubernetesProvider(s, 'kubernetes', {});
    new GuacdStatefulPool(s, 'guacd', { webPodSelector: { app: 'guacamole' } });
    const a = JSON.parse(Testing.synth(s));
    const b = JSON.parse(JSON.stringify(a));
    expect(Object.keys(b.resource.kubernetes_network_policy_v1)).toHaveLength(1);
    delete b.resource.kubernetes_network_policy_v1;
    const x5 = checkResources([...resourcesFromSynth('a', a), ...resourcesFromSynth('b', b)])
      .filter((f) => f.rule === 'X5')
      .map((f) => f.resource.source);
    expect(x5).toEqual(['b']);
  });
});

describe('X2: a CUSTOM profile satisfies CIS 3.9 only without any weak suite', () => {
  const strong = 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256';
  const weak = 'TLS_RSA_WITH_AES_128_GCM_SHA256';
  const x2 = (policy: Record<string, unknown>) =>
    checkSslPolicy({ min_tls_version: 'TLS_1_2', ...policy }, 'p').map(
      (v) => `${v.attribute} ${v.value}`,
    );

  test.each([
    [{ profile: 'CUSTOM', custom_features: [strong] }, []],
    [{ profile: 'CUSTOM', custom_features: [strong, weak] }, ['p.profile CUSTOM']],
    [{ profile: 'CUSTOM', custom_features: [] }, ['p.profile CUSTOM']],
    [{ profile: 'CUSTOM', custom_features: [strong, 7] }, ['p.profile CUSTOM']],
    [{ profile: 'CUSTOM' }, ['p.profile CUSTOM']],
    [{ profile: 'COMPATIBLE', custom_features: [strong] }, ['p.profile COMPATIBLE']],
    [{}, ['p.profile not set (COMPATIBLE)']],
    [{ profile: 'MODERN', min_tls_version: undefined }, ['p.min_tls_version not set (TLS_1_0)']],
    [{ profile: 'MODERN', min_tls_version: 'TLS_1_1' }, ['p.min_tls_version TLS_1_1']],
  ])('%j: %j', (policy, found) => {
    expect(x2(policy)).toEqual(found);
  });

  test('the allowed values are named', () => {
    const [tls] = checkSslPolicy({ profile: 'MODERN', min_tls_version: 'TLS_1_0' }, 'p');
    expect(tls.allowed).toBe('TLS_1_2');
    const [profile] = checkSslPolicy({ profile: 'COMPATIBLE', min_tls_version: 'TLS_1_2' }, 'p');
    expect(profile.allowed).toBe('MODERN or RESTRICTED');
  });
});
