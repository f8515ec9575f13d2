/**
 * Rules of Guacamole's web tier behind a GKE load balancer (W1-W7), plus the backend-service
 * rules it shares with `AffinityBackendService` (S1/S5/S5b through `SessionAffinity.validate`,
 * T1, T2, H1-H8): the GKE objects configure a backend service, so the same functions judge
 * them. Pure functions over a normalized spec; the construct and the Terraform checks map to it.
 */
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleFindings, RuleViolation } from '../core/errors';
import { listOf } from '../core/rules';
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
  /** The pods' preStop drain. */
  readonly podDraining: DrainingPolicy;
  readonly backendTimeout: Duration;
  readonly healthCheck: HealthCheck;
  readonly replicas: number;
}

const known = (d: Duration) => d instanceof Duration && !d.isUnresolved();

/** Every web-tier rule, and the shared backend-service rules, on one spec. */
export function validateWebTier(spec: WebTierSpec): RuleFindings {
  const errors: RuleViolation[] = [];
  const warnings: RuleViolation[] = [];
  const policy = POLICY_KIND[spec.frontend];
  const kind = FRONTEND_KIND[spec.frontend];
  const a = spec.affinity;

  // S1, S5, S5b: the affinity against the load balancer GKE creates.
  const shared = a.validate(kind, `the ${kind} GKE creates for an ${spec.frontend}`);
  errors.push(...shared.errors);
  warnings.push(...shared.warnings);
  if (!ACCEPTED[spec.frontend].includes(a.type)) {
    errors.push({
      rule: 'W1',
      attribute: 'sessionAffinity',
      value: String(a.type),
      problem: `cannot be expressed in a ${policy} (it has no field for ${a.type === SessionAffinityType.HEADER_FIELD ? 'the header name' : a.type === SessionAffinityType.HTTP_COOKIE || a.type === SessionAffinityType.STRONG_COOKIE_AFFINITY ? 'the cookie name' : 'this type'})`,
      allowed: listOf(ACCEPTED[spec.frontend]),
      fix: 'use SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }) (the load balancer issues the cookie)',
    });
  }
  const max = MAX_TTL_SECONDS[spec.frontend];
  if (a.ttl !== undefined && known(a.ttl) && a.usesCookie && a.ttl.toSeconds() > max) {
    errors.push({
      rule: 'W2',
      attribute: 'sessionAffinity.ttl',
      value: a.ttl.toString(),
      problem: `is above what a ${policy} accepts (${max}s${spec.frontend === GkeFrontend.INGRESS ? ': GKE validates affinityCookieTtlSec up to one day' : ''})`,
      allowed: `0..${max}s`,
      fix: `use at most Duration.seconds(${max})`,
    });
  }

  // T1 and T2: the load balancer's draining and backend timeout.
  const draining = checkLoadBalancerDraining(
    'loadBalancerDraining',
    spec.loadBalancerDraining,
    true,
  );
  errors.push(...draining.errors);
  warnings.push(...draining.warnings);
  const timeout = checkBackendTimeout('backendTimeout', spec.backendTimeout, kind);
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
        allowed: `a backend timeout of at least the drain (${drain}s)`,
        fix: `use backendTimeout: Duration.seconds(${Math.max(drain, MIN_TUNNEL_TIMEOUT_SECONDS)}) or more`,
      });
    } else if (t < MIN_TUNNEL_TIMEOUT_SECONDS) {
      warnings.push({
        rule: 'W3',
        attribute: 'backendTimeout',
        value: spec.backendTimeout.toString(),
        problem:
          'cuts every Guacamole tunnel (a WebSocket) after this time, active or not: users are disconnected mid-session (the GKE default is 30 s)',
        allowed: `${MIN_TUNNEL_TIMEOUT_SECONDS}s or more (the longest desktop session)`,
        fix: 'use backendTimeout: Duration.hours(8) (a working day)',
      });
    }
  }

  // H1-H8: the health check the object configures.
  errors.push(...spec.healthCheck.validate('', false));

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
      fix: 'use SessionAffinity.generatedCookie({ ttl: Duration.hours(8) })',
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
    if (lb < pod) {
      warnings.push({
        rule: 'W6',
        attribute: 'loadBalancerDraining',
        value: spec.loadBalancerDraining.timeout.toString(),
        problem: `is shorter than the pods' drain (${spec.podDraining.timeout.toString()}): the load balancer drops the tunnels after ${lb}s while the pod would keep serving them for ${pod}s`,
        allowed: `a load-balancer draining of at least the pods' drain (${Math.min(pod, 3600)}s; at most 3600s)`,
        fix: `use loadBalancerDraining: DrainingPolicy.of(Duration.seconds(${Math.min(pod, 3600)})) or shorten the pods' drain`,
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
  const carried: [string, unknown][] = [
    ['healthCheck.name', healthCheck.name],
    ['healthCheck.host', healthCheck.host],
    ['healthCheck.response', healthCheck.response],
    ['healthCheck.logging', healthCheck.logging ? true : undefined],
    ['healthCheck.description', healthCheck.description],
  ];
  for (const [attribute, value] of carried) {
    if (value === undefined) continue;
    v.push({
      rule: 'W8',
      attribute,
      value: JSON.stringify(value),
      problem: `has no field in a ${frontend === GkeFrontend.INGRESS ? 'BackendConfig' : 'HealthCheckPolicy'} (GKE names the health check of the ${policy}'s backend service itself); it would be ignored`,
      allowed: 'port, requestPath, interval, timeout and thresholds',
      fix: `remove ${attribute.split('.')[1]} from the HealthCheck`,
    });
  }
  return v;
}
