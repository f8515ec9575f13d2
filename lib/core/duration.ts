import { cdktfModule } from './cdktf-lazy';
import { throwViolations } from './errors';
import { isUnknown } from './unknown';

/**
 * A length of time. Every timeout, TTL and draining window in this library is a `Duration`,
 * never a bare number of unknown unit.
 *
 * Durations are never negative. Google Cloud and Kubernetes take whole seconds; the
 * constructs that render a duration check `isWholeSeconds()` and name the attribute if not.
 *
 * The amount may be an unresolved cdktf token (`variable.numberValue`): range checks are then
 * skipped and the token is rendered as seconds (`${var.x * 60}` for minutes).
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

  /**
   * Seconds as written in Terraform or a plan, kept even when negative or not a number, so
   * that the rules report the attribute in Terraform's terms (H1, T2, S5 ranges) instead of
   * the reader failing on a value class's own check.
   * @internal
   */
  public static _read(amount: number): Duration {
    return new Duration(amount, 1, 'seconds', true);
  }

  private readonly totalSeconds: number;
  private readonly unresolved: boolean;

  private constructor(
    private readonly amount: number,
    unitSeconds: number,
    private readonly unit: string,
    private readonly asWritten = false,
  ) {
    this.unresolved =
      (typeof amount === 'number' || typeof amount === 'string') && isUnknown(amount);
    if (this.unresolved) {
      this.totalSeconds = unitSeconds === 1 ? amount : Duration.tokenTimes(amount, unitSeconds);
      return;
    }
    if (asWritten) {
      this.totalSeconds = amount;
      return;
    }
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      throwViolations([
        {
          rule: 'D1',
          attribute: `Duration.${unit}`,
          // The value given: a string as written (a JavaScript caller's "30"), others by type.
          value:
            typeof amount === 'number'
              ? String(amount)
              : typeof amount === 'string'
                ? JSON.stringify(
                    (amount as string).length > 40 ? `${(amount as string).slice(0, 40)}…` : amount,
                  )
                : `(${typeof amount})`,
          problem: 'is not a finite number',
          allowed: 'a finite number of 0 or more, or a token such as variable.numberValue',
          fix: `pass a plain number such as Duration.${unit}(${
            typeof amount === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(amount) ? Number(amount) : 30
          })`,
        },
      ]);
    }
    if (amount < 0) {
      throwViolations([
        {
          rule: 'D1',
          attribute: `Duration.${unit}`,
          value: String(amount),
          problem: 'cannot be negative',
          allowed: '0 or more',
          fix: `use Duration.${unit}(${-amount}) or Duration.seconds(0)`,
        },
      ]);
    }
    this.totalSeconds = amount * unitSeconds;
  }

  /** `amount × unitSeconds` as a Terraform expression (only tokens reach here, so cdktf is loaded). */
  private static tokenTimes(amount: number, unitSeconds: number): number {
    const { Op, Token } = cdktfModule();
    return Token.asNumber(Op.mul(amount, unitSeconds));
  }

  /**
   * The duration in seconds (may be fractional, e.g. `Duration.minutes(0.5)` is 30). For a
   * token amount this is a token that Terraform computes.
   */
  public toSeconds(): number {
    return this.totalSeconds;
  }

  /**
   * True when the duration was read from Terraform (`_read`), so messages about it speak
   * Terraform's terms.
   * @internal
   */
  public _fromTerraform(): boolean {
    return this.asWritten;
  }

  /** True when the amount is an unresolved token (its value is known only to Terraform). */
  public isUnresolved(): boolean {
    return this.unresolved;
  }

  /** True when the duration is a whole number of seconds (assumed for a token). */
  public isWholeSeconds(): boolean {
    return this.unresolved || Number.isInteger(this.totalSeconds);
  }

  /** True when the duration is known to be zero (never for a token). */
  public isZero(): boolean {
    return !this.unresolved && this.totalSeconds === 0;
  }

  /**
   * The duration as the caller wrote it in code, e.g. `Duration.minutes(30)`, for fixes that
   * repeat it (`Duration.seconds(n)` for one read from Terraform, whose unit is seconds; a
   * token's seconds, since its amount alone does not say them).
   * @internal
   */
  public _expression(): string {
    return this.unresolved
      ? `Duration.seconds(${this.totalSeconds})`
      : `Duration.${this.unit}(${this.amount})`;
  }

  /** How the duration was written, e.g. `30 minutes (1800s)`. Used in error messages. */
  public toString(): string {
    if (this.unresolved) return `(token) ${this.unit}`;
    if (this.unit === 'seconds') return `${this.totalSeconds}s`;
    // Stryker disable next-line Regex: equivalent; each unit name has its only `s` at the end
    return `${this.amount} ${this.amount === 1 ? this.unit.replace(/s$/, '') : this.unit} (${this.totalSeconds}s)`;
  }
}
