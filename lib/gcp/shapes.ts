/**
 * P1 shapes of the Google Cloud props interfaces (`lib/core/shape.ts`): every prop, nested
 * ones included, with the type its interface documents. Enum-valued props are checked as
 * strings here; which strings are allowed is a rule of their own (B1, B2, C1, ...).
 */
import { DRAINING, DURATION } from '../core/value-shapes';
import {
  Field,
  Shape,
  aBoolean,
  aNumber,
  aString,
  anInstance,
  arrayOf,
  objectOf,
  optional,
  required,
} from '../core/shape';
import { HealthCheck } from './health-check';
import { SessionAffinity } from './session-affinity';

/** A `HealthCheck` value. */
export const HEALTH_CHECK = anInstance(
  'HealthCheck',
  "HealthCheck.https({ port: 443, requestPath: '/health' })",
  (v) => v instanceof HealthCheck,
);

/** A `SessionAffinity` value. */
export const SESSION_AFFINITY = anInstance(
  'SessionAffinity',
  'SessionAffinity.generatedCookie({ ttl: Duration.hours(1) })',
  (v) => v instanceof SessionAffinity,
);

/** True for an `IInstanceGroup` (a `ZonalBackendGroup` or `InstanceGroup.fromUrl(...)`). */
export function isInstanceGroup(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const g = v as Record<string, unknown>;
  return (
    typeof g.instanceGroupUrl === 'string' &&
    typeof g.groupName === 'string' &&
    typeof g.zone === 'string' &&
    Array.isArray(g.namedPorts) &&
    typeof g.knowsNamedPorts === 'boolean' &&
    typeof g.autoscalesOnLoadBalancing === 'boolean'
  );
}

/** An instance group a backend sends to. */
export const INSTANCE_GROUP = anInstance(
  'IInstanceGroup',
  'zonalGroup (a ZonalBackendGroup) or InstanceGroup.fromUrl(url, { name, zone })',
  isInstanceGroup,
);

/** `NamedPort`. */
export const NAMED_PORT = objectOf(
  'NamedPort',
  { name: required(aString("'https'")), port: required(aNumber('443')) },
  "{ name: 'https', port: 443 }",
);

/** `BackendOptions` (one backend of a backend service). */
export const BACKEND = objectOf(
  'BackendOptions',
  {
    group: required(INSTANCE_GROUP),
    balancingMode: optional(aString('BalancingMode.RATE')),
    capacityScaler: optional(aNumber('1')),
    maxUtilization: optional(aNumber('0.8')),
    maxRate: optional(aNumber('100')),
    maxRatePerInstance: optional(aNumber('100')),
    maxConnections: optional(aNumber('100')),
    maxConnectionsPerInstance: optional(aNumber('100')),
    description: optional(aString("'zone a'")),
  },
  '{ group }',
);

/** `AffinityBackendServiceProps`. */
export const BACKEND_SERVICE_PROPS: Shape = objectOf(
  'AffinityBackendServiceProps',
  {
    name: required(aString("'my-backend'")),
    loadBalancingScheme: required(aString('LoadBalancingScheme.EXTERNAL_MANAGED')),
    protocol: required(aString('BackendProtocol.HTTPS')),
    healthCheck: required(HEALTH_CHECK),
    region: optional(aString("'us-west1'")),
    sessionAffinity: optional(SESSION_AFFINITY),
    draining: optional(DRAINING()),
    portName: optional(aString("'https'")),
    localityLbPolicy: optional(aString('LocalityLbPolicy.RING_HASH')),
    timeout: optional(DURATION()),
    logging: optional(
      objectOf(
        'BackendServiceLogging',
        { enabled: optional(aBoolean()), sampleRate: optional(aNumber('0.1')) },
        '{ enabled: true, sampleRate: 0.1 }',
      ),
    ),
    backends: optional(arrayOf(BACKEND, '[{ group }]')),
    network: optional(aString("'default'")),
    project: optional(aString("'my-project'")),
    description: optional(aString("'sticky sessions'")),
  },
  '{ name, loadBalancingScheme, protocol, healthCheck }',
);

/** `ZonalBackendGroupProps`. */
export const ZONAL_GROUP_PROPS: Shape = objectOf(
  'ZonalBackendGroupProps',
  {
    name: required(aString("'mcp-group-a'")),
    zone: required(aString("'us-west1-a'")),
    instanceTemplate: required(aString('template.id')),
    namedPorts: optional(arrayOf(NAMED_PORT)),
    baseInstanceName: optional(aString("'mcp'")),
    targetSize: optional(aNumber('2')),
    autoscaling: optional(
      objectOf(
        'ZonalAutoscalingOptions',
        {
          minReplicas: required(aNumber('1')),
          maxReplicas: required(aNumber('3')),
          cpuTarget: optional(aNumber('0.6')),
          loadBalancingTarget: optional(aNumber('0.8')),
          cooldown: optional(DURATION('Duration.seconds(60)')),
        },
        '{ minReplicas: 1, maxReplicas: 3 }',
      ),
    ),
    project: optional(aString("'my-project'")),
  },
  '{ name, zone, instanceTemplate }',
);

/**
 * The shapes that name an `AffinityBackendService` take the test from the caller (the class
 * imports this module, so it cannot be imported here).
 */
export function backendServiceShape(isService: (v: unknown) => boolean): Shape {
  return anInstance(
    'AffinityBackendService',
    "new AffinityBackendService(stack, 'svc', { ... })",
    isService,
  );
}

/** `LoadBalancerFirewallProps`. */
export function firewallProps(service: Shape, proxySubnet: Shape): Shape {
  return objectOf(
    'LoadBalancerFirewallProps',
    {
      name: required(aString("'allow-lb'")),
      network: required(aString("'default'")),
      ports: required(arrayOf(aNumber('443'), '[443]')),
      targetTags: optional(arrayOf(aString("'backend'"))),
      targetServiceAccounts: optional(arrayOf(aString("'sa@p.iam.gserviceaccount.com'"))),
      services: optional(arrayOf(service, '[service]')),
      proxyOnlySubnets: optional(arrayOf(proxySubnet, '[proxyOnlySubnet]')),
      clientRanges: optional(arrayOf(aString("'0.0.0.0/0'"))),
      servingPorts: optional(arrayOf(aNumber('443'), '[443]')),
      priority: optional(aNumber('1000')),
      logging: optional(aBoolean()),
      project: optional(aString("'my-project'")),
    },
    '{ name, network, ports }',
  );
}

/** `HostRule` with its path, route and header rules. */
export function hostRuleShape(service: Shape): Shape {
  const header = objectOf(
    'HeaderMatch',
    {
      headerName: required(aString("'x-tenant'")),
      exactMatch: optional(aString("'a'")),
      prefixMatch: optional(aString("'a'")),
      presentMatch: optional(aBoolean()),
      invertMatch: optional(aBoolean()),
    },
    "{ headerName: 'x-tenant', exactMatch: 'a' }",
  );
  const route = objectOf(
    'RouteRule',
    {
      priority: required(aNumber('1')),
      service: required(service),
      prefixMatch: optional(aString("'/api'")),
      headerMatches: optional(arrayOf(header)),
    },
    '{ priority: 1, service }',
  );
  const path = objectOf(
    'PathRule',
    { paths: required(arrayOf(aString("'/api/*'"))), service: required(service) },
    "{ paths: ['/api/*'], service }",
  );
  const host = objectOf(
    'HostRule',
    {
      hosts: required(arrayOf(aString("'app.example.com'"))),
      pathMatcher: required(aString("'app'")),
      defaultService: required(service),
      pathRules: optional(arrayOf(path)),
      routeRules: optional(arrayOf(route)),
    },
    "{ hosts: ['app.example.com'], pathMatcher: 'app', defaultService: service }",
  );
  return host;
}

/** `GlobalHttpsFrontendProps` with its host, path, route and header rules. */
export function frontendProps(service: Shape): Shape {
  const host = hostRuleShape(service);
  return objectOf(
    'GlobalHttpsFrontendProps',
    {
      name: required(aString("'lb'")),
      defaultService: required(service),
      hostRules: optional(arrayOf(host)),
      managedCertificateDomains: optional(arrayOf(aString("'app.example.com'"))),
      certificateIds: optional(arrayOf(aString('certificate.id'))),
      sslProfile: optional(aString('SslProfile.MODERN')),
      httpRedirect: optional(aBoolean()),
      project: optional(aString("'my-project'")),
    },
    '{ name, defaultService }',
  );
}

/** `AffinityMonitoringProps`. */
export function monitoringProps(service: Shape): Shape {
  return objectOf(
    'AffinityMonitoringProps',
    {
      services: required(arrayOf(service, '[service]')),
      dashboardName: required(aString("'lb-affinity'")),
      notificationChannels: optional(arrayOf(aString('channel.id'))),
      unevenShareThreshold: optional(aNumber('0.8')),
      minRequestRate: optional(aNumber('1')),
      alertAfter: optional(DURATION('Duration.minutes(10)')),
      project: optional(aString("'my-project'")),
    },
    "{ services: [service], dashboardName: 'lb-affinity' }",
  );
}

/** The props of the regional and cross-region HTTPS frontends. */
export function regionalFrontendProps(
  name: string,
  service: Shape,
  isSubnet: (v: unknown) => boolean,
  extra: { networkTier?: boolean; subnetwork?: boolean; locations?: boolean },
): Shape {
  const subnet = anInstance(
    'ProxyOnlySubnet',
    "new ProxyOnlySubnet(stack, 'proxy-only', { ... })",
    isSubnet,
  );
  const fields: Record<string, Field> = {
    name: required(aString("'lb'")),
    defaultService: required(service),
    hostRules: optional(arrayOf(hostRuleShape(service))),
    certificateIds: optional(arrayOf(aString('certificate.id'))),
    certificateManagerCertificateIds: optional(arrayOf(aString('certificate.id'))),
    sslProfile: optional(aString('SslProfile.MODERN')),
    httpRedirect: optional(aBoolean()),
    project: optional(aString("'my-project'")),
    network: required(aString("'default'")),
  };
  if (extra.locations) {
    fields.locations = required(
      arrayOf(
        objectOf(
          'CrossRegionLocation',
          {
            region: required(aString("'europe-west4'")),
            subnetwork: required(aString('subnet.id')),
            ipAddress: optional(aString("'10.1.2.99'")),
          },
          "{ region: 'europe-west4', subnetwork: subnet.id }",
        ),
        "[{ region: 'europe-west4', subnetwork: subnet.id }]",
      ),
    );
    fields.proxyOnlySubnets = optional(arrayOf(subnet, '[proxyOnlySubnet]'));
  } else {
    fields.region = required(aString("'europe-west4'"));
    fields.proxyOnlySubnet = optional(subnet);
  }
  if (extra.networkTier) fields.networkTier = optional(aString('NetworkTier.PREMIUM'));
  if (extra.subnetwork) {
    fields.subnetwork = required(aString('subnet.id'));
    fields.ipAddress = optional(aString("'10.1.2.99'"));
  }
  return objectOf(name, fields, '{ name, defaultService, network, ... }');
}

/** The props of the passthrough frontends. */
export function passthroughFrontendProps(name: string, service: Shape, internal: boolean): Shape {
  const fields: Record<string, Field> = {
    name: required(aString("'nlb'")),
    service: required(service),
    ports: optional(arrayOf(aNumber('4822'), '[4822]')),
    allPorts: optional(aBoolean()),
    project: optional(aString("'my-project'")),
  };
  if (internal) {
    fields.network = required(aString("'default'"));
    fields.subnetwork = required(aString('subnet.id'));
    fields.allowGlobalAccess = optional(aBoolean());
    fields.ipAddress = optional(aString("'10.1.2.99'"));
  } else {
    fields.networkTier = optional(aString('NetworkTier.PREMIUM'));
  }
  return objectOf(name, fields, '{ name, service, ports: [4822] }');
}
