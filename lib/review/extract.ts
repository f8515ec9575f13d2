/**
 * The inventory entries of one stack, read through the one resource model: each Google
 * resource through its model in lib/terraform/google, each Kubernetes object through
 * lib/terraform/kubernetes (the API object, for provider resources and `kubernetes_manifest`
 * alike), the pods' drain through `readPodDrain`, and the GKE links through `Wiring`. The same
 * code reads cdktf's `cdk.tf.json` and plan JSON.
 */
import {
  BackendServiceEntry,
  Entry,
  HealthCheckSummary,
  InstanceGroupEntry,
  KubernetesServiceEntry,
  StatefulSetEntry,
} from './model';
import { API_DECIDED, describeUnknown, isUnknown } from '../core/unknown';
import { ResourceIndex, TfResource, block } from '../terraform/resource';
import { PROVIDER_DEFAULT_DRAINING, readBackendService } from '../terraform/google/backend-service';
import {
  HEALTH_CHECK_DEFAULTS,
  HEALTH_CHECK_TYPES,
  readHealthCheck,
} from '../terraform/google/health-check';
import { JsonObject } from '../terraform/kubernetes';
import { readPodDrain } from '../terraform/kubernetes/pod-drain';
import { k8sName, kubeObject } from './resources';
import { GKE_POLICY_KINDS, Wiring, sideOf } from './wiring';
import { flatString } from './strings';

export type { ResourceMap } from './resources';

/** Resolves a reference that points outside the stack (cross-stack outputs). */
export type ExternalResolver = (reference: string) => TfResource | undefined;

const COOKIE_TYPES = ['GENERATED_COOKIE', 'HTTP_COOKIE', 'STRONG_COOKIE_AFFINITY'];
const MIG_TYPES = [
  'google_compute_instance_group_manager',
  'google_compute_region_instance_group_manager',
];
const AUTOSCALER_TYPES = ['google_compute_autoscaler', 'google_compute_region_autoscaler'];

/** A number that is known here (not a reference, not decided at apply). */
function known(value: unknown): number | undefined {
  return typeof value === 'number' && !isUnknown(value) ? value : undefined;
}

/** A number, a numeric string as a number, or undefined (unknown values: see `unknownOf`). */
function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '' || isUnknown(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** How an unknown value is shown, or undefined for a known (or absent) one. */
const unknownOf = (value: unknown): string | undefined =>
  value !== undefined && isUnknown(value) ? describeUnknown(value) : undefined;

/**
 * A probe timing as shown: its seconds, how an unknown one stands, text the provider refuses as
 * written, or `unset` (the provider's or controller's value) when absent.
 */
function timing(value: unknown, unset: number | string): number | string {
  if (value === undefined || value === null || value === '') return unset;
  if (isUnknown(value)) return describeUnknown(value);
  const n = Number(value);
  return Number.isFinite(n) ? n : `${JSON.stringify(value)} (not a number)`;
}

/** The resource a `${type.name.attr}` reference or a Google Cloud URL points to. */
function resolve(
  index: ResourceIndex,
  from: TfResource,
  ref: unknown,
  types: readonly string[],
  external?: ExternalResolver,
): TfResource | undefined {
  if (typeof ref !== 'string') return undefined;
  if (ref.startsWith('${data.terraform_remote_state.')) return external?.(ref);
  const m = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(ref);
  if (m) return types.includes(m[1]) ? index.get(from.source, `${m[1]}.${m[2]}`) : undefined;
  return index.named(types, ref.split('/').pop() ?? ref, from.source)[0];
}

function healthCheck(hc: TfResource | undefined): HealthCheckSummary | undefined {
  if (!hc) return undefined;
  const read = readHealthCheck(hc.values);
  return {
    name: hc.values.name,
    protocol: read.protocol,
    // Unset or the API's choice reads as the serving port, as before; text is shown as written.
    port: read.port === undefined || read.port === API_DECIDED ? undefined : timing(read.port, ''),
    path: read.probe.request_path,
    intervalSeconds: timing(read.intervalSeconds, HEALTH_CHECK_DEFAULTS.check_interval_sec),
    timeoutSeconds: timing(read.timeoutSeconds, HEALTH_CHECK_DEFAULTS.timeout_sec),
  };
}

function groupLabel(
  index: ResourceIndex,
  from: TfResource,
  ref: string,
  external?: ExternalResolver,
): string {
  const mig = resolve(index, from, ref, MIG_TYPES, external);
  if (mig?.values?.name) {
    const where = mig.values.zone ?? mig.values.region;
    return where ? flatString(mig.values.name, ' (', where, ')') : mig.values.name;
  }
  const url = /\/(zones|regions)\/([^/]+)\/instanceGroups\/([^/]+)$/.exec(ref);
  return url ? flatString(url[3], ' (', url[2], ')') : ref;
}

function backendService(
  r: TfResource,
  index: ResourceIndex,
  external?: ExternalResolver,
): BackendServiceEntry {
  const v = r.values;
  const read = readBackendService(r);
  const affinityType: string = read.spec.affinity.type;
  const affinity = isUnknown(affinityType)
    ? affinityType === API_DECIDED
      ? 'NONE'
      : describeUnknown(affinityType)
    : affinityType;
  const unknown: Record<string, string> = {};
  const note = (field: string, value: unknown) => {
    const u = unknownOf(value);
    if (u !== undefined) unknown[field] = u;
  };
  // A number field holding text the provider refuses (`"abc"`) is shown as written, never as
  // unset or as the provider's default.
  const noteNumber = (field: string, value: unknown) =>
    typeof value === 'string' && !isUnknown(value)
      ? (unknown[field] = `${JSON.stringify(value)} (not a number)`)
      : note(field, value);
  if (affinityType !== API_DECIDED) note('affinity', affinityType);
  noteNumber('ttl', read.ttlSeconds);
  noteNumber('draining', read.drainingSeconds);
  return {
    kind: 'backend-service',
    stack: r.source,
    cookieName: read.cookieName,
    cookiePath: read.cookiePath,
    address: r.address,
    name: v.name,
    region: read.regional ? (v.region ?? '(provider region)') : undefined,
    scheme: v.load_balancing_scheme ?? `${read.spec.scheme} (default)`,
    protocol: v.protocol ?? describeUnknown(API_DECIDED),
    affinity,
    ttlSeconds: known(read.ttlSeconds),
    ttlSource:
      known(read.ttlSeconds) === undefined
        ? undefined
        : read.ttlAttribute?.replace(/\.seconds$/, ''),
    affinityHeader: read.headerName,
    localityLbPolicy: v.locality_lb_policy ?? undefined,
    drainingSeconds: known(read.drainingSeconds) ?? PROVIDER_DEFAULT_DRAINING,
    drainingImplicit: read.drainingImplicit,
    healthCheck: healthCheck(index.referenced(r, 'health_checks', HEALTH_CHECK_TYPES)[0]),
    backends: read.backends.map((b) => ({
      group: groupLabel(index, r, b.group, external),
      balancingMode: b.balancingMode,
      capacityScaler: known(b.capacityScaler),
    })),
    ...(Object.keys(unknown).length ? { unknown } : {}),
  };
}

const obj = (v: unknown): JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {};

/**
 * The settings of a BackendConfig or GCPBackendPolicy, read like a backend service (so changes
 * rate the same); `healthPolicy` is the HealthCheckPolicy that probes the same Service.
 */
export function gkePolicyEntry(
  r: TfResource,
  healthPolicy?: TfResource,
): BackendServiceEntry | undefined {
  const m = kubeObject(r);
  const kind = m?.kind;
  if (kind !== 'BackendConfig' && kind !== 'GCPBackendPolicy') return undefined;
  const ingress = kind === 'BackendConfig';
  const spec = ingress ? obj(m!.spec) : obj(obj(m!.spec).default);
  const sa = obj(spec.sessionAffinity);
  const affinityRaw = ingress ? sa.affinityType : sa.type;
  const affinity = affinityRaw === undefined ? 'NONE' : String(affinityRaw);
  const ttlRaw = ingress ? sa.affinityCookieTtlSec : sa.cookieTtlSec;
  const ttl = num(ttlRaw);
  const drainingRaw = obj(spec.connectionDraining).drainingTimeoutSec;
  const draining = num(drainingRaw);
  const unknown: Record<string, string> = {};
  for (const [field, value] of [
    ['affinity', affinityRaw],
    ['ttl', ttlRaw],
    ['draining', drainingRaw],
    ['timeout', spec.timeoutSec],
  ] as const) {
    const u = unknownOf(value);
    if (u !== undefined) unknown[field] = u;
  }
  return {
    kind: 'backend-service',
    stack: r.source,
    address: r.address,
    name: k8sName(m) ?? r.address,
    gkeObject: kind,
    scheme: ingress ? 'GKE Ingress' : 'GKE Gateway',
    protocol: 'HTTP',
    affinity: unknown.affinity ?? affinity,
    ttlSeconds: COOKIE_TYPES.includes(affinity) ? ttl : undefined,
    ttlSource:
      ttl === undefined
        ? undefined
        : ingress
          ? 'sessionAffinity.affinityCookieTtlSec'
          : 'sessionAffinity.cookieTtlSec',
    // GKE leaves draining at 0 when the object does not set it.
    drainingSeconds: draining ?? 0,
    drainingImplicit: draining === undefined && unknown.draining === undefined,
    timeoutSeconds: num(spec.timeoutSec),
    healthCheck: ingress ? backendConfigProbe(m!, spec) : healthCheckPolicyProbe(healthPolicy),
    backends: [],
    ...(Object.keys(unknown).length ? { unknown } : {}),
  };
}

/** A BackendConfig's own `spec.healthCheck`. */
function backendConfigProbe(m: JsonObject, spec: JsonObject): HealthCheckSummary | undefined {
  const hc = spec.healthCheck;
  if (hc === undefined) return undefined;
  const h = obj(hc);
  return {
    name: `${String(obj(m.metadata).name)} health check`,
    protocol: String(h.type ?? 'HTTP'),
    port: num(h.port),
    path: typeof h.requestPath === 'string' ? h.requestPath : undefined,
    // Unset: ingress-gce's, from its defaults and the pods' readiness probe (not shown here).
    intervalSeconds: timing(h.checkIntervalSec, describeUnknown(API_DECIDED)),
    timeoutSeconds: timing(h.timeoutSec, describeUnknown(API_DECIDED)),
  };
}

/** The probe of a HealthCheckPolicy (`spec.default.config.<type>HealthCheck`). */
function healthCheckPolicyProbe(r: TfResource | undefined): HealthCheckSummary | undefined {
  const m = r ? kubeObject(r) : undefined;
  if (!m) return undefined;
  const d = obj(obj(m.spec).default);
  const config = obj(d.config);
  const type = String(config.type ?? 'HTTP');
  const probe = obj(
    Object.entries(config).find(([k]) => k.endsWith('HealthCheck') && k !== 'type')?.[1],
  );
  return {
    name: `HealthCheckPolicy ${k8sName(m)}`,
    protocol: type,
    port: num(probe.port),
    path: typeof probe.requestPath === 'string' ? probe.requestPath : undefined,
    // Unset: the HealthCheckPolicy CRD's defaults (5 s / 5 s).
    intervalSeconds: timing(d.checkIntervalSec, 5),
    timeoutSeconds: timing(d.timeoutSec, 5),
  };
}

function service(r: TfResource): KubernetesServiceEntry {
  const o = kubeObject(r)!;
  const spec = obj(o.spec);
  const timeout = obj(obj(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
  const pinned = obj(spec.selector)['statefulset.kubernetes.io/pod-name'];
  return {
    kind: 'k8s-service',
    stack: r.source,
    address: r.address,
    name: k8sName(o) ?? r.address,
    sessionAffinity: String(spec.sessionAffinity ?? 'None'),
    // The model sends 0 for a client_ip block without a timeout: the API server's default then.
    clientIpTimeoutSeconds: num(timeout) || undefined,
    headless: spec.clusterIP === 'None',
    pinnedPod: typeof pinned === 'string' ? pinned : undefined,
  };
}

function statefulSet(r: TfResource, pdbs: TfResource[]): StatefulSetEntry {
  const o = kubeObject(r)!;
  const spec = obj(o.spec);
  const ns = obj(o.metadata).namespace;
  const podLabels = obj(obj(obj(spec.template).metadata).labels);
  const pdb = pdbs
    .map((p) => kubeObject(p)!)
    .find((p) => {
      const labels = obj(obj(obj(p.spec).selector).matchLabels);
      return (
        obj(p.metadata).namespace === ns &&
        Object.keys(labels).length > 0 &&
        Object.entries(labels).every(([k, val]) => podLabels[k] === val)
      );
    });
  const pdbSpec = pdb ? obj(pdb.spec) : undefined;
  const drain = readPodDrain(o);
  const unknown: Record<string, string> = {};
  const u = unknownOf(spec.replicas);
  if (u !== undefined) unknown.replicas = u;
  return {
    kind: 'statefulset',
    stack: r.source,
    address: r.address,
    name: k8sName(o) ?? r.address,
    replicas: num(spec.replicas),
    gracePeriodSeconds: num(drain.graceSeconds),
    preStop: drain.preStop,
    preStopDrainSeconds: num(drain.drainSeconds),
    pdb: pdbSpec
      ? pdbSpec.maxUnavailable !== undefined
        ? `maxUnavailable ${String(pdbSpec.maxUnavailable)}`
        : `minAvailable ${String(pdbSpec.minAvailable)}`
      : undefined,
    ...(Object.keys(unknown).length ? { unknown } : {}),
  };
}

/** Every entry of one stack's session-path resources. */
export function extractEntries(
  resources: readonly TfResource[],
  external?: ExternalResolver,
  side: { index: ResourceIndex; wiring: Wiring } = sideOf(resources),
): Entry[] {
  const { index } = side; // the links (side.wiring) only when a GKE policy needs them
  const entries: Entry[] = [];
  const byType = (...types: string[]) => resources.filter((r) => types.includes(r.type));
  for (const r of byType('google_compute_backend_service', 'google_compute_region_backend_service'))
    entries.push(backendService(r, index, external));
  // Each autoscaler names its group once: map them in one pass.
  const scalers = new Map<TfResource, TfResource>();
  for (const a of byType(...AUTOSCALER_TYPES)) {
    const mig = resolve(index, a, a.values.target, MIG_TYPES);
    if (mig) scalers.set(mig, a);
  }
  for (const r of byType(...MIG_TYPES)) {
    const v = r.values;
    const policy = block(scalers.get(r)?.values.autoscaling_policy);
    const mig: InstanceGroupEntry = {
      kind: 'instance-group',
      stack: r.source,
      address: r.address,
      name: v.name,
      zone: v.zone ?? v.region,
      targetSize: num(v.target_size),
      autoscalerMin: num(policy?.min_replicas),
      autoscalerMax: num(policy?.max_replicas),
      updatePolicy: block(v.update_policy)?.type,
    };
    entries.push(mig);
  }
  for (const r of byType('kubernetes_manifest')) {
    if (!GKE_POLICY_KINDS.has(String(kubeObject(r)?.kind))) continue;
    const entry = gkePolicyEntry(r, side.wiring.healthPolicyOf(r)?.resource);
    if (entry) entries.push(entry);
  }
  for (const r of byType('kubernetes_service_v1', 'kubernetes_service')) entries.push(service(r));
  const pdbs = byType('kubernetes_pod_disruption_budget_v1', 'kubernetes_pod_disruption_budget');
  for (const r of byType('kubernetes_stateful_set_v1', 'kubernetes_stateful_set'))
    entries.push(statefulSet(r, pdbs));
  return entries;
}
