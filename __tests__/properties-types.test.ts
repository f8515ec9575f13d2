/**
 * P1 at every depth (issue 18): for every construct, take props with every optional prop set
 * (nested ones included), replace the value at one path with a value of another JavaScript
 * type, and build. The only acceptable outcome is a ValidationError whose message names the
 * construct and that path: never a TypeError, never a synth that silently drops the value.
 * The paths come from walking the valid props, so a prop added to an example below is
 * covered without touching the property.
 */
import * as fc from 'fast-check';
import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  AffinityBackendService,
  AffinityMonitoring,
  BackendProtocol,
  BalancingMode,
  DrainingPolicy,
  Duration,
  Errors,
  GkeFrontend,
  GlobalHttpsFrontend,
  GuacamoleWebTier,
  GuacdStatefulPool,
  HealthCheck,
  InstanceGroup,
  LoadBalancerFirewall,
  LoadBalancingScheme,
  SessionAffinity,
  SslProfile,
  ZonalBackendGroup,
} from '../lib';
import { isInstanceGroup } from '../lib/gcp/shapes';
import { isUnknown } from '../lib/core/unknown';

type Props = Record<string, unknown>;

interface Target {
  readonly name: string;
  /** Construct id, the last part of the path every message must name. */
  readonly id: string;
  /** Valid props with every optional prop set (built in the stack, for services and pools). */
  readonly props: (s: TerraformStack) => Props;
  readonly build: (s: TerraformStack, props: Props) => void;
}

const service = (s: TerraformStack, id = 'svc') =>
  new AffinityBackendService(s, id, {
    name: id,
    loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
    protocol: BackendProtocol.HTTPS,
    healthCheck: HealthCheck.https({ port: 443, requestPath: '/health' }),
  });
const pool = (s: TerraformStack) =>
  new GuacdStatefulPool(s, 'guacd', { webPodSelector: { 'app.kubernetes.io/name': 'guacamole' } });

const TARGETS: Target[] = [
  {
    name: 'AffinityBackendService',
    id: 'target',
    props: () => ({
      name: 'target',
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
      protocol: BackendProtocol.HTTPS,
      healthCheck: HealthCheck.https({ port: 443, requestPath: '/health' }),
      sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }),
      draining: DrainingPolicy.of(Duration.seconds(60)),
      portName: 'https',
      timeout: Duration.seconds(30),
      logging: { enabled: true, sampleRate: 0.5 },
      backends: [
        {
          group: InstanceGroup.fromUrl('projects/p/zones/us-west1-a/instanceGroups/g', {
            name: 'g',
            zone: 'us-west1-a',
            namedPorts: [{ name: 'https', port: 443 }],
          }),
          balancingMode: BalancingMode.RATE,
          capacityScaler: 1,
          maxRatePerInstance: 100,
          description: 'zone a',
        },
      ],
      project: 'p',
      description: 'sticky',
    }),
    build: (s, p) => new AffinityBackendService(s, 'target', p as never),
  },
  {
    name: 'ZonalBackendGroup',
    id: 'target',
    props: () => ({
      name: 'grp',
      zone: 'us-west1-a',
      instanceTemplate: 'projects/p/global/instanceTemplates/t',
      namedPorts: [{ name: 'https', port: 443 }],
      baseInstanceName: 'grp',
      autoscaling: {
        minReplicas: 1,
        maxReplicas: 3,
        loadBalancingTarget: 0.8,
        cooldown: Duration.seconds(60),
      },
      project: 'p',
    }),
    build: (s, p) => new ZonalBackendGroup(s, 'target', p as never),
  },
  {
    name: 'LoadBalancerFirewall',
    id: 'target',
    props: (s) => ({
      name: 'allow-lb',
      network: 'default',
      ports: [443],
      targetTags: ['backend'],
      services: [service(s)],
      priority: 1000,
      logging: true,
      project: 'p',
    }),
    build: (s, p) => new LoadBalancerFirewall(s, 'target', p as never),
  },
  {
    name: 'GlobalHttpsFrontend',
    id: 'target',
    props: (s) => {
      const a = service(s);
      return {
        name: 'lb',
        defaultService: a,
        hostRules: [
          {
            hosts: ['app.example.com'],
            pathMatcher: 'app',
            defaultService: a,
            routeRules: [
              {
                priority: 1,
                service: a,
                prefixMatch: '/api',
                headerMatches: [{ headerName: 'x-tenant', exactMatch: 'a', invertMatch: false }],
              },
            ],
          },
          {
            hosts: ['static.example.com'],
            pathMatcher: 'static',
            defaultService: a,
            pathRules: [{ paths: ['/img/*'], service: a }],
          },
        ],
        managedCertificateDomains: ['app.example.com', 'static.example.com'],
        sslProfile: SslProfile.MODERN,
        httpRedirect: true,
        project: 'p',
      };
    },
    build: (s, p) => new GlobalHttpsFrontend(s, 'target', p as never),
  },
  {
    name: 'AffinityMonitoring',
    id: 'target',
    props: (s) => ({
      services: [service(s)],
      dashboardName: 'dash',
      notificationChannels: ['projects/p/notificationChannels/1'],
      unevenShareThreshold: 0.8,
      minRequestRate: 1,
      alertAfter: Duration.minutes(10),
      project: 'p',
    }),
    build: (s, p) => new AffinityMonitoring(s, 'target', p as never),
  },
  {
    name: 'GuacdStatefulPool',
    id: 'target',
    props: () => ({
      webPodSelector: { 'app.kubernetes.io/name': 'guacamole' },
      name: 'guacd',
      namespace: 'guacamole',
      affinityServiceName: 'guacd-service',
      image: 'guacamole/guacd:1.6.0',
      replicas: 2,
      usersPerPod: 20,
      sessionAffinityTimeout: Duration.hours(1),
      draining: DrainingPolicy.of(Duration.minutes(30)),
      resources: {
        cpuRequest: '100m',
        cpuLimit: '500m',
        memoryRequest: '256Mi',
        memoryLimit: '512Mi',
      },
      remoteDesktopCidrs: ['10.0.0.0/8'],
      remoteDesktopPorts: [3389],
      runAsUser: 1000,
      waitForRollout: true,
    }),
    build: (s, p) => new GuacdStatefulPool(s, 'target', p as never),
  },
  ...[GkeFrontend.INGRESS, GkeFrontend.GATEWAY].map((frontend): Target => ({
    name: `GuacamoleWebTier (${frontend})`,
    id: 'target',
    props: (s) => ({
      guacd: pool(s),
      frontend,
      name: 'guacamole',
      namespace: 'guacamole',
      image: 'guacamole/guacamole:1.6.0',
      replicas: 2,
      sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }),
      draining: DrainingPolicy.of(Duration.minutes(30)),
      loadBalancerDraining: DrainingPolicy.of(Duration.minutes(30)),
      backendTimeout: Duration.hours(8),
      healthCheck: HealthCheck.http({ port: 8080, requestPath: '/guacamole/' }),
      resources: { cpuRequest: '250m', cpuLimit: '1', memoryRequest: '512Mi', memoryLimit: '1Gi' },
      runAsUser: 1001,
      environment: { OPENID_ENABLED: 'true' },
      host: 'desktop.example.com',
      ...(frontend === GkeFrontend.GATEWAY
        ? { gatewayName: 'external-http', gatewayNamespace: 'infra' }
        : { staticIpName: 'web-ip' }),
    }),
    build: (s, p) => new GuacamoleWebTier(s, 'target', p as never),
  })),
];

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app({ stackTraces: false }), 'types');
  new GoogleProvider(s, 'google', { project: 'p' });
  new KubernetesProvider(s, 'kubernetes', {});
  return s;
}

type Path = (string | number)[];

const isPlain = (v: unknown): v is Props =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.getPrototypeOf(v) === Object.prototype;

/** Every path of the props, into plain objects and arrays; groups and class instances are leaves. */
function paths(value: unknown, at: Path = []): Path[] {
  const here = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (isPlain(value) && !isInstanceGroup(value))
    return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return here;
}

/** The JavaScript kind of a value, at the granularity the props interfaces document. */
function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isInstanceGroup(v)) return 'group';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

/** Values of every kind a plain JavaScript caller might pass by mistake. */
const WRONG: fc.Arbitrary<unknown> = fc.oneof(
  // A string with an unescaped `${` or `%{` is a Terraform expression, a value known only to
  // Terraform (core/unknown), which every check skips by design: never a wrong type.
  fc.string({ maxLength: 8 }).filter((s) => !isUnknown(s)),
  fc.integer({ min: -5, max: 5000 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.constant([1]),
  fc.constant({ group: 'x' }),
  fc.constant(Duration.seconds(30)),
  fc.constant(DrainingPolicy.of(Duration.seconds(30))),
  fc.constant(HealthCheck.tcp({ port: 80 })),
  fc.constant(SessionAffinity.clientIp()),
  fc.constant('projects/p/zones/us-west1-a/instanceGroups/x'),
);

/** The path as messages write it: `backends[0].group`; a map key as `environment["KEY"]`. */
const pathTexts = (p: Path): string[] => {
  const field = p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`));
  const last = p[p.length - 1];
  const asKey =
    p.length > 1 && typeof last === 'string'
      ? [[...field.slice(0, -1), `[${JSON.stringify(last)}]`].join('')]
      : [];
  return [field.join(''), ...asKey];
};

function setAt(root: Props, p: Path, value: unknown): Props {
  const copy = (v: unknown): unknown =>
    Array.isArray(v) ? [...v] : isPlain(v) && !isInstanceGroup(v) ? { ...v } : v;
  const out = copy(root) as Props;
  let cur: Record<string | number, unknown> = out;
  for (let i = 0; i < p.length - 1; i++) {
    cur[p[i]] = copy(cur[p[i]]);
    cur = cur[p[i]] as Record<string | number, unknown>;
  }
  cur[p[p.length - 1]] = value;
  return out;
}

describe.each(TARGETS.map((t) => [t.name, t] as const))('%s', (_name, target) => {
  test('the complete example is accepted (so every refusal below is the wrong type)', () => {
    const s = stack();
    target.build(s, target.props(s));
    expect(() => Testing.synth(s, true)).not.toThrow();
  });

  test('a wrong type at any path gives a ValidationError naming the construct and the path', () => {
    const all = paths(target.props(stack()));
    expect(all.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), WRONG, (index, wrong) => {
        const s = stack();
        const valid = target.props(s);
        const p = all[index];
        const original = p.reduce<unknown>(
          (v, k) => (v as Record<string | number, unknown>)[k],
          valid,
        );
        fc.pre(kind(wrong) !== kind(original));
        let error: unknown;
        try {
          target.build(s, setAt(valid, p, wrong));
          Testing.synth(s, true);
        } catch (e) {
          error = e;
        }
        expect(error).toBeDefined();
        expect(Errors.isValidationError(error)).toBe(true);
        const message = (error as Error).message;
        expect(message).toContain(`types/${target.id}: `);
        // The full prop path is named, e.g. `backends[0].group`.
        expect(pathTexts(p).some((t) => message.includes(`${t} `))).toBe(true);
        expect(message).toMatch(/\[rule P1\]/);
      }),
      { numRuns: 100 },
    );
  });
});
