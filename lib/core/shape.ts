/**
 * P1 at every depth: the JavaScript type of every prop, nested ones included, described once
 * per props interface and checked before a construct reads its props. A plain JavaScript
 * caller (or TypeScript with a cast) who passes a group as a string, a health check as a
 * plain object or a Duration as a number gets a `ValidationError` that names the construct,
 * the prop path (`backends[0].group`) and the expected type, never a `TypeError` and never a
 * rendering that silently leaves the value out. Unresolved tokens are accepted everywhere.
 */
import { RuleViolation } from './errors';
import { describeValue, isUnresolved } from './rules';

/** Checks one value at `path`; returns the P1 violations. */
export interface Shape {
  /** What the value must be, for messages (`a HealthCheck`, `an array of ports`). */
  readonly expected: string;
  /** A value that passes, written as the user would (`Duration.seconds(30)`). */
  readonly example: string;
  /** The violations of `value` at `path` (not called for undefined optional values). */
  check(value: unknown, path: string): RuleViolation[];
}

/** A field of an object shape: required, or optional (undefined is fine). */
export interface Field {
  readonly shape: Shape;
  readonly required?: boolean;
}

/** The violation for a value that is not what `shape` expects. */
export function wrongType(path: string, value: unknown, shape: Shape): RuleViolation {
  return {
    rule: 'P1',
    attribute: path,
    value: describeValue(value),
    problem: value === undefined ? 'is required' : `is not ${shape.expected}`,
    allowed: `${shape.expected}, e.g. ${shape.example}`,
    fix: `set ${path}: ${shape.example}`,
  };
}

function leaf(expected: string, example: string, ok: (v: unknown) => boolean): Shape {
  const shape: Shape = {
    expected,
    example,
    // The type test first: it is cheaper than looking for a token, and most values pass it.
    check: (value, path) =>
      ok(value) || isUnresolved(value) ? [] : [wrongType(path, value, shape)],
  };
  return shape;
}

/** A string (or a token). */
export const aString = (example = "'name'"): Shape =>
  leaf('a string', example, (v) => typeof v === 'string');

/** A number (or a token); finiteness and ranges are the rules' business. */
export const aNumber = (example = '1'): Shape =>
  leaf('a number', example, (v) => typeof v === 'number');

/** A boolean. */
export const aBoolean = (example = 'true'): Shape =>
  leaf('a boolean', example, (v) => typeof v === 'boolean');

/** One of an enum's string values. */
export const oneOf = (name: string, values: readonly string[], example: string): Shape =>
  leaf(`a ${name}`, example, (v) => typeof v === 'string' && values.includes(v));

/**
 * An instance of a value class or construct. `isInstance` is the caller's `instanceof` (or
 * duck-type) test, so the core needs no import of the class.
 */
export const anInstance = (
  name: string,
  example: string,
  isInstance: (v: unknown) => boolean,
): Shape => leaf(`${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`, example, isInstance);

/** An array whose every element has `item`'s shape. */
export function arrayOf(item: Shape, example = `[${item.example}]`): Shape {
  const shape: Shape = {
    expected: `an array of ${item.expected.replace(/^an? /, '')} values`,
    example,
    check: (value, path) => {
      if (isUnresolved(value)) return [];
      if (!Array.isArray(value)) return [wrongType(path, value, shape)];
      return value.flatMap((v, i) =>
        v === undefined || v === null
          ? [wrongType(`${path}[${i}]`, v, item)]
          : item.check(v, `${path}[${i}]`),
      );
    },
  };
  return shape;
}

/**
 * A plain object (an object literal), not an instance of a class: a `Duration` given where
 * options are expected is the wrong type, not options with missing fields.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A string-keyed map whose every value has `item`'s shape (labels, environment). */
export function mapOf(item: Shape, example: string): Shape {
  const shape: Shape = {
    expected: `a map of ${item.expected.replace(/^an? /, '')} values`,
    example,
    check: (value, path) => {
      if (isUnresolved(value)) return [];
      if (!isPlainObject(value)) return [wrongType(path, value, shape)];
      return Object.entries(value).flatMap(([k, v]) =>
        item.check(v, `${path}[${JSON.stringify(k)}]`),
      );
    },
  };
  return shape;
}

/** A plain object with the given fields (a props interface or a nested options interface). */
export function objectOf(name: string, fields: Record<string, Field>, example: string): Shape {
  // Listed once: value classes built in bulk (a health check per service read) check it often.
  const entries = Object.entries(fields);
  const shape: Shape = {
    expected: `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`,
    example,
    check: (value, path) => {
      if (isUnresolved(value)) return [];
      if (!isPlainObject(value)) return [wrongType(path, value, shape)];
      const out: RuleViolation[] = [];
      for (const [key, field] of entries) {
        const x = value[key];
        if (x === undefined && !field.required) continue;
        const at = path ? `${path}.${key}` : key;
        if (x === undefined || x === null) out.push(wrongType(at, x, field.shape));
        else out.push(...field.shape.check(x, at));
      }
      return out;
    },
  };
  return shape;
}

/** Shorthands for fields. */
export const required = (shape: Shape): Field => ({ shape, required: true });
export const optional = (shape: Shape): Field => ({ shape });

/** P1 on a whole props object (the path of its fields starts at the field name). */
export function checkShape(props: unknown, shape: Shape): RuleViolation[] {
  if (props === undefined || props === null) return [wrongType('props', props, shape)];
  return shape.check(props, '');
}
