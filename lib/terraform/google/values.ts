/**
 * Reading single Terraform values for the rules. An unknown value (a `${...}` expression, a
 * token, `AFTER_APPLY`, `API_DECIDED`) is passed through unchanged, typed as what the field
 * holds, so the rules, which skip unknowns, see it as unknown and never as a default.
 */
import { Duration } from '../../core/duration';
import { isUnknown } from '../../core/unknown';

/** A string value (or an unknown one). */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * A number value: numbers and numeric strings as numbers, unknowns as they are; anything else
 * (`"abc"`) is passed on too, so the range rules report it rather than a default hiding it.
 */
export function num(v: unknown): number | undefined {
  if (v == null || v === '') return undefined; // undefined or null
  // Stryker disable next-line ConditionalExpression: equivalent; Number() of every unknown form (a `${` string, a token number, list or object) is NaN or the value itself, so the last line returns it unchanged too
  if (isUnknown(v)) return v as number;
  const n = Number(v);
  return Number.isNaN(n) ? (v as number) : n;
}

/** A whole-seconds value as a `Duration` (unknown stays unknown). */
export function seconds(v: unknown): Duration | undefined {
  const n = num(v);
  return n === undefined ? undefined : Duration.seconds(n);
}
