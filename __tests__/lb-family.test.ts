/**
 * The load-balancer family end to end: each frontend with a service of its kind, its
 * proxy-only subnet and its firewall. Explicit assertions of schemes, TTLs, draining, ports,
 * forwarding-rule targets and firewall sources; a closed path fails synth (H9), and lint says
 * the same of the synthesized JSON.
 */
import { TerraformStack } from 'cdktf';
import {
  AffinityBackendService,
  AffinityBackendServiceProps,
  BackendProtocol,
  BalancingMode,
  CrossRegionInternalHttpsFrontend,
  DrainingPolicy,
  Duration,
  ExternalPassthroughFrontend,
  HealthCheck,
  InstanceGroup,
  InternalPassthroughFrontend,
  LoadBalancerFirewall,
  LoadBalancingScheme,
  NetworkTier,
  ProxyOnlySubnet,
  ProxyOnlySubnetPurpose,
  RegionalExternalHttpsFrontend,
  RegionalInternalHttpsFrontend,
  SessionAffinity,
} from '../lib';
import { checkResources } from '../lib/checks/resource-checks';
import { resourcesFromSynth } from '../lib/terraform/resource';
import { errorOf, gcpStack, only, resources, synthJson, warningsOf } from './helpers';

const REGION = 'europe-west4';
const group = (region = REGION) =>
  InstanceGroup.fromUrl(`projects/p/zones/${region}-a/instanceGroups/web`, {
    name: 'web',
    zone: `${region}-a`,
    namedPorts: [{ name: 'http', port: 8080 }],
  });

/** The user: INTERNAL_MANAGED in europe-west4, 2-hour cookie, 5-minute drain. */
const internalAlbService = (s: TerraformStack, extra: Partial<AffinityBackendServiceProps> = {}) =>
  new AffinityBackendService(s, 'svc', {
    name: 'web',
    region: REGION,
    loadBalancingScheme: LoadBalancingScheme.INTERNAL_MANAGED,
    protocol: BackendProtocol.HTTP,
    healthCheck: HealthCheck.http({ port: 8080, requestPath: '/health' }),
    sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(2) }),
    draining: DrainingPolicy.of(Duration.minutes(5)),
    backends: [{ group: group(), balancingMode: BalancingMode.RATE, maxRatePerInstance: 100 }],
    ...extra,
  });

const proxySubnet = (s: TerraformStack, purpose = ProxyOnlySubnetPurpose.REGIONAL_MANAGED_PROXY) =>
  new ProxyOnlySubnet(s, 'proxy-only', {
    name: 'proxy-only-ew4',
    region: REGION,
    network: 'vpc',
    ipCidrRange: '10.129.0.0/23',
    purpose,
  });

const firewall = (
  s: TerraformStack,
  extra: { proxyOnlySubnets?: ProxyOnlySubnet[]; clientRanges?: string[]; ports?: number[] },
) =>
  new LoadBalancerFirewall(s, 'fw', {
    name: 'allow-web',
    network: 'vpc',
    ports: extra.ports ?? [8080],
    targetTags: ['web'],
    ...extra,
  });

const internalAlb = (s: TerraformStack, opts: { firewall?: boolean; proxy?: boolean } = {}) => {
  const service = internalAlbService(s);
  const subnet = opts.proxy === false ? undefined : proxySubnet(s);
  new RegionalInternalHttpsFrontend(s, 'fe', {
    name: 'web',
    region: REGION,
    network: 'vpc',
    subnetwork: 'projects/p/regions/europe-west4/subnetworks/apps',
    defaultService: service,
    certificateManagerCertificateIds: ['projects/p/locations/europe-west4/certificates/web'],
  });
  if (opts.firewall !== false) firewall(s, { proxyOnlySubnets: subnet ? [subnet] : undefined });
  return service;
};

const lintErrors = (json: Record<string, any>) =>
  checkResources(resourcesFromSynth('test', json)).filter((f) => f.level === 'error');

describe('RegionalInternalHttpsFrontend (regional INTERNAL_MANAGED)', () => {
  test('renders the whole path: service, proxy-only subnet, frontend, firewall', () => {
    const s = gcpStack();
    internalAlb(s);
    const json = synthJson(s);
    const bs = only(json, 'google_compute_region_backend_service');
    expect(bs.load_balancing_scheme).toBe('INTERNAL_MANAGED');
    expect(bs.session_affinity).toBe('GENERATED_COOKIE');
    expect(bs.affinity_cookie_ttl_sec).toBe(7200);
    expect(bs.connection_draining_timeout_sec).toBe(300);
    const subnet = only(json, 'google_compute_subnetwork');
    expect([subnet.purpose, subnet.role, subnet.region, subnet.ip_cidr_range]).toEqual([
      'REGIONAL_MANAGED_PROXY',
      'ACTIVE',
      REGION,
      '10.129.0.0/23',
    ]);
    const rule = only(json, 'google_compute_forwarding_rule');
    expect(rule.load_balancing_scheme).toBe('INTERNAL_MANAGED');
    expect([rule.port_range, rule.network, rule.region]).toEqual(['443', 'vpc', REGION]);
    expect(rule.target).toMatch(/google_compute_region_target_https_proxy\.fe_https-proxy_\w+\.id/);
    expect(rule.depends_on).toEqual([expect.stringMatching(/google_compute_subnetwork\./)]);
    expect(only(json, 'google_compute_address').address_type).toBe('INTERNAL');
    const proxy = only(json, 'google_compute_region_target_https_proxy');
    expect(proxy.certificate_manager_certificates).toEqual([
      'projects/p/locations/europe-west4/certificates/web',
    ]);
    expect(only(json, 'google_compute_region_ssl_policy')).toMatchObject({
      profile: 'MODERN',
      min_tls_version: 'TLS_1_2',
    });
    const fws = Object.values(resources(json, 'google_compute_firewall'));
    expect(fws.map((f: any) => [f.name, f.source_ranges, f.allow[0].ports])).toEqual([
      ['allow-web', ['35.191.0.0/16', '130.211.0.0/22'], ['8080']],
      ['allow-web-proxies', ['10.129.0.0/23'], ['8080']],
    ]);
    expect(warningsOf(s)).toEqual([]);
    expect(lintErrors(json)).toEqual([]);
  });

  test('a firewall that admits only the probes fails synth with H9, and lint agrees', () => {
    const s = gcpStack();
    const service = internalAlbService(s);
    proxySubnet(s);
    new RegionalInternalHttpsFrontend(s, 'fe', {
      name: 'web',
      region: REGION,
      network: 'vpc',
      subnetwork: 'apps',
      defaultService: service,
      certificateIds: ['cert'],
    });
    firewall(s, {});
    expect(errorOf(() => synthJson(s))).toMatch(
      /backend proxy-only subnet test\/proxy-only 10\.129\.0\.0\/23 on TCP 8080 is admitted by no firewall rule of network vpc.*\[rule H9\]/,
    );
  });

  test('without a proxy-only subnet, synth says so (U8)', () => {
    const s = gcpStack();
    internalAlb(s, { proxy: false });
    expect(errorOf(() => synthJson(s))).toMatch(
      /proxyOnlySubnet not set and no ProxyOnlySubnet in this stack leave europe-west4 of network vpc without a REGIONAL_MANAGED_PROXY proxy-only subnet.*\[rule U8\]/,
    );
  });

  test('a referenced proxy-only subnet renders nothing and satisfies U8', () => {
    const s = gcpStack();
    const service = internalAlbService(s);
    const existing = ProxyOnlySubnet.fromExisting(s, 'proxy-only', {
      region: REGION,
      network: 'vpc',
      ipCidrRange: '10.129.0.0/23',
    });
    new RegionalInternalHttpsFrontend(s, 'fe', {
      name: 'web',
      region: REGION,
      network: 'vpc',
      subnetwork: 'apps',
      defaultService: service,
      certificateIds: ['cert'],
      proxyOnlySubnet: existing,
    });
    firewall(s, { proxyOnlySubnets: [existing] });
    const json = synthJson(s);
    expect(resources(json, 'google_compute_subnetwork')).toEqual({});
    expect(only(json, 'google_compute_forwarding_rule').depends_on).toBeUndefined();
  });

  test('B3: a regional EXTERNAL_MANAGED service cannot serve behind it', () => {
    const s = gcpStack();
    proxySubnet(s);
    const service = internalAlbService(s, {
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
    });
    new RegionalInternalHttpsFrontend(s, 'fe', {
      name: 'web',
      region: REGION,
      network: 'vpc',
      subnetwork: 'apps',
      defaultService: service,
      certificateIds: ['cert'],
    });
    expect(errorOf(() => synthJson(s))).toMatch(
      /services web \(EXTERNAL_MANAGED HTTP in europe-west4\) cannot serve.*\[rule B3\]/,
    );
  });

  test('U4: Google-managed certificates are global only', () => {
    const s = gcpStack();
    const service = internalAlbService(s);
    expect(
      errorOf(
        () =>
          new RegionalInternalHttpsFrontend(s, 'fe', {
            name: 'web',
            region: REGION,
            network: 'vpc',
            subnetwork: 'apps',
            defaultService: service,
            managedCertificateDomains: ['a.example.com'],
          } as any),
      ),
    ).toMatch(/U4/);
  });
});

describe('RegionalExternalHttpsFrontend (regional EXTERNAL_MANAGED)', () => {
  test('header affinity, redirect on 80, STANDARD tier, proxies admitted', () => {
    const s = gcpStack();
    const service = internalAlbService(s, {
      loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
      sessionAffinity: SessionAffinity.header('X-Personality'),
    });
    const subnet = proxySubnet(s);
    new RegionalExternalHttpsFrontend(s, 'fe', {
      name: 'web',
      region: REGION,
      network: 'vpc',
      defaultService: service,
      certificateIds: ['cert'],
      networkTier: NetworkTier.STANDARD,
    });
    firewall(s, { proxyOnlySubnets: [subnet] });
    const json = synthJson(s);
    const bs = only(json, 'google_compute_region_backend_service');
    expect(bs.consistent_hash.http_header_name).toBe('X-Personality');
    expect(bs.locality_lb_policy).toBe('RING_HASH');
    const rules = (Object.values(resources(json, 'google_compute_forwarding_rule')) as any[]).sort(
      (a, b) => Number(b.port_range) - Number(a.port_range),
    );
    expect(rules.map((r) => [r.port_range, r.load_balancing_scheme, r.network_tier])).toEqual([
      ['443', 'EXTERNAL_MANAGED', 'STANDARD'],
      ['80', 'EXTERNAL_MANAGED', 'STANDARD'],
    ]);
    expect(rules[1].target).toMatch(/google_compute_region_target_http_proxy/);
    const redirect = Object.values(resources(json, 'google_compute_region_url_map')).find(
      (m: any) => m.default_url_redirect,
    ) as any;
    expect(redirect.default_url_redirect.https_redirect).toBe(true);
    expect(warningsOf(s)).toEqual([]);
    expect(lintErrors(json)).toEqual([]);
  });
});

describe('CrossRegionInternalHttpsFrontend (global INTERNAL_MANAGED)', () => {
  test('one address and forwarding rule per region; GLOBAL_MANAGED_PROXY subnets admitted', () => {
    const s = gcpStack();
    const service = internalAlbService(s, { region: undefined });
    const subnets = ['europe-west4', 'us-east1'].map(
      (region, i) =>
        new ProxyOnlySubnet(s, `proxy-${region}`, {
          name: `proxy-${region}`,
          region,
          network: 'vpc',
          ipCidrRange: `10.${130 + i}.0.0/23`,
          purpose: ProxyOnlySubnetPurpose.GLOBAL_MANAGED_PROXY,
        }),
    );
    new CrossRegionInternalHttpsFrontend(s, 'fe', {
      name: 'web',
      network: 'vpc',
      defaultService: service,
      certificateManagerCertificateIds: ['projects/p/locations/global/certificates/web'],
      locations: [
        { region: 'europe-west4', subnetwork: 'apps-ew4' },
        { region: 'us-east1', subnetwork: 'apps-ue1' },
      ],
    });
    firewall(s, { proxyOnlySubnets: subnets });
    const json = synthJson(s);
    expect(only(json, 'google_compute_backend_service').load_balancing_scheme).toBe(
      'INTERNAL_MANAGED',
    );
    const rules = Object.values(resources(json, 'google_compute_global_forwarding_rule')) as any[];
    expect(rules.map((r) => [r.name, r.subnetwork, r.load_balancing_scheme])).toEqual([
      ['web-https-europe-west4', 'apps-ew4', 'INTERNAL_MANAGED'],
      ['web-https-us-east1', 'apps-ue1', 'INTERNAL_MANAGED'],
    ]);
    expect(only(json, 'google_compute_target_https_proxy').ssl_certificates).toBeUndefined();
    expect(
      (Object.values(resources(json, 'google_compute_firewall')) as any[])[1].source_ranges,
    ).toEqual(['10.130.0.0/23', '10.131.0.0/23']);
    expect(lintErrors(json)).toEqual([]);
  });

  test('a region without its GLOBAL_MANAGED_PROXY subnet fails (U8)', () => {
    const s = gcpStack();
    const service = internalAlbService(s, { region: undefined });
    proxySubnet(s, ProxyOnlySubnetPurpose.GLOBAL_MANAGED_PROXY);
    new CrossRegionInternalHttpsFrontend(s, 'fe', {
      name: 'web',
      network: 'vpc',
      defaultService: service,
      certificateManagerCertificateIds: ['c'],
      locations: [
        { region: REGION, subnetwork: 'a' },
        { region: 'us-east1', subnetwork: 'b' },
      ],
    });
    expect(errorOf(() => synthJson(s))).toMatch(
      /leave us-east1 of network vpc without a GLOBAL_MANAGED_PROXY/,
    );
  });
});

const nlbService = (s: TerraformStack, scheme: LoadBalancingScheme) =>
  new AffinityBackendService(s, 'svc', {
    name: 'guacd',
    region: REGION,
    loadBalancingScheme: scheme,
    protocol: BackendProtocol.TCP,
    healthCheck: HealthCheck.tcp({ port: 4822 }),
    sessionAffinity: SessionAffinity.clientIp(),
    draining: DrainingPolicy.of(Duration.minutes(10)),
    backends: [{ group: group() }],
  });

describe('InternalPassthroughFrontend (INTERNAL)', () => {
  test('forwarding rule -> backend service, ports, global access; clients admitted', () => {
    const s = gcpStack();
    const service = nlbService(s, LoadBalancingScheme.INTERNAL);
    new InternalPassthroughFrontend(s, 'fe', {
      name: 'guacd-ilb',
      service,
      network: 'vpc',
      subnetwork: 'apps',
      ports: [4822],
      allowGlobalAccess: true,
    });
    firewall(s, { ports: [4822], clientRanges: ['10.0.0.0/8'] });
    const json = synthJson(s);
    const bs = only(json, 'google_compute_region_backend_service');
    expect([bs.session_affinity, bs.connection_draining_timeout_sec]).toEqual(['CLIENT_IP', 600]);
    const rule = only(json, 'google_compute_forwarding_rule');
    expect(rule.backend_service).toMatch(
      /google_compute_region_backend_service\.svc_backend-service_\w+\.id/,
    );
    expect([
      rule.load_balancing_scheme,
      rule.ip_protocol,
      rule.ports,
      rule.allow_global_access,
    ]).toEqual(['INTERNAL', 'TCP', ['4822'], true]);
    expect(rule.all_ports).toBeUndefined();
    const clients = (Object.values(resources(json, 'google_compute_firewall')) as any[]).find(
      (f) => f.name === 'allow-web-clients',
    );
    expect([clients.source_ranges, clients.allow[0].ports]).toEqual([['10.0.0.0/8'], ['4822']]);
    expect(warningsOf(s)).toEqual([]);
    expect(lintErrors(json)).toEqual([]);
  });

  test('a firewall with only the probe rule closes the clients\u2019 path (H9), and lint agrees', () => {
    const s = gcpStack();
    const service = nlbService(s, LoadBalancingScheme.INTERNAL);
    new InternalPassthroughFrontend(s, 'fe', {
      name: 'guacd-ilb',
      service,
      network: 'vpc',
      subnetwork: 'apps',
      allPorts: true,
    });
    new LoadBalancerFirewall(s, 'fw', {
      name: 'probes',
      network: 'vpc',
      ports: [4822],
      targetTags: ['g'],
    });
    expect(errorOf(() => synthJson(s))).toMatch(
      /clients on TCP the serving port are admitted by no firewall rule.*\[rule H9\]/,
    );
  });

  test.each<[string, object, RegExp]>([
    [
      'six ports',
      { ports: [1, 2, 3, 4, 5, 6] },
      /lists 6 ports; a forwarding rule takes at most 5/,
    ],
    ['ports and allPorts', { ports: [1], allPorts: true }, /set together with allPorts/],
    ['no ports', {}, /forwards nothing/],
    ['port 65536', { ports: [65536] }, /ports 65536 is out of range/],
  ])('U9: %s', (_name, extra, message) => {
    const s = gcpStack();
    const service = nlbService(s, LoadBalancingScheme.INTERNAL);
    expect(
      errorOf(
        () =>
          new InternalPassthroughFrontend(s, 'fe', {
            name: 'ilb',
            service,
            network: 'vpc',
            subnetwork: 'apps',
            ...extra,
          }),
      ),
    ).toMatch(message);
  });

  test('B3: an EXTERNAL service cannot serve behind it', () => {
    const s = gcpStack();
    const service = nlbService(s, LoadBalancingScheme.EXTERNAL);
    expect(
      errorOf(
        () =>
          new InternalPassthroughFrontend(s, 'fe', {
            name: 'ilb',
            service,
            network: 'vpc',
            subnetwork: 'apps',
            ports: [4822],
          }),
      ),
    ).toMatch(/cannot serve behind this InternalPassthroughFrontend.*\[rule B3\]/);
  });
});

describe('ExternalPassthroughFrontend (regional EXTERNAL)', () => {
  test('0.0.0.0/0 on the serving port is an explicit, accepted choice (no X1)', () => {
    const s = gcpStack();
    const service = nlbService(s, LoadBalancingScheme.EXTERNAL);
    new ExternalPassthroughFrontend(s, 'fe', { name: 'guacd-nlb', service, ports: [4822] });
    firewall(s, { ports: [4822], clientRanges: ['0.0.0.0/0'] });
    const json = synthJson(s);
    const rule = only(json, 'google_compute_forwarding_rule');
    expect([rule.load_balancing_scheme, rule.ports, rule.region]).toEqual([
      'EXTERNAL',
      ['4822'],
      REGION,
    ]);
    expect(rule.ip_address).toMatch(/google_compute_address\./);
    expect(json.output).toBeDefined();
    expect(warningsOf(s)).toEqual([]);
    expect(checkResources(resourcesFromSynth('t', json)).map((f) => f.rule)).not.toContain('X1');
  });

  test('no client rule: H9 at synth, and the same rule in lint', () => {
    const s = gcpStack();
    const service = nlbService(s, LoadBalancingScheme.EXTERNAL);
    new ExternalPassthroughFrontend(s, 'fe', { name: 'guacd-nlb', service, ports: [4822] });
    firewall(s, { ports: [4822] });
    expect(errorOf(() => synthJson(s))).toMatch(
      /clients on TCP 4822 are admitted by no firewall rule.*\[rule H9\]/,
    );
  });

  test('without any firewall rule in the stack: a warning, not an error', () => {
    const s = gcpStack();
    const service = nlbService(s, LoadBalancingScheme.EXTERNAL);
    new ExternalPassthroughFrontend(s, 'fe', { name: 'guacd-nlb', service, ports: [4822] });
    synthJson(s);
    expect(warningsOf(s).join('\n')).toMatch(
      /no firewall rule is in this configuration.*\[rule H9\]/,
    );
  });
});
