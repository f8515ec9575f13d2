/**
 * A small table language for the hashicorp/kubernetes provider's resource schemas, and the one
 * reader that turns a resource's Terraform values into the Kubernetes API object the provider
 * sends (its inverse, the render, is render.ts). Pure: no cdktf, no provider package.
 *
 * What a table says about an attribute is what the provider's expand functions do with it
 * (hashicorp/terraform-provider-kubernetes v2.38.0 = be88f44271050f69d52f410bca388834afedfe71,
 * `kubernetes/structures_*.go`, `structure_*.go`): the API field it fills, the conversion
 * (a TypeString that holds an integer, an int-or-string, an octal file mode), and the value it
 * sends when the configuration leaves the attribute unset (the schema's `Default`, or the Go zero
 * value for pointer fields the expand function always fills). An attribute with no `default` is
 * absent from the API object when unset: the API server decides it.
 *
 * Input forms, all read alike:
 * - cdktf synth JSON: single blocks as objects, block lists as arrays;
 * - a plan's `planned_values`: every block a list, nulls (and, in nested blocks of this SDKv2
 *   provider, Go zero values) for unset attributes;
 * - HCL-JSON from `@cdktf/hcl2json`: every block a list, `dynamic` blocks, `${...}` expressions.
 */
import { KNOWN_AFTER_APPLY, isUnknown } from './unknown';

/** JSON as the readers produce it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/**
 * Terraform attribute types and the conversion to the API field:
 * `s` string, `n` number, `b` bool, `map` string map, `list` string list, `nlist` number list,
 * `int` a TypeString holding an integer (`replicas`, `run_as_user`: strconv.ParseInt),
 * `intstr` an int-or-string (intstr.Parse: digits become a number), `octal` a file mode
 * (`"0644"` -> 420, strconv.ParseInt(v, 8, 32)).
 */
export type AttrType = 's' | 'n' | 'b' | 'map' | 'list' | 'nlist' | 'int' | 'intstr' | 'octal';

/** One Terraform attribute. */
export interface AttrSpec {
  readonly kind: 'attr';
  readonly type: AttrType;
  /** API field name (default: the attribute in camelCase). */
  readonly api?: string;
  /** What the provider sends when the configuration leaves it unset. */
  readonly default?: Json;
  /** Optional + Computed: when unset, the API server decides (documentation; never assumed). */
  readonly computed?: boolean;
  /** Not sent: computed-only, or ignored by the provider's expand function. */
  readonly drop?: boolean;
  /** Sent only when this holds on the (raw) enclosing block. */
  readonly when?: (block: Readonly<Record<string, unknown>>) => boolean;
}

/** A nested block: `one` becomes an API object (the first element), `many` an API array. */
export interface BlockSpec {
  readonly kind: 'one' | 'many';
  readonly fields: Fields;
  readonly api?: string;
  readonly computed?: boolean;
  readonly drop?: boolean;
  /** What the provider sends when the block is absent from a present parent. */
  readonly absent?: Json;
  /** Reshapes the API value the table produced (e.g. projected volume sources). */
  readonly shape?: (value: Json) => Json;
  /** The inverse of `shape`, for the render: the API value -> the table's shape. */
  readonly unshape?: (value: Json) => Json;
  /**
   * A `one` block that is a list in the provider's schema (no `MaxItems: 1`): the provider
   * sends only its first element, and the cdktf config takes a one-element list.
   */
  readonly list?: boolean;
}

/** The attributes and blocks of one block, by Terraform name. */
export type Fields = { readonly [attribute: string]: AttrSpec | BlockSpec };

type AttrOptions = Omit<AttrSpec, 'kind' | 'type'>;
type BlockOptions = Omit<BlockSpec, 'kind' | 'fields'>;

/** Table helpers. */
export const s = (o: AttrOptions = {}): AttrSpec => ({ kind: 'attr', type: 's', ...o });
export const n = (o: AttrOptions = {}): AttrSpec => ({ kind: 'attr', type: 'n', ...o });
export const b = (o: AttrOptions = {}): AttrSpec => ({ kind: 'attr', type: 'b', ...o });
export const map = (o: AttrOptions = {}): AttrSpec => ({ kind: 'attr', type: 'map', ...o });
export const list = (o: AttrOptions = {}): AttrSpec => ({ kind: 'attr', type: 'list', ...o });
export const nlist = (o: AttrOptions = {}): AttrSpec => ({ kind: 'attr', type: 'nlist', ...o });
export const int = (o: AttrOptions = {}): AttrSpec => ({ kind: 'attr', type: 'int', ...o });
export const intstr = (o: AttrOptions = {}): AttrSpec => ({ kind: 'attr', type: 'intstr', ...o });
export const octal = (o: AttrOptions = {}): AttrSpec => ({ kind: 'attr', type: 'octal', ...o });
export const one = (fields: Fields, o: BlockOptions = {}): BlockSpec => ({
  kind: 'one',
  fields,
  ...o,
});
export const many = (fields: Fields, o: BlockOptions = {}): BlockSpec => ({
  kind: 'many',
  fields,
  ...o,
});
/** Not sent (computed-only attributes such as `uid`, or attributes the expand ignores). */
export const dropped: AttrSpec = { kind: 'attr', type: 's', drop: true };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `session_affinity_config` -> `sessionAffinityConfig`. */
export function camel(attribute: string): string {
  let api = CAMEL.get(attribute);
  if (api === undefined) {
    api = attribute.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    CAMEL.set(attribute, api); // the attribute names are the tables' keys: a bounded set
  }
  return api;
}
const CAMEL = new Map<string, string>();

const INTEGER = /^[+-]?\d+$/;

function isZero(v: unknown, type: AttrType): boolean {
  if (v === '' || v === false) return true;
  if (v === 0) return type === 'n';
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) {
    // Stryker disable next-line ConditionalExpression: equivalent; the values are JSON, whose objects inherit no enumerable key
    for (const key in v) if (Object.prototype.hasOwnProperty.call(v, key)) return false;
    return true;
  }
  return false;
}

/** A map without its null values: a plan may hold them; the provider sends only strings. */
function withoutNulls(map: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(map)) {
    const x = map[key] as Json | undefined;
    if (x === null || x === undefined) continue;
    // `out[key] = x` would set the prototype for `__proto__`; a label key may be anything.
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: x,
        enumerable: true,
        // Stryker disable next-line BooleanLiteral: equivalent; the object is only read and serialized, never written
        writable: true,
        // Stryker disable next-line BooleanLiteral: as above
        configurable: true,
      });
    else out[key] = x;
  }
  return out;
}

function convert(v: Json, type: AttrType): Json {
  // Stryker disable next-line ConditionalExpression: equivalent; no conversion below changes a `${` string, a token or an unknown list (a shortcut)
  if (isUnknown(v)) return v;
  switch (type) {
    case 'n':
      return typeof v === 'string' && /^[+-]?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    case 'b':
      return v === 'true' ? true : v === 'false' ? false : v;
    case 'int':
    case 'intstr':
      if (typeof v === 'string' && INTEGER.test(v)) return Number(v);
      return v;
    case 'octal': {
      const text = String(v);
      return /^[0-7]+$/.test(text) ? parseInt(text, 8) : v;
    }
    case 'nlist':
      return Array.isArray(v) ? v.map((x) => convert(x, 'n')) : v;
    case 'map':
      return isObject(v) ? withoutNulls(v) : v;
    default:
      return v;
  }
}

function readAttr(
  spec: AttrSpec,
  raw: unknown,
  unknownTree: unknown,
  block: Readonly<Record<string, unknown>>,
): Json | undefined {
  if (spec.drop) return undefined;
  if (unknownTree === true && (raw === undefined || raw === null)) return KNOWN_AFTER_APPLY;
  if (spec.when && !spec.when(block)) return undefined;
  let v = raw as Json | undefined;
  if (v === undefined || v === null || (spec.default === undefined && isZero(v, spec.type)))
    v = spec.default;
  // Stryker disable next-line ConditionalExpression: equivalent; convert keeps undefined and null, and the line after returns undefined for both
  if (v === undefined || v === null) return undefined;
  const out = convert(v, spec.type);
  return isZero(out, 'map') && spec.default === undefined ? undefined : out;
}

/** The `for_each` of a `dynamic` block (HCL-JSON): the list is unknown until Terraform runs. */
function dynamicBlocks(raw: Record<string, unknown>): Record<string, Json> {
  const out: Record<string, Json> = {};
  // Stryker disable next-line ArrayDeclaration: equivalent; an extra string element is skipped as not an object
  for (const d of ([] as unknown[]).concat(raw.dynamic ?? [])) {
    if (!isObject(d)) continue;
    for (const [name, body] of Object.entries(d)) {
      const first = Array.isArray(body) ? body[0] : body;
      const forEach = isObject(first) ? first.for_each : undefined;
      out[name] = typeof forEach === 'string' && isUnknown(forEach) ? forEach : KNOWN_AFTER_APPLY;
    }
  }
  return out;
}

const NO_TREES: readonly unknown[] = [];

/** One element of a block: its API object, or unknown. */
function readItem(spec: BlockSpec, x: unknown, unknownTree: unknown): Json {
  if ((x === null || x === undefined) && unknownTree === true) return KNOWN_AFTER_APPLY;
  if (isUnknown(x)) return x as Json;
  return readFields(spec.fields, isObject(x) ? x : {}, unknownTree);
}

function readBlock(spec: BlockSpec, raw: unknown, unknownTree: unknown): Json | undefined {
  if (spec.drop) return undefined;
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0))
    return unknownTree === true ? KNOWN_AFTER_APPLY : spec.absent;
  if (isUnknown(raw)) return raw as Json;
  const trees: readonly unknown[] = Array.isArray(unknownTree) ? unknownTree : NO_TREES;
  let value: Json;
  if (spec.kind === 'one') value = readItem(spec, Array.isArray(raw) ? raw[0] : raw, trees[0]);
  else if (!Array.isArray(raw)) value = [readItem(spec, raw, trees[0])];
  else {
    value = [];
    for (let i = 0; i < raw.length; i++) value.push(readItem(spec, raw[i], trees[i]));
  }
  return spec.shape ? spec.shape(value) : value;
}

interface Entry {
  readonly name: string;
  readonly spec: AttrSpec | BlockSpec;
  readonly api: string;
}
/** Each table's entries with their API names, listed once: a table is read for every resource. */
const ENTRIES = new WeakMap<Fields, readonly Entry[]>();
function entriesOf(fields: Fields): readonly Entry[] {
  let entries = ENTRIES.get(fields);
  // Stryker disable next-line ConditionalExpression: equivalent; a cache, rebuilt with the same entries
  if (entries === undefined) {
    entries = Object.entries(fields).map(([name, spec]) => ({
      name,
      spec,
      api: spec.api ?? camel(name),
    }));
    ENTRIES.set(fields, entries);
  }
  return entries;
}
/** No unknowns, no dynamic blocks (read only). */
const NONE: Readonly<Record<string, unknown>> = {};

/**
 * Reads one block's attributes and nested blocks into its API object: `out`, when given, holds
 * the fields that come first (a resource's `apiVersion` and `kind`).
 */
export function readFields(
  fields: Fields,
  raw: Readonly<Record<string, unknown>>,
  unknownTree?: unknown,
  out: JsonObject = {},
): JsonObject {
  const unknowns = isObject(unknownTree) ? unknownTree : NONE;
  // Stryker disable next-line ConditionalExpression: equivalent; dynamicBlocks of a block without `dynamic` is empty (a shortcut)
  const dynamic = raw.dynamic === undefined ? NONE : dynamicBlocks(raw);
  const entries = entriesOf(fields);
  // Indexed, not `for (const [name, spec] of Object.entries(fields))`: no arrays or iterator
  // objects per field.
  for (let i = 0; i < entries.length; i++) {
    const { name, spec, api } = entries[i];
    if (dynamic[name] !== undefined && !spec.drop) {
      out[api] = dynamic[name] as Json;
      continue;
    }
    const value = raw[name];
    const unknown = unknowns[name];
    // Unset and known (most of a table): what `readAttr` and `readBlock` give then, without
    // the call. An attribute sends its default (when it has none, nothing); a block, `absent`.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral,BlockStatement: equivalent; a shortcut, the calls below give the same
    if ((value === undefined || value === null) && unknown !== true && !spec.drop) {
      if (spec.kind !== 'attr') {
        if (spec.absent !== undefined) out[api] = spec.absent;
        continue;
      }
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent; a shortcut, readAttr gives the same
      if (spec.default === undefined || spec.default === null) continue;
    }
    const v =
      spec.kind === 'attr' ? readAttr(spec, value, unknown, raw) : readBlock(spec, value, unknown);
    if (v !== undefined) out[api] = v;
  }
  return out;
}

/** The first element of a block list, or the value itself (every input form). */
export function first(value: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return isObject(v) ? v : undefined;
}

/** Number of Terraform attributes and blocks a table maps (for docs and the report). */
export function countFields(fields: Fields): number {
  return Object.values(fields).reduce(
    (sum, spec) => sum + 1 + (spec.kind === 'attr' ? 0 : countFields(spec.fields)),
    0,
  );
}
