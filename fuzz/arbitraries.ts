/**
 * fast-check generators over the whole prop space of the public constructs: every scheme,
 * protocol, affinity type and option, locality policy, balancing mode, backend, health check
 * and duration, including range boundaries, non-finite numbers, bad strings and unresolved
 * tokens. Shared by the jest properties and `npm run fuzz`.
 */
import * as fc from 'fast-check';
import { Fn, Token } from 'cdktf';
import {
  AffinityBackendServiceProps,
  BackendOptions,
  BackendProtocol,
  BalancingMode,
  DrainingPolicy,
  Duration,
  GuacdStatefulPoolProps,
  HealthCheck,
  HttpHealthCheckOptions,
  InstanceGroup,
  LoadBalancingScheme,
  LocalityLbPolicy,
  SessionAffinity,
  SessionAffinityType,
} from '../lib';

/** An unresolved number token that needs no stack (`${abs(n)}`). */
export const numberToken = (n = 1): number => Token.asNumber(Fn.abs(n));
/** An unresolved string token that needs no stack (`${lower("x")}`). */
export const stringToken = (s = 'x'): string => Token.asString(Fn.lower(s));

const tokenNumber = fc.constant(null).map(() => numberToken(7));
const tokenString = fc.constant(null).map(() => stringToken('v'));

/** Seconds near every bound the rules know, plus ordinary values. */
const seconds = fc.oneof(
  fc.constantFrom(0, 1, 2, 5, 29, 30, 59, 60, 300, 301, 3600, 3601, 86_400, 86_401),
  fc.constantFrom(1_209_600, 1_209_601, 7 * 86_400, 7 * 86_400 + 1, 2_147_483_647),
  fc.integer({ min: 0, max: 200_000 }),
  fc.double({ min: 0, max: 100, noNaN: true }),
);

/** A Duration in any unit, sometimes a token. */
export const duration: fc.Arbitrary<Duration> = fc.oneof(
  { weight: 6, arbitrary: seconds.map((s) => Duration.seconds(s)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }).map((m) => Duration.minutes(m)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 48 }).map((h) => Duration.hours(h)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 }).map((d) => Duration.days(d)) },
  { weight: 1, arbitrary: tokenNumber.map((t) => Duration.seconds(t)) },
);

/** Numbers where a fraction or count is expected, with the awkward ones. */
const anyNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 0.05, 0.1, 0.5, 1, 1.01, 100),
  fc.double({ min: -10, max: 1e6 }),
  tokenNumber,
);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

const cookieName = fc.oneof(
  fc.constantFrom('SESSION', 'GCLB', 'a', '', 'MY COOKIE', 'a=b', 'x;y', 'ok_-.~!'),
  tokenString,
);
const headerName = fc.oneof(
  fc.constantFrom('X-Personality', 'x', '', 'X P', 'X:P', "a!#$%&'*+-.^_`|~z", 'Ü'),
  tokenString,
);
const cookiePath = fc.constantFrom('/', '/app', 'app', '/a;b', '/a\nb');

export const affinity: fc.Arbitrary<SessionAffinity> = fc.oneof(
  fc.constant(null).map(() => SessionAffinity.none()),
  fc.constant(null).map(() => SessionAffinity.clientIp()),
  fc.constant(null).map(() => SessionAffinity.clientIpProto()),
  fc.constant(null).map(() => SessionAffinity.clientIpPortProto()),
  fc.constant(null).map(() => SessionAffinity.clientIpNoDestination()),
  opt(duration).map((ttl) => SessionAffinity.generatedCookie({ ttl })),
  fc
    .tuple(
      headerName,
      opt(fc.oneof(fc.constantFrom(0, 1, 1024, 8_388_608, 8_388_609), tokenNumber)),
    )
    .map(([h, minimumRingSize]) => SessionAffinity.header(h, { minimumRingSize })),
  fc
    .tuple(cookieName, opt(cookiePath), opt(duration))
    .map(([name, path, ttl]) => SessionAffinity.httpCookie({ name, path, ttl })),
  fc
    .tuple(cookieName, opt(cookiePath), opt(duration))
    .map(([name, path, ttl]) => SessionAffinity.strongCookie({ name, path, ttl })),
  fc
    .record({
      type: fc.constantFrom(...Object.values(SessionAffinityType)),
      ttl: opt(duration),
      cookieName: opt(cookieName),
      cookiePath: opt(cookiePath),
      headerName: opt(headerName),
      minimumRingSize: opt(fc.integer({ min: -1, max: 9_000_000 })),
    })
    .map(({ type, ...o }) => SessionAffinity.fromType(type, o)),
);

const draining: fc.Arbitrary<DrainingPolicy> = fc.oneof(
  duration.map((d) => DrainingPolicy.of(d)),
  fc.constant(null).map(() => DrainingPolicy.disabled()),
  fc
    .record({ timeout: duration, pollInterval: opt(duration), shutdownMargin: opt(duration) })
    .map((o) => DrainingPolicy.withOptions(o)),
);

const healthCheckOptions: fc.Arbitrary<HttpHealthCheckOptions> = fc.record(
  {
    name: opt(fc.constantFrom('hc', 'Bad_HC', 'h'.repeat(64))),
    port: opt(fc.oneof(fc.constantFrom(0, 1, 443, 4822, 65535, 65536, -1, 1.5), tokenNumber)),
    interval: opt(duration),
    timeout: opt(duration),
    healthyThreshold: opt(fc.oneof(fc.integer({ min: -1, max: 12 }), tokenNumber)),
    unhealthyThreshold: opt(fc.integer({ min: -1, max: 12 })),
    requestPath: opt(
      fc.oneof(fc.constantFrom('/', '/health?x=1', 'health', '/a b', ''), tokenString),
    ),
    response: opt(fc.constantFrom('ok', 'ü', 'a'.repeat(1025))),
  },
  { requiredKeys: [] },
);

export const healthCheck: fc.Arbitrary<HealthCheck> = fc
  .tuple(fc.constantFrom('http', 'https', 'tcp'), healthCheckOptions)
  .map(([kind, o]) =>
    kind === 'http'
      ? HealthCheck.http(o)
      : kind === 'https'
        ? HealthCheck.https(o)
        : HealthCheck.tcp(o),
  );

const GROUPS = ['g-a', 'g-b', 'g-c'].map((name, i) =>
  InstanceGroup.fromUrl(`projects/p/zones/us-west1-a/instanceGroups/${name}`, {
    name,
    zone: 'us-west1-a',
    namedPorts: [
      { name: 'https', port: 443 },
      { name: i === 2 ? 'http' : 'tcp', port: 8080 },
    ],
  }),
);

const backend: fc.Arbitrary<BackendOptions> = fc.record(
  {
    group: fc.constantFrom(...GROUPS),
    balancingMode: opt(fc.constantFrom(...Object.values(BalancingMode))),
    capacityScaler: opt(anyNumber),
    maxUtilization: opt(anyNumber),
    maxRate: opt(anyNumber),
    maxRatePerInstance: opt(anyNumber),
    maxConnections: opt(anyNumber),
    maxConnectionsPerInstance: opt(anyNumber),
  },
  { requiredKeys: ['group'] },
);

const wildServiceProps: fc.Arbitrary<AffinityBackendServiceProps> = fc.record(
  {
    name: fc.oneof(
      fc.constantFrom('svc', 'a'.repeat(60), 'a'.repeat(61), 'Bad_Name', ''),
      tokenString,
    ),
    loadBalancingScheme: fc.constantFrom(...Object.values(LoadBalancingScheme)),
    protocol: fc.constantFrom(...Object.values(BackendProtocol)),
    healthCheck,
    region: opt(fc.constant('us-west1')),
    sessionAffinity: opt(affinity),
    draining: opt(draining),
    portName: opt(fc.oneof(fc.constantFrom('https', 'tcp', 'http', 'Bad'), tokenString)),
    localityLbPolicy: opt(fc.constantFrom(...Object.values(LocalityLbPolicy))),
    timeout: opt(duration),
    logging: opt(fc.record({ enabled: opt(fc.boolean()), sampleRate: opt(anyNumber) })),
    backends: opt(fc.uniqueArray(backend, { maxLength: 3, selector: (b) => b.group })),
    network: opt(fc.constant('default')),
  },
  { requiredKeys: ['name', 'loadBalancingScheme', 'protocol', 'healthCheck'] },
);

const quantity = fc.oneof(
  fc.constantFrom(
    '100m',
    '0.5',
    '1',
    '2',
    '256Mi',
    '512Mi',
    '1Gi',
    '1G',
    '1e9',
    '1 core',
    '512MB',
    '',
  ),
  tokenString,
);
const labelKey = fc.constantFrom(
  'app',
  'app.kubernetes.io/name',
  'Example.com/x',
  'a b',
  'k'.repeat(64),
  'a/b/c',
);
const labelValue = fc.constantFrom('guacamole', '', 'web app', 'v'.repeat(64), 'A_b.c-1');

const wildPoolProps: fc.Arbitrary<GuacdStatefulPoolProps> = fc.record(
  {
    webPodSelector: fc.dictionary(labelKey, labelValue, { minKeys: 0, maxKeys: 2 }),
    webNamespace: opt(fc.constantFrom('web', '1st-web', 'Web_NS', 'w'.repeat(64))),
    name: opt(
      fc.oneof(
        fc.constantFrom('guacd', 'g'.repeat(52), 'g'.repeat(53), '1guacd', 'guacd-'),
        tokenString,
      ),
    ),
    namespace: opt(
      fc.oneof(
        fc.constantFrom('guacamole', '1st-guacamole', 'bad_ns', 'n'.repeat(64)),
        tokenString,
      ),
    ),
    affinityServiceName: opt(fc.constantFrom('guacd-service', 'Bad')),
    image: opt(
      fc.oneof(
        fc.constantFrom(
          'guacamole/guacd:1.6.0',
          'guacamole/guacd',
          'guacamole/guacd:latest',
          '',
          'Guacamole/guacd:1',
        ),
        fc.constantFrom(`r.example.com:5000/g@sha256:${'a'.repeat(64)}`, 'bad image'),
        tokenString,
      ),
    ),
    // Pools stay small: every replica is a Service of its own, and there is no upper bound
    // (K2: the int32 of spec.replicas), so 1 000 001 users at 1 per pod would synthesize a
    // million Services (it did, once the old cap went: one case took minutes and 2 GB).
    // Large pools are pinned in the rule cases.
    replicas: opt(fc.oneof(fc.constantFrom(0, 1, 2, 3, 10, -1, 1.5, NaN), tokenNumber)),
    concurrentUsers: opt(fc.oneof(fc.constantFrom(0, 1, 60, 200, 401), tokenNumber)),
    usersPerPod: opt(fc.constantFrom(0, 1, 20, -1, NaN, 0.5)),
    sessionAffinityTimeout: opt(duration),
    draining: opt(draining),
    resources: opt(
      fc.record(
        {
          cpuRequest: opt(quantity),
          cpuLimit: opt(quantity),
          memoryRequest: opt(quantity),
          memoryLimit: opt(quantity),
        },
        { requiredKeys: [] },
      ),
    ),
    remoteDesktopCidrs: opt(
      fc.array(
        fc.constantFrom(
          '10.0.0.0/8',
          '0.0.0.0/0',
          '10.0.0.256/32',
          '10.0.0.0/33',
          'x',
          'fd00::/8',
          'fd00::/129',
        ),
        {
          maxLength: 2,
        },
      ),
    ),
    remoteDesktopPorts: opt(
      fc.array(fc.oneof(fc.constantFrom(0, 22, 3389, 65535, 65536), tokenNumber), { maxLength: 2 }),
    ),
    runAsUser: opt(fc.constantFrom(0, 1, 1000, 2_147_483_647, 2_147_483_648, -1)),
    waitForRollout: opt(fc.boolean()),
  },
  { requiredKeys: ['webPodSelector'] },
);

// ---------------------------------------------------------------------------------------------
// Plausible configurations: a valid load balancer shape with settings near (and at) the
// bounds, so that a good share is accepted and the oracle has something to judge.

/** (regional, scheme, protocol) shapes Google Cloud accepts. */
const SHAPES: [boolean, LoadBalancingScheme, BackendProtocol][] = [
  [false, LoadBalancingScheme.EXTERNAL_MANAGED, BackendProtocol.HTTPS],
  [false, LoadBalancingScheme.EXTERNAL_MANAGED, BackendProtocol.HTTP],
  [false, LoadBalancingScheme.EXTERNAL_MANAGED, BackendProtocol.TCP],
  [false, LoadBalancingScheme.EXTERNAL, BackendProtocol.HTTP],
  [false, LoadBalancingScheme.EXTERNAL, BackendProtocol.SSL],
  [false, LoadBalancingScheme.INTERNAL_MANAGED, BackendProtocol.HTTP2],
  [false, LoadBalancingScheme.INTERNAL_SELF_MANAGED, BackendProtocol.GRPC],
  [true, LoadBalancingScheme.EXTERNAL_MANAGED, BackendProtocol.HTTPS],
  [true, LoadBalancingScheme.INTERNAL_MANAGED, BackendProtocol.TCP],
  [true, LoadBalancingScheme.EXTERNAL, BackendProtocol.TCP],
  [true, LoadBalancingScheme.EXTERNAL, BackendProtocol.UDP],
  [true, LoadBalancingScheme.INTERNAL, BackendProtocol.TCP],
];

const fewSeconds = (max: number) =>
  fc.oneof(fc.constantFrom(0, 1, max - 1, max), fc.integer({ min: 0, max }), tokenNumber);

const plausibleAffinity: fc.Arbitrary<SessionAffinity> = fc.oneof(
  fc.constant(null).map(() => SessionAffinity.none()),
  fc.constant(null).map(() => SessionAffinity.clientIp()),
  fc.constant(null).map(() => SessionAffinity.clientIpPortProto()),
  fewSeconds(86_400).map((t) => SessionAffinity.generatedCookie({ ttl: Duration.seconds(t) })),
  fc.constantFrom('X-Personality', 'x').map((h) => SessionAffinity.header(h)),
  fewSeconds(1_209_600).map((t) =>
    SessionAffinity.strongCookie({ name: 'SESSION', path: '/', ttl: Duration.seconds(t) }),
  ),
  fewSeconds(86_400).map((t) =>
    SessionAffinity.httpCookie({ name: 'S', ttl: Duration.seconds(t) }),
  ),
);

const plausibleHealthCheck = (passthrough: boolean): fc.Arbitrary<HealthCheck> =>
  fc
    .record({
      kind: fc.constantFrom('http', 'https', 'tcp'),
      port: passthrough
        ? fc.oneof(fc.constantFrom(1, 65535), fc.integer({ min: 1, max: 65535 }))
        : opt(fc.integer({ min: 1, max: 65535 })),
      interval: fc.integer({ min: 1, max: 300 }),
      timeout: fc.integer({ min: 1, max: 300 }),
      healthyThreshold: fc.integer({ min: 1, max: 10 }),
    })
    .map(({ kind, port, interval, timeout, healthyThreshold }) => {
      const o = {
        port,
        interval: Duration.seconds(interval),
        timeout: Duration.seconds(Math.min(interval, timeout)),
        healthyThreshold,
      };
      return kind === 'http'
        ? HealthCheck.http(o)
        : kind === 'https'
          ? HealthCheck.https(o)
          : HealthCheck.tcp(o);
    });

const plausibleServiceProps: fc.Arbitrary<AffinityBackendServiceProps> = fc
  .tuple(fc.constantFrom(...SHAPES), plausibleAffinity, fc.boolean())
  .chain(([[regional, scheme, protocol], sessionAffinity]) => {
    const passthrough =
      scheme === LoadBalancingScheme.INTERNAL ||
      (regional && scheme === LoadBalancingScheme.EXTERNAL);
    const http = ['HTTP', 'HTTPS', 'HTTP2', 'H2C', 'GRPC'].includes(protocol);
    const backendFor = (
      group: (typeof GROUPS)[number],
      scaler: number | undefined,
    ): BackendOptions =>
      passthrough
        ? { group }
        : http
          ? {
              group,
              balancingMode: BalancingMode.RATE,
              maxRatePerInstance: 100,
              capacityScaler: scaler,
            }
          : {
              group,
              balancingMode: BalancingMode.CONNECTION,
              maxConnectionsPerInstance: 100,
              capacityScaler: scaler,
            };
    return fc.record(
      {
        name: fc.oneof(fc.constantFrom('svc', 'a'.repeat(60)), tokenString),
        loadBalancingScheme: fc.constant(scheme),
        protocol: fc.constant(protocol),
        region: fc.constant(regional ? 'us-west1' : undefined),
        portName: fc.constant(passthrough ? undefined : 'https'),
        healthCheck: plausibleHealthCheck(passthrough),
        sessionAffinity: fc.constant(sessionAffinity),
        draining: fewSeconds(3600).map((t) => DrainingPolicy.of(Duration.seconds(t))),
        timeout: opt(fc.integer({ min: 1, max: 86_400 }).map((t) => Duration.seconds(t))),
        localityLbPolicy: opt(
          fc.constantFrom(
            LocalityLbPolicy.MAGLEV,
            LocalityLbPolicy.RING_HASH,
            LocalityLbPolicy.WEIGHTED_MAGLEV,
          ),
        ),
        logging: opt(fc.record({ sampleRate: opt(fc.constantFrom(0, 0.5, 1)) })),
        backends: fc
          .uniqueArray(fc.constantFrom(...GROUPS), { minLength: 1, maxLength: 3 })
          .chain((groups) =>
            fc
              .array(fc.constantFrom(undefined, 1, 0.5, 0.1), {
                minLength: groups.length,
                maxLength: groups.length,
              })
              .map((scalers) =>
                groups.map((g, i) => backendFor(g, i === 0 ? undefined : scalers[i])),
              ),
          ),
      },
      { requiredKeys: ['name', 'loadBalancingScheme', 'protocol', 'healthCheck'] },
    );
  });

export const backendServiceProps: fc.Arbitrary<AffinityBackendServiceProps> = fc.oneof(
  wildServiceProps,
  plausibleServiceProps,
);

const plausiblePoolProps: fc.Arbitrary<GuacdStatefulPoolProps> = fc.record(
  {
    webPodSelector: fc.constantFrom<Record<string, string>[]>(
      { app: 'guacamole' },
      { 'app.kubernetes.io/name': 'guacamole', tier: '' },
    ),
    webNamespace: opt(fc.constantFrom('web', '1st-web')),
    name: opt(fc.oneof(fc.constantFrom('guacd', 'g'.repeat(52)), tokenString)),
    namespace: opt(fc.oneof(fc.constantFrom('guacamole', '1st-guacamole'), tokenString)),
    image: opt(
      fc.constantFrom('guacamole/guacd:1.6.0', `mirror.example.com/guacd@sha256:${'b'.repeat(64)}`),
    ),
    replicas: opt(fc.oneof(fc.integer({ min: 1, max: 20 }), tokenNumber)),
    sessionAffinityTimeout: opt(fewSeconds(86_400).map((t) => Duration.seconds(Math.max(1, t)))),
    draining: opt(
      fc
        .record({ timeout: fewSeconds(3600), margin: fc.integer({ min: 1, max: 60 }) })
        .map(({ timeout, margin }) =>
          DrainingPolicy.withOptions({
            timeout: Duration.seconds(timeout),
            shutdownMargin: Duration.seconds(margin),
          }),
        ),
    ),
    resources: opt(
      fc.constantFrom(
        { cpuRequest: '250m', cpuLimit: '1' },
        { memoryRequest: '1Gi', memoryLimit: '1Gi' },
      ),
    ),
    remoteDesktopCidrs: opt(fc.constantFrom(['10.0.0.0/8'], ['192.168.1.0/24', '0.0.0.0/0'])),
    remoteDesktopPorts: opt(fc.constantFrom([3389], [22, 5900])),
  },
  { requiredKeys: ['webPodSelector'] },
);

export const poolProps: fc.Arbitrary<GuacdStatefulPoolProps> = fc.oneof(
  wildPoolProps,
  plausiblePoolProps,
);
