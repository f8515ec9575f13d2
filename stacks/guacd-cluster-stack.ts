import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { DrainingPolicy, GuacdStatefulPool } from '../lib';
import { GuacdClusterTopology } from './guacd-topology';
import { configureStateBackend } from './state-backend';

/** One Kubernetes cluster with its guacd pool and its own provider configuration. */
export class GuacdClusterStack extends TerraformStack {
  public readonly pool: GuacdStatefulPool;

  constructor(scope: Construct, id: string, cluster: GuacdClusterTopology) {
    super(scope, id);
    configureStateBackend(this, id);
    new KubernetesProvider(this, 'kubernetes', {
      configPath: cluster.access.kubeconfigPath,
      configContext: cluster.access.kubeconfigContext,
    });
    this.pool = new GuacdStatefulPool(this, 'guacd', {
      namespace: cluster.namespace,
      image: cluster.image,
      replicas: cluster.replicas,
      concurrentUsers: cluster.concurrentUsers,
      sessionAffinityTimeout: cluster.sessionAffinityTimeout,
      draining: DrainingPolicy.of(cluster.drainTimeout),
      webPodSelector: cluster.webPodSelector,
    });
  }
}
