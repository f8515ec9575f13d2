import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import type * as groupManager from '@cdktf/provider-google/lib/compute-instance-group-manager';
import type * as autoscaler from '@cdktf/provider-google/lib/compute-autoscaler';
import { googleModule } from './google-provider';
import { markRulesChecked } from '../core/checked';
import { Duration } from '../core/duration';
import { RuleViolation, applyFindings, withConstructPath } from '../core/errors';
import {
  checkDurationSeconds,
  checkIntRange,
  isUnresolved,
  checkRequiredProps,
  Vocabulary,
  inTerms,
} from '../core/rules';
import { checkGcpName } from '../core/names';
import { IInstanceGroup, NamedPort } from './instance-group';
import { checkShape } from '../core/shape';
import { ZONAL_GROUP_PROPS } from './shapes';

/** Autoscaling of a zonal managed instance group. */
export interface ZonalAutoscalingOptions {
  /** Fewest instances (0 or more). */
  readonly minReplicas: number;
  /** Most instances (at least `minReplicas`). */
  readonly maxReplicas: number;
  /**
   * Target CPU utilization, in (0, 1].
   * @default 0.6
   */
  readonly cpuTarget?: number;
  /**
   * Target load-balancing serving capacity, (0, 1]; scales on the backend's balancing mode.
   * @default - not used
   */
  readonly loadBalancingTarget?: number;
  /**
   * Time a new instance needs before its metrics count.
   * @default Duration.seconds(60)
   */
  readonly cooldown?: Duration;
}

/** Properties of a `ZonalBackendGroup`. */
export interface ZonalBackendGroupProps {
  /** Google Cloud name of the managed instance group. */
  readonly name: string;
  /** Zone, e.g. `us-west1-a`. */
  readonly zone: string;
  /** Instance template self link (or id) the group creates instances from. */
  readonly instanceTemplate: string;
  /**
   * Named ports; a backend service's `portName` must be one of them.
   * @default [{ name: 'https', port: 443 }]
   */
  readonly namedPorts?: NamedPort[];
  /**
   * Base name of the instances.
   * @default - the group name
   */
  readonly baseInstanceName?: string;
  /**
   * Fixed number of instances. Leave unset when `autoscaling` is set (they would fight).
   * @default - 1 without autoscaling; unset with autoscaling
   */
  readonly targetSize?: number;
  /**
   * Autoscaler for the group.
   * @default - no autoscaler
   */
  readonly autoscaling?: ZonalAutoscalingOptions;
  /**
   * Project.
   * @default - the provider's project
   */
  readonly project?: string;
}

/**
 * A zonal managed instance group from an instance template, with its named ports and an
 * optional autoscaler, ready to be a backend of an `AffinityBackendService`.
 *
 * Updates replace one instance at a time with a surge instance and none unavailable, so the
 * backend service's connection draining applies to every replaced VM.
 */
export class ZonalBackendGroup extends Construct implements IInstanceGroup {
  public readonly instanceGroupUrl: string;
  public readonly groupName: string;
  public readonly zone: string;
  public readonly namedPorts: NamedPort[];
  public readonly knowsNamedPorts = true;
  public readonly maxInstances?: number;
  public readonly autoscalesOnLoadBalancing: boolean;
  /**
   * The managed instance group (escape hatch): a `ComputeInstanceGroupManager` of
   * `@cdktf/provider-google/lib/compute-instance-group-manager` (cast to it for its typed API).
   * Typed as cdktf's `TerraformResource` so that the package's declarations type-check without the provider packages an app does not use.
   */
  public readonly manager: TerraformResource;
  /**
   * The autoscaler, when autoscaling is set: a `ComputeAutoscaler` of
   * `@cdktf/provider-google/lib/compute-autoscaler`.
   */
  public readonly autoscaler?: TerraformResource;

  constructor(scope: Construct, id: string, props: ZonalBackendGroupProps) {
    super(scope, id);
    markRulesChecked(this);
    applyFindings(this, {
      errors: checkRequiredProps(props, [
        ['name', 'string', "'mcp-group-a'"],
        ['zone', 'string', "'us-west1-a'"],
        ['instanceTemplate', 'string', 'template.id'],
      ]),
      warnings: [],
    });
    applyFindings(this, { errors: checkShape(props, ZONAL_GROUP_PROPS), warnings: [] });
    const namedPorts = props.namedPorts ?? [{ name: 'https', port: 443 }];
    const targetSize = props.autoscaling ? props.targetSize : (props.targetSize ?? 1);
    applyFindings(
      this,
      withConstructPath(this, () => validateZonalGroup(props, namedPorts)),
    );

    this.groupName = props.name;
    this.zone = props.zone;
    this.namedPorts = namedPorts;
    this.maxInstances = props.autoscaling ? props.autoscaling.maxReplicas : targetSize;
    this.autoscalesOnLoadBalancing = props.autoscaling?.loadBalancingTarget !== undefined;

    const { ComputeInstanceGroupManager } = googleModule<typeof groupManager>(
      'compute-instance-group-manager',
      'ZonalBackendGroup',
    );
    const manager = new ComputeInstanceGroupManager(this, 'manager', {
      name: props.name,
      zone: props.zone,
      project: props.project,
      baseInstanceName: props.baseInstanceName ?? props.name,
      version: [{ instanceTemplate: props.instanceTemplate, name: 'primary' }],
      namedPort: namedPorts.map((p) => ({ name: p.name, port: p.port })),
      targetSize,
      updatePolicy: {
        type: 'PROACTIVE',
        minimalAction: 'REPLACE',
        maxSurgeFixed: 1,
        maxUnavailableFixed: 0,
      },
    });
    this.manager = manager;
    this.instanceGroupUrl = manager.instanceGroup;

    const a = props.autoscaling;
    if (a) {
      const { ComputeAutoscaler } = googleModule<typeof autoscaler>(
        'compute-autoscaler',
        'ZonalBackendGroup',
      );
      this.autoscaler = new ComputeAutoscaler(this, 'autoscaler', {
        name: `${props.name}-as`.slice(0, 63).replace(/-+$/, ''),
        zone: props.zone,
        project: props.project,
        target: manager.id,
        autoscalingPolicy: {
          minReplicas: a.minReplicas,
          maxReplicas: a.maxReplicas,
          cooldownPeriod: (a.cooldown ?? Duration.seconds(60)).toSeconds(),
          cpuUtilization: { target: a.cpuTarget ?? 0.6 },
          loadBalancingUtilization:
            a.loadBalancingTarget !== undefined ? { target: a.loadBalancingTarget } : undefined,
        },
      });
    }
  }
}

/**
 * Rules N1, M1, M2, M3 for a zonal group. An empty group is not an error here: whether it
 * matters depends on how a backend service uses it (see the backend rules, C12).
 */
export function validateZonalGroup(
  props: ZonalBackendGroupProps,
  namedPorts: NamedPort[],
  vocabulary = Vocabulary.CONSTRUCT,
): { errors: RuleViolation[]; warnings: RuleViolation[] } {
  const say = (construct: string, terraform: string) => inTerms(vocabulary, construct, terraform);
  const errors: RuleViolation[] = [...checkGcpName('name', props.name)];
  const warnings: RuleViolation[] = [];
  errors.push(
    ...checkIntRange('M1', 'targetSize', props.targetSize, 0, 100_000, 'use 0 or more instances'),
  );
  const seen = new Set<string>();
  for (const p of namedPorts) {
    errors.push(
      ...checkIntRange(
        'M2',
        `namedPorts[${p.name}].port`,
        p.port,
        1,
        65535,
        'use the port the instances serve on',
      ),
    );
    errors.push(...checkGcpName(`namedPorts[${p.name}].name`, p.name));
    if (seen.has(p.name)) {
      errors.push({
        rule: 'M2',
        attribute: 'namedPorts',
        value: `"${p.name}"`,
        problem: 'is given twice',
        allowed: 'each named port name once',
        fix: 'remove the duplicate',
      });
    }
    seen.add(p.name);
  }
  const a = props.autoscaling;
  if (a) {
    errors.push(
      ...checkIntRange(
        'M3',
        'autoscaling.minReplicas',
        a.minReplicas,
        0,
        1000,
        'use the fewest instances the group may shrink to',
      ),
    );
    errors.push(
      ...checkIntRange(
        'M3',
        'autoscaling.maxReplicas',
        a.maxReplicas,
        0,
        1000,
        'use the most instances the group may grow to, at least 1',
      ),
    );
    if (
      !isUnresolved(a.maxReplicas) &&
      !isUnresolved(a.minReplicas) &&
      a.maxReplicas < a.minReplicas
    ) {
      errors.push({
        rule: 'M3',
        attribute: 'autoscaling.maxReplicas',
        value: String(a.maxReplicas),
        problem: say('is lower than minReplicas', 'is lower than min_replicas'),
        allowed: `${a.minReplicas} or more`,
        fix: say(
          `set maxReplicas to at least ${a.minReplicas}, or lower minReplicas`,
          `set max_replicas to at least ${a.minReplicas}, or lower min_replicas`,
        ),
      });
    }
    for (const [attribute, value, example] of [
      ['cpuTarget', a.cpuTarget, 0.6],
      ['loadBalancingTarget', a.loadBalancingTarget, 0.8],
    ] as const) {
      if (value !== undefined && !isUnresolved(value) && !(value > 0 && value <= 1)) {
        errors.push({
          rule: 'M3',
          attribute: `autoscaling.${attribute}`,
          value: String(value),
          problem: Number.isFinite(value) ? 'is out of range' : 'is not a finite number',
          allowed: 'a fraction in (0, 1] (0 excluded)',
          fix: `use e.g. ${example}`,
        });
      }
    }
    errors.push(
      ...checkDurationSeconds(
        'M3',
        'autoscaling.cooldown',
        a.cooldown,
        1,
        3600,
        say('use e.g. Duration.seconds(60)', 'set cooldown_period to e.g. 60'),
      ),
    );
    if (props.targetSize !== undefined) {
      warnings.push({
        rule: 'M1',
        attribute: 'targetSize',
        value: String(props.targetSize),
        problem:
          'is set together with an autoscaler; Terraform and the autoscaler will fight over the size',
        allowed: say(
          'targetSize unset when autoscaling is set',
          'target_size unset when an autoscaler targets the group',
        ),
        fix: say(
          'remove targetSize and use autoscaling.minReplicas',
          'remove target_size from the group; the autoscaler sizes it (min_replicas is the floor)',
        ),
      });
    }
  }
  return { errors, warnings };
}
