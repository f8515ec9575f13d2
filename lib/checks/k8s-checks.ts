/**
 * The registry's Kubernetes and GKE rules over plain Terraform: Services with ClientIP affinity,
 * the GKE objects that configure a backend service (BackendConfig, GCPBackendPolicy), and the
 * workloads that run guacd.
 */
import { Reporter } from './reporter';
import { WORKLOADS, SERVICES, NETWORK_POLICIES, MANIFESTS } from '../terraform/types';
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleLevel } from '../core/rule-registry';
import { HealthCheck } from '../gcp/health-check';
import { SessionAffinity, SessionAffinityType } from '../gcp/session-affinity';
import {
  checkClientIpAffinityTimeout,
  checkPoolName,
  checkResourceQuantities,
  drainWarnings,
} from '../k8s/guacd-pool-rules';
import { checkImageReference } from '../k8s/image-reference';
import {
  checkIngressRestricted,
  checkPodSecurity,
  ingressPolicyFromTerraform,
  podSecurityFromTerraform,
} from '../k8s/pod-security-rules';
import { checkDns1035Label } from '../core/names';
import { GkeFrontend, validateWebTier } from '../gke/web-tier-rules';
import { Vocabulary } from '../core/rules';
import { ResourceIndex, TfResource, block } from '../terraform/resource';
import { num, seconds, str } from '../terraform/google/values';

/** The Kubernetes and GKE rules over the resources of `idx`. */
export function checkKubernetesResources(idx: ResourceIndex, out: Reporter): void {
  // Kubernetes: Services with ClientIP affinity, and guacd workloads.
  for (const svc of idx.ofTypes(SERVICES))
    out.guarded(svc, {}, () => {
      const meta = block(svc.values.metadata) ?? {};
      const spec = block(svc.values.spec) ?? {};
      if (typeof meta.name === 'string')
        out.report(svc, RuleLevel.ERROR, checkDns1035Label('metadata.name', meta.name));
      if (spec.session_affinity === 'ClientIP') {
        const timeout =
          num(block(block(spec.session_affinity_config)?.client_ip)?.timeout_seconds) ?? 10800;
        out.report(
          svc,
          RuleLevel.ERROR,
          checkClientIpAffinityTimeout(
            'spec.session_affinity_config.client_ip.timeout_seconds',
            Duration.seconds(timeout),
            Vocabulary.TERRAFORM,
          ),
        );
      }
    });
  // GKE objects that configure a backend service: the web-tier rules and the shared ones.
  for (const r of idx.ofTypes(MANIFESTS)) {
    const m = r.values.manifest;
    if (m?.kind !== 'BackendConfig' && m?.kind !== 'GCPBackendPolicy') continue;
    const ingress = m.kind === 'BackendConfig';
    const at = ingress ? 'manifest.spec' : 'manifest.spec.default';
    out.guarded(r, {}, () => {
      const spec = (ingress ? m.spec : m.spec?.default) ?? {};
      const affinity = spec.sessionAffinity ?? {};
      const type = (str(ingress ? affinity.affinityType : affinity.type) ??
        'NONE') as SessionAffinityType;
      const ttl = seconds(ingress ? affinity.affinityCookieTtlSec : affinity.cookieTtlSec);
      const hc = ingress ? spec.healthCheck : undefined;
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
          healthCheck: hc
            ? HealthCheck.http({
                port: num(hc.port),
                requestPath: str(hc.requestPath) ?? '/',
                interval: seconds(hc.checkIntervalSec) ?? Duration.seconds(5),
                timeout: seconds(hc.timeoutSec) ?? Duration.seconds(5),
                healthyThreshold: num(hc.healthyThreshold) ?? 2,
                unhealthyThreshold: num(hc.unhealthyThreshold) ?? 2,
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

  const policies = idx.ofTypes(NETWORK_POLICIES).map((p) => ingressPolicyFromTerraform(p.values));
  for (const w of idx.ofTypes(WORKLOADS))
    out.guarded(w, {}, () => checkGuacdWorkload(w, policies, out));
}

const GUACD_IMAGE = /(^|\/)guacamole\/guacd([:@]|$)/;

/** The guacd rules for a StatefulSet or Deployment that runs guacd. */
function checkGuacdWorkload(
  w: TfResource,
  policies: ReturnType<typeof ingressPolicyFromTerraform>[],
  out: Reporter,
): void {
  const meta = block(w.values.metadata) ?? {};
  const spec = block(w.values.spec) ?? {};
  const template = block(spec.template) ?? {};
  const podSpec = block(template.spec) ?? {};
  const containers: any[] = ([] as any[]).concat(podSpec.container ?? []);
  const guacd = containers.find((c) => typeof c.image === 'string' && GUACD_IMAGE.test(c.image));
  if (!guacd) return;
  const at = 'spec.template.spec';
  const replicas = num(spec.replicas) ?? 1;
  const stateful = w.type.startsWith('kubernetes_stateful_set');
  if (stateful && typeof meta.name === 'string')
    out.report(w, RuleLevel.ERROR, checkPoolName(meta.name, replicas, Vocabulary.TERRAFORM), {
      name: 'metadata.name',
    });
  const image = checkImageReference(`${at}.container[${guacd.name}].image`, guacd.image);
  out.report(w, RuleLevel.ERROR, image.errors);
  out.report(w, RuleLevel.WARNING, image.warnings);
  const res = block(guacd.resources) ?? {};
  const requests = block(res.requests) ?? {};
  const limits = block(res.limits) ?? {};
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
  const preStop = block(block(guacd.lifecycle)?.pre_stop);
  if (!preStop) {
    out.report(
      w,
      RuleLevel.WARNING,
      drainWarnings(DrainingPolicy.of(Duration.seconds(0)), replicas, Vocabulary.TERRAFORM).map(
        (v) => ({
          ...v,
          value: 'no preStop hook',
        }),
      ),
      { 'draining.timeout': `${at}.container[${guacd.name}].lifecycle.pre_stop` },
    );
  }
  out.report(w, RuleLevel.ERROR, checkPodSecurity(podSecurityFromTerraform(podSpec), at));
  const labels: Record<string, string> = { ...(block(template.metadata)?.labels ?? {}) };
  out.report(
    w,
    RuleLevel.ERROR,
    checkIngressRestricted(
      labels,
      String(meta.namespace ?? 'default'),
      policies,
      `${at} (pod labels)`,
    ),
  );
}
