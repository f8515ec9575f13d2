import { RuleViolation } from './errors';
import { Duration } from './duration';
import { isUnknown } from './unknown';

/**
 * True when a value is not known at synth or lint time: a cdktf token (a `TerraformVariable`,
 * `Fn` call, data source attribute or cross-stack reference), a `${...}` Terraform expression,
 * or a value known only after apply. Rules skip what they cannot evaluate and the value is
 * rendered unchanged.
 */
export function isUnresolved(value: unknown): boolean {
  return value !== undefined && value !== null && isUnknown(value);
}

function describeNumber(value: number): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

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
  if (value === undefined || isUnresolved(value)) return [];
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) {
    return [];
  }
  return [
    {
      rule,
      attribute,
      value: `${describeNumber(value)}${unit}`,
      problem:
        typeof value === 'number' && Number.isFinite(value)
          ? 'is out of range'
          : 'is not a finite number',
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
  if (value === undefined || isUnresolved(value)) return [];
  if (Number.isInteger(value) && value >= min && value <= max) return [];
  return [
    {
      rule,
      attribute,
      value: describeNumber(value),
      problem: Number.isInteger(value)
        ? 'is out of range'
        : typeof value === 'number' && Number.isFinite(value)
          ? 'is not a whole number'
          : 'is not a finite number',
      allowed:
        max >= Number.MAX_SAFE_INTEGER
          ? `a whole number of ${min} or more`
          : `a whole number in ${min}..${max}`,
      fix,
    },
  ];
}

/** Range check for a Duration rendered as whole seconds; a token duration is skipped. */
export function checkDurationSeconds(
  rule: string,
  attribute: string,
  value: Duration | undefined,
  minSeconds: number,
  maxSeconds: number,
  fix: string,
): RuleViolation[] {
  if (value === undefined) return [];
  if (!(value instanceof Duration)) return [notADuration(attribute, value)];
  if (value.isUnresolved()) return [];
  const s = value.toSeconds();
  if (!value.isWholeSeconds()) {
    return [
      {
        rule,
        attribute,
        value: value.toString(),
        problem: 'is not a whole number of seconds',
        allowed:
          maxSeconds >= Number.MAX_SAFE_INTEGER
            ? `whole seconds of ${minSeconds}s or more`
            : `whole seconds in ${minSeconds}s..${maxSeconds}s`,
        fix: `round it, e.g. Duration.seconds(${Math.min(maxSeconds, Math.max(minSeconds, Math.round(s)))})`,
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
        allowed: span(minSeconds, maxSeconds, 's'),
        fix,
      },
    ];
  }
  return [];
}

/** P1: a value that should be a `Duration` but is not (plain JavaScript callers). */
export function notADuration(attribute: string, value: unknown): RuleViolation {
  return {
    rule: 'P1',
    attribute,
    value: typeof value === 'number' ? String(value) : `(${typeof value})`,
    problem: 'is not a Duration',
    allowed: 'a Duration, e.g. Duration.seconds(60)',
    fix: `use Duration.seconds(${typeof value === 'number' ? value : 60}) to say the unit`,
  };
}

/** P1: a required prop is missing or has the wrong JavaScript type. */
export function checkPresent(
  attribute: string,
  value: unknown,
  type: 'string' | 'number' | 'object' | 'boolean',
  example: string,
): RuleViolation[] {
  const ok =
    value !== undefined &&
    value !== null &&
    (type === 'object' ? typeof value === 'object' : typeof value === type);
  if (ok) return [];
  return [
    {
      rule: 'P1',
      attribute,
      value: value === undefined ? '(missing)' : value === null ? 'null' : `(${typeof value})`,
      problem: value === undefined ? 'is required' : `is not ${article(type)} ${type}`,
      allowed: `${article(type)} ${type}, e.g. ${example}`,
      fix: `set ${attribute}: ${example}`,
    },
  ];
}

/** `min..max`, or `min or more` when the range has no upper bound worth printing. */
const span = (min: number, max: number, unit: string) =>
  max >= Number.MAX_SAFE_INTEGER ? `${min}${unit} or more` : `${min}${unit}..${max}${unit}`;

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** `a, b and c` style list for messages. */
export function listOf(values: readonly string[]): string {
  return values.join(', ');
}

/**
 * P1: a prop that must be an instance of a value class (`HealthCheck`, `DrainingPolicy`, ...);
 * `isInstance` is the caller's `instanceof` test.
 */
export function checkValueClass(
  attribute: string,
  value: unknown,
  isInstance: boolean,
  typeName: string,
  example: string,
  required = false,
): RuleViolation[] {
  if (isInstance || (value === undefined && !required)) return [];
  return [
    {
      rule: 'P1',
      attribute,
      value: value === undefined ? '(missing)' : value === null ? 'null' : `(${typeof value})`,
      problem: value === undefined ? 'is required' : `is not a ${typeName}`,
      allowed: `a ${typeName}, e.g. ${example}`,
      fix: `set ${attribute}: ${example}`,
    },
  ];
}

/** P1: the props object and its required fields are present with the right JavaScript types. */
export function checkRequiredProps(
  props: unknown,
  required: [
    attribute: string,
    type: 'string' | 'number' | 'object' | 'boolean',
    example: string,
  ][],
): RuleViolation[] {
  const v = checkPresent('props', props, 'object', '{ ... }');
  if (v.length > 0) return v;
  const p = props as { [key: string]: unknown };
  for (const [attribute, type, example] of required) {
    if (isUnresolved(p[attribute])) continue;
    v.push(...checkPresent(attribute, p[attribute], type, example));
  }
  return v;
}
