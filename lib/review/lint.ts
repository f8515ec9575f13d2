/**
 * `affinity-review lint <synth-dir | plan.json>`: the registry's rules over Terraform resource
 * values, from a cdktf synth output directory or `terraform show -json` of a plan (so HCL
 * projects get them too). The rules are the constructs' own functions (lib/checks).
 */
import * as fs from 'fs';
import * as path from 'path';
import { CheckFinding, checkResources } from '../checks/resource-checks';
import { TfResource, resourcesFromPlan, resourcesFromSynth } from '../terraform/resource';
import { RuleLevel, RulePlatform, RuleRegistry } from '../core/rule-registry';
import { display, inputErrorLine, safeJson } from './format';
import { ReviewInputError, isJsonObject, kindOf, statOrFail } from './json-input';
import { checkSynthShape, readJson, readSynthDir } from './synth-dir';
import { toolVersion } from './version';

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

/**
 * Checks the parts of a plan that lint reads: `planned_values` and `configuration`, their
 * modules (iteratively: the nesting was bounded when the file was read) and resources. Wrong
 * types are refused with a one-line reason instead of being skipped as "no resources".
 */
function checkPlanShape(file: string, plan: Record<string, any>): void {
  const pv = plan.planned_values;
  if (!isJsonObject(pv))
    throw new ReviewInputError(
      `${file}: planned_values is not an object (it is ${kindOf(pv)}): not the output of terraform show -json <plan>`,
    );
  const modules: [string, unknown, 'planned' | 'configuration'][] = [];
  if (pv.root_module !== undefined)
    modules.push(['planned_values.root_module', pv.root_module, 'planned']);
  const config = plan.configuration;
  if (config !== undefined) {
    if (!isJsonObject(config))
      throw new ReviewInputError(
        `${file}: configuration is not an object (it is ${kindOf(config)})`,
      );
    if (config.root_module !== undefined)
      modules.push(['configuration.root_module', config.root_module, 'configuration']);
  }
  const changes = plan.resource_changes;
  if (changes !== undefined && !Array.isArray(changes))
    throw new ReviewInputError(
      `${file}: resource_changes is not a list (it is ${kindOf(changes)})`,
    );
  for (let m = modules.shift(); m !== undefined; m = modules.shift()) {
    const [at, module, kind] = m;
    if (!isJsonObject(module))
      throw new ReviewInputError(`${file}: ${at} is not an object (it is ${kindOf(module)})`);
    const resources = module.resources ?? [];
    if (!Array.isArray(resources))
      throw new ReviewInputError(
        `${file}: ${at}.resources is not a list (it is ${kindOf(resources)})`,
      );
    resources.forEach((r: unknown, i: number) => {
      if (!isJsonObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string')
        throw new ReviewInputError(
          `${file}: ${at}.resources[${i}] is not an object with a string address and type`,
        );
      if (kind === 'planned' && r.values !== undefined && !isJsonObject(r.values))
        throw new ReviewInputError(
          `${file}: ${at}.resources[${i}] (${r.address}): values is not an object (it is ${kindOf(r.values)})`,
        );
    });
    if (kind === 'planned') {
      const children = module.child_modules ?? [];
      if (!Array.isArray(children))
        throw new ReviewInputError(
          `${file}: ${at}.child_modules is not a list (it is ${kindOf(children)})`,
        );
      children.forEach((c: unknown, i: number) =>
        modules.push([`${at}.child_modules[${i}]`, c, kind]),
      );
    } else {
      const calls = module.module_calls ?? {};
      if (!isJsonObject(calls))
        throw new ReviewInputError(
          `${file}: ${at}.module_calls is not an object (it is ${kindOf(calls)})`,
        );
      for (const [name, call] of Object.entries(calls)) {
        if (!isJsonObject(call))
          throw new ReviewInputError(
            `${file}: ${at}.module_calls.${name} is not an object (it is ${kindOf(call)})`,
          );
        if (call.module !== undefined)
          modules.push([`${at}.module_calls.${name}.module`, call.module, kind]);
      }
    }
  }
}

function readInput(target: string): LintInput {
  if (target.trim() === '')
    throw new ReviewInputError(
      'the <synth-dir | plan.json> argument is empty (expected a cdktf synth directory or a plan JSON file)',
    );
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new ReviewInputError(
        `${target} does not exist (expected a cdktf synth directory or a plan JSON file)`,
      );
    st = statOrFail(target);
  }
  if (st.isDirectory()) {
    const stacks = readSynthDir(target);
    const files = new Map<string, string>();
    const resources = Object.entries(stacks).flatMap(([stack, json]) => {
      files.set(stack, path.join(target, 'stacks', stack, 'cdk.tf.json'));
      return resourcesFromSynth(stack, json);
    });
    return { resources, files };
  }
  const json = readJson(target);
  if (!isJsonObject(json))
    throw new ReviewInputError(
      `${target} is not a JSON object (it is ${kindOf(json)}): not a plan (terraform show -json) or a synthesized stack`,
    );
  const source = path.basename(target);
  if (json.format_version !== undefined) {
    if (typeof json.format_version !== 'string')
      throw new ReviewInputError(
        `${target}: format_version is not a string such as "1.2" (it is ${kindOf(json.format_version)})`,
      );
    if (json.format_version.split('.')[0] !== '1')
      throw new ReviewInputError(
        `${target} has format_version ${json.format_version}; this tool reads major version 1 of Terraform's JSON plan format`,
      );
    if (json.planned_values === undefined && json.values !== undefined)
      throw new ReviewInputError(
        `${target} is a Terraform state, not a plan; run terraform plan -out=plan.bin, then terraform show -json plan.bin`,
      );
    if (json.planned_values === undefined)
      throw new ReviewInputError(
        `${target} has no planned_values: not the output of terraform show -json <plan>`,
      );
    checkPlanShape(target, json);
    return { resources: resourcesFromPlan(source, json), files: new Map([[source, target]]) };
  }
  if (json.resource !== undefined) {
    checkSynthShape(target, json);
    return { resources: resourcesFromSynth(source, json), files: new Map([[source, target]]) };
  }
  throw new ReviewInputError(
    typeof json.lineage === 'string' && json.serial !== undefined
      ? `${target} is a Terraform state file (terraform.tfstate), not a plan; run terraform plan -out=plan.bin, then terraform show -json plan.bin`
      : `${target} is neither a plan (no format_version) nor a synthesized stack (no resource block)`,
  );
}

/**
 * Where the resources of one file are, found in one pass over its text (looking each finding
 * up in the whole text would be quadratic on a large plan): the line of a plan resource's
 * `"address": "..."`, or of a synth resource's `"<name>": {` after its `"<type>": {`.
 */
class ResourceLines {
  private readonly lineStarts: number[] = [0];
  private readonly addresses = new Map<string, number>();
  private readonly keys = new Map<string, number[]>();

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
      this.lineStarts.push(i + 1);
    for (const m of text.matchAll(/"address": "((?:[^"\\]|\\.)*)"/g))
      if (!this.addresses.has(m[1])) this.addresses.set(m[1], m.index);
    for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)": \{/g)) {
      const list = this.keys.get(m[1]) ?? [];
      list.push(m.index);
      this.keys.set(m[1], list);
    }
  }

  /** The line (from 1) of a finding's resource; 1 when it is not found. */
  public lineOf(f: CheckFinding): number {
    let at = this.addresses.get(f.resource.address) ?? -1;
    if (at < 0) {
      const typeAt = this.keys.get(f.resource.type)?.[0];
      const names = this.keys.get(f.resource.address.split('.').pop()!) ?? [];
      if (typeAt !== undefined) at = names[this.firstAtOrAfter(names, typeAt)] ?? -1;
    }
    return at < 0 ? 1 : this.firstAtOrAfter(this.lineStarts, at + 1);
  }

  /** Index of the first element of an ascending list that is >= value (binary search). */
  private firstAtOrAfter(list: number[], value: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function sarif(findings: CheckFinding[], input: LintInput): string {
  const ids = [...new Set(findings.map((f) => f.rule))].sort();
  const indexes = new Map<string, ResourceLines | undefined>();
  const lineOf = (file: string, f: CheckFinding): number => {
    if (!indexes.has(file)) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        text = undefined; // read once already; a line number is only a hint
      }
      indexes.set(file, text === undefined ? undefined : new ResourceLines(text));
    }
    return indexes.get(file)?.lineOf(f) ?? 1;
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'affinity-review lint',
            version: toolVersion(),
            // GitHub code scanning reads semanticVersion and each rule's help and tags
            // (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#toolcomponent-object).
            semanticVersion: toolVersion(),
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
                help: {
                  text: `${r.checks} Source: ${r.source}. ${ruleHelpUri(id)}`,
                  markdown: `${r.checks}\n\nSource: ${r.source}\n\n[Rule ${id} in RULES.md](${ruleHelpUri(id)})`,
                },
                properties: {
                  tags: [r.platform, ...r.basis].filter((t) => t !== RulePlatform.ALL),
                },
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
                  region: { startLine: lineOf(file, f) },
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
  return safeJson(log, 2);
}

function format(findings: CheckFinding[], input: LintInput, fmt: LintFormat): string {
  const active = findings.filter((f) => f.suppressedBecause === undefined);
  const errors = active.filter((f) => f.level === RuleLevel.ERROR).length;
  const summary = `${errors} error(s), ${active.length - errors} warning(s), ${findings.length - active.length} suppressed, in ${input.resources.length} resource(s)`;
  if (fmt === 'sarif') return sarif(findings, input);
  if (fmt === 'json')
    return safeJson({
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
    const cell = (s: unknown) => display(s).replace(/\|/g, '\\|');
    const rows = active.map(
      (f) =>
        `| ${f.level} | [${f.rule}](${ruleHelpUri(f.rule)}) | \`${cell(f.resource.address)}\` (${cell(f.resource.source)}) | \`${cell(f.attribute)}\` ${cell(f.value)} ${cell(f.problem)} (allowed: ${cell(f.allowed)}) | ${cell(f.fix)} |`,
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
  const d = display;
  const lines = active.map(
    (f) =>
      `${f.level === RuleLevel.ERROR ? 'ERROR' : 'WARN '} ${d(f.resource.source)} ${d(f.resource.address)}: ${d(f.attribute)} ${d(f.value)} ${d(f.problem)} (allowed: ${d(f.allowed)}); fix: ${d(f.fix)} [rule ${f.rule}] ${ruleHelpUri(f.rule)}`,
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
        if (v.trim() === '')
          throw new ReviewInputError(`${arg} is given an empty value; ${LINT_USAGE}`);
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
    return { code: 2, stdout: '', stderr: inputErrorLine('affinity-review lint', e) };
  }
}
