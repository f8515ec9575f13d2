// Entry point `cdktf-affinity-draining/k8s`: the Kubernetes constructs and the shared core.
// Needs `@cdktf/provider-kubernetes` only when a construct is created.
export * from '../core/index';
export {
  type GuacdResources,
  GuacdStatefulPool,
  type GuacdStatefulPoolProps,
} from './guacd-stateful-pool';
