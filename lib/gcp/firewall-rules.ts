/**
 * What a VPC firewall rule admits, over `FirewallSpec` (lib/terraform/google/firewall reads a
 * `google_compute_firewall` into one; the constructs read their own). Shared by
 * `LoadBalancerFirewall`, the frontends, the `AffinityChecks` Aspect, `affinity-review lint`
 * and the reviewer. Pure functions: no cdktf, no provider.
 *
 * Unknown values (a `${var.ranges}`, a token, a value known after apply) make an answer
 * "maybe": a rule is only reported as closed when no firewall rule can admit the traffic.
 */
import type { RuleViolation } from '../core/errors';
import { isUnknown } from '../core/unknown';

/**
 * Google's health-check probers and Google Front Ends (IPv4): the sources of every probe except
 * those of external passthrough Network Load Balancers, and the data-plane source of the global
 * external and classic Application Load Balancers.
 * https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges
 */
export const PROBE_RANGES: readonly string[] = ['35.191.0.0/16', '130.211.0.0/22'];

/**
 * The probe ranges of external passthrough Network Load Balancers (IPv4), same page.
 * https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges
 */
export const NLB_PROBE_RANGES: readonly string[] = [
  '35.191.0.0/16',
  '209.85.152.0/22',
  '209.85.204.0/22',
];

/**
 * The default network's `default-allow-internal` rule admits 10.128.0.0/9 on every port: a
 * project's `default` network has it unless someone removed it, outside this configuration.
 * https://cloud.google.com/firewall/docs/firewalls#more_rules_default_vpc
 */
export const DEFAULT_NETWORK_INTERNAL_RANGE = '10.128.0.0/9';

/** One `allow` or `deny` block. `protocol` may be unknown; ports are "80" or "8000-8080". */
export interface FirewallProtocolPorts {
  readonly protocol: string;
  /** Ports; empty means every port of the protocol. Entries may be unknown. */
  readonly ports: readonly string[];
}

/** A VPC firewall rule as the traffic-path rules read it. Any field may hold unknown values. */
export interface FirewallSpec {
  /** Terraform address or construct path, for messages. */
  readonly id: string;
  /** The network, as a key (`networkKey`); undefined when unknown. */
  readonly network?: string;
  /** INGRESS or EGRESS (the API's default is INGRESS); may be unknown. */
  readonly direction: string;
  /** True, false, or unknown. */
  readonly disabled: boolean | string;
  readonly priority: number;
  readonly sourceRanges: readonly string[];
  readonly sourceTags: readonly string[];
  readonly sourceServiceAccounts: readonly string[];
  readonly targetTags: readonly string[];
  readonly targetServiceAccounts: readonly string[];
  readonly allow: readonly FirewallProtocolPorts[];
  readonly deny: readonly FirewallProtocolPorts[];
  /** True when the rule logs connections (`log_config`); no rule reads it. */
  readonly logging?: boolean;
}

/** Three-valued answers: the configuration proves it, disproves it, or cannot tell. */
export type Maybe = 'yes' | 'no' | 'maybe';

export const and = (a: Maybe, b: Maybe): Maybe =>
  a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'maybe';
export const anyOf = (xs: Maybe[]): Maybe =>
  xs.includes('yes') ? 'yes' : xs.includes('maybe') ? 'maybe' : 'no';

function parseCidr(c: string): { ip: number; bits: number } | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(c);
  return m
    ? {
        ip: m.slice(1, 5).reduce((a, o) => a * 256 + Number(o), 0),
        bits: m[5] === undefined ? 32 : Number(m[5]),
      }
    : undefined;
}

/** True when the IPv4 block `outer` contains `inner`. */
export function cidrCovers(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i || o.bits > i.bits) return false;
  const block = 2 ** (32 - o.bits);
  return Math.floor(o.ip / block) === Math.floor(i.ip / block);
}

/** Whether a port list entry ("80", "8000-8080", 443) contains `port` (any port when undefined). */
function portEntryOpens(entry: string, port: number | undefined): Maybe {
  if (isUnknown(entry)) return 'maybe';
  if (port === undefined) return 'yes';
  const [lo, hi] = String(entry).split('-').map(Number);
  return port >= lo && port <= (hi ?? lo) ? 'yes' : 'no';
}

const PROTOCOL_NUMBERS: Record<string, string> = { tcp: '6', udp: '17' };

/**
 * Whether the rule's `allow` blocks open `port` of `protocol` (`tcp` or `udp`; any port when
 * undefined).
 */
export function opensTcp(fw: FirewallSpec, port?: number, ipProtocol = 'tcp'): Maybe {
  return anyOf(
    fw.allow.map((a) => {
      if (isUnknown(a.protocol)) return 'maybe';
      const protocol = a.protocol.toLowerCase();
      if (
        protocol !== ipProtocol &&
        protocol !== 'all' &&
        protocol !== PROTOCOL_NUMBERS[ipProtocol]
      )
        return 'no';
      if (a.ports.length === 0) return 'yes';
      return anyOf(a.ports.map((p) => portEntryOpens(p, port)));
    }),
  );
}

/** Whether the rule is an enabled ingress rule. */
export function isIngress(fw: FirewallSpec): Maybe {
  const direction = isUnknown(fw.direction) ? 'maybe' : fw.direction === 'INGRESS' ? 'yes' : 'no';
  const enabled = isUnknown(fw.disabled) ? 'maybe' : fw.disabled === true ? 'no' : 'yes';
  return and(direction, enabled);
}

/** Whether the rule's source ranges contain the whole block `cidr`. */
export function admitsRange(fw: FirewallSpec, cidr: string): Maybe {
  return anyOf(
    fw.sourceRanges.map((r) => (isUnknown(r) ? 'maybe' : cidrCovers(r, cidr) ? 'yes' : 'no')),
  );
}

/** Whether `fw` admits every block of `cidrs` on TCP `port` (any TCP port when undefined). */
export function admitsSources(
  fw: FirewallSpec,
  cidrs: readonly string[],
  port?: number,
  ipProtocol = 'tcp',
): Maybe {
  let sources: Maybe = 'yes';
  for (const c of cidrs) sources = and(sources, admitsRange(fw, c));
  return and(isIngress(fw), and(sources, opensTcp(fw, port, ipProtocol)));
}

/**
 * H9 on one rule: it admits Google's probers (either probe range set: 35.191.0.0/16 with
 * 130.211.0.0/22, or, for external passthrough NLBs, with 209.85.152.0/22 and 209.85.204.0/22)
 * on TCP `port`. "maybe" counts: a rule is only missing when it provably is.
 */
export function admitsProbes(fw: FirewallSpec, port: number | undefined): boolean {
  return (
    admitsSources(fw, PROBE_RANGES, port) !== 'no' ||
    admitsSources(fw, NLB_PROBE_RANGES, port) !== 'no'
  );
}

/** An address block that reaches the backends from anywhere. */
const isOpenToAll = (r: string) => r === '0.0.0.0/0' || r === '::/0';

/**
 * X1: a firewall rule that opens a proxy load balancer's backend or probe port (`ports`, from
 * the health checks and serving ports it is paired with) admits Google's ranges only, never the
 * whole internet: the backends would be reachable around the load balancer, its TLS policy
 * and its session affinity.
 */
export function checkProbeFirewallSources(
  fw: FirewallSpec,
  ports: readonly number[],
): RuleViolation[] {
  if (isIngress(fw) !== 'yes') return [];
  const open = fw.sourceRanges.filter(isOpenToAll);
  const exposed = [...new Set(ports)].filter((p) => opensTcp(fw, p) === 'yes');
  if (open.length === 0 || exposed.length === 0) return [];
  return [
    {
      rule: 'X1',
      attribute: 'source_ranges',
      value: `[${fw.sourceRanges.join(', ')}]`,
      problem: `opens the load balancer's backend port${exposed.length > 1 ? 's' : ''} ${exposed.join(', ')} to the whole internet, around the load balancer`,
      allowed: `Google's probe and front-end ranges ${PROBE_RANGES.join(', ')}`,
      fix: `set source_ranges to [${PROBE_RANGES.join(', ')}] (LoadBalancerFirewall does), and give other clients their own rule and ports`,
    },
  ];
}
