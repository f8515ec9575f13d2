import { App } from 'cdktf';
import { buildMcpDeployment } from './mcp';
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
app.synth();
