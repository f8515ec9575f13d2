import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ClusterAccess } from './guacd-topology';

/**
 * The stack's `kubernetes` provider for one cluster. GKE: endpoint and CA certificate read from
 * the cluster (`google_container_cluster` data source), a short-lived token of the caller's
 * Google credentials (`google_client_config`), so `terraform plan` needs no kubeconfig;
 * otherwise a kubeconfig path and context.
 */
export function connectCluster(scope: Construct, access: ClusterAccess): KubernetesProvider {
  if ('gke' in access) {
    const { project, location, clusterName } = access.gke;
    new GoogleProvider(scope, 'google', { project });
    const cluster = new DataGoogleContainerCluster(scope, 'cluster', {
      name: clusterName,
      location,
      project,
    });
    const client = new DataGoogleClientConfig(scope, 'client');
    return new KubernetesProvider(scope, 'kubernetes', {
      host: `https://${cluster.endpoint}`,
      token: client.accessToken,
      clusterCaCertificate: Fn.base64decode(cluster.masterAuth.get(0).clusterCaCertificate),
    });
  }
  return new KubernetesProvider(scope, 'kubernetes', {
    configPath: access.kubeconfig.kubeconfigPath,
    configContext: access.kubeconfig.kubeconfigContext,
  });
}
