import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ComputeInstanceTemplate } from '@cdktf/provider-google/lib/compute-instance-template';
import { ZonalBackendGroup } from '../lib';
import { McpTopology, RegionTopology } from './topology';
import { configureStateBackend } from './state-backend';

/**
 * One region of the MCP fleet: an instance template and a managed instance group per zone.
 * A region that is not serving keeps its groups at 0 instances (the global stack attaches
 * them with capacity scaler 0), so enabling it is one flag in the topology.
 */
export class McpRegionStack extends TerraformStack {
  public readonly region: RegionTopology;
  public readonly groups: ZonalBackendGroup[];

  constructor(scope: Construct, id: string, topology: McpTopology, region: RegionTopology) {
    super(scope, id);
    configureStateBackend(this, id);
    this.region = region;
    new GoogleProvider(this, 'google', { project: topology.project, region: region.region });

    const template = new ComputeInstanceTemplate(this, 'template', {
      namePrefix: `mcp-${region.region}-`,
      machineType: topology.machineType,
      tags: [topology.instanceTag],
      disk: [{ sourceImage: topology.sourceImage, boot: true, autoDelete: true }],
      networkInterface: [{ network: topology.network }],
      shieldedInstanceConfig: {
        enableSecureBoot: true,
        enableVtpm: true,
        enableIntegrityMonitoring: true,
      },
      lifecycle: { createBeforeDestroy: true },
    });

    this.groups = region.zones.map(
      (z) =>
        new ZonalBackendGroup(this, z.zone, {
          name: z.groupName,
          zone: z.zone,
          instanceTemplate: template.id,
          namedPorts: [{ name: 'https', port: topology.servingPort }],
          ...(region.serving
            ? {
                autoscaling: {
                  minReplicas: region.minReplicas,
                  maxReplicas: region.maxReplicas,
                  cpuTarget: 0.85,
                },
              }
            : { targetSize: 0 }),
        }),
    );
  }
}
