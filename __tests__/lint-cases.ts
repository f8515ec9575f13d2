/**
 * A failing configuration of plain Terraform (synth JSON, as `cdktf synth` or an HCL project's
 * plan gives it) for every rule that the `AffinityChecks` Aspect and `affinity-review lint`
 * report. messages.test.ts renders each rule's findings and checks the message template in
 * Terraform's words; the registry says which rules these evaluators enforce.
 */

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Merges resource maps (later ones win per address). */
function merge(...parts: Resources[]): Resources {
  const out: Resources = {};
  for (const p of parts)
    for (const [type, byName] of Object.entries(p)) out[type] = { ...out[type], ...byName };
  return out;
}

const HC = '${google_compute_health_check.hc.id}';

const healthCheck = (extra: Record<string, unknown> = {}): Resources => ({
  google_compute_health_check: {
    hc: { name: 'hc', https_health_check: { port: 443, request_path: '/health' }, ...extra },
  },
});

const probes = (extra: Record<string, unknown> = {}): Resources => ({
  google_compute_firewall: {
    probes: {
      name: 'probes',
      network: 'default',
      source_ranges: ['35.191.0.0/16', '130.211.0.0/22'],
      allow: [{ protocol: 'tcp', ports: ['443'] }],
      ...extra,
    },
  },
});

/** A global EXTERNAL_MANAGED HTTPS backend service with its health check and probe firewall. */
const service = (
  extra: Record<string, unknown> = {},
  hc: Record<string, unknown> = {},
): Resources =>
  merge(healthCheck(hc), probes(), {
    google_compute_backend_service: {
      bs: {
        name: 'bs',
        load_balancing_scheme: 'EXTERNAL_MANAGED',
        protocol: 'HTTPS',
        session_affinity: 'GENERATED_COOKIE',
        affinity_cookie_ttl_sec: 1800,
        connection_draining_timeout_sec: 60,
        health_checks: [HC],
        ...extra,
      },
    },
  });

/** A regional passthrough backend service. */
const regional = (scheme: string, extra: Record<string, unknown> = {}): Resources =>
  merge(healthCheck(), probes(), {
    google_compute_region_backend_service: {
      bs: {
        name: 'bs',
        region: 'us-west1',
        load_balancing_scheme: scheme,
        protocol: 'TCP',
        session_affinity: 'CLIENT_IP',
        connection_draining_timeout_sec: 60,
        health_checks: [HC],
        ...extra,
      },
    },
  });

const group = (extra: Record<string, unknown> = {}, scaler?: Record<string, unknown>) =>
  merge(
    {
      google_compute_instance_group_manager: {
        group: {
          name: 'web-a',
          zone: 'us-west1-a',
          base_instance_name: 'web',
          version: [{ instance_template: 'projects/p/global/instanceTemplates/web' }],
          named_port: [{ name: 'https', port: 443 }],
          ...extra,
        },
      },
    },
    scaler
      ? {
          google_compute_autoscaler: {
            scaler: {
              name: 'web-a-as',
              zone: 'us-west1-a',
              target: '${google_compute_instance_group_manager.group.id}',
              autoscaling_policy: { min_replicas: 1, max_replicas: 3, ...scaler },
            },
          },
        }
      : {},
  );

const urlMap = (pathMatcher: Record<string, unknown>): Resources => ({
  google_compute_url_map: {
    map: {
      name: 'map',
      default_service: 'projects/p/global/backendServices/web',
      path_matcher: [
        { name: 'pm', default_service: 'projects/p/global/backendServices/web', ...pathMatcher },
      ],
    },
  },
});

const SECURE = {
  run_as_non_root: true,
  run_as_user: '1000',
  read_only_root_filesystem: true,
  allow_privilege_escalation: false,
  capabilities: { drop: ['ALL'] },
  seccomp_profile: { type: 'RuntimeDefault' },
};
const WEB_POLICY: Resources = {
  kubernetes_network_policy_v1: {
    guacd: {
      metadata: { name: 'guacd', namespace: 'guacamole' },
      spec: {
        pod_selector: { match_labels: { app: 'guacd' } },
        policy_types: ['Ingress'],
        ingress: [{ from: [{ pod_selector: { match_labels: { app: 'web' } } }] }],
      },
    },
  },
};

/** A guacd StatefulSet, secure and draining unless `container` or `meta` say otherwise. */
const guacd = (
  container: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
  policy: Resources = WEB_POLICY,
): Resources =>
  merge(policy, {
    kubernetes_stateful_set_v1: {
      guacd: {
        metadata: { name: 'guacd', namespace: 'guacamole', ...meta },
        spec: {
          replicas: 2,
          service_name: 'guacd',
          selector: { match_labels: { app: 'guacd' } },
          template: {
            metadata: { labels: { app: 'guacd' } },
            spec: {
              automount_service_account_token: false,
              container: [
                {
                  name: 'guacd',
                  image: 'guacamole/guacd:1.6.0',
                  lifecycle: { pre_stop: { exec: { command: ['sh', '-c', 'sleep 60'] } } },
                  security_context: SECURE,
                  ...container,
                },
              ],
            },
          },
        },
      },
    },
  });

const clientIpService = (extra: Record<string, unknown> = {}): Resources => ({
  kubernetes_service_v1: {
    svc: {
      metadata: { name: 'guacd', namespace: 'guacamole' },
      spec: {
        selector: { app: 'guacd' },
        session_affinity: 'ClientIP',
        port: [{ port: 4822 }],
        ...extra,
      },
    },
  },
});

const backendConfig = (spec: Record<string, unknown>): Resources => ({
  kubernetes_manifest: {
    policy: {
      manifest: {
        apiVersion: 'cloud.google.com/v1',
        kind: 'BackendConfig',
        metadata: { name: 'web', namespace: 'guacamole' },
        spec: {
          sessionAffinity: { affinityType: 'GENERATED_COOKIE', affinityCookieTtlSec: 3600 },
          connectionDraining: { drainingTimeoutSec: 1800 },
          timeoutSec: 28800,
          ...spec,
        },
      },
    },
  },
});

const httpsProxy = (policy?: Record<string, unknown>): Resources =>
  merge(policy ? { google_compute_ssl_policy: { ssl: { name: 'ssl', ...policy } } } : {}, {
    google_compute_target_https_proxy: {
      https: {
        name: 'https',
        url_map: 'projects/p/global/urlMaps/web',
        ssl_certificates: ['projects/p/global/sslCertificates/web'],
        ...(policy ? { ssl_policy: '${google_compute_ssl_policy.ssl.id}' } : {}),
      },
    },
  });

/** Failing configurations per rule id (each must make the rule report). */
export const LINT_CASES: Record<string, Resources[]> = {
  N1: [service({ name: 'Web_Backend' })],
  N2: [
    {
      kubernetes_service_v1: {
        svc: {
          metadata: { name: '1guacd', namespace: 'guacamole' },
          spec: { port: [{ port: 4822 }] },
        },
      },
    },
  ],
  B1: [service({ load_balancing_scheme: 'INTERNAL' })],
  B2: [service({ protocol: 'UDP' })],
  S1: [service({ session_affinity: 'CLIENT_IP_PORT_PROTO', affinity_cookie_ttl_sec: undefined })],
  S2: [service({ session_affinity: 'HEADER_FIELD', affinity_cookie_ttl_sec: undefined })],
  S3: [service({ session_affinity: 'HTTP_COOKIE', affinity_cookie_ttl_sec: undefined })],
  S4: [service({ session_affinity: 'STRONG_COOKIE_AFFINITY', affinity_cookie_ttl_sec: undefined })],
  S5: [service({ session_affinity: 'CLIENT_IP' }), service({ affinity_cookie_ttl_sec: 1209601 })],
  S5b: [service({ affinity_cookie_ttl_sec: 172800 })],
  S6: [service({ session_affinity: 'CLIENT_IP', locality_lb_policy: 'ROUND_ROBIN' })],
  S7: [service({ locality_lb_policy: 'WEIGHTED_MAGLEV' })],
  S8: [
    service({
      session_affinity: 'CLIENT_IP',
      affinity_cookie_ttl_sec: undefined,
      consistent_hash: { minimum_ring_size: 10 },
    }),
  ],
  T1: [
    service({ connection_draining_timeout_sec: 7200 }),
    service({ connection_draining_timeout_sec: 0 }),
  ],
  T2: [service({ timeout_sec: 0 }), regional('INTERNAL', { timeout_sec: 30 })],
  T3: [service({ log_config: { enable: true, sample_rate: 1.5 } })],
  T4: [service({ connection_draining_timeout_sec: undefined })],
  H1: [service({}, { check_interval_sec: 301 })],
  H2: [service({}, { check_interval_sec: 5, timeout_sec: 10 })],
  H3: [service({}, { healthy_threshold: 11 })],
  H5: [service({}, { https_health_check: { port: 443, request_path: 'health' } })],
  H6: [service({}, { https_health_check: { port: 65536 } })],
  H8: [service({}, { https_health_check: { port: 443, response: 'ok \u2713' } })],
  H9: [merge(service(), probes({ allow: [{ protocol: 'tcp', ports: ['8443'] }] }))],
  M1: [group({ target_size: 3 }, {})],
  M2: [
    group({
      named_port: [
        { name: 'https', port: 443 },
        { name: 'https', port: 8443 },
      ],
    }),
  ],
  M3: [group({}, { min_replicas: 4, max_replicas: 2 })],
  U1: [
    urlMap({
      route_rules: [
        { priority: 10, service: 'web', match_rules: [{ prefix_match: '/a' }] },
        { priority: 10, service: 'web', match_rules: [{ prefix_match: '/b' }] },
      ],
    }),
  ],
  U2: [
    urlMap({
      path_rule: [{ paths: ['/a'], service: 'web' }],
      route_rules: [{ priority: 1, service: 'web', match_rules: [{ prefix_match: '/b' }] }],
    }),
  ],
  U3: [
    urlMap({
      route_rules: [{ priority: 1, service: 'web', match_rules: [{ prefix_match: 'api' }] }],
    }),
    // A header match with no way to match, and one with two.
    urlMap({
      route_rules: [
        {
          priority: 1,
          service: 'web',
          match_rules: [
            {
              prefix_match: '/',
              header_matches: [
                { header_name: 'X-A' },
                { header_name: 'X-B', exact_match: 'b', prefix_match: 'b' },
              ],
            },
          ],
        },
      ],
    }),
  ],
  // Six ports on a passthrough forwarding rule: the provider takes 1..5 (U9).
  U9: [
    {
      google_compute_forwarding_rule: {
        fr: {
          name: 'fr',
          region: 'europe-west4',
          load_balancing_scheme: 'INTERNAL',
          backend_service: 'projects/p/regions/europe-west4/backendServices/bs',
          ports: ['80', '443', '8080', '8443', '9000', '9443'],
        },
      },
    },
  ],
  K1: [
    merge(
      guacd(),
      clientIpService({ session_affinity_config: { client_ip: { timeout_seconds: 86401 } } }),
    ),
  ],
  K3: [guacd({}, { name: 'g'.repeat(53) })],
  K4: [guacd({ lifecycle: undefined })],
  K5: [guacd({ resources: { requests: { cpu: '2' }, limits: { cpu: '1500m', memory: '512MB' } } })],
  K7: [guacd({ image: 'guacamole/guacd:latest' }), guacd({ image: 'guacamole/guacd@sha256:abc' })],
  X1: [merge(service(), probes({ source_ranges: ['0.0.0.0/0'] }))],
  X2: [httpsProxy(), httpsProxy({ profile: 'COMPATIBLE', min_tls_version: 'TLS_1_0' })],
  X3: [
    {
      google_compute_url_map: { plain: { name: 'plain', default_service: 'web' } },
      google_compute_target_http_proxy: {
        http: { name: 'http', url_map: '${google_compute_url_map.plain.id}' },
      },
      google_compute_global_forwarding_rule: {
        fr: {
          name: 'fr',
          load_balancing_scheme: 'EXTERNAL_MANAGED',
          port_range: '80',
          target: '${google_compute_target_http_proxy.http.id}',
        },
      },
    },
  ],
  X4: [guacd({ security_context: { ...SECURE, run_as_user: '0', privileged: true } })],
  X5: [guacd({}, {}, {})],
  W1: [
    backendConfig({ sessionAffinity: { affinityType: 'HTTP_COOKIE', affinityCookieTtlSec: 60 } }),
  ],
  W2: [
    backendConfig({
      sessionAffinity: { affinityType: 'GENERATED_COOKIE', affinityCookieTtlSec: 86401 },
    }),
  ],
  W3: [backendConfig({ timeoutSec: 30 })],
  W4: [backendConfig({ sessionAffinity: { affinityType: 'CLIENT_IP' } })],
};
