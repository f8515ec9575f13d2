/**
 * The Terraform resource types each family of checks reads (global and regional forms, and
 * the Kubernetes provider's old and `_v1` names).
 */
import { BACKEND_SERVICE_TYPES } from './google/backend-service';
import { HEALTH_CHECK_TYPES } from './google/health-check';
import { FIREWALL_TYPES } from './google/firewall';
import { FORWARDING_RULE_TYPES } from './google/forwarding-rule';
import { SUBNETWORK_TYPES } from './google/subnetwork';
import { SSL_POLICY_TYPES } from './google/ssl-policy';
import {
  HTTPS_PROXY_TYPES,
  HTTP_PROXY_TYPES,
  SSL_PROXY_TYPES,
  TCP_PROXY_TYPES,
} from './google/target-proxy';
import { URL_MAP_TYPES } from './google/url-map';

export const BACKEND_SERVICES = BACKEND_SERVICE_TYPES;
export const HEALTH_CHECKS = HEALTH_CHECK_TYPES;
export const FIREWALLS = FIREWALL_TYPES;
export const HTTPS_PROXIES = HTTPS_PROXY_TYPES;
export const HTTP_PROXIES = HTTP_PROXY_TYPES;
export const TCP_PROXIES = TCP_PROXY_TYPES;
export const SSL_PROXIES = SSL_PROXY_TYPES;
export const FORWARDING_RULES = FORWARDING_RULE_TYPES;
export const URL_MAPS = URL_MAP_TYPES;
export const SSL_POLICIES = SSL_POLICY_TYPES;
export const SUBNETWORKS = SUBNETWORK_TYPES;
export const NETWORKS = ['google_compute_network'];
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
