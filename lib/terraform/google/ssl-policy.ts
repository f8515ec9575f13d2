/**
 * `google_compute_ssl_policy` and `google_compute_region_ssl_policy` (hashicorp/google 6.50.0;
 * magic-modules SslPolicy.yaml and RegionSslPolicy.yaml at 1f3c249): the provider sends
 * `profile` COMPATIBLE and `min_tls_version` TLS_1_0 when they are unset (default_value), so
 * an SSL policy with neither is as weak as none. `custom_features` only with profile CUSTOM.
 *
 * `renderSslPolicy` writes X2's view (`SslPolicyValues`, keyed by the attribute names) as the
 * provider's config, `readSslPolicy` reads it back (__tests__/model-roundtrip-frontends.test.ts).
 */
import type { ComputeSslPolicyConfig } from '@cdktf/provider-google/lib/compute-ssl-policy';
import type { ComputeRegionSslPolicyConfig } from '@cdktf/provider-google/lib/compute-region-ssl-policy';
import { SslPolicyValues } from '../../gcp/frontend-security-rules';
import { stringList } from './firewall';
import { ResourceRefs } from './refs';
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

/** What only the construct knows of an SSL policy it renders; `region` makes it regional. */
export interface SslPolicyRefs extends ResourceRefs {
  readonly region?: string;
}

/** The config of a `google_compute_ssl_policy`, or of a regional one when `region` is given. */
type SslPolicyConfig = ComputeSslPolicyConfig & ComputeRegionSslPolicyConfig;

/**
 * The provider config of `spec` (`readSslPolicy` reads it back). Unset fields stay unset, so
 * the provider's defaults apply to them, as `readSslPolicy` reports.
 */
export function renderSslPolicy(spec: SslPolicyValues, refs: SslPolicyRefs) {
  return {
    name: refs.name,
    project: refs.project,
    ...(refs.region === undefined ? {} : { region: refs.region }),
    profile: spec.profile,
    minTlsVersion: spec.min_tls_version,
    customFeatures: spec.custom_features === undefined ? undefined : [...spec.custom_features],
  } satisfies SslPolicyConfig;
}
