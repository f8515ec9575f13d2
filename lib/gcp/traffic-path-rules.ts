/**
 * H9, "the traffic path is open": the ingress firewall rules that apply to a backend service's
 * instances admit its health-check probes on the probed port and its data-plane sources on
 * the serving port. One rule function behind the frontends, `LoadBalancerFirewall`, the
 * `AffinityChecks` Aspect, `affinity-review lint` and the reviewer; each builds a
 * `TrafficPath` from what it knows (construct props, or Terraform read by the models) and
 * `FirewallSpec`s, and calls `checkTrafficPath`.
 *
 * Data-plane sources by load balancer type (https://cloud.google.com/load-balancing/docs/firewall-rules):
 * - global external and classic Application LBs: Google Front Ends, 35.191.0.0/16 and
 *   130.211.0.0/22 (the probe ranges);
 * - Envoy-based regional and cross-region load balancers: the proxy-only subnet of the
 *   region and network (https://cloud.google.com/load-balancing/docs/proxy-only-subnets);
 * - passthrough Network Load Balancers: the clients themselves (source addresses are kept).
 *
 * Levels: ERROR only when the configuration proves the path closed (firewall rules for the
 * backends' network exist, and none can admit the traffic); WARNING when it cannot be decided
 * (no firewall rule for that network here: they may live in another configuration).
 */
import type { RuleViolation } from '../core/errors';
import { isUnknown } from '../core/unknown';
import {
  DEFAULT_NETWORK_INTERNAL_RANGE,
  FirewallSpec,
  Maybe,
  PROBE_RANGES,
  admitsProbes,
  admitsSources,
  and,
  anyOf,
  cidrCovers,
  isIngress,
  opensTcp,
} from './firewall-rules';

/** Where the backends are, as far as the configuration says (undefined: unknown). */
export interface BackendTargets {
  /** Network key (see `networkKey`). */
  readonly network?: string;
  /** The instances' network tags. */
  readonly tags?: readonly string[];
  /** The instances' service accounts (e-mail). */
  readonly serviceAccounts?: readonly string[];
}

/** A source range the data plane needs, with what it is (for messages). */
export interface DataPlaneSource {
  readonly range: string;
  /** E.g. `proxy-only subnet eu-proxies`. */
  readonly what: string;
  /** How to admit it, when not through `LoadBalancerFirewall`'s `proxyOnlySubnets`. */
  readonly fix?: string;
}

/** What must reach one backend service's instances. */
export interface TrafficPath {
  /** Who receives the traffic, for messages, e.g. `the backends of backend service web-bs`. */
  readonly service: string;
  readonly backends: BackendTargets;
  /**
   * The health check: probed port (undefined: the serving port) and its sources; absent when
   * the service has no health check or its port is not known.
   */
  readonly probe?: { readonly port?: number; readonly ranges: readonly string[] };
  /** Ranges the data plane comes from (proxy-only subnets, Google Front Ends). */
  readonly dataSources?: readonly DataPlaneSource[];
  /**
   * Passthrough load balancers: the clients. Any ingress rule with sources other than the
   * probe ranges counts (the clients' ranges are the user's to choose).
   */
  readonly clients?: boolean;
  /** Serving ports; undefined when unknown (then any port of the protocol counts). */
  readonly servingPorts?: readonly number[];
  /** `tcp` or `udp` (passthrough UDP services); other protocols are not judged. */
  readonly ipProtocol?: string;
}

type Findings = { errors: RuleViolation[]; warnings: RuleViolation[] };

/** The fix when Google Front Ends are not admitted: they come from the probe ranges. */
export const GFE_FIX =
  "add the serving port to the probe firewall rule's ports (LoadBalancerFirewall): Google Front Ends come from the probe ranges";

/** The network key of a network value: its last path segment (`default`, `vpc-a`). */
export function networkName(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || isUnknown(value)) return undefined;
  return value.split('/').pop();
}

/** Whether `fw` is in the backends' network. */
function sameNetwork(fw: FirewallSpec, backends: BackendTargets): Maybe {
  if (fw.network === undefined || backends.network === undefined) return 'maybe';
  return fw.network === backends.network ? 'yes' : 'no';
}

function targets(list: readonly string[], known: readonly string[] | undefined): Maybe {
  if (list.some((t) => isUnknown(t)) || known === undefined || known.some((t) => isUnknown(t)))
    return 'maybe';
  return list.some((t) => known.includes(t)) ? 'yes' : 'no';
}

/** Whether `fw` reaches the backends: same network, and its targets (if any) match them. */
export function appliesTo(fw: FirewallSpec, backends: BackendTargets): Maybe {
  let target: Maybe = 'yes';
  if (fw.targetTags.length > 0) target = targets(fw.targetTags, backends.tags);
  else if (fw.targetServiceAccounts.length > 0)
    target = targets(fw.targetServiceAccounts, backends.serviceAccounts);
  return and(sameNetwork(fw, backends), target);
}

/** True when every source of the rule is a probe range (a probe rule, not a client rule). */
const probeOnly = (fw: FirewallSpec) =>
  fw.sourceTags.length === 0 &&
  fw.sourceServiceAccounts.length === 0 &&
  fw.sourceRanges.length > 0 &&
  fw.sourceRanges.every(
    (r) =>
      !isUnknown(r) &&
      [...PROBE_RANGES, '209.85.152.0/22', '209.85.204.0/22'].some((p) => cidrCovers(p, r)),
  );

/** Whether `fw` admits some client (any source but the probers) on `port`. */
function admitsClients(fw: FirewallSpec, port: number | undefined, protocol: string): Maybe {
  const hasSources =
    fw.sourceRanges.length > 0 || fw.sourceTags.length > 0 || fw.sourceServiceAccounts.length > 0;
  if (!hasSources || probeOnly(fw)) return 'no';
  return and(isIngress(fw), opensTcp(fw, port, protocol));
}

/** Ports for messages: the serving ports are all known, or one unknown (`[undefined]`). */
const portsText = (ports: readonly (number | undefined)[]) =>
  ports[0] === undefined ? 'the serving port' : ports.join(', ');

/**
 * H9 for one backend service. `firewalls` are all firewall rules of the configuration (the
 * function picks those of the backends' network).
 */
export function checkTrafficPath(path: TrafficPath, firewalls: readonly FirewallSpec[]): Findings {
  const out: Findings = { errors: [], warnings: [] };
  const protocol = path.ipProtocol ?? 'tcp';
  // Other protocols (ICMP, ESP, L3_DEFAULT's any) are not judged on the data plane.
  const dataPlane = protocol === 'tcp' || protocol === 'udp';
  const candidates = firewalls.filter(
    (fw) => sameNetwork(fw, path.backends) !== 'no' && isIngress(fw) !== 'no',
  );
  const applying = candidates.filter((fw) => appliesTo(fw, path.backends) !== 'no');
  const decided = candidates.length > 0;
  const net = path.backends.network ? ` of network ${path.backends.network}` : '';
  const defaultNetwork = path.backends.network === 'default';
  const serving: (number | undefined)[] = path.servingPorts?.length
    ? [...path.servingPorts]
    : [undefined];

  // ERROR only when proven; otherwise a WARNING that says why it cannot be decided.
  const report = (implied: boolean, v: RuleViolation) => {
    if (decided && !implied) {
      out.errors.push(v);
      return;
    }
    const why = !decided
      ? `no firewall rule${net} is in this configuration`
      : "the default network's default-allow-internal rule (10.128.0.0/9, outside this configuration) may admit it";
    out.warnings.push({
      ...v,
      problem: `is not shown to be admitted for ${path.service}: ${why}`,
      // With no firewall rule here there is no rule to add a port to: say to write one.
      fix: `${decided ? v.fix : 'add such a rule (LoadBalancerFirewall renders one)'}, or, if a rule outside this configuration admits it, suppress H9 here`,
    });
  };

  if (path.probe) {
    const ports = path.probe.port !== undefined ? [path.probe.port] : serving;
    for (const port of ports) {
      if (applying.some((fw) => admitsProbes(fw, port))) continue;
      report(false, {
        rule: 'H9',
        attribute: 'port',
        value: port === undefined ? 'the serving port' : String(port),
        problem: `is not opened to ${path.probe.ranges.join(', ')} by any firewall rule${net} that applies to ${path.service}: probes fail and every backend is unhealthy`,
        allowed: `an INGRESS rule${net} admitting ${path.probe.ranges.join(', ')} on TCP ${port ?? 'the serving port'}, targeting the backends`,
        fix: `add ${port ?? 'the serving port'} to the allowed ports of the probe firewall rule (LoadBalancerFirewall)`,
      });
    }
  }

  for (const source of dataPlane ? (path.dataSources ?? []) : []) {
    const closed = serving.filter(
      (port) => !applying.some((fw) => admitsSources(fw, [source.range], port, protocol) !== 'no'),
    );
    if (closed.length === 0) continue;
    // The default network's default-allow-internal rule lives outside any configuration.
    const implied = defaultNetwork && cidrCovers(DEFAULT_NETWORK_INTERNAL_RANGE, source.range);
    report(implied, {
      rule: 'H9',
      attribute: 'backend',
      value: `${source.what} ${source.range} on ${protocol.toUpperCase()} ${portsText(closed)}`,
      problem: `is admitted by no firewall rule${net} that applies to ${path.service}: health checks can pass while every request is dropped`,
      allowed: `an INGRESS rule${net} admitting ${source.range} on ${protocol.toUpperCase()} ${portsText(closed)}, targeting the backends`,
      fix:
        source.fix ??
        `add a firewall rule from ${source.range} to the serving port (LoadBalancerFirewall with proxyOnlySubnets renders it)`,
    });
  }

  if (dataPlane && path.clients) {
    const closed = serving.filter(
      (port) => anyOf(applying.map((fw) => admitsClients(fw, port, protocol))) === 'no',
    );
    if (closed.length > 0)
      report(defaultNetwork, {
        rule: 'H9',
        attribute: 'backend',
        value: `clients on ${protocol.toUpperCase()} ${portsText(closed)}`,
        problem: `are admitted by no firewall rule${net} that applies to ${path.service} (a passthrough load balancer keeps client addresses): only the probes get through`,
        allowed: `an INGRESS rule${net} admitting the clients' ranges on ${protocol.toUpperCase()} ${portsText(closed)} (0.0.0.0/0 when the service is public)`,
        fix: 'add a firewall rule for the clients (LoadBalancerFirewall with clientRanges renders it)',
      });
  }
  return out;
}
