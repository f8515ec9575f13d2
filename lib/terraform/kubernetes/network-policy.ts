/**
 * `kubernetes_network_policy` and `kubernetes_network_policy_v1` (one schema) ->
 * networking.k8s.io/v1 NetworkPolicy.
 * Source: hashicorp/terraform-provider-kubernetes v2.38.0,
 * `kubernetes/resource_kubernetes_network_policy_v1.go` (schema), `structure_network_policy.go`
 * (`expandNetworkPolicyV1Spec`, `expandNetworkPolicyV1Ports`, `expandNetworkPolicyV1Peer`,
 * `expandIPBlock`). An empty rule (`egress {}`) is sent as `{}` and allows everything; an empty
 * selector (`pod_selector {}`) selects every pod.
 */
import { LABEL_SELECTOR, NAMESPACED_METADATA } from './common';
import { Fields, intstr, list, many, n, one, s } from './schema';

export const NETWORK_POLICY_TYPES = ['kubernetes_network_policy', 'kubernetes_network_policy_v1'];

const PEER: Fields = {
  ip_block: one({ cidr: s(), except: list() }),
  namespace_selector: one(LABEL_SELECTOR),
  pod_selector: one(LABEL_SELECTOR),
};
const PORT: Fields = { end_port: n(), port: intstr(), protocol: s({ default: 'TCP' }) };

export const NETWORK_POLICY: Fields = {
  metadata: one(NAMESPACED_METADATA),
  spec: one({
    // spec.podSelector is always sent (a non-pointer struct): {} when the block is empty.
    pod_selector: one(LABEL_SELECTOR, { absent: {} }),
    ingress: many({ from: many(PEER), ports: many(PORT) }),
    egress: many({ to: many(PEER), ports: many(PORT) }),
    policy_types: list(),
  }),
};
