/**
 * `google_compute_forwarding_rule` (regional) and `google_compute_global_forwarding_rule`: how
 * the provider reads them, in one place for the Aspect, lint, the reviewer and the frontends.
 *
 * Provider defaults (hashicorp/google 6.50.0; magic-modules ForwardingRule.yaml and
 * GlobalForwardingRule.yaml at 1f3c249): `load_balancing_scheme` EXTERNAL (default_value) in
 * both. Decided by the API when unset (default_from_api): `ip_address`, `ip_protocol`,
 * `port_range`, `network`, `subnetwork`, `network_tier` (the API assumes PREMIUM), `region`.
 * `ports` takes at most 5 entries (max_size 5); `ports`, `port_range` and `all_ports` are
 * mutually exclusive; `allow_global_access` is sent as false when unset (send_empty_value).
 *
 * `renderForwardingRule` / `renderGlobalForwardingRule` write a `ForwardingRuleSpec` as the
 * provider's config, `readForwardingRule` reads it back (__tests__/model-roundtrip-frontends.test.ts).
 */
import type { ComputeForwardingRuleConfig } from '@cdktf/provider-google/lib/compute-forwarding-rule';
import type { ComputeGlobalForwardingRuleConfig } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { isUnknown } from '../../core/unknown';
import { TfResource } from '../resource';
import { stringList } from './firewall';
import { ResourceRefs, defined } from './refs';
import { str } from './values';

/** The forwarding-rule resource types. */
export const FORWARDING_RULE_TYPES = [
  'google_compute_global_forwarding_rule',
  'google_compute_forwarding_rule',
];

/** The provider's scheme default (both resources). */
export const PROVIDER_DEFAULT_FR_SCHEME = 'EXTERNAL';

/** Most ports a forwarding rule's `ports` takes (ForwardingRule.yaml `ports.max_size`). */
export const MAX_FORWARDING_RULE_PORTS = 5;

/** A forwarding rule: what the render functions write and `readForwardingRule` reads. */
export interface ForwardingRuleSpec {
  readonly regional: boolean;
  /** Regional rules only; unset: the provider's region. */
  readonly region?: string;
  /** As set, or the provider's EXTERNAL; may be unknown. */
  readonly scheme: string;
  /** As set; undefined when left to the API. */
  readonly ipProtocol?: string;
  readonly portRange?: string;
  readonly ports: string[];
  readonly allPorts: boolean | string;
  readonly allowGlobalAccess: boolean | string;
  /** Raw `network` / `subnetwork` values (names, self links or references). */
  readonly network: unknown;
  readonly subnetwork: unknown;
  /** As set; undefined when left to the API (PREMIUM). */
  readonly networkTier?: string;
}

/** A forwarding rule as the rules read it. */
export interface ForwardingRuleRead extends ForwardingRuleSpec {
  readonly name?: string;
  /** Set when the rule points at a target proxy / a backend service. */
  readonly hasTarget: boolean;
  readonly hasBackendService: boolean;
  /**
   * The ports the rule forwards: numbers, `undefined` when any port (all_ports, a range wider
   * than one port, unknown values, or left to the API).
   */
  readonly servingPorts?: number[];
}

function servingPorts(
  portRange: unknown,
  ports: string[],
  allPorts: unknown,
): number[] | undefined {
  if (allPorts === true || isUnknown(allPorts)) return undefined;
  if (ports.length > 0) {
    if (ports.some((p) => isUnknown(p) || !/^\d+$/.test(p))) return undefined;
    return ports.map(Number);
  }
  if (typeof portRange === 'number') return [portRange];
  if (typeof portRange !== 'string' || isUnknown(portRange)) return undefined;
  const [lo, hi] = portRange.split('-').map(Number);
  if (!Number.isInteger(lo) || (hi !== undefined && hi !== lo)) return undefined;
  return [lo];
}

/** Reads a forwarding-rule resource. */
export function readForwardingRule(r: TfResource): ForwardingRuleRead {
  const v = r.values;
  const ports = stringList(v.ports);
  const portRange = v.port_range === undefined || v.port_range === null ? undefined : v.port_range;
  return {
    regional: r.type === 'google_compute_forwarding_rule',
    name: str(v.name),
    region: str(v.region),
    scheme: str(v.load_balancing_scheme) ?? PROVIDER_DEFAULT_FR_SCHEME,
    ipProtocol: str(v.ip_protocol),
    portRange: portRange === undefined ? undefined : String(portRange),
    ports,
    allPorts: v.all_ports ?? false,
    allowGlobalAccess: v.allow_global_access ?? false,
    network: v.network,
    subnetwork: v.subnetwork,
    networkTier: str(v.network_tier),
    hasTarget: v.target !== undefined && v.target !== null,
    hasBackendService: v.backend_service !== undefined && v.backend_service !== null,
    servingPorts: servingPorts(portRange, ports, v.all_ports),
  };
}

/** True when the rule serves TCP port 80 (X3 judges those). */
export function servesPort80(rule: ForwardingRuleRead): boolean {
  if (rule.portRange === undefined || isUnknown(rule.portRange)) return false;
  const [lo, hi] = rule.portRange.split('-').map(Number);
  return 80 >= lo && 80 <= (hi ?? lo);
}

/** A forwarding-rule spec with the provider's defaults for what `spec` leaves out. */
export function forwardingRuleSpec(
  spec: Partial<ForwardingRuleSpec> & Pick<ForwardingRuleSpec, 'regional'>,
): ForwardingRuleSpec {
  return {
    scheme: PROVIDER_DEFAULT_FR_SCHEME,
    ports: [],
    allPorts: false,
    allowGlobalAccess: false,
    network: undefined,
    subnetwork: undefined,
    ...defined(spec),
    regional: spec.regional,
  };
}

/** What only the construct knows of a forwarding rule it renders. */
export interface ForwardingRuleRefs extends ResourceRefs {
  /** The target proxy (HTTP(S) load balancers). */
  readonly target?: string;
  /** The backend service (passthrough Network Load Balancers; regional rules only). */
  readonly backendService?: string;
  readonly ipAddress?: string;
}

/** What both forwarding rules write alike. `load_balancing_scheme` is always written. */
function common(spec: ForwardingRuleSpec, refs: ForwardingRuleRefs) {
  return {
    name: refs.name,
    project: refs.project,
    ipAddress: refs.ipAddress,
    ipProtocol: spec.ipProtocol,
    portRange: spec.portRange,
    loadBalancingScheme: spec.scheme,
    network: spec.network as string | undefined,
    subnetwork: spec.subnetwork as string | undefined,
    networkTier: spec.networkTier,
  };
}

/**
 * The provider config of a regional `spec` (`readForwardingRule` reads it back): `ports` only
 * when not empty, `all_ports` and `allow_global_access` only when true (their unset value is
 * false).
 */
export function renderForwardingRule(spec: ForwardingRuleSpec, refs: ForwardingRuleRefs) {
  const whenTrue = (v: boolean | string) => (v === false ? undefined : (v as boolean));
  return {
    ...common(spec, refs),
    region: spec.region,
    target: refs.target,
    backendService: refs.backendService,
    ports: spec.ports.length > 0 ? [...spec.ports] : undefined,
    allPorts: whenTrue(spec.allPorts),
    allowGlobalAccess: whenTrue(spec.allowGlobalAccess),
  } satisfies ComputeForwardingRuleConfig;
}

/** The provider config of a global `spec` (`readForwardingRule` reads it back). */
export function renderGlobalForwardingRule(
  spec: ForwardingRuleSpec,
  refs: ForwardingRuleRefs & { readonly target: string },
) {
  return { ...common(spec, refs), target: refs.target } satisfies ComputeGlobalForwardingRuleConfig;
}
