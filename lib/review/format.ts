/**
 * Renders an inventory or findings as text (a terminal table), markdown (a PR comment) or JSON.
 *
 * Output safety, in this one place: every line of text and every markdown cell that holds a
 * value from the input goes through `display` (lint.ts and the error lines use it too). It
 * escapes control characters (C0, DEL, C1, Unicode line separators and bidirectional
 * overrides), so no byte of a resource name can move the cursor, recolour or rewrite a
 * terminal or hide text in a review; and it shortens very long values with a marker. JSON
 * output carries every value whole, with the same characters as \u escapes (`safeJson`).
 */
import { ReviewInputError } from './json-input';
import { BackendServiceEntry, Entry, Finding, Inventory, Risk } from './model';

/** A word (run of non-blank characters) longer than this is shown cut, with a marker. */
export const DISPLAY_WORD_MAX = 200;
/** A value longer than this is shown cut, with a marker (text and markdown output). */
export const DISPLAY_VALUE_MAX = 4000;

/**
 * Characters never written raw: C0 controls (tab and newline included: a value cannot break
 * a line or a table), DEL, C1 controls (U+009B is CSI, like ESC [), U+2028/U+2029, and the
 * bidirectional controls that can make a review show text in another order (CVE-2021-42574).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_ONE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const hex = (c: string, digits: number) => c.charCodeAt(0).toString(16).padStart(digits, '0');

/** Escapes the unsafe characters: `\n`, `\t`, `\r`, `\x1b`, `\x9b`, `\u202e`. */
export function escapeControl(s: string): string {
  if (!UNSAFE_ONE.test(s)) return s;
  return s.replace(
    UNSAFE,
    (c) => NAMED[c] ?? (c < '\u0100' ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`),
  );
}

/** `… (+N characters)`: what a shortened word or value ends with. */
const cutMarker = (n: number) => `… (+${n} characters)`;

/**
 * A value as text and markdown show it: control characters escaped; then a word longer than
 * DISPLAY_WORD_MAX characters cut to that length (`nnnn… (+1048376 characters)`); then the
 * whole cut to at most DISPLAY_VALUE_MAX characters. Idempotent: displaying a displayed
 * value changes nothing. Linear in the length of the value.
 */
export function display(
  value: unknown,
  wordMax = DISPLAY_WORD_MAX,
  valueMax = DISPLAY_VALUE_MAX,
): string {
  // Escaped first, then cut: a cut can never leave a raw control character, and a second
  // pass finds nothing left to escape or to cut.
  let s = escapeControl(typeof value === 'string' ? value : String(value));
  if (s.length > wordMax)
    s = s.replace(
      new RegExp(`[^\\s]{${wordMax + 1},}`, 'g'),
      (word) => word.slice(0, wordMax - 1) + cutMarker(word.length - wordMax + 1),
    );
  if (s.length > valueMax) {
    // The marker starts with a space: the word it cuts does not grow.
    const keep = valueMax - 40;
    s = `${s.slice(0, keep)} ${cutMarker(s.length - keep)}`;
  }
  return s;
}

/**
 * The unsafe characters that JSON.stringify writes raw (it escapes C0 itself; the newlines of
 * an indented document are outside strings and stay).
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with the unsafe characters that JSON.stringify leaves raw written as \u escapes. */
function escapeJson(json: string): string {
  // Most output has none: no second copy of a document of many megabytes then.
  if (json.search(UNSAFE_IN_JSON) < 0) return json;
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}

/** JSON output with the unsafe characters that JSON.stringify leaves raw written as \u escapes. */
export function safeJson(value: unknown, space?: number): string {
  return escapeJson(JSON.stringify(value, null, space));
}

/**
 * Where a report goes, piece by piece. The CLI writes each piece to stdout as it comes, so a
 * report of many megabytes (the inventory of a 50 MB synth is 43 MB of JSON) is never one
 * string, nor a second copy of it in the buffer that stdout writes.
 */
export type ReportSink = (chunk: string) => void;

/** Items per piece of a streamed report (a few hundred kilobytes). */
const PIECE = 1000;

/**
 * `safeJson({ ...head, [key]: items })`, written in pieces: the same bytes, PIECE items per
 * piece.
 */
function writeJsonWithList(
  head: Record<string, unknown>,
  key: string,
  items: readonly unknown[],
  out: ReportSink,
): void {
  const open = JSON.stringify(head);
  out(escapeJson(`${open.length > 2 ? `${open.slice(0, -1)},` : '{'}${JSON.stringify(key)}:[`));
  for (let i = 0; i < items.length; i += PIECE) {
    const piece = items.slice(i, i + PIECE).map((x) => JSON.stringify(x) ?? 'null');
    out(escapeJson(`${i > 0 ? ',' : ''}${piece.join(',')}`));
  }
  out(']}');
}

/**
 * Writes lines joined by `\n` (nothing before the first), PIECE lines per piece: the same
 * bytes as `lines.join('\n')`, without the array of every line.
 */
class LineWriter {
  private readonly buffer: string[] = [];
  private started = false;
  constructor(private readonly out: ReportSink) {}
  public line(text: string): void {
    this.buffer.push(text);
    if (this.buffer.length >= PIECE) this.flush();
  }
  public lines(texts: readonly string[]): void {
    for (const t of texts) this.line(t);
  }
  public flush(): void {
    if (this.buffer.length === 0) return;
    this.out(`${this.started ? '\n' : ''}${this.buffer.join('\n')}`);
    this.started = true;
    this.buffer.length = 0;
  }
}

/** What a writer writes, as one string (the library's string-returning forms). */
function collect(write: (out: ReportSink) => void): string {
  const parts: string[] = [];
  write((chunk) => parts.push(chunk));
  return parts.join('');
}

/** A one-line error for stderr: `<program>: <message>`, escaped and bounded. */
export function errorLine(program: string, message: string): string {
  return `${program}: ${display(message, 400, 2000)}\n`;
}

/**
 * The one line printed for an error (exit 2): the reason for bad input; for anything else
 * (valid JSON of a shape a reader did not expect, or a fault of this tool) its first line,
 * never a stack trace, and no byte of the input that could reach the terminal raw.
 */
export function inputErrorLine(program: string, e: unknown): string {
  if (e instanceof ReviewInputError) return errorLine(program, e.message);
  const first = String((e as Error)?.message ?? e).split('\n')[0];
  if (e instanceof TypeError || e instanceof RangeError)
    return errorLine(program, `the input has an unexpected shape (${first})`);
  return errorLine(program, `internal error: ${first}; please report it with the input`);
}

/** Output formats of the review. */
export type ReviewFormat = 'text' | 'markdown' | 'json';

const RISK_LABEL: Record<Risk, string> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };

/** Text output is at most this wide; markdown and JSON carry the full text. */
export const TEXT_WIDTH = 120;

/**
 * Word-wraps `text` to `width` (keeping its leading spaces); later lines start with `indent`.
 * Text whose words are separated by single spaces (all review output) is cut by slicing at
 * spaces, without splitting it into words: a review of 100 000 changes wraps a few hundred
 * thousand lines, and per-word strings would be most of its memory.
 */
export function wrap(text: string, width = TEXT_WIDTH, indent = ''): string[] {
  const lead = /^ */.exec(text)![0];
  const body = text.slice(lead.length);
  if (body === '' || /\s\s|\s$|^\s|[^\S ]/.test(body)) return wrapWords(text, width, indent);
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let prefix = lead;
  let start = 0;
  while (body.length - start > width - prefix.length) {
    const cut = body.lastIndexOf(' ', start + width - prefix.length);
    // A word longer than the line: the word-by-word wrap cuts it.
    if (cut <= start) return [...lines, ...wrapWords(prefix + body.slice(start), width, indent)];
    lines.push(prefix + body.slice(start, cut));
    start = cut + 1;
    prefix = indent;
  }
  lines.push(prefix + body.slice(start));
  return lines;
}

/** `wrap` for any text: words split on runs of white space. */
function wrapWords(text: string, width: number, indent: string): string[] {
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
    // A single word longer than the width is cut (in one pass: re-slicing the rest of a long
    // word at every cut would copy it width-by-width, quadratic in its length).
    if (line.length > width) {
      const full = line;
      const step = Math.max(1, width - indent.length);
      lines.push(full.slice(0, width));
      let at = width;
      while (full.length - at + indent.length > width) {
        lines.push(indent + full.slice(at, at + step));
        at += step;
      }
      line = indent + full.slice(at);
    }
  }
  if (!empty) lines.push(line);
  return lines;
}

/** The text form of the inventory: one block per entry, wrapped to the text width. */
function textBlocks(entries: Entry[], kind: Entry['kind'], out: LineWriter): void {
  const block = (head: string, details: string[]) => {
    out.lines(wrap(`  ${display(head)}`, TEXT_WIDTH, '      '));
    for (const d of details) out.lines(wrap(`    ${display(d)}`, TEXT_WIDTH, '      '));
  };
  for (const e of entries) {
    if (e.kind !== kind) continue;
    switch (e.kind) {
      case 'backend-service':
        block(
          `${e.gkeObject ? `${e.gkeObject} ` : ''}${e.name}${e.region ? ` (${e.region})` : ''}  [${e.stack}]  ${e.scheme} ${e.protocol}`,
          [
            `affinity ${affinityText(e)}${ttl(e) !== undefined ? `, ttl ${ttl(e)}` : ''}; draining ${drainingText(e)}${e.unknown?.timeout !== undefined ? `; timeout ${e.unknown.timeout}` : e.timeoutSeconds !== undefined ? `; timeout ${e.timeoutSeconds}s` : ''}`,
            `health check ${healthText(e)}`,
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
}

const COOKIE_AFFINITIES = ['GENERATED_COOKIE', 'HTTP_COOKIE', 'STRONG_COOKIE_AFFINITY'];

/** The TTL of a cookie-based affinity; undefined where no TTL can exist (no cookie). */
function ttl(e: BackendServiceEntry): string | undefined {
  if (e.unknown?.ttl !== undefined) return e.unknown.ttl;
  if (!COOKIE_AFFINITIES.includes(e.affinity)) return undefined;
  if (e.ttlSeconds === undefined)
    return e.affinity === 'STRONG_COOKIE_AFFINITY' ? 'unset' : 'session cookie';
  return `${e.ttlSeconds}s`;
}

/** The affinity, with the header HEADER_FIELD hashes on. */
const affinityText = (e: BackendServiceEntry): string =>
  e.affinity === 'HEADER_FIELD' ? `HEADER_FIELD (header ${e.affinityHeader ?? '?'})` : e.affinity;

/** Draining, with where an implicit value comes from. */
const drainingText = (e: BackendServiceEntry): string =>
  e.unknown?.draining ??
  `${e.drainingSeconds}s${e.drainingImplicit ? (e.gkeObject ? ' (GKE default)' : ' (provider default)') : ''}`;

/** Seconds as `5s`; a value that is not a known number as it stands. */
const secondsText = (v: number | string): string => (typeof v === 'number' ? `${v}s` : v);

/** The health check: its probe, or none. */
const healthText = (e: BackendServiceEntry): string =>
  e.healthCheck
    ? `${e.healthCheck.protocol} :${e.healthCheck.port ?? 'serving'} ${e.healthCheck.path ?? ''} ${secondsText(e.healthCheck.intervalSeconds)}/${secondsText(e.healthCheck.timeoutSeconds)}`.replace(
        /\s+/g,
        ' ',
      )
    : e.gkeObject
      ? 'GKE default'
      : '-';

/** One row of strings per entry, with a header, for the inventory tables. */
function rows(of: Entry[], kind: Entry['kind']): string[][] {
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
          affinityText(e),
          ttl(e) ?? '-',
          drainingText(e),
          healthText(e),
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

const mdCell = (c: string) => display(c).replace(/\|/g, '\\|');

/** The head of a markdown table (its header and rule lines). */
function markdownHead(header: readonly string[], out: LineWriter): void {
  out.line(`| ${header.join(' | ')} |`);
  out.line(`|${header.map(() => '---').join('|')}|`);
}

/** One row of a markdown table, its cells escaped. */
const markdownRow = (row: readonly string[]): string => `| ${row.map(mdCell).join(' | ')} |`;

/**
 * The markdown table of the entries of one kind, PIECE rows at a time (the rows of every
 * entry are never held at once).
 */
function markdownEntries(entries: Entry[], kind: Entry['kind'], out: LineWriter): void {
  let piece: Entry[] = [];
  let any = false;
  const flush = () => {
    if (piece.length === 0) return;
    if (!any) markdownHead(rows([], kind)[0], out);
    any = true;
    for (const row of rows(piece, kind).slice(1)) out.line(markdownRow(row));
    piece = [];
  };
  for (const e of entries) {
    if (e.kind !== kind) continue;
    piece.push(e);
    if (piece.length >= PIECE) flush();
  }
  flush();
}

const SECTIONS: [Entry['kind'], string][] = [
  ['backend-service', 'Backend services'],
  ['instance-group', 'Instance groups'],
  ['k8s-service', 'Kubernetes Services'],
  ['statefulset', 'StatefulSets'],
];

/** Renders the inventory. */
export function formatInventory(inv: Inventory, format: ReviewFormat): string {
  return collect((out) => writeInventory(inv, format, out));
}

/** Writes the inventory to `out`, in pieces (the same bytes as `formatInventory`). */
export function writeInventory(
  inv: Pick<Inventory, 'stacks' | 'entries'>,
  format: ReviewFormat,
  out: ReportSink,
): void {
  // Read first: an inventory reads its entries on first use, and a reader's error must come
  // before any output.
  const entries = inv.entries;
  if (format === 'json') return writeJsonWithList({ stacks: inv.stacks }, 'entries', entries, out);
  const lines = new LineWriter(out);
  const head = `Affinity and draining inventory of ${inv.stacks.length} stack(s): ${display(inv.stacks.join(', '))}`;
  if (format === 'markdown') lines.line(`## ${head}`);
  else lines.lines(wrap(head));
  for (const [kind, title] of SECTIONS) {
    if (!entries.some((e) => e.kind === kind)) continue;
    lines.line('');
    if (format === 'markdown') {
      lines.line(`### ${title}`);
      lines.line('');
      markdownEntries(entries, kind, lines);
    } else {
      lines.line(title);
      textBlocks(entries, kind, lines);
    }
  }
  lines.flush();
}

/** Findings no rule could rate (reported so that "no change" is never said of a change). */
export const isUnrated = (f: Finding): boolean => f.change.startsWith('unrated change');

/** Renders findings, highest risk first. */
export function formatFindings(findings: Finding[], format: ReviewFormat, failOn: string): string {
  return collect((out) => writeFindings(findings, format, failOn, out));
}

/** Writes the findings to `out`, in pieces (the same bytes as `formatFindings`). */
export function writeFindings(
  findings: Finding[],
  format: ReviewFormat,
  failOn: string,
  out: ReportSink,
): void {
  const count = (r: Risk) => findings.filter((f) => f.risk === r).length;
  const unrated = findings.filter(isUnrated).length;
  if (format === 'json') {
    const summary = { high: count('high'), medium: count('medium'), low: count('low'), unrated };
    return writeJsonWithList({ failOn, summary }, 'findings', findings, out);
  }
  const summary = `${count('high')} high, ${count('medium')} medium, ${count('low')} low${
    unrated ? ` (${unrated} of them changes no rule could rate: check them by hand)` : ''
  }`;
  // Only an empty diff says "no change": unrated changes are findings too.
  if (findings.length === 0)
    return out(
      format === 'markdown'
        ? '## Affinity review\n\nNo change to sticky sessions or draining.'
        : 'No change to sticky sessions or draining.',
    );
  const lines = new LineWriter(out);
  if (format === 'markdown') {
    lines.line(`## Affinity review: ${summary}`);
    lines.line('');
    markdownHead(['risk', 'stack', 'what', 'change', 'consequence'], lines);
    for (const f of findings)
      lines.line(markdownRow([RISK_LABEL[f.risk], f.stack, f.subject, f.change, f.consequence]));
    return lines.flush();
  }
  lines.lines(wrap(`Affinity review: ${summary}`));
  const pad = ' '.repeat(8);
  for (const f of findings) {
    lines.line('');
    lines.lines(
      wrap(
        `${RISK_LABEL[f.risk].padEnd(7)} ${display(f.subject)}  [${display(f.stack)}]`,
        TEXT_WIDTH,
        pad,
      ),
    );
    lines.lines(wrap(`${pad}change: ${display(f.change)}`, TEXT_WIDTH, `${pad}        `));
    lines.lines(wrap(`${pad}why: ${display(f.consequence)}`, TEXT_WIDTH, `${pad}     `));
  }
  lines.flush();
}
