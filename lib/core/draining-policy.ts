import { Duration } from './duration';
import { throwViolations } from './errors';
import { notADuration } from './rules';

/** Options of a draining policy. */
export interface DrainingPolicyOptions {
  /**
   * How long established connections may keep running once a backend (a VM behind a load
   * balancer, or a guacd pod) has been taken out of rotation. Zero disables draining.
   */
  readonly timeout: Duration;

  /**
   * Kubernetes only: how often the `preStop` hook checks whether connections remain.
   * @default Duration.seconds(5)
   */
  readonly pollInterval?: Duration;

  /**
   * Kubernetes only: time added to the drain wait for the process to stop after SIGTERM,
   * giving `terminationGracePeriodSeconds = timeout + shutdownMargin`.
   * @default Duration.seconds(15)
   */
  readonly shutdownMargin?: Duration;
}

/**
 * The one draining model of the library: "keep serving what is established for this long,
 * send nothing new". Each platform renders it its own way:
 *
 * - Google Cloud: `connection_draining_timeout_sec` (always emitted explicitly, because the
 *   provider's hidden default is 300 s while the API's is 0).
 * - Kubernetes: a `preStop` hook that waits for established connections to end (or the
 *   timeout), a `terminationGracePeriodSeconds` longer than that wait, a PodDisruptionBudget
 *   and rollout timeouts sized for it.
 *
 * Range checks happen where the policy is rendered, so the message can name the construct.
 */
export class DrainingPolicy {
  /** Drain for `timeout`, with default Kubernetes poll interval and shutdown margin. */
  public static of(timeout: Duration): DrainingPolicy {
    return new DrainingPolicy({ timeout });
  }

  /** Drain with every option given. */
  public static withOptions(options: DrainingPolicyOptions): DrainingPolicy {
    return new DrainingPolicy(options);
  }

  /**
   * No draining: connections are cut as soon as the backend leaves rotation. Explicit, so a
   * reviewer sees the choice rather than a provider default.
   */
  public static disabled(): DrainingPolicy {
    return new DrainingPolicy({ timeout: Duration.seconds(0) });
  }

  /** How long established connections may continue. */
  public readonly timeout: Duration;
  /** How often a Kubernetes `preStop` hook polls for remaining connections. */
  public readonly pollInterval: Duration;
  /** Extra time after the drain wait before the kubelet's SIGKILL. */
  public readonly shutdownMargin: Duration;
  /** True when `pollInterval` or `shutdownMargin` was given (they only mean something on Kubernetes). */
  public readonly kubernetesOptionsGiven: boolean;

  private constructor(options: DrainingPolicyOptions) {
    // Plain JavaScript callers can pass anything: refuse with the rule, never a TypeError.
    const given = (options ?? {}) as Partial<DrainingPolicyOptions>;
    throwViolations(
      (['timeout', 'pollInterval', 'shutdownMargin'] as const)
        .filter(
          (k) => (k === 'timeout' || given[k] !== undefined) && !(given[k] instanceof Duration),
        )
        .map((k) => notADuration(`DrainingPolicy.${k}`, given[k])),
    );
    this.timeout = options.timeout;
    this.kubernetesOptionsGiven =
      options.pollInterval !== undefined || options.shutdownMargin !== undefined;
    this.pollInterval = options.pollInterval ?? Duration.seconds(5);
    this.shutdownMargin = options.shutdownMargin ?? Duration.seconds(15);
  }

  /** True when the policy drains nothing. */
  public get isDisabled(): boolean {
    return this.timeout.isZero();
  }
}
