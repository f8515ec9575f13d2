import { Duration } from '../core/duration';
import { RuleFindings, RuleViolation, throwViolations } from '../core/errors';
import { aNumber, aString, checkShape, objectOf, optional } from '../core/shape';
import {
  Vocabulary,
  checkDurationSeconds,
  inTerms,
  isUnresolved,
  listOf,
  notADuration,
} from '../core/rules';
import { LoadBalancerKind } from './load-balancing';
import { RuleBasis } from '../core/rule-registry';

/** Every `session_affinity` value of Google Cloud backend services. */
export enum SessionAffinityType {
  NONE = 'NONE',
  CLIENT_IP = 'CLIENT_IP',
  CLIENT_IP_PROTO = 'CLIENT_IP_PROTO',
  CLIENT_IP_PORT_PROTO = 'CLIENT_IP_PORT_PROTO',
  CLIENT_IP_NO_DESTINATION = 'CLIENT_IP_NO_DESTINATION',
  GENERATED_COOKIE = 'GENERATED_COOKIE',
  HEADER_FIELD = 'HEADER_FIELD',
  HTTP_COOKIE = 'HTTP_COOKIE',
  STRONG_COOKIE_AFFINITY = 'STRONG_COOKIE_AFFINITY',
}

/** Options of a cookie-based affinity the load balancer generates. */
export interface GeneratedCookieOptions {
  /**
   * How long the cookie (and so the stickiness) lasts. 0 makes it a session cookie.
   * @default - the API default (0: a session cookie); always emitted when given
   */
  readonly ttl?: Duration;
}

/** Options of an affinity keyed on a named HTTP cookie. */
export interface NamedCookieOptions {
  /** Name of the cookie. */
  readonly name: string;
  /**
   * Path of the cookie.
   * @default - no path attribute (the whole host)
   */
  readonly path?: string;
  /**
   * Lifetime of the cookie and so of the stickiness (0..14 days). Required for
   * STRONG_COOKIE_AFFINITY, optional for HTTP_COOKIE.
   * @default - session cookie (HTTP_COOKIE only)
   */
  readonly ttl?: Duration;
}

/** Options of header-field affinity. */
export interface HeaderAffinityOptions {
  /**
   * `consistent_hash.minimum_ring_size`; only used by RING_HASH.
   * @default - the API default (1024)
   */
  readonly minimumRingSize?: number;
}

/**
 * Options for `SessionAffinity.fromType`, the data-driven factory. Every field is checked
 * against the type: a TTL on a type without a cookie is an error, not silently dropped.
 */
export interface SessionAffinityOptions {
  /**
   * Stickiness lifetime. Only cookie-based types use one.
   * @default - none
   */
  readonly ttl?: Duration;
  /**
   * Cookie name (HTTP_COOKIE, STRONG_COOKIE_AFFINITY).
   * @default - none
   */
  readonly cookieName?: string;
  /**
   * Cookie path (HTTP_COOKIE, STRONG_COOKIE_AFFINITY).
   * @default - none
   */
  readonly cookiePath?: string;
  /**
   * Header name (HEADER_FIELD).
   * @default - none
   */
  readonly headerName?: string;
  /**
   * `consistent_hash.minimum_ring_size` (HEADER_FIELD, HTTP_COOKIE with RING_HASH).
   * @default - the API default (1024)
   */
  readonly minimumRingSize?: number;
}

/** The longest affinity cookie lifetime the API accepts: two weeks (S5). */
export const MAX_COOKIE_TTL_SECONDS = 1_209_600;
/** Above this the provider docs and GKE BackendConfig still claim a one-day limit (S5b). */
export const LEGACY_COOKIE_TTL_SECONDS = 86_400;

const T = SessionAffinityType;
const K = LoadBalancerKind;

/** Affinity types each load balancer accepts (Google Cloud's session affinity table). */
const ACCEPTED: Record<LoadBalancerKind, SessionAffinityType[]> = {
  [K.GLOBAL_EXTERNAL_ALB]: [
    T.NONE,
    T.CLIENT_IP,
    T.GENERATED_COOKIE,
    T.HEADER_FIELD,
    T.HTTP_COOKIE,
    T.STRONG_COOKIE_AFFINITY,
  ],
  [K.REGIONAL_EXTERNAL_ALB]: [
    T.NONE,
    T.CLIENT_IP,
    T.GENERATED_COOKIE,
    T.HEADER_FIELD,
    T.HTTP_COOKIE,
    T.STRONG_COOKIE_AFFINITY,
  ],
  [K.INTERNAL_ALB]: [
    T.NONE,
    T.CLIENT_IP,
    T.GENERATED_COOKIE,
    T.HEADER_FIELD,
    T.HTTP_COOKIE,
    T.STRONG_COOKIE_AFFINITY,
  ],
  [K.CLASSIC_ALB]: [T.NONE, T.CLIENT_IP, T.GENERATED_COOKIE],
  [K.PROXY_NLB]: [T.NONE, T.CLIENT_IP],
  [K.TRAFFIC_DIRECTOR]: [T.NONE, T.CLIENT_IP, T.GENERATED_COOKIE, T.HEADER_FIELD, T.HTTP_COOKIE],
  [K.EXTERNAL_PASSTHROUGH_NLB]: [T.NONE, T.CLIENT_IP, T.CLIENT_IP_PROTO, T.CLIENT_IP_PORT_PROTO],
  [K.INTERNAL_PASSTHROUGH_NLB]: [
    T.NONE,
    T.CLIENT_IP,
    T.CLIENT_IP_PROTO,
    T.CLIENT_IP_PORT_PROTO,
    T.CLIENT_IP_NO_DESTINATION,
  ],
};

/** Affinity types that use a cookie and therefore a TTL. */
const COOKIE_TYPES: SessionAffinityType[] = [
  T.GENERATED_COOKIE,
  T.HTTP_COOKIE,
  T.STRONG_COOKIE_AFFINITY,
];
/** Affinity types that hash on a key and need RING_HASH/MAGLEV plus `consistent_hash` (S2, S3). */
const HASH_TYPES: SessionAffinityType[] = [T.HEADER_FIELD, T.HTTP_COOKIE];
/** RFC 9110 `token`: a header field name (and, by RFC 6265, a cookie name). */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** True when a cookie path holds what RFC 6265 forbids in a path-value: CTLs or ";". */
const isBadCookiePath = (path: string): boolean =>
  [...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === ';');

/**
 * P1: the options of every factory, at every field (JavaScript callers get no type check). A
 * TTL of the wrong type is S5's `notADuration`, reported with the affinity's other checks.
 */
const OPTIONS = objectOf(
  'options object',
  {
    cookieName: optional(aString("'SESSION'")),
    cookiePath: optional(aString("'/'")),
    headerName: optional(aString("'X-Session-Key'")),
    minimumRingSize: optional(aNumber('1024')),
  },
  "{ cookieName: 'SESSION', ttl: Duration.hours(1) }",
);

/**
 * Session affinity ("sticky sessions") of a Google Cloud backend service.
 *
 * Use the typed factories: each takes exactly the settings its type uses, so a cookie TTL
 * cannot be attached to CLIENT_IP by accident. `fromType` exists for data-driven
 * configurations and checks at synth what the factories check at compile time.
 */
export class SessionAffinity {
  /** The longest affinity cookie lifetime the API accepts, in seconds: two weeks (rule S5). */
  public static readonly MAX_COOKIE_TTL_SECONDS = MAX_COOKIE_TTL_SECONDS;
  /** Cookie lifetime, in seconds, above which older documentation claims a one-day limit (rule S5b). */
  public static readonly LEGACY_COOKIE_TTL_SECONDS = LEGACY_COOKIE_TTL_SECONDS;

  /** No affinity: every request is balanced on its own. */
  public static none(): SessionAffinity {
    return new SessionAffinity(T.NONE, {});
  }

  /** Stick on the client IP (best effort behind NAT and proxies; no TTL). */
  public static clientIp(): SessionAffinity {
    return new SessionAffinity(T.CLIENT_IP, {});
  }

  /** Client IP + protocol (passthrough Network Load Balancers only). */
  public static clientIpProto(): SessionAffinity {
    return new SessionAffinity(T.CLIENT_IP_PROTO, {});
  }

  /** Client IP + port + protocol (passthrough Network Load Balancers only). */
  public static clientIpPortProto(): SessionAffinity {
    return new SessionAffinity(T.CLIENT_IP_PORT_PROTO, {});
  }

  /** Client IP regardless of destination (internal passthrough NLB as next hop only). */
  public static clientIpNoDestination(): SessionAffinity {
    return new SessionAffinity(T.CLIENT_IP_NO_DESTINATION, {});
  }

  /** A cookie the load balancer generates (`GCLB`), lasting `ttl` (`affinity_cookie_ttl_sec`). */
  public static generatedCookie(options: GeneratedCookieOptions = {}): SessionAffinity {
    return new SessionAffinity(T.GENERATED_COOKIE, { ttl: options?.ttl });
  }

  /**
   * Hash on an HTTP header (e.g. `X-Personality`): every request with the same value goes to
   * the same backend while the backend set is stable. Needs RING_HASH or MAGLEV, which the
   * backend service sets (RING_HASH unless you choose MAGLEV). No TTL: the stickiness lasts
   * as long as the header value does.
   */
  public static header(headerName: string, options: HeaderAffinityOptions = {}): SessionAffinity {
    return new SessionAffinity(T.HEADER_FIELD, {
      headerName,
      minimumRingSize: options?.minimumRingSize,
    });
  }

  /** Hash on a named HTTP cookie (`consistent_hash.http_cookie`); the LB sets it if absent. */
  public static httpCookie(options: NamedCookieOptions): SessionAffinity {
    return new SessionAffinity(T.HTTP_COOKIE, {
      cookieName: options?.name,
      cookiePath: options?.path,
      ttl: options?.ttl,
    });
  }

  /**
   * Stateful cookie affinity (`strong_session_affinity_cookie`): a session stays on its
   * backend even when backends are added or autoscaled, until the cookie expires.
   */
  public static strongCookie(options: NamedCookieOptions): SessionAffinity {
    return new SessionAffinity(T.STRONG_COOKIE_AFFINITY, {
      cookieName: options?.name,
      cookiePath: options?.path,
      ttl: options?.ttl,
    });
  }

  /**
   * Data-driven factory: any type with any options; mismatches are reported at synth.
   *
   * @jsii suppress reserved-word `type` is the API's word; the Go generator escapes it
   */
  public static fromType(
    type: SessionAffinityType,
    options: SessionAffinityOptions = {},
  ): SessionAffinity {
    return new SessionAffinity(type, options);
  }

  /**
   * The `session_affinity` value.
   *
   * @jsii suppress reserved-word `type` is the API's word; Go sees it as the field `Type`
   */
  public readonly type: SessionAffinityType;
  /** Stickiness lifetime, for cookie-based types. */
  public readonly ttl?: Duration;
  /** Cookie name (HTTP_COOKIE, STRONG_COOKIE_AFFINITY). */
  public readonly cookieName?: string;
  /** Cookie path (HTTP_COOKIE, STRONG_COOKIE_AFFINITY). */
  public readonly cookiePath?: string;
  /** Header name (HEADER_FIELD). */
  public readonly headerName?: string;
  /** `consistent_hash.minimum_ring_size`. */
  public readonly minimumRingSize?: number;

  private constructor(type: SessionAffinityType, options: SessionAffinityOptions) {
    // P1 first: `options` is a plain object from here on (null and non-objects are refused).
    const o = options;
    throwViolations(
      checkShape(o, OPTIONS).map((v) => ({
        ...v,
        attribute: `sessionAffinity.${v.attribute}`.replace(/\.$/, ''),
      })),
    );
    this.type = type;
    this.ttl = o.ttl;
    this.cookieName = o.cookieName;
    this.cookiePath = o.cookiePath;
    this.headerName = o.headerName;
    this.minimumRingSize = o.minimumRingSize;
  }

  /** True for the cookie-based types (the only ones with a TTL). */
  public get usesCookie(): boolean {
    return COOKIE_TYPES.includes(this.type);
  }

  /** True when the type hashes on a key and needs RING_HASH/MAGLEV + `consistent_hash`. */
  public get needsConsistentHash(): boolean {
    return HASH_TYPES.includes(this.type);
  }

  /** The affinity types a load balancer accepts. */
  public static acceptedBy(kind: LoadBalancerKind): SessionAffinityType[] {
    return [...ACCEPTED[kind]];
  }

  /**
   * Checks this affinity on its own and against the load balancer it is used with:
   * S1 (matrix), S2/S3/S4 (companion fields), S5/S5b (TTL), and fields that do not belong
   * to the type. `describe` names the load balancer, e.g. `an EXTERNAL_MANAGED HTTPS backend service`.
   */
  public validate(kind: LoadBalancerKind, describe: string): RuleFindings {
    return this._validateFor(kind, describe);
  }

  /**
   * `validate` for a load balancer that may be unknown (Terraform that leaves the scheme or
   * protocol to the API): the rules that depend on the load balancer are then skipped.
   * @internal
   */
  public _validateFor(
    kind: LoadBalancerKind | undefined,
    describe: string,
    vocabulary: Vocabulary = Vocabulary.CONSTRUCT,
  ): RuleFindings {
    const say = (construct: string, terraform: string, manifest?: string) =>
      inTerms(vocabulary, construct, terraform, manifest);
    const errors: RuleViolation[] = [];
    const warnings: RuleViolation[] = [];
    const accepted = kind === undefined ? [] : ACCEPTED[kind];
    const all = Object.values(SessionAffinityType) as string[];
    // A token type (from a variable) is known only to Terraform: nothing can be checked.
    if (isUnresolved(this.type)) return { errors, warnings };

    if (this.ttl !== undefined && !(this.ttl instanceof Duration)) {
      errors.push(notADuration('sessionAffinity.ttl', this.ttl));
      return { errors, warnings };
    }

    if (!all.includes(this.type)) {
      errors.push({
        rule: 'S1',
        attribute: 'sessionAffinity',
        value: String(this.type),
        problem: 'is not a session affinity type',
        allowed: listOf(kind === undefined ? all : accepted),
        fix: say(
          'use one of the SessionAffinity factories',
          'set session_affinity to one of the allowed types',
          'set the sessionAffinity type to one of the allowed types',
        ),
      });
      return { errors, warnings };
    }

    if (kind !== undefined && !accepted.includes(this.type)) {
      errors.push({
        rule: 'S1',
        attribute: 'sessionAffinity',
        value: this.type,
        problem: `is not accepted by ${describe} (${kind}); the API rejects it at apply`,
        allowed: listOf(accepted),
        fix: suggestionFor(this, accepted, vocabulary),
      });
    }

    // A TTL only means something where there is a cookie (S5).
    if (this.ttl !== undefined && !this.usesCookie) {
      const ttl = this.ttl.isUnresolved() ? 3600 : this.ttl.toSeconds();
      const generated = kind === undefined || accepted.includes(T.GENERATED_COOKIE);
      errors.push({
        rule: 'S5',
        attribute: 'sessionAffinity.ttl',
        value: this.ttl.toString(),
        problem: `is set on ${this.type}, which has no cookie, so the load balancer would ignore it`,
        allowed: say(
          'a TTL only with GENERATED_COOKIE, HTTP_COOKIE or STRONG_COOKIE_AFFINITY',
          'a cookie TTL only with a cookie-based session_affinity: GENERATED_COOKIE, HTTP_COOKIE or STRONG_COOKIE_AFFINITY',
          'a cookie TTL only with GENERATED_COOKIE',
        ),
        fix: generated
          ? say(
              `for stickiness that lasts ${ttl}s use SessionAffinity.generatedCookie({ ttl: ${this.ttl.isUnresolved() ? 'Duration.hours(1)' : this.ttl._expression()} }), or drop the TTL`,
              'set session_affinity = "GENERATED_COOKIE" to keep the TTL, or remove affinity_cookie_ttl_sec',
              'set the sessionAffinity type to GENERATED_COOKIE to keep the TTL, or remove the cookie TTL',
            )
          : say(
              'drop the TTL: this load balancer has no cookie-based affinity',
              'remove affinity_cookie_ttl_sec: this load balancer has no cookie-based affinity',
              'remove the cookie TTL: this load balancer has no cookie-based affinity',
            ),
        basis: RuleBasis.IGNORED,
      });
    }
    if (this.ttl !== undefined && this.usesCookie) {
      errors.push(
        ...checkDurationSeconds(
          'S5',
          'sessionAffinity.ttl',
          this.ttl,
          0,
          MAX_COOKIE_TTL_SECONDS,
          say(
            'use at most Duration.days(14); 0 makes a session cookie',
            'set it to at most 1209600 (14 days); 0 makes a session cookie',
          ),
        ),
      );
      if (
        this.type !== T.STRONG_COOKIE_AFFINITY &&
        !this.ttl.isUnresolved() &&
        this.ttl.toSeconds() > LEGACY_COOKIE_TTL_SECONDS &&
        this.ttl.toSeconds() <= MAX_COOKIE_TTL_SECONDS
      ) {
        warnings.push({
          rule: 'S5b',
          attribute: 'sessionAffinity.ttl',
          value: this.ttl.toString(),
          problem:
            'is above one day; the API accepts up to 14 days, but provider docs and GKE BackendConfig still state a one-day limit',
          allowed: `0..${MAX_COOKIE_TTL_SECONDS}s (one day or less is safe everywhere)`,
          fix: say(
            'keep it if you rely on the API limit, or use Duration.days(1) or less',
            'keep it if you rely on the API limit, or set it to 86400 or less',
          ),
        });
      }
    }

    if (
      this.type === T.STRONG_COOKIE_AFFINITY &&
      (this.cookieName === undefined || this.ttl === undefined)
    ) {
      const missing = [
        ...(this.cookieName === undefined ? ['name'] : []),
        ...(this.ttl === undefined ? ['TTL'] : []),
      ].join(' and ');
      errors.push({
        rule: 'S4',
        attribute: 'sessionAffinity',
        value: 'STRONG_COOKIE_AFFINITY',
        problem: say(
          `needs a cookie name and a TTL (${missing} not given)`,
          `needs strong_session_affinity_cookie with a name and a TTL (${missing} not set)`,
        ),
        allowed: 'a cookie name and a TTL of 0..14 days',
        fix: say(
          "use SessionAffinity.strongCookie({ name: 'SESSION', ttl: Duration.hours(1) })",
          'add strong_session_affinity_cookie { name = "SESSION", ttl { seconds = 3600 } }',
          'use GENERATED_COOKIE: a GKE policy cannot name the cookie',
        ),
      });
    }
    if (this.type === T.HTTP_COOKIE && this.cookieName === undefined) {
      errors.push({
        rule: 'S3',
        attribute: 'sessionAffinity',
        value: 'HTTP_COOKIE',
        problem: say(
          'needs a cookie name',
          'needs consistent_hash.http_cookie with a cookie name (none is set)',
        ),
        allowed: 'a cookie name',
        fix: say(
          "use SessionAffinity.httpCookie({ name: 'SESSION', ttl: Duration.hours(1) })",
          'add consistent_hash { http_cookie { name = "SESSION", ttl { seconds = 3600 } } }',
          'use GENERATED_COOKIE: a GKE policy cannot name the cookie',
        ),
      });
    }
    const namedCookie = this.type === T.HTTP_COOKIE || this.type === T.STRONG_COOKIE_AFFINITY;
    if (namedCookie)
      errors.push(...this.checkCookie(this.type === T.HTTP_COOKIE ? 'S3' : 'S4', vocabulary));
    if (this.type === T.HEADER_FIELD) {
      if (this.headerName === undefined) {
        errors.push({
          rule: 'S2',
          attribute: 'sessionAffinity',
          value: 'HEADER_FIELD',
          problem: say(
            'needs a header name',
            'needs consistent_hash.http_header_name (none is set)',
          ),
          allowed: 'an HTTP header name',
          fix: say(
            "use SessionAffinity.header('X-Personality')",
            'add consistent_hash { http_header_name = "X-Personality" }',
            'use GENERATED_COOKIE: a GKE policy cannot name the header',
          ),
        });
      } else if (!isUnresolved(this.headerName) && !isHttpToken(this.headerName)) {
        errors.push({
          rule: 'S2',
          attribute: 'sessionAffinity.headerName',
          value: JSON.stringify(this.headerName),
          problem: 'is not an HTTP header field name (an RFC 9110 token)',
          allowed:
            "1 or more of letters, digits and !#$%&'*+-.^_`|~ (no spaces, colons or other separators)",
          fix: say(
            `use SessionAffinity.header(${JSON.stringify(suggestToken(this.headerName, 'X-Session-Key'))})`,
            `set http_header_name = ${JSON.stringify(suggestToken(this.headerName, 'X-Session-Key'))}`,
          ),
        });
      }
    }

    // Fields that belong to other types (S2, S4): refuse rather than drop.
    if (this.headerName !== undefined && this.type !== T.HEADER_FIELD) {
      errors.push({
        rule: 'S2',
        attribute: 'sessionAffinity.headerName',
        value: `"${this.headerName}"`,
        problem: `is set on ${this.type}, which does not hash on a header`,
        allowed: 'a header name only with HEADER_FIELD',
        fix: say(
          `use SessionAffinity.header('${this.headerName}') or drop the header name`,
          'set session_affinity = "HEADER_FIELD", or remove http_header_name',
        ),
      });
    }
    if (
      (this.cookieName !== undefined || this.cookiePath !== undefined) &&
      this.type !== T.HTTP_COOKIE &&
      this.type !== T.STRONG_COOKIE_AFFINITY
    ) {
      errors.push({
        rule: 'S4',
        attribute: 'sessionAffinity.cookieName',
        value: `"${this.cookieName ?? this.cookiePath}"`,
        problem: `is set on ${this.type}, which does not use a named cookie`,
        allowed: 'a cookie name or path only with HTTP_COOKIE or STRONG_COOKIE_AFFINITY',
        fix: say(
          'use SessionAffinity.httpCookie({...}) or SessionAffinity.strongCookie({...}), or drop the cookie name',
          'set session_affinity = "HTTP_COOKIE" or "STRONG_COOKIE_AFFINITY", or remove the cookie name',
        ),
      });
    }
    if (this.minimumRingSize !== undefined && !this.needsConsistentHash) {
      errors.push({
        rule: 'S8',
        attribute: 'sessionAffinity.minimumRingSize',
        value: String(this.minimumRingSize),
        problem: `is set on ${this.type}, which does not use consistent hashing`,
        allowed: say(
          'minimumRingSize only with HEADER_FIELD or HTTP_COOKIE',
          'minimum_ring_size only with HEADER_FIELD or HTTP_COOKIE',
        ),
        fix: say('drop minimumRingSize', 'remove minimum_ring_size'),
      });
    }
    if (
      this.minimumRingSize !== undefined &&
      !isUnresolved(this.minimumRingSize) &&
      (!Number.isInteger(this.minimumRingSize) ||
        this.minimumRingSize < 1 ||
        this.minimumRingSize > 8_388_608)
    ) {
      errors.push({
        rule: 'S8',
        attribute: 'sessionAffinity.minimumRingSize',
        value: String(this.minimumRingSize),
        problem: 'is out of range',
        allowed: 'a whole number in 1..8388608',
        fix: 'omit it to use the default of 1024',
      });
    }
    return { errors, warnings };
  }

  /** S3/S4: the cookie name is an RFC 6265 token; the path has no control characters or ";". */
  private checkCookie(rule: string, vocabulary: Vocabulary): RuleViolation[] {
    const v: RuleViolation[] = [];
    const name = this.cookieName;
    if (name !== undefined && !isUnresolved(name) && !isHttpToken(name)) {
      v.push({
        rule,
        attribute: 'sessionAffinity.cookieName',
        value: JSON.stringify(name),
        problem:
          name === ''
            ? 'is empty; the load balancer needs a cookie name'
            : 'is not a cookie name (an RFC 6265 token)',
        allowed:
          '1 or more of letters, digits and !#$%&\'*+-.^_`|~ (no spaces, "=", ";" or other separators)',
        fix: inTerms(
          vocabulary,
          `name the cookie, e.g. name: ${JSON.stringify(suggestToken(name, 'SESSION'))}`,
          `set the cookie's name = ${JSON.stringify(suggestToken(name, 'SESSION'))}`,
        ),
      });
    }
    const path = this.cookiePath;
    // P1 has made it a string.
    if (path !== undefined && !isUnresolved(path) && isBadCookiePath(path)) {
      v.push({
        rule,
        attribute: 'sessionAffinity.cookiePath',
        value: JSON.stringify(path),
        problem: 'is not a cookie path (RFC 6265: no control characters, no ";")',
        allowed: 'a path such as "/" or "/app"',
        fix: inTerms(
          vocabulary,
          'use e.g. path: "/", or leave the path unset',
          'set the cookie\'s path = "/", or remove it',
        ),
      });
    }
    return v;
  }

  /** Human summary, e.g. `GENERATED_COOKIE (ttl 1800s)`. */
  public toString(): string {
    const parts: string[] = [];
    if (this.headerName) parts.push(`header ${this.headerName}`);
    if (this.cookieName) parts.push(`cookie ${this.cookieName}`);
    if (this.ttl)
      parts.push(`ttl ${this.ttl.isUnresolved() ? '(token)' : `${this.ttl.toSeconds()}s`}`);
    return parts.length ? `${this.type} (${parts.join(', ')})` : this.type;
  }
}

function isHttpToken(value: unknown): boolean {
  return typeof value === 'string' && HTTP_TOKEN.test(value);
}

/** `value` (a name given, never undefined) with every character outside an HTTP token removed, or `fallback`. */
function suggestToken(value: unknown, fallback: string): string {
  const cleaned = String(value).replace(/[^!#$%&'*+\-.^_`|~0-9A-Za-z]/g, '');
  return cleaned.length > 0 ? cleaned : fallback;
}

/** A concrete way out for an affinity the load balancer rejects. */
function suggestionFor(
  affinity: SessionAffinity,
  accepted: SessionAffinityType[],
  vocabulary: Vocabulary,
): string {
  if (vocabulary === Vocabulary.MANIFEST)
    return 'set the sessionAffinity type to GENERATED_COOKIE (the load balancer issues the cookie)';
  if (vocabulary === Vocabulary.TERRAFORM) return terraformSuggestionFor(affinity, accepted);
  const ttl =
    affinity.ttl && !affinity.ttl.isUnresolved()
      ? `{ ttl: ${affinity.ttl._expression()} }`
      : '{ ttl: Duration.hours(1) }';
  if (
    affinity.type === T.CLIENT_IP_PORT_PROTO ||
    affinity.type === T.CLIENT_IP_PROTO ||
    affinity.type === T.CLIENT_IP_NO_DESTINATION
  ) {
    if (accepted.includes(T.STRONG_COOKIE_AFFINITY)) {
      return `for per-client stickiness on an HTTP(S) load balancer use SessionAffinity.strongCookie({ name: 'SESSION', ttl: ... }) or SessionAffinity.generatedCookie(${ttl})`;
    }
    if (accepted.includes(T.GENERATED_COOKIE))
      return `use SessionAffinity.generatedCookie(${ttl}) or SessionAffinity.clientIp()`;
    return 'use SessionAffinity.clientIp()';
  }
  // A cookie or header type: NONE and CLIENT_IP are accepted by every load balancer.
  if (accepted.includes(T.GENERATED_COOKIE))
    return `use SessionAffinity.generatedCookie(${ttl}), or move to an EXTERNAL_MANAGED scheme for ${affinity.type}`;
  return 'use SessionAffinity.clientIp(): this load balancer has no HTTP-level affinity';
}

/** `suggestionFor` in Terraform's words. */
function terraformSuggestionFor(
  affinity: SessionAffinity,
  accepted: SessionAffinityType[],
): string {
  if (
    affinity.type === T.CLIENT_IP_PORT_PROTO ||
    affinity.type === T.CLIENT_IP_PROTO ||
    affinity.type === T.CLIENT_IP_NO_DESTINATION
  ) {
    if (accepted.includes(T.STRONG_COOKIE_AFFINITY))
      return 'for per-client stickiness on an HTTP(S) load balancer set session_affinity = "GENERATED_COOKIE" (with affinity_cookie_ttl_sec) or "STRONG_COOKIE_AFFINITY" (with strong_session_affinity_cookie)';
    if (accepted.includes(T.GENERATED_COOKIE))
      return 'set session_affinity = "GENERATED_COOKIE" or "CLIENT_IP"';
    return 'set session_affinity = "CLIENT_IP"';
  }
  // A cookie or header type: NONE and CLIENT_IP are accepted by every load balancer.
  if (accepted.includes(T.GENERATED_COOKIE))
    return `set session_affinity = "GENERATED_COOKIE", or move to load_balancing_scheme = "EXTERNAL_MANAGED" for ${affinity.type}`;
  return 'set session_affinity = "CLIENT_IP": this load balancer has no HTTP-level affinity';
}
