/**
 * The pod template of `kubernetes_stateful_set(_v1)` and `kubernetes_deployment(_v1)`, as the
 * provider sends it. Source: hashicorp/terraform-provider-kubernetes v2.38.0
 * (be88f44271050f69d52f410bca388834afedfe71):
 * - schema: `kubernetes/schema_pod_spec.go` (`podSpecFields(isUpdatable=true, isComputed=false)`
 *   for templates, so its conditional defaults apply), `schema_container.go`,
 *   `schema_affinity_spec.go`, `schema_volume_source.go`, `schema_pod_template.go`;
 * - expand: `structures_pod.go` (`expandPodSpec`, `expandVolumes`, `expandProjectedSources`,
 *   `expandTolerations`, `expandTopologySpreadConstraints`, `expandPodSecurityContext`),
 *   `structures_container.go` (`expandContainers`, `expandProbe`, `expandLifeCycle`,
 *   `expandContainerSecurityContext`), `structures_affinity.go`,
 *   `structure_persistent_volume_spec.go` (the legacy volume sources),
 *   `structure_persistent_volume_claim.go`, `structures_deployment.go` (`expandPodTemplate`).
 *
 * Facts worth knowing that the tables encode:
 * - boolean pointer fields are always sent: a container `security_context` without
 *   `allow_privilege_escalation` sends `allowPrivilegeEscalation: true` (schema Default), and one
 *   without `run_as_non_root` sends `runAsNonRoot: false` (Go zero value); so does a pod
 *   `security_context` without `run_as_non_root`;
 * - `termination_grace_period_seconds` (30), `automount_service_account_token` (true),
 *   `enable_service_links` (true), `share_process_namespace` (false), `dns_policy`
 *   (ClusterFirst) and `restart_policy` (Always) are always sent;
 * - probes always send `failureThreshold` 3, `periodSeconds` 10, `successThreshold` 1,
 *   `timeoutSeconds` 1 unless set; `tcp_socket`, `grpc`, `post_start`, `pre_stop`, `projected`
 *   and the pod affinity terms' and spread constraints' selectors are lists in the schema
 *   (`list: true`) but only their first element is sent;
 * - `ceph_fs` and `local` volume sources exist in the schema but `expandVolumes` ignores them.
 */
import { LABEL_SELECTOR, NAMESPACED_METADATA, TEMPLATE_METADATA } from './common';
import {
  Fields,
  Json,
  b,
  dropped,
  int,
  intstr,
  list,
  many,
  map,
  n,
  nlist,
  octal,
  one,
  s,
} from './schema';

const FIELD_REF: Fields = { api_version: s({ default: 'v1' }), field_path: s() };
const RESOURCE_FIELD_REF: Fields = {
  container_name: s(),
  divisor: s({ default: '1' }),
  resource: s(),
};
const KEY_SELECTOR: Fields = { key: s(), name: s(), optional: b({ default: false }) };
const REFERENCE: Fields = { name: s(), optional: b({ default: false }) };

const HTTP_GET: Fields = {
  host: s(),
  path: s(),
  scheme: s({ default: 'HTTP' }),
  port: intstr(),
  http_header: many({ name: s(), value: s() }, { api: 'httpHeaders' }),
};

const HANDLER: Fields = {
  exec: one({ command: list() }),
  http_get: one(HTTP_GET),
  tcp_socket: one({ port: intstr() }, { list: true }),
};

const PROBE: Fields = {
  ...HANDLER,
  grpc: one({ port: n(), service: s({ default: '' }) }, { list: true }),
  failure_threshold: n({ default: 3 }),
  initial_delay_seconds: n(),
  period_seconds: n({ default: 10 }),
  success_threshold: n({ default: 1 }),
  timeout_seconds: n({ default: 1 }),
};

/** `localhost_profile` is sent only with type Localhost (`expandSeccompProfile`). */
const SECCOMP: Fields = {
  type: s({ default: 'Unconfined' }),
  localhost_profile: s({ when: (blk) => blk.type === 'Localhost' }),
};
const SE_LINUX: Fields = { level: s(), role: s(), type: s(), user: s() };

const CONTAINER_SECURITY_CONTEXT: Fields = {
  allow_privilege_escalation: b({ default: true }),
  capabilities: one({ add: list(), drop: list() }),
  privileged: b({ default: false }),
  read_only_root_filesystem: b({ default: false }),
  run_as_group: int(),
  run_as_non_root: b({ default: false }),
  run_as_user: int(),
  seccomp_profile: one(SECCOMP),
  se_linux_options: one(SE_LINUX, { api: 'seLinuxOptions' }),
};

const CONTAINER: Fields = {
  args: list(),
  command: list(),
  image: s(),
  image_pull_policy: s({ computed: true }),
  name: s(),
  stdin: b({ default: false }),
  stdin_once: b({ default: false }),
  termination_message_path: s({ default: '/dev/termination-log' }),
  termination_message_policy: s({ computed: true }),
  tty: b({ default: false }),
  working_dir: s(),
  env: many({
    name: s(),
    value: s(),
    value_from: one({
      config_map_key_ref: one(KEY_SELECTOR),
      field_ref: one(FIELD_REF),
      resource_field_ref: one(RESOURCE_FIELD_REF),
      secret_key_ref: one(KEY_SELECTOR),
    }),
  }),
  env_from: many({ prefix: s(), config_map_ref: one(REFERENCE), secret_ref: one(REFERENCE) }),
  lifecycle: one({
    post_start: one(HANDLER, { list: true }),
    pre_stop: one(HANDLER, { list: true }),
  }),
  liveness_probe: one(PROBE),
  readiness_probe: one(PROBE),
  startup_probe: one(PROBE),
  port: many(
    {
      container_port: n(),
      host_ip: s({ api: 'hostIP' }),
      host_port: n(),
      name: s(),
      protocol: s({ default: 'TCP' }),
    },
    { api: 'ports' },
  ),
  resources: one({ limits: map(), requests: map() }, { computed: true }),
  security_context: one(CONTAINER_SECURITY_CONTEXT),
  volume_device: many({ device_path: s(), name: s() }, { api: 'volumeDevices' }),
  volume_mount: many(
    {
      mount_path: s(),
      mount_propagation: s({ default: 'None' }),
      name: s(),
      read_only: b({ default: false }),
      sub_path: s(),
      sub_path_expr: s(),
    },
    { api: 'volumeMounts' },
  ),
};

const REQUIREMENT: Fields = { key: s(), operator: s(), values: list() };
const NODE_SELECTOR_TERM: Fields = {
  match_expressions: many(REQUIREMENT),
  match_fields: many(REQUIREMENT),
};
const POD_AFFINITY_TERM: Fields = {
  namespaces: list(),
  topology_key: s(),
  label_selector: one(LABEL_SELECTOR, { list: true }),
  namespace_selector: one(LABEL_SELECTOR, { list: true }),
};
const POD_AFFINITY: Fields = {
  preferred_during_scheduling_ignored_during_execution: many({
    weight: n(),
    pod_affinity_term: one(POD_AFFINITY_TERM),
  }),
  required_during_scheduling_ignored_during_execution: many(POD_AFFINITY_TERM),
};
const AFFINITY: Fields = {
  node_affinity: one({
    preferred_during_scheduling_ignored_during_execution: many({
      weight: n(),
      preference: one(NODE_SELECTOR_TERM),
    }),
    required_during_scheduling_ignored_during_execution: one({
      node_selector_term: many(NODE_SELECTOR_TERM, { api: 'nodeSelectorTerms' }),
    }),
  }),
  pod_affinity: one(POD_AFFINITY),
  pod_anti_affinity: one(POD_AFFINITY),
};

const POD_SECURITY_CONTEXT: Fields = {
  fs_group: int(),
  fs_group_change_policy: s(),
  run_as_group: int(),
  run_as_non_root: b({ default: false }),
  run_as_user: int(),
  supplemental_groups: nlist(),
  seccomp_profile: one(SECCOMP),
  se_linux_options: one(SE_LINUX, { api: 'seLinuxOptions' }),
  sysctl: many({ name: s(), value: s() }, { api: 'sysctls' }),
  windows_options: one({
    gmsa_credential_spec: s(),
    gmsa_credential_spec_name: s(),
    host_process: b({ default: false }),
    run_as_username: s({ api: 'runAsUserName' }),
  }),
};

const KEY_TO_PATH: Fields = { key: s(), mode: octal(), path: s() };
const DOWNWARD_API_FILE: Fields = {
  mode: octal(),
  path: s(),
  field_ref: one(FIELD_REF),
  resource_field_ref: one(RESOURCE_FIELD_REF),
};
const PROJECTION: Fields = { name: s(), optional: b({ default: false }), items: many(KEY_TO_PATH) };

/**
 * `expandProjectedSources`: each `sources` block may hold several secrets and config maps; each
 * becomes its own projection, in the order secret, config map, downward API, token.
 */
function flattenProjections(value: Json): Json {
  if (!Array.isArray(value)) return value;
  const out: Json[] = [];
  for (const src of value) {
    if (src === null || typeof src !== 'object' || Array.isArray(src)) {
      out.push(src);
      continue;
    }
    const all = (v: Json | undefined): Json[] =>
      v === undefined ? [] : Array.isArray(v) ? v : [v];
    for (const x of all(src.secret)) out.push({ secret: x });
    for (const x of all(src.configMap)) out.push({ configMap: x });
    for (const x of all(src.downwardAPI)) out.push({ downwardAPI: x });
    for (const x of all(src.serviceAccountToken)) out.push({ serviceAccountToken: x });
  }
  return out;
}

/** The inverse of `flattenProjections`: one `sources` block per projection. */
function groupProjections(value: Json): Json {
  if (!Array.isArray(value)) return value;
  return value.map((p) => {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) return p;
    const [key] = Object.keys(p);
    // secret and config_map are block lists in a `sources` block; the others single blocks.
    return key === 'secret' || key === 'configMap' ? { [key]: [p[key]] } : p;
  });
}

const SECRET_REF_NAME: Fields = { name: s(), namespace: dropped };
const PVC_SPEC: Fields = {
  access_modes: list(),
  resources: one({ limits: map(), requests: map() }),
  selector: one(LABEL_SELECTOR),
  volume_name: s({ computed: true }),
  storage_class_name: s({ computed: true }),
  volume_mode: s({ computed: true }),
};

/**
 * A persistent volume claim (`volume_claim_template` of a StatefulSet). Its metadata is
 * `namespacedMetadataSchema` (schema_stateful_set_spec.go), so its namespace defaults to "default".
 */
export const PERSISTENT_VOLUME_CLAIM: Fields = {
  metadata: one(NAMESPACED_METADATA),
  spec: one(PVC_SPEC),
};

const VOLUME: Fields = {
  name: s(),
  config_map: one({
    default_mode: octal({ default: '0644' }),
    name: s(),
    optional: b({ default: false }),
    items: many(KEY_TO_PATH),
  }),
  secret: one({
    default_mode: octal({ default: '0644' }),
    optional: b({ default: false }),
    secret_name: s(),
    items: many(KEY_TO_PATH),
  }),
  empty_dir: one({ medium: s(), size_limit: s() }),
  persistent_volume_claim: one({ claim_name: s(), read_only: b() }),
  downward_api: one(
    { default_mode: octal({ default: '0644' }), items: many(DOWNWARD_API_FILE) },
    { api: 'downwardAPI' },
  ),
  projected: one(
    {
      default_mode: octal({ default: '0644' }),
      sources: many(
        {
          config_map: many(PROJECTION),
          secret: many(PROJECTION),
          downward_api: one({ items: many(DOWNWARD_API_FILE) }, { api: 'downwardAPI' }),
          service_account_token: one({
            audience: s(),
            expiration_seconds: n({ default: 3600 }),
            path: s(),
          }),
        },
        { shape: flattenProjections, unshape: groupProjections },
      ),
    },
    { list: true },
  ),
  git_repo: one({ directory: s(), repository: s(), revision: s() }),
  gce_persistent_disk: one({ fs_type: s(), partition: n(), pd_name: s(), read_only: b() }),
  aws_elastic_block_store: one({
    fs_type: s(),
    partition: n(),
    read_only: b(),
    volume_id: s({ api: 'volumeID' }),
  }),
  host_path: one({ path: s(), type: s() }),
  glusterfs: one({ endpoints_name: s({ api: 'endpoints' }), path: s(), read_only: b() }),
  nfs: one({ path: s(), read_only: b(), server: s() }),
  rbd: one({
    ceph_monitors: list({ api: 'monitors' }),
    fs_type: s(),
    keyring: s({ computed: true }),
    rados_user: s({ api: 'user', default: 'admin' }),
    rbd_image: s({ api: 'image' }),
    rbd_pool: s({ api: 'pool', default: 'rbd' }),
    read_only: b(),
    secret_ref: one(SECRET_REF_NAME),
  }),
  iscsi: one({
    fs_type: s(),
    iqn: s(),
    iscsi_interface: s({ default: 'default' }),
    lun: n(),
    read_only: b(),
    target_portal: s(),
  }),
  cinder: one({ fs_type: s(), read_only: b(), volume_id: s({ api: 'volumeID' }) }),
  csi: one({
    driver: s(),
    fs_type: s(),
    read_only: b({ default: false }),
    volume_attributes: map(),
    node_publish_secret_ref: one({ name: s() }),
  }),
  fc: one({ fs_type: s(), lun: n(), read_only: b(), target_ww_ns: list({ api: 'targetWWNs' }) }),
  flocker: one({ dataset_name: s(), dataset_uuid: s({ api: 'datasetUUID' }) }),
  flex_volume: one({
    driver: s(),
    fs_type: s(),
    options: map(),
    read_only: b(),
    secret_ref: one(SECRET_REF_NAME),
  }),
  azure_file: one({
    read_only: b(),
    secret_name: s(),
    secret_namespace: dropped,
    share_name: s(),
  }),
  vsphere_volume: one({ fs_type: s(), volume_path: s() }),
  quobyte: one({ group: s(), read_only: b(), registry: s(), user: s(), volume: s() }),
  azure_disk: one({
    caching_mode: s(),
    data_disk_uri: s({ api: 'diskURI' }),
    disk_name: s(),
    fs_type: s(),
    kind: s({ computed: true }),
    read_only: b({ default: false }),
  }),
  photon_persistent_disk: one({ fs_type: s(), pd_id: s({ api: 'pdID' }) }),
  ephemeral: one({
    volume_claim_template: one({
      metadata: one({ annotations: map(), labels: map() }),
      spec: one(PVC_SPEC),
    }),
  }),
  // In the schema, ignored by expandVolumes: never sent.
  ceph_fs: one({}, { drop: true }),
  local: one({}, { drop: true }),
};

/** The pod spec of a template. */
export const POD_SPEC: Fields = {
  active_deadline_seconds: n(),
  affinity: one(AFFINITY),
  automount_service_account_token: b({ default: true }),
  container: many(CONTAINER, { api: 'containers' }),
  init_container: many(CONTAINER, { api: 'initContainers' }),
  readiness_gate: many({ condition_type: s() }, { api: 'readinessGates', computed: true }),
  dns_policy: s({ default: 'ClusterFirst' }),
  dns_config: one({
    nameservers: list(),
    searches: list(),
    option: many({ name: s(), value: s() }, { api: 'options' }),
  }),
  enable_service_links: b({ default: true }),
  host_aliases: many({ hostnames: list(), ip: s() }),
  host_ipc: b({ api: 'hostIPC', default: false }),
  host_network: b({ default: false }),
  host_pid: b({ api: 'hostPID', default: false }),
  hostname: s({ computed: true }),
  image_pull_secrets: many({ name: s() }, { computed: true }),
  node_name: s({ computed: true }),
  node_selector: map(),
  os: one({ name: s() }),
  priority_class_name: s(),
  restart_policy: s({ default: 'Always' }),
  runtime_class_name: s(),
  scheduler_name: s({ computed: true }),
  security_context: one(POD_SECURITY_CONTEXT),
  service_account_name: s({ computed: true }),
  share_process_namespace: b({ default: false }),
  subdomain: s(),
  termination_grace_period_seconds: n({ default: 30 }),
  toleration: many(
    {
      effect: s(),
      key: s(),
      operator: s({ default: 'Equal' }),
      toleration_seconds: int(),
      value: s(),
    },
    { api: 'tolerations' },
  ),
  topology_spread_constraint: many(
    {
      match_label_keys: list(),
      max_skew: n({ default: 1 }),
      min_domains: n(),
      node_affinity_policy: s(),
      node_taints_policy: s(),
      topology_key: s(),
      when_unsatisfiable: s({ default: 'DoNotSchedule' }),
      label_selector: one(LABEL_SELECTOR, { list: true }),
    },
    { api: 'topologySpreadConstraints' },
  ),
  volume: many(VOLUME, { api: 'volumes' }),
};

/** `spec.template` of a StatefulSet or Deployment. */
export const POD_TEMPLATE: Fields = {
  metadata: one(TEMPLATE_METADATA),
  spec: one(POD_SPEC),
};
