/**
 * Terraform resources as every evaluator reads them (the Aspect, lint, the reviewer's models):
 * from a cdktf synth (`cdk.tf.json`), from HCL converted to JSON (`@cdktf/hcl2json`, bodies as
 * one-element lists), or from `terraform show -json` of a plan (planned values, with the
 * values known only after apply marked `AFTER_APPLY`, or the resource changes when a plan has
 * no planned values). Address, type, values, and the references between them. Pure: no cdktf,
 * no provider.
 */
import { AFTER_APPLY } from '../core/unknown';
import {
  VersionConstraint,
  planProviderConstraints,
  providerNameOf,
  requiredProviders,
} from './provider-version';

/** One managed resource. */
export interface TfResource {
  /** Terraform address, e.g. `google_compute_backend_service.web` (module path included). */
  readonly address: string;
  readonly type: string;
  /** Values in either form: nested blocks as objects (cdk.tf.json) or one-element lists (plan). */
  readonly values: Record<string, any>;
  /** The stack (synth) or the plan file the resource is from. */
  readonly source: string;
  /** Construct path (cdk.tf.json metadata), when known. */
  readonly constructPath?: string;
  /** Plan configuration references by attribute (`health_checks` → [`google_compute_health_check.hc`]). */
  readonly references?: Record<string, string[]>;
  /** Rule suppressions recorded on the resource by `AffinityChecks.suppress`. */
  readonly suppressions: { readonly rule: string; readonly reason: string }[];
  /**
   * The version constraint of the provider the resource uses (`required_providers`), or
   * undefined when the configuration declares none: rules whose verdict depends on the
   * provider's version read it.
   */
  readonly providerVersion?: VersionConstraint;
}

/** Key under a resource's `//` comment block where suppressions are recorded. */
export const SUPPRESSIONS_KEY = 'affinity_checks_suppressions';

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first element of a one-element block list, or the value itself (both forms). */
export function block(value: any): any {
  return Array.isArray(value) ? value[0] : value;
}

function suppressionsOf(values: Record<string, any>): TfResource['suppressions'] {
  const list = values['//']?.[SUPPRESSIONS_KEY];
  return Array.isArray(list)
    ? list
        .filter((s) => isObject(s) && typeof s.rule === 'string')
        .map((s) => ({ rule: s.rule, reason: String(s.reason ?? '') }))
    : [];
}

/**
 * The managed resources of one synthesized stack (`cdk.tf.json`) or of HCL in its JSON form
 * (hcl2json writes each resource body as a one-element list).
 */
export function resourcesFromSynth(stack: string, json: Record<string, any>): TfResource[] {
  const out: TfResource[] = [];
  const providers = requiredProviders(json);
  for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
    if (!isObject(byName)) continue;
    for (const [name, body] of Object.entries<any>(byName)) {
      const values = Array.isArray(body) && body.length === 1 ? body[0] : body;
      if (!isObject(values)) continue;
      out.push({
        address: `${type}.${name}`,
        type,
        values,
        source: stack,
        constructPath: values['//']?.metadata?.path,
        suppressions: suppressionsOf(values),
        providerVersion: providers.get(providerNameOf(type, values)),
      });
    }
  }
  return out;
}

function walkModules(
  module: any,
  visit: (r: any, modulePrefix: string) => void,
  prefix = '',
): void {
  if (!isObject(module)) return;
  for (const r of module.resources ?? []) visit(r, prefix);
  for (const child of module.child_modules ?? [])
    walkModules(child, visit, child.address ? `${child.address}.` : prefix);
}

/**
 * The managed resources of a plan (`terraform show -json`, format 1.x): planned values, with
 * the references of the configuration (which resource an attribute points at, even when the
 * value is unknown until apply).
 */
export function resourcesFromPlan(source: string, plan: Record<string, any>): TfResource[] {
  const references = new Map<string, Record<string, string[]>>();
  const collect = (module: any, prefix: string) => {
    if (!isObject(module)) return;
    for (const r of module.resources ?? []) {
      if (!isObject(r) || typeof r.address !== 'string') continue;
      const refs: Record<string, string[]> = {};
      const walk = (expr: any, path: string) => {
        if (Array.isArray(expr)) return expr.forEach((e) => walk(e, path));
        if (!isObject(expr)) return;
        if (Array.isArray(expr.references)) {
          // Terraform lists `type.name.attr` and `type.name`; keep the resource addresses.
          refs[path] = [
            ...new Set(
              expr.references
                .filter((x: unknown) => typeof x === 'string')
                .map((x: string) => x.split('.').slice(0, 2).join('.'))
                .filter((x: string) => !x.startsWith('var') && !x.startsWith('local'))
                .map((x: string) => `${prefix}${x}`),
            ),
          ];
          return;
        }
        for (const [k, v] of Object.entries(expr)) walk(v, path ? `${path}.${k}` : k);
      };
      walk(r.expressions ?? {}, '');
      references.set(`${prefix}${r.address}`, refs);
    }
    for (const [name, call] of Object.entries<any>(module.module_calls ?? {}))
      collect(call?.module, `${prefix}module.${name}.`);
  };
  collect(plan.configuration?.root_module, '');

  const changes = new Map<string, any>();
  for (const c of Array.isArray(plan.resource_changes) ? plan.resource_changes : [])
    if (isObject(c) && typeof c.address === 'string') changes.set(c.address, c);
  const providers = planProviderConstraints(plan);
  const resource = (
    address: string,
    type: string,
    values: Record<string, any>,
    provider: unknown,
  ): TfResource => {
    // Configuration addresses have no instance keys: `a.b[0]` reads the references of `a.b`.
    const configAddress = address.replace(/\[[^\]]*\]/g, '');
    return {
      address,
      type,
      values,
      source,
      references: references.get(configAddress) ?? {},
      suppressions: suppressionsOf(values),
      // `provider_name` is the provider's source address, `registry.terraform.io/hashicorp/google`.
      providerVersion: providers.get(
        typeof provider === 'string' ? (provider.split('/').pop() ?? '') : type.split('_')[0],
      ),
    };
  };

  const out: TfResource[] = [];
  walkModules(plan.planned_values?.root_module, (r) => {
    if (!isObject(r) || r.mode === 'data' || typeof r.type !== 'string') return;
    const address = String(r.address);
    // planned_values leave out what is known only after apply: mark it, never read it as unset.
    const unknown = changes.get(address)?.change?.after_unknown;
    out.push(
      resource(
        address,
        r.type,
        withUnknowns(isObject(r.values) ? r.values : {}, unknown),
        r.provider_name,
      ),
    );
  });
  if (out.length > 0) return out;
  // A plan without planned values (some tools write only the changes): read what each
  // change leaves, so a plan is never linted as empty.
  for (const c of changes.values()) {
    const after = c.change?.after;
    if (c.mode === 'data' || typeof c.type !== 'string' || !isObject(after)) continue;
    out.push(
      resource(c.address, c.type, withUnknowns(after, c.change?.after_unknown), c.provider_name),
    );
  }
  return out;
}

/**
 * `values` with `AFTER_APPLY` wherever `after_unknown` (a plan's mirror of the values, `true`
 * where a value is known only after apply) says so.
 */
export function withUnknowns(values: any, unknown: any): any {
  if (unknown === true) return AFTER_APPLY;
  if (Array.isArray(unknown)) {
    const list: any[] = Array.isArray(values) ? [...values] : [];
    unknown.forEach((u, i) => {
      if (u !== false && u !== undefined) list[i] = withUnknowns(list[i], u);
    });
    return list;
  }
  if (isObject(unknown)) {
    const out: Record<string, any> = isObject(values) ? { ...values } : {};
    for (const [k, u] of Object.entries(unknown))
      if (u !== false && u !== undefined) out[k] = withUnknowns(out[k], u);
    return out;
  }
  return values;
}

/** `${type.name.attribute}` or `${type.name[key].attribute}`: the address is the first group. */
const REFERENCE = /\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.[a-z_]+/g;

/** Dotted attribute paths, split once: the checks read a few paths of every resource. */
const PATHS = new Map<string, readonly string[]>();
const MAX_PATHS = 1000; // the paths are the checks' own constants; a bound all the same

/** The keys of a dotted attribute path (`version.instance_template`). */
export function attributeKeys(attribute: string): readonly string[] {
  let keys = PATHS.get(attribute);
  if (keys === undefined) {
    keys = attribute.split('.');
    if (PATHS.size < MAX_PATHS) PATHS.set(attribute, keys);
  }
  return keys;
}

/**
 * Adds `r` to `found`, or puts it in the place of the one of its address: mostly one resource,
 * so a list, not a Map.
 */
function put(found: TfResource[], r: TfResource): void {
  const i = found.findIndex((f) => f.address === r.address);
  if (i < 0) found.push(r);
  else found[i] = r;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Finds the resources an attribute points at, in both forms. */
export class ResourceIndex {
  /** source → address → resource. */
  private readonly byAddress = new Map<string, Map<string, TfResource>>();
  private readonly byType = new Map<string, TfResource[]>();
  /** source → type → resources: `ofTypes(types, near)` without a scan of every stack. */
  private readonly bySourceType = new Map<string, Map<string, TfResource[]>>();
  /** type → `source \0 name|id|self link` → resources; built per type on first use. */
  private readonly byName = new Map<string, Map<string, TfResource | TfResource[]>>();

  constructor(public readonly resources: readonly TfResource[]) {
    for (const r of resources) {
      let inSource = this.byAddress.get(r.source);
      if (!inSource) this.byAddress.set(r.source, (inSource = new Map()));
      inSource.set(r.address, r);
      append(this.byType, r.type, r);
      let types = this.bySourceType.get(r.source);
      if (!types) this.bySourceType.set(r.source, (types = new Map()));
      append(types, r.type, r);
    }
  }

  /** The resource at `address` in `source` (a stack or a plan). */
  public get(source: string, address: string): TfResource | undefined {
    return this.byAddress.get(source)?.get(address);
  }

  /** Resources of the given types in the same stack or plan as `near` (all when omitted). */
  public ofTypes(types: readonly string[], near?: TfResource): TfResource[] {
    const byType = near === undefined ? this.byType : this.bySourceType.get(near.source);
    const out: TfResource[] = [];
    for (const t of types) {
      const list = byType?.get(t);
      if (list) for (const r of list) out.push(r);
    }
    return out;
  }

  /**
   * Resources of `types` in `source` whose `name`, `id` or `self_link` is `value`: indexed once,
   * so resolving n references costs n lookups, not n scans.
   */
  public named(types: readonly string[], value: string, source: string): TfResource[] {
    const out: TfResource[] = [];
    for (const t of types) {
      let names = this.byName.get(t);
      if (!names) {
        names = new Map();
        for (const r of this.byType.get(t) ?? [])
          for (const v of new Set([r.values.name, r.values.id, r.values.self_link])) {
            if (typeof v !== 'string') continue;
            const key = `${r.source}\u0000${v}`;
            const had = names.get(key);
            names.set(key, had === undefined ? r : ([] as TfResource[]).concat(had, r));
          }
        this.byName.set(t, names);
      }
      const hit = names.get(`${source}\u0000${value}`);
      if (hit !== undefined) out.push(...([] as TfResource[]).concat(hit));
    }
    return out;
  }

  /**
   * What `attribute` of `from` references among `types`: `${type.name.attr}` expressions (synth),
   * configuration references (plan), or else a value that is the name, id or self link of one.
   */
  public referenced(from: TfResource, attribute: string, types: readonly string[]): TfResource[] {
    const found: TfResource[] = [];
    let raw: any = from.values;
    for (const k of attributeKeys(attribute)) {
      if (raw === undefined) break;
      raw = block(raw)?.[k];
    }
    const values: readonly unknown[] = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
    for (const s of values) {
      if (typeof s !== 'string' || !s.includes('${')) continue;
      // exec, not matchAll: matchAll copies the expression for every string.
      REFERENCE.lastIndex = 0;
      for (let m = REFERENCE.exec(s); m !== null; m = REFERENCE.exec(s))
        this.addAt(found, from.source, m[1], types);
    }
    for (const a of from.references?.[attribute] ?? []) this.addAt(found, from.source, a, types);
    if (found.length > 0) return found;
    // Known ids or self links in a plan: match the last path segment against names.
    for (const s of values) {
      if (typeof s !== 'string') continue;
      const name = s.split('/').pop() ?? s;
      for (const r of [
        ...this.named(types, name, from.source),
        ...(name === s ? [] : this.named(types, s, from.source)),
      ])
        if (r.values.name === name || r.values.id === s || r.values.self_link === s) put(found, r);
    }
    return found;
  }

  /** Adds the resource at `address` in `source` to `found` when it is one of `types`. */
  private addAt(found: TfResource[], source: string, address: string, types: readonly string[]) {
    const r = this.get(source, address);
    if (r && types.includes(r.type)) put(found, r);
  }
}
