import { Construct } from 'constructs';
import { Fn, Lazy, Op, TerraformCount, TerraformOutput, TerraformResource, Token } from 'cdktf';
import { markRulesChecked } from '../core/checked';
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleViolation, applyFindings, withConstructPath } from '../core/errors';
import { checkLabelSelector } from '../core/names';
import { checkPresent, checkValueClass, isUnresolved } from '../core/rules';
import { JsonObject } from '../terraform/kubernetes';
import { apiNumber, kubernetesResource } from './kubernetes-provider';
import { RESTRICTED_CONTAINER, checkRenderedPod, restrictedPod } from './pod-security-rules';
import { PodDrainingSettings, renderPodDraining } from './pod-draining';
import {
  GUACD_PORT,
  MAX_CLIENT_IP_AFFINITY_SECONDS,
  PoolSpec,
  validatePool,
} from './guacd-pool-rules';
import { checkShape } from '../core/shape';
import { POOL_PROPS } from './shapes';

/** CPU and memory of each guacd container (Kubernetes quantities). */
export interface GuacdResources {
  /** @default '100m' */
  readonly cpuRequest?: string;
  /** @default '500m' */
  readonly cpuLimit?: string;
  /** @default '256Mi' */
  readonly memoryRequest?: string;
  /** @default '512Mi' */
  readonly memoryLimit?: string;
}

/** Properties of a `GuacdStatefulPool`. */
export interface GuacdStatefulPoolProps {
  /**
   * Labels of the Guacamole web pods, the only pods allowed to reach guacd. They open the
   * guacd connections, so ClientIP affinity keys on *their* IPs, not the end users'.
   */
  readonly webPodSelector: { [key: string]: string };
  /**
   * Namespace of the web pods.
   * @default - the pool's namespace
   */
  readonly webNamespace?: string;
  /**
   * StatefulSet name; pods are `<name>-0`, `<name>-1`, ...
   * @default 'guacd-stateful'
   */
  readonly name?: string;
  /**
   * Namespace (must exist).
   * @default 'guacamole'
   * @jsii suppress reserved-word Kubernetes' word (as in the provider); C# sees `Namespace`
   */
  readonly namespace?: string;
  /**
   * Name of the ClientIP-affinity Service.
   * @default 'guacd-service'
   */
  readonly affinityServiceName?: string;
  /**
   * guacd image with a pinned tag.
   * @default 'guacamole/guacd:1.6.0'
   */
  readonly image?: string;
  /**
   * Number of pods. Give this or `concurrentUsers`.
   * @default - from concurrentUsers, else 3
   */
  readonly replicas?: number;
  /**
   * Concurrent remote-desktop users to size for: replicas = ceil(users / usersPerPod).
   * @default - not used
   */
  readonly concurrentUsers?: number;
  /**
   * Users one guacd pod serves.
   * @default 20
   */
  readonly usersPerPod?: number;
  /**
   * ClientIP affinity timeout (1 s..1 day).
   * @default Duration.hours(1)
   */
  readonly sessionAffinityTimeout?: Duration;
  /**
   * Draining: the preStop hook waits while sessions are open, up to the timeout; the grace
   * period is the timeout plus the shutdown margin. Sessions still open then are cut (guacd
   * kills every connection on SIGTERM).
   * @default DrainingPolicy.of(Duration.minutes(30))
   */
  readonly draining?: DrainingPolicy;
  /**
   * Container resources.
   * @default - 100m/500m CPU, 256Mi/512Mi memory
   */
  readonly resources?: GuacdResources;
  /**
   * CIDRs of the remote-desktop targets guacd may connect to.
   * @default ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] (private networks)
   */
  readonly remoteDesktopCidrs?: string[];
  /**
   * TCP ports of the remote-desktop targets (SSH, RDP, VNC, telnet...).
   * @default [22, 3389, 5900, 5901]
   */
  readonly remoteDesktopPorts?: number[];
  /**
   * Numeric uid and gid of the guacd user (the image's user is a name, which runAsNonRoot
   * cannot verify).
   * @default 1000
   */
  readonly runAsUser?: number;
  /**
   * Wait for rollouts in Terraform. With draining, a rollout can take replicas × grace; the
   * update timeout is sized for that. False returns at once (with a warning).
   * @default true
   */
  readonly waitForRollout?: boolean;
}

/**
 * Apache Guacamole's guacd as a StatefulSet: each guacd keeps its sessions in process memory,
 * so a session (and anyone joining it) must reach the guacd that owns it.
 *
 * Creates a headless Service, a ClientIP-affinity Service, one Service per pod (exact pinning
 * by `statefulset.kubernetes.io/pod-name`), a NetworkPolicy (only the web pods reach 4822),
 * a PodDisruptionBudget, restricted pod security and a preStop drain.
 */
export class GuacdStatefulPool extends Construct {
  /** The port guacd listens on. */
  public static readonly GUACD_PORT = GUACD_PORT;
  /** The longest ClientIP affinity timeout Kubernetes accepts, in seconds (one day; rule K1). */
  public static readonly MAX_CLIENT_IP_AFFINITY_SECONDS = MAX_CLIENT_IP_AFFINITY_SECONDS;

  /** StatefulSet name. */
  public readonly name: string;
  /**
   * Namespace.
   * @jsii suppress reserved-word Kubernetes' word (as in the provider); C# sees `Namespace`
   */
  public readonly namespace: string;
  /** Number of pods. */
  public readonly replicas: number;
  /** guacd port (4822). */
  public readonly port = GUACD_PORT;
  /** ClientIP affinity timeout in seconds. */
  public readonly sessionAffinityTimeoutSeconds: number;
  /** Pod names, `<name>-<i>`. */
  public readonly podNames: string[];
  /** Per-pod Service addresses, `<svc>.<namespace>.svc.cluster.local:4822`, one per pod in order. */
  public readonly podAddresses: string[];
  /** Address of the affinity Service. */
  public readonly affinityAddress: string;
  /** Grace period in seconds. */
  public readonly terminationGracePeriodSeconds: number;
  /** Labels of the Guacamole web pods its NetworkPolicy admits on 4822. */
  public readonly webPodSelector: { [key: string]: string };
  /**
   * Namespace of those web pods, when it is not the pool's.
   * @default - the pool's namespace
   */
  public readonly webNamespace?: string;
  /** The labels the NetworkPolicy admits on 4822 (webPodSelector, or narrowed by `restrictWebPodsTo`). */
  private admittedWebLabels: { [key: string]: string };
  /**
   * The StatefulSet (escape hatch): a `StatefulSetV1` of
   * `@cdktf/provider-kubernetes/lib/stateful-set-v1` (cast to it for its typed API). Typed as cdktf's `TerraformResource` so that the package's declarations type-check without the provider packages an app does not use.
   */
  public readonly statefulSet: TerraformResource;
  /**
   * Per pod, a kubectl command that prints its live session count (established connections
   * on 4822, the same count the preStop drain waits on). guacd exports no metrics of its own.
   */
  public readonly sessionCountCommands: string[];

  constructor(scope: Construct, id: string, props: GuacdStatefulPoolProps) {
    super(scope, id);
    markRulesChecked(this);
    applyFindings(this, { errors: checkPoolProps(props), warnings: [] });
    applyFindings(this, { errors: checkShape(props, POOL_PROPS), warnings: [] });
    const spec: PoolSpec = {
      name: props.name ?? 'guacd-stateful',
      namespace: props.namespace ?? 'guacamole',
      affinityServiceName: props.affinityServiceName ?? 'guacd-service',
      image: props.image ?? 'guacamole/guacd:1.6.0',
      replicas: props.replicas,
      concurrentUsers: props.concurrentUsers,
      usersPerPod: props.usersPerPod ?? 20,
      affinityTimeout: props.sessionAffinityTimeout ?? Duration.hours(1),
      draining: props.draining ?? DrainingPolicy.of(Duration.minutes(30)),
      webPodSelector: props.webPodSelector,
      webNamespace: props.webNamespace,
      resources: {
        'resources.cpuRequest': props.resources?.cpuRequest ?? '100m',
        'resources.cpuLimit': props.resources?.cpuLimit ?? '500m',
        'resources.memoryRequest': props.resources?.memoryRequest ?? '256Mi',
        'resources.memoryLimit': props.resources?.memoryLimit ?? '512Mi',
      },
      remoteDesktopCidrs: props.remoteDesktopCidrs ?? [
        '10.0.0.0/8',
        '172.16.0.0/12',
        '192.168.0.0/16',
      ],
      remoteDesktopPorts: props.remoteDesktopPorts ?? [22, 3389, 5900, 5901],
      runAsUser: props.runAsUser ?? 1000,
      waitForRollout: props.waitForRollout ?? true,
    };
    const { findings, replicas } = withConstructPath(this, () => validatePool(spec));
    applyFindings(this, findings);
    // X4 on what is rendered below (the same function lint runs on any pod).
    applyFindings(this, { errors: checkRenderedPod('guacd', spec.runAsUser), warnings: [] });

    const ns = spec.namespace;
    this.name = spec.name;
    this.namespace = ns;
    this.replicas = replicas;
    this.sessionAffinityTimeoutSeconds = spec.affinityTimeout.toSeconds();
    this.webPodSelector = { ...spec.webPodSelector };
    this.admittedWebLabels = { ...spec.webPodSelector };
    this.webNamespace = spec.webNamespace;
    const labels = { 'app.kubernetes.io/name': 'guacd', 'app.kubernetes.io/instance': spec.name };
    // Recommended labels on the pods (not in the immutable selector): kube-state-metrics
    // (kube_pod_labels) and GKE's system metrics carry them, so per-pod CPU, memory and restarts
    // can be grouped by component and guacd version without extra software.
    const version = isUnresolved(spec.image) ? undefined : imageVersion(spec.image);
    const podLabels: JsonObject = {
      ...labels,
      'app.kubernetes.io/component': 'remote-desktop-proxy',
      'app.kubernetes.io/part-of': 'guacamole',
      ...(version ? { 'app.kubernetes.io/version': version } : {}),
    };
    const drain = renderPodDraining(spec.draining, GUACD_PORT, replicas);
    this.terminationGracePeriodSeconds = drain.terminationGracePeriodSeconds;
    const SERVICE = 'kubernetes_service_v1';
    const rolloutMinutes = Token.isUnresolved(drain.rolloutSeconds)
      ? `${Token.asString(Fn.ceil(Op.div(drain.rolloutSeconds, 60)))}m`
      : `${Math.ceil(drain.rolloutSeconds / 60)}m`;
    const headless = `${spec.name}-headless`;
    const ports: JsonObject[] = [
      { name: 'guacd', port: GUACD_PORT, targetPort: 'guacd', protocol: 'TCP' },
    ];
    const metadata = (name: string, l: JsonObject = labels) => ({ name, namespace: ns, labels: l });
    const create = (id: string, type: string, object: JsonObject, extra = {}) =>
      kubernetesResource(this, id, type, object, 'GuacdStatefulPool', extra);

    create('headless-service', SERVICE, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(headless),
      spec: { clusterIP: 'None', selector: labels, ports },
    });

    this.statefulSet = create(
      'stateful-set',
      'kubernetes_stateful_set_v1',
      guacdStatefulSet(spec, {
        metadata: metadata(spec.name),
        serviceName: headless,
        labels,
        podLabels,
        replicas: apiNumber(replicas),
        drain,
      }),
      {
        waitForRollout: spec.waitForRollout,
        timeouts: { create: rolloutMinutes, update: rolloutMinutes, delete: rolloutMinutes },
      },
    );

    create('affinity-service', SERVICE, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(spec.affinityServiceName),
      spec: {
        type: 'ClusterIP',
        selector: labels,
        ports,
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: this.sessionAffinityTimeoutSeconds } },
      },
    });
    this.affinityAddress = `${spec.affinityServiceName}.${ns}.svc.cluster.local:${GUACD_PORT}`;

    const podService = (name: string): JsonObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(name, { ...labels, 'pinned-pod': name }),
      spec: {
        type: 'ClusterIP',
        selector: { ...labels, 'statefulset.kubernetes.io/pod-name': name },
        ports,
      },
    });
    if (Token.isUnresolved(replicas)) {
      // The count is known only to Terraform: one Service per pod through `count`.
      const count = TerraformCount.of(replicas);
      create('pod-service', SERVICE, podService(`${spec.name}-${Token.asString(count.index)}`), {
        count,
      });
      const indexes = Fn.range(0, replicas);
      this.podNames = Token.asList(Fn.formatlist(`${spec.name}-%d`, [indexes]));
      this.podAddresses = Token.asList(
        Fn.formatlist(`${spec.name}-%d.${ns}.svc.cluster.local:${GUACD_PORT}`, [indexes]),
      );
    } else {
      this.podNames = [];
      this.podAddresses = [];
      for (let i = 0; i < replicas; i++) {
        const pod = `${spec.name}-${i}`;
        create(`pod-service-${i}`, SERVICE, podService(pod));
        this.podNames.push(pod);
        this.podAddresses.push(`${pod}.${ns}.svc.cluster.local:${GUACD_PORT}`);
      }
    }

    // The web peer is read at synth, so a web tier can narrow it to exactly its pods.
    const webLabels = Token.asStringMap(Lazy.anyValue({ produce: () => this.admittedWebLabels }));
    create(
      'network-policy',
      'kubernetes_network_policy_v1',
      guacdNetworkPolicy(spec, metadata(`${spec.name}-network-policy`), labels, webLabels),
    );

    create('pod-disruption-budget', 'kubernetes_pod_disruption_budget_v1', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadata(`${spec.name}-pdb`),
      spec: { selector: { matchLabels: labels }, maxUnavailable: 1 },
    });

    this.sessionCountCommands = Token.isUnresolved(replicas)
      ? [sessionCountCommand(ns, `${spec.name}-<index>`)]
      : this.podNames.map((pod) => sessionCountCommand(ns, pod));

    new TerraformOutput(this, 'pod-addresses', {
      value: this.podAddresses,
      description: `Pinned guacd addresses of ${spec.name}, one per pod (use as a connection's guacd-hostname:guacd-port)`,
    });
    new TerraformOutput(this, 'affinity-address', {
      value: this.affinityAddress,
      description: 'ClientIP-affinity guacd Service',
    });
  }

  /**
   * Narrows the NetworkPolicy's web peer to exactly these pod labels (a `GuacamoleWebTier`
   * calls it with its own): only those pods reach 4822. They must include `webPodSelector`,
   * so the pods the pool was built for stay admitted (rule K8).
   */
  public restrictWebPodsTo(labels: { [key: string]: string }): void {
    const v: RuleViolation[] = [...checkLabelSelector('labels', labels ?? {})];
    const missing = Object.entries(this.webPodSelector).filter(([k, val]) => labels?.[k] !== val);
    if (missing.length > 0) {
      v.push({
        rule: 'K8',
        attribute: 'labels',
        value: JSON.stringify(labels),
        problem: `lacks the pool's webPodSelector ${JSON.stringify(this.webPodSelector)}, so the web pods it was built for would lose access to guacd`,
        allowed: `labels that include ${JSON.stringify(this.webPodSelector)}`,
        fix: `add ${missing.map(([k, val]) => `'${k}': '${val}'`).join(', ')} to the labels`,
      });
    }
    applyFindings(this, { errors: v, warnings: [] });
    this.admittedWebLabels = { ...labels };
  }
}

/** P1: what a plain JavaScript caller can get wrong in ways TypeScript would catch. */
function checkPoolProps(props: GuacdStatefulPoolProps) {
  const v = checkPresent('props', props, 'object', "{ webPodSelector: { app: 'guacamole' } }");
  if (v.length > 0) return v;
  v.push(
    ...checkPresent(
      'webPodSelector',
      props.webPodSelector,
      'object',
      "{ 'app.kubernetes.io/name': 'guacamole' }",
    ),
  );
  v.push(
    ...checkValueClass(
      'sessionAffinityTimeout',
      props.sessionAffinityTimeout,
      props.sessionAffinityTimeout instanceof Duration,
      'Duration',
      'Duration.hours(1)',
    ),
    ...checkValueClass(
      'draining',
      props.draining,
      props.draining instanceof DrainingPolicy,
      'DrainingPolicy',
      'DrainingPolicy.of(Duration.minutes(30))',
    ),
  );
  for (const k of ['remoteDesktopCidrs', 'remoteDesktopPorts'] as const) {
    if (props[k] !== undefined && !Array.isArray(props[k]) && !isUnresolved(props[k])) {
      v.push(
        ...checkPresent(
          k,
          props[k],
          'array',
          k === 'remoteDesktopPorts' ? '[3389]' : "['10.0.0.0/8']",
        ),
      );
    }
  }
  return v;
}

/** The image tag as a label value (`1.6.0`), or undefined for digests and untagged images. */
function imageVersion(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const last = image.split('/').pop() ?? '';
  const tag = last.includes(':') ? last.split(':').pop() : undefined;
  return tag && /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(tag) && tag !== 'latest'
    ? tag
    : undefined;
}

/** kubectl command that counts a pod's established connections on 4822 (0x12D6). */
function sessionCountCommand(namespace: string, pod: string): string {
  return `kubectl exec -n ${namespace} ${pod} -c guacd -- sh -c 'cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk "\\$2 ~ /:12D6\\$/ && \\$4 == \\"01\\"" | wc -l'`;
}

/** What the StatefulSet takes from the constructor besides the pool's spec. */
interface StatefulSetParts {
  readonly metadata: JsonObject;
  readonly serviceName: string;
  readonly labels: JsonObject;
  readonly podLabels: JsonObject;
  /** A number, or the string token of a number known only to Terraform. */
  readonly replicas: number | string;
  readonly drain: PodDrainingSettings;
}

/** The guacd StatefulSet as the API server receives it. */
function guacdStatefulSet(spec: PoolSpec, o: StatefulSetParts): JsonObject {
  const uid = apiNumber(spec.runAsUser);
  const r = spec.resources;
  const tcpProbe = { tcpSocket: { port: 'guacd' } };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: o.metadata,
    spec: {
      serviceName: o.serviceName,
      replicas: o.replicas,
      podManagementPolicy: 'OrderedReady',
      selector: { matchLabels: o.labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      template: {
        metadata: { labels: o.podLabels },
        spec: {
          terminationGracePeriodSeconds: o.drain.terminationGracePeriodSeconds,
          automountServiceAccountToken: false,
          securityContext: restrictedPod(uid),
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    topologyKey: 'kubernetes.io/hostname',
                    labelSelector: { matchLabels: o.labels },
                  },
                },
              ],
            },
          },
          containers: [
            {
              name: 'guacd',
              image: spec.image,
              ports: [{ name: 'guacd', containerPort: GUACD_PORT, protocol: 'TCP' }],
              env: [{ name: 'LOG_LEVEL', value: 'info' }],
              resources: {
                requests: { cpu: r['resources.cpuRequest'], memory: r['resources.memoryRequest'] },
                limits: { cpu: r['resources.cpuLimit'], memory: r['resources.memoryLimit'] },
              },
              startupProbe: { ...tcpProbe, periodSeconds: 5, failureThreshold: 30 },
              readinessProbe: {
                ...tcpProbe,
                periodSeconds: 5,
                timeoutSeconds: 3,
                failureThreshold: 3,
              },
              livenessProbe: {
                ...tcpProbe,
                periodSeconds: 10,
                timeoutSeconds: 5,
                failureThreshold: 3,
              },
              lifecycle: { preStop: { exec: { command: o.drain.preStopCommand } } },
              securityContext: { ...RESTRICTED_CONTAINER, runAsUser: uid },
              volumeMounts: [
                { name: 'home', mountPath: '/home/guacd' },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'home', emptyDir: {} },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  };
}

/**
 * The pool's NetworkPolicy: only the web pods (`webLabels`, read at synth) reach 4822; guacd
 * reaches DNS and the remote-desktop targets.
 */
function guacdNetworkPolicy(
  spec: PoolSpec,
  metadata: JsonObject,
  labels: JsonObject,
  webLabels: JsonObject,
): JsonObject {
  const webPeer: JsonObject = spec.webNamespace
    ? {
        podSelector: { matchLabels: webLabels },
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': spec.webNamespace } },
      }
    : { podSelector: { matchLabels: webLabels } };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata,
    spec: {
      podSelector: { matchLabels: labels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [webPeer], ports: [{ port: GUACD_PORT, protocol: 'TCP' }] }],
      egress: [
        {
          to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
        // An egress rule with no `to` would allow every destination: emit it only when there
        // are targets and ports.
        ...(spec.remoteDesktopCidrs.length > 0 && spec.remoteDesktopPorts.length > 0
          ? [
              {
                to: spec.remoteDesktopCidrs.map((cidr) => ({ ipBlock: { cidr } })),
                ports: spec.remoteDesktopPorts.map((p) => ({
                  port: apiNumber(p),
                  protocol: 'TCP',
                })),
              },
            ]
          : []),
      ],
    },
  };
}
