import {
  AffinityBackendService,
  AffinityBackendServiceProps,
  BackendProtocol,
  BalancingMode,
  GlobalHttpsFrontend,
  GlobalHttpsFrontendProps,
  HealthCheck,
  HostRule,
  InstanceGroup,
  LoadBalancerFirewall,
  LoadBalancerFirewallProps,
  LoadBalancingScheme,
  SslProfile,
} from '../lib';
import { TerraformStack } from 'cdktf';
import { errorOf, gcpStack, only, resources, synthJson, warningsOf } from './helpers';

const group = InstanceGroup.fromUrl('ig', {
  name: 'ig-a',
  zone: 'us-west1-a',
  namedPorts: [{ name: 'https', port: 8443 }],
});

function svc(stack: TerraformStack, id: string, extra: Partial<AffinityBackendServiceProps> = {}) {
  return new AffinityBackendService(stack, id, {
    name: id,
    loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
    protocol: BackendProtocol.HTTPS,
    healthCheck: HealthCheck.https({ port: 9443 }),
    backends: [{ group, balancingMode: BalancingMode.RATE, maxRatePerInstance: 1 }],
    ...extra,
  });
}

describe('LoadBalancerFirewall (H9)', () => {
  const build = (p: Partial<LoadBalancerFirewallProps>, withService = true) => {
    const stack = gcpStack();
    const services = withService ? [svc(stack, 'a')] : [];
    new LoadBalancerFirewall(stack, 'fw', {
      name: 'allow-lb',
      network: 'default',
      ports: [8443, 9443],
      targetTags: ['backend'],
      services,
      ...p,
    });
    return { stack, json: synthJson(stack) };
  };

  test('admits only the probe/GFE ranges to the given ports', () => {
    const fw = only(build({}).json, 'google_compute_firewall');
    expect(fw).toMatchObject({
      direction: 'INGRESS',
      priority: 1000,
      source_ranges: ['35.191.0.0/16', '130.211.0.0/22'],
      allow: [{ protocol: 'tcp', ports: ['8443', '9443'] }],
      target_tags: ['backend'],
    });
  });

  test('a serving or probe port of a service that is not opened is an error', () => {
    expect(errorOf(() => build({ ports: [8443] }))).toMatch(
      /ports \[8443\] does not open 9443, the health check of a.*rule H9/,
    );
    expect(errorOf(() => build({ ports: [9443] }))).toMatch(
      /does not open 8443, the serving port "https" of ig-a/,
    );
  });

  test('ports, priority and targets are checked', () => {
    expect(errorOf(() => build({ ports: [] }, false))).toMatch(/ports \[\] opens nothing/);
    expect(errorOf(() => build({ ports: [0] }, false))).toMatch(/ports 0 is out of range/);
    expect(errorOf(() => build({ priority: 70000 }, false))).toMatch(
      /priority 70000 is out of range/,
    );
    expect(
      errorOf(() => build({ targetServiceAccounts: ['sa@p.iam.gserviceaccount.com'] }, false)),
    ).toMatch(/set together with targetTags/);
    expect(warningsOf(build({ targetTags: undefined }, false).stack).join()).toMatch(
      /every instance of the network/,
    );
  });
});

/** Frontend props with one host rule for `a` whose default service is `x`. */
function hostRule(s: TerraformStack, rule: Partial<HostRule>): Partial<GlobalHttpsFrontendProps> {
  return { hostRules: [{ hosts: ['a'], pathMatcher: 'a', defaultService: svc(s, 'x'), ...rule }] };
}

describe('GlobalHttpsFrontend (B3, U1–U7)', () => {
  const build = (p: (stack: TerraformStack) => Partial<GlobalHttpsFrontendProps>) => {
    const stack = gcpStack();
    const main = svc(stack, 'main');
    new GlobalHttpsFrontend(stack, 'fe', {
      name: 'lb',
      defaultService: main,
      managedCertificateDomains: ['app.example.com'],
      ...p(stack),
    });
    return synthJson(stack);
  };

  test('renders address, URL map, strict TLS, certificate, 443 rule and HTTP redirect', () => {
    const json = build(() => ({}));
    expect(only(json, 'google_compute_ssl_policy')).toMatchObject({
      name: 'lb-ssl-policy',
      profile: 'MODERN',
      min_tls_version: 'TLS_1_2',
    });
    expect(only(json, 'google_compute_managed_ssl_certificate').managed).toEqual({
      domains: ['app.example.com'],
    });
    const rules = Object.values<any>(resources(json, 'google_compute_global_forwarding_rule'));
    expect(rules.map((r) => r.port_range).sort()).toEqual(['443', '80']);
    expect(rules.every((r) => r.load_balancing_scheme === 'EXTERNAL_MANAGED')).toBe(true);
    expect(json.output).toBeDefined();
    const noRedirect = build(() => ({ httpRedirect: false, sslProfile: SslProfile.RESTRICTED }));
    expect(
      Object.keys(resources(noRedirect, 'google_compute_global_forwarding_rule')),
    ).toHaveLength(1);
    expect(only(noRedirect, 'google_compute_ssl_policy').profile).toBe('RESTRICTED');
  });

  test('B3: every reachable service shares the scheme of the forwarding rule', () => {
    expect(
      errorOf(() =>
        build((s) => ({
          hostRules: [
            {
              hosts: ['a.example.com'],
              pathMatcher: 'a',
              defaultService: svc(s, 'classic', {
                loadBalancingScheme: LoadBalancingScheme.EXTERNAL,
              }),
            },
          ],
        })),
      ),
    ).toMatch(
      /services classic \(EXTERNAL HTTPS\) cannot serve behind this frontend, whose forwarding rule uses EXTERNAL_MANAGED.*rule B3/,
    );
  });

  test('U1/U3: route rule priorities unique, prefixes absolute, one header match kind', () => {
    let n = 0;
    const routes = (s: TerraformStack, rules: any[]) => ({
      hostRules: [
        {
          hosts: ['a.example.com'],
          pathMatcher: 'a',
          defaultService: svc(s, 'x'),
          routeRules: rules.map((r) => ({ service: svc(s, `r${n++}`), ...r })),
        },
      ],
    });
    expect(errorOf(() => build((s) => routes(s, [{ priority: 1 }, { priority: 1 }])))).toMatch(
      /priority 1 is used twice.*rule U1/,
    );
    expect(errorOf(() => build((s) => routes(s, [{ priority: -1 }])))).toMatch(
      /priority -1 is out of range/,
    );
    expect(errorOf(() => build((s) => routes(s, [{ priority: 1, prefixMatch: 'voice' }])))).toMatch(
      /prefixMatch "voice" is not a path prefix.*rule U3/,
    );
    expect(
      errorOf(() =>
        build((s) =>
          routes(s, [
            {
              priority: 1,
              headerMatches: [{ headerName: 'X-P', exactMatch: 'a', presentMatch: true }],
            },
          ]),
        ),
      ),
    ).toMatch(/exactMatch and presentMatch are set together; a header match takes exactly one/);
    expect(() =>
      build((s) =>
        routes(s, [{ priority: 1, headerMatches: [{ headerName: 'X-P', presentMatch: true }] }]),
      ),
    ).not.toThrow();
  });

  test('U2: path rules or route rules, not both; path rules are absolute', () => {
    expect(
      errorOf(() =>
        build((s) =>
          hostRule(s, {
            pathRules: [{ paths: ['/v'], service: svc(s, 'y') }],
            routeRules: [{ priority: 1, service: svc(s, 'z') }],
          }),
        ),
      ),
    ).toMatch(/pathRules and routeRules are both set; a path matcher takes one or the other/);
    expect(
      errorOf(() =>
        build((s) =>
          hostRule(s, {
            pathRules: [{ paths: ['v'], service: svc(s, 'y') }],
          }),
        ),
      ),
    ).toMatch(/"v" is not an absolute path/);
  });

  test('U4/U7: a certificate is required; managed certificates take no wildcards', () => {
    expect(errorOf(() => build(() => ({ managedCertificateDomains: undefined })))).toMatch(
      /leaves the HTTPS proxy without a certificate/,
    );
    expect(errorOf(() => build(() => ({ managedCertificateDomains: ['*.example.com'] })))).toMatch(
      /"\*\.example\.com" is not a domain a Google-managed certificate can cover/,
    );
    const json = build(() => ({
      managedCertificateDomains: undefined,
      certificateIds: ['projects/p/global/sslCertificates/c'],
    }));
    expect(only(json, 'google_compute_target_https_proxy').ssl_certificates).toEqual([
      'projects/p/global/sslCertificates/c',
    ]);
    // Given ids and a managed certificate together; the caller's array is left as it was.
    const ids = ['projects/p/global/sslCertificates/c'];
    const both = build(() => ({ certificateIds: ids }));
    expect(only(both, 'google_compute_target_https_proxy').ssl_certificates).toHaveLength(2);
    expect(ids).toEqual(['projects/p/global/sslCertificates/c']);
  });

  test('N1: derived names stay within 63 characters', () => {
    expect(errorOf(() => build(() => ({ name: 'a'.repeat(55) })))).toMatch(
      /once "-http-redirect" is appended.*fix: set name to e\.g\. "a{49}"/,
    );
  });
});
