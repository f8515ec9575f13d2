/**
 * `google_compute_address` (regional) and `google_compute_global_address` (hashicorp/google
 * 6.50.0; magic-modules Address.yaml and GlobalAddress.yaml at 1f3c249): `address_type`
 * EXTERNAL when unset (default_value); decided by the API: `address`, `network_tier`
 * (PREMIUM), `purpose`, `subnetwork`, `region`. An INTERNAL address lives in a subnetwork;
 * several internal forwarding rules share one only with purpose SHARED_LOADBALANCER_VIP.
 *
 * `renderAddress` writes an `AddressSpec` as the provider's config, `readAddress` reads it back
 * (__tests__/model-roundtrip-frontends.test.ts).
 */
import type { ComputeAddressConfig } from '@cdktf/provider-google/lib/compute-address';
import type { ComputeGlobalAddressConfig } from '@cdktf/provider-google/lib/compute-global-address';
import { TfResource } from '../resource';
import { ResourceRefs, defined } from './refs';
import { str } from './values';

export const ADDRESS_TYPES = ['google_compute_address', 'google_compute_global_address'];

/** The provider's `address_type` when unset. */
export const PROVIDER_DEFAULT_ADDRESS_TYPE = 'EXTERNAL';

/** An internal address (in a subnetwork). */
export const INTERNAL_ADDRESS_TYPE = 'INTERNAL';

/** The purpose with which several internal forwarding rules share one address. */
export const SHARED_VIP_PURPOSE = 'SHARED_LOADBALANCER_VIP';

/** An address: what `renderAddress` writes and `readAddress` reads. */
export interface AddressSpec {
  readonly regional: boolean;
  /** Unset: the provider's region (regional addresses); never set on a global address. */
  readonly region?: string;
  readonly address?: string;
  /** EXTERNAL (the provider's default) or INTERNAL; may be unknown. */
  readonly addressType: string;
  readonly purpose?: string;
  readonly networkTier?: string;
  readonly subnetwork: unknown;
}

/** An address as the rules read it. */
export type AddressRead = AddressSpec;

/** Reads an address resource. */
export function readAddress(r: TfResource): AddressRead {
  const v = r.values;
  return {
    regional: r.type === 'google_compute_address',
    region: str(v.region),
    address: str(v.address),
    addressType: str(v.address_type) ?? PROVIDER_DEFAULT_ADDRESS_TYPE,
    purpose: str(v.purpose),
    networkTier: str(v.network_tier),
    subnetwork: v.subnetwork,
  };
}

/** An address spec with the provider's defaults for what `spec` leaves out (or undefined). */
export function addressSpec(
  spec: Partial<AddressSpec> & Pick<AddressSpec, 'regional'>,
): AddressSpec {
  return {
    addressType: PROVIDER_DEFAULT_ADDRESS_TYPE,
    subnetwork: undefined,
    ...defined(spec),
    regional: spec.regional,
  };
}

/** The config of a `google_compute_address`, or of a global one (`regional` false). */
type AddressConfig = ComputeAddressConfig & ComputeGlobalAddressConfig;

/**
 * The provider config of `spec` (`readAddress` reads it back): `address_type` only when it is
 * not the provider's EXTERNAL; the other fields as given (unset: decided by the API).
 */
export function renderAddress(spec: AddressSpec, refs: ResourceRefs) {
  return {
    name: refs.name,
    project: refs.project,
    region: spec.regional ? spec.region : undefined,
    addressType: spec.addressType === PROVIDER_DEFAULT_ADDRESS_TYPE ? undefined : spec.addressType,
    subnetwork: spec.subnetwork as string | undefined,
    address: spec.address,
    purpose: spec.purpose,
    networkTier: spec.networkTier,
  } satisfies AddressConfig;
}
