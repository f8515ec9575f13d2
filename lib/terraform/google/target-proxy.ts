/**
 * Target proxies, global and regional: HTTPS, HTTP, TCP and SSL (hashicorp/google 6.50.0;
 * magic-modules TargetHttpsProxy.yaml, RegionTargetHttpsProxy.yaml, TargetHttpProxy.yaml,
 * RegionTargetHttpProxy.yaml, TargetTcpProxy.yaml, RegionTargetTcpProxy.yaml,
 * TargetSslProxy.yaml at 1f3c249). What each points at (a URL map or a backend service) and
 * whether an SSL policy is given. No defaults the rules rely on: an HTTPS or SSL proxy without
 * `ssl_policy` uses Google's default policy (TLS 1.0, COMPATIBLE), which X2 reports.
 */
import { TfResource } from '../resource';

export const HTTPS_PROXY_TYPES = [
  'google_compute_target_https_proxy',
  'google_compute_region_target_https_proxy',
];
export const HTTP_PROXY_TYPES = [
  'google_compute_target_http_proxy',
  'google_compute_region_target_http_proxy',
];
export const TCP_PROXY_TYPES = [
  'google_compute_target_tcp_proxy',
  'google_compute_region_target_tcp_proxy',
];
export const SSL_PROXY_TYPES = ['google_compute_target_ssl_proxy'];
export const TARGET_PROXY_TYPES = [
  ...HTTPS_PROXY_TYPES,
  ...HTTP_PROXY_TYPES,
  ...TCP_PROXY_TYPES,
  ...SSL_PROXY_TYPES,
];

/** A target proxy as the rules read it. */
export interface TargetProxyRead {
  readonly kind: 'https' | 'http' | 'tcp' | 'ssl';
  readonly regional: boolean;
  /** The attribute that names what the proxy sends to. */
  readonly next: 'url_map' | 'backend_service';
  /** True when `ssl_policy` is set (a value or a reference), for HTTPS and SSL proxies. */
  readonly sslPolicyGiven: boolean;
}

/** Reads a target-proxy resource. */
export function readTargetProxy(r: TfResource): TargetProxyRead {
  const kind = HTTPS_PROXY_TYPES.includes(r.type)
    ? 'https'
    : HTTP_PROXY_TYPES.includes(r.type)
      ? 'http'
      : TCP_PROXY_TYPES.includes(r.type)
        ? 'tcp'
        : 'ssl';
  return {
    kind,
    regional: r.type.startsWith('google_compute_region_'),
    next: kind === 'https' || kind === 'http' ? 'url_map' : 'backend_service',
    sslPolicyGiven:
      (r.values.ssl_policy !== undefined && r.values.ssl_policy !== null) ||
      (r.references?.ssl_policy ?? []).length > 0,
  };
}
