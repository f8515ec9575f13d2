/**
 * Target proxies, global and regional: HTTPS, HTTP, TCP and SSL (hashicorp/google 6.50.0;
 * magic-modules TargetHttpsProxy.yaml, RegionTargetHttpsProxy.yaml, TargetHttpProxy.yaml,
 * RegionTargetHttpProxy.yaml, TargetTcpProxy.yaml, RegionTargetTcpProxy.yaml,
 * TargetSslProxy.yaml at 1f3c249). What each points at (a URL map or a backend service) and
 * whether an SSL policy is given. No defaults the rules rely on: an HTTPS or SSL proxy without
 * `ssl_policy` uses Google's default policy (TLS 1.0, COMPATIBLE), which X2 reports.
 *
 * `renderTargetProxy` writes an HTTP(S) proxy's config, `readTargetProxy` reads it back
 * (__tests__/model-roundtrip-frontends.test.ts).
 */
import type { ComputeTargetHttpsProxyConfig } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import type { ComputeRegionTargetHttpsProxyConfig } from '@cdktf/provider-google/lib/compute-region-target-https-proxy';
import type { ComputeTargetHttpProxyConfig } from '@cdktf/provider-google/lib/compute-target-http-proxy';
import type { ComputeRegionTargetHttpProxyConfig } from '@cdktf/provider-google/lib/compute-region-target-http-proxy';
import { TfResource } from '../resource';
import { ResourceRefs } from './refs';

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

/** A target proxy: its kind and scope (the resource type), what `readTargetProxy` reads. */
export interface TargetProxySpec {
  readonly kind: 'https' | 'http' | 'tcp' | 'ssl';
  readonly regional: boolean;
}

/** A target proxy as the rules read it. */
export interface TargetProxyRead extends TargetProxySpec {
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

/** The resource type of a proxy of `spec`'s kind and scope. */
export function targetProxyType(spec: TargetProxySpec): string {
  return `google_compute_${spec.regional ? 'region_' : ''}target_${spec.kind}_proxy`;
}

/** What only the construct knows of an HTTP(S) proxy it renders. */
export interface TargetProxyRefs extends ResourceRefs {
  /** Regional proxies only; unset: the provider's region. */
  readonly region?: string;
  readonly urlMap: string;
  /** HTTPS proxies: the SSL policy and certificates. */
  readonly sslPolicy?: string;
  readonly sslCertificates?: string[];
  readonly certificateManagerCertificates?: string[];
}

/** The config of an HTTP or HTTPS proxy, global or regional. */
type TargetProxyConfig = ComputeTargetHttpsProxyConfig &
  ComputeRegionTargetHttpsProxyConfig &
  ComputeTargetHttpProxyConfig &
  ComputeRegionTargetHttpProxyConfig;

/**
 * The provider config of an HTTP or HTTPS proxy (`readTargetProxy` reads its kind and scope back
 * from the resource type, `targetProxyType`). An HTTP proxy takes no SSL policy or certificates.
 */
export function renderTargetProxy(spec: TargetProxySpec, refs: TargetProxyRefs) {
  if (spec.kind !== 'https' && spec.kind !== 'http')
    throw new Error(
      `renderTargetProxy: kind ${spec.kind} (${targetProxyType(spec)}) is not rendered here; allowed: https or http; fix: render TCP and SSL proxies with their own L1 class`,
    );
  const https = spec.kind === 'https';
  return {
    name: refs.name,
    project: refs.project,
    ...(spec.regional ? { region: refs.region } : {}),
    urlMap: refs.urlMap,
    sslCertificates: https ? refs.sslCertificates : undefined,
    certificateManagerCertificates: https ? refs.certificateManagerCertificates : undefined,
    sslPolicy: https ? refs.sslPolicy : undefined,
  } satisfies TargetProxyConfig;
}
