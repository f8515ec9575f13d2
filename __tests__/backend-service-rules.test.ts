/**
 * The backend-service rules (lib/gcp/backend-service-rules) called directly, without cdktf:
 * every finding in full (attribute, value, problem, allowed, fix) in each vocabulary, and the
 * settings at each bound that must give none. The same rules through the construct, the Aspect
 * and lint are in rules.test.ts; these cases pin the messages and the edges.
 */
import { Duration } from '../lib/core/duration';
import { DrainingPolicy } from '../lib/core/draining-policy';
import { Vocabulary } from '../lib/core/rules';
import {
  BackendOptions,
  ServiceSpec,
  checkBackendTimeout,
  describeService,
  checkLoadBalancerDraining,
  indexGroupUsers,
  validateBackends,
  validateService,
  validateSharedGroups,
} from '../lib/gcp/backend-service-rules';
import { HealthCheck } from '../lib/gcp/health-check';
import { IInstanceGroup } from '../lib/gcp/instance-group';
import {
  BackendProtocol as P,
  BalancingMode as B,
  LoadBalancerKind as K,
  LoadBalancingScheme as S,
  LocalityLbPolicy as L,
} from '../lib/gcp/load-balancing';
import { SessionAffinity } from '../lib/gcp/session-affinity';

const TF = Vocabulary.TERRAFORM;
const M = Vocabulary.MANIFEST;
const spec = (o: Partial<ServiceSpec> = {}): ServiceSpec => ({
  name: 'svc',
  regional: false,
  scheme: S.EXTERNAL_MANAGED,
  protocol: P.HTTP,
  affinity: SessionAffinity.none(),
  draining: DrainingPolicy.of(Duration.seconds(300)),
  logging: {},
  healthCheckName: 'svc-hc',
  ...o,
});
const group = (name = 'a', o: Partial<IInstanceGroup> = {}): IInstanceGroup => ({
  instanceGroupUrl: `url-${name}`,
  groupName: `group-${name}`,
  zone: 'us-west1-a',
  namedPorts: [{ name: 'http', port: 80 }],
  knowsNamedPorts: true,
  maxInstances: 2,
  autoscalesOnLoadBalancing: false,
  ...o,
});
const tcp = { scheme: S.EXTERNAL_MANAGED, protocol: P.TCP };
const nlb = { regional: true, scheme: S.EXTERNAL, protocol: P.TCP };
const ilb = { regional: true, scheme: S.INTERNAL, protocol: P.TCP };
const backends = (s: Partial<ServiceSpec>, ...b: Partial<BackendOptions>[]) =>
  validateBackends(
    spec(s),
    b.map((x) => ({ group: group(), ...x })),
  );
const token = '${var.x}' as never;

/** [title, findings] */
/** [title, findings, what they must be] */
const CASES: [string, () => unknown, unknown][] = [
  // checkLoadBalancerDraining (T1)
  [
    'T1: 3600 s is the most',
    () => checkLoadBalancerDraining('d', DrainingPolicy.of(Duration.seconds(3600)), true),
    { errors: [], warnings: [] },
  ],
  [
    'T1: 3601 s, construct',
    () => checkLoadBalancerDraining('d', DrainingPolicy.of(Duration.seconds(3601)), true),
    {
      errors: [
        {
          rule: 'T1',
          attribute: 'd',
          value: '3601s',
          problem: 'is out of range',
          allowed: '0s..3600s (1 hour)',
          fix: 'use at most DrainingPolicy.of(Duration.hours(1)), the most Google Cloud drains',
        },
      ],
      warnings: [],
    },
  ],
  [
    'T1: 3601 s, terraform',
    () => checkLoadBalancerDraining('d', DrainingPolicy.of(Duration.seconds(3601)), true, TF),
    {
      errors: [
        {
          rule: 'T1',
          attribute: 'd',
          value: '3601s',
          problem: 'is out of range',
          allowed: '0s..3600s (1 hour)',
          fix: 'set connection_draining_timeout_sec to at most 3600, the most Google Cloud drains',
        },
      ],
      warnings: [],
    },
  ],
  [
    'T1: 3601 s, manifest',
    () => checkLoadBalancerDraining('d', DrainingPolicy.of(Duration.seconds(3601)), true, M),
    {
      errors: [
        {
          rule: 'T1',
          attribute: 'd',
          value: '3601s',
          problem: 'is out of range',
          allowed: '0s..3600s (1 hour)',
          fix: 'set connectionDraining.drainingTimeoutSec to at most 3600, the most Google Cloud drains',
        },
      ],
      warnings: [],
    },
  ],
  [
    'T1: disabled on a proxy, construct',
    () => checkLoadBalancerDraining('d', DrainingPolicy.disabled(), true),
    {
      errors: [],
      warnings: [
        {
          rule: 'T1',
          attribute: 'd',
          value: '0s',
          problem:
            'disables connection draining: removing or replacing a backend cuts its in-flight requests and open sessions',
          allowed:
            'a drain as long as the longest request or session the load balancer must finish (at most 3600 s)',
          fix: 'use DrainingPolicy.of(Duration.seconds(60)) or longer, or keep 0 if cutting connections is intended',
        },
      ],
    },
  ],
  [
    'T1: disabled on a proxy, terraform',
    () => checkLoadBalancerDraining('d', DrainingPolicy.disabled(), true, TF),
    {
      errors: [],
      warnings: [
        {
          rule: 'T1',
          attribute: 'd',
          value: '0s',
          problem:
            'disables connection draining: removing or replacing a backend cuts its in-flight requests and open sessions',
          allowed:
            'a drain as long as the longest request or session the load balancer must finish (at most 3600 s)',
          fix: 'set connection_draining_timeout_sec to 60 or more, or keep 0 if cutting connections is intended',
        },
      ],
    },
  ],
  [
    'T1: disabled on a proxy, manifest',
    () => checkLoadBalancerDraining('d', DrainingPolicy.disabled(), true, M),
    {
      errors: [],
      warnings: [
        {
          rule: 'T1',
          attribute: 'd',
          value: '0s',
          problem:
            'disables connection draining: removing or replacing a backend cuts its in-flight requests and open sessions',
          allowed:
            'a drain as long as the longest request or session the load balancer must finish (at most 3600 s)',
          fix: 'set connectionDraining.drainingTimeoutSec to 60 or more, or keep 0 if cutting connections is intended',
        },
      ],
    },
  ],
  [
    'T1: disabled on a passthrough',
    () => checkLoadBalancerDraining('d', DrainingPolicy.disabled(), false),
    { errors: [], warnings: [] },
  ],
  // checkBackendTimeout (T2)
  [
    'T2: 0 s, construct',
    () => checkBackendTimeout('timeout', Duration.seconds(0), K.GLOBAL_EXTERNAL_ALB),
    {
      errors: [
        {
          rule: 'T2',
          attribute: 'timeout',
          value: '0s',
          problem: 'is out of range',
          allowed: '1s or more',
          fix: 'use Duration.seconds(1) or more (30 s is the API default)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'T2: 0 s, terraform',
    () => checkBackendTimeout('timeout', Duration.seconds(0), K.GLOBAL_EXTERNAL_ALB, TF),
    {
      errors: [
        {
          rule: 'T2',
          attribute: 'timeout',
          value: '0s',
          problem: 'is out of range',
          allowed: '1s or more',
          fix: 'set timeout_sec to 1 or more, or remove it for the API default of 30',
        },
      ],
      warnings: [],
    },
  ],
  [
    'T2: 0 s, manifest',
    () => checkBackendTimeout('timeout', Duration.seconds(0), K.GLOBAL_EXTERNAL_ALB, M),
    {
      errors: [
        {
          rule: 'T2',
          attribute: 'timeout',
          value: '0s',
          problem: 'is out of range',
          allowed: '1s or more',
          fix: 'set timeoutSec to 1 or more, or remove it for the API default of 30',
        },
      ],
      warnings: [],
    },
  ],
  [
    'T2: 1 s',
    () => checkBackendTimeout('timeout', Duration.seconds(1), K.GLOBAL_EXTERNAL_ALB),
    { errors: [], warnings: [] },
  ],
  [
    'T2: two days, load balancer unknown',
    () => checkBackendTimeout('timeout', Duration.days(2), undefined),
    { errors: [], warnings: [] },
  ],
  [
    'T2: on a passthrough, construct',
    () => checkBackendTimeout('timeout', Duration.seconds(30), K.INTERNAL_PASSTHROUGH_NLB),
    {
      errors: [],
      warnings: [
        {
          rule: 'T2',
          attribute: 'timeout',
          value: '30s',
          problem: 'is ignored by internal passthrough Network Load Balancers',
          allowed: 'no timeout on passthrough load balancers',
          fix: 'remove timeout',
        },
      ],
    },
  ],
  [
    'T2: on a passthrough, terraform',
    () => checkBackendTimeout('timeout', Duration.seconds(30), K.EXTERNAL_PASSTHROUGH_NLB, TF),
    {
      errors: [],
      warnings: [
        {
          rule: 'T2',
          attribute: 'timeout',
          value: '30s',
          problem: 'is ignored by external passthrough Network Load Balancers',
          allowed: 'no timeout on passthrough load balancers',
          fix: 'remove timeout_sec',
        },
      ],
    },
  ],
  [
    'T2: one day',
    () => checkBackendTimeout('timeout', Duration.seconds(86_400), K.GLOBAL_EXTERNAL_ALB),
    { errors: [], warnings: [] },
  ],
  [
    'T2: one day and a second, construct',
    () => checkBackendTimeout('timeout', Duration.seconds(86_401), K.GLOBAL_EXTERNAL_ALB),
    {
      errors: [],
      warnings: [
        {
          rule: 'T2',
          attribute: 'timeout',
          value: '86401s',
          problem:
            'is above one day; Google Front Ends restart periodically, so longer connections are cut anyway',
          allowed: 'at most one day (86400 s)',
          fix: 'use Duration.days(1) or less and let clients reconnect',
        },
      ],
    },
  ],
  [
    'T2: one day and a second, terraform',
    () => checkBackendTimeout('timeout', Duration.seconds(86_401), K.INTERNAL_ALB, TF),
    {
      errors: [],
      warnings: [
        {
          rule: 'T2',
          attribute: 'timeout',
          value: '86401s',
          problem:
            'is above one day; Google Front Ends restart periodically, so longer connections are cut anyway',
          allowed: 'at most one day (86400 s)',
          fix: 'set timeout_sec to 86400 or less and let clients reconnect',
        },
      ],
    },
  ],
  [
    'T2: two days on Cloud Service Mesh',
    () => checkBackendTimeout('timeout', Duration.days(2), K.TRAFFIC_DIRECTOR),
    { errors: [], warnings: [] },
  ],
  [
    'T2: a token on a proxy',
    () => checkBackendTimeout('timeout', Duration._read(token), K.GLOBAL_EXTERNAL_ALB),
    { errors: [], warnings: [] },
  ],
  // validateService: names and B1
  [
    'name: a bad name',
    () => validateService(spec({ name: 'Svc_1' })),
    {
      errors: [
        {
          rule: 'N1',
          attribute: 'name',
          value: '"Svc_1"',
          problem: 'is not a valid Google Cloud resource name (RFC 1035)',
          allowed:
            'lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, 1..63 characters; at most 63 characters here',
          fix: 'set name to e.g. "svc-1"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'name: 61 characters with an unnamed health check (-hc)',
    () => validateService(spec({ name: 'a'.repeat(61), healthCheck: HealthCheck.http() })),
    {
      errors: [
        {
          rule: 'N1',
          attribute: 'name',
          value: '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
          problem:
            'is 61 characters long, too long for a valid Google Cloud resource name (RFC 1035) once "-hc" is appended',
          allowed:
            'lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, 1..63 characters; at most 60 characters here',
          fix: 'set name to e.g. "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'name: 61 characters with a named health check',
    () =>
      validateService(
        spec({ name: 'a'.repeat(61), healthCheck: HealthCheck.http({ name: 'hc' }) }),
      ),
    { errors: [], warnings: [] },
  ],
  [
    'B1: INTERNAL on a global service, construct',
    () => validateService(spec({ scheme: S.INTERNAL, name: 'BAD' })),
    {
      errors: [
        {
          rule: 'N1',
          attribute: 'name',
          value: '"BAD"',
          problem: 'is not a valid Google Cloud resource name (RFC 1035)',
          allowed:
            'lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, 1..63 characters; at most 63 characters here',
          fix: 'set name to e.g. "bad"',
        },
        {
          rule: 'B1',
          attribute: 'loadBalancingScheme',
          value: 'INTERNAL',
          problem: 'is not accepted by a global backend service',
          allowed: 'EXTERNAL, EXTERNAL_MANAGED, INTERNAL_MANAGED, INTERNAL_SELF_MANAGED',
          fix: 'set `region` to make a regional backend service (INTERNAL is regional only)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B1: INTERNAL on a global service, terraform',
    () => validateService(spec({ scheme: S.INTERNAL }), TF),
    {
      errors: [
        {
          rule: 'B1',
          attribute: 'loadBalancingScheme',
          value: 'INTERNAL',
          problem: 'is not accepted by a global backend service',
          allowed: 'EXTERNAL, EXTERNAL_MANAGED, INTERNAL_MANAGED, INTERNAL_SELF_MANAGED',
          fix: 'use a google_compute_region_backend_service (INTERNAL is regional only)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B1: lower case, construct',
    () => validateService(spec({ scheme: 'external_managed' as S })),
    {
      errors: [
        {
          rule: 'B1',
          attribute: 'loadBalancingScheme',
          value: 'external_managed',
          problem: 'is not accepted by a global backend service',
          allowed: 'EXTERNAL, EXTERNAL_MANAGED, INTERNAL_MANAGED, INTERNAL_SELF_MANAGED',
          fix: 'use LoadBalancingScheme.EXTERNAL_MANAGED (the values are upper case)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B1: lower case, terraform',
    () => validateService(spec({ scheme: 'internal' as S, regional: true }), TF),
    {
      errors: [
        {
          rule: 'B1',
          attribute: 'loadBalancingScheme',
          value: 'internal',
          problem: 'is not accepted by a regional backend service',
          allowed: 'EXTERNAL, EXTERNAL_MANAGED, INTERNAL, INTERNAL_MANAGED',
          fix: 'set load_balancing_scheme = "INTERNAL" (the values are upper case)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B1: INTERNAL_SELF_MANAGED on a regional service, construct',
    () => validateService(spec({ scheme: S.INTERNAL_SELF_MANAGED, regional: true })),
    {
      errors: [
        {
          rule: 'B1',
          attribute: 'loadBalancingScheme',
          value: 'INTERNAL_SELF_MANAGED',
          problem:
            'is not accepted by a regional backend service in hashicorp/google 6.50.0, the provider this package pins (accepted from 7.24.0; terraform plan fails on earlier versions)',
          allowed: 'EXTERNAL, EXTERNAL_MANAGED, INTERNAL, INTERNAL_MANAGED',
          fix: 'remove `region`: INTERNAL_SELF_MANAGED is global only',
          acceptedFrom: '7.24.0',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B1: INTERNAL_SELF_MANAGED on a regional service, terraform',
    () => validateService(spec({ scheme: S.INTERNAL_SELF_MANAGED, regional: true }), TF),
    {
      errors: [
        {
          rule: 'B1',
          attribute: 'loadBalancingScheme',
          value: 'INTERNAL_SELF_MANAGED',
          problem:
            'is not accepted by a regional backend service in hashicorp/google 6.50.0, the provider this package pins (accepted from 7.24.0; terraform plan fails on earlier versions)',
          allowed: 'EXTERNAL, EXTERNAL_MANAGED, INTERNAL, INTERNAL_MANAGED',
          fix: 'use a google_compute_backend_service (INTERNAL_SELF_MANAGED is global only before hashicorp/google 7.24.0), or require hashicorp/google >= 7.24.0 in required_providers',
          acceptedFrom: '7.24.0',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B1: not a scheme',
    () => validateService(spec({ scheme: 'PUBLIC' as S })),
    {
      errors: [
        {
          rule: 'B1',
          attribute: 'loadBalancingScheme',
          value: 'PUBLIC',
          problem: 'is not accepted by a global backend service',
          allowed: 'EXTERNAL, EXTERNAL_MANAGED, INTERNAL_MANAGED, INTERNAL_SELF_MANAGED',
          fix: 'choose the scheme of the load balancer this service serves',
        },
      ],
      warnings: [],
    },
  ],
  // B2
  [
    'B2: UDP on a global service, construct',
    () => validateService(spec({ protocol: P.UDP })),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'UDP',
          problem: 'is not accepted with scheme EXTERNAL_MANAGED on a global backend service',
          allowed: 'HTTP, HTTPS, HTTP2, H2C, TCP, SSL',
          fix: 'for UDP set region and use loadBalancingScheme: LoadBalancingScheme.EXTERNAL or LoadBalancingScheme.INTERNAL; otherwise use a protocol EXTERNAL_MANAGED accepts',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: UDP on a global service, terraform',
    () => validateService(spec({ protocol: P.UDP }), TF),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'UDP',
          problem: 'is not accepted with scheme EXTERNAL_MANAGED on a global backend service',
          allowed: 'HTTP, HTTPS, HTTP2, H2C, TCP, SSL',
          fix: 'for UDP use a google_compute_region_backend_service with load_balancing_scheme = "EXTERNAL" or "INTERNAL"; otherwise use a protocol EXTERNAL_MANAGED accepts',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: GRPC on a regional service, construct',
    () => validateService(spec({ regional: true, scheme: S.INTERNAL_MANAGED, protocol: P.GRPC })),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'GRPC',
          problem: 'is not accepted with scheme INTERNAL_MANAGED on a regional backend service',
          allowed: 'HTTP, HTTPS, HTTP2, H2C, TCP',
          fix: 'for GRPC remove region and use loadBalancingScheme: LoadBalancingScheme.INTERNAL_SELF_MANAGED; otherwise use a protocol INTERNAL_MANAGED accepts',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: GRPC on a regional service, terraform',
    () =>
      validateService(spec({ regional: true, scheme: S.INTERNAL_MANAGED, protocol: P.GRPC }), TF),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'GRPC',
          problem: 'is not accepted with scheme INTERNAL_MANAGED on a regional backend service',
          allowed: 'HTTP, HTTPS, HTTP2, H2C, TCP',
          fix: 'for GRPC use a google_compute_backend_service with load_balancing_scheme = "INTERNAL_SELF_MANAGED"; otherwise use a protocol INTERNAL_MANAGED accepts',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: lower case',
    () => validateService(spec({ protocol: 'https' as P }), TF),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'https',
          problem: 'is not accepted with scheme EXTERNAL_MANAGED on a global backend service',
          allowed: 'HTTP, HTTPS, HTTP2, H2C, TCP, SSL',
          fix: 'set protocol = "HTTPS" (the values are upper case)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: SSL on INTERNAL_MANAGED (another global scheme takes it)',
    () => validateService(spec({ scheme: S.INTERNAL_MANAGED, protocol: P.SSL })),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'SSL',
          problem: 'is not accepted with scheme INTERNAL_MANAGED on a global backend service',
          allowed: 'HTTP, HTTPS, HTTP2, H2C, TCP',
          fix: 'for SSL use loadBalancingScheme: LoadBalancingScheme.EXTERNAL or LoadBalancingScheme.EXTERNAL_MANAGED; otherwise use a protocol INTERNAL_MANAGED accepts',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: SSL on INTERNAL_MANAGED, terraform',
    () => validateService(spec({ scheme: S.INTERNAL_MANAGED, protocol: P.SSL }), TF),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'SSL',
          problem: 'is not accepted with scheme INTERNAL_MANAGED on a global backend service',
          allowed: 'HTTP, HTTPS, HTTP2, H2C, TCP',
          fix: 'for SSL set load_balancing_scheme = "EXTERNAL" or "EXTERNAL_MANAGED"; otherwise use a protocol INTERNAL_MANAGED accepts',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: UDP on a regional EXTERNAL_MANAGED service',
    () => validateService(spec({ regional: true, protocol: P.UDP })),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'UDP',
          problem: 'is not accepted with scheme EXTERNAL_MANAGED on a regional backend service',
          allowed: 'HTTP, HTTPS, HTTP2, H2C, TCP',
          fix: 'for UDP use loadBalancingScheme: LoadBalancingScheme.EXTERNAL or LoadBalancingScheme.INTERNAL; otherwise use a protocol EXTERNAL_MANAGED accepts',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: not a protocol',
    () => validateService(spec({ protocol: 'QUIC' as P })),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'QUIC',
          problem: 'is not accepted with scheme EXTERNAL_MANAGED on a global backend service',
          allowed: 'HTTP, HTTPS, HTTP2, H2C, TCP, SSL',
          fix: 'use a protocol EXTERNAL_MANAGED accepts',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: HTTP on a regional EXTERNAL service is risky',
    () => validateService(spec({ regional: true, scheme: S.EXTERNAL, protocol: P.HTTP })),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'HTTP',
          problem: 'is not accepted with scheme EXTERNAL on a regional backend service',
          allowed: 'TCP, UDP, UNSPECIFIED',
          fix: 'for HTTP use loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED or LoadBalancingScheme.INTERNAL_MANAGED; otherwise use a protocol EXTERNAL accepts',
          basis: 'risky',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B2: HTTP on a regional INTERNAL service is refused',
    () => validateService(spec({ regional: true, scheme: S.INTERNAL, protocol: P.HTTP })),
    {
      errors: [
        {
          rule: 'B2',
          attribute: 'protocol',
          value: 'HTTP',
          problem: 'is not accepted with scheme INTERNAL on a regional backend service',
          allowed: 'TCP, UDP, UNSPECIFIED',
          fix: 'for HTTP use loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED or LoadBalancingScheme.INTERNAL_MANAGED; otherwise use a protocol INTERNAL accepts',
        },
      ],
      warnings: [],
    },
  ],
  // unknowns
  [
    'a token scheme: only the rules without the load balancer',
    () =>
      validateService(
        spec({
          scheme: token,
          protocol: P.UDP,
          localityLbPolicy: L.WEIGHTED_MAGLEV,
          logging: { sampleRate: 2 },
          timeout: Duration.days(2),
          draining: DrainingPolicy.disabled(),
        }),
      ),
    {
      errors: [
        {
          rule: 'T3',
          attribute: 'logging.sampleRate',
          value: '2',
          problem: 'is out of range',
          allowed: '0..1',
          fix: 'use the fraction of requests to log (1 logs every request)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'a token protocol',
    () =>
      validateService(
        spec({
          protocol: token,
          localityLbPolicy: L.WEIGHTED_MAGLEV,
          timeout: Duration.days(2),
          draining: DrainingPolicy.disabled(),
        }),
      ),
    { errors: [], warnings: [] },
  ],
  // B5
  [
    'B5: INTERNAL with a port name',
    () => validateService(spec({ ...ilb, portName: 'http' })),
    {
      errors: [
        {
          rule: 'B5',
          attribute: 'portName',
          value: '"http"',
          problem: 'is set on an INTERNAL (passthrough) backend service, which must not have one',
          allowed: 'no portName with INTERNAL',
          fix: 'remove portName; passthrough load balancers forward to the packet destination port',
        },
      ],
      warnings: [],
    },
  ],
  [
    'B5: a port name that is no name',
    () => validateService(spec({ portName: 'Http_1' })),
    {
      errors: [
        {
          rule: 'N1',
          attribute: 'portName',
          value: '"Http_1"',
          problem: 'is not a valid Google Cloud resource name (RFC 1035)',
          allowed:
            'lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, 1..63 characters; at most 63 characters here',
          fix: 'set portName to e.g. "http-1"',
        },
      ],
      warnings: [],
    },
  ],
  // affinity goes through
  [
    'S1 through the service',
    () => validateService(spec({ ...nlb, affinity: SessionAffinity.generatedCookie() })),
    {
      errors: [
        {
          rule: 'S1',
          attribute: 'sessionAffinity',
          value: 'GENERATED_COOKIE',
          problem:
            'is not accepted by an EXTERNAL TCP regional backend service (external passthrough Network Load Balancer); the API rejects it at apply',
          allowed: 'NONE, CLIENT_IP, CLIENT_IP_PROTO, CLIENT_IP_PORT_PROTO',
          fix: 'use SessionAffinity.clientIp(): this load balancer has no HTTP-level affinity',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S5b warning through the service',
    () =>
      validateService(
        spec({ affinity: SessionAffinity.generatedCookie({ ttl: Duration.days(2) }) }),
      ),
    {
      errors: [],
      warnings: [
        {
          rule: 'S5b',
          attribute: 'sessionAffinity.ttl',
          value: '2 days (172800s)',
          problem:
            'is above one day; the API accepts up to 14 days, but provider docs and GKE BackendConfig still state a one-day limit',
          allowed: '0..1209600s (one day or less is safe everywhere)',
          fix: 'keep it if you rely on the API limit, or use Duration.days(1) or less',
        },
      ],
    },
  ],
  // locality
  [
    'S2: HEADER_FIELD with ROUND_ROBIN, construct',
    () =>
      validateService(
        spec({ affinity: SessionAffinity.header('X'), localityLbPolicy: L.ROUND_ROBIN }),
      ),
    {
      errors: [
        {
          rule: 'S2',
          attribute: 'localityLbPolicy',
          value: 'ROUND_ROBIN',
          problem: 'cannot carry HEADER_FIELD affinity, which hashes on a key',
          allowed: 'RING_HASH or MAGLEV (RING_HASH when unset)',
          fix: 'remove localityLbPolicy (RING_HASH is used) or set LocalityLbPolicy.MAGLEV',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S3: HTTP_COOKIE with LEAST_REQUEST, terraform',
    () =>
      validateService(
        spec({
          affinity: SessionAffinity.httpCookie({ name: 'S' }),
          localityLbPolicy: L.LEAST_REQUEST,
        }),
        TF,
      ),
    {
      errors: [
        {
          rule: 'S3',
          attribute: 'localityLbPolicy',
          value: 'LEAST_REQUEST',
          problem: 'cannot carry HTTP_COOKIE affinity, which hashes on a key',
          allowed: 'RING_HASH or MAGLEV (RING_HASH when unset)',
          fix: 'set locality_lb_policy = "RING_HASH" or "MAGLEV"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S2: HEADER_FIELD with MAGLEV is fine',
    () =>
      validateService(spec({ affinity: SessionAffinity.header('X'), localityLbPolicy: L.MAGLEV })),
    { errors: [], warnings: [] },
  ],
  [
    'S8: MAGLEV with a ring size, construct',
    () =>
      validateService(
        spec({
          affinity: SessionAffinity.header('X', { minimumRingSize: 10 }),
          localityLbPolicy: L.MAGLEV,
        }),
      ),
    {
      errors: [
        {
          rule: 'S8',
          attribute: 'sessionAffinity.minimumRingSize',
          value: '10',
          problem: 'is only used by RING_HASH, not MAGLEV',
          allowed: 'minimumRingSize with RING_HASH',
          fix: 'remove minimumRingSize or use RING_HASH',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S8: MAGLEV with a ring size, terraform',
    () =>
      validateService(
        spec({
          affinity: SessionAffinity.header('X', { minimumRingSize: 10 }),
          localityLbPolicy: L.MAGLEV,
        }),
        TF,
      ),
    {
      errors: [
        {
          rule: 'S8',
          attribute: 'sessionAffinity.minimumRingSize',
          value: '10',
          problem: 'is only used by RING_HASH, not MAGLEV',
          allowed: 'minimum_ring_size with RING_HASH',
          fix: 'remove minimum_ring_size or use RING_HASH',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S8: RING_HASH with a ring size is fine',
    () =>
      validateService(
        spec({
          affinity: SessionAffinity.header('X', { minimumRingSize: 10 }),
          localityLbPolicy: L.RING_HASH,
        }),
      ),
    { errors: [], warnings: [] },
  ],
  [
    'S6: CLIENT_IP with ROUND_ROBIN on EXTERNAL_MANAGED, construct',
    () =>
      validateService(
        spec({ affinity: SessionAffinity.clientIp(), localityLbPolicy: L.ROUND_ROBIN }),
      ),
    {
      errors: [
        {
          rule: 'S6',
          attribute: 'localityLbPolicy',
          value: 'ROUND_ROBIN',
          problem:
            'makes CLIENT_IP session affinity silently ineffective (the API only keeps affinity with hash-based policies)',
          allowed: 'MAGLEV, WEIGHTED_MAGLEV or RING_HASH, or unset (MAGLEV is then used)',
          fix: 'remove localityLbPolicy, or choose SessionAffinity.none() if you want this policy',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S6: GENERATED_COOKIE with LEAST_REQUEST on INTERNAL_MANAGED, terraform',
    () =>
      validateService(
        spec({
          scheme: S.INTERNAL_MANAGED,
          affinity: SessionAffinity.generatedCookie(),
          localityLbPolicy: L.LEAST_REQUEST,
        }),
        TF,
      ),
    {
      errors: [
        {
          rule: 'S6',
          attribute: 'localityLbPolicy',
          value: 'LEAST_REQUEST',
          problem:
            'makes GENERATED_COOKIE session affinity silently ineffective (the API only keeps affinity with hash-based policies)',
          allowed: 'MAGLEV, WEIGHTED_MAGLEV or RING_HASH, or unset (MAGLEV is then used)',
          fix: 'remove locality_lb_policy, or set session_affinity = "NONE" if you want this policy',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S6: CLIENT_IP with ROUND_ROBIN on INTERNAL_SELF_MANAGED',
    () =>
      validateService(
        spec({
          scheme: S.INTERNAL_SELF_MANAGED,
          affinity: SessionAffinity.clientIp(),
          localityLbPolicy: L.ROUND_ROBIN,
        }),
      ),
    {
      errors: [
        {
          rule: 'S6',
          attribute: 'localityLbPolicy',
          value: 'ROUND_ROBIN',
          problem:
            'makes CLIENT_IP session affinity silently ineffective (the API only keeps affinity with hash-based policies)',
          allowed: 'MAGLEV, WEIGHTED_MAGLEV or RING_HASH, or unset (MAGLEV is then used)',
          fix: 'remove localityLbPolicy, or choose SessionAffinity.none() if you want this policy',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S6: CLIENT_IP with WEIGHTED_MAGLEV keeps affinity (S7 only)',
    () =>
      validateService(
        spec({ affinity: SessionAffinity.clientIp(), localityLbPolicy: L.WEIGHTED_MAGLEV }),
      ),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'WEIGHTED_MAGLEV',
          problem:
            'is only supported by external passthrough Network Load Balancers (regional EXTERNAL), not by an EXTERNAL_MANAGED HTTP backend service (global external Application Load Balancer)',
          allowed:
            'MAGLEV or RING_HASH to keep affinity, or a policy without affinity such as ROUND_ROBIN',
          fix: 'use LocalityLbPolicy.MAGLEV, or move the service to a regional EXTERNAL passthrough load balancer',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S6: CLIENT_IP with MAGLEV and RING_HASH keep affinity',
    () =>
      [L.MAGLEV, L.RING_HASH].map((p) =>
        validateService(spec({ affinity: SessionAffinity.clientIp(), localityLbPolicy: p })),
      ),
    [
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
    ],
  ],
  [
    'S6: NONE and STRONG_COOKIE_AFFINITY with ROUND_ROBIN',
    () =>
      [
        SessionAffinity.none(),
        SessionAffinity.strongCookie({ name: 'S', ttl: Duration.hours(1) }),
      ].map((affinity) => validateService(spec({ affinity, localityLbPolicy: L.ROUND_ROBIN }))),
    [
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
    ],
  ],
  [
    'S6: CLIENT_IP with ROUND_ROBIN on global EXTERNAL (S7 instead)',
    () =>
      validateService(
        spec({
          scheme: S.EXTERNAL,
          affinity: SessionAffinity.clientIp(),
          localityLbPolicy: L.ROUND_ROBIN,
        }),
      ),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'ROUND_ROBIN',
          problem:
            'is not supported by the classic load balancers (global EXTERNAL, here classic Application Load Balancer)',
          allowed: 'no localityLbPolicy with global EXTERNAL',
          fix: 'remove it, or move to LoadBalancingScheme.EXTERNAL_MANAGED',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: global EXTERNAL, terraform',
    () => validateService(spec({ scheme: S.EXTERNAL, localityLbPolicy: L.MAGLEV }), TF),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'MAGLEV',
          problem:
            'is not supported by the classic load balancers (global EXTERNAL, here classic Application Load Balancer)',
          allowed: 'no locality_lb_policy with global EXTERNAL',
          fix: 'remove it, or move to load_balancing_scheme = "EXTERNAL_MANAGED"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: INTERNAL, construct',
    () => validateService(spec({ ...ilb, localityLbPolicy: L.MAGLEV })),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'MAGLEV',
          problem:
            'is not used by an internal passthrough Network Load Balancer (INTERNAL), which picks backends by its own connection hash',
          allowed: 'no localityLbPolicy with INTERNAL',
          fix: 'remove localityLbPolicy; use sessionAffinity (e.g. SessionAffinity.clientIp()) to keep clients on a backend',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: INTERNAL, terraform',
    () => validateService(spec({ ...ilb, localityLbPolicy: L.MAGLEV }), TF),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'MAGLEV',
          problem:
            'is not used by an internal passthrough Network Load Balancer (INTERNAL), which picks backends by its own connection hash',
          allowed: 'no locality_lb_policy with INTERNAL',
          fix: 'remove locality_lb_policy; use session_affinity (e.g. CLIENT_IP) to keep clients on a backend',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: INTERNAL with WEIGHTED_MAGLEV',
    () => validateService(spec({ ...ilb, localityLbPolicy: L.WEIGHTED_MAGLEV })),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'WEIGHTED_MAGLEV',
          problem:
            'is not used by an internal passthrough Network Load Balancer (INTERNAL), which picks backends by its own connection hash',
          allowed: 'no localityLbPolicy with INTERNAL',
          fix: 'remove localityLbPolicy; use sessionAffinity (e.g. SessionAffinity.clientIp()) to keep clients on a backend',
        },
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'WEIGHTED_MAGLEV',
          problem:
            'is only supported by external passthrough Network Load Balancers (regional EXTERNAL), not by an INTERNAL TCP regional backend service (internal passthrough Network Load Balancer)',
          allowed: 'no localityLbPolicy with INTERNAL',
          fix: 'use LocalityLbPolicy.MAGLEV, or move the service to a regional EXTERNAL passthrough load balancer',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: regional EXTERNAL with RING_HASH, construct',
    () => validateService(spec({ ...nlb, localityLbPolicy: L.RING_HASH })),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'RING_HASH',
          problem: 'is not accepted by a regional EXTERNAL (passthrough) backend service',
          allowed: 'MAGLEV, WEIGHTED_MAGLEV',
          fix: 'use LocalityLbPolicy.MAGLEV or remove it',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: regional EXTERNAL with RING_HASH, terraform',
    () => validateService(spec({ ...nlb, localityLbPolicy: L.RING_HASH }), TF),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'RING_HASH',
          problem: 'is not accepted by a regional EXTERNAL (passthrough) backend service',
          allowed: 'MAGLEV, WEIGHTED_MAGLEV',
          fix: 'set it to "MAGLEV" or remove it',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: regional EXTERNAL with MAGLEV and WEIGHTED_MAGLEV',
    () =>
      [L.MAGLEV, L.WEIGHTED_MAGLEV].map((p) =>
        validateService(
          spec({ ...nlb, localityLbPolicy: p, healthCheck: HealthCheck.http({ port: 80 }) }),
        ),
      ),
    [
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
    ],
  ],
  [
    'S7: WEIGHTED_MAGLEV on an Application LB, construct',
    () => validateService(spec({ localityLbPolicy: L.WEIGHTED_MAGLEV })),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'WEIGHTED_MAGLEV',
          problem:
            'is only supported by external passthrough Network Load Balancers (regional EXTERNAL), not by an EXTERNAL_MANAGED HTTP backend service (global external Application Load Balancer)',
          allowed:
            'MAGLEV or RING_HASH to keep affinity, or a policy without affinity such as ROUND_ROBIN',
          fix: 'use LocalityLbPolicy.MAGLEV, or move the service to a regional EXTERNAL passthrough load balancer',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: WEIGHTED_MAGLEV on an Application LB, terraform',
    () => validateService(spec({ localityLbPolicy: L.WEIGHTED_MAGLEV }), TF),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'localityLbPolicy',
          value: 'WEIGHTED_MAGLEV',
          problem:
            'is only supported by external passthrough Network Load Balancers (regional EXTERNAL), not by an EXTERNAL_MANAGED HTTP backend service (global external Application Load Balancer)',
          allowed:
            'MAGLEV or RING_HASH to keep affinity, or a policy without affinity such as ROUND_ROBIN',
          fix: 'set it to "MAGLEV", or move the service to a regional EXTERNAL passthrough load balancer',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: WEIGHTED_MAGLEV on a regional EXTERNAL with a TCP health check, construct',
    () =>
      validateService(
        spec({ ...nlb, localityLbPolicy: L.WEIGHTED_MAGLEV, healthCheck: HealthCheck.tcp() }),
      ),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'healthCheck',
          value: 'TCP',
          problem:
            'cannot report instance weights: WEIGHTED_MAGLEV reads them from the X-Load-Balancing-Endpoint-Weight header of an HTTP-family health check',
          allowed: 'an HTTP or HTTPS health check with WEIGHTED_MAGLEV',
          fix: 'use HealthCheck.http({ port: ..., requestPath: ... }) answering with the weight header, or LocalityLbPolicy.MAGLEV',
        },
        {
          rule: 'H6',
          attribute: 'healthCheck.port',
          value: 'not set (the serving port)',
          problem:
            'is not supported by passthrough Network Load Balancers, which have no serving port',
          allowed: 'a fixed port in 1..65535',
          fix: 'set the health check port, e.g. HealthCheck.tcp({ port: 4822 })',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: WEIGHTED_MAGLEV on a regional EXTERNAL with a TCP health check, terraform',
    () =>
      validateService(
        spec({ ...nlb, localityLbPolicy: L.WEIGHTED_MAGLEV, healthCheck: HealthCheck.tcp() }),
        TF,
      ),
    {
      errors: [
        {
          rule: 'S7',
          attribute: 'healthCheck',
          value: 'TCP',
          problem:
            'cannot report instance weights: WEIGHTED_MAGLEV reads them from the X-Load-Balancing-Endpoint-Weight header of an HTTP-family health check',
          allowed: 'an HTTP or HTTPS health check with WEIGHTED_MAGLEV',
          fix: 'use an http_health_check or https_health_check answering with the weight header, or locality_lb_policy = "MAGLEV"',
        },
        {
          rule: 'H6',
          attribute: 'healthCheck.port',
          value: 'not set (the serving port)',
          problem:
            'is not supported by passthrough Network Load Balancers, which have no serving port',
          allowed: 'a fixed port in 1..65535',
          fix: 'set port in the health check block, e.g. tcp_health_check { port = 4822 }',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S7: WEIGHTED_MAGLEV on a regional EXTERNAL without a health check',
    () => validateService(spec({ ...nlb, localityLbPolicy: L.WEIGHTED_MAGLEV })),
    { errors: [], warnings: [] },
  ],
  [
    'S7: TCP health check with MAGLEV',
    () =>
      validateService(spec({ ...nlb, localityLbPolicy: L.MAGLEV, healthCheck: HealthCheck.tcp() })),
    {
      errors: [
        {
          rule: 'H6',
          attribute: 'healthCheck.port',
          value: 'not set (the serving port)',
          problem:
            'is not supported by passthrough Network Load Balancers, which have no serving port',
          allowed: 'a fixed port in 1..65535',
          fix: 'set the health check port, e.g. HealthCheck.tcp({ port: 4822 })',
        },
      ],
      warnings: [],
    },
  ],
  // draining, timeout, logging, health check through the service
  [
    'T1: Kubernetes options on a backend service',
    () =>
      validateService(
        spec({
          draining: DrainingPolicy.withOptions({
            timeout: Duration.seconds(60),
            pollInterval: Duration.seconds(5),
            shutdownMargin: Duration.seconds(10),
          }),
        }),
      ),
    {
      errors: [],
      warnings: [
        {
          rule: 'T1',
          attribute: 'draining',
          value: 'pollInterval 5s, shutdownMargin 10s',
          problem:
            'has Kubernetes-only options, which a Google Cloud backend service does not use (it only has the timeout)',
          allowed: 'DrainingPolicy.of(timeout) on Google Cloud',
          fix: 'use DrainingPolicy.of(Duration.seconds(...)) here, and keep the options for GuacdStatefulPool',
        },
      ],
    },
  ],
  [
    'T1: disabled on an Application LB warns',
    () => validateService(spec({ draining: DrainingPolicy.disabled() })),
    {
      errors: [],
      warnings: [
        {
          rule: 'T1',
          attribute: 'draining.timeout',
          value: '0s',
          problem:
            'disables connection draining: removing or replacing a backend cuts its in-flight requests and open sessions',
          allowed:
            'a drain as long as the longest request or session the load balancer must finish (at most 3600 s)',
          fix: 'use DrainingPolicy.of(Duration.seconds(60)) or longer, or keep 0 if cutting connections is intended',
        },
      ],
    },
  ],
  [
    'T1: disabled on a passthrough NLB does not',
    () => validateService(spec({ ...nlb, draining: DrainingPolicy.disabled() })),
    { errors: [], warnings: [] },
  ],
  [
    'T1: out of range through the service',
    () => validateService(spec({ draining: DrainingPolicy.of(Duration.hours(2)) })),
    {
      errors: [
        {
          rule: 'T1',
          attribute: 'draining.timeout',
          value: '2 hours (7200s)',
          problem: 'is out of range',
          allowed: '0s..3600s (1 hour)',
          fix: 'use at most DrainingPolicy.of(Duration.hours(1)), the most Google Cloud drains',
        },
      ],
      warnings: [],
    },
  ],
  [
    'T2: through the service',
    () => validateService(spec({ ...nlb, timeout: Duration.seconds(0) })),
    {
      errors: [
        {
          rule: 'T2',
          attribute: 'timeout',
          value: '0s',
          problem: 'is out of range',
          allowed: '1s or more',
          fix: 'use Duration.seconds(1) or more (30 s is the API default)',
        },
      ],
      warnings: [
        {
          rule: 'T2',
          attribute: 'timeout',
          value: '0s',
          problem: 'is ignored by external passthrough Network Load Balancers',
          allowed: 'no timeout on passthrough load balancers',
          fix: 'remove timeout',
        },
      ],
    },
  ],
  [
    'T3: sample rate out of range',
    () => validateService(spec({ logging: { sampleRate: 1.5 } })),
    {
      errors: [
        {
          rule: 'T3',
          attribute: 'logging.sampleRate',
          value: '1.5',
          problem: 'is out of range',
          allowed: '0..1',
          fix: 'use the fraction of requests to log (1 logs every request)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'T3: sample rate 0 and 1',
    () =>
      [0, 1].map((sampleRate) => validateService(spec({ logging: { enabled: true, sampleRate } }))),
    [
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
    ],
  ],
  [
    'T3: sample rate while disabled, construct',
    () => validateService(spec({ logging: { enabled: false, sampleRate: 0.5 } })),
    {
      errors: [],
      warnings: [
        {
          rule: 'T3',
          attribute: 'logging.sampleRate',
          value: '0.5',
          problem: 'is set while logging is disabled, so it has no effect',
          allowed: 'sampleRate only with enabled: true',
          fix: 'remove sampleRate or enable logging',
        },
      ],
    },
  ],
  [
    'T3: sample rate while disabled, terraform',
    () => validateService(spec({ logging: { enabled: false, sampleRate: 0.5 } }), TF),
    {
      errors: [],
      warnings: [
        {
          rule: 'T3',
          attribute: 'logging.sampleRate',
          value: '0.5',
          problem: 'is set while logging is disabled, so it has no effect',
          allowed: 'sample_rate only with enable = true',
          fix: 'remove sample_rate or set enable = true',
        },
      ],
    },
  ],
  [
    'T3: disabled without a sample rate',
    () => validateService(spec({ logging: { enabled: false } })),
    { errors: [], warnings: [] },
  ],
  [
    'H: the health check is judged with the service (passthrough)',
    () =>
      validateService(
        spec({
          ...nlb,
          healthCheck: HealthCheck.tcp({
            timeout: Duration.seconds(10),
            interval: Duration.seconds(5),
          }),
        }),
      ),
    {
      errors: [
        {
          rule: 'H2',
          attribute: 'healthCheck.timeout',
          value: '10s',
          problem:
            'is longer than the interval; the API rejects it ("TimeoutSec should be less than checkIntervalSec")',
          allowed: 'at most the interval, 5s (equal is fine)',
          fix: 'lower the timeout to Duration.seconds(5) or raise the interval',
        },
        {
          rule: 'H6',
          attribute: 'healthCheck.port',
          value: 'not set (the serving port)',
          problem:
            'is not supported by passthrough Network Load Balancers, which have no serving port',
          allowed: 'a fixed port in 1..65535',
          fix: 'set the health check port, e.g. HealthCheck.tcp({ port: 4822 })',
        },
      ],
      warnings: [],
    },
  ],
  [
    'H: the health check is judged with the service (proxy)',
    () =>
      validateService(
        spec({
          healthCheck: HealthCheck.http({
            timeout: Duration.seconds(10),
            interval: Duration.seconds(5),
          }),
        }),
        TF,
      ),
    {
      errors: [
        {
          rule: 'H2',
          attribute: 'healthCheck.timeout',
          value: '10s',
          problem:
            'is longer than the interval; the API rejects it ("TimeoutSec should be less than checkIntervalSec")',
          allowed: 'at most the interval, 5s (equal is fine)',
          fix: 'lower timeout_sec to at most check_interval_sec, or raise check_interval_sec',
        },
      ],
      warnings: [],
    },
  ],
  // validateBackends
  ['backends: none', () => validateBackends(spec(), []), { errors: [], warnings: [] }],
  [
    'backends: not judged when B1 fails',
    () => backends({ scheme: S.INTERNAL }, { capacityScaler: 7 }),
    { errors: [], warnings: [] },
  ],
  [
    'backends: not judged when B2 fails',
    () => backends({ protocol: P.UDP }, { capacityScaler: 7 }),
    { errors: [], warnings: [] },
  ],
  [
    'C0: a group twice',
    () =>
      backends(
        {},
        { maxRatePerInstance: 1, balancingMode: B.RATE },
        { maxRatePerInstance: 1, balancingMode: B.RATE },
      ),
    {
      errors: [
        {
          rule: 'C0',
          attribute: 'backends[1].group',
          value: 'group-a',
          problem: 'is a backend twice; the API rejects duplicate backends',
          allowed: 'each instance group once per backend service',
          fix: 'remove the duplicate backend',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C1: not a mode',
    () => backends({}, { balancingMode: 'CUSTOM' as B, capacityScaler: 7 }),
    {
      errors: [
        {
          rule: 'C1',
          attribute: 'backends[0].balancingMode',
          value: 'CUSTOM',
          problem: 'on group group-a is not a balancing mode of provider 6.50',
          allowed: 'UTILIZATION, RATE, CONNECTION',
          fix: 'use BalancingMode.RATE for HTTP services, CONNECTION for TCP/SSL/UDP',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C2-C4: every cap checked whatever the mode',
    () =>
      backends(
        {},
        {
          maxUtilization: 1.5,
          maxRate: -1,
          maxRatePerInstance: -2,
          maxConnections: -3,
          maxConnectionsPerInstance: Number.NaN,
        },
      ),
    {
      errors: [
        {
          rule: 'C2',
          attribute: 'backends[0].maxUtilization',
          value: '1.5',
          problem: 'on group group-a is out of range',
          allowed: '0..1',
          fix: 'use a fraction in 0..1, e.g. 0.8',
        },
        {
          rule: 'C3',
          attribute: 'backends[0].maxRate',
          value: '-1',
          problem: 'on group group-a is out of range',
          allowed: '0 or more',
          fix: 'use requests per second, e.g. 100',
        },
        {
          rule: 'C3',
          attribute: 'backends[0].maxRatePerInstance',
          value: '-2',
          problem: 'on group group-a is out of range',
          allowed: '0 or more',
          fix: 'use requests per second, e.g. 100',
        },
        {
          rule: 'C4',
          attribute: 'backends[0].maxConnections',
          value: '-3',
          problem: 'on group group-a is out of range',
          allowed: '0 or more',
          fix: 'use a number of connections, e.g. 1000',
        },
        {
          rule: 'C4',
          attribute: 'backends[0].maxConnectionsPerInstance',
          value: 'NaN',
          problem: 'on group group-a is not a finite number',
          allowed: '0 or more',
          fix: 'use a number of connections, e.g. 1000',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C2: 0 and 1 are fine',
    () => [0, 1].map((maxUtilization) => backends({}, { maxUtilization })),
    [
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
    ],
  ],
  [
    'C4: not CONNECTION on a passthrough',
    () => backends(nlb, { balancingMode: B.UTILIZATION, maxConnections: 5 }),
    {
      errors: [
        {
          rule: 'C4',
          attribute: 'backends[0].balancingMode',
          value: 'UTILIZATION',
          problem:
            'on group group-a is not accepted by external passthrough Network Load Balancers',
          allowed: 'CONNECTION',
          fix: 'use BalancingMode.CONNECTION (or leave it unset)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C3: RATE on TCP',
    () => backends(tcp, { balancingMode: B.RATE, maxRate: 5 }),
    {
      errors: [
        {
          rule: 'C3',
          attribute: 'backends[0].balancingMode',
          value: 'RATE',
          problem: 'on group group-a needs an HTTP-family protocol, not TCP',
          allowed: 'RATE with HTTP, HTTPS, HTTP2, H2C or GRPC',
          fix: 'use BalancingMode.CONNECTION',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C3: RATE without a rate',
    () => backends({}, { balancingMode: B.RATE }),
    {
      errors: [
        {
          rule: 'C3',
          attribute: 'backends[0].maxRatePerInstance',
          value: 'not set',
          problem:
            'on group group-a leaves RATE without a rate target (neither maxRate nor maxRatePerInstance is set)',
          allowed: 'exactly one of maxRate, maxRatePerInstance',
          fix: 'set maxRatePerInstance (requests per second one instance can serve)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C3: RATE with both rates',
    () => backends({}, { balancingMode: B.RATE, maxRate: 5, maxRatePerInstance: 1 }),
    {
      errors: [
        {
          rule: 'C3',
          attribute: 'backends[0].maxRate',
          value: '5',
          problem:
            'on group group-a is set together with maxRatePerInstance; RATE takes exactly one rate target',
          allowed: 'exactly one of maxRate, maxRatePerInstance',
          fix: 'remove maxRate, or remove maxRatePerInstance',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C3: RATE with maxRate only',
    () => backends({}, { balancingMode: B.RATE, maxRate: 5 }),
    { errors: [], warnings: [] },
  ],
  [
    'C3: RATE with other caps',
    () =>
      backends(
        {},
        {
          balancingMode: B.RATE,
          maxRatePerInstance: 5,
          maxUtilization: 0.5,
          maxConnections: 1,
          maxConnectionsPerInstance: 2,
        },
      ),
    {
      errors: [
        {
          rule: 'C3',
          attribute: 'backends[0].maxUtilization',
          value: '0.5',
          problem:
            'on group group-a is not used with RATE (the API ignores it today and will reject it)',
          allowed: 'no maxUtilization with RATE',
          fix: 'remove it',
        },
        {
          rule: 'C3',
          attribute: 'backends[0].maxConnections',
          value: '1',
          problem:
            'on group group-a is not used with RATE (the API ignores it today and will reject it)',
          allowed: 'no maxConnections with RATE',
          fix: 'remove it',
        },
        {
          rule: 'C3',
          attribute: 'backends[0].maxConnectionsPerInstance',
          value: '2',
          problem:
            'on group group-a is not used with RATE (the API ignores it today and will reject it)',
          allowed: 'no maxConnectionsPerInstance with RATE',
          fix: 'remove it',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C6: maxRate on a group that autoscales on load balancing',
    () =>
      validateBackends(spec(), [
        {
          group: group('a', { autoscalesOnLoadBalancing: true }),
          balancingMode: B.RATE,
          maxRate: 5,
        },
      ]),
    {
      errors: [
        {
          rule: 'C6',
          attribute: 'backends[0].maxRate',
          value: '5',
          problem:
            'on group group-a is a group-wide rate, and the group autoscales on load-balancing utilization',
          allowed: 'maxRatePerInstance with load-balancing autoscaling',
          fix: 'use maxRatePerInstance',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C6: maxRatePerInstance on such a group is fine',
    () =>
      validateBackends(spec(), [
        {
          group: group('a', { autoscalesOnLoadBalancing: true }),
          balancingMode: B.RATE,
          maxRatePerInstance: 5,
        },
      ]),
    { errors: [], warnings: [] },
  ],
  [
    'C4: CONNECTION on HTTP',
    () => backends({}, { balancingMode: B.CONNECTION, maxConnections: 5 }),
    {
      errors: [
        {
          rule: 'C4',
          attribute: 'backends[0].balancingMode',
          value: 'CONNECTION',
          problem: 'on group group-a is not accepted with HTTP backend services',
          allowed: 'CONNECTION with TCP, SSL, UDP or UNSPECIFIED',
          fix: 'use BalancingMode.RATE with maxRatePerInstance',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C4: CONNECTION without a target on a proxy',
    () => backends(tcp, { balancingMode: B.CONNECTION }),
    {
      errors: [
        {
          rule: 'C4',
          attribute: 'backends[0].maxConnectionsPerInstance',
          value: 'not set',
          problem:
            'on group group-a leaves CONNECTION on a proxy load balancer without a connection target (neither maxConnections nor maxConnectionsPerInstance is set)',
          allowed: 'exactly one of maxConnections, maxConnectionsPerInstance',
          fix: 'set maxConnectionsPerInstance',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C4: CONNECTION with both targets on a proxy',
    () => backends(tcp, { maxConnections: 5, maxConnectionsPerInstance: 1 }),
    {
      errors: [
        {
          rule: 'C4',
          attribute: 'backends[0].maxConnections',
          value: '5',
          problem:
            'on group group-a is set together with maxConnectionsPerInstance; CONNECTION takes exactly one connection target',
          allowed: 'exactly one of maxConnections, maxConnectionsPerInstance',
          fix: 'remove maxConnections, or remove maxConnectionsPerInstance',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C4: CONNECTION with one target on a proxy',
    () => backends(tcp, { maxConnectionsPerInstance: 1 }),
    { errors: [], warnings: [] },
  ],
  [
    'C4: CONNECTION with rate caps',
    () =>
      backends(tcp, { maxConnections: 5, maxUtilization: 0.5, maxRate: 1, maxRatePerInstance: 2 }),
    {
      errors: [
        {
          rule: 'C4',
          attribute: 'backends[0].maxUtilization',
          value: '0.5',
          problem: 'on group group-a is not used with CONNECTION',
          allowed: 'no maxUtilization with CONNECTION',
          fix: 'remove it',
        },
        {
          rule: 'C4',
          attribute: 'backends[0].maxRate',
          value: '1',
          problem: 'on group group-a is not used with CONNECTION',
          allowed: 'no maxRate with CONNECTION',
          fix: 'remove it',
        },
        {
          rule: 'C4',
          attribute: 'backends[0].maxRatePerInstance',
          value: '2',
          problem: 'on group group-a is not used with CONNECTION',
          allowed: 'no maxRatePerInstance with CONNECTION',
          fix: 'remove it',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C8: connection caps on a passthrough',
    () => backends(ilb, { maxConnections: 5, maxConnectionsPerInstance: 1 }),
    {
      errors: [
        {
          rule: 'C8',
          attribute: 'backends[0].maxConnections',
          value: '5',
          problem:
            'on group group-a cannot be set on internal passthrough Network Load Balancer backends',
          allowed: 'no maxConnections with CONNECTION',
          fix: 'remove it: passthrough load balancers do not cap connections',
        },
        {
          rule: 'C8',
          attribute: 'backends[0].maxConnectionsPerInstance',
          value: '1',
          problem:
            'on group group-a cannot be set on internal passthrough Network Load Balancer backends',
          allowed: 'no maxConnectionsPerInstance with CONNECTION',
          fix: 'remove it: passthrough load balancers do not cap connections',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C4: CONNECTION without a target on a passthrough is fine',
    () => backends(ilb, {}),
    { errors: [], warnings: [] },
  ],
  [
    'UTILIZATION with any cap',
    () => backends({}, { balancingMode: B.UTILIZATION, maxRate: 5, maxConnections: 3 }),
    { errors: [], warnings: [] },
  ],
  [
    'C8: capacityScaler on a passthrough',
    () => backends(nlb, { capacityScaler: 1 }),
    {
      errors: [
        {
          rule: 'C8',
          attribute: 'backends[0].capacityScaler',
          value: '1',
          problem:
            'on group group-a cannot be set on external passthrough Network Load Balancer backends ("cannot be set for non-managed backend service")',
          allowed: 'no capacityScaler on INTERNAL or regional EXTERNAL backend services',
          fix: 'remove capacityScaler',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C7: capacityScaler bounds',
    () =>
      [0, 0.1, 1].map((capacityScaler) => backends({}, { capacityScaler }, { group: group('b') })),
    [
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
    ],
  ],
  [
    'C7: capacityScaler 0.05',
    () => backends({}, { capacityScaler: 0.05 }, { group: group('b') }),
    {
      errors: [
        {
          rule: 'C7',
          attribute: 'backends[0].capacityScaler',
          value: '0.05',
          problem: 'on group group-a is rejected by the API',
          allowed: '0 (drain: no new traffic) or 0.1..1',
          fix: 'use 0.1 or 0',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C7: capacityScaler 1.5',
    () => backends({}, { capacityScaler: 1.5 }, { group: group('b') }),
    {
      errors: [
        {
          rule: 'C7',
          attribute: 'backends[0].capacityScaler',
          value: '1.5',
          problem: 'on group group-a is rejected by the API',
          allowed: '0 (drain: no new traffic) or 0.1..1',
          fix: 'use a value in 0.1..1 (1 = full capacity), or 0 to drain the backend',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C7: capacityScaler -1',
    () => backends({}, { capacityScaler: -1 }, { group: group('b') }),
    {
      errors: [
        {
          rule: 'C7',
          attribute: 'backends[0].capacityScaler',
          value: '-1',
          problem: 'on group group-a is rejected by the API',
          allowed: '0 (drain: no new traffic) or 0.1..1',
          fix: 'use a value in 0.1..1 (1 = full capacity), or 0 to drain the backend',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C7: capacityScaler NaN',
    () => backends({}, { capacityScaler: Number.NaN }, { group: group('b') }),
    {
      errors: [
        {
          rule: 'C7',
          attribute: 'backends[0].capacityScaler',
          value: 'NaN',
          problem: 'on group group-a is not a finite number',
          allowed: '0 (drain: no new traffic) or 0.1..1',
          fix: 'use a value in 0.1..1 (1 = full capacity), or 0 to drain the backend',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C7: capacityScaler a token',
    () => backends({}, { capacityScaler: token }),
    { errors: [], warnings: [] },
  ],
  [
    'C7: capacityScaler 0 on the only backend',
    () => backends({}, { capacityScaler: 0 }),
    {
      errors: [
        {
          rule: 'C7',
          attribute: 'backends[*].capacityScaler',
          value: '0',
          problem: 'is 0 on the only backend; the API rejects it',
          allowed: 'at least one backend with capacityScaler > 0',
          fix: 'raise capacityScaler on at least one backend',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C8: capacityScaler 0 on every backend',
    () => backends({}, { capacityScaler: 0 }, { group: group('b'), capacityScaler: 0 }),
    {
      errors: [
        {
          rule: 'C8',
          attribute: 'backends[*].capacityScaler',
          value: '0, 0',
          problem:
            'is 0 on every backend: the service can take no traffic (and a regional EXTERNAL_MANAGED service is rejected)',
          allowed: 'at least one backend with capacityScaler > 0',
          fix: 'raise capacityScaler on at least one backend',
        },
      ],
      warnings: [],
    },
  ],
  [
    'C8: capacityScaler 0 on one of two',
    () => backends({}, { capacityScaler: 0 }, { group: group('b') }),
    { errors: [], warnings: [] },
  ],
  [
    'B5: a port name the group does not have',
    () => backends({ portName: 'https' }, {}),
    {
      errors: [
        {
          rule: 'B5',
          attribute: 'portName',
          value: '"https"',
          problem:
            'is not a named port of group-a (named ports: http:80); the load balancer cannot reach the backend',
          allowed: '"http"',
          fix: "add { name: 'https', port: ... } to the group's namedPorts, or set portName to one of them",
        },
      ],
      warnings: [],
    },
  ],
  [
    'B5: a group without named ports',
    () =>
      validateBackends(spec({ portName: 'https' }), [{ group: group('a', { namedPorts: [] }) }]),
    {
      errors: [
        {
          rule: 'B5',
          attribute: 'portName',
          value: '"https"',
          problem:
            'is not a named port of group-a (named ports: none); the load balancer cannot reach the backend',
          allowed: 'a named port of every backend group',
          fix: "add { name: 'https', port: ... } to the group's namedPorts, or set portName to one of them",
        },
      ],
      warnings: [],
    },
  ],
  [
    'B5: a group whose ports are not known',
    () =>
      validateBackends(spec({ portName: 'https' }), [
        { group: group('a', { knowsNamedPorts: false, namedPorts: [] }) },
      ]),
    { errors: [], warnings: [] },
  ],
  ['B5: a token port name', () => backends({ portName: token }, {}), { errors: [], warnings: [] }],
  [
    'B5: a named port of the group',
    () => backends({ portName: 'http' }, {}),
    { errors: [], warnings: [] },
  ],
  [
    'C12: a group with no instances',
    () => validateBackends(spec(), [{ group: group('a', { maxInstances: 0 }) }]),
    {
      errors: [],
      warnings: [
        {
          rule: 'C12',
          attribute: 'backends[0].group',
          value: 'group-a',
          problem:
            'has 0 instances and no autoscaler, so no capacity: the load balancer counts it as a backend but it can serve nothing, and a region with only this backend returns errors',
          allowed:
            'a group with at least one instance (or an autoscaler with maxReplicas >= 1), or capacityScaler 0 for a parked backend',
          fix: 'give the group targetSize >= 1 or autoscaling { minReplicas: 1, ... }, or set capacityScaler: 0 until it has instances',
        },
      ],
    },
  ],
  [
    'C12: parked with capacityScaler 0',
    () =>
      validateBackends(spec(), [
        { group: group('a', { maxInstances: 0 }), capacityScaler: 0 },
        { group: group('b') },
      ]),
    { errors: [], warnings: [] },
  ],
  [
    'C12: size unknown',
    () => validateBackends(spec(), [{ group: group('a', { maxInstances: undefined }) }]),
    { errors: [], warnings: [] },
  ],
  [
    'S9: affinity with UTILIZATION (the HTTP default)',
    () =>
      backends(
        { affinity: SessionAffinity.clientIp() },
        {},
        { group: group('b'), balancingMode: B.RATE, maxRatePerInstance: 1 },
        { group: group('c'), balancingMode: B.UTILIZATION },
      ),
    {
      errors: [],
      warnings: [
        {
          rule: 'S9',
          attribute: 'backends[*].balancingMode',
          value: 'UTILIZATION (group-a, group-c)',
          problem:
            'can override CLIENT_IP affinity: when a backend passes its utilization target, sticky clients are sent elsewhere',
          allowed: 'RATE (HTTP) or CONNECTION (TCP/SSL) with session affinity',
          fix: 'use balancingMode: BalancingMode.RATE with maxRatePerInstance, and scale on CPU with the group autoscaler',
        },
      ],
    },
  ],
  ['S9: no affinity', () => backends({}, {}), { errors: [], warnings: [] }],
  [
    'S9: affinity on TCP (CONNECTION by default)',
    () => backends({ ...tcp, affinity: SessionAffinity.clientIp() }, { maxConnections: 1 }),
    { errors: [], warnings: [] },
  ],
  // B8
  [
    'B8: a shared group with another mode',
    () => {
      const a = { name: 'a', spec: spec(), backends: [{ group: group('g') }] };
      const b = {
        name: 'b',
        spec: spec(tcp),
        backends: [{ group: group('h') }, { group: group('g'), maxConnections: 1 }],
      };
      const c = {
        name: 'c',
        spec: spec(),
        backends: [{ group: group('g'), balancingMode: B.UTILIZATION }],
      };
      const users = indexGroupUsers([a, b, c]);
      return [a, b, c].map((s) => validateSharedGroups(s.name, s.spec, s.backends, users));
    },
    [
      [
        {
          rule: 'B8',
          attribute: 'backends[0].balancingMode',
          value: 'UTILIZATION',
          problem:
            'on group group-g differs from backend service b, which uses the same instance group with CONNECTION; the API rejects incompatible balancing modes on a shared group',
          allowed: 'CONNECTION (the mode the other service uses)',
          fix: 'use the same balancing mode for group-g in both services',
        },
      ],
      [
        {
          rule: 'B8',
          attribute: 'backends[1].balancingMode',
          value: 'CONNECTION',
          problem:
            'on group group-g differs from backend service a, which uses the same instance group with UTILIZATION; the API rejects incompatible balancing modes on a shared group',
          allowed: 'UTILIZATION (the mode the other service uses)',
          fix: 'use the same balancing mode for group-g in both services',
        },
        {
          rule: 'B8',
          attribute: 'backends[1].balancingMode',
          value: 'CONNECTION',
          problem:
            'on group group-g differs from backend service c, which uses the same instance group with UTILIZATION; the API rejects incompatible balancing modes on a shared group',
          allowed: 'UTILIZATION (the mode the other service uses)',
          fix: 'use the same balancing mode for group-g in both services',
        },
      ],
      [
        {
          rule: 'B8',
          attribute: 'backends[0].balancingMode',
          value: 'UTILIZATION',
          problem:
            'on group group-g differs from backend service b, which uses the same instance group with CONNECTION; the API rejects incompatible balancing modes on a shared group',
          allowed: 'CONNECTION (the mode the other service uses)',
          fix: 'use the same balancing mode for group-g in both services',
        },
      ],
    ],
  ],
  [
    'B8: a group nobody else uses',
    () => validateSharedGroups('a', spec(), [{ group: group('z') }], new Map()),
    [],
  ],
];

test.each(CASES)('%s', (_title, run, expected) => {
  expect(run()).toEqual(expected);
});

describe('edges the cases above leave open', () => {
  test('describeService: the article follows the scheme', () => {
    expect(describeService({ scheme: S.INTERNAL, protocol: P.TCP, regional: true })).toBe(
      'an INTERNAL TCP regional backend service',
    );
    expect(describeService({ scheme: 'MANAGED' as S, protocol: P.HTTP, regional: false })).toBe(
      'a MANAGED HTTP backend service',
    );
  });

  test('B1: acceptedFrom only where a later provider accepts the scheme', () => {
    const [b1] = validateService(spec({ scheme: 'PUBLIC' as S })).errors;
    expect(Object.keys(b1)).not.toContain('acceptedFrom');
  });

  test('S7: WEIGHTED_MAGLEV on INTERNAL in Terraform terms, and a TCP health check there', () => {
    const errors = validateService(
      spec({
        ...ilb,
        localityLbPolicy: L.WEIGHTED_MAGLEV,
        healthCheck: HealthCheck.tcp({ port: 80 }),
      }),
      TF,
    ).errors;
    expect(errors.map((e) => [e.rule, e.attribute, e.allowed])).toEqual([
      ['S7', 'localityLbPolicy', 'no locality_lb_policy with INTERNAL'],
      ['S7', 'localityLbPolicy', 'no locality_lb_policy with INTERNAL'],
    ]);
  });

  test('B5: every named port of the group is listed', () => {
    const [b5] = validateBackends(spec({ portName: 'https' }), [
      {
        group: group('a', {
          namedPorts: [
            { name: 'http', port: 80 },
            { name: 'admin', port: 8080 },
          ],
        }),
      },
    ]).errors;
    expect([b5.problem, b5.allowed]).toEqual([
      'is not a named port of group-a (named ports: http:80, admin:8080); the load balancer cannot reach the backend',
      '"http", "admin"',
    ]);
  });

  test('the group is named on findings of the eleventh backend too', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ group: group(`g${i}`) }));
    many[10] = { group: group('g10'), maxUtilization: 2 } as never;
    const errors = validateBackends(spec(), many).errors;
    expect(errors.map((e) => [e.attribute, e.problem])).toEqual([
      ['backends[10].maxUtilization', 'on group group-g10 is out of range'],
    ]);
  });
});
