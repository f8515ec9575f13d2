/**
 * The vocabulary of Google Cloud backend services and the tables that say which
 * combinations a load balancer accepts (rules B1, B2 of the rule catalogue).
 */

/** `load_balancing_scheme` of a backend service (provider 6.50 enums). */
export enum LoadBalancingScheme {
  /** Classic Application LB / classic proxy NLB (global), or external passthrough NLB (regional). */
  EXTERNAL = 'EXTERNAL',
  /** Global or regional external Application LB, external proxy NLB. */
  EXTERNAL_MANAGED = 'EXTERNAL_MANAGED',
  /** Internal passthrough NLB (regional only). */
  INTERNAL = 'INTERNAL',
  /** Internal Application LB / internal proxy NLB (regional, or cross-region when global). */
  INTERNAL_MANAGED = 'INTERNAL_MANAGED',
  /** Cloud Service Mesh / Traffic Director (global only). */
  INTERNAL_SELF_MANAGED = 'INTERNAL_SELF_MANAGED',
}

/** `protocol` a backend service uses to talk to its backends. */
export enum BackendProtocol {
  HTTP = 'HTTP',
  HTTPS = 'HTTPS',
  HTTP2 = 'HTTP2',
  H2C = 'H2C',
  GRPC = 'GRPC',
  TCP = 'TCP',
  SSL = 'SSL',
  UDP = 'UDP',
  UNSPECIFIED = 'UNSPECIFIED',
}

/** `balancing_mode` of a backend (provider 6.50; IN_FLIGHT came later, CUSTOM_METRICS is not offered). */
export enum BalancingMode {
  /** Target CPU utilization of the instance group. */
  UTILIZATION = 'UTILIZATION',
  /** Target requests per second (HTTP-family protocols). */
  RATE = 'RATE',
  /** Target concurrent connections (TCP, SSL, UDP). */
  CONNECTION = 'CONNECTION',
}

/** `locality_lb_policy`: how a backend is picked inside a locality. */
export enum LocalityLbPolicy {
  ROUND_ROBIN = 'ROUND_ROBIN',
  LEAST_REQUEST = 'LEAST_REQUEST',
  RING_HASH = 'RING_HASH',
  RANDOM = 'RANDOM',
  ORIGINAL_DESTINATION = 'ORIGINAL_DESTINATION',
  MAGLEV = 'MAGLEV',
  WEIGHTED_MAGLEV = 'WEIGHTED_MAGLEV',
  WEIGHTED_ROUND_ROBIN = 'WEIGHTED_ROUND_ROBIN',
}

/** The kind of load balancer a backend service belongs to, derived from scope, scheme and protocol. */
export enum LoadBalancerKind {
  GLOBAL_EXTERNAL_ALB = 'global external Application Load Balancer',
  CLASSIC_ALB = 'classic Application Load Balancer',
  REGIONAL_EXTERNAL_ALB = 'regional external Application Load Balancer',
  INTERNAL_ALB = 'internal Application Load Balancer',
  PROXY_NLB = 'proxy Network Load Balancer',
  TRAFFIC_DIRECTOR = 'Cloud Service Mesh (INTERNAL_SELF_MANAGED)',
  EXTERNAL_PASSTHROUGH_NLB = 'external passthrough Network Load Balancer',
  INTERNAL_PASSTHROUGH_NLB = 'internal passthrough Network Load Balancer',
}

/** HTTP-family protocols (Application LBs). */
export const HTTP_FAMILY: readonly BackendProtocol[] = [
  BackendProtocol.HTTP,
  BackendProtocol.HTTPS,
  BackendProtocol.HTTP2,
  BackendProtocol.H2C,
  BackendProtocol.GRPC,
];

/** Schemes accepted by `google_compute_backend_service` (global) in provider 6.50 (B1). */
export const GLOBAL_SCHEMES: readonly LoadBalancingScheme[] = [
  LoadBalancingScheme.EXTERNAL,
  LoadBalancingScheme.EXTERNAL_MANAGED,
  LoadBalancingScheme.INTERNAL_MANAGED,
  LoadBalancingScheme.INTERNAL_SELF_MANAGED,
];

/** Schemes accepted by `google_compute_region_backend_service` in provider 6.50 (B1). */
export const REGIONAL_SCHEMES: readonly LoadBalancingScheme[] = [
  LoadBalancingScheme.EXTERNAL,
  LoadBalancingScheme.EXTERNAL_MANAGED,
  LoadBalancingScheme.INTERNAL,
  LoadBalancingScheme.INTERNAL_MANAGED,
];

/**
 * Schemes that `google_compute_region_backend_service` accepts only from a later provider
 * version than the pinned 6.50.0, with that version (hashicorp/google CHANGELOG 7.24.0: "added
 * INTERNAL_SELF_MANAGED"; magic-modules 07aa40d). The rules do not model them further.
 */
export const REGIONAL_SCHEMES_FROM: ReadonlyMap<unknown, string> = new Map([
  [LoadBalancingScheme.INTERNAL_SELF_MANAGED, '7.24.0'],
]);

const P = BackendProtocol;

/** Protocols accepted per (scope, scheme), from gcloud's `AddProtocol` help (B2). */
const PROTOCOLS: Record<
  'global' | 'regional',
  Partial<Record<LoadBalancingScheme, BackendProtocol[]>>
> = {
  global: {
    EXTERNAL_MANAGED: [P.HTTP, P.HTTPS, P.HTTP2, P.H2C, P.TCP, P.SSL],
    EXTERNAL: [P.HTTP, P.HTTPS, P.HTTP2, P.TCP, P.SSL],
    INTERNAL_MANAGED: [P.HTTP, P.HTTPS, P.HTTP2, P.H2C, P.TCP],
    // gcloud's help lists the HTTP family only, but Cloud Service Mesh routes TCP too (target
    // TCP proxies), and the provider's acceptance test applies a TCP service on this scheme
    // (resource_compute_backend_service_test.go, withBackendAndPreferenceInternalSelfManaged).
    INTERNAL_SELF_MANAGED: [P.HTTP, P.HTTPS, P.HTTP2, P.GRPC, P.H2C, P.TCP],
  },
  regional: {
    EXTERNAL_MANAGED: [P.HTTP, P.HTTPS, P.HTTP2, P.H2C, P.TCP],
    EXTERNAL: [P.TCP, P.UDP, P.UNSPECIFIED],
    INTERNAL: [P.TCP, P.UDP, P.UNSPECIFIED],
    INTERNAL_MANAGED: [P.HTTP, P.HTTPS, P.HTTP2, P.H2C, P.TCP],
  },
};

/** Protocols a scheme accepts in a scope; empty when the scheme itself is not accepted there. */
export function allowedProtocols(
  regional: boolean,
  scheme: LoadBalancingScheme,
): readonly BackendProtocol[] {
  return PROTOCOLS[regional ? 'regional' : 'global'][scheme] ?? [];
}

/** True for HTTP, HTTPS, HTTP2, H2C and GRPC. */
export function isHttpFamily(protocol: BackendProtocol): boolean {
  return HTTP_FAMILY.includes(protocol);
}

/** The load balancer a (scope, scheme, protocol) triple belongs to. Assumes B1/B2 hold. */
export function loadBalancerKind(
  regional: boolean,
  scheme: LoadBalancingScheme,
  protocol: BackendProtocol,
): LoadBalancerKind {
  const http = isHttpFamily(protocol);
  switch (scheme) {
    case LoadBalancingScheme.INTERNAL:
      return LoadBalancerKind.INTERNAL_PASSTHROUGH_NLB;
    case LoadBalancingScheme.INTERNAL_SELF_MANAGED:
      return LoadBalancerKind.TRAFFIC_DIRECTOR;
    case LoadBalancingScheme.EXTERNAL:
      if (regional) return LoadBalancerKind.EXTERNAL_PASSTHROUGH_NLB;
      return http ? LoadBalancerKind.CLASSIC_ALB : LoadBalancerKind.PROXY_NLB;
    case LoadBalancingScheme.EXTERNAL_MANAGED:
      if (!http) return LoadBalancerKind.PROXY_NLB;
      return regional
        ? LoadBalancerKind.REGIONAL_EXTERNAL_ALB
        : LoadBalancerKind.GLOBAL_EXTERNAL_ALB;
    case LoadBalancingScheme.INTERNAL_MANAGED:
      return http ? LoadBalancerKind.INTERNAL_ALB : LoadBalancerKind.PROXY_NLB;
  }
}

/** True for the passthrough Network Load Balancers (no proxy: no timeout, no locality policy for affinity). */
export function isPassthrough(kind: LoadBalancerKind): boolean {
  return (
    kind === LoadBalancerKind.EXTERNAL_PASSTHROUGH_NLB ||
    kind === LoadBalancerKind.INTERNAL_PASSTHROUGH_NLB
  );
}

/** True for the Envoy-based managed schemes where `locality_lb_policy` decides affinity (S6). */
export function usesLocalityPolicyForAffinity(scheme: LoadBalancingScheme): boolean {
  return (
    scheme === LoadBalancingScheme.EXTERNAL_MANAGED ||
    scheme === LoadBalancingScheme.INTERNAL_MANAGED ||
    scheme === LoadBalancingScheme.INTERNAL_SELF_MANAGED
  );
}
