/**
 * Round trip of the Google Cloud models (issue 17): for generated valid props, the construct's
 * spec → the model's render (through cdktf's synth) → the model's read gives back the same
 * spec, in every field the spec carries. Render and read live side by side in
 * lib/terraform/google/{backend-service,health-check,instance-group}.ts; if one of them moved a
 * field (a TTL into another affinity type's field, a probe into another block, a renamed
 * attribute), read would not find it and these properties fail.
 *
 * Props the constructor refuses (a rule of the spec, e.g. S2 or H2) are skipped with `fc.pre`;
 * fast-check still runs RUNS accepted cases per property. Synth runs without the cross-construct
 * validations (B5, C12, ...), which are not what is tested here.
 */
import * as fc from 'fast-check';
import { TerraformStack, Testing } from 'cdktf';
import { Duration } from '../lib/core/duration';
import { DrainingPolicy } from '../lib/core/draining-policy';
import { ValidationError } from '../lib/core/errors';
import { AffinityBackendService } from '../lib/gcp/affinity-backend-service';
import {
  BackendOptions,
  ServiceSpec,
  effectiveLocalityPolicy,
} from '../lib/gcp/backend-service-rules';
import { HealthCheck, HttpHealthCheckOptions } from '../lib/gcp/health-check';
import { InstanceGroup } from '../lib/gcp/instance-group';
import {
  BalancingMode,
  LoadBalancingScheme,
  LocalityLbPolicy,
  allowedProtocols,
  isHttpFamily,
  isPassthrough,
  loadBalancerKind,
} from '../lib/gcp/load-balancing';
import { SessionAffinity, SessionAffinityType } from '../lib/gcp/session-affinity';
import { ZonalBackendGroup, ZonalBackendGroupProps } from '../lib/gcp/zonal-backend-group';
import { GroupSpec } from '../lib/gcp/zonal-group-rules';
import { ResourceIndex, TfResource, resourcesFromSynth } from '../lib/terraform/resource';
import { readBackendService } from '../lib/terraform/google/backend-service';
import { readHealthCheck } from '../lib/terraform/google/health-check';
import { autoscalerOf, readInstanceGroup } from '../lib/terraform/google/instance-group';
import { gcpStack } from './helpers';

const RUNS = 80;
const SEED = 17;
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(a, { nil: undefined });

/** Where each cookie type keeps its TTL, written out here (not taken from the model). */
const TTL_FIELD: Partial<Record<SessionAffinityType, string>> = {
  [SessionAffinityType.GENERATED_COOKIE]: 'affinity_cookie_ttl_sec',
  [SessionAffinityType.HTTP_COOKIE]: 'consistent_hash.http_cookie.ttl.seconds',
  [SessionAffinityType.STRONG_COOKIE_AFFINITY]: 'strong_session_affinity_cookie.ttl.seconds',
};
const at = (v: any, path: string): unknown =>
  path.split('.').reduce((x, k) => (Array.isArray(x?.[k]) ? x[k][0] : x?.[k]), v);

/** The constructs keep their spec private; the tests read it as the model does. */
const specOf = <T>(c: object): T => (c as unknown as { spec: T }).spec;

function synthResources(stack: TerraformStack): TfResource[] {
  return resourcesFromSynth('test', JSON.parse(Testing.synth(stack)));
}

/** Builds, or undefined when the constructor refuses the props (a rule of the spec). */
function tryBuild<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch (e) {
    if (e instanceof ValidationError) return undefined;
    throw e;
  }
}

// --- generators ------------------------------------------------------------------------------

const seconds = (min: number, max: number): fc.Arbitrary<Duration> =>
  fc.integer({ min, max }).map((s) => Duration.seconds(s));

const scope = fc
  .boolean()
  .chain((regional) =>
    fc
      .constantFrom(
        ...Object.values(LoadBalancingScheme).filter(
          (s) => allowedProtocols(regional, s).length > 0,
        ),
      )
      .chain((scheme) =>
        fc
          .constantFrom(...allowedProtocols(regional, scheme))
          .map((protocol) => ({ regional, scheme, protocol })),
      ),
  );

function affinityFor(type: SessionAffinityType): fc.Arbitrary<SessionAffinity> {
  const ttl = opt(seconds(1, 86_400));
  const cookie = fc.record({
    ttl,
    cookieName: fc.constantFrom('SESSION', 'mcp_sticky', 'a'),
    cookiePath: opt(fc.constantFrom('/', '/app', '/mcp/v1')),
  });
  const ring = opt(fc.integer({ min: 1, max: 8_388_608 }));
  switch (type) {
    case SessionAffinityType.GENERATED_COOKIE:
      return ttl.map((t) => SessionAffinity.fromType(type, { ttl: t }));
    case SessionAffinityType.HTTP_COOKIE:
      return fc
        .tuple(cookie, ring)
        .map(([c, minimumRingSize]) => SessionAffinity.fromType(type, { ...c, minimumRingSize }));
    case SessionAffinityType.STRONG_COOKIE_AFFINITY:
      return cookie.map((c) => SessionAffinity.fromType(type, c));
    case SessionAffinityType.HEADER_FIELD:
      return fc
        .tuple(fc.constantFrom('X-Personality', 'x-session', 'Tenant'), ring)
        .map(([headerName, minimumRingSize]) =>
          SessionAffinity.fromType(type, { headerName, minimumRingSize }),
        );
    default:
      return fc.constant(SessionAffinity.fromType(type));
  }
}

const healthCheck: fc.Arbitrary<HealthCheck> = fc
  .record({
    protocol: fc.constantFrom('http', 'https', 'tcp'),
    interval: seconds(1, 300),
    timeoutFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    options: fc.record({
      name: opt(fc.constantFrom('probe', 'mcp-hc-1')),
      port: opt(fc.integer({ min: 1, max: 65535 })),
      healthyThreshold: opt(fc.integer({ min: 1, max: 10 })),
      unhealthyThreshold: opt(fc.integer({ min: 1, max: 10 })),
      logging: opt(fc.boolean()),
      description: opt(fc.constantFrom('probe of the MCP servers', 'x')),
      requestPath: opt(fc.constantFrom('/', '/health', '/healthz?full=1')),
      host: opt(fc.constantFrom('mcp.example.com', 'localhost')),
      response: opt(fc.constantFrom('OK', 'healthy')),
    }),
  })
  .map(({ protocol, interval, timeoutFraction, options }) => {
    const timeout = Duration.seconds(
      Math.max(1, Math.floor(interval.toSeconds() * timeoutFraction)),
    );
    const o: HttpHealthCheckOptions = { ...options, interval, timeout };
    if (protocol === 'tcp') {
      const { requestPath: _p, host: _h, response: _r, ...tcp } = o;
      return HealthCheck.tcp(tcp);
    }
    return protocol === 'http' ? HealthCheck.http(o) : HealthCheck.https(o);
  });

const GROUP = InstanceGroup.fromUrl('projects/p/zones/us-west1-a/instanceGroups/g', {
  name: 'g',
  zone: 'us-west1-a',
});

const serviceCase = scope.chain(({ regional, scheme, protocol }) => {
  const kind = loadBalancerKind(regional, scheme, protocol);
  const passthrough = isPassthrough(kind);
  return fc.record({
    regional: fc.constant(regional),
    scheme: fc.constant(scheme),
    protocol: fc.constant(protocol),
    affinity: fc
      .constantFrom(...SessionAffinity.acceptedBy(kind))
      .chain((type) => affinityFor(type)),
    draining: opt(seconds(0, 3600).map((d) => DrainingPolicy.of(d))),
    portName: passthrough ? fc.constant(undefined) : opt(fc.constantFrom('https', 'web', 'h2')),
    // Mostly unset: most policies are refused with most affinity types (S2, S3, S6, S7).
    localityLbPolicy: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      { arbitrary: fc.constantFrom(...Object.values(LocalityLbPolicy)), weight: 1 },
    ),
    timeout: passthrough ? fc.constant(undefined) : opt(seconds(1, 86_400)),
    logging: opt(
      fc.boolean().chain((enabled) =>
        fc.record({
          enabled: fc.constant(enabled),
          sampleRate: enabled
            ? opt(fc.double({ min: 0, max: 1, noNaN: true }))
            : fc.constant(undefined),
        }),
      ),
    ),
    healthCheck,
    backends: fc.array(
      fc.record({
        balancingMode: opt(fc.constantFrom(...Object.values(BalancingMode))),
        capacityScaler: opt(fc.double({ min: 0, max: 1, noNaN: true })),
      }),
      { maxLength: 2 },
    ),
  });
});

const groupProps: fc.Arbitrary<ZonalBackendGroupProps> = fc
  .record({
    name: fc.constantFrom('mcp-group-a', 'g', 'web-us-west1-b'),
    zone: fc.constantFrom('us-west1-a', 'europe-west4-c'),
    namedPorts: opt(
      fc.uniqueArray(
        fc.record({
          name: fc.constantFrom('https', 'http', 'web', 'tcp'),
          port: fc.integer({ min: 1, max: 65535 }),
        }),
        { selector: (p) => p.name, minLength: 1, maxLength: 3 },
      ),
    ),
    baseInstanceName: opt(fc.constantFrom('mcp', 'vm')),
    targetSize: opt(fc.integer({ min: 0, max: 100 })),
    autoscaling: opt(
      fc
        .record({
          minReplicas: fc.integer({ min: 0, max: 50 }),
          extra: fc.integer({ min: 0, max: 50 }),
          cpuTarget: opt(fc.double({ min: 0.01, max: 1, noNaN: true })),
          loadBalancingTarget: opt(fc.double({ min: 0.01, max: 1, noNaN: true })),
          cooldown: opt(seconds(1, 3600)),
        })
        .map(({ extra, ...a }) => ({ ...a, maxReplicas: a.minReplicas + extra })),
    ),
  })
  .map((p) => ({
    ...p,
    instanceTemplate: 'projects/p/global/instanceTemplates/t',
    // With an autoscaler a fixed size only warns (M1); keep the cases free of warnings.
    targetSize: p.autoscaling ? undefined : p.targetSize,
  }));

// --- properties ------------------------------------------------------------------------------

const secondsOf = (d: Duration | undefined): number | undefined => d?.toSeconds();

function expectSameHealthCheck(read: HealthCheck, given: HealthCheck, name: string): void {
  expect({
    name: read.name,
    protocol: read.protocol,
    port: read.port,
    interval: read.interval.toSeconds(),
    timeout: read.timeout.toSeconds(),
    healthyThreshold: read.healthyThreshold,
    unhealthyThreshold: read.unhealthyThreshold,
    requestPath: read.requestPath,
    host: read.host,
    response: read.response,
    logging: read.logging,
    description: read.description,
  }).toEqual({
    name,
    protocol: given.protocol,
    port: given.port,
    interval: given.interval.toSeconds(),
    timeout: given.timeout.toSeconds(),
    healthyThreshold: given.healthyThreshold,
    unhealthyThreshold: given.unhealthyThreshold,
    requestPath: given.requestPath,
    host: given.host,
    response: given.response,
    logging: given.logging,
    description: given.description,
  });
}

test(`backend service and health check: construct → synth → read gives the spec back (${RUNS} cases)`, () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(serviceCase, (c) => {
      const stack = gcpStack();
      const service = tryBuild(
        () =>
          new AffinityBackendService(stack, 'svc', {
            name: 'svc',
            region: c.regional ? 'us-west1' : undefined,
            loadBalancingScheme: c.scheme,
            protocol: c.protocol,
            sessionAffinity: c.affinity,
            draining: c.draining,
            portName: c.portName,
            localityLbPolicy: c.localityLbPolicy,
            timeout: c.timeout,
            logging: c.logging,
            healthCheck: c.healthCheck,
            backends: c.backends.map((b): BackendOptions => ({ ...b, group: GROUP })),
          }),
      );
      fc.pre(service !== undefined);
      const spec = specOf<ServiceSpec>(service!);
      seen.add(spec.affinity.type);
      const all = synthResources(stack);
      const bsType = c.regional
        ? 'google_compute_region_backend_service'
        : 'google_compute_backend_service';
      const hcType = c.regional
        ? 'google_compute_region_health_check'
        : 'google_compute_health_check';
      const bs = all.find((r) => r.type === bsType)!;
      const hc = all.find((r) => r.type === hcType)!;
      expect([bs, hc].every(Boolean)).toBe(true);

      const hcRead = readHealthCheck(hc.values).healthCheck;
      expectSameHealthCheck(hcRead, spec.healthCheck!, spec.healthCheckName);

      const read = readBackendService(bs, hcRead);
      const r = read.spec;
      const a = spec.affinity;
      expect({
        name: r.name,
        regional: r.regional,
        scheme: r.scheme,
        protocol: r.protocol,
        portName: r.portName,
        affinity: {
          type: r.affinity.type,
          ttl: secondsOf(r.affinity.ttl),
          cookieName: r.affinity.cookieName,
          cookiePath: r.affinity.cookiePath,
          headerName: r.affinity.headerName,
          minimumRingSize: r.affinity.minimumRingSize,
        },
        draining: r.draining.timeout.toSeconds(),
        localityLbPolicy: r.localityLbPolicy,
        timeout: secondsOf(r.timeout),
        logging: r.logging,
        healthCheckName: r.healthCheckName,
      }).toEqual({
        name: spec.name,
        regional: spec.regional,
        scheme: spec.scheme,
        protocol: spec.protocol,
        portName: spec.portName,
        affinity: {
          type: a.type,
          ttl: secondsOf(a.ttl),
          cookieName: a.cookieName,
          cookiePath: a.cookiePath,
          headerName: a.headerName,
          minimumRingSize: a.minimumRingSize,
        },
        draining: spec.draining.timeout.toSeconds(),
        // Hash-based affinity without a policy is rendered with RING_HASH (S2).
        localityLbPolicy: effectiveLocalityPolicy(spec),
        timeout: secondsOf(spec.timeout),
        // A sample rate is rendered only with logging on (T3 warns otherwise).
        logging: spec.logging.enabled ? spec.logging : { enabled: false, sampleRate: undefined },
        healthCheckName: spec.healthCheckName,
      });
      expect(read.drainingImplicit).toBe(false);

      // The TTL is in its type's own field, and in no other.
      const own = TTL_FIELD[a.type];
      expect(read.ttlAttribute).toBe(a.ttl === undefined ? undefined : own);
      for (const field of Object.values(TTL_FIELD)) {
        const expected = field === own ? secondsOf(a.ttl) : undefined;
        expect([field, at(bs.values, field)]).toEqual([field, expected]);
      }

      // Backends: the balancing mode and capacity scaler as given, or the documented defaults.
      const passthrough = isPassthrough(loadBalancerKind(c.regional, c.scheme, c.protocol));
      expect(read.backends).toEqual(
        c.backends.map((b) => ({
          group: GROUP.instanceGroupUrl,
          balancingMode:
            b.balancingMode ??
            (isHttpFamily(c.protocol) ? BalancingMode.UTILIZATION : BalancingMode.CONNECTION),
          capacityScaler: passthrough ? b.capacityScaler : (b.capacityScaler ?? 1),
        })),
      );
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // The generators reach every affinity type (the TTL fields of all three cookie types).
  expect([...seen].sort()).toEqual(Object.values(SessionAffinityType).sort());
});

test(`instance group and autoscaler: construct → synth → read gives the spec back (${RUNS} cases)`, () => {
  let autoscaled = 0;
  fc.assert(
    fc.property(groupProps, (props) => {
      const stack = gcpStack();
      const group = tryBuild(() => new ZonalBackendGroup(stack, 'group', props));
      fc.pre(group !== undefined);
      const spec = specOf<GroupSpec>(group!);
      const all = synthResources(stack);
      const igm = all.find((r) => r.type === 'google_compute_instance_group_manager')!;
      const read = readInstanceGroup(igm, autoscalerOf(new ResourceIndex(all), igm));
      const r = read.spec;
      expect(read.autoscaler === undefined).toBe(spec.autoscaling === undefined);
      if (spec.autoscaling) autoscaled++;
      const autoscaling = (x: GroupSpec['autoscaling']) =>
        x && {
          minReplicas: x.minReplicas,
          maxReplicas: x.maxReplicas,
          cpuTarget: x.cpuTarget,
          loadBalancingTarget: x.loadBalancingTarget,
          cooldown: secondsOf(x.cooldown),
        };
      expect({ ...r, autoscaling: autoscaling(r.autoscaling) }).toEqual({
        ...spec,
        autoscaling: autoscaling(spec.autoscaling),
      });
    }),
    { numRuns: RUNS, seed: SEED },
  );
  expect(autoscaled).toBeGreaterThan(RUNS / 4);
  expect(autoscaled).toBeLessThan(RUNS);
});
