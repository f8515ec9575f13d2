/**
 * The render: a Kubernetes API object (camelCase, as the API server sees it; the shape
 * `readFields` returns) -> the configuration of the provider's cdktf resource class (its
 * attributes in cdktf's camelCase, its blocks as objects or lists as the provider schema has
 * them). It walks the same tables as the reader, in the other direction, so each attribute's
 * name, API field and conversion is written once (schema.ts and the per-type tables).
 *
 * The render writes what the object holds and nothing else: a field the object leaves out
 * stays unset (the provider's default then applies, as `readFields` reports it), and a field
 * it sets to the provider's default is written explicitly. Conversions are the reader's,
 * inverted: an integer kept in a TypeString (`replicas`, `run_as_user`) and an int-or-string
 * (`port`, `max_unavailable`) become strings, an octal file mode (420) becomes `"0644"`.
 * Unknown values (cdktf tokens, `${...}` expressions) pass through unchanged. A field that no
 * table knows is an error, never dropped. Pure: no cdktf, no provider package.
 */
import { AttrSpec, BlockSpec, Fields, Json, JsonObject, camel } from './schema';
import { isUnknown } from './unknown';

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The API field of each attribute and block of a table (computed once per table). */
const API_NAMES = new WeakMap<Fields, ReadonlyMap<string, [string, AttrSpec | BlockSpec]>>();

function apiNames(fields: Fields): ReadonlyMap<string, [string, AttrSpec | BlockSpec]> {
  let names = API_NAMES.get(fields);
  if (names === undefined) {
    const m = new Map<string, [string, AttrSpec | BlockSpec]>();
    for (const [name, spec] of Object.entries(fields))
      if (!spec.drop) m.set(spec.api ?? camel(name), [name, spec]);
    names = m;
    API_NAMES.set(fields, names);
  }
  return names;
}

function renderAttr(spec: AttrSpec, v: Json, where: string): Json {
  if (isUnknown(v)) {
    if (typeof v === 'number' && ['s', 'int', 'intstr', 'octal'].includes(spec.type))
      throw new Error(
        `${where}: a token number in a string attribute would render as digits; give its string token (Token.asString) in the API object`,
      );
    return v;
  }
  switch (spec.type) {
    case 'int':
    case 'intstr':
      return typeof v === 'number' ? String(v) : v;
    case 'octal':
      return typeof v === 'number' ? `0${v.toString(8)}` : v;
    default:
      return v;
  }
}

function renderBlock(spec: BlockSpec, v: Json, where: string): Json {
  if (isUnknown(v)) return v;
  const item = (x: Json, i?: number): Json =>
    isObject(x) ? renderFields(spec.fields, x, i === undefined ? where : `${where}[${i}]`) : x;
  if (spec.kind === 'one') {
    if (!isObject(v)) throw new Error(`${where}: an object is expected, got ${JSON.stringify(v)}`);
    const out = item(v);
    return spec.list ? [out] : out;
  }
  const value = spec.unshape ? spec.unshape(v) : v;
  if (!Array.isArray(value))
    throw new Error(`${where}: a list is expected, got ${JSON.stringify(v)}`);
  return value.map(item);
}

/**
 * Renders one block's API object into its cdktf configuration, by the table of that block.
 * `where` names the object in errors (e.g. `kubernetes_service_v1.spec`).
 */
export function renderFields(fields: Fields, api: Readonly<JsonObject>, where = ''): JsonObject {
  const names = apiNames(fields);
  const out: JsonObject = {};
  for (const [field, v] of Object.entries(api)) {
    if (v === undefined) continue;
    const entry = names.get(field);
    if (entry === undefined)
      throw new Error(
        `${where}.${field}: no attribute of the provider resource sends this API field (known: ${[...names.keys()].join(', ')})`,
      );
    const [name, spec] = entry;
    const at = `${where}.${field}`;
    out[camel(name)] = spec.kind === 'attr' ? renderAttr(spec, v, at) : renderBlock(spec, v, at);
  }
  return out;
}
