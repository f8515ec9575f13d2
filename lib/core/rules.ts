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

/**
 * Whose words a message is in. The constructs' users write props (`draining`,
 * `DrainingPolicy.of(...)`); the Aspect on plain provider resources and `affinity-review lint`
 * are read by people who write Terraform attributes (`connection_draining_timeout_sec`). A rule
 * function takes the vocabulary of its caller and words its allowed values and fix in it.
 */
export enum Vocabulary {
  /** Construct props and value classes. */
  CONSTRUCT = 'construct',
  /** Terraform resource attributes (the provider's schema). */
  TERRAFORM = 'terraform',
  /**
   * The fields of a Kubernetes object written as a `kubernetes_manifest` (a GKE BackendConfig
   * or GCPBackendPolicy): Terraform, but in the object's own camelCase fields.
   */
  MANIFEST = 'manifest',
}

/**
 * The text in the caller's vocabulary: `construct`, `terraform`, or `manifest` (which defaults
 * to the Terraform text).
 */
export function inTerms(
  vocabulary: Vocabulary,
  construct: string,
  terraform: string,
  manifest = terraform,
): string {
  if (vocabulary === Vocabulary.MANIFEST) return manifest;
  return vocabulary === Vocabulary.TERRAFORM ? terraform : construct;
}

/**
 * A value as given, for the `value` part of a message: strings quoted (and cut at 40
 * characters), numbers and booleans as written, objects by their kind, never dumped.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return '(an array)';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? `(a ${name})` : '(a plain object)';
  }
  return `(a ${typeof value})`;
}

/**
 * A range as people write it: `0..1`, `1s..300s`, or `0 or more` when the top is only the
 * largest number JavaScript (or an int32 field counted in seconds) can hold.
 */
export function span(min: number, max: number, unit = ''): string {
  return max >= Number.MAX_SAFE_INTEGER || (unit === 's' && max >= 2 ** 31 - 1)
    ? `${min}${unit} or more`
    : `${min}${unit}..${max}${unit}${unit === 's' ? inWords(max) : ''}`;
}

/** ` (14 days)` for 1209600 s: a bound of an hour or more as people say it, else nothing. */
function inWords(seconds: number): string {
  for (const [unit, size] of [
    ['day', 86400],
    ['hour', 3600],
  ] as const) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return ` (${n} ${unit}${n === 1 ? '' : 's'})`;
    }
  }
  return '';
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
  // Number.isFinite is false for anything but a finite number (a JavaScript caller's "30" too).
  if (Number.isFinite(value) && value >= min && value <= max) {
    return [];
  }
  return [
    {
      rule,
      attribute,
      value: `${describeValue(value)}${unit}`,
      problem: Number.isFinite(value) ? 'is out of range' : 'is not a finite number',
      allowed: span(min, max, unit),
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
      value: describeValue(value),
      problem: Number.isInteger(value)
        ? 'is out of range'
        : Number.isFinite(value)
          ? 'is not a whole number'
          : 'is not a finite number',
      allowed:
        max >= Number.MAX_SAFE_INTEGER
          ? `a whole number of ${min} or more`
          : `a whole number in ${span(min, max)}`,
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
  if (typeof s !== 'number' || Number.isNaN(s)) {
    // Only a reader of Terraform keeps such a value (`"abc"`); the provider refuses it at plan.
    return [
      {
        rule,
        attribute,
        value: JSON.stringify(s),
        problem: 'is not a number',
        allowed: `whole seconds in ${span(minSeconds, maxSeconds, 's')}`,
        fix: `give a whole number of seconds, e.g. ${Math.max(minSeconds, Math.min(maxSeconds, 30))}`,
      },
    ];
  }
  if (!value.isWholeSeconds()) {
    const whole = Math.min(maxSeconds, Math.max(minSeconds, Math.round(s)));
    return [
      {
        rule,
        attribute,
        value: value.toString(),
        problem: 'is not a whole number of seconds',
        // Stryker disable next-line Regex: equivalent; span puts "or more" only at the end
        allowed: /or more$/.test(span(minSeconds, maxSeconds, 's'))
          ? `whole seconds of ${span(minSeconds, maxSeconds, 's')}`
          : `whole seconds in ${span(minSeconds, maxSeconds, 's')}`,
        fix: value._fromTerraform()
          ? `round it to whole seconds, e.g. ${whole}`
          : `round it, e.g. Duration.seconds(${whole})`,
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
    value: describeValue(value),
    problem: 'is not a Duration',
    allowed: 'a Duration, e.g. Duration.seconds(60)',
    fix: `use Duration.seconds(${typeof value === 'number' ? value : 60}) to say the unit`,
  };
}

/** The JavaScript types a required prop may be checked for. */
export type PropType = 'string' | 'number' | 'object' | 'array' | 'boolean';

/**
 * P1: a required prop is missing or has the wrong JavaScript type. The value is the one given
 * (`"ig-1"`), "(missing)" only when there is none; an `array` is what a list prop needs (an
 * object is not one).
 */
export function checkPresent(
  attribute: string,
  value: unknown,
  type: PropType,
  example: string,
): RuleViolation[] {
  const ok =
    value !== undefined &&
    value !== null &&
    (type === 'array'
      ? Array.isArray(value)
      : type === 'object'
        ? typeof value === 'object'
        : typeof value === type);
  if (ok) return [];
  return [
    {
      rule: 'P1',
      attribute,
      value: describeValue(value),
      problem: value === undefined ? 'is required' : `is not ${article(type)} ${type}`,
      allowed: `${article(type)} ${type}, e.g. ${example}`,
      fix: `set ${attribute}: ${example}`,
    },
  ];
}

const article = (word: string) => (/^[aeiouAEIOU]/.test(word) ? 'an' : 'a');

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
      value: describeValue(value),
      problem: value === undefined ? 'is required' : `is not ${article(typeName)} ${typeName}`,
      allowed: `${article(typeName)} ${typeName}, e.g. ${example}`,
      fix: `set ${attribute}: ${example}`,
    },
  ];
}

/** P1: the props object and its required fields are present with the right JavaScript types. */
export function checkRequiredProps(
  props: unknown,
  required: [attribute: string, type: PropType, example: string][],
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
