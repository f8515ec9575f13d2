/**
 * What `affinity-review` knows about a deployment: the settings that decide where sessions
 * land and how connections end, read from Terraform JSON (cdktf synth output or plan JSON).
 * No cdktf import: the review runs on JSON alone.
 */

import { TfResource } from '../terraform/resource';
import { flatString } from './strings';

/** A Google Cloud backend service (global or regional). */
export interface BackendServiceEntry {
  readonly kind: 'backend-service';
  /** `<stack>` of the synth output (or the plan). */
  readonly stack: string;
  /** Terraform address, e.g. `google_compute_backend_service.mcp_backend-service_010A5616`. */
  readonly address: string;
  /** Google Cloud name. */
  readonly name: string;
  readonly region?: string;
  readonly scheme: string;
  readonly protocol: string;
  /** `session_affinity`, NONE when unset (the API default). */
  readonly affinity: string;
  /** Effective stickiness TTL in seconds, wherever it is stored; undefined without a cookie. */
  readonly ttlSeconds?: number;
  /** Where the TTL came from (`affinity_cookie_ttl_sec`, `strong_session_affinity_cookie.ttl`, ...). */
  readonly ttlSource?: string;
  /** Header of HEADER_FIELD affinity. */
  readonly affinityHeader?: string;
  /** Cookie name of HTTP_COOKIE or STRONG_COOKIE_AFFINITY (the cookie clients hold). */
  readonly cookieName?: string;
  /** Cookie path of HTTP_COOKIE or STRONG_COOKIE_AFFINITY. */
  readonly cookiePath?: string;
  readonly localityLbPolicy?: string;
  /** Draining in seconds; the provider default (300) when unset, flagged by `drainingImplicit`. */
  readonly drainingSeconds: number;
  readonly drainingImplicit: boolean;
  readonly healthCheck?: HealthCheckSummary;
  readonly backends: BackendSummary[];
  /**
   * The GKE object that configures the backend service GKE manages (`BackendConfig`,
   * `GCPBackendPolicy`), when the settings come from one; `name` is then `<namespace>/<name>`.
   */
  readonly gkeObject?: string;
  /** Backend timeout in seconds (GKE objects: the longest life of a WebSocket tunnel). */
  readonly timeoutSeconds?: number;
  /**
   * Fields known only after apply (`affinity`, `ttl`, `draining`, `timeout`), each with how it is
   * shown (`(known after apply)`, `${var.ttl} (known after apply)`); their numbers above are
   * then not the values.
   */
  readonly unknown?: Record<string, string>;
}

/** Health check fields a reviewer cares about. */
export interface HealthCheckSummary {
  readonly name: string;
  readonly protocol: string;
  /** The probe port; how it stands when not a known number; undefined for the serving port. */
  readonly port?: number | string;
  readonly path?: string;
  /** Seconds, or how the value stands when it is not a known number ("(known after apply)"). */
  readonly intervalSeconds: number | string;
  readonly timeoutSeconds: number | string;
}

/** One backend of a backend service. */
export interface BackendSummary {
  /** Readable group: `<group name> (<zone>)` when resolvable, else the reference. */
  readonly group: string;
  readonly balancingMode?: string;
  readonly capacityScaler?: number;
}

/** A managed instance group. */
export interface InstanceGroupEntry {
  readonly kind: 'instance-group';
  readonly stack: string;
  readonly address: string;
  readonly name: string;
  readonly zone?: string;
  readonly targetSize?: number;
  /** Autoscaler range, when an autoscaler targets the group. */
  readonly autoscalerMin?: number;
  readonly autoscalerMax?: number;
  /** `update_policy.type` (PROACTIVE or OPPORTUNISTIC). */
  readonly updatePolicy?: string;
}

/** A Kubernetes Service. */
export interface KubernetesServiceEntry {
  readonly kind: 'k8s-service';
  readonly stack: string;
  readonly address: string;
  /** `<namespace>/<name>`. */
  readonly name: string;
  readonly sessionAffinity: string;
  readonly clientIpTimeoutSeconds?: number;
  readonly headless: boolean;
  /** The pod a per-pod Service pins (`statefulset.kubernetes.io/pod-name`). */
  readonly pinnedPod?: string;
}

/** A Kubernetes StatefulSet. */
export interface StatefulSetEntry {
  readonly kind: 'statefulset';
  readonly stack: string;
  readonly address: string;
  /** `<namespace>/<name>`. */
  readonly name: string;
  readonly replicas?: number;
  readonly gracePeriodSeconds?: number;
  /** True when a container has a preStop hook. */
  readonly preStop: boolean;
  /** Drain wait of the preStop hook in seconds, when the hook is this library's drain (its model says so). */
  readonly preStopDrainSeconds?: number;
  /** PDB of its pods: `maxUnavailable 1` / `minAvailable 2`. */
  readonly pdb?: string;
  /** Fields known only after apply (`replicas`), each with how it is shown. */
  readonly unknown?: Record<string, string>;
}

/** Anything the review lists. */
export type Entry =
  BackendServiceEntry | InstanceGroupEntry | KubernetesServiceEntry | StatefulSetEntry;

/** Every entry of a deployment, by stack. */
export interface Inventory {
  readonly stacks: string[];
  readonly entries: Entry[];
  /**
   * The entries of one stack (those of `entries` whose `stack` it is), when the inventory can
   * give them without reading every stack.
   * @default - filter `entries`
   */
  readonly entriesIn?: (stack: string) => Entry[];
  /** The session-path resources (the one resource model), compared attribute by attribute. */
  readonly resources: TfResource[];
  /**
   * Digest of each stack's file, when read from disk: stacks whose digest is the same in two
   * versions are byte-identical and need no comparison.
   * @default - compare everything
   */
  readonly digests?: Record<string, string>;
}

/** Risk of a change. */
export type Risk = 'high' | 'medium' | 'low';

/** One change and what it does to sessions. */
export interface Finding {
  readonly risk: Risk;
  readonly stack: string;
  /** Kind and name, e.g. `backend service mcp-backend-global`. */
  readonly subject: string;
  /** What changed, e.g. `connection_draining_timeout_sec 60 → 0`. */
  readonly change: string;
  /** One sentence of consequence. */
  readonly consequence: string;
}

/**
 * Identity of an entry across two versions. Google Cloud names are unique per project (and
 * zone or region), so a backend service or group that moves between stacks is the same
 * resource; Kubernetes names are unique per cluster, which is a stack.
 */
export function entryKey(e: Entry): string {
  switch (e.kind) {
    case 'backend-service':
      // Kubernetes names are unique per cluster (a stack); Google Cloud names per project.
      return e.gkeObject
        ? flatString(e.kind, ':', e.stack, ':', e.gkeObject, '/', e.name)
        : flatString(e.kind, ':', e.region ?? 'global', '/', e.name);
    case 'instance-group':
      return flatString(e.kind, ':', e.zone ?? '', '/', e.name);
    default:
      return flatString(e.kind, ':', e.stack, ':', e.name);
  }
}

/** Human label of an entry. */
export function subjectOf(e: Entry): string {
  switch (e.kind) {
    case 'backend-service':
      return e.gkeObject
        ? flatString(e.gkeObject, ' ', e.name, ' (its backend service)')
        : flatString('backend service ', e.name, ...(e.region ? [' (', e.region, ')'] : []));
    case 'instance-group':
      return flatString('instance group ', e.name, ...(e.zone ? [' (', e.zone, ')'] : []));
    case 'k8s-service':
      return flatString('Service ', e.name);
    case 'statefulset':
      return flatString('StatefulSet ', e.name);
  }
}
