/**
 * cdktf tokens (variables, Fn calls, references) pass through every construct: the checks
 * that need the value are skipped, the others still run, and the token lands unchanged in
 * the attribute it was given for.
 */
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  AffinityBackendService,
  AffinityMonitoring,
  BackendProtocol,
  BalancingMode,
  DrainingPolicy,
  Duration,
  GlobalHttpsFrontend,
  GuacdStatefulPool,
  HealthCheck,
  InstanceGroup,
  LoadBalancerFirewall,
  LoadBalancingScheme,
  SessionAffinity,
  ZonalBackendGroup,
} from '../lib';
import { errorOf, only, resources } from './helpers';

function stack() {
  const s = new TerraformStack(Testing.app(), 'vars');
  new GoogleProvider(s, 'google', { project: 'p' });
  new KubernetesProvider(s, 'kubernetes', {});
  const num = (name: string) => new TerraformVariable(s, name, { type: 'number' }).numberValue;
  const str = (name: string) => new TerraformVariable(s, name, { type: 'string' }).stringValue;
  const synth = () => JSON.parse(Testing.synth(s, true));
  return { s, num, str, synth };
}

const group = InstanceGroup.fromUrl('projects/p/zones/z/instanceGroups/g', {
  name: 'g',
  zone: 'us-west1-a',
  namedPorts: [{ name: 'https', port: 443 }],
});

describe('tokens pass through', () => {
  test('Duration keeps a token and scales it by its unit', () => {
    const { num } = stack();
    const d = Duration.minutes(num('m'));
    expect(d.isUnresolved()).toBe(true);
    expect(d.isZero()).toBe(false);
    expect(d.toString()).toBe('(token) minutes');
    expect(Duration.seconds(num('s')).isWholeSeconds()).toBe(true);
  });

  test('AffinityBackendService: TTL, draining, timeout, names, capacity and health check from variables', () => {
    const { s, num, str, synth } = stack();
    new AffinityBackendService(s, 'svc', {
      name: str('name'),
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
      protocol: BackendProtocol.HTTPS,
      portName: str('port_name'),
      sessionAffinity: SessionAffinity.httpCookie({
        name: str('cookie'),
        path: str('cookie_path'),
        ttl: Duration.minutes(num('ttl_minutes')),
      }),
      draining: DrainingPolicy.of(Duration.seconds(num('drain'))),
      timeout: Duration.seconds(num('timeout')),
      logging: { sampleRate: num('sample') },
      healthCheck: HealthCheck.https({
        port: num('hc_port'),
        interval: Duration.seconds(num('hc_interval')),
        timeout: Duration.seconds(num('hc_timeout')),
        healthyThreshold: num('hc_healthy'),
        requestPath: str('hc_path'),
      }),
      backends: [
        {
          group,
          balancingMode: BalancingMode.RATE,
          maxRatePerInstance: num('rate'),
          capacityScaler: num('scaler'),
        },
      ],
    });
    const json = synth();
    const bs = only(json, 'google_compute_backend_service');
    expect(bs.name).toBe('${var.name}');
    expect(bs.port_name).toBe('${var.port_name}');
    expect(bs.consistent_hash.http_cookie).toEqual({
      name: '${var.cookie}',
      path: '${var.cookie_path}',
      ttl: { seconds: '${(var.ttl_minutes * 60)}' },
    });
    expect(bs.connection_draining_timeout_sec).toBe('${var.drain}');
    expect(bs.timeout_sec).toBe('${var.timeout}');
    expect(bs.log_config.sample_rate).toBe('${var.sample}');
    expect(bs.backend[0]).toMatchObject({
      max_rate_per_instance: '${var.rate}',
      capacity_scaler: '${var.scaler}',
    });
    const hc = only(json, 'google_compute_health_check');
    expect(hc.name).toBe('${var.name}-hc');
    expect(hc).toMatchObject({
      check_interval_sec: '${var.hc_interval}',
      timeout_sec: '${var.hc_timeout}',
      healthy_threshold: '${var.hc_healthy}',
    });
    expect(hc.https_health_check).toMatchObject({
      port: '${var.hc_port}',
      request_path: '${var.hc_path}',
    });
  });

  test('checks that do not need the token still run', () => {
    const { s, num } = stack();
    // The TTL is a token, but a TTL on CLIENT_IP is wrong whatever its value (S5).
    expect(
      errorOf(
        () =>
          new AffinityBackendService(s, 'svc', {
            name: 'svc',
            loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
            protocol: BackendProtocol.HTTPS,
            healthCheck: HealthCheck.https(),
            sessionAffinity: SessionAffinity.fromType(SessionAffinity.clientIp().type, {
              ttl: Duration.seconds(num('ttl')),
            }),
          }),
      ),
    ).toMatch(/sessionAffinity\.ttl \(token\) seconds is set on CLIENT_IP.*\[rule S5\]/);
    // Generated cookie TTLs land in affinity_cookie_ttl_sec.
    new AffinityBackendService(s, 'ok', {
      name: 'ok',
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
      protocol: BackendProtocol.HTTPS,
      healthCheck: HealthCheck.https(),
      sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(num('h')) }),
    });
    const bs = resources(JSON.parse(Testing.synth(s, true)), 'google_compute_backend_service');
    expect(Object.values<any>(bs)[0].affinity_cookie_ttl_sec).toBe('${(var.h * 3600)}');
  });

  test('ZonalBackendGroup: size, autoscaler bounds, targets and cooldown', () => {
    const { s, num, str, synth } = stack();
    new ZonalBackendGroup(s, 'g', {
      name: str('group'),
      zone: 'us-west1-a',
      instanceTemplate: str('template'),
      namedPorts: [{ name: 'https', port: num('port') }],
      autoscaling: {
        minReplicas: num('min'),
        maxReplicas: num('max'),
        cpuTarget: num('cpu'),
        cooldown: Duration.seconds(num('cooldown')),
      },
    });
    const json = synth();
    const mig = only(json, 'google_compute_instance_group_manager');
    expect(mig.name).toBe('${var.group}');
    expect(mig.named_port).toEqual([{ name: 'https', port: '${var.port}' }]);
    expect(only(json, 'google_compute_autoscaler').autoscaling_policy).toMatchObject({
      min_replicas: '${var.min}',
      max_replicas: '${var.max}',
      cooldown_period: '${var.cooldown}',
      cpu_utilization: { target: '${var.cpu}' },
    });
  });

  test('LoadBalancerFirewall, GlobalHttpsFrontend and AffinityMonitoring', () => {
    const { s, num, str, synth } = stack();
    const svc = new AffinityBackendService(s, 'svc', {
      name: 'svc',
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
      protocol: BackendProtocol.HTTPS,
      healthCheck: HealthCheck.https({ port: num('probe') }),
      backends: [{ group, balancingMode: BalancingMode.RATE, maxRatePerInstance: 10 }],
    });
    new LoadBalancerFirewall(s, 'fw', {
      name: 'fw',
      network: str('network'),
      ports: [num('serving')],
      priority: num('priority'),
      targetTags: ['b'],
      services: [svc],
    });
    new GlobalHttpsFrontend(s, 'fe', {
      name: 'lb',
      defaultService: svc,
      managedCertificateDomains: [str('domain')],
      hostRules: [
        {
          hosts: ['h.example.com'],
          pathMatcher: 'pm',
          defaultService: svc,
          routeRules: [{ priority: num('route'), service: svc, prefixMatch: str('prefix') }],
        },
      ],
    });
    new AffinityMonitoring(s, 'mon', {
      services: [svc],
      dashboardName: 'd',
      notificationChannels: ['c'],
      unevenShareThreshold: num('share'),
      minRequestRate: num('rps'),
      alertAfter: Duration.minutes(num('after')),
    });
    const json = synth();
    const fw = only(json, 'google_compute_firewall');
    expect(fw.allow).toEqual([{ protocol: 'tcp', ports: ['${var.serving}'] }]);
    expect(fw.priority).toBe('${var.priority}');
    const map = Object.values<any>(resources(json, 'google_compute_url_map')).find(
      (m) => m.path_matcher,
    );
    expect(map.path_matcher[0].route_rules[0]).toMatchObject({
      priority: '${var.route}',
      match_rules: [{ prefix_match: '${var.prefix}' }],
    });
    expect(only(json, 'google_compute_managed_ssl_certificate').managed.domains).toEqual([
      '${var.domain}',
    ]);
    expect(JSON.stringify(resources(json, 'google_monitoring_alert_policy'))).toContain('var.');
  });

  test('GuacdStatefulPool: replicas, ClientIP timeout, draining, names and resources from variables', () => {
    const { s, num, str, synth } = stack();
    const pool = new GuacdStatefulPool(s, 'guacd', {
      webPodSelector: { app: str('web_label') },
      name: str('pool'),
      namespace: str('ns'),
      image: str('image'),
      replicas: num('replicas'),
      sessionAffinityTimeout: Duration.hours(num('affinity_hours')),
      draining: DrainingPolicy.of(Duration.minutes(num('drain_minutes'))),
      resources: { cpuRequest: str('cpu'), memoryLimit: str('mem') },
      runAsUser: num('uid'),
      remoteDesktopPorts: [num('rdp')],
      remoteDesktopCidrs: [str('cidr')],
    });
    const json = synth();
    const sts = only(json, 'kubernetes_stateful_set_v1');
    expect(sts.metadata).toMatchObject({ name: '${var.pool}', namespace: '${var.ns}' });
    expect(sts.spec.replicas).toBe('${var.replicas}');
    const spec = sts.spec.template.spec;
    expect(spec.termination_grace_period_seconds).toBe('${((var.drain_minutes * 60) + 15)}');
    expect(spec.container[0].image).toBe('${var.image}');
    expect(spec.container[0].resources.requests.cpu).toBe('${var.cpu}');
    expect(spec.container[0].resources.limits.memory).toBe('${var.mem}');
    expect(spec.container[0].lifecycle.pre_stop[0].exec.command[2]).toContain(
      '+ ${(var.drain_minutes * 60)} ))',
    );
    expect(spec.security_context.run_as_user).toBe('${var.uid}');
    expect(sts.timeouts.update).toBe(
      '${ceil(((var.replicas * (((var.drain_minutes * 60) + 15) + 120)) / 60))}m',
    );
    const services = Object.entries<any>(resources(json, 'kubernetes_service_v1'));
    const affinity = services.find(([k]) => k.includes('affinity-service'))![1];
    expect(affinity.spec.session_affinity_config.client_ip.timeout_seconds).toBe(
      '${(var.affinity_hours * 3600)}',
    );
    // One Service per pod through count, named by index.
    const perPod = services.find(([k]) => k.includes('pod-service'))![1];
    expect(perPod.count).toBe('${var.replicas}');
    expect(perPod.metadata.name).toBe('${var.pool}-${count.index}');
    const np = only(json, 'kubernetes_network_policy_v1');
    expect(np.spec.ingress[0].from[0].pod_selector.match_labels).toEqual({
      app: '${var.web_label}',
    });
    expect(np.spec.egress[1].ports[0].port).toBe('${var.rdp}');
    expect(np.spec.egress[1].to[0].ip_block.cidr).toBe('${var.cidr}');
    expect(pool.podAddresses.length).toBe(1); // a token list
    expect(Testing.synth(s)).toContain('formatlist');
  });

  test('GuacdStatefulPool: replicas from a token number of users', () => {
    const { s, num, synth } = stack();
    new GuacdStatefulPool(s, 'guacd', {
      webPodSelector: { app: 'web' },
      concurrentUsers: num('users'),
    });
    expect(only(synth(), 'kubernetes_stateful_set_v1').spec.replicas).toBe(
      '${max(1, ceil((var.users / 20)))}',
    );
  });
});
