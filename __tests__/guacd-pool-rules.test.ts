/**
 * The guacd pool rules (lib/k8s/guacd-pool-rules) called directly, without cdktf: K1 on any
 * Service, sizing (K2), names (N2, N3, K3), quantities (K5), draining and rollouts (K4), ports
 * and uid (K6), the image (K7), network policy peers (K8, K9), each finding in full and each
 * bound that must give none. The pool through the construct is in guacd.test.ts.
 */
import { Duration } from '../lib/core/duration';
import { DrainingPolicy } from '../lib/core/draining-policy';
import { Vocabulary } from '../lib/core/rules';
import {
  PoolSpec,
  checkClientIpAffinityTimeout,
  checkPoolName,
  checkResourceQuantities,
  checkServiceAffinity,
  drainWarnings,
  poolReplicas,
  validatePool,
} from '../lib/k8s/guacd-pool-rules';

const TF = Vocabulary.TERRAFORM;
const s = Duration.seconds;
const token = '${var.x}' as never;
const IMAGE = `guacamole/guacd:1.5.5@sha256:${'a'.repeat(64)}`;
const pool = (o: Partial<PoolSpec> = {}) =>
  validatePool({
    name: 'guacd',
    namespace: 'guac',
    affinityServiceName: 'guacd',
    image: IMAGE,
    usersPerPod: 20,
    affinityTimeout: Duration.hours(3),
    draining: DrainingPolicy.of(Duration.minutes(30)),
    webPodSelector: { app: 'guacamole' },
    resources: { 'resources.cpuRequest': '500m', 'resources.cpuLimit': '1' },
    remoteDesktopCidrs: ['10.0.0.0/8'],
    remoteDesktopPorts: [3389],
    runAsUser: 1000,
    waitForRollout: true,
    ...o,
  });
const drain = (timeout: number, margin = 10) =>
  DrainingPolicy.withOptions({ timeout: s(timeout), shutdownMargin: s(margin) });

/** [title, result, what it must be] */
const CASES: [string, () => unknown, unknown][] = [
  // K1
  [
    'K1: the timeout bounds',
    () => [0, 1, 86_400, 86_401].map((n) => checkClientIpAffinityTimeout('t', s(n))),
    [
      [
        {
          rule: 'K1',
          attribute: 't',
          value: '0s',
          problem: 'is out of range',
          allowed: '1s..86400s (1 day)',
          fix: 'use e.g. Duration.hours(3), the Kubernetes default',
        },
      ],
      [],
      [],
      [
        {
          rule: 'K1',
          attribute: 't',
          value: '86401s',
          problem: 'is out of range',
          allowed: '1s..86400s (1 day)',
          fix: 'use e.g. Duration.hours(3), the Kubernetes default',
        },
      ],
    ],
  ],
  [
    'K1: the fix in Terraform terms',
    () => checkClientIpAffinityTimeout('t', s(0), TF),
    [
      {
        rule: 'K1',
        attribute: 't',
        value: '0s',
        problem: 'is out of range',
        allowed: '1s..86400s (1 day)',
        fix: 'set timeout_seconds to e.g. 10800, the Kubernetes default',
      },
    ],
  ],
  ['K1: a Service without affinity', () => checkServiceAffinity({}), []],
  [
    'K1: None with a config',
    () => [
      checkServiceAffinity({ session_affinity_config: {} }),
      checkServiceAffinity({ session_affinity: 'None', session_affinity_config: [{}] }, 'at'),
    ],
    [
      [
        {
          rule: 'K1',
          attribute: 'spec.session_affinity_config',
          value: 'set with session_affinity unset (None)',
          problem:
            'is forbidden without ClientIP affinity; the API server refuses the Service ("must not be set when session affinity is None")',
          allowed: 'session_affinity_config only with session_affinity = "ClientIP"',
          fix: 'set session_affinity = "ClientIP", or remove session_affinity_config',
        },
      ],
      [
        {
          rule: 'K1',
          attribute: 'at.session_affinity_config',
          value: 'set with session_affinity None',
          problem:
            'is forbidden without ClientIP affinity; the API server refuses the Service ("must not be set when session affinity is None")',
          allowed: 'session_affinity_config only with session_affinity = "ClientIP"',
          fix: 'set session_affinity = "ClientIP", or remove session_affinity_config',
        },
      ],
    ],
  ],
  [
    'K1: None with an empty or null config',
    () => [
      checkServiceAffinity({ session_affinity: 'None', session_affinity_config: [] }),
      checkServiceAffinity({ session_affinity_config: null }),
    ],
    [[], []],
  ],
  [
    'K1: not an affinity',
    () => checkServiceAffinity({ session_affinity: 'Cookie' }),
    [
      {
        rule: 'K1',
        attribute: 'spec.session_affinity',
        value: '"Cookie"',
        problem: 'is not a Service affinity; the API server refuses the Service',
        allowed: 'None or ClientIP',
        fix: 'set session_affinity = "ClientIP" (or leave it unset for None)',
      },
    ],
  ],
  [
    'K1: an expression',
    () => [
      checkServiceAffinity({ session_affinity: token }),
      checkServiceAffinity({ session_affinity: 'x-${var.a}' }),
    ],
    [[], []],
  ],
  [
    'K1: ClientIP without a config (10800)',
    () => checkServiceAffinity({ session_affinity: 'ClientIP' }),
    [],
  ],
  [
    'K1: ClientIP timeouts',
    () =>
      [0, 1, 86_400, 86_401, '86401', 1.5].map((timeout_seconds) =>
        checkServiceAffinity({
          session_affinity: 'ClientIP',
          session_affinity_config: [{ client_ip: [{ timeout_seconds }] }],
        }),
      ),
    [
      [
        {
          rule: 'K1',
          attribute: 'spec.session_affinity_config.client_ip.timeout_seconds',
          value: '0',
          problem: 'is out of range',
          allowed: 'a whole number in 1..86400',
          fix: 'use 1 up to 86400 seconds (Kubernetes allows >0 and <=86400)',
        },
      ],
      [],
      [],
      [
        {
          rule: 'K1',
          attribute: 'spec.session_affinity_config.client_ip.timeout_seconds',
          value: '86401',
          problem: 'is out of range',
          allowed: 'a whole number in 1..86400',
          fix: 'use 1 up to 86400 seconds (Kubernetes allows >0 and <=86400)',
        },
      ],
      [
        {
          rule: 'K1',
          attribute: 'spec.session_affinity_config.client_ip.timeout_seconds',
          value: '86401',
          problem: 'is out of range',
          allowed: 'a whole number in 1..86400',
          fix: 'use 1 up to 86400 seconds (Kubernetes allows >0 and <=86400)',
        },
      ],
      [
        {
          rule: 'K1',
          attribute: 'spec.session_affinity_config.client_ip.timeout_seconds',
          value: '1.5',
          problem: 'is not a whole number',
          allowed: 'a whole number in 1..86400',
          fix: 'use 1 up to 86400 seconds (Kubernetes allows >0 and <=86400)',
        },
      ],
    ],
  ],
  [
    'K1: ClientIP blocks as objects',
    () =>
      checkServiceAffinity({
        session_affinity: 'ClientIP',
        session_affinity_config: { client_ip: { timeout_seconds: 0 } },
      }),
    [
      {
        rule: 'K1',
        attribute: 'spec.session_affinity_config.client_ip.timeout_seconds',
        value: '0',
        problem: 'is out of range',
        allowed: 'a whole number in 1..86400',
        fix: 'use 1 up to 86400 seconds (Kubernetes allows >0 and <=86400)',
      },
    ],
  ],
  [
    'K1: ClientIP with an empty client_ip',
    () =>
      checkServiceAffinity({
        session_affinity: 'ClientIP',
        session_affinity_config: { client_ip: [] },
      }),
    [],
  ],
  [
    'K1: ClientIP with an expression timeout',
    () =>
      [token, '${var.t}'].map((timeout_seconds) =>
        checkServiceAffinity({
          session_affinity: 'ClientIP',
          session_affinity_config: { client_ip: { timeout_seconds } },
        }),
      ),
    [[], []],
  ],
  // poolReplicas
  [
    'poolReplicas',
    () => [
      poolReplicas({ replicas: 5, concurrentUsers: 100, usersPerPod: 20 }),
      poolReplicas({ concurrentUsers: 41, usersPerPod: 20 }),
      poolReplicas({ concurrentUsers: 40, usersPerPod: 20 }),
      poolReplicas({ concurrentUsers: 0, usersPerPod: 20 }),
      poolReplicas({ usersPerPod: 20 }),
    ],
    [5, 3, 2, 1, 3],
  ],
  // validatePool
  [
    'the reference pool: nothing',
    () => pool(),
    { findings: { errors: [], warnings: [] }, replicas: 3 },
  ],
  [
    'K1 through the pool',
    () => pool({ affinityTimeout: s(86_401) }),
    {
      findings: {
        errors: [
          {
            rule: 'K1',
            attribute: 'sessionAffinityTimeout',
            value: '86401s',
            problem: 'is out of range',
            allowed: '1s..86400s (1 day)',
            fix: 'use e.g. Duration.hours(3), the Kubernetes default',
          },
        ],
        warnings: [],
      },
      replicas: 3,
    },
  ],
  [
    'K2: replicas and concurrentUsers',
    () => pool({ replicas: 2, concurrentUsers: 40 }),
    {
      findings: {
        errors: [
          {
            rule: 'K2',
            attribute: 'replicas',
            value: '2',
            problem: 'is given together with concurrentUsers 40; one of them would be ignored',
            allowed: 'replicas or concurrentUsers',
            fix: 'keep one of them',
          },
        ],
        warnings: [],
      },
      replicas: 1,
    },
  ],
  [
    'K2: replicas bounds',
    () => [0, 1, 2_147_483_647].map((replicas) => pool({ replicas })),
    [
      {
        findings: {
          errors: [],
          warnings: [
            {
              rule: 'K2',
              attribute: 'replicas',
              value: '0',
              problem:
                'runs no guacd pod: every remote-desktop connection fails until the pool is scaled up',
              allowed: '1 or more to serve sessions (0 parks the pool)',
              fix: 'set replicas: 3 (or concurrentUsers), or keep 0 while the pool is parked',
            },
          ],
        },
        replicas: 0,
      },
      { findings: { errors: [], warnings: [] }, replicas: 1 },
      {
        findings: {
          errors: [],
          warnings: [
            {
              rule: 'K4',
              attribute: 'draining.timeout',
              value: '30 minutes (1800s)',
              problem:
                'makes a rollout of 2147483647 pods take up to 2147483647 \u00d7 1815s = 1082689672.0 hours (pods are replaced one at a time, each waiting for its sessions)',
              allowed: 'a rollout of at most 8 hours (replicas \u00d7 grace period)',
              fix: 'shorten the drain or use fewer, larger pods, or accept long rollouts',
            },
          ],
        },
        replicas: 2147483647,
      },
    ],
  ],
  [
    'K2: replicas above int32',
    () => pool({ replicas: 2_147_483_648 }),
    {
      findings: {
        errors: [
          {
            rule: 'K2',
            attribute: 'replicas',
            value: '2147483648',
            problem: 'is out of range',
            allowed: 'a whole number in 0..2147483647',
            fix: 'use a whole number of pods, e.g. 3',
          },
        ],
        warnings: [],
      },
      replicas: 1,
    },
  ],
  [
    'K2: replicas negative or fractional',
    () => [-1, 1.5].map((replicas) => pool({ replicas })),
    [
      {
        findings: {
          errors: [
            {
              rule: 'K2',
              attribute: 'replicas',
              value: '-1',
              problem: 'is out of range',
              allowed: 'a whole number of 0 or more',
              fix: 'use a whole number of pods, e.g. 3',
            },
          ],
          warnings: [],
        },
        replicas: 1,
      },
      {
        findings: {
          errors: [
            {
              rule: 'K2',
              attribute: 'replicas',
              value: '1.5',
              problem: 'is not a whole number',
              allowed: 'a whole number of 0 or more',
              fix: 'use a whole number of pods, e.g. 3',
            },
          ],
          warnings: [],
        },
        replicas: 1,
      },
    ],
  ],
  [
    'K2: concurrentUsers 0',
    () => pool({ concurrentUsers: 0 }),
    {
      findings: {
        errors: [
          {
            rule: 'K2',
            attribute: 'concurrentUsers',
            value: '0',
            problem: 'is out of range',
            allowed: 'a whole number of 1 or more',
            fix: 'use a positive whole number of users',
          },
        ],
        warnings: [],
      },
      replicas: 1,
    },
  ],
  [
    'K2: usersPerPod',
    () =>
      [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '20' as never].map((usersPerPod) =>
        pool({ usersPerPod, concurrentUsers: 40 }),
      ),
    [
      {
        findings: {
          errors: [
            {
              rule: 'K2',
              attribute: 'usersPerPod',
              value: '0',
              problem: 'must be a finite number greater than 0',
              allowed: 'a positive number, e.g. 20 users per guacd pod',
              fix: 'use e.g. 20',
            },
          ],
          warnings: [],
        },
        replicas: 1,
      },
      {
        findings: {
          errors: [
            {
              rule: 'K2',
              attribute: 'usersPerPod',
              value: '-1',
              problem: 'must be a finite number greater than 0',
              allowed: 'a positive number, e.g. 20 users per guacd pod',
              fix: 'use e.g. 20',
            },
          ],
          warnings: [],
        },
        replicas: 1,
      },
      {
        findings: {
          errors: [
            {
              rule: 'K2',
              attribute: 'usersPerPod',
              value: 'NaN',
              problem: 'must be a finite number greater than 0',
              allowed: 'a positive number, e.g. 20 users per guacd pod',
              fix: 'use e.g. 20',
            },
          ],
          warnings: [],
        },
        replicas: 1,
      },
      {
        findings: {
          errors: [
            {
              rule: 'K2',
              attribute: 'usersPerPod',
              value: 'Infinity',
              problem: 'must be a finite number greater than 0',
              allowed: 'a positive number, e.g. 20 users per guacd pod',
              fix: 'use e.g. 20',
            },
          ],
          warnings: [],
        },
        replicas: 1,
      },
      {
        findings: {
          errors: [
            {
              rule: 'K2',
              attribute: 'usersPerPod',
              value: '20',
              problem: 'must be a finite number greater than 0',
              allowed: 'a positive number, e.g. 20 users per guacd pod',
              fix: 'use e.g. 20',
            },
          ],
          warnings: [],
        },
        replicas: 1,
      },
    ],
  ],
  [
    'K2: usersPerPod as a token',
    () => pool({ usersPerPod: token, replicas: 2 }),
    { findings: { errors: [], warnings: [] }, replicas: 2 },
  ],
  [
    'K2: more pods than int32',
    () =>
      [1, 2].map((usersPerPod) =>
        pool({ concurrentUsers: 2_147_483_648 * usersPerPod, usersPerPod }),
      ),
    [
      {
        findings: {
          errors: [
            {
              rule: 'K2',
              attribute: 'concurrentUsers',
              value: '2147483648',
              problem:
                'needs more pods at 1 user per pod than a StatefulSet can have (replicas is an int32, at most 2147483647)',
              allowed: 'at most 2147483647 users at 1 user per pod (2147483647 pods)',
              fix: 'raise usersPerPod or split the users over several pools',
            },
          ],
          warnings: [],
        },
        replicas: 1,
      },
      {
        findings: {
          errors: [
            {
              rule: 'K2',
              attribute: 'concurrentUsers',
              value: '4294967296',
              problem:
                'needs more pods at 2 users per pod than a StatefulSet can have (replicas is an int32, at most 2147483647)',
              allowed: 'at most 4294967294 users at 2 users per pod (2147483647 pods)',
              fix: 'raise usersPerPod or split the users over several pools',
            },
          ],
          warnings: [],
        },
        replicas: 1,
      },
    ],
  ],
  [
    'K2: exactly int32 pods',
    () =>
      pool({ concurrentUsers: 2_147_483_647, usersPerPod: 1, draining: DrainingPolicy.disabled() })
        .findings.errors,
    [],
  ],
  [
    'N2 and K3 through the pool',
    () => pool({ name: 'x'.repeat(53) }),
    {
      findings: {
        errors: [
          {
            rule: 'K3',
            attribute: 'name',
            value: '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
            problem:
              'is 53 characters long: the StatefulSet could never create a pod, because each pod gets the label controller-revision-hash=<name>-<10-character hash>, longer than 63 characters (the names derived from it, <name>-2 and <name>-headless, must fit too)',
            allowed: 'a DNS-1035 label of at most 52 characters',
            fix: 'set name to e.g. "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
          },
        ],
        warnings: [],
      },
      replicas: 3,
    },
  ],
  [
    'names through the pool',
    () => pool({ affinityServiceName: '1bad', namespace: 'Guac', webNamespace: 'Web' }),
    {
      findings: {
        errors: [
          {
            rule: 'N2',
            attribute: 'affinityServiceName',
            value: '"1bad"',
            problem: 'is not a Kubernetes DNS-1035 label (the rule for Service names)',
            allowed:
              'lowercase letters, digits and hyphens, starting with a letter, ending with a letter or digit, 1..63 characters; at most 63 characters here',
            fix: 'set affinityServiceName to e.g. "bad"',
          },
          {
            rule: 'N3',
            attribute: 'namespace',
            value: '"Guac"',
            problem: 'is not a Kubernetes DNS-1123 label (the rule for namespaces)',
            allowed:
              'lowercase letters, digits and hyphens, starting and ending with a letter or digit, 1..63 characters; at most 63 characters here',
            fix: 'set namespace to e.g. "guac"',
          },
          {
            rule: 'N3',
            attribute: 'webNamespace',
            value: '"Web"',
            problem: 'is not a Kubernetes DNS-1123 label (the rule for namespaces)',
            allowed:
              'lowercase letters, digits and hyphens, starting and ending with a letter or digit, 1..63 characters; at most 63 characters here',
            fix: 'set webNamespace to e.g. "web"',
          },
        ],
        warnings: [],
      },
      replicas: 3,
    },
  ],
  [
    'K5 through the pool',
    () =>
      pool({ resources: { 'resources.memoryRequest': '1Gi', 'resources.memoryLimit': '512Mi' } }),
    {
      findings: {
        errors: [
          {
            rule: 'K5',
            attribute: 'resources.memoryRequest',
            value: '"1Gi"',
            problem: 'is above the memory limit; Kubernetes rejects the pod',
            allowed: 'at most the limit, "512Mi"',
            fix: 'lower resources.memoryRequest to the limit or less, or raise resources.memoryLimit',
          },
        ],
        warnings: [],
      },
      replicas: 3,
    },
  ],
  [
    'K4: draining errors stop the warnings',
    () =>
      (({ findings }) => [findings.errors.map((e) => e.rule), findings.warnings])(
        pool({ replicas: 100, draining: DrainingPolicy.of(s(3600.5)) }),
      ),
    [['K4'], []],
  ],
  [
    'K4: disabled draining',
    () => pool({ draining: DrainingPolicy.disabled() }),
    {
      findings: {
        errors: [],
        warnings: [
          {
            rule: 'K4',
            attribute: 'draining.timeout',
            value: '0s',
            problem:
              'disables draining: every rollout, node drain or scale-in cuts every open remote-desktop session of the pod at once (guacd ends all connections on SIGTERM)',
            allowed: 'a drain as long as a session may run, e.g. 30 minutes',
            fix: 'use DrainingPolicy.of(Duration.minutes(30)), or keep 0 if cutting sessions is intended',
          },
        ],
      },
      replicas: 3,
    },
  ],
  [
    'K4: waitForRollout false',
    () => pool({ waitForRollout: false }),
    {
      findings: {
        errors: [],
        warnings: [
          {
            rule: 'K4',
            attribute: 'waitForRollout',
            value: 'false',
            problem:
              'makes terraform apply return before pods are replaced; a failed rollout (or one still draining sessions) is not reported',
            allowed: 'true (the update timeout is sized for replicas \u00d7 grace period)',
            fix: 'leave waitForRollout unset, or watch `kubectl rollout status statefulset/<name>` yourself',
          },
        ],
      },
      replicas: 3,
    },
  ],
  [
    'K6: ports and uid',
    () => pool({ remoteDesktopPorts: [0, 1, 65535, 65536], runAsUser: 0 }),
    {
      findings: {
        errors: [
          {
            rule: 'K6',
            attribute: 'remoteDesktopPorts',
            value: '0',
            problem: 'is out of range',
            allowed: 'a whole number in 1..65535',
            fix: 'use TCP ports 1..65535',
          },
          {
            rule: 'K6',
            attribute: 'remoteDesktopPorts',
            value: '65536',
            problem: 'is out of range',
            allowed: 'a whole number in 1..65535',
            fix: 'use TCP ports 1..65535',
          },
          {
            rule: 'K6',
            attribute: 'runAsUser',
            value: '0',
            problem: 'is out of range',
            allowed: 'a whole number in 1..2147483647',
            fix: 'use a non-root uid such as 1000 (the image user)',
          },
        ],
        warnings: [],
      },
      replicas: 3,
    },
  ],
  [
    'K6: the largest uid',
    () => [2_147_483_647, 2_147_483_648].map((runAsUser) => pool({ runAsUser })),
    [
      { findings: { errors: [], warnings: [] }, replicas: 3 },
      {
        findings: {
          errors: [
            {
              rule: 'K6',
              attribute: 'runAsUser',
              value: '2147483648',
              problem: 'is out of range',
              allowed: 'a whole number in 1..2147483647',
              fix: 'use a non-root uid such as 1000 (the image user)',
            },
          ],
          warnings: [],
        },
        replicas: 3,
      },
    ],
  ],
  [
    'K7 through the pool',
    () => pool({ image: 'guacamole/guacd' }),
    {
      findings: {
        errors: [],
        warnings: [
          {
            rule: 'K7',
            attribute: 'image',
            value: '"guacamole/guacd"',
            problem:
              'is not pinned: every node may pull a different guacd, and a restart can change the version under live sessions',
            allowed: 'a version tag or digest, e.g. guacamole/guacd:1.6.0',
            fix: 'use "guacamole/guacd:1.6.0"',
          },
        ],
      },
      replicas: 3,
    },
  ],
  [
    'K8: an empty web selector',
    () => pool({ webPodSelector: {} }),
    {
      findings: {
        errors: [
          {
            rule: 'K8',
            attribute: 'webPodSelector',
            value: '{}',
            problem:
              'would select every pod of the namespace; guacd has no authentication, so only the Guacamole web pods may reach it',
            allowed: 'labels of the Guacamole web pods',
            fix: "set webPodSelector: { 'app.kubernetes.io/name': 'guacamole' }",
          },
        ],
        warnings: [],
      },
      replicas: 3,
    },
  ],
  [
    'K8: no web selector',
    () => pool({ webPodSelector: undefined as never }),
    {
      findings: {
        errors: [
          {
            rule: 'K8',
            attribute: 'webPodSelector',
            value: '{}',
            problem:
              'would select every pod of the namespace; guacd has no authentication, so only the Guacamole web pods may reach it',
            allowed: 'labels of the Guacamole web pods',
            fix: "set webPodSelector: { 'app.kubernetes.io/name': 'guacamole' }",
          },
        ],
        warnings: [],
      },
      replicas: 3,
    },
  ],
  [
    'K8: a bad label',
    () => pool({ webPodSelector: { 'bad key!': 'x' } }),
    {
      findings: {
        errors: [
          {
            rule: 'K10',
            attribute: 'webPodSelector',
            value: '"bad key!"',
            problem: 'is, as a key, not a Kubernetes label key',
            allowed:
              '[prefix/]name: prefix a lowercase DNS subdomain (at most 253 characters), name 1..63 characters of letters, digits, "-", "_", "." starting and ending with a letter or digit',
            fix: 'use e.g. "bad-key"',
          },
        ],
        warnings: [],
      },
      replicas: 3,
    },
  ],
  [
    'K9: CIDRs',
    () =>
      pool({
        remoteDesktopCidrs: [
          '10.0.0.0/8',
          '10.0.0.1/32',
          '0.0.0.0/0',
          'fd00::/8',
          '::/0',
          '2001:db8::1/128',
          token,
        ],
      }),
    { findings: { errors: [], warnings: [] }, replicas: 3 },
  ],
  [
    'K9: not CIDRs',
    () =>
      pool({
        remoteDesktopCidrs: [
          '10.0.0.0',
          '10.0.0.256/8',
          '10.0.0.0/33',
          'fd00::/129',
          'fd00::/x',
          '/8',
          'fd00::/1234',
          'zz::/8',
          42 as never,
        ],
      }).findings.errors.map((e) => e.value),
    [
      '"10.0.0.0"',
      '"10.0.0.256/8"',
      '"10.0.0.0/33"',
      '"fd00::/129"',
      '"fd00::/x"',
      '"/8"',
      '"fd00::/1234"',
      '"zz::/8"',
      '42',
    ],
  ],
  [
    'K9: the first K9 in full',
    () => pool({ remoteDesktopCidrs: ['10.0.0.0'] }).findings.errors,
    [
      {
        rule: 'K9',
        attribute: 'remoteDesktopCidrs',
        value: '"10.0.0.0"',
        problem: 'is not a CIDR',
        allowed:
          'a.b.c.d/n with octets 0..255 and a prefix length 0..32, or an IPv6 address/n with n 0..128',
        fix: 'use e.g. 10.0.0.0/8 or fd00::/8',
      },
    ],
  ],
  [
    'K9: no egress',
    () => [pool({ remoteDesktopCidrs: [] }), pool({ remoteDesktopPorts: [] })],
    [
      {
        findings: {
          errors: [],
          warnings: [
            {
              rule: 'K9',
              attribute: 'remoteDesktopCidrs / remoteDesktopPorts',
              value: '[]',
              problem: 'leaves guacd no egress but DNS: it cannot open any remote desktop',
              allowed: 'the CIDRs and ports of your RDP/VNC/SSH targets',
              fix: 'list the target networks and ports',
            },
          ],
        },
        replicas: 3,
      },
      {
        findings: {
          errors: [],
          warnings: [
            {
              rule: 'K9',
              attribute: 'remoteDesktopCidrs / remoteDesktopPorts',
              value: '[]',
              problem: 'leaves guacd no egress but DNS: it cannot open any remote desktop',
              allowed: 'the CIDRs and ports of your RDP/VNC/SSH targets',
              fix: 'list the target networks and ports',
            },
          ],
        },
        replicas: 3,
      },
    ],
  ],
  // checkPoolName
  [
    'checkPoolName: 52 and 53 characters',
    () => [52, 53].map((n) => checkPoolName('a'.repeat(n), 3)),
    [
      [],
      [
        {
          rule: 'K3',
          attribute: 'name',
          value: '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
          problem:
            'is 53 characters long: the StatefulSet could never create a pod, because each pod gets the label controller-revision-hash=<name>-<10-character hash>, longer than 63 characters (the names derived from it, <name>-2 and <name>-headless, must fit too)',
          allowed: 'a DNS-1035 label of at most 52 characters',
          fix: 'set name to e.g. "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
        },
      ],
    ],
  ],
  [
    'checkPoolName: 53 characters in Terraform terms, a cut at a hyphen',
    () => checkPoolName(`${'a'.repeat(51)}-bc`, 1, TF),
    [
      {
        rule: 'K3',
        attribute: 'name',
        value: '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bc"',
        problem:
          'is 54 characters long: the StatefulSet could never create a pod, because each pod gets the label controller-revision-hash=<name>-<10-character hash>, longer than 63 characters (the names derived from it, <name>-0 and <name>-headless, must fit too)',
        allowed: 'a DNS-1035 label of at most 52 characters',
        fix: 'set metadata.name to e.g. "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
      },
    ],
  ],
  [
    'checkPoolName: no replicas',
    () => checkPoolName('a'.repeat(60), 0),
    [
      {
        rule: 'K3',
        attribute: 'name',
        value: '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
        problem:
          'is 60 characters long: the StatefulSet could never create a pod, because each pod gets the label controller-revision-hash=<name>-<10-character hash>, longer than 63 characters (the names derived from it, <name>-0 and <name>-headless, must fit too)',
        allowed: 'a DNS-1035 label of at most 52 characters',
        fix: 'set name to e.g. "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
      },
    ],
  ],
  [
    'checkPoolName: a bad shape is N2 only',
    () => [checkPoolName('A'.repeat(60), 3), checkPoolName('Guacd', 3)],
    [
      [
        {
          rule: 'N2',
          attribute: 'name',
          value: '"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"',
          problem: 'is not a Kubernetes DNS-1035 label (the rule for Service names)',
          allowed:
            'lowercase letters, digits and hyphens, starting with a letter, ending with a letter or digit, 1..63 characters; at most 52 characters here',
          fix: 'set name to e.g. "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
        },
      ],
      [
        {
          rule: 'N2',
          attribute: 'name',
          value: '"Guacd"',
          problem: 'is not a Kubernetes DNS-1035 label (the rule for Service names)',
          allowed:
            'lowercase letters, digits and hyphens, starting with a letter, ending with a letter or digit, 1..63 characters; at most 52 characters here',
          fix: 'set name to e.g. "guacd"',
        },
      ],
    ],
  ],
  ['checkPoolName: a token name', () => checkPoolName(token, 3), []],
  // checkResourceQuantities
  [
    'K5: quantities that do not parse',
    () =>
      checkResourceQuantities({
        'resources.cpuRequest': 'half',
        'resources.memoryLimit': '1 GB',
        'resources.cpuLimit': token,
      }),
    [
      {
        rule: 'K5',
        attribute: 'resources.cpuRequest',
        value: '"half"',
        problem: 'is not a Kubernetes quantity',
        allowed: 'cores or millicores, e.g. "500m" or "0.5"',
        fix: 'use e.g. "500m"',
      },
      {
        rule: 'K5',
        attribute: 'resources.memoryLimit',
        value: '"1 GB"',
        problem: 'is not a Kubernetes quantity',
        allowed: 'bytes with a unit, e.g. "512Mi" or "1G"',
        fix: 'use e.g. "512Mi"',
      },
    ],
  ],
  [
    'K5: requests above limits',
    () =>
      checkResourceQuantities({
        'resources.cpuRequest': '2',
        'resources.cpuLimit': '1500m',
        'resources.memoryRequest': '2Gi',
        'resources.memoryLimit': '1Gi',
      }),
    [
      {
        rule: 'K5',
        attribute: 'resources.cpuRequest',
        value: '"2"',
        problem: 'is above the cpu limit; Kubernetes rejects the pod',
        allowed: 'at most the limit, "1500m"',
        fix: 'lower resources.cpuRequest to the limit or less, or raise resources.cpuLimit',
      },
      {
        rule: 'K5',
        attribute: 'resources.memoryRequest',
        value: '"2Gi"',
        problem: 'is above the memory limit; Kubernetes rejects the pod',
        allowed: 'at most the limit, "1Gi"',
        fix: 'lower resources.memoryRequest to the limit or less, or raise resources.memoryLimit',
      },
    ],
  ],
  [
    'K5: requests above limits, Terraform',
    () => checkResourceQuantities({ 'resources.cpuRequest': '2', 'resources.cpuLimit': '1' }, TF),
    [
      {
        rule: 'K5',
        attribute: 'resources.cpuRequest',
        value: '"2"',
        problem: 'is above the cpu limit; Kubernetes rejects the pod',
        allowed: 'at most the limit, "1"',
        fix: 'lower requests.cpu to the limit or less, or raise limits.cpu',
      },
    ],
  ],
  [
    'K5: equal, or only one side',
    () => [
      checkResourceQuantities({ 'resources.cpuRequest': '1', 'resources.cpuLimit': '1000m' }),
      checkResourceQuantities({ 'resources.memoryRequest': '9Gi' }),
      checkResourceQuantities({
        'resources.memoryRequest': 'x',
        'resources.memoryLimit': '1Gi',
      }).map((v) => v.problem),
    ],
    [[], [], ['is not a Kubernetes quantity']],
  ],
  // drainWarnings
  [
    'K4: disabled, construct and Terraform',
    () => [
      drainWarnings(DrainingPolicy.disabled(), 3),
      drainWarnings(DrainingPolicy.disabled(), 3, TF),
    ],
    [
      [
        {
          rule: 'K4',
          attribute: 'draining.timeout',
          value: '0s',
          problem:
            'disables draining: every rollout, node drain or scale-in cuts every open remote-desktop session of the pod at once (guacd ends all connections on SIGTERM)',
          allowed: 'a drain as long as a session may run, e.g. 30 minutes',
          fix: 'use DrainingPolicy.of(Duration.minutes(30)), or keep 0 if cutting sessions is intended',
        },
      ],
      [
        {
          rule: 'K4',
          attribute: 'draining.timeout',
          value: '0s',
          problem:
            'disables draining: every rollout, node drain or scale-in cuts every open remote-desktop session of the pod at once (guacd ends all connections on SIGTERM)',
          allowed: 'a drain as long as a session may run, e.g. 30 minutes',
          fix: 'add a lifecycle pre_stop exec hook that waits while guacd has open connections on 4822, and a termination_grace_period_seconds longer than that wait (GuacdStatefulPool renders both)',
        },
      ],
    ],
  ],
  ['K4: a rollout of exactly 8 hours', () => drainWarnings(drain(950, 10), 30), []],
  [
    'K4: a rollout over 8 hours',
    () => [drainWarnings(drain(951, 10), 30), drainWarnings(drain(951, 10), 30, TF)],
    [
      [
        {
          rule: 'K4',
          attribute: 'draining.timeout',
          value: '951s',
          problem:
            'makes a rollout of 30 pods take up to 30 \u00d7 961s = 8.0 hours (pods are replaced one at a time, each waiting for its sessions)',
          allowed: 'a rollout of at most 8 hours (replicas \u00d7 grace period)',
          fix: 'shorten the drain to Duration.seconds(950) or less, or accept long rollouts',
        },
      ],
      [
        {
          rule: 'K4',
          attribute: 'draining.timeout',
          value: '951s',
          problem:
            'makes a rollout of 30 pods take up to 30 \u00d7 961s = 8.0 hours (pods are replaced one at a time, each waiting for its sessions)',
          allowed: 'a rollout of at most 8 hours (replicas \u00d7 grace period)',
          fix: 'shorten the pre_stop wait to 950 seconds or less, or accept long rollouts',
        },
      ],
    ],
  ],
  [
    'K4: a rollout over 8 hours with little room per pod',
    () => drainWarnings(drain(3600, 10), 400),
    [
      {
        rule: 'K4',
        attribute: 'draining.timeout',
        value: '3600s',
        problem:
          'makes a rollout of 400 pods take up to 400 \u00d7 3610s = 401.1 hours (pods are replaced one at a time, each waiting for its sessions)',
        allowed: 'a rollout of at most 8 hours (replicas \u00d7 grace period)',
        fix: 'shorten the drain to Duration.seconds(62) or less, or accept long rollouts',
      },
    ],
  ],
  [
    'K4: exactly 60 seconds per pod',
    () => drainWarnings(drain(3600, 10), 411),
    [
      {
        rule: 'K4',
        attribute: 'draining.timeout',
        value: '3600s',
        problem:
          'makes a rollout of 411 pods take up to 411 \u00d7 3610s = 412.1 hours (pods are replaced one at a time, each waiting for its sessions)',
        allowed: 'a rollout of at most 8 hours (replicas \u00d7 grace period)',
        fix: 'shorten the drain to Duration.seconds(60) or less, or accept long rollouts',
      },
    ],
  ],
  [
    'K4: under 60 seconds per pod',
    () => drainWarnings(drain(3600, 10), 412),
    [
      {
        rule: 'K4',
        attribute: 'draining.timeout',
        value: '3600s',
        problem:
          'makes a rollout of 412 pods take up to 412 \u00d7 3610s = 413.1 hours (pods are replaced one at a time, each waiting for its sessions)',
        allowed: 'a rollout of at most 8 hours (replicas \u00d7 grace period)',
        fix: 'shorten the drain or use fewer, larger pods, or accept long rollouts',
      },
    ],
  ],
  ['K4: a token drain', () => drainWarnings(DrainingPolicy.of(Duration._read(token)), 3), []],
];

test.each(CASES)('%s', (_title, run, expected) => {
  expect(run()).toEqual(expected);
});

describe('edges the cases above leave open', () => {
  const k9 = (cidr: string) =>
    pool({ remoteDesktopCidrs: [cidr] }).findings.errors.map((e) => e.rule);

  test('K9: an IPv6 prefix is 1 to 3 digits and nothing else', () => {
    for (const cidr of ['fd00::/1e2', 'fd00::/+12', 'fd00::/12 ', 'fd00::/0x10', 'fd00::'])
      expect([cidr, k9(cidr)]).toEqual([cidr, ['K9']]);
    expect(k9('fd00::/128')).toEqual([]);
  });

  test('K1: an escaped "$${" is text, so the value is judged', () => {
    expect(checkServiceAffinity({ session_affinity: 'a$${b}' }).map((v) => v.rule)).toEqual(['K1']);
    expect(
      checkServiceAffinity({
        session_affinity: 'ClientIP',
        session_affinity_config: { client_ip: { timeout_seconds: '$${t}' } },
      }).map((v) => v.problem),
    ).toEqual(['is not a finite number']);
  });

  test('K3 only for a well-formed name; a name that is not a string is P1', () => {
    const rules = (name: string) => checkPoolName(name, 3).map((v) => v.rule);
    expect(rules(`1${'a'.repeat(59)}`)).toEqual(['N2']);
    expect(rules(`${'a'.repeat(59)}-`)).toEqual(['N2']);
    expect(rules('a'.repeat(53))).toEqual(['K3']);
    expect(checkPoolName([`${'a'.repeat(60)}`] as never, 3).map((v) => v.rule)).toEqual(['P1']);
  });

  test('K3: the suggested name is cut and loses only the hyphens at its end', () => {
    expect(checkPoolName(`ab-${'c'.repeat(47)}--x`, 3)[0].fix).toBe(
      `set name to e.g. "ab-${'c'.repeat(47)}"`,
    );
  });
});
