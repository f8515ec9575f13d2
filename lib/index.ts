// Public surface: re-exports only. Loading it requires neither provider package; each
// construct loads its provider when it is created (the providers are optional peers).
// The plan reviewer is a separate entry point, `cdktf-affinity-draining/review`.
export * from './core/index';
export * from './gcp/index';
export * from './k8s/index';
export * from './gke/index';
export {
  AffinityChecks,
  type AffinityChecksProps,
  FailOn,
  type RuleSuppression,
} from './checks/affinity-checks';
