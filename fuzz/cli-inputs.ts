/**
 * Odd input for `affinity-review` and `affinity-review lint`, run in-process through
 * `runReview` (no process per case): a valid synth and plan with one to three values replaced
 * by the wrong type, a huge string, deep nesting, control bytes or a reference that resolves
 * to nothing; files that are not JSON, cut in the middle, UTF-16 or empty; directories of the
 * wrong shape; and argument lists with empty, missing, repeated or hostile values.
 *
 * The contract every case must keep (`problemsOf`): exit 0, 1 or 2; on 2 nothing on stdout and
 * exactly one line on stderr; never a stack trace or an exception; no control character from
 * the input in text or markdown output; JSON output that parses.
 *
 * Deterministic: the same seed gives the same cases (a small PRNG, no clock).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ReviewResult, runReview } from '../lib/review/cli';

/** One case: files to write under a fresh directory, and the arguments (`{dir}` is that directory). */
export interface CliCase {
  readonly name: string;
  /** The input is wrong as a whole (not JSON, not an object, too deep, bad arguments, no stacks): exit 2 is the only right answer. */
  readonly mustRefuse: boolean;
  readonly files: Record<string, string | Buffer | { symlink: string } | { dir: true }>;
  readonly argv: string[];
}

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A synthesized stack with every kind of resource the reviewer and lint read. */
export function validSynth(): Record<string, any> {
  return {
    resource: {
      google_compute_health_check: {
        hc: {
          name: 'web-hc',
          check_interval_sec: 5,
          timeout_sec: 5,
          http_health_check: { port: 8080, request_path: '/healthz' },
        },
      },
      google_compute_instance_group_manager: {
        ig: {
          name: 'web-ig',
          zone: 'us-west1-a',
          target_size: 3,
          base_instance_name: 'web',
          version: [{ instance_template: 'tpl' }],
          update_policy: { type: 'PROACTIVE', minimal_action: 'REPLACE', max_surge_fixed: 1 },
        },
      },
      google_compute_backend_service: {
        web: {
          name: 'web',
          load_balancing_scheme: 'EXTERNAL_MANAGED',
          protocol: 'HTTPS',
          session_affinity: 'GENERATED_COOKIE',
          affinity_cookie_ttl_sec: 3600,
          connection_draining_timeout_sec: 300,
          health_checks: ['${google_compute_health_check.hc.id}'],
          backend: [
            {
              group: '${google_compute_instance_group_manager.ig.instance_group}',
              balancing_mode: 'RATE',
              max_rate_per_instance: 100,
              capacity_scaler: 1,
            },
          ],
          '//': { metadata: { path: 'stack/web/backend-service', uniqueId: 'web' } },
        },
      },
      google_compute_firewall: {
        probes: {
          name: 'probes',
          network: 'default',
          source_ranges: ['35.191.0.0/16', '130.211.0.0/22'],
          allow: [{ protocol: 'tcp', ports: ['8080'] }],
        },
      },
      kubernetes_service_v1: {
        guacd: {
          metadata: { name: 'guacd', namespace: 'guacamole' },
          spec: {
            selector: { app: 'guacd' },
            session_affinity: 'ClientIP',
            session_affinity_config: { client_ip: { timeout_seconds: 10800 } },
            port: [{ port: 4822, target_port: '4822' }],
          },
        },
      },
      kubernetes_stateful_set_v1: {
        guacd: {
          metadata: { name: 'guacd', namespace: 'guacamole' },
          spec: {
            replicas: '3',
            service_name: 'guacd',
            selector: { match_labels: { app: 'guacd' } },
            template: {
              metadata: { labels: { app: 'guacd' } },
              spec: {
                termination_grace_period_seconds: 3630,
                container: [
                  {
                    name: 'guacd',
                    image: 'guacamole/guacd:1.5.5',
                    lifecycle: {
                      pre_stop: { exec: { command: ['/bin/sh', '-c', 'sleep 3600'] } },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    },
  };
}

/** The plan of an update to the synth's backend service and stateful set, in Terraform's form. */
export function validPlan(): Record<string, any> {
  const synth = validSynth().resource;
  const asPlan = (v: any): any =>
    Array.isArray(v)
      ? v.map(asPlan)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== '//')
              .map(([k, x]) => [
                k,
                x && typeof x === 'object' && !Array.isArray(x) && !/^(labels|selector)$/.test(k)
                  ? [asPlan(x)]
                  : asPlan(x),
              ]),
          )
        : v;
  const changes: any[] = [];
  const planned: any[] = [];
  for (const [type, byName] of Object.entries<any>(synth)) {
    for (const [name, values] of Object.entries<any>(byName)) {
      const before = asPlan(values);
      const after = asPlan(values);
      if (type === 'google_compute_backend_service') after.connection_draining_timeout_sec = 60;
      if (type === 'kubernetes_stateful_set_v1') after.spec[0].replicas = '5';
      const address = `${type}.${name}`;
      changes.push({
        address,
        mode: 'managed',
        type,
        name,
        change: { actions: ['update'], before, after, after_unknown: {} },
      });
      planned.push({ address, mode: 'managed', type, name, values: after });
    }
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: { resources: planned } },
    resource_changes: changes,
    configuration: {
      root_module: {
        resources: [
          {
            address: 'google_compute_backend_service.web',
            type: 'google_compute_backend_service',
            expressions: {
              health_checks: { references: ['google_compute_health_check.hc.id'] },
            },
          },
        ],
      },
    },
  };
}

const deep = (levels: number, leaf: unknown = 1): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Values of the wrong kind, size or content, for any place in a document. */
function oddValue(rand: () => number): unknown {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const r = rand();
  if (r < 0.03) return 'n'.repeat(2 ** 20); // 1 MiB
  if (r < 0.06) return deep(300); // beyond the depth limit
  if (r < 0.09) return deep(200); // within it: every reader must survive it
  if (r < 0.11) return Array.from({ length: 5000 }, (_, i) => `x${i}`);
  return pick<unknown>([
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    '',
    ' ',
    '0',
    '-1',
    'NaN',
    'Infinity',
    '\u001b[31mred\u001b[0m',
    '\u001b]0;title\u0007',
    '\u009b2J',
    'a\u0000b\u0007c\u007f',
    'line\nbreak\r\ttab',
    '\u202eevil\u202c',
    '\u2028sep',
    '${google_compute_health_check.missing.id}',
    '${',
    '${data.terraform_remote_state.cross-stack-reference-input-gone.outputs.x}',
    'projects/p/zones/z/instanceGroups/',
    [],
    {},
    [null],
    [[]],
    [{}],
    { '': {} },
    { '\u001b[2J': 'key with escape' },
    'x'.repeat(300),
  ]);
}

/** Every path (list of keys) in a document, found without recursion. */
function paths(doc: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[doc, []]];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    if (p.length > 0) out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...p, i]]));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) stack.push([x, [...p, k]]);
  }
  return out;
}

/** The document with 1 to 3 values (or keys) replaced by odd ones. */
function mutate(doc: any, rand: () => number): any {
  const copy = JSON.parse(JSON.stringify(doc));
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const all = paths(copy);
    if (all.length === 0) return oddValue(rand);
    const p = all[Math.floor(rand() * all.length)];
    let parent = copy;
    for (const k of p.slice(0, -1)) parent = parent[k];
    const last = p[p.length - 1];
    if (rand() < 0.15 && !Array.isArray(parent)) {
      // Rename the key instead: control bytes or a huge key.
      const value = parent[last];
      delete parent[last];
      parent[rand() < 0.3 ? 'k'.repeat(2 ** 16) : `${String(last)}\u001b[1m\u0085`] = value;
    } else parent[last] = oddValue(rand);
  }
  return copy;
}

/** Nesting depth of a document (containers inside containers), found without recursion. */
function depthOf(doc: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[doc, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, d + 1);
    for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  return max;
}

/** Beyond the depth limit of json-input.ts (256). */
const TOO_DEEP = 256;

/**
 * How a document becomes the bytes of a file: mostly JSON, sometimes broken. `wrong` when
 * the file as a whole must be refused: not JSON, UTF-16, not an object, or nested too deep.
 */
function serialize(doc: unknown, rand: () => number): { content: string | Buffer; wrong: boolean } {
  const text = JSON.stringify(doc) ?? 'undefined';
  const wholeWrong =
    doc === null || typeof doc !== 'object' || Array.isArray(doc) || depthOf(doc) > TOO_DEEP;
  const r = rand();
  if (r < 0.75) return { content: text, wrong: wholeWrong };
  if (r < 0.78) return { content: `\ufeff${text}`, wrong: wholeWrong }; // UTF-8 BOM
  const broken = (content: string | Buffer) => ({ content, wrong: true });
  if (r < 0.85) return broken(text.slice(0, Math.floor(rand() * text.length))); // cut mid-token
  if (r < 0.88)
    return broken(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  if (r < 0.92)
    return broken(Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))));
  if (r < 0.95) return broken('');
  return broken(text.replace(/"/, "'")); // one quote wrong
}

const FORMATS = ['text', 'markdown', 'json'];
const LINT_FORMATS = ['text', 'markdown', 'json', 'sarif'];

/** Argument-level oddities: empty, missing, repeated or hostile values of every flag. */
function oddArgv(rand: () => number, base: string[]): string[] {
  const argv = [...base];
  const r = rand();
  const at = Math.floor(rand() * (argv.length + 1));
  if (r < 0.3)
    argv[Math.min(at, argv.length - 1)] = ''; // an empty value anywhere
  else if (r < 0.45) argv.push(['--base', '--plan', '--format', '--fail-on'][at % 4]);
  else if (r < 0.55) argv.push(`--${['base', 'plan', 'format', 'fail-on'][at % 4]}=`);
  else if (r < 0.65) argv.push('--format', '\u001b[31mred\u001b[0m\n');
  else if (r < 0.75) argv.push('--fail-on', 'x'.repeat(10_000));
  else if (r < 0.85) argv.splice(at, 0, '--\u009b');
  else argv.push(...argv.slice(0, 2));
  return argv;
}

/** The n cases of a seed. */
export function generateCases(seed: number, n: number): CliCase[] {
  const rand = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  let wrong = false;
  /** The bytes of a document; remembers whether the file must be refused. */
  const file = (doc: unknown) => {
    const f = serialize(doc, rand);
    wrong ||= f.wrong;
    return f.content;
  };
  const synthFile = (doc: unknown) => ({ 'odd/stacks/a/cdk.tf.json': file(doc) });
  const good = { 'good/stacks/a/cdk.tf.json': JSON.stringify(validSynth()) };
  const cases: CliCase[] = [];
  for (let i = 0; i < n; i++) {
    wrong = false;
    const kind = Math.floor(rand() * 10);
    const fmt = pick(FORMATS);
    const lintFmt = pick(LINT_FORMATS);
    let c: Omit<CliCase, 'mustRefuse'>;
    let always = false; // refused whatever the content
    switch (kind) {
      case 0:
        c = {
          name: 'inventory of an odd synth',
          files: synthFile(mutate(validSynth(), rand)),
          argv: ['{dir}/odd', '--format', fmt],
        };
        break;
      case 1:
        c = {
          name: '--base: odd synth against a valid one',
          files: { ...good, ...synthFile(mutate(validSynth(), rand)) },
          argv:
            rand() < 0.5
              ? ['{dir}/odd', '--base', '{dir}/good']
              : ['{dir}/good', '--base', '{dir}/odd'],
        };
        c = { ...c, argv: [...c.argv, '--format', fmt] };
        break;
      case 2:
      case 3:
        c = {
          name: '--plan: odd plan',
          files: { ...good, 'plan.json': file(mutate(validPlan(), rand)) },
          argv: ['{dir}/good', '--plan', '{dir}/plan.json', '--format', fmt, '--fail-on', 'low'],
        };
        break;
      case 4:
        c = {
          name: 'lint of an odd synth',
          files: synthFile(mutate(validSynth(), rand)),
          argv: ['lint', '{dir}/odd', '--format', lintFmt],
        };
        break;
      case 5:
      case 6:
        c = {
          name: 'lint of an odd plan',
          files: { 'plan.json': file(mutate(validPlan(), rand)) },
          argv: ['lint', '{dir}/plan.json', '--format', lintFmt],
        };
        break;
      case 7: {
        // A plan that is an empty object is refused too (no format_version); a stack that is
        // one is a stack without resources.
        const onPlan = rand() < 0.5;
        const value = oddValue(rand);
        c = {
          name: 'a whole document of the wrong type',
          files: onPlan
            ? { ...good, 'plan.json': file(value) }
            : { ...good, 'odd/stacks/a/cdk.tf.json': file(value) },
          argv: onPlan
            ? pick([
                ['{dir}/good', '--plan', '{dir}/plan.json'],
                ['lint', '{dir}/plan.json'],
              ])
            : pick([['{dir}/odd'], ['{dir}/good', '--base', '{dir}/odd'], ['lint', '{dir}/odd']]),
        };
        always = onPlan;
        break;
      }
      case 8: {
        const shapes: [string, CliCase['files']][] = [
          ['stacks is a file', { 'odd/stacks': 'x' }],
          ['no stacks', { 'odd/other': 'x' }],
          ['a stack without cdk.tf.json', { ...good, 'odd/stacks/a/notes.txt': 'x' }],
          ['cdk.tf.json is a directory', { 'odd/stacks/a/cdk.tf.json': { dir: true } }],
          ['a stack is a broken link', { 'odd/stacks/a': { symlink: 'nowhere' } }],
          ['a stack links to itself', { 'odd/stacks/a': { symlink: 'a' } }],
          ['the synth dir is a file', { odd: 'x' }],
          ['an empty stacks directory', { 'odd/stacks': { dir: true } }],
        ];
        const [name, files] = pick(shapes);
        always = true;
        c = {
          name,
          files: { ...good, ...files },
          argv: pick([['{dir}/odd'], ['{dir}/good', '--base', '{dir}/odd'], ['lint', '{dir}/odd']]),
        };
        break;
      }
      default: {
        const base = pick([
          ['{dir}/good'],
          ['{dir}/good', '--base', '{dir}/good'],
          ['{dir}/good', '--plan', '{dir}/plan.json'],
          ['lint', '{dir}/good'],
          ['lint', '{dir}/plan.json'],
        ]);
        always = true;
        c = {
          name: 'odd arguments',
          files: { ...good, 'plan.json': JSON.stringify(validPlan()) },
          argv: oddArgv(rand, base),
        };
      }
    }
    cases.push({ ...c, name: `#${i} ${c.name}`, mustRefuse: always || wrong });
  }
  return cases;
}

/** Writes a case's files under `dir`. */
export function writeCase(dir: string, c: CliCase): void {
  for (const [rel, content] of Object.entries(c.files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (typeof content === 'object' && 'symlink' in content) fs.symlinkSync(content.symlink, file);
    else if (typeof content === 'object' && 'dir' in content)
      fs.mkdirSync(file, { recursive: true });
    else fs.writeFileSync(file, content);
  }
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** What a result breaks of the contract (empty when nothing). */
export function problemsOf(c: CliCase, r: ReviewResult | undefined, thrown?: unknown): string[] {
  if (thrown !== undefined)
    return [
      `threw ${String((thrown as Error)?.stack ?? thrown)
        .split('\n')
        .slice(0, 3)
        .join(' | ')}`,
    ];
  if (!r) return ['no result'];
  const out: string[] = [];
  if (![0, 1, 2].includes(r.code)) out.push(`exit ${r.code}`);
  if (c.mustRefuse && r.code !== 2)
    out.push(`input that must be refused passed with exit ${r.code} (a silent pass)`);
  if (r.code === 2) {
    if (r.stdout !== '') out.push('exit 2 with output on stdout');
    if (!/^[^\n]+\n$/.test(r.stderr))
      out.push(
        `exit 2 without exactly one line on stderr: ${JSON.stringify(r.stderr.slice(0, 300))}`,
      );
  } else if (r.stderr !== '')
    out.push(`exit ${r.code} with stderr ${JSON.stringify(r.stderr.slice(0, 200))}`);
  for (const [stream, text] of [
    ['stdout', r.stdout],
    ['stderr', r.stderr],
  ] as const) {
    if (STACK_TRACE.test(text)) out.push(`a stack trace on ${stream}`);
    if (UNSAFE.test(text))
      out.push(`a raw control character on ${stream}: ${JSON.stringify(UNSAFE.exec(text)![0])}`);
  }
  const fmt = c.argv[c.argv.indexOf('--format') + 1];
  if (r.code !== 2 && c.argv.includes('--format') && (fmt === 'json' || fmt === 'sarif')) {
    try {
      JSON.parse(r.stdout);
    } catch {
      out.push('JSON output does not parse');
    }
  }
  return out;
}

/** Runs one case in `dir` (a fresh directory): the result, its problems and its time. */
export function runCase(
  dir: string,
  c: CliCase,
): { result?: ReviewResult; problems: string[]; ms: number } {
  writeCase(dir, c);
  const argv = c.argv.map((a) => a.split('{dir}').join(dir));
  const t0 = process.hrtime.bigint();
  let result: ReviewResult | undefined;
  let thrown: unknown;
  try {
    result = runReview(argv);
  } catch (e) {
    thrown = e;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { result, problems: problemsOf(c, result, thrown), ms };
}
