/**
 * Round trips of the frontend and firewall models (lib/terraform/google): what a model renders,
 * synthesized by cdktf, reads back through the same model into the spec it was rendered from,
 * in every field the spec carries. Two levels, property-based (fast-check, fixed seed):
 * - model: a generated spec → `render…` → the provider's L1 class → synth → `read…`;
 * - construct: generated props → the construct → synth → `read…` = the spec the props mean.
 * A field that render writes under another name, or that read defaults differently, fails them.
 */
import * as fc from 'fast-check';
import { TerraformStack, Testing } from 'cdktf';
import { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeForwardingRule } from '@cdktf/provider-google/lib/compute-forwarding-rule';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { ComputeRegionSslPolicy } from '@cdktf/provider-google/lib/compute-region-ssl-policy';
import { ComputeRegionTargetHttpProxy } from '@cdktf/provider-google/lib/compute-region-target-http-proxy';
import { ComputeRegionTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-region-target-https-proxy';
import { ComputeRegionUrlMap } from '@cdktf/provider-google/lib/compute-region-url-map';
import { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ComputeTargetHttpProxy } from '@cdktf/provider-google/lib/compute-target-http-proxy';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map';
import {
  AffinityBackendService,
  BackendProtocol,
  BalancingMode,
  GlobalHttpsFrontend,
  HealthCheck,
  HostRule,
  InstanceGroup,
  InternalPassthroughFrontend,
  LoadBalancerFirewall,
  LoadBalancingScheme,
  ProxyOnlySubnet,
  ProxyOnlySubnetPurpose,
  RegionalInternalHttpsFrontend,
  SessionAffinity,
  SslProfile,
} from '../lib';
import { FirewallSpec, PROBE_RANGES } from '../lib/gcp/firewall-rules';
import { networkName } from '../lib/gcp/traffic-path-rules';
import {
  AddressSpec,
  addressSpec,
  readAddress,
  renderAddress,
} from '../lib/terraform/google/address';
import { readFirewall, renderFirewall } from '../lib/terraform/google/firewall';
import {
  ForwardingRuleSpec,
  forwardingRuleSpec,
  readForwardingRule,
  renderForwardingRule,
  renderGlobalForwardingRule,
} from '../lib/terraform/google/forwarding-rule';
import { readSslPolicy, renderSslPolicy } from '../lib/terraform/google/ssl-policy';
import { readSubnetwork, renderSubnetwork } from '../lib/terraform/google/subnetwork';
import {
  TargetProxySpec,
  readTargetProxy,
  renderTargetProxy,
  targetProxyType,
} from '../lib/terraform/google/target-proxy';
import { UrlMapSpec, readUrlMap, renderUrlMap } from '../lib/terraform/google/url-map';
import { TfResource, resourcesFromSynth } from '../lib/terraform/resource';
import { gcpStack } from './helpers';

const RUNS = 50;
const SEED = 20261130;
const check = <T>(arb: fc.Arbitrary<T>, property: (t: T) => void) =>
  fc.assert(fc.property(arb, property), { numRuns: RUNS, seed: SEED });

/** The stack's resources as the Aspect and lint read them (no validations: render only). */
function synthesized(stack: TerraformStack): TfResource[] {
  return resourcesFromSynth('test', JSON.parse(Testing.synth(stack)));
}
const ofType = (rs: TfResource[], type: string) => rs.filter((r) => r.type === type);
const one = (rs: TfResource[], type: string): TfResource => {
  const found = ofType(rs, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
};
/** Forwarding rules, 443 first (synth orders them by logical id). */
const byPort = <T extends { portRange?: string }>(rules: T[]): T[] =>
  [...rules].sort((a, b) => Number(b.portRange) - Number(a.portRange));
/** The fields of `read` that `spec` carries. */
const carried = <T extends object>(read: T, spec: object): Partial<T> =>
  Object.fromEntries(Object.keys(spec).map((k) => [k, (read as any)[k]])) as Partial<T>;

// ---- values -------------------------------------------------------------------------------
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const region = fc.constantFrom('europe-west4', 'us-central1', 'asia-east1');
const network = fc.constantFrom('default', 'vpc', 'projects/p/global/networks/shared');
const subnetwork = fc.constantFrom('apps', 'projects/p/regions/europe-west4/subnetworks/apps');
const port = fc.integer({ min: 1, max: 65535 });
const cidr = fc
  .tuple(fc.nat(255), fc.nat(255), fc.integer({ min: 8, max: 32 }))
  .map(([a, b, bits]) => `10.${a}.${b}.0/${bits}`);
const tags = fc.uniqueArray(name, { maxLength: 3 });
const service = fc.constantFrom(
  'projects/p/global/backendServices/a',
  '${google_compute_backend_service.b.id}',
  'projects/p/regions/europe-west4/backendServices/c',
);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const portText = fc.oneof(
  port.map(String),
  fc.tuple(port, port).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
);

// ---- model level: spec → render → L1 → synth → read ---------------------------------------
describe('model round trips: render(spec), synthesized, reads back as spec', () => {
  const firewallSpecs: fc.Arbitrary<{ spec: FirewallSpec; net: string }> = fc
    .record({
      net: network,
      disabled: fc.boolean(),
      priority: fc.integer({ min: 0, max: 65535 }),
      sourceRanges: fc.uniqueArray(cidr, { minLength: 1, maxLength: 3 }),
      sourceTags: tags,
      targetTags: tags,
      targetServiceAccounts: fc.uniqueArray(
        name.map((n) => `${n}@p.iam.gserviceaccount.com`),
        { maxLength: 2 },
      ),
      deny: fc.boolean(),
      blocks: fc.array(
        fc.oneof(
          fc.record({
            protocol: fc.constantFrom('tcp', 'udp'),
            ports: fc.uniqueArray(portText, { maxLength: 3 }),
          }),
          fc.record({ protocol: fc.constantFrom('icmp', 'all'), ports: fc.constant([]) }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
      logging: fc.constantFrom(true, undefined),
    })
    .map(({ net, deny, blocks, ...s }) => ({
      net,
      spec: {
        id: 'google_compute_firewall.fw',
        network: networkName(net),
        direction: 'INGRESS',
        sourceServiceAccounts: [],
        allow: deny ? [] : blocks,
        deny: deny ? blocks : [],
        ...s,
      },
    }));

  test(`google_compute_firewall (${RUNS} specs)`, () => {
    check(firewallSpecs, ({ spec, net }) => {
      const stack = gcpStack();
      new ComputeFirewall(stack, 'fw', renderFirewall(spec, { name: 'fw', network: net }));
      const r = one(synthesized(stack), 'google_compute_firewall');
      expect(readFirewall(r.values, r.address)).toEqual(spec);
    });
  });

  const headerMatch = fc.record(
    {
      headerName: fc.constantFrom('X-Personality', 'X-Tenant'),
      exactMatch: optional(name),
      prefixMatch: optional(name),
      presentMatch: optional(fc.boolean()),
      invertMatch: optional(fc.boolean()),
    },
    { requiredKeys: ['headerName'] },
  );
  const pathMatcher = (i: number) =>
    fc.record({
      name: fc.constant(`pm-${i}`),
      defaultService: service,
      pathRules: fc.array(
        fc.record({
          paths: fc.uniqueArray(
            name.map((n) => `/${n}`),
            { minLength: 1 },
          ),
          service,
        }),
        { maxLength: 2 },
      ),
      routeRules: fc.uniqueArray(
        fc.record({
          priority: fc.integer({ min: 0, max: 2147483647 }),
          service,
          prefixMatch: name.map((n) => `/${n}`),
          headerMatches: fc.array(headerMatch, { maxLength: 2 }),
        }),
        { maxLength: 2, selector: (r) => r.priority },
      ),
    });
  const redirect = fc.record({
    httpsRedirect: fc.boolean(),
    redirectResponseCode: fc.constantFrom('MOVED_PERMANENTLY_DEFAULT', 'FOUND', 'SEE_OTHER'),
    stripQuery: fc.boolean(),
    hostRedirect: optional(fc.constant('example.com')),
  });
  const urlMapSpecs: fc.Arbitrary<UrlMapSpec> = fc
    .record({
      regional: fc.boolean(),
      region,
      count: fc.integer({ min: 0, max: 3 }),
      redirectOnly: fc.boolean(),
    })
    .chain(({ regional, region: r, count, redirectOnly }): fc.Arbitrary<UrlMapSpec> =>
      redirectOnly
        ? redirect.map((defaultUrlRedirect) => ({
            regional,
            region: regional ? r : undefined,
            defaultUrlRedirect,
          }))
        : fc
            .tuple(service, ...Array.from({ length: count }, (_, i) => pathMatcher(i)))
            .map(([defaultService, ...pathMatchers]) => ({
              regional,
              region: regional ? r : undefined,
              defaultService,
              hostRules: pathMatchers.map((pm, i) => ({
                hosts: [`h${i}.example.com`],
                pathMatcher: pm.name,
              })),
              pathMatchers,
            })),
    );

  test(`google_compute_url_map and google_compute_region_url_map (${RUNS} specs)`, () => {
    check(urlMapSpecs, (spec) => {
      const stack = gcpStack();
      const config = renderUrlMap(spec, { name: 'map' });
      if (spec.regional) new ComputeRegionUrlMap(stack, 'map', config);
      else new ComputeUrlMap(stack, 'map', config);
      const rs = synthesized(stack);
      const type = spec.regional ? 'google_compute_region_url_map' : 'google_compute_url_map';
      const read = readUrlMap(one(rs, type));
      expect(read.spec).toEqual(spec);
      expect(read.regional).toBe(spec.regional);
    });
  });

  test(`target HTTP(S) proxies, global and regional (${RUNS} specs)`, () => {
    const specs = fc.record({
      spec: fc.record({
        kind: fc.constantFrom('https' as const, 'http' as const),
        regional: fc.boolean(),
      }),
      policy: fc.boolean(),
    });
    check(specs, ({ spec, policy }: { spec: TargetProxySpec; policy: boolean }) => {
      const stack = gcpStack();
      const config = renderTargetProxy(spec, {
        name: 'proxy',
        region: 'europe-west4',
        urlMap: 'map',
        sslPolicy: policy ? 'policy' : undefined,
        sslCertificates: ['cert'],
      });
      const L1 =
        spec.kind === 'https'
          ? spec.regional
            ? ComputeRegionTargetHttpsProxy
            : ComputeTargetHttpsProxy
          : spec.regional
            ? ComputeRegionTargetHttpProxy
            : ComputeTargetHttpProxy;
      new L1(stack, 'proxy', config);
      const r = one(synthesized(stack), targetProxyType(spec));
      expect(readTargetProxy(r)).toEqual({
        ...spec,
        next: 'url_map',
        sslPolicyGiven: spec.kind === 'https' && policy,
      });
    });
  });

  const forwardingRuleSpecs: fc.Arbitrary<ForwardingRuleSpec> = fc.oneof(
    fc
      .record({
        region,
        scheme: fc.constantFrom('EXTERNAL', 'INTERNAL', 'EXTERNAL_MANAGED', 'INTERNAL_MANAGED'),
        ipProtocol: optional(fc.constantFrom('TCP', 'UDP', 'L3_DEFAULT')),
        ports: fc.oneof(
          fc.record({ portRange: portText }),
          fc.record({ ports: fc.uniqueArray(port.map(String), { minLength: 1, maxLength: 5 }) }),
          fc.record({ allPorts: fc.constant(true) }),
        ),
        allowGlobalAccess: fc.boolean(),
        network: optional(network),
        subnetwork: optional(subnetwork),
        networkTier: optional(fc.constantFrom('PREMIUM', 'STANDARD')),
      })
      .map(({ ports, ...s }) => forwardingRuleSpec({ regional: true, ...s, ...ports })),
    fc
      .record({
        scheme: fc.constantFrom('EXTERNAL', 'EXTERNAL_MANAGED', 'INTERNAL_MANAGED'),
        ipProtocol: optional(fc.constant('TCP')),
        portRange: fc.constantFrom('443', '80', '8080'),
        network: optional(network),
        subnetwork: optional(subnetwork),
        networkTier: optional(fc.constantFrom('PREMIUM', 'STANDARD')),
      })
      .map((s) => forwardingRuleSpec({ regional: false, ...s })),
  );

  test(`google_compute_forwarding_rule and google_compute_global_forwarding_rule (${RUNS} specs)`, () => {
    check(forwardingRuleSpecs, (spec) => {
      const stack = gcpStack();
      const refs = { name: 'rule', target: 'proxy' };
      if (spec.regional) new ComputeForwardingRule(stack, 'rule', renderForwardingRule(spec, refs));
      else new ComputeGlobalForwardingRule(stack, 'rule', renderGlobalForwardingRule(spec, refs));
      const type = spec.regional
        ? 'google_compute_forwarding_rule'
        : 'google_compute_global_forwarding_rule';
      const read = readForwardingRule(one(synthesized(stack), type));
      expect(carried(read, spec)).toEqual(spec);
      expect(read.hasTarget).toBe(true);
    });
  });

  const addressSpecs: fc.Arbitrary<AddressSpec> = fc.oneof(
    fc
      .record({
        region,
        networkTier: optional(fc.constantFrom('PREMIUM', 'STANDARD')),
        address: optional(fc.constant('203.0.113.7')),
      })
      .map((s) => addressSpec({ regional: true, ...s })),
    fc
      .record({
        region,
        subnetwork,
        address: optional(fc.constant('10.0.0.7')),
        purpose: optional(fc.constantFrom('SHARED_LOADBALANCER_VIP', 'GCE_ENDPOINT')),
      })
      .map((s) => addressSpec({ regional: true, addressType: 'INTERNAL', ...s })),
    fc
      .record({ address: optional(fc.constant('203.0.113.9')) })
      .map((s) => addressSpec({ regional: false, ...s })),
  );

  test(`google_compute_address and google_compute_global_address (${RUNS} specs)`, () => {
    check(addressSpecs, (spec) => {
      const stack = gcpStack();
      const config = renderAddress(spec, { name: 'ip' });
      if (spec.regional) new ComputeAddress(stack, 'ip', config);
      else new ComputeGlobalAddress(stack, 'ip', config);
      const type = spec.regional ? 'google_compute_address' : 'google_compute_global_address';
      expect(readAddress(one(synthesized(stack), type))).toEqual(spec);
    });
  });

  test(`SSL policies, global and regional (${RUNS} specs)`, () => {
    const specs = fc.record({
      region: optional(region),
      profile: optional(fc.constantFrom('COMPATIBLE', 'MODERN', 'RESTRICTED', 'CUSTOM')),
      min_tls_version: optional(fc.constantFrom('TLS_1_0', 'TLS_1_1', 'TLS_1_2')),
      features: fc.subarray(['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'], {
        minLength: 1,
      }),
    });
    check(specs, ({ region: r, features, ...s }) => {
      const spec = { ...s, custom_features: s.profile === 'CUSTOM' ? features : undefined };
      const stack = gcpStack();
      const config = renderSslPolicy(spec, { name: 'policy', region: r });
      if (r === undefined) new ComputeSslPolicy(stack, 'policy', config);
      else new ComputeRegionSslPolicy(stack, 'policy', config);
      const type =
        r === undefined ? 'google_compute_ssl_policy' : 'google_compute_region_ssl_policy';
      expect(readSslPolicy(one(synthesized(stack), type).values)).toEqual(spec);
    });
  });

  test(`google_compute_subnetwork (${RUNS} specs)`, () => {
    const specs = fc
      .record({
        name,
        region: optional(region),
        network,
        ipCidrRange: cidr,
        purpose: fc.constantFrom(
          'PRIVATE',
          'REGIONAL_MANAGED_PROXY',
          'GLOBAL_MANAGED_PROXY',
          'INTERNAL_HTTPS_LOAD_BALANCER',
        ),
        role: fc.constantFrom('ACTIVE', 'BACKUP'),
      })
      .map((s) => ({ ...s, role: s.purpose === 'PRIVATE' ? undefined : s.role }));
    check(specs, (spec) => {
      const stack = gcpStack();
      new ComputeSubnetwork(stack, 'subnet', renderSubnetwork(spec, {}));
      const read = readSubnetwork(one(synthesized(stack), 'google_compute_subnetwork').values);
      expect(carried(read, spec)).toEqual(spec);
      expect(read.proxyOnly !== undefined).toBe(spec.purpose !== 'PRIVATE');
    });
  });
});

// ---- construct level: props → construct → synth → read = the spec the props mean ------------
describe('construct round trips: what a construct renders reads back as its props mean', () => {
  test(`LoadBalancerFirewall: ports, source ranges, target tags, priority, logging (${RUNS} props)`, () => {
    const props = fc.record({
      net: network,
      ports: fc.uniqueArray(port, { minLength: 1, maxLength: 4 }),
      servingPorts: optional(fc.uniqueArray(port, { minLength: 1, maxLength: 2 })),
      targetTags: optional(fc.uniqueArray(name, { minLength: 1, maxLength: 3 })),
      priority: optional(fc.integer({ min: 0, max: 65535 })),
      logging: optional(fc.boolean()),
      clientRanges: optional(fc.uniqueArray(cidr, { minLength: 1, maxLength: 2 })),
      proxies: fc.boolean(),
    });
    check(props, ({ net, proxies, ...p }) => {
      const stack = gcpStack();
      const subnet = proxies
        ? [
            new ProxyOnlySubnet(stack, 'proxy', {
              name: 'proxy',
              region: 'europe-west4',
              network: net,
              ipCidrRange: '10.129.0.0/23',
            }),
          ]
        : undefined;
      new LoadBalancerFirewall(stack, 'fw', {
        name: 'allow-lb',
        network: net,
        ...p,
        proxyOnlySubnets: subnet,
      });
      const byName = new Map(
        ofType(synthesized(stack), 'google_compute_firewall').map((r) => [r.values.name, r]),
      );
      const sorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b).map(String);
      const expected = (sourceRanges: readonly string[], ports: number[]) => ({
        network: networkName(net),
        direction: 'INGRESS',
        disabled: false,
        priority: p.priority ?? 1000,
        sourceRanges,
        sourceTags: [],
        sourceServiceAccounts: [],
        targetTags: p.targetTags ?? [],
        targetServiceAccounts: [],
        allow: [{ protocol: 'tcp', ports: sorted(ports) }],
        deny: [],
        logging: p.logging || undefined,
      });
      const serving = p.servingPorts ?? p.ports;
      const want: [string, object][] = [['allow-lb', expected(PROBE_RANGES, p.ports)]];
      if (proxies) want.push(['allow-lb-proxies', expected(['10.129.0.0/23'], serving)]);
      if (p.clientRanges) want.push(['allow-lb-clients', expected(p.clientRanges, serving)]);
      expect([...byName.keys()].sort()).toEqual(want.map(([n]) => n).sort());
      for (const [n, spec] of want) {
        const r = byName.get(n)!;
        expect(readFirewall(r.values, r.address)).toEqual({ id: r.address, ...spec });
      }
    });
  });

  test(`ProxyOnlySubnet: purpose, role, range, region, network (${RUNS} props)`, () => {
    const props = fc.record({
      name,
      region,
      network,
      ipCidrRange: fc
        .tuple(fc.nat(255), fc.integer({ min: 8, max: 26 }))
        .map(([a, bits]) => `10.${a}.0.0/${bits}`),
      purpose: optional(
        fc.constantFrom(
          ProxyOnlySubnetPurpose.REGIONAL_MANAGED_PROXY,
          ProxyOnlySubnetPurpose.GLOBAL_MANAGED_PROXY,
        ),
      ),
    });
    check(props, (p) => {
      const stack = gcpStack();
      new ProxyOnlySubnet(stack, 'proxy', p);
      const read = readSubnetwork(one(synthesized(stack), 'google_compute_subnetwork').values);
      const purpose = p.purpose ?? ProxyOnlySubnetPurpose.REGIONAL_MANAGED_PROXY;
      expect(read).toEqual({
        name: p.name,
        region: p.region,
        network: p.network,
        ipCidrRange: p.ipCidrRange,
        purpose,
        role: 'ACTIVE',
        proxyOnly: purpose === 'GLOBAL_MANAGED_PROXY' ? 'cross-region' : 'regional',
      });
    });
  });

  const globalService = (stack: TerraformStack, id: string) =>
    new AffinityBackendService(stack, id, {
      name: id,
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
      protocol: BackendProtocol.HTTPS,
      healthCheck: HealthCheck.https({ port: 9443 }),
      backends: [
        {
          group: InstanceGroup.fromUrl('ig', { name: 'ig', zone: 'us-west1-a' }),
          balancingMode: BalancingMode.RATE,
          maxRatePerInstance: 1,
        },
      ],
    });
  /** Host rules over services `s0`..`s2` (path rules or route rules, as U1-U3 accept). */
  const hostRules = fc.array(
    fc.record({
      service: fc.nat(2),
      paths: fc.option(
        fc.uniqueArray(
          name.map((n) => `/${n}`),
          { minLength: 1, maxLength: 2 },
        ),
      ),
      routes: fc.uniqueArray(
        fc.record({
          priority: fc.nat(1000),
          service: fc.nat(2),
          prefixMatch: optional(name.map((n) => `/${n}`)),
          header: optional(
            fc.record({ headerName: fc.constant('X-Personality'), exactMatch: name }),
          ),
        }),
        { minLength: 1, maxLength: 3, selector: (r) => r.priority },
      ),
    }),
    { maxLength: 3 },
  );

  test(`GlobalHttpsFrontend: URL-map routes, host rules, redirect, SSL policy, schemes, address (${RUNS} props)`, () => {
    const props = fc.record({
      hostRules,
      sslProfile: optional(fc.constantFrom(SslProfile.MODERN, SslProfile.RESTRICTED)),
      httpRedirect: optional(fc.boolean()),
    });
    check(props, (p) => {
      const stack = gcpStack();
      const services = [0, 1, 2].map((i) => globalService(stack, `s${i}`));
      const rules: HostRule[] = p.hostRules.map((h, i) => ({
        hosts: [`h${i}.example.com`],
        pathMatcher: `pm-${i}`,
        defaultService: services[h.service],
        pathRules: h.paths ? [{ paths: h.paths, service: services[h.service] }] : undefined,
        routeRules: h.paths
          ? undefined
          : h.routes.map((r) => ({
              priority: r.priority,
              service: services[r.service],
              prefixMatch: r.prefixMatch,
              headerMatches: r.header ? [r.header] : undefined,
            })),
      }));
      new GlobalHttpsFrontend(stack, 'fe', {
        name: 'lb',
        defaultService: services[0],
        hostRules: rules,
        managedCertificateDomains: ['app.example.com'],
        sslProfile: p.sslProfile,
        httpRedirect: p.httpRedirect,
      });
      const rs = synthesized(stack);
      const ref = (i: number) => `\${google_compute_backend_service.s${i}_backend-service_`;
      const maps = new Map(ofType(rs, 'google_compute_url_map').map((r) => [r.values.name, r]));
      const routing = readUrlMap(maps.get('lb-url-map')!).spec;
      // Service references carry a hash suffix: compare their resource, then the rest exactly.
      const serviceOf = (v?: string) => (v ? Number(/\.s(\d)_backend-service_/.exec(v)![1]) : -1);
      expect(routing.defaultService?.startsWith(ref(0))).toBe(true);
      expect(routing.hostRules).toEqual(
        rules.map((h) => ({ hosts: h.hosts, pathMatcher: h.pathMatcher })),
      );
      expect(
        routing.pathMatchers!.map((pm) => ({
          name: pm.name,
          defaultService: serviceOf(pm.defaultService),
          pathRules: pm.pathRules.map((r) => ({ paths: r.paths, service: serviceOf(r.service) })),
          routeRules: pm.routeRules.map((r) => ({ ...r, service: serviceOf(r.service) })),
        })),
      ).toEqual(
        p.hostRules.map((h, i) => ({
          name: `pm-${i}`,
          defaultService: h.service,
          pathRules: h.paths ? [{ paths: h.paths, service: h.service }] : [],
          routeRules: h.paths
            ? []
            : h.routes.map((r) => ({
                priority: r.priority,
                service: r.service,
                prefixMatch: r.prefixMatch ?? '/',
                headerMatches: r.header ? [r.header] : [],
              })),
        })),
      );
      const redirect = p.httpRedirect ?? true;
      expect(maps.has('lb-http-redirect')).toBe(redirect);
      if (redirect)
        expect(readUrlMap(maps.get('lb-http-redirect')!).spec).toEqual({
          regional: false,
          defaultUrlRedirect: {
            httpsRedirect: true,
            redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
            stripQuery: false,
          },
        });
      expect(readSslPolicy(one(rs, 'google_compute_ssl_policy').values)).toEqual({
        profile: p.sslProfile ?? 'MODERN',
        min_tls_version: 'TLS_1_2',
      });
      expect(readTargetProxy(one(rs, 'google_compute_target_https_proxy'))).toMatchObject({
        kind: 'https',
        regional: false,
        sslPolicyGiven: true,
      });
      const fr = (portRange: string) =>
        forwardingRuleSpec({
          regional: false,
          scheme: 'EXTERNAL_MANAGED',
          ipProtocol: 'TCP',
          portRange,
        });
      expect(
        byPort(
          ofType(rs, 'google_compute_global_forwarding_rule').map((r) =>
            carried(readForwardingRule(r), fr('443')),
          ),
        ),
      ).toEqual(redirect ? [fr('443'), fr('80')] : [fr('443')]);
      expect(readAddress(one(rs, 'google_compute_global_address'))).toEqual(
        addressSpec({ regional: false }),
      );
    });
  });

  test(`RegionalInternalHttpsFrontend: internal address and purpose, regional rules and maps (${RUNS} props)`, () => {
    const props = fc.record({
      region,
      network,
      subnetwork,
      ipAddress: optional(fc.constant('10.0.0.9')),
      httpRedirect: optional(fc.boolean()),
      sslProfile: optional(fc.constantFrom(SslProfile.MODERN, SslProfile.RESTRICTED)),
    });
    check(props, (p) => {
      const stack = gcpStack();
      const svc = new AffinityBackendService(stack, 'svc', {
        name: 'web',
        region: p.region,
        loadBalancingScheme: LoadBalancingScheme.INTERNAL_MANAGED,
        protocol: BackendProtocol.HTTP,
        healthCheck: HealthCheck.http({ port: 8080 }),
        backends: [
          {
            group: InstanceGroup.fromUrl('ig', { name: 'ig', zone: `${p.region}-a` }),
            balancingMode: BalancingMode.RATE,
            maxRatePerInstance: 1,
          },
        ],
      });
      new RegionalInternalHttpsFrontend(stack, 'fe', {
        name: 'web',
        defaultService: svc,
        certificateIds: ['cert'],
        ...p,
      });
      const rs = synthesized(stack);
      const redirect = p.httpRedirect ?? false;
      expect(readAddress(one(rs, 'google_compute_address'))).toEqual(
        addressSpec({
          regional: true,
          region: p.region,
          addressType: 'INTERNAL',
          subnetwork: p.subnetwork,
          address: p.ipAddress,
          purpose: redirect ? 'SHARED_LOADBALANCER_VIP' : undefined,
        }),
      );
      const fr = (portRange: string) =>
        forwardingRuleSpec({
          regional: true,
          region: p.region,
          scheme: 'INTERNAL_MANAGED',
          ipProtocol: 'TCP',
          portRange,
          network: p.network,
          subnetwork: p.subnetwork,
        });
      expect(
        byPort(
          ofType(rs, 'google_compute_forwarding_rule').map((r) =>
            carried(readForwardingRule(r), fr('443')),
          ),
        ),
      ).toEqual(redirect ? [fr('443'), fr('80')] : [fr('443')]);
      const maps = ofType(rs, 'google_compute_region_url_map').map((r) => readUrlMap(r).spec);
      expect(maps.map((m) => [m.regional, m.region])).toEqual(maps.map(() => [true, p.region]));
      expect(maps.filter((m) => m.defaultUrlRedirect?.httpsRedirect)).toHaveLength(
        redirect ? 1 : 0,
      );
      expect(readSslPolicy(one(rs, 'google_compute_region_ssl_policy').values)).toEqual({
        profile: p.sslProfile ?? 'MODERN',
        min_tls_version: 'TLS_1_2',
      });
    });
  });

  test(`InternalPassthroughFrontend: scheme, IP protocol, ports, global access (${RUNS} props)`, () => {
    const props = fc.record({
      protocol: fc.constantFrom(
        BackendProtocol.TCP,
        BackendProtocol.UDP,
        BackendProtocol.UNSPECIFIED,
      ),
      ports: fc.uniqueArray(port, { minLength: 1, maxLength: 5 }),
      all: fc.boolean(),
      allowGlobalAccess: optional(fc.boolean()),
      ipAddress: optional(fc.constant('10.0.0.8')),
      network,
      subnetwork,
    });
    check(props, ({ protocol, ports, all, ...p }) => {
      const allPorts = all || protocol === BackendProtocol.UNSPECIFIED;
      const stack = gcpStack();
      const svc = new AffinityBackendService(stack, 'svc', {
        name: 'guacd',
        region: 'europe-west4',
        loadBalancingScheme: LoadBalancingScheme.INTERNAL,
        protocol,
        healthCheck: HealthCheck.tcp({ port: 4822 }),
        sessionAffinity: SessionAffinity.clientIp(),
        backends: [{ group: InstanceGroup.fromUrl('ig', { name: 'ig', zone: 'europe-west4-a' }) }],
      });
      new InternalPassthroughFrontend(stack, 'fe', {
        name: 'ilb',
        service: svc,
        ports: allPorts ? undefined : ports,
        allPorts: allPorts || undefined,
        ...p,
      });
      const spec = forwardingRuleSpec({
        regional: true,
        region: 'europe-west4',
        scheme: 'INTERNAL',
        ipProtocol: { TCP: 'TCP', UDP: 'UDP', UNSPECIFIED: 'L3_DEFAULT' }[protocol],
        ports: allPorts ? [] : ports.map(String),
        allPorts,
        allowGlobalAccess: p.allowGlobalAccess ?? false,
        network: p.network,
        subnetwork: p.subnetwork,
      });
      const read = readForwardingRule(one(synthesized(stack), 'google_compute_forwarding_rule'));
      expect(carried(read, spec)).toEqual(spec);
      expect(read.hasBackendService).toBe(true);
    });
  });
});
