/**
 * `kubernetes_deployment` and `kubernetes_deployment_v1` (one schema) -> apps/v1 Deployment.
 * Source: hashicorp/terraform-provider-kubernetes v2.38.0,
 * `kubernetes/resource_kubernetes_deployment_v1.go` (schema), `structures_deployment.go`
 * (`expandDeploymentSpec`, `expandDeploymentStrategy`, `expandRollingUpdateDeployment`).
 */
import { LABEL_SELECTOR, NAMESPACED_METADATA } from './common';
import { POD_TEMPLATE } from './pod-template';
import { Fields, b, int, intstr, n, one, s } from './schema';

export const DEPLOYMENT_TYPES = ['kubernetes_deployment', 'kubernetes_deployment_v1'];

export const DEPLOYMENT: Fields = {
  metadata: one(NAMESPACED_METADATA),
  spec: one({
    min_ready_seconds: n({ default: 0 }),
    paused: b({ default: false }),
    progress_deadline_seconds: n({ default: 600 }),
    replicas: int({ computed: true }),
    revision_history_limit: n({ default: 10 }),
    selector: one(LABEL_SELECTOR),
    // Optional + Computed: when absent, the API server decides (RollingUpdate 25 % / 25 %).
    strategy: one(
      {
        type: s({ default: 'RollingUpdate' }),
        rolling_update: one(
          { max_surge: intstr({ default: '25%' }), max_unavailable: intstr({ default: '25%' }) },
          { computed: true },
        ),
      },
      { computed: true },
    ),
    template: one(POD_TEMPLATE),
  }),
};
