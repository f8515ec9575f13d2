/**
 * The Terraform resource types each family of checks reads (global and regional forms, and
 * the Kubernetes provider's old and `_v1` names).
 */
import { BACKEND_SERVICE_TYPES } from './google/backend-service';
import { HEALTH_CHECK_TYPES } from './google/health-check';

export const BACKEND_SERVICES = BACKEND_SERVICE_TYPES;
export const HEALTH_CHECKS = HEALTH_CHECK_TYPES;
export const FIREWALLS = ['google_compute_firewall'];
export const HTTPS_PROXIES = [
  'google_compute_target_https_proxy',
  'google_compute_region_target_https_proxy',
];
export const HTTP_PROXIES = [
  'google_compute_target_http_proxy',
  'google_compute_region_target_http_proxy',
];
export const FORWARDING_RULES = [
  'google_compute_global_forwarding_rule',
  'google_compute_forwarding_rule',
];
export const URL_MAPS = ['google_compute_url_map', 'google_compute_region_url_map'];
export const SSL_POLICIES = ['google_compute_ssl_policy', 'google_compute_region_ssl_policy'];
export const WORKLOADS = [
  'kubernetes_stateful_set_v1',
  'kubernetes_stateful_set',
  'kubernetes_deployment_v1',
  'kubernetes_deployment',
];
export const SERVICES = ['kubernetes_service_v1', 'kubernetes_service'];
export const NETWORK_POLICIES = ['kubernetes_network_policy_v1', 'kubernetes_network_policy'];
export const MANIFESTS = ['kubernetes_manifest'];
export const GROUP_MANAGERS = [
  'google_compute_instance_group_manager',
  'google_compute_region_instance_group_manager',
];
export const AUTOSCALERS = ['google_compute_autoscaler', 'google_compute_region_autoscaler'];
export const INSTANCE_TEMPLATES = [
  'google_compute_instance_template',
  'google_compute_region_instance_template',
];
