/**
 * One measured run, in its own process: `node dist/bench/child.js <what> [n]`.
 * Prints one JSON line: wall time since process start (module loading included), CPU time and
 * peak RSS of this process.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

function report(extra: Record<string, unknown> = {}): void {
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({
      ms: Math.round(performance.now()),
      cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
      peakRssMb: Math.round(usage.maxRSS / 1024),
      ...extra,
    })}\n`,
  );
}

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
}

/* eslint-disable @typescript-eslint/no-require-imports -- module loading is part of what is measured */
const [what, arg] = process.argv.slice(2);
switch (what) {
  case 'require': {
    const t0 = performance.now();
    require('../lib');
    report({ requireMs: Math.round((performance.now() - t0) * 10) / 10 });
    break;
  }
  case 'l2': {
    const { App } = require('cdktf');
    const { buildMcpDeployment } = require('../stacks/mcp');
    const { GuacdClusterStack } = require('../stacks/guacd-cluster-stack');
    const { GUACD_CLUSTERS } = require('../stacks/guacd-topology');
    const { mcpTopology } = require('../stacks/topology');
    const app = new App({ outdir: outdir() });
    buildMcpDeployment(app, mcpTopology());
    for (const c of GUACD_CLUSTERS) new GuacdClusterStack(app, `guacd-${c.cluster}`, c);
    app.synth();
    report();
    break;
  }
  case 'l1': {
    const { App } = require('cdktf');
    const { buildL1Reference } = require('./l1-reference');
    const { GUACD_CLUSTERS } = require('../stacks/guacd-topology');
    const { mcpTopology } = require('../stacks/topology');
    const app = new App({ outdir: outdir() });
    buildL1Reference(app, mcpTopology(), GUACD_CLUSTERS);
    app.synth();
    report();
    break;
  }
  case 'warm': {
    // Both apps built and synthesized repeatedly in one warm process: no module loading, so
    // this isolates what the library itself adds to construction and synth.
    const { App } = require('cdktf');
    const { buildMcpDeployment } = require('../stacks/mcp');
    const { GuacdClusterStack } = require('../stacks/guacd-cluster-stack');
    const { GUACD_CLUSTERS } = require('../stacks/guacd-topology');
    const { mcpTopology } = require('../stacks/topology');
    const { buildL1Reference } = require('./l1-reference');
    const builders: Record<string, (app: unknown) => void> = {
      l1: (app) => buildL1Reference(app, mcpTopology(), GUACD_CLUSTERS),
      l2: (app) => {
        buildMcpDeployment(app, mcpTopology());
        for (const c of GUACD_CLUSTERS) new GuacdClusterStack(app, `guacd-${c.cluster}`, c);
      },
    };
    const times: Record<string, number[]> = { l1: [], l2: [] };
    for (let i = 0; i < Number(arg ?? 15); i++) {
      for (const k of ['l1', 'l2']) {
        const t0 = performance.now();
        const app = new App({ outdir: outdir() });
        builders[k](app);
        app.synth();
        times[k].push(performance.now() - t0);
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    report({
      warmL1Ms: Math.round(med(times.l1) * 10) / 10,
      warmL2Ms: Math.round(med(times.l2) * 10) / 10,
    });
    break;
  }
  case 'scale': {
    const { App } = require('cdktf');
    const { buildScale } = require('./scale-app');
    const app = new App({ outdir: outdir() });
    buildScale(app, Number(arg));
    app.synth();
    report({ services: Number(arg) });
    break;
  }
  default:
    throw new Error(`unknown benchmark ${what}`);
}
