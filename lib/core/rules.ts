import { Token } from 'cdktf';
import { RuleViolation } from './errors';
import { Duration } from './duration';

/** Range check for a plain number; unresolved tokens are skipped (checked by the API instead). */
export function checkRange(
  rule: string,
  attribute: string,
  value: number | undefined,
  min: number,
  max: number,
  fix: string,
  unit = '',
): RuleViolation[] {
  if (value === undefined || Token.isUnresolved(value)) return [];
  if (Number.isFinite(value) && value >= min && value <= max) return [];
  return [
    {
      rule,
      attribute,
      value: `${value}${unit}`,
      problem: 'is out of range',
      allowed: `${min}${unit}..${max}${unit}`,
      fix,
    },
  ];
}

/** Integer range check (ports, counts, replica numbers). */
export function checkIntRange(
  rule: string,
  attribute: string,
  value: number | undefined,
  min: number,
  max: number,
  fix: string,
): RuleViolation[] {
  if (value === undefined || Token.isUnresolved(value)) return [];
  if (Number.isInteger(value) && value >= min && value <= max) return [];
  return [
    {
      rule,
      attribute,
      value: String(value),
      problem: Number.isInteger(value) ? 'is out of range' : 'is not a whole number',
      allowed: `a whole number in ${min}..${max}`,
      fix,
    },
  ];
}

/** Range check for a Duration rendered as whole seconds. */
export function checkDurationSeconds(
  rule: string,
  attribute: string,
  value: Duration | undefined,
  minSeconds: number,
  maxSeconds: number,
  fix: string,
): RuleViolation[] {
  if (value === undefined) return [];
  const s = value.toSeconds();
  if (!value.isWholeSeconds()) {
    return [
      {
        rule,
        attribute,
        value: value.toString(),
        problem: 'is not a whole number of seconds',
        allowed: `whole seconds in ${minSeconds}s..${maxSeconds}s`,
        fix: `round it, e.g. Duration.seconds(${Math.round(s)})`,
      },
    ];
  }
  if (s < minSeconds || s > maxSeconds) {
    return [
      {
        rule,
        attribute,
        value: value.toString(),
        problem: 'is out of range',
        allowed: `${minSeconds}s..${maxSeconds}s`,
        fix,
      },
    ];
  }
  return [];
}

/** `a, b and c` style list for messages. */
export function listOf(values: readonly string[]): string {
  return values.join(', ');
}
