/**
 * `affinity-review lint <synth-dir | plan.json>`: the registry's rules over Terraform resource
 * values, from a cdktf synth output directory or `terraform show -json` of a plan (so HCL
 * projects get them too). The rules are the constructs' own functions (lib/checks).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CheckFinding, checkResources } from '../checks/resource-checks';
import { TfResource, resourcesFromPlan, resourcesFromSynth } from '../terraform/resource';
import { RuleLevel, RuleRegistry } from '../core/rule-registry';
import { ReviewInputError, readJson, readSynthDir } from './synth-dir';

export type LintFormat = 'text' | 'markdown' | 'json' | 'sarif';
export type LintFailOn = 'error' | 'warning' | 'never';
const FORMATS: LintFormat[] = ['text', 'markdown', 'json', 'sarif'];
const FAIL_ON: LintFailOn[] = ['error', 'warning', 'never'];

/** Where each rule is documented (its anchor in docs/RULES.md). */
const RULES_DOC =
  'https://github.com/cdktf-affinity-draining/cdktf-affinity-draining/blob/main/docs/RULES.md';
export const ruleHelpUri = (id: string): string => `${RULES_DOC}#${RuleRegistry.anchor(id)}`;

export const LINT_USAGE =
  'usage: affinity-review lint <synth-dir | plan.json> [--format text|markdown|json|sarif] [--fail-on error|warning|never]';

/** What was linted: the resources and, per source, the file they were read from. */
interface LintInput {
  readonly resources: TfResource[];
  readonly files: Map<string, string>;
}

function readInput(target: string): LintInput {
  if (!fs.existsSync(target))
    throw new ReviewInputError(
      `${target} does not exist (expected a cdktf synth directory or a plan JSON file)`,
    );
  if (fs.statSync(target).isDirectory()) {
    const stacks = readSynthDir(target);
    const files = new Map<string, string>();
    const resources = Object.entries(stacks).flatMap(([stack, json]) => {
      files.set(stack, path.join(target, 'stacks', stack, 'cdk.tf.json'));
      return resourcesFromSynth(stack, json);
    });
    return { resources, files };
  }
  const json = readJson(target);
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ReviewInputError(
      `${target} is not a JSON object: not a plan (terraform show -json) or a synthesized stack`,
    );
  const source = path.basename(target);
  if (typeof json.format_version === 'string') {
    if (json.format_version.split('.')[0] !== '1')
      throw new ReviewInputError(
        `${target} has format_version ${json.format_version}; this tool reads major version 1 of Terraform's JSON plan format`,
      );
    if (json.planned_values === undefined && json.values !== undefined)
      throw new ReviewInputError(
        `${target} is a Terraform state, not a plan; run terraform plan -out=plan.bin, then terraform show -json plan.bin`,
      );
    if (typeof json.planned_values !== 'object' || json.planned_values === null)
      throw new ReviewInputError(
        `${target} has no planned_values: not the output of terraform show -json <plan>`,
      );
    return { resources: resourcesFromPlan(source, json), files: new Map([[source, target]]) };
  }
  if (typeof json.resource === 'object' && json.resource !== null)
    return { resources: resourcesFromSynth(source, json), files: new Map([[source, target]]) };
  throw new ReviewInputError(
    `${target} is neither a plan (no format_version) nor a synthesized stack (no resource block)`,
  );
}

/** The line of a resource in its file, for code-scanning annotations (1 when not found). */
function lineOf(text: string | undefined, f: CheckFinding): number {
  if (!text) return 1;
  const name = f.resource.address.split('.').pop()!;
  let at = text.indexOf(`"address": "${f.resource.address}"`);
  if (at < 0) {
    const typeAt = text.indexOf(`"${f.resource.type}": {`);
    at = typeAt < 0 ? -1 : text.indexOf(`"${name}": {`, typeAt);
  }
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

function sarif(findings: CheckFinding[], input: LintInput): string {
  const ids = [...new Set(findings.map((f) => f.rule))].sort();
  const texts = new Map<string, string | undefined>();
  const text = (file: string) => {
    if (!texts.has(file))
      texts.set(file, fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
    return texts.get(file);
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'affinity-review lint',
            informationUri: RULES_DOC,
            rules: ids.map((id) => {
              const r = RuleRegistry.find(id)!;
              return {
                id,
                name: r.title
                  .replace(/[^A-Za-z0-9]+/g, ' ')
                  .trim()
                  .replace(/ (\w)/g, (_m, c: string) => c.toUpperCase()),
                shortDescription: { text: r.title },
                fullDescription: { text: r.checks },
                helpUri: ruleHelpUri(id),
                defaultConfiguration: {
                  level: r.levels.includes(RuleLevel.ERROR) ? 'error' : 'warning',
                },
              };
            }),
          },
        },
        results: findings.map((f) => {
          const file = input.files.get(f.resource.source) ?? f.resource.source;
          return {
            ruleId: f.rule,
            ruleIndex: ids.indexOf(f.rule),
            level: f.level === RuleLevel.ERROR ? 'error' : 'warning',
            message: {
              text: `${f.resource.address}: ${f.attribute} ${f.value} ${f.problem} (allowed: ${f.allowed}); fix: ${f.fix}`,
            },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.split(path.sep).join('/') },
                  region: { startLine: lineOf(text(file), f) },
                },
                logicalLocations: [{ fullyQualifiedName: f.resource.address, kind: 'resource' }],
              },
            ],
            ...(f.suppressedBecause !== undefined
              ? { suppressions: [{ kind: 'inSource', justification: f.suppressedBecause }] }
              : {}),
          };
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function format(findings: CheckFinding[], input: LintInput, fmt: LintFormat): string {
  const active = findings.filter((f) => f.suppressedBecause === undefined);
  const errors = active.filter((f) => f.level === RuleLevel.ERROR).length;
  const summary = `${errors} error(s), ${active.length - errors} warning(s), ${findings.length - active.length} suppressed, in ${input.resources.length} resource(s)`;
  if (fmt === 'sarif') return sarif(findings, input);
  if (fmt === 'json')
    return JSON.stringify({
      findings: findings.map((f) => ({
        rule: f.rule,
        level: f.level,
        source: f.resource.source,
        address: f.resource.address,
        type: f.resource.type,
        attribute: f.attribute,
        value: f.value,
        problem: f.problem,
        allowed: f.allowed,
        fix: f.fix,
        help: ruleHelpUri(f.rule),
        ...(f.suppressedBecause !== undefined ? { suppressed: f.suppressedBecause } : {}),
      })),
      summary: {
        errors,
        warnings: active.length - errors,
        suppressed: findings.length - active.length,
        resources: input.resources.length,
      },
    });
  if (fmt === 'markdown') {
    const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const rows = active.map(
      (f) =>
        `| ${f.level} | [${f.rule}](${ruleHelpUri(f.rule)}) | \`${cell(f.resource.address)}\` (${cell(f.resource.source)}) | \`${cell(f.attribute)}\` ${cell(f.value)} ${cell(f.problem)} | ${cell(f.fix)} |`,
    );
    return [
      '## affinity-review lint',
      '',
      summary,
      ...(rows.length
        ? [
            '',
            '| level | rule | resource | finding | fix |',
            '| --- | --- | --- | --- | --- |',
            ...rows,
          ]
        : []),
    ].join('\n');
  }
  const lines = active.map(
    (f) =>
      `${f.level === RuleLevel.ERROR ? 'ERROR' : 'WARN '} ${f.resource.source} ${f.resource.address}: ${f.attribute} ${f.value} ${f.problem} (allowed: ${f.allowed}); fix: ${f.fix} [rule ${f.rule}] ${ruleHelpUri(f.rule)}`,
  );
  return [...lines, summary].join('\n');
}

/** Lint results: exit code 0 clean, 1 findings at or above --fail-on, 2 bad input. */
export function runLint(argv: string[]): { code: number; stdout: string; stderr: string } {
  try {
    let fmt: LintFormat = 'text';
    let failOn: LintFailOn = 'error';
    const positional: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      const value = () => {
        const v = argv[++i];
        if (v === undefined) throw new ReviewInputError(`${arg} needs a value; ${LINT_USAGE}`);
        return v;
      };
      if (arg === '--format') {
        const v = value();
        if (!FORMATS.includes(v as LintFormat))
          throw new ReviewInputError(`--format ${v} is not one of ${FORMATS.join(', ')}`);
        fmt = v as LintFormat;
      } else if (arg === '--fail-on') {
        const v = value();
        if (!FAIL_ON.includes(v as LintFailOn))
          throw new ReviewInputError(`--fail-on ${v} is not one of ${FAIL_ON.join(', ')}`);
        failOn = v as LintFailOn;
      } else if (arg.startsWith('-')) {
        throw new ReviewInputError(`unknown option ${arg}; ${LINT_USAGE}`);
      } else positional.push(arg);
    }
    if (positional.length !== 1)
      throw new ReviewInputError(
        `one <synth-dir | plan.json> expected, got ${positional.length}; ${LINT_USAGE}`,
      );
    const input = readInput(positional[0]);
    const findings = checkResources(input.resources);
    const active = findings.filter((f) => f.suppressedBecause === undefined);
    const failing =
      failOn === 'never'
        ? false
        : active.some((f) => failOn === 'warning' || f.level === RuleLevel.ERROR);
    return { code: failing ? 1 : 0, stdout: `${format(findings, input, fmt)}\n`, stderr: '' };
  } catch (e) {
    if (e instanceof ReviewInputError)
      return { code: 2, stdout: '', stderr: `affinity-review lint: ${e.message}\n` };
    if (e instanceof TypeError || e instanceof RangeError)
      return {
        code: 2,
        stdout: '',
        stderr: `affinity-review lint: the input has an unexpected shape (${e.message.split('\n')[0]})\n`,
      };
    throw e;
  }
}
