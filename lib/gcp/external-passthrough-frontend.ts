import { Construct } from 'constructs';
import type { TerraformResource } from 'cdktf';
import { TerraformOutput } from 'cdktf';
import type * as address from '@cdktf/provider-google/lib/compute-address';
import { AffinityBackendService } from './affinity-backend-service';
import { googleModule } from './google-provider';
import { addressSpec, renderAddress } from '../terraform/google/address';
import { LoadBalancerKind } from './load-balancing';
import { buildPassthrough } from './passthrough-frontend';
import { NetworkTier } from './regional-external-https-frontend';
import { backendServiceShape, passthroughFrontendProps } from './shapes';

/** Properties of an `ExternalPassthroughFrontend`. */
export interface ExternalPassthroughFrontendProps {
  /** Google Cloud name of the forwarding rule (the address is `<name>-ip`). */
  readonly name: string;
  /** The regional EXTERNAL backend service (TCP, UDP or UNSPECIFIED). */
  readonly service: AffinityBackendService;
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
   * Network tier of the address and forwarding rule.
   * @default NetworkTier.PREMIUM (not emitted; the API's default)
   */
  readonly networkTier?: NetworkTier;
  /**
   * Project.
   * @default - the provider's project
   */
  readonly project?: string;
}

/**
 * The frontend of a backend-service-based external passthrough Network Load Balancer (regional
 * EXTERNAL): a regional external address and one forwarding rule that points at the backend
 * service. Client addresses are kept, so affinity is by client IP (set on the service) and the
 * firewall must admit the clients on these ports (H9: `LoadBalancerFirewall` with
 * `clientRanges`, where 0.0.0.0/0 is a legitimate, explicit choice).
 */
export class ExternalPassthroughFrontend extends Construct {
  /** The forwarding rule (escape hatch). */
  public readonly forwardingRule: TerraformResource;
  /** The reserved IP address. */
  public readonly ipAddress: string;

  constructor(scope: Construct, id: string, props: ExternalPassthroughFrontendProps) {
    super(scope, id);
    const region = props?.service?.region;
    const { ComputeAddress } = googleModule<typeof address>(
      'compute-address',
      'ExternalPassthroughFrontend',
    );
    const rule = buildPassthrough(this, props, {
      construct: 'ExternalPassthroughFrontend',
      kind: LoadBalancerKind.EXTERNAL_PASSTHROUGH_NLB,
      shape: PROPS,
      required: [
        ['name', 'string', "'nlb'"],
        ['service', 'object', 'service'],
      ],
      rule: { networkTier: props?.networkTier },
    });
    // The address comes after the props are checked (buildPassthrough throws first).
    const ip = new ComputeAddress(
      this,
      'address',
      renderAddress(addressSpec({ regional: true, region, networkTier: props.networkTier }), {
        name: `${props.name}-ip`,
        project: props.project,
      }),
    );
    rule.ipAddress = ip.id;
    this.forwardingRule = rule;
    this.ipAddress = ip.address;
    new TerraformOutput(this, 'ip-address', {
      value: this.ipAddress,
      description: `IP address of ${props.name}`,
    });
  }
}

const PROPS = passthroughFrontendProps(
  'ExternalPassthroughFrontendProps',
  backendServiceShape((v) => v instanceof AffinityBackendService),
  false,
);
