/**
 * `npm run bench:input [-- --sizes 1000,10000,100000]`: peak memory and time of
 * `affinity-review` on large and hostile inputs, each run in its own process:
 * - a plan of 1k, 10k and 100k resource changes (`--plan`, and `lint` of the same plan);
 * - a synth whose backend service has a 1 MB name (inventory, `--base`, `lint`);
 * - a synth of about 50 MB (inventory, `--base` against itself, `lint`).
 * Prints numbers, asserts nothing (the machine is shared: a time is a sample, not a budget).
 *
 *   node build/bench/review-input.js                 the table
 *   node build/bench/review-input.js --child <args>  one run of runReview(args), in-process, its
 *                                                     report streamed as the CLI streams it;
 *                                                     prints a ReviewSample (wall and CPU time,
 *                                                     peak RSS, exit code)
 *   node build/bench/review-input.js --write-plan <file> <n>   only writes the n-change plan
 *                                                     (to profile: node --cpu-prof build/lib/review/cli.js ...)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const args = process.argv.slice(2);

/** One run of `runReview` in a fresh process, as `--child` prints it. */
export interface ReviewSample {
  /** Wall time of `runReview` (module loading included, Node's start-up not). */
  readonly ms: number;
  /** CPU time (user + system, every thread: the collector's too) of the same span. */
  readonly cpuMs: number;
  /** Wall and CPU time of the whole process until the review returned. */
  readonly processMs: number;
  readonly processCpuMs: number;
  /** Peak resident set size of the process (what `/usr/bin/time -v` reports as max RSS). */
  readonly peakRssMb: number;
  readonly code: number;
  readonly outputKb: number;
  readonly reason?: string;
}

if (require.main === module) {
  if (args[0] === '--child') {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading is part of the run
    const { runReview } = require('../lib/review/cli') as typeof import('../lib/review/cli');
    // The report goes where the CLI sends it, piece by piece (here /dev/null: this process's
    // stdout carries the sample).
    const devNull = fs.openSync(os.devNull, 'w');
    let outputBytes = 0;
    const r = runReview(args.slice(1), (chunk) => {
      outputBytes += chunk.length;
      fs.writeSync(devNull, chunk);
    });
    const ms = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    const usage = process.resourceUsage();
    const sample: ReviewSample = {
      ms,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      processMs: Math.round(performance.now()),
      processCpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
      peakRssMb: Math.round(usage.maxRSS / 1024),
      code: r.code,
      outputKb: Math.round((outputBytes + r.stdout.length + r.stderr.length) / 1024),
      reason: r.code === 2 ? r.stderr.trim().slice(0, 200) : undefined,
    };
    process.stdout.write(`${JSON.stringify(sample)}\n`);
  } else if (args[0] === '--write-plan') {
    writePlan(args[1], Number(args[2]));
  } else {
    main();
  }
}

/** Runs `runReview(reviewArgs)` in a fresh process; undefined (and why) when it crashed. */
export function reviewSample(reviewArgs: string[]): ReviewSample | { crashed: string } {
  const child = spawnSync(process.execPath, [__filename, '--child', ...reviewArgs], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0)
    return {
      crashed: `${child.signal ?? `exit ${child.status}`}: ${child.stderr.trim().split('\n')[0]}`,
    };
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ReviewSample;
}

/** One resource change of the plan benchmark: a mix of session-path and unrelated resources. */
function change(i: number): Record<string, unknown> {
  const kind = i % 5;
  const update = (type: string, before: object, after: object) => ({
    address: `${type}.r${i}`,
    mode: 'managed',
    type,
    name: `r${i}`,
    change: { actions: ['update'], before, after },
  });
  switch (kind) {
    case 0: {
      const bs = {
        name: `svc-${i}`,
        load_balancing_scheme: 'EXTERNAL_MANAGED',
        protocol: 'HTTPS',
        session_affinity: 'GENERATED_COOKIE',
        affinity_cookie_ttl_sec: 3600,
        connection_draining_timeout_sec: 60,
        backend: [{ group: `projects/p/zones/us-west1-a/instanceGroups/ig-${i}` }],
      };
      return update('google_compute_backend_service', bs, {
        ...bs,
        connection_draining_timeout_sec: 120,
      });
    }
    case 1: {
      const hc = {
        name: `hc-${i}`,
        check_interval_sec: 5,
        timeout_sec: 5,
        http_health_check: [{ port: 8080, request_path: '/healthz' }],
      };
      return update('google_compute_health_check', hc, { ...hc, check_interval_sec: 10 });
    }
    case 2:
      return {
        address: `google_compute_instance_group_manager.r${i}`,
        mode: 'managed',
        type: 'google_compute_instance_group_manager',
        name: `r${i}`,
        change: {
          actions: ['create'],
          before: null,
          after: { name: `ig-${i}`, zone: 'us-west1-a', target_size: 3 },
        },
      };
    case 3: {
      const svc = {
        metadata: [{ name: `svc-${i}`, namespace: 'guacamole' }],
        spec: [{ session_affinity: 'ClientIP', port: [{ port: 4822 }] }],
      };
      return update('kubernetes_service_v1', svc, {
        ...svc,
        spec: [{ session_affinity: 'None', port: [{ port: 4822 }] }],
      });
    }
    default:
      return update(
        'google_storage_bucket',
        { name: `bucket-${i}`, labels: { a: '1' } },
        { name: `bucket-${i}`, labels: { a: '2' } },
      );
  }
}

export function writePlan(file: string, n: number): void {
  // Written in pieces: the generator must not be what runs out of memory.
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '{"format_version":"1.2","resource_changes":[');
  for (let i = 0; i < n; i++) fs.writeSync(fd, `${i ? ',' : ''}${JSON.stringify(change(i))}`);
  fs.writeSync(fd, '],"planned_values":{"root_module":{"resources":[');
  for (let i = 0; i < n; i++) {
    const c = change(i) as {
      address: string;
      type: string;
      name: string;
      change: { after: unknown };
    };
    fs.writeSync(
      fd,
      `${i ? ',' : ''}${JSON.stringify({ address: c.address, mode: 'managed', type: c.type, name: c.name, values: c.change.after })}`,
    );
  }
  fs.writeSync(fd, ']}}}');
  fs.closeSync(fd);
}

function writeStack(dir: string, stack: string, resource: object): void {
  fs.mkdirSync(path.join(dir, 'stacks', stack), { recursive: true });
  fs.writeFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), JSON.stringify({ resource }));
}

/** A synth of about `mb` megabytes: stacks of backend services with health checks and groups. */
export function writeBigSynth(dir: string, mb: number): number {
  let bytes = 0;
  let services = 0;
  for (let s = 0; bytes < mb * 2 ** 20; s++) {
    const bsOf: Record<string, object> = {};
    const hcOf: Record<string, object> = {};
    for (let i = 0; i < 1000; i++, services++) {
      hcOf[`hc${i}`] = {
        name: `hc-${s}-${i}`,
        check_interval_sec: 5,
        timeout_sec: 5,
        http_health_check: { port: 8080, request_path: '/healthz' },
      };
      bsOf[`bs${i}`] = {
        name: `svc-${s}-${i}`,
        load_balancing_scheme: 'EXTERNAL_MANAGED',
        protocol: 'HTTPS',
        session_affinity: 'GENERATED_COOKIE',
        affinity_cookie_ttl_sec: 3600,
        connection_draining_timeout_sec: 60,
        health_checks: [`\${google_compute_health_check.hc${i}.id}`],
        backend: [{ group: `projects/p/zones/us-west1-a/instanceGroups/ig-${s}-${i}` }],
        '//': { metadata: { path: `stack-${s}/service-${i}/backend-service`, uniqueId: `bs${i}` } },
      };
    }
    const resource = {
      google_compute_backend_service: bsOf,
      google_compute_health_check: hcOf,
    };
    writeStack(dir, `stack-${s}`, resource);
    bytes += fs.statSync(path.join(dir, 'stacks', `stack-${s}`, 'cdk.tf.json')).size;
  }
  return services;
}

function run(label: string, reviewArgs: string[]): void {
  const r = reviewSample(reviewArgs);
  if ('crashed' in r) {
    console.log(`${label.padEnd(46)} crashed (${r.crashed})`);
    return;
  }
  console.log(
    `${label.padEnd(46)} ${String(r.ms).padStart(7)} ms ${String(r.cpuMs).padStart(7)} ms CPU  ${String(r.peakRssMb).padStart(5)} MB peak RSS  exit ${r.code}  output ${r.outputKb} KB${r.reason ? `  (${r.reason})` : ''}`,
  );
}

function main(): void {
  const at = args.indexOf('--sizes');
  const sizes = (at >= 0 ? args[at + 1] : '1000,10000,100000').split(',').map(Number);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-input-'));
  const empty = path.join(tmp, 'empty-synth');
  writeStack(empty, 'a', {});
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; one run each, in its own process`,
  );
  try {
    for (const n of sizes) {
      const plan = path.join(tmp, `plan-${n}.json`);
      writePlan(plan, n);
      const mb = (fs.statSync(plan).size / 2 ** 20).toFixed(1);
      run(`--plan, ${n} changes (${mb} MB)`, [empty, '--plan', plan, '--fail-on', 'never']);
      run(`lint, ${n}-change plan`, ['lint', plan, '--fail-on', 'never']);
    }

    const big = 'n'.repeat(2 ** 20);
    const named = (name: string) => ({
      google_compute_backend_service: {
        web: { name, load_balancing_scheme: 'EXTERNAL_MANAGED', protocol: 'HTTPS' },
      },
    });
    const bigName = path.join(tmp, 'big-name');
    writeStack(bigName, 'a', named(big));
    const smallName = path.join(tmp, 'small-name');
    writeStack(smallName, 'a', named('web'));
    run('inventory, 1 MB resource name', [bigName]);
    run('inventory, 1 MB resource name, markdown', [bigName, '--format', 'markdown']);
    run('--base, 1 MB resource name renamed', [bigName, '--base', smallName]);
    run('lint, 1 MB resource name', ['lint', bigName, '--fail-on', 'never']);

    const synth = path.join(tmp, 'synth-50mb');
    const services = writeBigSynth(synth, 50);
    run(`inventory, 50 MB synth (${services} services)`, [synth, '--format', 'json']);
    run('--base, 50 MB synth against itself', [synth, '--base', synth, '--format', 'json']);
    run('lint, 50 MB synth', ['lint', synth, '--format', 'json', '--fail-on', 'never']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
