import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { DrainingPolicy, GuacamoleWebTier, GuacdStatefulPool, SessionAffinity } from '../lib';
import { connectCluster } from './cluster-connection';
import { GuacdClusterTopology } from './guacd-topology';
import { configureStateBackend } from './state-backend';

/** One Kubernetes cluster with its guacd pool and its own provider configuration. */
export class GuacdClusterStack extends TerraformStack {
  public readonly pool: GuacdStatefulPool;
  public readonly web?: GuacamoleWebTier;

  constructor(scope: Construct, id: string, cluster: GuacdClusterTopology) {
    super(scope, id);
    configureStateBackend(this, id);
    connectCluster(this, cluster.access);
    this.pool = new GuacdStatefulPool(this, 'guacd', {
      namespace: cluster.namespace,
      image: cluster.image,
      replicas: cluster.replicas,
      concurrentUsers: cluster.concurrentUsers,
      sessionAffinityTimeout: cluster.sessionAffinityTimeout,
      draining: DrainingPolicy.of(cluster.drainTimeout),
      webPodSelector: cluster.webPodSelector,
    });
    if (cluster.web) {
      const w = cluster.web;
      this.web = new GuacamoleWebTier(this, 'web', {
        guacd: this.pool,
        frontend: w.frontend,
        host: w.host,
        gatewayName: w.gatewayName,
        replicas: w.replicas,
        sessionAffinity: SessionAffinity.generatedCookie({ ttl: w.cookieTtl }),
        draining: DrainingPolicy.of(w.drainTimeout),
        backendTimeout: w.backendTimeout,
      });
    }
  }
}
