/**
 * `google_compute_ssl_policy` and `google_compute_region_ssl_policy` (hashicorp/google 6.50.0;
 * magic-modules SslPolicy.yaml and RegionSslPolicy.yaml at 1f3c249): the provider sends
 * `profile` COMPATIBLE and `min_tls_version` TLS_1_0 when they are unset (default_value), so
 * an SSL policy with neither is as weak as none. `custom_features` only with profile CUSTOM.
 */
import { SslPolicyValues } from '../../gcp/frontend-security-rules';
import { stringList } from './firewall';
import { str } from './values';

export const SSL_POLICY_TYPES = ['google_compute_ssl_policy', 'google_compute_region_ssl_policy'];

/** Provider defaults (sent when unset). */
export const SSL_POLICY_DEFAULTS = { profile: 'COMPATIBLE', min_tls_version: 'TLS_1_0' };

/**
 * Reads an SSL policy's values into X2's view. Unset fields stay unset (X2 names them "not set"
 * and applies the provider's defaults itself); unknown ones stay unknown.
 */
export function readSslPolicy(values: Record<string, any>): SslPolicyValues {
  return {
    profile: str(values.profile),
    min_tls_version: str(values.min_tls_version),
    custom_features:
      values.custom_features === undefined ? undefined : stringList(values.custom_features),
  };
}
