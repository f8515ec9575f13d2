/**
 * One model per Kubernetes resource type that the library renders or reads, both directions
 * through the same table:
 * - read: the resource's Terraform values (cdktf synth JSON, a plan's `planned_values` with an
 *   optional `after_unknown`, or HCL-JSON) -> the Kubernetes API object the provider sends
 *   (camelCase, as the API server sees it);
 * - render: such an API object -> the configuration of the provider's cdktf class (the
 *   constructs build the API object and never write attribute names themselves).
 * Internal: not exported from lib/index.ts. Pure: no cdktf import.
 */
import { DEPLOYMENT, DEPLOYMENT_TYPES } from './deployment';
import { INGRESS_V1, INGRESS_V1BETA1 } from './ingress';
import { MANIFEST_TYPE, readManifest, renderManifest } from './manifest';
import { NETWORK_POLICY, NETWORK_POLICY_TYPES } from './network-policy';
import { POD_DISRUPTION_BUDGET } from './pod-disruption-budget';
import { renderFields } from './render';
import { Fields, JsonObject, countFields, first, readFields } from './schema';
import { SERVICE, SERVICE_TYPES } from './service';
import { STATEFUL_SET, STATEFUL_SET_TYPES } from './stateful-set';

export { KNOWN_AFTER_APPLY, containsUnknown, isUnknown } from './unknown';
export { MANIFEST_TYPE } from './manifest';
export type { Json, JsonObject } from './schema';

/** The API group/version, kind and attribute table of one provider resource type. */
export interface KubernetesModel {
  readonly apiVersion: string;
  readonly kind: string;
  readonly fields: Fields;
}

const model = (apiVersion: string, kind: string, fields: Fields): KubernetesModel => ({
  apiVersion,
  kind,
  fields,
});

/** Every provider resource type with a table, by Terraform type. */
export const KUBERNETES_MODELS: { readonly [type: string]: KubernetesModel } = {
  ...Object.fromEntries(
    STATEFUL_SET_TYPES.map((t) => [t, model('apps/v1', 'StatefulSet', STATEFUL_SET)]),
  ),
  ...Object.fromEntries(
    DEPLOYMENT_TYPES.map((t) => [t, model('apps/v1', 'Deployment', DEPLOYMENT)]),
  ),
  ...Object.fromEntries(SERVICE_TYPES.map((t) => [t, model('v1', 'Service', SERVICE)])),
  kubernetes_pod_disruption_budget_v1: model(
    'policy/v1',
    'PodDisruptionBudget',
    POD_DISRUPTION_BUDGET,
  ),
  kubernetes_pod_disruption_budget: model(
    'policy/v1beta1',
    'PodDisruptionBudget',
    POD_DISRUPTION_BUDGET,
  ),
  ...Object.fromEntries(
    NETWORK_POLICY_TYPES.map((t) => [
      t,
      model('networking.k8s.io/v1', 'NetworkPolicy', NETWORK_POLICY),
    ]),
  ),
  kubernetes_ingress_v1: model('networking.k8s.io/v1', 'Ingress', INGRESS_V1),
  kubernetes_ingress: model('networking.k8s.io/v1beta1', 'Ingress', INGRESS_V1BETA1),
};

/** The Terraform types the readers understand, `kubernetes_manifest` included. */
export const KUBERNETES_TYPES: readonly string[] = [
  ...Object.keys(KUBERNETES_MODELS),
  MANIFEST_TYPE,
];

/** True for a type `readKubernetesObject` reads. */
export function isKubernetesType(type: string): boolean {
  return type === MANIFEST_TYPE || modelOf(type) !== undefined;
}

/** The model of a type; own keys only (`toString` is no resource type). */
function modelOf(type: string): KubernetesModel | undefined {
  return Object.prototype.hasOwnProperty.call(KUBERNETES_MODELS, type)
    ? KUBERNETES_MODELS[type]
    : undefined;
}

/**
 * The Kubernetes API object that a resource's Terraform values stand for, or undefined for a
 * type that is not one of `KUBERNETES_TYPES`. `values` may be the resource body itself or, as
 * HCL-JSON gives it, a one-element list of it. `afterUnknown` is a plan's
 * `resource_changes[].change.after_unknown`: values known only after apply become
 * `KNOWN_AFTER_APPLY`, and no default is assumed for them.
 */
export function readKubernetesObject(
  type: string,
  values: unknown,
  afterUnknown?: unknown,
): JsonObject | undefined {
  if (type === MANIFEST_TYPE) return readManifest(values, afterUnknown);
  const m = modelOf(type);
  if (m === undefined) return undefined;
  return readFields(m.fields, first(values) ?? {}, afterUnknown, {
    apiVersion: m.apiVersion,
    kind: m.kind,
  });
}

/**
 * The configuration of the provider's cdktf class for a type (`StatefulSetV1`, `ServiceV1`,
 * ..., `Manifest`) that sends `object`: the inverse of `readKubernetesObject`, by the same
 * table. The object's apiVersion and kind must be the type's. Throws on a field no attribute
 * sends (a programming error of the caller, never silently dropped).
 */
export function renderKubernetesObject(type: string, object: JsonObject): JsonObject {
  if (type === MANIFEST_TYPE) return renderManifest(object);
  const m = modelOf(type);
  if (m === undefined)
    throw new Error(
      `${type}: not a Kubernetes resource type (known: ${KUBERNETES_TYPES.join(', ')})`,
    );
  const { apiVersion, kind, ...fields } = object;
  if (apiVersion !== m.apiVersion || kind !== m.kind)
    throw new Error(
      `${type}: sends ${m.apiVersion} ${m.kind}, not ${String(apiVersion)} ${String(kind)}`,
    );
  return renderFields(m.fields, fields, type);
}

/** Number of Terraform attributes and blocks mapped for a type (0 for the manifest). */
export function mappedFieldCount(type: string): number {
  const m = modelOf(type);
  return m === undefined ? 0 : countFields(m.fields);
}
