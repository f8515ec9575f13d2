/**
 * Rules of `AffinityBackendService`: B1–B5, B8, S1–S9, T1–T3, C0–C8, C12 (docs/RULES.md).
 * Pure functions over plain values, so each rule is testable on its own and the messages
 * stay in one place.
 */
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleViolation, RuleFindings } from '../core/errors';
import {
  Vocabulary,
  checkDurationSeconds,
  checkRange,
  inTerms,
  isUnresolved,
  listOf,
} from '../core/rules';
import { checkGcpName } from '../core/names';
import { HealthCheck, HealthCheckProtocol } from './health-check';
import { IInstanceGroup } from './instance-group';
import {
  BackendProtocol,
  BalancingMode,
  GLOBAL_SCHEMES,
  LoadBalancerKind,
  LoadBalancingScheme,
  LocalityLbPolicy,
  REGIONAL_SCHEMES,
  REGIONAL_SCHEMES_FROM,
  allowedProtocols,
  isHttpFamily,
  isPassthrough,
  loadBalancerKind,
  usesLocalityPolicyForAffinity,
} from './load-balancing';
import { SessionAffinity, SessionAffinityType } from './session-affinity';
import { RuleBasis } from '../core/rule-registry';

/** The longest draining window Google Cloud accepts (T1). */
export const MAX_DRAINING_SECONDS = 3600;

/** One backend of a backend service. */
export interface BackendOptions {
  /** The instance group. */
  readonly group: IInstanceGroup;
  /**
   * How fullness is measured.
   * @default - CONNECTION for TCP/SSL/UDP/UNSPECIFIED services, UTILIZATION for HTTP-family ones
   */
  readonly balancingMode?: BalancingMode;
  /**
   * Share of the target capacity to use: 0 (drain: take no new traffic) or 0.1..1.
   * @default 1 (not emitted on passthrough NLBs, which do not accept it)
   */
  readonly capacityScaler?: number;
  /**
   * UTILIZATION target, 0..1.
   * @default - the API default (0.8)
   */
  readonly maxUtilization?: number;
  /**
   * RATE: requests per second for the whole group.
   * @default - none
   */
  readonly maxRate?: number;
  /**
   * RATE: requests per second per instance.
   * @default - none
   */
  readonly maxRatePerInstance?: number;
  /**
   * CONNECTION: concurrent connections for the whole group.
   * @default - none
   */
  readonly maxConnections?: number;
  /**
   * CONNECTION: concurrent connections per instance.
   * @default - none
   */
  readonly maxConnectionsPerInstance?: number;
  /**
   * Description of the backend.
   * @default - none
   */
  readonly description?: string;
}

/** Logging of a backend service. */
export interface BackendServiceLogging {
  /**
   * Whether requests are logged.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Share of requests logged, 0..1 (only with `enabled`).
   * @default 1
   */
  readonly sampleRate?: number;
}

/** The settings the rules look at, normalised (defaults applied). */
export interface ServiceSpec {
  readonly name: string;
  readonly regional: boolean;
  /** The scheme; unknown (token, `${...}`) when Terraform leaves it open. */
  readonly scheme: LoadBalancingScheme;
  /** The protocol; unknown when it is a token or left to the API (Terraform without `protocol`). */
  readonly protocol: BackendProtocol;
  readonly portName?: string;
  readonly affinity: SessionAffinity;
  readonly draining: DrainingPolicy;
  readonly localityLbPolicy?: LocalityLbPolicy;
  readonly timeout?: Duration;
  readonly logging: BackendServiceLogging;
  /** The health check; absent when a Terraform backend service has none (H* do not apply). */
  readonly healthCheck?: HealthCheck;
  readonly healthCheckName: string;
}

type Findings = { errors: RuleViolation[]; warnings: RuleViolation[] };

/** How a service is described in messages, e.g. `an EXTERNAL_MANAGED HTTPS backend service`. */
export function describeService(
  spec: Pick<ServiceSpec, 'scheme' | 'protocol' | 'regional'>,
): string {
  const article = /^[AEIOU]/.test(spec.scheme) ? 'an' : 'a';
  return `${article} ${spec.scheme} ${spec.protocol} ${spec.regional ? 'regional ' : ''}backend service`;
}

/** The locality policy that will be emitted: the user's, or RING_HASH for hash-based affinity. */
export function effectiveLocalityPolicy(
  spec: Pick<ServiceSpec, 'affinity' | 'localityLbPolicy'>,
): LocalityLbPolicy | undefined {
  if (spec.localityLbPolicy !== undefined) return spec.localityLbPolicy;
  return spec.affinity.needsConsistentHash ? LocalityLbPolicy.RING_HASH : undefined;
}

/**
 * T1: a load balancer's draining timeout is 0..3600 s; 0 on a proxy load balancer warns.
 * Shared by backend services and the GKE objects that configure one (BackendConfig,
 * GCPBackendPolicy).
 */
export function checkLoadBalancerDraining(
  attribute: string,
  draining: DrainingPolicy,
  proxy: boolean,
  vocabulary = Vocabulary.CONSTRUCT,
): Findings {
  const say = (construct: string, terraform: string, manifest: string) =>
    inTerms(vocabulary, construct, terraform, manifest);
  const f: Findings = { errors: [], warnings: [] };
  f.errors.push(
    ...checkDurationSeconds(
      'T1',
      attribute,
      draining.timeout,
      0,
      MAX_DRAINING_SECONDS,
      say(
        'use at most DrainingPolicy.of(Duration.hours(1)), the most Google Cloud drains',
        'set connection_draining_timeout_sec to at most 3600, the most Google Cloud drains',
        'set connectionDraining.drainingTimeoutSec to at most 3600, the most Google Cloud drains',
      ),
    ),
  );
  if (draining.isDisabled && proxy) {
    f.warnings.push({
      rule: 'T1',
      attribute,
      value: '0s',
      problem:
        'disables connection draining: removing or replacing a backend cuts its in-flight requests and open sessions',
      allowed:
        'a drain as long as the longest request or session the load balancer must finish (at most 3600 s)',
      fix: say(
        'use DrainingPolicy.of(Duration.seconds(60)) or longer, or keep 0 if cutting connections is intended',
        'set connection_draining_timeout_sec to 60 or more, or keep 0 if cutting connections is intended',
        'set connectionDraining.drainingTimeoutSec to 60 or more, or keep 0 if cutting connections is intended',
      ),
    });
  }
  return f;
}

/** T2: a backend timeout of at least 1 s; ignored by passthrough load balancers; above a day warns. */
export function checkBackendTimeout(
  attribute: string,
  timeout: Duration,
  kind: LoadBalancerKind | undefined,
  vocabulary = Vocabulary.CONSTRUCT,
): Findings {
  const say = (construct: string, terraform: string) => inTerms(vocabulary, construct, terraform);
  const field = inTerms(vocabulary, attribute, 'timeout_sec', 'timeoutSec');
  const f: Findings = { errors: [], warnings: [] };
  f.errors.push(
    ...checkDurationSeconds(
      'T2',
      attribute,
      timeout,
      1,
      2_147_483_647,
      say(
        'use Duration.seconds(1) or more (30 s is the API default)',
        `set ${field} to 1 or more, or remove it for the API default of 30`,
      ),
    ),
  );
  if (kind === undefined) return f;
  if (isPassthrough(kind)) {
    f.warnings.push({
      rule: 'T2',
      attribute,
      value: timeout.toString(),
      problem: `is ignored by ${kind}s`,
      allowed: 'no timeout on passthrough load balancers',
      fix: `remove ${field}`,
    });
  } else if (
    !timeout.isUnresolved() &&
    timeout.toSeconds() > 86_400 &&
    kind !== LoadBalancerKind.TRAFFIC_DIRECTOR
  ) {
    f.warnings.push({
      rule: 'T2',
      attribute,
      value: timeout.toString(),
      problem:
        'is above one day; Google Front Ends restart periodically, so longer connections are cut anyway',
      allowed: 'at most one day (86400 s)',
      fix: say(
        'use Duration.days(1) or less and let clients reconnect',
        `set ${field} to 86400 or less and let clients reconnect`,
      ),
    });
  }
  return f;
}

/**
 * B2's fix: the protocol in the right case, or the protocols this scheme takes and the schemes
 * (of this scope) that take the protocol given, so the reader can change either.
 */
function protocolFix(
  spec: { regional: boolean; scheme: LoadBalancingScheme; protocol: BackendProtocol },
  protocols: readonly BackendProtocol[],
  schemes: readonly LoadBalancingScheme[],
  say: (construct: string, terraform: string) => string,
): string {
  const cased = protocols.find((p) => p === String(spec.protocol).toUpperCase());
  if (cased)
    return say(
      `use BackendProtocol.${cased} (the values are upper case)`,
      `set protocol = "${cased}" (the values are upper case)`,
    );
  const given = String(spec.protocol).toUpperCase() as BackendProtocol;
  const takers = schemes.filter((s) => allowedProtocols(spec.regional, s).includes(given));
  const rest = `use a protocol ${spec.scheme} accepts`;
  if (takers.length === 0) {
    // UDP and friends: only the other scope's schemes take them.
    const other = spec.regional ? GLOBAL_SCHEMES : REGIONAL_SCHEMES;
    const there = other.filter((s) => allowedProtocols(!spec.regional, s).includes(given));
    if (there.length === 0) return rest;
    const schemesText = there.map((t) => `LoadBalancingScheme.${t}`).join(' or ');
    const tfSchemes = there.map((t) => `"${t}"`).join(' or ');
    return `${say(
      spec.regional
        ? `for ${given} remove region and use loadBalancingScheme: ${schemesText}`
        : `for ${given} set region and use loadBalancingScheme: ${schemesText}`,
      spec.regional
        ? `for ${given} use a google_compute_backend_service with load_balancing_scheme = ${tfSchemes}`
        : `for ${given} use a google_compute_region_backend_service with load_balancing_scheme = ${tfSchemes}`,
    )}; otherwise ${rest}`;
  }
  return `${say(
    `for ${given} use loadBalancingScheme: ${takers.map((t) => `LoadBalancingScheme.${t}`).join(' or ')}`,
    `for ${given} set load_balancing_scheme = ${takers.map((t) => `"${t}"`).join(' or ')}`,
  )}; otherwise ${rest}`;
}
/** Rules that depend only on the service's own settings (checked in the constructor). */
export function validateService(spec: ServiceSpec, vocabulary = Vocabulary.CONSTRUCT): Findings {
  const say = (construct: string, terraform: string) => inTerms(vocabulary, construct, terraform);
  const f: Findings = { errors: [], warnings: [] };
  f.errors.push(
    ...checkGcpName(
      'name',
      spec.name,
      spec.healthCheck && spec.healthCheck.name === undefined ? '-hc' : '',
    ),
  );

  // B1: scheme must be in the resource's enum. An unknown scheme or protocol (a token, or
  // Terraform that leaves the protocol to the API) skips every rule that needs the load
  // balancer's kind; the others still run.
  const schemes = spec.regional ? REGIONAL_SCHEMES : GLOBAL_SCHEMES;
  const schemeKnown = !isUnresolved(spec.scheme);
  if (schemeKnown && !schemes.includes(spec.scheme)) {
    // A value in the wrong case (`external_managed`, from JavaScript or Terraform) is one of the
    // enum's: say which, since the API compares exactly.
    const cased = schemes.find((s) => s === String(spec.scheme).toUpperCase());
    // A scheme a later provider accepts: refused here, and on Terraform that pins no such version.
    const acceptedFrom = spec.regional ? REGIONAL_SCHEMES_FROM.get(spec.scheme) : undefined;
    f.errors.push({
      rule: 'B1',
      attribute: 'loadBalancingScheme',
      value: String(spec.scheme),
      problem:
        acceptedFrom === undefined
          ? `is not accepted by a ${spec.regional ? 'regional' : 'global'} backend service`
          : `is not accepted by a regional backend service in hashicorp/google 6.50.0, the provider this package pins (accepted from ${acceptedFrom}; terraform plan fails on earlier versions)`,
      allowed: listOf(schemes),
      fix: cased
        ? say(
            `use LoadBalancingScheme.${cased} (the values are upper case)`,
            `set load_balancing_scheme = "${cased}" (the values are upper case)`,
          )
        : spec.scheme === LoadBalancingScheme.INTERNAL
          ? say(
              'set `region` to make a regional backend service (INTERNAL is regional only)',
              'use a google_compute_region_backend_service (INTERNAL is regional only)',
            )
          : spec.scheme === LoadBalancingScheme.INTERNAL_SELF_MANAGED
            ? say(
                'remove `region`: INTERNAL_SELF_MANAGED is global only',
                `use a google_compute_backend_service (INTERNAL_SELF_MANAGED is global only before hashicorp/google ${acceptedFrom}), or require hashicorp/google >= ${acceptedFrom} in required_providers`,
              )
            : 'choose the scheme of the load balancer this service serves',
      ...(acceptedFrom === undefined ? {} : { acceptedFrom }),
    });
    return f;
  }
  // B2: protocol per scheme.
  const protocols = schemeKnown ? allowedProtocols(spec.regional, spec.scheme) : [];
  const known = schemeKnown && !isUnresolved(spec.protocol);
  if (known && !protocols.includes(spec.protocol)) {
    f.errors.push({
      rule: 'B2',
      attribute: 'protocol',
      value: String(spec.protocol),
      problem: `is not accepted with scheme ${spec.scheme} on a ${spec.regional ? 'regional' : 'global'} backend service`,
      allowed: listOf(protocols),
      fix: protocolFix(spec, protocols, schemes, say),
      // The API creates a regional EXTERNAL service with an HTTP-family protocol (the
      // provider's acceptance test region_backend_service_external_iap applies one), but no
      // load balancer can use it: risky on plain Terraform, refused by the constructs.
      ...(spec.regional &&
      spec.scheme === LoadBalancingScheme.EXTERNAL &&
      isHttpFamily(spec.protocol)
        ? { basis: RuleBasis.RISKY }
        : {}),
    });
    return f;
  }
  const kind = known ? loadBalancerKind(spec.regional, spec.scheme, spec.protocol) : undefined;
  const passthrough = kind !== undefined && isPassthrough(kind);

  // B5: INTERNAL takes no port name.
  if (spec.scheme === LoadBalancingScheme.INTERNAL && spec.portName !== undefined) {
    f.errors.push({
      rule: 'B5',
      attribute: 'portName',
      value: `"${spec.portName}"`,
      problem: 'is set on an INTERNAL (passthrough) backend service, which must not have one',
      allowed: 'no portName with INTERNAL',
      fix: 'remove portName; passthrough load balancers forward to the packet destination port',
    });
  }
  if (spec.portName !== undefined) f.errors.push(...checkGcpName('portName', spec.portName));

  // S1–S5, S8 on the affinity itself.
  const a = spec.affinity._validateFor(kind, describeService(spec), vocabulary);
  f.errors.push(...a.errors);
  f.warnings.push(...a.warnings);
  if (kind !== undefined) f.errors.push(...validateLocality(spec, kind, vocabulary));

  // T1: draining.
  const draining = checkLoadBalancerDraining(
    'draining.timeout',
    spec.draining,
    kind !== undefined && !passthrough,
    vocabulary,
  );
  f.errors.push(...draining.errors);
  f.warnings.push(...draining.warnings);

  if (spec.draining.kubernetesOptionsGiven) {
    f.warnings.push({
      rule: 'T1',
      attribute: 'draining',
      value: `pollInterval ${spec.draining.pollInterval.toString()}, shutdownMargin ${spec.draining.shutdownMargin.toString()}`,
      problem:
        'has Kubernetes-only options, which a Google Cloud backend service does not use (it only has the timeout)',
      allowed: 'DrainingPolicy.of(timeout) on Google Cloud',
      fix: 'use DrainingPolicy.of(Duration.seconds(...)) here, and keep the options for GuacdStatefulPool',
    });
  }

  // T2: backend timeout.
  if (spec.timeout !== undefined) {
    const timeout = checkBackendTimeout('timeout', spec.timeout, kind, vocabulary);
    f.errors.push(...timeout.errors);
    f.warnings.push(...timeout.warnings);
  }

  // T3: logging.
  const log = spec.logging;
  f.errors.push(
    ...checkRange(
      'T3',
      'logging.sampleRate',
      log.sampleRate,
      0,
      1,
      'use the fraction of requests to log (1 logs every request)',
    ),
  );
  if (log.enabled === false && log.sampleRate !== undefined) {
    f.warnings.push({
      rule: 'T3',
      attribute: 'logging.sampleRate',
      value: String(log.sampleRate),
      problem: 'is set while logging is disabled, so it has no effect',
      allowed: say('sampleRate only with enabled: true', 'sample_rate only with enable = true'),
      fix: say('remove sampleRate or enable logging', 'remove sample_rate or set enable = true'),
    });
  }

  // H1–H8 on the health check.
  if (spec.healthCheck)
    f.errors.push(...spec.healthCheck._validate(spec.healthCheckName, passthrough, vocabulary));
  return f;
}

/** S2, S3, S6, S7: `locality_lb_policy` against the affinity and the scheme. */
function validateLocality(
  spec: ServiceSpec,
  kind: LoadBalancerKind,
  vocabulary: Vocabulary,
): RuleViolation[] {
  const say = (construct: string, terraform: string) => inTerms(vocabulary, construct, terraform);
  const v: RuleViolation[] = [];
  const policy = spec.localityLbPolicy;
  const hashPolicies = [LocalityLbPolicy.RING_HASH, LocalityLbPolicy.MAGLEV];
  if (spec.affinity.needsConsistentHash && policy !== undefined && !hashPolicies.includes(policy)) {
    v.push({
      rule: spec.affinity.type === SessionAffinityType.HEADER_FIELD ? 'S2' : 'S3',
      attribute: 'localityLbPolicy',
      value: policy,
      problem: `cannot carry ${spec.affinity.type} affinity, which hashes on a key`,
      allowed: 'RING_HASH or MAGLEV (RING_HASH when unset)',
      fix: say(
        'remove localityLbPolicy (RING_HASH is used) or set LocalityLbPolicy.MAGLEV',
        'set locality_lb_policy = "RING_HASH" or "MAGLEV"',
      ),
    });
  }
  const affinityFree = [SessionAffinityType.NONE, SessionAffinityType.STRONG_COOKIE_AFFINITY];
  const keeps = [
    LocalityLbPolicy.RING_HASH,
    LocalityLbPolicy.MAGLEV,
    LocalityLbPolicy.WEIGHTED_MAGLEV,
  ];
  if (
    policy !== undefined &&
    !isUnresolved(spec.affinity.type) &&
    !spec.affinity.needsConsistentHash &&
    !affinityFree.includes(spec.affinity.type) &&
    usesLocalityPolicyForAffinity(spec.scheme) &&
    !keeps.includes(policy)
  ) {
    v.push({
      rule: 'S6',
      attribute: 'localityLbPolicy',
      value: policy,
      problem: `makes ${spec.affinity.type} session affinity silently ineffective (the API only keeps affinity with hash-based policies)`,
      allowed: 'MAGLEV, WEIGHTED_MAGLEV or RING_HASH, or unset (MAGLEV is then used)',
      fix: say(
        'remove localityLbPolicy, or choose SessionAffinity.none() if you want this policy',
        'remove locality_lb_policy, or set session_affinity = "NONE" if you want this policy',
      ),
    });
  }
  const globalExternal = !spec.regional && spec.scheme === LoadBalancingScheme.EXTERNAL;
  if (policy !== undefined && globalExternal) {
    v.push({
      rule: 'S7',
      attribute: 'localityLbPolicy',
      value: policy,
      problem: `is not supported by the classic load balancers (global EXTERNAL, here ${kind})`,
      allowed: say(
        'no localityLbPolicy with global EXTERNAL',
        'no locality_lb_policy with global EXTERNAL',
      ),
      fix: say(
        'remove it, or move to LoadBalancingScheme.EXTERNAL_MANAGED',
        'remove it, or move to load_balancing_scheme = "EXTERNAL_MANAGED"',
      ),
    });
  }
  if (policy !== undefined && kind === LoadBalancerKind.INTERNAL_PASSTHROUGH_NLB) {
    v.push({
      rule: 'S7',
      attribute: 'localityLbPolicy',
      value: policy,
      problem:
        'is not used by an internal passthrough Network Load Balancer (INTERNAL), which picks backends by its own connection hash',
      allowed: say('no localityLbPolicy with INTERNAL', 'no locality_lb_policy with INTERNAL'),
      fix: say(
        'remove localityLbPolicy; use sessionAffinity (e.g. SessionAffinity.clientIp()) to keep clients on a backend',
        'remove locality_lb_policy; use session_affinity (e.g. CLIENT_IP) to keep clients on a backend',
      ),
    });
  }
  if (
    policy !== undefined &&
    kind === LoadBalancerKind.EXTERNAL_PASSTHROUGH_NLB &&
    policy !== LocalityLbPolicy.MAGLEV &&
    policy !== LocalityLbPolicy.WEIGHTED_MAGLEV
  ) {
    v.push({
      rule: 'S7',
      attribute: 'localityLbPolicy',
      value: policy,
      problem: 'is not accepted by a regional EXTERNAL (passthrough) backend service',
      allowed: 'MAGLEV, WEIGHTED_MAGLEV',
      fix: say('use LocalityLbPolicy.MAGLEV or remove it', 'set it to "MAGLEV" or remove it'),
    });
  }
  if (
    policy === LocalityLbPolicy.WEIGHTED_MAGLEV &&
    kind !== LoadBalancerKind.EXTERNAL_PASSTHROUGH_NLB &&
    !globalExternal
  ) {
    v.push({
      rule: 'S7',
      attribute: 'localityLbPolicy',
      value: policy,
      problem: `is only supported by external passthrough Network Load Balancers (regional EXTERNAL), not by ${describeService(spec)} (${kind})`,
      allowed:
        kind === LoadBalancerKind.INTERNAL_PASSTHROUGH_NLB
          ? say('no localityLbPolicy with INTERNAL', 'no locality_lb_policy with INTERNAL')
          : 'MAGLEV or RING_HASH to keep affinity, or a policy without affinity such as ROUND_ROBIN',
      fix: say(
        'use LocalityLbPolicy.MAGLEV, or move the service to a regional EXTERNAL passthrough load balancer',
        'set it to "MAGLEV", or move the service to a regional EXTERNAL passthrough load balancer',
      ),
    });
  }
  if (
    policy === LocalityLbPolicy.WEIGHTED_MAGLEV &&
    kind === LoadBalancerKind.EXTERNAL_PASSTHROUGH_NLB &&
    spec.healthCheck?.protocol === HealthCheckProtocol.TCP
  ) {
    v.push({
      rule: 'S7',
      attribute: 'healthCheck',
      value: spec.healthCheck.protocol,
      problem:
        'cannot report instance weights: WEIGHTED_MAGLEV reads them from the X-Load-Balancing-Endpoint-Weight header of an HTTP-family health check',
      allowed: 'an HTTP or HTTPS health check with WEIGHTED_MAGLEV',
      fix: say(
        'use HealthCheck.http({ port: ..., requestPath: ... }) answering with the weight header, or LocalityLbPolicy.MAGLEV',
        'use an http_health_check or https_health_check answering with the weight header, or locality_lb_policy = "MAGLEV"',
      ),
    });
  }
  if (
    policy === LocalityLbPolicy.MAGLEV &&
    spec.affinity.needsConsistentHash &&
    spec.affinity.minimumRingSize !== undefined
  ) {
    v.push({
      rule: 'S8',
      attribute: 'sessionAffinity.minimumRingSize',
      value: String(spec.affinity.minimumRingSize),
      problem: 'is only used by RING_HASH, not MAGLEV',
      allowed: say('minimumRingSize with RING_HASH', 'minimum_ring_size with RING_HASH'),
      fix: say(
        'remove minimumRingSize or use RING_HASH',
        'remove minimum_ring_size or use RING_HASH',
      ),
    });
  }
  return v;
}

/** The balancing mode a backend gets when none is given. */
export function defaultBalancingMode(protocol: BackendProtocol): BalancingMode {
  return isHttpFamily(protocol) ? BalancingMode.UTILIZATION : BalancingMode.CONNECTION;
}

/** Rules on the backends (C1–C8, C12, B5, S9), run at synth because backends can be added later. */
export function validateBackends(
  spec: ServiceSpec,
  backends: readonly BackendOptions[],
): RuleFindings {
  const f: Findings = { errors: [], warnings: [] };
  const schemes = spec.regional ? REGIONAL_SCHEMES : GLOBAL_SCHEMES;
  if (
    !schemes.includes(spec.scheme) ||
    !allowedProtocols(spec.regional, spec.scheme).includes(spec.protocol)
  ) {
    return f; // reported by validateService
  }
  const kind = loadBalancerKind(spec.regional, spec.scheme, spec.protocol);
  const passthrough = isPassthrough(kind);
  const seen = new Set<string>();

  const checkBackend = (b: BackendOptions, i: number): void => {
    const at = `backends[${i}]`;
    f.errors.push(...checkCaps(at, b));
    const mode = b.balancingMode ?? defaultBalancingMode(spec.protocol);

    if (seen.has(b.group.instanceGroupUrl)) {
      f.errors.push({
        rule: 'C0',
        attribute: `${at}.group`,
        value: b.group.groupName,
        problem: 'is a backend twice; the API rejects duplicate backends',
        allowed: 'each instance group once per backend service',
        fix: 'remove the duplicate backend',
      });
    }
    seen.add(b.group.instanceGroupUrl);

    // C1 enum.
    if (!Object.values(BalancingMode).includes(mode)) {
      f.errors.push({
        rule: 'C1',
        attribute: `${at}.balancingMode`,
        value: String(mode),
        problem: 'is not a balancing mode of provider 6.50',
        allowed: listOf(Object.values(BalancingMode)),
        fix: 'use BalancingMode.RATE for HTTP services, CONNECTION for TCP/SSL/UDP',
      });
      return;
    }
    f.errors.push(...validateBalancing(spec, kind, at, mode, b));

    // C7 / C8 capacity scaler.
    if (b.capacityScaler !== undefined && !isUnresolved(b.capacityScaler)) {
      if (passthrough) {
        f.errors.push({
          rule: 'C8',
          attribute: `${at}.capacityScaler`,
          value: String(b.capacityScaler),
          problem: `cannot be set on ${kind} backends ("cannot be set for non-managed backend service")`,
          allowed: 'no capacityScaler on INTERNAL or regional EXTERNAL backend services',
          fix: 'remove capacityScaler',
        });
      } else if (!(b.capacityScaler === 0 || (b.capacityScaler >= 0.1 && b.capacityScaler <= 1))) {
        f.errors.push({
          rule: 'C7',
          attribute: `${at}.capacityScaler`,
          value: String(b.capacityScaler),
          problem: Number.isFinite(b.capacityScaler)
            ? 'is rejected by the API'
            : 'is not a finite number',
          allowed: '0 (drain: no new traffic) or 0.1..1',
          fix:
            // Stryker disable next-line EqualityOperator: equivalent; 0 and 0.1 are valid and never reach here
            b.capacityScaler > 0 && b.capacityScaler < 0.1
              ? 'use 0.1 or 0'
              : 'use a value in 0.1..1 (1 = full capacity), or 0 to drain the backend',
        });
      }
    }

    // B5: port name must be a named port of the group.
    if (
      spec.portName !== undefined &&
      !isUnresolved(spec.portName) &&
      b.group.knowsNamedPorts &&
      !b.group.namedPorts.some((p) => p.name === spec.portName)
    ) {
      f.errors.push({
        rule: 'B5',
        attribute: `portName`,
        value: `"${spec.portName}"`,
        problem: `is not a named port of ${b.group.groupName} (named ports: ${b.group.namedPorts.map((p) => `${p.name}:${p.port}`).join(', ') || 'none'}); the load balancer cannot reach the backend`,
        allowed:
          b.group.namedPorts.map((p) => `"${p.name}"`).join(', ') ||
          'a named port of every backend group',
        fix: `add { name: '${spec.portName}', port: ... } to the group's namedPorts, or set portName to one of them`,
      });
    }

    // C12: a backend with no capacity serves errors.
    const scaler = b.capacityScaler ?? 1;
    if (b.group.maxInstances === 0 && scaler !== 0) {
      f.warnings.push({
        rule: 'C12',
        attribute: `${at}.group`,
        value: b.group.groupName,
        problem:
          'has 0 instances and no autoscaler, so no capacity: the load balancer counts it as a backend but it can serve nothing, and a region with only this backend returns errors',
        allowed:
          'a group with at least one instance (or an autoscaler with maxReplicas >= 1), or capacityScaler 0 for a parked backend',
        fix: 'give the group targetSize >= 1 or autoscaling { minReplicas: 1, ... }, or set capacityScaler: 0 until it has instances',
      });
    }
  };
  backends.forEach((b, i) => {
    // Which group a backend's finding is about goes in the problem, not in the attribute path.
    const errors = f.errors.length;
    const warnings = f.warnings.length;
    checkBackend(b, i);
    f.errors.push(...onGroup(b.group.groupName, f.errors.splice(errors)));
    f.warnings.push(...onGroup(b.group.groupName, f.warnings.splice(warnings)));
  });

  // C7 / C8: total capacity.
  if (!passthrough && backends.length > 0) {
    const scalers = backends.map((b) => b.capacityScaler ?? 1);
    if (scalers.every((s) => s === 0)) {
      f.errors.push({
        rule: backends.length === 1 ? 'C7' : 'C8',
        attribute: 'backends[*].capacityScaler',
        value: scalers.join(', '),
        problem:
          backends.length === 1
            ? 'is 0 on the only backend; the API rejects it'
            : 'is 0 on every backend: the service can take no traffic (and a regional EXTERNAL_MANAGED service is rejected)',
        allowed: 'at least one backend with capacityScaler > 0',
        fix: 'raise capacityScaler on at least one backend',
      });
    }
  }

  // S9: affinity with UTILIZATION.
  const utilization = backends.filter(
    (b) => (b.balancingMode ?? defaultBalancingMode(spec.protocol)) === BalancingMode.UTILIZATION,
  );
  if (spec.affinity.type !== SessionAffinityType.NONE && utilization.length > 0) {
    f.warnings.push({
      rule: 'S9',
      attribute: 'backends[*].balancingMode',
      value: `UTILIZATION (${utilization.map((b) => b.group.groupName).join(', ')})`,
      problem: `can override ${spec.affinity.type} affinity: when a backend passes its utilization target, sticky clients are sent elsewhere`,
      allowed: 'RATE (HTTP) or CONNECTION (TCP/SSL) with session affinity',
      fix: 'use balancingMode: BalancingMode.RATE with maxRatePerInstance, and scale on CPU with the group autoscaler',
    });
  }
  return f;
}

/** `on group <name> <problem>` for a backend's findings, except those about its group itself. */
function onGroup(group: string, list: RuleViolation[]): RuleViolation[] {
  return list.map((v) =>
    v.attribute.startsWith('backends[') && !v.attribute.endsWith('.group')
      ? { ...v, problem: `on group ${group} ${v.problem}` }
      : v,
  );
}

/** C2–C4: every target given is a finite number of 0 or more, whatever the mode. */
function checkCaps(at: string, b: BackendOptions): RuleViolation[] {
  const max = Number.MAX_SAFE_INTEGER;
  return [
    ...checkRange(
      'C2',
      `${at}.maxUtilization`,
      b.maxUtilization,
      0,
      1,
      'use a fraction in 0..1, e.g. 0.8',
    ),
    ...(['maxRate', 'maxRatePerInstance'] as const).flatMap((k) =>
      checkRange('C3', `${at}.${k}`, b[k], 0, max, 'use requests per second, e.g. 100'),
    ),
    ...(['maxConnections', 'maxConnectionsPerInstance'] as const).flatMap((k) =>
      checkRange('C4', `${at}.${k}`, b[k], 0, max, 'use a number of connections, e.g. 1000'),
    ),
  ];
}

/** C2–C6: fields per balancing mode. */
function validateBalancing(
  spec: ServiceSpec,
  kind: LoadBalancerKind,
  at: string,
  mode: BalancingMode,
  b: BackendOptions,
): RuleViolation[] {
  const v: RuleViolation[] = [];
  const set = (k: keyof BackendOptions) => b[k] !== undefined;
  const forbid = (rule: string, fields: (keyof BackendOptions)[], why: string, fix: string) => {
    for (const k of fields) {
      if (set(k)) {
        v.push({
          rule,
          attribute: `${at}.${k}`,
          value: String(b[k]),
          problem: why,
          allowed: `no ${k} with ${mode}`,
          fix,
        });
      }
    }
  };
  const passthrough = isPassthrough(kind);
  if (passthrough && mode !== BalancingMode.CONNECTION) {
    v.push({
      rule: 'C4',
      attribute: `${at}.balancingMode`,
      value: mode,
      problem: `is not accepted by ${kind}s`,
      allowed: 'CONNECTION',
      fix: 'use BalancingMode.CONNECTION (or leave it unset)',
    });
    return v;
  }
  switch (mode) {
    case BalancingMode.UTILIZATION:
      break; // maxUtilization (checkCaps) and any rate or connection cap may be combined
    case BalancingMode.RATE: {
      if (!isHttpFamily(spec.protocol)) {
        v.push({
          rule: 'C3',
          attribute: `${at}.balancingMode`,
          value: 'RATE',
          problem: `needs an HTTP-family protocol, not ${spec.protocol}`,
          allowed: 'RATE with HTTP, HTTPS, HTTP2, H2C or GRPC',
          fix: 'use BalancingMode.CONNECTION',
        });
        break;
      }
      const rates = (['maxRate', 'maxRatePerInstance'] as const).filter(set);
      if (rates.length !== 1) {
        v.push({
          rule: 'C3',
          attribute: `${at}.${rates[0] ?? 'maxRatePerInstance'}`,
          value: rates.length === 0 ? 'not set' : String(b[rates[0]]),
          problem:
            rates.length === 0
              ? 'leaves RATE without a rate target (neither maxRate nor maxRatePerInstance is set)'
              : 'is set together with maxRatePerInstance; RATE takes exactly one rate target',
          allowed: 'exactly one of maxRate, maxRatePerInstance',
          fix:
            rates.length === 0
              ? 'set maxRatePerInstance (requests per second one instance can serve)'
              : 'remove maxRate, or remove maxRatePerInstance',
        });
      }
      forbid(
        'C3',
        ['maxUtilization', 'maxConnections', 'maxConnectionsPerInstance'],
        'is not used with RATE (the API ignores it today and will reject it)',
        'remove it',
      );
      if (set('maxRate') && b.group.autoscalesOnLoadBalancing) {
        v.push({
          rule: 'C6',
          attribute: `${at}.maxRate`,
          value: String(b.maxRate),
          problem: 'is a group-wide rate, and the group autoscales on load-balancing utilization',
          allowed: 'maxRatePerInstance with load-balancing autoscaling',
          fix: 'use maxRatePerInstance',
        });
      }
      break;
    }
    case BalancingMode.CONNECTION: {
      if (isHttpFamily(spec.protocol)) {
        v.push({
          rule: 'C4',
          attribute: `${at}.balancingMode`,
          value: 'CONNECTION',
          problem: `is not accepted with ${spec.protocol} backend services`,
          allowed: 'CONNECTION with TCP, SSL, UDP or UNSPECIFIED',
          fix: 'use BalancingMode.RATE with maxRatePerInstance',
        });
        break;
      }
      forbid(
        'C4',
        ['maxUtilization', 'maxRate', 'maxRatePerInstance'],
        'is not used with CONNECTION',
        'remove it',
      );
      const conns = (['maxConnections', 'maxConnectionsPerInstance'] as const).filter(set);
      if (passthrough && conns.length > 0) {
        forbid(
          'C8',
          [...conns],
          `cannot be set on ${kind} backends`,
          'remove it: passthrough load balancers do not cap connections',
        );
      } else if (!passthrough && conns.length !== 1) {
        v.push({
          rule: 'C4',
          attribute: `${at}.${conns[0] ?? 'maxConnectionsPerInstance'}`,
          value: conns.length === 0 ? 'not set' : String(b[conns[0]]),
          problem:
            conns.length === 0
              ? 'leaves CONNECTION on a proxy load balancer without a connection target (neither maxConnections nor maxConnectionsPerInstance is set)'
              : 'is set together with maxConnectionsPerInstance; CONNECTION takes exactly one connection target',
          allowed: 'exactly one of maxConnections, maxConnectionsPerInstance',
          fix:
            conns.length === 0
              ? 'set maxConnectionsPerInstance'
              : 'remove maxConnections, or remove maxConnectionsPerInstance',
        });
      }
      break;
    }
  }
  return v;
}

/** A backend service using an instance group, and with which balancing mode. */
export interface GroupUser {
  readonly service: string;
  readonly mode: BalancingMode;
}

/** Who uses each instance group (by URL): built once per stack, not once per service (B8). */
export function indexGroupUsers(
  services: readonly { name: string; spec: ServiceSpec; backends: readonly BackendOptions[] }[],
): Map<string, GroupUser[]> {
  const users = new Map<string, GroupUser[]>();
  for (const s of services) {
    for (const b of s.backends) {
      const list = users.get(b.group.instanceGroupUrl) ?? [];
      list.push({
        service: s.name,
        mode: b.balancingMode ?? defaultBalancingMode(s.spec.protocol),
      });
      users.set(b.group.instanceGroupUrl, list);
    }
  }
  return users;
}

/**
 * B8: every backend service that shares an instance group must give it the same balancing
 * mode ("backends have incompatible balancing_mode. Values should be the same").
 */
export function validateSharedGroups(
  name: string,
  spec: ServiceSpec,
  backends: readonly BackendOptions[],
  users: Map<string, GroupUser[]>,
): RuleViolation[] {
  const v: RuleViolation[] = [];
  backends.forEach((b, i) => {
    const mode = b.balancingMode ?? defaultBalancingMode(spec.protocol);
    for (const other of users.get(b.group.instanceGroupUrl) ?? []) {
      if (other.service === name || other.mode === mode) continue;
      v.push({
        rule: 'B8',
        attribute: `backends[${i}].balancingMode`,
        value: mode,
        problem: `on group ${b.group.groupName} differs from backend service ${other.service}, which uses the same instance group with ${other.mode}; the API rejects incompatible balancing modes on a shared group`,
        allowed: `${other.mode} (the mode the other service uses)`,
        fix: `use the same balancing mode for ${b.group.groupName} in both services`,
      });
    }
  });
  return v;
}
