/**
 * lib/terraform/kubernetes: each provider resource type, given as cdktf synth JSON, as a plan's
 * planned_values (SDKv2 style: every block a list, zero values and defaults filled in) and as
 * HCL-JSON from @cdktf/hcl2json, reads into the same Kubernetes API object.
 */
import { Fn, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { readPodDrain } from '../lib/terraform/kubernetes/pod-drain';
import { readManifest } from '../lib/terraform/kubernetes/manifest';
import * as schema from '../lib/terraform/kubernetes/schema';
import { renderFields } from '../lib/terraform/kubernetes/render';
import { JsonObject } from '../lib/terraform/kubernetes/schema';
import { drainScript } from '../lib/k8s/pod-draining';
import { parse } from '@cdktf/hcl2json';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import {
  KNOWN_AFTER_APPLY,
  KUBERNETES_TYPES,
  containsUnknown,
  isKubernetesType,
  isUnknown,
  mappedFieldCount,
  readKubernetesObject,
  renderKubernetesObject,
} from '../lib/terraform/kubernetes';

/** Synthesizes one resource and returns its body from cdk.tf.json. */
function synth(build: (stack: TerraformStack) => void): Record<string, any> {
  const stack = new TerraformStack(Testing.app(), 'model');
  new KubernetesProvider(stack, 'kubernetes', {});
  build(stack);
  const json = JSON.parse(Testing.synth(stack));
  const [byName] = Object.values<any>(json.resource);
  return Object.values<any>(byName)[0];
}

/** The only resource body of an HCL text, as @cdktf/hcl2json gives it (a one-element list). */
async function hcl(text: string): Promise<unknown> {
  const json: any = await parse('main.tf', text);
  const [byName] = Object.values<any>(json.resource);
  return Object.values<any>(byName)[0];
}

// ---------------------------------------------------------------- pod template, three forms
const TEMPLATE_CDKTF = {
  metadata: { labels: { app: 'web' } },
  spec: {
    terminationGracePeriodSeconds: 60,
    securityContext: { fsGroup: '2000', runAsNonRoot: true },
    toleration: [
      {
        key: 'dedicated',
        operator: 'Equal',
        value: 'web',
        effect: 'NoExecute',
        tolerationSeconds: '300',
      },
    ],
    container: [
      {
        name: 'web',
        image: 'nginx:1.27',
        command: ['nginx', '-g', 'daemon off;'],
        port: [{ name: 'http', containerPort: 8080 }],
        env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'web', key: 'token' } } }],
        resources: { requests: { cpu: '100m' }, limits: { memory: '128Mi' } },
        readinessProbe: { httpGet: { path: '/healthz', port: '8080' }, periodSeconds: 5 },
        livenessProbe: { tcpSocket: [{ port: 'http' }] },
        lifecycle: { preStop: [{ exec: { command: ['sleep', '10'] } }] },
        securityContext: {
          runAsUser: '1000',
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        },
        volumeMount: [{ name: 'config', mountPath: '/etc/nginx/conf.d', readOnly: true }],
      },
    ],
    volume: [
      {
        name: 'config',
        configMap: {
          name: 'web',
          items: [{ key: 'default.conf', path: 'default.conf', mode: '0400' }],
        },
      },
      {
        name: 'creds',
        projected: [
          {
            sources: [
              { secret: [{ name: 'a' }, { name: 'b' }], serviceAccountToken: { path: 'token' } },
            ],
          },
        ],
      },
    ],
  },
};

const TEMPLATE_HCL = `
    template {
      metadata { labels = { app = "web" } }
      spec {
        termination_grace_period_seconds = 60
        security_context {
          fs_group        = "2000"
          run_as_non_root = true
        }
        toleration {
          key                = "dedicated"
          operator           = "Equal"
          value              = "web"
          effect             = "NoExecute"
          toleration_seconds = "300"
        }
        container {
          name    = "web"
          image   = "nginx:1.27"
          command = ["nginx", "-g", "daemon off;"]
          port {
            name           = "http"
            container_port = 8080
          }
          env {
            name = "TOKEN"
            value_from {
              secret_key_ref {
                name = "web"
                key  = "token"
              }
            }
          }
          resources {
            requests = { cpu = "100m" }
            limits   = { memory = "128Mi" }
          }
          readiness_probe {
            http_get {
              path = "/healthz"
              port = "8080"
            }
            period_seconds = 5
          }
          liveness_probe {
            tcp_socket { port = "http" }
          }
          lifecycle {
            pre_stop {
              exec { command = ["sleep", "10"] }
            }
          }
          security_context {
            run_as_user                = "1000"
            allow_privilege_escalation = false
            capabilities { drop = ["ALL"] }
          }
          volume_mount {
            name       = "config"
            mount_path = "/etc/nginx/conf.d"
            read_only  = true
          }
        }
        volume {
          name = "config"
          config_map {
            name = "web"
            items {
              key  = "default.conf"
              path = "default.conf"
              mode = "0400"
            }
          }
        }
        volume {
          name = "creds"
          projected {
            sources {
              secret { name = "a" }
              secret { name = "b" }
              service_account_token { path = "token" }
            }
          }
        }
      }
    }`;

/** How Terraform plans an SDKv2 block: nested zero values for unset attributes, defaults filled. */
const PROBE_PLAN = {
  exec: [],
  grpc: [],
  http_get: [],
  tcp_socket: [],
  failure_threshold: 3,
  initial_delay_seconds: 0,
  period_seconds: 10,
  success_threshold: 1,
  timeout_seconds: 1,
};
const TEMPLATE_PLAN = [
  {
    metadata: [
      {
        annotations: null,
        generate_name: '',
        generation: 0,
        labels: { app: 'web' },
        name: '',
        namespace: '',
        resource_version: '',
        uid: '',
      },
    ],
    spec: [
      {
        active_deadline_seconds: 0,
        affinity: [],
        automount_service_account_token: true,
        dns_config: [],
        dns_policy: 'ClusterFirst',
        enable_service_links: true,
        host_aliases: [],
        host_ipc: false,
        host_network: false,
        host_pid: false,
        init_container: [],
        node_selector: null,
        os: [],
        priority_class_name: '',
        restart_policy: 'Always',
        runtime_class_name: '',
        share_process_namespace: false,
        subdomain: '',
        termination_grace_period_seconds: 60,
        topology_spread_constraint: [],
        security_context: [
          {
            fs_group: '2000',
            fs_group_change_policy: '',
            run_as_group: '',
            run_as_non_root: true,
            run_as_user: '',
            se_linux_options: [],
            seccomp_profile: [],
            supplemental_groups: null,
            sysctl: [],
            windows_options: [],
          },
        ],
        toleration: [
          {
            effect: 'NoExecute',
            key: 'dedicated',
            operator: 'Equal',
            toleration_seconds: '300',
            value: 'web',
          },
        ],
        container: [
          {
            args: null,
            command: ['nginx', '-g', 'daemon off;'],
            env: [
              {
                name: 'TOKEN',
                value: '',
                value_from: [
                  {
                    config_map_key_ref: [],
                    field_ref: [],
                    resource_field_ref: [],
                    secret_key_ref: [{ key: 'token', name: 'web', optional: false }],
                  },
                ],
              },
            ],
            env_from: [],
            image: 'nginx:1.27',
            lifecycle: [
              {
                post_start: [],
                pre_stop: [{ exec: [{ command: ['sleep', '10'] }], http_get: [], tcp_socket: [] }],
              },
            ],
            liveness_probe: [{ ...PROBE_PLAN, tcp_socket: [{ port: 'http' }] }],
            name: 'web',
            port: [
              { container_port: 8080, host_ip: '', host_port: 0, name: 'http', protocol: 'TCP' },
            ],
            readiness_probe: [
              {
                ...PROBE_PLAN,
                period_seconds: 5,
                http_get: [
                  { host: '', http_header: [], path: '/healthz', port: '8080', scheme: 'HTTP' },
                ],
              },
            ],
            resources: [{ limits: { memory: '128Mi' }, requests: { cpu: '100m' } }],
            security_context: [
              {
                allow_privilege_escalation: false,
                capabilities: [{ add: null, drop: ['ALL'] }],
                privileged: false,
                read_only_root_filesystem: false,
                run_as_group: '',
                run_as_non_root: false,
                run_as_user: '1000',
                se_linux_options: [],
                seccomp_profile: [],
              },
            ],
            startup_probe: [],
            stdin: false,
            stdin_once: false,
            termination_message_path: '/dev/termination-log',
            tty: false,
            volume_device: [],
            volume_mount: [
              {
                mount_path: '/etc/nginx/conf.d',
                mount_propagation: 'None',
                name: 'config',
                read_only: true,
                sub_path: '',
                sub_path_expr: '',
              },
            ],
            working_dir: '',
          },
        ],
        volume: [
          {
            name: 'config',
            config_map: [
              {
                default_mode: '0644',
                name: 'web',
                optional: false,
                items: [{ key: 'default.conf', mode: '0400', path: 'default.conf' }],
              },
            ],
            empty_dir: [],
            secret: [],
          },
          {
            name: 'creds',
            config_map: [],
            projected: [
              {
                default_mode: '0644',
                sources: [
                  {
                    config_map: [],
                    downward_api: [],
                    secret: [
                      { items: [], name: 'a', optional: false },
                      { items: [], name: 'b', optional: false },
                    ],
                    service_account_token: [
                      { audience: '', expiration_seconds: 3600, path: 'token' },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];

const PROBE_DEFAULTS = { failureThreshold: 3, successThreshold: 1, timeoutSeconds: 1 };
const TEMPLATE_API = {
  metadata: { labels: { app: 'web' } },
  spec: {
    automountServiceAccountToken: true,
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    hostIPC: false,
    hostNetwork: false,
    hostPID: false,
    restartPolicy: 'Always',
    shareProcessNamespace: false,
    terminationGracePeriodSeconds: 60,
    securityContext: { fsGroup: 2000, runAsNonRoot: true },
    tolerations: [
      {
        key: 'dedicated',
        operator: 'Equal',
        value: 'web',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ],
    containers: [
      {
        name: 'web',
        image: 'nginx:1.27',
        command: ['nginx', '-g', 'daemon off;'],
        stdin: false,
        stdinOnce: false,
        tty: false,
        terminationMessagePath: '/dev/termination-log',
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        env: [
          {
            name: 'TOKEN',
            valueFrom: { secretKeyRef: { name: 'web', key: 'token', optional: false } },
          },
        ],
        resources: { requests: { cpu: '100m' }, limits: { memory: '128Mi' } },
        readinessProbe: {
          httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
          periodSeconds: 5,
          ...PROBE_DEFAULTS,
        },
        livenessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 10, ...PROBE_DEFAULTS },
        lifecycle: { preStop: { exec: { command: ['sleep', '10'] } } },
        // The provider sends runAsNonRoot false, privileged and readOnlyRootFilesystem false
        // whenever a container security_context is given without them.
        securityContext: {
          runAsUser: 1000,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          privileged: false,
          readOnlyRootFilesystem: false,
          runAsNonRoot: false,
        },
        volumeMounts: [
          {
            name: 'config',
            mountPath: '/etc/nginx/conf.d',
            readOnly: true,
            mountPropagation: 'None',
          },
        ],
      },
    ],
    volumes: [
      {
        name: 'config',
        configMap: {
          name: 'web',
          defaultMode: 0o644,
          optional: false,
          items: [{ key: 'default.conf', path: 'default.conf', mode: 0o400 }],
        },
      },
      {
        name: 'creds',
        projected: {
          defaultMode: 0o644,
          sources: [
            { secret: { name: 'a', optional: false } },
            { secret: { name: 'b', optional: false } },
            { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
          ],
        },
      },
    ],
  },
};

const METADATA_PLAN = (name: string, namespace: string, labels: Record<string, string> | null) => [
  {
    annotations: null,
    generate_name: '',
    generation: 0,
    labels,
    name,
    namespace,
    resource_version: '',
    uid: '',
  },
];

// ---------------------------------------------------------------- the cases
interface Case {
  readonly type: string;
  readonly cdktf: () => Record<string, any>;
  readonly hcl: string;
  readonly plan: Record<string, any>;
  readonly api: Record<string, any>;
}

const CASES: Case[] = [
  {
    type: 'kubernetes_service_v1',
    cdktf: () =>
      synth(
        (s) =>
          new ServiceV1(s, 'svc', {
            metadata: { name: 'web', namespace: 'apps', labels: { app: 'web' } },
            spec: {
              selector: { app: 'web' },
              sessionAffinity: 'ClientIP',
              sessionAffinityConfig: { clientIp: { timeoutSeconds: 600 } },
              port: [
                { name: 'http', port: 80, targetPort: '8080' },
                { name: 'admin', port: 9000, targetPort: 'admin' },
              ],
            },
          }),
      ),
    hcl: `
resource "kubernetes_service_v1" "svc" {
  metadata {
    name      = "web"
    namespace = "apps"
    labels    = { app = "web" }
  }
  spec {
    selector         = { app = "web" }
    session_affinity = "ClientIP"
    session_affinity_config {
      client_ip { timeout_seconds = 600 }
    }
    port {
      name        = "http"
      port        = 80
      target_port = "8080"
    }
    port {
      name        = "admin"
      port        = 9000
      target_port = "admin"
    }
  }
}`,
    plan: {
      metadata: METADATA_PLAN('web', 'apps', { app: 'web' }),
      spec: [
        {
          allocate_load_balancer_node_ports: true,
          external_ips: null,
          external_name: '',
          load_balancer_class: '',
          load_balancer_ip: '',
          load_balancer_source_ranges: null,
          port: [
            { app_protocol: '', name: 'http', port: 80, protocol: 'TCP', target_port: '8080' },
            { app_protocol: '', name: 'admin', port: 9000, protocol: 'TCP', target_port: 'admin' },
          ],
          publish_not_ready_addresses: false,
          selector: { app: 'web' },
          session_affinity: 'ClientIP',
          session_affinity_config: [{ client_ip: [{ timeout_seconds: 600 }] }],
          type: 'ClusterIP',
        },
      ],
      timeouts: null,
      wait_for_load_balancer: true,
    },
    api: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'apps', labels: { app: 'web' } },
      spec: {
        selector: { app: 'web' },
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
          { name: 'admin', port: 9000, protocol: 'TCP', targetPort: 'admin' },
        ],
        publishNotReadyAddresses: false,
        type: 'ClusterIP',
      },
    },
  },
  {
    type: 'kubernetes_stateful_set_v1',
    cdktf: () =>
      synth(
        (s) =>
          new StatefulSetV1(s, 'sts', {
            metadata: { name: 'web' },
            spec: {
              replicas: '3',
              serviceName: 'web-headless',
              selector: { matchLabels: { app: 'web' } },
              updateStrategy: [{ type: 'RollingUpdate', rollingUpdate: [{ partition: 1 }] }],
              template: TEMPLATE_CDKTF,
              volumeClaimTemplate: [
                {
                  metadata: { name: 'data' },
                  spec: {
                    accessModes: ['ReadWriteOnce'],
                    resources: { requests: { storage: '1Gi' } },
                  },
                },
              ],
            },
          }),
      ),
    hcl: `
resource "kubernetes_stateful_set_v1" "sts" {
  metadata { name = "web" }
  spec {
    replicas     = "3"
    service_name = "web-headless"
    selector { match_labels = { app = "web" } }
    update_strategy {
      type = "RollingUpdate"
      rolling_update { partition = 1 }
    }
    ${TEMPLATE_HCL}
    volume_claim_template {
      metadata { name = "data" }
      spec {
        access_modes = ["ReadWriteOnce"]
        resources { requests = { storage = "1Gi" } }
      }
    }
  }
}`,
    plan: {
      metadata: METADATA_PLAN('web', 'default', null),
      spec: [
        {
          min_ready_seconds: 0,
          persistent_volume_claim_retention_policy: [],
          replicas: '3',
          selector: [{ match_expressions: [], match_labels: { app: 'web' } }],
          service_name: 'web-headless',
          template: TEMPLATE_PLAN,
          update_strategy: [{ type: 'RollingUpdate', rolling_update: [{ partition: 1 }] }],
          volume_claim_template: [
            {
              metadata: METADATA_PLAN('data', 'default', null),
              spec: [
                {
                  access_modes: ['ReadWriteOnce'],
                  resources: [{ limits: null, requests: { storage: '1Gi' } }],
                  selector: [],
                },
              ],
            },
          ],
        },
      ],
      wait_for_rollout: true,
    },
    api: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        minReadySeconds: 0,
        replicas: 3,
        // Optional + Computed, sent as 0 when unset (expandStatefulSetSpec).
        revisionHistoryLimit: 0,
        serviceName: 'web-headless',
        selector: { matchLabels: { app: 'web' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
        template: TEMPLATE_API,
        volumeClaimTemplates: [
          {
            metadata: { name: 'data', namespace: 'default' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    },
  },
  {
    type: 'kubernetes_deployment_v1',
    cdktf: () =>
      synth(
        (s) =>
          new DeploymentV1(s, 'deploy', {
            metadata: { name: 'web', namespace: 'apps' },
            spec: {
              replicas: '2',
              selector: { matchLabels: { app: 'web' } },
              strategy: {
                type: 'RollingUpdate',
                rollingUpdate: { maxSurge: '1', maxUnavailable: '0' },
              },
              template: TEMPLATE_CDKTF,
            },
          }),
      ),
    hcl: `
resource "kubernetes_deployment_v1" "deploy" {
  metadata {
    name      = "web"
    namespace = "apps"
  }
  spec {
    replicas = "2"
    selector { match_labels = { app = "web" } }
    strategy {
      type = "RollingUpdate"
      rolling_update {
        max_surge       = "1"
        max_unavailable = "0"
      }
    }
    ${TEMPLATE_HCL}
  }
}`,
    plan: {
      metadata: METADATA_PLAN('web', 'apps', null),
      spec: [
        {
          min_ready_seconds: 0,
          paused: false,
          progress_deadline_seconds: 600,
          replicas: '2',
          revision_history_limit: 10,
          selector: [{ match_expressions: [], match_labels: { app: 'web' } }],
          strategy: [
            { type: 'RollingUpdate', rolling_update: [{ max_surge: '1', max_unavailable: '0' }] },
          ],
          template: TEMPLATE_PLAN,
        },
      ],
    },
    api: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'apps' },
      spec: {
        minReadySeconds: 0,
        paused: false,
        progressDeadlineSeconds: 600,
        replicas: 2,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: TEMPLATE_API,
      },
    },
  },
  {
    type: 'kubernetes_pod_disruption_budget_v1',
    cdktf: () =>
      synth(
        (s) =>
          new PodDisruptionBudgetV1(s, 'pdb', {
            metadata: { name: 'web', namespace: 'apps' },
            spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } },
          }),
      ),
    hcl: `
resource "kubernetes_pod_disruption_budget_v1" "pdb" {
  metadata {
    name      = "web"
    namespace = "apps"
  }
  spec {
    min_available = "50%"
    selector { match_labels = { app = "web" } }
  }
}`,
    plan: {
      metadata: METADATA_PLAN('web', 'apps', null),
      spec: [
        {
          max_unavailable: '',
          min_available: '50%',
          selector: [{ match_expressions: [], match_labels: { app: 'web' } }],
        },
      ],
    },
    api: {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'apps' },
      spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } },
    },
  },
  {
    type: 'kubernetes_network_policy_v1',
    cdktf: () =>
      synth(
        (s) =>
          new NetworkPolicyV1(s, 'np', {
            metadata: { name: 'web', namespace: 'apps' },
            spec: {
              podSelector: {},
              policyTypes: ['Ingress', 'Egress'],
              ingress: [
                {
                  from: [
                    { podSelector: { matchLabels: { app: 'lb' } } },
                    { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
                  ],
                  ports: [{ port: '8080' }, { port: 'metrics', protocol: 'TCP' }],
                },
              ],
              egress: [{}],
            },
          }),
      ),
    hcl: `
resource "kubernetes_network_policy_v1" "np" {
  metadata {
    name      = "web"
    namespace = "apps"
  }
  spec {
    pod_selector {}
    policy_types = ["Ingress", "Egress"]
    ingress {
      from {
        pod_selector { match_labels = { app = "lb" } }
      }
      from {
        ip_block {
          cidr   = "10.0.0.0/8"
          except = ["10.1.0.0/16"]
        }
      }
      ports { port = "8080" }
      ports {
        port     = "metrics"
        protocol = "TCP"
      }
    }
    egress {}
  }
}`,
    plan: {
      metadata: METADATA_PLAN('web', 'apps', null),
      spec: [
        {
          egress: [{ ports: [], to: [] }],
          ingress: [
            {
              from: [
                {
                  ip_block: [],
                  namespace_selector: [],
                  pod_selector: [{ match_expressions: [], match_labels: { app: 'lb' } }],
                },
                {
                  ip_block: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }],
                  namespace_selector: [],
                  pod_selector: [],
                },
              ],
              ports: [
                { end_port: 0, port: '8080', protocol: 'TCP' },
                { end_port: 0, port: 'metrics', protocol: 'TCP' },
              ],
            },
          ],
          pod_selector: [{ match_expressions: [], match_labels: null }],
          policy_types: ['Ingress', 'Egress'],
        },
      ],
    },
    api: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web', namespace: 'apps' },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              { podSelector: { matchLabels: { app: 'lb' } } },
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
            ],
            ports: [
              { port: 8080, protocol: 'TCP' },
              { port: 'metrics', protocol: 'TCP' },
            ],
          },
        ],
        // An empty egress rule allows every destination.
        egress: [{}],
      },
    },
  },
  {
    type: 'kubernetes_ingress_v1',
    cdktf: () =>
      synth(
        (s) =>
          new IngressV1(s, 'ing', {
            metadata: {
              name: 'web',
              namespace: 'apps',
              annotations: { 'kubernetes.io/ingress.class': 'gce' },
            },
            spec: {
              defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } },
              rule: [
                {
                  host: 'web.example.com',
                  http: {
                    path: [
                      {
                        path: '/app',
                        pathType: 'Prefix',
                        backend: { service: { name: 'web', port: { number: 8080 } } },
                      },
                      {
                        path: '/other',
                        backend: { service: { name: 'other', port: { number: 80 } } },
                      },
                    ],
                  },
                },
              ],
              tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }],
            },
          }),
      ),
    hcl: `
resource "kubernetes_ingress_v1" "ing" {
  metadata {
    name        = "web"
    namespace   = "apps"
    annotations = { "kubernetes.io/ingress.class" = "gce" }
  }
  spec {
    default_backend {
      service {
        name = "fallback"
        port { name = "http" }
      }
    }
    rule {
      host = "web.example.com"
      http {
        path {
          path      = "/app"
          path_type = "Prefix"
          backend {
            service {
              name = "web"
              port { number = 8080 }
            }
          }
        }
        path {
          path = "/other"
          backend {
            service {
              name = "other"
              port { number = 80 }
            }
          }
        }
      }
    }
    tls {
      hosts       = ["web.example.com"]
      secret_name = "web-tls"
    }
  }
}`,
    plan: {
      metadata: [
        {
          annotations: { 'kubernetes.io/ingress.class': 'gce' },
          generate_name: '',
          labels: null,
          name: 'web',
          namespace: 'apps',
        },
      ],
      spec: [
        {
          default_backend: [
            { resource: [], service: [{ name: 'fallback', port: [{ name: 'http', number: 0 }] }] },
          ],
          rule: [
            {
              host: 'web.example.com',
              http: [
                {
                  path: [
                    {
                      path: '/app',
                      path_type: 'Prefix',
                      backend: [
                        {
                          resource: [],
                          service: [{ name: 'web', port: [{ name: '', number: 8080 }] }],
                        },
                      ],
                    },
                    {
                      path: '/other',
                      path_type: 'ImplementationSpecific',
                      backend: [
                        {
                          resource: [],
                          service: [{ name: 'other', port: [{ name: '', number: 80 }] }],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
          tls: [{ hosts: ['web.example.com'], secret_name: 'web-tls' }],
        },
      ],
      status: [],
      wait_for_load_balancer: null,
    },
    api: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'web',
        namespace: 'apps',
        annotations: { 'kubernetes.io/ingress.class': 'gce' },
      },
      spec: {
        defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } },
        rules: [
          {
            host: 'web.example.com',
            http: {
              paths: [
                {
                  path: '/app',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 8080 } } },
                },
                {
                  path: '/other',
                  pathType: 'ImplementationSpecific',
                  backend: { service: { name: 'other', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
        tls: [{ hosts: ['web.example.com'], secretName: 'web-tls' }],
      },
    },
  },
  {
    type: 'kubernetes_manifest',
    cdktf: () =>
      synth(
        (s) =>
          new Manifest(s, 'bc', {
            manifest: {
              apiVersion: 'cloud.google.com/v1',
              kind: 'BackendConfig',
              metadata: { name: 'web', namespace: 'apps' },
              spec: {
                sessionAffinity: { affinityType: 'GENERATED_COOKIE', affinityCookieTtlSec: 3600 },
              },
            },
          }),
      ),
    hcl: `
resource "kubernetes_manifest" "bc" {
  manifest = {
    apiVersion = "cloud.google.com/v1"
    kind       = "BackendConfig"
    metadata = {
      name      = "web"
      namespace = "apps"
    }
    spec = {
      sessionAffinity = {
        affinityType         = "GENERATED_COOKIE"
        affinityCookieTtlSec = 3600
      }
    }
  }
}`,
    plan: {
      manifest: {
        apiVersion: 'cloud.google.com/v1',
        kind: 'BackendConfig',
        metadata: { name: 'web', namespace: 'apps', labels: null },
        spec: { sessionAffinity: { affinityType: 'GENERATED_COOKIE', affinityCookieTtlSec: 3600 } },
      },
      object: { apiVersion: 'cloud.google.com/v1', kind: 'BackendConfig', spec: { cdn: null } },
      timeouts: null,
      wait: null,
    },
    api: {
      apiVersion: 'cloud.google.com/v1',
      kind: 'BackendConfig',
      metadata: { name: 'web', namespace: 'apps' },
      spec: { sessionAffinity: { affinityType: 'GENERATED_COOKIE', affinityCookieTtlSec: 3600 } },
    },
  },
];

describe.each(CASES.map((c) => [c.type, c] as const))('%s', (type, c) => {
  test('cdktf synth JSON', () => {
    expect(readKubernetesObject(type, c.cdktf())).toEqual(c.api);
  });
  test("a plan's planned_values", () => {
    expect(readKubernetesObject(type, c.plan)).toEqual(c.api);
  });
  test('HCL-JSON from @cdktf/hcl2json', async () => {
    expect(readKubernetesObject(type, await hcl(c.hcl))).toEqual(c.api);
  });
});

describe('the legacy resource names read as their API versions', () => {
  test('kubernetes_service, _deployment, _stateful_set, _network_policy are the v1 schemas', () => {
    for (const [legacy, v1] of [
      ['kubernetes_service', 'kubernetes_service_v1'],
      ['kubernetes_deployment', 'kubernetes_deployment_v1'],
      ['kubernetes_stateful_set', 'kubernetes_stateful_set_v1'],
      ['kubernetes_network_policy', 'kubernetes_network_policy_v1'],
    ]) {
      const c = CASES.find((x) => x.type === v1)!;
      expect(readKubernetesObject(legacy, c.plan)).toEqual(c.api);
    }
  });

  test('kubernetes_pod_disruption_budget is policy/v1beta1; kubernetes_ingress is networking.k8s.io/v1beta1 with its own backend', async () => {
    const pdb = CASES.find((x) => x.type === 'kubernetes_pod_disruption_budget_v1')!;
    expect(readKubernetesObject('kubernetes_pod_disruption_budget', pdb.plan)).toEqual({
      ...pdb.api,
      apiVersion: 'policy/v1beta1',
    });
    const values = await hcl(`
resource "kubernetes_ingress" "old" {
  metadata { name = "web" }
  spec {
    backend {
      service_name = "web"
      service_port = "8080"
    }
    rule {
      http {
        path {
          path = "/"
          backend {
            service_name = "web"
            service_port = "http"
          }
        }
      }
    }
  }
}`);
    expect(readKubernetesObject('kubernetes_ingress', values)).toEqual({
      apiVersion: 'networking.k8s.io/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        backend: { serviceName: 'web', servicePort: 8080 },
        rules: [
          {
            http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 'http' } }] },
          },
        ],
      },
    });
  });
});

describe('provider defaults and API-decided fields', () => {
  test('a minimal Service: the provider sends its defaults; cluster IP, target port and traffic policies are left to the API server', () => {
    const api = readKubernetesObject('kubernetes_service_v1', {
      metadata: { name: 'x' },
      spec: { port: [{ port: 80 }] },
    });
    expect(api).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'x', namespace: 'default' },
      spec: {
        publishNotReadyAddresses: false,
        sessionAffinity: 'None',
        type: 'ClusterIP',
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    });
  });

  test('LoadBalancer-only fields are sent only for type LoadBalancer', () => {
    const spec = (type: string) =>
      readKubernetesObject('kubernetes_service_v1', { metadata: { name: 'x' }, spec: { type } })!
        .spec as any;
    expect(spec('LoadBalancer').allocateLoadBalancerNodePorts).toBe(true);
    expect(spec('ClusterIP').allocateLoadBalancerNodePorts).toBeUndefined();
  });

  test('session_affinity_config: clientIP {} without client_ip, timeoutSeconds 0 with an empty client_ip', () => {
    const cfg = (sac: unknown) =>
      (
        readKubernetesObject('kubernetes_service_v1', {
          metadata: { name: 'x' },
          spec: { session_affinity: 'ClientIP', session_affinity_config: sac },
        })!.spec as any
      ).sessionAffinityConfig;
    expect(cfg([{}])).toEqual({ clientIP: {} });
    expect(cfg([{ client_ip: [{}] }])).toEqual({ clientIP: { timeoutSeconds: 0 } });
  });

  test('a seccomp profile without a type is Unconfined; localhost_profile only with Localhost', () => {
    const seccomp = (profile: unknown) =>
      (
        readKubernetesObject('kubernetes_deployment_v1', {
          metadata: { name: 'x' },
          spec: { template: { spec: { security_context: { seccomp_profile: profile } } } },
        })!.spec as any
      ).template.spec.securityContext.seccompProfile;
    expect(seccomp({})).toEqual({ type: 'Unconfined' });
    expect(seccomp({ type: 'RuntimeDefault', localhost_profile: 'x.json' })).toEqual({
      type: 'RuntimeDefault',
    });
    expect(seccomp({ type: 'Localhost', localhost_profile: 'x.json' })).toEqual({
      type: 'Localhost',
      localhostProfile: 'x.json',
    });
  });

  test('ceph_fs and local volumes are dropped, as expandVolumes does', () => {
    const volumes = (
      readKubernetesObject('kubernetes_deployment_v1', {
        metadata: { name: 'x' },
        spec: {
          template: {
            spec: { volume: [{ name: 'v', ceph_fs: { monitors: ['m'] }, local: { path: '/x' } }] },
          },
        },
      })!.spec as any
    ).template.spec.volumes;
    expect(volumes).toEqual([{ name: 'v' }]);
  });

  test('the tables map every attribute of the provider schema (sizes)', () => {
    expect(mappedFieldCount('kubernetes_stateful_set_v1')).toBeGreaterThan(700);
    expect(mappedFieldCount('kubernetes_deployment_v1')).toBeGreaterThan(700);
    expect(mappedFieldCount('kubernetes_service_v1')).toBeGreaterThan(35);
    expect(KUBERNETES_TYPES).toHaveLength(13);
  });
});

describe('unknown values: tokens, references, known after apply', () => {
  test('isUnknown recognizes every form and nothing else', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'tokens');
    const v = new TerraformVariable(stack, 'n', { type: 'number' });
    for (const x of [
      '${TfToken[TOKEN.12]}',
      '${var.name}',
      '${google_compute_region_backend_service.backend.name}-usw1',
      '%{ if var.x }a%{ endif }',
      'a$${b} ${var.x}',
      KNOWN_AFTER_APPLY,
      Token.asNumber(v.value),
      Token.asList(v.value),
      Token.asNumberList(v.value),
      Fn.tomap(v.value),
      { '&{TfToken[TOKEN.3]}': 'x' },
    ]) {
      expect([x, isUnknown(x)]).toEqual([x, true]);
    }
    for (const x of [
      'plain',
      '$${literal}',
      '$$${literal}',
      '%%{literal}',
      'a$b{c}',
      8080,
      0,
      -1,
      1.5,
      true,
      null,
      undefined,
      [],
      ['a'],
      {},
      { a: 1 },
    ]) {
      expect([x, isUnknown(x)]).toEqual([x, false]);
    }
    expect(containsUnknown({ a: [{ b: '${var.x}' }] })).toBe(true);
    expect(containsUnknown({ a: [{ b: 'x' }] })).toBe(false);
  });

  test('references and cdktf tokens are kept as they are, never defaulted or converted', () => {
    const values = synth((s) => {
      const timeout = new TerraformVariable(s, 'timeout', { type: 'number' });
      const replicas = new TerraformVariable(s, 'replicas', { type: 'string' });
      new StatefulSetV1(s, 'sts', {
        metadata: { name: 'web' },
        spec: {
          replicas: replicas.stringValue,
          serviceName: 'web',
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              terminationGracePeriodSeconds: timeout.numberValue,
              container: [
                { name: 'web', image: 'nginx', port: [{ containerPort: timeout.numberValue }] },
              ],
            },
          },
        },
      });
    });
    const spec = readKubernetesObject('kubernetes_stateful_set_v1', values)!.spec as any;
    expect(spec.replicas).toBe('${var.replicas}');
    expect(spec.template.spec.terminationGracePeriodSeconds).toBe('${var.timeout}');
    expect(spec.template.spec.containers[0].ports[0].containerPort).toBe('${var.timeout}');
    expect(isUnknown(spec.replicas)).toBe(true);
  });

  test('after_unknown: values known only after apply are marked, and no default replaces them', () => {
    const api = readKubernetesObject(
      'kubernetes_service_v1',
      {
        metadata: [{ name: 'x', namespace: 'apps' }],
        spec: [{ port: [{ port: 80 }], selector: null }],
      },
      {
        metadata: [{ uid: true }],
        spec: [
          {
            cluster_ip: true,
            session_affinity: true,
            selector: true,
            port: [{ target_port: true }],
          },
        ],
      },
    )!;
    const spec = api.spec as any;
    expect(spec.clusterIP).toBe(KNOWN_AFTER_APPLY);
    expect(spec.sessionAffinity).toBe(KNOWN_AFTER_APPLY);
    expect(spec.selector).toBe(KNOWN_AFTER_APPLY);
    expect(spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: KNOWN_AFTER_APPLY }]);
    expect(api.metadata).toEqual({ name: 'x', namespace: 'apps' });
    expect(isUnknown(spec.clusterIP)).toBe(true);
  });

  test('HCL dynamic blocks are unknown lists (their for_each expression)', async () => {
    const values = await hcl(`
resource "kubernetes_service_v1" "svc" {
  metadata { name = "web" }
  spec {
    dynamic "port" {
      for_each = var.ports
      content {
        port = port.value
      }
    }
  }
}`);
    const spec = readKubernetesObject('kubernetes_service_v1', values)!.spec as any;
    expect(spec.ports).toBe('${var.ports}');
    expect(isUnknown(spec.ports)).toBe(true);
  });

  test('a manifest written as an expression is unknown; a manifest from a plan keeps after-apply values marked', () => {
    expect(
      readKubernetesObject('kubernetes_manifest', { manifest: '${yamldecode(file("x.yaml"))}' }),
    ).toEqual({
      apiVersion: '${yamldecode(file("x.yaml"))}',
      kind: '${yamldecode(file("x.yaml"))}',
    });
    expect(
      readKubernetesObject(
        'kubernetes_manifest',
        {
          manifest: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'x', namespace: null },
          },
        },
        { manifest: { metadata: { namespace: true } } },
      ),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: KNOWN_AFTER_APPLY },
    });
  });

  test('an unknown type is not read', () => {
    expect(readKubernetesObject('google_compute_backend_service', {})).toBeUndefined();
  });
});

describe('readPodDrain: the drain of a workload read from its API object, whatever its shape', () => {
  const hook = (command: unknown) => ({ exec: { command } });
  const workload = (pod: unknown) => ({ spec: { template: { spec: pod } } });
  const drain = ['/bin/sh', '-c', drainScript(4822, 600, 5)];

  test.each([
    ['no spec at all', {}, { preStop: false, drainSeconds: undefined, graceSeconds: 30 }],
    [
      'a spec that is a list',
      { spec: [] },
      { preStop: false, drainSeconds: undefined, graceSeconds: 30 },
    ],
    [
      'a pod spec that is null',
      workload(null),
      { preStop: false, drainSeconds: undefined, graceSeconds: 30 },
    ],
    [
      'containers that are not a list',
      workload({ containers: { lifecycle: { preStop: hook(drain) } } }),
      { preStop: false, drainSeconds: undefined, graceSeconds: 30 },
    ],
    [
      'containers without a hook, a grace period as text',
      workload({
        containers: [{ name: 'a' }, null, 'b'],
        terminationGracePeriodSeconds: '${var.g}',
      }),
      { preStop: false, drainSeconds: undefined, graceSeconds: '${var.g}' },
    ],
    [
      'a lifecycle that is a list, a grace period that is neither number nor text',
      workload({
        containers: [{ lifecycle: [{ preStop: hook(drain) }] }],
        terminationGracePeriodSeconds: true,
      }),
      { preStop: false, drainSeconds: undefined, graceSeconds: 30 },
    ],
    [
      'another hook: a wait that is not known, bounded by the grace period',
      workload({
        containers: [{ lifecycle: { preStop: hook(['sleep', '60']) } }],
        terminationGracePeriodSeconds: 90,
      }),
      { preStop: true, drainSeconds: undefined, graceSeconds: 90 },
    ],
    [
      'a hook without exec',
      workload({
        containers: [{ lifecycle: { preStop: { http_get: {} } } }],
        terminationGracePeriodSeconds: 0,
      }),
      { preStop: true, drainSeconds: undefined, graceSeconds: 0 },
    ],
    [
      'the drain after another hook: the drain is read',
      workload({
        containers: [
          { lifecycle: { preStop: hook(['sleep', '5']) } },
          { lifecycle: { preStop: hook(drain) } },
        ],
        terminationGracePeriodSeconds: 630,
      }),
      { preStop: true, drainSeconds: 600, graceSeconds: 630 },
    ],
  ])('%s', (_name, object, expected) => {
    expect(readPodDrain(object as JsonObject)).toEqual(expected);
  });
});

describe('readManifest: the API object of a kubernetes_manifest, in every form a plan gives', () => {
  const spec = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };

  test('absent or null: nothing, or known after apply when the plan says so', () => {
    expect(readManifest({})).toEqual({});
    expect(readManifest({ manifest: null })).toEqual({});
    expect(readManifest({ manifest: null }, { manifest: false })).toEqual({});
    expect(readManifest({ manifest: null }, { manifest: true })).toEqual({
      apiVersion: KNOWN_AFTER_APPLY,
      kind: KNOWN_AFTER_APPLY,
    });
    expect(readManifest({}, { manifest: true })).toEqual({
      apiVersion: KNOWN_AFTER_APPLY,
      kind: KNOWN_AFTER_APPLY,
    });
    expect(readManifest({}, null)).toEqual({});
    expect(readManifest({}, true)).toEqual({});
  });

  test('an expression is unknown as a whole; a scalar or a list is no object', () => {
    expect(readManifest({ manifest: '${yamldecode(x)}' })).toEqual({
      apiVersion: '${yamldecode(x)}',
      kind: '${yamldecode(x)}',
    });
    expect(readManifest({ manifest: 'plain text' })).toEqual({});
    expect(readManifest({ manifest: [spec] })).toEqual({});
  });

  test('nulls are not sent; values known only after apply are marked, in maps and lists', () => {
    expect(
      readManifest(
        { manifest: { ...spec, data: { a: null, b: 'x' }, list: [null, 'y', null] } },
        { manifest: { data: { a: true, c: true }, list: [true, false], metadata: null } },
      ),
    ).toEqual({
      ...spec,
      data: { a: KNOWN_AFTER_APPLY, b: 'x', c: KNOWN_AFTER_APPLY },
      list: [KNOWN_AFTER_APPLY, 'y', null],
    });
    expect(
      readManifest({ manifest: { ...spec, list: [null] } }, { manifest: { list: 'x' } }),
    ).toEqual({
      ...spec,
      list: [null],
    });
    expect(readManifest({ manifest: { ...spec, gone: null } }, { manifest: 'x' })).toEqual(spec);
  });
});

describe('readFields: each attribute type as the provider sends it', () => {
  const fields = {
    count: schema.n(),
    on: schema.b(),
    port: schema.int(),
    target: schema.intstr(),
    mode: schema.octal(),
    ports: schema.nlist(),
    labels: schema.map(),
    name: schema.s(),
    policy: schema.s({ default: 'Always' }),
    zero_ok: schema.n({ default: 0 }),
    nested: schema.one({ x: schema.s() }),
    items: schema.many({ y: schema.n() }),
  };
  const read = (raw: Record<string, unknown>, unknown?: unknown) =>
    schema.readFields(fields, raw, unknown);

  test.each([
    ['count', '12', 12],
    ['count', '-1.5', -1.5],
    ['count', '+3', 3],
    ['count', '1e3', '1e3'],
    ['count', 'x12', 'x12'],
    ['count', '12x', '12x'],
    ['count', '1.', '1.'],
    ['count', '${var.n}', '${var.n}'],
    ['on', 'true', true],
    ['on', 'false', undefined],
    ['on', true, true],
    ['on', 'yes', 'yes'],
    ['port', '8080', 8080],
    ['port', 'http', 'http'],
    ['target', '-7', -7],
    ['target', 'web', 'web'],
    ['mode', '0644', 420],
    ['mode', 644, 420],
    ['mode', '0648', '0648'],
    ['mode', 'x644', 'x644'],
    ['ports', ['80', '443'], [80, 443]],
    ['ports', '${var.p}', '${var.p}'],
    ['labels', { a: 'x', b: null }, { a: 'x' }],
    ['labels', {}, undefined],
    ['labels', { gone: null }, undefined],
    ['name', '', undefined],
    ['name', 'a', 'a'],
    ['policy', '', ''],
    ['zero_ok', 0, 0],
    ['count', 0, undefined],
  ])('%s = %j sends %j', (attribute, value, sent) => {
    expect(read({ [attribute]: value })[schema.camel(attribute)]).toEqual(sent);
  });

  test('a map key named __proto__ is a key, not the prototype', () => {
    const labels = read({ labels: JSON.parse('{"__proto__": "x", "a": "b"}') }).labels as object;
    expect(Object.keys(labels)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });

  test('defaults, unknowns, dynamic blocks and block forms', () => {
    expect(read({})).toEqual({ policy: 'Always', zeroOk: 0 });
    expect(read({ name: null }, { name: true, nested: true })).toMatchObject({
      name: KNOWN_AFTER_APPLY,
      nested: KNOWN_AFTER_APPLY,
    });
    expect(read({ dynamic: [{ items: [{ for_each: '${var.xs}' }] }] }).items).toBe('${var.xs}');
    expect(read({ dynamic: { items: { for_each: ['a'] } } }).items).toBe(KNOWN_AFTER_APPLY);
    expect(read({ dynamic: [null, 'x'] }).items).toBeUndefined();
    expect(read({ nested: { x: 'a' } }).nested).toEqual({ x: 'a' });
    expect(read({ nested: [{ x: 'a' }, { x: 'b' }] }).nested).toEqual({ x: 'a' });
    expect(read({ nested: [] }).nested).toBeUndefined();
    expect(read({ nested: '${var.n}' }).nested).toBe('${var.n}');
    expect(read({ items: { y: '1' } }).items).toEqual([{ y: 1 }]);
    expect(read({ items: [{ y: 1 }, 'bad', null] }, { items: [false, false, true] }).items).toEqual(
      [{ y: 1 }, {}, KNOWN_AFTER_APPLY],
    );
  });

  test('an empty list is unset, and a decimal keeps every digit', () => {
    expect(read({ ports: [] }).ports).toBeUndefined();
    expect(read({ count: '2.25' }).count).toBe(2.25);
  });

  test('a null attribute sends its default; a known value wins over an unknown mark', () => {
    expect(read({ policy: null }).policy).toBe('Always');
    expect(read({ name: 'a' }, { name: true }).name).toBe('a');
  });

  test('a block: null and unknown is known after apply; an unknown list stays one value', () => {
    expect(read({ nested: null }, { nested: true }).nested).toBe(KNOWN_AFTER_APPLY);
    expect(read({ items: '${var.xs}' }).items).toBe('${var.xs}');
  });

  test('block elements: unknown when absent and marked, read when known or unmarked', () => {
    expect(read({ items: [undefined] }, { items: [true] }).items).toEqual([KNOWN_AFTER_APPLY]);
    expect(read({ items: [{ y: 1 }] }, { items: [true] }).items).toEqual([{ y: 1 }]);
    expect(read({ items: [null] }).items).toEqual([{}]);
    expect(read({ items: ['${var.i}'] }).items).toEqual(['${var.i}']);
  });

  test('first and countFields', () => {
    expect(schema.first([{ a: 1 }])).toEqual({ a: 1 });
    expect(schema.first({ a: 1 })).toEqual({ a: 1 });
    expect(schema.first(['x'])).toBeUndefined();
    expect(schema.first(null)).toBeUndefined();
    expect(schema.countFields(fields)).toBe(14);
  });
});

describe('renderFields: the API object back into the provider config, refusing what cannot render', () => {
  // A cdktf token number (a Token.asNumber) is a number the provider would print as digits.
  const tokenNumber = -1.8881545897087626e289;
  const fields = {
    name: schema.s(),
    port: schema.int(),
    target: schema.intstr(),
    mode: schema.octal(),
    count: schema.n(),
    nested: schema.one({ x: schema.s() }),
    items: schema.many({ y: schema.n() }),
  };

  test.each(['name', 'port', 'target', 'mode'])('a token number in %s is refused', (api) => {
    expect(() =>
      renderFields(fields, { [api]: tokenNumber }, 'kubernetes_service_v1.spec'),
    ).toThrow(
      `kubernetes_service_v1.spec.${api}: a token number in a string attribute would render as digits; give its string token (Token.asString) in the API object`,
    );
  });

  test('a token number in a number attribute is kept; ints as text, modes in octal', () => {
    expect(renderFields(fields, { count: tokenNumber, port: 80, target: 8080, mode: 420 })).toEqual(
      {
        count: tokenNumber,
        port: '80',
        target: '8080',
        mode: '0644',
      },
    );
  });

  test('an API field no attribute sends, and blocks of the wrong shape, name the place', () => {
    expect(() => renderFields(fields, { nope: 1 }, 'x.spec')).toThrow(
      'x.spec.nope: no attribute of the provider resource sends this API field (known: name, port, target, mode, count, nested, items)',
    );
    expect(() => renderFields(fields, { nope: 1 })).toThrow(/^\.nope: no attribute/);
    expect(() => renderFields(fields, { nested: [1] }, 'x')).toThrow(
      'x.nested: an object is expected, got [1]',
    );
    expect(() => renderFields(fields, { items: { y: 1 } }, 'x')).toThrow(
      'x.items: a list is expected, got {"y":1}',
    );
  });
});

describe('the Kubernetes model registry', () => {
  test('which types it reads, and how many fields each maps', () => {
    expect(isKubernetesType('kubernetes_manifest')).toBe(true);
    expect(isKubernetesType('kubernetes_service_v1')).toBe(true);
    expect(isKubernetesType('kubernetes_secret_v1')).toBe(false);
    expect(isKubernetesType('toString')).toBe(false);
    expect(mappedFieldCount('constructor')).toBe(0);
    expect(readKubernetesObject('constructor', {})).toBeUndefined();
    expect(mappedFieldCount('kubernetes_manifest')).toBe(0);
    expect(mappedFieldCount('kubernetes_secret_v1')).toBe(0);
    expect(mappedFieldCount('kubernetes_service_v1')).toBeGreaterThan(20);
  });

  test('rendering an unknown type names the known ones', () => {
    expect(() => renderKubernetesObject('kubernetes_secret_v1', {})).toThrow(
      /^kubernetes_secret_v1: not a Kubernetes resource type \(known: kubernetes_stateful_set, kubernetes_stateful_set_v1, .*, kubernetes_manifest\)$/,
    );
  });
});
