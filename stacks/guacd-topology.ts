/**
 * The guacd pools of seed 004 (TutorPro360) as typed data: one stack per Kubernetes cluster.
 */
import { Duration } from '../lib';

/** A cluster reached through a kubeconfig file (any Kubernetes). */
export interface KubeconfigAccess {
  /** Path to the kubeconfig file. */
  readonly kubeconfigPath: string;
  /** kubeconfig context of the cluster. */
  readonly kubeconfigContext: string;
}

/**
 * A GKE cluster reached with the caller's Google credentials: endpoint and CA certificate
 * read from the cluster, a short-lived access token from `google_client_config`. Nothing
 * outside Terraform (no kubeconfig, no gke-gcloud-auth-plugin) is needed.
 */
export interface GkeAccess {
  /** Google Cloud project of the cluster. */
  readonly project: string;
  /** Region or zone of the cluster. */
  readonly location: string;
  /** GKE cluster name. */
  readonly clusterName: string;
}

/** How Terraform reaches a cluster: exactly one of the two forms. */
export type ClusterAccess = { readonly kubeconfig: KubeconfigAccess } | { readonly gke: GkeAccess };

/** One cluster and its guacd pool. */
export interface GuacdClusterTopology {
  /** Stack name suffix and cluster label; part of Terraform addresses, never rename. */
  readonly cluster: string;
  readonly access: ClusterAccess;
  readonly namespace: string;
  /** Fixed replicas (the seed) or sizing from concurrent users. */
  readonly replicas?: number;
  readonly concurrentUsers?: number;
  readonly sessionAffinityTimeout: Duration;
  readonly drainTimeout: Duration;
  /** Labels of the Guacamole web pods. */
  readonly webPodSelector: { [key: string]: string };
  readonly image: string;
}

export const GUACD_CLUSTERS: GuacdClusterTopology[] = [
  {
    // Exactly the seed: 3 replicas ("small classes, up to 60 concurrent users"), ClientIP 3600 s,
    // 100m/500m CPU and 256Mi/512Mi memory (the pool's defaults).
    cluster: 'tutorpro360-classroom',
    access: {
      kubeconfig: { kubeconfigPath: '~/.kube/config', kubeconfigContext: 'tutorpro360-classroom' },
    },
    namespace: 'guacamole',
    replicas: 3,
    sessionAffinityTimeout: Duration.seconds(3600),
    drainTimeout: Duration.minutes(30),
    webPodSelector: { 'app.kubernetes.io/name': 'guacamole' },
    image: 'guacamole/guacd:1.6.0',
  },
  {
    // The seed's "large classes" row: 200 concurrent users at 20 per pod = 10 pods.
    cluster: 'tutorpro360-lecture-hall',
    // A GKE cluster, connected with the caller's Google credentials (see GkeAccess).
    access: {
      gke: { project: 'tutorpro360', location: 'us-central1', clusterName: 'lecture-hall' },
    },
    namespace: 'guacamole',
    concurrentUsers: 200,
    sessionAffinityTimeout: Duration.seconds(3600),
    drainTimeout: Duration.minutes(45),
    webPodSelector: { 'app.kubernetes.io/name': 'guacamole' },
    image: 'guacamole/guacd:1.6.0',
  },
];
