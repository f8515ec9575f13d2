/**
 * Rules of `GuacdStatefulPool` (K1–K9), from `shared/reference/kubernetes-guacd.md`.
 */
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleFindings, RuleViolation } from '../core/errors';
import { checkDurationSeconds, checkIntRange } from '../core/rules';
import { checkDns1035Label } from '../core/names';
import { validatePodDraining } from './pod-draining';

/** guacd's port (`EXPOSE 4822`, `-l` default). */
export const GUACD_PORT = 4822;
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

/** A Kubernetes quantity such as `100m`, `0.5`, `256Mi`, `1G`. */
const QUANTITY = /^\d+(\.\d+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Replicas from the props: given directly, or ceil(concurrentUsers / usersPerPod), or 3. */
export function poolReplicas(
  spec: Pick<PoolSpec, 'replicas' | 'concurrentUsers' | 'usersPerPod'>,
): number {
  if (spec.replicas !== undefined) return spec.replicas;
  if (spec.concurrentUsers !== undefined)
    return Math.max(1, Math.ceil(spec.concurrentUsers / spec.usersPerPod));
  return 3;
}

/** All rules; returns the replica count it validated. */
export function validatePool(spec: PoolSpec): { findings: RuleFindings; replicas: number } {
  const errors: RuleViolation[] = [];
  const warnings: RuleViolation[] = [];

  // K1: ClientIP affinity timeout.
  errors.push(
    ...checkDurationSeconds(
      'K1',
      'sessionAffinityTimeout',
      spec.affinityTimeout,
      1,
      MAX_CLIENT_IP_AFFINITY_SECONDS,
      'use Duration.seconds(1) up to Duration.days(1) (Kubernetes allows >0 and <=86400)',
    ),
  );

  // K2: sizing.
  if (spec.replicas !== undefined && spec.concurrentUsers !== undefined) {
    errors.push({
      rule: 'K2',
      attribute: 'replicas',
      value: `${spec.replicas} (and concurrentUsers ${spec.concurrentUsers})`,
      problem: 'is given together with concurrentUsers; one of them would be ignored',
      allowed: 'replicas or concurrentUsers',
      fix: 'keep one of them',
    });
  }
  errors.push(...checkIntRange('K2', 'replicas', spec.replicas, 1, 1000, 'use at least 1 replica'));
  errors.push(
    ...checkIntRange(
      'K2',
      'concurrentUsers',
      spec.concurrentUsers,
      1,
      1_000_000,
      'use a positive number of users',
    ),
  );
  if (!(Number.isFinite(spec.usersPerPod) && spec.usersPerPod > 0)) {
    errors.push({
      rule: 'K2',
      attribute: 'usersPerPod',
      value: String(spec.usersPerPod),
      problem: 'must be greater than 0',
      allowed: 'a positive number (seed: 20)',
      fix: 'use e.g. 20',
    });
  }
  const replicas = errors.some((e) => e.rule === 'K2') ? 1 : poolReplicas(spec);

  // K3: names (DNS-1035), including the last per-pod Service name.
  errors.push(...checkDns1035Label('name', spec.name));
  errors.push(
    ...checkDns1035Label('name (per-pod Service and pod name)', `${spec.name}-${replicas - 1}`),
  );
  errors.push(...checkDns1035Label('name (headless Service)', `${spec.name}-headless`));
  errors.push(...checkDns1035Label('affinityServiceName', spec.affinityServiceName));
  errors.push(...checkDns1035Label('namespace', spec.namespace));
  if (spec.webNamespace !== undefined)
    errors.push(...checkDns1035Label('webNamespace', spec.webNamespace));

  // K5: resource quantities (a typo would only fail at apply).
  for (const [attribute, quantity] of Object.entries(spec.resources)) {
    if (!QUANTITY.test(quantity)) {
      errors.push({
        rule: 'K5',
        attribute,
        value: `"${quantity}"`,
        problem: 'is not a Kubernetes quantity',
        allowed: attribute.includes('cpu')
          ? 'cores or millicores, e.g. "500m" or "0.5"'
          : 'bytes with a unit, e.g. "512Mi"',
        fix: attribute.includes('cpu') ? 'use e.g. "500m"' : 'use e.g. "512Mi"',
      });
    }
  }

  // K4: draining (grace > drain is structural: grace = timeout + margin, margin >= 1 s).
  errors.push(...validatePodDraining(spec.draining));
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

  // K7: image tag pinned.
  const lastSegment = spec.image.split('/').pop() ?? '';
  const tag = spec.image.includes('@')
    ? 'digest'
    : lastSegment.includes(':')
      ? lastSegment.split(':').pop()
      : undefined;
  if (tag === undefined || tag === 'latest') {
    warnings.push({
      rule: 'K7',
      attribute: 'image',
      value: `"${spec.image}"`,
      problem:
        'is not pinned: every node may pull a different guacd, and a restart can change the version under live sessions',
      allowed: 'a version tag or digest, e.g. guacamole/guacd:1.6.0',
      fix: `use "${spec.image.replace(/:latest$/, '')}:1.6.0"`,
    });
  }

  // K8: network policy peers and targets.
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
    const m = CIDR.exec(cidr);
    if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
      errors.push({
        rule: 'K9',
        attribute: 'remoteDesktopCidrs',
        value: `"${cidr}"`,
        problem: 'is not an IPv4 CIDR',
        allowed: 'a.b.c.d/n',
        fix: 'use e.g. 10.0.0.0/8',
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
