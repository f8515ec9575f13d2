/**
 * Security pack for guacd pods (X4, X5), over a small model that `GuacdStatefulPool` builds
 * from what it renders and the checks build from Terraform values (StatefulSet or Deployment
 * pod templates, NetworkPolicies). guacd has no authentication of its own: whoever reaches
 * 4822 opens desktop sessions, so the pod is locked down and reachable only through a policy.
 */
import { RuleViolation } from '../core/errors';
import { isUnresolved } from '../core/rules';

/** Security settings of one container (after the pod-level defaults it inherits). */
export interface ContainerSecurity {
  readonly name: string;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly readOnlyRootFilesystem?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly privileged?: boolean;
  readonly drop: string[];
  readonly seccompProfile?: string;
}

/** Security settings of a pod. */
export interface PodSecurity {
  readonly automountServiceAccountToken?: boolean;
  readonly containers: ContainerSecurity[];
}

/** The container security context this library renders (camelCase, cdktf config form). */
export const RESTRICTED_CONTAINER = {
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** The pod security context this library renders: every process as `uid` (a number, or its token string), RuntimeDefault seccomp. */
export function restrictedPod(uid: number | string) {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** X4 on a pod this library renders: one container with RESTRICTED_CONTAINER and `uid`, no token. */
export function checkRenderedPod(container: string, uid: number): RuleViolation[] {
  return checkPodSecurity(
    {
      automountServiceAccountToken: false,
      containers: [
        {
          name: container,
          ...RESTRICTED_CONTAINER,
          // A token uid is known only to Terraform: nothing to judge.
          runAsUser: isUnresolved(uid) ? undefined : uid,
          drop: RESTRICTED_CONTAINER.capabilities.drop,
          seccompProfile: RESTRICTED_CONTAINER.seccompProfile.type,
        },
      ],
    },
    'pod',
  );
}

/** A NetworkPolicy as X5 reads it. */
export interface IngressPolicy {
  readonly name: string;
  readonly namespace: string;
  /** matchLabels of the pod selector (`{}` selects every pod of the namespace). */
  readonly podSelector: { [key: string]: string };
  readonly policyTypes: string[];
  /** Ingress rules; a rule with no `from` admits every source. */
  readonly ingressFromCounts: number[];
}

const num = (v: unknown): number | undefined =>
  v === undefined || v === null || v === '' ? undefined : Number(v);

/**
 * The pod-security model of a pod spec as the API server receives it (lib/terraform/kubernetes
 * gives it for provider resources and manifests alike, with the provider's own defaults: a
 * `security_context` block without `run_as_non_root` sends false).
 */
export function podSecurityOf(podSpec: any): PodSecurity {
  const pod = podSpec ?? {};
  const podCtx = pod.securityContext ?? {};
  const containers = ([] as any[]).concat(pod.containers ?? []).map((c) => {
    const ctx = c?.securityContext ?? {};
    return {
      name: String(c?.name ?? ''),
      runAsNonRoot: ctx.runAsNonRoot ?? podCtx.runAsNonRoot,
      runAsUser: num(ctx.runAsUser) ?? num(podCtx.runAsUser),
      readOnlyRootFilesystem: ctx.readOnlyRootFilesystem,
      allowPrivilegeEscalation: ctx.allowPrivilegeEscalation,
      privileged: ctx.privileged,
      drop: ([] as string[]).concat(ctx.capabilities?.drop ?? []),
      seccompProfile: ctx.seccompProfile?.type ?? podCtx.seccompProfile?.type,
    };
  });
  return { automountServiceAccountToken: pod.automountServiceAccountToken, containers };
}

/**
 * X4: every container runs as a non-root uid, with a read-only root filesystem, no privilege
 * escalation, not privileged, all capabilities dropped and the RuntimeDefault seccomp profile;
 * the pod mounts no service-account token. `at` is the attribute path of the pod spec.
 */
export function checkPodSecurity(pod: PodSecurity, at: string): RuleViolation[] {
  const v: RuleViolation[] = [];
  const add = (attribute: string, value: string, problem: string, allowed: string, fix: string) =>
    v.push({ rule: 'X4', attribute, value, problem, allowed, fix });
  if (pod.automountServiceAccountToken !== false) {
    add(
      `${at}.automount_service_account_token`,
      String(pod.automountServiceAccountToken ?? 'not set (true)'),
      'gives guacd a Kubernetes API token it never uses',
      'false',
      'set automount_service_account_token = false',
    );
  }
  for (const c of pod.containers) {
    const ctx = `${at}.container[${c.name}].security_context`;
    if (c.runAsUser === 0 || (c.runAsNonRoot !== true && c.runAsUser === undefined)) {
      add(
        `${ctx}.run_as_user`,
        c.runAsUser === 0 ? '0' : `not set (run_as_non_root ${c.runAsNonRoot ?? 'not set'})`,
        'lets the container run as root',
        'run_as_non_root = true and a non-zero run_as_user (e.g. 1000, the image user)',
        'set run_as_non_root = true and run_as_user = "1000"',
      );
    } else if (c.runAsNonRoot !== true) {
      add(
        `${ctx}.run_as_non_root`,
        String(c.runAsNonRoot ?? 'not set'),
        'does not make the kubelet refuse a root user',
        'true',
        'set run_as_non_root = true',
      );
    }
    const flags: [keyof ContainerSecurity, string, boolean][] = [
      ['readOnlyRootFilesystem', 'read_only_root_filesystem', true],
      ['allowPrivilegeEscalation', 'allow_privilege_escalation', false],
    ];
    for (const [key, tf, want] of flags) {
      if (c[key] !== want)
        add(
          `${ctx}.${tf}`,
          String(c[key] ?? 'not set'),
          want
            ? 'leaves the root filesystem writable'
            : 'lets a process gain more privileges than its parent',
          String(want),
          `set ${tf} = ${want}`,
        );
    }
    if (c.privileged === true)
      add(
        `${ctx}.privileged`,
        'true',
        'gives the container the host\u2019s devices',
        'false',
        'set privileged = false',
      );
    if (!c.drop.map((d) => d.toUpperCase()).includes('ALL'))
      add(
        `${ctx}.capabilities.drop`,
        `[${c.drop.join(', ')}]`,
        'keeps Linux capabilities guacd does not need',
        '["ALL"]',
        'set capabilities { drop = ["ALL"] }',
      );
    if (c.seccompProfile !== 'RuntimeDefault' && c.seccompProfile !== 'Localhost')
      add(
        `${ctx}.seccomp_profile`,
        String(c.seccompProfile ?? 'not set (Unconfined)'),
        'runs without a seccomp filter',
        'RuntimeDefault (or a Localhost profile)',
        'set seccomp_profile { type = "RuntimeDefault" }',
      );
  }
  return v;
}

const selects = (selector: { [key: string]: string }, labels: { [key: string]: string }) =>
  Object.entries(selector).every(([k, val]) => labels[k] === val);

/**
 * X5: a NetworkPolicy of the pods' namespace selects them for Ingress, and none of the
 * policies that select them admits every source (an ingress rule without `from`).
 */
export function checkIngressRestricted(
  podLabels: { [key: string]: string },
  namespace: string,
  policies: readonly IngressPolicy[],
  at: string,
): RuleViolation[] {
  const mine = policies.filter(
    (p) => p.namespace === namespace && selects(p.podSelector, podLabels),
  );
  const ingress = mine.filter(
    (p) =>
      p.policyTypes.includes('Ingress') ||
      (p.policyTypes.length === 0 && p.ingressFromCounts.length > 0),
  );
  if (ingress.length === 0) {
    return [
      {
        rule: 'X5',
        attribute: at,
        value: JSON.stringify(podLabels),
        problem: `select pods in ${namespace} that no Ingress NetworkPolicy selects, so every pod of the cluster reaches guacd, which has no authentication`,
        allowed:
          'a NetworkPolicy that selects the guacd pods and admits only the Guacamole web pods on 4822',
        fix: 'add a kubernetes_network_policy_v1 with pod_selector on these labels, policy_types ["Ingress"] and an ingress rule from the web pods (GuacdStatefulPool creates it)',
      },
    ];
  }
  return ingress
    .filter((p) => p.ingressFromCounts.some((n) => n === 0))
    .map((p) => ({
      rule: 'X5',
      attribute: 'spec.ingress.from',
      value: 'not set',
      problem: `in NetworkPolicy ${p.name} admits every source to the guacd pods`,
      allowed: 'ingress rules that name their sources (the Guacamole web pods)',
      fix: 'give the rule a from { pod_selector { match_labels = <web pod labels> } }',
    }));
}

/** The NetworkPolicy model of a NetworkPolicy object (as lib/terraform/kubernetes reads it). */
export function ingressPolicyOf(policy: any): IngressPolicy {
  const meta = policy?.metadata ?? {};
  const spec = policy?.spec ?? {};
  const ingress = ([] as any[]).concat(spec.ingress ?? []);
  return {
    name: String(meta.name ?? ''),
    namespace: String(meta.namespace ?? 'default'),
    podSelector: { ...(spec.podSelector?.matchLabels ?? {}) },
    policyTypes: ([] as string[]).concat(spec.policyTypes ?? []),
    ingressFromCounts: ingress.map((r) => ([] as unknown[]).concat(r?.from ?? []).length),
  };
}
