/**
 * The session paths a review touches, drawn as Mermaid flowcharts for the markdown output
 * (GitHub and GitLab render ```mermaid blocks in PR comments:
 * https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams,
 * https://docs.gitlab.com/ee/user/markdown.html#mermaid).
 *
 * A path runs from where requests enter (URL map, passthrough forwarding rule, Ingress,
 * Gateway and its HTTPRoute) through the backend service (or the Kubernetes Service with the
 * BackendConfig / GCPBackendPolicy that configures its backend service) to the instance
 * groups or the pods (Deployments, StatefulSets). Both versions are drawn on one graph: a link
 * only in the new version is `added`, one only in the old is `removed` (dashed). Each node and
 * link a finding is about carries that finding's risk, and a class that colours it.
 *
 * Output safety: a label is `display`ed (control characters escaped, bounded), then every
 * character Mermaid or markdown could read as syntax in a quoted label (`"`, `#`, `<`, `>`, `&`,
 * backtick, `|`) is written as a Mermaid entity code (`#34;`); node ids are `n<number>`. No resource
 * name can end the fenced block, start a directive or add a node.
 */
import { ResourceIndex, TfResource } from '../terraform/resource';
import { display } from './format';
import { Finding, Risk } from './model';
import { httpRoutes, ingressRoutes, sideOf } from './wiring';
import { identityOf, kubeObject } from './resources';

/** The two versions whose session paths are drawn. */
export interface SessionPathInput {
  readonly base: readonly TfResource[];
  readonly current: readonly TfResource[];
}

/** At most this many nodes in one diagram; the rest are counted in a `+N more` node. */
export const MERMAID_MAX_NODES = 14;
/** At most this many diagrams; the rest are counted in a line under them. */
export const MERMAID_MAX_DIAGRAMS = 12;
/** A label is cut to this many characters (words to 60). */
export const MERMAID_LABEL_MAX = 160;

const RISK_LABEL: Record<Risk, string> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };
const RANK: Record<Risk, number> = { high: 3, medium: 2, low: 1 };
const worse = (a: Risk | undefined, b: Risk | undefined): Risk | undefined =>
  a === undefined ? b : b === undefined ? a : RANK[a] >= RANK[b] ? a : b;

interface Node {
  readonly key: string;
  readonly stack: string;
  /** E.g. `backend service web`. */
  readonly label: string;
  /** The name part of the label, to find the node in a finding's change text. */
  readonly name: string;
  /**
   * Auxiliary resources shown on this node (its health check, autoscaler, template); made
   * for the nodes that have some (a graph of every backend service of a large plan has
   * tens of thousands of nodes).
   */
  parts?: Set<string>;
  inBase: boolean;
  inCurrent: boolean;
  risk?: Risk;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  inBase: boolean;
  inCurrent: boolean;
  risk?: Risk;
}

/** Both versions' session paths on one graph, keyed by identity. */
class PathGraph {
  readonly nodes = new Map<string, Node>();
  readonly edges = new Map<string, Edge>();
  /** Finding subject (with and without stack) → node key. */
  readonly aliases = new Map<string, string>();

  node(r: TfResource, version: 'base' | 'current'): string {
    const id = identityOf(r);
    return this.named(id.key, r.source, id.label, id.kind, version, [
      ...['region', 'zone']
        .map((k) => r.values[k])
        .filter((v): v is string => typeof v === 'string')
        .map((where) => `${id.label} (${where})`),
    ]);
  }

  named(
    key: string,
    stack: string,
    label: string,
    kind: string,
    version: 'base' | 'current',
    more: string[] = [],
  ): string {
    let n = this.nodes.get(key);
    if (!n) {
      n = {
        key,
        stack,
        label,
        name: label.slice(kind.length + 1),
        inBase: false,
        inCurrent: false,
      };
      this.nodes.set(key, n);
      for (const s of [label, `${label} (its backend service)`, ...more]) this.alias(stack, s, key);
    }
    if (version === 'base') n.inBase = true;
    else n.inCurrent = true;
    return key;
  }

  alias(stack: string, subject: string, key: string): void {
    this.aliases.set(`${stack}|${subject}`, key);
    if (!this.aliases.has(subject)) this.aliases.set(subject, key);
  }

  link(from: string, to: string, version: 'base' | 'current'): void {
    const k = `${from}\u0000${to}`;
    let e = this.edges.get(k);
    if (!e) this.edges.set(k, (e = { from, to, inBase: false, inCurrent: false }));
    if (version === 'base') e.inBase = true;
    else e.inCurrent = true;
  }

  /** A resource shown on another node: its findings rate that node. */
  part(r: TfResource, owner: string): void {
    const id = identityOf(r);
    const n = this.nodes.get(owner)!;
    (n.parts ??= new Set()).add(id.label);
    this.alias(r.source, id.label, owner);
  }
}

const REFERENCE = /\$\{([a-z0-9_]+)\.([^.}\s]+)\.[a-z_]+\}/g;
/** A Google Cloud resource URL or id as a plan holds it (`projects/p/global/backendServices/web`). */
const RESOURCE_URL =
  /(^|\/)projects\/[^/]+\/(global|regions\/[^/]+|zones\/[^/]+)\/[A-Za-z]+\/([^/]+)$/;

const TYPES = new WeakMap<ResourceIndex, string[]>();

/** The resource types present in an index. */
function typesIn(index: ResourceIndex): string[] {
  let types = TYPES.get(index);
  if (!types) TYPES.set(index, (types = [...new Set(index.resources.map((r) => r.type))]));
  return types;
}

/** The resources at a configuration address (instance keys of `count` / `for_each` included). */
function atAddress(index: ResourceIndex, source: string, address: string): TfResource[] {
  const exact = index.get(source, address);
  if (exact) return [exact];
  const type = address.split('.').slice(-2)[0];
  return index
    .ofTypes([type])
    .filter((r) => r.source === source && r.address.startsWith(`${address}[`));
}

/**
 * The resources, of the given types and in the same stack or plan, that `attribute` of `r`
 * (all its values when omitted) references: `${type.name.attr}` expressions (synth), the
 * configuration's references (plan; they name a resource even where its id is known only after
 * apply), and the known ids and self links of a plan's values.
 */
function referenced(
  index: ResourceIndex,
  r: TfResource,
  attribute: string | undefined,
  types: RegExp,
): TfResource[] {
  const out = new Set<TfResource>();
  const add = (t: TfResource | undefined) => {
    if (t && types.test(t.type)) out.add(t);
  };
  const visit = (v: unknown, depth: number): void => {
    if (depth > 12) return;
    if (typeof v === 'string') {
      for (const m of v.matchAll(REFERENCE)) add(index.get(r.source, `${m[1]}.${m[2]}`));
      const url = RESOURCE_URL.exec(v);
      if (url)
        for (const t of index.named(
          typesIn(index).filter((x) => types.test(x)),
          url[3],
          r.source,
        ))
          if (t.values.name === url[3] || t.values.id === v || t.values.self_link === v) add(t);
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) if (k !== '//') visit(x, depth + 1);
  };
  visit(attribute === undefined ? r.values : r.values[attribute], 0);
  for (const [at, addresses] of Object.entries(r.references ?? {}))
    if (attribute === undefined || at === attribute || at.startsWith(`${attribute}.`))
      for (const a of addresses) atAddress(index, r.source, a).forEach(add);
  return [...out];
}

const BACKEND_SERVICE = /^google_compute_(region_)?backend_service$/;
const GROUP = /^google_compute_(region_)?instance_group(_manager)?$|network_endpoint_group$/;
const HEALTH = /health_check$/;
const TEMPLATE = /^google_compute_(region_)?instance_template$/;
const AUTOSCALER = /^google_compute_(region_)?autoscaler$/;

/** Adds one version's session paths to the graph. */
function addVersion(g: PathGraph, resources: readonly TfResource[], v: 'base' | 'current'): void {
  const side = sideOf(resources);
  const index = side.index;
  const owners = new Map<TfResource, string>();
  // Google Cloud: URL map or passthrough forwarding rule → backend service → groups.
  for (const r of resources) {
    if (/url_map$/.test(r.type) || (/forwarding_rule$/.test(r.type) && r.values.backend_service)) {
      const from = g.node(r, v);
      for (const bs of referenced(index, r, undefined, BACKEND_SERVICE))
        g.link(from, g.node(bs, v), v);
    } else if (BACKEND_SERVICE.test(r.type)) {
      const from = g.node(r, v);
      for (const group of referenced(index, r, 'backend', GROUP)) {
        const to = g.node(group, v);
        owners.set(group, to);
        g.link(from, to, v);
      }
      for (const hc of referenced(index, r, 'health_checks', HEALTH)) g.part(hc, from);
    }
  }
  for (const r of resources) {
    if (AUTOSCALER.test(r.type))
      for (const t of referenced(index, r, 'target', GROUP))
        if (owners.has(t)) g.part(r, owners.get(t)!);
    if (GROUP.test(r.type) && owners.has(r))
      for (const t of referenced(index, r, 'version', TEMPLATE)) g.part(t, owners.get(r)!);
  }
  // GKE: Ingress, or Gateway → HTTPRoute, → Service (its policy) → pods.
  const services = new Map<string, string>();
  for (const b of side.wiring.all.values()) {
    const from = g.node(b.service, v);
    services.set(`${b.service.source}|${b.name}`, from);
    if (b.policy) g.link(from, g.node(b.policy.resource, v), v);
    if (b.healthPolicy) g.part(b.healthPolicy.resource, from);
    for (const w of b.workloads) g.link(from, g.node(w, v), v);
  }
  for (const r of resources) {
    const kind = kubeObject(r)?.kind;
    const ingress = /^kubernetes_ingress/.test(r.type) || kind === 'Ingress';
    if (!ingress && kind !== 'HTTPRoute') continue;
    const from = g.node(r, v);
    const routes = ingress ? ingressRoutes(r) : httpRoutes(r);
    for (const route of routes) {
      const svc = services.get(`${r.source}|${route.to.replace(/:[^:/]*$/, '')}`);
      if (svc) g.link(from, svc, v);
    }
    if (kind === 'HTTPRoute') {
      const spec = kubeObject(r)?.spec as Record<string, any> | undefined;
      const ns = String((kubeObject(r)?.metadata as Record<string, any>)?.namespace ?? 'default');
      for (const p of Array.isArray(spec?.parentRefs) ? spec!.parentRefs : []) {
        if (typeof p?.name !== 'string') continue;
        const name = `${typeof p.namespace === 'string' ? p.namespace : ns}/${p.name}`;
        const key = `kubernetes_manifest:${r.source}:Gateway/${name}`;
        g.link(g.named(key, r.source, `Gateway ${name}`, 'Gateway', v), from, v);
      }
    }
  }
}

/** Rates the nodes and links the findings are about. */
function rate(g: PathGraph, out: Map<string, Edge[]>, findings: Finding[]): void {
  for (const f of findings) {
    const key = g.aliases.get(`${f.stack}|${f.subject}`) ?? g.aliases.get(f.subject);
    if (key === undefined) continue;
    const n = g.nodes.get(key)!;
    n.risk = worse(n.risk, f.risk);
    // A link is changed when a finding on its start names its end (`route "/": a → b`).
    for (const e of out.get(key) ?? []) {
      const to = g.nodes.get(e.to)!;
      if (to.name !== n.name && mentions(f.change, to.name)) e.risk = worse(e.risk, f.risk);
    }
  }
  for (const e of g.edges.values())
    if (!(e.inBase && e.inCurrent)) e.risk = worse(e.risk, g.nodes.get(e.from)!.risk ?? 'low');
}

/** True when `text` holds `name` as a whole word (not inside a longer name). */
function mentions(text: string, name: string): boolean {
  if (name === '') return false;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + name.length] ?? ' ';
    if (!/[A-Za-z0-9_./-]/.test(before) && !/[A-Za-z0-9_/-]/.test(after)) return true;
  }
  return false;
}

/** Entity codes for every character Mermaid or markdown could read as syntax. */
const MERMAID_SYNTAX = /[#"<>&`|]/g;

/** A label as Mermaid shows it: displayed (escaped, bounded), then syntax as entity codes. */
export function mermaidLabel(text: string): string {
  return display(text, 60, MERMAID_LABEL_MAX).replace(
    MERMAID_SYNTAX,
    (c) => `#${c.charCodeAt(0)};`,
  );
}

const CLASSES = [
  'classDef high fill:#fdd,stroke:#c00,color:#000',
  'classDef medium fill:#ffe9b3,stroke:#b80,color:#000',
  'classDef low fill:#e6f4ea,stroke:#2a7,color:#000',
  'classDef gone stroke-dasharray:4 3',
];
const EDGE_STYLE: Record<Risk, string> = {
  high: 'stroke:#c00,stroke-width:3px',
  medium: 'stroke:#b80,stroke-width:2px',
  low: 'stroke:#2a7,stroke-width:2px',
};

/** The nodes reachable from `root`, in breadth-first order. */
function reach(out: Map<string, Edge[]>, root: string): string[] {
  const seen = new Set([root]);
  // A Set iterates in insertion order, including what is added while iterating.
  for (const k of seen) for (const e of out.get(k) ?? []) seen.add(e.to);
  return [...seen];
}

/** A value in markdown prose: displayed, with markdown's syntax characters backslash-escaped. */
const markdownText = (s: string): string =>
  display(s, MERMAID_LABEL_MAX, MERMAID_LABEL_MAX * 2).replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);

/** One diagram: the nodes (rated ones and their way from the root first), capped. */
function diagram(g: PathGraph, out: Map<string, Edge[]>, nodes: string[]): string {
  const rated = (k: string) =>
    g.nodes.get(k)!.risk !== undefined || (out.get(k) ?? []).some((e) => e.risk !== undefined);
  // The root, then rated nodes and what leads to them, then the rest, up to the cap.
  const keep: string[] = [nodes[0]];
  const wanted = [...nodes.filter(rated), ...nodes];
  for (const k of wanted) {
    if (keep.length >= MERMAID_MAX_NODES) break;
    if (!keep.includes(k)) keep.push(k);
  }
  const ids = new Map(keep.map((k, i) => [k, `n${i}`]));
  const lines = ['```mermaid', 'flowchart LR'];
  const classes: string[] = [];
  for (const k of keep) {
    const n = g.nodes.get(k)!;
    const state = n.inBase && !n.inCurrent ? ' (removed)' : !n.inBase ? ' (added)' : '';
    const parts = n.parts?.size ? ` + ${[...n.parts].join(', ')}` : '';
    const risk = n.risk ? `${RISK_LABEL[n.risk]}: ` : '';
    lines.push(`  ${ids.get(k)}["${mermaidLabel(`${risk}${n.label}${state}${parts}`)}"]`);
    if (n.risk) classes.push(`  class ${ids.get(k)} ${n.risk}`);
    if (!n.inCurrent) classes.push(`  class ${ids.get(k)} gone`);
  }
  const styles: string[] = [];
  let index = 0;
  for (const k of keep) {
    for (const e of out.get(k) ?? []) {
      if (!ids.has(e.to)) continue;
      const words = [
        e.risk ? RISK_LABEL[e.risk] : '',
        !e.inCurrent ? 'removed' : !e.inBase ? 'added' : '',
      ].filter(Boolean);
      const arrow = e.inCurrent ? '-->' : '-.->';
      lines.push(
        `  ${ids.get(k)} ${arrow}${words.length ? `|${words.join(' ')}|` : ''} ${ids.get(e.to)}`,
      );
      if (e.risk) styles.push(`  linkStyle ${index} ${EDGE_STYLE[e.risk]}`);
      index++;
    }
  }
  const left = nodes.length - keep.length;
  if (left > 0) lines.push(`  more["+${left} more"]`);
  lines.push(...CLASSES.map((c) => `  ${c}`), ...classes, ...styles, '```');
  return lines.join('\n');
}

/**
 * The markdown section with one Mermaid flowchart per session path a finding is about, or
 * '' when no finding is on a drawn path.
 */
export function sessionPathDiagrams(findings: Finding[], input: SessionPathInput): string {
  const g = new PathGraph();
  addVersion(g, input.base, 'base');
  addVersion(g, input.current, 'current');
  const out = new Map<string, Edge[]>();
  const into = new Set<string>();
  for (const e of g.edges.values()) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
    into.add(e.to);
  }
  rate(g, out, findings);
  const diagrams: string[] = [];
  const titles: string[] = [];
  let skipped = 0;
  for (const root of [...g.nodes.keys()].filter((k) => !into.has(k) && out.has(k))) {
    const nodes = reach(out, root);
    const affected = nodes.some(
      (k) =>
        g.nodes.get(k)!.risk !== undefined || (out.get(k) ?? []).some((e) => e.risk !== undefined),
    );
    if (!affected) continue;
    if (diagrams.length >= MERMAID_MAX_DIAGRAMS) {
      skipped++;
      continue;
    }
    const r = g.nodes.get(root)!;
    titles.push(`**${markdownText(r.label)}** [${markdownText(r.stack)}]`);
    diagrams.push(diagram(g, out, nodes));
  }
  if (diagrams.length === 0) return '';
  const body = diagrams.map((d, i) => `${titles[i]}\n\n${d}`).join('\n\n');
  return `### Session paths\n\n${body}${skipped ? `\n\n${skipped} more session path(s) not drawn.` : ''}`;
}
