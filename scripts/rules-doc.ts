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
