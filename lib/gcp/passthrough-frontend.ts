/**
 * What the passthrough Network Load Balancer frontends share (internal and external): the
 * forwarding rule that points at the backend service, its ports (U9), the service's kind (B3),
 * and H9 on the clients' path (a passthrough NLB keeps client addresses, so the firewall must
 * admit the clients on the forwarded ports).
 */
import { Construct } from 'constructs';
import type * as forwardingRule from '@cdktf/provider-google/lib/compute-forwarding-rule';
import { markRulesChecked } from '../core/checked';
import { RuleViolation, addRuleValidation, applyFindings } from '../core/errors';
import { checkGcpName } from '../core/names';
import { checkIntRange, checkRequiredProps, isUnresolved } from '../core/rules';
import { Shape, checkShape } from '../core/shape';
import type { AffinityBackendService } from './affinity-backend-service';
import { googleModule } from './google-provider';
import { BackendProtocol, LoadBalancerKind } from './load-balancing';
import { checkFrontendTrafficPath } from './traffic-path';
import {
  ForwardingRuleSpec,
  forwardingRuleSpec,
  renderForwardingRule,
} from '../terraform/google/forwarding-rule';

/** Most ports a forwarding rule lists (magic-modules ForwardingRule.yaml `ports.max_size`). */
export const MAX_PORTS = 5;

/** The props both passthrough frontends read. */
export interface PassthroughInput {
  readonly name: string;
  readonly service: AffinityBackendService;
  readonly ports?: number[];
  readonly allPorts?: boolean;
  readonly project?: string;
}

/** U9 and B3 for a passthrough frontend. */
export function validatePassthrough(
  props: PassthroughInput,
  kind: LoadBalancerKind,
  construct: string,
): RuleViolation[] {
  const v: RuleViolation[] = [...checkGcpName('name', props.name)];
  const ports = props.ports ?? [];
  if (props.allPorts && props.ports !== undefined)
    v.push({
      rule: 'U9',
      attribute: 'ports',
      value: `[${ports.join(', ')}]`,
      problem: 'is set together with allPorts; a forwarding rule takes one or the other',
      allowed: 'ports (1..5 ports) or allPorts: true',
      fix: 'remove ports, or remove allPorts',
    });
  if (!props.allPorts && ports.length === 0)
    v.push({
      rule: 'U9',
      attribute: 'ports',
      value: props.ports === undefined ? 'not set' : '[]',
      problem: 'forwards nothing: the frontend needs the ports it serves',
      allowed: `1..${MAX_PORTS} ports, or allPorts: true`,
      fix: 'set ports to the serving ports, e.g. [4822]',
    });
  if (ports.length > MAX_PORTS)
    v.push({
      rule: 'U9',
      attribute: 'ports',
      value: `[${ports.join(', ')}]`,
      problem: `lists ${ports.length} ports; a forwarding rule takes at most ${MAX_PORTS}`,
      allowed: `1..${MAX_PORTS} ports, or allPorts: true`,
      fix: 'use allPorts: true, or a second frontend for the other ports',
    });
  if (new Set(ports).size < ports.length)
    v.push({
      rule: 'U9',
      attribute: 'ports',
      value: `[${ports.join(', ')}]`,
      problem: 'lists a port twice',
      allowed: 'each port once',
      fix: 'remove the duplicate',
    });
  for (const p of ports) v.push(...checkIntRange('U9', 'ports', p, 1, 65535, 'use ports 1..65535'));
  const s = props.service;
  if (s.loadBalancerKind !== kind)
    v.push({
      rule: 'B3',
      attribute: 'service',
      value: `${s.name} (${s.loadBalancingScheme} ${s.protocol}${s.region ? ` in ${s.region}` : ''})`,
      problem: `cannot serve behind this ${construct}: a backend service made for one load balancer cannot be used by another`,
      allowed: `a regional ${kind === LoadBalancerKind.INTERNAL_PASSTHROUGH_NLB ? 'INTERNAL' : 'EXTERNAL'} backend service with TCP, UDP or UNSPECIFIED`,
      fix: `give ${s.name} a region and loadBalancingScheme ${kind === LoadBalancerKind.INTERNAL_PASSTHROUGH_NLB ? 'INTERNAL' : 'EXTERNAL'}`,
    });
  return v;
}

/** The forwarding rule's `ip_protocol` for the service's protocol. */
export function ipProtocolOf(protocol: BackendProtocol): string {
  if (protocol === BackendProtocol.UDP) return 'UDP';
  if (protocol === BackendProtocol.UNSPECIFIED) return 'L3_DEFAULT';
  return 'TCP';
}

/** Checks P1 and U9/B3, renders the forwarding rule, and registers H9 for synth. */
export function buildPassthrough(
  scope: Construct,
  props: PassthroughInput,
  opts: {
    construct: string;
    kind: LoadBalancerKind;
    shape: Shape;
    required: Parameters<typeof checkRequiredProps>[1];
    network?: string;
    /** What the frontend adds to the rule's spec (network, subnetwork, global access, tier). */
    rule: Partial<ForwardingRuleSpec>;
    /** The internal IP address, when fixed. */
    ipAddress?: string;
  },
): forwardingRule.ComputeForwardingRule {
  markRulesChecked(scope);
  applyFindings(scope, { errors: checkRequiredProps(props, opts.required), warnings: [] });
  applyFindings(scope, { errors: checkShape(props, opts.shape), warnings: [] });
  applyFindings(scope, {
    errors: validatePassthrough(props, opts.kind, opts.construct),
    warnings: [],
  });
  const s = props.service;
  const ipProtocol = ipProtocolOf(s.protocol);
  if (ipProtocol === 'L3_DEFAULT' && !props.allPorts)
    applyFindings(scope, {
      errors: [
        {
          rule: 'U9',
          attribute: 'allPorts',
          value: 'false',
          problem: `is required for ${s.name}'s protocol UNSPECIFIED (forwarding rule ip_protocol L3_DEFAULT takes all ports)`,
          allowed: 'allPorts: true with an UNSPECIFIED service',
          fix: 'set allPorts: true, or give the service protocol TCP or UDP',
        },
      ],
      warnings: [],
    });
  const { ComputeForwardingRule } = googleModule<typeof forwardingRule>(
    'compute-forwarding-rule',
    opts.construct,
  );
  const spec = forwardingRuleSpec({
    ...opts.rule,
    regional: true,
    region: s.region,
    scheme: s.loadBalancingScheme,
    ipProtocol,
    ports: props.allPorts ? undefined : props.ports?.map(String),
    allPorts: props.allPorts,
  });
  const rule = new ComputeForwardingRule(
    scope,
    'forwarding-rule',
    renderForwardingRule(spec, {
      name: props.name,
      project: props.project,
      backendService: s.backendServiceId,
      ipAddress: opts.ipAddress,
    }),
  );
  const ports = props.allPorts ? undefined : props.ports?.filter((p) => !isUnresolved(p));
  addRuleValidation(scope, () =>
    checkFrontendTrafficPath(scope, [s], {
      kind: 'clients',
      network: opts.network,
      ports,
      ipProtocol: ipProtocol === 'UDP' ? 'udp' : ipProtocol === 'TCP' ? 'tcp' : 'other',
    }),
  );
  return rule;
}
