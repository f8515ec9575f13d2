import { Construct } from 'constructs';
import { AffinityBackendService } from './affinity-backend-service';
import {
  HttpsFlavour,
  HttpsFrontendBaseProps,
  renderListener,
  renderRedirect,
} from './https-frontend-core';
import { LoadBalancerKind, LoadBalancingScheme } from './load-balancing';
import { ProxyOnlySubnet, ProxyOnlySubnetPurpose } from './proxy-only-subnet';
import { buildEnvoyCore, internalListener } from './regional-https-frontend';
import { backendServiceShape, regionalFrontendProps } from './shapes';

/** One region where a cross-region internal Application LB listens. */
export interface CrossRegionLocation {
  /** Region, e.g. `europe-west4`. */
  readonly region: string;
  /** Subnetwork of that region the internal IP address is taken from. */
  readonly subnetwork: string;
  /**
   * The internal IP address to reserve there.
   * @default - one the API picks
   */
  readonly ipAddress?: string;
}

/** Properties of a `CrossRegionInternalHttpsFrontend`. */
export interface CrossRegionInternalHttpsFrontendProps extends HttpsFrontendBaseProps {
  /** VPC network of the clients and backends. */
  readonly network: string;
  /** The regions the load balancer listens in (one forwarding rule and address each). */
  readonly locations: CrossRegionLocation[];
  /** Certificate Manager certificate ids (the only kind a cross-region internal ALB takes). */
  readonly certificateManagerCertificateIds: string[];
  /**
   * The proxy-only subnets (GLOBAL_MANAGED_PROXY) of the locations' regions.
   * @default - the stack's ProxyOnlySubnets of those regions, the network and purpose; synth fails for a region without one (U8)
   */
  readonly proxyOnlySubnets?: ProxyOnlySubnet[];
  /**
   * Also listen on port 80 of the same addresses and redirect to HTTPS (301).
   * @default false
   */
  readonly httpRedirect?: boolean;
}

/**
 * The frontend of a cross-region internal Application Load Balancer (global INTERNAL_MANAGED):
 * a global URL map and HTTPS proxy with a strict SSL policy and Certificate Manager
 * certificates, and in each location an internal address and a global forwarding rule on 443
 * (optionally also 80, redirecting). Its Envoy proxies reach the backends from the
 * GLOBAL_MANAGED_PROXY proxy-only subnet of each region (U8), which the firewall must admit
 * on the serving port (H9). The services are global INTERNAL_MANAGED backend services.
 */
export class CrossRegionInternalHttpsFrontend extends Construct {
  /** The internal IP addresses, one per location, in the order given. */
  public readonly ipAddresses: string[];
  /** The scheme: INTERNAL_MANAGED (global). */
  public readonly loadBalancingScheme = LoadBalancingScheme.INTERNAL_MANAGED;

  constructor(scope: Construct, id: string, props: CrossRegionInternalHttpsFrontendProps) {
    super(scope, id);
    const locations = Array.isArray(props?.locations) ? props.locations : [];
    // The longest derived name is `<name>-https-<region>` or `<name>-http-redirect`.
    const longest = Math.max(14, ...locations.map((l) => String(l?.region).length + 7));
    const flavour: HttpsFlavour = {
      construct: 'CrossRegionInternalHttpsFrontend',
      accepts: (s) =>
        s.loadBalancerKind === LoadBalancerKind.INTERNAL_ALB &&
        s.loadBalancingScheme === LoadBalancingScheme.INTERNAL_MANAGED &&
        s.region === undefined,
      servicesText: 'global INTERNAL_MANAGED backend services with HTTP, HTTPS, HTTP2 or H2C',
      scheme: LoadBalancingScheme.INTERNAL_MANAGED,
      managedCertificates: false,
      sslCertificates: false,
      certificateManager: true,
      longestSuffix: 'x'.repeat(longest),
    };
    const proxies = () => ({
      purpose: ProxyOnlySubnetPurpose.GLOBAL_MANAGED_PROXY,
      regions: locations.map((l) => l.region),
      given: props.proxyOnlySubnets,
    });
    const { core, dependsOn } = buildEnvoyCore(this, props, flavour, proxies, PROPS, [
      ['name', 'string', "'lb'"],
      ['defaultService', 'object', 'service'],
      ['network', 'string', "'default'"],
      ['locations', 'object', "[{ region: 'europe-west4', subnetwork: subnet.id }]"],
      ['certificateManagerCertificateIds', 'object', '[certificate.id]'],
    ]);
    const redirect = props.httpRedirect ?? false;
    const httpProxyId = redirect ? renderRedirect(this, props, flavour) : undefined;
    this.ipAddresses = locations.map(
      (l) =>
        renderListener(this, props, flavour, {
          suffix: `-${l.region}`,
          ...internalListener(props.network, l, false, redirect),
          httpsProxyId: core.httpsProxyId,
          httpProxyId: httpProxyId ? () => httpProxyId : undefined,
          dependsOn,
        }).address,
    );
  }
}

const PROPS = regionalFrontendProps(
  'CrossRegionInternalHttpsFrontendProps',
  backendServiceShape((v) => v instanceof AffinityBackendService),
  (v) => v instanceof ProxyOnlySubnet,
  { locations: true },
);
