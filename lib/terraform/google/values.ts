/**
 * Reading single Terraform values for the rules, and the attribute paths the models render and
 * read through (`at`, `put`). An unknown value (a `${...}` expression, a
 * token, `AFTER_APPLY`, `API_DECIDED`) is passed through unchanged, typed as what the field
 * holds, so the rules, which skip unknowns, see it as unknown and never as a default.
 */
import { Duration } from '../../core/duration';
import { isUnknown } from '../../core/unknown';
import { attributeKeys, block } from '../resource';

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
  return n === undefined ? undefined : Duration._read(n);
}

/** A Terraform attribute name as the provider's L1 config spells it: `sample_rate` → `sampleRate`. */
export const camel = (attribute: string): string =>
  attribute.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The value at a dotted Terraform attribute path of resource values (`consistent_hash.http_cookie`),
 * taking the first element of a block list at each step; undefined when a step is missing.
 */
export function at(values: Record<string, any> | undefined, attribute: string): any {
  let v: any = values;
  for (const key of attributeKeys(attribute)) v = block(v?.[key]);
  return v;
}

/**
 * Sets `value` at a dotted Terraform attribute path of a provider L1 config, with each key
 * camelCased (`consistent_hash.http_cookie` → `config.consistentHash.httpCookie`): the write
 * side of `at`, so a model names each attribute once for render and read.
 */
export function put(config: Record<string, any>, attribute: string, value: unknown): void {
  const keys = attribute.split('.').map(camel);
  let target = config;
  for (const key of keys.slice(0, -1)) target = target[key] ??= {};
  target[keys[keys.length - 1]] = value;
}
