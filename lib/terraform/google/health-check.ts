/**
 * `google_compute_health_check` and `google_compute_region_health_check` (and the legacy
 * `google_compute_http(s)_health_check`, which the reviewer lists): how the provider reads
 * them, in one place for the Aspect, lint and the reviewer.
 *
 * Provider defaults (hashicorp/google 6.50.0, magic-modules HealthCheck.yaml, seen in Cloud
 * Foundation Fabric's planned values): check_interval_sec 5, timeout_sec 5, healthy_threshold 2,
 * unhealthy_threshold 2. Decided by the API when unset: the probe's `port` (80 for HTTP/TCP,
 * 443 for HTTPS, unless `port_name` or `port_specification` says otherwise).
 */
import { Duration } from '../../core/duration';
import { API_DECIDED } from '../../core/unknown';
import { HealthCheck } from '../../gcp/health-check';
import { TfResource, block } from '../resource';
import { num, seconds, str } from './values';

/** The health-check resource types. */
export const HEALTH_CHECK_TYPES = [
  'google_compute_health_check',
  'google_compute_region_health_check',
];

/** The probe blocks, in the order the provider lists them, with the protocol each one is. */
const PROBES = [
  ['https_health_check', 'HTTPS'],
  ['http_health_check', 'HTTP'],
  ['http2_health_check', 'HTTP2'],
  ['tcp_health_check', 'TCP'],
  ['ssl_health_check', 'SSL'],
  ['grpc_health_check', 'GRPC'],
  ['grpc_tls_health_check', 'GRPC_WITH_TLS'],
] as const;

/** Provider defaults of the common fields. */
export const HEALTH_CHECK_DEFAULTS = {
  check_interval_sec: 5,
  timeout_sec: 5,
  healthy_threshold: 2,
  unhealthy_threshold: 2,
};

/** Construct attribute names of the health-check rules → Terraform attribute names. */
export const HEALTH_CHECK_ATTRIBUTES: Record<string, string> = {
  'healthCheck.name': 'name',
  'healthCheck.interval': 'check_interval_sec',
  'healthCheck.timeout': 'timeout_sec',
  'healthCheck.healthyThreshold': 'healthy_threshold',
  'healthCheck.unhealthyThreshold': 'unhealthy_threshold',
  'healthCheck.port': 'port',
  'healthCheck.requestPath': 'request_path',
  'healthCheck.response': 'response',
};

/** A health check as the provider reads it. */
export interface HealthCheckRead {
  /** `HTTP`, `HTTPS`, `HTTP2`, `TCP`, `SSL`, `GRPC`, `GRPC_WITH_TLS`, or `?` (no probe block). */
  readonly protocol: string;
  /** The probe block's values. */
  readonly probe: Record<string, any>;
  /**
   * The probed port: a number, unknown (a reference, or left to the API), or undefined for the
   * serving port (`port_specification = USE_SERVING_PORT`).
   */
  readonly port: number | string | undefined;
  /** The `HealthCheck` value the rules take. */
  readonly healthCheck: HealthCheck;
  readonly intervalSeconds: number | string;
  readonly timeoutSeconds: number | string;
}

/** The probed port of a probe block, as the API will decide it. */
function portOf(probe: Record<string, any>): number | string | undefined {
  const port = num(probe.port);
  if (port !== undefined) return port;
  if (probe.port_specification === 'USE_SERVING_PORT') return undefined;
  // A named port, or nothing: the API resolves it (80 or 443 by protocol).
  return API_DECIDED;
}

/** Reads a health-check resource's values. */
export function readHealthCheck(values: Record<string, any>): HealthCheckRead {
  const found = PROBES.find(
    ([key]) => block(values[key]) !== undefined && block(values[key]) !== null,
  );
  const protocol = found ? found[1] : '?';
  const probe: Record<string, any> = (found && block(values[found[0]])) || {};
  const port = portOf(probe);
  const interval = num(values.check_interval_sec) ?? HEALTH_CHECK_DEFAULTS.check_interval_sec;
  const timeout = num(values.timeout_sec) ?? HEALTH_CHECK_DEFAULTS.timeout_sec;
  const common = {
    name: str(values.name),
    port: port as number | undefined,
    interval: seconds(interval) ?? Duration.seconds(HEALTH_CHECK_DEFAULTS.check_interval_sec),
    timeout: seconds(timeout) ?? Duration.seconds(HEALTH_CHECK_DEFAULTS.timeout_sec),
    healthyThreshold: num(values.healthy_threshold) ?? HEALTH_CHECK_DEFAULTS.healthy_threshold,
    unhealthyThreshold:
      num(values.unhealthy_threshold) ?? HEALTH_CHECK_DEFAULTS.unhealthy_threshold,
  };
  let healthCheck: HealthCheck;
  if (protocol === 'HTTP' || protocol === 'HTTPS' || protocol === 'HTTP2') {
    const options = {
      ...common,
      requestPath: str(probe.request_path) ?? '/',
      host: str(probe.host),
      response: str(probe.response),
    };
    healthCheck = protocol === 'HTTP' ? HealthCheck.http(options) : HealthCheck.https(options);
  } else {
    healthCheck = HealthCheck.tcp(common);
  }
  return {
    protocol,
    probe,
    port,
    healthCheck,
    intervalSeconds: interval,
    timeoutSeconds: timeout,
  };
}

/** Reads a health-check resource. */
export function readHealthCheckResource(r: TfResource): HealthCheckRead {
  return readHealthCheck(r.values);
}
