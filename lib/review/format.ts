/** Renders an inventory or findings as text (a terminal table), markdown (a PR comment) or JSON. */
import { BackendServiceEntry, Entry, Finding, Inventory, Risk } from './model';

/** Output formats of the review. */
export type ReviewFormat = 'text' | 'markdown' | 'json';

const RISK_LABEL: Record<Risk, string> = { high: 'HIGH', medium: 'MEDIUM', low: 'low' };

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
        ['stack', 'instance group', 'zone', 'target size'],
        ...of.map((e) =>
          e.kind === 'instance-group'
            ? [
                e.stack,
                e.name,
                e.zone ?? '-',
                e.targetSize === undefined ? 'autoscaled/unset' : String(e.targetSize),
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

function textTable(table: string[][]): string {
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [
    line(table[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...table.slice(1).map(line),
  ].join('\n');
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
    const table = rows(inv.entries, kind);
    if (table.length === 1) continue;
    parts.push(
      format === 'markdown'
        ? `### ${title}\n\n${markdownTable(table)}`
        : `${title}\n${textTable(table)}`,
    );
  }
  const head = `Affinity and draining inventory of ${inv.stacks.length} stack(s): ${inv.stacks.join(', ')}`;
  return [format === 'markdown' ? `## ${head}` : head, ...parts].join('\n\n');
}

/** Renders findings, highest risk first. */
export function formatFindings(findings: Finding[], format: ReviewFormat, failOn: string): string {
  const count = (r: Risk) => findings.filter((f) => f.risk === r).length;
  if (format === 'json') {
    return JSON.stringify({
      failOn,
      summary: { high: count('high'), medium: count('medium'), low: count('low') },
      findings,
    });
  }
  const summary = `${count('high')} high, ${count('medium')} medium, ${count('low')} low`;
  if (findings.length === 0)
    return format === 'markdown'
      ? '## Affinity review\n\nNo change to sticky sessions or draining.'
      : 'No change to sticky sessions or draining.';
  const table = [
    ['risk', 'stack', 'what', 'change', 'consequence'],
    ...findings.map((f) => [RISK_LABEL[f.risk], f.stack, f.subject, f.change, f.consequence]),
  ];
  return format === 'markdown'
    ? `## Affinity review: ${summary}\n\n${markdownTable(table)}`
    : `Affinity review: ${summary}\n\n${textTable(table)}`;
}
