import { TerraformStack, Testing } from 'cdktf';
import {
  AffinityBackendService,
  AffinityBackendServiceProps,
  BackendOptions,
  BackendProtocol,
  BalancingMode,
  DrainingPolicy,
  Duration,
  HealthCheck,
  IInstanceGroup,
  InstanceGroup,
  LoadBalancingScheme,
  LocalityLbPolicy,
  SessionAffinity,
  SessionAffinityType,
  ZonalBackendGroup,
} from '../lib';
import { errorOf, gcpStack, only, synthJson, warningsOf } from './helpers';

const group = (
  name = 'g-a',
  zone = 'us-west1-a',
  ports = [{ name: 'https', port: 443 }],
): IInstanceGroup =>
  InstanceGroup.fromUrl(`projects/p/zones/${zone}/instanceGroups/${name}`, {
    name,
    zone,
    namedPorts: ports,
  });

const base: AffinityBackendServiceProps = {
  name: 'svc',
  loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
  protocol: BackendProtocol.HTTPS,
  healthCheck: HealthCheck.https({ port: 443, requestPath: '/health' }),
  sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.seconds(1800) }),
  draining: DrainingPolicy.of(Duration.seconds(60)),
  backends: [{ group: group(), balancingMode: BalancingMode.RATE, maxRatePerInstance: 100 }],
};

/** Builds a service, runs validations, returns [stack, json]. */
function build(overrides: Partial<AffinityBackendServiceProps> = {}): {
  stack: TerraformStack;
  json: any;
  svc: AffinityBackendService;
} {
  const stack = gcpStack();
  const svc = new AffinityBackendService(stack, 'svc', { ...base, ...overrides });
  return { stack, svc, json: synthJson(stack) };
}

/** An internal passthrough NLB service (regional, TCP, no port name). */
const internalNlb: Partial<AffinityBackendServiceProps> = {
  region: 'r',
  loadBalancingScheme: LoadBalancingScheme.INTERNAL,
  protocol: BackendProtocol.TCP,
  portName: undefined,
  healthCheck: HealthCheck.tcp({ port: 1 }),
  sessionAffinity: SessionAffinity.none(),
};

const fails = (overrides: Partial<AffinityBackendServiceProps>) => errorOf(() => build(overrides));
const warns = (overrides: Partial<AffinityBackendServiceProps>) =>
  warningsOf(build(overrides).stack).join('\n');
const backends = (...b: Partial<BackendOptions>[]): BackendOptions[] =>
  b.map((x, i) => ({ group: group(`g-${i}`), ...x }));

describe('AffinityBackendService renders', () => {
  test('a global EXTERNAL_MANAGED service with everything explicit', () => {
    const { json } = build();
    const s = only(json, 'google_compute_backend_service');
    expect(s).toMatchObject({
      name: 'svc',
      load_balancing_scheme: 'EXTERNAL_MANAGED',
      protocol: 'HTTPS',
      port_name: 'https',
      session_affinity: 'GENERATED_COOKIE',
      affinity_cookie_ttl_sec: 1800,
      connection_draining_timeout_sec: 60,
      log_config: { enable: true, sample_rate: 1 },
    });
    expect(s.locality_lb_policy).toBeUndefined();
    expect(s.backend).toEqual([
      {
        group: 'projects/p/zones/us-west1-a/instanceGroups/g-a',
        balancing_mode: 'RATE',
        capacity_scaler: 1,
        max_rate_per_instance: 100,
      },
    ]);
    const hc = only(json, 'google_compute_health_check');
    expect(hc.name).toBe('svc-hc');
    expect(s.health_checks[0]).toContain('google_compute_health_check.');
  });

  test('draining defaults to the provider default, emitted explicitly', () => {
    const { json } = build({ draining: undefined });
    expect(only(json, 'google_compute_backend_service').connection_draining_timeout_sec).toBe(300);
  });

  test('a regional INTERNAL passthrough service with a regional health check and no port name', () => {
    const { json } = build({
      region: 'us-west1',
      loadBalancingScheme: LoadBalancingScheme.INTERNAL,
      protocol: BackendProtocol.TCP,
      healthCheck: HealthCheck.tcp({ port: 4822 }),
      sessionAffinity: SessionAffinity.clientIpPortProto(),
      backends: [{ group: group() }],
    });
    const s = only(json, 'google_compute_region_backend_service');
    expect(s).toMatchObject({
      region: 'us-west1',
      load_balancing_scheme: 'INTERNAL',
      session_affinity: 'CLIENT_IP_PORT_PROTO',
    });
    expect(s.port_name).toBeUndefined();
    expect(s.backend).toEqual([{ group: expect.any(String), balancing_mode: 'CONNECTION' }]);
    expect(only(json, 'google_compute_region_health_check').tcp_health_check).toEqual({
      port: 4822,
      port_specification: 'USE_FIXED_PORT',
    });
  });

  test('each cookie type stores its TTL where the API reads it', () => {
    const http = only(
      build({
        sessionAffinity: SessionAffinity.httpCookie({ name: 'S', ttl: Duration.minutes(30) }),
      }).json,
      'google_compute_backend_service',
    );
    expect(http).toMatchObject({
      locality_lb_policy: 'RING_HASH',
      consistent_hash: { http_cookie: { name: 'S', ttl: { seconds: 1800 } } },
    });
    expect(http.affinity_cookie_ttl_sec).toBeUndefined();
    const strong = only(
      build({
        sessionAffinity: SessionAffinity.strongCookie({ name: 'S', ttl: Duration.hours(2) }),
      }).json,
      'google_compute_backend_service',
    );
    expect(strong.strong_session_affinity_cookie).toEqual({ name: 'S', ttl: { seconds: 7200 } });
    expect(strong.affinity_cookie_ttl_sec).toBeUndefined();
    const header = only(
      build({ sessionAffinity: SessionAffinity.header('X-Personality', { minimumRingSize: 2048 }) })
        .json,
      'google_compute_backend_service',
    );
    expect(header).toMatchObject({
      locality_lb_policy: 'RING_HASH',
      consistent_hash: { http_header_name: 'X-Personality', minimum_ring_size: 2048 },
    });
  });

  test('addBackend works after construction and is validated at synth', () => {
    const stack = gcpStack();
    const svc = new AffinityBackendService(stack, 'svc', { ...base, backends: [] });
    svc.addBackend({
      group: group('late'),
      balancingMode: BalancingMode.RATE,
      maxRatePerInstance: 5,
    });
    expect(only(synthJson(stack), 'google_compute_backend_service').backend).toHaveLength(1);
    svc.addBackend({ group: group('bad'), balancingMode: BalancingMode.RATE });
    expect(errorOf(() => synthJson(stack))).toMatch(/leaves RATE without a rate target/);
  });
});

describe('seed 000 literal settings are refused', () => {
  test('CLIENT_IP with a cookie TTL: error that points to GENERATED_COOKIE', () => {
    const msg = fails({
      sessionAffinity: SessionAffinity.fromType(SessionAffinityType.CLIENT_IP, {
        ttl: Duration.seconds(1800),
      }),
    });
    expect(msg).toContain(
      'test/svc: sessionAffinity.ttl 1800s is set on CLIENT_IP, which has no cookie',
    );
    expect(msg).toContain('SessionAffinity.generatedCookie({ ttl: Duration.seconds(1800) })');
    expect(msg).toContain('[rule S5]');
  });

  test('CLIENT_IP_PORT_PROTO on an EXTERNAL_MANAGED HTTPS service: error that lists what is allowed', () => {
    const msg = fails({ sessionAffinity: SessionAffinity.clientIpPortProto() });
    expect(msg).toContain(
      'test/svc: sessionAffinity CLIENT_IP_PORT_PROTO is not accepted by an EXTERNAL_MANAGED HTTPS backend service',
    );
    expect(msg).toContain(
      '(allowed: NONE, CLIENT_IP, GENERATED_COOKIE, HEADER_FIELD, HTTP_COOKIE, STRONG_COOKIE_AFFINITY)',
    );
    expect(msg).toMatch(/fix: .*SessionAffinity\.strongCookie/);
  });

  test('both at once are reported together', () => {
    const msg = fails({
      sessionAffinity: SessionAffinity.fromType(SessionAffinityType.CLIENT_IP_PORT_PROTO, {
        ttl: Duration.seconds(3600),
      }),
    });
    expect(msg).toMatch(/2 problems/);
    expect(msg).toMatch(/rule S1/);
    expect(msg).toMatch(/rule S5/);
  });
});

describe('scheme and protocol (B1, B2, B5)', () => {
  test('B1: INTERNAL is regional only', () => {
    expect(
      fails({ loadBalancingScheme: LoadBalancingScheme.INTERNAL, protocol: BackendProtocol.TCP }),
    ).toMatch(
      /loadBalancingScheme INTERNAL is not accepted by a global backend service.*set `region`/,
    );
    expect(() =>
      build({
        region: 'us-west1',
        loadBalancingScheme: LoadBalancingScheme.INTERNAL,
        protocol: BackendProtocol.TCP,
        healthCheck: HealthCheck.tcp({ port: 80 }),
        sessionAffinity: SessionAffinity.clientIp(),
        backends: [{ group: group() }],
      }),
    ).not.toThrow();
  });

  test('B2: protocol per scheme', () => {
    expect(fails({ protocol: BackendProtocol.UDP })).toMatch(
      /protocol UDP is not accepted with scheme EXTERNAL_MANAGED.*allowed: HTTP, HTTPS, HTTP2, H2C, TCP, SSL/,
    );
    expect(() => build({ protocol: BackendProtocol.HTTP2, portName: 'https' })).not.toThrow();
  });

  test('B5: INTERNAL takes no port name; the port name must be a named port of every group', () => {
    expect(
      fails({
        region: 'us-west1',
        loadBalancingScheme: LoadBalancingScheme.INTERNAL,
        protocol: BackendProtocol.TCP,
        portName: 'tcp',
        healthCheck: HealthCheck.tcp({ port: 80 }),
        sessionAffinity: SessionAffinity.none(),
        backends: [],
      }),
    ).toMatch(/portName "tcp" is set on an INTERNAL/);
    expect(fails({ portName: 'http' })).toMatch(
      /portName "http" is not a named port of g-a \(named ports: https:443\)/,
    );
    // Unknown named ports (external group) are not guessed at.
    const external = InstanceGroup.fromUrl('x', { name: 'ext', zone: 'z' });
    expect(() =>
      build({ backends: [{ group: external, balancingMode: BalancingMode.RATE, maxRate: 10 }] }),
    ).not.toThrow();
  });

  test('B6: a network on a global service is refused, not dropped', () => {
    expect(fails({ network: 'default' })).toMatch(
      /network "default" is set on a global backend service.*rule B6/,
    );
  });

  test('N1: Google Cloud names', () => {
    expect(fails({ name: 'MCP_Backend' })).toMatch(
      /name "MCP_Backend" is not a valid Google Cloud resource name.*"mcp-backend"/,
    );
    expect(fails({ name: 'a'.repeat(64) })).toMatch(/64 characters long/);
  });
});

describe('session affinity rules (S1–S9)', () => {
  test.each([
    [SessionAffinity.clientIpProto(), /CLIENT_IP_PROTO is not accepted/],
    [SessionAffinity.clientIpNoDestination(), /CLIENT_IP_NO_DESTINATION is not accepted/],
  ])('S1: L4-only types on an Application LB', (affinity, re) => {
    expect(fails({ sessionAffinity: affinity })).toMatch(re);
  });

  test('S1: the classic ALB has no HTTP_COOKIE/HEADER_FIELD/STRONG_COOKIE_AFFINITY', () => {
    const classic = { loadBalancingScheme: LoadBalancingScheme.EXTERNAL };
    expect(
      fails({
        ...classic,
        sessionAffinity: SessionAffinity.strongCookie({ name: 'S', ttl: Duration.hours(1) }),
      }),
    ).toMatch(/classic Application Load Balancer.*allowed: NONE, CLIENT_IP, GENERATED_COOKIE/);
    expect(() => build({ ...classic })).not.toThrow();
  });

  test('S1: proxy NLBs take NONE or CLIENT_IP', () => {
    const proxy = {
      protocol: BackendProtocol.TCP,
      portName: 'https',
      backends: [{ group: group(), maxConnectionsPerInstance: 100 }],
    };
    expect(fails({ ...proxy })).toMatch(
      /GENERATED_COOKIE is not accepted .*proxy Network Load Balancer.*allowed: NONE, CLIENT_IP/,
    );
    expect(() => build({ ...proxy, sessionAffinity: SessionAffinity.clientIp() })).not.toThrow();
  });

  test('S2: header affinity needs a name, a hash policy, and nobody else may carry a header name', () => {
    expect(fails({ sessionAffinity: SessionAffinity.header('') })).toMatch(
      /headerName "" is not an HTTP header field name.*X-Session-Key.*rule S2/,
    );
    expect(
      fails({ sessionAffinity: SessionAffinity.fromType(SessionAffinityType.HEADER_FIELD) }),
    ).toMatch(/sessionAffinity HEADER_FIELD needs a header name/);
    expect(
      fails({
        sessionAffinity: SessionAffinity.header('X-P'),
        localityLbPolicy: LocalityLbPolicy.ROUND_ROBIN,
      }),
    ).toMatch(/localityLbPolicy ROUND_ROBIN cannot carry HEADER_FIELD.*rule S2/);
    expect(
      fails({
        sessionAffinity: SessionAffinity.fromType(SessionAffinityType.CLIENT_IP, {
          headerName: 'X-P',
        }),
      }),
    ).toMatch(/headerName "X-P" is set on CLIENT_IP/);
    expect(() =>
      build({
        sessionAffinity: SessionAffinity.header('X-P'),
        localityLbPolicy: LocalityLbPolicy.MAGLEV,
      }),
    ).not.toThrow();
  });

  test('S3: HTTP_COOKIE needs a cookie name', () => {
    expect(
      fails({ sessionAffinity: SessionAffinity.fromType(SessionAffinityType.HTTP_COOKIE) }),
    ).toMatch(/HTTP_COOKIE needs a cookie name.*rule S3/);
    expect(
      fails({
        sessionAffinity: SessionAffinity.httpCookie({ name: 'S' }),
        localityLbPolicy: LocalityLbPolicy.LEAST_REQUEST,
      }),
    ).toMatch(/rule S3/);
  });

  test('S4: strong cookie needs a name and a TTL; named cookies belong to cookie types', () => {
    expect(fails({ sessionAffinity: SessionAffinity.strongCookie({ name: 'S' }) })).toMatch(
      /STRONG_COOKIE_AFFINITY needs a cookie name and a TTL/,
    );
    expect(
      fails({
        sessionAffinity: SessionAffinity.fromType(SessionAffinityType.GENERATED_COOKIE, {
          cookieName: 'S',
        }),
      }),
    ).toMatch(/cookieName "S" is set on GENERATED_COOKIE/);
  });

  test('S5: TTL range 0..14 days in whole seconds; 0 is a session cookie', () => {
    expect(
      fails({ sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.days(15) }) }),
    ).toMatch(
      /sessionAffinity.ttl 15 days \(1296000s\) is out of range \(allowed: 0s..1209600s \(14 days\)\)/,
    );
    expect(
      fails({ sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.seconds(1.5) }) }),
    ).toMatch(/not a whole number of seconds/);
    expect(() =>
      build({ sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.seconds(0) }) }),
    ).not.toThrow();
  });

  test('S5b: above one day is legal but warned about', () => {
    expect(
      warns({ sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.days(2) }) }),
    ).toMatch(/above one day.*rule S5b/);
    expect(
      warns({ sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.days(1) }) }),
    ).not.toMatch(/S5b/);
  });

  test('S6: a non-hash locality policy silently disables CLIENT_IP/GENERATED_COOKIE affinity', () => {
    expect(fails({ localityLbPolicy: LocalityLbPolicy.ROUND_ROBIN })).toMatch(
      /localityLbPolicy ROUND_ROBIN makes GENERATED_COOKIE session affinity silently ineffective.*rule S6/,
    );
    expect(() => build({ localityLbPolicy: LocalityLbPolicy.MAGLEV })).not.toThrow();
    expect(() =>
      build({
        localityLbPolicy: LocalityLbPolicy.ROUND_ROBIN,
        sessionAffinity: SessionAffinity.none(),
      }),
    ).not.toThrow();
  });

  test('S7: no locality policy on the classic ALB; only MAGLEV kinds on regional EXTERNAL', () => {
    expect(
      fails({
        loadBalancingScheme: LoadBalancingScheme.EXTERNAL,
        localityLbPolicy: LocalityLbPolicy.MAGLEV,
      }),
    ).toMatch(/not supported by the classic load balancers.*rule S7/);
    const nlb = {
      region: 'us-west1',
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL,
      protocol: BackendProtocol.TCP,
      portName: undefined,
      healthCheck: HealthCheck.tcp({ port: 80 }),
      sessionAffinity: SessionAffinity.clientIp(),
      backends: [{ group: group() }],
    };
    expect(fails({ ...nlb, localityLbPolicy: LocalityLbPolicy.RING_HASH })).toMatch(
      /allowed: MAGLEV, WEIGHTED_MAGLEV.*rule S7/,
    );
    expect(() =>
      build({ ...nlb, portName: 'https', localityLbPolicy: LocalityLbPolicy.MAGLEV }),
    ).not.toThrow();
  });

  test('S8: ring size only for hash types, only with RING_HASH, within range', () => {
    expect(
      fails({
        sessionAffinity: SessionAffinity.header('X', { minimumRingSize: 1024 }),
        localityLbPolicy: LocalityLbPolicy.MAGLEV,
      }),
    ).toMatch(/only used by RING_HASH, not MAGLEV/);
    expect(fails({ sessionAffinity: SessionAffinity.header('X', { minimumRingSize: 0 }) })).toMatch(
      /minimumRingSize 0 is out of range/,
    );
    expect(
      fails({
        sessionAffinity: SessionAffinity.fromType(SessionAffinityType.CLIENT_IP, {
          minimumRingSize: 10,
        }),
      }),
    ).toMatch(/does not use consistent hashing/);
  });

  test('S9: affinity with UTILIZATION balancing is warned about, RATE is not', () => {
    expect(
      warns({
        backends: [
          { group: group(), balancingMode: BalancingMode.UTILIZATION, maxUtilization: 0.85 },
        ],
      }),
    ).toMatch(/UTILIZATION \(g-a\) can override GENERATED_COOKIE affinity.*rule S9/);
    expect(warns({})).toBe('');
    expect(
      warns({
        sessionAffinity: SessionAffinity.none(),
        backends: [{ group: group(), maxUtilization: 0.85 }],
      }),
    ).toBe('');
  });

  test('an unknown affinity string from untyped data is refused', () => {
    expect(
      fails({ sessionAffinity: SessionAffinity.fromType('STICKY' as SessionAffinityType) }),
    ).toMatch(/sessionAffinity STICKY is not a session affinity type/);
  });
});

describe('draining, timeout and logging (T1–T3)', () => {
  test('T1: 0..3600 s; 0 warns on a proxy load balancer', () => {
    expect(fails({ draining: DrainingPolicy.of(Duration.hours(2)) })).toMatch(
      /draining.timeout 2 hours \(7200s\) is out of range \(allowed: 0s..3600s \(1 hour\)\).*rule T1/,
    );
    expect(() => build({ draining: DrainingPolicy.of(Duration.hours(1)) })).not.toThrow();
    expect(warns({ draining: DrainingPolicy.disabled() })).toMatch(/disables connection draining/);
    expect(
      only(build({ draining: DrainingPolicy.disabled() }).json, 'google_compute_backend_service')
        .connection_draining_timeout_sec,
    ).toBe(0);
  });

  test('T1: Kubernetes-only draining options are not silently ignored on Google Cloud', () => {
    const k8sOptions = DrainingPolicy.withOptions({
      timeout: Duration.seconds(60),
      pollInterval: Duration.seconds(2),
    });
    expect(warns({ draining: k8sOptions })).toMatch(
      /draining pollInterval 2s, shutdownMargin 15s has Kubernetes-only options/,
    );
    expect(warns({ draining: DrainingPolicy.of(Duration.seconds(60)) })).toBe('');
  });

  test('T2: timeout at least 1 s; long and passthrough timeouts warned about', () => {
    expect(fails({ timeout: Duration.seconds(0) })).toMatch(/timeout 0s is out of range.*rule T2/);
    expect(warns({ timeout: Duration.days(2) })).toMatch(/above one day/);
    expect(
      only(build({ timeout: Duration.minutes(10) }).json, 'google_compute_backend_service')
        .timeout_sec,
    ).toBe(600);
    const nlb = { ...internalNlb, backends: [] };
    expect(warns({ ...nlb, timeout: Duration.seconds(30) })).toMatch(
      /is ignored by internal passthrough Network Load Balancers/,
    );
  });

  test('T3: logging on by default, sample rate 0..1, rate without logging warned about', () => {
    expect(fails({ logging: { sampleRate: 1.5 } })).toMatch(
      /logging.sampleRate 1.5 is out of range.*rule T3/,
    );
    expect(warns({ logging: { enabled: false, sampleRate: 0.5 } })).toMatch(
      /set while logging is disabled/,
    );
    expect(
      only(build({ logging: { sampleRate: 0.25 } }).json, 'google_compute_backend_service')
        .log_config,
    ).toEqual({ enable: true, sample_rate: 0.25 });
    expect(
      only(build({ logging: { enabled: false } }).json, 'google_compute_backend_service')
        .log_config,
    ).toEqual({ enable: false });
  });
});

describe('backends and capacity (C0–C12, B8)', () => {
  test('C0: the same group twice', () => {
    const g = group();
    expect(
      fails({
        backends: [
          { group: g, balancingMode: BalancingMode.RATE, maxRate: 1 },
          { group: g, balancingMode: BalancingMode.RATE, maxRate: 1 },
        ],
      }),
    ).toMatch(/is a backend twice/);
  });

  test('C2: maxUtilization within 0..1', () => {
    expect(
      fails({
        sessionAffinity: SessionAffinity.none(),
        backends: backends({ maxUtilization: 1.2 }),
      }),
    ).toMatch(/maxUtilization 1.2 on group g-0 is out of range.*rule C2/);
  });

  test('C3: RATE needs exactly one rate, no utilization, an HTTP protocol', () => {
    expect(fails({ backends: backends({ balancingMode: BalancingMode.RATE }) })).toMatch(
      /leaves RATE without a rate target/,
    );
    expect(
      fails({
        backends: backends({
          balancingMode: BalancingMode.RATE,
          maxRate: 10,
          maxRatePerInstance: 1,
        }),
      }),
    ).toMatch(
      /maxRate 10 on group g-0 is set together with maxRatePerInstance; RATE takes exactly one rate target.*remove maxRate, or remove maxRatePerInstance/,
    );
    expect(
      fails({
        backends: backends({ balancingMode: BalancingMode.RATE, maxRate: 10, maxUtilization: 0.8 }),
      }),
    ).toMatch(/maxUtilization 0.8 on group g-0 is not used with RATE/);
    expect(
      fails({
        protocol: BackendProtocol.TCP,
        sessionAffinity: SessionAffinity.none(),
        backends: backends({ balancingMode: BalancingMode.RATE, maxRate: 1 }),
      }),
    ).toMatch(/needs an HTTP-family protocol, not TCP/);
  });

  test('C4: CONNECTION only for TCP/SSL/UDP, with one target on proxies and none on passthrough', () => {
    expect(
      fails({ backends: backends({ balancingMode: BalancingMode.CONNECTION, maxConnections: 1 }) }),
    ).toMatch(/CONNECTION on group g-0 is not accepted with HTTPS/);
    const proxy = {
      protocol: BackendProtocol.SSL,
      portName: 'https',
      sessionAffinity: SessionAffinity.clientIp(),
    };
    expect(fails({ ...proxy, backends: backends({}) })).toMatch(/without a connection target/);
    expect(() =>
      build({ ...proxy, backends: backends({ maxConnectionsPerInstance: 100 }) }),
    ).not.toThrow();
    const nlb = internalNlb;
    expect(fails({ ...nlb, backends: backends({ maxConnections: 5 }) })).toMatch(
      /maxConnections 5 on group g-0 cannot be set on internal passthrough/,
    );
    expect(
      fails({ ...nlb, backends: backends({ balancingMode: BalancingMode.UTILIZATION }) }),
    ).toMatch(/UTILIZATION on group g-0 is not accepted by internal passthrough/);
  });

  test('C6: group-wide maxRate on a group that autoscales on load balancing', () => {
    const stack = gcpStack();
    const g = new ZonalBackendGroup(stack, 'g', {
      name: 'g',
      zone: 'z',
      instanceTemplate: 't',
      autoscaling: { minReplicas: 1, maxReplicas: 3, loadBalancingTarget: 0.8 },
    });
    new AffinityBackendService(stack, 'svc', {
      ...base,
      backends: [{ group: g, balancingMode: BalancingMode.RATE, maxRate: 100 }],
    });
    expect(errorOf(() => synthJson(stack))).toMatch(
      /maxRate 100 on group g is a group-wide rate, and the group autoscales on load-balancing utilization.*rule C6/,
    );
  });

  test('C7: capacity scaler is 0 or 0.1..1, and not 0 on the only backend', () => {
    expect(
      fails({
        backends: backends({ balancingMode: BalancingMode.RATE, maxRate: 1, capacityScaler: 0.05 }),
      }),
    ).toMatch(/capacityScaler 0.05 on group g-0 is rejected by the API.*use 0.1 or 0/);
    expect(
      fails({
        backends: backends({ balancingMode: BalancingMode.RATE, maxRate: 1, capacityScaler: 0 }),
      }),
    ).toMatch(/is 0 on the only backend/);
    expect(() =>
      build({
        backends: backends(
          { balancingMode: BalancingMode.RATE, maxRate: 1 },
          { balancingMode: BalancingMode.RATE, maxRate: 1, capacityScaler: 0 },
        ),
      }),
    ).not.toThrow();
  });

  test('C8: passthrough backends take no capacity scaler; all-zero capacity is refused', () => {
    const nlb = internalNlb;
    expect(fails({ ...nlb, backends: backends({ capacityScaler: 1 }) })).toMatch(
      /capacityScaler 1 on group g-0 cannot be set on internal passthrough/,
    );
    expect(
      fails({
        backends: backends(
          { balancingMode: BalancingMode.RATE, maxRate: 1, capacityScaler: 0 },
          { balancingMode: BalancingMode.RATE, maxRate: 1, capacityScaler: 0 },
        ),
      }),
    ).toMatch(/is 0 on every backend/);
  });

  test('C12: a backend with no capacity is warned about, a parked one (scaler 0) is not', () => {
    const stack = gcpStack();
    const empty = new ZonalBackendGroup(stack, 'empty', {
      name: 'mcp-mig-europe-west1-b',
      zone: 'europe-west1-b',
      instanceTemplate: 't',
      targetSize: 0,
    });
    const full = new ZonalBackendGroup(stack, 'full', {
      name: 'full',
      zone: 'us-west1-a',
      instanceTemplate: 't',
    });
    new AffinityBackendService(stack, 'svc', {
      ...base,
      backends: [full, empty].map((g) => ({
        group: g,
        balancingMode: BalancingMode.RATE,
        maxRatePerInstance: 10,
      })),
    });
    synthJson(stack);
    expect(warningsOf(stack).join('\n')).toMatch(
      /mcp-mig-europe-west1-b has 0 instances and no autoscaler, so no capacity.*rule C12/,
    );

    const parked = gcpStack();
    const e2 = new ZonalBackendGroup(parked, 'empty', {
      name: 'e',
      zone: 'z',
      instanceTemplate: 't',
      targetSize: 0,
    });
    const f2 = new ZonalBackendGroup(parked, 'full', {
      name: 'f',
      zone: 'z',
      instanceTemplate: 't',
    });
    new AffinityBackendService(parked, 'svc', {
      ...base,
      backends: [
        { group: f2, balancingMode: BalancingMode.RATE, maxRatePerInstance: 10 },
        { group: e2, balancingMode: BalancingMode.RATE, maxRatePerInstance: 10, capacityScaler: 0 },
      ],
    });
    synthJson(parked);
    expect(warningsOf(parked)).toEqual([]);
  });

  test('B8: services sharing a group must agree on its balancing mode', () => {
    const stack = gcpStack();
    const g = group();
    new AffinityBackendService(stack, 'a', {
      ...base,
      name: 'a',
      backends: [{ group: g, balancingMode: BalancingMode.RATE, maxRatePerInstance: 1 }],
    });
    new AffinityBackendService(stack, 'b', {
      ...base,
      name: 'b',
      sessionAffinity: SessionAffinity.none(),
      backends: [{ group: g, balancingMode: BalancingMode.UTILIZATION }],
    });
    // The first construct in the tree reports it (the synth stops at the first failing construct).
    expect(errorOf(() => synthJson(stack))).toMatch(
      /test\/a: .*differs from backend service b, which uses the same instance group with UTILIZATION.*rule B8/,
    );

    const ok = gcpStack();
    new AffinityBackendService(ok, 'a', {
      ...base,
      name: 'a',
      backends: [{ group: g, balancingMode: BalancingMode.RATE, maxRatePerInstance: 1 }],
    });
    new AffinityBackendService(ok, 'b', {
      ...base,
      name: 'b',
      backends: [{ group: g, balancingMode: BalancingMode.RATE, maxRatePerInstance: 2 }],
    });
    expect(() => synthJson(ok)).not.toThrow();
    // A backend added after a synth is seen by the next one (the group index is rebuilt).
    const late = new AffinityBackendService(ok, 'c', {
      ...base,
      name: 'c',
      sessionAffinity: SessionAffinity.none(),
      backends: [],
    });
    late.addBackend({ group: g, balancingMode: BalancingMode.UTILIZATION });
    expect(errorOf(() => synthJson(ok))).toMatch(
      /differs from backend service c, which uses the same instance group with UTILIZATION.*rule B8/,
    );
  });

  test('warnings reach the cdktf manifest (what `cdktf synth` prints)', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'warned');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
    new GoogleProvider(stack, 'google', {});
    new AffinityBackendService(stack, 'svc', {
      ...base,
      backends: [{ group: group(), maxUtilization: 0.85 }],
    });
    app.synth();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require(`${app.outdir}/manifest.json`);
    // cdktf prints `WARN [<constructPath>]: <message>`: the message does not repeat the path.
    const annotations = manifest.stacks.warned.annotations.map(
      (a: any) => `${a.level} [${a.constructPath}]: ${a.message}`,
    );
    expect(annotations.join('\n')).toMatch(
      /@cdktf\/warn \[warned\/svc\]: backends\[\*\]\.balancingMode UTILIZATION .*\[rule S9\] https:\/\/\S+#s9$/m,
    );
  });
});
