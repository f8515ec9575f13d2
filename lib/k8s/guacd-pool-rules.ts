import { isIPv6 } from 'net';
import { cdktfModule } from '../core/cdktf-lazy';
/**
 * Rules of `GuacdStatefulPool` (K1–K10, N2, N3; docs/RULES.md).
 */
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleFindings, RuleViolation } from '../core/errors';
import {
  Vocabulary,
  checkDurationSeconds,
  checkIntRange,
  inTerms,
  isUnresolved,
} from '../core/rules';
import { checkDns1035Label, checkDns1123Label, checkLabelSelector } from '../core/names';
import { parseQuantity } from './quantity';
import { checkImageReference } from './image-reference';
import { validatePodDraining } from './pod-draining';

/** guacd's port (`EXPOSE 4822`, `-l` default). */
export const GUACD_PORT = 4822;
/**
 * The most replicas a StatefulSet or Deployment can have: `spec.replicas` is an int32,
 * validated only to be non-negative (kubernetes/kubernetes pkg/apis/apps/validation,
 * `ValidateNonnegativeField`); the API refuses a larger JSON number when it decodes it.
 */
export const MAX_REPLICAS = 2_147_483_647;
/** Kubernetes' ClientIP affinity limit: `>0 && <=86400`. */
export const MAX_CLIENT_IP_AFFINITY_SECONDS = 86_400;

/** Normalised settings of a pool (defaults applied). */
export interface PoolSpec {
  readonly name: string;
  readonly namespace: string;
  readonly affinityServiceName: string;
  readonly image: string;
  readonly replicas?: number;
  readonly concurrentUsers?: number;
  readonly usersPerPod: number;
  readonly affinityTimeout: Duration;
  readonly draining: DrainingPolicy;
  readonly webPodSelector: { [key: string]: string };
  readonly webNamespace?: string;
  /** Resource quantities by attribute name (`resources.cpuRequest` ...). */
  readonly resources: { [attribute: string]: string };
  readonly remoteDesktopCidrs: string[];
  readonly remoteDesktopPorts: number[];
  readonly runAsUser: number;
  readonly waitForRollout: boolean;
}

/**
 * The longest StatefulSet name whose pods can be created: pods carry the label
 * `controller-revision-hash=<name>-<10-character hash>`, and a label value has at most 63
 * characters (kubernetes/kubernetes#64023).
 */
export const MAX_STATEFUL_SET_NAME_LENGTH = 52;
/** A rollout longer than this (replicas × grace period) warns: more than a working day. */
export const MAX_QUIET_ROLLOUT_SECONDS = 8 * 3600;

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** An IPv4 or IPv6 CIDR, as NetworkPolicy `ipBlock.cidr` accepts (host bits may be set). */
function isCidr(cidr: string): boolean {
  if (typeof cidr !== 'string') return false;
  const m = CIDR.exec(cidr);
  if (m) return m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
  // No slash: the prefix is the whole text, which is no address; "/n": isIPv6('') is false.
  const slash = cidr.lastIndexOf('/');
  const prefix = cidr.slice(slash + 1);
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= 128 && isIPv6(cidr.slice(0, slash));
}

/** K1: a ClientIP affinity timeout Kubernetes accepts (any Service, not only the pool's). */
export function checkClientIpAffinityTimeout(
  attribute: string,
  timeout: Duration,
  vocabulary = Vocabulary.CONSTRUCT,
): RuleViolation[] {
  return checkDurationSeconds(
    'K1',
    attribute,
    timeout,
    1,
    MAX_CLIENT_IP_AFFINITY_SECONDS,
    inTerms(
      vocabulary,
      'use e.g. Duration.hours(3), the Kubernetes default',
      'set timeout_seconds to e.g. 10800, the Kubernetes default',
    ),
  );
}

/** The Service values K1 reads (Terraform's `kubernetes_service_v1` spec, snake_case). */
export interface ServiceAffinityValues {
  /** `spec.session_affinity`: None (the default) or ClientIP. */
  readonly session_affinity?: string;
  /** `spec.session_affinity_config` (a block, possibly a list of one). */
  readonly session_affinity_config?: unknown;
}

const AFFINITY_TYPES = ['None', 'ClientIP'];

/**
 * K1 on any Service, as the API server validates it (kubernetes/kubernetes
 * pkg/apis/core/validation/validation.go, `ValidateService`): sessionAffinity is None or
 * ClientIP; with ClientIP the timeout is in 1..86400 (defaulted to 10800 when the config is
 * absent); with None, a sessionAffinityConfig is forbidden ("must not be set when session
 * affinity is None"), so the Service is refused. For the Aspect and lint.
 */
export function checkServiceAffinity(values: ServiceAffinityValues, at = 'spec'): RuleViolation[] {
  const affinity = values.session_affinity ?? 'None';
  // A value Terraform decides (`${...}`, a token) is checked by the API server, not here.
  if (isUnresolved(affinity)) return [];
  const raw = values.session_affinity_config;
  const config = (Array.isArray(raw) ? raw[0] : raw) as { client_ip?: unknown } | undefined | null;
  // An empty block list gives no config.
  const given = config !== undefined && config !== null;
  if (!AFFINITY_TYPES.includes(affinity)) {
    return [
      {
        rule: 'K1',
        attribute: `${at}.session_affinity`,
        value: JSON.stringify(affinity),
        problem: 'is not a Service affinity; the API server refuses the Service',
        allowed: AFFINITY_TYPES.join(' or '),
        fix: 'set session_affinity = "ClientIP" (or leave it unset for None)',
      },
    ];
  }
  if (affinity === 'None') {
    return given
      ? [
          {
            rule: 'K1',
            attribute: `${at}.session_affinity_config`,
            value: `set with session_affinity ${values.session_affinity === undefined ? 'unset (None)' : 'None'}`,
            problem:
              'is forbidden without ClientIP affinity; the API server refuses the Service ("must not be set when session affinity is None")',
            allowed: 'session_affinity_config only with session_affinity = "ClientIP"',
            fix: 'set session_affinity = "ClientIP", or remove session_affinity_config',
          },
        ]
      : [];
  }
  const clientIp = (config as { client_ip?: unknown } | undefined)?.client_ip;
  const block = (Array.isArray(clientIp) ? clientIp[0] : clientIp) as
    { timeout_seconds?: unknown } | undefined;
  const timeout = block?.timeout_seconds ?? 10_800;
  if (isUnresolved(timeout)) return [];
  return checkIntRange(
    'K1',
    `${at}.session_affinity_config.client_ip.timeout_seconds`,
    typeof timeout === 'number' ? timeout : Number(timeout),
    1,
    MAX_CLIENT_IP_AFFINITY_SECONDS,
    'use 1 up to 86400 seconds (Kubernetes allows >0 and <=86400)',
  );
}

/** Replicas from the props: given directly, or ceil(concurrentUsers / usersPerPod), or 3. */
export function poolReplicas(
  spec: Pick<PoolSpec, 'replicas' | 'concurrentUsers' | 'usersPerPod'>,
): number {
  if (spec.replicas !== undefined) return spec.replicas;
  if (isUnresolved(spec.concurrentUsers) || isUnresolved(spec.usersPerPod)) {
    const { Fn, Op, Token } = cdktfModule();
    return Token.asNumber(
      Fn.max([1, Fn.ceil(Op.div(spec.concurrentUsers as number, spec.usersPerPod))]),
    );
  }
  if (spec.concurrentUsers !== undefined)
    return Math.max(1, Math.ceil(spec.concurrentUsers / spec.usersPerPod));
  return 3;
}

/** All rules; returns the replica count it validated. */
export function validatePool(spec: PoolSpec): { findings: RuleFindings; replicas: number } {
  const errors: RuleViolation[] = [];
  const warnings: RuleViolation[] = [];

  errors.push(...checkClientIpAffinityTimeout('sessionAffinityTimeout', spec.affinityTimeout));

  // K2: sizing.
  if (spec.replicas !== undefined && spec.concurrentUsers !== undefined) {
    errors.push({
      rule: 'K2',
      attribute: 'replicas',
      value: String(spec.replicas),
      problem: `is given together with concurrentUsers ${spec.concurrentUsers}; one of them would be ignored`,
      allowed: 'replicas or concurrentUsers',
      fix: 'keep one of them',
    });
  }
  errors.push(
    ...checkIntRange(
      'K2',
      'replicas',
      spec.replicas,
      0,
      // The int32 limit is named only to a value above it: "0 or more" otherwise (issue 21).
      typeof spec.replicas === 'number' && spec.replicas > MAX_REPLICAS
        ? MAX_REPLICAS
        : Number.MAX_SAFE_INTEGER,
      'use a whole number of pods, e.g. 3',
    ),
  );
  if (spec.replicas === 0) {
    warnings.push({
      rule: 'K2',
      attribute: 'replicas',
      value: '0',
      problem:
        'runs no guacd pod: every remote-desktop connection fails until the pool is scaled up',
      allowed: '1 or more to serve sessions (0 parks the pool)',
      fix: 'set replicas: 3 (or concurrentUsers), or keep 0 while the pool is parked',
    });
  }
  errors.push(
    ...checkIntRange(
      'K2',
      'concurrentUsers',
      spec.concurrentUsers,
      1,
      Number.MAX_SAFE_INTEGER,
      'use a positive whole number of users',
    ),
  );
  if (
    !isUnresolved(spec.usersPerPod) &&
    !(
      typeof spec.usersPerPod === 'number' &&
      Number.isFinite(spec.usersPerPod) &&
      spec.usersPerPod > 0
    )
  ) {
    errors.push({
      rule: 'K2',
      attribute: 'usersPerPod',
      value: String(spec.usersPerPod),
      problem: 'must be a finite number greater than 0',
      allowed: 'a positive number, e.g. 20 users per guacd pod',
      fix: 'use e.g. 20',
    });
  }
  let replicas = errors.some((e) => e.rule === 'K2') ? 1 : poolReplicas(spec);
  if (spec.replicas === undefined && !isUnresolved(replicas) && replicas > MAX_REPLICAS) {
    const perPod = `${spec.usersPerPod} user${spec.usersPerPod === 1 ? '' : 's'} per pod`;
    errors.push({
      rule: 'K2',
      attribute: 'concurrentUsers',
      value: String(spec.concurrentUsers),
      problem: `needs more pods at ${perPod} than a StatefulSet can have (replicas is an int32, at most ${MAX_REPLICAS})`,
      allowed: `at most ${MAX_REPLICAS * Number(spec.usersPerPod)} users at ${perPod} (${MAX_REPLICAS} pods)`,
      fix: 'raise usersPerPod or split the users over several pools',
    });
    replicas = 1;
  }

  // N2/K3: the StatefulSet name and every name derived from it.
  errors.push(...checkPoolName(spec.name, replicas));
  errors.push(...checkDns1035Label('affinityServiceName', spec.affinityServiceName));
  errors.push(...checkDns1123Label('namespace', spec.namespace));
  if (spec.webNamespace !== undefined)
    errors.push(...checkDns1123Label('webNamespace', spec.webNamespace));

  // K5: resource quantities (a typo would only fail at apply), requests within limits.
  errors.push(...checkResourceQuantities(spec.resources));

  // K4: draining (grace > drain is structural: grace = timeout + margin, margin >= 1 s).
  const drainErrors = validatePodDraining(spec.draining);
  errors.push(...drainErrors);
  if (drainErrors.length === 0) warnings.push(...drainWarnings(spec.draining, replicas));
  if (!spec.waitForRollout) {
    warnings.push({
      rule: 'K4',
      attribute: 'waitForRollout',
      value: 'false',
      problem:
        'makes terraform apply return before pods are replaced; a failed rollout (or one still draining sessions) is not reported',
      allowed: 'true (the update timeout is sized for replicas × grace period)',
      fix: 'leave waitForRollout unset, or watch `kubectl rollout status statefulset/<name>` yourself',
    });
  }

  // K6: ports and uid.
  for (const p of spec.remoteDesktopPorts)
    errors.push(
      ...checkIntRange('K6', 'remoteDesktopPorts', p, 1, 65535, 'use TCP ports 1..65535'),
    );
  errors.push(
    ...checkIntRange(
      'K6',
      'runAsUser',
      spec.runAsUser,
      1,
      2_147_483_647,
      'use a non-root uid such as 1000 (the image user)',
    ),
  );

  // K7: a valid image reference, pinned.
  const image = checkImageReference('image', spec.image);
  errors.push(...image.errors);
  warnings.push(...image.warnings);

  // K8: network policy peers and targets.
  errors.push(...checkLabelSelector('webPodSelector', spec.webPodSelector ?? {}));
  if (Object.keys(spec.webPodSelector ?? {}).length === 0) {
    errors.push({
      rule: 'K8',
      attribute: 'webPodSelector',
      value: '{}',
      problem:
        'would select every pod of the namespace; guacd has no authentication, so only the Guacamole web pods may reach it',
      allowed: 'labels of the Guacamole web pods',
      fix: "set webPodSelector: { 'app.kubernetes.io/name': 'guacamole' }",
    });
  }
  for (const cidr of spec.remoteDesktopCidrs) {
    if (isUnresolved(cidr)) continue;
    if (!isCidr(cidr)) {
      errors.push({
        rule: 'K9',
        attribute: 'remoteDesktopCidrs',
        value: JSON.stringify(cidr),
        problem: 'is not a CIDR',
        allowed:
          'a.b.c.d/n with octets 0..255 and a prefix length 0..32, or an IPv6 address/n with n 0..128',
        fix: 'use e.g. 10.0.0.0/8 or fd00::/8',
      });
    }
  }
  if (spec.remoteDesktopCidrs.length === 0 || spec.remoteDesktopPorts.length === 0) {
    warnings.push({
      rule: 'K9',
      attribute: 'remoteDesktopCidrs / remoteDesktopPorts',
      value: '[]',
      problem: 'leaves guacd no egress but DNS: it cannot open any remote desktop',
      allowed: 'the CIDRs and ports of your RDP/VNC/SSH targets',
      fix: 'list the target networks and ports',
    });
  }
  return { findings: { errors, warnings }, replicas };
}

/**
 * N2 and K3: the StatefulSet name is a DNS-1035 label (it names the per-pod Services) of at
 * most 52 characters (the controller-revision-hash label of its pods), and every name
 * derived from it is valid: `<name>-<last index>` and `<name>-headless` (Services, 63),
 * `<name>-pdb` and `<name>-network-policy` (DNS subdomains, 253). The fix names `name` and
 * suggests a value that passes all of them.
 */
export function checkPoolName(
  name: string,
  replicas: number,
  vocabulary = Vocabulary.CONSTRUCT,
): RuleViolation[] {
  if (isUnresolved(name)) return [];
  const shape = checkDns1035Label('name', name, MAX_STATEFUL_SET_NAME_LENGTH);
  if (shape.length === 0 || typeof name !== 'string') return shape;
  const lastIndex = isUnresolved(replicas) ? 999 : Math.max(0, replicas - 1);
  // A DNS-1035 label refused here is one too long for a StatefulSet: K3, not N2.
  // Stryker disable next-line Regex: equivalent; a one-character name is never too long
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) return shape;
  return [
    {
      rule: 'K3',
      attribute: 'name',
      value: `"${name}"`,
      problem: `is ${name.length} characters long: the StatefulSet could never create a pod, because each pod gets the label controller-revision-hash=<name>-<10-character hash>, longer than 63 characters (the names derived from it, <name>-${lastIndex} and <name>-headless, must fit too)`,
      allowed: `a DNS-1035 label of at most ${MAX_STATEFUL_SET_NAME_LENGTH} characters`,
      fix: `set ${inTerms(vocabulary, 'name', 'metadata.name')} to e.g. "${name.slice(0, MAX_STATEFUL_SET_NAME_LENGTH).replace(/-+$/, '')}"`,
    },
  ];
}

/** K5: every quantity parses, and each request is at most its limit. */
export function checkResourceQuantities(
  resources: {
    [attribute: string]: string;
  },
  vocabulary = Vocabulary.CONSTRUCT,
): RuleViolation[] {
  const v: RuleViolation[] = [];
  const parsed: { [attribute: string]: number | undefined } = {};
  for (const [attribute, quantity] of Object.entries(resources)) {
    if (isUnresolved(quantity)) continue;
    const value = parseQuantity(quantity);
    parsed[attribute] = value;
    if (value === undefined) {
      const cpu = attribute.includes('cpu');
      v.push({
        rule: 'K5',
        attribute,
        value: JSON.stringify(quantity),
        problem: 'is not a Kubernetes quantity',
        allowed: cpu
          ? 'cores or millicores, e.g. "500m" or "0.5"'
          : 'bytes with a unit, e.g. "512Mi" or "1G"',
        fix: cpu ? 'use e.g. "500m"' : 'use e.g. "512Mi"',
      });
    }
  }
  for (const kind of ['cpu', 'memory'] as const) {
    const request = parsed[`resources.${kind}Request`];
    const limit = parsed[`resources.${kind}Limit`];
    if (request !== undefined && limit !== undefined && request > limit) {
      v.push({
        rule: 'K5',
        attribute: `resources.${kind}Request`,
        value: JSON.stringify(resources[`resources.${kind}Request`]),
        problem: `is above the ${kind} limit; Kubernetes rejects the pod`,
        allowed: `at most the limit, ${JSON.stringify(resources[`resources.${kind}Limit`])}`,
        fix: inTerms(
          vocabulary,
          `lower resources.${kind}Request to the limit or less, or raise resources.${kind}Limit`,
          `lower requests.${kind} to the limit or less, or raise limits.${kind}`,
        ),
      });
    }
  }
  return v;
}

/** K4 warnings: no drain at all, or a rollout that takes longer than a working day. */
export function drainWarnings(
  draining: DrainingPolicy,
  replicas: number,
  vocabulary = Vocabulary.CONSTRUCT,
): RuleViolation[] {
  if (draining.timeout.isUnresolved() || draining.shutdownMargin.isUnresolved()) return [];
  if (draining.isDisabled) {
    return [
      {
        rule: 'K4',
        attribute: 'draining.timeout',
        value: '0s',
        problem:
          'disables draining: every rollout, node drain or scale-in cuts every open remote-desktop session of the pod at once (guacd ends all connections on SIGTERM)',
        allowed: 'a drain as long as a session may run, e.g. 30 minutes',
        fix: inTerms(
          vocabulary,
          'use DrainingPolicy.of(Duration.minutes(30)), or keep 0 if cutting sessions is intended',
          'add a lifecycle pre_stop exec hook that waits while guacd has open connections on 4822, and a termination_grace_period_seconds longer than that wait (GuacdStatefulPool renders both)',
        ),
      },
    ];
  }
  if (isUnresolved(replicas)) return [];
  const grace = draining.timeout.toSeconds() + draining.shutdownMargin.toSeconds();
  const rollout = replicas * grace;
  if (rollout <= MAX_QUIET_ROLLOUT_SECONDS) return [];
  const perPod =
    Math.floor(MAX_QUIET_ROLLOUT_SECONDS / replicas) - draining.shutdownMargin.toSeconds();
  return [
    {
      rule: 'K4',
      attribute: 'draining.timeout',
      value: draining.timeout.toString(),
      problem: `makes a rollout of ${replicas} pods take up to ${replicas} × ${grace}s = ${(rollout / 3600).toFixed(1)} hours (pods are replaced one at a time, each waiting for its sessions)`,
      allowed: `a rollout of at most ${MAX_QUIET_ROLLOUT_SECONDS / 3600} hours (replicas × grace period)`,
      fix:
        perPod >= 60
          ? inTerms(
              vocabulary,
              `shorten the drain to Duration.seconds(${perPod}) or less, or accept long rollouts`,
              `shorten the pre_stop wait to ${perPod} seconds or less, or accept long rollouts`,
            )
          : 'shorten the drain or use fewer, larger pods, or accept long rollouts',
    },
  ];
}
