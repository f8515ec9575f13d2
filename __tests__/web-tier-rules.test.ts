/**
 * The web-tier rules (lib/gke/web-tier-rules) called directly, without cdktf: W1-W10 and the
 * shared S, T and H rules as GKE's objects carry them, each finding in full in each vocabulary,
 * and the settings at each bound that must give none. The same rules through the construct,
 * the Aspect and lint are in rules.test.ts, web-tier.test.ts and controller-rules.test.ts.
 */
import { Duration } from '../lib/core/duration';
import { DrainingPolicy } from '../lib/core/draining-policy';
import { Vocabulary } from '../lib/core/rules';
import { HealthCheck } from '../lib/gcp/health-check';
import { SessionAffinity, SessionAffinityType as T } from '../lib/gcp/session-affinity';
import {
  GkeFrontend as F,
  WebTierSpec,
  checkCarriedHealthCheck,
  checkFrontendSettings,
  checkGuacdAdmitsWeb,
  checkHealthCheckPolicy,
  checkHealthCheckType,
  checkWebHost,
  validateWebTier,
} from '../lib/gke/web-tier-rules';

const TF = Vocabulary.TERRAFORM;
const M = Vocabulary.MANIFEST;
const s = Duration.seconds;
const token = '${var.x}' as never;
const web = (o: Partial<WebTierSpec> = {}, vocabulary = Vocabulary.CONSTRUCT) =>
  validateWebTier(
    {
      frontend: F.INGRESS,
      affinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }),
      loadBalancerDraining: DrainingPolicy.of(s(3600)),
      podDraining: DrainingPolicy.of(s(3600)),
      backendTimeout: Duration.hours(8),
      healthCheck: HealthCheck.http({ port: 8080, requestPath: '/guacamole/' }),
      replicas: 2,
      ...o,
    },
    vocabulary,
  );
const gw = { frontend: F.GATEWAY };
const drains = (lb: number, pod: number, given?: boolean) => ({
  loadBalancerDraining: DrainingPolicy.of(s(lb)),
  podDraining: DrainingPolicy.of(s(pod)),
  loadBalancerDrainingGiven: given,
});

/** [title, findings, what they must be] */
const CASES: [string, () => unknown, unknown][] = [
  // validateWebTier
  ['the reference settings: nothing', () => web(), { errors: [], warnings: [] }],
  ['the reference settings on a Gateway: nothing', () => web(gw), { errors: [], warnings: [] }],
  [
    'W1: HEADER_FIELD on an Ingress (S1 said once, as W1)',
    () => web({ affinity: SessionAffinity.header('X') }),
    {
      errors: [
        {
          rule: 'W1',
          attribute: 'sessionAffinity',
          value: 'HEADER_FIELD',
          problem: 'cannot be expressed in a BackendConfig (it has no field for the header name)',
          allowed: 'NONE, CLIENT_IP, GENERATED_COOKIE',
          fix: 'use SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }) (the load balancer issues the cookie)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W1: HTTP_COOKIE on a Gateway, manifest',
    () => web({ ...gw, affinity: SessionAffinity.httpCookie({ name: 'S' }) }, M),
    {
      errors: [
        {
          rule: 'W1',
          attribute: 'sessionAffinity',
          value: 'HTTP_COOKIE',
          problem:
            'cannot be expressed in a GCPBackendPolicy (it has no field for the cookie name)',
          allowed: 'NONE, CLIENT_IP, GENERATED_COOKIE',
          fix: 'set the sessionAffinity type to GENERATED_COOKIE (the load balancer issues the cookie)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W1: STRONG_COOKIE_AFFINITY on an Ingress',
    () => web({ affinity: SessionAffinity.strongCookie({ name: 'S', ttl: Duration.hours(1) }) }),
    {
      errors: [
        {
          rule: 'W1',
          attribute: 'sessionAffinity',
          value: 'STRONG_COOKIE_AFFINITY',
          problem: 'cannot be expressed in a BackendConfig (it has no field for the cookie name)',
          allowed: 'NONE, CLIENT_IP, GENERATED_COOKIE',
          fix: 'use SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }) (the load balancer issues the cookie)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W1: CLIENT_IP_PORT_PROTO on a Gateway',
    () => web({ ...gw, affinity: SessionAffinity.clientIpPortProto() }),
    {
      errors: [
        {
          rule: 'W1',
          attribute: 'sessionAffinity',
          value: 'CLIENT_IP_PORT_PROTO',
          problem: 'cannot be expressed in a GCPBackendPolicy (it has no field for this type)',
          allowed: 'NONE, CLIENT_IP, GENERATED_COOKIE',
          fix: 'use SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }) (the load balancer issues the cookie)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'S5 passes through: a TTL on CLIENT_IP',
    () => web({ affinity: SessionAffinity.fromType(T.CLIENT_IP, { ttl: Duration.days(2) }) }),
    {
      errors: [
        {
          rule: 'S5',
          attribute: 'sessionAffinity.ttl',
          value: '2 days (172800s)',
          problem: 'is set on CLIENT_IP, which has no cookie, so the load balancer would ignore it',
          allowed: 'a TTL only with GENERATED_COOKIE, HTTP_COOKIE or STRONG_COOKIE_AFFINITY',
          fix: 'for stickiness that lasts 172800s use SessionAffinity.generatedCookie({ ttl: Duration.days(2) }), or drop the TTL',
          basis: 'ignored',
        },
      ],
      warnings: [
        {
          rule: 'W4',
          attribute: 'sessionAffinity',
          value: 'CLIENT_IP',
          problem:
            'sticks on the client address the proxy sees: every user behind one NAT or corporate proxy lands on the same web pod, and a user whose address changes loses the session',
          allowed:
            'GENERATED_COOKIE (per browser), or CLIENT_IP when clients have stable, distinct addresses',
          fix: 'use SessionAffinity.generatedCookie({ ttl: Duration.hours(8) })',
        },
      ],
    },
  ],
  [
    'W2: one day on an Ingress is fine',
    () => web({ affinity: SessionAffinity.generatedCookie({ ttl: s(86_400) }) }),
    { errors: [], warnings: [] },
  ],
  [
    'W2: a day and a second on an Ingress',
    () => web({ affinity: SessionAffinity.generatedCookie({ ttl: s(86_401) }) }),
    {
      errors: [
        {
          rule: 'W2',
          attribute: 'sessionAffinity.ttl',
          value: '86401s',
          problem:
            'is above what a BackendConfig accepts (GKE validates affinityCookieTtlSec up to one day)',
          allowed: '0..86400s',
          fix: 'use at most Duration.days(1)',
        },
      ],
      warnings: [
        {
          rule: 'S5b',
          attribute: 'sessionAffinity.ttl',
          value: '86401s',
          problem:
            'is above one day; the API accepts up to 14 days, but provider docs and GKE BackendConfig still state a one-day limit',
          allowed: '0..1209600s (one day or less is safe everywhere)',
          fix: 'keep it if you rely on the API limit, or use Duration.days(1) or less',
        },
      ],
    },
  ],
  [
    'W2: a day and a second on an Ingress, manifest',
    () => web({ affinity: SessionAffinity.generatedCookie({ ttl: s(86_401) }) }, M),
    {
      errors: [
        {
          rule: 'W2',
          attribute: 'sessionAffinity.ttl',
          value: '86401s',
          problem:
            'is above what a BackendConfig accepts (GKE validates affinityCookieTtlSec up to one day)',
          allowed: '0..86400s',
          fix: 'set it to at most 86400',
        },
      ],
      warnings: [
        {
          rule: 'S5b',
          attribute: 'sessionAffinity.ttl',
          value: '86401s',
          problem:
            'is above one day; the API accepts up to 14 days, but provider docs and GKE BackendConfig still state a one-day limit',
          allowed: '0..1209600s (one day or less is safe everywhere)',
          fix: 'keep it if you rely on the API limit, or set it to 86400 or less',
        },
      ],
    },
  ],
  [
    'W2: a day and a second on a Gateway (S5b only)',
    () => web({ ...gw, affinity: SessionAffinity.generatedCookie({ ttl: s(86_401) }) }),
    {
      errors: [],
      warnings: [
        {
          rule: 'S5b',
          attribute: 'sessionAffinity.ttl',
          value: '86401s',
          problem:
            'is above one day; the API accepts up to 14 days, but provider docs and GKE BackendConfig still state a one-day limit',
          allowed: '0..1209600s (one day or less is safe everywhere)',
          fix: 'keep it if you rely on the API limit, or use Duration.days(1) or less',
        },
      ],
    },
  ],
  [
    'W2: 14 days and a second on a Gateway',
    () => web({ ...gw, affinity: SessionAffinity.generatedCookie({ ttl: s(1_209_601) }) }),
    {
      errors: [
        {
          rule: 'S5',
          attribute: 'sessionAffinity.ttl',
          value: '1209601s',
          problem: 'is out of range',
          allowed: '0s..1209600s (14 days)',
          fix: 'use at most Duration.days(14); 0 makes a session cookie',
        },
        {
          rule: 'W2',
          attribute: 'sessionAffinity.ttl',
          value: '1209601s',
          problem: 'is above what a GCPBackendPolicy accepts',
          allowed: '0..1209600s',
          fix: 'use at most Duration.days(14)',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W2: a token TTL',
    () => web({ affinity: SessionAffinity.generatedCookie({ ttl: Duration._read(token) }) }),
    { errors: [], warnings: [] },
  ],
  [
    'T1: the load balancer drain out of range, manifest',
    () => web({ ...drains(3601, 60) }, M),
    {
      errors: [
        {
          rule: 'T1',
          attribute: 'loadBalancerDraining',
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
    'T1: the load balancer drain disabled',
    () => web({ ...drains(0, 0) }),
    {
      errors: [],
      warnings: [
        {
          rule: 'T1',
          attribute: 'loadBalancerDraining',
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
    'T2: a backend timeout of 0',
    () => web({ backendTimeout: s(0), ...drains(0, 0) }, TF),
    {
      errors: [
        {
          rule: 'T2',
          attribute: 'backendTimeout',
          value: '0s',
          problem: 'is out of range',
          allowed: '1s or more',
          fix: 'set timeout_sec to 1 or more, or remove it for the API default of 30',
        },
      ],
      warnings: [
        {
          rule: 'T1',
          attribute: 'loadBalancerDraining',
          value: '0s',
          problem:
            'disables connection draining: removing or replacing a backend cuts its in-flight requests and open sessions',
          allowed:
            'a drain as long as the longest request or session the load balancer must finish (at most 3600 s)',
          fix: 'set connection_draining_timeout_sec to 60 or more, or keep 0 if cutting connections is intended',
        },
        {
          rule: 'W3',
          attribute: 'backendTimeout',
          value: '0s',
          problem:
            'cuts every Guacamole tunnel (a WebSocket) after this time, active or not: users are disconnected mid-session (the GKE default is 30 s)',
          allowed: '3600s or more (the longest desktop session)',
          fix: 'set timeoutSec to 28800 (a working day)',
        },
      ],
    },
  ],
  [
    'W3: shorter than a drain under an hour',
    () => web({ backendTimeout: s(60), ...drains(600, 600) }),
    {
      errors: [],
      warnings: [
        {
          rule: 'W3',
          attribute: 'backendTimeout',
          value: '60s',
          problem:
            "is shorter than the pods' drain (600s): the load balancer closes every tunnel at the timeout, so the drain never gets to wait for them",
          allowed: '3600s or more: at least the drain (600s) and an hour for a desktop session',
          fix: 'use backendTimeout: Duration.seconds(3600) or more',
        },
      ],
    },
  ],
  [
    'W3: shorter than a drain under an hour, manifest',
    () => web({ backendTimeout: s(60), ...drains(600, 600) }, M),
    {
      errors: [],
      warnings: [
        {
          rule: 'W3',
          attribute: 'backendTimeout',
          value: '60s',
          problem:
            "is shorter than the pods' drain (600s): the load balancer closes every tunnel at the timeout, so the drain never gets to wait for them",
          allowed: '3600s or more: at least the drain (600s) and an hour for a desktop session',
          fix: 'set timeoutSec to 3600 or more',
        },
      ],
    },
  ],
  [
    'W3: shorter than a drain of an hour or more',
    () => web({ backendTimeout: s(1800), ...drains(3600, 3600) }),
    {
      errors: [],
      warnings: [
        {
          rule: 'W3',
          attribute: 'backendTimeout',
          value: '1800s',
          problem:
            "is shorter than the pods' drain (3600s): the load balancer closes every tunnel at the timeout, so the drain never gets to wait for them",
          allowed: "3600s or more (the pods' drain)",
          fix: 'use backendTimeout: Duration.seconds(3600) or more',
        },
      ],
    },
  ],
  [
    'W3: as long as the drain but under an hour',
    () => web({ backendTimeout: s(600), ...drains(600, 600) }),
    {
      errors: [],
      warnings: [
        {
          rule: 'W3',
          attribute: 'backendTimeout',
          value: '600s',
          problem:
            'cuts every Guacamole tunnel (a WebSocket) after this time, active or not: users are disconnected mid-session (the GKE default is 30 s)',
          allowed: '3600s or more (the longest desktop session)',
          fix: 'use backendTimeout: Duration.hours(8) (a working day)',
        },
      ],
    },
  ],
  [
    'W3: as long as the drain but under an hour, manifest',
    () => web({ backendTimeout: s(600), ...drains(600, 600) }, M),
    {
      errors: [],
      warnings: [
        {
          rule: 'W3',
          attribute: 'backendTimeout',
          value: '600s',
          problem:
            'cuts every Guacamole tunnel (a WebSocket) after this time, active or not: users are disconnected mid-session (the GKE default is 30 s)',
          allowed: '3600s or more (the longest desktop session)',
          fix: 'set timeoutSec to 28800 (a working day)',
        },
      ],
    },
  ],
  [
    'W3: an hour',
    () => web({ backendTimeout: s(3600), ...drains(60, 60) }),
    { errors: [], warnings: [] },
  ],
  [
    'W3: a token timeout',
    () => web({ backendTimeout: Duration._read(token) }),
    { errors: [], warnings: [] },
  ],
  [
    'W3: a token pod drain',
    () => web({ backendTimeout: s(60), podDraining: DrainingPolicy.of(Duration._read(token)) }),
    { errors: [], warnings: [] },
  ],
  [
    'H: the health check',
    () => web({ healthCheck: HealthCheck.http({ port: 8080, timeout: s(10), interval: s(5) }) }, M),
    {
      errors: [
        {
          rule: 'H2',
          attribute: 'healthCheck.timeout',
          value: '10s',
          problem:
            'is longer than the interval; the API rejects it ("TimeoutSec should be less than checkIntervalSec")',
          allowed: 'at most the interval, 5s (equal is fine)',
          fix: 'lower timeoutSec to at most checkIntervalSec, or raise checkIntervalSec',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W4: CLIENT_IP',
    () => web({ affinity: SessionAffinity.clientIp() }),
    {
      errors: [],
      warnings: [
        {
          rule: 'W4',
          attribute: 'sessionAffinity',
          value: 'CLIENT_IP',
          problem:
            'sticks on the client address the proxy sees: every user behind one NAT or corporate proxy lands on the same web pod, and a user whose address changes loses the session',
          allowed:
            'GENERATED_COOKIE (per browser), or CLIENT_IP when clients have stable, distinct addresses',
          fix: 'use SessionAffinity.generatedCookie({ ttl: Duration.hours(8) })',
        },
      ],
    },
  ],
  [
    'W4: CLIENT_IP, manifest',
    () => web({ affinity: SessionAffinity.clientIp() }, M),
    {
      errors: [],
      warnings: [
        {
          rule: 'W4',
          attribute: 'sessionAffinity',
          value: 'CLIENT_IP',
          problem:
            'sticks on the client address the proxy sees: every user behind one NAT or corporate proxy lands on the same web pod, and a user whose address changes loses the session',
          allowed:
            'GENERATED_COOKIE (per browser), or CLIENT_IP when clients have stable, distinct addresses',
          fix: 'set the sessionAffinity type to GENERATED_COOKIE with a cookie TTL of 28800',
        },
      ],
    },
  ],
  [
    'W5: one replica with affinity',
    () => web({ replicas: 1 }),
    {
      errors: [],
      warnings: [
        {
          rule: 'W5',
          attribute: 'replicas',
          value: '1',
          problem:
            'makes GENERATED_COOKIE affinity moot: with one web pod every request reaches it anyway, and a rollout or crash still ends every session',
          allowed: '2 or more replicas with affinity',
          fix: 'use replicas: 2 or more (or SessionAffinity.none() for a single pod)',
        },
      ],
    },
  ],
  [
    'W5: one replica without affinity',
    () => web({ replicas: 1, affinity: SessionAffinity.none() }),
    { errors: [], warnings: [] },
  ],
  ['W5: a token replica count', () => web({ replicas: token }), { errors: [], warnings: [] }],
  [
    'W6: the default load balancer drain, shorter than the pods',
    () => web({ ...drains(3600, 7200, false) }),
    {
      errors: [],
      warnings: [
        {
          rule: 'W6',
          attribute: 'draining',
          value: '7200s',
          problem:
            'is longer than a GKE load balancer can drain (loadBalancerDraining defaults to its most, 3600s): at a rollout it drops the tunnels after 3600s while the pod would keep serving them for 7200s',
          allowed: "a pods' drain of at most 3600s behind a load balancer",
          fix: 'use draining: DrainingPolicy.of(Duration.hours(1)), or keep it knowing that tunnels still open after an hour are cut',
        },
      ],
    },
  ],
  [
    'W6: a given load balancer drain under a pod drain of at most an hour',
    () => web({ ...drains(60, 600, true) }),
    {
      errors: [],
      warnings: [
        {
          rule: 'W6',
          attribute: 'loadBalancerDraining',
          value: '60s',
          problem:
            "is shorter than the pods' drain (600s): the load balancer drops the tunnels after 60s while the pod would keep serving them for 600s",
          allowed: '600s or more (at most 3600s)',
          fix: "use loadBalancerDraining: DrainingPolicy.of(Duration.seconds(600)) or shorten the pods' drain",
        },
      ],
    },
  ],
  [
    'W6: a load balancer drain under a pod drain of more than an hour',
    () => web({ ...drains(60, 7200) }),
    {
      errors: [],
      warnings: [
        {
          rule: 'W6',
          attribute: 'loadBalancerDraining',
          value: '60s',
          problem:
            "is shorter than the pods' drain (7200s): the load balancer drops the tunnels after 60s while the pod would keep serving them for 7200s",
          allowed: "3600s, the most a load balancer drains, with a pods' drain of at most 3600s",
          fix: "use loadBalancerDraining: DrainingPolicy.of(Duration.seconds(3600)) and a pods' drain of at most an hour",
        },
      ],
    },
  ],
  [
    'W6: an hour under a longer pod drain',
    () => web({ ...drains(3600, 7200) }),
    {
      errors: [],
      warnings: [
        {
          rule: 'W6',
          attribute: 'loadBalancerDraining',
          value: '3600s',
          problem:
            "is shorter than the pods' drain (7200s): the load balancer drops the tunnels after 3600s while the pod would keep serving them for 7200s",
          allowed: "3600s, the most a load balancer drains, with a pods' drain of at most 3600s",
          fix: "shorten the pods' drain to at most an hour",
        },
      ],
    },
  ],
  [
    'W6: equal drains',
    () => web({ ...drains(600, 600, false), backendTimeout: s(3600) }),
    { errors: [], warnings: [] },
  ],
  [
    'W6: a token load balancer drain',
    () =>
      web({
        loadBalancerDraining: DrainingPolicy.of(Duration._read(token)),
        podDraining: DrainingPolicy.of(s(600)),
      }),
    { errors: [], warnings: [] },
  ],
  // checkGuacdAdmitsWeb
  ['W7: the pool namespace', () => checkGuacdAdmitsWeb({ namespace: 'guac' }, 'guac'), []],
  [
    'W7: another namespace',
    () => checkGuacdAdmitsWeb({ namespace: 'guac' }, 'web'),
    [
      {
        rule: 'W7',
        attribute: 'namespace',
        value: 'web',
        problem: 'is not the namespace the guacd pool admits (guac)',
        allowed: 'guac',
        fix: "use namespace: 'guac', or give the pool webNamespace: 'web'",
      },
    ],
  ],
  [
    'W7: the pool admits another web namespace',
    () => checkGuacdAdmitsWeb({ namespace: 'guac', webNamespace: 'web' }, 'guac'),
    [
      {
        rule: 'W7',
        attribute: 'namespace',
        value: 'guac',
        problem: 'is not the namespace the guacd pool admits (web)',
        allowed: 'web',
        fix: "use namespace: 'web', or give the pool webNamespace: 'guac'",
      },
    ],
  ],
  [
    'W7: the web namespace the pool admits',
    () => checkGuacdAdmitsWeb({ namespace: 'guac', webNamespace: 'web' }, 'web'),
    [],
  ],
  // checkFrontendSettings
  [
    'W8: a Gateway without a name',
    () => checkFrontendSettings(F.GATEWAY, {}, HealthCheck.http()),
    [
      {
        rule: 'W8',
        attribute: 'gatewayName',
        value: '(missing)',
        problem: 'is required with frontend GATEWAY: the HTTPRoute must name its Gateway',
        allowed: 'the name of a GKE Gateway (e.g. of class gke-l7-global-external-managed)',
        fix: "set gatewayName: 'external-http'",
      },
    ],
  ],
  [
    'W8: Gateway settings on an Ingress',
    () =>
      checkFrontendSettings(
        F.INGRESS,
        { gatewayName: 'g', gatewayNamespace: 'n', staticIpName: 'ip' },
        HealthCheck.http(),
      ),
    [
      {
        rule: 'W8',
        attribute: 'gatewayName',
        value: 'g',
        problem: 'is set with frontend Ingress, which has no use for it; it would be ignored',
        allowed: 'gatewayName only with frontend Gateway',
        fix: 'remove gatewayName, or use frontend: GkeFrontend.GATEWAY',
      },
      {
        rule: 'W8',
        attribute: 'gatewayNamespace',
        value: 'n',
        problem: 'is set with frontend Ingress, which has no use for it; it would be ignored',
        allowed: 'gatewayNamespace only with frontend Gateway',
        fix: 'remove gatewayNamespace, or use frontend: GkeFrontend.GATEWAY',
      },
    ],
  ],
  [
    'W8: a static IP on a Gateway',
    () =>
      checkFrontendSettings(
        F.GATEWAY,
        { gatewayName: 'g', gatewayNamespace: 'n', staticIpName: 'ip' },
        HealthCheck.http(),
      ),
    [
      {
        rule: 'W8',
        attribute: 'staticIpName',
        value: 'ip',
        problem: 'is set with frontend Gateway, which has no use for it; it would be ignored',
        allowed: 'staticIpName only with frontend Ingress',
        fix: 'remove staticIpName, or use frontend: GkeFrontend.INGRESS',
      },
    ],
  ],
  [
    'W8: health-check fields a BackendConfig has not',
    () =>
      checkFrontendSettings(
        F.INGRESS,
        {},
        HealthCheck.http({
          name: 'hc',
          host: 'h',
          response: 'ok',
          logging: true,
          description: 'd',
        }),
      ),
    [
      {
        rule: 'W8',
        attribute: 'healthCheck.name',
        value: '"hc"',
        problem:
          "has no field in a BackendConfig (GKE names the health check of the BackendConfig's backend service itself); it would be ignored",
        allowed: 'port, requestPath, interval, timeout and thresholds',
        fix: 'remove name from the HealthCheck',
      },
      {
        rule: 'W8',
        attribute: 'healthCheck.host',
        value: '"h"',
        problem:
          "has no field in a BackendConfig (GKE names the health check of the BackendConfig's backend service itself); it would be ignored",
        allowed: 'port, requestPath, interval, timeout and thresholds',
        fix: 'remove host from the HealthCheck',
      },
      {
        rule: 'W8',
        attribute: 'healthCheck.response',
        value: '"ok"',
        problem:
          "has no field in a BackendConfig (GKE names the health check of the BackendConfig's backend service itself); it would be ignored",
        allowed: 'port, requestPath, interval, timeout and thresholds',
        fix: 'remove response from the HealthCheck',
      },
      {
        rule: 'W8',
        attribute: 'healthCheck.logging',
        value: 'true',
        problem:
          "has no field in a BackendConfig (GKE names the health check of the BackendConfig's backend service itself); it would be ignored",
        allowed: 'port, requestPath, interval, timeout and thresholds',
        fix: 'remove logging from the HealthCheck',
      },
      {
        rule: 'W8',
        attribute: 'healthCheck.description',
        value: '"d"',
        problem:
          "has no field in a BackendConfig (GKE names the health check of the BackendConfig's backend service itself); it would be ignored",
        allowed: 'port, requestPath, interval, timeout and thresholds',
        fix: 'remove description from the HealthCheck',
      },
    ],
  ],
  [
    'W8: health-check fields a HealthCheckPolicy has not',
    () =>
      checkFrontendSettings(
        F.GATEWAY,
        { gatewayName: 'g' },
        HealthCheck.http({
          name: 'hc',
          host: 'h',
          response: 'ok',
          logging: true,
          description: 'd',
        }),
      ),
    [
      {
        rule: 'W8',
        attribute: 'healthCheck.name',
        value: '"hc"',
        problem:
          "has no field in a HealthCheckPolicy (GKE names the health check of the GCPBackendPolicy's backend service itself); it would be ignored",
        allowed: 'port, requestPath, host, response, logging, interval, timeout and thresholds',
        fix: 'remove name from the HealthCheck',
      },
      {
        rule: 'W8',
        attribute: 'healthCheck.description',
        value: '"d"',
        problem:
          "has no field in a HealthCheckPolicy (GKE names the health check of the GCPBackendPolicy's backend service itself); it would be ignored",
        allowed: 'port, requestPath, host, response, logging, interval, timeout and thresholds',
        fix: 'remove description from the HealthCheck',
      },
    ],
  ],
  [
    'W8: logging off is nothing to drop',
    () => checkFrontendSettings(F.INGRESS, {}, HealthCheck.http({ logging: false })),
    [],
  ],
  // W9
  [
    'W9: TCP on an Ingress',
    () => checkHealthCheckType(F.INGRESS, 'TCP', 'at'),
    [
      {
        rule: 'W9',
        attribute: 'at',
        value: '"TCP"',
        problem:
          'is not a type ingress-gce can configure from a BackendConfig: its translator refuses it and the Ingress backend is never synced',
        allowed: 'HTTP, HTTPS, HTTP2',
        fix: "use HealthCheck.http({ port: 8080, requestPath: '/guacamole/' }) (the web application answers HTTP)",
      },
    ],
  ],
  ['W9: HTTP2 on an Ingress', () => checkHealthCheckType(F.INGRESS, 'HTTP2', 'at'), []],
  [
    'W9: SCTP on a Gateway',
    () => checkHealthCheckType(F.GATEWAY, 'SCTP', 'at'),
    [
      {
        rule: 'W9',
        attribute: 'at',
        value: '"SCTP"',
        problem: 'is not a HealthCheckPolicy health-check type: the API server refuses the policy',
        allowed: 'TCP, HTTP, HTTPS, HTTP2, GRPC',
        fix: 'use one of the listed types',
      },
    ],
  ],
  [
    'W9: GRPC and TCP on a Gateway',
    () => ['GRPC', 'TCP'].map((t) => checkHealthCheckType(F.GATEWAY, t, 'at')),
    [[], []],
  ],
  ['W9: a token type', () => checkHealthCheckType(F.INGRESS, token, 'at'), []],
  [
    'W9: a TCP health check carried by a BackendConfig',
    () => checkCarriedHealthCheck(F.INGRESS, HealthCheck.tcp({ port: 4822 })),
    [
      {
        rule: 'W9',
        attribute: 'healthCheck',
        value: '"TCP"',
        problem:
          'is not a type ingress-gce can configure from a BackendConfig: its translator refuses it and the Ingress backend is never synced',
        allowed: 'HTTP, HTTPS, HTTP2',
        fix: "use HealthCheck.http({ port: 8080, requestPath: '/guacamole/' }) (the web application answers HTTP)",
      },
    ],
  ],
  [
    'W9: an Ingress does not check the policy patterns',
    () =>
      checkCarriedHealthCheck(
        F.INGRESS,
        HealthCheck.http({ host: 'Desktop:80', requestPath: '/a b' }),
      ),
    [],
  ],
  [
    'W9: a host with upper case, a port and a trailing dot',
    () =>
      checkCarriedHealthCheck(F.GATEWAY, HealthCheck.http({ host: 'Desktop.Example.com.:8443' })),
    [
      {
        rule: 'W9',
        attribute: 'healthCheck.host',
        value: '"Desktop.Example.com.:8443"',
        problem:
          'is not a host name a HealthCheckPolicy accepts (the CRD allows an RFC 1123 host name only: lower case, no port, no trailing dot)',
        allowed:
          'lowercase letters, digits, hyphens and dots, at most 2048 characters, e.g. desktop.example.com',
        fix: 'use "desktop.example.com"',
      },
    ],
  ],
  [
    'W9: a host with an underscore',
    () => checkCarriedHealthCheck(F.GATEWAY, HealthCheck.http({ host: 'my_host' })),
    [
      {
        rule: 'W9',
        attribute: 'healthCheck.host',
        value: '"my_host"',
        problem:
          'is not a host name a HealthCheckPolicy accepts (the CRD allows an RFC 1123 host name only: lower case, no port, no trailing dot)',
        allowed:
          'lowercase letters, digits, hyphens and dots, at most 2048 characters, e.g. desktop.example.com',
        fix: 'use "my-host"',
      },
    ],
  ],
  [
    'W9: a host with a trailing dot',
    () => checkCarriedHealthCheck(F.GATEWAY, HealthCheck.http({ host: 'desktop.example.com.' })),
    [
      {
        rule: 'W9',
        attribute: 'healthCheck.host',
        value: '"desktop.example.com."',
        problem:
          'is not a host name a HealthCheckPolicy accepts (the CRD allows an RFC 1123 host name only: lower case, no port, no trailing dot)',
        allowed:
          'lowercase letters, digits, hyphens and dots, at most 2048 characters, e.g. desktop.example.com',
        fix: 'use "desktop.example.com"',
      },
    ],
  ],
  [
    'W9: a host of 2048 and 2049 characters',
    () =>
      ['ab', 'abc'].map((end) =>
        checkCarriedHealthCheck(
          F.GATEWAY,
          HealthCheck.http({ host: `${'a.'.repeat(1023)}${end}` }),
        ).map((f) => f.attribute),
      ),
    [[], ['healthCheck.host']],
  ],
  [
    'W9: a request path without a slash',
    () => checkCarriedHealthCheck(F.GATEWAY, HealthCheck.http({ requestPath: '/guac amole' })),
    [
      {
        rule: 'W9',
        attribute: 'healthCheck.requestPath',
        value: '"/guac amole"',
        problem:
          "does not match the request-path pattern of a HealthCheckPolicy (it must end in '/' followed by URL characters)",
        allowed:
          "a path whose last segment holds letters, digits and - . _ ~ % ! ? $ & ' ( ) * + , ; = :, at most 2048 characters",
        fix: "percent-encode the other characters, e.g. '/guacamole/'",
      },
    ],
  ],
  [
    'W9: request paths the pattern takes',
    () =>
      ['/', '/guacamole/', "/a-._~%!?$&'()*+,;=:", 'x/y', '/a b/c'].map((requestPath) =>
        checkCarriedHealthCheck(F.GATEWAY, HealthCheck.http({ requestPath })),
      ),
    [[], [], [], [], []],
  ],
  [
    'W9: a request path of 2048 and 2049 characters',
    () =>
      [2048, 2049].map((n) =>
        checkCarriedHealthCheck(
          F.GATEWAY,
          HealthCheck.http({ requestPath: `/${'a'.repeat(n - 1)}` }),
        ).map((f) => f.attribute),
      ),
    [[], ['healthCheck.requestPath']],
  ],
  [
    'W9: token host and path',
    () => checkCarriedHealthCheck(F.GATEWAY, HealthCheck.http({ host: token, requestPath: token })),
    [],
  ],
  // checkHealthCheckPolicy
  ['HealthCheckPolicy: no spec.default', () => checkHealthCheckPolicy(undefined), []],
  [
    'HealthCheckPolicy: a timeout of 6 s alone',
    () => checkHealthCheckPolicy({ timeoutSec: 6 }),
    [
      {
        rule: 'H2',
        attribute: 'manifest.spec.default.timeoutSec',
        value: '6',
        problem:
          'is longer than the interval (5s, the default); the HealthCheckPolicy is refused ("It is invalid for timeoutSec to have greater value than checkIntervalSec")',
        allowed: 'a timeout of at most the interval (5s; equal is fine)',
        fix: 'set timeoutSec to 5 or less, or checkIntervalSec to 6 or more',
      },
    ],
  ],
  [
    'HealthCheckPolicy: a timeout above a given interval',
    () => checkHealthCheckPolicy({ timeoutSec: 10, checkIntervalSec: 8 }, 'at'),
    [
      {
        rule: 'H2',
        attribute: 'at.timeoutSec',
        value: '10',
        problem:
          'is longer than the interval (8s); the HealthCheckPolicy is refused ("It is invalid for timeoutSec to have greater value than checkIntervalSec")',
        allowed: 'a timeout of at most the interval (8s; equal is fine)',
        fix: 'set timeoutSec to 8 or less, or checkIntervalSec to 10 or more',
      },
    ],
  ],
  [
    'HealthCheckPolicy: an interval below the default timeout',
    () => checkHealthCheckPolicy({ checkIntervalSec: 4 }),
    [
      {
        rule: 'H2',
        attribute: 'manifest.spec.default.timeoutSec',
        value: '5',
        problem:
          'is longer than the interval (4s); the HealthCheckPolicy is refused ("It is invalid for timeoutSec to have greater value than checkIntervalSec")',
        allowed: 'a timeout of at most the interval (4s; equal is fine)',
        fix: 'set timeoutSec to 4 or less, or checkIntervalSec to 5 or more',
      },
    ],
  ],
  [
    'HealthCheckPolicy: equal',
    () =>
      checkHealthCheckPolicy({
        checkIntervalSec: 300,
        timeoutSec: 300,
        healthyThreshold: 10,
        unhealthyThreshold: 1,
      }),
    [],
  ],
  [
    'HealthCheckPolicy: out of range',
    () =>
      checkHealthCheckPolicy({
        checkIntervalSec: 301,
        timeoutSec: 0,
        healthyThreshold: 11,
        unhealthyThreshold: 0,
      }),
    [
      {
        rule: 'H1',
        attribute: 'manifest.spec.default.checkIntervalSec',
        value: '301',
        problem: 'is out of range',
        allowed: 'a whole number in 1..300',
        fix: 'use e.g. 5, the default',
      },
      {
        rule: 'H1',
        attribute: 'manifest.spec.default.timeoutSec',
        value: '0',
        problem: 'is out of range',
        allowed: 'a whole number in 1..300',
        fix: 'use e.g. 5, the default',
      },
      {
        rule: 'H3',
        attribute: 'manifest.spec.default.healthyThreshold',
        value: '11',
        problem: 'is out of range',
        allowed: 'a whole number in 1..10',
        fix: 'use e.g. 2, the default',
      },
      {
        rule: 'H3',
        attribute: 'manifest.spec.default.unhealthyThreshold',
        value: '0',
        problem: 'is out of range',
        allowed: 'a whole number in 1..10',
        fix: 'use e.g. 2, the default',
      },
    ],
  ],
  [
    'HealthCheckPolicy: expressions',
    () =>
      checkHealthCheckPolicy({
        checkIntervalSec: '${var.i}',
        timeoutSec: '${var.t}',
        healthyThreshold: 'x-${var.h}',
        config: { type: 'HTTP', httpHealthCheck: { host: '${var.h}', requestPath: '${var.p}' } },
      }),
    [],
  ],
  [
    'HealthCheckPolicy: a timeout above an expression interval',
    () => checkHealthCheckPolicy({ checkIntervalSec: '${var.i}', timeoutSec: 200 }),
    [],
  ],
  [
    'HealthCheckPolicy: an expression type',
    () =>
      checkHealthCheckPolicy({
        config: { type: '${var.t}', tcpHealthCheck: {}, httpHealthCheck: {} },
      }),
    [],
  ],
  [
    'HealthCheckPolicy: not a type',
    () => checkHealthCheckPolicy({ config: { type: 'SCTP', httpHealthCheck: { host: 'A' } } }),
    [
      {
        rule: 'W9',
        attribute: 'manifest.spec.default.config.type',
        value: '"SCTP"',
        problem: 'is not a HealthCheckPolicy health-check type: the API server refuses the policy',
        allowed: 'TCP, HTTP, HTTPS, HTTP2, GRPC',
        fix: 'use one of the listed types',
      },
    ],
  ],
  [
    'HealthCheckPolicy: two probe blocks',
    () =>
      checkHealthCheckPolicy({ config: { type: 'TCP', tcpHealthCheck: {}, httpHealthCheck: {} } }),
    [
      {
        rule: 'W9',
        attribute: 'manifest.spec.default.config',
        value: 'tcpHealthCheck, httpHealthCheck',
        problem:
          'does not hold exactly the probe block of type TCP; the HealthCheckPolicy is refused',
        allowed: 'exactly tcpHealthCheck with type TCP',
        fix: 'give config.tcpHealthCheck only (or change config.type)',
      },
    ],
  ],
  [
    'HealthCheckPolicy: the probe block of another type',
    () => checkHealthCheckPolicy({ config: { type: 'GRPC', httpHealthCheck: {} } }),
    [
      {
        rule: 'W9',
        attribute: 'manifest.spec.default.config',
        value: 'httpHealthCheck',
        problem:
          'does not hold exactly the probe block of type GRPC; the HealthCheckPolicy is refused',
        allowed: 'exactly grpcHealthCheck with type GRPC',
        fix: 'give config.grpcHealthCheck only (or change config.type)',
      },
    ],
  ],
  [
    'HealthCheckPolicy: the default type with its block',
    () =>
      checkHealthCheckPolicy({
        config: { httpHealthCheck: { host: 'Bad_Host', requestPath: 'no-slash' } },
      }),
    [
      {
        rule: 'W9',
        attribute: 'manifest.spec.default.config.httpHealthCheck.host',
        value: '"Bad_Host"',
        problem:
          'is not a host name a HealthCheckPolicy accepts (the CRD allows an RFC 1123 host name only: lower case, no port, no trailing dot)',
        allowed:
          'lowercase letters, digits, hyphens and dots, at most 2048 characters, e.g. desktop.example.com',
        fix: 'use "bad-host"',
      },
      {
        rule: 'W9',
        attribute: 'manifest.spec.default.config.httpHealthCheck.requestPath',
        value: '"no-slash"',
        problem:
          "does not match the request-path pattern of a HealthCheckPolicy (it must end in '/' followed by URL characters)",
        allowed:
          "a path whose last segment holds letters, digits and - . _ ~ % ! ? $ & ' ( ) * + , ; = :, at most 2048 characters",
        fix: "percent-encode the other characters, e.g. '/guacamole/'",
      },
    ],
  ],
  [
    'HealthCheckPolicy: no probe block',
    () => checkHealthCheckPolicy({ config: { type: 'HTTPS' } }),
    [],
  ],
  [
    'HealthCheckPolicy: an HTTP2 block',
    () =>
      checkHealthCheckPolicy({
        config: { type: 'HTTP2', http2HealthCheck: { requestPath: '/ok' } },
      }),
    [],
  ],
  // checkWebHost
  [
    'W10: no host',
    () => ['', undefined, token].map((h) => checkWebHost(F.INGRESS, h)),
    [
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
    ],
  ],
  [
    'W10: upper case',
    () => checkWebHost(F.INGRESS, 'Desktop.Example.com'),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value: '"Desktop.Example.com"',
          problem: 'is not an Ingress rule host the API server accepts',
          allowed:
            'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
          fix: 'use host: "desktop.example.com"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W10: a URL',
    () => checkWebHost(F.GATEWAY, 'https://Desktop.example.com:8443/guacamole/?x#y'),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value: '"https://Desktop.example.com:8443/guacamole/?x#y"',
          problem: 'is not an HTTPRoute hostname the Gateway API schema accepts',
          allowed:
            'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
          fix: 'use host: "desktop.example.com"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W10: a wildcard with upper case',
    () => checkWebHost(F.INGRESS, '*.Example.com'),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value: '"*.Example.com"',
          problem: 'is not an Ingress rule host the API server accepts',
          allowed:
            'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
          fix: 'use host: "*.example.com"',
        },
      ],
      warnings: [],
    },
  ],
  ['W10: a wildcard', () => checkWebHost(F.INGRESS, '*.example.com'), { errors: [], warnings: [] }],
  [
    'W10: labels with other characters',
    () => checkWebHost(F.INGRESS, '-my_desk-.example.com.'),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value: '"-my_desk-.example.com."',
          problem: 'is not an Ingress rule host the API server accepts',
          allowed:
            'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
          fix: 'use host: "my-desk.example.com"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W10: nothing left',
    () => checkWebHost(F.INGRESS, '!!!'),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value: '"!!!"',
          problem: 'is not an Ingress rule host the API server accepts',
          allowed:
            'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
          fix: 'use host: "desktop.example.com"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W10: a wildcard with nothing left',
    () => checkWebHost(F.INGRESS, '*.__'),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value: '"*.__"',
          problem: 'is not an Ingress rule host the API server accepts',
          allowed:
            'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
          fix: 'use host: "*.desktop.example.com"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W10: an IPv4 address',
    () => [F.INGRESS, F.GATEWAY].map((f) => checkWebHost(f, '10.0.0.1')),
    [
      {
        errors: [
          {
            rule: 'W10',
            attribute: 'host',
            value: '"10.0.0.1"',
            problem:
              'is an IP address; the API server refuses it ("must be a DNS name, not an IP address")',
            allowed: 'a DNS name, e.g. desktop.example.com',
            fix: 'use the DNS name users reach, or leave host unset to serve any host',
          },
        ],
        warnings: [],
      },
      {
        errors: [],
        warnings: [
          {
            rule: 'W10',
            attribute: 'host',
            value: '"10.0.0.1"',
            problem:
              'is an IP address; the Gateway API says hostnames are never IPs, so a GKE Gateway may not match it',
            allowed: 'a DNS name, e.g. desktop.example.com',
            fix: 'use the DNS name users reach, or leave host unset to serve any host',
          },
        ],
      },
    ],
  ],
  [
    'W10: an IPv4 address with leading zeros',
    () => checkWebHost(F.INGRESS, '010.001.000.001'),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value: '"010.001.000.001"',
          problem:
            'is an IP address; the API server refuses it ("must be a DNS name, not an IP address")',
          allowed: 'a DNS name, e.g. desktop.example.com',
          fix: 'use the DNS name users reach, or leave host unset to serve any host',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W10: not an IPv4 address',
    () =>
      ['256.1.1.1', '1.2.3', '1.2.3.4.5', '1.2.3.1234', '1.2.3.a'].map((h) =>
        checkWebHost(F.INGRESS, h),
      ),
    [
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
    ],
  ],
  [
    'W10: an IPv6 address',
    () => checkWebHost(F.INGRESS, '::1'),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value: '"::1"',
          problem: 'is not an Ingress rule host the API server accepts',
          allowed:
            'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
          fix: 'use host: "desktop.example.com"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W10: 253 and 254 characters',
    () =>
      [253, 254].map((n) =>
        checkWebHost(F.INGRESS, `${'a.'.repeat(n)}`.slice(0, n - 1) + 'b').errors.map(
          (f) => f.problem,
        ),
      ),
    [[], ['is not an Ingress rule host the API server accepts']],
  ],
  [
    'W10: a long invalid host is cut to a valid one',
    () => checkWebHost(F.INGRESS, `${'Ab.'.repeat(100)}`),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value:
            '"Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab.Ab."',
          problem: 'is not an Ingress rule host the API server accepts',
          allowed:
            'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
          fix: 'use host: "ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab.ab"',
        },
      ],
      warnings: [],
    },
  ],
  [
    'W10: not a string',
    () => checkWebHost(F.INGRESS, 42 as never),
    {
      errors: [
        {
          rule: 'W10',
          attribute: 'host',
          value: '42',
          problem: 'is not an Ingress rule host the API server accepts',
          allowed:
            'a lowercase DNS name (RFC 1123 subdomain) of at most 253 characters, optionally starting with "*."; no port, no trailing dot, no upper case',
          fix: 'use host: "42"',
        },
      ],
      warnings: [],
    },
  ],
];

test.each(CASES)('%s', (_title, run, expected) => {
  expect(run()).toEqual(expected);
});

describe('edges the cases above leave open', () => {
  test('W6: a pods drain of exactly an hour asks for an hour at the load balancer', () => {
    const [w6] = validateWebTier({
      frontend: F.INGRESS,
      affinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }),
      loadBalancerDraining: DrainingPolicy.of(s(60)),
      podDraining: DrainingPolicy.of(s(3600)),
      backendTimeout: Duration.hours(8),
      healthCheck: HealthCheck.http({ port: 8080, requestPath: '/guacamole/' }),
      replicas: 2,
    }).warnings;
    expect([w6.allowed, w6.fix]).toEqual([
      '3600s or more (at most 3600s)',
      "use loadBalancerDraining: DrainingPolicy.of(Duration.seconds(3600)) or shorten the pods' drain",
    ]);
  });

  test('HealthCheckPolicy: a host that is not a string is refused', () => {
    expect(
      checkHealthCheckPolicy({ config: { httpHealthCheck: { host: 42 } } }).map((v) => v.value),
    ).toEqual(['42']);
  });

  test('HealthCheckPolicy: strings are not compared as numbers (H1 reports them)', () => {
    for (const values of [
      { checkIntervalSec: '10', timeoutSec: '9' },
      { timeoutSec: '9' },
      { checkIntervalSec: '4' },
    ])
      expect(checkHealthCheckPolicy(values).map((v) => v.rule)).not.toContain('H2');
  });

  test('HealthCheckPolicy: a type given as an expression object is not judged', () => {
    const type = { resolve: () => 'HTTP' };
    expect(
      checkHealthCheckPolicy({ config: { type, tcpHealthCheck: {}, httpHealthCheck: {} } }),
    ).toEqual([]);
  });

  test('HealthCheckPolicy: an escaped "$${" is text, not an expression', () => {
    expect(
      checkHealthCheckPolicy({ timeoutSec: '$${x}', config: { type: '$${t}' } }).map((v) => [
        v.rule,
        v.attribute,
      ]),
    ).toEqual([
      ['H1', 'manifest.spec.default.timeoutSec'],
      ['W9', 'manifest.spec.default.config.type'],
    ]);
  });

  test('W10: only four decimal octets of at most 255 are an IP address', () => {
    expect(checkWebHost(F.INGRESS, '1.2.3.255').errors.map((e) => e.rule)).toEqual(['W10']);
    for (const host of ['1.2.3.256', '1e2.0.0.1', '0x1.0.0.1', '1.2.3.4a'])
      expect([host, checkWebHost(F.INGRESS, host)]).toEqual([host, { errors: [], warnings: [] }]);
  });

  test('W10: the suggested host keeps only the host name of a pasted URL', () => {
    const fix = (host: string) => checkWebHost(F.INGRESS, host).errors[0].fix;
    expect(fix('Desk.example.com/a://b')).toBe('use host: "desk.example.com"');
    expect(fix('Desk.example.com/x?y#z:80')).toBe('use host: "desk.example.com"');
    expect(fix('Desk:80.example.com:8443')).toBe('use host: "desk-80.example.com"');
    expect(fix('--Desk--.ex_--.com')).toBe('use host: "desk.ex.com"');
    expect(fix('Desk.example.com.-.')).toBe('use host: "desk.example.com"');
    // A scheme only at the start; a path only to the end of the text.
    expect(fix('Desk_a://b.com')).toBe('use host: "desk-a"');
    expect(fix('Desk/x\ny')).toBe('use host: "desk-x-y"');
    // Cut to 251 characters (room for "*."), without the dot the cut leaves at the end.
    expect(fix(`${'A'.repeat(250)}.b`)).toBe(`use host: "${'a'.repeat(250)}"`);
  });
});
