/** Renders an inventory or findings as text (a terminal table), markdown (a PR comment) or JSON. */
import { BackendServiceEntry, Entry, Finding, Inventory, Risk } from './model';

/** Output formats of the review. */
export type ReviewFormat = 'text' | 'markdown' | 'json';

const RISK_LABEL: Record<Risk, string> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

/** Text output is at most this wide; markdown and JSON carry the full text. */
export const TEXT_WIDTH = 120;

/** Word-wraps `text` to `width` (keeping its leading spaces); later lines start with `indent`. */
export function wrap(text: string, width = TEXT_WIDTH, indent = ''): string[] {
  const lines: string[] = [];
  let line = /^\s*/.exec(text)![0];
  let empty = true;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line = empty ? line + word : `${line} ${word}`;
    empty = false;
    // A single word longer than the width is cut.
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = indent + line.slice(width);
    }
  }
  if (!empty) lines.push(line);
  return lines;
}

/** The text form of the inventory: one block per entry, wrapped to the text width. */
function textBlocks(entries: Entry[], kind: Entry['kind']): string[] {
  const out: string[] = [];
  const block = (head: string, details: string[]) => {
    out.push(...wrap(`  ${head}`, TEXT_WIDTH, '      '));
    for (const d of details) out.push(...wrap(`    ${d}`, TEXT_WIDTH, '      '));
  };
  for (const e of entries) {
    if (e.kind !== kind) continue;
    switch (e.kind) {
      case 'backend-service':
        block(
          `${e.gkeObject ? `${e.gkeObject} ` : ''}${e.name}${e.region ? ` (${e.region})` : ''}  [${e.stack}]  ${e.scheme} ${e.protocol}`,
          [
            `affinity ${e.affinity}, ttl ${ttl(e)}; draining ${e.drainingSeconds}s${e.drainingImplicit ? (e.gkeObject ? ' (GKE default)' : ' (provider default)') : ''}${e.timeoutSeconds !== undefined ? `; timeout ${e.timeoutSeconds}s` : ''}`,
            `health check ${
              e.healthCheck
                ? `${e.healthCheck.protocol} :${e.healthCheck.port ?? 'serving'} ${e.healthCheck.path ?? ''} ${e.healthCheck.intervalSeconds}s/${e.healthCheck.timeoutSeconds}s`.replace(
                    /\s+/g,
                    ' ',
                  )
                : '-'
            }`,
            `backends ${e.backends.map((b) => `${b.group} x${b.capacityScaler ?? 1}`).join(', ') || '-'}`,
          ],
        );
        break;
      case 'instance-group':
        block(`${e.name}${e.zone ? ` (${e.zone})` : ''}  [${e.stack}]`, [
          `target size ${e.targetSize ?? 'unset'}, autoscaler ${
            e.autoscalerMax !== undefined ? `${e.autoscalerMin ?? 0}..${e.autoscalerMax}` : 'none'
          }, update policy ${e.updatePolicy ?? 'default'}`,
        ]);
        break;
      case 'k8s-service':
        block(`${e.name}  [${e.stack}]`, [
          `${e.headless ? 'headless' : 'ClusterIP'}, affinity ${e.sessionAffinity}${
            e.clientIpTimeoutSeconds !== undefined ? ` ${e.clientIpTimeoutSeconds}s` : ''
          }${e.pinnedPod ? `, pins ${e.pinnedPod}` : ''}`,
        ]);
        break;
      case 'statefulset':
        block(`${e.name}  [${e.stack}]`, [
          `replicas ${e.replicas ?? '-'}, grace ${e.gracePeriodSeconds === undefined ? 'default (30s)' : `${e.gracePeriodSeconds}s`}, preStop drain ${
            e.preStop
              ? e.preStopDrainSeconds !== undefined
                ? `up to ${e.preStopDrainSeconds}s`
                : 'yes'
              : 'none'
          }, PDB ${e.pdb ?? 'none'}`,
        ]);
        break;
    }
  }
  return out;
}

function ttl(e: BackendServiceEntry): string {
  if (e.affinity === 'HEADER_FIELD') return `header ${e.affinityHeader ?? '?'} (no TTL)`;
  if (e.ttlSeconds === undefined)
    return ['GENERATED_COOKIE', 'HTTP_COOKIE'].includes(e.affinity) ? 'session cookie' : '-';
  return `${e.ttlSeconds}s`;
}

/** One row of strings per entry, with a header, for the inventory tables. */
function rows(entries: Entry[], kind: Entry['kind']): string[][] {
  const of = entries.filter((e) => e.kind === kind);
  switch (kind) {
    case 'backend-service':
      return [
        [
          'stack',
          'backend service',
          'scheme',
          'protocol',
          'affinity',
          'ttl',
          'draining',
          'health check',
          'backends (capacity)',
        ],
        ...(of as BackendServiceEntry[]).map((e) => [
          e.stack,
          e.name + (e.region ? ` (${e.region})` : ''),
          e.scheme,
          e.protocol,
          e.affinity,
          ttl(e),
          `${e.drainingSeconds}s${e.drainingImplicit ? ' (provider default)' : ''}`,
          e.healthCheck
            ? `${e.healthCheck.protocol} :${e.healthCheck.port ?? 'serving'} ${e.healthCheck.path ?? ''} ${e.healthCheck.intervalSeconds}s/${e.healthCheck.timeoutSeconds}s`.replace(
                /\s+/g,
                ' ',
              )
            : '-',
          e.backends.map((b) => `${b.group} x${b.capacityScaler ?? 1}`).join(', ') || '-',
        ]),
      ];
    case 'instance-group':
      return [
        ['stack', 'instance group', 'zone', 'target size', 'autoscaler', 'update policy'],
        ...of.map((e) =>
          e.kind === 'instance-group'
            ? [
                e.stack,
                e.name,
                e.zone ?? '-',
                e.targetSize === undefined ? 'unset' : String(e.targetSize),
                e.autoscalerMax !== undefined ? `${e.autoscalerMin ?? 0}..${e.autoscalerMax}` : '-',
                e.updatePolicy ?? '-',
              ]
            : [],
        ),
      ];
    case 'k8s-service':
      return [
        ['stack', 'Service', 'type', 'affinity', 'ClientIP timeout', 'pins pod'],
        ...of.map((e) =>
          e.kind === 'k8s-service'
            ? [
                e.stack,
                e.name,
                e.headless ? 'headless' : 'ClusterIP',
                e.sessionAffinity,
                e.clientIpTimeoutSeconds === undefined ? '-' : `${e.clientIpTimeoutSeconds}s`,
                e.pinnedPod ?? '-',
              ]
            : [],
        ),
      ];
    case 'statefulset':
      return [
        ['stack', 'StatefulSet', 'replicas', 'grace', 'preStop drain', 'PDB'],
        ...of.map((e) =>
          e.kind === 'statefulset'
            ? [
                e.stack,
                e.name,
                String(e.replicas ?? '-'),
                e.gracePeriodSeconds === undefined ? 'default (30s)' : `${e.gracePeriodSeconds}s`,
                e.preStop
                  ? e.preStopDrainSeconds !== undefined
                    ? `up to ${e.preStopDrainSeconds}s`
                    : 'yes'
                  : 'none',
                e.pdb ?? 'none',
              ]
            : [],
        ),
      ];
  }
}

function markdownTable(table: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${table[0].join(' | ')} |`,
    `|${table[0].map(() => '---').join('|')}|`,
    ...table.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

const SECTIONS: [Entry['kind'], string][] = [
  ['backend-service', 'Backend services'],
  ['instance-group', 'Instance groups'],
  ['k8s-service', 'Kubernetes Services'],
  ['statefulset', 'StatefulSets'],
];

/** Renders the inventory. */
export function formatInventory(inv: Inventory, format: ReviewFormat): string {
  if (format === 'json') return JSON.stringify({ stacks: inv.stacks, entries: inv.entries });
  const parts: string[] = [];
  for (const [kind, title] of SECTIONS) {
    if (format === 'markdown') {
      const table = rows(inv.entries, kind);
      if (table.length > 1) parts.push(`### ${title}\n\n${markdownTable(table)}`);
    } else {
      const blocks = textBlocks(inv.entries, kind);
      if (blocks.length > 0) parts.push([title, ...blocks].join('\n'));
    }
  }
  const head = `Affinity and draining inventory of ${inv.stacks.length} stack(s): ${inv.stacks.join(', ')}`;
  return [format === 'markdown' ? `## ${head}` : wrap(head).join('\n'), ...parts].join('\n\n');
}

/** Findings no rule could rate (reported so that "no change" is never said of a change). */
export const isUnrated = (f: Finding): boolean => f.change.startsWith('unrated change');

/** Renders findings, highest risk first. */
export function formatFindings(findings: Finding[], format: ReviewFormat, failOn: string): string {
  const count = (r: Risk) => findings.filter((f) => f.risk === r).length;
  const unrated = findings.filter(isUnrated).length;
  if (format === 'json') {
    return JSON.stringify({
      failOn,
      summary: { high: count('high'), medium: count('medium'), low: count('low'), unrated },
      findings,
    });
  }
  const summary = `${count('high')} high, ${count('medium')} medium, ${count('low')} low${
    unrated ? ` (${unrated} of them changes no rule could rate: check them by hand)` : ''
  }`;
  // Only an empty diff says "no change": unrated changes are findings too.
  if (findings.length === 0)
    return format === 'markdown'
      ? '## Affinity review\n\nNo change to sticky sessions or draining.'
      : 'No change to sticky sessions or draining.';
  if (format === 'markdown') {
    const table = [
      ['risk', 'stack', 'what', 'change', 'consequence'],
      ...findings.map((f) => [RISK_LABEL[f.risk], f.stack, f.subject, f.change, f.consequence]),
    ];
    return `## Affinity review: ${summary}\n\n${markdownTable(table)}`;
  }
  const lines = wrap(`Affinity review: ${summary}`);
  const pad = ' '.repeat(8);
  for (const f of findings) {
    lines.push('');
    lines.push(
      ...wrap(`${RISK_LABEL[f.risk].padEnd(7)} ${f.subject}  [${f.stack}]`, TEXT_WIDTH, pad),
    );
    lines.push(...wrap(`${pad}change: ${f.change}`, TEXT_WIDTH, `${pad}        `));
    lines.push(...wrap(`${pad}why: ${f.consequence}`, TEXT_WIDTH, `${pad}     `));
  }
  return lines.join('\n');
}
