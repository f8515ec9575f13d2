/**
 * The pure security-pack and firewall rule functions, at their edges: what each reads from
 * Terraform values (both JSON forms), and the exact attribute, value and fix each reports.
 */
import { readKubernetesObject } from '../lib/terraform/kubernetes';
import {
  PROBE_RANGES,
  admitsProbes,
  checkProbeFirewallSources,
  cidrCovers,
} from '../lib/gcp/firewall-rules';
import { readFirewall } from '../lib/terraform/google/firewall';
import {
  checkIngressRestricted,
  checkPodSecurity,
  ingressPolicyOf,
  podSecurityOf,
} from '../lib/k8s/pod-security-rules';

const probes = { source_ranges: [...PROBE_RANGES] };

describe('cidrCovers', () => {
  test.each([
    ['35.191.0.0/16', '35.191.0.0/16', true],
    ['35.0.0.0/8', '35.191.0.0/16', true],
    ['0.0.0.0/0', '130.211.0.0/22', true],
    ['35.191.0.0/17', '35.191.0.0/16', false], // narrower than the probe range
    ['35.192.0.0/16', '35.191.0.0/16', false],
    ['130.211.0.0/23', '130.211.0.0/22', false],
    ['130.211.4.0/22', '130.211.0.0/22', false],
    ['10.0.0.0/8', '35.191.0.0/16', false],
    ['not-a-cidr', '35.191.0.0/16', false],
    ['35.191.0.0/16', 'x', false],
    ['135.191.0.0/16', '35.191.0.0/16', false],
    ['35.191.0.0/16 ', '35.191.0.0/16', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(cidrCovers(outer, inner)).toBe(expected);
  });
});

describe('admitsProbes', () => {
  const tcp = (ports?: (string | number)[]) => ({ ...probes, allow: [{ protocol: 'tcp', ports }] });
  test.each<[string, object, number, boolean]>([
    ['tcp on the port', tcp(['443']), 443, true],
    ['numeric ports', tcp([443]), 443, true],
    ['a range', tcp(['400-500']), 443, true],
    ['outside the range', tcp(['400-442']), 443, false],
    ['range upper bound', tcp(['400-443']), 443, true],
    ['range lower bound', tcp(['443-500']), 443, true],
    ['another port', tcp(['8443']), 443, false],
    ['every port (no list)', tcp(), 443, true],
    ['every port (empty list)', tcp([]), 443, true],
    ['protocol all', { ...probes, allow: [{ protocol: 'all' }] }, 443, true],
    ['udp only', { ...probes, allow: [{ protocol: 'udp', ports: ['443'] }] }, 443, false],
    ['egress', { ...tcp(['443']), direction: 'EGRESS' }, 443, false],
    ['explicit ingress', { ...tcp(['443']), direction: 'INGRESS' }, 443, true],
    ['disabled', { ...tcp(['443']), disabled: true }, 443, false],
    [
      'one probe range only',
      { source_ranges: ['35.191.0.0/16'], allow: [{ protocol: 'tcp' }] },
      443,
      false,
    ],
    // The provider requires a source for an ingress rule; without one the sources are unknown.
    ['no source ranges', { allow: [{ protocol: 'tcp' }] }, 443, true],
    ['no allow block', { ...probes }, 443, false],
    [
      'second allow block',
      { ...probes, allow: [{ protocol: 'udp' }, { protocol: 'tcp', ports: ['443'] }] },
      443,
      true,
    ],
  ])('%s', (_name, fw, port, expected) => {
    expect(admitsProbes(readFirewall(fw, 'fw'), port)).toBe(expected);
  });
});

describe('checkProbeFirewallSources (X1)', () => {
  const open = {
    source_ranges: ['0.0.0.0/0'],
    allow: [{ protocol: 'tcp', ports: ['443', '8443'] }],
  };
  test('a backend port open to the internet: one finding with the ports, the ranges and the fix', () => {
    expect(checkProbeFirewallSources(readFirewall(open, 'fw'), [443, 8443, 80])).toEqual([
      {
        rule: 'X1',
        attribute: 'source_ranges',
        value: '[0.0.0.0/0]',
        problem:
          "opens the load balancer's backend ports 443, 8443 to the whole internet, around the load balancer",
        allowed: "Google's probe and front-end ranges 35.191.0.0/16, 130.211.0.0/22",
        fix: 'set source_ranges to [35.191.0.0/16, 130.211.0.0/22] (LoadBalancerFirewall does), and give other clients their own rule and ports',
      },
    ]);
    expect(checkProbeFirewallSources(readFirewall(open, 'fw'), [443])[0].problem).toMatch(
      /backend port 443 to/,
    );
  });
  test.each<[string, object, number[]]>([
    ['IPv6 everywhere', { source_ranges: ['::/0'], allow: [{ protocol: 'tcp' }] }, [443]],
    [
      'among the probe ranges',
      { source_ranges: [...PROBE_RANGES, '0.0.0.0/0'], allow: [{ protocol: 'all' }] },
      [22],
    ],
  ])('fails: %s', (_name, fw, ports) => {
    expect(checkProbeFirewallSources(readFirewall(fw, 'fw'), ports).map((v) => v.rule)).toEqual([
      'X1',
    ]);
  });
  test.each<[string, object, number[]]>([
    ['probe ranges only', { ...probes, allow: [{ protocol: 'tcp' }] }, [443]],
    ['another port than the backends\u2019', open, [80]],
    ['no backend port known', open, []],
    ['egress', { ...open, direction: 'EGRESS' }, [443]],
    ['disabled', { ...open, disabled: true }, [443]],
    ['a private range', { source_ranges: ['10.0.0.0/8'], allow: [{ protocol: 'tcp' }] }, [443]],
  ])('passes: %s', (_name, fw, ports) => {
    expect(checkProbeFirewallSources(readFirewall(fw, 'fw'), ports)).toEqual([]);
  });
});

/** A pod spec in Terraform's shape, through the one Kubernetes reader, into the X4 model. */
const podSecurityFromTerraform = (podSpec: any) =>
  podSecurityOf(
    (
      readKubernetesObject('kubernetes_stateful_set_v1', {
        spec: { template: { spec: podSpec } },
      }) as any
    )?.spec?.template?.spec,
  );
/** A NetworkPolicy in Terraform's shape, through the one Kubernetes reader, into the X5 model. */
const ingressPolicyFromTerraform = (values: any) =>
  ingressPolicyOf(readKubernetesObject('kubernetes_network_policy_v1', values));

describe('podSecurityOf, through the Kubernetes reader', () => {
  test('reads both JSON forms and inherits the pod-level user and seccomp profile', () => {
    const synth = {
      automount_service_account_token: false,
      security_context: {
        run_as_non_root: true,
        run_as_user: '1000',
        seccomp_profile: { type: 'RuntimeDefault' },
      },
      container: [
        {
          name: 'guacd',
          security_context: {
            read_only_root_filesystem: true,
            allow_privilege_escalation: false,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
    };
    const plan = [
      {
        ...synth,
        security_context: [
          { ...synth.security_context, seccomp_profile: [{ type: 'RuntimeDefault' }] },
        ],
        container: [
          {
            ...synth.container[0],
            security_context: [
              { ...synth.container[0].security_context, capabilities: [{ drop: ['ALL'] }] },
            ],
          },
        ],
      },
    ];
    const expected = {
      automountServiceAccountToken: false,
      containers: [
        {
          name: 'guacd',
          // The provider sends run_as_non_root = false and privileged = false for a container
          // security_context that leaves them out (terraform-provider-kubernetes
          // structures_container.go), and the container's false overrides the pod's true.
          runAsNonRoot: false,
          runAsUser: 1000,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          drop: ['ALL'],
          seccompProfile: 'RuntimeDefault',
        },
      ],
    };
    expect(podSecurityFromTerraform(synth)).toEqual(expected);
    expect(podSecurityFromTerraform(plan)).toEqual(expected);
    // So the restricted profile is not met: the container says the kubelet may run root.
    expect(
      checkPodSecurity(podSecurityFromTerraform(plan), 'spec').map((v) => v.attribute),
    ).toEqual(['spec.container[guacd].security_context.run_as_non_root']);
    const explicit = {
      ...synth,
      container: [
        {
          ...synth.container[0],
          security_context: { ...synth.container[0].security_context, run_as_non_root: true },
        },
      ],
    };
    expect(checkPodSecurity(podSecurityFromTerraform(explicit), 'spec')).toEqual([]);
  });

  test('the container overrides the pod; an empty uid is unset', () => {
    const model = podSecurityFromTerraform({
      security_context: { run_as_non_root: true, run_as_user: '1000' },
      container: [{ name: 'c', security_context: { run_as_non_root: false, run_as_user: '' } }],
    });
    expect(model.containers[0]).toMatchObject({ runAsNonRoot: false, runAsUser: 1000 });
    expect(podSecurityFromTerraform(undefined)).toEqual({
      automountServiceAccountToken: undefined,
      containers: [],
    });
  });
});

describe('checkPodSecurity (X4)', () => {
  const ok = {
    name: 'guacd',
    runAsNonRoot: true,
    runAsUser: 1000,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    drop: ['ALL'],
    seccompProfile: 'RuntimeDefault',
  };
  const check = (c: Partial<typeof ok>, token: boolean | undefined = false) =>
    checkPodSecurity(
      { automountServiceAccountToken: token, containers: [{ ...ok, ...c }] },
      'spec',
    );
  const one = (c: Partial<typeof ok>) => {
    const v = check(c);
    expect(v).toHaveLength(1);
    return v[0];
  };

  test('restricted passes, also with a Localhost profile, lowercase ALL, or no uid but runAsNonRoot', () => {
    expect(check({})).toEqual([]);
    expect(check({ seccompProfile: 'Localhost' })).toEqual([]);
    expect(check({ drop: ['all'] })).toEqual([]);
    expect(check({ runAsUser: undefined })).toEqual([]);
  });

  test('each setting is named with its Terraform attribute, value, allowed and fix', () => {
    expect(one({ runAsUser: 0 })).toEqual({
      rule: 'X4',
      attribute: 'spec.container[guacd].security_context.run_as_user',
      value: '0',
      problem: 'lets the container run as root',
      allowed: 'run_as_non_root = true and a non-zero run_as_user (e.g. 1000, the image user)',
      fix: 'set run_as_non_root = true and run_as_user = "1000"',
    });
    expect(one({ runAsNonRoot: undefined, runAsUser: undefined })).toMatchObject({
      attribute: 'spec.container[guacd].security_context.run_as_user',
      value: 'not set (run_as_non_root not set)',
    });
    expect(one({ runAsNonRoot: false, runAsUser: undefined })).toMatchObject({
      value: 'not set (run_as_non_root false)',
    });
    expect(one({ runAsNonRoot: false })).toEqual({
      rule: 'X4',
      attribute: 'spec.container[guacd].security_context.run_as_non_root',
      value: 'false',
      problem: 'does not make the kubelet refuse a root user',
      allowed: 'true',
      fix: 'set run_as_non_root = true',
    });
    expect(one({ runAsNonRoot: undefined })).toMatchObject({ value: 'not set' });
    expect(one({ readOnlyRootFilesystem: false })).toEqual({
      rule: 'X4',
      attribute: 'spec.container[guacd].security_context.read_only_root_filesystem',
      value: 'false',
      problem: 'leaves the root filesystem writable',
      allowed: 'true',
      fix: 'set read_only_root_filesystem = true',
    });
    expect(one({ allowPrivilegeEscalation: undefined })).toEqual({
      rule: 'X4',
      attribute: 'spec.container[guacd].security_context.allow_privilege_escalation',
      value: 'not set',
      problem: 'lets a process gain more privileges than its parent',
      allowed: 'false',
      fix: 'set allow_privilege_escalation = false',
    });
    expect(one({ privileged: true })).toEqual({
      rule: 'X4',
      attribute: 'spec.container[guacd].security_context.privileged',
      value: 'true',
      problem: 'gives the container the host\u2019s devices',
      allowed: 'false',
      fix: 'set privileged = false',
    });
    expect(one({ drop: ['NET_RAW', 'CHOWN'] })).toEqual({
      rule: 'X4',
      attribute: 'spec.container[guacd].security_context.capabilities.drop',
      value: '[NET_RAW, CHOWN]',
      problem: 'keeps Linux capabilities guacd does not need',
      allowed: '["ALL"]',
      fix: 'set capabilities { drop = ["ALL"] }',
    });
    expect(one({ seccompProfile: 'Unconfined' })).toEqual({
      rule: 'X4',
      attribute: 'spec.container[guacd].security_context.seccomp_profile',
      value: 'Unconfined',
      problem: 'runs without a seccomp filter',
      allowed: 'RuntimeDefault (or a Localhost profile)',
      fix: 'set seccomp_profile { type = "RuntimeDefault" }',
    });
    expect(one({ seccompProfile: undefined })).toMatchObject({ value: 'not set (Unconfined)' });
  });

  test('a mounted service-account token, unset or true', () => {
    const unset = checkPodSecurity({ containers: [ok] }, 'spec');
    expect(unset).toEqual([
      {
        rule: 'X4',
        attribute: 'spec.automount_service_account_token',
        value: 'not set (true)',
        problem: 'gives guacd a Kubernetes API token it never uses',
        allowed: 'false',
        fix: 'set automount_service_account_token = false',
      },
    ]);
    expect(check({}, true)[0].value).toBe('true');
  });

  test('every container is checked', () => {
    const v = checkPodSecurity(
      {
        automountServiceAccountToken: false,
        containers: [ok, { ...ok, name: 'sidecar', privileged: true }],
      },
      'spec',
    );
    expect(v.map((x) => x.attribute)).toEqual([
      'spec.container[sidecar].security_context.privileged',
    ]);
  });
});

describe('checkIngressRestricted (X5) and ingressPolicyOf, through the Kubernetes reader', () => {
  const labels = { app: 'guacd', tier: 'proxy' };
  const policy = (p: Partial<ReturnType<typeof ingressPolicyFromTerraform>> = {}) => ({
    name: 'guacd',
    namespace: 'guacamole',
    podSelector: { app: 'guacd' },
    policyTypes: ['Ingress'],
    ingressFromCounts: [1],
    ...p,
  });
  const rules = (policies: ReturnType<typeof policy>[]) =>
    checkIngressRestricted(labels, 'guacamole', policies, 'spec.template.metadata.labels');

  test('a policy that selects the pods for Ingress from named sources passes', () => {
    expect(rules([policy()])).toEqual([]);
    expect(rules([policy({ podSelector: {} })])).toEqual([]); // selects every pod of the namespace
    expect(rules([policy({ policyTypes: [], ingressFromCounts: [1] })])).toEqual([]); // Ingress implied
  });

  test.each<[string, ReturnType<typeof policy>[]]>([
    ['no policy', []],
    ['another namespace', [policy({ namespace: 'default' })]],
    ['another selector', [policy({ podSelector: { app: 'web' } })]],
    ['a label value that differs', [policy({ podSelector: { app: 'guacd', tier: 'web' } })]],
    ['Egress only', [policy({ policyTypes: ['Egress'] })]],
    ['no types and no ingress rules', [policy({ policyTypes: [], ingressFromCounts: [] })]],
  ])('unrestricted: %s', (_name, policies) => {
    expect(rules(policies)).toEqual([
      {
        rule: 'X5',
        attribute: 'spec.template.metadata.labels',
        value: '{"app":"guacd","tier":"proxy"}',
        problem:
          'select pods in guacamole that no Ingress NetworkPolicy selects, so every pod of the cluster reaches guacd, which has no authentication',
        allowed:
          'a NetworkPolicy that selects the guacd pods and admits only the Guacamole web pods on 4822',
        fix: 'add a kubernetes_network_policy_v1 with pod_selector on these labels, policy_types ["Ingress"] and an ingress rule from the web pods (GuacdStatefulPool creates it)',
      },
    ]);
  });

  test('a rule without sources admits everyone', () => {
    expect(rules([policy({ ingressFromCounts: [1, 0] })])).toEqual([
      {
        rule: 'X5',
        attribute: 'spec.ingress.from',
        value: 'not set',
        problem: 'in NetworkPolicy guacd admits every source to the guacd pods',
        allowed: 'ingress rules that name their sources (the Guacamole web pods)',
        fix: 'give the rule a from { pod_selector { match_labels = <web pod labels> } }',
      },
    ]);
  });

  test('reads both JSON forms; no namespace is "default"', () => {
    const synth = {
      metadata: { name: 'p', namespace: 'guacamole' },
      spec: {
        pod_selector: { match_labels: { app: 'guacd' } },
        policy_types: ['Ingress'],
        ingress: [{ from: [{ pod_selector: { match_labels: { app: 'web' } } }] }, {}],
      },
    };
    const expected = {
      name: 'p',
      namespace: 'guacamole',
      podSelector: { app: 'guacd' },
      policyTypes: ['Ingress'],
      ingressFromCounts: [1, 0],
    };
    expect(ingressPolicyFromTerraform(synth)).toEqual(expected);
    expect(
      ingressPolicyFromTerraform({
        metadata: [{ name: 'p', namespace: 'guacamole' }],
        spec: [{ ...synth.spec, pod_selector: [{ match_labels: { app: 'guacd' } }] }],
      }),
    ).toEqual(expected);
    expect(ingressPolicyFromTerraform({ metadata: { name: 'p' }, spec: {} })).toEqual({
      name: 'p',
      namespace: 'default',
      podSelector: {},
      policyTypes: [],
      ingressFromCounts: [],
    });
  });
});

describe('podSecurityOf and ingressPolicyOf on objects as the API server could receive them', () => {
  const container = {
    name: '',
    runAsNonRoot: undefined,
    runAsUser: undefined,
    readOnlyRootFilesystem: undefined,
    allowPrivilegeEscalation: undefined,
    privileged: undefined,
    drop: [],
    seccompProfile: undefined,
  };

  test('a container with no name or security context: nothing is assumed', () => {
    for (const c of [{}, null, { securityContext: null }, { securityContext: {} }])
      expect(podSecurityOf({ containers: [c] }).containers).toStrictEqual([container]);
    expect(podSecurityOf({ containers: { name: 'one' } }).containers).toStrictEqual([
      { ...container, name: 'one' },
    ]);
  });

  test('an empty or null uid is unset, at either level; "0" is root', () => {
    for (const runAsUser of [undefined, null, ''])
      expect(
        podSecurityOf({
          securityContext: { runAsUser },
          containers: [{ name: 'c', securityContext: { runAsUser } }],
        }).containers[0].runAsUser,
      ).toBeUndefined();
    expect(
      podSecurityOf({ containers: [{ name: 'c', securityContext: { runAsUser: '0' } }] })
        .containers[0].runAsUser,
    ).toBe(0);
  });

  test('a NetworkPolicy with nothing set', () => {
    const empty = {
      name: '',
      namespace: 'default',
      podSelector: {},
      policyTypes: [],
      ingressFromCounts: [],
    };
    for (const p of [undefined, null, {}, { metadata: null, spec: null }])
      expect(ingressPolicyOf(p)).toStrictEqual(empty);
    expect(
      ingressPolicyOf({ spec: { podSelector: {}, ingress: [null, {}, { from: [{}, {}] }] } }),
    ).toStrictEqual({ ...empty, ingressFromCounts: [0, 0, 2] });
  });
});
