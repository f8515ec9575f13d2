import { buildMcpDeployment } from '../stacks/mcp';
import { GuacdClusterStack } from '../stacks/guacd-cluster-stack';
import { GUACD_CLUSTERS } from '../stacks/guacd-topology';
import { mcpTopology } from '../stacks/topology';
import { buildL1Reference } from '../bench/l1-reference';
import { synthApp } from './helpers';

// The benchmark compares the library with this hand-written L1 baseline; the comparison only
// means something while both produce the same Terraform.
test('the L1 benchmark baseline synthesizes exactly the Terraform JSON of the library', () => {
  const l2 = synthApp((app) => {
    buildMcpDeployment(app, mcpTopology());
    for (const c of GUACD_CLUSTERS) new GuacdClusterStack(app, `guacd-${c.cluster}`, c);
  }).stacks;
  const l1 = synthApp((app) => buildL1Reference(app, mcpTopology(), GUACD_CLUSTERS)).stacks;
  expect(Object.keys(l1).sort()).toEqual(Object.keys(l2).sort());
  for (const name of Object.keys(l2))
    expect({ name, json: l1[name] }).toEqual({ name, json: l2[name] });
});
