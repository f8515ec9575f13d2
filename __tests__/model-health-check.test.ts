/**
 * The health-check model (lib/terraform/google/health-check): which probe block decides the
 * protocol, the provider's defaults for the common fields, and the probed port, which the API
 * decides when neither `port` nor `USE_SERVING_PORT` is given.
 */
import { HealthCheck, HealthCheckProtocol, checkPortSpecification } from '../lib/gcp/health-check';
import { Duration } from '../lib/core/duration';
import { Vocabulary } from '../lib/core/rules';
import { API_DECIDED } from '../lib/core/unknown';
import {
  HEALTH_CHECK_DEFAULTS,
  HEALTH_CHECK_TYPES,
  readHealthCheck,
  readHealthCheckResource,
} from '../lib/terraform/google/health-check';

describe('readHealthCheck', () => {
  test('the probe block decides the protocol, in either block form', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ https_health_check: { port: 443 } }, 'HTTPS'],
      [{ http_health_check: [{ port: 80 }] }, 'HTTP'],
      [{ http2_health_check: {} }, 'HTTP2'],
      [{ tcp_health_check: [{}] }, 'TCP'],
      [{ ssl_health_check: {} }, 'SSL'],
      [{ grpc_health_check: {} }, 'GRPC'],
      [{ grpc_tls_health_check: {} }, 'GRPC_WITH_TLS'],
      [{}, '?'],
      [{ http_health_check: null, tcp_health_check: [] }, '?'],
      [{ http_health_check: null, tcp_health_check: {} }, 'TCP'],
    ];
    for (const [values, protocol] of cases)
      expect([values, readHealthCheck(values).protocol]).toEqual([values, protocol]);
  });

  test('HTTP-family probes give an HTTP(S) health check with path, host and response', () => {
    const http = readHealthCheck({
      name: 'hc',
      http_health_check: { port: '8080', request_path: '/healthz', host: 'web', response: 'ok' },
    });
    expect(http.probe).toEqual({
      port: '8080',
      request_path: '/healthz',
      host: 'web',
      response: 'ok',
    });
    expect(http.port).toBe(8080);
    expect(http.healthCheck.protocol).toBe(HealthCheckProtocol.HTTP);
    expect(http.healthCheck.name).toBe('hc');
    expect(http.healthCheck.port).toBe(8080);
    expect(http.healthCheck.requestPath).toBe('/healthz');
    expect(http.healthCheck.host).toBe('web');
    expect(http.healthCheck.response).toBe('ok');

    const https = readHealthCheck({ https_health_check: { port: 443 } });
    expect(https.healthCheck.protocol).toBe(HealthCheckProtocol.HTTPS);
    // The provider's request_path default.
    expect(https.healthCheck.requestPath).toBe('/');
    expect(https.healthCheck.host).toBeUndefined();
    expect(https.healthCheck.response).toBeUndefined();
    expect(readHealthCheck({ http2_health_check: { port: 443 } }).healthCheck.protocol).toBe(
      HealthCheckProtocol.HTTPS,
    );
  });

  test('other probes give a TCP health check without a request path', () => {
    for (const key of ['tcp_health_check', 'ssl_health_check', 'grpc_health_check']) {
      const read = readHealthCheck({ [key]: { port: 9000, request_path: '/x' } });
      expect(read.healthCheck.protocol).toBe(HealthCheckProtocol.TCP);
      expect(read.healthCheck.port).toBe(9000);
      expect(read.healthCheck.requestPath).toBeUndefined();
    }
    expect(readHealthCheck({}).healthCheck.protocol).toBe(HealthCheckProtocol.TCP);
  });

  test("unset common fields read as the provider's defaults", () => {
    expect(HEALTH_CHECK_DEFAULTS).toEqual({
      check_interval_sec: 5,
      timeout_sec: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 2,
    });
    const read = readHealthCheck({ tcp_health_check: { port: 22 } });
    expect(read.intervalSeconds).toBe(5);
    expect(read.timeoutSeconds).toBe(5);
    expect(read.healthCheck.interval.toSeconds()).toBe(5);
    expect(read.healthCheck.timeout.toSeconds()).toBe(5);
    expect(read.healthCheck.healthyThreshold).toBe(2);
    expect(read.healthCheck.unhealthyThreshold).toBe(2);
    expect(read.healthCheck.name).toBeUndefined();
  });

  test('set common fields are read, numeric strings included', () => {
    const read = readHealthCheck({
      tcp_health_check: { port: 22 },
      check_interval_sec: '10',
      timeout_sec: 3,
      healthy_threshold: 4,
      unhealthy_threshold: '6',
    });
    expect(read.intervalSeconds).toBe(10);
    expect(read.timeoutSeconds).toBe(3);
    expect(read.healthCheck.interval.toSeconds()).toBe(10);
    expect(read.healthCheck.timeout.toSeconds()).toBe(3);
    expect(read.healthCheck.healthyThreshold).toBe(4);
    expect(read.healthCheck.unhealthyThreshold).toBe(6);
  });

  test('the probed port: given, the serving port, a reference, or left to the API', () => {
    expect(readHealthCheck({ http_health_check: { port: 81 } }).port).toBe(81);
    expect(
      readHealthCheck({ http_health_check: { port_specification: 'USE_SERVING_PORT' } }).port,
    ).toBeUndefined();
    expect(readHealthCheck({ http_health_check: { port: '${var.port}' } }).port).toBe(
      '${var.port}',
    );
    expect(readHealthCheck({ http_health_check: { port_name: 'http' } }).port).toBe(API_DECIDED);
    expect(
      readHealthCheck({ http_health_check: { port_specification: 'USE_NAMED_PORT' } }).port,
    ).toBe(API_DECIDED);
    expect(readHealthCheck({ tcp_health_check: {} }).port).toBe(API_DECIDED);
    expect(readHealthCheck({}).port).toBe(API_DECIDED);
  });

  test('a resource is read from its values; both types are health checks', () => {
    const read = readHealthCheckResource({
      address: 'google_compute_region_health_check.hc',
      type: 'google_compute_region_health_check',
      values: { name: 'r', tcp_health_check: [{ port: 5432 }] },
      source: 's',
      suppressions: [],
    });
    expect(read.protocol).toBe('TCP');
    expect(read.port).toBe(5432);
    expect(read.healthCheck.name).toBe('r');
    expect(HEALTH_CHECK_TYPES).toEqual([
      'google_compute_health_check',
      'google_compute_region_health_check',
    ]);
  });
});

describe('H6 port specification, as the provider refuses it at plan (validatePortSpec)', () => {
  const check = (probe: Record<string, unknown> | undefined) =>
    checkPortSpecification(probe, 'http_health_check').map((v) => `${v.attribute} ${v.value}`);

  test.each([
    [{ port_specification: 'USE_NAMED_PORT' }, ['http_health_check.port_name not set']],
    [
      { port_specification: 'USE_NAMED_PORT', port_name: '' },
      ['http_health_check.port_name not set'],
    ],
    [
      { port_specification: 'USE_NAMED_PORT', port_name: null },
      ['http_health_check.port_name not set'],
    ],
    [{ port_specification: 'USE_NAMED_PORT', port_name: 'http' }, []],
    [{ port_specification: 'USE_NAMED_PORT', port_name: '${var.name}' }, []],
    [
      { port_specification: 'USE_NAMED_PORT', port_name: 'http', port: 80 },
      ['http_health_check.port 80'],
    ],
    [
      { port_specification: 'USE_NAMED_PORT', port: 1 },
      ['http_health_check.port 1', 'http_health_check.port_name not set'],
    ],
    [{ port_specification: 'USE_NAMED_PORT', port_name: 'http', port: 0 }, []],
    [{ port_specification: 'USE_NAMED_PORT', port_name: 'http', port: '${var.port}' }, []],
    [{ port_specification: 'USE_SERVING_PORT' }, []],
    [{ port_specification: 'USE_SERVING_PORT', port: 8080 }, ['http_health_check.port 8080']],
    [
      { port_specification: 'USE_SERVING_PORT', port_name: 'http' },
      ['http_health_check.port_name "http"'],
    ],
    [{ port_specification: 'USE_SERVING_PORT', port_name: '' }, []],
    [{ port_specification: 'USE_SERVING_PORT', port_name: '${var.n}' }, []],
    [{ port_specification: 'USE_FIXED_PORT', port: 8080, port_name: 'http' }, []],
    [{ port_specification: '${var.spec}', port: 8080 }, []],
    [{ port: 8080 }, []],
    [undefined, []],
  ])('%j: %j', (probe, found) => {
    expect(check(probe)).toEqual(found);
  });

  test('each finding is an H6 with what is allowed and the fix', () => {
    const [v] = checkPortSpecification(
      { port_specification: 'USE_NAMED_PORT' },
      'http_health_check',
    );
    expect(v).toMatchObject({
      rule: 'H6',
      problem: expect.stringMatching(/Must specify port_name when using USE_NAMED_PORT/),
      allowed: expect.stringMatching(/named port/),
      fix: expect.stringMatching(/set port_name/),
    });
  });
});

describe('H6 port specification: each finding in full', () => {
  const at = 'http_health_check';
  test('a port with USE_NAMED_PORT or USE_SERVING_PORT', () => {
    expect(
      checkPortSpecification(
        { port_specification: 'USE_NAMED_PORT', port_name: 'http', port: 80 },
        at,
      ),
    ).toEqual([
      {
        rule: 'H6',
        attribute: 'http_health_check.port',
        value: '80',
        problem:
          'is set with port_specification = "USE_NAMED_PORT": terraform plan fails ("port cannot be specified when using port_specification USE_NAMED_PORT")',
        allowed: 'no port with USE_NAMED_PORT',
        fix: 'remove port (the named port gives it), or use port_specification = "USE_FIXED_PORT"',
      },
    ]);
    expect(
      checkPortSpecification({ port_specification: 'USE_SERVING_PORT', port: 80 }, at),
    ).toEqual([
      expect.objectContaining({
        allowed: 'no port with USE_SERVING_PORT',
        fix: 'remove port (the serving port is probed), or use port_specification = "USE_FIXED_PORT"',
      }),
    ]);
  });

  test('a port_name with USE_SERVING_PORT', () => {
    expect(
      checkPortSpecification({ port_specification: 'USE_SERVING_PORT', port_name: 'http' }, at),
    ).toEqual([
      {
        rule: 'H6',
        attribute: 'http_health_check.port_name',
        value: '"http"',
        problem:
          'is set with port_specification = "USE_SERVING_PORT": terraform plan fails ("port_name cannot be specified when using port_specification USE_SERVING_PORT")',
        allowed: 'no port_name with USE_SERVING_PORT',
        fix: 'remove port_name (the serving port is probed), or use port_specification = "USE_NAMED_PORT"',
      },
    ]);
  });

  test('a null probe or a null port is no finding', () => {
    expect(checkPortSpecification(null as unknown as Record<string, unknown>, at)).toEqual([]);
    expect(
      checkPortSpecification({ port_specification: 'USE_SERVING_PORT', port: null }, at),
    ).toEqual([]);
  });
});

describe('HealthCheck: values read from Terraform, messages in each vocabulary, summary', () => {
  test('a health check read from Terraform keeps a wrong type for the rules to report', () => {
    const read = HealthCheck._read(HealthCheckProtocol.HTTP, {
      port: 'eighty' as unknown as number,
    });
    expect(read.port).toBe('eighty');
    expect(() => HealthCheck.http({ port: 'eighty' as unknown as number })).toThrow(
      /healthCheck\.port "eighty" is not a number/,
    );
  });

  test('options that are not an object are reported as the health check', () => {
    expect(() => HealthCheck.http('x' as unknown as object)).toThrow(
      /^healthCheck "x" is not an? /,
    );
  });

  test('H2 and H6 fixes in Terraform and manifest terms', () => {
    const slow = HealthCheck.http({
      interval: Duration.seconds(5),
      timeout: Duration.seconds(10),
    });
    const h2 = (vocabulary: Vocabulary) =>
      slow._validate('hc', false, vocabulary).find((v) => v.rule === 'H2')?.fix;
    expect(h2(Vocabulary.TERRAFORM)).toBe(
      'lower timeout_sec to at most check_interval_sec, or raise check_interval_sec',
    );
    expect(h2(Vocabulary.MANIFEST)).toBe(
      'lower timeoutSec to at most checkIntervalSec, or raise checkIntervalSec',
    );
    const h6 = HealthCheck.tcp()
      ._validate('hc', true, Vocabulary.TERRAFORM)
      .find((v) => v.rule === 'H6');
    expect(h6?.fix).toBe(
      'set port in the health check block, e.g. tcp_health_check { port = 4822 }',
    );
  });

  test('H5: the fix drops every leading slash and the bad characters', () => {
    const h5 = HealthCheck.http({ requestPath: '//he alth' })
      .validate('hc', false)
      .find((v) => v.rule === 'H5');
    expect(h5?.fix).toBe('use "/health"');
  });

  test('H8: DEL is ASCII; the first character past it is not', () => {
    const h8 = (response: string) =>
      HealthCheck.http({ response })
        .validate('hc', false)
        .filter((v) => v.rule === 'H8');
    expect(h8('ok\x7f')).toEqual([]);
    expect(h8('ok\x80')).toHaveLength(1);
  });

  test('toString summarises the probe', () => {
    expect(HealthCheck.tcp().toString()).toMatch(/^TCP serving port every \d+s \(timeout \d+s\)$/);
    expect(HealthCheck.http({ port: 8080, requestPath: '/h' }).toString()).toMatch(
      /^HTTP :8080 \/h every \d+s/,
    );
  });
});
