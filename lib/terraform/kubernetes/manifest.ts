/**
 * `kubernetes_manifest`: its `manifest` attribute already is the API object (any kind, custom
 * resources included). Source: hashicorp/terraform-provider-kubernetes v2.38.0,
 * `manifest/provider/resource.go` and `manifest/provider/plan.go`: the manifest is sent as
 * written; null attributes are not sent. The computed `object` attribute (the manifest filled
 * with the kind's OpenAPI fields, most of them null) is what the provider reads back; it is
 * not read here.
 */
import { Json, JsonObject, first } from './schema';
import { KNOWN_AFTER_APPLY, isUnknown } from './unknown';

export const MANIFEST_TYPE = 'kubernetes_manifest';

/** Drops nulls (not sent) and marks values the plan knows only after apply. */
function clean(value: unknown, unknownTree: unknown): Json | undefined {
  if (value === null || value === undefined)
    return unknownTree === true ? KNOWN_AFTER_APPLY : undefined;
  if (Array.isArray(value)) {
    const trees = Array.isArray(unknownTree) ? unknownTree : [];
    return value.map((v, i) => clean(v, trees[i]) ?? null);
  }
  if (typeof value === 'object') {
    const trees =
      unknownTree !== null && typeof unknownTree === 'object'
        ? (unknownTree as Record<string, unknown>)
        : {};
    const out: JsonObject = {};
    for (const key of new Set([...Object.keys(value), ...Object.keys(trees)])) {
      const v = clean((value as Record<string, unknown>)[key], trees[key]);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  return value as Json;
}

/**
 * The API object of a `kubernetes_manifest`. A manifest that is itself an expression
 * (`"${yamldecode(file("x.yaml"))}"`) is unknown: its apiVersion and kind are that expression.
 */
export function readManifest(values: unknown, afterUnknown?: unknown): JsonObject {
  const raw = first(values)?.manifest;
  const unknowns =
    afterUnknown !== null && typeof afterUnknown === 'object'
      ? (afterUnknown as Record<string, unknown>).manifest
      : undefined;
  if (typeof raw === 'string' && isUnknown(raw)) return { apiVersion: raw, kind: raw };
  if (raw === undefined || raw === null) {
    const v = unknowns === true ? KNOWN_AFTER_APPLY : '';
    return v ? { apiVersion: v, kind: v } : {};
  }
  const out = clean(raw, unknowns);
  return out !== null && typeof out === 'object' && !Array.isArray(out) ? out : {};
}

/**
 * The render of a `kubernetes_manifest`: its `manifest` attribute is the API object itself,
 * as written (key order included: the provider's cdktf class passes the map through).
 */
export function renderManifest(object: JsonObject): JsonObject {
  return { manifest: object };
}
