/**
 * A length of time. Every timeout, TTL and draining window in this library is a `Duration`,
 * never a bare number of unknown unit.
 *
 * Durations are never negative. Google Cloud and Kubernetes take whole seconds; the
 * constructs that render a duration check `isWholeSeconds()` and name the attribute if not.
 */
export class Duration {
  /** A duration of `amount` seconds. */
  public static seconds(amount: number): Duration {
    return new Duration(amount, 1, 'seconds');
  }

  /** A duration of `amount` minutes. */
  public static minutes(amount: number): Duration {
    return new Duration(amount, 60, 'minutes');
  }

  /** A duration of `amount` hours. */
  public static hours(amount: number): Duration {
    return new Duration(amount, 3600, 'hours');
  }

  /** A duration of `amount` days. */
  public static days(amount: number): Duration {
    return new Duration(amount, 86400, 'days');
  }

  private readonly totalSeconds: number;

  private constructor(
    private readonly amount: number,
    unitSeconds: number,
    private readonly unit: string,
  ) {
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      throw new Error(
        `Duration.${unit}(${String(amount)}): the amount must be a finite number; pass a plain number such as Duration.${unit}(30)`,
      );
    }
    if (amount < 0) {
      throw new Error(
        `Duration.${unit}(${amount}): a duration cannot be negative (allowed: 0 or more); use Duration.${unit}(${-amount}) or Duration.seconds(0)`,
      );
    }
    this.totalSeconds = amount * unitSeconds;
  }

  /** The duration in seconds (may be fractional, e.g. `Duration.minutes(0.5)` is 30). */
  public toSeconds(): number {
    return this.totalSeconds;
  }

  /** True when the duration is a whole number of seconds. */
  public isWholeSeconds(): boolean {
    return Number.isInteger(this.totalSeconds);
  }

  /** True when the duration is zero. */
  public isZero(): boolean {
    return this.totalSeconds === 0;
  }

  /** How the duration was written, e.g. `30 minutes (1800s)`. Used in error messages. */
  public toString(): string {
    return this.unit === 'seconds'
      ? `${this.totalSeconds}s`
      : `${this.amount} ${this.unit} (${this.totalSeconds}s)`;
  }
}
