/**
 * H9, the traffic path (lib/gcp/traffic-path-rules) called directly, without cdktf: which
 * firewall rules apply to the backends (network, target tags, service accounts, unknowns), and
 * each finding in full for probes, data-plane sources and passthrough clients, as an ERROR
 * when the configuration proves the path closed and a WARNING when it cannot be decided.
 */
import { PROBE_RANGES } from '../lib/gcp/firewall-rules';
import {
  GFE_FIX,
  TrafficPath,
  appliesTo,
  checkTrafficPath,
  networkName,
} from '../lib/gcp/traffic-path-rules';
import { readFirewall } from '../lib/terraform/google/firewall';

const fw = (values: Record<string, unknown>, id = 'fw') =>
  readFirewall({ network: 'vpc', direction: 'INGRESS', ...values }, id);
const probes = (ports: string[], more: Record<string, unknown> = {}) =>
  fw({
    source_ranges: [...PROBE_RANGES],
    allow: [{ protocol: 'tcp', ports }],
    target_tags: ['web'],
    ...more,
  });
const path = (o: Partial<TrafficPath> = {}): TrafficPath => ({
  service: 'the backends of backend service web',
  backends: { network: 'vpc', tags: ['web'] },
  probe: { port: 8080, ranges: PROBE_RANGES },
  servingPorts: [8080],
  ...o,
});
const proxyOnly = { range: '10.129.0.0/23', what: 'proxy-only subnet eu-proxies' };
const token = '${var.x}';

/** [title, result, what it must be] */
const CASES: [string, () => unknown, unknown][] = [
  // networkName
  [
    'networkName',
    () => ['projects/p/global/networks/vpc', 'vpc', '', token, 42, undefined].map(networkName),
    ['vpc', 'vpc', undefined, undefined, undefined, undefined],
  ],
  // appliesTo
  ['appliesTo: same network, no targets', () => appliesTo(fw({}), { network: 'vpc' }), 'yes'],
  ['appliesTo: another network', () => appliesTo(fw({}), { network: 'other' }), 'no'],
  [
    'appliesTo: network unknown on either side',
    () => [appliesTo(fw({ network: token }), { network: 'vpc' }), appliesTo(fw({}), {})],
    ['maybe', 'maybe'],
  ],
  [
    'appliesTo: target tags',
    () =>
      [['web'], ['db'], [token]].map((target_tags) =>
        appliesTo(fw({ target_tags }), { network: 'vpc', tags: ['x', 'web'] }),
      ),
    ['yes', 'no', 'maybe'],
  ],
  [
    'appliesTo: target tags, backend tags unknown',
    () => [
      appliesTo(fw({ target_tags: ['web'] }), { network: 'vpc' }),
      appliesTo(fw({ target_tags: ['web'] }), { network: 'vpc', tags: [token] }),
    ],
    ['maybe', 'maybe'],
  ],
  [
    'appliesTo: target service accounts',
    () =>
      [['a@p'], ['b@p']].map((target_service_accounts) =>
        appliesTo(fw({ target_service_accounts }), { network: 'vpc', serviceAccounts: ['a@p'] }),
      ),
    ['yes', 'no'],
  ],
  [
    'appliesTo: target tags win over service accounts',
    () =>
      appliesTo(fw({ target_tags: ['db'], target_service_accounts: ['a@p'] }), {
        network: 'vpc',
        tags: ['web'],
        serviceAccounts: ['a@p'],
      }),
    'no',
  ],
  // probes
  [
    'probes admitted',
    () => checkTrafficPath(path(), [probes(['8080'])]),
    { errors: [], warnings: [] },
  ],
  [
    'no firewall rule at all',
    () => checkTrafficPath(path(), []),
    {
      errors: [],
      warnings: [
        {
          rule: 'H9',
          attribute: 'port',
          value: '8080',
          problem:
            'is not shown to be admitted for the backends of backend service web: no firewall rule of network vpc is in this configuration',
          allowed:
            'an INGRESS rule of network vpc admitting 35.191.0.0/16, 130.211.0.0/22 on TCP 8080, targeting the backends',
          fix: 'add such a rule (LoadBalancerFirewall renders one), or, if a rule outside this configuration admits it, suppress H9 here',
        },
      ],
    },
  ],
  [
    'no firewall rule of the network, and none of the network known',
    () => checkTrafficPath(path({ backends: { tags: ['web'] } }), []),
    {
      errors: [],
      warnings: [
        {
          rule: 'H9',
          attribute: 'port',
          value: '8080',
          problem:
            'is not shown to be admitted for the backends of backend service web: no firewall rule is in this configuration',
          allowed:
            'an INGRESS rule admitting 35.191.0.0/16, 130.211.0.0/22 on TCP 8080, targeting the backends',
          fix: 'add such a rule (LoadBalancerFirewall renders one), or, if a rule outside this configuration admits it, suppress H9 here',
        },
      ],
    },
  ],
  [
    'only rules of another network',
    () => checkTrafficPath(path(), [probes(['8080'], { network: 'other' })]),
    {
      errors: [],
      warnings: [
        {
          rule: 'H9',
          attribute: 'port',
          value: '8080',
          problem:
            'is not shown to be admitted for the backends of backend service web: no firewall rule of network vpc is in this configuration',
          allowed:
            'an INGRESS rule of network vpc admitting 35.191.0.0/16, 130.211.0.0/22 on TCP 8080, targeting the backends',
          fix: 'add such a rule (LoadBalancerFirewall renders one), or, if a rule outside this configuration admits it, suppress H9 here',
        },
      ],
    },
  ],
  [
    'only egress rules',
    () => checkTrafficPath(path(), [probes(['8080'], { direction: 'EGRESS' })]),
    {
      errors: [],
      warnings: [
        {
          rule: 'H9',
          attribute: 'port',
          value: '8080',
          problem:
            'is not shown to be admitted for the backends of backend service web: no firewall rule of network vpc is in this configuration',
          allowed:
            'an INGRESS rule of network vpc admitting 35.191.0.0/16, 130.211.0.0/22 on TCP 8080, targeting the backends',
          fix: 'add such a rule (LoadBalancerFirewall renders one), or, if a rule outside this configuration admits it, suppress H9 here',
        },
      ],
    },
  ],
  [
    'probes on another port',
    () => checkTrafficPath(path(), [probes(['80'])]),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'port',
          value: '8080',
          problem:
            'is not opened to 35.191.0.0/16, 130.211.0.0/22 by any firewall rule of network vpc that applies to the backends of backend service web: probes fail and every backend is unhealthy',
          allowed:
            'an INGRESS rule of network vpc admitting 35.191.0.0/16, 130.211.0.0/22 on TCP 8080, targeting the backends',
          fix: 'add 8080 to the allowed ports of the probe firewall rule (LoadBalancerFirewall)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'probes for other instances',
    () => checkTrafficPath(path(), [probes(['8080'], { target_tags: ['db'] })]),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'port',
          value: '8080',
          problem:
            'is not opened to 35.191.0.0/16, 130.211.0.0/22 by any firewall rule of network vpc that applies to the backends of backend service web: probes fail and every backend is unhealthy',
          allowed:
            'an INGRESS rule of network vpc admitting 35.191.0.0/16, 130.211.0.0/22 on TCP 8080, targeting the backends',
          fix: 'add 8080 to the allowed ports of the probe firewall rule (LoadBalancerFirewall)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'probes on the serving ports',
    () =>
      checkTrafficPath(path({ probe: { ranges: PROBE_RANGES }, servingPorts: [80, 443] }), [
        probes(['80']),
      ]),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'port',
          value: '443',
          problem:
            'is not opened to 35.191.0.0/16, 130.211.0.0/22 by any firewall rule of network vpc that applies to the backends of backend service web: probes fail and every backend is unhealthy',
          allowed:
            'an INGRESS rule of network vpc admitting 35.191.0.0/16, 130.211.0.0/22 on TCP 443, targeting the backends',
          fix: 'add 443 to the allowed ports of the probe firewall rule (LoadBalancerFirewall)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'probes on a serving port not known',
    () =>
      checkTrafficPath(path({ probe: { ranges: PROBE_RANGES }, servingPorts: [] }), [
        fw({ source_ranges: ['10.0.0.0/8'], allow: [{ protocol: 'tcp' }] }),
      ]),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'port',
          value: 'the serving port',
          problem:
            'is not opened to 35.191.0.0/16, 130.211.0.0/22 by any firewall rule of network vpc that applies to the backends of backend service web: probes fail and every backend is unhealthy',
          allowed:
            'an INGRESS rule of network vpc admitting 35.191.0.0/16, 130.211.0.0/22 on TCP the serving port, targeting the backends',
          fix: 'add the serving port to the allowed ports of the probe firewall rule (LoadBalancerFirewall)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'no probe known',
    () =>
      checkTrafficPath(path({ probe: undefined }), [
        fw({ source_ranges: ['10.0.0.0/8'], allow: [{ protocol: 'tcp' }] }),
      ]),
    { errors: [], warnings: [] },
  ],
  // data sources
  [
    'Google Front Ends admitted',
    () =>
      checkTrafficPath(
        path({
          dataSources: [{ range: '35.191.0.0/16', what: 'Google Front Ends', fix: GFE_FIX }],
        }),
        [probes(['8080'])],
      ),
    { errors: [], warnings: [] },
  ],
  [
    'Google Front Ends not admitted on the serving port',
    () =>
      checkTrafficPath(
        path({
          probe: { port: 9000, ranges: PROBE_RANGES },
          dataSources: [{ range: '35.191.0.0/16', what: 'Google Front Ends', fix: GFE_FIX }],
        }),
        [probes(['9000'])],
      ),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'Google Front Ends 35.191.0.0/16 on TCP 8080',
          problem:
            'is admitted by no firewall rule of network vpc that applies to the backends of backend service web: health checks can pass while every request is dropped',
          allowed:
            'an INGRESS rule of network vpc admitting 35.191.0.0/16 on TCP 8080, targeting the backends',
          fix: "add the serving port to the probe firewall rule's ports (LoadBalancerFirewall): Google Front Ends come from the probe ranges",
        },
      ],
      warnings: [],
    },
  ],
  [
    'a proxy-only subnet not admitted',
    () => checkTrafficPath(path({ dataSources: [proxyOnly] }), [probes(['8080'])]),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'proxy-only subnet eu-proxies 10.129.0.0/23 on TCP 8080',
          problem:
            'is admitted by no firewall rule of network vpc that applies to the backends of backend service web: health checks can pass while every request is dropped',
          allowed:
            'an INGRESS rule of network vpc admitting 10.129.0.0/23 on TCP 8080, targeting the backends',
          fix: 'add a firewall rule from 10.129.0.0/23 to the serving port (LoadBalancerFirewall with proxyOnlySubnets renders it)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'a proxy-only subnet admitted by a wider range',
    () =>
      checkTrafficPath(path({ dataSources: [proxyOnly] }), [
        probes(['8080']),
        fw({ source_ranges: ['10.0.0.0/8'], allow: [{ protocol: 'tcp', ports: ['8080'] }] }),
      ]),
    { errors: [], warnings: [] },
  ],
  [
    'a proxy-only subnet admitted by a rule with unknown sources',
    () =>
      checkTrafficPath(path({ dataSources: [proxyOnly] }), [
        probes(['8080']),
        fw({ source_ranges: [token], allow: [{ protocol: 'tcp', ports: ['8080'] }] }),
      ]),
    { errors: [], warnings: [] },
  ],
  [
    'a proxy-only subnet on some serving ports only',
    () =>
      checkTrafficPath(
        path({ servingPorts: [80, 443], probe: undefined, dataSources: [proxyOnly] }),
        [fw({ source_ranges: ['10.129.0.0/23'], allow: [{ protocol: 'tcp', ports: ['443'] }] })],
      ),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'proxy-only subnet eu-proxies 10.129.0.0/23 on TCP 80',
          problem:
            'is admitted by no firewall rule of network vpc that applies to the backends of backend service web: health checks can pass while every request is dropped',
          allowed:
            'an INGRESS rule of network vpc admitting 10.129.0.0/23 on TCP 80, targeting the backends',
          fix: 'add a firewall rule from 10.129.0.0/23 to the serving port (LoadBalancerFirewall with proxyOnlySubnets renders it)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'a proxy-only subnet in the default network',
    () =>
      checkTrafficPath(
        path({ backends: { network: 'default' }, probe: undefined, dataSources: [proxyOnly] }),
        [fw({ network: 'default', source_ranges: ['1.2.3.4/32'], allow: [{ protocol: 'tcp' }] })],
      ),
    {
      errors: [],
      warnings: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'proxy-only subnet eu-proxies 10.129.0.0/23 on TCP 8080',
          problem:
            "is not shown to be admitted for the backends of backend service web: the default network's default-allow-internal rule (10.128.0.0/9, outside this configuration) may admit it",
          allowed:
            'an INGRESS rule of network default admitting 10.129.0.0/23 on TCP 8080, targeting the backends',
          fix: 'add a firewall rule from 10.129.0.0/23 to the serving port (LoadBalancerFirewall with proxyOnlySubnets renders it), or, if a rule outside this configuration admits it, suppress H9 here',
        },
      ],
    },
  ],
  [
    'a range outside 10.128.0.0/9 in the default network',
    () =>
      checkTrafficPath(
        path({
          backends: { network: 'default' },
          probe: undefined,
          dataSources: [{ range: '192.168.0.0/24', what: 'proxy-only subnet p' }],
        }),
        [fw({ network: 'default', source_ranges: ['1.2.3.4/32'], allow: [{ protocol: 'tcp' }] })],
      ),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'proxy-only subnet p 192.168.0.0/24 on TCP 8080',
          problem:
            'is admitted by no firewall rule of network default that applies to the backends of backend service web: health checks can pass while every request is dropped',
          allowed:
            'an INGRESS rule of network default admitting 192.168.0.0/24 on TCP 8080, targeting the backends',
          fix: 'add a firewall rule from 192.168.0.0/24 to the serving port (LoadBalancerFirewall with proxyOnlySubnets renders it)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'a data source over UDP',
    () =>
      checkTrafficPath(path({ ipProtocol: 'udp', probe: undefined, dataSources: [proxyOnly] }), [
        fw({ source_ranges: ['10.129.0.0/23'], allow: [{ protocol: 'tcp' }] }),
      ]),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'proxy-only subnet eu-proxies 10.129.0.0/23 on UDP 8080',
          problem:
            'is admitted by no firewall rule of network vpc that applies to the backends of backend service web: health checks can pass while every request is dropped',
          allowed:
            'an INGRESS rule of network vpc admitting 10.129.0.0/23 on UDP 8080, targeting the backends',
          fix: 'add a firewall rule from 10.129.0.0/23 to the serving port (LoadBalancerFirewall with proxyOnlySubnets renders it)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'no data plane judged for other protocols',
    () =>
      checkTrafficPath(
        path({ ipProtocol: 'icmp', probe: undefined, dataSources: [proxyOnly], clients: true }),
        [probes(['1'])],
      ),
    { errors: [], warnings: [] },
  ],
  // clients
  [
    'clients admitted from anywhere',
    () =>
      checkTrafficPath(path({ clients: true }), [
        probes(['8080']),
        fw({
          source_ranges: ['0.0.0.0/0'],
          allow: [{ protocol: 'tcp', ports: ['8080'] }],
          target_tags: ['web'],
        }),
      ]),
    { errors: [], warnings: [] },
  ],
  [
    'clients: only probe rules',
    () =>
      checkTrafficPath(path({ clients: true }), [
        probes(['8080']),
        fw({ source_ranges: ['209.85.152.0/22', '209.85.204.0/22'], allow: [{ protocol: 'tcp' }] }),
      ]),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'clients on TCP 8080',
          problem:
            'are admitted by no firewall rule of network vpc that applies to the backends of backend service web (a passthrough load balancer keeps client addresses): only the probes get through',
          allowed:
            "an INGRESS rule of network vpc admitting the clients' ranges on TCP 8080 (0.0.0.0/0 when the service is public)",
          fix: 'add a firewall rule for the clients (LoadBalancerFirewall with clientRanges renders it)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'clients: a rule from source tags counts',
    () =>
      checkTrafficPath(path({ clients: true }), [
        probes(['8080']),
        fw({ source_tags: ['client'], allow: [{ protocol: 'tcp' }] }),
      ]),
    { errors: [], warnings: [] },
  ],
  [
    'clients: a rule from service accounts counts',
    () =>
      checkTrafficPath(path({ clients: true }), [
        probes(['8080']),
        fw({ source_service_accounts: ['c@p'], allow: [{ protocol: 'tcp' }] }),
      ]),
    { errors: [], warnings: [] },
  ],
  [
    'clients: probe ranges and another range',
    () =>
      checkTrafficPath(path({ clients: true }), [
        probes(['8080'], { source_ranges: [...PROBE_RANGES, '1.2.3.0/24'] }),
      ]),
    { errors: [], warnings: [] },
  ],
  [
    'clients: a probe range as a token',
    () => checkTrafficPath(path({ clients: true }), [probes(['8080'], { source_ranges: [token] })]),
    { errors: [], warnings: [] },
  ],
  [
    'clients on another port',
    () =>
      checkTrafficPath(path({ clients: true, servingPorts: [80, 8080] }), [
        probes(['80', '8080']),
        fw({ source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['80'] }] }),
      ]),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'clients on TCP 8080',
          problem:
            'are admitted by no firewall rule of network vpc that applies to the backends of backend service web (a passthrough load balancer keeps client addresses): only the probes get through',
          allowed:
            "an INGRESS rule of network vpc admitting the clients' ranges on TCP 8080 (0.0.0.0/0 when the service is public)",
          fix: 'add a firewall rule for the clients (LoadBalancerFirewall with clientRanges renders it)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'clients over UDP',
    () =>
      checkTrafficPath(path({ clients: true, ipProtocol: 'udp', probe: undefined }), [
        fw({ source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp' }] }),
      ]),
    {
      errors: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'clients on UDP 8080',
          problem:
            'are admitted by no firewall rule of network vpc that applies to the backends of backend service web (a passthrough load balancer keeps client addresses): only the probes get through',
          allowed:
            "an INGRESS rule of network vpc admitting the clients' ranges on UDP 8080 (0.0.0.0/0 when the service is public)",
          fix: 'add a firewall rule for the clients (LoadBalancerFirewall with clientRanges renders it)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'clients in the default network',
    () =>
      checkTrafficPath(
        path({ clients: true, backends: { network: 'default' }, probe: undefined }),
        [
          fw({
            network: 'default',
            source_ranges: [...PROBE_RANGES],
            allow: [{ protocol: 'tcp' }],
          }),
        ],
      ),
    {
      errors: [],
      warnings: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'clients on TCP 8080',
          problem:
            "is not shown to be admitted for the backends of backend service web: the default network's default-allow-internal rule (10.128.0.0/9, outside this configuration) may admit it",
          allowed:
            "an INGRESS rule of network default admitting the clients' ranges on TCP 8080 (0.0.0.0/0 when the service is public)",
          fix: 'add a firewall rule for the clients (LoadBalancerFirewall with clientRanges renders it), or, if a rule outside this configuration admits it, suppress H9 here',
        },
      ],
    },
  ],
  [
    'clients without any rule',
    () => checkTrafficPath(path({ clients: true, probe: undefined, servingPorts: undefined }), []),
    {
      errors: [],
      warnings: [
        {
          rule: 'H9',
          attribute: 'backend',
          value: 'clients on TCP the serving port',
          problem:
            'is not shown to be admitted for the backends of backend service web: no firewall rule of network vpc is in this configuration',
          allowed:
            "an INGRESS rule of network vpc admitting the clients' ranges on TCP the serving port (0.0.0.0/0 when the service is public)",
          fix: 'add such a rule (LoadBalancerFirewall renders one), or, if a rule outside this configuration admits it, suppress H9 here',
        },
      ],
    },
  ],
];

test.each(CASES)('%s', (_title, run, expected) => {
  expect(run()).toEqual(expected);
});

test('appliesTo: one matching tag of several is enough; one unknown backend tag leaves it open', () => {
  expect(appliesTo(fw({ target_tags: ['web', 'db'] }), { network: 'vpc', tags: ['web'] })).toBe(
    'yes',
  );
  expect(appliesTo(fw({ target_tags: ['db'] }), { network: 'vpc', tags: ['web', token] })).toBe(
    'maybe',
  );
});

test('clients: a rule with no source at all admits no client', () => {
  const noSources = { ...fw({ allow: [{ protocol: 'tcp' }] }), sourceRanges: [] };
  expect(
    checkTrafficPath(path({ clients: true, probe: undefined }), [noSources]).errors.map(
      (e) => e.value,
    ),
  ).toEqual(['clients on TCP 8080']);
});

test('every closed serving port is named', () => {
  expect(
    checkTrafficPath(path({ clients: true, probe: undefined, servingPorts: [80, 443] }), [
      probes(['80', '443']),
    ]).errors.map((e) => e.value),
  ).toEqual(['clients on TCP 80, 443']);
});
