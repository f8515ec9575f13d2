/**
 * `npm run bench [-- --json] [-- --runs N]`: synth cost of the library against hand-written L1
 * code, the cdktf CLI end to end, a scale curve, the cost of requiring the package, and the
 * reviewer's budgets (time of a 10 000-service review and of its lint, peak memory of a
 * 100 000-change plan and of a 50 MB synth). Every measurement runs in a child process; each
 * figure is the median of several runs unless it says otherwise (best, or worst for memory).
 * With --json the last line is one JSON object (see README, "Performance").
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { ReviewSample, reviewSample, writeBigSynth, writePlan } from './review-input';

interface Sample {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  requireMs?: number;
  services?: number;
  inventoryMs?: number;
  inventoryCpuMs?: number;
  reviewMs?: number;
  reviewCpuMs?: number;
  lintMs?: number;
  lintResources?: number;
  lintFindings?: number;
}

const root = path.join(__dirname, '..', '..');
const child = path.join(__dirname, 'child.js');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `runReview(args)` in `runs` fresh processes: best and median wall and CPU, worst RSS. */
function measureReview(args: string[], runs: number) {
  const samples: ReviewSample[] = [];
  for (let i = 0; i < runs; i++) {
    const s = reviewSample(args);
    if ('crashed' in s) throw new Error(`affinity-review ${args.join(' ')} crashed: ${s.crashed}`);
    samples.push(s);
  }
  const ms = samples.map((s) => s.ms);
  const cpu = samples.map((s) => s.cpuMs);
  const rss = samples.map((s) => s.peakRssMb);
  return {
    bestMs: Math.min(...ms),
    medianMs: median(ms),
    bestCpuMs: Math.min(...cpu),
    medianCpuMs: median(cpu),
    /** The largest peak RSS of the runs: the collector's timing varies from run to run. */
    peakRssMb: Math.max(...rss),
    medianPeakRssMb: median(rss),
    code: samples[0].code,
    runs,
  };
}

function measure(what: string[], runs: number): Sample {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [child, ...what], { cwd: root, encoding: 'utf8' });
    samples.push(JSON.parse(out.trim().split('\n').pop()!));
  }
  const m = (k: keyof Sample) => median(samples.map((s) => s[k] as number));
  return {
    ms: m('ms'),
    cpuMs: m('cpuMs'),
    peakRssMb: m('peakRssMb'),
    ...(samples[0].requireMs !== undefined ? { requireMs: m('requireMs') } : {}),
    ...(samples[0].reviewMs !== undefined
      ? {
          services: samples[0].services,
          inventoryMs: m('inventoryMs'),
          inventoryCpuMs: m('inventoryCpuMs'),
          reviewMs: m('reviewMs'),
          reviewCpuMs: m('reviewCpuMs'),
          lintMs: m('lintMs'),
          lintResources: samples[0].lintResources,
          lintFindings: samples[0].lintFindings,
        }
      : {}),
  };
}

/** Wall time of a shell command, median of `runs`. */
function timeCommand(
  cmd: string,
  cmdArgs: string[],
  runs: number,
  env: NodeJS.ProcessEnv = {},
): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, cmdArgs, {
      cwd: root,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', ...env },
      encoding: 'utf8',
    });
    if (r.status !== 0)
      throw new Error(`${cmd} ${cmdArgs.join(' ')} failed: ${r.stderr || r.stdout}`);
    times.push(performance.now() - t0);
  }
  return Math.round(median(times));
}

const log = (line: string) => {
  if (!asJson) console.log(line);
  else process.stderr.write(`${line}\n`);
};

log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; median of ${RUNS} runs`,
);

// 1. Reference deployment: library (L2) against the same resources by hand (L1).
// Alternate the two so drift in machine load hits both.
// The two differ by a few percent at most while run-to-run noise on a shared 2-core machine is
// ±30 %, so this comparison takes four times the runs (and an odd count for a true median).
const REFERENCE_RUNS = RUNS * 4 + 1;
const l1Runs: Sample[] = [];
const l2Runs: Sample[] = [];
for (let i = 0; i < REFERENCE_RUNS; i++) {
  // Swap the order every pair: the second run of a pair is often a little slower.
  if (i % 2 === 0) {
    l1Runs.push(measure(['l1'], 1));
    l2Runs.push(measure(['l2'], 1));
  } else {
    l2Runs.push(measure(['l2'], 1));
    l1Runs.push(measure(['l1'], 1));
  }
}
const med = (xs: Sample[], k: keyof Sample) => median(xs.map((s) => s[k] as number));
const referenceApp = {
  l2Ms: med(l2Runs, 'ms'),
  l1Ms: med(l1Runs, 'ms'),
  /** Median of the L2/L1 ratios of back-to-back pairs: drift in machine load cancels out. */
  ratio: Math.round(median(l2Runs.map((s, i) => s.ms / l1Runs[i].ms)) * 100) / 100,
  ratioOfMedians: Math.round((med(l2Runs, 'ms') / med(l1Runs, 'ms')) * 100) / 100,
  l2CpuMs: med(l2Runs, 'cpuMs'),
  l1CpuMs: med(l1Runs, 'cpuMs'),
  cpuRatio: Math.round((med(l2Runs, 'cpuMs') / med(l1Runs, 'cpuMs')) * 100) / 100,
  l2PeakRssMb: med(l2Runs, 'peakRssMb'),
  l1PeakRssMb: med(l1Runs, 'peakRssMb'),
  runs: REFERENCE_RUNS,
};
log(
  `reference app (6 stacks): L2 ${referenceApp.l2Ms} ms / ${referenceApp.l2CpuMs} ms CPU / ${referenceApp.l2PeakRssMb} MB; L1 ${referenceApp.l1Ms} ms / ${referenceApp.l1CpuMs} ms CPU / ${referenceApp.l1PeakRssMb} MB; ratio ${referenceApp.ratio} (median of paired runs; of medians ${referenceApp.ratioOfMedians}; CPU ${referenceApp.cpuRatio}; ${REFERENCE_RUNS} runs)`,
);

// The same comparison inside one warm process (no module loading, 30 alternating rounds).
const warm = JSON.parse(
  execFileSync(process.execPath, [child, 'warm', '30'], { cwd: root, encoding: 'utf8' }).trim(),
);
Object.assign(referenceApp, {
  warmL2Ms: warm.warmL2Ms,
  warmL1Ms: warm.warmL1Ms,
  warmRatio: Math.round((warm.warmL2Ms / warm.warmL1Ms) * 100) / 100,
});
log(
  `reference app, warm process (build + synth only): L2 ${warm.warmL2Ms} ms, L1 ${warm.warmL1Ms} ms`,
);

// 2. `npm run synth` end to end, and its parts.
const synthRuns = Math.max(1, Math.min(RUNS, 3));
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
const synthCli = {
  cliMs: timeCommand('npm', ['run', '-s', 'synth', '--', '--output', outdir], synthRuns),
  compileMs: timeCommand(
    path.join(root, 'node_modules', '.bin', 'tsc'),
    ['-p', 'tsconfig.build.json'],
    synthRuns,
  ),
  appMs: timeCommand(process.execPath, ['build/stacks/main.js'], synthRuns, {
    CDKTF_OUTDIR: outdir,
  }),
  cliOverheadMs: 0,
};
synthCli.cliOverheadMs = synthCli.cliMs - synthCli.compileMs - synthCli.appMs;
log(
  `npm run synth: ${synthCli.cliMs} ms = tsc ${synthCli.compileMs} ms + app ${synthCli.appMs} ms + cdktf CLI ${synthCli.cliOverheadMs} ms`,
);

// 3. Scale curve.
const scale = [10, 100, 1000].map((n) => {
  const s = measure(['scale', String(n)], n === 1000 ? Math.min(RUNS, 3) : RUNS);
  log(
    `scale ${n} services (+ ${Math.max(1, Math.round(n / 10))} guacd pools of 10): ${s.ms} ms, ${s.cpuMs} ms CPU, ${s.peakRssMb} MB peak RSS`,
  );
  return { services: n, ms: s.ms, cpuMs: s.cpuMs, peakRssMb: s.peakRssMb };
});
const growth = Math.round((scale[2].ms / scale[1].ms) * 100) / 100;
log(`growth 100 → 1000 services: ${growth}×`);

// 4. require() of the package root.
const req = measure(['require'], RUNS);
const requireRoot = { ms: req.requireMs, processMs: req.ms, peakRssMb: req.peakRssMb };
log(
  `require('cdktf-affinity-draining'): ${requireRoot.ms} ms (process ${requireRoot.processMs} ms, ${requireRoot.peakRssMb} MB)`,
);

// 5. affinity-review on a 10 000-service synth (inventory, then --base of the synth against
// itself), in the process that synthesized it; the synth is kept for the budgets below.
const inputs = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-review-'));
const synth10k = path.join(inputs, 'synth-10000');
const reviewRun = measure(['review', '10000', synth10k], Math.min(RUNS, 3));
const review = {
  services: reviewRun.services,
  inventoryMs: reviewRun.inventoryMs,
  inventoryCpuMs: reviewRun.inventoryCpuMs,
  reviewMs: reviewRun.reviewMs,
  reviewCpuMs: reviewRun.reviewCpuMs,
  lintMs: reviewRun.lintMs,
  lintResources: reviewRun.lintResources,
  lintFindings: reviewRun.lintFindings,
};
log(
  `affinity-review of ${review.services} backend services, in the synth's process: inventory ${review.inventoryMs} ms (${review.inventoryCpuMs} ms CPU), --base ${review.reviewMs} ms (${review.reviewCpuMs} ms CPU)`,
);
log(
  `affinity-review lint of the 1000-service synth: ${review.lintMs} ms for ${review.lintResources} resources (${review.lintFindings} findings)`,
);

// 6. The reviewer's budgets, each run in a fresh process as the CLI runs (module loading
// included, Node's start-up not): the --base review of the 10 000-service synth (best and
// median of several runs; CPU is user + system of every thread, the collector's included), and
// the peak RSS (the largest of the runs) of a plan of 100 000 changes and of a 50 MB synth.
const budgetRuns = Math.max(3, RUNS);
const review10k = measureReview([synth10k, '--base', synth10k, '--format', 'json'], budgetRuns);
log(
  `affinity-review --base of the ${review.services}-service synth (fresh process, ${budgetRuns} runs): best ${review10k.bestMs} ms (median ${review10k.medianMs} ms), CPU best ${review10k.bestCpuMs} ms (median ${review10k.medianCpuMs} ms), ${review10k.peakRssMb} MB peak RSS`,
);
// lint of the same synth (35 600 resources; every rule over every resource), in a fresh process.
const lint10k = measureReview(
  ['lint', synth10k, '--format', 'json', '--fail-on', 'never'],
  budgetRuns,
);
log(
  `affinity-review lint of the ${review.services}-service synth (fresh process, ${budgetRuns} runs): best ${lint10k.bestMs} ms (median ${lint10k.medianMs} ms), CPU best ${lint10k.bestCpuMs} ms (median ${lint10k.medianCpuMs} ms), ${lint10k.peakRssMb} MB peak RSS`,
);
const empty = path.join(inputs, 'empty');
fs.mkdirSync(path.join(empty, 'stacks', 'a'), { recursive: true });
fs.writeFileSync(path.join(empty, 'stacks', 'a', 'cdk.tf.json'), '{"resource":{}}');
const plan100k = path.join(inputs, 'plan-100000.json');
writePlan(plan100k, 100000);
const planRuns = Math.min(budgetRuns, 3);
const plan = measureReview([empty, '--plan', plan100k, '--fail-on', 'never'], planRuns);
log(
  `affinity-review --plan of 100 000 changes (${(fs.statSync(plan100k).size / 2 ** 20).toFixed(0)} MB, ${planRuns} runs): peak RSS ${plan.peakRssMb} MB at most (median ${plan.medianPeakRssMb} MB); ${plan.medianMs} ms, ${plan.medianCpuMs} ms CPU`,
);
fs.rmSync(plan100k, { force: true });
const synth50 = path.join(inputs, 'synth-50mb');
const synth50Services = writeBigSynth(synth50, 50);
const synthInventory = measureReview([synth50, '--format', 'json'], planRuns);
const synthBase = measureReview([synth50, '--base', synth50, '--format', 'json'], planRuns);
const synth = {
  services: synth50Services,
  inventoryPeakRssMb: synthInventory.peakRssMb,
  basePeakRssMb: synthBase.peakRssMb,
  inventoryMs: synthInventory.medianMs,
  baseMs: synthBase.medianMs,
};
log(
  `affinity-review of a 50 MB synth (${synth50Services} services, ${planRuns} runs): inventory ${synth.inventoryPeakRssMb} MB, --base against itself ${synth.basePeakRssMb} MB peak RSS at most; ${synth.inventoryMs} / ${synth.baseMs} ms`,
);
fs.rmSync(inputs, { recursive: true, force: true });

const budgets = {
  ratio: { value: referenceApp.ratio, max: 1.1, ok: referenceApp.ratio <= 1.1 },
  ms1000: { value: scale[2].ms, max: 10000, ok: scale[2].ms <= 10000 },
  rss1000: { value: scale[2].peakRssMb, max: 1024, ok: scale[2].peakRssMb <= 1024 },
  growth: { value: growth, max: 12, ok: growth <= 12 },
  review10000: { value: review10k.bestMs, max: 1000, ok: review10k.bestMs <= 1000 },
  planRss100k: { value: plan.peakRssMb, max: 512, ok: plan.peakRssMb < 512, under: true },
  synthRss50mb: {
    value: Math.max(synth.inventoryPeakRssMb, synth.basePeakRssMb),
    max: 512,
    ok: Math.max(synth.inventoryPeakRssMb, synth.basePeakRssMb) < 512,
    under: true,
  },
  lint1000: { value: review.lintMs, max: 1000, ok: (review.lintMs ?? Infinity) <= 1000 },
  // As review10000: the best wall time of the fresh-process runs, module loading included.
  lint10000: { value: lint10k.bestMs, max: 1000, ok: lint10k.bestMs <= 1000 },
};
log(
  `budgets: ${Object.entries(budgets)
    .map(([k, b]) => `${k} ${b.value} ${'under' in b ? '<' : '≤'} ${b.max} ${b.ok ? 'ok' : 'OVER'}`)
    .join('; ')}`,
);
if (asJson)
  console.log(
    JSON.stringify({
      referenceApp,
      synthCli,
      scale,
      growth,
      requireRoot,
      review,
      review10k,
      lint10k,
      plan100k: plan,
      synth50mb: synth,
      budgets,
      runs: RUNS,
    }),
  );
