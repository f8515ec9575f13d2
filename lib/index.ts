// Public surface: re-exports only.
export * from './core/duration';
export * from './core/draining-policy';
export * from './core/errors';
export * from './gcp/load-balancing';
export * from './gcp/session-affinity';
export * from './gcp/health-check';
export * from './gcp/instance-group';
export * from './gcp/backend-service-rules';
export * from './gcp/affinity-backend-service';
export * from './gcp/zonal-backend-group';
export * from './gcp/load-balancer-firewall';
export * from './gcp/global-https-frontend';
export * from './k8s/pod-draining';
export * from './k8s/guacd-pool-rules';
export * from './k8s/guacd-stateful-pool';
