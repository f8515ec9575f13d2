/**
 * How long the pods of a StatefulSet or Deployment get to finish their connections when they
 * are replaced or deleted, read from the API object (`readKubernetesObject`): the wait of this
 * library's `preStop` drain (its settings read back by `readDrainScript`, the inverse of the
 * render), bounded by `terminationGracePeriodSeconds`, which the provider always sends (30 when
 * unset: pod-template.ts). Any other `preStop` hook is a hook whose wait is not known: only the
 * grace period bounds it.
 */
import { readDrainScript } from '../../k8s/pod-draining';
import { JsonObject } from './schema';

/** The drain of a workload's pods. */
export interface PodDrain {
  /** True when a container has a `preStop` hook. */
  readonly preStop: boolean;
  /**
   * The wait of this library's drain hook in seconds (or the expression that gives it), when
   * the hook is that drain.
   */
  readonly drainSeconds?: number | string;
  /** `terminationGracePeriodSeconds` (a number, or an unknown value). */
  readonly graceSeconds: number | string;
}

const obj = (v: unknown): JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {};

/** The drain of the pods of a workload's API object. */
export function readPodDrain(workload: JsonObject): PodDrain {
  const pod = obj(obj(obj(workload.spec).template).spec);
  const containers = Array.isArray(pod.containers) ? pod.containers : [];
  const hooks = containers.map((c) => obj(obj(c).lifecycle).preStop).filter((h) => h !== undefined);
  const drains = hooks
    .map((h) => readDrainScript(obj(obj(h).exec).command))
    .filter((d) => d !== undefined);
  const grace = pod.terminationGracePeriodSeconds;
  return {
    preStop: hooks.length > 0,
    drainSeconds: drains[0]?.timeoutSeconds,
    graceSeconds: typeof grace === 'number' || typeof grace === 'string' ? grace : 30,
  };
}
