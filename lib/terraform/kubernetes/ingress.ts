/**
 * `kubernetes_ingress_v1` -> networking.k8s.io/v1 Ingress, and the deprecated
 * `kubernetes_ingress` -> networking.k8s.io/v1beta1 Ingress (its own schema: `backend` with
 * `service_name` and `service_port`).
 * Source: hashicorp/terraform-provider-kubernetes v2.38.0,
 * `kubernetes/resource_kubernetes_ingress_v1.go`, `structure_ingress_spec_v1.go`
 * (`expandIngressV1Spec`, `expandIngressV1Rule`, `expandIngressV1Backend`, `expandIngressV1TLS`),
 * `resource_kubernetes_ingress_v1beta1.go`, `structure_ingress_spec.go`.
 * The class is sent only when `ingress_class_name` is non-empty; annotations such as
 * `kubernetes.io/ingress.class` travel in `metadata.annotations`.
 */
import { NAMESPACED_METADATA } from './common';
import { Fields, intstr, list, many, n, one, s } from './schema';

const BACKEND: Fields = {
  resource: one({ api_group: s(), kind: s(), name: s() }),
  service: one({ name: s(), port: one({ name: s(), number: n() }) }),
};

const TLS: Fields = { hosts: list(), secret_name: s() };

export const INGRESS_V1: Fields = {
  metadata: one(NAMESPACED_METADATA),
  spec: one({
    ingress_class_name: s({ computed: true }),
    default_backend: one(BACKEND),
    rule: many(
      {
        host: s(),
        http: one({
          path: many(
            {
              path: s(),
              path_type: s({ default: 'ImplementationSpecific' }),
              backend: one(BACKEND),
            },
            { api: 'paths' },
          ),
        }),
      },
      { api: 'rules' },
    ),
    tls: many(TLS),
  }),
};

const BACKEND_V1BETA1: Fields = { service_name: s(), service_port: intstr() };

export const INGRESS_V1BETA1: Fields = {
  metadata: one(NAMESPACED_METADATA),
  spec: one({
    ingress_class_name: s({ computed: true }),
    backend: one(BACKEND_V1BETA1),
    rule: many(
      {
        host: s(),
        http: one({
          path: many({ path: s(), backend: one(BACKEND_V1BETA1) }, { api: 'paths' }),
        }),
      },
      { api: 'rules' },
    ),
    tls: many(TLS),
  }),
};
