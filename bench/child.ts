/**
 * One measured run, in its own process: `node build/bench/child.js <what> [n] [dir]` (`review`
 * keeps the synth it writes in `dir` when given).
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
  case 'review': {
    // A synth of `arg` backend services: the 1000-service scale app, its stacks copied with
    // renamed resources until there are enough. Then the review's two passes are timed:
    // the inventory, and --base against itself (every resource compared attribute by attribute).
    const { App } = require('cdktf');
    const { buildScale } = require('./scale-app');
    const { runReview } = require('../lib/review');
    const app = new App({ outdir: outdir() });
    buildScale(app, 1000);
    app.synth();
    // lint of the 1000-service synth itself (the rule functions over every resource).
    const l0 = performance.now();
    const lint = runReview(['lint', app.outdir, '--format', 'json', '--fail-on', 'never']);
    const lintMs = Math.round(performance.now() - l0);
    if (lint.code !== 0) throw new Error(lint.stderr);
    const linted = JSON.parse(lint.stdout).summary;
    const copies = Math.max(1, Math.ceil(Number(arg) / 1000));
    // A directory to keep the synth in (run.ts then times the review in fresh processes).
    const keep = process.argv[4];
    if (keep) fs.rmSync(keep, { recursive: true, force: true });
    const big = keep ?? outdir();
    let services = 0;
    const stacksDir = path.join(app.outdir, 'stacks');
    for (const stack of fs.readdirSync(stacksDir)) {
      const json = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
      for (let k = 0; k < copies; k++) {
        const copy = JSON.parse(JSON.stringify(json));
        type Named = { name?: string; metadata?: Named | Named[] };
        for (const [type, ofType] of Object.entries<Record<string, Named>>(copy.resource ?? {})) {
          for (const v of Object.values(ofType)) {
            if (typeof v.name === 'string') v.name = `${v.name}-k${k}`;
            const meta = Array.isArray(v.metadata) ? v.metadata[0] : v.metadata;
            if (meta && typeof meta.name === 'string') meta.name = `${meta.name}-k${k}`;
            if (/backend_service$/.test(type)) services++;
          }
        }
        const dir = path.join(big, 'stacks', `${stack}-k${k}`);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(copy));
      }
    }
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const c = process.cpuUsage(since);
      return Math.round((c.user + c.system) / 1000);
    };
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const inventory = runReview([big, '--format', 'json']);
    const t1 = performance.now();
    const inventoryCpuMs = cpuMs(c0);
    const c1 = process.cpuUsage();
    const review = runReview([big, '--base', big, '--format', 'json']);
    const t2 = performance.now();
    const reviewCpuMs = cpuMs(c1);
    if (inventory.code !== 0 || review.code !== 0)
      throw new Error(inventory.stderr + review.stderr);
    report({
      services,
      inventoryMs: Math.round(t1 - t0),
      inventoryCpuMs,
      reviewMs: Math.round(t2 - t1),
      reviewCpuMs,
      lintMs,
      lintResources: linted.resources,
      lintFindings: linted.errors + linted.warnings,
    });
    break;
  }
  default:
    throw new Error(`unknown benchmark ${what}`);
}
