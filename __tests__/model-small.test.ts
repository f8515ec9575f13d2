/**
 * The small Google models at their edges, field by field (the round-trip tests cover the
 * common shapes): instance templates as the traffic path reads them, the SSL policy's and
 * the address's scope, and the target proxies. Each case is one a mutant of the model would change.
 */
import { readInstanceTemplate } from '../lib/terraform/google/instance-template';
import { renderSslPolicy } from '../lib/terraform/google/ssl-policy';
import { readTargetProxy, renderTargetProxy } from '../lib/terraform/google/target-proxy';
import { addressSpec, renderAddress } from '../lib/terraform/google/address';
import { ResourceIndex, TfResource } from '../lib/terraform/resource';
import { firewallAdmitsProbes, readFirewall, stringList } from '../lib/terraform/google/firewall';
import { readUrlMap, urlMapAttribute } from '../lib/terraform/google/url-map';
import { readForwardingRule, servesPort80 } from '../lib/terraform/google/forwarding-rule';
import { autoscalerOf, readInstanceGroup } from '../lib/terraform/google/instance-group';
import { AFTER_APPLY } from '../lib/core/unknown';

describe('readInstanceTemplate', () => {
  test('known tags, the service account e-mail and the first interface, as written', () => {
    expect(
      readInstanceTemplate({
        tags: ['web', 'lb-backend'],
        service_account: [{ email: 'web@p.iam.gserviceaccount.com', scopes: ['cloud-platform'] }],
        network_interface: [{ network: 'vpc-a', subnetwork: 'subnet-a' }, { network: 'vpc-b' }],
      }),
    ).toEqual({
      tags: ['web', 'lb-backend'],
      serviceAccounts: ['web@p.iam.gserviceaccount.com'],
      network: 'vpc-a',
      subnetwork: 'subnet-a',
    });
  });
  test('one unknown tag makes the tags unknown (undefined), not a shorter list', () => {
    expect(readInstanceTemplate({ tags: ['web', '${var.tag}'] }).tags).toBeUndefined();
    expect(readInstanceTemplate({ tags: ['${var.a}', '${var.b}'] }).tags).toBeUndefined();
  });
  test('no tags are no tags', () => {
    expect(readInstanceTemplate({}).tags).toEqual([]);
  });
  test('an unknown, absent or non-string e-mail is no known account', () => {
    expect(
      readInstanceTemplate({ service_account: [{ email: '${var.sa}' }] }).serviceAccounts,
    ).toBeUndefined();
    expect(readInstanceTemplate({ service_account: [{}] }).serviceAccounts).toBeUndefined();
    expect(
      readInstanceTemplate({ service_account: [{ email: 7 }] }).serviceAccounts,
    ).toBeUndefined();
    expect(readInstanceTemplate({}).serviceAccounts).toBeUndefined();
  });
  test('no network interface: network and subnetwork unknown (undefined), no error', () => {
    expect(readInstanceTemplate({})).toEqual({
      tags: [],
      serviceAccounts: undefined,
      network: undefined,
      subnetwork: undefined,
    });
  });
});

describe('renderSslPolicy', () => {
  const spec = { profile: 'RESTRICTED', min_tls_version: 'TLS_1_2' };
  test('global: no region key at all', () => {
    const config = renderSslPolicy(spec, { name: 'tls' });
    expect('region' in config).toBe(false);
    expect(config).toMatchObject({ name: 'tls', profile: 'RESTRICTED', minTlsVersion: 'TLS_1_2' });
  });
  test('regional: the region given', () => {
    expect(renderSslPolicy(spec, { name: 'tls', region: 'europe-west1' })).toMatchObject({
      region: 'europe-west1',
    });
  });
});

describe('readTargetProxy and renderTargetProxy', () => {
  const proxy = (type: string, values: Record<string, unknown> = {}, references?: object) =>
    readTargetProxy({
      address: `${type}.p`,
      type,
      values,
      source: 's',
      suppressions: [],
      ...(references ? { references } : {}),
    } as TfResource);
  test('HTTP(S) proxies lead to a URL map, TCP and SSL proxies to a backend service', () => {
    expect(proxy('google_compute_target_https_proxy').next).toBe('url_map');
    expect(proxy('google_compute_region_target_http_proxy')).toMatchObject({
      kind: 'http',
      regional: true,
      next: 'url_map',
    });
    expect(proxy('google_compute_target_tcp_proxy').next).toBe('backend_service');
    expect(proxy('google_compute_target_ssl_proxy')).toMatchObject({
      kind: 'ssl',
      regional: false,
      next: 'backend_service',
    });
  });
  test('an SSL policy is given by a value or a configuration reference; null is none', () => {
    const https = 'google_compute_target_https_proxy';
    expect(proxy(https, { ssl_policy: 'tls' }).sslPolicyGiven).toBe(true);
    expect(proxy(https, { ssl_policy: null }).sslPolicyGiven).toBe(false);
    expect(proxy(https, {}).sslPolicyGiven).toBe(false);
    expect(proxy(https, {}, { ssl_policy: ['google_compute_ssl_policy.tls'] }).sslPolicyGiven).toBe(
      true,
    );
    expect(proxy(https, {}, { ssl_policy: [] }).sslPolicyGiven).toBe(false);
  });
  const refs = {
    name: 'p',
    region: 'europe-west1',
    urlMap: 'map',
    sslPolicy: 'tls',
    sslCertificates: ['cert'],
  };
  test('an HTTP proxy takes no SSL policy or certificates; HTTPS takes them', () => {
    expect(renderTargetProxy({ kind: 'http', regional: false }, refs)).toEqual({
      name: 'p',
      project: undefined,
      urlMap: 'map',
      sslCertificates: undefined,
      certificateManagerCertificates: undefined,
      sslPolicy: undefined,
    });
    expect(renderTargetProxy({ kind: 'https', regional: false }, refs)).toMatchObject({
      sslPolicy: 'tls',
      sslCertificates: ['cert'],
    });
  });
  test('the region only on a regional proxy', () => {
    expect('region' in renderTargetProxy({ kind: 'http', regional: false }, refs)).toBe(false);
    expect(renderTargetProxy({ kind: 'https', regional: true }, refs).region).toBe('europe-west1');
  });
  test('TCP and SSL proxies are not rendered here, and the error says what to do', () => {
    expect(() => renderTargetProxy({ kind: 'tcp', regional: false }, refs)).toThrow(
      /kind tcp \(google_compute_target_tcp_proxy\) is not rendered here; allowed: https or http/,
    );
  });
});

describe('renderAddress', () => {
  test("the provider's EXTERNAL is left unset; INTERNAL is written", () => {
    expect(renderAddress(addressSpec({ regional: false }), { name: 'ip' }).addressType).toBe(
      undefined,
    );
    expect(
      renderAddress(addressSpec({ regional: true, addressType: 'INTERNAL' }), { name: 'ip' })
        .addressType,
    ).toBe('INTERNAL');
  });
  test('a regional address names its region; a global one has none', () => {
    expect(
      renderAddress(addressSpec({ regional: true, region: 'europe-west1' }), { name: 'ip' }).region,
    ).toBe('europe-west1');
    expect(
      renderAddress(addressSpec({ regional: false, region: 'europe-west1' }), { name: 'ip' })
        .region,
    ).toBeUndefined();
  });
});

describe('readFirewall: every list shape Terraform and plans give', () => {
  test.each([
    [undefined, []],
    [null, []],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['${var.ranges}', ['${var.ranges}']],
    [AFTER_APPLY, [AFTER_APPLY]],
    [{ a: 1 }, [AFTER_APPLY]],
    [7, [AFTER_APPLY]],
    [
      ['a', 80, true, null],
      ['a', '80', AFTER_APPLY, AFTER_APPLY],
    ],
  ])('stringList(%p) is %p', (v, list) => {
    expect(stringList(v)).toEqual(list);
  });

  test('allow and deny: a block, a list of blocks, an unknown, a scalar', () => {
    const read = (allow: unknown) => readFirewall({ allow }, 'f').allow;
    expect(read({ protocol: 'tcp', ports: ['80'] })).toEqual([{ protocol: 'tcp', ports: ['80'] }]);
    expect(read([{ protocol: 'tcp' }, { ports: [443] }])).toEqual([
      { protocol: 'tcp', ports: [] },
      { protocol: AFTER_APPLY, ports: ['443'] },
    ]);
    expect(read('${var.rules}')).toEqual([{ protocol: AFTER_APPLY, ports: [] }]);
    expect(read(5)).toEqual([{ protocol: AFTER_APPLY, ports: [] }]);
    expect(read(null)).toEqual([]);
  });

  test('sources: an INGRESS rule without any is open to what the API decides; EGRESS is not', () => {
    expect(readFirewall({}, 'f').sourceRanges).toEqual([AFTER_APPLY]);
    expect(readFirewall({ direction: 'EGRESS' }, 'f').sourceRanges).toEqual([]);
    expect(readFirewall({ source_tags: ['web'] }, 'f').sourceRanges).toEqual([]);
    expect(readFirewall({ source_service_accounts: ['sa'] }, 'f').sourceRanges).toEqual([]);
  });

  test('disabled: unset and null are false, anything given is kept', () => {
    expect(readFirewall({}, 'f').disabled).toBe(false);
    expect(readFirewall({ disabled: null }, 'f').disabled).toBe(false);
    expect(readFirewall({ disabled: true }, 'f').disabled).toBe(true);
    expect(readFirewall({ disabled: '${var.off}' }, 'f').disabled).toBe('${var.off}');
  });

  test('firewallAdmitsProbes: a rule that admits the probers on the port, and one that does not', () => {
    const probes = {
      network: 'default',
      source_ranges: ['35.191.0.0/16', '130.211.0.0/22'],
      allow: [{ protocol: 'tcp', ports: ['8080'] }],
    };
    expect(firewallAdmitsProbes(probes, 8080)).toBe(true);
    expect(firewallAdmitsProbes(probes, 443)).toBe(false);
    expect(firewallAdmitsProbes({ ...probes, disabled: true }, 8080)).toBe(false);
  });
});

describe('readUrlMap: the services a URL map routes to, and its attributes in Terraform terms', () => {
  const map = (values: Record<string, unknown>, references?: Record<string, string[]>) =>
    readUrlMap({
      address: 'google_compute_url_map.m',
      type: 'google_compute_url_map',
      values,
      source: 's',
      suppressions: [],
      ...(references ? { references } : {}),
    });

  test('every service key at any depth, strings only; lists of blocks walked', () => {
    const read = map({
      default_service: 'bs-a',
      description: 'not a service',
      path_matcher: [
        {
          name: 'pm',
          default_service: 'bs-b',
          path_rule: [{ paths: ['/x'], service: 'bs-c' }],
          route_rules: [{ priority: 1, service: 7, route_action: { backend_service: 'bs-d' } }],
        },
      ],
      host_rule: [{ hosts: ['a.example.com'] }],
    });
    expect(read.serviceValues).toEqual(['bs-a', 'bs-b', 'bs-c', 'bs-d']);
    expect(read.spec.hostRules).toEqual([{ hosts: ['a.example.com'], pathMatcher: '' }]);
    expect(read.spec.pathMatchers?.[0].routeRules[0]).toMatchObject({
      priority: 1,
      prefixMatch: undefined,
      headerMatches: [],
    });
  });

  test('services by reference: only the service attributes of the configuration', () => {
    const read = map(
      { default_service: '${google_compute_backend_service.a.id}' },
      {
        default_service: ['google_compute_backend_service.a'],
        'path_matcher.path_rule.service': ['google_compute_backend_service.b'],
        'host_rule.hosts': ['google_compute_global_address.c'],
      },
    );
    expect(read.serviceReferences).toEqual([
      'google_compute_backend_service.a',
      'google_compute_backend_service.b',
    ]);
    expect(map({}).serviceReferences).toEqual([]);
  });

  test('absent, null and present blocks', () => {
    expect(map({}).spec.hostRules).toBeUndefined();
    expect(map({ host_rule: null }).spec.hostRules).toBeUndefined();
    expect(map({ path_matcher: [{}] }).spec.pathMatchers?.[0].name).toBe('');
    expect(map({ default_url_redirect: null }).spec.defaultUrlRedirect).toBeUndefined();
    expect(
      map({ default_url_redirect: [{ https_redirect: true }] }).spec.defaultUrlRedirect,
    ).toMatchObject({
      httpsRedirect: true,
    });
  });

  test.each([
    ['hostRules.pathMatcher', 'path_matcher.name'],
    ['hostRules[0].pathMatcher', 'path_matcher[0].pathMatcher'],
    ['x.hostRules.pathMatcher', 'x.hostRules.pathMatcher'],
    ['hostRules.pathMatcherX', 'hostRules.pathMatcherX'],
    ['x.hostRules[1]', 'x.hostRules[1]'],
    [
      'pathMatchers[0].routeRules[2].prefixMatch',
      'pathMatchers[0].route_rules[2].match_rules.prefix_match',
    ],
  ])('urlMapAttribute(%p) is %p', (rule, terraform) => {
    expect(urlMapAttribute(rule)).toBe(terraform);
  });
});

describe('readForwardingRule: the ports a rule serves, in every form', () => {
  const rule = (values: Record<string, unknown>, type = 'google_compute_forwarding_rule') =>
    readForwardingRule({ address: `${type}.f`, type, values, source: 's', suppressions: [] });

  test.each([
    [{}, undefined],
    [{ port_range: null }, undefined],
    [{ port_range: 443 }, [443]],
    [{ port_range: '443' }, [443]],
    [{ port_range: '443-443' }, [443]],
    [{ port_range: '80-443' }, undefined],
    [{ port_range: 'x' }, undefined],
    [{ port_range: '${var.port}' }, undefined],
    [{ ports: ['80', '8080'] }, [80, 8080]],
    [{ ports: ['80', '${var.p}'] }, undefined],
    [{ ports: ['80', 'http'] }, undefined],
    [{ ports: ['80-81'] }, undefined],
    [{ ports: ['x80'] }, undefined],
    [{ ports: [], port_range: '22' }, [22]],
    [{ ports: ['80'], all_ports: true }, undefined],
    [{ ports: ['80'], all_ports: '${var.all}' }, undefined],
    [{ ports: ['80'], all_ports: false }, [80]],
  ])('%j serves %j', (values, ports) => {
    expect(rule(values).servingPorts).toEqual(ports);
  });

  test('port range, target and backend service as written; scope from the type', () => {
    expect(rule({ port_range: 443 }).portRange).toBe('443');
    expect(rule({ port_range: null }).portRange).toBeUndefined();
    expect(rule({}).portRange).toBeUndefined();
    expect(rule({ target: 'p' })).toMatchObject({
      hasTarget: true,
      hasBackendService: false,
      regional: true,
    });
    expect(rule({ target: null, backend_service: 'b' })).toMatchObject({
      hasTarget: false,
      hasBackendService: true,
    });
    expect(rule({}, 'google_compute_global_forwarding_rule')).toMatchObject({
      regional: false,
      hasTarget: false,
      scheme: 'EXTERNAL',
      allPorts: false,
    });
  });

  test.each([
    ['80', true],
    ['79-81', true],
    ['81-90', false],
    ['1-79', false],
    ['443', false],
    ['${var.p}', false],
  ])('servesPort80 of port_range %p: %p', (portRange, serves) => {
    expect(servesPort80(rule({ port_range: portRange }))).toBe(serves);
  });
});

describe('readInstanceGroup and autoscalerOf', () => {
  const res = (type: string, name: string, values: Record<string, unknown>): TfResource => ({
    address: `${type}.${name}`,
    type,
    values,
    source: 's',
    suppressions: [],
  });

  test('named ports in every form; name and zone when absent', () => {
    const igm = res('google_compute_region_instance_group_manager', 'web', {
      region: 'us-central1',
      named_port: [{ name: 'http', port: 8080 }, null],
    });
    expect(readInstanceGroup(igm).spec).toMatchObject({
      name: 'web',
      zone: 'us-central1',
      namedPorts: [
        { name: 'http', port: 8080 },
        { name: 'undefined', port: undefined },
      ],
    });
    const bare = res('google_compute_instance_group_manager', 'bare', {});
    expect(readInstanceGroup(bare).spec).toMatchObject({ name: 'bare', zone: '', namedPorts: [] });
    expect(
      readInstanceGroup(
        res('google_compute_instance_group_manager', 'one', { named_port: { name: 'h', port: 1 } }),
      ).spec.namedPorts,
    ).toEqual([{ name: 'h', port: 1 }]);
  });

  test('the autoscaler is the one whose target is this group', () => {
    const a = res('google_compute_instance_group_manager', 'a', { name: 'a', zone: 'z' });
    const b = res('google_compute_instance_group_manager', 'b', { name: 'b', zone: 'z' });
    const forB = res('google_compute_autoscaler', 'asb', {
      target: '${google_compute_instance_group_manager.b.id}',
      autoscaling_policy: [{ max_replicas: 3 }],
    });
    const idx = new ResourceIndex([a, b, forB]);
    expect(autoscalerOf(idx, a)).toBeUndefined();
    expect(autoscalerOf(idx, b)).toBe(forB);
  });
});
