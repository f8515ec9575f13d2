/**
 * `google_compute_firewall`: how the provider reads it, in one place for the Aspect, lint, the
 * reviewer and the constructs' traffic-path check.
 *
 * Provider defaults (hashicorp/google 6.50.0; magic-modules Firewall.yaml at 1f3c249):
 * `priority` 1000 (default_value). Decided by the API when unset (default_from_api):
 * `direction` (the API documents INGRESS as its default, and an unset direction with
 * `source_*` fields can only be ingress), `destination_ranges`. `disabled` is false unless set.
 * An ingress rule needs one of `source_ranges`, `source_tags` or `source_service_accounts`
 * (Firewall.yaml, `direction`); one with none is read as having unknown sources, never as
 * admitting nothing. `log_config` turns logging on when present (its `metadata` is required).
 *
 * `renderFirewall` writes a `FirewallSpec` as the provider's config and `readFirewall` reads the
 * values back into the same spec (__tests__/model-roundtrip-frontends.test.ts checks both ways).
 */
import type { ComputeFirewallConfig } from '@cdktf/provider-google/lib/compute-firewall';
import { AFTER_APPLY, isUnknown } from '../../core/unknown';
import { FirewallProtocolPorts, FirewallSpec, admitsProbes } from '../../gcp/firewall-rules';
import { networkName } from '../../gcp/traffic-path-rules';
import { block } from '../resource';
import { ResourceRefs, defined } from './refs';
import { num, str } from './values';

/** The firewall resource types. */
export const FIREWALL_TYPES = ['google_compute_firewall'];

/** Provider default of `priority`. */
export const PROVIDER_DEFAULT_PRIORITY = 1000;

/** The API's default `direction` (and the only one with `source_*` fields). */
export const DEFAULT_DIRECTION = 'INGRESS';

/** The `log_config.metadata` written when a spec logs (all metadata: the console shows it). */
export const LOG_METADATA = 'INCLUDE_ALL_METADATA';

/** A list attribute: its strings (unknown entries kept); a wholly unknown list is `[AFTER_APPLY]`. */
export function stringList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (isUnknown(v) || typeof v === 'string') return [isUnknown(v) ? String(v) : (v as string)];
  if (!Array.isArray(v)) return [AFTER_APPLY];
  return v.map((x) =>
    typeof x === 'string' ? x : typeof x === 'number' ? String(x) : AFTER_APPLY,
  );
}

function protocolPorts(v: unknown): FirewallProtocolPorts[] {
  if (v === undefined || v === null) return [];
  if (isUnknown(v) || !(Array.isArray(v) || typeof v === 'object'))
    return [{ protocol: AFTER_APPLY, ports: [] }];
  return ([] as any[]).concat(v).map((b) => ({
    protocol: str(b?.protocol) ?? AFTER_APPLY,
    ports: stringList(b?.ports),
  }));
}

/**
 * Reads a firewall's values. `network` turns the `network` value into a network key (by
 * default its last path segment; lint resolves references to the network resource's name).
 */
export function readFirewall(
  values: Record<string, any>,
  id: string,
  network: (value: unknown) => string | undefined = networkName,
): FirewallSpec {
  const sourceRanges = stringList(values.source_ranges);
  const sourceTags = stringList(values.source_tags);
  const sourceServiceAccounts = stringList(values.source_service_accounts);
  const direction = str(values.direction) ?? DEFAULT_DIRECTION;
  const noSources =
    sourceRanges.length + sourceTags.length + sourceServiceAccounts.length === 0 &&
    direction === 'INGRESS';
  const disabled = values.disabled;
  return {
    id,
    network: network(values.network),
    direction,
    disabled: disabled === undefined || disabled === null ? false : disabled,
    priority: num(values.priority) ?? PROVIDER_DEFAULT_PRIORITY,
    sourceRanges: noSources ? [AFTER_APPLY] : sourceRanges,
    sourceTags,
    sourceServiceAccounts,
    targetTags: stringList(values.target_tags),
    targetServiceAccounts: stringList(values.target_service_accounts),
    allow: protocolPorts(values.allow),
    deny: protocolPorts(values.deny),
    ...(block(values.log_config) ? { logging: true } : {}),
  };
}

/** A firewall spec with the provider's and API's defaults for what `spec` leaves out (or undefined). */
export function firewallSpec(spec: Partial<FirewallSpec> & Pick<FirewallSpec, 'id'>): FirewallSpec {
  return {
    direction: DEFAULT_DIRECTION,
    disabled: false,
    priority: PROVIDER_DEFAULT_PRIORITY,
    sourceRanges: [],
    sourceTags: [],
    sourceServiceAccounts: [],
    targetTags: [],
    targetServiceAccounts: [],
    allow: [],
    deny: [],
    ...defined(spec),
    id: spec.id,
  };
}

/** What only the construct knows of a firewall rule it renders. */
export interface FirewallRefs extends ResourceRefs {
  /** The `network` value (name, self link or reference); the spec holds only its key. */
  readonly network: string;
}

/** A list attribute: written when it has entries (an empty list and no list mean the same). */
const list = (xs: readonly string[]): string[] | undefined => (xs.length > 0 ? [...xs] : undefined);

const protocolPortsConfig = (blocks: readonly FirewallProtocolPorts[]) =>
  blocks.length > 0
    ? blocks.map((b) => ({ protocol: b.protocol, ports: list(b.ports) }))
    : undefined;

/**
 * The provider config of `spec` (`readFirewall` reads it back). `priority` and `direction` are
 * always written; `disabled` only when true; lists only when not empty.
 */
export function renderFirewall(spec: FirewallSpec, refs: FirewallRefs) {
  return {
    name: refs.name,
    project: refs.project,
    network: refs.network,
    direction: spec.direction,
    priority: spec.priority,
    disabled: spec.disabled === false ? undefined : (spec.disabled as boolean),
    sourceRanges: list(spec.sourceRanges),
    sourceTags: list(spec.sourceTags),
    sourceServiceAccounts: list(spec.sourceServiceAccounts),
    targetTags: list(spec.targetTags),
    targetServiceAccounts: list(spec.targetServiceAccounts),
    allow: protocolPortsConfig(spec.allow),
    deny: protocolPortsConfig(spec.deny),
    logConfig: spec.logging ? { metadata: LOG_METADATA } : undefined,
  } satisfies ComputeFirewallConfig;
}

/**
 * H9 on a firewall rule's Terraform values: it admits Google's probers on TCP `port`. For the
 * reviewer, which compares firewalls of two configurations.
 */
export function firewallAdmitsProbes(values: Record<string, any>, port: number): boolean {
  return admitsProbes(readFirewall(values, ''), port);
}
