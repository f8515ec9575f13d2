import { App } from 'cdktf';
import { McpGlobalStack } from './mcp-global-stack';
import { McpRegionStack } from './mcp-region-stack';
import { McpTopology } from './topology';

/** The stacks of the MCP deployment: `mcp-<region>` per region and `mcp-global`. */
export interface McpDeployment {
  readonly regions: McpRegionStack[];
  readonly global: McpGlobalStack;
}

/** Builds the MCP reference deployment into `app`: one stack per region and the global one. */
export function buildMcpDeployment(app: App, topology: McpTopology): McpDeployment {
  const regions = topology.regions.map(
    (r) => new McpRegionStack(app, `mcp-${r.region}`, topology, r),
  );
  const global = new McpGlobalStack(app, 'mcp-global', topology, regions);
  return { regions, global };
}
