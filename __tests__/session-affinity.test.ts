/**
 * SessionAffinity tested directly, without cdktf: every rule it checks (S1 to S5b, S8), the
 * exact attribute, value, allowed and fix of each finding in the three vocabularies, the
 * suggestions by load balancer, and the factories at their edges. The rules through the
 * constructs, the Aspect and lint are in rules.test.ts.
 */
import { Duration } from '../lib/core/duration';
import { ValidationError } from '../lib/core/errors';
import { RuleBasis } from '../lib/core/rule-registry';
import { Vocabulary } from '../lib/core/rules';
import { LoadBalancerKind } from '../lib/gcp/load-balancing';
import { SessionAffinity, SessionAffinityType } from '../lib/gcp/session-affinity';

const T = SessionAffinityType;
const K = LoadBalancerKind;
const C = Vocabulary.CONSTRUCT;
const TF = Vocabulary.TERRAFORM;
const M = Vocabulary.MANIFEST;
/** A TTL known only after apply, as a reader of Terraform gives it (no cdktf needed). */
const tokenTtl = () => Duration._read('${var.ttl}' as unknown as number);
const check = (a: SessionAffinity, kind?: LoadBalancerKind, vocabulary = C) =>
  a._validateFor(kind, 'the service', vocabulary);
const errorsOf = (a: SessionAffinity, kind?: LoadBalancerKind, vocabulary = C) =>
  check(a, kind, vocabulary).errors;
const fixes = (a: SessionAffinity, kind: LoadBalancerKind | undefined, rule: string) =>
  [C, TF, M].map((v) => errorsOf(a, kind, v).find((e) => e.rule === rule)?.fix);

describe('the factories', () => {
  test('each gives its type and only the options it takes', () => {
    expect(SessionAffinity.none().type).toBe(T.NONE);
    expect(SessionAffinity.clientIp().type).toBe(T.CLIENT_IP);
    expect(SessionAffinity.clientIpProto().type).toBe(T.CLIENT_IP_PROTO);
    expect(SessionAffinity.clientIpPortProto().type).toBe(T.CLIENT_IP_PORT_PROTO);
    expect(SessionAffinity.clientIpNoDestination().type).toBe(T.CLIENT_IP_NO_DESTINATION);
    const ttl = Duration.minutes(30);
    expect(SessionAffinity.generatedCookie({ ttl })).toMatchObject({
      type: T.GENERATED_COOKIE,
      ttl,
    });
    expect(SessionAffinity.header('X-Key', { minimumRingSize: 2048 })).toMatchObject({
      type: T.HEADER_FIELD,
      headerName: 'X-Key',
      minimumRingSize: 2048,
    });
    const named = { name: 'S', path: '/app', ttl };
    for (const [a, type] of [
      [SessionAffinity.httpCookie(named), T.HTTP_COOKIE],
      [SessionAffinity.strongCookie(named), T.STRONG_COOKIE_AFFINITY],
    ] as const) {
      expect(a).toMatchObject({ type, cookieName: 'S', cookiePath: '/app', ttl });
      expect(a.headerName).toBeUndefined();
    }
    const d = SessionAffinity.fromType(T.HEADER_FIELD);
    expect([d.ttl, d.cookieName, d.cookiePath, d.headerName, d.minimumRingSize]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('options given as null or left out (JavaScript callers) are no options', () => {
    const none = { ttl: undefined, cookieName: undefined, minimumRingSize: undefined };
    expect(SessionAffinity.generatedCookie()).toMatchObject(none);
    expect(SessionAffinity.generatedCookie(null as never)).toMatchObject(none);
    expect(SessionAffinity.header('X', null as never)).toMatchObject(none);
    expect(SessionAffinity.httpCookie(null as never)).toMatchObject(none);
    expect(SessionAffinity.strongCookie(undefined as never)).toMatchObject(none);
  });

  test('options of the wrong shape are refused with the attribute under sessionAffinity', () => {
    const violations = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as ValidationError).violations.map((v) => [v.rule, v.attribute]);
      }
      throw new Error('no error');
    };
    expect(violations(() => SessionAffinity.fromType(T.NONE, 'x' as never))).toEqual([
      ['P1', 'sessionAffinity'],
    ]);
    expect(violations(() => SessionAffinity.fromType(T.NONE, null as never))).toEqual([
      ['P1', 'sessionAffinity.props'],
    ]);
    expect(
      violations(() =>
        SessionAffinity.fromType(T.HTTP_COOKIE, {
          cookieName: 3 as never,
          cookiePath: null as never,
          headerName: [] as never,
          minimumRingSize: '9' as never,
        }),
      ),
    ).toEqual([
      ['P1', 'sessionAffinity.cookieName'],
      ['P1', 'sessionAffinity.cookiePath'],
      ['P1', 'sessionAffinity.headerName'],
      ['P1', 'sessionAffinity.minimumRingSize'],
    ]);
  });

  test('usesCookie, needsConsistentHash and acceptedBy', () => {
    const all = Object.values(T);
    expect(all.filter((t) => SessionAffinity.fromType(t).usesCookie)).toEqual([
      T.GENERATED_COOKIE,
      T.HTTP_COOKIE,
      T.STRONG_COOKIE_AFFINITY,
    ]);
    expect(all.filter((t) => SessionAffinity.fromType(t).needsConsistentHash)).toEqual([
      T.HEADER_FIELD,
      T.HTTP_COOKIE,
    ]);
    expect(SessionAffinity.acceptedBy(K.PROXY_NLB)).toEqual([T.NONE, T.CLIENT_IP]);
    expect(SessionAffinity.acceptedBy(K.CLASSIC_ALB)).toEqual([
      T.NONE,
      T.CLIENT_IP,
      T.GENERATED_COOKIE,
    ]);
    // A copy: changing it changes nothing.
    SessionAffinity.acceptedBy(K.PROXY_NLB).push(T.HTTP_COOKIE);
    expect(SessionAffinity.acceptedBy(K.PROXY_NLB)).toEqual([T.NONE, T.CLIENT_IP]);
  });

  test('toString', () => {
    expect(SessionAffinity.none().toString()).toBe('NONE');
    expect(SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }).toString()).toBe(
      'GENERATED_COOKIE (ttl 1800s)',
    );
    expect(SessionAffinity.generatedCookie({ ttl: tokenTtl() }).toString()).toBe(
      'GENERATED_COOKIE (ttl (token))',
    );
    expect(SessionAffinity.header('X-Key').toString()).toBe('HEADER_FIELD (header X-Key)');
    expect(SessionAffinity.httpCookie({ name: 'S', ttl: Duration.seconds(0) }).toString()).toBe(
      'HTTP_COOKIE (cookie S, ttl 0s)',
    );
    // An empty header or cookie name says nothing.
    expect(SessionAffinity.fromType(T.HEADER_FIELD, { headerName: '' }).toString()).toBe(
      'HEADER_FIELD',
    );
    expect(SessionAffinity.fromType(T.HTTP_COOKIE, { cookieName: '' }).toString()).toBe(
      'HTTP_COOKIE',
    );
  });
});

describe('S1: the type and the load balancer', () => {
  test('a token type is known only to Terraform: nothing is checked', () => {
    const a = SessionAffinity.fromType('${var.affinity}' as never, {
      ttl: 'soon' as never,
      headerName: 'bad name',
      minimumRingSize: 0,
    });
    expect(check(a, K.PROXY_NLB)).toEqual({ errors: [], warnings: [] });
  });

  test('a TTL that is not a Duration is reported alone', () => {
    const a = SessionAffinity.fromType(T.CLIENT_IP, { ttl: 30 as never, headerName: 'X' });
    expect(errorsOf(a, K.PROXY_NLB)).toEqual([
      expect.objectContaining({ rule: 'P1', attribute: 'sessionAffinity.ttl', value: '30' }),
    ]);
  });

  test('a value that is no affinity type: every type without a load balancer, else its own', () => {
    const a = SessionAffinity.fromType('STICKY' as never, { ttl: Duration.days(30) });
    expect(errorsOf(a)).toEqual([
      {
        rule: 'S1',
        attribute: 'sessionAffinity',
        value: 'STICKY',
        problem: 'is not a session affinity type',
        allowed: Object.values(T).join(', '),
        fix: 'use one of the SessionAffinity factories',
      },
    ]);
    expect(errorsOf(a, K.PROXY_NLB, TF)).toEqual([
      expect.objectContaining({
        allowed: 'NONE, CLIENT_IP',
        fix: 'set session_affinity to one of the allowed types',
      }),
    ]);
    expect(errorsOf(a, K.PROXY_NLB, M)[0].fix).toBe(
      'set the sessionAffinity type to one of the allowed types',
    );
  });

  test('every type against every load balancer: accepted exactly where the table says', () => {
    for (const kind of Object.values(K)) {
      for (const type of Object.values(T)) {
        const s1 = errorsOf(SessionAffinity.fromType(type), kind).filter((e) => e.rule === 'S1');
        expect([kind, type, s1.length]).toEqual([
          kind,
          type,
          SessionAffinity.acceptedBy(kind).includes(type) ? 0 : 1,
        ]);
      }
    }
    // Without a load balancer (left to the API) no type is refused.
    for (const type of Object.values(T))
      expect(errorsOf(SessionAffinity.fromType(type)).filter((e) => e.rule === 'S1')).toEqual([]);
  });

  test('a refused type: the load balancer, the types it takes, and a way out', () => {
    expect(errorsOf(SessionAffinity.clientIpPortProto(), K.CLASSIC_ALB)).toEqual([
      {
        rule: 'S1',
        attribute: 'sessionAffinity',
        value: 'CLIENT_IP_PORT_PROTO',
        problem: `is not accepted by the service (${K.CLASSIC_ALB}); the API rejects it at apply`,
        allowed: 'NONE, CLIENT_IP, GENERATED_COOKIE',
        fix: 'use SessionAffinity.generatedCookie({ ttl: Duration.hours(1) }) or SessionAffinity.clientIp()',
      },
    ]);
  });

  test.each([T.CLIENT_IP_PROTO, T.CLIENT_IP_PORT_PROTO, T.CLIENT_IP_NO_DESTINATION])(
    'the way out for %s, by what the load balancer takes',
    (type) => {
      const a = SessionAffinity.fromType(type);
      expect(fixes(a, K.GLOBAL_EXTERNAL_ALB, 'S1')).toEqual([
        "for per-client stickiness on an HTTP(S) load balancer use SessionAffinity.strongCookie({ name: 'SESSION', ttl: ... }) or SessionAffinity.generatedCookie({ ttl: Duration.hours(1) })",
        'for per-client stickiness on an HTTP(S) load balancer set session_affinity = "GENERATED_COOKIE" (with affinity_cookie_ttl_sec) or "STRONG_COOKIE_AFFINITY" (with strong_session_affinity_cookie)',
        'set the sessionAffinity type to GENERATED_COOKIE (the load balancer issues the cookie)',
      ]);
      expect(fixes(a, K.TRAFFIC_DIRECTOR, 'S1').slice(0, 2)).toEqual([
        'use SessionAffinity.generatedCookie({ ttl: Duration.hours(1) }) or SessionAffinity.clientIp()',
        'set session_affinity = "GENERATED_COOKIE" or "CLIENT_IP"',
      ]);
      expect(fixes(a, K.PROXY_NLB, 'S1').slice(0, 2)).toEqual([
        'use SessionAffinity.clientIp()',
        'set session_affinity = "CLIENT_IP"',
      ]);
    },
  );

  test.each([T.GENERATED_COOKIE, T.HTTP_COOKIE, T.STRONG_COOKIE_AFFINITY, T.HEADER_FIELD])(
    'the way out for %s, by what the load balancer takes',
    (type) => {
      const a = SessionAffinity.fromType(type);
      expect(fixes(a, K.PROXY_NLB, 'S1')).toEqual([
        'use SessionAffinity.clientIp(): this load balancer has no HTTP-level affinity',
        'set session_affinity = "CLIENT_IP": this load balancer has no HTTP-level affinity',
        'set the sessionAffinity type to GENERATED_COOKIE (the load balancer issues the cookie)',
      ]);
      if (type !== T.GENERATED_COOKIE)
        expect(fixes(a, K.CLASSIC_ALB, 'S1').slice(0, 2)).toEqual([
          `use SessionAffinity.generatedCookie({ ttl: Duration.hours(1) }), or move to an EXTERNAL_MANAGED scheme for ${type}`,
          `set session_affinity = "GENERATED_COOKIE", or move to load_balancing_scheme = "EXTERNAL_MANAGED" for ${type}`,
        ]);
    },
  );

  test("the way out keeps the user's TTL, unless it is a token", () => {
    const ttl = Duration.minutes(30);
    expect(fixes(SessionAffinity.httpCookie({ name: 'S', ttl }), K.CLASSIC_ALB, 'S1')[0]).toBe(
      'use SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }), or move to an EXTERNAL_MANAGED scheme for HTTP_COOKIE',
    );
    expect(
      fixes(SessionAffinity.httpCookie({ name: 'S', ttl: tokenTtl() }), K.CLASSIC_ALB, 'S1')[0],
    ).toContain('generatedCookie({ ttl: Duration.hours(1) })');
  });
});

describe('S5: a TTL needs a cookie', () => {
  const onClientIp = (ttl: Duration) => SessionAffinity.fromType(T.CLIENT_IP, { ttl });

  test('on a type without a cookie, where GENERATED_COOKIE would keep it', () => {
    const a = onClientIp(Duration.minutes(30));
    const expected = {
      rule: 'S5',
      attribute: 'sessionAffinity.ttl',
      value: '30 minutes (1800s)',
      problem: 'is set on CLIENT_IP, which has no cookie, so the load balancer would ignore it',
      allowed: 'a TTL only with GENERATED_COOKIE, HTTP_COOKIE or STRONG_COOKIE_AFFINITY',
      fix: 'for stickiness that lasts 1800s use SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }), or drop the TTL',
      basis: RuleBasis.IGNORED,
    };
    expect(errorsOf(a, K.GLOBAL_EXTERNAL_ALB)).toEqual([expected]);
    // Without a load balancer the cookie is still the way to keep it.
    expect(errorsOf(a)).toEqual([expected]);
    expect(errorsOf(a, undefined, TF)).toEqual([
      {
        ...expected,
        allowed:
          'a cookie TTL only with a cookie-based session_affinity: GENERATED_COOKIE, HTTP_COOKIE or STRONG_COOKIE_AFFINITY',
        fix: 'set session_affinity = "GENERATED_COOKIE" to keep the TTL, or remove affinity_cookie_ttl_sec',
      },
    ]);
    expect(errorsOf(a, undefined, M)).toEqual([
      {
        ...expected,
        allowed: 'a cookie TTL only with GENERATED_COOKIE',
        fix: 'set the sessionAffinity type to GENERATED_COOKIE to keep the TTL, or remove the cookie TTL',
      },
    ]);
  });

  test('a token TTL: the example lasts an hour', () => {
    expect(errorsOf(onClientIp(tokenTtl()))[0]).toMatchObject({
      value: '(token) seconds',
      fix: 'for stickiness that lasts 3600s use SessionAffinity.generatedCookie({ ttl: Duration.hours(1) }), or drop the TTL',
    });
  });

  test('on a load balancer without cookies: drop it', () => {
    const a = onClientIp(Duration.seconds(60));
    expect(fixes(a, K.PROXY_NLB, 'S5')).toEqual([
      'drop the TTL: this load balancer has no cookie-based affinity',
      'remove affinity_cookie_ttl_sec: this load balancer has no cookie-based affinity',
      'remove the cookie TTL: this load balancer has no cookie-based affinity',
    ]);
  });

  test.each([
    [0, false, false],
    [86_400, false, false],
    [86_401, false, true],
    [1_209_600, false, true],
    [1_209_601, true, false],
  ])('a cookie TTL of %ss: out of range %s, above one day %s', (seconds, error, warning) => {
    for (const type of [T.GENERATED_COOKIE, T.HTTP_COOKIE]) {
      const a = SessionAffinity.fromType(type, {
        ttl: Duration.seconds(seconds),
        ...(type === T.HTTP_COOKIE ? { cookieName: 'S' } : {}),
      });
      const { errors, warnings } = check(a, K.GLOBAL_EXTERNAL_ALB);
      expect(errors.map((e) => e.rule)).toEqual(error ? ['S5'] : []);
      expect(warnings.map((w) => w.rule)).toEqual(warning ? ['S5b'] : []);
    }
  });

  test('the range error and the one-day warning in full, in both vocabularies', () => {
    const far = SessionAffinity.generatedCookie({ ttl: Duration.days(15) });
    expect(errorsOf(far)).toEqual([
      expect.objectContaining({
        rule: 'S5',
        attribute: 'sessionAffinity.ttl',
        fix: 'use at most Duration.days(14); 0 makes a session cookie',
      }),
    ]);
    expect(errorsOf(far, undefined, TF)[0].fix).toBe(
      'set it to at most 1209600 (14 days); 0 makes a session cookie',
    );
    const week = SessionAffinity.generatedCookie({ ttl: Duration.days(7) });
    expect(check(week).warnings).toEqual([
      {
        rule: 'S5b',
        attribute: 'sessionAffinity.ttl',
        value: '7 days (604800s)',
        problem:
          'is above one day; the API accepts up to 14 days, but provider docs and GKE BackendConfig still state a one-day limit',
        allowed: '0..1209600s (one day or less is safe everywhere)',
        fix: 'keep it if you rely on the API limit, or use Duration.days(1) or less',
      },
    ]);
    expect(check(week, undefined, TF).warnings[0].fix).toBe(
      'keep it if you rely on the API limit, or set it to 86400 or less',
    );
  });

  test('no one-day warning for STRONG_COOKIE_AFFINITY (newer than the limit) or a token', () => {
    const strong = SessionAffinity.strongCookie({ name: 'S', ttl: Duration.days(7) });
    expect(check(strong, K.GLOBAL_EXTERNAL_ALB)).toEqual({ errors: [], warnings: [] });
    const token = SessionAffinity.generatedCookie({ ttl: tokenTtl() });
    expect(check(token, K.GLOBAL_EXTERNAL_ALB)).toEqual({ errors: [], warnings: [] });
  });
});

describe('S2, S3, S4: the fields each type needs', () => {
  test('STRONG_COOKIE_AFFINITY needs a name and a TTL: says which are missing', () => {
    const s4 = (options: object) =>
      [C, TF, M].map(
        (v) =>
          errorsOf(SessionAffinity.fromType(T.STRONG_COOKIE_AFFINITY, options), undefined, v).find(
            (e) => e.rule === 'S4',
          ) ?? null,
      );
    const [construct, terraform, manifest] = s4({});
    expect(construct).toEqual({
      rule: 'S4',
      attribute: 'sessionAffinity',
      value: 'STRONG_COOKIE_AFFINITY',
      problem: 'needs a cookie name and a TTL (name and TTL not given)',
      allowed: 'a cookie name and a TTL of 0..14 days',
      fix: "use SessionAffinity.strongCookie({ name: 'SESSION', ttl: Duration.hours(1) })",
    });
    expect(terraform).toMatchObject({
      problem: 'needs strong_session_affinity_cookie with a name and a TTL (name and TTL not set)',
      fix: 'add strong_session_affinity_cookie { name = "SESSION", ttl { seconds = 3600 } }',
    });
    expect(manifest?.fix).toBe('use GENERATED_COOKIE: a GKE policy cannot name the cookie');
    expect(s4({ cookieName: 'S' })[0]?.problem).toBe(
      'needs a cookie name and a TTL (TTL not given)',
    );
    expect(s4({ ttl: Duration.hours(1) })[0]?.problem).toBe(
      'needs a cookie name and a TTL (name not given)',
    );
    expect(s4({ cookieName: 'S', ttl: Duration.hours(1) })).toEqual([null, null, null]);
  });

  test('HTTP_COOKIE needs a cookie name', () => {
    const a = SessionAffinity.fromType(T.HTTP_COOKIE);
    expect(errorsOf(a)).toEqual([
      {
        rule: 'S3',
        attribute: 'sessionAffinity',
        value: 'HTTP_COOKIE',
        problem: 'needs a cookie name',
        allowed: 'a cookie name',
        fix: "use SessionAffinity.httpCookie({ name: 'SESSION', ttl: Duration.hours(1) })",
      },
    ]);
    expect(errorsOf(a, undefined, TF)[0]).toMatchObject({
      problem: 'needs consistent_hash.http_cookie with a cookie name (none is set)',
      fix: 'add consistent_hash { http_cookie { name = "SESSION", ttl { seconds = 3600 } } }',
    });
    expect(errorsOf(a, undefined, M)[0].fix).toBe(
      'use GENERATED_COOKIE: a GKE policy cannot name the cookie',
    );
    expect(errorsOf(SessionAffinity.httpCookie({ name: 'S' }))).toEqual([]);
  });

  test.each([
    [T.HTTP_COOKIE, 'S3'],
    [T.STRONG_COOKIE_AFFINITY, 'S4'],
  ])('%s: the cookie name is an RFC 6265 token and the path a cookie path (%s)', (type, rule) => {
    const at = (options: object, vocabulary = C) =>
      errorsOf(
        SessionAffinity.fromType(type, { ttl: Duration.hours(1), ...options }),
        undefined,
        vocabulary,
      );
    expect(at({ cookieName: 'my session' })).toEqual([
      {
        rule,
        attribute: 'sessionAffinity.cookieName',
        value: '"my session"',
        problem: 'is not a cookie name (an RFC 6265 token)',
        allowed:
          '1 or more of letters, digits and !#$%&\'*+-.^_`|~ (no spaces, "=", ";" or other separators)',
        fix: 'name the cookie, e.g. name: "mysession"',
      },
    ]);
    expect(at({ cookieName: 'a=b' }, TF)[0].fix).toBe('set the cookie\'s name = "ab"');
    expect(at({ cookieName: '' })[0]).toMatchObject({
      value: '""',
      problem: 'is empty; the load balancer needs a cookie name',
      fix: 'name the cookie, e.g. name: "SESSION"',
    });
    expect(at({ cookieName: ';' })[0].fix).toBe('name the cookie, e.g. name: "SESSION"');
    expect(at({ cookieName: ';' }, TF)[0].fix).toBe('set the cookie\'s name = "SESSION"');
    expect(at({ cookieName: "!#$%&'*+-.^_`|~09azAZ" })).toEqual([]);
    expect(at({ cookieName: '${var.cookie}' })).toEqual([]);

    const badPath = {
      rule,
      attribute: 'sessionAffinity.cookiePath',
      value: '"/a;b"',
      problem: 'is not a cookie path (RFC 6265: no control characters, no ";")',
      allowed: 'a path such as "/" or "/app"',
      fix: 'use e.g. path: "/", or leave the path unset',
    };
    expect(at({ cookieName: 'S', cookiePath: '/a;b' })).toEqual([badPath]);
    expect(at({ cookieName: 'S', cookiePath: '/a;b' }, TF)).toEqual([
      { ...badPath, fix: 'set the cookie\'s path = "/", or remove it' },
    ]);
    for (const path of ['/a\u001fb', '/a\u007f', '\t/', '\u0000'])
      expect([path, at({ cookieName: 'S', cookiePath: path }).length]).toEqual([path, 1]);
    for (const path of ['/', '/app', '/ a', '/~é', '${var.path}'])
      expect([path, at({ cookieName: 'S', cookiePath: path })]).toEqual([path, []]);
  });

  test('HEADER_FIELD needs a header name that is an RFC 9110 token', () => {
    expect(errorsOf(SessionAffinity.fromType(T.HEADER_FIELD))).toEqual([
      {
        rule: 'S2',
        attribute: 'sessionAffinity',
        value: 'HEADER_FIELD',
        problem: 'needs a header name',
        allowed: 'an HTTP header name',
        fix: "use SessionAffinity.header('X-Personality')",
      },
    ]);
    expect(
      fixes(SessionAffinity.fromType(T.HEADER_FIELD), undefined, 'S2').concat(
        errorsOf(SessionAffinity.fromType(T.HEADER_FIELD), undefined, TF)[0].problem,
      ),
    ).toEqual([
      "use SessionAffinity.header('X-Personality')",
      'add consistent_hash { http_header_name = "X-Personality" }',
      'use GENERATED_COOKIE: a GKE policy cannot name the header',
      'needs consistent_hash.http_header_name (none is set)',
    ]);
    expect(errorsOf(SessionAffinity.header('X Session: 1'))).toEqual([
      {
        rule: 'S2',
        attribute: 'sessionAffinity.headerName',
        value: '"X Session: 1"',
        problem: 'is not an HTTP header field name (an RFC 9110 token)',
        allowed:
          "1 or more of letters, digits and !#$%&'*+-.^_`|~ (no spaces, colons or other separators)",
        fix: 'use SessionAffinity.header("XSession1")',
      },
    ]);
    expect(errorsOf(SessionAffinity.header(':'), undefined, TF)[0].fix).toBe(
      'set http_header_name = "X-Session-Key"',
    );
    expect(errorsOf(SessionAffinity.header(''))[0].value).toBe('""');
    expect(errorsOf(SessionAffinity.header('${var.header}'))).toEqual([]);
    expect(errorsOf(SessionAffinity.header("X-!#$%&'*+.^_`|~"))).toEqual([]);
  });

  test('a header name on another type is refused, not dropped (S2)', () => {
    const a = SessionAffinity.fromType(T.GENERATED_COOKIE, { headerName: 'X-Key' });
    expect(errorsOf(a)).toEqual([
      {
        rule: 'S2',
        attribute: 'sessionAffinity.headerName',
        value: '"X-Key"',
        problem: 'is set on GENERATED_COOKIE, which does not hash on a header',
        allowed: 'a header name only with HEADER_FIELD',
        fix: "use SessionAffinity.header('X-Key') or drop the header name",
      },
    ]);
    expect(errorsOf(a, undefined, TF)[0].fix).toBe(
      'set session_affinity = "HEADER_FIELD", or remove http_header_name',
    );
  });

  test('a cookie name or path on a type without a named cookie is refused (S4)', () => {
    const expected = {
      rule: 'S4',
      attribute: 'sessionAffinity.cookieName',
      value: '"S"',
      problem: 'is set on GENERATED_COOKIE, which does not use a named cookie',
      allowed: 'a cookie name or path only with HTTP_COOKIE or STRONG_COOKIE_AFFINITY',
      fix: 'use SessionAffinity.httpCookie({...}) or SessionAffinity.strongCookie({...}), or drop the cookie name',
    };
    expect(
      errorsOf(SessionAffinity.fromType(T.GENERATED_COOKIE, { cookieName: 'S', cookiePath: '/' })),
    ).toEqual([expected]);
    expect(
      errorsOf(SessionAffinity.fromType(T.CLIENT_IP, { cookiePath: '/p' }), undefined, TF),
    ).toEqual([
      {
        ...expected,
        value: '"/p"',
        problem: 'is set on CLIENT_IP, which does not use a named cookie',
        fix: 'set session_affinity = "HTTP_COOKIE" or "STRONG_COOKIE_AFFINITY", or remove the cookie name',
      },
    ]);
  });
});

describe('S8: minimum_ring_size', () => {
  test('only with consistent hashing', () => {
    const a = SessionAffinity.fromType(T.CLIENT_IP, { minimumRingSize: 1024 });
    const expected = {
      rule: 'S8',
      attribute: 'sessionAffinity.minimumRingSize',
      value: '1024',
      problem: 'is set on CLIENT_IP, which does not use consistent hashing',
      allowed: 'minimumRingSize only with HEADER_FIELD or HTTP_COOKIE',
      fix: 'drop minimumRingSize',
    };
    expect(errorsOf(a)).toEqual([expected]);
    expect(errorsOf(a, undefined, TF)).toEqual([
      {
        ...expected,
        allowed: 'minimum_ring_size only with HEADER_FIELD or HTTP_COOKIE',
        fix: 'remove minimum_ring_size',
      },
    ]);
    expect(
      errorsOf(SessionAffinity.fromType(T.HTTP_COOKIE, { cookieName: 'S', minimumRingSize: 1 })),
    ).toEqual([]);
  });

  test.each([
    [1, true],
    [8_388_608, true],
    [0, false],
    [8_388_609, false],
    [1.5, false],
    [-1, false],
  ])('a ring size of %s: accepted %s', (size, ok) => {
    const errors = errorsOf(SessionAffinity.header('X-Key', { minimumRingSize: size }));
    expect(errors).toEqual(
      ok
        ? []
        : [
            {
              rule: 'S8',
              attribute: 'sessionAffinity.minimumRingSize',
              value: String(size),
              problem: 'is out of range',
              allowed: 'a whole number in 1..8388608',
              fix: 'omit it to use the default of 1024',
            },
          ],
    );
  });
});

test('S8: a ring size known only after apply is not judged', () => {
  const a = SessionAffinity.header('X-Key', { minimumRingSize: '${var.ring}' as never });
  expect(errorsOf(a)).toEqual([]);
});
