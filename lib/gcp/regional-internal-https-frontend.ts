import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AffinityBackendService } from './affinity-backend-service';
import { HttpsFrontendBaseProps, renderListener, renderRedirect } from './https-frontend-core';
import { LoadBalancerKind, LoadBalancingScheme } from './load-balancing';
import { ProxyOnlySubnet } from './proxy-only-subnet';
import { buildRegionalCore, internalListener } from './regional-https-frontend';
import { backendServiceShape, regionalFrontendProps } from './shapes';

/** Properties of a `RegionalInternalHttpsFrontend`. */
export interface RegionalInternalHttpsFrontendProps extends HttpsFrontendBaseProps {
  /** Region of the load balancer and its services, e.g. `europe-west4`. */
  readonly region: string;
  /** VPC network of the clients and backends (and of the proxy-only subnet). */
  readonly network: string;
  /** Subnetwork the load balancer's internal IP address is taken from (not the proxy-only subnet). */
  readonly subnetwork: string;
  /**
   * The internal IP address to reserve (from `subnetwork`).
   * @default - one the API picks
   */
  readonly ipAddress?: string;
  /**
   * Regional SSL certificate ids. Give this or `certificateManagerCertificateIds`.
   * @default - none
   */
  readonly certificateIds?: string[];
  /**
   * Regional Certificate Manager certificate ids.
   * @default - none
   */
  readonly certificateManagerCertificateIds?: string[];
  /**
   * The proxy-only subnet (REGIONAL_MANAGED_PROXY) of the region and network.
   * @default - the stack's ProxyOnlySubnet of that region, network and purpose; synth fails without one (U8)
   */
  readonly proxyOnlySubnet?: ProxyOnlySubnet;
  /**
   * Also listen on port 80 of the same address and redirect to HTTPS (301).
   * @default false (inside a VPC, port 80 carries no traffic from the internet)
   */
  readonly httpRedirect?: boolean;
}

/**
 * The frontend of a regional internal Application Load Balancer (regional INTERNAL_MANAGED):
 * an internal IP address in a subnetwork, a regional URL map, HTTPS proxy with a strict SSL
 * policy and the forwarding rule on 443 in the network (optionally also 80, redirecting, on
 * the same address: SHARED_LOADBALANCER_VIP). Its Envoy proxies reach the backends from the
 * region's proxy-only subnet (U8), which the firewall must admit on the serving port (H9).
 */
export class RegionalInternalHttpsFrontend extends Construct {
  /** The internal IP address. */
  public readonly ipAddress: string;
  /** The scheme: INTERNAL_MANAGED. */
  public readonly loadBalancingScheme = LoadBalancingScheme.INTERNAL_MANAGED;

  constructor(scope: Construct, id: string, props: RegionalInternalHttpsFrontendProps) {
    super(scope, id);
    const { core, dependsOn, flavour } = buildRegionalCore(
      this,
      props,
      'RegionalInternalHttpsFrontend',
      LoadBalancingScheme.INTERNAL_MANAGED,
      LoadBalancerKind.INTERNAL_ALB,
      PROPS,
      [['subnetwork', 'string', 'subnet.id']],
    );
    const n = props.name;
    const redirect = props.httpRedirect ?? false;
    const ip = renderListener(this, props, flavour, {
      suffix: '',
      ...internalListener(props.network, props, true, redirect),
      httpsProxyId: core.httpsProxyId,
      httpProxyId: redirect ? () => renderRedirect(this, props, flavour) : undefined,
      dependsOn,
    });
    this.ipAddress = ip.address;
    new TerraformOutput(this, 'ip-address', {
      value: this.ipAddress,
      description: `Internal IP address of ${n}`,
    });
  }
}

const PROPS = regionalFrontendProps(
  'RegionalInternalHttpsFrontendProps',
  backendServiceShape((v) => v instanceof AffinityBackendService),
  (v) => v instanceof ProxyOnlySubnet,
  { subnetwork: true },
);
