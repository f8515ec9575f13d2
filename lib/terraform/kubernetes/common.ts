/**
 * Blocks shared by several Kubernetes resource types: object metadata and label selectors.
 * Source: hashicorp/terraform-provider-kubernetes v2.38.0, `kubernetes/schema_metadata.go`,
 * `structures.go` (`expandMetadata`), `schema_label_selector.go`, `structure_label_selector.go`.
 */
import { Fields, dropped, list, many, map, s } from './schema';

/**
 * `metadata` of a namespaced object. `namespace` defaults to "default" (schema_metadata.go,
 * `namespacedMetadataSchemaIsTemplate`, not for templates); `name` is Optional + Computed;
 * annotations and labels are sent only when non-empty; `generation`, `resource_version` and
 * `uid` are computed by the API server and never sent.
 */
export const NAMESPACED_METADATA: Fields = {
  annotations: map(),
  generate_name: s(),
  labels: map(),
  name: s({ computed: true }),
  namespace: s({ default: 'default' }),
  generation: dropped,
  resource_version: dropped,
  uid: dropped,
};

/** `metadata` of a pod or claim template: the namespace has no default there. */
export const TEMPLATE_METADATA: Fields = {
  ...NAMESPACED_METADATA,
  namespace: s(),
};

/**
 * A label selector: `match_labels` (sent when non-empty) and `match_expressions`
 * (structure_label_selector.go, `expandLabelSelector`). A present, empty selector is `{}`,
 * which selects everything (NetworkPolicy `podSelector`).
 */
export const LABEL_SELECTOR: Fields = {
  match_labels: map(),
  match_expressions: many({ key: s(), operator: s(), values: list() }),
};
