/**
 * Reads `terraform show -json <planfile>` output (format_version 1.x): each
 * `resource_changes[].change` has `actions`, `before` and `after`.
 */
import * as path from 'path';
import { ResourceMap, extractEntries, one } from './extract';
import { compareInventories, sortFindings } from './compare';
import { Finding, Inventory, subjectOf } from './model';
import { ReviewInputError, readJson } from './synth-dir';
import { extractRecords } from './resources';

const MODELLED = [
  'google_compute_backend_service',
  'google_compute_region_backend_service',
  'google_compute_instance_group_manager',
  'google_compute_region_instance_group_manager',
  'kubernetes_service_v1',
  'kubernetes_service',
  'kubernetes_stateful_set_v1',
  'kubernetes_stateful_set',
];

/** Resources whose replacement moves traffic even though the review does not model them. */
const TRAFFIC_PATH = [
  'google_compute_url_map',
  'google_compute_target_https_proxy',
  'google_compute_target_http_proxy',
  'google_compute_global_forwarding_rule',
  'google_compute_forwarding_rule',
  'google_compute_global_address',
  'google_compute_health_check',
  'google_compute_region_health_check',
  'kubernetes_network_policy_v1',
  'kubernetes_pod_disruption_budget_v1',
];

interface ResourceChange {
  address: string;
  type: string;
  name: string;
  mode?: string;
  index?: unknown;
  change: { actions: string[]; before: any; after: any };
}

/** Parses and checks a plan JSON document. */
export function readPlan(file: string): { formatVersion: string; changes: ResourceChange[] } {
  const plan = readJson(file);
  const version = plan?.format_version;
  if (typeof version !== 'string')
    throw new ReviewInputError(
      `${file} has no format_version: not the output of terraform show -json`,
    );
  if (version.split('.')[0] !== '1') {
    throw new ReviewInputError(
      `${file} has format_version ${version}; this tool reads major version 1 of Terraform's JSON plan format`,
    );
  }
  const changes = plan.resource_changes ?? [];
  if (!Array.isArray(changes))
    throw new ReviewInputError(`${file}: resource_changes is not a list`);
  for (const c of changes) {
    if (!c || typeof c.type !== 'string' || !Array.isArray(c.change?.actions)) {
      throw new ReviewInputError(`${file}: a resource change lacks type or change.actions`);
    }
  }
  return {
    formatVersion: version,
    changes: changes.filter((c: ResourceChange) => c.mode !== 'data'),
  };
}

/** The stack of the synth output that declares the plan's addresses (or the plan's file name). */
function stackOf(
  changes: ResourceChange[],
  synthStacks: Record<string, any>,
  file: string,
): string {
  let best = path.basename(file).replace(/\.json$/, '');
  let bestHits = 0;
  for (const [stack, json] of Object.entries(synthStacks)) {
    const hits = changes.filter((c) => json.resource?.[c.type]?.[c.name] !== undefined).length;
    if (hits > bestHits) {
      best = stack;
      bestHits = hits;
    }
  }
  return best;
}

/** Findings for a plan: before vs after of every change, plus Terraform's own replace and delete actions. */
export function reviewPlan(file: string, synthStacks: Record<string, any>): Finding[] {
  const { changes } = readPlan(file);
  const stack = stackOf(changes, synthStacks, file);
  const before: ResourceMap = {};
  const after: ResourceMap = {};
  for (const c of changes) {
    const id = c.index === undefined ? c.name : `${c.name}[${JSON.stringify(c.index)}]`;
    if (c.change.before) (before[c.type] ??= {})[id] = c.change.before;
    if (c.change.after) (after[c.type] ??= {})[id] = c.change.after;
  }
  const inv = (resources: ResourceMap): Inventory => ({
    stacks: [stack],
    entries: extractEntries(stack, resources),
    records: extractRecords(stack, resources),
  });
  const base = inv(before);
  const current = inv(after);
  const findings = compareInventories(base, current);

  // Terraform's replace actions: ["delete","create"] or ["create","delete"].
  const byAddress = new Map([...base.entries, ...current.entries].map((e) => [e.address, e]));
  for (const c of changes) {
    const actions = c.change.actions;
    const replace = actions.includes('delete') && actions.includes('create');
    if (!replace && !(actions.length === 1 && actions[0] === 'delete')) continue;
    const address = `${c.type}.${c.index === undefined ? c.name : `${c.name}[${JSON.stringify(c.index)}]`}`;
    const entry = byAddress.get(address);
    if (MODELLED.includes(c.type) && entry) {
      if (replace) {
        findings.push({
          risk: 'high',
          stack,
          subject: subjectOf(entry),
          change: `replaced (Terraform actions ${JSON.stringify(actions)})`,
          consequence:
            'Terraform destroys it and creates it again: its live sessions and connections are dropped.',
        });
      }
      // A plain delete is already reported as "removed" by the comparison.
    } else if (TRAFFIC_PATH.includes(c.type)) {
      const name =
        (c.change.before ?? c.change.after)?.name ?? one(c.change.before?.metadata)?.name ?? c.name;
      findings.push({
        risk: 'medium',
        stack,
        subject: `${c.type} ${name}`,
        change: replace ? `replaced (Terraform actions ${JSON.stringify(actions)})` : 'removed',
        consequence: 'It is on the traffic path: requests fail while it is recreated or missing.',
      });
    }
  }
  return sortFindings(findings);
}
