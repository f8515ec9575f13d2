/**
 * The links of the GKE web tier, resolved like URL-map routes: which BackendConfig or
 * GCPBackendPolicy configures the backend service GKE makes for a Service, which
 * HealthCheckPolicy probes it, and which pods it reaches.
 * - Service → BackendConfig: the `cloud.google.com/backend-config` annotation (or its `beta.`
 *   form), `{"default": "<name>"}` or `{"ports": {"<port>": "<name>"}}`, same namespace
 *   (https://cloud.google.com/kubernetes-engine/docs/how-to/ingress-configuration#associating_backendconfig_with_your_ingress);
 * - GCPBackendPolicy and HealthCheckPolicy → Service: `spec.targetRef` (`kind: Service`, the
 *   policy's namespace) (https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources);
 * - Service → pods: its selector against the pod-template labels of Deployments and
 *   StatefulSets of its namespace.
 * Ingress and HTTPRoute routes (class, parents, hosts, matches → Services) are read by
 * `ingressRoutes` and `httpRoutes` and compared in session-path.ts.
 */
import { isUnknown } from '../core/unknown';
import { ResourceIndex, TfResource } from '../terraform/resource';
import { JsonObject } from '../terraform/kubernetes';
import { identityOf, k8sName, kubeObject, matchLabel } from './resources';

/** GKE objects that configure a backend service's affinity, draining and timeout. */
export const GKE_POLICY_KINDS = new Set(['BackendConfig', 'GCPBackendPolicy']);

const SERVICE_TYPES = new Set(['kubernetes_service_v1', 'kubernetes_service']);
const WORKLOAD_TYPES = new Set([
  'kubernetes_deployment_v1',
  'kubernetes_deployment',
  'kubernetes_stateful_set_v1',
  'kubernetes_stateful_set',
]);
const BACKEND_CONFIG_ANNOTATIONS = [
  'cloud.google.com/backend-config',
  'beta.cloud.google.com/backend-config',
];

const obj = (v: unknown): JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {};
const namespaceOf = (o: JsonObject | undefined): string => {
  const ns = obj(o?.metadata).namespace;
  return typeof ns === 'string' ? ns : 'default';
};
const kindOf = (r: TfResource): string | undefined => {
  const k = kubeObject(r)?.kind;
  return typeof k === 'string' ? k : undefined;
};

/** A policy attached to a Service, and how. */
export interface Attachment {
  readonly resource: TfResource;
  /** `BackendConfig`, `GCPBackendPolicy` or `HealthCheckPolicy`. */
  readonly kind: string;
  /** `<namespace>/<name>`. */
  readonly name: string;
  /** How it is attached, in words. */
  readonly via: string;
}

/** One Service as the backend of a GKE load balancer. */
export interface GkeBackend {
  readonly service: TfResource;
  /** `<namespace>/<name>`. */
  readonly name: string;
  /** The BackendConfig or GCPBackendPolicy that configures its backend service. */
  readonly policy?: Attachment;
  /** A BackendConfig named in an annotation that is known only after apply. */
  readonly policyUnknown?: boolean;
  /** The HealthCheckPolicy that sets its probe. */
  readonly healthPolicy?: Attachment;
  /** Deployments and StatefulSets whose pods it selects. */
  readonly workloads: TfResource[];
}

/** The BackendConfig names of a Service's annotation, or 'unknown'. */
function backendConfigNames(service: JsonObject): string[] | 'unknown' {
  const annotations = obj(obj(service.metadata).annotations);
  for (const key of BACKEND_CONFIG_ANNOTATIONS) {
    const raw = annotations[key];
    if (raw === undefined) continue;
    if (isUnknown(raw)) return 'unknown';
    try {
      const parsed = obj(JSON.parse(String(raw)));
      const names = [parsed.default, ...Object.values(obj(parsed.ports))].filter(
        (n): n is string => typeof n === 'string',
      );
      return [...new Set(names)];
    } catch {
      return [];
    }
  }
  return [];
}

/** The links of one version of a deployment, per stack. */
export class Wiring {
  private readonly backends = new Map<string, GkeBackend>();
  private readonly byWorkload = new Map<TfResource, GkeBackend[]>();
  private readonly usedPolicies = new Set<TfResource>();

  constructor(resources: readonly TfResource[]) {
    const services: TfResource[] = [];
    const workloads: TfResource[] = [];
    const byName = new Map<string, TfResource>();
    const targeting = new Map<string, TfResource[]>();
    for (const r of resources) {
      if (SERVICE_TYPES.has(r.type)) services.push(r);
      else if (WORKLOAD_TYPES.has(r.type)) workloads.push(r);
      else if (r.type === 'kubernetes_manifest') {
        const o = kubeObject(r)!;
        const kind = kindOf(r);
        if (kind === undefined) continue;
        byName.set(`${r.source}|${kind}|${k8sName(o)}`, r);
        const target = obj(obj(o.spec).targetRef);
        if (
          (kind === 'GCPBackendPolicy' || kind === 'HealthCheckPolicy') &&
          target.kind === 'Service' &&
          typeof target.name === 'string'
        ) {
          const ns = typeof target.namespace === 'string' ? target.namespace : namespaceOf(o);
          const key = `${r.source}|${kind}|${ns}/${target.name}`;
          const list = targeting.get(key);
          if (list) list.push(r);
          else targeting.set(key, [r]);
        }
      }
    }
    // Workloads by stack and namespace, with their pod labels read once: a Service selects
    // pods of its own stack and namespace only (no scan of every stack).
    const workloadsIn = new Map<string, { w: TfResource; labels: JsonObject }[]>();
    for (const w of workloads) {
      const wo = kubeObject(w)!;
      const key = `${w.source}|${namespaceOf(wo)}`;
      const labels = obj(obj(obj(obj(wo.spec).template).metadata).labels);
      const list = workloadsIn.get(key);
      if (list) list.push({ w, labels });
      else workloadsIn.set(key, [{ w, labels }]);
    }
    const attach = (r: TfResource, via: string): Attachment => {
      this.usedPolicies.add(r);
      return { resource: r, kind: kindOf(r)!, name: k8sName(kubeObject(r)) ?? r.address, via };
    };
    for (const s of services) {
      const o = kubeObject(s)!;
      const name = k8sName(o) ?? s.address;
      const ns = namespaceOf(o);
      const configs = backendConfigNames(o);
      const config =
        configs === 'unknown'
          ? undefined
          : configs
              .map((n) => byName.get(`${s.source}|BackendConfig|${ns}/${n}`))
              .find((r) => r !== undefined);
      const policy = targeting.get(`${s.source}|GCPBackendPolicy|${name}`)?.[0];
      const health = targeting.get(`${s.source}|HealthCheckPolicy|${name}`)?.[0];
      const selector = Object.entries(obj(obj(o.spec).selector));
      const selected: TfResource[] = [];
      if (selector.length > 0)
        for (const { w, labels } of workloadsIn.get(`${s.source}|${ns}`) ?? [])
          if (selector.every(([k, v]) => labels[k] === v)) selected.push(w);
      const backend: GkeBackend = {
        service: s,
        name,
        policy: config
          ? attach(config, 'the Service\u2019s cloud.google.com/backend-config annotation')
          : policy
            ? attach(policy, 'its targetRef')
            : undefined,
        policyUnknown: configs === 'unknown',
        healthPolicy: health ? attach(health, 'its targetRef') : undefined,
        workloads: selected,
      };
      this.backends.set(identityOf(s).key, backend);
      for (const w of selected) {
        const list = this.byWorkload.get(w);
        if (list) list.push(backend);
        else this.byWorkload.set(w, [backend]);
      }
    }
  }

  /** Every Service, by its identity key. */
  get all(): ReadonlyMap<string, GkeBackend> {
    return this.backends;
  }

  /** The Services that select a workload's pods. */
  servicesOf(workload: TfResource): GkeBackend[] {
    return this.byWorkload.get(workload) ?? [];
  }

  /** The backend a HealthCheckPolicy probes, by the policy's targetRef. */
  healthPolicyOf(policy: TfResource): Attachment | undefined {
    for (const b of this.backends.values())
      if (b.policy?.resource === policy) return b.healthPolicy;
    return undefined;
  }

  /** True when a policy configures some Service. */
  isAttached(policy: TfResource): boolean {
    return this.usedPolicies.has(policy);
  }
}

/** One route of an Ingress or HTTPRoute: where the requests it matches go. */
export interface Route {
  /** E.g. `remote.example.com /guacamole` or `gateway external-http, * PathPrefix /`. */
  readonly label: string;
  /** Host (or `*`) and path prefix, to find which route served a new route's requests before. */
  readonly host: string;
  readonly prefix?: string;
  /** The Services (with port), e.g. `guacamole/guacamole:8080`. */
  readonly to: string;
}

const portOf = (p: unknown): string => {
  const port = obj(p);
  const v = port.number ?? port.name;
  return v === undefined ? '' : `:${String(v)}`;
};

/** The class that decides which controller serves an Ingress (the annotation wins: see wiring above). */
export function ingressClass(o: JsonObject): string {
  const annotation = obj(obj(o.metadata).annotations)['kubernetes.io/ingress.class'];
  if (annotation !== undefined) return String(annotation);
  const cls = obj(o.spec).ingressClassName;
  return cls === undefined ? '(none)' : String(cls);
}

/** The routes of an Ingress (v1 and v1beta1): its default backend and each host and path. */
export function ingressRoutes(r: TfResource): Route[] {
  const o = kubeObject(r)!;
  const ns = namespaceOf(o);
  const spec = obj(o.spec);
  const target = (b: unknown): string => {
    const backend = obj(b);
    const svc = obj(backend.service);
    if (svc.name !== undefined) return `${ns}/${String(svc.name)}${portOf(svc.port)}`;
    if (backend.serviceName !== undefined)
      return `${ns}/${String(backend.serviceName)}:${String(backend.servicePort)}`;
    const res = obj(backend.resource);
    return res.name !== undefined ? `${String(res.kind)} ${String(res.name)}` : '?';
  };
  const out: Route[] = [];
  const fallback = spec.defaultBackend ?? spec.backend;
  if (fallback !== undefined)
    out.push({ label: 'default backend', host: '*', to: target(fallback) });
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    const host = typeof obj(rule).host === 'string' ? String(obj(rule).host) : '*';
    const paths = obj(obj(rule).http).paths;
    for (const p of Array.isArray(paths) ? paths : []) {
      const path = typeof obj(p).path === 'string' ? String(obj(p).path) : '/';
      out.push({
        label: `${host} ${path}`,
        host,
        prefix: path.replace(/\*$/, ''),
        to: target(obj(p).backend),
      });
    }
  }
  return out;
}

/** The routes of an HTTPRoute: per parent Gateway, host and rule match, its backends. */
export function httpRoutes(r: TfResource): Route[] {
  const o = kubeObject(r)!;
  const ns = namespaceOf(o);
  const spec = obj(o.spec);
  const parents = (Array.isArray(spec.parentRefs) ? spec.parentRefs : []).map((p) => {
    const ref = obj(p);
    return `${typeof ref.namespace === 'string' ? ref.namespace : ns}/${String(ref.name)}${ref.sectionName ? `/${String(ref.sectionName)}` : ''}`;
  });
  const hosts = (Array.isArray(spec.hostnames) ? spec.hostnames : ['*']).map(String);
  const out: Route[] = [];
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    const refs = obj(rule).backendRefs;
    const to =
      (Array.isArray(refs) ? refs : [])
        .map((b) => {
          const ref = obj(b);
          const weight = ref.weight !== undefined ? ` (weight ${String(ref.weight)})` : '';
          return `${typeof ref.namespace === 'string' ? ref.namespace : ns}/${String(ref.name)}${ref.port !== undefined ? `:${String(ref.port)}` : ''}${weight}`;
        })
        .join(', ') || '(no backend)';
    const matches = Array.isArray(obj(rule).matches) ? (obj(rule).matches as JsonObject[]) : [];
    const prefixes = matches.length
      ? matches.map((m) => {
          const path = obj(obj(m).path);
          return path.type === undefined || path.type === 'PathPrefix'
            ? String(path.value ?? '/')
            : undefined;
        })
      : ['/'];
    for (const parent of parents.length ? parents : ['(no parent)'])
      for (const host of hosts)
        out.push({
          label: `gateway ${parent}, ${host} ${matchLabel(matches)}`,
          host: `${parent} ${host}`,
          prefix: prefixes.length === 1 ? prefixes[0] : undefined,
          to,
        });
  }
  return out;
}

/**
 * Where the requests of a new route went before it existed: the route of the old version
 * with the same host and the longest prefix of its path, or undefined (nothing matched them:
 * they got the controller's 404).
 */
export function servedBefore(route: Route, before: readonly Route[]): Route | undefined {
  if (route.prefix === undefined) return undefined;
  let best: Route | undefined;
  for (const r of before) {
    if (r.prefix === undefined || !(r.host === route.host || r.host === '*')) continue;
    const p = r.prefix.endsWith('/') ? r.prefix : `${r.prefix}/`;
    if (!(route.prefix === r.prefix || route.prefix.startsWith(p) || r.prefix === '/')) continue;
    if (!best || r.prefix.length > best.prefix!.length) best = r;
  }
  return best ?? before.find((r) => r.label === 'default backend');
}

/** One version of a deployment: its resources, indexed, and the links between them. */
export interface Side {
  readonly index: ResourceIndex;
  readonly wiring: Wiring;
}

const SIDES = new WeakMap<readonly TfResource[], Side>();

/**
 * The version of a list of session-path resources (built once per list; the links on first
 * use: most stacks have no GKE object, and a review reads the links of changed stacks only).
 */
export function sideOf(resources: readonly TfResource[]): Side {
  let side = SIDES.get(resources);
  if (!side) {
    side = lazySide(new ResourceIndex(resources), resources);
    SIDES.set(resources, side);
  }
  return side;
}

/** A side with `index`, whose links are those of `linked`, resolved on first use. */
export function lazySide(index: ResourceIndex, linked: readonly TfResource[]): Side {
  let wiring: Wiring | undefined;
  return {
    index,
    get wiring() {
      return (wiring ??= new Wiring(linked));
    },
  };
}
