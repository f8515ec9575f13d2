/**
 * One failing and one passing configuration (at least) for every rule of the registry, run
 * through the public API. `rules.test.ts` runs them and checks that every registry rule has
 * both. Range rules are pinned at both bounds and just outside them, and each rule's
 * `allowed` and `fix` text is asserted at least once (the `expect` patterns).
 */
import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeRegionBackendService } from '@cdktf/provider-google/lib/compute-region-backend-service';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { ComputeHealthCheck } from '@cdktf/provider-google/lib/compute-health-check';
import { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';
import { ComputeTargetHttpProxy } from '@cdktf/provider-google/lib/compute-target-http-proxy';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import {
  AffinityBackendService,
  AffinityChecks,
  GkeFrontend,
  GuacamoleWebTier,
  GuacamoleWebTierProps,
  AffinityBackendServiceProps,
  AffinityMonitoring,
  AffinityMonitoringProps,
  BackendOptions,
  BackendProtocol,
  BalancingMode,
  DrainingPolicy,
  Duration,
  GlobalHttpsFrontend,
  GlobalHttpsFrontendProps,
  GuacdStatefulPool,
  GuacdStatefulPoolProps,
  HealthCheck,
  HostRule,
  InstanceGroup,
  LoadBalancerFirewall,
  LoadBalancerFirewallProps,
  LoadBalancingScheme,
  LocalityLbPolicy,
  SessionAffinity,
  SessionAffinityType,
  ZonalBackendGroup,
  ZonalBackendGroupProps,
  ExternalPassthroughFrontend,
  InternalPassthroughFrontend,
  InternalPassthroughFrontendProps,
  ProxyOnlySubnet,
  RegionalInternalHttpsFrontend,
} from '../lib';
import { annotationsOf } from './helpers';

/** A configuration: builds constructs in a fresh stack. */
export interface RuleCase {
  readonly name: string;
  readonly build: (stack: TerraformStack) => void;
  /** For failing cases: a pattern the message of this rule must match (allowed, fix, value). */
  readonly expect?: RegExp;
}

export interface RuleCases {
  readonly fail: RuleCase[];
  readonly pass: RuleCase[];
}

/** Runs a case: the messages (errors and warnings) it produced, each `[rule X]`-tagged. */
export function runCase(c: RuleCase): { errors: string[]; warnings: string[] } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new GoogleProvider(stack, 'google', { project: 'p' });
  new KubernetesProvider(stack, 'kubernetes', {});
  const errors: string[] = [];
  try {
    c.build(stack);
    Testing.synth(stack, true);
  } catch (e) {
    errors.push(...(e as Error).message.split('\n'));
  }
  // Error annotations (the AffinityChecks Aspect) fail `cdktf synth`: they count as errors.
  errors.push(...annotationsOf(stack, '@cdktf/error'));
  const warnings = annotationsOf(stack, '@cdktf/warn');
  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------------
// Builders with valid defaults: each case changes one thing.

const group = (name = 'g-a', ports = [{ name: 'https', port: 443 }]) =>
  InstanceGroup.fromUrl(`projects/p/zones/us-west1-a/instanceGroups/${name}`, {
    name,
    zone: 'us-west1-a',
    namedPorts: ports,
  });

const rate = (extra: Partial<BackendOptions> = {}): BackendOptions => ({
  group: group(),
  balancingMode: BalancingMode.RATE,
  maxRatePerInstance: 100,
  ...extra,
});

const base: AffinityBackendServiceProps = {
  name: 'svc',
  loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
  protocol: BackendProtocol.HTTPS,
  healthCheck: HealthCheck.https({ port: 443, requestPath: '/health' }),
  sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }),
  draining: DrainingPolicy.of(Duration.seconds(60)),
  backends: [rate()],
};

const svc =
  (p: Partial<AffinityBackendServiceProps> = {}) =>
  (s: TerraformStack) =>
    new AffinityBackendService(s, 'svc', { ...base, ...p });

/** Regional passthrough services. */
const internalNlb: Partial<AffinityBackendServiceProps> = {
  region: 'us-west1',
  loadBalancingScheme: LoadBalancingScheme.INTERNAL,
  protocol: BackendProtocol.TCP,
  healthCheck: HealthCheck.tcp({ port: 4822 }),
  sessionAffinity: SessionAffinity.clientIp(),
  backends: [{ group: group() }],
};
const externalNlb: Partial<AffinityBackendServiceProps> = {
  ...internalNlb,
  loadBalancingScheme: LoadBalancingScheme.EXTERNAL,
};
const classicAlb: Partial<AffinityBackendServiceProps> = {
  loadBalancingScheme: LoadBalancingScheme.EXTERNAL,
  sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }),
};
const proxyNlb: Partial<AffinityBackendServiceProps> = {
  protocol: BackendProtocol.TCP,
  portName: 'tcp',
  healthCheck: HealthCheck.tcp({ port: 443 }),
  sessionAffinity: SessionAffinity.clientIp(),
  backends: [
    {
      group: group('g-a', [{ name: 'tcp', port: 443 }]),
      balancingMode: BalancingMode.CONNECTION,
      maxConnectionsPerInstance: 100,
    },
  ],
};

const affinity = (a: SessionAffinity, p: Partial<AffinityBackendServiceProps> = {}) =>
  svc({ sessionAffinity: a, ...p });
const hc = (h: HealthCheck) => svc({ healthCheck: h });
const backend = (extra: Partial<BackendOptions>) => svc({ backends: [rate(extra)] });

const web = { 'app.kubernetes.io/name': 'guacamole' };
const pool =
  (p: Partial<GuacdStatefulPoolProps> = {}) =>
  (s: TerraformStack) =>
    new GuacdStatefulPool(s, 'guacd', { webPodSelector: web, ...p });
const drain = (seconds: number, extra: Partial<GuacdStatefulPoolProps> = {}) =>
  pool({ draining: DrainingPolicy.of(Duration.seconds(seconds)), ...extra });

const webTier =
  (p: Partial<GuacamoleWebTierProps> = {}, poolProps: Partial<GuacdStatefulPoolProps> = {}) =>
  (s: TerraformStack) =>
    new GuacamoleWebTier(s, 'web', {
      guacd: new GuacdStatefulPool(s, 'guacd', { webPodSelector: web, ...poolProps }),
      frontend: GkeFrontend.INGRESS,
      ...p,
    });
const gateway = (p: Partial<GuacamoleWebTierProps> = {}) =>
  webTier({ frontend: GkeFrontend.GATEWAY, gatewayName: 'external-http', ...p });

const zonal =
  (p: Partial<ZonalBackendGroupProps> = {}) =>
  (s: TerraformStack) =>
    new ZonalBackendGroup(s, 'group', {
      name: 'grp',
      zone: 'us-west1-a',
      instanceTemplate: 'projects/p/global/instanceTemplates/t',
      ...p,
    });
const autoscaling = (a: Partial<NonNullable<ZonalBackendGroupProps['autoscaling']>>) =>
  zonal({ autoscaling: { minReplicas: 1, maxReplicas: 3, ...a } });

const firewall =
  (p: Partial<LoadBalancerFirewallProps> = {}, withService = true) =>
  (s: TerraformStack) => {
    const services = withService ? [svc()(s)] : [];
    new LoadBalancerFirewall(s, 'fw', {
      name: 'allow-lb',
      network: 'default',
      ports: [443],
      targetTags: ['backend'],
      services,
      ...p,
    });
  };

const frontend =
  (p: Partial<GlobalHttpsFrontendProps> = {}, hosts?: (a: AffinityBackendService) => HostRule[]) =>
  (s: TerraformStack) => {
    const a = svc()(s);
    new GlobalHttpsFrontend(s, 'fe', {
      name: 'lb',
      defaultService: a,
      managedCertificateDomains: ['app.example.com'],
      hostRules: hosts?.(a),
      ...p,
    });
  };
const route =
  (priorities: number[], prefix = '/') =>
  (a: AffinityBackendService) => [
    {
      hosts: ['app.example.com'],
      pathMatcher: 'pm',
      defaultService: a,
      routeRules: priorities.map((priority) => ({ priority, service: a, prefixMatch: prefix })),
    },
  ];

const monitoring =
  (p: Partial<AffinityMonitoringProps> = {}) =>
  (s: TerraformStack) =>
    new AffinityMonitoring(s, 'mon', {
      services: [svc()(s)],
      dashboardName: 'dash',
      notificationChannels: ['projects/p/notificationChannels/1'],
      ...p,
    });

// Plain provider (L1) resources under the AffinityChecks Aspect, for the rules it adds.
const checked = (build: (s: TerraformStack) => void) => (s: TerraformStack) => {
  AffinityChecks.applyTo(s);
  build(s);
};
const l1Service = (extra: Record<string, unknown> = {}) =>
  checked((s) => {
    const hc = new ComputeHealthCheck(s, 'hc', { name: 'hc', httpsHealthCheck: { port: 443 } });
    new ComputeFirewall(s, 'probes', {
      name: 'probes',
      network: 'default',
      sourceRanges: ['35.191.0.0/16', '130.211.0.0/22'],
      allow: [{ protocol: 'tcp', ports: ['443'] }],
    });
    new ComputeBackendService(s, 'bs', {
      name: 'bs',
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      protocol: 'HTTPS',
      sessionAffinity: 'GENERATED_COOKIE',
      affinityCookieTtlSec: 1800,
      healthChecks: [hc.id],
      ...extra,
    });
  });
/**
 * A firewall beside a health check on 443; `lb` says which backend service uses the health
 * check: a proxy load balancer's (EXTERNAL_MANAGED), a passthrough NLB's, or none (autohealing).
 */
const l1Firewall = (
  sourceRanges: string[],
  lb: 'proxy' | 'passthrough' | 'none' = 'proxy',
  targetTags?: string[],
) =>
  checked((s) => {
    const hc = new ComputeHealthCheck(s, 'hc', { name: 'hc', httpsHealthCheck: { port: 443 } });
    if (lb === 'proxy')
      new ComputeBackendService(s, 'bs', {
        name: 'bs',
        loadBalancingScheme: 'EXTERNAL_MANAGED',
        protocol: 'HTTPS',
        connectionDrainingTimeoutSec: 60,
        healthChecks: [hc.id],
      });
    if (lb === 'passthrough')
      new ComputeRegionBackendService(s, 'bs', {
        name: 'bs',
        region: 'europe-west4',
        loadBalancingScheme: 'EXTERNAL',
        protocol: 'TCP',
        connectionDrainingTimeoutSec: 60,
        healthChecks: [hc.id],
      });
    new ComputeFirewall(s, 'fw', {
      name: 'fw',
      network: 'default',
      sourceRanges,
      targetTags,
      allow: [{ protocol: 'tcp', ports: ['443'] }],
    });
  });
const l1Https = (policy?: { profile?: string; minTlsVersion?: string }) =>
  checked((s) => {
    const ssl = policy ? new ComputeSslPolicy(s, 'ssl', { name: 'ssl', ...policy }) : undefined;
    new ComputeTargetHttpsProxy(s, 'https', {
      name: 'https',
      urlMap: 'projects/p/global/urlMaps/web',
      sslCertificates: ['projects/p/global/sslCertificates/web'],
      sslPolicy: ssl?.id,
    });
  });
const l1Port80 = (redirect: boolean) =>
  checked((s) => {
    const map = new ComputeUrlMap(s, 'map', {
      name: 'map',
      ...(redirect
        ? { defaultUrlRedirect: { httpsRedirect: true, stripQuery: false } }
        : { defaultService: 'projects/p/global/backendServices/web' }),
    });
    const proxy = new ComputeTargetHttpProxy(s, 'http', { name: 'http', urlMap: map.id });
    new ComputeGlobalForwardingRule(s, 'fr', {
      name: 'fr',
      target: proxy.id,
      portRange: '80',
      loadBalancingScheme: 'EXTERNAL_MANAGED',
    });
  });
const restricted = {
  runAsNonRoot: true,
  runAsUser: '1000',
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};
const l1Guacd = (
  securityContext: Record<string, unknown>,
  policy: 'web' | 'none' | 'open' = 'web',
) =>
  checked((s) => {
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
                securityContext,
              },
            ],
          },
        },
      },
    });
    if (policy !== 'none')
      new NetworkPolicyV1(s, 'policy', {
        metadata: { name: 'guacd', namespace: 'guacamole' },
        spec: {
          podSelector: { matchLabels: { app: 'guacd' } },
          policyTypes: ['Ingress'],
          ingress: [
            policy === 'open' ? {} : { from: [{ podSelector: { matchLabels: { app: 'web' } } }] },
          ],
        },
      });
  });

const cases = (fail: RuleCase[], pass: RuleCase[]): RuleCases => ({ fail, pass });
const c = (name: string, build: (s: TerraformStack) => unknown, expect?: RegExp): RuleCase => ({
  name,
  build: (s) => void build(s),
  expect,
});
const untyped = (x: unknown) => x as never;

// ---------------------------------------------------------------------------------------------

// The load-balancer family: a regional internal ALB and passthrough NLBs with their firewall.
const albService = (s: TerraformStack) =>
  new AffinityBackendService(s, 'svc', {
    ...base,
    region: 'us-west1',
    loadBalancingScheme: LoadBalancingScheme.INTERNAL_MANAGED,
    protocol: BackendProtocol.HTTPS,
  });
const proxyOnly = (s: TerraformStack, ipCidrRange = '10.129.0.0/23', id = 'proxy-only') =>
  new ProxyOnlySubnet(s, id, { name: id, region: 'us-west1', network: 'vpc', ipCidrRange });
const internalAlb =
  (opts: { subnet?: boolean; range?: string; firewall?: 'proxies' | 'probes' | 'none' } = {}) =>
  (s: TerraformStack) => {
    const service = albService(s);
    const subnet = opts.subnet === false ? undefined : proxyOnly(s, opts.range);
    new RegionalInternalHttpsFrontend(s, 'fe', {
      name: 'fe',
      region: 'us-west1',
      network: 'vpc',
      subnetwork: 'apps',
      defaultService: service,
      certificateIds: ['cert'],
    });
    if (opts.firewall === 'none') return;
    new LoadBalancerFirewall(s, 'fw', {
      name: 'fw',
      network: 'vpc',
      ports: [443],
      targetTags: ['web'],
      proxyOnlySubnets: opts.firewall === 'probes' || !subnet ? undefined : [subnet],
    });
  };
const passthrough =
  (
    frontend: Partial<InternalPassthroughFrontendProps>,
    clientRanges?: string[],
    external = false,
  ) =>
  (s: TerraformStack) => {
    const service = svc(external ? externalNlb : internalNlb)(s);
    const props = { name: 'nlb', service, ports: [4822], ...frontend };
    if (external) new ExternalPassthroughFrontend(s, 'fe', props);
    else new InternalPassthroughFrontend(s, 'fe', { network: 'vpc', subnetwork: 'apps', ...props });
    new LoadBalancerFirewall(s, 'fw', {
      name: 'fw',
      network: 'vpc',
      ports: [4822],
      targetTags: ['g'],
      clientRanges,
      servingPorts: props.ports,
    });
  };

export const RULE_CASES: { [id: string]: RuleCases } = {
  P1: cases(
    [
      c(
        'web tier without its guacd pool',
        (st) => new GuacamoleWebTier(st, 'web', untyped({ frontend: GkeFrontend.INGRESS })),
        /guacd \(missing\) is required/,
      ),
      c(
        'web tier with a string for the affinity and an unknown frontend',
        (st) =>
          new GuacamoleWebTier(
            st,
            'web',
            untyped({
              guacd: pool()(st),
              frontend: 'LoadBalancer',
              sessionAffinity: 'GENERATED_COOKIE',
            }),
          ),
        /sessionAffinity "GENERATED_COOKIE" is not a SessionAffinity/,
      ),
      c('web tier with null props', (st) => new GuacamoleWebTier(st, 'web', untyped(null))),
      c(
        'backend without a group',
        svc({ backends: [untyped({ balancingMode: BalancingMode.RATE })] }),
        /backends\[0\]\.group \(missing\) is required/,
      ),
      c(
        'null health check',
        svc({ healthCheck: untyped(null) }),
        /healthCheck null is not a HealthCheck/,
      ),
      c(
        'draining as a number',
        svc({ draining: untyped(60) }),
        /fix: set draining: DrainingPolicy\.of/,
      ),
      c(
        'pool without props',
        (s) => new GuacdStatefulPool(s, 'g', untyped(undefined)),
        /props \(missing\) is required/,
      ),
      c(
        'pool without a selector',
        pool({ webPodSelector: untyped(undefined) }),
        /webPodSelector \(missing\)/,
      ),
      c(
        'DrainingPolicy.of(60)',
        () => DrainingPolicy.of(untyped(60)),
        /DrainingPolicy\.timeout 60 is not a Duration/,
      ),
      c(
        'backends as a string (the value given, and an array in allowed)',
        svc({ backends: untyped('ig-1') }),
        /backends "ig-1" is not an array \(allowed: an array, e\.g\. \[\{ group: zonalGroup \}\]\)/,
      ),
      c(
        'firewall without ports',
        firewall({ ports: untyped(undefined) }, false),
        /ports \(missing\) is required/,
      ),
      c('group with a null zone', zonal({ zone: untyped(null) }), /zone null is not a string/),
      c(
        'frontend without a default service',
        frontend({ defaultService: untyped(undefined) }),
        /defaultService \(missing\)/,
      ),
      c(
        'monitoring with services as a string',
        monitoring({ services: untyped('svc') }),
        /services "svc" is not an array \(allowed: an array, e\.g\. \[service\]\)/,
      ),
      c(
        'health check with a numeric interval',
        hc(HealthCheck.https({ interval: untyped(5) })),
        /is not a Duration/,
      ),
      c(
        'health check with a string port (a JavaScript caller)',
        (s) => hc(HealthCheck.https({ port: untyped('443') }))(s),
        /healthCheck\.port "443" is not a number \(allowed: a number, e\.g\. 443\)/,
      ),
      c(
        'health check with a numeric request path',
        (s) => hc(HealthCheck.http({ port: 80, requestPath: untyped(7) }))(s),
        /healthCheck\.requestPath 7 is not a string/,
      ),
      c(
        'header affinity with a numeric header name',
        (s) => svc({ sessionAffinity: SessionAffinity.header(untyped(42)) })(s),
        /sessionAffinity\.headerName 42 is not a string/,
      ),
      c(
        'backend group as a URL string (issue 18)',
        svc({ backends: [untyped({ group: 'projects/p/zones/us-west1-a/instanceGroups/x' })] }),
        /svc: backends\[0\]\.group "projects\/p\/zones\/[^"]*" is not an IInstanceGroup/,
      ),
      c(
        'backend group as an empty object',
        svc({ backends: [untyped({ group: {} })] }),
        /backends\[0\]\.group \(a plain object\) is not an IInstanceGroup \(allowed: an IInstanceGroup, e\.g\. zonalGroup/,
      ),
      c(
        'addBackend with a group as a string',
        (st) => svc()(st).addBackend(untyped({ group: 'x' })),
        /backends\[1\]\.group "x" is not an IInstanceGroup/,
      ),
      c(
        'backend capacity scaler as a string',
        backend({ capacityScaler: untyped('1') }),
        /backends\[0\]\.capacityScaler "1" is not a number/,
      ),
      c(
        'logging as a boolean',
        svc({ logging: untyped(true) }),
        /logging true is not a BackendServiceLogging/,
      ),
      c(
        'route rule service as a name',
        frontend({}, (a) => [
          {
            hosts: ['app.example.com'],
            pathMatcher: 'pm',
            defaultService: a,
            routeRules: [{ priority: 1, service: untyped('svc') }],
          },
        ]),
        /hostRules\[0\]\.routeRules\[0\]\.service "svc" is not an AffinityBackendService/,
      ),
      c(
        'header match as a string',
        frontend({}, (a) => [
          {
            hosts: ['app.example.com'],
            pathMatcher: 'pm',
            defaultService: a,
            routeRules: [{ priority: 1, service: a, headerMatches: [untyped('x-tenant: a')] }],
          },
        ]),
        /routeRules\[0\]\.headerMatches\[0\] "x-tenant: a" is not a HeaderMatch/,
      ),
      c(
        'autoscaling cooldown as seconds',
        autoscaling({ cooldown: untyped(60) }),
        /autoscaling\.cooldown 60 is not a Duration/,
      ),
      c(
        'firewall services as a plain object',
        firewall({ services: [untyped({ name: 'svc' })] }),
        /services\[0\] \(a plain object\) is not an AffinityBackendService/,
      ),
      c(
        'monitoring alert delay as minutes',
        monitoring({ alertAfter: untyped(10) }),
        /alertAfter 10 is not a Duration/,
      ),
      c(
        'pool resources as numbers',
        pool({ resources: untyped({ cpuLimit: 1 }) }),
        /resources\.cpuLimit 1 is not a string/,
      ),
      c(
        'pool selector value as a number',
        pool({ webPodSelector: untyped({ app: 1 }) }),
        /webPodSelector\["app"\] 1 is not a string/,
      ),
      c(
        'web tier environment value as a boolean',
        webTier({ environment: untyped({ OPENID_ENABLED: true }) }),
        /environment\["OPENID_ENABLED"\] true is not a string/,
      ),
      c(
        'web tier pool drain as a Duration',
        webTier({ draining: untyped(Duration.minutes(30)) }),
        /draining \(a Duration\) is not a DrainingPolicy/,
      ),
    ],
    [
      c('typed props', svc()),
      c('typed pool', pool()),
      c('group from a URL', svc({ backends: [rate({ group: group('g-b') })] })),
      c(
        'typed web tier with every nested prop',
        webTier({ environment: { A: 'b' }, resources: { cpuLimit: '1' } }),
      ),
    ],
  ),
  D1: cases(
    [
      c(
        'negative',
        () => Duration.seconds(-1),
        /Duration\.seconds -1 cannot be negative.*allowed: 0 or more.*Duration\.seconds\(1\)/,
      ),
      c('NaN', () => Duration.minutes(NaN), /Duration\.minutes NaN is not a finite number/),
      c('Infinity', () => Duration.hours(Infinity), /is not a finite number/),
      c(
        'a string',
        () => Duration.days(untyped('1')),
        /Duration\.days "1" is not a finite number.*Duration\.days\(1\)/,
      ),
    ],
    [c('zero', () => Duration.seconds(0)), c('fractions', () => Duration.minutes(0.5))],
  ),
  N1: cases(
    [
      c(
        'web tier static IP name with upper case (a Google Cloud address)',
        webTier({ staticIpName: 'Web-IP' }),
        /staticIpName "Web-IP" is not a valid Google Cloud resource name/,
      ),
      c(
        'uppercase',
        svc({ name: 'Svc' }),
        /name "Svc" is not a valid Google Cloud resource name.*fix: set name to e\.g\. "svc"/,
      ),
      c('64 characters', svc({ name: 'a'.repeat(64) }), /is 64 characters long/),
      c(
        '61 characters with the derived health check',
        svc({ name: 'a'.repeat(61) }),
        /once "-hc" is appended.*fix: set name to e\.g\. "a{60}"/,
      ),
      c(
        'derived frontend name too long',
        frontend({ name: 'a'.repeat(50) }),
        /"-http-redirect" is appended.*e\.g\. "a{49}"/,
      ),
      c('trailing hyphen', zonal({ name: 'grp-' }), /name "grp-"/),
    ],
    [
      c('60 characters (63 with -hc)', svc({ name: 'a'.repeat(60) })),
      c(
        '63 characters with a named health check',
        svc({ name: 'a'.repeat(63), healthCheck: HealthCheck.https({ name: 'hc' }) }),
      ),
      c('frontend name of 49', frontend({ name: 'a'.repeat(49) })),
    ],
  ),
  N2: cases(
    [
      c(
        'web tier name of 64 characters (its Service)',
        webTier({ name: 'w'.repeat(64) }),
        /name "w{64}" is 64 characters long, too long for a Kubernetes DNS-1035 label/,
      ),
      c('web tier name with a dot', webTier({ name: 'guac.web' }), /"guac-web"/),
      c(
        'leading digit',
        pool({ name: '1guacd' }),
        /name "1guacd" is not a Kubernetes DNS-1035 label.*e\.g\. "guacd"/,
      ),
      c(
        'underscore',
        pool({ affinityServiceName: 'guacd_svc' }),
        /affinityServiceName "guacd_svc".*"guacd-svc"/,
      ),
    ],
    [
      c('valid names', pool({ name: 'guacd-a1', affinityServiceName: 'svc-1' })),
      c(
        'web tier name of 63 characters: its custom resources are subdomains, not labels',
        webTier({ name: 'w'.repeat(63) }),
      ),
      c('web tier name of 63 characters behind a Gateway', gateway({ name: 'w'.repeat(63) })),
    ],
  ),
  N3: cases(
    [
      c(
        'underscore',
        pool({ namespace: 'my_ns' }),
        /namespace "my_ns" is not a Kubernetes DNS-1123 label \(the rule for namespaces\).*"my-ns"/,
      ),
      c('64 characters', pool({ namespace: 'n'.repeat(64) }), /is 64 characters long/),
      c('web namespace ending in a hyphen', pool({ webNamespace: 'web-' }), /webNamespace "web-"/),
      c(
        'Gateway namespace with a dot (gateway-api Namespace type)',
        gateway({ gatewayNamespace: 'infra.gw' }),
        /gatewayNamespace "infra\.gw" is not a Kubernetes DNS-1123 label/,
      ),
      c('Gateway namespace of 64 characters', gateway({ gatewayNamespace: 'g'.repeat(64) })),
    ],
    [
      c('a leading digit is fine', pool({ namespace: '1st-guacamole', webNamespace: '2nd' })),
      c('63 characters', pool({ namespace: 'n'.repeat(63) })),
      c('Gateway namespace of 63 characters', gateway({ gatewayNamespace: 'g'.repeat(63) })),
    ],
  ),
  N4: cases(
    [
      c(
        'Gateway name with upper case',
        gateway({ gatewayName: 'External-HTTP' }),
        /gatewayName "External-HTTP" is not a Kubernetes DNS-1123 subdomain.*"external-http"/,
      ),
      c(
        'Gateway name of 254 characters',
        gateway({ gatewayName: 'g'.repeat(254) }),
        /is 254 characters long.*at most 253 characters here/,
      ),
      c('Gateway name ending in a dot', gateway({ gatewayName: 'gw.' })),
    ],
    [
      c('Gateway name of 253 characters', gateway({ gatewayName: 'g'.repeat(253) })),
      c('Gateway name with dots and a leading digit', gateway({ gatewayName: '1.external-http' })),
    ],
  ),
  B1: cases(
    [
      c(
        'INTERNAL global',
        svc({ loadBalancingScheme: LoadBalancingScheme.INTERNAL }),
        /set `region`/,
      ),
      c(
        'INTERNAL_SELF_MANAGED regional (accepted from hashicorp/google 7.24.0, not by the pinned 6.50.0)',
        svc({ ...internalNlb, loadBalancingScheme: LoadBalancingScheme.INTERNAL_SELF_MANAGED }),
        /hashicorp\/google 6\.50\.0.*accepted from 7\.24\.0.*remove `region`/,
      ),
    ],
    [c('INTERNAL regional', svc(internalNlb))],
  ),
  B2: cases(
    [
      c(
        'UDP on EXTERNAL_MANAGED',
        svc({ protocol: BackendProtocol.UDP }),
        /allowed: HTTP, HTTPS, HTTP2, H2C, TCP, SSL/,
      ),
    ],
    [c('UDP on INTERNAL', svc({ ...internalNlb, protocol: BackendProtocol.UDP }))],
  ),
  B3: cases(
    [
      c(
        'regional service behind the global frontend',
        (s) => {
          const a = svc()(s);
          const r = new AffinityBackendService(s, 'r', { ...base, name: 'r', region: 'us-west1' });
          new GlobalHttpsFrontend(s, 'fe', {
            name: 'lb',
            defaultService: a,
            managedCertificateDomains: ['app.example.com'],
            hostRules: [{ hosts: ['x.example.com'], pathMatcher: 'pm', defaultService: r }],
          });
        },
        /r \(EXTERNAL_MANAGED HTTPS in us-west1\) cannot serve/,
      ),
    ],
    [c('one scheme', frontend())],
  ),
  B5: cases(
    [
      c('port name on INTERNAL', svc({ ...internalNlb, portName: 'tcp' }), /must not have one/),
      c(
        'port name not on the group',
        svc({ portName: 'http' }),
        /"http" is not a named port of g-a/,
      ),
    ],
    [c('named port present', svc({ portName: 'https' }))],
  ),
  B6: cases(
    [c('network on a global service', svc({ network: 'default' }), /remove network/)],
    [c('network on a regional service', svc({ ...internalNlb, network: 'default' }))],
  ),
  B8: cases(
    [
      c(
        'two modes on one group',
        (s) => {
          const g = group();
          new AffinityBackendService(s, 'a', {
            ...base,
            name: 'a',
            backends: [rate({ group: g })],
          });
          new AffinityBackendService(s, 'b', {
            ...base,
            name: 'b',
            backends: [{ group: g, balancingMode: BalancingMode.UTILIZATION }],
          });
        },
        /differs from backend service/,
      ),
    ],
    [
      c('same mode', (s) => {
        const g = group();
        new AffinityBackendService(s, 'a', { ...base, name: 'a', backends: [rate({ group: g })] });
        new AffinityBackendService(s, 'b', { ...base, name: 'b', backends: [rate({ group: g })] });
      }),
    ],
  ),
  S1: cases(
    [
      c(
        'CLIENT_IP_PORT_PROTO on an ALB',
        affinity(SessionAffinity.clientIpPortProto()),
        /allowed: NONE, CLIENT_IP, GENERATED_COOKIE, HEADER_FIELD, HTTP_COOKIE, STRONG_COOKIE_AFFINITY.*strongCookie/,
      ),
      c(
        'HTTP_COOKIE on the classic ALB',
        svc({ ...classicAlb, sessionAffinity: SessionAffinity.httpCookie({ name: 'S' }) }),
        /allowed: NONE, CLIENT_IP, GENERATED_COOKIE/,
      ),
      c(
        'GENERATED_COOKIE on a proxy NLB',
        svc({ ...proxyNlb, sessionAffinity: SessionAffinity.generatedCookie() }),
        /allowed: NONE, CLIENT_IP/,
      ),
      c(
        'STRONG_COOKIE on Traffic Director',
        svc({
          loadBalancingScheme: LoadBalancingScheme.INTERNAL_SELF_MANAGED,
          sessionAffinity: SessionAffinity.strongCookie({ name: 'S', ttl: Duration.hours(1) }),
        }),
        /STRONG_COOKIE_AFFINITY is not accepted/,
      ),
      c(
        'unknown type',
        affinity(SessionAffinity.fromType(untyped('STICKY'))),
        /is not a session affinity type/,
      ),
    ],
    [
      c(
        'CLIENT_IP_PORT_PROTO on INTERNAL',
        svc({ ...internalNlb, sessionAffinity: SessionAffinity.clientIpPortProto() }),
      ),
      c(
        'CLIENT_IP_NO_DESTINATION on INTERNAL',
        svc({ ...internalNlb, sessionAffinity: SessionAffinity.clientIpNoDestination() }),
      ),
      c(
        'CLIENT_IP_PROTO on regional EXTERNAL',
        svc({ ...externalNlb, sessionAffinity: SessionAffinity.clientIpProto() }),
      ),
      c(
        'HTTP_COOKIE on Traffic Director',
        svc({
          loadBalancingScheme: LoadBalancingScheme.INTERNAL_SELF_MANAGED,
          sessionAffinity: SessionAffinity.httpCookie({ name: 'S' }),
        }),
      ),
    ],
  ),
  S2: cases(
    [
      c(
        'header with a space',
        affinity(SessionAffinity.header('X Personality')),
        /headerName "X Personality" is not an HTTP header field name.*SessionAffinity\.header\("XPersonality"\)/,
      ),
      c(
        'header with a colon',
        affinity(SessionAffinity.header('X-P:')),
        /"X-P:" is not an HTTP header field name/,
      ),
      c('empty header', affinity(SessionAffinity.header('')), /headerName ""/),
      c(
        'no header',
        affinity(SessionAffinity.fromType(SessionAffinityType.HEADER_FIELD)),
        /sessionAffinity HEADER_FIELD needs a header name/,
      ),
      c(
        'round robin',
        affinity(SessionAffinity.header('X-P'), { localityLbPolicy: LocalityLbPolicy.ROUND_ROBIN }),
        /allowed: RING_HASH or MAGLEV/,
      ),
      c(
        'header on CLIENT_IP',
        affinity(SessionAffinity.fromType(SessionAffinityType.CLIENT_IP, { headerName: 'X' })),
        /is set on CLIENT_IP, which does not hash on a header \(allowed: a header name only with HEADER_FIELD\)/,
      ),
    ],
    [
      c('token header', affinity(SessionAffinity.header("X-Personality_1.~!#$%&'*+^`|"))),
      c(
        'MAGLEV',
        affinity(SessionAffinity.header('X-P'), { localityLbPolicy: LocalityLbPolicy.MAGLEV }),
      ),
    ],
  ),
  S3: cases(
    [
      c(
        'empty cookie name',
        affinity(SessionAffinity.httpCookie({ name: '' })),
        /cookieName "" is empty.*name: "SESSION"/,
      ),
      c(
        'cookie name with a space',
        affinity(SessionAffinity.httpCookie({ name: 'MY COOKIE' })),
        /is not a cookie name.*"MYCOOKIE"/,
      ),
      c(
        'no cookie name',
        affinity(SessionAffinity.fromType(SessionAffinityType.HTTP_COOKIE)),
        /sessionAffinity HTTP_COOKIE needs a cookie name/,
      ),
      c(
        'cookie path with ";"',
        affinity(SessionAffinity.httpCookie({ name: 'S', path: '/a;b' })),
        /cookiePath "\/a;b" is not a cookie path/,
      ),
    ],
    [
      c(
        'named cookie with a path',
        affinity(SessionAffinity.httpCookie({ name: 'SESSION', path: '/app' })),
      ),
    ],
  ),
  S4: cases(
    [
      c(
        'empty strong cookie name',
        affinity(SessionAffinity.strongCookie({ name: '', ttl: Duration.hours(1) })),
        /cookieName "" is empty/,
      ),
      c(
        'strong cookie without TTL',
        affinity(SessionAffinity.strongCookie({ name: 'S' })),
        /STRONG_COOKIE_AFFINITY needs a cookie name and a TTL \(TTL not given\)/,
      ),
      c(
        'cookie name on GENERATED_COOKIE',
        affinity(
          SessionAffinity.fromType(SessionAffinityType.GENERATED_COOKIE, { cookieName: 'S' }),
        ),
        /does not use a named cookie/,
      ),
    ],
    [
      c(
        'strong cookie',
        affinity(SessionAffinity.strongCookie({ name: 'S', ttl: Duration.hours(1) })),
      ),
    ],
  ),
  S5: cases(
    [
      c(
        'TTL on CLIENT_IP',
        affinity(
          SessionAffinity.fromType(SessionAffinityType.CLIENT_IP, { ttl: Duration.seconds(1800) }),
        ),
        /generatedCookie\(\{ ttl: Duration\.seconds\(1800\) \}\)/,
      ),
      c(
        '14 days + 1 s',
        affinity(SessionAffinity.generatedCookie({ ttl: Duration.seconds(1_209_601) })),
        /allowed: 0s\.\.1209600s.*Duration\.days\(14\)/,
      ),
      c(
        'fractional',
        affinity(SessionAffinity.generatedCookie({ ttl: Duration.seconds(1.5) })),
        /not a whole number of seconds.*Duration\.seconds\(2\)/,
      ),
      c(
        'TTL on a proxy NLB without cookies',
        svc({
          ...proxyNlb,
          sessionAffinity: SessionAffinity.fromType(SessionAffinityType.CLIENT_IP, {
            ttl: Duration.seconds(5),
          }),
        }),
        /drop the TTL/,
      ),
    ],
    [
      c(
        'exactly 14 days (strong)',
        affinity(SessionAffinity.strongCookie({ name: 'S', ttl: Duration.days(14) })),
      ),
      c(
        '0 (session cookie)',
        affinity(SessionAffinity.generatedCookie({ ttl: Duration.seconds(0) })),
      ),
    ],
  ),
  S5b: cases(
    [
      c(
        'one day + 1 s',
        affinity(SessionAffinity.generatedCookie({ ttl: Duration.seconds(86_401) })),
        /one-day limit/,
      ),
    ],
    [
      c('exactly one day', affinity(SessionAffinity.generatedCookie({ ttl: Duration.days(1) }))),
      c(
        'strong cookie above a day',
        affinity(SessionAffinity.strongCookie({ name: 'S', ttl: Duration.days(2) })),
      ),
    ],
  ),
  S6: cases(
    [
      c(
        'ROUND_ROBIN with CLIENT_IP',
        affinity(SessionAffinity.clientIp(), { localityLbPolicy: LocalityLbPolicy.ROUND_ROBIN }),
        /silently ineffective/,
      ),
    ],
    [
      c(
        'ROUND_ROBIN without affinity',
        affinity(SessionAffinity.none(), { localityLbPolicy: LocalityLbPolicy.ROUND_ROBIN }),
      ),
      c(
        'RING_HASH with strong cookie',
        affinity(SessionAffinity.strongCookie({ name: 'S', ttl: Duration.hours(1) }), {
          localityLbPolicy: LocalityLbPolicy.RING_HASH,
        }),
      ),
    ],
  ),
  S7: cases(
    [
      c(
        'classic ALB',
        svc({ ...classicAlb, localityLbPolicy: LocalityLbPolicy.MAGLEV }),
        /classic load balancers/,
      ),
      c(
        'classic proxy NLB',
        svc({
          ...proxyNlb,
          loadBalancingScheme: LoadBalancingScheme.EXTERNAL,
          localityLbPolicy: LocalityLbPolicy.MAGLEV,
        }),
        /classic load balancers/,
      ),
      c(
        'RING_HASH on regional EXTERNAL',
        svc({ ...externalNlb, localityLbPolicy: LocalityLbPolicy.RING_HASH }),
        /allowed: MAGLEV, WEIGHTED_MAGLEV/,
      ),
      c(
        'any policy on INTERNAL',
        svc({ ...internalNlb, localityLbPolicy: LocalityLbPolicy.MAGLEV }),
        /not used by an internal passthrough/,
      ),
      c(
        'WEIGHTED_MAGLEV on a global ALB',
        affinity(SessionAffinity.none(), { localityLbPolicy: LocalityLbPolicy.WEIGHTED_MAGLEV }),
        /only supported by external passthrough/,
      ),
      c(
        'WEIGHTED_MAGLEV on a regional ALB',
        affinity(SessionAffinity.clientIp(), {
          region: 'us-west1',
          localityLbPolicy: LocalityLbPolicy.WEIGHTED_MAGLEV,
        }),
        /only supported by external passthrough/,
      ),
      c(
        'WEIGHTED_MAGLEV with a TCP health check',
        svc({ ...externalNlb, localityLbPolicy: LocalityLbPolicy.WEIGHTED_MAGLEV }),
        /X-Load-Balancing-Endpoint-Weight.*HealthCheck\.http/,
      ),
    ],
    [
      c(
        'WEIGHTED_MAGLEV on regional EXTERNAL with HTTP check',
        svc({
          ...externalNlb,
          healthCheck: HealthCheck.http({ port: 80 }),
          localityLbPolicy: LocalityLbPolicy.WEIGHTED_MAGLEV,
        }),
      ),
      c(
        'MAGLEV on regional EXTERNAL',
        svc({ ...externalNlb, localityLbPolicy: LocalityLbPolicy.MAGLEV }),
      ),
      c(
        'LEAST_REQUEST on regional INTERNAL_MANAGED',
        affinity(SessionAffinity.none(), {
          region: 'us-west1',
          loadBalancingScheme: LoadBalancingScheme.INTERNAL_MANAGED,
          localityLbPolicy: LocalityLbPolicy.LEAST_REQUEST,
        }),
      ),
    ],
  ),
  S8: cases(
    [
      c(
        'ring size 0',
        affinity(SessionAffinity.header('X', { minimumRingSize: 0 })),
        /allowed: a whole number in 1\.\.8388608/,
      ),
      c(
        'ring size 8388609',
        affinity(SessionAffinity.header('X', { minimumRingSize: 8_388_609 })),
        /is out of range/,
      ),
      c(
        'ring size with MAGLEV',
        affinity(SessionAffinity.header('X', { minimumRingSize: 10 }), {
          localityLbPolicy: LocalityLbPolicy.MAGLEV,
        }),
        /only used by RING_HASH/,
      ),
      c(
        'ring size on CLIENT_IP',
        affinity(SessionAffinity.fromType(SessionAffinityType.CLIENT_IP, { minimumRingSize: 10 })),
        /does not use consistent hashing/,
      ),
    ],
    [
      c('ring size 1', affinity(SessionAffinity.header('X', { minimumRingSize: 1 }))),
      c('ring size 8388608', affinity(SessionAffinity.header('X', { minimumRingSize: 8_388_608 }))),
    ],
  ),
  S9: cases(
    [
      c(
        'affinity with UTILIZATION',
        svc({ backends: [{ group: group(), balancingMode: BalancingMode.UTILIZATION }] }),
        /BalancingMode\.RATE/,
      ),
    ],
    [
      c('affinity with RATE', svc()),
      c(
        'no affinity with UTILIZATION',
        svc({
          sessionAffinity: SessionAffinity.none(),
          backends: [{ group: group(), balancingMode: BalancingMode.UTILIZATION }],
        }),
      ),
    ],
  ),
  T1: cases(
    [
      c(
        '3601 s',
        svc({ draining: DrainingPolicy.of(Duration.seconds(3601)) }),
        /allowed: 0s\.\.3600s \(1 hour\)\); fix: use at most DrainingPolicy\.of\(Duration\.hours\(1\)\)/,
      ),
      c(
        '0 s on a proxy (warning)',
        svc({ draining: DrainingPolicy.disabled() }),
        /disables connection draining/,
      ),
      c(
        'Kubernetes options (warning)',
        svc({
          draining: DrainingPolicy.withOptions({
            timeout: Duration.seconds(60),
            pollInterval: Duration.seconds(2),
          }),
        }),
        /Kubernetes-only options/,
      ),
    ],
    [
      c('3600 s', svc({ draining: DrainingPolicy.of(Duration.seconds(3600)) })),
      c('0 s on a passthrough NLB', svc({ ...internalNlb, draining: DrainingPolicy.disabled() })),
    ],
  ),
  T2: cases(
    [
      c('0 s', svc({ timeout: Duration.seconds(0) }), /allowed: 1s or more\)/),
      c(
        'above a day (warning)',
        svc({ timeout: Duration.seconds(86_401) }),
        /Google Front Ends restart/,
      ),
      c(
        'on a passthrough NLB (warning)',
        svc({ ...internalNlb, timeout: Duration.seconds(30) }),
        /is ignored/,
      ),
    ],
    [
      c('1 s', svc({ timeout: Duration.seconds(1) })),
      c('exactly a day', svc({ timeout: Duration.days(1) })),
    ],
  ),
  T3: cases(
    [
      c('1.01', svc({ logging: { sampleRate: 1.01 } }), /allowed: 0\.\.1/),
      c('-0.01', svc({ logging: { sampleRate: -0.01 } }), /is out of range/),
      c('NaN', svc({ logging: { sampleRate: NaN } }), /is not a finite number/),
      c(
        'rate while disabled (warning)',
        svc({ logging: { enabled: false, sampleRate: 0.5 } }),
        /has no effect/,
      ),
    ],
    [
      c('0 and 1', svc({ logging: { sampleRate: 0 } })),
      c('1', svc({ logging: { sampleRate: 1 } })),
    ],
  ),
  C0: cases(
    [c('same group twice', svc({ backends: [rate(), rate()] }), /remove the duplicate backend/)],
    [c('two groups', svc({ backends: [rate(), rate({ group: group('g-b') })] }))],
  ),
  C1: cases(
    [
      c(
        'unknown mode',
        backend({ balancingMode: untyped('IN_FLIGHT') }),
        /allowed: UTILIZATION, RATE, CONNECTION/,
      ),
    ],
    [c('RATE', svc())],
  ),
  C2: cases(
    [
      c(
        'maxUtilization 1.01',
        svc({
          sessionAffinity: SessionAffinity.none(),
          backends: [
            { group: group(), balancingMode: BalancingMode.UTILIZATION, maxUtilization: 1.01 },
          ],
        }),
        /allowed: 0\.\.1.*e\.g\. 0\.8/,
      ),
      c(
        'maxUtilization -0.1',
        svc({
          sessionAffinity: SessionAffinity.none(),
          backends: [
            { group: group(), balancingMode: BalancingMode.UTILIZATION, maxUtilization: -0.1 },
          ],
        }),
        /is out of range/,
      ),
    ],
    [
      c(
        'maxUtilization 0 and 1',
        svc({
          sessionAffinity: SessionAffinity.none(),
          backends: [
            { group: group(), balancingMode: BalancingMode.UTILIZATION, maxUtilization: 1 },
          ],
        }),
      ),
    ],
  ),
  C3: cases(
    [
      c(
        'no rate',
        backend({ maxRatePerInstance: undefined }),
        /exactly one of maxRate, maxRatePerInstance/,
      ),
      c(
        'Infinity',
        backend({ maxRatePerInstance: Infinity }),
        /maxRatePerInstance Infinity on group g-a is not a finite number/,
      ),
      c(
        'negative',
        backend({ maxRatePerInstance: -1 }),
        /maxRatePerInstance -1 on group g-a is out of range \(allowed: 0 or more\)/,
      ),
      c(
        'RATE on TCP',
        svc({
          ...proxyNlb,
          backends: [rate({ group: group('g-a', [{ name: 'tcp', port: 443 }]) })],
        }),
        /needs an HTTP-family protocol/,
      ),
      c('utilization with RATE', backend({ maxUtilization: 0.5 }), /is not used with RATE/),
    ],
    [
      c('rate 0', backend({ maxRatePerInstance: 0 })),
      c('group rate', backend({ maxRatePerInstance: undefined, maxRate: 1000 })),
    ],
  ),
  C4: cases(
    [
      c(
        'CONNECTION on HTTPS',
        backend({ balancingMode: BalancingMode.CONNECTION }),
        /is not accepted with HTTPS/,
      ),
      c(
        'no target on a proxy',
        svc({
          ...proxyNlb,
          backends: [
            {
              group: group('g-a', [{ name: 'tcp', port: 443 }]),
              balancingMode: BalancingMode.CONNECTION,
            },
          ],
        }),
        /exactly one of maxConnections, maxConnectionsPerInstance/,
      ),
      c(
        'negative connections',
        svc({
          ...proxyNlb,
          backends: [
            {
              group: group('g-a', [{ name: 'tcp', port: 443 }]),
              balancingMode: BalancingMode.CONNECTION,
              maxConnectionsPerInstance: -5,
            },
          ],
        }),
        /maxConnectionsPerInstance -5 on group g-a is out of range/,
      ),
      c(
        'RATE on passthrough',
        svc({ ...internalNlb, backends: [{ group: group(), balancingMode: BalancingMode.RATE }] }),
        /allowed: CONNECTION/,
      ),
    ],
    [c('proxy NLB with a cap', svc(proxyNlb)), c('passthrough without caps', svc(internalNlb))],
  ),
  C6: cases(
    [
      c(
        'maxRate on an LB-autoscaled group',
        (s) => {
          const g = new ZonalBackendGroup(s, 'grp', {
            name: 'grp',
            zone: 'us-west1-a',
            instanceTemplate: 't',
            autoscaling: { minReplicas: 1, maxReplicas: 2, loadBalancingTarget: 0.8 },
          });
          svc({ backends: [{ group: g, balancingMode: BalancingMode.RATE, maxRate: 100 }] })(s);
        },
        /use maxRatePerInstance/,
      ),
    ],
    [
      c('maxRatePerInstance on an LB-autoscaled group', (s) => {
        const g = new ZonalBackendGroup(s, 'grp', {
          name: 'grp',
          zone: 'us-west1-a',
          instanceTemplate: 't',
          autoscaling: { minReplicas: 1, maxReplicas: 2, loadBalancingTarget: 0.8 },
        });
        svc({
          backends: [{ group: g, balancingMode: BalancingMode.RATE, maxRatePerInstance: 100 }],
        })(s);
      }),
    ],
  ),
  C7: cases(
    [
      c(
        '0.09',
        backend({ capacityScaler: 0.09 }),
        /allowed: 0 \(drain: no new traffic\) or 0\.1\.\.1.*use 0\.1 or 0/,
      ),
      c('1.01', backend({ capacityScaler: 1.01 }), /use a value in 0\.1\.\.1/),
      c('-0.5', backend({ capacityScaler: -0.5 }), /capacityScaler -0\.5 on group g-a is rejected/),
      c(
        'NaN',
        backend({ capacityScaler: NaN }),
        /capacityScaler NaN on group g-a is not a finite number/,
      ),
      c('0 on the only backend', backend({ capacityScaler: 0 }), /is 0 on the only backend/),
    ],
    [
      c('0.1', backend({ capacityScaler: 0.1 })),
      c('1', backend({ capacityScaler: 1 })),
      c(
        '0 next to a live backend',
        svc({ backends: [rate({ capacityScaler: 0 }), rate({ group: group('g-b') })] }),
      ),
    ],
  ),
  C8: cases(
    [
      c(
        'scaler on passthrough',
        svc({ ...internalNlb, backends: [{ group: group(), capacityScaler: 1 }] }),
        /remove capacityScaler/,
      ),
      c(
        'connections on passthrough',
        svc({ ...internalNlb, backends: [{ group: group(), maxConnections: 10 }] }),
        /do not cap connections/,
      ),
      c(
        'all zero',
        svc({
          backends: [rate({ capacityScaler: 0 }), rate({ group: group('g-b'), capacityScaler: 0 })],
        }),
        /raise capacityScaler on at least one backend/,
      ),
    ],
    [c('passthrough plain', svc(internalNlb))],
  ),
  C12: cases(
    [
      c(
        'empty group (warning)',
        (s) => {
          const g = new ZonalBackendGroup(s, 'grp', {
            name: 'grp',
            zone: 'us-west1-a',
            instanceTemplate: 't',
            targetSize: 0,
          });
          svc({ backends: [rate({ group: g })] })(s);
        },
        /group grp has 0 instances and no autoscaler, so no capacity/,
      ),
    ],
    [
      c('empty group parked', (s) => {
        const g = new ZonalBackendGroup(s, 'grp', {
          name: 'grp',
          zone: 'us-west1-a',
          instanceTemplate: 't',
          targetSize: 0,
        });
        svc({ backends: [rate({ group: g, capacityScaler: 0 }), rate({ group: group('g-b') })] })(
          s,
        );
      }),
    ],
  ),
  H1: cases(
    [
      c(
        'interval 0',
        hc(HealthCheck.https({ interval: Duration.seconds(0), timeout: Duration.seconds(0) })),
        /allowed: 1s\.\.300s/,
      ),
      c(
        'interval 301',
        hc(HealthCheck.https({ interval: Duration.seconds(301) })),
        /healthCheck\.interval 301s is out of range/,
      ),
    ],
    [
      c(
        '1 and 300',
        hc(HealthCheck.https({ interval: Duration.seconds(300), timeout: Duration.seconds(1) })),
      ),
    ],
  ),
  H2: cases(
    [
      c(
        'timeout > interval',
        hc(HealthCheck.https({ interval: Duration.seconds(2), timeout: Duration.seconds(3) })),
        /lower the timeout to Duration\.seconds\(2\)/,
      ),
    ],
    [
      c(
        'timeout = interval',
        hc(HealthCheck.https({ interval: Duration.seconds(5), timeout: Duration.seconds(5) })),
      ),
    ],
  ),
  H3: cases(
    [
      c('0', hc(HealthCheck.https({ healthyThreshold: 0 })), /allowed: a whole number in 1\.\.10/),
      c('11', hc(HealthCheck.https({ unhealthyThreshold: 11 })), /unhealthyThreshold 11/),
    ],
    [c('1 and 10', hc(HealthCheck.https({ healthyThreshold: 1, unhealthyThreshold: 10 })))],
  ),
  H5: cases(
    [
      c('relative path', hc(HealthCheck.https({ requestPath: 'health' })), /use "\/health"/),
      c('space', hc(HealthCheck.https({ requestPath: '/a b' })), /use "\/ab"/),
    ],
    [c('query string', hc(HealthCheck.https({ requestPath: '/health?full=1' })))],
  ),
  H6: cases(
    [
      c('port 0', hc(HealthCheck.https({ port: 0 })), /allowed: a whole number in 1\.\.65535/),
      c('port 65536', hc(HealthCheck.https({ port: 65536 })), /is out of range/),
      c(
        'serving port on passthrough',
        svc({ ...internalNlb, healthCheck: HealthCheck.tcp() }),
        /HealthCheck\.tcp\(\{ port: 4822 \}\)/,
      ),
    ],
    [
      c('port 1 and 65535', hc(HealthCheck.https({ port: 65535 }))),
      c('port 1', hc(HealthCheck.https({ port: 1 }))),
    ],
  ),
  H8: cases(
    [
      c('non-ASCII', hc(HealthCheck.https({ response: 'ok ✓' })), /ASCII text of at most 1024/),
      c(
        '1025 characters',
        hc(HealthCheck.https({ response: 'a'.repeat(1025) })),
        /shorter ASCII prefix/,
      ),
    ],
    [c('1024 characters', hc(HealthCheck.https({ response: 'a'.repeat(1024) })))],
  ),
  H9: cases(
    [
      c('port not opened', firewall({ ports: [8443] }), /does not open 443.*add 443 to ports/),
      c('no ports', firewall({ ports: [] }, false), /opens nothing/),
      c('port 65536', firewall({ ports: [65536] }, false), /allowed: a whole number in 1\.\.65535/),
      c('priority 65536', firewall({ priority: 65536 }), /priority 65536/),
      c(
        'no targets (warning)',
        firewall({ targetTags: undefined }),
        /leaves the rule on every instance/,
      ),
      c(
        'tags and accounts',
        firewall({ targetServiceAccounts: ['sa@p.iam.gserviceaccount.com'] }),
        /keep one of them/,
      ),
      c(
        'the proxy-only subnet of a regional internal ALB not admitted',
        internalAlb({ firewall: 'probes' }),
        /proxy-only subnet test\/proxy-only 10\.129\.0\.0\/23 on TCP 443 is admitted by no firewall rule of network vpc.*allowed: an INGRESS rule of network vpc admitting 10\.129\.0\.0\/23/,
      ),
      c(
        'the clients of an internal passthrough NLB not admitted',
        passthrough({}),
        /clients on TCP 4822 are admitted by no firewall rule of network vpc.*LoadBalancerFirewall with clientRanges/,
      ),
      c(
        'client range that is not a CIDR',
        passthrough({}, ['10.0.0.0']),
        /clientRanges "10\.0\.0\.0" is not an IPv4 CIDR/,
      ),
      c(
        'no firewall rule in the stack (warning)',
        internalAlb({ firewall: 'none' }),
        /no firewall rule of network vpc is in this configuration/,
      ),
    ],
    [
      c('ports covered, priority 0', firewall({ priority: 0 })),
      c('priority 65535', firewall({ priority: 65535 })),
      c('the proxy-only subnet admitted', internalAlb()),
      c('the clients admitted, /32', passthrough({}, ['10.1.2.3/32'])),
      c('an external passthrough NLB open to 0.0.0.0/0', passthrough({}, ['0.0.0.0/0'], true)),
    ],
  ),
  M1: cases(
    [
      c('negative size', zonal({ targetSize: -1 }), /use 0 or more instances/),
      c(
        'size with autoscaler (warning)',
        zonal({ targetSize: 2, autoscaling: { minReplicas: 1, maxReplicas: 3 } }),
        /remove targetSize and use autoscaling\.minReplicas/,
      ),
    ],
    [c('size 0', zonal({ targetSize: 0 })), c('autoscaler alone', (s) => autoscaling({})(s))],
  ),
  M2: cases(
    [
      c(
        'port 0',
        zonal({ namedPorts: [{ name: 'https', port: 0 }] }),
        /allowed: a whole number in 1\.\.65535\); fix: use the port the instances serve on/,
      ),
      c('port 65536', zonal({ namedPorts: [{ name: 'https', port: 65536 }] }), /is out of range/),
      c(
        'duplicate name',
        zonal({
          namedPorts: [
            { name: 'https', port: 443 },
            { name: 'https', port: 8443 },
          ],
        }),
        /is given twice/,
      ),
    ],
    [
      c(
        'port 1 and 65535',
        zonal({
          namedPorts: [
            { name: 'a', port: 1 },
            { name: 'b', port: 65535 },
          ],
        }),
      ),
    ],
  ),
  M3: cases(
    [
      c(
        'max < min',
        autoscaling({ minReplicas: 3, maxReplicas: 2 }),
        /set maxReplicas to at least 3/,
      ),
      c('cpu target 0', autoscaling({ cpuTarget: 0 }), /allowed: a fraction in \(0, 1\]/),
      c('cpu target 1.01', autoscaling({ cpuTarget: 1.01 }), /cpuTarget 1\.01 is out of range/),
      c(
        'cooldown 3601',
        autoscaling({ cooldown: Duration.seconds(3601) }),
        /autoscaling\.cooldown/,
      ),
      c('max 1001', autoscaling({ maxReplicas: 1001 }), /maxReplicas 1001/),
    ],
    [
      c(
        'bounds',
        autoscaling({
          minReplicas: 0,
          maxReplicas: 1000,
          cpuTarget: 1,
          cooldown: Duration.seconds(3600),
        }),
      ),
      c(
        'equal min and max',
        autoscaling({ minReplicas: 2, maxReplicas: 2, loadBalancingTarget: 1 }),
      ),
    ],
  ),
  U1: cases(
    [
      c(
        'duplicate priority',
        frontend({}, route([10, 10])),
        /give each route rule its own priority/,
      ),
      c('priority -1', frontend({}, route([-1])), /allowed: a whole number in 0\.\.2147483647/),
      c('priority 2147483648', frontend({}, route([2_147_483_648])), /is out of range/),
    ],
    [c('priorities 0 and 2147483647', frontend({}, route([0, 2_147_483_647])))],
  ),
  U2: cases(
    [
      c(
        'path and route rules',
        frontend({}, (a) => [
          {
            hosts: ['h.example.com'],
            pathMatcher: 'pm',
            defaultService: a,
            pathRules: [{ paths: ['/x'], service: a }],
            routeRules: [{ priority: 1, service: a }],
          },
        ]),
        /either pathRules or routeRules/,
      ),
    ],
    [
      c(
        'path rules only',
        frontend({}, (a) => [
          {
            hosts: ['h.example.com'],
            pathMatcher: 'pm',
            defaultService: a,
            pathRules: [{ paths: ['/x'], service: a }],
          },
        ]),
      ),
    ],
  ),
  U3: cases(
    [
      c('relative prefix', frontend({}, route([1], 'api')), /use "\/api"/),
      c(
        'two match kinds',
        frontend({}, (a) => [
          {
            hosts: ['h.example.com'],
            pathMatcher: 'pm',
            defaultService: a,
            routeRules: [
              {
                priority: 1,
                service: a,
                headerMatches: [{ headerName: 'X', exactMatch: 'a', presentMatch: true }],
              },
            ],
          },
        ]),
        /exactly one of exactMatch, prefixMatch, presentMatch/,
      ),
    ],
    [c('absolute prefix', frontend({}, route([1], '/api')))],
  ),
  U4: cases(
    [
      c(
        'no certificate',
        frontend({ managedCertificateDomains: undefined }),
        /managedCertificateDomains: \['app\.example\.com'\]/,
      ),
      c(
        '16 certificates',
        frontend({
          managedCertificateDomains: undefined,
          certificateIds: Array.from({ length: 16 }, (_, i) => `c${i}`),
        }),
        /at most 15 certificates/,
      ),
    ],
    [
      c(
        '15 certificates',
        frontend({
          managedCertificateDomains: undefined,
          certificateIds: Array.from({ length: 15 }, (_, i) => `c${i}`),
        }),
      ),
    ],
  ),
  U7: cases(
    [c('wildcard', frontend({ managedCertificateDomains: ['*.example.com'] }), /no wildcards/)],
    [c('FQDN', frontend({ managedCertificateDomains: ['a.b.example.com'] }))],
  ),
  U8: cases(
    [
      c(
        'no proxy-only subnet',
        internalAlb({ subnet: false }),
        /without a REGIONAL_MANAGED_PROXY proxy-only subnet.*fix: add new ProxyOnlySubnet/,
      ),
      c(
        'a /27 range',
        internalAlb({ range: '10.129.0.0/27' }),
        /allowed: an IPv4 CIDR of \/26 or larger/,
      ),
      c(
        'two subnets for one region and network',
        (s) => {
          proxyOnly(s);
          proxyOnly(s, '10.130.0.0/23', 'second');
        },
        /already has the REGIONAL_MANAGED_PROXY proxy-only subnet test\/proxy-only/,
      ),
    ],
    [
      c('a /26 range', internalAlb({ range: '10.129.0.0/26' })),
      c('a referenced subnet', (s) => {
        ProxyOnlySubnet.fromExisting(s, 'proxy-only', {
          region: 'us-west1',
          network: 'vpc',
          ipCidrRange: '10.129.0.0/23',
        });
        internalAlb({ subnet: false, firewall: 'none' })(s);
      }),
    ],
  ),
  U9: cases(
    [
      c('six ports', passthrough({ ports: [1, 2, 3, 4, 5, 6] }), /takes at most 5/),
      c('ports and allPorts', passthrough({ allPorts: true }), /set together with allPorts/),
    ],
    [
      c('five ports', passthrough({ ports: [4822, 4823, 4824, 4825, 4826] }, ['10.0.0.0/8'])),
      c('all ports', passthrough({ ports: undefined, allPorts: true }, ['10.0.0.0/8'])),
    ],
  ),
  G1: cases(
    [
      c(
        'no services',
        (s) =>
          new AffinityMonitoring(s, 'mon', {
            services: [],
            dashboardName: 'd',
            notificationChannels: ['c'],
          }),
        /pass the services/,
      ),
      c(
        'passthrough service',
        (s) =>
          new AffinityMonitoring(s, 'mon', {
            services: [svc(internalNlb)(s)],
            dashboardName: 'd',
            notificationChannels: ['c'],
          }),
        /leave this service out/,
      ),
    ],
    [c('global ALB', monitoring())],
  ),
  G2: cases(
    [
      c('0', monitoring({ unevenShareThreshold: 0 }), /allowed: a share in \(0, 1\]/),
      c('1.01', monitoring({ unevenShareThreshold: 1.01 })),
    ],
    [c('1', monitoring({ unevenShareThreshold: 1 }))],
  ),
  G3: cases(
    [
      c(
        'alert after 59 s',
        monitoring({ alertAfter: Duration.seconds(59) }),
        /allowed: 60s\.\.86400s/,
      ),
      c('negative rate', monitoring({ minRequestRate: -1 })),
    ],
    [
      c('60 s and a day', monitoring({ alertAfter: Duration.seconds(60) })),
      c('a day', monitoring({ alertAfter: Duration.days(1), minRequestRate: 0 })),
    ],
  ),
  G4: cases(
    [
      c(
        'no channel (warning)',
        monitoring({ notificationChannels: undefined }),
        /pass notificationChannels/,
      ),
    ],
    [c('a channel', monitoring())],
  ),
  K1: cases(
    [
      c('0 s', pool({ sessionAffinityTimeout: Duration.seconds(0) }), /allowed: 1s\.\.86400s/),
      c('86401 s', pool({ sessionAffinityTimeout: Duration.seconds(86_401) }), /is out of range/),
    ],
    [
      c('1 s', pool({ sessionAffinityTimeout: Duration.seconds(1) })),
      c('a day', pool({ sessionAffinityTimeout: Duration.days(1) })),
    ],
  ),
  K2: cases(
    [
      c(
        '0 replicas (warning)',
        pool({ replicas: 0 }),
        /runs no guacd pod.*keep 0 while the pool is parked/,
      ),
      c('1.5 replicas', pool({ replicas: 1.5 }), /replicas 1\.5 is not a whole number.*e\.g\. 3/),
      c('-1 replicas', pool({ replicas: -1 }), /is out of range/),
      c(
        '2^31 replicas (above the int32 of spec.replicas)',
        pool({ replicas: 2_147_483_648 }),
        /replicas 2147483648 is out of range \(allowed: a whole number in 0\.\.2147483647\)/,
      ),
      c(
        'users needing more pods than an int32',
        pool({ concurrentUsers: Number.MAX_SAFE_INTEGER, usersPerPod: 1 }),
        /concurrentUsers 9007199254740991 needs more pods at 1 user per pod than a StatefulSet can have.*raise usersPerPod/,
      ),
      c('both', pool({ replicas: 2, concurrentUsers: 40 }), /keep one of them/),
      c('usersPerPod 0', pool({ concurrentUsers: 10, usersPerPod: 0 }), /use e\.g\. 20/),
      c(
        'usersPerPod NaN',
        pool({ concurrentUsers: 10, usersPerPod: NaN }),
        /must be a finite number/,
      ),
    ],
    [
      c('1 and 1000', pool({ replicas: 1000 })),
      c('1 replica', pool({ replicas: 1 })),
      c(
        'two million users, a million per pod (no cap on users)',
        pool({ concurrentUsers: 2_000_000, usersPerPod: 1_000_000 }),
      ),
    ],
  ),
  K3: cases(
    [
      c(
        '53 characters',
        pool({ name: 'g'.repeat(53) }),
        /controller-revision-hash.*fix: set name to e\.g\. "g{52}"/,
      ),
    ],
    [c('52 characters, 1000 replicas', pool({ name: 'g'.repeat(52), replicas: 1000 }))],
  ),
  K4: cases(
    [
      c(
        'drain of 8 days (a warning: Kubernetes sets no upper bound)',
        drain(8 * 86_400, { replicas: 1 }),
        /makes a rollout of 1 pods take up to/,
      ),
      c('fractional drain', drain(1.5), /draining\.timeout 1\.5s is not a whole number of seconds/),
      c(
        'poll 0',
        pool({
          draining: DrainingPolicy.withOptions({
            timeout: Duration.minutes(5),
            pollInterval: Duration.seconds(0),
          }),
        }),
        /draining\.pollInterval 0s/,
      ),
      c(
        'margin 0',
        pool({
          draining: DrainingPolicy.withOptions({
            timeout: Duration.minutes(5),
            shutdownMargin: Duration.seconds(0),
          }),
        }),
        /outlasts the drain wait/,
      ),
      c(
        'drain 0 (warning)',
        drain(0),
        /cuts every open remote-desktop session.*DrainingPolicy\.of\(Duration\.minutes\(30\)\)/,
      ),
      c(
        'rollout over 8 hours (warning)',
        drain(3600, { replicas: 10 }),
        /10 × 3615s = 10\.0 hours.*Duration\.seconds\(2865\)/,
      ),
      c('no wait (warning)', pool({ waitForRollout: false }), /return before pods are replaced/),
    ],
    [
      c('rollout of exactly 8 hours', drain(2865, { replicas: 10 })),
      c(
        'drain 1 s, margin 2 hours, poll 10 minutes (above the old caps: Kubernetes has none)',
        pool({
          draining: DrainingPolicy.withOptions({
            timeout: Duration.seconds(1),
            shutdownMargin: Duration.hours(2),
            pollInterval: Duration.minutes(10),
          }),
        }),
      ),
      c(
        'drain 1 s, margin 1 s, poll 300 s',
        pool({
          draining: DrainingPolicy.withOptions({
            timeout: Duration.seconds(1),
            shutdownMargin: Duration.seconds(1),
            pollInterval: Duration.seconds(300),
          }),
        }),
      ),
    ],
  ),
  K5: cases(
    [
      c(
        '512MB',
        pool({ resources: { memoryLimit: '512MB' } }),
        /"512MB" is not a Kubernetes quantity.*512Mi/,
      ),
      c(
        'cpu request above limit',
        pool({ resources: { cpuRequest: '2', cpuLimit: '1500m' } }),
        /resources\.cpuRequest "2" is above the cpu limit; .*\(allowed: at most the limit, "1500m"\); fix: lower resources\.cpuRequest to the limit or less/,
      ),
      c(
        'memory request above limit',
        pool({ resources: { memoryRequest: '1Gi', memoryLimit: '1G' } }),
        /above the memory limit/,
      ),
    ],
    [
      c(
        'request = limit',
        pool({
          resources: {
            cpuRequest: '500m',
            cpuLimit: '0.5',
            memoryRequest: '1Gi',
            memoryLimit: '1024Mi',
          },
        }),
      ),
      c(
        'exponent and decimal SI',
        pool({ resources: { memoryRequest: '1e9', memoryLimit: '1G', cpuRequest: '.1' } }),
      ),
    ],
  ),
  K6: cases(
    [
      c('port 65536', pool({ remoteDesktopPorts: [65536] }), /use TCP ports 1\.\.65535/),
      c('root', pool({ runAsUser: 0 }), /non-root uid/),
    ],
    [c('ports 1 and 65535', pool({ remoteDesktopPorts: [1, 65535], runAsUser: 1 }))],
  ),
  K7: cases(
    [
      c('empty image', pool({ image: '' }), /image "" is empty.*guacamole\/guacd:1\.6\.0/),
      c(
        'uppercase repository',
        pool({ image: 'Guacamole/guacd:1.6.0' }),
        /repository names are lowercase.*"guacamole\/guacd:1\.6\.0"/,
      ),
      c(
        'uppercase repository, every letter',
        pool({ image: 'GUACAMOLE/guacd:1.6.0' }),
        /repository names are lowercase.*"guacamole\/guacd:1\.6\.0"/,
      ),
      c('space', pool({ image: 'guacamole/guacd 1.6.0' }), /is not a container image reference/),
      c(
        'short digest',
        pool({ image: 'guacamole/guacd@sha256:abc' }),
        /is not a container image reference/,
      ),
      c(
        'latest (warning)',
        pool({ image: 'guacamole/guacd:latest' }),
        /is not pinned.*"guacamole\/guacd:1\.6\.0"/,
      ),
      c('untagged (warning)', pool({ image: 'guacamole/guacd' }), /is not pinned/),
      c(
        'sha256 digest of 63 hex digits',
        pool({ image: `guacamole/guacd@sha256:${'a'.repeat(63)}` }),
        /has a sha256 digest of 63 hex digits; sha256 has exactly 64.*allowed: a digest sha256:<64 hex>/,
      ),
      c(
        'sha256 digest of 65 hex digits',
        pool({ image: `guacamole/guacd:1.6.0@sha256:${'a'.repeat(65)}` }),
        /sha256 digest of 65 hex digits/,
      ),
      c(
        'sha512 digest of 64 hex digits',
        pool({ image: `guacamole/guacd@sha512:${'a'.repeat(64)}` }),
        /sha512 has exactly 128/,
      ),
      c(
        'upper-case hex',
        pool({ image: `guacamole/guacd@sha256:${'A'.repeat(64)}` }),
        /upper-case hex/,
      ),
      c(
        'upper-case hex first',
        pool({ image: `guacamole/guacd@sha256:A${'a'.repeat(63)}` }),
        /upper-case hex/,
      ),
      c(
        'upper-case hex last',
        pool({ image: `guacamole/guacd@sha256:${'a'.repeat(63)}A` }),
        /upper-case hex/,
      ),
      c(
        'unsupported algorithm',
        pool({ image: `guacamole/guacd@md5:${'a'.repeat(32)}` }),
        /algorithm "md5", which container runtimes do not support/,
      ),
      c(
        'name of 256 characters',
        pool({ image: `registry.example.com/${'g'.repeat(235)}:1.6.0` }),
        /has a name of 256 characters/,
      ),
      c(
        'web tier image with a short digest',
        webTier({ image: `guacamole/guacamole@sha256:${'b'.repeat(40)}` }),
      ),
    ],
    [
      c(
        'registry with port and digest',
        pool({ image: `registry.example.com:5000/guacamole/guacd@sha256:${'a'.repeat(64)}` }),
      ),
      c('localhost with tag', pool({ image: 'localhost/guacd:1.6.0' })),
      c('sha512 digest', pool({ image: `guacamole/guacd@sha512:${'f'.repeat(128)}` })),
      c('sha384 digest', pool({ image: `guacamole/guacd:1.6.0@sha384:${'0'.repeat(96)}` })),
      c(
        'name of 255 characters with a long tag and digest (the limit is on the name)',
        pool({
          image: `registry.example.com/${'g'.repeat(234)}:${'t'.repeat(128)}@sha256:${'a'.repeat(64)}`,
        }),
      ),
    ],
  ),
  K8: cases(
    [
      c('empty selector', pool({ webPodSelector: {} }), /app\.kubernetes\.io\/name': 'guacamole'/),
      c(
        "restrictWebPodsTo without the pool's selector",
        (st) => pool()(st).restrictWebPodsTo({ app: 'other' }),
        /lacks the pool's webPodSelector/,
      ),
    ],
    [c('selector', pool())],
  ),
  K9: cases(
    [
      c(
        'octet 256',
        pool({ remoteDesktopCidrs: ['10.0.0.256/32'] }),
        /octets 0\.\.255 and a prefix length 0\.\.32/,
      ),
      c(
        'prefix 33',
        pool({ remoteDesktopCidrs: ['10.0.0.0/33'] }),
        /"10\.0\.0\.0\/33" is not a CIDR/,
      ),
      c('IPv6 prefix 129', pool({ remoteDesktopCidrs: ['fd00::/129'] }), /fd00::\/8/),
      c('not an address', pool({ remoteDesktopCidrs: ['fd00::g/64'] }), /is not a CIDR/),
      c('no targets (warning)', pool({ remoteDesktopCidrs: [] }), /cannot open any remote desktop/),
    ],
    [
      c(
        'octet 255, prefix 32 and 0',
        pool({ remoteDesktopCidrs: ['255.255.255.255/32', '0.0.0.0/0'] }),
      ),
      c(
        'IPv6, prefix 0 and 128',
        pool({ remoteDesktopCidrs: ['fd00::/8', '::/0', '2001:db8::1/128'] }),
      ),
    ],
  ),
  K10: cases(
    [
      c(
        'space in value',
        pool({ webPodSelector: { app: 'guac web' } }),
        /webPodSelector\["app"\] "guac web" is not a Kubernetes label value.*"guac-web"/,
      ),
      c(
        '64-character name part',
        pool({ webPodSelector: { ['a'.repeat(64)]: 'x' } }),
        /is, as a key, not a Kubernetes label key/,
      ),
      c(
        'uppercase prefix',
        pool({ webPodSelector: { 'Example.com/app': 'x' } }),
        /"example\.com\/app"/,
      ),
      c(
        'two slashes',
        pool({ webPodSelector: { 'a/b/c': 'x' } }),
        /is, as a key, not a Kubernetes label key/,
      ),
      c(
        '64-character value',
        pool({ webPodSelector: { app: 'v'.repeat(64) } }),
        /is not a Kubernetes label value/,
      ),
    ],
    [
      c(
        'empty value, prefix, 63 characters',
        pool({
          webPodSelector: { 'app.kubernetes.io/name': '', ['k'.repeat(63)]: 'v'.repeat(63) },
        }),
      ),
      c('dots and underscores', pool({ webPodSelector: { 'my_key.x': 'A_b.c-1' } })),
    ],
  ),
  T4: cases(
    [
      c(
        'L1 backend service without draining',
        l1Service(),
        /connection_draining_timeout_sec not set.*hidden default \(300 s\)/,
      ),
    ],
    [
      c('draining set', l1Service({ connectionDrainingTimeoutSec: 60 })),
      c('AffinityBackendService always sets it', svc()),
    ],
  ),
  X1: cases(
    [
      c(
        'probe port open to 0.0.0.0/0',
        l1Firewall(['0.0.0.0/0']),
        /opens the load balancer's backend port 443 to the whole internet.*allowed: Google's probe/,
      ),
      c('open to ::/0 as well', l1Firewall(['35.191.0.0/16', '130.211.0.0/22', '::/0'])),
    ],
    [
      c('probe ranges only', l1Firewall(['35.191.0.0/16', '130.211.0.0/22'])),
      c(
        'the serving port of an external passthrough NLB, which keeps client addresses',
        l1Firewall(['0.0.0.0/0'], 'passthrough'),
      ),
      c('a health check no load balancer uses (autohealing)', l1Firewall(['0.0.0.0/0'], 'none')),
    ],
  ),
  X2: cases(
    [
      c('no SSL policy', l1Https(), /ssl_policy not set .*TLS 1\.0/),
      c(
        'TLS 1.0',
        l1Https({ profile: 'MODERN', minTlsVersion: 'TLS_1_0' }),
        /min_tls_version TLS_1_0/,
      ),
      c(
        'TLS 1.3, which the pinned provider does not accept',
        l1Https({ profile: 'RESTRICTED', minTlsVersion: 'TLS_1_3' }),
        /min_tls_version TLS_1_3 is not accepted by the pinned provider hashicorp\/google 6\.50\.0.*allowed: TLS_1_0, TLS_1_1, TLS_1_2/,
      ),
      c(
        'a profile outside the provider enum',
        l1Https({ profile: 'STRICT', minTlsVersion: 'TLS_1_2' }),
        /profile STRICT is not accepted by the pinned provider/,
      ),
      c(
        'COMPATIBLE profile',
        l1Https({ profile: 'COMPATIBLE', minTlsVersion: 'TLS_1_2' }),
        /profile COMPATIBLE/,
      ),
      c(
        'GlobalHttpsFrontend given a COMPATIBLE profile from JavaScript',
        (s) =>
          new GlobalHttpsFrontend(s, 'fe', {
            name: 'fe',
            defaultService: new AffinityBackendService(s, 'svc', base),
            managedCertificateDomains: ['app.example.com'],
            sslProfile: untyped('COMPATIBLE'),
          }),
        /sslProfile COMPATIBLE .*fix: use SslProfile.MODERN or SslProfile.RESTRICTED/,
      ),
    ],
    [
      c('MODERN, TLS 1.2', l1Https({ profile: 'MODERN', minTlsVersion: 'TLS_1_2' })),
      c('RESTRICTED, TLS 1.2', l1Https({ profile: 'RESTRICTED', minTlsVersion: 'TLS_1_2' })),
    ],
  ),
  X3: cases(
    [
      c(
        'port 80 serves the application',
        l1Port80(false),
        /port_range 80 serves plain HTTP through a URL map that serves content/,
      ),
    ],
    [c('port 80 redirects to HTTPS', l1Port80(true))],
  ),
  X4: cases(
    [
      c(
        'runs as root',
        l1Guacd({ ...restricted, runAsUser: '0' }),
        /run_as_user 0 lets the container run as root/,
      ),
      c(
        'writable root filesystem',
        l1Guacd({ ...restricted, readOnlyRootFilesystem: false }),
        /read_only_root_filesystem false/,
      ),
      c('privilege escalation', l1Guacd({ ...restricted, allowPrivilegeEscalation: true })),
      c(
        'capabilities kept',
        l1Guacd({ ...restricted, capabilities: { drop: ['NET_RAW'] } }),
        /capabilities.drop \[NET_RAW\]/,
      ),
      c(
        'no seccomp profile',
        l1Guacd({ ...restricted, seccompProfile: undefined }),
        /seccomp_profile not set/,
      ),
      c('privileged', l1Guacd({ ...restricted, privileged: true }), /privileged true/),
    ],
    [c('restricted', l1Guacd(restricted)), c('GuacdStatefulPool renders it restricted', pool())],
  ),
  X5: cases(
    [
      c(
        'no NetworkPolicy',
        l1Guacd(restricted, 'none'),
        /labels \{"app":"guacd"\} select pods in guacamole that no Ingress NetworkPolicy selects/,
      ),
      c('a policy that admits every source', l1Guacd(restricted, 'open'), /admits every source/),
    ],
    [c('only the web pods', l1Guacd(restricted, 'web'))],
  ),
  W1: cases(
    [
      c(
        'HTTP_COOKIE in a BackendConfig',
        webTier({
          sessionAffinity: SessionAffinity.httpCookie({ name: 'GUAC', ttl: Duration.hours(1) }),
        }),
        /sessionAffinity HTTP_COOKIE cannot be expressed in a BackendConfig \(it has no field for the cookie name\).*allowed: NONE, CLIENT_IP, GENERATED_COOKIE/,
      ),
      c(
        'HEADER_FIELD in a GCPBackendPolicy',
        gateway({ sessionAffinity: SessionAffinity.header('X-User') }),
        /cannot be expressed in a GCPBackendPolicy \(it has no field for the header name\)/,
      ),
      c(
        'STRONG_COOKIE_AFFINITY in a GCPBackendPolicy',
        gateway({
          sessionAffinity: SessionAffinity.strongCookie({ name: 'GUAC', ttl: Duration.hours(1) }),
        }),
      ),
    ],
    [
      c('GENERATED_COOKIE', webTier()),
      c('NONE with one replica', gateway({ sessionAffinity: SessionAffinity.none(), replicas: 1 })),
    ],
  ),
  W2: cases(
    [
      c(
        'BackendConfig TTL one second above a day',
        webTier({
          sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.seconds(86_401) }),
        }),
        /sessionAffinity.ttl 86401s is above what a BackendConfig accepts.*allowed: 0..86400s/,
      ),
    ],
    [
      c(
        'BackendConfig TTL of exactly a day',
        webTier({
          sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.seconds(86_400) }),
        }),
      ),
      c(
        'GCPBackendPolicy TTL of a week',
        gateway({ sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.days(7) }) }),
      ),
    ],
  ),
  W3: cases(
    [
      c(
        'backend timeout shorter than the drain',
        webTier({ backendTimeout: Duration.minutes(10) }),
        /backendTimeout 10 minutes \(600s\) is shorter than the pods' drain \(30 minutes \(1800s\)\)/,
      ),
      c(
        'the GKE default 30 s',
        webTier({
          backendTimeout: Duration.seconds(30),
          draining: DrainingPolicy.of(Duration.seconds(20)),
        }),
        /cuts every Guacamole tunnel \(a WebSocket\)/,
      ),
    ],
    [c('one hour with a 30-minute drain', webTier({ backendTimeout: Duration.hours(1) }))],
  ),
  W4: cases(
    [
      c(
        'CLIENT_IP on the web tier',
        webTier({ sessionAffinity: SessionAffinity.clientIp() }),
        /every user behind one NAT/,
      ),
    ],
    [c('generated cookie', webTier())],
  ),
  W5: cases(
    [
      c(
        'one replica with affinity',
        webTier({ replicas: 1 }),
        /makes GENERATED_COOKIE affinity moot/,
      ),
      c('negative replicas', webTier({ replicas: -1 })),
      c(
        '2^31 replicas (above the int32 of spec.replicas)',
        webTier({ replicas: 2_147_483_648 }),
        /replicas 2147483648 is out of range \(allowed: a whole number in 0\.\.2147483647\)/,
      ),
      c('fractional replicas', webTier({ replicas: 1.5 })),
    ],
    [
      c('two replicas', webTier({ replicas: 2 })),
      c('1001 replicas (no cap below the int32)', webTier({ replicas: 1001 })),
      c('2^31 - 1 replicas', webTier({ replicas: 2_147_483_647 })),
      c(
        'one replica without affinity',
        webTier({ replicas: 1, sessionAffinity: SessionAffinity.none() }),
      ),
    ],
  ),
  W6: cases(
    [
      c(
        'load balancer drains less than the pod',
        webTier({ loadBalancerDraining: DrainingPolicy.of(Duration.minutes(5)) }),
        /loadBalancerDraining 5 minutes \(300s\) is shorter than the pods' drain \(30 minutes \(1800s\)\)/,
      ),
      c(
        'a pod drain above the hour a load balancer can drain',
        webTier({
          draining: DrainingPolicy.of(Duration.hours(2)),
          backendTimeout: Duration.hours(3),
        }),
        /draining 2 hours \(7200s\) is longer than a GKE load balancer can drain \(loadBalancerDraining defaults to its most, 3600s\)/,
      ),
    ],
    [
      c(
        "the default: the pods' drain",
        webTier({ draining: DrainingPolicy.of(Duration.minutes(40)) }),
      ),
    ],
  ),
  W7: cases(
    [
      c(
        'another namespace',
        webTier({ namespace: 'web' }),
        /namespace web is not the namespace the guacd pool admits \(guacamole\)/,
      ),
      c(
        'GUACD_HOSTNAME overridden',
        webTier({ environment: { GUACD_HOSTNAME: 'x' } }),
        /would override the guacd address/,
      ),
    ],
    [
      c('same namespace', webTier()),
      c(
        'web namespace admitted by the pool',
        webTier({ namespace: 'web' }, { webNamespace: 'web' }),
      ),
    ],
  ),
  W8: cases(
    [
      c(
        'Gateway without a name',
        webTier({ frontend: GkeFrontend.GATEWAY }),
        /gatewayName \(missing\) is required with frontend GATEWAY/,
      ),
      c('gatewayName with an Ingress', webTier({ gatewayName: 'gw' })),
      c(
        'gatewayNamespace with an Ingress',
        webTier({ gatewayNamespace: 'infra' }),
        /gatewayNamespace infra is set with frontend Ingress, which has no use for it.*allowed: gatewayNamespace only with frontend Gateway/,
      ),
      c(
        'staticIpName with a Gateway',
        gateway({ staticIpName: 'web-ip' }),
        /staticIpName web-ip is set with frontend Gateway.*fix: remove staticIpName, or use frontend: GkeFrontend.INGRESS/,
      ),
      c(
        'a health-check host header GKE cannot carry',
        webTier({ healthCheck: HealthCheck.http({ port: 8080, host: 'desktop.example.com' }) }),
        /healthCheck.host "desktop.example.com" has no field in a BackendConfig.*fix: remove host from the HealthCheck/,
      ),
      c(
        'health-check logging in a BackendConfig',
        webTier({ healthCheck: HealthCheck.http({ port: 8080, logging: true }) }),
        /healthCheck.logging true has no field in a BackendConfig/,
      ),
      c(
        'a health-check description in a HealthCheckPolicy',
        gateway({ healthCheck: HealthCheck.http({ port: 8080, description: 'web' }) }),
        /healthCheck.description "web" has no field in a HealthCheckPolicy.*allowed: port, requestPath, host, response, logging/,
      ),
    ],
    [
      c('Gateway named', gateway()),
      c(
        'host, response and logging in a HealthCheckPolicy (it carries them)',
        gateway({
          healthCheck: HealthCheck.http({
            port: 8080,
            requestPath: '/guacamole/',
            host: 'desktop.example.com',
            response: 'Guacamole',
            logging: true,
          }),
        }),
      ),
    ],
  ),
  W9: cases(
    [
      c(
        'a TCP health check in a BackendConfig',
        webTier({ healthCheck: HealthCheck.tcp({ port: 8080 }) }),
        /healthCheck "TCP" is not a type ingress-gce can configure from a BackendConfig.*allowed: HTTP, HTTPS, HTTP2/,
      ),
      c(
        'a HealthCheckPolicy host with upper case',
        gateway({ healthCheck: HealthCheck.http({ port: 8080, host: 'Desktop.example.com' }) }),
        /healthCheck.host "Desktop.example.com" is not a host name a HealthCheckPolicy accepts.*"desktop.example.com"/,
      ),
      c(
        'a HealthCheckPolicy host with a port',
        gateway({
          healthCheck: HealthCheck.https({ port: 8443, host: 'desktop.example.com:8443' }),
        }),
      ),
      c(
        'a HealthCheckPolicy request path ending in a space-free but unlisted character',
        gateway({ healthCheck: HealthCheck.http({ port: 8080, requestPath: '/guacamole/<x>' }) }),
        /healthCheck.requestPath "\/guacamole\/<x>" does not match the request-path pattern/,
      ),
    ],
    [
      c('HTTPS in a BackendConfig', webTier({ healthCheck: HealthCheck.https({ port: 8443 }) })),
      c('TCP in a HealthCheckPolicy', gateway({ healthCheck: HealthCheck.tcp({ port: 8080 }) })),
      c(
        'a HealthCheckPolicy host of one label',
        gateway({ healthCheck: HealthCheck.http({ port: 8080, host: 'guacamole' }) }),
      ),
    ],
  ),
  W10: cases(
    [
      c(
        'Ingress host with upper case',
        webTier({ host: 'Desktop.example.com' }),
        /host "Desktop.example.com" is not an Ingress rule host the API server accepts.*fix: use host: "desktop.example.com"/,
      ),
      c('Ingress host with a trailing dot', webTier({ host: 'desktop.example.com.' })),
      c('Ingress host with a port', webTier({ host: 'desktop.example.com:443' })),
      c(
        'Ingress host that is an IPv4 address',
        webTier({ host: '203.0.113.10' }),
        /is an IP address; the API server refuses it/,
      ),
      c('Ingress host that is IPv4 with leading zeros', webTier({ host: '010.0.0.1' })),
      c('Ingress wildcard in the middle', webTier({ host: 'desktop.*.example.com' })),
      c('Ingress bare wildcard', webTier({ host: '*' })),
      c(
        'Ingress host of 254 characters',
        webTier({ host: `${'a'.repeat(63)}.`.repeat(3) + 'a'.repeat(62) }),
      ),
      c(
        'HTTPRoute hostname with an underscore',
        gateway({ host: 'desk_top.example.com' }),
        /is not an HTTPRoute hostname the Gateway API schema accepts/,
      ),
      c(
        'HTTPRoute hostname that is an IPv4 address (warning)',
        gateway({ host: '203.0.113.10' }),
        /the Gateway API says hostnames are never IPs/,
      ),
    ],
    [
      c('Ingress host', webTier({ host: 'desktop.example.com' })),
      c('Ingress wildcard host', webTier({ host: '*.example.com' })),
      c(
        'Ingress host of 253 characters',
        webTier({ host: `${'a'.repeat(63)}.`.repeat(3) + 'a'.repeat(61) }),
      ),
      c('Ingress host with a leading digit', webTier({ host: '1desk.example.com' })),
      c('HTTPRoute wildcard hostname', gateway({ host: '*.example.com' })),
      c('HTTPRoute single-label hostname', gateway({ host: 'guacamole' })),
    ],
  ),
  A1: cases(
    [
      c(
        'unknown rule id',
        (s) => AffinityChecks.suppress(s, [{ id: 'S99', reason: 'x' }]),
        /"S99" is not a rule of the registry/,
      ),
      c(
        'empty reason',
        (s) => AffinityChecks.suppress(s, [{ id: 'T4', reason: '' }]),
        /is empty for rule T4/,
      ),
      c(
        'a letter for a digit (XI)',
        (s) => AffinityChecks.suppress(s, [{ id: 'XI', reason: 'x' }]),
        /"XI" is not a rule .*fix: did you mean X1\? use id: 'X1'/,
      ),
      c(
        'lower case (x1)',
        (s) => AffinityChecks.suppress(s, [{ id: 'x1', reason: 'x' }]),
        /"x1" is not a rule .*fix: did you mean X1\?/,
      ),
    ],
    [
      c('registered rule with a reason', (s) =>
        AffinityChecks.suppress(s, [{ id: 'T4', reason: 'set by policy' }]),
      ),
    ],
  ),
};
