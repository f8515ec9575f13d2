/**
 * The reference deployment written by hand with the L1 provider classes: the baseline the
 * benchmark compares the library against. Same construct tree (so the same Terraform
 * addresses) and the same attribute values, no validation. `bench/equivalence.ts` asserts that
 * both synthesize to the same Terraform JSON.
 */
import { Construct } from 'constructs';
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ComputeInstanceTemplate } from '@cdktf/provider-google/lib/compute-instance-template';
import { ComputeInstanceGroupManager } from '@cdktf/provider-google/lib/compute-instance-group-manager';
import { ComputeAutoscaler } from '@cdktf/provider-google/lib/compute-autoscaler';
import { ComputeHealthCheck } from '@cdktf/provider-google/lib/compute-health-check';
import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map';
import { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';
import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import { ComputeTargetHttpProxy } from '@cdktf/provider-google/lib/compute-target-http-proxy';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { MonitoringDashboard } from '@cdktf/provider-google/lib/monitoring-dashboard';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { McpTopology } from '../stacks/topology';
import { GuacdClusterTopology, WebTierTopology } from '../stacks/guacd-topology';
import { GkeFrontend } from '../lib';
import { connectCluster } from '../stacks/cluster-connection';

function stack(app: App, id: string): TerraformStack {
  const s = new TerraformStack(app, id);
  new LocalBackend(s, { path: `../../../terraform.${id}.tfstate` });
  return s;
}

/** Builds every reference stack with L1 classes only. */
export function buildL1Reference(app: App, t: McpTopology, clusters: GuacdClusterTopology[]): void {
  const groups: { url: string; serving: boolean }[] = [];
  for (const r of t.regions) {
    const s = stack(app, `mcp-${r.region}`);
    new GoogleProvider(s, 'google', { project: t.project, region: r.region });
    const template = new ComputeInstanceTemplate(s, 'template', {
      namePrefix: `mcp-${r.region}-`,
      machineType: t.machineType,
      tags: [t.instanceTag],
      disk: [{ sourceImage: t.sourceImage, boot: true, autoDelete: true }],
      networkInterface: [{ network: t.network }],
      shieldedInstanceConfig: {
        enableSecureBoot: true,
        enableVtpm: true,
        enableIntegrityMonitoring: true,
      },
      lifecycle: { createBeforeDestroy: true },
    });
    for (const z of r.zones) {
      const scope = new Construct(s, z.zone);
      const mig = new ComputeInstanceGroupManager(scope, 'manager', {
        name: z.groupName,
        zone: z.zone,
        baseInstanceName: z.groupName,
        version: [{ instanceTemplate: template.id, name: 'primary' }],
        namedPort: [{ name: 'https', port: t.servingPort }],
        targetSize: r.serving ? undefined : 0,
        updatePolicy: {
          type: 'PROACTIVE',
          minimalAction: 'REPLACE',
          maxSurgeFixed: 1,
          maxUnavailableFixed: 0,
        },
      });
      if (r.serving) {
        new ComputeAutoscaler(scope, 'autoscaler', {
          name: `${z.groupName}-as`,
          zone: z.zone,
          target: mig.id,
          autoscalingPolicy: {
            minReplicas: r.minReplicas,
            maxReplicas: r.maxReplicas,
            cooldownPeriod: 60,
            cpuUtilization: { target: 0.85 },
          },
        });
      }
      groups.push({ url: mig.instanceGroup, serving: r.serving });
    }
  }

  const g = stack(app, 'mcp-global');
  new GoogleProvider(g, 'google', { project: t.project });
  const ids: Record<string, string> = {};
  for (const svc of t.services) {
    const scope = new Construct(g, svc.id);
    const hc = new ComputeHealthCheck(scope, 'health-check', {
      name: svc.healthCheckName,
      checkIntervalSec: 5,
      timeoutSec: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
      httpsHealthCheck: {
        port: t.servingPort,
        portSpecification: 'USE_FIXED_PORT',
        requestPath: svc.healthCheckPath,
      },
    });
    const a = svc.affinity;
    const cookie = {
      name: a.cookieName,
      path: a.cookiePath,
      ttl: a.ttl ? { seconds: a.ttl.toSeconds() } : undefined,
    };
    const bs = new ComputeBackendService(scope, 'backend-service', {
      name: svc.name,
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      protocol: 'HTTPS',
      portName: 'https',
      healthChecks: [hc.id],
      sessionAffinity: a.type,
      affinityCookieTtlSec: a.type === 'GENERATED_COOKIE' ? a.ttl?.toSeconds() : undefined,
      localityLbPolicy: a.type === 'HEADER_FIELD' ? 'RING_HASH' : undefined,
      consistentHash: a.type === 'HEADER_FIELD' ? { httpHeaderName: a.headerName } : undefined,
      strongSessionAffinityCookie: a.type === 'STRONG_COOKIE_AFFINITY' ? cookie : undefined,
      connectionDrainingTimeoutSec: svc.draining.toSeconds(),
      logConfig: { enable: true, sampleRate: 1 },
      backend: groups.map((b) => ({
        group: b.url,
        balancingMode: 'RATE',
        capacityScaler: b.serving ? 1 : 0,
        maxRatePerInstance: svc.maxRatePerInstance,
      })),
    });
    ids[svc.id] = bs.id;
  }

  new ComputeFirewall(new Construct(g, 'firewall'), 'firewall', {
    name: 'mcp-allow-google-probes-and-gfe',
    network: t.network,
    direction: 'INGRESS',
    priority: 1000,
    sourceRanges: ['35.191.0.0/16', '130.211.0.0/22'],
    targetTags: [t.instanceTag],
    allow: [{ protocol: 'tcp', ports: [String(t.servingPort)] }],
  });

  const fe = new Construct(g, 'frontend');
  const address = new ComputeGlobalAddress(fe, 'address', { name: 'mcp-lb-ip' });
  const urlMap = new ComputeUrlMap(fe, 'url-map', {
    name: 'mcp-lb-url-map',
    defaultService: ids.mcp,
    hostRule: [{ hosts: t.domains, pathMatcher: 'mcp-routes' }],
    pathMatcher: [
      {
        name: 'mcp-routes',
        defaultService: ids.mcp,
        routeRules: [
          { priority: 10, service: ids.voice, matchRules: [{ prefixMatch: '/voice' }] },
          { priority: 20, service: ids.vls, matchRules: [{ prefixMatch: '/vls' }] },
          { priority: 30, service: ids.sao, matchRules: [{ prefixMatch: '/sao' }] },
          {
            priority: 40,
            service: ids.personality,
            matchRules: [
              {
                prefixMatch: '/',
                headerMatches: [{ headerName: t.personalityHeader, presentMatch: true }],
              },
            ],
          },
        ],
      },
    ],
  });
  const ssl = new ComputeSslPolicy(fe, 'ssl-policy', {
    name: 'mcp-lb-ssl-policy',
    profile: 'MODERN',
    minTlsVersion: 'TLS_1_2',
  });
  const cert = new ComputeManagedSslCertificate(fe, 'certificate', {
    name: 'mcp-lb-cert',
    managed: { domains: t.domains },
    lifecycle: { createBeforeDestroy: true },
  });
  const https = new ComputeTargetHttpsProxy(fe, 'https-proxy', {
    name: 'mcp-lb-https-proxy',
    urlMap: urlMap.id,
    sslCertificates: [cert.id],
    sslPolicy: ssl.id,
  });
  new ComputeGlobalForwardingRule(fe, 'https-forwarding-rule', {
    name: 'mcp-lb-https',
    target: https.id,
    ipAddress: address.id,
    ipProtocol: 'TCP',
    portRange: '443',
    loadBalancingScheme: 'EXTERNAL_MANAGED',
  });
  const redirect = new ComputeUrlMap(fe, 'http-redirect-url-map', {
    name: 'mcp-lb-http-redirect',
    defaultUrlRedirect: {
      httpsRedirect: true,
      redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
      stripQuery: false,
    },
  });
  const http = new ComputeTargetHttpProxy(fe, 'http-proxy', {
    name: 'mcp-lb-http-proxy',
    urlMap: redirect.id,
  });
  new ComputeGlobalForwardingRule(fe, 'http-forwarding-rule', {
    name: 'mcp-lb-http',
    target: http.id,
    ipAddress: address.id,
    ipProtocol: 'TCP',
    portRange: '80',
    loadBalancingScheme: 'EXTERNAL_MANAGED',
  });
  new TerraformOutput(fe, 'ip-address', {
    value: address.address,
    description: 'IP address of mcp-lb',
  });

  const oncall = new MonitoringNotificationChannel(g, 'oncall', {
    displayName: 'MCP on-call',
    type: 'email',
    labels: { email_address: t.alertEmail },
  });
  buildL1Monitoring(new Construct(g, 'monitoring'), t, oncall.id);

  for (const c of clusters) buildL1Guacd(stack(app, `guacd-${c.cluster}`), c);
}

/** The dashboard and alert policies of the MCP load balancer, by hand. */
function buildL1Monitoring(scope: Construct, t: McpTopology, channel: string): void {
  const filter = (metric: string, svc: string, extra = '') =>
    `metric.type="loadbalancing.googleapis.com/https/${metric}" AND resource.type="https_lb_rule" AND resource.label.backend_target_name="${svc}"${extra}`;
  const chart = (
    title: string,
    f: string,
    aligner: string,
    reducer: string,
    groupBy: string[],
    plot = 'LINE',
  ) => ({
    title,
    xyChart: {
      dataSets: [
        {
          plotType: plot,
          timeSeriesQuery: {
            timeSeriesFilter: {
              filter: f,
              aggregation: {
                alignmentPeriod: '60s',
                perSeriesAligner: aligner,
                crossSeriesReducer: reducer,
                groupByFields: groupBy,
              },
            },
          },
        },
      ],
    },
  });
  const widgets = t.services.flatMap((s) => [
    chart(
      `${s.name}: backend latency p95 by backend`,
      filter('backend_latencies', s.name),
      'ALIGN_DELTA',
      'REDUCE_PERCENTILE_95',
      ['resource.label.backend_name'],
    ),
    chart(
      `${s.name}: requests/s by backend (session distribution)`,
      filter('request_count', s.name),
      'ALIGN_RATE',
      'REDUCE_SUM',
      ['resource.label.backend_name'],
      'STACKED_AREA',
    ),
    chart(
      `${s.name}: backend health (requests with no healthy backend, 5xx by backend)`,
      filter(
        'request_count',
        s.name,
        ' AND (resource.label.backend_name="NO_BACKEND_SELECTED" OR metric.label.response_code_class="500")',
      ),
      'ALIGN_RATE',
      'REDUCE_SUM',
      ['resource.label.backend_name', 'metric.label.response_code_class'],
    ),
  ]);
  new MonitoringDashboard(scope, 'dashboard', {
    dashboardJson: JSON.stringify({
      displayName: 'MCP load balancer: sessions and draining',
      mosaicLayout: {
        columns: 12,
        tiles: widgets.map((widget, i) => ({
          xPos: (i % 3) * 4,
          yPos: Math.floor(i / 3) * 4,
          width: 4,
          height: 4,
          widget,
        })),
      },
    }),
  });
  const requests = (svc: string, extra: string) =>
    `loadbalancing_googleapis_com:https_request_count{monitored_resource="https_lb_rule",backend_target_name="${svc}"${extra}}`;
  for (const s of t.services) {
    const served = ',backend_name!="NO_BACKEND_SELECTED"';
    new MonitoringAlertPolicy(scope, `${s.name}-no-healthy-backend`, {
      displayName: `${s.name}: no healthy backend`,
      combiner: 'OR',
      severity: 'CRITICAL',
      notificationChannels: [channel],
      documentation: {
        mimeType: 'text/markdown',
        content: `Requests to backend service ${s.name} found no healthy backend (backend_name NO_BACKEND_SELECTED). Check the health check (HTTPS :443 ${s.healthCheckPath} every 5s (timeout 5s)), the firewall for 35.191.0.0/16 and 130.211.0.0/22, and the instance groups' sizes.`,
      },
      conditions: [
        {
          displayName: 'requests with no healthy backend',
          conditionPrometheusQueryLanguage: {
            query: `sum(rate(${requests(s.name, ',backend_name="NO_BACKEND_SELECTED"')}[5m])) > 0`,
            duration: '300s',
            evaluationInterval: '60s',
          },
        },
      ],
    });
    new MonitoringAlertPolicy(scope, `${s.name}-uneven-share`, {
      displayName: `${s.name}: one backend takes more than 80% of requests`,
      combiner: 'OR',
      severity: 'WARNING',
      notificationChannels: [channel],
      documentation: {
        mimeType: 'text/markdown',
        content: `One instance group serves more than 80% of ${s.name}'s requests while others are serving. With ${s.affinity.type} affinity, sessions pile up where they started: check capacity scalers, autoscaling and whether one client population (one NAT, one header value) dominates.`,
      },
      conditions: [
        {
          displayName: 'backend share above 0.8',
          conditionPrometheusQueryLanguage: {
            query: [
              `max(sum by (backend_name) (rate(${requests(s.name, served)}[600s])) / ignoring (backend_name) group_left sum(rate(${requests(s.name, served)}[600s]))) > 0.8`,
              `and on () count(sum by (backend_name) (rate(${requests(s.name, served)}[600s]))) >= 2`,
              `and on () sum(rate(${requests(s.name, served)}[600s])) >= 1`,
            ].join('\n'),
            duration: '600s',
            evaluationInterval: '60s',
          },
        },
      ],
    });
  }
}

/** One guacd cluster stack, by hand. */
function buildL1Guacd(s: TerraformStack, c: GuacdClusterTopology): void {
  connectCluster(s, c.access); // shared with the library stack: not what is measured
  const scope = new Construct(s, 'guacd');
  const name = 'guacd-stateful';
  const ns = c.namespace;
  const replicas = c.replicas ?? Math.ceil((c.concurrentUsers ?? 60) / 20);
  const drain = c.drainTimeout.toSeconds();
  const grace = drain + 15;
  const rollout = `${Math.ceil((replicas * (grace + 120)) / 60)}m`;
  const labels = { 'app.kubernetes.io/name': 'guacd', 'app.kubernetes.io/instance': name };
  const port = [{ name: 'guacd', port: 4822, targetPort: 'guacd', protocol: 'TCP' }];
  const probe = { tcpSocket: [{ port: 'guacd' }] };
  const script = [
    `end=$(( $(date +%s) + ${drain} ))`,
    'while [ "$(date +%s)" -lt "$end" ]; do',
    `  n=$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$2 ~ /:12D6$/ && $4 == "01"' | wc -l)`,
    '  [ "$n" -eq 0 ] && exit 0',
    '  sleep 5',
    'done',
    'exit 0',
  ].join('\n');

  new ServiceV1(scope, 'headless-service', {
    metadata: { name: `${name}-headless`, namespace: ns, labels },
    spec: { clusterIp: 'None', selector: labels, port },
  });
  new StatefulSetV1(scope, 'stateful-set', {
    metadata: { name, namespace: ns, labels },
    waitForRollout: true,
    timeouts: { create: rollout, update: rollout, delete: rollout },
    spec: {
      serviceName: `${name}-headless`,
      replicas: String(replicas),
      podManagementPolicy: 'OrderedReady',
      selector: { matchLabels: labels },
      updateStrategy: [{ type: 'RollingUpdate', rollingUpdate: [{ partition: 0 }] }],
      template: {
        metadata: {
          labels: {
            ...labels,
            'app.kubernetes.io/component': 'remote-desktop-proxy',
            'app.kubernetes.io/part-of': 'guacamole',
            'app.kubernetes.io/version': c.image.split(':').pop()!,
          },
        },
        spec: {
          terminationGracePeriodSeconds: grace,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: '1000',
            runAsGroup: '1000',
            fsGroup: '1000',
            seccompProfile: { type: 'RuntimeDefault' },
          },
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: {
                    topologyKey: 'kubernetes.io/hostname',
                    labelSelector: [{ matchLabels: labels }],
                  },
                },
              ],
            },
          },
          container: [
            {
              name: 'guacd',
              image: c.image,
              port: [{ name: 'guacd', containerPort: 4822, protocol: 'TCP' }],
              env: [{ name: 'LOG_LEVEL', value: 'info' }],
              resources: {
                requests: { cpu: '100m', memory: '256Mi' },
                limits: { cpu: '500m', memory: '512Mi' },
              },
              startupProbe: { ...probe, periodSeconds: 5, failureThreshold: 30 },
              readinessProbe: {
                ...probe,
                periodSeconds: 5,
                timeoutSeconds: 3,
                failureThreshold: 3,
              },
              livenessProbe: {
                ...probe,
                periodSeconds: 10,
                timeoutSeconds: 5,
                failureThreshold: 3,
              },
              lifecycle: { preStop: [{ exec: { command: ['/bin/sh', '-c', script] } }] },
              securityContext: {
                runAsNonRoot: true,
                runAsUser: '1000',
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                privileged: false,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMount: [
                { name: 'home', mountPath: '/home/guacd' },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volume: [
            { name: 'home', emptyDir: {} },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  });
  new ServiceV1(scope, 'affinity-service', {
    metadata: { name: 'guacd-service', namespace: ns, labels },
    spec: {
      type: 'ClusterIP',
      selector: labels,
      port,
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIp: { timeoutSeconds: c.sessionAffinityTimeout.toSeconds() } },
    },
  });
  const addresses: string[] = [];
  for (let i = 0; i < replicas; i++) {
    const pod = `${name}-${i}`;
    new ServiceV1(scope, `pod-service-${i}`, {
      metadata: { name: pod, namespace: ns, labels: { ...labels, 'pinned-pod': pod } },
      spec: {
        type: 'ClusterIP',
        selector: { ...labels, 'statefulset.kubernetes.io/pod-name': pod },
        port,
      },
    });
    addresses.push(`${pod}.${ns}.svc.cluster.local:4822`);
  }
  new NetworkPolicyV1(scope, 'network-policy', {
    metadata: { name: `${name}-network-policy`, namespace: ns, labels },
    spec: {
      podSelector: { matchLabels: labels },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: webPeerLabels(c) } }],
          ports: [{ port: '4822', protocol: 'TCP' }],
        },
      ],
      egress: [
        {
          to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { port: '53', protocol: 'UDP' },
            { port: '53', protocol: 'TCP' },
          ],
        },
        {
          to: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((cidr) => ({
            ipBlock: { cidr },
          })),
          ports: [22, 3389, 5900, 5901].map((p) => ({ port: String(p), protocol: 'TCP' })),
        },
      ],
    },
  });
  new PodDisruptionBudgetV1(scope, 'pod-disruption-budget', {
    metadata: { name: `${name}-pdb`, namespace: ns, labels },
    spec: { selector: { matchLabels: labels }, maxUnavailable: '1' },
  });
  new TerraformOutput(scope, 'pod-addresses', {
    value: addresses,
    description: `Pinned guacd addresses of ${name}, one per pod (use as a connection's guacd-hostname:guacd-port)`,
  });
  new TerraformOutput(scope, 'affinity-address', {
    value: `guacd-service.${ns}.svc.cluster.local:4822`,
    description: 'ClientIP-affinity guacd Service',
  });
  if (c.web) buildL1Web(new Construct(s, 'web'), c, c.web);
}

/** The pods guacd admits: exactly the web tier's, when there is one. */
function webPeerLabels(c: GuacdClusterTopology): { [key: string]: string } {
  return c.web
    ? {
        ...c.webPodSelector,
        'app.kubernetes.io/instance': 'guacamole',
        'app.kubernetes.io/component': 'web',
      }
    : c.webPodSelector;
}

/** Guacamole's web tier, by hand: Deployment, NEG Service, and the GKE objects as manifests. */
function buildL1Web(scope: Construct, c: GuacdClusterTopology, w: WebTierTopology): void {
  const name = 'guacamole';
  const ns = c.namespace;
  const labels = {
    ...c.webPodSelector,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/component': 'web',
  };
  const drain = w.drainTimeout.toSeconds();
  const grace = drain + 15;
  const rollout = `${Math.ceil((w.replicas * (grace + 120)) / 60)}m`;
  const script = [
    `end=$(( $(date +%s) + ${drain} ))`,
    'while [ "$(date +%s)" -lt "$end" ]; do',
    `  n=$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$2 ~ /:1F90$/ && $4 == "01"' | wc -l)`,
    '  [ "$n" -eq 0 ] && exit 0',
    '  sleep 5',
    'done',
    'exit 0',
  ].join('\n');
  const dirs: [string, string][] = [
    ['tmp', '/tmp'],
    ['tomcat-temp', '/usr/local/tomcat/temp'],
    ['tomcat-work', '/usr/local/tomcat/work'],
    ['tomcat-logs', '/usr/local/tomcat/logs'],
    ['tomcat-webapps', '/usr/local/tomcat/webapps'],
  ];
  new DeploymentV1(scope, 'deployment', {
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas: String(w.replicas),
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '1', maxUnavailable: '0' } },
      template: {
        metadata: { labels },
        spec: {
          terminationGracePeriodSeconds: grace,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: '1001',
            runAsGroup: '1001',
            fsGroup: '1001',
            seccompProfile: { type: 'RuntimeDefault' },
          },
          container: [
            {
              name: 'guacamole',
              image: 'guacamole/guacamole:1.6.0',
              port: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              env: [
                { name: 'GUACD_HOSTNAME', value: `guacd-service.${ns}.svc.cluster.local` },
                { name: 'GUACD_PORT', value: '4822' },
              ],
              resources: {
                requests: { cpu: '250m', memory: '512Mi' },
                limits: { cpu: '1', memory: '1Gi' },
              },
              readinessProbe: {
                httpGet: { path: '/guacamole/', port: 'http' },
                periodSeconds: 10,
                timeoutSeconds: 5,
                failureThreshold: 3,
              },
              livenessProbe: {
                tcpSocket: [{ port: 'http' }],
                initialDelaySeconds: 60,
                periodSeconds: 20,
                timeoutSeconds: 5,
                failureThreshold: 3,
              },
              lifecycle: { preStop: [{ exec: { command: ['/bin/sh', '-c', script] } }] },
              securityContext: {
                runAsNonRoot: true,
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                privileged: false,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
                runAsUser: '1001',
              },
              volumeMount: dirs.map(([n, mountPath]) => ({ name: n, mountPath })),
            },
          ],
          volume: dirs.map(([n]) => ({ name: n, emptyDir: {} })),
        },
      },
    },
    waitForRollout: true,
    timeouts: { create: rollout, update: rollout },
  });
  const ingressFrontend = w.frontend === GkeFrontend.INGRESS;
  const policy = `${name}-${ingressFrontend ? 'backend-config' : 'backend-policy'}`;
  new ServiceV1(scope, 'service', {
    metadata: {
      name,
      namespace: ns,
      labels,
      annotations: {
        'cloud.google.com/neg': '{"ingress": true}',
        ...(ingressFrontend
          ? { 'cloud.google.com/backend-config': JSON.stringify({ default: policy }) }
          : {}),
      },
    },
    spec: {
      type: 'ClusterIP',
      selector: labels,
      port: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }],
    },
  });
  const ttl = w.cookieTtl.toSeconds();
  const hc = { checkIntervalSec: 10, timeoutSec: 5, healthyThreshold: 2, unhealthyThreshold: 2 };
  const targetRef = { group: '', kind: 'Service', name };
  const meta = (n: string) => ({ name: n, namespace: ns, labels });
  if (ingressFrontend) {
    new Manifest(scope, 'backend-config', {
      manifest: {
        apiVersion: 'cloud.google.com/v1',
        kind: 'BackendConfig',
        metadata: meta(policy),
        spec: {
          sessionAffinity: { affinityType: 'GENERATED_COOKIE', affinityCookieTtlSec: ttl },
          connectionDraining: { drainingTimeoutSec: drain },
          timeoutSec: w.backendTimeout.toSeconds(),
          healthCheck: { type: 'HTTP', port: 8080, requestPath: '/guacamole/', ...hc },
        },
      },
    });
    new IngressV1(scope, 'ingress', {
      metadata: {
        name,
        namespace: ns,
        labels,
        annotations: { 'kubernetes.io/ingress.class': 'gce' },
      },
      spec: {
        rule: [
          {
            host: w.host,
            http: {
              path: [
                {
                  path: '/guacamole',
                  pathType: 'Prefix',
                  backend: { service: { name, port: { number: 8080 } } },
                },
              ],
            },
          },
        ],
      },
    });
    return;
  }
  new Manifest(scope, 'backend-policy', {
    manifest: {
      apiVersion: 'networking.gke.io/v1',
      kind: 'GCPBackendPolicy',
      metadata: meta(policy),
      spec: {
        targetRef,
        default: {
          sessionAffinity: { type: 'GENERATED_COOKIE', cookieTtlSec: ttl },
          connectionDraining: { drainingTimeoutSec: drain },
          timeoutSec: w.backendTimeout.toSeconds(),
        },
      },
    },
  });
  new Manifest(scope, 'health-check-policy', {
    manifest: {
      apiVersion: 'networking.gke.io/v1',
      kind: 'HealthCheckPolicy',
      metadata: meta(`${name}-health-check`),
      spec: {
        targetRef,
        default: {
          ...hc,
          config: { type: 'HTTP', httpHealthCheck: { port: 8080, requestPath: '/guacamole/' } },
        },
      },
    },
  });
  new Manifest(scope, 'http-route', {
    manifest: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: meta(name),
      spec: {
        parentRefs: [{ name: w.gatewayName }],
        hostnames: [w.host],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/guacamole' } }],
            backendRefs: [{ name, port: 8080 }],
          },
        ],
      },
    },
  });
}
