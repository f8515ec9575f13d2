/**
 * Writes docs/RULES.md from the rule registry (`npm run docs:rules`). A test compares the
 * checked-in file with `renderRulesDoc()`, so the document cannot drift from the code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RuleDefinition, RuleLevel, RuleRegistry } from '../lib/core/rule-registry';

const cell = (text: string) => text.replace(/\|/g, '\\|');

function ruleSection(r: RuleDefinition): string {
  const levels = r.levels.map((l) => (l === RuleLevel.ERROR ? 'error' : 'warning')).join(', ');
  return [
    `### ${r.id}`,
    '',
    `**${r.title}** (${levels}; ${r.platform})`,
    '',
    r.checks,
    '',
    `- Basis of its levels: ${r.basis.join(', ')}`,
    ...(r.standard ? [`- Standard: ${r.standard}`] : []),
    `- Enforced by: ${r.enforcedBy.join(', ')}`,
    `- Source: <${r.source}>`,
    '',
  ].join('\n');
}

/** The whole document. */
export function renderRulesDoc(): string {
  const rules = RuleRegistry.all();
  const platforms = [...new Set(rules.map((r) => r.platform))];
  const index = rules
    .map(
      (r) =>
        `| [${r.id}](#${RuleRegistry.anchor(r.id)}) | ${cell(r.title)} | ${r.levels.join(', ')} | ${r.platform} |`,
    )
    .join('\n');
  const sections = platforms
    .map((p) =>
      [`## ${p}`, '', ...rules.filter((r) => r.platform === p).map(ruleSection)].join('\n'),
    )
    .join('\n');
  return [
    '# Rules',
    '',
    '<!-- Generated from lib/core/rule-registry.ts by `npm run docs:rules`; do not edit. -->',
    '',
    'Every rule this library checks at synth time. An error fails `cdktf synth`; a warning is',
    'printed and the synth goes on. Every message ends with `[rule <id>]`, the anchor of its',
    'rule below, and names the construct path, the attribute, the value given, what is allowed',
    'and the fix. Values that are unresolved cdktf tokens (variables, `Fn` calls, references)',
    'are rendered unchanged; checks that need the value are skipped for them.',
    '',
    '## What the levels mean',
    '',
    'Each rule states the basis of its levels, and a test over this registry holds every rule to',
    'it:',
    '',
    '- **error** means the configuration cannot work: the provider, the API or the consuming',
    '  controller refuses it (*refused*: the source says where), or the traffic path provably',
    '  fails (*broken path*).',
    '- **warning** means it is accepted, but ignored or without effect (*ignored*), probably not',
    '  what was meant (*risky*), or short of a named security standard (*standard*), which flags',
    '  exactly what that standard requires.',
    '- The constructs are stricter than the platform in one way (*contract*): they refuse to',
    '  render a setting that would be ignored, an insecure frontend or pod, or props of the',
    '  wrong type, so nothing is dropped silently. On Terraform that others wrote (the',
    '  `AffinityChecks` Aspect and `affinity-review lint`), a finding is an error only when its',
    '  basis is *refused* or *broken path*; every other finding is a warning.',
    '- *Refused* means refused by hashicorp/google 6.50.0, the provider this package pins. A',
    '  value that a later provider version accepts (a regional INTERNAL_SELF_MANAGED backend',
    '  service from 7.24.0, TLS_1_3 and FIPS_202205 SSL policies from 7.17.0) is an error on',
    "  Terraform that others wrote only when the configuration's `required_providers` admits no",
    '  version that accepts it; a warning when it leaves the version open; and no finding when it',
    '  admits only versions that accept it.',
    '- Values known only at plan or apply (`${...}` references, variables, values a plan marks as',
    '  known after apply) and fields the provider leaves to the API are never judged.',
    '',
    `${rules.length} rules.`,
    '',
    '| Id | Rule | Levels | Platform |',
    '|---|---|---|---|',
    index,
    '',
    sections,
  ].join('\n');
}

if (require.main === module) {
  const out = path.join(__dirname, '..', '..', 'docs', 'RULES.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, renderRulesDoc());
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
