/**
 * The firewall on the traffic path, over plain Terraform: H9 (the traffic path is open: each
 * backend service's probes and data plane are admitted by the firewall rules that apply to its
 * instances) and X1 (nothing but Google's ranges reaches a proxy load balancer's backends).
 * The resources are read by their models (lib/terraform/google); the rules are
 * lib/gcp/traffic-path-rules and lib/gcp/firewall-rules, which the constructs call too.
 */
import { CheckFinding, Reporter } from './reporter';
import {
  BACKEND_SERVICES,
  HEALTH_CHECKS,
  FIREWALLS,
  FORWARDING_RULES,
  GROUP_MANAGERS,
  INSTANCE_TEMPLATES,
  NETWORKS,
  SUBNETWORKS,
  URL_MAPS,
} from '../terraform/types';
import { RuleViolation } from '../core/errors';
import { RuleLevel } from '../core/rule-registry';
import { isUnknown } from '../core/unknown';
import {
  FirewallSpec,
  NLB_PROBE_RANGES,
  PROBE_RANGES,
  admitsProbes,
  checkProbeFirewallSources,
} from '../gcp/firewall-rules';
import {
  BackendTargets,
  DataPlaneSource,
  GFE_FIX,
  TrafficPath,
  appliesTo,
  checkTrafficPath,
  networkName,
} from '../gcp/traffic-path-rules';
import { ResourceIndex, TfResource } from '../terraform/resource';
import { readBackendServiceScope } from '../terraform/google/backend-service';
import { readFirewall } from '../terraform/google/firewall';
import { readForwardingRule } from '../terraform/google/forwarding-rule';
import { readHealthCheck } from '../terraform/google/health-check';
import { readInstanceTemplate } from '../terraform/google/instance-template';
import { readSubnetwork } from '../terraform/google/subnetwork';
import { TARGET_PROXY_TYPES, readTargetProxy } from '../terraform/google/target-proxy';
import { readUrlMap } from '../terraform/google/url-map';
import { num, str } from '../terraform/google/values';

/** H9 (the traffic path is open) and X1 (nothing else reaches the backends) per stack or plan. */
export function checkFirewalls(idx: ResourceIndex, out: Reporter): void {
  const net = new Networks(idx);
  checkTrafficPaths(idx, out, net);
  checkProbeSources(idx, out, net);
}

/**
 * H9 alone, for the reviewer: the traffic-path findings of a configuration (synth or plan).
 * A finding of the head that the base does not have is a change that closes a path.
 * `resources` may be an index the caller already built; `keep` picks the findings to return.
 * With `sources`, only the backend
 * services and health checks of the stacks (or plans) it accepts are checked: each one's path
 * is resolved within its own stack (references, groups, forwarding rules and firewalls are all
 * looked up by `source`), so the findings of those stacks are the same as with every stack
 * checked, and a review skips the stacks that did not change.
 */
export function trafficPathFindings(
  resources: readonly TfResource[] | ResourceIndex,
  sources: (source: string) => boolean = () => true,
  keep: (f: CheckFinding) => boolean = () => true,
): CheckFinding[] {
  const idx = resources instanceof ResourceIndex ? resources : new ResourceIndex(resources);
  const out = new Reporter(keep);
  checkTrafficPaths(idx, out, new Networks(idx), sources);
  return out.findings;
}

/** Network keys and firewall specs of one index, read once. */
class Networks {
  private readonly firewalls = new Map<string, FirewallSpec[]>();
  constructor(private readonly idx: ResourceIndex) {}

  /** The network an attribute names: its name when known, or the referenced network's name. */
  public key(r: TfResource, attribute: string, value: unknown): string | undefined {
    const known = networkName(value);
    if (known !== undefined) return known;
    if (value === undefined && !r.references?.[attribute]) return undefined;
    const [network] = this.idx.referenced(r, attribute, NETWORKS);
    return networkName(network?.values.name);
  }

  /** The firewall rules of the stack or plan of `near`. */
  public firewallsNear(near: TfResource): FirewallSpec[] {
    const cached = this.firewalls.get(near.source);
    if (cached) return cached;
    const specs = this.idx
      .ofTypes(FIREWALLS, near)
      .map((f) => readFirewall(f.values, f.address, (v) => this.key(f, 'network', v)));
    this.firewalls.set(near.source, specs);
    return specs;
  }
}

/**
 * H9 for every backend service, and for the health checks no backend service uses (of the
 * stacks `sources` accepts: everything a path needs is in the stack of its backend service).
 */
function checkTrafficPaths(
  idx: ResourceIndex,
  out: Reporter,
  net: Networks,
  sources: (source: string) => boolean = () => true,
): void {
  const frontends = frontendsByService(idx, sources);
  const used = new AddressSet();
  for (const bs of idx.ofTypes(BACKEND_SERVICES)) {
    if (!sources(bs.source)) continue;
    const [hc] = idx.referenced(bs, 'health_checks', HEALTH_CHECKS);
    if (hc) used.add(hc);
    const path = trafficPathOf(idx, net, bs, hc, frontends.get(bs) ?? []);
    const findings = checkTrafficPath(path, net.firewallsNear(bs));
    reportPath(out, RuleLevel.ERROR, findings.errors, bs, hc);
    reportPath(out, RuleLevel.WARNING, findings.warnings, bs, hc);
  }
  // Health checks no backend service here uses (autohealing, or a service elsewhere).
  for (const hc of idx.ofTypes(HEALTH_CHECKS)) {
    if (!sources(hc.source) || used.has(hc)) continue;
    const port = readHealthCheck(hc.values).port;
    if (typeof port !== 'number' || isUnknown(port)) continue;
    const findings = checkTrafficPath(
      {
        service: `the instances of health check ${str(hc.values.name) ?? hc.address}`,
        backends: {},
        probe: { port, ranges: PROBE_RANGES },
      },
      net.firewallsNear(hc),
    );
    out.report(hc, RuleLevel.ERROR, findings.errors);
    out.report(hc, RuleLevel.WARNING, findings.warnings);
  }
}

/** Probe findings belong to the health check, data-plane findings to the service. */
function reportPath(
  out: Reporter,
  level: RuleLevel,
  list: readonly RuleViolation[],
  bs: TfResource,
  hc: TfResource | undefined,
): void {
  if (list.length === 0) return;
  out.report(
    hc ?? bs,
    level,
    list.filter((v) => v.attribute === 'port'),
  );
  out.report(
    bs,
    level,
    list.filter((v) => v.attribute !== 'port'),
  );
}

/**
 * Resources by source and address (not by object: a plan may list an address twice), without
 * a key string per resource.
 */
class AddressMap<V> {
  private readonly bySource = new Map<string, Map<string, V>>();
  public get(r: TfResource): V | undefined {
    return this.bySource.get(r.source)?.get(r.address);
  }
  public set(r: TfResource, value: V): void {
    let inSource = this.bySource.get(r.source);
    if (!inSource) this.bySource.set(r.source, (inSource = new Map()));
    inSource.set(r.address, value);
  }
}

class AddressSet {
  private readonly map = new AddressMap<true>();
  public add(r: TfResource): void {
    this.map.set(r, true);
  }
  public has(r: TfResource): boolean {
    return this.map.get(r) === true;
  }
}

/** The forwarding rules that lead to each backend service (directly, or through a proxy and URL map). */
function frontendsByService(
  idx: ResourceIndex,
  sources: (source: string) => boolean,
): AddressMap<TfResource[]> {
  const map = new AddressMap<TfResource[]>();
  for (const fr of idx.ofTypes(FORWARDING_RULES)) {
    // A forwarding rule leads to backend services of its own stack (references are per stack).
    if (!sources(fr.source)) continue;
    const services = idx.referenced(fr, 'backend_service', BACKEND_SERVICES);
    for (const proxy of idx.referenced(fr, 'target', TARGET_PROXY_TYPES)) {
      if (readTargetProxy(proxy).next === 'backend_service') {
        services.push(...idx.referenced(proxy, 'backend_service', BACKEND_SERVICES));
        continue;
      }
      for (const urlMap of idx.referenced(proxy, 'url_map', URL_MAPS)) {
        const read = readUrlMap(urlMap);
        const routes = {
          ...urlMap,
          values: { services: read.serviceValues },
          references: { services: read.serviceReferences },
        };
        services.push(...idx.referenced(routes, 'services', BACKEND_SERVICES));
      }
    }
    for (const s of services) {
      const list = map.get(s);
      if (list) list.push(fr);
      else map.set(s, [fr]);
    }
  }
  return map;
}

/** Per index, per stack: the group manager a backend's `group` names (see `groupLookup`). */
const GROUP_LOOKUPS = new WeakMap<
  ResourceIndex,
  Map<string, (ref: string) => TfResource | undefined>
>();

/**
 * The group manager of `near`'s stack that a backend's `group` names: the first one (in
 * `ofTypes` order) whose address followed by `.` occurs in the reference, or whose name ends
 * it after a `/`. Indexed by address and name once per stack, so resolving the backends of
 * n services costs n lookups, not n scans of every group (a plan is one stack of 100 000
 * resources).
 */
function groupLookup(
  idx: ResourceIndex,
  near: TfResource,
): (ref: string) => TfResource | undefined {
  let bySource = GROUP_LOOKUPS.get(idx);
  if (!bySource) GROUP_LOOKUPS.set(idx, (bySource = new Map()));
  const known = bySource.get(near.source);
  if (known) return known;
  const managers = idx.ofTypes(GROUP_MANAGERS, near);
  const order = new Map<TfResource, number>();
  const byAddress = new Map<string, TfResource>();
  const lengths = new Set<number>();
  const byName = new Map<string, TfResource>();
  const slashNames: TfResource[] = []; // names with a `/`: compared one by one
  managers.forEach((g, i) => {
    order.set(g, i);
    if (!byAddress.has(g.address)) byAddress.set(g.address, g);
    lengths.add(g.address.length);
    const name = g.values.name;
    if (typeof name !== 'string') return;
    if (name.includes('/')) slashNames.push(g);
    else if (!byName.has(name)) byName.set(name, g);
  });
  const first = (a: TfResource | undefined, b: TfResource | undefined) =>
    a === undefined || (b !== undefined && order.get(b)! < order.get(a)!) ? b : a;
  // Many services name the same groups (10 000 services, 300 groups in the bench): each
  // reference is resolved once.
  const resolved = new Map<string, TfResource | undefined>();
  const lookup = (ref: string): TfResource | undefined => {
    if (resolved.has(ref)) return resolved.get(ref);
    const found = resolve(ref);
    resolved.set(ref, found);
    return found;
  };
  const resolve = (ref: string): TfResource | undefined => {
    let found: TfResource | undefined;
    // `ref.includes(address + '.')`: every `.` of the reference, against each address length.
    for (let dot = ref.indexOf('.'); dot >= 0; dot = ref.indexOf('.', dot + 1))
      for (const n of lengths)
        if (n <= dot) found = first(found, byAddress.get(ref.slice(dot - n, dot)));
    // `ref.endsWith('/' + name)`: for a name without `/`, the part after the last `/`.
    const slash = ref.lastIndexOf('/');
    if (slash >= 0) found = first(found, byName.get(ref.slice(slash + 1)));
    for (const g of slashNames) if (ref.endsWith(`/${g.values.name}`)) found = first(found, g);
    return found;
  };
  bySource.set(near.source, lookup);
  return lookup;
}

/** The instance templates behind a backend service's groups; `complete` when every group resolved. */
function templatesOf(idx: ResourceIndex, bs: TfResource) {
  const groups = ([] as any[]).concat(bs.values.backend ?? []);
  const templates: TfResource[] = [];
  const managers: TfResource[] = [];
  let complete = groups.length > 0;
  const lookup = groupLookup(idx, bs);
  for (const b of groups) {
    const igm = lookup(String(b?.group ?? ''));
    if (!igm) {
      complete = false;
      continue;
    }
    managers.push(igm);
    const found = groupTemplates(idx, igm);
    if (found.length === 0) complete = false;
    templates.push(...found);
  }
  return { templates, managers, complete };
}

/** Per index: the instance templates of each group manager (see `groupTemplates`). */
const GROUP_TEMPLATES = new WeakMap<ResourceIndex, Map<TfResource, readonly TfResource[]>>();

/**
 * The instance templates a group manager's versions reference, resolved once per index: a
 * few groups serve many backend services (300 groups behind 10 000 services in the bench).
 */
function groupTemplates(idx: ResourceIndex, igm: TfResource): readonly TfResource[] {
  let byGroup = GROUP_TEMPLATES.get(idx);
  if (!byGroup) GROUP_TEMPLATES.set(idx, (byGroup = new Map()));
  let found = byGroup.get(igm);
  if (found === undefined) {
    found = ([] as any[])
      .concat(igm.values.version ?? [])
      .flatMap((v) =>
        idx.referenced(
          { ...igm, values: { ...igm.values, version: v } },
          'version.instance_template',
          INSTANCE_TEMPLATES,
        ),
      );
    byGroup.set(igm, found);
  }
  return found;
}

/** Where a backend service's instances are: network, tags, service accounts (as far as known). */
function backendTargets(
  idx: ResourceIndex,
  net: Networks,
  bs: TfResource,
  fallbackNetwork: string | undefined,
): BackendTargets & { servingPort: (portName: string) => number[] | undefined } {
  const { templates, managers, complete } = templatesOf(idx, bs);
  const reads = templates.map((t) => ({ t, read: readInstanceTemplate(t.values) }));
  const union = (f: (x: (typeof reads)[number]['read']) => string[] | undefined) => {
    if (!complete || reads.some((x) => f(x.read) === undefined)) return undefined;
    return [...new Set(reads.flatMap((x) => f(x.read)!))];
  };
  const networks = reads.map((x) => net.key(x.t, 'network_interface.network', x.read.network));
  const network =
    networks.length > 0 && networks.every((n) => n !== undefined && n === networks[0])
      ? networks[0]
      : fallbackNetwork;
  return {
    network,
    tags: union((r) => r.tags),
    serviceAccounts: union((r) => r.serviceAccounts),
    // The named port's number in every group, when every group says.
    servingPort: (portName) => {
      if (!complete || isUnknown(portName)) return undefined;
      const ports = managers.map((m) =>
        ([] as any[])
          .concat(m.values.named_port ?? [])
          .filter((p) => p?.name === portName)
          .map((p) => num(p.port)),
      );
      if (ports.some((p) => p.length === 0 || p.some((x) => x === undefined || isUnknown(x))))
        return undefined;
      return [...new Set(ports.flat() as number[])];
    },
  };
}

/** The proxy-only subnets an Envoy-based service's traffic comes from. */
function proxySubnets(
  idx: ResourceIndex,
  net: Networks,
  bs: TfResource,
  kind: 'regional' | 'cross-region',
  region: string | undefined,
  network: string | undefined,
): { sources: DataPlaneSource[]; network?: string } {
  const sources: DataPlaneSource[] = [];
  const networks = new Set<string | undefined>();
  for (const s of idx.ofTypes(SUBNETWORKS, bs)) {
    const read = readSubnetwork(s.values);
    if (read.proxyOnly !== kind || read.role === 'BACKUP') continue;
    if (kind === 'regional' && region && read.region && !isUnknown(read.region))
      if (read.region !== region) continue;
    const subnetNetwork = net.key(s, 'network', read.network);
    if (network && subnetNetwork && network !== subnetNetwork) continue;
    networks.add(subnetNetwork);
    if (read.ipCidrRange === undefined || isUnknown(read.ipCidrRange)) continue;
    sources.push({
      range: read.ipCidrRange,
      what: `proxy-only subnet ${read.name ?? s.address}`,
    });
  }
  const [only] = networks;
  return { sources, network: networks.size === 1 ? only : undefined };
}

/**
 * True when the service has backends and each is an instance group (a managed or unmanaged
 * group resource, or an `instanceGroups/` URL): their VMs are behind the VPC firewall.
 */
function instanceGroupBackends(bs: TfResource): boolean {
  const groups = ([] as any[]).concat(bs.values.backend ?? []).map((b) => String(b?.group ?? ''));
  const isGroup = (g: string) =>
    /instance_group|\/instanceGroups\/|instanceGroupManagers\//.test(g);
  // A plan knows the group only after apply; its configuration references say what it is.
  const refs = bs.references?.['backend.group'] ?? [];
  return (
    groups.length > 0 &&
    groups.every((g) => isGroup(g) || (isUnknown(g) && refs.length > 0 && refs.every(isGroup)))
  );
}

/** What must reach a backend service's instances, from the configuration. */
function trafficPathOf(
  idx: ResourceIndex,
  net: Networks,
  bs: TfResource,
  hc: TfResource | undefined,
  frontends: TfResource[],
): TrafficPath {
  const scope = readBackendServiceScope(bs);
  const scheme = isUnknown(scope.scheme) ? undefined : scope.scheme;
  const rules = frontends.map((fr) => ({ fr, read: readForwardingRule(fr) }));
  const frNetworks = rules.map((r) => net.key(r.fr, 'network', r.read.network));
  const frNetwork = frNetworks.find((n) => n !== undefined);
  const ownNetwork = net.key(bs, 'network', scope.network);
  const targets = backendTargets(idx, net, bs, ownNetwork ?? frNetwork);
  const service = `the backends of backend service ${str(bs.values.name) ?? bs.address}`;
  const passthrough = scope.regional && (scheme === 'INTERNAL' || scheme === 'EXTERNAL');
  const probePort = hc ? readHealthCheck(hc.values).port : undefined;
  const probe =
    hc && (probePort === undefined || (typeof probePort === 'number' && !isUnknown(probePort)))
      ? {
          port: probePort,
          ranges: passthrough && scheme === 'EXTERNAL' ? NLB_PROBE_RANGES : PROBE_RANGES,
        }
      : undefined;

  if (passthrough && instanceGroupBackends(bs)) {
    const ports = rules.map((r) => r.read.servingPorts);
    const protocol = (str(scope.protocol) ?? '').toLowerCase();
    const frProtocol = (rules[0]?.read.ipProtocol ?? 'tcp').toLowerCase();
    return {
      service,
      backends: targets,
      probe,
      clients: rules.some((r) => r.read.hasBackendService),
      servingPorts: ports.some((p) => p === undefined)
        ? undefined
        : [...new Set(ports.flat() as number[])],
      ipProtocol: protocol === 'tcp' || protocol === 'udp' ? protocol : frProtocol,
    };
  }
  const servingPorts = targets.servingPort(scope.portName ?? 'http');
  const envoy =
    scheme === 'INTERNAL_MANAGED' || (scope.regional && scheme === 'EXTERNAL_MANAGED')
      ? scope.regional
        ? 'regional'
        : 'cross-region'
      : undefined;
  // Without a forwarding rule here, the frontend is elsewhere (or not yet built); without
  // instance-group backends, the VPC firewall may not be on the path (serverless, internet and
  // hybrid NEGs): only the probes are judged.
  if (rules.length === 0 || !instanceGroupBackends(bs))
    return { service, backends: targets, probe, servingPorts };
  if (envoy) {
    const subnets = proxySubnets(idx, net, bs, envoy, scope.region, targets.network);
    return {
      service,
      backends: { ...targets, network: targets.network ?? subnets.network },
      probe,
      dataSources: subnets.sources,
      servingPorts,
    };
  }
  const gfe = !scope.regional && (scheme === 'EXTERNAL' || scheme === 'EXTERNAL_MANAGED');
  return {
    service,
    backends: targets,
    probe,
    dataSources: gfe
      ? PROBE_RANGES.map((range) => ({ range, what: 'Google Front Ends', fix: GFE_FIX }))
      : undefined,
    servingPorts,
  };
}

/**
 * X1: only what a proxy load balancer's backends serve its probes on. Passthrough NLBs keep
 * the client's address, so their ports are meant to be open to clients; a health check no
 * backend service uses (autohealing) is no load balancer's port.
 */
function checkProbeSources(idx: ResourceIndex, out: Reporter, net: Networks): void {
  for (const fw of idx.ofTypes(FIREWALLS)) {
    const spec = net.firewallsNear(fw).find((f) => f.id === fw.address)!;
    const ports = new Set<number>();
    for (const bs of idx.ofTypes(BACKEND_SERVICES, fw)) {
      const scope = readBackendServiceScope(bs);
      if (!isProxyScheme(scope.regional, scope.scheme)) continue;
      if (!mayReachBackends(idx, net, spec, bs)) continue;
      for (const hc of idx.referenced(bs, 'health_checks', HEALTH_CHECKS)) {
        const port = readHealthCheck(hc.values).port;
        if (typeof port === 'number' && !isUnknown(port) && !otherTargets(net, fw, spec, port))
          ports.add(port);
      }
    }
    out.report(fw, RuleLevel.ERROR, checkProbeFirewallSources(spec, [...ports]));
  }
}

/**
 * True when the rules that admit the probers on `port` (the load balancer's own rules, so they
 * say where its backends are) all target another network or other tags than `fw`.
 */
function otherTargets(net: Networks, fw: TfResource, spec: FirewallSpec, port: number): boolean {
  const probeRules = net
    .firewallsNear(fw)
    .filter((f) => f.id !== spec.id && admitsProbes(f, port) && f.sourceRanges.every(known));
  if (probeRules.length === 0) return false;
  return probeRules.every((p) => {
    if (spec.network !== undefined && p.network !== undefined && spec.network !== p.network)
      return true;
    const [mine, theirs] = [spec.targetTags, p.targetTags];
    if (mine.length === 0 || theirs.length === 0) return false;
    if ([...mine, ...theirs].some(isUnknown)) return false;
    return !mine.some((t) => theirs.includes(t));
  });
}

const known = (v: string) => !isUnknown(v);

/** True for the schemes whose backends are reached by Google's proxies, not by clients. */
function isProxyScheme(regional: boolean, scheme: string): boolean {
  if (isUnknown(scheme)) return false;
  if (scheme === 'INTERNAL') return false;
  return !(regional && scheme === 'EXTERNAL');
}

/**
 * False only when the firewall provably targets other instances than the backends': it names
 * target tags, and every backend group's instance template is known and carries none of them.
 */
function mayReachBackends(
  idx: ResourceIndex,
  net: Networks,
  fw: FirewallSpec,
  bs: TfResource,
): boolean {
  if (fw.targetTags.length === 0) return true;
  const targets = backendTargets(idx, net, bs, undefined);
  return appliesTo({ ...fw, network: undefined }, { ...targets, network: undefined }) !== 'no';
}
