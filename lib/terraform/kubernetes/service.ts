/**
 * `kubernetes_service` and `kubernetes_service_v1` (one schema) -> v1 Service.
 * Source: hashicorp/terraform-provider-kubernetes v2.38.0,
 * `kubernetes/resource_kubernetes_service_v1.go` (schema), `structure_service_spec.go`
 * (`expandServiceSpec`, `expandServicePort`, `expandSessionAffinityConfig`,
 * `expandSessionAffinityConfigClientIP`).
 */
import { NAMESPACED_METADATA } from './common';
import { Fields, b, intstr, list, many, map, n, one, s } from './schema';
import { isUnknown } from './unknown';

export const SERVICE_TYPES = ['kubernetes_service', 'kubernetes_service_v1'];

/** `allocate_load_balancer_node_ports` and `load_balancer_class` are sent only for LoadBalancer. */
const loadBalancer = (spec: Readonly<Record<string, unknown>>) =>
  spec.type === 'LoadBalancer' || isUnknown(spec.type);

export const SERVICE: Fields = {
  metadata: one(NAMESPACED_METADATA),
  spec: one({
    allocate_load_balancer_node_ports: b({ default: true, when: loadBalancer }),
    cluster_ip: s({ api: 'clusterIP', computed: true }),
    cluster_ips: list({ api: 'clusterIPs', computed: true }),
    external_ips: list({ api: 'externalIPs' }),
    external_name: s(),
    external_traffic_policy: s({ computed: true }),
    health_check_node_port: n({ computed: true }),
    internal_traffic_policy: s({ computed: true }),
    ip_families: list({ api: 'ipFamilies', computed: true }),
    ip_family_policy: s({ computed: true }),
    load_balancer_class: s({ when: loadBalancer }),
    load_balancer_ip: s({ api: 'loadBalancerIP' }),
    load_balancer_source_ranges: list(),
    publish_not_ready_addresses: b({ default: false }),
    selector: map(),
    session_affinity: s({ default: 'None' }),
    // A present session_affinity_config always sends clientIP ({} when the block is absent,
    // and then the API server defaults the timeout to 10800 s); a present client_ip block sends
    // timeoutSeconds as configured, 0 when unset (it is Optional + Computed, read as an int).
    session_affinity_config: one(
      {
        client_ip: one(
          { timeout_seconds: n({ computed: true, default: 0 }) },
          { api: 'clientIP', computed: true, absent: {} },
        ),
      },
      { computed: true },
    ),
    type: s({ default: 'ClusterIP' }),
    port: many(
      {
        app_protocol: s(),
        name: s(),
        node_port: n({ computed: true }),
        port: n(),
        protocol: s({ default: 'TCP' }),
        // Unset: "" (the API server then uses `port`).
        target_port: intstr({ computed: true }),
      },
      { api: 'ports' },
    ),
  }),
};
