import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AffinityBackendService } from './affinity-backend-service';
import { HttpsFrontendBaseProps, renderListener, renderRedirect } from './https-frontend-core';
import { addressSpec } from '../terraform/google/address';
import { forwardingRuleSpec } from '../terraform/google/forwarding-rule';
import { LoadBalancerKind, LoadBalancingScheme } from './load-balancing';
import { ProxyOnlySubnet } from './proxy-only-subnet';
import { buildRegionalCore } from './regional-https-frontend';
import { backendServiceShape, regionalFrontendProps } from './shapes';

/** Network tier of an external address and forwarding rule. */
export enum NetworkTier {
  /** Google's network end to end (the API's default). */
  PREMIUM = 'PREMIUM',
  /** Traffic enters Google's network in the region. */
  STANDARD = 'STANDARD',
}

/** Properties of a `RegionalExternalHttpsFrontend`. */
export interface RegionalExternalHttpsFrontendProps extends HttpsFrontendBaseProps {
  /** Region of the load balancer and its services, e.g. `europe-west4`. */
  readonly region: string;
  /** VPC network of the backends (and of the proxy-only subnet). */
  readonly network: string;
  /**
   * Regional SSL certificate ids (`google_compute_region_ssl_certificate`). Give this or
   * `certificateManagerCertificateIds`.
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
   * Network tier of the address and forwarding rules.
   * @default NetworkTier.PREMIUM (not emitted; the API's default)
   */
  readonly networkTier?: NetworkTier;
  /**
   * Also listen on port 80 and redirect to HTTPS (301).
   * @default true
   */
  readonly httpRedirect?: boolean;
}

/**
 * The frontend of a regional external Application Load Balancer (regional EXTERNAL_MANAGED):
 * a regional external IP, a regional URL map, HTTPS proxy with a strict SSL policy, the
 * forwarding rule on 443 in the network, and an optional HTTP→HTTPS redirect on 80. Its Envoy
 * proxies reach the backends from the region's proxy-only subnet (U8), which the firewall must
 * admit on the serving port (H9).
 */
export class RegionalExternalHttpsFrontend extends Construct {
  /** The reserved IP address. */
  public readonly ipAddress: string;
  /** The scheme: EXTERNAL_MANAGED. */
  public readonly loadBalancingScheme = LoadBalancingScheme.EXTERNAL_MANAGED;

  constructor(scope: Construct, id: string, props: RegionalExternalHttpsFrontendProps) {
    super(scope, id);
    const { core, dependsOn, flavour } = buildRegionalCore(
      this,
      props,
      'RegionalExternalHttpsFrontend',
      LoadBalancingScheme.EXTERNAL_MANAGED,
      LoadBalancerKind.REGIONAL_EXTERNAL_ALB,
      REGIONAL_EXTERNAL_PROPS,
    );
    const n = props.name;
    const ip = renderListener(this, props, flavour, {
      suffix: '',
      address: addressSpec({
        regional: true,
        region: props.region,
        networkTier: props.networkTier,
      }),
      rule: forwardingRuleSpec({
        regional: true,
        region: props.region,
        scheme: LoadBalancingScheme.EXTERNAL_MANAGED,
        ipProtocol: 'TCP',
        network: props.network,
        networkTier: props.networkTier,
      }),
      httpsProxyId: core.httpsProxyId,
      httpProxyId:
        (props.httpRedirect ?? true) ? () => renderRedirect(this, props, flavour) : undefined,
      dependsOn,
    });
    this.ipAddress = ip.address;
    new TerraformOutput(this, 'ip-address', {
      value: this.ipAddress,
      description: `IP address of ${n}`,
    });
  }
}

const REGIONAL_EXTERNAL_PROPS = regionalFrontendProps(
  'RegionalExternalHttpsFrontendProps',
  backendServiceShape((v) => v instanceof AffinityBackendService),
  (v) => v instanceof ProxyOnlySubnet,
  { networkTier: true },
);
