/**
 * `google_compute_backend_service` and `google_compute_region_backend_service`: how the
 * constructs render them and how the provider reads them, in one place for
 * `AffinityBackendService`, the Aspect, lint and the reviewer.
 *
 * Provider defaults (hashicorp/google 6.50.0; magic-modules BackendService.yaml and
 * RegionBackendService.yaml): `load_balancing_scheme` EXTERNAL (global) / INTERNAL (regional),
 * `connection_draining_timeout_sec` 300. Decided by the API when unset (Optional + Computed:
 * the provider sends nothing): `protocol`, `session_affinity`, `timeout_sec`, `port_name`.
 * Cookie TTLs live in the field of their affinity type: `affinity_cookie_ttl_sec`
 * (GENERATED_COOKIE), `consistent_hash.http_cookie.ttl` (HTTP_COOKIE),
 * `strong_session_affinity_cookie.ttl` (STRONG_COOKIE_AFFINITY).
 */
import type * as backendService from '@cdktf/provider-google/lib/compute-backend-service';
import type * as regionBackendService from '@cdktf/provider-google/lib/compute-region-backend-service';
import { DrainingPolicy } from '../../core/draining-policy';
import { Duration } from '../../core/duration';
import { API_DECIDED, isUnknown } from '../../core/unknown';
import {
  BackendOptions,
  ServiceSpec,
  defaultBalancingMode,
  effectiveLocalityPolicy,
} from '../../gcp/backend-service-rules';
import { HealthCheck } from '../../gcp/health-check';
import {
  BackendProtocol,
  LoadBalancingScheme,
  LocalityLbPolicy,
  isPassthrough,
  loadBalancerKind,
} from '../../gcp/load-balancing';
import { SessionAffinity, SessionAffinityType } from '../../gcp/session-affinity';
import { TfResource, block } from '../resource';
import { at, num, put, seconds, str } from './values';

/** The backend-service resource types. */
export const BACKEND_SERVICE_TYPES = [
  'google_compute_backend_service',
  'google_compute_region_backend_service',
];

/** The provider's draining default, sent when `connection_draining_timeout_sec` is unset. */
export const PROVIDER_DEFAULT_DRAINING = 300;

/** The provider's scheme default. */
export const providerDefaultScheme = (regional: boolean): LoadBalancingScheme =>
  regional ? LoadBalancingScheme.INTERNAL : LoadBalancingScheme.EXTERNAL;

const COOKIE_TYPES: string[] = [
  SessionAffinityType.GENERATED_COOKIE,
  SessionAffinityType.HTTP_COOKIE,
  SessionAffinityType.STRONG_COOKIE_AFFINITY,
];

/**
 * Where each affinity type keeps its fields, for render and read alike. GENERATED_COOKIE has a
 * TTL only (whole seconds); HTTP_COOKIE and STRONG_COOKIE_AFFINITY have a cookie block (`name`,
 * `path`, `ttl { seconds }`); HEADER_FIELD and HTTP_COOKIE hash on `consistent_hash`.
 */
const GENERATED_COOKIE_TTL = 'affinity_cookie_ttl_sec';
const COOKIE_BLOCKS: Partial<Record<string, string>> = {
  [SessionAffinityType.HTTP_COOKIE]: 'consistent_hash.http_cookie',
  [SessionAffinityType.STRONG_COOKIE_AFFINITY]: 'strong_session_affinity_cookie',
};
const HASH_HEADER = 'consistent_hash.http_header_name';
const HASH_RING_SIZE = 'consistent_hash.minimum_ring_size';
const HASH_TYPES: string[] = [SessionAffinityType.HEADER_FIELD, SessionAffinityType.HTTP_COOKIE];

/** Construct attribute names of the service rules → Terraform attribute names. */
const SERVICE_ATTRIBUTES: Record<string, string> = {
  name: 'name',
  loadBalancingScheme: 'load_balancing_scheme',
  protocol: 'protocol',
  portName: 'port_name',
  sessionAffinity: 'session_affinity',
  'sessionAffinity.headerName': HASH_HEADER,
  'sessionAffinity.minimumRingSize': HASH_RING_SIZE,
  localityLbPolicy: 'locality_lb_policy',
  draining: 'connection_draining_timeout_sec',
  'draining.timeout': 'connection_draining_timeout_sec',
  timeout: 'timeout_sec',
  'logging.sampleRate': 'log_config.sample_rate',
  healthCheck: 'health_checks',
};

/** A backend service as the provider reads it. */
/** Per cookie TTL attribute (one of four): the service's attribute names, built once. */
const ATTRIBUTES = new Map<string, Readonly<Record<string, string>>>();

/**
 * The rules' attribute names → a service's Terraform attributes, where `cookieAttribute` is
 * where its affinity type keeps the cookie TTL.
 */
function serviceAttributes(cookieAttribute: string): Readonly<Record<string, string>> {
  let attributes = ATTRIBUTES.get(cookieAttribute);
  if (attributes === undefined) {
    attributes = {
      ...SERVICE_ATTRIBUTES,
      'sessionAffinity.ttl': cookieAttribute,
      // Stryker disable next-line Regex: `ttl.seconds` occurs only at the end of these attributes, so the anchor is equivalent
      'sessionAffinity.cookieName': cookieAttribute.replace(/ttl\.seconds$/, 'name'),
      // Stryker disable next-line Regex: as above
      'sessionAffinity.cookiePath': cookieAttribute.replace(/ttl\.seconds$/, 'path'),
    };
    ATTRIBUTES.set(cookieAttribute, attributes);
  }
  return attributes;
}

export interface BackendServiceRead {
  readonly regional: boolean;
  /** The rules' view (unknown and API-decided fields stay unknown). */
  readonly spec: ServiceSpec;
  /** The rules' attribute names → this resource's Terraform attributes (shared: read only). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Where the cookie TTL is (the attribute of the affinity type), when one is set. */
  readonly ttlAttribute?: string;
  /** The TTL in seconds (or unknown), when set. */
  readonly ttlSeconds?: number | string;
  /** Draining in seconds: as set, the provider's 300 when unset, or unknown. */
  readonly drainingSeconds: number | string;
  /** True when draining is the provider's default (nobody chose it). */
  readonly drainingImplicit: boolean;
  /** Cookie name and path of HTTP_COOKIE / STRONG_COOKIE_AFFINITY. */
  readonly cookieName?: string;
  readonly cookiePath?: string;
  /** HEADER_FIELD's header. */
  readonly headerName?: string;
  /** `health_checks` references (first one is the one the rules use). */
  readonly healthCheckRefs: string[];
  /** Backends: group reference, balancing mode, capacity scaler. */
  readonly backends: { group: string; balancingMode?: string; capacityScaler?: number }[];
}

/** Where a backend service sits: scope, scheme, protocol, named port, region and network. */
export interface BackendServiceScope {
  readonly regional: boolean;
  /** As set, or the provider's default for the scope; may be unknown. */
  readonly scheme: string;
  /** As set; `API_DECIDED` when unset; may be unknown. */
  readonly protocol: string;
  /** As set; undefined when unset (the API then uses `http`). */
  readonly portName?: string;
  readonly region?: string;
  /** The `network` value (regional INTERNAL services), as written. */
  readonly network: unknown;
}

/** Reads where a backend service sits (what the traffic path needs), without its rules' spec. */
export function readBackendServiceScope(r: TfResource): BackendServiceScope {
  const v = r.values;
  const regional = r.type === 'google_compute_region_backend_service';
  return {
    regional,
    scheme: str(v.load_balancing_scheme) ?? providerDefaultScheme(regional),
    protocol: str(v.protocol) ?? API_DECIDED,
    portName: str(v.port_name),
    region: str(v.region),
    network: v.network,
  };
}

/** The TTL field of an affinity type, and its value. */
function cookieOf(
  v: Record<string, any>,
  type: string,
): { attribute: string; ttl?: number | string; name?: string; path?: string } {
  const cookieBlock = COOKIE_BLOCKS[type];
  if (cookieBlock !== undefined) {
    const c = at(v, cookieBlock);
    return {
      attribute: `${cookieBlock}.ttl.seconds`,
      ttl: num(at(c, 'ttl.seconds')),
      name: str(c?.name),
      path: str(c?.path),
    };
  }
  // GENERATED_COOKIE, and every other type: the only TTL S5 speaks of is affinity_cookie_ttl_sec.
  return { attribute: GENERATED_COOKIE_TTL, ttl: num(v[GENERATED_COOKIE_TTL]) };
}

/** Writes the affinity's fields where its type keeps them (the write side of `cookieOf`). */
function putAffinity(config: Record<string, any>, a: SessionAffinity): void {
  const cookieBlock = COOKIE_BLOCKS[a.type];
  const ttl = a.ttl?.toSeconds();
  if (cookieBlock !== undefined) {
    const cookie = {
      name: a.cookieName,
      path: a.cookiePath,
      ttl: ttl === undefined ? undefined : { seconds: ttl },
    };
    put(config, cookieBlock, cookie);
  } else if (a.type === SessionAffinityType.GENERATED_COOKIE) {
    put(config, GENERATED_COOKIE_TTL, ttl);
  }
  if (a.type === SessionAffinityType.HEADER_FIELD) put(config, HASH_HEADER, a.headerName);
  if (HASH_TYPES.includes(a.type)) put(config, HASH_RING_SIZE, a.minimumRingSize);
}

/** What a backend service's config needs beyond its spec: references known to the construct. */
export interface BackendServiceRefs {
  /** The health check's id (self link, usually a token). */
  readonly healthCheckId: string;
  readonly project?: string;
  readonly description?: string;
}

/**
 * The `google_compute_backend_service` config of a spec (everything but the backends, which
 * `renderBackend` renders). Draining is always written (the provider's hidden default, 300,
 * differs from the API's, 0); logging is written whether on or off; RING_HASH is written for
 * the hash-based affinity types when the spec sets no locality policy.
 */
export function renderBackendService(
  spec: ServiceSpec,
  refs: BackendServiceRefs,
): backendService.ComputeBackendServiceConfig {
  const config: backendService.ComputeBackendServiceConfig = {
    name: spec.name,
    project: refs.project,
    description: refs.description,
    loadBalancingScheme: spec.scheme,
    protocol: spec.protocol,
    portName: spec.portName,
    healthChecks: [refs.healthCheckId],
    sessionAffinity: spec.affinity.type,
    localityLbPolicy: effectiveLocalityPolicy(spec),
    connectionDrainingTimeoutSec: spec.draining.timeout.toSeconds(),
    timeoutSec: spec.timeout?.toSeconds(),
    logConfig: spec.logging.enabled
      ? { enable: true, sampleRate: spec.logging.sampleRate }
      : { enable: false },
  };
  putAffinity(config, spec.affinity);
  return config;
}

/** The `google_compute_region_backend_service` config: the global one, with region and network. */
export function renderRegionBackendService(
  spec: ServiceSpec,
  refs: BackendServiceRefs & { readonly region: string; readonly network?: string },
): regionBackendService.ComputeRegionBackendServiceConfig {
  return { ...renderBackendService(spec, refs), region: refs.region, network: refs.network };
}

/**
 * One `backend` block. Unset balancing mode: UTILIZATION for the HTTP family, CONNECTION
 * otherwise; unset capacity scaler: 1, except on passthrough load balancers, which take none.
 */
export function renderBackend(
  spec: Pick<ServiceSpec, 'regional' | 'scheme' | 'protocol'>,
  b: BackendOptions,
): backendService.ComputeBackendServiceBackend {
  const passthrough = isPassthrough(loadBalancerKind(spec.regional, spec.scheme, spec.protocol));
  return {
    group: b.group.instanceGroupUrl,
    description: b.description,
    balancingMode: b.balancingMode ?? defaultBalancingMode(spec.protocol),
    capacityScaler: passthrough ? b.capacityScaler : (b.capacityScaler ?? 1),
    maxUtilization: b.maxUtilization,
    maxRate: b.maxRate,
    maxRatePerInstance: b.maxRatePerInstance,
    maxConnections: b.maxConnections,
    maxConnectionsPerInstance: b.maxConnectionsPerInstance,
  };
}

/** Reads a backend-service resource; `healthCheck` is the one its `health_checks` names. */
export function readBackendService(r: TfResource, healthCheck?: HealthCheck): BackendServiceRead {
  const v = r.values;
  const scope = readBackendServiceScope(r);
  const regional = scope.regional;
  const type = str(v.session_affinity) ?? API_DECIDED;
  const cookie = cookieOf(v, type);
  const ttl = cookie.ttl;
  const draining = num(v.connection_draining_timeout_sec);
  const log = block(v.log_config);
  const logEnabled = log?.enable;
  const spec: ServiceSpec = {
    name: str(v.name) ?? r.address.split('.').pop()!,
    regional,
    scheme: scope.scheme as LoadBalancingScheme,
    protocol: scope.protocol as BackendProtocol,
    portName: scope.portName,
    affinity: SessionAffinity.fromType(type as SessionAffinityType, {
      ttl: ttl === undefined ? undefined : Duration._read(ttl as number),
      cookieName: cookie.name,
      cookiePath: cookie.path,
      headerName: str(at(v, HASH_HEADER)),
      minimumRingSize: num(at(v, HASH_RING_SIZE)),
    }),
    draining: DrainingPolicy.of(Duration._read(draining ?? PROVIDER_DEFAULT_DRAINING)),
    localityLbPolicy: str(v.locality_lb_policy) as LocalityLbPolicy | undefined,
    timeout: seconds(v.timeout_sec),
    logging: log
      ? {
          enabled: isUnknown(logEnabled) ? undefined : logEnabled === true,
          sampleRate: num(log.sample_rate),
        }
      : { enabled: false },
    healthCheck,
    healthCheckName: healthCheck?.name ?? '',
  };
  const attributes = serviceAttributes(cookie.attribute);
  const backends = ([] as any[]).concat(v.backend ?? []).map((b) => ({
    group: String(b?.group),
    balancingMode: str(b?.balancing_mode),
    capacityScaler: num(b?.capacity_scaler),
  }));
  return {
    regional,
    spec,
    attributes,
    ttlAttribute: ttl === undefined || !COOKIE_TYPES.includes(type) ? undefined : cookie.attribute,
    ttlSeconds: COOKIE_TYPES.includes(type) ? ttl : undefined,
    drainingSeconds: draining ?? PROVIDER_DEFAULT_DRAINING,
    drainingImplicit: draining === undefined,
    cookieName: cookie.name,
    cookiePath: cookie.path,
    headerName: type === SessionAffinityType.HEADER_FIELD ? str(at(v, HASH_HEADER)) : undefined,
    healthCheckRefs: ([] as unknown[])
      .concat(v.health_checks ?? [])
      .filter((x): x is string => typeof x === 'string'),
    backends,
  };
}
