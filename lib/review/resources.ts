/**
 * The session-path resources of a deployment as the one resource model reads them
 * (`TfResource`, lib/terraform/resource.ts), their identity across two versions, and an
 * attribute-by-attribute diff of two versions. A Kubernetes object is compared as the API
 * object its model reads (lib/terraform/kubernetes: defaults applied as the provider applies
 * them, `kubernetes_manifest` and provider resources alike), and shown in the Terraform
 * attribute names the user wrote. Lists are compared by the identity of their entries
 * (containers by name, ports by name or number, Ingress rules by host and paths by path,
 * HTTPRoute rules by match), so adding an entry never shows the others as changed. A value
 * known only after apply is shown as such, never as "unset".
 *
 * The raters in `session-path.ts` explain the changes they understand; whatever is left is
 * still reported ("unrated change"), so the review can only say "no change" when nothing on
 * the session path changed.
 */
import { AFTER_APPLY, describeUnknown, isUnknown } from '../core/unknown';
import { TfResource, resourcesFromSynth } from '../terraform/resource';
import {
  JsonObject,
  KUBERNETES_MODELS,
  isKubernetesType,
  readKubernetesObject,
} from '../terraform/kubernetes';
import { Fields, camel } from '../terraform/kubernetes/schema';
import { flatString } from './strings';

/** `{ <type>: { <name>: <values> } }`, as in `resource` of cdk.tf.json. */
export type ResourceMap = Record<string, Record<string, any>>;

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
  // Only proxy-only subnets (see PROXY_ONLY_PURPOSES): their range is the Envoy data plane
  // whose admission H9 checks.
  google_compute_subnetwork: 'proxy-only subnet',
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

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Subnet purposes of Envoy proxies (INTERNAL_HTTPS_LOAD_BALANCER is the older name of
 * REGIONAL_MANAGED_PROXY): https://cloud.google.com/load-balancing/docs/proxy-only-subnets
 */
const PROXY_ONLY_PURPOSES = new Set([
  'REGIONAL_MANAGED_PROXY',
  'GLOBAL_MANAGED_PROXY',
  'INTERNAL_HTTPS_LOAD_BALANCER',
]);

/** The session-path resources of one stack's `resource` block. */
export function sessionResources(stack: string, resources: ResourceMap): TfResource[] {
  const onPath: ResourceMap = {};
  for (const type of Object.keys(SESSION_PATH_TYPES))
    if (isObject(resources[type])) onPath[type] = resources[type];
  if (onPath.google_compute_subnetwork) {
    const proxies = Object.entries(onPath.google_compute_subnetwork).filter(
      ([, v]) => isObject(v) && PROXY_ONLY_PURPOSES.has(v.purpose),
    );
    if (proxies.length > 0) onPath.google_compute_subnetwork = Object.fromEntries(proxies);
    else delete onPath.google_compute_subnetwork;
  }
  return resourcesFromSynth(stack, { resource: onPath });
}

const OBJECTS = new WeakMap<TfResource, JsonObject>();

/** The Kubernetes API object of a Kubernetes resource (read once), or undefined. */
export function kubeObject(r: TfResource): JsonObject | undefined {
  if (!isKubernetesType(r.type)) return undefined;
  let o = OBJECTS.get(r);
  if (o === undefined) {
    o = readKubernetesObject(r.type, r.values) ?? {};
    OBJECTS.set(r, o);
  }
  return o;
}

/** `<namespace>/<name>` of an API object's metadata ("default" when it names no namespace). */
export function k8sName(o: JsonObject | undefined): string | undefined {
  const meta: unknown = o?.metadata;
  return isObject(meta) && typeof meta.name === 'string'
    ? flatString(typeof meta.namespace === 'string' ? meta.namespace : 'default', '/', meta.name)
    : undefined;
}

/** The Terraform name of a resource (`google_compute_url_map.web` → `web`). */
export const resourceName = (r: TfResource): string =>
  r.address.slice(r.address.lastIndexOf(`${r.type}.`) + r.type.length + 1);

/** Identity across versions and a human label. */
export interface Identity {
  /** Google Cloud name and location, or Kubernetes kind, namespace and name per stack. */
  readonly key: string;
  /** E.g. `URL map lb-url-map`, `HTTPRoute guacamole/guacamole`. */
  readonly label: string;
  /** The kind in the label (`URL map`, `BackendConfig`). */
  readonly kind: string;
}

/**
 * The identity of a session-path resource. Not cached: a review holds hundreds of thousands
 * of resources, and each key is kept once, in the map that compares them.
 */
export function identityOf(r: TfResource): Identity {
  const stack = r.source;
  const kindOfType = SESSION_PATH_TYPES[r.type] ?? r.type;
  let id: Identity;
  const o = kubeObject(r);
  if (o !== undefined) {
    const name = k8sName(o) ?? resourceName(r);
    const kind =
      r.type === 'kubernetes_manifest'
        ? typeof o.kind === 'string' && !isUnknown(o.kind)
          ? o.kind
          : 'object'
        : kindOfType;
    id = {
      key:
        r.type === 'kubernetes_manifest'
          ? flatString(r.type, ':', stack, ':', kind, '/', name)
          : flatString(r.type, ':', stack, ':', name),
      label: flatString(kind, ' ', name),
      kind,
    };
  } else if (typeof r.values.name === 'string' && !isUnknown(r.values.name)) {
    const where = r.values.region ?? r.values.zone ?? 'global';
    id = {
      key: flatString(
        r.type,
        ':',
        typeof where === 'string' ? where : 'global',
        '/',
        r.values.name,
      ),
      label: flatString(kindOfType, ' ', r.values.name),
      kind: kindOfType,
    };
  } else {
    id = {
      key: flatString(r.type, ':', stack, ':', r.address),
      label: flatString(kindOfType, ' ', resourceName(r)),
      kind: kindOfType,
    };
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Comparing two versions

/** Keys that are bookkeeping, not settings: cdktf's, and what the API or provider computes. */
const IGNORED = new Set([
  '//',
  'depends_on',
  'provider',
  'lifecycle',
  'id',
  'generated_id',
  'self_link',
  'creation_timestamp',
  'fingerprint',
]);

/** API field name → Terraform attribute name and its table, per table of a Kubernetes model. */
const REVERSE = new WeakMap<Fields, Map<string, [string, Fields | undefined]>>();

function reverse(fields: Fields): Map<string, [string, Fields | undefined]> {
  let m = REVERSE.get(fields);
  if (!m) {
    m = new Map();
    for (const [name, spec] of Object.entries(fields))
      m.set(spec.api ?? camel(name), [name, spec.kind === 'attr' ? undefined : spec.fields]);
    REVERSE.set(fields, m);
  }
  return m;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/** An HTTPRoute rule's matches as people write them: `PathPrefix /guacamole`, `all`. */
export function matchLabel(matches: unknown): string {
  const list = Array.isArray(matches) ? matches : [];
  const one = (m: any): string => {
    const parts: string[] = [];
    if (isObject(m?.path)) parts.push(`${m.path.type ?? 'PathPrefix'} ${m.path.value ?? '/'}`);
    if (typeof m?.method === 'string') parts.push(m.method);
    for (const h of Array.isArray(m?.headers) ? m.headers : [])
      parts.push(`header ${h?.name}=${h?.value}`);
    for (const q of Array.isArray(m?.queryParams) ? m.queryParams : [])
      parts.push(`query ${q?.name}=${q?.value}`);
    return parts.join(' ') || 'PathPrefix /';
  };
  return list.length === 0 ? 'PathPrefix /' : list.map(one).join(' | ');
}

/**
 * The identity of an entry of the list `list` (its attribute or API name): what makes it the
 * same entry in two versions, whatever its position.
 */
function entryKey(list: string, v: Record<string, any>): string | undefined {
  switch (list) {
    case 'rule':
    case 'rules':
      // Ingress rules by host; HTTPRoute rules by what they match.
      if ('host' in v || 'http' in v) return str(v.host) ?? '*';
      if ('matches' in v || 'backendRefs' in v) return matchLabel(v.matches);
      break;
    case 'path':
    case 'paths':
      if ('backend' in v || 'path' in v) return str(v.path) ?? '/';
      break;
    case 'port':
    case 'ports':
      return str(v.name) ?? str(v.port) ?? str(v.containerPort) ?? str(v.container_port);
    case 'backendRefs':
      return `${v.namespace ? `${v.namespace}/` : ''}${v.name}${v.port !== undefined ? `:${v.port}` : ''}`;
    case 'parentRefs':
      return `${v.namespace ? `${v.namespace}/` : ''}${v.name}${v.sectionName ? `/${v.sectionName}` : ''}`;
    case 'tls':
      return str(v.secretName) ?? str(v.secret_name) ?? [].concat(v.hosts ?? []).join(',');
    case 'host_rule':
      return str(v.path_matcher);
    case 'path_rule':
      return [].concat(v.paths ?? []).join(',') || undefined;
    case 'route_rules':
      return str(v.priority);
    case 'volume_mount':
    case 'volumeMounts':
      return str(v.mount_path) ?? str(v.mountPath);
  }
  return str(v.name) ?? str(v.group);
}

/** The last attribute name of a path (`spec.rule[x].http.path` → `path`). */
const lastName = (path: string) => path.slice(path.lastIndexOf('.') + 1).replace(/\[.*$/, '');

/**
 * Flattens values into `path -> value`. Lists of blocks are keyed by the identity of their
 * entries; one-element lists of blocks (plan and HCL form) read like objects (synth form);
 * nulls are dropped; unknown values are kept as they are. With a Kubernetes model's `fields`,
 * the values are an API object and the paths are written in Terraform attribute names.
 */
export function flatten(
  values: unknown,
  prefix = '',
  out = new Map<string, unknown>(),
  fields?: Fields,
  api = false,
): Map<string, unknown> {
  if (values === null || values === undefined) return out;
  if (isUnknown(values)) {
    out.set(prefix, values);
    return out;
  }
  if (Array.isArray(values)) {
    const list = lastName(prefix);
    if (
      !api &&
      values.length === 1 &&
      isObject(values[0]) &&
      entryKey(list, values[0]) === undefined
    )
      return flatten(values[0], prefix, out, fields, api);
    if (values.every((v) => !isObject(v) && !Array.isArray(v))) {
      if (values.length > 0) out.set(prefix, JSON.stringify(values.map(String)));
      return out;
    }
    const seen = new Map<string, number>();
    values.forEach((v, i) => {
      let key = (isObject(v) && entryKey(list, v)) || String(i);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n > 1) key = `${key}#${n}`;
      flatten(v, `${prefix}[${key}]`, out, fields, api);
    });
    return out;
  }
  if (isObject(values)) {
    const names = fields ? reverse(fields) : undefined;
    for (const [k, v] of Object.entries(values)) {
      if (IGNORED.has(k) && !api) continue;
      const [name, sub] = names?.get(k) ?? [k, undefined];
      flatten(v, prefix ? `${prefix}.${name}` : name, out, sub, api);
    }
    return out;
  }
  out.set(prefix, values);
  return out;
}

/** What a resource is compared as: the API object (Kubernetes) or its Terraform values. */
export function comparable(r: TfResource): Map<string, unknown> {
  const o = kubeObject(r);
  if (o === undefined) return flatten(r.values);
  if (r.type === 'kubernetes_manifest') return flatten(o, 'manifest', undefined, undefined, true);
  const { apiVersion: _v, kind: _k, ...body } = o;
  return flatten(body, '', undefined, KUBERNETES_MODELS[r.type]?.fields, true);
}

/** One attribute that differs. */
export interface AttributeChange {
  readonly path: string;
  /** The value before, as shown (undefined: unset). */
  readonly before?: string;
  /** The value after, as shown (undefined: unset). */
  readonly after?: string;
  /** True when the value after is known only after apply (a reference, a token, a computed value). */
  readonly afterUnknown?: boolean;
  /** True when the value before was not known either. */
  readonly beforeUnknown?: boolean;
}

/** A value as the review shows it. */
const shown = (v: unknown): string | undefined =>
  v === undefined ? undefined : isUnknown(v) ? describeUnknown(v) : String(v);

/** The closest unknown ancestor of `path` in `values` (a whole block known only after apply). */
function unknownAncestor(values: Map<string, unknown>, path: string): unknown {
  for (let i = path.length - 1; i > 0; i--) {
    const c = path[i];
    if (c !== '.' && c !== '[') continue;
    const v = values.get(path.slice(0, i));
    if (v !== undefined) return isUnknown(v) ? v : undefined;
  }
  return undefined;
}

/** The attributes that differ between two flattened versions, sorted by path. */
export function diffFlat(a: Map<string, unknown>, b: Map<string, unknown>): AttributeChange[] {
  const out: AttributeChange[] = [];
  const same = (x: unknown, y: unknown) => x !== undefined && String(x) === String(y);
  for (const [path, value] of a) {
    let now = b.get(path);
    if (now === undefined) now = unknownAncestor(b, path);
    if (same(value, now)) continue;
    out.push({
      path,
      before: shown(value),
      after: shown(now),
      afterUnknown: now !== undefined && isUnknown(now),
      beforeUnknown: isUnknown(value),
    });
  }
  for (const [path, value] of b) {
    if (a.has(path)) continue;
    // A block that became unknown is shown once per attribute it had, above.
    if (isUnknown(value) && [...a.keys()].some((p) => p.startsWith(`${path}.`))) continue;
    out.push({ path, after: shown(value), afterUnknown: isUnknown(value) });
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/** The attributes that differ between two versions of a resource, sorted by path. */
export function diffResources(old: TfResource, now: TfResource): AttributeChange[] {
  return diffFlat(comparable(old), comparable(now));
}

/** The attributes that differ between two sets of raw values (tests and simple callers). */
export function diffValues(before: unknown, after: unknown): AttributeChange[] {
  return diffFlat(flatten(before), flatten(after));
}

/** `path before → after`, with `unset` for a missing side and "(known after apply)" for unknowns. */
export function describeChange(c: AttributeChange, unit = ''): string {
  const show = (v: string | undefined, unknown?: boolean) =>
    v === undefined ? 'unset' : unknown ? v : `${v}${unit}`;
  return `${c.path} ${show(c.before, c.beforeUnknown)} → ${show(c.after, c.afterUnknown)}`;
}

/** The marker for a value a plan knows only after apply (re-exported for the plan reader). */
export { AFTER_APPLY };
