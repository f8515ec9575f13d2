/**
 * The rules of a managed instance group and its autoscaler (N1, M1, M2, M3), over a spec that
 * `ZonalBackendGroup` builds from its props and the group model (lib/terraform/google/
 * instance-group.ts) reads from Terraform values.
 */
import { Duration } from '../core/duration';
import { RuleViolation } from '../core/errors';
import { checkGcpName } from '../core/names';
import {
  Vocabulary,
  checkDurationSeconds,
  checkIntRange,
  inTerms,
  isUnresolved,
} from '../core/rules';
import { NamedPort } from './instance-group';

/** An autoscaler's policy, as the rules see it. */
export interface AutoscalingSpec {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Target CPU utilization, in (0, 1]; undefined when the policy has none. */
  readonly cpuTarget?: number;
  /** Target load-balancing serving capacity, in (0, 1]; undefined when not used. */
  readonly loadBalancingTarget?: number;
  /** Time a new instance needs before its metrics count. */
  readonly cooldown?: Duration;
}

/** What a managed instance group (and the autoscaler that sizes it) is, for the rules. */
export interface GroupSpec {
  /** Google Cloud name. */
  readonly name: string;
  /** Zone (or the region of a regional group); may be empty when Terraform leaves it out. */
  readonly zone: string;
  /** Base name of the instances; undefined when Terraform leaves it out. */
  readonly baseInstanceName?: string;
  readonly namedPorts: NamedPort[];
  /** Fixed size; undefined when unset (an autoscaler, or the API, sizes the group). */
  readonly targetSize?: number;
  /** The autoscaler's policy, when an autoscaler targets the group. */
  readonly autoscaling?: AutoscalingSpec;
}

/**
 * Rules N1, M1, M2, M3 for a zonal group. An empty group is not an error here: whether it
 * matters depends on how a backend service uses it (see the backend rules, C12).
 */
export function validateZonalGroup(
  spec: GroupSpec,
  vocabulary = Vocabulary.CONSTRUCT,
): { errors: RuleViolation[]; warnings: RuleViolation[] } {
  const say = (construct: string, terraform: string) => inTerms(vocabulary, construct, terraform);
  const errors: RuleViolation[] = [...checkGcpName('name', spec.name)];
  const warnings: RuleViolation[] = [];
  errors.push(
    ...checkIntRange('M1', 'targetSize', spec.targetSize, 0, 100_000, 'use 0 or more instances'),
  );
  const seen = new Set<string>();
  for (const p of spec.namedPorts) {
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
  const a = spec.autoscaling;
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
          // 70 meant as 70 %: say the fraction it stands for.
          fix:
            Number.isInteger(value) && value > 1 && value <= 100
              ? `use ${value / 100} (a fraction: ${value} % is ${value / 100})`
              : `use e.g. ${example}`,
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
    if (spec.targetSize !== undefined) {
      warnings.push({
        rule: 'M1',
        attribute: 'targetSize',
        value: String(spec.targetSize),
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
