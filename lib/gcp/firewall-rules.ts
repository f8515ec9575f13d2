/**
 * Rules over firewall rules in Terraform's shape (`google_compute_firewall` values), shared by
 * `LoadBalancerFirewall`, the plan reviewer, the `AffinityChecks` Aspect and `affinity-review
 * lint`. Pure functions: no cdktf, no provider.
 */
import type { RuleViolation } from '../core/errors';

/** Google's health-check probers and Google Front Ends (IPv4). */
export const PROBE_RANGES: readonly string[] = ['35.191.0.0/16', '130.211.0.0/22'];

/** The Terraform values of a firewall rule this module reads. */
export interface FirewallValues {
  readonly direction?: string;
  readonly disabled?: boolean;
  readonly source_ranges?: string[];
  readonly allow?: { protocol?: string; ports?: (string | number)[] }[];
}

function parseCidr(c: string): { ip: number; bits: number } | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(c);
  return m
    ? { ip: m.slice(1, 5).reduce((a, o) => a * 256 + Number(o), 0), bits: Number(m[5]) }
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

function opensTcpPort(fw: FirewallValues, port: number): boolean {
  return ([] as NonNullable<FirewallValues['allow']>).concat(fw.allow ?? []).some((a) => {
    if (a.protocol !== 'tcp' && a.protocol !== 'all') return false;
    const ports = ([] as (string | number)[]).concat(a.ports ?? []).map(String);
    if (ports.length === 0) return true;
    return ports.some((p) => {
      const [lo, hi] = p.split('-').map(Number);
      return port >= lo && port <= (hi ?? lo);
    });
  });
}

const isIngress = (fw: FirewallValues) =>
  (fw.direction ?? 'INGRESS') === 'INGRESS' && fw.disabled !== true;

/** H9: the rule admits both probe ranges on TCP `port`. */
export function admitsProbes(fw: FirewallValues, port: number): boolean {
  if (!isIngress(fw)) return false;
  const ranges = ([] as string[]).concat(fw.source_ranges ?? []);
  return (
    PROBE_RANGES.every((probe) => ranges.some((r) => cidrCovers(r, probe))) &&
    opensTcpPort(fw, port)
  );
}

/** An address block that reaches the backends from anywhere. */
const isOpenToAll = (r: string) => r === '0.0.0.0/0' || r === '::/0';

/**
 * X1: a firewall rule that opens a load balancer's backend or probe port (`ports`, from the
 * health checks and serving ports it is paired with) admits Google's ranges only, never the
 * whole internet: the backends would be reachable around the load balancer, its TLS policy
 * and its session affinity.
 */
export function checkProbeFirewallSources(
  fw: FirewallValues,
  ports: readonly number[],
): RuleViolation[] {
  if (!isIngress(fw)) return [];
  const open = ([] as string[]).concat(fw.source_ranges ?? []).filter(isOpenToAll);
  const exposed = [...new Set(ports)].filter((p) => opensTcpPort(fw, p));
  if (open.length === 0 || exposed.length === 0) return [];
  return [
    {
      rule: 'X1',
      attribute: 'source_ranges',
      value: `[${([] as string[]).concat(fw.source_ranges ?? []).join(', ')}]`,
      problem: `opens the load balancer's backend port${exposed.length > 1 ? 's' : ''} ${exposed.join(', ')} to the whole internet, around the load balancer`,
      allowed: `Google's probe and front-end ranges ${PROBE_RANGES.join(', ')}`,
      fix: `set source_ranges to [${PROBE_RANGES.join(', ')}] (LoadBalancerFirewall does), and give other clients their own rule and ports`,
    },
  ];
}
