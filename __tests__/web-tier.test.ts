import { TerraformStack, Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  DrainingPolicy,
  Duration,
  GkeFrontend,
  GuacamoleWebTier,
  GuacdStatefulPool,
  HealthCheck,
  SessionAffinity,
  ValidationError,
} from '../lib';
import { GuacdClusterStack } from '../stacks/guacd-cluster-stack';
import { GUACD_CLUSTERS } from '../stacks/guacd-topology';
import { only, resources, synthApp, synthJson, warningsOf } from './helpers';

const manifests = (json: any, kind: string) =>
  Object.values<any>(resources(json, 'kubernetes_manifest'))
    .map((m) => m.manifest)
    .filter((m) => m.kind === kind);
const oneManifest = (json: any, kind: string) => {
  const all = manifests(json, kind);
  expect(all).toHaveLength(1);
  return all[0];
};
/**
 * ingress-gce's selection of an Ingress, restated from kubernetes/ingress-gce
 * pkg/utils/utils.go `IsGCEIngress` (GKE defaults: global external and internal classes on):
 * the `kubernetes.io/ingress.class` annotation decides; with no annotation the Ingress is GKE's
 * only when `spec.ingressClassName` is nil, since GKE installs no IngressClass of its own.
 */
const GCE_CLASSES = ['gce', 'gce-internal', 'gce-regional-external'];
const selectedByIngressGce = (ingress: any): boolean => {
  const cls = ingress.metadata?.annotations?.['kubernetes.io/ingress.class'] ?? '';
  if (cls === '') return ingress.spec?.ingress_class_name === undefined;
  return GCE_CLASSES.includes(cls);
};
const webService = (json: any) =>
  Object.values<any>(resources(json, 'kubernetes_service_v1')).find(
    (s) => s.metadata.name === 'guacamole',
  );

describe('reference clusters: the web tier in front of the guacd pool', () => {
  let stacks: Record<string, any>;
  beforeAll(() => {
    stacks = synthApp((app) => {
      for (const c of GUACD_CLUSTERS) new GuacdClusterStack(app, `guacd-${c.cluster}`, c);
    }).stacks;
  });

  test('classroom: Ingress with a BackendConfig carrying cookie affinity, TTL, draining, timeout, health check', () => {
    const json = stacks['guacd-tutorpro360-classroom'];
    const bc = oneManifest(json, 'BackendConfig');
    expect(bc.apiVersion).toBe('cloud.google.com/v1');
    expect(bc.metadata).toMatchObject({ name: 'guacamole-backend-config', namespace: 'guacamole' });
    expect(bc.spec.sessionAffinity).toEqual({
      affinityType: 'GENERATED_COOKIE',
      affinityCookieTtlSec: 8 * 3600,
    });
    expect(bc.spec.connectionDraining).toEqual({ drainingTimeoutSec: 1800 });
    expect(bc.spec.timeoutSec).toBe(8 * 3600);
    expect(bc.spec.healthCheck).toEqual({
      type: 'HTTP',
      port: 8080,
      requestPath: '/guacamole/',
      checkIntervalSec: 10,
      timeoutSec: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
    });
    // The Service is container-native (NEG) and names the BackendConfig.
    const svc = webService(json);
    expect(svc.metadata.annotations).toEqual({
      'cloud.google.com/neg': '{"ingress": true}',
      'cloud.google.com/backend-config': '{"default":"guacamole-backend-config"}',
    });
    const ingress = only(json, 'kubernetes_ingress_v1');
    // GKE serves it: the class is the annotation, and no ingressClassName contradicts it.
    expect(ingress.metadata.annotations).toEqual({ 'kubernetes.io/ingress.class': 'gce' });
    expect(ingress.spec.ingress_class_name).toBeUndefined();
    expect(selectedByIngressGce(ingress)).toBe(true);
    expect(ingress.spec.rule[0].host).toBe('classroom.tutorpro360.example');
    expect(ingress.spec.rule[0].http.path[0].backend.service).toEqual({
      name: 'guacamole',
      port: { number: 8080 },
    });
    expect(manifests(json, 'GCPBackendPolicy')).toEqual([]);
  });

  test('lecture hall: HTTPRoute to the named Gateway, GCPBackendPolicy and HealthCheckPolicy on the Service', () => {
    const json = stacks['guacd-tutorpro360-lecture-hall'];
    const policy = oneManifest(json, 'GCPBackendPolicy');
    expect(policy.apiVersion).toBe('networking.gke.io/v1');
    expect(policy.spec.targetRef).toEqual({ group: '', kind: 'Service', name: 'guacamole' });
    expect(policy.spec.default).toEqual({
      sessionAffinity: { type: 'GENERATED_COOKIE', cookieTtlSec: 12 * 3600 },
      connectionDraining: { drainingTimeoutSec: 2700 },
      timeoutSec: 12 * 3600,
    });
    const hc = oneManifest(json, 'HealthCheckPolicy');
    expect(hc.spec.targetRef).toEqual({ group: '', kind: 'Service', name: 'guacamole' });
    expect(hc.spec.default.config).toEqual({
      type: 'HTTP',
      httpHealthCheck: { port: 8080, requestPath: '/guacamole/' },
    });
    expect(hc.spec.default.timeoutSec).toBeLessThanOrEqual(hc.spec.default.checkIntervalSec);
    const route = oneManifest(json, 'HTTPRoute');
    expect(route.spec.parentRefs).toEqual([{ name: 'external-http' }]);
    expect(route.spec.hostnames).toEqual(['lecture-hall.tutorpro360.example']);
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'guacamole', port: 8080 }]);
    expect(webService(json).metadata.annotations).toEqual({
      'cloud.google.com/neg': '{"ingress": true}',
    });
    expect(manifests(json, 'BackendConfig')).toEqual([]);
    expect(resources(json, 'kubernetes_ingress_v1')).toEqual({});
  });

  test.each([
    ['guacd-tutorpro360-classroom', 2, 1800],
    ['guacd-tutorpro360-lecture-hall', 3, 2700],
  ])(
    '%s: %i web pods drain open tunnels for %is; guacd admits exactly them',
    (name, replicas, drain) => {
      const json = stacks[name];
      const d = only(json, 'kubernetes_deployment_v1');
      expect(d.spec.replicas).toBe(String(replicas));
      expect(d.spec.strategy.rolling_update).toEqual({ max_surge: '1', max_unavailable: '0' });
      const pod = d.spec.template.spec;
      const c = pod.container[0];
      expect(c.image).toBe('guacamole/guacamole:1.6.0');
      expect(pod.termination_grace_period_seconds).toBe(drain + 15);
      // The preStop script waits on 8080 (0x1F90) for the drain.
      expect(c.lifecycle.pre_stop[0].exec.command[2]).toContain(`+ ${drain} ))`);
      expect(c.lifecycle.pre_stop[0].exec.command[2]).toContain(':1F90$');
      // The load balancer drains exactly as long as the pod (W6).
      const lbDrain =
        manifests(json, 'BackendConfig')[0]?.spec.connectionDraining.drainingTimeoutSec ??
        manifests(json, 'GCPBackendPolicy')[0]?.spec.default.connectionDraining.drainingTimeoutSec;
      expect(lbDrain).toBe(drain);
      expect(c.env).toEqual([
        { name: 'GUACD_HOSTNAME', value: 'guacd-service.guacamole.svc.cluster.local' },
        { name: 'GUACD_PORT', value: '4822' },
      ]);
      expect(c.security_context).toMatchObject({
        run_as_non_root: true,
        run_as_user: '1001',
        read_only_root_filesystem: true,
        allow_privilege_escalation: false,
        capabilities: { drop: ['ALL'] },
        seccomp_profile: { type: 'RuntimeDefault' },
      });
      expect(pod.automount_service_account_token).toBe(false);
      // guacd's NetworkPolicy admits exactly the web pods: its peer is their full label set,
      // not the pool's broader selector.
      const netpol = only(json, 'kubernetes_network_policy_v1');
      const peer = netpol.spec.ingress[0].from[0].pod_selector.match_labels;
      expect(peer).toEqual(d.spec.template.metadata.labels);
      expect(peer).toMatchObject({ 'app.kubernetes.io/name': 'guacamole' });
      expect(netpol.metadata.namespace).toBe(d.metadata.namespace);
    },
  );
});

describe('GuacamoleWebTier rules', () => {
  const stack = () => {
    const s = new TerraformStack(Testing.app(), 'test');
    new KubernetesProvider(s, 'kubernetes', {});
    return s;
  };
  const pool = (s: TerraformStack) =>
    new GuacdStatefulPool(s, 'guacd', { webPodSelector: { app: 'guacamole' } });

  test('invalid combinations are refused with rule ids: a TTL on CLIENT_IP, draining over 3600 s', () => {
    const s = stack();
    let error: unknown;
    try {
      new GuacamoleWebTier(s, 'web', {
        guacd: pool(s),
        frontend: GkeFrontend.INGRESS,
        sessionAffinity: SessionAffinity.fromType('CLIENT_IP' as never, { ttl: Duration.hours(1) }),
        loadBalancerDraining: DrainingPolicy.of(Duration.seconds(3601)),
      });
    } catch (e) {
      error = e;
    }
    expect(ValidationError.isValidationError(error)).toBe(true);
    const rules = (error as ValidationError).violations.map((v) => v.rule).sort();
    expect(rules).toEqual(['S5', 'T1']);
    expect((error as Error).message).toMatch(
      /loadBalancerDraining 3601s is out of range \(allowed: 0s\.\.3600s \(1 hour\)\)/,
    );
  });

  test('a backend timeout shorter than the drain warns (W3); defaults warn about nothing', () => {
    const s = stack();
    const web = new GuacamoleWebTier(s, 'web', {
      guacd: pool(s),
      frontend: GkeFrontend.GATEWAY,
      gatewayName: 'gw',
      backendTimeout: Duration.minutes(10),
    });
    Testing.synth(s, true);
    expect(warningsOf(web).map((w) => w.replace(/.*\[rule (\w+)\]$/, '$1'))).toEqual(['W3']);
    const quiet = stack();
    const ok = new GuacamoleWebTier(quiet, 'web', {
      guacd: pool(quiet),
      frontend: GkeFrontend.INGRESS,
    });
    const json = synthJson(quiet);
    expect(warningsOf(ok)).toEqual([]);
    expect(oneManifest(json, 'BackendConfig').spec.sessionAffinity).toEqual({
      affinityType: 'GENERATED_COOKIE',
      affinityCookieTtlSec: 8 * 3600,
    });
  });

  test('every rendered Ingress is one ingress-gce selects; a static IP keeps the class', () => {
    // The selection rule itself, on the shapes that decide it.
    const ing = (annotations: any, className?: string) => ({
      metadata: { annotations },
      spec: className === undefined ? {} : { ingress_class_name: className },
    });
    expect(selectedByIngressGce(ing(undefined, 'gce'))).toBe(false);
    expect(selectedByIngressGce(ing(undefined))).toBe(true);
    expect(selectedByIngressGce(ing({ 'kubernetes.io/ingress.class': 'nginx' }))).toBe(false);
    expect(selectedByIngressGce(ing({ 'kubernetes.io/ingress.class': 'gce' }))).toBe(true);

    const s = stack();
    new GuacamoleWebTier(s, 'web', {
      guacd: pool(s),
      frontend: GkeFrontend.INGRESS,
      staticIpName: 'web-ip',
    });
    const ingress = only(synthJson(s), 'kubernetes_ingress_v1');
    expect(ingress.metadata.annotations).toEqual({
      'kubernetes.io/ingress.class': 'gce',
      'kubernetes.io/ingress.global-static-ip-name': 'web-ip',
    });
    expect(selectedByIngressGce(ingress)).toBe(true);
  });

  test('a custom health check is rendered in the HealthCheckPolicy, and checked (H2)', () => {
    const s = stack();
    new GuacamoleWebTier(s, 'web', {
      guacd: pool(s),
      frontend: GkeFrontend.GATEWAY,
      gatewayName: 'gw',
      healthCheck: HealthCheck.http({
        port: 8080,
        requestPath: '/guacamole/api/languages',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(10),
      }),
    });
    const hc = oneManifest(synthJson(s), 'HealthCheckPolicy');
    expect(hc.spec.default).toMatchObject({
      checkIntervalSec: 15,
      timeoutSec: 10,
      config: { httpHealthCheck: { requestPath: '/guacamole/api/languages' } },
    });
    const bad = stack();
    expect(
      () =>
        new GuacamoleWebTier(bad, 'web', {
          guacd: pool(bad),
          frontend: GkeFrontend.INGRESS,
          healthCheck: HealthCheck.http({
            port: 8080,
            interval: Duration.seconds(5),
            timeout: Duration.seconds(10),
          }),
        }),
    ).toThrow(/healthCheck.timeout 10s is longer than the interval.*\[rule H2\]/);
  });
});
