/**
 * A synthetic deployment of N backend services for the scale curve, shaped like the reference
 * deployment scaled up: 10 region stacks, each with three zonal instance groups (autoscaled)
 * shared by the region's N/10 regional EXTERNAL_MANAGED services, each service with its own
 * regional health check and a backend in every zone; and 10 cluster stacks holding N/10 guacd
 * pools of 10 replicas in all (N per-pod Services: "pools of matching size").
 */
import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  AffinityBackendService,
  BackendProtocol,
  BalancingMode,
  DrainingPolicy,
  Duration,
  GuacdStatefulPool,
  HealthCheck,
  LoadBalancingScheme,
  SessionAffinity,
  ZonalBackendGroup,
} from '../lib';

export const SCALE_REGIONS = [
  'us-west1',
  'us-west2',
  'us-central1',
  'us-east1',
  'us-east4',
  'europe-west1',
  'europe-west2',
  'europe-west3',
  'asia-east1',
  'asia-northeast1',
];

/** Builds the scale deployment with `services` backend services. */
export function buildScale(app: App, services: number): void {
  const perRegion = Math.ceil(services / SCALE_REGIONS.length);
  SCALE_REGIONS.forEach((region, r) => {
    const stack = new TerraformStack(app, `scale-${region}`);
    new GoogleProvider(stack, 'google', { project: 'bench-project', region });
    const groups = ['a', 'b', 'c'].map(
      (zone) =>
        new ZonalBackendGroup(stack, `group-${zone}`, {
          name: `fleet-${region}-${zone}`,
          zone: `${region}-${zone}`,
          instanceTemplate: `projects/bench-project/global/instanceTemplates/fleet-${region}`,
          autoscaling: { minReplicas: 1, maxReplicas: 10 },
        }),
    );
    for (let k = 0; k < perRegion && r * perRegion + k < services; k++) {
      const i = r * perRegion + k;
      new AffinityBackendService(stack, `service-${i}`, {
        name: `svc-${i}`,
        region,
        loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
        protocol: BackendProtocol.HTTPS,
        sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }),
        draining: DrainingPolicy.of(Duration.seconds(60)),
        healthCheck: HealthCheck.https({ port: 443, requestPath: '/health' }),
        backends: groups.map((group) => ({
          group,
          balancingMode: BalancingMode.RATE,
          maxRatePerInstance: 100,
        })),
      });
    }
  });
  const pools = Math.max(1, Math.round(services / 10));
  const perCluster = Math.ceil(pools / 10);
  for (let c = 0; c < 10 && c * perCluster < pools; c++) {
    const stack = new TerraformStack(app, `scale-cluster-${c}`);
    new KubernetesProvider(stack, 'kubernetes', {
      configPath: '~/.kube/config',
      configContext: `cluster-${c}`,
    });
    for (let k = 0; k < perCluster && c * perCluster + k < pools; k++) {
      const p = c * perCluster + k;
      new GuacdStatefulPool(stack, `pool-${p}`, {
        name: `guacd-${p}`,
        affinityServiceName: `guacd-${p}-affinity`,
        replicas: 10,
        webPodSelector: { 'app.kubernetes.io/name': 'guacamole' },
      });
    }
  }
}
