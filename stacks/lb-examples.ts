/**
 * A small example app per load-balancer frontend, each a stack of its own next to the
 * reference stacks (`npm run synth` writes them to `cdktf.out/stacks/example-*`). Each has its
 * managed instance group, health check, affinity of the kind the type supports, draining,
 * a `LoadBalancerFirewall` that opens exactly the traffic path and, for the Envoy-based types,
 * the proxy-only subnet. Names, ranges and the project are placeholders to read, not to deploy.
 */
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { configureStateBackend } from './state-backend';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ComputeInstanceTemplate } from '@cdktf/provider-google/lib/compute-instance-template';
import {
  AffinityBackendService,
  BackendProtocol,
  BalancingMode,
  CrossRegionInternalHttpsFrontend,
  DrainingPolicy,
  Duration,
  ExternalPassthroughFrontend,
  GlobalHttpsFrontend,
  HealthCheck,
  InternalPassthroughFrontend,
  LoadBalancerFirewall,
  LoadBalancingScheme,
  ProxyOnlySubnet,
  ProxyOnlySubnetPurpose,
  RegionalExternalHttpsFrontend,
  RegionalInternalHttpsFrontend,
  SessionAffinity,
  ZonalBackendGroup,
} from '../lib';

export const EXAMPLE_PROJECT = 'example-project';
const NETWORK = 'lan';
const REGION = 'europe-west4';

/** The stacks `npm run synth` writes, one per frontend type. */
export const EXAMPLE_STACKS = [
  'example-global-external-alb',
  'example-regional-external-alb',
  'example-regional-internal-alb',
  'example-cross-region-internal-alb',
  'example-internal-passthrough-nlb',
  'example-external-passthrough-nlb',
] as const;

function exampleStack(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  // The same state backend as the reference stacks: relative paths, so the JSON does not
  // depend on where the checkout is.
  configureStateBackend(stack, id);
  new GoogleProvider(stack, 'google', { project: EXAMPLE_PROJECT });
  return stack;
}

/** A managed instance group of `app` in `zone`, its VMs tagged `app`, serving on `port`. */
function group(scope: Construct, app: string, zone: string, port: number): ZonalBackendGroup {
  const template = new ComputeInstanceTemplate(scope, `${app}-template-${zone}`, {
    name: `${app}-${zone}`,
    machineType: 'e2-standard-2',
    tags: [app],
    disk: [{ sourceImage: 'debian-cloud/debian-12', boot: true }],
    networkInterface: [{ network: NETWORK, subnetwork: `${NETWORK}-apps-${zone.slice(0, -2)}` }],
    lifecycle: { createBeforeDestroy: true },
  });
  return new ZonalBackendGroup(scope, `${app}-group-${zone}`, {
    name: `${app}-${zone}`,
    zone,
    instanceTemplate: template.id,
    namedPorts: [{ name: 'http', port }],
    autoscaling: { minReplicas: 2, maxReplicas: 6, loadBalancingTarget: 0.8 },
  });
}

const HTTP_BACKEND = { balancingMode: BalancingMode.RATE, maxRatePerInstance: 100 };

/** Global external ALB: HTTP cookie affinity (8 h), 10-minute drain; Google Front Ends admitted. */
function globalExternalAlb(app: App): void {
  const s = exampleStack(app, 'example-global-external-alb');
  const shop = new AffinityBackendService(s, 'shop', {
    name: 'shop',
    loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
    protocol: BackendProtocol.HTTP,
    healthCheck: HealthCheck.http({ port: 8080, requestPath: '/healthz' }),
    sessionAffinity: SessionAffinity.httpCookie({ name: 'SHOP_SESSION', ttl: Duration.hours(8) }),
    draining: DrainingPolicy.of(Duration.minutes(10)),
    backends: [{ group: group(s, 'shop', `${REGION}-a`, 8080), ...HTTP_BACKEND }],
  });
  new GlobalHttpsFrontend(s, 'frontend', {
    name: 'shop',
    defaultService: shop,
    managedCertificateDomains: ['shop.example.com'],
  });
  new LoadBalancerFirewall(s, 'firewall', {
    name: 'allow-shop',
    network: NETWORK,
    ports: [8080], // probes and Google Front Ends share 35.191.0.0/16 and 130.211.0.0/22
    targetTags: ['shop'],
    services: [shop],
  });
}

/** Regional external ALB: header affinity on X-Tenant, 5-minute drain; its proxies admitted. */
function regionalExternalAlb(app: App): void {
  const s = exampleStack(app, 'example-regional-external-alb');
  const api = new AffinityBackendService(s, 'api', {
    name: 'api',
    region: REGION,
    loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
    protocol: BackendProtocol.HTTP,
    healthCheck: HealthCheck.http({ port: 8080, requestPath: '/healthz' }),
    sessionAffinity: SessionAffinity.header('X-Tenant'),
    draining: DrainingPolicy.of(Duration.minutes(5)),
    backends: [{ group: group(s, 'api', `${REGION}-b`, 8080), ...HTTP_BACKEND }],
  });
  const proxies = new ProxyOnlySubnet(s, 'proxy-only', {
    name: `${NETWORK}-proxy-only-ew4`,
    region: REGION,
    network: NETWORK,
    ipCidrRange: '10.129.0.0/23',
  });
  new RegionalExternalHttpsFrontend(s, 'frontend', {
    name: 'api',
    region: REGION,
    network: NETWORK,
    defaultService: api,
    certificateManagerCertificateIds: [
      `projects/${EXAMPLE_PROJECT}/locations/${REGION}/certificates/api`,
    ],
  });
  new LoadBalancerFirewall(s, 'firewall', {
    name: 'allow-api',
    network: NETWORK,
    ports: [8080],
    targetTags: ['api'],
    proxyOnlySubnets: [proxies],
    services: [api],
  });
}

/** Regional internal ALB (the user): generated cookie for 2 h, 5-minute drain. */
function regionalInternalAlb(app: App): void {
  const s = exampleStack(app, 'example-regional-internal-alb');
  const portal = new AffinityBackendService(s, 'portal', {
    name: 'portal',
    region: REGION,
    loadBalancingScheme: LoadBalancingScheme.INTERNAL_MANAGED,
    protocol: BackendProtocol.HTTP,
    healthCheck: HealthCheck.http({ port: 8080, requestPath: '/healthz' }),
    sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(2) }),
    draining: DrainingPolicy.of(Duration.minutes(5)),
    backends: [{ group: group(s, 'portal', `${REGION}-a`, 8080), ...HTTP_BACKEND }],
  });
  const proxies = new ProxyOnlySubnet(s, 'proxy-only', {
    name: `${NETWORK}-proxy-only-ew4`,
    region: REGION,
    network: NETWORK,
    ipCidrRange: '10.129.0.0/23',
  });
  new RegionalInternalHttpsFrontend(s, 'frontend', {
    name: 'portal',
    region: REGION,
    network: NETWORK,
    subnetwork: `projects/${EXAMPLE_PROJECT}/regions/${REGION}/subnetworks/${NETWORK}-apps-${REGION}`,
    defaultService: portal,
    certificateManagerCertificateIds: [
      `projects/${EXAMPLE_PROJECT}/locations/${REGION}/certificates/portal`,
    ],
  });
  new LoadBalancerFirewall(s, 'firewall', {
    name: 'allow-portal',
    network: NETWORK,
    ports: [8080],
    targetTags: ['portal'],
    proxyOnlySubnets: [proxies],
    services: [portal],
  });
}

/** Cross-region internal ALB in two regions: HTTP cookie for 1 h, 5-minute drain. */
function crossRegionInternalAlb(app: App): void {
  const s = exampleStack(app, 'example-cross-region-internal-alb');
  const regions = [REGION, 'us-east1'];
  const desk = new AffinityBackendService(s, 'desk', {
    name: 'desk',
    loadBalancingScheme: LoadBalancingScheme.INTERNAL_MANAGED,
    protocol: BackendProtocol.HTTP,
    healthCheck: HealthCheck.http({ port: 8080, requestPath: '/healthz' }),
    sessionAffinity: SessionAffinity.httpCookie({ name: 'DESK', ttl: Duration.hours(1) }),
    draining: DrainingPolicy.of(Duration.minutes(5)),
    backends: regions.map((r) => ({ group: group(s, 'desk', `${r}-b`, 8080), ...HTTP_BACKEND })),
  });
  const proxies = regions.map(
    (region, i) =>
      new ProxyOnlySubnet(s, `proxy-only-${region}`, {
        name: `${NETWORK}-global-proxy-${region}`,
        region,
        network: NETWORK,
        ipCidrRange: `10.${140 + i}.0.0/23`,
        purpose: ProxyOnlySubnetPurpose.GLOBAL_MANAGED_PROXY,
      }),
  );
  new CrossRegionInternalHttpsFrontend(s, 'frontend', {
    name: 'desk',
    network: NETWORK,
    defaultService: desk,
    certificateManagerCertificateIds: [
      `projects/${EXAMPLE_PROJECT}/locations/global/certificates/desk`,
    ],
    locations: regions.map((region) => ({
      region,
      subnetwork: `projects/${EXAMPLE_PROJECT}/regions/${region}/subnetworks/${NETWORK}-apps-${region}`,
    })),
  });
  new LoadBalancerFirewall(s, 'firewall', {
    name: 'allow-desk',
    network: NETWORK,
    ports: [8080],
    targetTags: ['desk'],
    proxyOnlySubnets: proxies,
    services: [desk],
  });
}

/** Internal passthrough NLB for guacd: client-IP affinity, 10-minute drain, two client ranges. */
function internalPassthroughNlb(app: App): void {
  const s = exampleStack(app, 'example-internal-passthrough-nlb');
  const guacd = new AffinityBackendService(s, 'guacd', {
    name: 'guacd',
    region: REGION,
    loadBalancingScheme: LoadBalancingScheme.INTERNAL,
    protocol: BackendProtocol.TCP,
    healthCheck: HealthCheck.tcp({ port: 4822 }),
    sessionAffinity: SessionAffinity.clientIp(),
    draining: DrainingPolicy.of(Duration.minutes(10)),
    backends: [{ group: group(s, 'guacd', `${REGION}-c`, 4822) }],
  });
  new InternalPassthroughFrontend(s, 'frontend', {
    name: 'guacd',
    service: guacd,
    network: NETWORK,
    subnetwork: `projects/${EXAMPLE_PROJECT}/regions/${REGION}/subnetworks/${NETWORK}-apps-${REGION}`,
    ports: [4822],
  });
  new LoadBalancerFirewall(s, 'firewall', {
    name: 'allow-guacd',
    network: NETWORK,
    ports: [4822],
    targetTags: ['guacd'],
    clientRanges: ['10.20.0.0/16', '10.21.0.0/16'], // the Guacamole web tier's subnets
    services: [guacd],
  });
}

/** External passthrough NLB for RDP: client-IP-and-protocol affinity, 15-minute drain. */
function externalPassthroughNlb(app: App): void {
  const s = exampleStack(app, 'example-external-passthrough-nlb');
  const rdp = new AffinityBackendService(s, 'rdp', {
    name: 'rdp',
    region: REGION,
    loadBalancingScheme: LoadBalancingScheme.EXTERNAL,
    protocol: BackendProtocol.TCP,
    healthCheck: HealthCheck.tcp({ port: 3389 }),
    sessionAffinity: SessionAffinity.clientIpProto(),
    draining: DrainingPolicy.of(Duration.minutes(15)),
    backends: [{ group: group(s, 'rdp', `${REGION}-a`, 3389) }],
  });
  new ExternalPassthroughFrontend(s, 'frontend', { name: 'rdp', service: rdp, ports: [3389] });
  new LoadBalancerFirewall(s, 'firewall', {
    name: 'allow-rdp',
    network: NETWORK,
    ports: [3389],
    targetTags: ['rdp'],
    clientRanges: ['203.0.113.0/24'], // the users' office range (documentation prefix)
    services: [rdp],
  });
}

/** Adds the six example stacks to `app`. */
export function buildLbExamples(app: App): void {
  globalExternalAlb(app);
  regionalExternalAlb(app);
  regionalInternalAlb(app);
  crossRegionInternalAlb(app);
  internalPassthroughNlb(app);
  externalPassthroughNlb(app);
}
