import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import {
  AffinityBackendService,
  AffinityMonitoring,
  BackendProtocol,
  BalancingMode,
  DrainingPolicy,
  GlobalHttpsFrontend,
  HealthCheck,
  LoadBalancerFirewall,
  LoadBalancingScheme,
  SslProfile,
} from '../lib';
import { McpTopology } from './topology';
import { McpRegionStack } from './mcp-region-stack';
import { configureStateBackend } from './state-backend';

/**
 * The global external Application Load Balancer of the MCP fleet: the backend services with
 * their affinity, draining and health checks, the firewall for Google's probes and Front Ends,
 * and the HTTPS frontend. Instance groups come from the region stacks through cdktf
 * cross-stack references (outputs + remote state), never copied ids.
 */
export class McpGlobalStack extends TerraformStack {
  public readonly services: Record<string, AffinityBackendService> = {};
  public readonly frontend: GlobalHttpsFrontend;
  public readonly monitoring: AffinityMonitoring;

  constructor(scope: Construct, id: string, topology: McpTopology, regions: McpRegionStack[]) {
    super(scope, id);
    configureStateBackend(this, id);
    new GoogleProvider(this, 'google', { project: topology.project });

    for (const s of topology.services) {
      this.services[s.id] = new AffinityBackendService(this, s.id, {
        name: s.name,
        loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
        protocol: BackendProtocol.HTTPS,
        portName: 'https',
        sessionAffinity: s.affinity,
        draining: DrainingPolicy.of(s.draining),
        healthCheck: HealthCheck.https({
          name: s.healthCheckName,
          port: topology.servingPort,
          requestPath: s.healthCheckPath,
        }),
        logging: { enabled: true, sampleRate: 1 },
        backends: regions.flatMap((r) =>
          r.groups.map((g) => ({
            group: g,
            balancingMode: BalancingMode.RATE,
            maxRatePerInstance: s.maxRatePerInstance,
            // A region that is not serving yet is attached but takes no traffic.
            capacityScaler: r.region.serving ? 1 : 0,
          })),
        ),
      });
    }
    const all = Object.values(this.services);

    new LoadBalancerFirewall(this, 'firewall', {
      name: 'mcp-allow-google-probes-and-gfe',
      network: topology.network,
      ports: [topology.servingPort],
      targetTags: [topology.instanceTag],
      services: all,
    });

    const role = (id: string): AffinityBackendService => {
      const service = this.services[id];
      if (!service) {
        throw new Error(
          `${this.node.path}: the frontend routes to a service with id "${id}", which the topology does not define (ids: ${Object.keys(this.services).join(', ')}); add it to stacks/topology.ts or change the routes`,
        );
      }
      return service;
    };
    const [mcp, voice, vls, sao, personality] = ['mcp', 'voice', 'vls', 'sao', 'personality'].map(
      role,
    );
    this.frontend = new GlobalHttpsFrontend(this, 'frontend', {
      name: 'mcp-lb',
      defaultService: mcp,
      managedCertificateDomains: topology.domains,
      sslProfile: SslProfile.MODERN,
      httpRedirect: true,
      hostRules: [
        {
          hosts: topology.domains,
          pathMatcher: 'mcp-routes',
          defaultService: mcp,
          routeRules: [
            { priority: 10, prefixMatch: '/voice', service: voice },
            { priority: 20, prefixMatch: '/vls', service: vls },
            { priority: 30, prefixMatch: '/sao', service: sao },
            {
              priority: 40,
              prefixMatch: '/',
              headerMatches: [{ headerName: topology.personalityHeader, presentMatch: true }],
              service: personality,
            },
          ],
        },
      ],
    });

    // Seed "Monitoring & Troubleshooting": session distribution, backend latency, health.
    const oncall = new MonitoringNotificationChannel(this, 'oncall', {
      displayName: 'MCP on-call',
      type: 'email',
      labels: { email_address: topology.alertEmail },
    });
    this.monitoring = new AffinityMonitoring(this, 'monitoring', {
      dashboardName: 'MCP load balancer: sessions and draining',
      services: all,
      notificationChannels: [oncall.id],
    });
  }
}
