/**
 * `google_compute_subnetwork`, for the proxy-only subnets of Envoy-based load balancers: how the
 * provider reads one, in one place for the Aspect, lint, the reviewer and `ProxyOnlySubnet`.
 *
 * Provider (hashicorp/google 6.50.0; magic-modules Subnetwork.yaml at 1f3c249): `purpose` is
 * decided by the API when unset ("If unspecified, the purpose defaults to PRIVATE"), `role`
 * (ACTIVE or BACKUP) has no default and is sent only when set, `region` falls back to the
 * provider's region (default_from_api), `ip_cidr_range` is required except with a reserved
 * internal range. A proxy-only subnet has purpose REGIONAL_MANAGED_PROXY (or its deprecated
 * name INTERNAL_HTTPS_LOAD_BALANCER) or GLOBAL_MANAGED_PROXY
 * (https://cloud.google.com/load-balancing/docs/proxy-only-subnets).
 *
 * `renderSubnetwork` writes a `SubnetworkSpec` as the provider's config, `readSubnetwork` reads it
 * back (__tests__/model-roundtrip-frontends.test.ts).
 */
import type { ComputeSubnetworkConfig } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ResourceRefs } from './refs';
import { str } from './values';

/** The subnetwork resource types. */
export const SUBNETWORK_TYPES = ['google_compute_subnetwork'];

/** Proxy-only purposes → the load balancers they serve. */
export const PROXY_ONLY_PURPOSES: Record<string, 'regional' | 'cross-region'> = {
  REGIONAL_MANAGED_PROXY: 'regional',
  INTERNAL_HTTPS_LOAD_BALANCER: 'regional',
  GLOBAL_MANAGED_PROXY: 'cross-region',
};

/** The purpose the API gives a subnetwork whose `purpose` is unset. */
export const API_DEFAULT_PURPOSE = 'PRIVATE';

/** A subnetwork: what `renderSubnetwork` writes and `readSubnetwork` reads. */
export interface SubnetworkSpec {
  readonly name?: string;
  /** Unset: the provider's region (unknown here). */
  readonly region?: string;
  /** The `network` value as written (a name, self link or reference). */
  readonly network: unknown;
  readonly ipCidrRange?: string;
  /** As set; unset means PRIVATE (the API's default), which is not proxy-only. */
  readonly purpose: string;
  /** ACTIVE, BACKUP, or undefined (not set). */
  readonly role?: string;
}

/** A subnetwork as the rules read it. */
export interface SubnetworkRead extends SubnetworkSpec {
  /** The proxy-only subnet's kind, or undefined for an ordinary subnet. */
  readonly proxyOnly?: 'regional' | 'cross-region';
}

/** Reads a subnetwork's values. */
export function readSubnetwork(values: Record<string, any>): SubnetworkRead {
  const purpose = str(values.purpose) ?? API_DEFAULT_PURPOSE;
  return {
    name: str(values.name),
    region: str(values.region),
    network: values.network,
    ipCidrRange: str(values.ip_cidr_range),
    purpose,
    role: str(values.role),
    proxyOnly: PROXY_ONLY_PURPOSES[purpose],
  };
}

/** What only the construct knows of a subnetwork it renders (the name is in the spec). */
export type SubnetworkRefs = Pick<ResourceRefs, 'project'>;

/** The provider config of `spec` (`readSubnetwork` reads it back); every field as given. */
export function renderSubnetwork(
  spec: SubnetworkSpec & { readonly name: string },
  refs: SubnetworkRefs,
) {
  return {
    name: spec.name,
    project: refs.project,
    region: spec.region,
    network: spec.network as string,
    ipCidrRange: spec.ipCidrRange,
    purpose: spec.purpose,
    role: spec.role,
  } satisfies ComputeSubnetworkConfig;
}
