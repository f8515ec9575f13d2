/**
 * `google_compute_address` (regional) and `google_compute_global_address` (hashicorp/google
 * 6.50.0; magic-modules Address.yaml and GlobalAddress.yaml at 1f3c249): `address_type`
 * EXTERNAL when unset (default_value); decided by the API: `address`, `network_tier`
 * (PREMIUM), `purpose`, `subnetwork`, `region`. An INTERNAL address lives in a subnetwork;
 * several internal forwarding rules share one only with purpose SHARED_LOADBALANCER_VIP.
 */
import { TfResource } from '../resource';
import { str } from './values';

export const ADDRESS_TYPES = ['google_compute_address', 'google_compute_global_address'];

/** An address as the rules read it. */
export interface AddressRead {
  readonly regional: boolean;
  readonly address?: string;
  /** EXTERNAL (the provider's default) or INTERNAL; may be unknown. */
  readonly addressType: string;
  readonly purpose?: string;
  readonly networkTier?: string;
  readonly subnetwork: unknown;
}

/** Reads an address resource. */
export function readAddress(r: TfResource): AddressRead {
  const v = r.values;
  return {
    regional: r.type === 'google_compute_address',
    address: str(v.address),
    addressType: str(v.address_type) ?? 'EXTERNAL',
    purpose: str(v.purpose),
    networkTier: str(v.network_tier),
    subnetwork: v.subnetwork,
  };
}
