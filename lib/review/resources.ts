/**
 * Every resource on the session path, as raw Terraform values with a stable identity, and an
 * attribute-by-attribute diff of two versions. The raters in `session-path.ts` explain the
 * changes they understand; whatever is left is still reported ("unrated change"), so the
 * review can only say "no change" when nothing on the session path changed.
 */

/** Resource types on the path of a session, with how the review names them. */
export const SESSION_PATH_TYPES: Record<string, string> = {
  google_compute_backend_service: 'backend service',
  google_compute_region_backend_service: 'backend service',
  google_compute_instance_group_manager: 'instance group',
  google_compute_region_instance_group_manager: 'instance group',
  google_compute_instance_template: 'instance template',
  google_compute_region_instance_template: 'instance template',
  google_compute_autoscaler: 'autoscaler',
  google_compute_region_autoscaler: 'autoscaler',
  google_compute_health_check: 'health check',
  google_compute_region_health_check: 'health check',
  google_compute_http_health_check: 'health check',
  google_compute_https_health_check: 'health check',
  google_compute_firewall: 'firewall rule',
  google_compute_url_map: 'URL map',
  google_compute_region_url_map: 'URL map',
  google_compute_target_https_proxy: 'HTTPS proxy',
  google_compute_region_target_https_proxy: 'HTTPS proxy',
  google_compute_target_http_proxy: 'HTTP proxy',
  google_compute_region_target_http_proxy: 'HTTP proxy',
  google_compute_target_ssl_proxy: 'SSL proxy',
  google_compute_target_tcp_proxy: 'TCP proxy',
  google_compute_region_target_tcp_proxy: 'TCP proxy',
  google_compute_global_forwarding_rule: 'forwarding rule',
  google_compute_forwarding_rule: 'forwarding rule',
  google_compute_global_address: 'address',
  google_compute_address: 'address',
  google_compute_ssl_policy: 'SSL policy',
  google_compute_region_ssl_policy: 'SSL policy',
  kubernetes_stateful_set_v1: 'StatefulSet',
  kubernetes_stateful_set: 'StatefulSet',
  kubernetes_service_v1: 'Service',
  kubernetes_service: 'Service',
  kubernetes_pod_disruption_budget_v1: 'PodDisruptionBudget',
  kubernetes_pod_disruption_budget: 'PodDisruptionBudget',
  kubernetes_network_policy_v1: 'NetworkPolicy',
  kubernetes_network_policy: 'NetworkPolicy',
  kubernetes_deployment_v1: 'Deployment',
  kubernetes_deployment: 'Deployment',
  kubernetes_ingress_v1: 'Ingress',
  kubernetes_ingress: 'Ingress',
  // CRDs (BackendConfig, GCPBackendPolicy, HealthCheckPolicy, HTTPRoute): labelled by kind.
  kubernetes_manifest: 'object',
};

/** One resource of one version of a deployment. */
export interface ResourceRecord {
  readonly stack: string;
  readonly type: string;
  /** Terraform address, `<type>.<name>`. */
  readonly address: string;
  /** Identity across versions (Google Cloud name and location, or Kubernetes namespace/name per stack). */
  readonly key: string;
  /** Human label, e.g. `URL map lb-url-map`. */
  readonly label: string;
  /** The resource's values (cdk.tf.json form or plan form). */
  readonly values: any;
}

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** First element of a list block, or the object itself. */
export function first(value: any): any {
  return Array.isArray(value) ? value[0] : value;
}

/** Kubernetes `<namespace>/<name>` of a resource's metadata. */
export function k8sName(values: any): string | undefined {
  const meta = first(values?.metadata);
  return isObject(meta) && typeof meta.name === 'string'
    ? `${typeof meta.namespace === 'string' ? meta.namespace : 'default'}/${meta.name}`
    : undefined;
}

/** Records of the session-path resources of one stack. */
export function extractRecords(stack: string, resources: Record<string, any>): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (const [type, kind] of Object.entries(SESSION_PATH_TYPES)) {
    const ofType = resources[type];
    if (!isObject(ofType)) continue;
    for (const [id, values] of Object.entries(ofType)) {
      if (!isObject(values)) continue;
      const address = `${type}.${id}`;
      let key: string;
      let name: string;
      if (type === 'kubernetes_manifest') {
        const m = isObject(values.manifest) ? values.manifest : {};
        const kind = typeof m.kind === 'string' ? m.kind : 'object';
        name = k8sName(m) ?? id;
        key = `${type}:${stack}:${kind}/${name}`;
        out.push({ stack, type, address, key, label: `${kind} ${name}`, values });
        continue;
      } else if (type.startsWith('kubernetes_')) {
        name = k8sName(values) ?? id;
        key = `${type}:${stack}:${name}`;
      } else if (typeof values.name === 'string' && !values.name.includes('${')) {
        const where = values.region ?? values.zone ?? 'global';
        name = values.name;
        key = `${type}:${typeof where === 'string' ? where : 'global'}/${values.name}`;
      } else {
        name = id;
        key = `${type}:${stack}:${address}`;
      }
      out.push({ stack, type, address, key, label: `${kind} ${name}`, values });
    }
  }
  return out;
}

/** Keys that are cdktf bookkeeping, not resource attributes. */
const IGNORED = new Set(['//', 'depends_on', 'provider']);

/**
 * Flattens values into `path -> value` for comparison. Lists of blocks that carry a `name` or
 * a `group` are keyed by it (`backend[<group>]`, `container[guacd]`), so a reordering is not a
 * change; one-element lists of blocks (plan form) read like objects (synth form); nulls and
 * empty blocks (plan form for "unset") are dropped.
 */
export function flatten(
  values: any,
  prefix = '',
  out = new Map<string, string>(),
): Map<string, string> {
  if (values === null || values === undefined) return out;
  if (Array.isArray(values)) {
    if (values.length === 1 && isObject(values[0]) && !keyOf(values[0])) {
      return flatten(values[0], prefix, out);
    }
    if (values.every((v) => !isObject(v) && !Array.isArray(v))) {
      if (values.length > 0) out.set(prefix, JSON.stringify(values.map(String)));
      return out;
    }
    values.forEach((v, i) => flatten(v, `${prefix}[${(isObject(v) && keyOf(v)) || i}]`, out));
    return out;
  }
  if (isObject(values)) {
    for (const [k, v] of Object.entries(values)) {
      if (IGNORED.has(k)) continue;
      flatten(v, prefix ? `${prefix}.${k}` : k, out);
    }
    return out;
  }
  out.set(prefix, String(values));
  return out;
}

function keyOf(v: Record<string, any>): string | undefined {
  for (const k of ['name', 'group']) if (typeof v[k] === 'string' && v[k] !== '') return v[k];
  return undefined;
}

/** One attribute that differs. */
export interface AttributeChange {
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
}

/** The attributes that differ between two versions of a resource, sorted by path. */
export function diffValues(before: any, after: any): AttributeChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const out: AttributeChange[] = [];
  for (const [path, value] of a)
    if (b.get(path) !== value) out.push({ path, before: value, after: b.get(path) });
  for (const [path, value] of b) if (!a.has(path)) out.push({ path, after: value });
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

/** `path before → after`, with `unset` for a missing side. */
export function describeChange(c: AttributeChange, unit = ''): string {
  const show = (v?: string) => (v === undefined ? 'unset' : `${v}${unit}`);
  return `${c.path} ${show(c.before)} → ${show(c.after)}`;
}
