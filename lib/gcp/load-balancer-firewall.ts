import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import type * as firewall from '@cdktf/provider-google/lib/compute-firewall';
import { markRulesChecked } from '../core/checked';
import { RuleViolation, addRuleValidation, applyFindings } from '../core/errors';
import { checkIntRange, isUnresolved, checkRequiredProps } from '../core/rules';
import { checkGcpName } from '../core/names';
import { AffinityBackendService } from './affinity-backend-service';
import { PROBE_RANGES } from './firewall-rules';
import { ProxyOnlySubnet } from './proxy-only-subnet';
import { googleModule } from './google-provider';
import { firewallSpec, renderFirewall } from '../terraform/google/firewall';
import { networkName } from './traffic-path-rules';
import { anInstance, checkShape } from '../core/shape';
import { backendServiceShape, firewallProps } from './shapes';

const FIREWALL_PROPS = firewallProps(
  backendServiceShape((v) => v instanceof AffinityBackendService),
  anInstance(
    'ProxyOnlySubnet',
    "new ProxyOnlySubnet(stack, 'proxy-only', { ... })",
    (v) => v instanceof ProxyOnlySubnet,
  ),
);

/** Properties of a `LoadBalancerFirewall`. */
export interface LoadBalancerFirewallProps {
  /** Google Cloud name of the firewall rule. */
  readonly name: string;
  /** VPC network (name or self link). */
  readonly network: string;
  /** TCP ports to open: the serving ports and the health-check ports, and nothing else. */
  readonly ports: number[];
  /**
   * Network tags of the backend instances. Give tags or service accounts so the rule only
   * opens the backends.
   * @default - none
   */
  readonly targetTags?: string[];
  /**
   * Service accounts of the backend instances.
   * @default - none
   */
  readonly targetServiceAccounts?: string[];
  /**
   * Backend services whose serving and probe ports must be covered; checked at synth.
   * @default - none
   */
  readonly services?: AffinityBackendService[];
  /**
   * Proxy-only subnets whose Envoy proxies reach the backends (regional and cross-region
   * Application LBs): a second rule, `<name>-proxies`, admits their ranges on `servingPorts`.
   * @default - none
   */
  readonly proxyOnlySubnets?: ProxyOnlySubnet[];
  /**
   * Client ranges of a passthrough Network Load Balancer, which keeps client addresses: a
   * third rule, `<name>-clients`, admits them on `servingPorts` (TCP). `0.0.0.0/0` is a
   * legitimate choice for a public service, and it is yours to make here.
   * @default - none
   */
  readonly clientRanges?: string[];
  /**
   * The ports the proxy-only subnets and clients reach.
   * @default - `ports`
   */
  readonly servingPorts?: number[];
  /**
   * Priority, 0..65535.
   * @default 1000
   */
  readonly priority?: number;
  /**
   * Log connections matched by the rule.
   * @default false
   */
  readonly logging?: boolean;
  /**
   * Project.
   * @default - the provider's project
   */
  readonly project?: string;
}

/**
 * The ingress firewall rules of a load balancer's traffic path, and nothing wider: Google's
 * health-check probers and Front Ends (35.191.0.0/16, 130.211.0.0/22) on the serving and probe
 * ports; with `proxyOnlySubnets`, the proxy-only subnets of Envoy-based load balancers on the
 * serving ports; with `clientRanges`, the clients of a passthrough NLB on the serving ports.
 * All by network and target tags or service accounts. IPv4 only: IPv6 ranges need rules of
 * their own.
 */
export class LoadBalancerFirewall extends Construct {
  /** The source ranges of Google's health checks and Google Front Ends, which the rule opens. */
  public static readonly GOOGLE_PROBE_RANGES: string[] = [...PROBE_RANGES];

  /**
   * The firewall rule (escape hatch): a `ComputeFirewall` of
   * `@cdktf/provider-google/lib/compute-firewall` (cast to it for its typed API). Typed as cdktf's `TerraformResource` so that the package's declarations type-check without the provider packages an app does not use.
   */
  public readonly firewall: TerraformResource;
  /** Ports opened. */
  public readonly ports: number[];
  /** The rule admitting the proxy-only subnets, when `proxyOnlySubnets` is given. */
  public readonly proxyFirewall?: TerraformResource;
  /** The rule admitting the clients, when `clientRanges` is given. */
  public readonly clientFirewall?: TerraformResource;

  constructor(scope: Construct, id: string, props: LoadBalancerFirewallProps) {
    super(scope, id);
    markRulesChecked(this);
    applyFindings(this, {
      errors: checkRequiredProps(props, [
        ['name', 'string', "'allow-lb'"],
        ['network', 'string', "'default'"],
        ['ports', 'array', '[443]'],
      ]),
      warnings: [],
    });
    applyFindings(this, { errors: checkShape(props, FIREWALL_PROPS), warnings: [] });
    const suffix = props.clientRanges ? '-clients' : props.proxyOnlySubnets ? '-proxies' : '';
    const errors: RuleViolation[] = [...checkGcpName('name', props.name, suffix)];
    const warnings: RuleViolation[] = [];
    errors.push(
      ...checkIntRange('H9', 'priority', props.priority, 0, 65535, 'use 0..65535 (default 1000)'),
    );
    if (props.ports.length === 0) {
      errors.push({
        rule: 'H9',
        attribute: 'ports',
        value: '[]',
        problem: 'opens nothing',
        allowed: 'one or more TCP ports 1..65535',
        fix: 'list the serving port and the health-check port, e.g. [443]',
      });
    }
    for (const p of [...props.ports, ...(props.servingPorts ?? [])]) {
      errors.push(...checkIntRange('H9', 'ports', p, 1, 65535, 'use TCP ports 1..65535'));
    }
    for (const r of props.clientRanges ?? []) errors.push(...checkClientRange(r));
    if (!props.targetTags?.length && !props.targetServiceAccounts?.length) {
      warnings.push({
        rule: 'H9',
        attribute: 'targetTags',
        value: 'not set',
        problem: 'leaves the rule on every instance of the network, not only the backends',
        allowed: 'targetTags or targetServiceAccounts of the backend instances',
        fix: "set targetTags to the backends' network tags, e.g. ['mcp-backend']",
      });
    }
    if (props.targetTags?.length && props.targetServiceAccounts?.length) {
      errors.push({
        rule: 'H9',
        attribute: 'targetServiceAccounts',
        value: props.targetServiceAccounts.join(', '),
        problem: 'is set together with targetTags; a firewall rule takes one or the other',
        allowed: 'targetTags or targetServiceAccounts',
        fix: 'keep one of them',
      });
    }
    applyFindings(this, { errors, warnings });

    this.ports = [...new Set(props.ports)].sort((a, b) => a - b);
    const { ComputeFirewall } = googleModule<typeof firewall>(
      'compute-firewall',
      'LoadBalancerFirewall',
    );
    const serving = [...new Set(props.servingPorts ?? props.ports)].sort((a, b) => a - b);
    const rule = (id: string, suffix: string, sourceRanges: string[], ports: number[]) =>
      new ComputeFirewall(
        this,
        id,
        renderFirewall(
          firewallSpec({
            id: `${this.node.path}/${id}`,
            network: networkName(props.network),
            priority: props.priority,
            sourceRanges,
            targetTags: props.targetTags,
            targetServiceAccounts: props.targetServiceAccounts,
            allow: [{ protocol: 'tcp', ports: ports.map(String) }],
            logging: props.logging,
          }),
          { name: `${props.name}${suffix}`, project: props.project, network: props.network },
        ),
      );
    this.firewall = rule('firewall', '', [...PROBE_RANGES], this.ports);
    if (props.proxyOnlySubnets?.length)
      this.proxyFirewall = rule(
        'proxy-only-subnets',
        '-proxies',
        [...new Set(props.proxyOnlySubnets.map((s) => s.ipCidrRange))],
        serving,
      );
    if (props.clientRanges?.length)
      this.clientFirewall = rule('clients', '-clients', [...props.clientRanges], serving);

    const services = props.services ?? [];
    addRuleValidation(this, () => ({
      errors: services.flatMap((s) => this.uncovered(s)),
      warnings: [],
    }));
  }

  /** H9: the service's probe port and every backend group's serving port must be open. */
  private uncovered(service: AffinityBackendService): RuleViolation[] {
    const needed = new Map<number, string>();
    if (service.healthCheck.port !== undefined)
      needed.set(service.healthCheck.port, `health check of ${service.name}`);
    for (const b of service.backends) {
      for (const p of b.group.namedPorts) {
        if (p.name === service.portName)
          needed.set(p.port, `serving port "${p.name}" of ${b.group.groupName}`);
      }
    }
    // A port that is a token is known only to Terraform: coverage cannot be judged.
    if (this.ports.some(isUnresolved)) return [];
    return [...needed.entries()]
      .filter(([port]) => !isUnresolved(port) && !this.ports.includes(port))
      .map(([port, what]) => ({
        rule: 'H9',
        attribute: 'ports',
        value: `[${this.ports.join(', ')}]`,
        problem: `does not open ${port}, the ${what}: probes fail and every backend is unhealthy`,
        allowed: `ports including ${port}`,
        fix: `add ${port} to ports`,
      }));
  }
}

/** H9: a client range is an IPv4 CIDR (0.0.0.0/0 included: an explicit choice). */
function checkClientRange(range: string): RuleViolation[] {
  if (isUnresolved(range)) return [];
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(String(range));
  if (m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32) return [];
  return [
    {
      rule: 'H9',
      attribute: 'clientRanges',
      value: `"${range}"`,
      problem: 'is not an IPv4 CIDR',
      allowed: 'IPv4 CIDRs such as 10.20.0.0/16, or 0.0.0.0/0 for a public service',
      fix: "write the range with its prefix length, e.g. '203.0.113.0/24'",
    },
  ];
}
