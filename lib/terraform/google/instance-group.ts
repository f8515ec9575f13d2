/**
 * `google_compute_instance_group_manager` / `google_compute_region_instance_group_manager` and
 * the autoscaler that sizes one (`google_compute_autoscaler` / `_region_autoscaler`): how
 * `ZonalBackendGroup` renders them and how the provider reads them, in one place for the
 * construct, the Aspect, lint and the reviewer.
 *
 * Provider defaults (hashicorp/google 6.50.0): the autoscaler's `cooldown_period` 60 s.
 * Required by the provider: `min_replicas`, `max_replicas`. Decided by the API when unset: the
 * group's `target_size` (0 with an autoscaler, which sizes it).
 */
import type * as groupManager from '@cdktf/provider-google/lib/compute-instance-group-manager';
import type * as autoscaler from '@cdktf/provider-google/lib/compute-autoscaler';
import { Duration } from '../../core/duration';
import type { AutoscalingSpec, GroupSpec } from '../../gcp/zonal-group-rules';
import { ResourceIndex, TfResource, block } from '../resource';
import { AUTOSCALERS, GROUP_MANAGERS } from '../types';
import { num, str } from './values';

/** The autoscaler's cooldown when unset. */
export const PROVIDER_DEFAULT_COOLDOWN = 60;

/** Rule attribute names → the group's Terraform attributes. */
export const GROUP_ATTRIBUTES: Record<string, string> = {
  name: 'name',
  targetSize: 'target_size',
  namedPorts: 'named_port',
};

/** Rule attribute names → the autoscaler's Terraform attributes. */
export const AUTOSCALER_ATTRIBUTES: Record<string, string> = {
  'autoscaling.minReplicas': 'autoscaling_policy.min_replicas',
  'autoscaling.maxReplicas': 'autoscaling_policy.max_replicas',
  'autoscaling.cpuTarget': 'autoscaling_policy.cpu_utilization.target',
  'autoscaling.loadBalancingTarget': 'autoscaling_policy.load_balancing_utilization.target',
  'autoscaling.cooldown': 'autoscaling_policy.cooldown_period',
};

/** A managed instance group (and its autoscaler) as the provider reads them. */
export interface InstanceGroupRead {
  /** The rules' view of the group and its autoscaler. */
  readonly spec: GroupSpec;
  /** The autoscaler that targets the group, when the configuration has one. */
  readonly autoscaler?: TfResource;
}

/** The version name of the group's only instance template. */
const PRIMARY_VERSION = 'primary';

/**
 * How `ZonalBackendGroup` updates its instances: proactively, one surge instance at a time and
 * none unavailable, so the backend service drains every replaced VM.
 */
const UPDATE_POLICY: groupManager.ComputeInstanceGroupManagerUpdatePolicy = {
  type: 'PROACTIVE',
  minimalAction: 'REPLACE',
  maxSurgeFixed: 1,
  maxUnavailableFixed: 0,
};

/** The `google_compute_instance_group_manager` config of a group spec. */
export function renderGroupManager(
  spec: GroupSpec,
  refs: { readonly instanceTemplate: string; readonly project?: string },
): groupManager.ComputeInstanceGroupManagerConfig {
  return {
    name: spec.name,
    zone: spec.zone,
    project: refs.project,
    baseInstanceName: spec.baseInstanceName ?? spec.name,
    version: [{ instanceTemplate: refs.instanceTemplate, name: PRIMARY_VERSION }],
    namedPort: spec.namedPorts.map((p) => ({ name: p.name, port: p.port })),
    targetSize: spec.targetSize,
    updatePolicy: UPDATE_POLICY,
  };
}

/** The `google_compute_autoscaler` config that sizes the group (`target`: the group's id). */
export function renderAutoscaler(
  spec: Pick<GroupSpec, 'zone'>,
  a: AutoscalingSpec,
  refs: { readonly name: string; readonly target: string; readonly project?: string },
): autoscaler.ComputeAutoscalerConfig {
  return {
    name: refs.name,
    zone: spec.zone,
    project: refs.project,
    target: refs.target,
    autoscalingPolicy: {
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      cooldownPeriod: a.cooldown?.toSeconds(),
      cpuUtilization: a.cpuTarget === undefined ? undefined : { target: a.cpuTarget },
      loadBalancingUtilization:
        a.loadBalancingTarget === undefined ? undefined : { target: a.loadBalancingTarget },
    },
  };
}

/** The autoscaler of `igm` in the same configuration, if any. */
export function autoscalerOf(idx: ResourceIndex, igm: TfResource): TfResource | undefined {
  return idx
    .ofTypes(AUTOSCALERS, igm)
    .find((a) =>
      idx.referenced(a, 'target', GROUP_MANAGERS).some((g) => g.address === igm.address),
    );
}

/** Reads a group manager, with the autoscaler that targets it. */
export function readInstanceGroup(igm: TfResource, autoscaler?: TfResource): InstanceGroupRead {
  const v = igm.values;
  const policy = block(autoscaler?.values.autoscaling_policy);
  const namedPorts = ([] as any[])
    .concat(v.named_port ?? [])
    .map((p) => ({ name: String(p?.name), port: num(p?.port) as number }));
  const cooldown = num(policy?.cooldown_period) ?? PROVIDER_DEFAULT_COOLDOWN;
  return {
    autoscaler,
    spec: {
      name: str(v.name) ?? igm.address.split('.').pop()!,
      zone: str(v.zone) ?? str(v.region) ?? '',
      baseInstanceName: str(v.base_instance_name),
      targetSize: num(v.target_size),
      namedPorts,
      autoscaling: policy
        ? {
            minReplicas: num(policy.min_replicas) as number,
            maxReplicas: num(policy.max_replicas) as number,
            cpuTarget: num(block(policy.cpu_utilization)?.target),
            loadBalancingTarget: num(block(policy.load_balancing_utilization)?.target),
            cooldown: Duration._read(cooldown),
          }
        : undefined,
    },
  };
}
