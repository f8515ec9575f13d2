import {
  AffinityBackendService,
  BackendProtocol,
  BalancingMode,
  Duration,
  HealthCheck,
  LoadBalancingScheme,
  SessionAffinity,
  ZonalBackendGroup,
  ZonalBackendGroupProps,
} from '../lib';
import { errorOf, gcpStack, only, synthJson, warningsOf } from './helpers';

function service(healthCheck: HealthCheck, regional = false) {
  const stack = gcpStack();
  new AffinityBackendService(stack, 'svc', {
    name: 'svc',
    region: regional ? 'us-west1' : undefined,
    loadBalancingScheme: regional
      ? LoadBalancingScheme.INTERNAL
      : LoadBalancingScheme.EXTERNAL_MANAGED,
    protocol: regional ? BackendProtocol.TCP : BackendProtocol.HTTPS,
    sessionAffinity: SessionAffinity.none(),
    healthCheck,
  });
  return synthJson(stack);
}
const hcError = (hc: HealthCheck, regional = false) => errorOf(() => service(hc, regional));

describe('health checks (H1–H8)', () => {
  test('defaults: 5 s interval and timeout, thresholds 2, serving port, path /', () => {
    const hc = only(service(HealthCheck.http()), 'google_compute_health_check');
    expect(hc).toMatchObject({
      check_interval_sec: 5,
      timeout_sec: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 2,
    });
    expect(hc.http_health_check).toEqual({
      port_specification: 'USE_SERVING_PORT',
      request_path: '/',
    });
  });

  test('H1: interval and timeout within 1..300 s', () => {
    expect(hcError(HealthCheck.https({ interval: Duration.seconds(301) }))).toMatch(
      /healthCheck.interval 301s is out of range \(allowed: 1s..300s\).*rule H1/,
    );
    expect(hcError(HealthCheck.https({ timeout: Duration.seconds(0) }))).toMatch(
      /healthCheck.timeout 0s is out of range/,
    );
  });

  test('H2: timeout may equal the interval, never exceed it', () => {
    expect(
      hcError(HealthCheck.https({ interval: Duration.seconds(2), timeout: Duration.seconds(3) })),
    ).toMatch(
      /healthCheck.timeout 3s is longer than the interval;.*\(allowed: at most the interval, 2s \(equal is fine\)\); fix: lower the timeout to Duration.seconds\(2\).*rule H2/,
    );
    expect(() =>
      service(HealthCheck.https({ interval: Duration.seconds(5), timeout: Duration.seconds(5) })),
    ).not.toThrow();
  });

  test('H3: thresholds 1..10', () => {
    expect(hcError(HealthCheck.https({ healthyThreshold: 11 }))).toMatch(
      /healthCheck.healthyThreshold 11 is out of range.*rule H3/,
    );
    expect(hcError(HealthCheck.https({ unhealthyThreshold: 0 }))).toMatch(/unhealthyThreshold 0/);
  });

  test('H5: absolute path without spaces; query strings are fine', () => {
    expect(hcError(HealthCheck.https({ requestPath: 'health' }))).toMatch(
      /healthCheck.requestPath "health" is not an absolute RFC 3986 path.*fix: use "\/health"/,
    );
    expect(hcError(HealthCheck.https({ requestPath: '/he alth' }))).toMatch(/rule H5/);
    expect(() =>
      service(HealthCheck.https({ requestPath: '/health?service=vls&check=agents' })),
    ).not.toThrow();
  });

  test('H6: port 1..65535; passthrough load balancers need a fixed port', () => {
    expect(hcError(HealthCheck.https({ port: 70000 }))).toMatch(
      /healthCheck.port 70000 is out of range.*rule H6/,
    );
    expect(hcError(HealthCheck.tcp(), true)).toMatch(
      /healthCheck.port not set \(the serving port\) is not supported by passthrough/,
    );
    expect(
      only(service(HealthCheck.tcp({ port: 22 }), true), 'google_compute_region_health_check')
        .tcp_health_check.port,
    ).toBe(22);
  });

  test('H8: response match is ASCII', () => {
    expect(hcError(HealthCheck.http({ response: 'ok ✓' }))).toMatch(
      /healthCheck.response .* is not ASCII.*rule H8/,
    );
    expect(
      only(service(HealthCheck.http({ response: 'ok' })), 'google_compute_health_check')
        .http_health_check.response,
    ).toBe('ok');
  });

  test('names the health check after the service unless told', () => {
    expect(
      only(
        service(HealthCheck.https({ name: 'mcp-personality-health-check' })),
        'google_compute_health_check',
      ).name,
    ).toBe('mcp-personality-health-check');
    expect(hcError(HealthCheck.https({ name: 'Bad Name' }))).toMatch(
      /healthCheck.name "Bad Name" is not a valid Google Cloud resource name/,
    );
  });
});

describe('ZonalBackendGroup (M1–M3)', () => {
  const base: ZonalBackendGroupProps = {
    name: 'mcp-group-us-west1-a',
    zone: 'us-west1-a',
    instanceTemplate: 'tpl',
  };
  const build = (p: Partial<ZonalBackendGroupProps>) => {
    const stack = gcpStack();
    const g = new ZonalBackendGroup(stack, 'g', { ...base, ...p });
    return { stack, g, json: synthJson(stack) };
  };

  test('renders a MIG with named ports, surge-only rolling updates and an autoscaler', () => {
    const { json, g } = build({ autoscaling: { minReplicas: 1, maxReplicas: 4, cpuTarget: 0.85 } });
    const mig = only(json, 'google_compute_instance_group_manager');
    expect(mig).toMatchObject({
      name: 'mcp-group-us-west1-a',
      zone: 'us-west1-a',
      named_port: [{ name: 'https', port: 443 }],
      update_policy: {
        type: 'PROACTIVE',
        minimal_action: 'REPLACE',
        max_surge_fixed: 1,
        max_unavailable_fixed: 0,
      },
    });
    expect(mig.target_size).toBeUndefined();
    expect(only(json, 'google_compute_autoscaler').autoscaling_policy).toMatchObject({
      min_replicas: 1,
      max_replicas: 4,
      cpu_utilization: { target: 0.85 },
      cooldown_period: 60,
    });
    expect(g.maxInstances).toBe(4);
    expect(build({}).g.maxInstances).toBe(1);
  });

  test('M1: a fixed size next to an autoscaler is warned about', () => {
    expect(
      warningsOf(
        build({ targetSize: 2, autoscaling: { minReplicas: 1, maxReplicas: 3 } }).stack,
      ).join(),
    ).toMatch(/Terraform and the autoscaler will fight.*rule M1/);
    expect(errorOf(() => build({ targetSize: -1 }))).toMatch(/targetSize -1 is out of range/);
  });

  test('M2: named ports valid and unique', () => {
    expect(
      errorOf(() =>
        build({
          namedPorts: [
            { name: 'https', port: 443 },
            { name: 'https', port: 8443 },
          ],
        }),
      ),
    ).toMatch(/namedPorts "https" is given twice/);
    expect(errorOf(() => build({ namedPorts: [{ name: 'https', port: 0 }] }))).toMatch(
      /namedPorts\[https\]\.port 0 is out of range/,
    );
  });

  test('M3: autoscaler bounds', () => {
    expect(errorOf(() => build({ autoscaling: { minReplicas: 3, maxReplicas: 2 } }))).toMatch(
      /autoscaling.maxReplicas 2 is lower than minReplicas \(allowed: 3 or more\).*rule M3/,
    );
    expect(
      errorOf(() => build({ autoscaling: { minReplicas: 1, maxReplicas: 2, cpuTarget: 1.5 } })),
    ).toMatch(/autoscaling.cpuTarget 1.5 is out of range \(allowed: a fraction in \(0, 1\]/);
    expect(
      errorOf(() =>
        build({ autoscaling: { minReplicas: 1, maxReplicas: 2, loadBalancingTarget: 0 } }),
      ),
    ).toMatch(/loadBalancingTarget 0 is out of range/);
  });

  test('N1: the group name', () => {
    expect(errorOf(() => build({ name: 'Group_A' }))).toMatch(
      /name "Group_A" is not a valid Google Cloud resource name/,
    );
  });

  test('is accepted as a backend (its named ports are checked)', () => {
    const stack = gcpStack();
    const g = new ZonalBackendGroup(stack, 'g', {
      ...base,
      namedPorts: [{ name: 'http', port: 80 }],
    });
    new AffinityBackendService(stack, 'svc', {
      name: 'svc',
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
      protocol: BackendProtocol.HTTPS,
      healthCheck: HealthCheck.https(),
      backends: [{ group: g, balancingMode: BalancingMode.RATE, maxRatePerInstance: 1 }],
    });
    expect(errorOf(() => synthJson(stack))).toMatch(
      /portName "https" is not a named port of mcp-group-us-west1-a \(named ports: http:80\)/,
    );
  });
});
