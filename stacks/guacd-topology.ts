/**
 * The guacd pools of seed 004 (TutorPro360) as typed data: one stack per Kubernetes cluster.
 */
import { Duration, GkeFrontend } from '../lib';

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

/** Guacamole's web tier in front of the pool, exposed through GKE. */
export interface WebTierTopology {
  /** Ingress + BackendConfig, or HTTPRoute + GCPBackendPolicy to `gatewayName`. */
  readonly frontend: GkeFrontend;
  readonly host: string;
  readonly gatewayName?: string;
  readonly replicas: number;
  /** Cookie affinity lifetime (the load balancer's GENERATED_COOKIE). */
  readonly cookieTtl: Duration;
  /** The web pods' drain; the load balancer drains as long. */
  readonly drainTimeout: Duration;
  /** WebSocket tunnels live at most this long. */
  readonly backendTimeout: Duration;
}

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
  /** The web tier (GKE clusters). */
  readonly web?: WebTierTopology;
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
    // Classes last a school day: an 8-hour cookie and tunnel lifetime, the pool's 30-minute drain.
    web: {
      frontend: GkeFrontend.INGRESS,
      host: 'classroom.tutorpro360.example',
      replicas: 2,
      cookieTtl: Duration.hours(8),
      drainTimeout: Duration.minutes(30),
      backendTimeout: Duration.hours(8),
    },
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
    // Behind the cluster's shared Gateway; lectures run long, so a 12-hour cookie and tunnel.
    web: {
      frontend: GkeFrontend.GATEWAY,
      host: 'lecture-hall.tutorpro360.example',
      gatewayName: 'external-http',
      replicas: 3,
      cookieTtl: Duration.hours(12),
      drainTimeout: Duration.minutes(45),
      backendTimeout: Duration.hours(12),
    },
  },
];
