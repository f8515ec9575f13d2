#!/usr/bin/env node
/**
 * affinity-review: what a change does to sticky sessions and draining.
 *
 *   affinity-review <synth-dir>                          inventory
 *   affinity-review <synth-dir> --base <old-synth-dir>   changes between two synth outputs
 *   affinity-review <synth-dir> --plan <plan.json>       changes in `terraform show -json` output
 *   affinity-review lint <synth-dir | plan.json>         the rules over any Terraform (lint.ts)
 *   --format text|markdown|json   (default text)
 *   --fail-on high|medium|low|never (default high)
 *
 * Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 bad input.
 */
import { compareInventories } from './compare';
import { ReportSink, ReviewFormat, inputErrorLine, writeFindings, writeInventory } from './format';
import { SessionPathInput, sessionPathDiagrams } from './mermaid';
import { Finding, Risk } from './model';
import { planReview } from './plan';
import {
  ReviewInputError,
  SynthCache,
  inventoryEntriesFromSynthDir,
  inventoryFromSynthDir,
  readSynthDir,
} from './synth-dir';

const USAGE =
  'usage: affinity-review <synth-dir> [--base <old-synth-dir> | --plan <plan.json>] [--format text|markdown|json] [--fail-on high|medium|low|never], or affinity-review lint --help';

const FORMATS: ReviewFormat[] = ['text', 'markdown', 'json'];
const THRESHOLDS = ['high', 'medium', 'low', 'never'];
const RANK: Record<Risk, number> = { high: 3, medium: 2, low: 1 };

/** What a run printed and its exit code. */
export interface ReviewResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface Options {
  dir: string;
  base?: string;
  plan?: string;
  format: ReviewFormat;
  failOn: string;
}

function parse(argv: string[]): Options {
  const o: Partial<Options> = { format: 'text', failOn: 'high' };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new ReviewInputError(`${flag} needs a value; ${USAGE}`);
      // An empty value (a CI variable that was never set) is an error, never "no option".
      if (v.trim() === '') throw new ReviewInputError(`${flag} is given an empty value; ${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--base':
        o.base = value();
        break;
      case '--plan':
        o.plan = value();
        break;
      case '--format': {
        const v = value();
        if (!FORMATS.includes(v as ReviewFormat))
          throw new ReviewInputError(`--format ${v} is not one of ${FORMATS.join(', ')}`);
        o.format = v as ReviewFormat;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!THRESHOLDS.includes(v))
          throw new ReviewInputError(`--fail-on ${v} is not one of ${THRESHOLDS.join(', ')}`);
        o.failOn = v;
        break;
      }
      default:
        if (arg.startsWith('-')) throw new ReviewInputError(`unknown option ${arg}; ${USAGE}`);
        positional.push(arg);
    }
  }
  if (positional.length !== 1)
    throw new ReviewInputError(
      positional.length === 0
        ? `missing <synth-dir>; ${USAGE}`
        : `one <synth-dir> expected, got ${positional.length}; ${USAGE}`,
    );
  if (o.base !== undefined && o.plan !== undefined)
    throw new ReviewInputError('--base and --plan cannot be used together');
  if (positional[0].trim() === '')
    throw new ReviewInputError(`the <synth-dir> argument is empty; ${USAGE}`);
  return { ...(o as Options), dir: positional[0] };
}

/**
 * Runs the review with the given arguments (no process exit; the CLI wrapper below does that).
 * With `write`, the report goes to it piece by piece as it is rendered, and `stdout` is empty:
 * the CLI streams a report of many megabytes to stdout instead of building it as one string.
 */
export function runReview(argv: string[], write?: ReportSink): ReviewResult {
  if (argv[0] === 'lint') {
    // Loaded only for lint: it runs the constructs' rule functions, which load cdktf.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runLint, LINT_USAGE } = require('./lint') as typeof import('./lint');
    const rest = argv.slice(1);
    if (rest.includes('--help') || rest.includes('-h'))
      return { code: 0, stdout: `${LINT_USAGE}\n`, stderr: '' };
    return runLint(rest);
  }
  if (argv.includes('--help') || argv.includes('-h'))
    return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  const parts: string[] = [];
  const out: ReportSink = write ?? ((chunk) => parts.push(chunk));
  try {
    const o = parse(argv);
    if (o.base === undefined && o.plan === undefined) {
      // Read stack by stack, each stack's JSON dropped once its entries are read.
      writeInventory(inventoryEntriesFromSynthDir(o.dir), o.format, out);
      out('\n');
      return { code: 0, stdout: parts.join(''), stderr: '' };
    }
    const cache = new SynthCache();
    let paths: SessionPathInput | undefined;
    let findings: Finding[];
    if (o.plan !== undefined) {
      const plan = planReview(o.plan, readSynthDir(o.dir), o.format === 'markdown');
      findings = plan.findings;
      paths = plan.paths;
    } else {
      const before = inventoryFromSynthDir(o.base!, cache);
      const after = inventoryFromSynthDir(o.dir, cache);
      findings = compareInventories(before, after);
      paths = { base: before.resources, current: after.resources };
    }
    const threshold = o.failOn === 'never' ? Infinity : RANK[o.failOn as Risk];
    const failing = findings.some((f) => RANK[f.risk] >= threshold);
    // Markdown only: the session paths the findings are on, as Mermaid diagrams (drawn before
    // anything is written: an error leaves no half report on stdout).
    const diagrams =
      o.format === 'markdown' && paths !== undefined && findings.length > 0
        ? sessionPathDiagrams(findings, paths)
        : '';
    paths = undefined;
    writeFindings(findings, o.format, o.failOn, out);
    if (diagrams !== '') out(`\n\n${diagrams}`);
    out('\n');
    return { code: failing ? 1 : 0, stdout: parts.join(''), stderr: '' };
  } catch (e) {
    return { code: 2, stdout: '', stderr: inputErrorLine('affinity-review', e) };
  }
}

if (require.main === module) {
  let result: ReviewResult;
  try {
    // The report is written as it is rendered (stdout writes are synchronous for files, pipes
    // and terminals on Linux); errors come before any of it.
    result = runReview(process.argv.slice(2), (chunk) => process.stdout.write(chunk));
  } catch (e) {
    // lint's own catch covers its run; this covers loading it (never a stack trace).
    result = { code: 2, stdout: '', stderr: inputErrorLine('affinity-review', e) };
  }
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
