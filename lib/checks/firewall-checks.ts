/**
 * The firewall on the traffic path, over plain Terraform: H9 (the probers reach every health
 * check's port) and X1 (only they reach a proxy load balancer's backends).
 */
import { Reporter } from './reporter';
import {
  BACKEND_SERVICES,
  HEALTH_CHECKS,
  FIREWALLS,
  GROUP_MANAGERS,
  INSTANCE_TEMPLATES,
} from '../terraform/types';
import { RuleLevel } from '../core/rule-registry';
import { PROBE_RANGES, admitsProbes, checkProbeFirewallSources } from '../gcp/firewall-rules';
import { isUnknown } from '../core/unknown';
import { ResourceIndex, TfResource } from '../terraform/resource';
import { providerDefaultScheme } from '../terraform/google/backend-service';
import { readHealthCheck } from '../terraform/google/health-check';

/** H9 (the probes reach each health-check port) and X1 (nothing else does) per stack or plan. */
export function checkFirewalls(idx: ResourceIndex, out: Reporter): void {
  for (const hc of idx.ofTypes(HEALTH_CHECKS)) {
    const port = readHealthCheck(hc.values).port;
    if (typeof port !== 'number' || isUnknown(port)) continue;
    const firewalls = idx.ofTypes(FIREWALLS, hc);
    if (firewalls.some((f) => admitsProbes(f.values, port))) continue;
    const none = firewalls.length === 0;
    out.report(hc, none ? RuleLevel.WARNING : RuleLevel.ERROR, [
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
    out.report(fw, RuleLevel.ERROR, checkProbeFirewallSources(fw.values, [...ports]));
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
