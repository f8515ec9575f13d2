/**
 * Security pack for HTTPS frontends (X2, X3), over SSL-policy and URL-map values in
 * Terraform's shape. `GlobalHttpsFrontend` runs them on what it renders; the Aspect and the
 * linter run them on any `google_compute_target_https_proxy` / port-80 forwarding rule.
 */
import { RuleViolation } from '../core/errors';
import { RuleBasis } from '../core/rule-registry';
import { containsUnknown, isUnknown } from '../core/unknown';

/** The SSL policy values X2 reads (absent: the proxy uses Google's default policy). */
export interface SslPolicyValues {
  readonly profile?: string;
  readonly min_tls_version?: string;
  readonly custom_features?: string[];
}

const TLS_OK = ['TLS_1_2'];
const PROFILES_OK = ['MODERN', 'RESTRICTED'];
/**
 * The suites CIS Google Cloud Foundations Benchmark 3.9 calls weak (RSA key exchange, no forward
 * secrecy, 3DES): a CUSTOM profile without any of them satisfies it.
 */
const WEAK_SUITES = [
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_RSA_WITH_AES_128_CBC_SHA',
  'TLS_RSA_WITH_AES_256_CBC_SHA',
  'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
];
const strongCustom = (policy: SslPolicyValues) =>
  policy.profile === 'CUSTOM' &&
  Array.isArray(policy.custom_features) &&
  policy.custom_features.length > 0 &&
  policy.custom_features.every((f) => typeof f === 'string' && !WEAK_SUITES.includes(f));
/**
 * The values `google_compute_ssl_policy` accepts in the pinned provider, hashicorp/google
 * 6.50.0 (@cdktf/provider-google 16.12.1, lib/compute-ssl-policy: "Possible values"): any
 * other value fails `terraform plan`. TLS_1_3 arrived in a later major version of the provider.
 */
const PROVIDER_TLS = ['TLS_1_0', 'TLS_1_1', 'TLS_1_2'];
const PROVIDER_PROFILES = ['COMPATIBLE', 'MODERN', 'RESTRICTED', 'CUSTOM'];
/**
 * Values a later provider accepts, with the first version that does (hashicorp/google CHANGELOG
 * 7.17.0: "added FIPS_202205 ... to PROFILE ... and TLS_1_3 ... to MIN_TLS_VERSION").
 */
const ACCEPTED_FROM = new Map<unknown, string>([
  ['TLS_1_3', '7.17.0'],
  ['FIPS_202205', '7.17.0'],
]);
const PINNED = 'hashicorp/google 6.50.0';
const laterIn = (value: unknown) =>
  ACCEPTED_FROM.has(value) ? ` (accepted from ${ACCEPTED_FROM.get(value)})` : '';
const acceptedFrom = (value: unknown) =>
  ACCEPTED_FROM.has(value) ? { acceptedFrom: ACCEPTED_FROM.get(value) } : {};

/**
 * X2: the HTTPS proxy has an SSL policy with TLS 1.2 and a MODERN or RESTRICTED profile, in
 * values the pinned provider accepts (TLS 1.2 is the highest minimum it has).
 */
export function checkSslPolicy(policy: SslPolicyValues | undefined, at: string): RuleViolation[] {
  if (policy === undefined) {
    return [
      {
        rule: 'X2',
        attribute: at,
        value: 'not set',
        problem:
          'leaves the proxy on Google\u2019s default SSL policy, which accepts TLS 1.0 and the COMPATIBLE profile',
        allowed: 'an SSL policy with min_tls_version TLS_1_2 and profile MODERN or RESTRICTED',
        fix: 'create a google_compute_ssl_policy { profile = "MODERN", min_tls_version = "TLS_1_2" } and set ssl_policy to it',
        basis: RuleBasis.STANDARD,
      },
    ];
  }
  const v: RuleViolation[] = [];
  const tls = policy.min_tls_version ?? 'TLS_1_0';
  if (isUnknown(tls)) {
    // Known at plan or apply only: nothing to judge.
  } else if (!PROVIDER_TLS.includes(tls))
    v.push({
      rule: 'X2',
      attribute: `${at}.min_tls_version`,
      value: String(tls),
      problem: `is not accepted by the pinned provider ${PINNED}${laterIn(tls)}: terraform plan fails`,
      allowed: `${PROVIDER_TLS.join(', ')} (and only TLS_1_2 is safe)`,
      fix: 'set min_tls_version = "TLS_1_2" (with profile MODERN or RESTRICTED)',
      basis: RuleBasis.REFUSED,
      ...acceptedFrom(tls),
    });
  else if (!TLS_OK.includes(tls))
    v.push({
      rule: 'X2',
      attribute: `${at}.min_tls_version`,
      value: policy.min_tls_version === undefined ? 'not set (TLS_1_0)' : tls,
      problem: 'accepts TLS versions that are deprecated (RFC 8996)',
      allowed: TLS_OK.join(' or '),
      fix: 'set min_tls_version = "TLS_1_2"',
      basis: RuleBasis.STANDARD,
    });
  const profile = policy.profile ?? 'COMPATIBLE';
  if (isUnknown(profile) || (profile === 'CUSTOM' && containsUnknown(policy.custom_features))) {
    // nothing: the profile or its features are known only at plan
  } else if (!PROVIDER_PROFILES.includes(profile))
    v.push({
      rule: 'X2',
      attribute: `${at}.profile`,
      value: String(profile),
      problem: `is not accepted by the pinned provider ${PINNED}${laterIn(profile)}: terraform plan fails`,
      allowed: `${PROVIDER_PROFILES.join(', ')} (and only MODERN or RESTRICTED are safe)`,
      fix: 'set profile = "MODERN" (or "RESTRICTED")',
      basis: RuleBasis.REFUSED,
      ...acceptedFrom(profile),
    });
  else if (!PROFILES_OK.includes(profile) && !strongCustom(policy))
    v.push({
      rule: 'X2',
      attribute: `${at}.profile`,
      value: policy.profile === undefined ? 'not set (COMPATIBLE)' : profile,
      problem: 'allows cipher suites without forward secrecy',
      allowed: PROFILES_OK.join(' or '),
      fix: 'set profile = "MODERN" (or "RESTRICTED")',
      basis: RuleBasis.STANDARD,
    });
  return v;
}

/** The URL-map values X3 reads. */
export interface RedirectUrlMapValues {
  readonly default_url_redirect?: { https_redirect?: boolean } | { https_redirect?: boolean }[];
}

/**
 * X3: a forwarding rule that serves port 80 does it only to redirect to HTTPS (its proxy's URL
 * map has `default_url_redirect { https_redirect = true }`), so no session cookie travels in
 * clear text.
 */
export function checkHttpRedirects(
  urlMap: RedirectUrlMapValues | undefined,
  at: string,
): RuleViolation[] {
  const redirect = Array.isArray(urlMap?.default_url_redirect)
    ? urlMap?.default_url_redirect[0]
    : urlMap?.default_url_redirect;
  if (redirect?.https_redirect === true) return [];
  return [
    {
      rule: 'X3',
      attribute: at,
      value: '80',
      problem: `serves plain HTTP through ${urlMap === undefined ? 'a proxy whose URL map is not known' : 'a URL map that serves content'}: session cookies and credentials travel in clear text`,
      allowed: 'port 80 only to redirect to HTTPS',
      fix: 'point the port-80 proxy at a URL map with default_url_redirect { https_redirect = true } (GlobalHttpsFrontend\u2019s httpRedirect does), or stop serving port 80',
    },
  ];
}
