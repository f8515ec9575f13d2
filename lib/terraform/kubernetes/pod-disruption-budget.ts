/**
 * `kubernetes_pod_disruption_budget_v1` -> policy/v1 PodDisruptionBudget, and the deprecated
 * `kubernetes_pod_disruption_budget` -> policy/v1beta1 (same attributes).
 * Source: hashicorp/terraform-provider-kubernetes v2.38.0,
 * `kubernetes/resource_kubernetes_pod_disruption_budget_v1.go`,
 * `structure_pod_disruption_budget_v1.go` (`expandPodDisruptionBudgetV1Spec`: int-or-strings
 * sent only when non-empty), `resource_kubernetes_pod_disruption_budget.go`.
 */
import { LABEL_SELECTOR, NAMESPACED_METADATA } from './common';
import { Fields, intstr, one } from './schema';

export const POD_DISRUPTION_BUDGET: Fields = {
  metadata: one(NAMESPACED_METADATA),
  spec: one({
    max_unavailable: intstr(),
    min_available: intstr(),
    selector: one(LABEL_SELECTOR),
  }),
};
