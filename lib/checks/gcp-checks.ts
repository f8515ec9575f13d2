/**
 * The registry's Google Cloud rules over plain Terraform: backend services with their health
 * checks, health checks on their own, managed instance groups with their autoscalers, URL maps
 * and HTTPS frontends. Each resource is read by its model (lib/terraform/google) and the
 * constructs' rule functions run on the result; nothing is restated here.
 */
import { Reporter } from './reporter';
import {
  BACKEND_SERVICES,
  HEALTH_CHECKS,
  HTTPS_PROXIES,
  HTTP_PROXIES,
  FORWARDING_RULES,
  URL_MAPS,
  SSL_POLICIES,
  GROUP_MANAGERS,
} from '../terraform/types';
import { RuleLevel } from '../core/rule-registry';
import { Vocabulary } from '../core/rules';
import { validateService } from '../gcp/backend-service-rules';
import { checkHttpRedirects, checkSslPolicy } from '../gcp/frontend-security-rules';
import { RouteTable, validateRoutes } from '../gcp/url-map-rules';
import { validateZonalGroup } from '../gcp/zonal-backend-group';
import { ResourceIndex } from '../terraform/resource';
import { readBackendService } from '../terraform/google/backend-service';
import { HEALTH_CHECK_ATTRIBUTES, readHealthCheck } from '../terraform/google/health-check';
import { str } from '../terraform/google/values';
import {
  AUTOSCALER_ATTRIBUTES,
  GROUP_ATTRIBUTES,
  autoscalerOf,
  readInstanceGroup,
} from '../terraform/google/instance-group';

/** The Google Cloud rules over the resources of `idx`. */
export function checkGoogleResources(idx: ResourceIndex, out: Reporter): void {
  // Google Cloud: backend services with their health checks, and the probe firewall.
  for (const bs of idx.ofTypes(BACKEND_SERVICES))
    out.guarded(bs, {}, () => {
      const [hcResource] = idx.referenced(bs, 'health_checks', HEALTH_CHECKS);
      const read = readBackendService(
        bs,
        hcResource ? readHealthCheck(hcResource.values).healthCheck : undefined,
      );
      const service = validateService(read.spec, Vocabulary.TERRAFORM);
      // Health-check findings belong to the health-check resource.
      out.reportFindings(
        service,
        bs,
        read.attributes,
        hcResource,
        (v) => v.attribute.startsWith('healthCheck.'),
        HEALTH_CHECK_ATTRIBUTES,
      );
      if (read.drainingImplicit && !bs.references?.connection_draining_timeout_sec) {
        out.report(bs, RuleLevel.WARNING, [
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
    out.guarded(hc, HEALTH_CHECK_ATTRIBUTES, () => {
      const { healthCheck } = readHealthCheck(hc.values);
      const name = str(hc.values.name) ?? hc.address.split('.').pop()!;
      // Not passthrough: H6 (no port on a passthrough NLB) needs the service, which is not here.
      out.report(
        hc,
        RuleLevel.ERROR,
        healthCheck._validate(name, false, Vocabulary.TERRAFORM),
        HEALTH_CHECK_ATTRIBUTES,
      );
    });
  }
  // Managed instance groups with their autoscalers: N1, M1 (a size Terraform and an
  // autoscaler both set), M2 (named ports), M3 (autoscaler bounds).
  for (const igm of idx.ofTypes(GROUP_MANAGERS)) {
    const group = readInstanceGroup(igm, autoscalerOf(idx, igm));
    out.guarded(igm, GROUP_ATTRIBUTES, () =>
      out.reportFindings(
        validateZonalGroup(group.props, group.namedPorts, Vocabulary.TERRAFORM),
        igm,
        GROUP_ATTRIBUTES,
        group.autoscaler,
        (x) => x.attribute.startsWith('autoscaling.'),
        AUTOSCALER_ATTRIBUTES,
      ),
    );
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
    const routes = validateRoutes(tables, Vocabulary.TERRAFORM).map((v) => ({
      ...v,
      attribute: v.attribute
        .replace(/^hostRules\.pathMatcher$/, 'path_matcher.name')
        .replace(/^hostRules\[/, 'path_matcher[')
        .replace('.routeRules[', '.route_rules[')
        .replace('.prefixMatch', '.match_rules.prefix_match')
        .replace('.headerMatches[', '.match_rules.header_matches[')
        .replace('.pathRules.paths', '.path_rule.paths'),
    }));
    out.report(map, RuleLevel.ERROR, routes);
  }

  // Google Cloud: HTTPS frontends (the security pack: the registry's basis gives its level on
  // plain Terraform, a warning unless the provider refuses the value).
  for (const proxy of idx.ofTypes(HTTPS_PROXIES)) {
    const [policy] = idx.referenced(proxy, 'ssl_policy', SSL_POLICIES);
    const given =
      proxy.values.ssl_policy !== undefined || (proxy.references?.ssl_policy ?? []).length > 0;
    if (policy || !given)
      out.report(proxy, RuleLevel.ERROR, checkSslPolicy(policy?.values, 'ssl_policy'));
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
    out.report(rule, RuleLevel.ERROR, checkHttpRedirects(urlMap.values, 'port_range 80'));
  }
}

function servesPort80(portRange: unknown): boolean {
  if (portRange === undefined || portRange === null) return false;
  const [lo, hi] = String(portRange).split('-').map(Number);
  return 80 >= lo && 80 <= (hi ?? lo);
}
