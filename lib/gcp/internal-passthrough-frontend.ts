import { Construct } from 'constructs';
import type { TerraformResource } from 'cdktf';
import { AffinityBackendService } from './affinity-backend-service';
import { LoadBalancerKind } from './load-balancing';
import { buildPassthrough } from './passthrough-frontend';
import { backendServiceShape, passthroughFrontendProps } from './shapes';

/** Properties of an `InternalPassthroughFrontend`. */
export interface InternalPassthroughFrontendProps {
  /** Google Cloud name of the forwarding rule. */
  readonly name: string;
  /** The regional INTERNAL backend service (TCP, UDP or UNSPECIFIED). */
  readonly service: AffinityBackendService;
  /** VPC network of the clients and backends. */
  readonly network: string;
  /** Subnetwork the internal IP address is taken from. */
  readonly subnetwork: string;
  /**
   * Ports to forward, 1..5 of them. Give this or `allPorts`.
   * @default - none
   */
  readonly ports?: number[];
  /**
   * Forward every port (required for an UNSPECIFIED service, L3_DEFAULT).
   * @default false
   */
  readonly allPorts?: boolean;
  /**
   * Let clients in every region reach the load balancer (not only its own region).
   * @default false
   */
  readonly allowGlobalAccess?: boolean;
  /**
   * The internal IP address.
   * @default - one the API picks from `subnetwork`
   */
  readonly ipAddress?: string;
  /**
   * Project.
   * @default - the provider's project
   */
  readonly project?: string;
}

/**
 * The frontend of an internal passthrough Network Load Balancer (regional INTERNAL): one
 * forwarding rule that points at the backend service, with its ports or all ports and,
 * optionally, global access. Client addresses are kept, so affinity can be CLIENT_IP,
 * CLIENT_IP_PROTO, CLIENT_IP_PORT_PROTO or CLIENT_IP_NO_DESTINATION (set on the service), and
 * the firewall must admit the clients on these ports (H9: `LoadBalancerFirewall` with
 * `clientRanges`). The connection-tracking policy, which keeps connections on their backend
 * when it turns unhealthy, is beta-only in the pinned provider (hashicorp/google 6.50.0):
 * without it, TCP connections of PER_CONNECTION tracking persist on an unhealthy backend
 * (DEFAULT_FOR_PROTOCOL).
 */
export class InternalPassthroughFrontend extends Construct {
  /** The forwarding rule (escape hatch). */
  public readonly forwardingRule: TerraformResource;
  /** The load balancer's internal IP address. */
  public readonly ipAddress: string;

  constructor(scope: Construct, id: string, props: InternalPassthroughFrontendProps) {
    super(scope, id);
    const rule = buildPassthrough(this, props, {
      construct: 'InternalPassthroughFrontend',
      kind: LoadBalancerKind.INTERNAL_PASSTHROUGH_NLB,
      shape: PROPS,
      required: [
        ['name', 'string', "'ilb'"],
        ['service', 'object', 'service'],
        ['network', 'string', "'default'"],
        ['subnetwork', 'string', 'subnet.id'],
      ],
      network: props?.network,
      rule: {
        network: props?.network,
        subnetwork: props?.subnetwork,
        allowGlobalAccess: props?.allowGlobalAccess,
      },
      ipAddress: props?.ipAddress,
    });
    this.forwardingRule = rule;
    this.ipAddress = rule.ipAddress;
  }
}

const PROPS = passthroughFrontendProps(
  'InternalPassthroughFrontendProps',
  backendServiceShape((v) => v instanceof AffinityBackendService),
  true,
);
