/**
 * The registry's rules over plain Terraform resources: each resource is mapped to the model the
 * constructs use (`ServiceSpec` with `SessionAffinity`, `DrainingPolicy` and `HealthCheck`
 * values; pod-security and network-policy models) and the same rule functions run on it. Used
 * by the `AffinityChecks` Aspect (any cdktf app) and `affinity-review lint` (synth output or a
 * plan, so HCL projects too). No rule is restated here: this file only maps values.
 */
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleViolation, ValidationError } from '../core/errors';
import { RuleLevel } from '../core/rule-registry';
import { validateService } from '../gcp/backend-service-rules';
import { PROBE_RANGES, admitsProbes, checkProbeFirewallSources } from '../gcp/firewall-rules';
import { checkHttpRedirects, checkSslPolicy } from '../gcp/frontend-security-rules';
import { RouteTable, validateRoutes } from '../gcp/url-map-rules';
import { HealthCheck } from '../gcp/health-check';
import { validateZonalGroup } from '../gcp/zonal-backend-group';
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
import { isUnknown } from '../core/unknown';
import { GkeFrontend, validateWebTier } from '../gke/web-tier-rules';
import { ResourceIndex, TfResource, block } from '../terraform/resource';
import {
  BACKEND_SERVICE_TYPES,
  providerDefaultScheme,
  readBackendService,
} from '../terraform/google/backend-service';
import {
  HEALTH_CHECK_ATTRIBUTES,
  HEALTH_CHECK_TYPES,
  readHealthCheck,
} from '../terraform/google/health-check';
import { num, seconds, str } from '../terraform/google/values';

/** One finding of a rule on a Terraform resource. */
export interface CheckFinding extends RuleViolation {
  readonly level: RuleLevel;
  /** The resource the finding is reported on. */
  readonly resource: TfResource;
  /** The suppression's reason, when the resource suppresses this rule. */
  readonly suppressedBecause?: string;
}

const BACKEND_SERVICES = BACKEND_SERVICE_TYPES;
const HEALTH_CHECKS = HEALTH_CHECK_TYPES;
const FIREWALLS = ['google_compute_firewall'];
const HTTPS_PROXIES = [
  'google_compute_target_https_proxy',
  'google_compute_region_target_https_proxy',
];
const HTTP_PROXIES = [
  'google_compute_target_http_proxy',
  'google_compute_region_target_http_proxy',
];
const FORWARDING_RULES = [
  'google_compute_global_forwarding_rule',
  'google_compute_forwarding_rule',
];
const URL_MAPS = ['google_compute_url_map', 'google_compute_region_url_map'];
const SSL_POLICIES = ['google_compute_ssl_policy', 'google_compute_region_ssl_policy'];
const WORKLOADS = [
  'kubernetes_stateful_set_v1',
  'kubernetes_stateful_set',
  'kubernetes_deployment_v1',
  'kubernetes_deployment',
];
const SERVICES = ['kubernetes_service_v1', 'kubernetes_service'];
const NETWORK_POLICIES = ['kubernetes_network_policy_v1', 'kubernetes_network_policy'];
const MANIFESTS = ['kubernetes_manifest'];
const GROUP_MANAGERS = [
  'google_compute_instance_group_manager',
  'google_compute_region_instance_group_manager',
];
const AUTOSCALERS = ['google_compute_autoscaler', 'google_compute_region_autoscaler'];
const INSTANCE_TEMPLATES = [
  'google_compute_instance_template',
  'google_compute_region_instance_template',
];
const GROUP_ATTRIBUTES: Record<string, string> = {
  name: 'name',
  targetSize: 'target_size',
  namedPorts: 'named_port',
};
const AUTOSCALER_ATTRIBUTES: Record<string, string> = {
  'autoscaling.minReplicas': 'autoscaling_policy.min_replicas',
  'autoscaling.maxReplicas': 'autoscaling_policy.max_replicas',
  'autoscaling.cpuTarget': 'autoscaling_policy.cpu_utilization.target',
  'autoscaling.loadBalancingTarget': 'autoscaling_policy.load_balancing_utilization.target',
  'autoscaling.cooldown': 'autoscaling_policy.cooldown_period',
};

/** The Terraform resource types the checks read. */
export const CHECKED_TYPES: readonly string[] = [
  ...BACKEND_SERVICES,
  ...HEALTH_CHECKS,
  ...FIREWALLS,
  ...HTTPS_PROXIES,
  ...HTTP_PROXIES,
  ...FORWARDING_RULES,
  ...URL_MAPS,
  ...SSL_POLICIES,
  ...WORKLOADS,
  ...SERVICES,
  ...NETWORK_POLICIES,
  ...MANIFESTS,
  ...GROUP_MANAGERS,
  ...AUTOSCALERS,
];

/**
 * The fix in Terraform's words where the rule function phrases it for the constructs (the
 * rule, its check and its message are the function's; only the remedy is re-worded).
 */
const TERRAFORM_FIXES: Record<string, (v: RuleViolation) => string> = {
  S1: () =>
    'set session_affinity to one the load balancer accepts (see allowed); for per-client stickiness on an HTTP(S) load balancer use GENERATED_COOKIE or STRONG_COOKIE_AFFINITY',
  S5: (v) =>
    /no cookie/.test(v.problem)
      ? 'set session_affinity = "GENERATED_COOKIE" to keep the TTL, or remove affinity_cookie_ttl_sec'
      : 'set affinity_cookie_ttl_sec within 0..1209600',
  H1: () => 'set check_interval_sec and timeout_sec within 1..300',
  M1: (v) =>
    /autoscaler/.test(v.problem)
      ? 'remove target_size from the group; the autoscaler sizes it (min_replicas is the floor)'
      : v.fix,
  H2: () => 'lower timeout_sec to at most check_interval_sec, or raise check_interval_sec',
  T1: (v) =>
    /out of range/.test(v.problem) ? 'set connection_draining_timeout_sec within 0..3600' : v.fix,
  K1: () => 'set session_affinity_config.client_ip.timeout_seconds within 1..86400',
  K4: (v) =>
    v.value === 'no preStop hook'
      ? 'add a lifecycle pre_stop exec hook that waits while guacd has open connections on 4822, and a termination_grace_period_seconds longer than that wait (GuacdStatefulPool renders both)'
      : v.fix,
};

/** Runs every applicable rule on the resources; findings carry level and suppression. */
export function checkResources(resources: readonly TfResource[]): CheckFinding[] {
  const idx = new ResourceIndex(resources);
  const findings: CheckFinding[] = [];
  const seen = new Set<string>();
  const report = (
    resource: TfResource,
    level: RuleLevel,
    violations: readonly RuleViolation[],
    attributes: Record<string, string> = {},
  ) => {
    for (const v of violations) {
      const attribute = attributes[v.attribute] ?? v.attribute;
      // A health check shared by several services is checked once per service: report once.
      const key = [resource.source, resource.address, v.rule, attribute, v.value, v.problem].join(
        '\u0000',
      );
      if (seen.has(key)) continue;
      seen.add(key);
      const suppression = resource.suppressions.find((s) => s.rule === v.rule);
      findings.push({
        ...v,
        attribute,
        fix: TERRAFORM_FIXES[v.rule]?.(v) ?? v.fix,
        level,
        resource,
        suppressedBecause: suppression?.reason,
      });
    }
  };

  // A value class refuses a value outright (a negative duration, D1): that is a finding of
  // the resource being mapped, not a crash of the check.
  const guarded = (r: TfResource, attributes: Record<string, string>, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (!ValidationError.isValidationError(e)) throw e;
      report(r, RuleLevel.ERROR, e.violations, attributes);
    }
  };

  /**
   * The errors and warnings of one rule run, on `main`, or on `other` (the health check of a
   * service, the autoscaler of a group) for the findings `onOther` picks.
   */
  const reportFindings = (
    findings: { errors: RuleViolation[]; warnings: RuleViolation[] },
    main: TfResource,
    mainAttributes: Record<string, string>,
    other?: TfResource,
    onOther: (v: RuleViolation) => boolean = () => false,
    otherAttributes: Record<string, string> = {},
  ) => {
    for (const [level, list] of [
      [RuleLevel.ERROR, findings.errors],
      [RuleLevel.WARNING, findings.warnings],
    ] as const) {
      report(main, level, other ? list.filter((v) => !onOther(v)) : list, mainAttributes);
      if (other) report(other, level, list.filter(onOther), otherAttributes);
    }
  };

  // Google Cloud: backend services with their health checks, and the probe firewall.
  for (const bs of idx.ofTypes(BACKEND_SERVICES))
    guarded(bs, {}, () => {
      const [hcResource] = idx.referenced(bs, 'health_checks', HEALTH_CHECKS);
      const read = readBackendService(
        bs,
        hcResource ? readHealthCheck(hcResource.values).healthCheck : undefined,
      );
      const service = validateService(read.spec);
      // Health-check findings belong to the health-check resource.
      reportFindings(
        service,
        bs,
        read.attributes,
        hcResource,
        (v) => v.attribute.startsWith('healthCheck.'),
        HEALTH_CHECK_ATTRIBUTES,
      );
      if (read.drainingImplicit && !bs.references?.connection_draining_timeout_sec) {
        report(bs, RuleLevel.WARNING, [
          {
            rule: 'T4',
            attribute: 'connection_draining_timeout_sec',
            value: 'not set',
            problem:
              'leaves draining to the provider\u2019s hidden default (300 s), which nobody chose: too short for long sessions, needlessly long for short requests',
            allowed: 'an explicit 0..3600 s',
            fix: 'set connection_draining_timeout_sec to the longest request or session that must finish during a rollout',
          },
        ]);
      }
    });
  // Health checks no backend service of this configuration uses (autohealing, or a service
  // elsewhere): their own rules still hold, since the API checks them at create.
  const used = new Set(
    idx
      .ofTypes(BACKEND_SERVICES)
      .flatMap((bs) => idx.referenced(bs, 'health_checks', HEALTH_CHECKS))
      .map((hc) => `${hc.source}\u0000${hc.address}`),
  );
  for (const hc of idx.ofTypes(HEALTH_CHECKS)) {
    if (used.has(`${hc.source}\u0000${hc.address}`)) continue;
    guarded(hc, HEALTH_CHECK_ATTRIBUTES, () => {
      const { healthCheck } = readHealthCheck(hc.values);
      const name = str(hc.values.name) ?? hc.address.split('.').pop()!;
      // Not passthrough: H6 (no port on a passthrough NLB) needs the service, which is not here.
      report(hc, RuleLevel.ERROR, healthCheck.validate(name, false), HEALTH_CHECK_ATTRIBUTES);
    });
  }
  checkProbeFirewalls(idx, report);

  // Managed instance groups with their autoscalers: N1, M1 (a size Terraform and an
  // autoscaler both set), M2 (named ports), M3 (autoscaler bounds).
  for (const igm of idx.ofTypes(GROUP_MANAGERS)) {
    const scaler = idx
      .ofTypes(AUTOSCALERS, igm)
      .find((a) =>
        idx.referenced(a, 'target', GROUP_MANAGERS).some((g) => g.address === igm.address),
      );
    const policy = block(scaler?.values.autoscaling_policy);
    guarded(igm, GROUP_ATTRIBUTES, () => {
      const v = igm.values;
      const namedPorts = ([] as any[])
        .concat(v.named_port ?? [])
        .map((p) => ({ name: String(p.name), port: num(p.port) as number }));
      const cooldown = num(policy?.cooldown_period);
      const findings = validateZonalGroup(
        {
          name: str(v.name) ?? igm.address.split('.').pop()!,
          zone: str(v.zone) ?? str(v.region) ?? '',
          instanceTemplate: '',
          targetSize: num(v.target_size),
          namedPorts,
          autoscaling: policy
            ? {
                minReplicas: num(policy.min_replicas) ?? 0,
                maxReplicas: num(policy.max_replicas) ?? 0,
                cpuTarget: num(block(policy.cpu_utilization)?.target),
                loadBalancingTarget: num(block(policy.load_balancing_utilization)?.target),
                cooldown: cooldown === undefined ? undefined : Duration.seconds(cooldown),
              }
            : undefined,
        },
        namedPorts,
      );
      reportFindings(
        findings,
        igm,
        GROUP_ATTRIBUTES,
        scaler,
        (x) => x.attribute.startsWith('autoscaling.'),
        AUTOSCALER_ATTRIBUTES,
      );
    });
  }

  // Google Cloud: URL maps (U1-U3), one route table per path matcher.
  for (const map of idx.ofTypes(URL_MAPS)) {
    const tables: RouteTable[] = ([] as any[]).concat(map.values.path_matcher ?? []).map((pm) => ({
      pathMatcher: String(pm.name ?? ''),
      pathRules: ([] as any[]).concat(pm.path_rule ?? []).map((r) => ({
        paths: ([] as string[]).concat(r.paths ?? []),
      })),
      routeRules: ([] as any[]).concat(pm.route_rules ?? []).map((r) => {
        const matches = ([] as any[]).concat(r.match_rules ?? []);
        return {
          priority: Number(r.priority),
          // A full_path_match is a whole path, not a prefix: U3's prefix shape does not apply to it.
          prefixMatch: str(matches[0]?.prefix_match),
          headerMatches: matches
            .flatMap((m) => ([] as any[]).concat(m.header_matches ?? []))
            .map((h) => ({
              headerName: String(h.header_name),
              exactMatch: str(h.exact_match),
              prefixMatch: str(h.prefix_match),
              presentMatch: h.present_match ?? undefined,
            })),
        };
      }),
    }));
    const routes = validateRoutes(tables).map((v) => ({
      ...v,
      attribute: v.attribute
        .replace(/^hostRules\.pathMatcher$/, 'path_matcher.name')
        .replace(/^hostRules\[/, 'path_matcher[')
        .replace('.routeRules[', '.route_rules[')
        .replace('.prefixMatch', '.match_rules.prefix_match')
        .replace('.headerMatches[', '.match_rules.header_matches[')
        .replace('.pathRules.paths', '.path_rule.paths'),
    }));
    report(map, RuleLevel.ERROR, routes);
  }

  // Google Cloud: HTTPS frontends. The security pack reports at the level its standard
  // warrants: the API accepts these frontends, so they are warnings here (the constructs
  // refuse to render them: their frontends are secure by default).
  for (const proxy of idx.ofTypes(HTTPS_PROXIES)) {
    const [policy] = idx.referenced(proxy, 'ssl_policy', SSL_POLICIES);
    const given =
      proxy.values.ssl_policy !== undefined || (proxy.references?.ssl_policy ?? []).length > 0;
    if (policy || !given)
      report(proxy, RuleLevel.WARNING, checkSslPolicy(policy?.values, 'ssl_policy'));
  }
  for (const rule of idx.ofTypes(FORWARDING_RULES)) {
    if (!servesPort80(rule.values.port_range)) continue;
    // Port 80 inside a VPC (internal Application LBs) carries no traffic from the internet.
    const scheme = rule.values.load_balancing_scheme ?? 'EXTERNAL';
    if (typeof scheme !== 'string' || !scheme.startsWith('EXTERNAL')) continue;
    const [proxy] = idx.referenced(rule, 'target', HTTP_PROXIES);
    if (!proxy) continue; // port 80 to a TCP proxy or a backend: not an HTTP frontend
    const [urlMap] = idx.referenced(proxy, 'url_map', URL_MAPS);
    if (!urlMap) continue; // the URL map is not in this configuration: nothing to judge
    report(rule, RuleLevel.WARNING, checkHttpRedirects(urlMap.values, 'port_range 80'));
  }

  // Kubernetes: Services with ClientIP affinity, and guacd workloads.
  for (const svc of idx.ofTypes(SERVICES))
    guarded(svc, {}, () => {
      const meta = block(svc.values.metadata) ?? {};
      const spec = block(svc.values.spec) ?? {};
      if (typeof meta.name === 'string')
        report(svc, RuleLevel.ERROR, checkDns1035Label('metadata.name', meta.name));
      if (spec.session_affinity === 'ClientIP') {
        const timeout =
          num(block(block(spec.session_affinity_config)?.client_ip)?.timeout_seconds) ?? 10800;
        report(
          svc,
          RuleLevel.ERROR,
          checkClientIpAffinityTimeout(
            'spec.session_affinity_config.client_ip.timeout_seconds',
            Duration.seconds(timeout),
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
    guarded(r, {}, () => {
      const spec = (ingress ? m.spec : m.spec?.default) ?? {};
      const affinity = spec.sessionAffinity ?? {};
      const type = (str(ingress ? affinity.affinityType : affinity.type) ??
        'NONE') as SessionAffinityType;
      const ttl = seconds(ingress ? affinity.affinityCookieTtlSec : affinity.cookieTtlSec);
      const hc = ingress ? spec.healthCheck : undefined;
      const findings = validateWebTier({
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
      });
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
      reportFindings(findings, r, names);
    });
  }

  const policies = idx.ofTypes(NETWORK_POLICIES).map((p) => ingressPolicyFromTerraform(p.values));
  for (const w of idx.ofTypes(WORKLOADS))
    guarded(w, {}, () => checkGuacdWorkload(w, policies, report));
  return findings;
}

type Report = (
  r: TfResource,
  level: RuleLevel,
  v: readonly RuleViolation[],
  attributes?: Record<string, string>,
) => void;

function servesPort80(portRange: unknown): boolean {
  if (portRange === undefined || portRange === null) return false;
  const [lo, hi] = String(portRange).split('-').map(Number);
  return 80 >= lo && 80 <= (hi ?? lo);
}

/** H9 (the probes reach each health-check port) and X1 (nothing else does) per stack or plan. */
function checkProbeFirewalls(idx: ResourceIndex, report: Report): void {
  for (const hc of idx.ofTypes(HEALTH_CHECKS)) {
    const port = readHealthCheck(hc.values).port;
    if (typeof port !== 'number' || isUnknown(port)) continue;
    const firewalls = idx.ofTypes(FIREWALLS, hc);
    if (firewalls.some((f) => admitsProbes(f.values, port))) continue;
    const none = firewalls.length === 0;
    report(hc, none ? RuleLevel.WARNING : RuleLevel.ERROR, [
      {
        rule: 'H9',
        attribute: 'port',
        value: String(port),
        problem: none
          ? 'is not opened to the probers by any firewall rule of this configuration (if a rule elsewhere opens it, suppress H9 here)'
          : `is not opened to ${PROBE_RANGES.join(', ')} by any firewall rule: probes fail and every backend is unhealthy`,
        allowed: `a firewall rule admitting ${PROBE_RANGES.join(', ')} on TCP ${port}`,
        fix: `add ${port} to the allowed ports of the probe firewall rule (LoadBalancerFirewall)`,
      },
    ]);
  }
  // X1: only what a proxy load balancer's backends serve its probes on. Passthrough NLBs keep
  // the client's address, so their ports are meant to be open to clients; a health check no
  // backend service uses (autohealing) is no load balancer's port.
  for (const fw of idx.ofTypes(FIREWALLS)) {
    const ports = new Set<number>();
    for (const bs of idx.ofTypes(BACKEND_SERVICES, fw)) {
      const regional = bs.type === 'google_compute_region_backend_service';
      const scheme = bs.values.load_balancing_scheme ?? providerDefaultScheme(regional);
      if (!isProxyScheme(regional, scheme) || !mayReachBackends(idx, fw, bs)) continue;
      for (const hc of idx.referenced(bs, 'health_checks', HEALTH_CHECKS)) {
        const port = readHealthCheck(hc.values).port;
        if (typeof port === 'number' && !isUnknown(port) && !otherTargets(idx, fw, port))
          ports.add(port);
      }
    }
    report(fw, RuleLevel.WARNING, checkProbeFirewallSources(fw.values, [...ports]));
  }
}

const lastSegment = (v: unknown) =>
  typeof v === 'string' && !isUnknown(v) ? v.split('/').pop() : undefined;
const tagsOf = (fw: TfResource): unknown[] => ([] as unknown[]).concat(fw.values.target_tags ?? []);

/**
 * True when the rules that admit the probers on `port` (the load balancer's own rules, so they
 * say where its backends are) all target another network or other tags than `fw`.
 */
function otherTargets(idx: ResourceIndex, fw: TfResource, port: number): boolean {
  const probeRules = idx
    .ofTypes(FIREWALLS, fw)
    .filter((f) => f !== fw && admitsProbes(f.values, port));
  if (probeRules.length === 0) return false;
  return probeRules.every((p) => {
    const [a, b] = [lastSegment(fw.values.network), lastSegment(p.values.network)];
    if (a !== undefined && b !== undefined && a !== b) return true;
    const [mine, theirs] = [tagsOf(fw), tagsOf(p)];
    if (mine.length === 0 || theirs.length === 0) return false;
    if ([...mine, ...theirs].some(isUnknown)) return false;
    return !mine.some((t) => theirs.includes(t));
  });
}

/** True for the schemes whose backends are reached by Google's proxies, not by clients. */
function isProxyScheme(regional: boolean, scheme: unknown): boolean {
  if (typeof scheme !== 'string' || isUnknown(scheme)) return false;
  if (scheme === 'INTERNAL') return false;
  return !(regional && scheme === 'EXTERNAL');
}

/**
 * False only when the firewall provably targets other instances than the backends': it names
 * target tags, and every backend group's instance template is known and carries none of them.
 */
function mayReachBackends(idx: ResourceIndex, fw: TfResource, bs: TfResource): boolean {
  const targetTags = ([] as unknown[]).concat(fw.values.target_tags ?? []);
  if (targetTags.length === 0 || targetTags.some(isUnknown)) return true;
  const groups = ([] as any[]).concat(bs.values.backend ?? []);
  if (groups.length === 0) return true;
  return groups.some((b) => {
    const ref = String(b?.group ?? '');
    const igm = idx
      .ofTypes(GROUP_MANAGERS, bs)
      .find(
        (g) =>
          ref.includes(`${g.address}.`) ||
          (typeof g.values.name === 'string' && ref.endsWith(`/${g.values.name}`)),
      );
    if (!igm) return true;
    const versions = ([] as any[]).concat(igm.values.version ?? []);
    const templates = versions.flatMap((v) =>
      idx.referenced(
        { ...igm, values: { ...igm.values, version: v } },
        'version.instance_template',
        INSTANCE_TEMPLATES,
      ),
    );
    if (templates.length === 0) return true;
    return templates.some((t) => {
      const tags = ([] as unknown[]).concat(t.values.tags ?? []);
      return tags.some(isUnknown) || tags.some((tag) => targetTags.includes(tag));
    });
  });
}

const GUACD_IMAGE = /(^|\/)guacamole\/guacd([:@]|$)/;

/** The guacd rules for a StatefulSet or Deployment that runs guacd. */
function checkGuacdWorkload(
  w: TfResource,
  policies: ReturnType<typeof ingressPolicyFromTerraform>[],
  report: Report,
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
    report(w, RuleLevel.ERROR, checkPoolName(meta.name, replicas), { name: 'metadata.name' });
  const image = checkImageReference(`${at}.container[${guacd.name}].image`, guacd.image);
  report(w, RuleLevel.ERROR, image.errors);
  report(w, RuleLevel.WARNING, image.warnings);
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
  report(w, RuleLevel.ERROR, checkResourceQuantities(quantities), names);
  const preStop = block(block(guacd.lifecycle)?.pre_stop);
  if (!preStop) {
    report(
      w,
      RuleLevel.WARNING,
      drainWarnings(DrainingPolicy.of(Duration.seconds(0)), replicas).map((v) => ({
        ...v,
        value: 'no preStop hook',
      })),
      { 'draining.timeout': `${at}.container[${guacd.name}].lifecycle.pre_stop` },
    );
  }
  report(w, RuleLevel.ERROR, checkPodSecurity(podSecurityFromTerraform(podSpec), at));
  const labels: Record<string, string> = { ...(block(template.metadata)?.labels ?? {}) };
  report(
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
