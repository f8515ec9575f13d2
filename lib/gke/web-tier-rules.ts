/**
 * Rules of Guacamole's web tier behind a GKE load balancer (W1-W7), plus the backend-service
 * rules it shares with `AffinityBackendService` (S1/S5/S5b through `SessionAffinity.validate`,
 * T1, T2, H1-H8): the GKE objects configure a backend service, so the same functions judge
 * them. Pure functions over a normalized spec; the construct and the Terraform checks map to it.
 */
import { isIP } from 'net';
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleFindings, RuleViolation } from '../core/errors';
import { Vocabulary, checkIntRange, inTerms, isUnresolved, listOf } from '../core/rules';
import { checkBackendTimeout, checkLoadBalancerDraining } from '../gcp/backend-service-rules';
import { HealthCheck } from '../gcp/health-check';
import { LoadBalancerKind } from '../gcp/load-balancing';
import { SessionAffinityType } from '../gcp/session-affinity';
import { SessionAffinity } from '../gcp/session-affinity';

/** How GKE builds the load balancer in front of the web tier. */
export enum GkeFrontend {
  /** An Ingress of class `gce`, configured by a `BackendConfig` (classic Application Load Balancer). */
  INGRESS = 'Ingress',
  /** A Gateway API `HTTPRoute` to a GKE Gateway, configured by a `GCPBackendPolicy` and a `HealthCheckPolicy`. */
  GATEWAY = 'Gateway',
}

/** The object that carries the backend-service settings, per frontend. */
export const POLICY_KIND: Record<GkeFrontend, string> = {
  [GkeFrontend.INGRESS]: 'BackendConfig',
  [GkeFrontend.GATEWAY]: 'GCPBackendPolicy',
};

/** The load balancer GKE creates for each frontend. */
export const FRONTEND_KIND: Record<GkeFrontend, LoadBalancerKind> = {
  [GkeFrontend.INGRESS]: LoadBalancerKind.CLASSIC_ALB,
  [GkeFrontend.GATEWAY]: LoadBalancerKind.GLOBAL_EXTERNAL_ALB,
};

/**
 * W1: affinity types each GKE object can express. BackendConfig has `affinityType` and a TTL
 * only (CLIENT_IP, GENERATED_COOKIE); GCPBackendPolicy's enum also lists HEADER_FIELD and
 * HTTP_COOKIE, but it has no field for the header or cookie name, and the CLIENT_IP_PORT_PROTO
 * family is refused by every proxy load balancer.
 */
const ACCEPTED: Record<GkeFrontend, SessionAffinityType[]> = {
  [GkeFrontend.INGRESS]: [
    SessionAffinityType.NONE,
    SessionAffinityType.CLIENT_IP,
    SessionAffinityType.GENERATED_COOKIE,
  ],
  [GkeFrontend.GATEWAY]: [
    SessionAffinityType.NONE,
    SessionAffinityType.CLIENT_IP,
    SessionAffinityType.GENERATED_COOKIE,
  ],
};

/** W2: the cookie TTL each object accepts (BackendConfig's validation stops at one day). */
export const MAX_TTL_SECONDS: Record<GkeFrontend, number> = {
  [GkeFrontend.INGRESS]: 86_400,
  [GkeFrontend.GATEWAY]: 1_209_600,
};

/** Below this a WebSocket tunnel is cut by the load balancer while a desktop session runs. */
export const MIN_TUNNEL_TIMEOUT_SECONDS = 3600;

/** The settings the web-tier rules look at (defaults applied). */
export interface WebTierSpec {
  readonly frontend: GkeFrontend;
  readonly affinity: SessionAffinity;
  /** Connection draining of the load balancer. */
  readonly loadBalancerDraining: DrainingPolicy;
  /**
   * False when `loadBalancerDraining` is the construct's default (the pods' drain, at most one
   * hour), so W6 speaks of the prop the caller wrote.
   * @default true
   */
  readonly loadBalancerDrainingGiven?: boolean;
  /** The pods' preStop drain. */
  readonly podDraining: DrainingPolicy;
  readonly backendTimeout: Duration;
  readonly healthCheck: HealthCheck;
  readonly replicas: number;
}

const known = (d: Duration) => d instanceof Duration && !d.isUnresolved();

/** Every web-tier rule, and the shared backend-service rules, on one spec. */
export function validateWebTier(
  spec: WebTierSpec,
  vocabulary = Vocabulary.CONSTRUCT,
): RuleFindings {
  const say = (construct: string, manifest: string) => inTerms(vocabulary, construct, manifest);
  const errors: RuleViolation[] = [];
  const warnings: RuleViolation[] = [];
  const policy = POLICY_KIND[spec.frontend];
  const kind = FRONTEND_KIND[spec.frontend];
  const a = spec.affinity;

  // S1, S5, S5b: the affinity against the load balancer GKE creates.
  const shared = a._validateFor(
    kind,
    `the ${kind} GKE creates for an ${spec.frontend}`,
    vocabulary,
  );
  // A type the GKE object cannot express is W1's, said once in the object's terms (S1 would add
  // a second message with a fix about load-balancing schemes, which GKE chooses).
  const inexpressible = !ACCEPTED[spec.frontend].includes(a.type);
  errors.push(...shared.errors.filter((v) => !(inexpressible && v.rule === 'S1')));
  warnings.push(...shared.warnings);
  if (inexpressible) {
    errors.push({
      rule: 'W1',
      attribute: 'sessionAffinity',
      value: String(a.type),
      problem: `cannot be expressed in a ${policy} (it has no field for ${a.type === SessionAffinityType.HEADER_FIELD ? 'the header name' : a.type === SessionAffinityType.HTTP_COOKIE || a.type === SessionAffinityType.STRONG_COOKIE_AFFINITY ? 'the cookie name' : 'this type'})`,
      allowed: listOf(ACCEPTED[spec.frontend]),
      fix: say(
        'use SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }) (the load balancer issues the cookie)',
        'set the sessionAffinity type to GENERATED_COOKIE (the load balancer issues the cookie)',
      ),
    });
  }
  const max = MAX_TTL_SECONDS[spec.frontend];
  if (a.ttl !== undefined && known(a.ttl) && a.usesCookie && a.ttl.toSeconds() > max) {
    errors.push({
      rule: 'W2',
      attribute: 'sessionAffinity.ttl',
      value: a.ttl.toString(),
      problem: `is above what a ${policy} accepts${spec.frontend === GkeFrontend.INGRESS ? ' (GKE validates affinityCookieTtlSec up to one day)' : ''}`,
      allowed: `0..${max}s`,
      fix: say(`use at most Duration.days(${max / 86_400})`, `set it to at most ${max}`),
    });
  }

  // T1 and T2: the load balancer's draining and backend timeout.
  const draining = checkLoadBalancerDraining(
    'loadBalancerDraining',
    spec.loadBalancerDraining,
    true,
    vocabulary,
  );
  errors.push(...draining.errors);
  warnings.push(...draining.warnings);
  const timeout = checkBackendTimeout('backendTimeout', spec.backendTimeout, kind, vocabulary);
  errors.push(...timeout.errors);
  warnings.push(...timeout.warnings);

  // W3: Guacamole tunnels are WebSockets; the backend timeout is their longest life.
  if (known(spec.backendTimeout) && known(spec.podDraining.timeout)) {
    const t = spec.backendTimeout.toSeconds();
    const drain = spec.podDraining.timeout.toSeconds();
    if (t < drain) {
      warnings.push({
        rule: 'W3',
        attribute: 'backendTimeout',
        value: spec.backendTimeout.toString(),
        problem: `is shorter than the pods' drain (${spec.podDraining.timeout.toString()}): the load balancer closes every tunnel at the timeout, so the drain never gets to wait for them`,
        // The fix asks for at least an hour too (the second W3 branch): allowed says the same.
        allowed:
          drain < MIN_TUNNEL_TIMEOUT_SECONDS
            ? `${MIN_TUNNEL_TIMEOUT_SECONDS}s or more: at least the drain (${drain}s) and an hour for a desktop session`
            : `${drain}s or more (the pods' drain)`,
        fix: say(
          `use backendTimeout: Duration.seconds(${Math.max(drain, MIN_TUNNEL_TIMEOUT_SECONDS)}) or more`,
          `set timeoutSec to ${Math.max(drain, MIN_TUNNEL_TIMEOUT_SECONDS)} or more`,
        ),
      });
    } else if (t < MIN_TUNNEL_TIMEOUT_SECONDS) {
      warnings.push({
        rule: 'W3',
        attribute: 'backendTimeout',
        value: spec.backendTimeout.toString(),
        problem:
          'cuts every Guacamole tunnel (a WebSocket) after this time, active or not: users are disconnected mid-session (the GKE default is 30 s)',
        allowed: `${MIN_TUNNEL_TIMEOUT_SECONDS}s or more (the longest desktop session)`,
        fix: say(
          'use backendTimeout: Duration.hours(8) (a working day)',
          'set timeoutSec to 28800 (a working day)',
        ),
      });
    }
  }

  // H1-H8: the health check the object configures.
  errors.push(...spec.healthCheck._validate('', false, vocabulary));

  // W4: CLIENT_IP behind a proxy load balancer.
  if (a.type === SessionAffinityType.CLIENT_IP) {
    warnings.push({
      rule: 'W4',
      attribute: 'sessionAffinity',
      value: 'CLIENT_IP',
      problem:
        'sticks on the client address the proxy sees: every user behind one NAT or corporate proxy lands on the same web pod, and a user whose address changes loses the session',
      allowed:
        'GENERATED_COOKIE (per browser), or CLIENT_IP when clients have stable, distinct addresses',
      fix: say(
        'use SessionAffinity.generatedCookie({ ttl: Duration.hours(8) })',
        'set the sessionAffinity type to GENERATED_COOKIE with a cookie TTL of 28800',
      ),
    });
  }

  // W5: affinity needs somewhere else to go.
  if (
    typeof spec.replicas === 'number' &&
    spec.replicas < 2 &&
    a.type !== SessionAffinityType.NONE
  ) {
    warnings.push({
      rule: 'W5',
      attribute: 'replicas',
      value: String(spec.replicas),
      problem: `makes ${a.type} affinity moot: with one web pod every request reaches it anyway, and a rollout or crash still ends every session`,
      allowed: '2 or more replicas with affinity',
      fix: 'use replicas: 2 or more (or SessionAffinity.none() for a single pod)',
    });
  }

  // W6: the load balancer keeps connections at least as long as the pod waits for them.
  if (known(spec.loadBalancerDraining.timeout) && known(spec.podDraining.timeout)) {
    const lb = spec.loadBalancerDraining.timeout.toSeconds();
    const pod = spec.podDraining.timeout.toSeconds();
    if (lb < pod && spec.loadBalancerDrainingGiven === false) {
      // The default already drains as long as a load balancer can: the pods' drain is too long.
      warnings.push({
        rule: 'W6',
        attribute: 'draining',
        value: spec.podDraining.timeout.toString(),
        problem: `is longer than a GKE load balancer can drain (loadBalancerDraining defaults to its most, ${lb}s): at a rollout it drops the tunnels after ${lb}s while the pod would keep serving them for ${pod}s`,
        allowed: `a pods' drain of at most ${lb}s behind a load balancer`,
        fix: `use draining: DrainingPolicy.of(Duration.hours(1)), or keep it knowing that tunnels still open after an hour are cut`,
      });
    } else if (lb < pod) {
      const target = Math.min(pod, 3600);
      warnings.push({
        rule: 'W6',
        attribute: 'loadBalancerDraining',
        value: spec.loadBalancerDraining.timeout.toString(),
        problem: `is shorter than the pods' drain (${spec.podDraining.timeout.toString()}): the load balancer drops the tunnels after ${lb}s while the pod would keep serving them for ${pod}s`,
        allowed:
          pod <= 3600
            ? `${pod}s or more (at most 3600s)`
            : "3600s, the most a load balancer drains, with a pods' drain of at most 3600s",
        fix:
          target > lb
            ? `use loadBalancerDraining: DrainingPolicy.of(Duration.seconds(${target}))${pod > 3600 ? " and a pods' drain of at most an hour" : " or shorten the pods' drain"}`
            : "shorten the pods' drain to at most an hour",
      });
    }
  }
  return { errors, warnings };
}

/**
 * W7: the guacd pool's NetworkPolicy admits the web pods. Their labels are the pool's
 * `webPodSelector` plus the tier's own (by construction); the namespace must be the one the
 * policy admits (the pool's, or its `webNamespace`).
 */
export function checkGuacdAdmitsWeb(
  pool: { namespace: string; webNamespace?: string },
  webNamespace: string,
): RuleViolation[] {
  const v: RuleViolation[] = [];
  const admitted = pool.webNamespace ?? pool.namespace;
  if (admitted !== webNamespace) {
    v.push({
      rule: 'W7',
      attribute: 'namespace',
      value: webNamespace,
      problem: `is not the namespace the guacd pool admits (${admitted})`,
      allowed: admitted,
      fix: `use namespace: '${admitted}', or give the pool webNamespace: '${webNamespace}'`,
    });
  }
  return v;
}

/** The frontend-specific settings a web tier was given. */
export interface FrontendSettings {
  readonly gatewayName?: string;
  readonly gatewayNamespace?: string;
  readonly staticIpName?: string;
}

/**
 * W8: each setting belongs to one frontend (a Gateway is named for GATEWAY, a static IP is an
 * Ingress annotation), and the health check holds only what BackendConfig and
 * HealthCheckPolicy carry: nothing the user set is dropped on the way to GKE.
 */
export function checkFrontendSettings(
  frontend: GkeFrontend,
  given: FrontendSettings,
  healthCheck: HealthCheck,
): RuleViolation[] {
  const v: RuleViolation[] = [];
  if (frontend === GkeFrontend.GATEWAY && given.gatewayName === undefined) {
    v.push({
      rule: 'W8',
      attribute: 'gatewayName',
      value: '(missing)',
      problem: 'is required with frontend GATEWAY: the HTTPRoute must name its Gateway',
      allowed: 'the name of a GKE Gateway (e.g. of class gke-l7-global-external-managed)',
      fix: "set gatewayName: 'external-http'",
    });
  }
  const only: [keyof FrontendSettings, GkeFrontend][] = [
    ['gatewayName', GkeFrontend.GATEWAY],
    ['gatewayNamespace', GkeFrontend.GATEWAY],
    ['staticIpName', GkeFrontend.INGRESS],
  ];
  for (const [attribute, owner] of only) {
    if (given[attribute] === undefined || frontend === owner) continue;
    v.push({
      rule: 'W8',
      attribute,
      value: String(given[attribute]),
      problem: `is set with frontend ${frontend}, which has no use for it; it would be ignored`,
      allowed: `${attribute} only with frontend ${owner}`,
      fix: `remove ${attribute}, or use frontend: GkeFrontend.${owner === GkeFrontend.GATEWAY ? 'GATEWAY' : 'INGRESS'}`,
    });
  }
  const policy = POLICY_KIND[frontend];
  // BackendConfig's HealthCheckConfig has interval, timeout, thresholds, type, port and
  // requestPath (ingress-gce pkg/apis/backendconfig/v1/types.go); HealthCheckPolicy also has
  // host, response and logConfig (networking.gke.io/v1 HealthCheckPolicy, as published in
  // @kubernetes-models/gke 4.6.2), which the tier renders. Neither has a name or description.
  const ingress = frontend === GkeFrontend.INGRESS;
  const dropped: [string, unknown][] = [
    ['healthCheck.name', healthCheck.name],
    ...(ingress
      ? ([
          ['healthCheck.host', healthCheck.host],
          ['healthCheck.response', healthCheck.response],
          ['healthCheck.logging', healthCheck.logging ? true : undefined],
        ] as [string, unknown][])
      : []),
    ['healthCheck.description', healthCheck.description],
  ];
  for (const [attribute, value] of dropped) {
    if (value === undefined) continue;
    v.push({
      rule: 'W8',
      attribute,
      value: JSON.stringify(value),
      problem: `has no field in a ${ingress ? 'BackendConfig' : 'HealthCheckPolicy'} (GKE names the health check of the ${policy}'s backend service itself); it would be ignored`,
      allowed: ingress
        ? 'port, requestPath, interval, timeout and thresholds'
        : 'port, requestPath, host, response, logging, interval, timeout and thresholds',
      fix: `remove ${attribute.split('.')[1]} from the HealthCheck`,
    });
  }
  return v;
}

/**
 * W9: the health-check types each GKE object can carry. ingress-gce's translator merges a
 * BackendConfig `healthCheck.type` of HTTP, HTTPS or HTTP2 and refuses any other
 * ("Protocol ... is not valid", pkg/translator/healthchecks.go, `merge`), so the Ingress's
 * backend is never synced. A HealthCheckPolicy takes TCP, HTTP, HTTPS, HTTP2 or GRPC.
 */
export const HEALTH_CHECK_TYPES: Record<GkeFrontend, readonly string[]> = {
  [GkeFrontend.INGRESS]: ['HTTP', 'HTTPS', 'HTTP2'],
  [GkeFrontend.GATEWAY]: ['TCP', 'HTTP', 'HTTPS', 'HTTP2', 'GRPC'],
};

/**
 * HealthCheckPolicy's schema for `host` (an RFC 1123 host name, at most 2048 characters) and
 * `requestPath` (the pattern is not anchored at its start: the path must end in `/` and
 * characters of the set), as published in the CRD (@kubernetes-models/gke 4.6.2,
 * networking.gke.io/v1 HealthCheckPolicy).
 */
const POLICY_HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const POLICY_REQUEST_PATH = /\/[A-Za-z0-9/\-._~%!?$&'()*+,;=:]*$/;
const POLICY_TEXT_MAX = 2048;

/** W9 on a health-check type given to a BackendConfig or a HealthCheckPolicy. */
export function checkHealthCheckType(
  frontend: GkeFrontend,
  type: string,
  attribute: string,
): RuleViolation[] {
  if (isUnresolved(type) || HEALTH_CHECK_TYPES[frontend].includes(type)) return [];
  const ingress = frontend === GkeFrontend.INGRESS;
  return [
    {
      rule: 'W9',
      attribute,
      value: JSON.stringify(type),
      problem: ingress
        ? 'is not a type ingress-gce can configure from a BackendConfig: its translator refuses it and the Ingress backend is never synced'
        : 'is not a HealthCheckPolicy health-check type: the API server refuses the policy',
      allowed: listOf(HEALTH_CHECK_TYPES[frontend]),
      fix: ingress
        ? "use HealthCheck.http({ port: 8080, requestPath: '/guacamole/' }) (the web application answers HTTP)"
        : 'use one of the listed types',
    },
  ];
}

/** W9: the health check of a web tier, as the GKE object of its frontend carries it. */
export function checkCarriedHealthCheck(
  frontend: GkeFrontend,
  healthCheck: HealthCheck,
): RuleViolation[] {
  const v = checkHealthCheckType(frontend, healthCheck.protocol, 'healthCheck');
  if (frontend === GkeFrontend.GATEWAY) {
    v.push(...checkPolicyProbeText(healthCheck.host, healthCheck.requestPath, 'healthCheck'));
  }
  return v;
}

/** W9: HealthCheckPolicy's patterns for `host` and `requestPath`. */
function checkPolicyProbeText(
  host: string | undefined,
  requestPath: string | undefined,
  at: string,
): RuleViolation[] {
  const v: RuleViolation[] = [];
  if (
    host !== undefined &&
    !isUnresolved(host) &&
    (typeof host !== 'string' || !POLICY_HOST.test(host) || host.length > POLICY_TEXT_MAX)
  ) {
    v.push({
      rule: 'W9',
      attribute: `${at}.host`,
      value: JSON.stringify(host),
      problem:
        'is not a host name a HealthCheckPolicy accepts (the CRD allows an RFC 1123 host name only: lower case, no port, no trailing dot)',
      allowed: `lowercase letters, digits, hyphens and dots, at most ${POLICY_TEXT_MAX} characters, e.g. desktop.example.com`,
      fix: `use ${JSON.stringify(suggestHostName(String(host)))}`,
    });
  }
  if (
    requestPath !== undefined &&
    !isUnresolved(requestPath) &&
    typeof requestPath === 'string' &&
    (!POLICY_REQUEST_PATH.test(requestPath) || requestPath.length > POLICY_TEXT_MAX)
  ) {
    v.push({
      rule: 'W9',
      attribute: `${at}.requestPath`,
      value: JSON.stringify(requestPath),
      problem:
        "does not match the request-path pattern of a HealthCheckPolicy (it must end in '/' followed by URL characters)",
      allowed: `a path whose last segment holds letters, digits and - . _ ~ % ! ? $ & ' ( ) * + , ; = :, at most ${POLICY_TEXT_MAX} characters`,
      fix: "percent-encode the other characters, e.g. '/guacamole/'",
    });
  }
  return v;
}

/** The HealthCheckPolicy `spec.default` values W9 and H1-H3 read (Terraform manifest shape). */
export interface HealthCheckPolicyValues {
  readonly checkIntervalSec?: unknown;
  readonly timeoutSec?: unknown;
  readonly healthyThreshold?: unknown;
  readonly unhealthyThreshold?: unknown;
  readonly config?: {
    readonly type?: unknown;
    readonly [probe: string]: unknown;
  };
}

/** The probe block of each HealthCheckPolicy type. */
const PROBE_FIELD: Record<string, string> = {
  TCP: 'tcpHealthCheck',
  HTTP: 'httpHealthCheck',
  HTTPS: 'httpsHealthCheck',
  HTTP2: 'http2HealthCheck',
  GRPC: 'grpcHealthCheck',
};

/**
 * W9 and H1-H3 on a HealthCheckPolicy's `spec.default`, with the CRD's defaults: interval
 * and timeout 5 s, thresholds 2, type HTTP. The CRD bounds interval and timeout to 1..300 and
 * thresholds to 1..10, refuses a timeout above the interval (so a `timeoutSec` of 6 without
 * `checkIntervalSec` is refused), and wants exactly the probe block that matches `type`.
 * For the Aspect and lint (the construct renders these values from a checked `HealthCheck`).
 */
export function checkHealthCheckPolicy(
  values: HealthCheckPolicyValues | undefined,
  at = 'manifest.spec.default',
): RuleViolation[] {
  const d = values ?? {};
  const v: RuleViolation[] = [];
  // A value Terraform decides (`${...}`, a token) is checked by the API server, not here.
  const int = (x: unknown, fallback: number) =>
    (x === undefined ? fallback : isUnresolved(x) ? undefined : x) as number;
  const interval = int(d.checkIntervalSec, 5);
  const timeout = int(d.timeoutSec, 5);
  v.push(
    ...checkIntRange('H1', `${at}.checkIntervalSec`, interval, 1, 300, 'use e.g. 5, the default'),
    ...checkIntRange('H1', `${at}.timeoutSec`, timeout, 1, 300, 'use e.g. 5, the default'),
    ...checkIntRange(
      'H3',
      `${at}.healthyThreshold`,
      int(d.healthyThreshold, 2),
      1,
      10,
      'use e.g. 2, the default',
    ),
    ...checkIntRange(
      'H3',
      `${at}.unhealthyThreshold`,
      int(d.unhealthyThreshold, 2),
      1,
      10,
      'use e.g. 2, the default',
    ),
  );
  // Only numbers are compared (`int` leaves out what Terraform decides; H1 reports the rest).
  if (typeof interval === 'number' && typeof timeout === 'number' && timeout > interval) {
    v.push({
      rule: 'H2',
      attribute: `${at}.timeoutSec`,
      value: String(timeout),
      problem: `is longer than the interval (${interval}s${d.checkIntervalSec === undefined ? ', the default' : ''}); the HealthCheckPolicy is refused ("It is invalid for timeoutSec to have greater value than checkIntervalSec")`,
      allowed: `a timeout of at most the interval (${interval}s; equal is fine)`,
      fix: `set timeoutSec to ${interval} or less, or checkIntervalSec to ${timeout} or more`,
    });
  }
  const config = d.config ?? {};
  // A type Terraform decides (also a cdktf expression object): nothing to match the blocks to.
  if (isUnresolved(config.type)) return v;
  const type = config.type === undefined ? 'HTTP' : String(config.type);
  v.push(...checkHealthCheckType(GkeFrontend.GATEWAY, type, `${at}.config.type`));
  // "Exactly one of the protocol-specific health check field must be specified, which must
  // match type field" (the CRD's description): a block of another type, or two blocks.
  const given = Object.values(PROBE_FIELD).filter((f) => config[f] !== undefined);
  const expected = PROBE_FIELD[type];
  if (expected !== undefined && given.length > 0 && (given.length !== 1 || given[0] !== expected)) {
    v.push({
      rule: 'W9',
      attribute: `${at}.config`,
      value: given.join(', '),
      problem: `does not hold exactly the probe block of type ${type}; the HealthCheckPolicy is refused`,
      allowed: `exactly ${expected} with type ${type}`,
      fix: `give config.${expected} only (or change config.type)`,
    });
  }
  const probe = (expected !== undefined ? config[expected] : undefined) as
    { host?: string; requestPath?: string } | undefined;
  const text = (x: string | undefined) => (isUnresolved(x) ? undefined : x);
  v.push(
    ...checkPolicyProbeText(
      text(probe?.host),
      text(probe?.requestPath),
      `${at}.config.${expected}`,
    ),
  );
  return v;
}

/** A numeric IP address as Kubernetes' `ParseIPSloppy` reads one (IPv4 may have leading zeros). */
function isIpAddress(host: string): boolean {
  if (isIP(host) !== 0) return true;
  const octets = host.split('.');
  return octets.length === 4 && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The host name in `text` as an RFC 1123 subdomain, for fixes: lower case, without the scheme,
 * path and port of a pasted URL, each label cut to its valid characters, at most 251
 * characters (room for a `*.`); `desktop.example.com` when nothing is left.
 */
function suggestHostName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .split('.')
    .map((label) => label.replace(/[^-a-z0-9]/g, '-').replace(/^-+|-+$/g, ''))
    .filter((label) => label.length > 0)
    .join('.')
    .slice(0, 251)
    // Stryker disable next-line Regex: equivalent; trimmed labels leave at most one [.-] after the cut
    .replace(/[.-]+$/, '');
  return name || 'desktop.example.com';
}

/**
 * W10: the host users reach, as the frontend's API validates it.
 * - Ingress (kubernetes/kubernetes pkg/apis/networking/validation/validation.go,
 *   `validateIngressRules`): a DNS-1123 subdomain of at most 253 characters, or `*.` and one;
 *   never an IP address. The API server refuses anything else.
 * - HTTPRoute (kubernetes-sigs/gateway-api apis/v1/shared_types.go, `Hostname`): the same
 *   pattern, 1..253 characters, refused otherwise by the CRD schema. The type says "IPs are
 *   not allowed", but its pattern lets an IPv4 address through: a warning.
 */
export function checkWebHost(frontend: GkeFrontend, host: string | undefined): RuleFindings {
  const errors: RuleViolation[] = [];
  const warnings: RuleViolation[] = [];
  if (host === undefined || host === '' || isUnresolved(host)) return { errors, warnings };
  const ingress = frontend === GkeFrontend.INGRESS;
  const what = ingress ? 'an Ingress rule host' : 'an HTTPRoute hostname';
  const text = String(host);
  const bare = text.startsWith('*.') ? text.slice(2) : text;
  if (typeof host !== 'string' || !SUBDOMAIN.test(bare) || text.length > 253) {
    errors.push({
      rule: 'W10',
      attribute: 'host',
      value: JSON.stringify(host),
      problem: `is not ${what} the ${ingress ? 'API server' : 'Gateway API schema'} accepts`,
      allowed:
        'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
      fix: `use host: ${JSON.stringify((text.startsWith('*.') ? '*.' : '') + suggestHostName(bare))}`,
    });
  } else if (isIpAddress(text)) {
    (ingress ? errors : warnings).push({
      rule: 'W10',
      attribute: 'host',
      value: JSON.stringify(host),
      problem: ingress
        ? 'is an IP address; the API server refuses it ("must be a DNS name, not an IP address")'
        : 'is an IP address; the Gateway API says hostnames are never IPs, so a GKE Gateway may not match it',
      allowed: 'a DNS name, e.g. desktop.example.com',
      fix: 'use the DNS name users reach, or leave host unset to serve any host',
    });
  }
  return { errors, warnings };
}
