/**
 * The backend-service model (lib/terraform/google/backend-service): provider defaults (scheme by
 * form, draining 300), fields the API decides (protocol, session affinity), where each affinity
 * type keeps its cookie TTL, logging, health checks and backends.
 */
import { API_DECIDED, AFTER_APPLY } from '../lib/core/unknown';
import { HealthCheck } from '../lib/gcp/health-check';
import { LoadBalancingScheme } from '../lib/gcp/load-balancing';
import {
  BACKEND_SERVICE_TYPES,
  PROVIDER_DEFAULT_DRAINING,
  providerDefaultScheme,
  readBackendService,
} from '../lib/terraform/google/backend-service';
import { TfResource } from '../lib/terraform/resource';

const GLOBAL = 'google_compute_backend_service';
const REGIONAL = 'google_compute_region_backend_service';

const resource = (type: string, values: Record<string, unknown>): TfResource => ({
  address: `module.m.${type}.web`,
  type,
  values,
  source: 's',
  suppressions: [],
});

describe('readBackendService', () => {
  test('types, and the scheme default of each form', () => {
    expect(BACKEND_SERVICE_TYPES).toEqual([GLOBAL, REGIONAL]);
    expect(providerDefaultScheme(false)).toBe(LoadBalancingScheme.EXTERNAL);
    expect(providerDefaultScheme(true)).toBe(LoadBalancingScheme.INTERNAL);
    const global = readBackendService(resource(GLOBAL, {}));
    const regional = readBackendService(resource(REGIONAL, {}));
    expect([global.regional, global.spec.regional]).toEqual([false, false]);
    expect([regional.regional, regional.spec.regional]).toEqual([true, true]);
    expect(global.spec.scheme).toBe('EXTERNAL');
    expect(regional.spec.scheme).toBe('INTERNAL');
    expect(
      readBackendService(resource(REGIONAL, { load_balancing_scheme: 'INTERNAL_MANAGED' })).spec
        .scheme,
    ).toBe('INTERNAL_MANAGED');
  });

  test('an empty service: API-decided protocol and affinity, default draining, no TTL', () => {
    const read = readBackendService(resource(GLOBAL, {}));
    expect(read.spec.name).toBe('web');
    expect(read.spec.protocol).toBe(API_DECIDED);
    expect(read.spec.affinity.type).toBe(API_DECIDED);
    expect(read.spec.portName).toBeUndefined();
    expect(read.spec.localityLbPolicy).toBeUndefined();
    expect(read.spec.timeout).toBeUndefined();
    expect(read.spec.logging).toEqual({ enabled: false });
    expect(read.spec.healthCheck).toBeUndefined();
    expect(read.spec.healthCheckName).toBe('');
    expect(PROVIDER_DEFAULT_DRAINING).toBe(300);
    expect(read.drainingSeconds).toBe(300);
    expect(read.drainingImplicit).toBe(true);
    expect(read.spec.draining.timeout.toSeconds()).toBe(300);
    expect(read.ttlAttribute).toBeUndefined();
    expect(read.ttlSeconds).toBeUndefined();
    expect(read.headerName).toBeUndefined();
    expect(read.healthCheckRefs).toEqual([]);
    expect(read.backends).toEqual([]);
  });

  test('set fields are read as set', () => {
    const hc = HealthCheck.http({ name: 'hc', port: 8080 });
    const read = readBackendService(
      resource(REGIONAL, {
        name: 'svc',
        protocol: 'HTTPS',
        port_name: 'https',
        locality_lb_policy: 'RING_HASH',
        timeout_sec: '45',
        connection_draining_timeout_sec: 0,
        health_checks: ['${google_compute_health_check.hc.id}', 7],
        backend: [
          { group: 'g1', balancing_mode: 'RATE', capacity_scaler: '0.5' },
          { group: AFTER_APPLY },
        ],
      }),
      hc,
    );
    expect(read.spec.name).toBe('svc');
    expect(read.spec.protocol).toBe('HTTPS');
    expect(read.spec.portName).toBe('https');
    expect(read.spec.localityLbPolicy).toBe('RING_HASH');
    expect(read.spec.timeout?.toSeconds()).toBe(45);
    expect(read.drainingSeconds).toBe(0);
    expect(read.drainingImplicit).toBe(false);
    expect(read.spec.draining.timeout.toSeconds()).toBe(0);
    expect(read.spec.healthCheck).toBe(hc);
    expect(read.spec.healthCheckName).toBe('hc');
    expect(read.healthCheckRefs).toEqual(['${google_compute_health_check.hc.id}']);
    expect(read.backends).toEqual([
      { group: 'g1', balancingMode: 'RATE', capacityScaler: 0.5 },
      { group: AFTER_APPLY, balancingMode: undefined, capacityScaler: undefined },
    ]);
    // One backend block, not a list (cdk.tf.json of a single block).
    expect(readBackendService(resource(GLOBAL, { backend: { group: 'g' } })).backends).toEqual([
      { group: 'g', balancingMode: undefined, capacityScaler: undefined },
    ]);
    expect(readBackendService(resource(GLOBAL, { health_checks: 'hc' })).healthCheckRefs).toEqual([
      'hc',
    ]);
  });

  test('an unknown draining stays unknown and is not implicit', () => {
    const read = readBackendService(
      resource(GLOBAL, { connection_draining_timeout_sec: '${var.d}' }),
    );
    expect(read.drainingSeconds).toBe('${var.d}');
    expect(read.drainingImplicit).toBe(false);
  });

  test('GENERATED_COOKIE: affinity_cookie_ttl_sec', () => {
    const read = readBackendService(
      resource(GLOBAL, { session_affinity: 'GENERATED_COOKIE', affinity_cookie_ttl_sec: 600 }),
    );
    expect(read.spec.affinity.type).toBe('GENERATED_COOKIE');
    expect(read.spec.affinity.ttl?.toSeconds()).toBe(600);
    expect(read.ttlAttribute).toBe('affinity_cookie_ttl_sec');
    expect(read.ttlSeconds).toBe(600);
    expect(read.attributes['sessionAffinity.ttl']).toBe('affinity_cookie_ttl_sec');
    expect(read.attributes.sessionAffinity).toBe('session_affinity');
    expect(read.attributes.draining).toBe('connection_draining_timeout_sec');
    // Without a TTL there is no TTL attribute to point at.
    const none = readBackendService(resource(GLOBAL, { session_affinity: 'GENERATED_COOKIE' }));
    expect(none.ttlAttribute).toBeUndefined();
    expect(none.ttlSeconds).toBeUndefined();
    expect(none.spec.affinity.ttl).toBeUndefined();
  });

  test('HTTP_COOKIE: consistent_hash.http_cookie, in both block forms', () => {
    for (const consistent_hash of [
      { http_cookie: { ttl: { seconds: 60 }, name: 'c', path: '/p' }, minimum_ring_size: 2048 },
      [
        {
          http_cookie: [{ ttl: [{ seconds: '60' }], name: 'c', path: '/p' }],
          minimum_ring_size: '2048',
        },
      ],
    ]) {
      const read = readBackendService(
        resource(GLOBAL, {
          session_affinity: 'HTTP_COOKIE',
          consistent_hash,
          // Not this type's field: never read as its TTL.
          affinity_cookie_ttl_sec: 5,
        }),
      );
      expect(read.ttlAttribute).toBe('consistent_hash.http_cookie.ttl.seconds');
      expect(read.ttlSeconds).toBe(60);
      expect(read.spec.affinity.ttl?.toSeconds()).toBe(60);
      expect(read.cookieName).toBe('c');
      expect(read.cookiePath).toBe('/p');
      expect(read.spec.affinity.cookieName).toBe('c');
      expect(read.spec.affinity.cookiePath).toBe('/p');
      expect(read.spec.affinity.minimumRingSize).toBe(2048);
      expect(read.attributes['sessionAffinity.ttl']).toBe(
        'consistent_hash.http_cookie.ttl.seconds',
      );
      expect(read.attributes['sessionAffinity.cookieName']).toBe(
        'consistent_hash.http_cookie.name',
      );
      expect(read.attributes['sessionAffinity.cookiePath']).toBe(
        'consistent_hash.http_cookie.path',
      );
    }
  });

  test('STRONG_COOKIE_AFFINITY: strong_session_affinity_cookie', () => {
    const read = readBackendService(
      resource(GLOBAL, {
        session_affinity: 'STRONG_COOKIE_AFFINITY',
        strong_session_affinity_cookie: [{ ttl: [{ seconds: 30 }], name: 's', path: '/' }],
      }),
    );
    expect(read.ttlAttribute).toBe('strong_session_affinity_cookie.ttl.seconds');
    expect(read.ttlSeconds).toBe(30);
    expect(read.cookieName).toBe('s');
    expect(read.cookiePath).toBe('/');
    expect(read.attributes['sessionAffinity.cookieName']).toBe(
      'strong_session_affinity_cookie.name',
    );
    expect(read.attributes['sessionAffinity.cookiePath']).toBe(
      'strong_session_affinity_cookie.path',
    );
  });

  test('cookie types with their blocks missing or partial read as unset', () => {
    const read = (values: Record<string, unknown>) => readBackendService(resource(GLOBAL, values));
    for (const values of [
      { session_affinity: 'STRONG_COOKIE_AFFINITY' },
      { session_affinity: 'STRONG_COOKIE_AFFINITY', strong_session_affinity_cookie: [] },
      { session_affinity: 'STRONG_COOKIE_AFFINITY', strong_session_affinity_cookie: { ttl: [] } },
      { session_affinity: 'HTTP_COOKIE' },
      { session_affinity: 'HTTP_COOKIE', consistent_hash: [{}] },
      { session_affinity: 'HTTP_COOKIE', consistent_hash: { http_cookie: [{ name: null }] } },
    ]) {
      const r = read(values);
      expect([values, r.ttlSeconds, r.ttlAttribute, r.cookieName, r.cookiePath]).toEqual([
        values,
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    }
    // A cookie block with a name but no TTL: the name is read, the TTL is unset.
    const named = read({
      session_affinity: 'STRONG_COOKIE_AFFINITY',
      strong_session_affinity_cookie: { name: 'n' },
    });
    expect([named.cookieName, named.ttlSeconds]).toEqual(['n', undefined]);
    const http = read({
      session_affinity: 'HTTP_COOKIE',
      consistent_hash: { http_cookie: { path: '/x' } },
    });
    expect([http.cookiePath, http.ttlSeconds]).toEqual(['/x', undefined]);
  });

  test('an empty backend entry (null) is read without failing, as a backend with nothing known', () => {
    const [b, ...rest] = readBackendService(resource(GLOBAL, { backend: [null] })).backends;
    expect(rest).toEqual([]);
    expect([b.balancingMode, b.capacityScaler]).toEqual([undefined, undefined]);
  });

  test('other types: no cookie TTL is theirs; HEADER_FIELD reads its header', () => {
    const clientIp = readBackendService(
      resource(GLOBAL, { session_affinity: 'CLIENT_IP', affinity_cookie_ttl_sec: 60 }),
    );
    expect(clientIp.ttlAttribute).toBeUndefined();
    expect(clientIp.ttlSeconds).toBeUndefined();
    expect(clientIp.headerName).toBeUndefined();
    expect(clientIp.attributes['sessionAffinity.ttl']).toBe('affinity_cookie_ttl_sec');

    const header = readBackendService(
      resource(GLOBAL, {
        session_affinity: 'HEADER_FIELD',
        consistent_hash: { http_header_name: 'X-User' },
      }),
    );
    expect(header.headerName).toBe('X-User');
    expect(header.spec.affinity.headerName).toBe('X-User');
    // The header is not read for another type.
    expect(
      readBackendService(
        resource(GLOBAL, {
          session_affinity: 'CLIENT_IP',
          consistent_hash: { http_header_name: 'X' },
        }),
      ).headerName,
    ).toBeUndefined();
  });

  test('logging: absent, enabled, disabled, unknown', () => {
    const log = (log_config: unknown) =>
      readBackendService(resource(GLOBAL, { log_config })).spec.logging;
    expect(log(undefined)).toEqual({ enabled: false });
    expect(log({ enable: true, sample_rate: '0.5' })).toEqual({ enabled: true, sampleRate: 0.5 });
    expect(log([{ enable: false }])).toEqual({ enabled: false, sampleRate: undefined });
    expect(log({ sample_rate: 1 })).toEqual({ enabled: false, sampleRate: 1 });
    expect(log({ enable: AFTER_APPLY })).toEqual({ enabled: undefined, sampleRate: undefined });
  });
});
