/**
 * H9 for the constructs: each frontend says what reaches its services' backends (Google Front
 * Ends, its proxy-only subnet, or clients on its ports), and the same rule as lint
 * (`checkTrafficPath`) judges the stack's firewall rules, read by the firewall model.
 */
import { IConstruct } from 'constructs';
import { RuleFindings, RuleViolation } from '../core/errors';
import { isUnresolved } from '../core/rules';
import type { AffinityBackendService } from './affinity-backend-service';
import { NLB_PROBE_RANGES, PROBE_RANGES } from './firewall-rules';
import { LoadBalancingScheme } from './load-balancing';
import type { ProxyOnlySubnet } from './proxy-only-subnet';
import { stackFirewalls, stackNetworkKey } from './stack-values';
import { DataPlaneSource, GFE_FIX, checkTrafficPath } from './traffic-path-rules';

/** What a frontend sends to its services' backends. */
export interface FrontendDataPlane {
  /** The network of the backends (the frontend's network prop), when the frontend has one. */
  readonly network?: string;
  /** Google Front Ends, a proxy-only subnet, or the clients (passthrough). */
  readonly kind: 'gfe' | 'proxy' | 'clients';
  /** The proxy-only subnets the proxies come from (kind `proxy`). */
  readonly proxySubnets?: readonly ProxyOnlySubnet[];
  /** The forwarding rule's ports (kind `clients`); undefined for all ports. */
  readonly ports?: readonly number[];
  /** `tcp` or `udp` (kind `clients`). */
  readonly ipProtocol?: string;
}

/** The ports the service's groups serve its named port on; undefined when not known. */
function namedPortsOf(service: AffinityBackendService): number[] | undefined {
  const backends = service.backends;
  if (backends.length === 0 || backends.some((b) => !b.group.knowsNamedPorts)) return undefined;
  const ports = backends.flatMap((b) =>
    b.group.namedPorts.filter((p) => p.name === service.portName).map((p) => p.port),
  );
  return ports.length === 0 || ports.some((p) => isUnresolved(p)) ? undefined : [...new Set(ports)];
}

/** H9 on the stack's firewall rules, for each service behind a frontend. */
export function checkFrontendTrafficPath(
  scope: IConstruct,
  services: readonly AffinityBackendService[],
  plane: FrontendDataPlane,
): RuleFindings {
  const errors: RuleViolation[] = [];
  const warnings: RuleViolation[] = [];
  const firewalls = stackFirewalls(scope);
  const network = plane.network === undefined ? undefined : stackNetworkKey(scope, plane.network);
  for (const service of services) {
    const external =
      plane.kind === 'clients' && service.loadBalancingScheme === LoadBalancingScheme.EXTERNAL;
    const port = service.healthCheck.port;
    const dataSources: DataPlaneSource[] =
      plane.kind === 'gfe'
        ? PROBE_RANGES.map((range) => ({ range, what: 'Google Front Ends', fix: GFE_FIX }))
        : (plane.proxySubnets ?? [])
            .filter((s) => !isUnresolved(s.ipCidrRange))
            .map((s) => ({ range: s.ipCidrRange, what: `proxy-only subnet ${s.node.path}` }));
    const findings = checkTrafficPath(
      {
        service: `the backends of ${service.name}`,
        backends: { network },
        probe: isUnresolved(port)
          ? undefined
          : { port, ranges: external ? NLB_PROBE_RANGES : PROBE_RANGES },
        dataSources: plane.kind === 'clients' ? undefined : dataSources,
        clients: plane.kind === 'clients',
        servingPorts: plane.kind === 'clients' ? plane.ports : namedPortsOf(service),
        ipProtocol: plane.kind === 'clients' ? plane.ipProtocol : 'tcp',
      },
      firewalls,
    );
    // The attribute stays a plain path (`port`, `backend`): the problem names the service.
    errors.push(...findings.errors);
    warnings.push(...findings.warnings);
  }
  return { errors, warnings };
}
