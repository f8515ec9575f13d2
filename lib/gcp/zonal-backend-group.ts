import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import type * as groupManager from '@cdktf/provider-google/lib/compute-instance-group-manager';
import type * as autoscaler from '@cdktf/provider-google/lib/compute-autoscaler';
import { googleModule } from './google-provider';
import { markRulesChecked } from '../core/checked';
import { Duration } from '../core/duration';
import { applyFindings, withConstructPath } from '../core/errors';
import { checkRequiredProps } from '../core/rules';
import { IInstanceGroup, NamedPort } from './instance-group';
import { checkShape } from '../core/shape';
import { ZONAL_GROUP_PROPS } from './shapes';
import { GroupSpec, validateZonalGroup } from './zonal-group-rules';
import {
  PROVIDER_DEFAULT_COOLDOWN,
  renderAutoscaler,
  renderGroupManager,
} from '../terraform/google/instance-group';

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
  /** What the group is, for the rules and the model's render. */
  private readonly spec: GroupSpec;

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
    this.spec = groupSpec(props);
    const spec = this.spec;
    applyFindings(
      this,
      withConstructPath(this, () => validateZonalGroup(spec)),
    );

    this.groupName = spec.name;
    this.zone = spec.zone;
    this.namedPorts = spec.namedPorts;
    this.maxInstances = spec.autoscaling ? spec.autoscaling.maxReplicas : spec.targetSize;
    this.autoscalesOnLoadBalancing = spec.autoscaling?.loadBalancingTarget !== undefined;

    const { ComputeInstanceGroupManager } = googleModule<typeof groupManager>(
      'compute-instance-group-manager',
      'ZonalBackendGroup',
    );
    const manager = new ComputeInstanceGroupManager(
      this,
      'manager',
      renderGroupManager(spec, {
        instanceTemplate: props.instanceTemplate,
        project: props.project,
      }),
    );
    this.manager = manager;
    this.instanceGroupUrl = manager.instanceGroup;

    if (spec.autoscaling) {
      const { ComputeAutoscaler } = googleModule<typeof autoscaler>(
        'compute-autoscaler',
        'ZonalBackendGroup',
      );
      this.autoscaler = new ComputeAutoscaler(
        this,
        'autoscaler',
        renderAutoscaler(spec, spec.autoscaling, {
          name: `${props.name}-as`.slice(0, 63).replace(/-+$/, ''),
          target: manager.id,
          project: props.project,
        }),
      );
    }
  }
}

/** The group's spec: the props with this construct's defaults applied. */
function groupSpec(props: ZonalBackendGroupProps): GroupSpec {
  const a = props.autoscaling;
  return {
    name: props.name,
    zone: props.zone,
    baseInstanceName: props.baseInstanceName ?? props.name,
    namedPorts: props.namedPorts ?? [{ name: 'https', port: 443 }],
    targetSize: a ? props.targetSize : (props.targetSize ?? 1),
    autoscaling: a && {
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      cpuTarget: a.cpuTarget ?? 0.6,
      loadBalancingTarget: a.loadBalancingTarget,
      cooldown: a.cooldown ?? Duration.seconds(PROVIDER_DEFAULT_COOLDOWN),
    },
  };
}
