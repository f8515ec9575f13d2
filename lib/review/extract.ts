/**
 * Reads the entries of one stack from Terraform resource values. The same code reads cdktf's
 * `cdk.tf.json` (nested blocks as objects, references as `${type.name.attr}`) and plan JSON
 * (nested blocks as lists, references already resolved to URLs).
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
import { block as one } from '../terraform/resource';
import { PROVIDER_DEFAULT_DRAINING, readBackendService } from '../terraform/google/backend-service';
import {
  HEALTH_CHECK_DEFAULTS,
  HEALTH_CHECK_TYPES,
  readHealthCheck,
} from '../terraform/google/health-check';

/** `{ <type>: { <name>: <values> } }`, as in `resource` of cdk.tf.json. */
export type ResourceMap = Record<string, Record<string, any>>;

/** Resolves a reference that points outside the stack (cross-stack outputs). */
export type ExternalResolver = (reference: string) => { type: string; values: any } | undefined;

const COOKIE_TYPES = ['GENERATED_COOKIE', 'HTTP_COOKIE', 'STRONG_COOKIE_AFFINITY'];

function num(value: any): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Finds the resource a `${type.name.attr}` reference or a Google Cloud URL points to. */
function resolve(
  resources: ResourceMap,
  ref: string,
  types: string[],
  external?: ExternalResolver,
): { type: string; values: any } | undefined {
  const m = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(ref);
  if (m && types.includes(m[1])) {
    const values = resources[m[1]]?.[m[2]];
    return values ? { type: m[1], values } : undefined;
  }
  if (ref.startsWith('${data.terraform_remote_state.')) return external?.(ref);
  const name = ref.split('/').pop();
  for (const type of types) {
    const hit = Object.values(resources[type] ?? {}).find((v: any) => v?.name === name);
    if (hit) return { type, values: hit };
  }
  return undefined;
}

function healthCheck(
  resources: ResourceMap,
  ref: string | undefined,
): HealthCheckSummary | undefined {
  if (!ref) return undefined;
  const hc = resolve(resources, ref, HEALTH_CHECK_TYPES);
  if (!hc) return undefined;
  const read = readHealthCheck(hc.values);
  return {
    name: hc.values.name,
    protocol: read.protocol,
    port: known(read.port),
    path: read.probe.request_path,
    intervalSeconds: known(read.intervalSeconds) ?? HEALTH_CHECK_DEFAULTS.check_interval_sec,
    timeoutSeconds: known(read.timeoutSeconds) ?? HEALTH_CHECK_DEFAULTS.timeout_sec,
  };
}

/** A number that is known here (not a reference, not decided at apply). */
function known(value: unknown): number | undefined {
  return typeof value === 'number' && !isUnknown(value) ? value : undefined;
}

function groupLabel(resources: ResourceMap, ref: string, external?: ExternalResolver): string {
  const mig = resolve(
    resources,
    ref,
    ['google_compute_instance_group_manager', 'google_compute_region_instance_group_manager'],
    external,
  );
  if (mig?.values?.name) {
    const where = mig.values.zone ?? mig.values.region;
    return where ? `${mig.values.name} (${where})` : mig.values.name;
  }
  const url = /\/(zones|regions)\/([^/]+)\/instanceGroups\/([^/]+)$/.exec(ref);
  return url ? `${url[3]} (${url[2]})` : ref;
}

function backendService(
  stack: string,
  type: string,
  id: string,
  v: any,
  resources: ResourceMap,
  external?: ExternalResolver,
): BackendServiceEntry {
  const read = readBackendService({
    address: `${type}.${id}`,
    type,
    values: v,
    source: stack,
    suppressions: [],
  });
  const affinity = isUnknown(read.spec.affinity.type) ? 'NONE' : read.spec.affinity.type;
  const scheme = v.load_balancing_scheme ?? `${read.spec.scheme} (default)`;
  return {
    kind: 'backend-service',
    stack,
    cookieName: read.cookieName,
    cookiePath: read.cookiePath,
    address: `${type}.${id}`,
    name: v.name,
    region: read.regional ? (v.region ?? '(provider region)') : undefined,
    scheme,
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
    healthCheck: healthCheck(resources, read.healthCheckRefs[0]),
    backends: read.backends.map((b) => ({
      group: groupLabel(resources, b.group, external),
      balancingMode: b.balancingMode,
      capacityScaler: known(b.capacityScaler),
    })),
  };
}

/** GKE objects that configure a backend service, read like one (so changes rate the same). */
function gkeBackendPolicy(stack: string, id: string, v: any): BackendServiceEntry | undefined {
  const m = v?.manifest;
  if (m?.kind !== 'BackendConfig' && m?.kind !== 'GCPBackendPolicy') return undefined;
  const spec = (m.kind === 'BackendConfig' ? m.spec : m.spec?.default) ?? {};
  const affinity: string =
    (m.kind === 'BackendConfig'
      ? spec.sessionAffinity?.affinityType
      : spec.sessionAffinity?.type) ?? 'NONE';
  const ttl = num(
    m.kind === 'BackendConfig'
      ? spec.sessionAffinity?.affinityCookieTtlSec
      : spec.sessionAffinity?.cookieTtlSec,
  );
  const draining = num(spec.connectionDraining?.drainingTimeoutSec);
  const hc = m.kind === 'BackendConfig' ? spec.healthCheck : undefined;
  return {
    kind: 'backend-service',
    stack,
    address: `kubernetes_manifest.${id}`,
    name: `${m.metadata?.namespace ?? 'default'}/${m.metadata?.name}`,
    gkeObject: m.kind,
    scheme: m.kind === 'BackendConfig' ? 'GKE Ingress' : 'GKE Gateway',
    protocol: 'HTTP',
    affinity,
    ttlSeconds: COOKIE_TYPES.includes(affinity) ? ttl : undefined,
    ttlSource:
      ttl === undefined
        ? undefined
        : m.kind === 'BackendConfig'
          ? 'sessionAffinity.affinityCookieTtlSec'
          : 'sessionAffinity.cookieTtlSec',
    // GKE leaves draining at 0 when the object does not set it.
    drainingSeconds: draining ?? 0,
    drainingImplicit: draining === undefined,
    timeoutSeconds: num(spec.timeoutSec),
    healthCheck: hc
      ? {
          name: `${m.metadata?.name} health check`,
          protocol: hc.type ?? 'HTTP',
          port: num(hc.port),
          path: hc.requestPath,
          intervalSeconds: num(hc.checkIntervalSec) ?? 5,
          timeoutSeconds: num(hc.timeoutSec) ?? 5,
        }
      : undefined,
    backends: [],
  };
}

function preStopDrain(command: string[] | undefined): number | undefined {
  const script = (command ?? []).join(' ');
  // The library's drain script: `end=$(( $(date +%s) + N ))`.
  const m = /\+ (\d+) \)\)/.exec(script);
  return m ? Number(m[1]) : undefined;
}

/** Every entry of one stack's resources. */
export function extractEntries(
  stack: string,
  resources: ResourceMap,
  external?: ExternalResolver,
): Entry[] {
  const entries: Entry[] = [];
  for (const type of ['google_compute_backend_service', 'google_compute_region_backend_service']) {
    for (const [id, v] of Object.entries(resources[type] ?? {}))
      entries.push(backendService(stack, type, id, v, resources, external));
  }
  for (const type of [
    'google_compute_instance_group_manager',
    'google_compute_region_instance_group_manager',
  ]) {
    for (const [id, v] of Object.entries<any>(resources[type] ?? {})) {
      const self = `${type}.${id}.`;
      const scaler = ['google_compute_autoscaler', 'google_compute_region_autoscaler']
        .flatMap((t) => Object.values<any>(resources[t] ?? {}))
        .find(
          (a) =>
            typeof a?.target === 'string' &&
            (a.target.includes(self) || (v.name && a.target.endsWith(`/${v.name}`))),
        );
      const policy = one(scaler?.autoscaling_policy);
      const mig: InstanceGroupEntry = {
        kind: 'instance-group',
        stack,
        address: `${type}.${id}`,
        name: v.name,
        zone: v.zone ?? v.region,
        targetSize: num(v.target_size),
        autoscalerMin: num(policy?.min_replicas),
        autoscalerMax: num(policy?.max_replicas),
        updatePolicy: one(v.update_policy)?.type,
      };
      entries.push(mig);
    }
  }
  for (const [id, v] of Object.entries<any>(resources.kubernetes_manifest ?? {})) {
    const entry = gkeBackendPolicy(stack, id, v);
    if (entry) entries.push(entry);
  }
  const pdbs = ['kubernetes_pod_disruption_budget_v1', 'kubernetes_pod_disruption_budget'].flatMap(
    (t) => Object.values<any>(resources[t] ?? {}),
  );
  for (const type of ['kubernetes_service_v1', 'kubernetes_service']) {
    for (const [id, v] of Object.entries<any>(resources[type] ?? {})) {
      const meta = one(v.metadata) ?? {};
      const spec = one(v.spec) ?? {};
      const svc: KubernetesServiceEntry = {
        kind: 'k8s-service',
        stack,
        address: `${type}.${id}`,
        name: `${meta.namespace ?? 'default'}/${meta.name}`,
        sessionAffinity: spec.session_affinity ?? 'None',
        clientIpTimeoutSeconds: num(
          one(one(spec.session_affinity_config)?.client_ip)?.timeout_seconds,
        ),
        headless: spec.cluster_ip === 'None',
        pinnedPod: spec.selector?.['statefulset.kubernetes.io/pod-name'],
      };
      entries.push(svc);
    }
  }
  for (const type of ['kubernetes_stateful_set_v1', 'kubernetes_stateful_set']) {
    for (const [id, v] of Object.entries<any>(resources[type] ?? {})) {
      const meta = one(v.metadata) ?? {};
      const spec = one(v.spec) ?? {};
      const template = one(spec.template) ?? {};
      const podLabels = one(template.metadata)?.labels ?? {};
      const pod = one(template.spec) ?? {};
      const preStops = (pod.container ?? [])
        .map((c: any) => one(one(one(c.lifecycle)?.pre_stop)?.exec)?.command)
        .filter(Boolean);
      const pdb = pdbs.find((p) => {
        const pm = one(p.metadata) ?? {};
        const labels = one(one(p.spec)?.selector)?.match_labels ?? {};
        return (
          (pm.namespace ?? 'default') === (meta.namespace ?? 'default') &&
          Object.keys(labels).length > 0 &&
          Object.entries(labels).every(([k, val]) => podLabels[k] === val)
        );
      });
      const pdbSpec = one(pdb?.spec);
      const set: StatefulSetEntry = {
        kind: 'statefulset',
        stack,
        address: `${type}.${id}`,
        name: `${meta.namespace ?? 'default'}/${meta.name}`,
        replicas: num(spec.replicas),
        gracePeriodSeconds: num(pod.termination_grace_period_seconds),
        preStop: preStops.length > 0,
        preStopDrainSeconds: preStopDrain(preStops[0]),
        pdb: pdbSpec
          ? pdbSpec.max_unavailable !== undefined
            ? `maxUnavailable ${pdbSpec.max_unavailable}`
            : `minAvailable ${pdbSpec.min_available}`
          : undefined,
      };
      entries.push(set);
    }
  }
  return entries;
}
