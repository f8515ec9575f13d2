/**
 * The registry's Kubernetes and GKE rules over plain Terraform: Services with ClientIP affinity,
 * the GKE objects that configure a backend service (BackendConfig, GCPBackendPolicy), and the
 * workloads that run guacd.
 */
import { Reporter } from './reporter';
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleLevel } from '../core/rule-registry';
import { HealthCheck } from '../gcp/health-check';
import { SessionAffinity, SessionAffinityType } from '../gcp/session-affinity';
import {
  checkServiceAffinity,
  checkPoolName,
  checkResourceQuantities,
  drainWarnings,
} from '../k8s/guacd-pool-rules';
import { checkImageReference } from '../k8s/image-reference';
import {
  checkIngressRestricted,
  checkPodSecurity,
  ingressPolicyOf,
  podSecurityOf,
} from '../k8s/pod-security-rules';
import { KubernetesKind, checkObjectName } from '../core/names';
import { API_DECIDED, isUnknown } from '../core/unknown';
import {
  GkeFrontend,
  checkHealthCheckPolicy,
  checkHealthCheckType,
  checkWebHost,
  validateWebTier,
} from '../gke/web-tier-rules';
import { ResourceIndex, TfResource } from '../terraform/resource';
import { KUBERNETES_TYPES, readKubernetesObject } from '../terraform/kubernetes';
import { Vocabulary } from '../core/rules';
import { num, seconds, str } from '../terraform/google/values';

/** A BackendConfig health-check duration that ingress-gce decides (unknown to the rules). */
const CONTROLLER_DECIDED = Duration.seconds(API_DECIDED as unknown as number);

/** A Kubernetes resource and the API object it stands for (lib/terraform/kubernetes). */
interface KubernetesResource {
  readonly resource: TfResource;
  readonly object: any;
  /** Attribute prefix: `manifest.` for a kubernetes_manifest, nothing for provider resources. */
  readonly at: string;
}

/** The kinds whose name rule `checkObjectName` knows; any other object is a DNS-1123 subdomain. */
const NAMED_KINDS: readonly string[] = [
  'Service',
  'Namespace',
  'Deployment',
  'StatefulSet',
  'Ingress',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'BackendConfig',
  'GCPBackendPolicy',
  'HealthCheckPolicy',
  'HTTPRoute',
];

/** Every Kubernetes resource of `idx`, read once: provider resources and manifests alike. */
function kubernetesResources(idx: ResourceIndex): KubernetesResource[] {
  const out: KubernetesResource[] = [];
  for (const resource of idx.ofTypes(KUBERNETES_TYPES)) {
    const object = readKubernetesObject(resource.type, resource.values);
    if (object === undefined || object === null || typeof object !== 'object') continue;
    out.push({ resource, object, at: resource.type === 'kubernetes_manifest' ? 'manifest.' : '' });
  }
  return out;
}

/** The Kubernetes and GKE rules over the resources of `idx`. */
export function checkKubernetesResources(idx: ResourceIndex, out: Reporter): void {
  const objects = kubernetesResources(idx);
  const ofKind = (...kinds: string[]) => objects.filter((o) => kinds.includes(o.object.kind));

  // Names as the API server validates them per kind (N2 for Services, N4 for the others).
  for (const o of objects) {
    const name = o.object.metadata?.name;
    const kind = String(o.object.kind);
    if (typeof name !== 'string' || isUnknown(name)) continue;
    const known = NAMED_KINDS.includes(kind) ? (kind as KubernetesKind) : 'Deployment';
    out.report(o.resource, RuleLevel.ERROR, checkObjectName(known, `${o.at}metadata.name`, name));
  }

  // Services: K1 as the API server validates affinity (the provider's defaults included).
  for (const o of ofKind('Service'))
    out.guarded(o.resource, {}, () => {
      const spec = o.object.spec ?? {};
      const config = spec.sessionAffinityConfig;
      out.report(
        o.resource,
        RuleLevel.ERROR,
        checkServiceAffinity(
          {
            session_affinity: spec.sessionAffinity,
            session_affinity_config:
              config === undefined
                ? undefined
                : { client_ip: { timeout_seconds: config?.clientIP?.timeoutSeconds } },
          },
          `${o.at}spec`,
        ),
      );
    });
  // GKE objects that configure a backend service: the web-tier rules and the shared ones.
  for (const { resource: r, object: m } of ofKind('BackendConfig', 'GCPBackendPolicy')) {
    const ingress = m.kind === 'BackendConfig';
    const at = ingress ? 'manifest.spec' : 'manifest.spec.default';
    out.guarded(r, {}, () => {
      const spec = (ingress ? m.spec : m.spec?.default) ?? {};
      const affinity = spec.sessionAffinity ?? {};
      const type = (str(ingress ? affinity.affinityType : affinity.type) ??
        'NONE') as SessionAffinityType;
      const ttl = seconds(ingress ? affinity.affinityCookieTtlSec : affinity.cookieTtlSec);
      const hc = ingress ? spec.healthCheck : undefined;
      if (hc?.type !== undefined)
        out.report(
          r,
          RuleLevel.ERROR,
          checkHealthCheckType(GkeFrontend.INGRESS, hc.type, 'manifest.spec.healthCheck.type'),
        );
      const findings = validateWebTier(
        {
          frontend: ingress ? GkeFrontend.INGRESS : GkeFrontend.GATEWAY,
          affinity: SessionAffinity.fromType(type, { ttl }),
          loadBalancerDraining: DrainingPolicy.of(
            seconds(spec.connectionDraining?.drainingTimeoutSec) ?? Duration.seconds(0),
          ),
          // The pods' drain is not in this object: the rules that compare with it do not apply.
          podDraining: DrainingPolicy.of(Duration.seconds(0)),
          backendTimeout: seconds(spec.timeoutSec) ?? Duration.seconds(30),
          // A field the BackendConfig leaves unset is decided by ingress-gce, from its own
          // defaults and the pods' readiness probe (translator/healthchecks.go
          // DefaultNEGHealthCheck, ApplyProbeSettingsToHC), which this object does not show:
          // unknown, never 5 s.
          healthCheck: hc
            ? HealthCheck.http({
                port: num(hc.port),
                requestPath: str(hc.requestPath) ?? API_DECIDED,
                interval: seconds(hc.checkIntervalSec) ?? CONTROLLER_DECIDED,
                timeout: seconds(hc.timeoutSec) ?? CONTROLLER_DECIDED,
                healthyThreshold: num(hc.healthyThreshold) ?? (API_DECIDED as unknown as number),
                unhealthyThreshold:
                  num(hc.unhealthyThreshold) ?? (API_DECIDED as unknown as number),
              })
            : HealthCheck.http({}),
          replicas: 2,
        },
        Vocabulary.MANIFEST,
      );
      const ttlKey = ingress ? 'affinityCookieTtlSec' : 'cookieTtlSec';
      const names: Record<string, string> = {
        sessionAffinity: `${at}.sessionAffinity.${ingress ? 'affinityType' : 'type'}`,
        'sessionAffinity.ttl': `${at}.sessionAffinity.${ttlKey}`,
        loadBalancerDraining: `${at}.connectionDraining.drainingTimeoutSec`,
        backendTimeout: `${at}.timeoutSec`,
        'healthCheck.interval': 'manifest.spec.healthCheck.checkIntervalSec',
        'healthCheck.timeout': 'manifest.spec.healthCheck.timeoutSec',
        'healthCheck.healthyThreshold': 'manifest.spec.healthCheck.healthyThreshold',
        'healthCheck.unhealthyThreshold': 'manifest.spec.healthCheck.unhealthyThreshold',
        'healthCheck.port': 'manifest.spec.healthCheck.port',
        'healthCheck.requestPath': 'manifest.spec.healthCheck.requestPath',
      };
      out.reportFindings(findings, r, names);
    });
  }

  // HealthCheckPolicy (Gateway): H1-H3 with the CRD's defaults.
  for (const o of ofKind('HealthCheckPolicy'))
    out.report(o.resource, RuleLevel.ERROR, checkHealthCheckPolicy(o.object.spec?.default));
  // Hosts the Ingress and Gateway API validation accept (W10).
  for (const o of ofKind('Ingress', 'HTTPRoute')) {
    const ingress = o.object.kind === 'Ingress';
    const hosts: unknown[] = ingress
      ? ([] as any[]).concat(o.object.spec?.rules ?? []).map((rule) => rule?.host)
      : ([] as unknown[]).concat(o.object.spec?.hostnames ?? []);
    hosts.forEach((host, i) => {
      if (typeof host !== 'string') return;
      const at = ingress ? `${o.at}spec.rule[${i}].host` : `${o.at}spec.hostnames[${i}]`;
      out.reportFindings(
        checkWebHost(ingress ? GkeFrontend.INGRESS : GkeFrontend.GATEWAY, host),
        o.resource,
        { host: at },
      );
    });
  }

  // By stack (one cluster each) and namespace, once: a policy selects only pods of its own
  // namespace in its own cluster (X5).
  const policies = new Map<string, ReturnType<typeof ingressPolicyOf>[]>();
  for (const p of ofKind('NetworkPolicy')) {
    const policy = ingressPolicyOf(p.object);
    const key = `${p.resource.source}\u0000${policy.namespace}`;
    const list = policies.get(key);
    if (list) list.push(policy);
    else policies.set(key, [policy]);
  }
  for (const w of ofKind('StatefulSet', 'Deployment'))
    out.guarded(w.resource, {}, () => checkGuacdWorkload(w, policies, out));
}

const GUACD_IMAGE = /(^|\/)guacamole\/guacd([:@]|$)/;

/** The guacd rules for a StatefulSet or Deployment that runs guacd. */
function checkGuacdWorkload(
  k: KubernetesResource,
  policies: Map<string, ReturnType<typeof ingressPolicyOf>[]>,
  out: Reporter,
): void {
  const w = k.resource;
  const meta = k.object.metadata ?? {};
  const spec = k.object.spec ?? {};
  const template = spec.template ?? {};
  const podSpec = template.spec ?? {};
  const containers: any[] = ([] as any[]).concat(podSpec.containers ?? []);
  const guacd = containers.find((c) => typeof c?.image === 'string' && GUACD_IMAGE.test(c.image));
  if (!guacd) return;
  const at = `${k.at}spec.template.spec`;
  const replicas = num(spec.replicas) ?? 1;
  if (k.object.kind === 'StatefulSet' && typeof meta.name === 'string')
    out.report(w, RuleLevel.ERROR, checkPoolName(meta.name, replicas, Vocabulary.TERRAFORM), {
      name: `${k.at}metadata.name`,
    });
  const image = checkImageReference(`${at}.container[${guacd.name}].image`, guacd.image);
  out.report(w, RuleLevel.ERROR, image.errors);
  out.report(w, RuleLevel.WARNING, image.warnings);
  const requests = guacd.resources?.requests ?? {};
  const limits = guacd.resources?.limits ?? {};
  const quantities: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const [kind, from, key] of [
    ['cpu', requests, 'cpuRequest'],
    ['cpu', limits, 'cpuLimit'],
    ['memory', requests, 'memoryRequest'],
    ['memory', limits, 'memoryLimit'],
  ] as const) {
    if (typeof from[kind] === 'string') {
      quantities[`resources.${key}`] = from[kind];
      names[`resources.${key}`] =
        `${at}.container[${guacd.name}].resources.${key.endsWith('Request') ? 'requests' : 'limits'}.${kind}`;
    }
  }
  out.report(w, RuleLevel.ERROR, checkResourceQuantities(quantities, Vocabulary.TERRAFORM), names);
  if (!guacd.lifecycle?.preStop) {
    out.report(
      w,
      RuleLevel.WARNING,
      drainWarnings(DrainingPolicy.of(Duration.seconds(0)), replicas, Vocabulary.TERRAFORM).map(
        (v) => ({
          ...v,
          value: 'not set',
        }),
      ),
      { 'draining.timeout': `${at}.container[${guacd.name}].lifecycle.pre_stop` },
    );
  }
  out.report(w, RuleLevel.ERROR, checkPodSecurity(podSecurityOf(podSpec), at));
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
  out.report(
    w,
    RuleLevel.ERROR,
    checkIngressRestricted(
      labels,
      String(meta.namespace ?? 'default'),
      policies.get(`${w.source}\u0000${String(meta.namespace ?? 'default')}`) ?? [],
      at.replace(/\.spec$/, '.metadata.labels'),
    ),
  );
}
