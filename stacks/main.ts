import { App } from 'cdktf';
import { buildMcpDeployment } from './mcp';
import { GuacdClusterStack } from './guacd-cluster-stack';
import { GUACD_CLUSTERS } from './guacd-topology';
import { buildLbExamples } from './lb-examples';
import { DEFAULT_PROJECT, mcpTopology } from './topology';

// `cdktf synth` runs this (see cdktf.json). Project and domain can be overridden through
// cdktf context (`mcpProject`, `mcpDomain`) or the environment (MCP_PROJECT, MCP_DOMAIN).
const app = new App();
const ctx = (key: string): string | undefined => {
  const v = app.node.tryGetContext(key);
  return typeof v === 'string' && v.length > 0 ? v : undefined;
};
const project = ctx('mcpProject') ?? process.env.MCP_PROJECT ?? DEFAULT_PROJECT;
const domain = ctx('mcpDomain') ?? process.env.MCP_DOMAIN ?? 'mcp.example.com';
buildMcpDeployment(app, mcpTopology(project, domain));
for (const cluster of GUACD_CLUSTERS)
  new GuacdClusterStack(app, `guacd-${cluster.cluster}`, cluster);
// One small example app per load-balancer frontend type, each a stack of its own.
buildLbExamples(app);
app.synth();
