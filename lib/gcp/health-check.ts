import { Duration } from '../core/duration';
import { RuleViolation, throwViolations } from '../core/errors';
import { aBoolean, aNumber, aString, checkShape, objectOf, optional } from '../core/shape';
import {
  Vocabulary,
  checkDurationSeconds,
  checkIntRange,
  inTerms,
  isUnresolved,
} from '../core/rules';
import { checkGcpName } from '../core/names';

/** True for whitespace and ASCII control characters, which a request path cannot hold. */
const isBadPathChar = (c: string): boolean =>
  /\s/.test(c) || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
/** True when the text has characters outside 7-bit ASCII. */
const hasNonAscii = (t: string): boolean => [...t].some((c) => c.charCodeAt(0) > 0x7f);

/** The probe protocol of a health check. */
export enum HealthCheckProtocol {
  HTTP = 'HTTP',
  HTTPS = 'HTTPS',
  TCP = 'TCP',
}

/** Timing and thresholds shared by every health check. */
export interface HealthCheckCommonOptions {
  /**
   * Google Cloud name of the health check.
   * @default - `<backend service name>-hc`
   */
  readonly name?: string;
  /**
   * Port to probe. Unset means the backend's serving port (`USE_SERVING_PORT`).
   * @default - the serving port (not available on passthrough Network Load Balancers)
   */
  readonly port?: number;
  /**
   * Time between probes (1..300 s).
   * @default Duration.seconds(5)
   */
  readonly interval?: Duration;
  /**
   * Time to wait for an answer (1..300 s, at most `interval`).
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;
  /**
   * Consecutive successes before a backend is healthy (1..10).
   * @default 2
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before a backend is unhealthy (1..10).
   * @default 2
   */
  readonly unhealthyThreshold?: number;
  /**
   * Log probe results (Cloud Logging, charged).
   * @default false
   */
  readonly logging?: boolean;
  /**
   * Description of the health check.
   * @default - none
   */
  readonly description?: string;
}

/** Options of an HTTP or HTTPS health check. */
export interface HttpHealthCheckOptions extends HealthCheckCommonOptions {
  /**
   * Request path (absolute path, RFC 3986; a query string is allowed on modern health checks).
   * @default '/'
   */
  readonly requestPath?: string;
  /**
   * Host header of the probe.
   * @default - the backend's IP address
   */
  readonly host?: string;
  /**
   * Expected text at the start of the response body (ASCII, first 1024 bytes).
   * @default - any 200 response
   */
  readonly response?: string;
}

/** Options of a TCP health check. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a named options type keeps jsii signatures stable
export interface TcpHealthCheckOptions extends HealthCheckCommonOptions {}

/**
 * P1: the options of every factory, at every field (JavaScript callers get no type check). A
 * Duration of the wrong type is reported by the construct that takes the health check, with
 * its path and the unit to write.
 */
const OPTIONS = objectOf(
  'options object',
  {
    name: optional(aString("'web-hc'")),
    port: optional(aNumber('443')),
    healthyThreshold: optional(aNumber('2')),
    unhealthyThreshold: optional(aNumber('2')),
    logging: optional(aBoolean('true')),
    description: optional(aString("'probe of the web tier'")),
    requestPath: optional(aString("'/health'")),
    host: optional(aString("'www.example.com'")),
    response: optional(aString("'OK'")),
  },
  "{ port: 443, requestPath: '/health' }",
);

// The resource's config is written (and read back) by lib/terraform/google/health-check.ts.
/**
 * A health check, as a value: the backend service that uses it creates it next to itself,
 * global or regional to match (a global backend service takes a global health check, a
 * regional Envoy-based one a regional health check).
 */
export class HealthCheck {
  /** An HTTPS probe. */
  public static https(options: HttpHealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckProtocol.HTTPS, options);
  }

  /** An HTTP probe. */
  public static http(options: HttpHealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckProtocol.HTTP, options);
  }

  /** A TCP connect probe. */
  public static tcp(options: TcpHealthCheckOptions = {}): HealthCheck {
    return new HealthCheck(HealthCheckProtocol.TCP, options);
  }

  /**
   * A health check read from Terraform or a plan: its values are kept as written (`"eighty"`
   * as a port) for the rules to report under the Terraform attribute, not refused as a
   * caller's wrong type.
   * @internal
   */
  public static _read(protocol: HealthCheckProtocol, options: HttpHealthCheckOptions): HealthCheck {
    return new HealthCheck(protocol, options, true);
  }

  /** The probe protocol. */
  public readonly protocol: HealthCheckProtocol;
  /** Time between probes. */
  public readonly interval: Duration;
  /** Time to wait for an answer. */
  public readonly timeout: Duration;
  /** Consecutive successes before healthy. */
  public readonly healthyThreshold: number;
  /** Consecutive failures before unhealthy. */
  public readonly unhealthyThreshold: number;
  /** Fixed probe port, or undefined for the serving port. */
  public readonly port?: number;
  /** Request path (HTTP/HTTPS). */
  public readonly requestPath?: string;
  /** Explicit name, if given. */
  public readonly name?: string;
  /** Host header of HTTP/HTTPS probes, if given. */
  public readonly host?: string;
  /** Expected response prefix of HTTP/HTTPS probes, if given. */
  public readonly response?: string;
  /** Whether probe results are logged. */
  public readonly logging: boolean;
  /** Description, if given. */
  public readonly description?: string;
  private readonly options: HttpHealthCheckOptions;

  private constructor(
    protocol: HealthCheckProtocol,
    given: HttpHealthCheckOptions,
    fromTerraform = false,
  ) {
    const options = given ?? {};
    if (!fromTerraform)
      throwViolations(
        checkShape(options, OPTIONS).map((v) => ({
          ...v,
          attribute: `healthCheck.${v.attribute}`.replace(/\.$/, ''),
        })),
      );
    this.protocol = protocol;
    this.options = options;
    this.interval = options.interval ?? Duration.seconds(5);
    this.timeout = options.timeout ?? Duration.seconds(5);
    this.healthyThreshold = options.healthyThreshold ?? 2;
    this.unhealthyThreshold = options.unhealthyThreshold ?? 2;
    this.port = options.port;
    this.name = options.name;
    this.host = options.host;
    this.response = options.response;
    this.logging = options.logging ?? false;
    this.description = options.description;
    this.requestPath =
      protocol === HealthCheckProtocol.TCP ? undefined : (options.requestPath ?? '/');
  }

  /** Rules H1–H6 and H8 (`passthrough`: the backend service is a passthrough NLB). */
  public validate(name: string, passthrough: boolean): RuleViolation[] {
    return this._validate(name, passthrough, Vocabulary.CONSTRUCT);
  }

  /**
   * `validate`, with allowed values and fixes in the caller's vocabulary (Terraform attributes
   * for the Aspect and lint).
   * @internal
   */
  public _validate(name: string, passthrough: boolean, vocabulary: Vocabulary): RuleViolation[] {
    const say = (construct: string, terraform: string, manifest?: string) =>
      inTerms(vocabulary, construct, terraform, manifest);
    const v: RuleViolation[] = [];
    const a = 'healthCheck';
    // A name derived from the service's (`<name>-hc`) is checked as part of the service name.
    if (this.name !== undefined) v.push(...checkGcpName(`${a}.name`, name));
    v.push(
      ...checkDurationSeconds(
        'H1',
        `${a}.interval`,
        this.interval,
        1,
        300,
        say(
          'use e.g. Duration.seconds(5), the default',
          'set check_interval_sec to e.g. 5, the default',
          'set checkIntervalSec to e.g. 5, the default',
        ),
      ),
    );
    v.push(
      ...checkDurationSeconds(
        'H1',
        `${a}.timeout`,
        this.timeout,
        1,
        300,
        say(
          'use e.g. Duration.seconds(5), the default',
          'set timeout_sec to e.g. 5, the default',
          'set timeoutSec to e.g. 5, the default',
        ),
      ),
    );
    if (
      this.timeout instanceof Duration &&
      this.interval instanceof Duration &&
      !this.timeout.isUnresolved() &&
      !this.interval.isUnresolved() &&
      this.timeout.toSeconds() > this.interval.toSeconds()
    ) {
      v.push({
        rule: 'H2',
        attribute: `${a}.timeout`,
        value: this.timeout.toString(),
        problem: `is longer than the interval; the API rejects it ("TimeoutSec should be less than checkIntervalSec")`,
        allowed: `at most the interval, ${this.interval.toSeconds()}s (equal is fine)`,
        fix: say(
          `lower the timeout to Duration.seconds(${this.interval.toSeconds()}) or raise the interval`,
          'lower timeout_sec to at most check_interval_sec, or raise check_interval_sec',
          'lower timeoutSec to at most checkIntervalSec, or raise checkIntervalSec',
        ),
      });
    }
    v.push(
      ...checkIntRange(
        'H3',
        `${a}.healthyThreshold`,
        this.healthyThreshold,
        1,
        10,
        'use e.g. 2, the default',
      ),
    );
    v.push(
      ...checkIntRange(
        'H3',
        `${a}.unhealthyThreshold`,
        this.unhealthyThreshold,
        1,
        10,
        'use e.g. 2, the default',
      ),
    );
    v.push(
      ...checkIntRange(
        'H6',
        `${a}.port`,
        this.port,
        1,
        65535,
        say(
          'use the TCP port the backends answer probes on, or omit it to probe the serving port',
          'set port to the TCP port the backends answer probes on, or use port_specification = "USE_SERVING_PORT"',
          'set port to the TCP port the pods answer probes on, or remove it to probe the serving port',
        ),
      ),
    );
    if (this.port === undefined && passthrough) {
      v.push({
        rule: 'H6',
        attribute: `${a}.port`,
        value: 'not set (the serving port)',
        problem:
          'is not supported by passthrough Network Load Balancers, which have no serving port',
        allowed: 'a fixed port in 1..65535',
        fix: say(
          'set the health check port, e.g. HealthCheck.tcp({ port: 4822 })',
          'set port in the health check block, e.g. tcp_health_check { port = 4822 }',
        ),
      });
    }
    const path = this.requestPath;
    if (
      path !== undefined &&
      !isUnresolved(path) &&
      (typeof path !== 'string' || !path.startsWith('/') || [...path].some(isBadPathChar))
    ) {
      v.push({
        rule: 'H5',
        attribute: `${a}.requestPath`,
        value: JSON.stringify(path),
        problem: 'is not an absolute RFC 3986 path',
        allowed:
          'a path starting with "/" with no spaces or control characters (a query string is fine)',
        fix: `use "/${String(path)
          // Stryker disable next-line Regex: equivalent without the anchor; `\/*` matches at index 0 anyway
          .replace(/^\/*/, '')
          .split('')
          .filter((c) => !isBadPathChar(c))
          .join('')}"`,
      });
    }
    const response = this.options.response;
    if (
      response !== undefined &&
      !isUnresolved(response) &&
      (hasNonAscii(response) || response.length > 1024)
    ) {
      v.push({
        rule: 'H8',
        attribute: `${a}.response`,
        value: JSON.stringify(response.slice(0, 40)),
        problem: 'is not ASCII or is longer than the 1024 bytes the probe reads',
        allowed: 'ASCII text of at most 1024 characters',
        fix: 'match a shorter ASCII prefix of the response body',
      });
    }
    return v;
  }

  /** Human summary, e.g. `HTTPS :443 /health every 5s (timeout 5s)`. */
  public toString(): string {
    const port = this.port === undefined ? 'serving port' : `:${this.port}`;
    const path = this.requestPath ? ` ${this.requestPath}` : '';
    return `${this.protocol} ${port}${path} every ${this.interval.toSeconds()}s (timeout ${this.timeout.toSeconds()}s)`;
  }
}

/**
 * H6 on Terraform: `port_specification` against `port` and `port_name`, as hashicorp/google
 * refuses them at plan (resource_compute_health_check.go `validatePortSpec`, in 6.50.0 and
 * since: USE_NAMED_PORT needs a `port_name` and no `port`; USE_SERVING_PORT takes neither).
 * The provider's CustomizeDiff checks the `http_health_check` block only (its first test is
 * always true), so the other blocks are left to the API, which this rule does not guess.
 */
export function checkPortSpecification(
  probe: Record<string, unknown> | undefined,
  at: string,
): RuleViolation[] {
  if (probe === undefined || probe === null) return [];
  const spec = probe.port_specification;
  if (spec !== 'USE_NAMED_PORT' && spec !== 'USE_SERVING_PORT') return [];
  const v: RuleViolation[] = [];
  const port = probe.port;
  const hasPort = port !== undefined && port !== null && port !== 0 && !isUnresolved(port);
  const name = probe.port_name;
  const noName = name === undefined || name === null || name === '';
  const refused = (
    attribute: string,
    value: string,
    problem: string,
    allowed: string,
    fix: string,
  ) => v.push({ rule: 'H6', attribute: `${at}.${attribute}`, value, problem, allowed, fix });
  if (hasPort)
    refused(
      'port',
      String(port),
      `is set with port_specification = "${spec}": terraform plan fails ("port cannot be specified when using port_specification ${spec}")`,
      `no port with ${spec}`,
      spec === 'USE_NAMED_PORT'
        ? 'remove port (the named port gives it), or use port_specification = "USE_FIXED_PORT"'
        : 'remove port (the serving port is probed), or use port_specification = "USE_FIXED_PORT"',
    );
  if (spec === 'USE_NAMED_PORT' && noName)
    refused(
      'port_name',
      'not set',
      'is missing with port_specification = "USE_NAMED_PORT": terraform plan fails ("Must specify port_name when using USE_NAMED_PORT as port_specification")',
      'the name of a named port of the backends\u2019 instance groups',
      'set port_name to the instance groups\u2019 named port, or use port_specification = "USE_SERVING_PORT"',
    );
  if (spec === 'USE_SERVING_PORT' && !noName && !isUnresolved(name))
    refused(
      'port_name',
      JSON.stringify(name),
      'is set with port_specification = "USE_SERVING_PORT": terraform plan fails ("port_name cannot be specified when using port_specification USE_SERVING_PORT")',
      'no port_name with USE_SERVING_PORT',
      'remove port_name (the serving port is probed), or use port_specification = "USE_NAMED_PORT"',
    );
  return v;
}
