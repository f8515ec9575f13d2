/**
 * `kubernetes_stateful_set` and `kubernetes_stateful_set_v1` (one schema: provider.go maps both
 * names to `resourceKubernetesStatefulSetV1`) -> apps/v1 StatefulSet.
 * Source: hashicorp/terraform-provider-kubernetes v2.38.0, `kubernetes/schema_stateful_set_spec.go`,
 * `structures_stateful_set.go` (`expandStatefulSetSpec`, `expandStatefulSetSpecUpdateStrategy`,
 * `expandStatefulSetSpecPersistentVolumeClaimRetentionPolicy`). `update_strategy`, its
 * `rolling_update` and `persistent_volume_claim_retention_policy` are lists in the schema (no
 * MaxItems 1): only the first element is sent.
 */
import { LABEL_SELECTOR, NAMESPACED_METADATA } from './common';
import { PERSISTENT_VOLUME_CLAIM, POD_TEMPLATE } from './pod-template';
import { Fields, int, many, n, one, s } from './schema';

export const STATEFUL_SET_TYPES = ['kubernetes_stateful_set', 'kubernetes_stateful_set_v1'];

export const STATEFUL_SET: Fields = {
  metadata: one(NAMESPACED_METADATA),
  spec: one({
    min_ready_seconds: n({ default: 0 }),
    pod_management_policy: s({ computed: true }),
    // TypeString; sent only when non-empty (the API server then defaults to 1).
    replicas: int({ computed: true }),
    // Optional + Computed, but expandStatefulSetSpec always sends it: 0 when unset.
    revision_history_limit: n({ computed: true, default: 0 }),
    service_name: s(),
    persistent_volume_claim_retention_policy: one(
      { when_deleted: s({ default: 'Retain' }), when_scaled: s({ default: 'Retain' }) },
      { computed: true, list: true },
    ),
    selector: one(LABEL_SELECTOR),
    template: one(POD_TEMPLATE),
    // Absent: an empty strategy (the API server defaults to RollingUpdate, partition 0).
    update_strategy: one(
      {
        type: s({ default: 'RollingUpdate' }),
        rolling_update: one({ partition: n({ default: 0 }) }, { list: true }),
      },
      { list: true },
    ),
    volume_claim_template: many(PERSISTENT_VOLUME_CLAIM, { api: 'volumeClaimTemplates' }),
  }),
};
