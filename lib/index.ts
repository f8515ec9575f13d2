// Public surface: re-exports only.
export * from './core/duration';
export * from './core/draining-policy';
export * from './core/errors';
export * from './core/rule-registry';
export * from './gcp/load-balancing';
export * from './gcp/session-affinity';
export * from './gcp/health-check';
export * from './gcp/instance-group';
export { MAX_DRAINING_SECONDS } from './gcp/backend-service-rules';
export type { BackendOptions, BackendServiceLogging } from './gcp/backend-service-rules';
export * from './gcp/affinity-backend-service';
export * from './gcp/zonal-backend-group';
export * from './gcp/load-balancer-firewall';
export * from './gcp/global-https-frontend';
export { GUACD_PORT, MAX_CLIENT_IP_AFFINITY_SECONDS } from './k8s/guacd-pool-rules';
export * from './k8s/guacd-stateful-pool';
export * from './gcp/affinity-monitoring';
