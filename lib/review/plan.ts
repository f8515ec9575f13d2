/**
 * Reads `terraform show -json <planfile>` output (format_version 1.x): each
 * `resource_changes[].change` has `actions`, `before` and `after`.
 */
import * as path from 'path';
import { extractEntries } from './extract';
import { compareInventories, sortFindings } from './compare';
import { Finding, Inventory, subjectOf } from './model';
import {
  JsonShape,
  ReviewInputError,
  isJsonObject,
  kindOf,
  parseJsonFileMembers,
} from './json-input';
import { SESSION_PATH_TYPES, diffResources, identityOf } from './resources';
import { INVENTORY_TYPES } from './session-path';
import { TfResource, resourcesFromPlan, withUnknowns } from '../terraform/resource';
import { SessionPathInput } from './mermaid';

interface ResourceChange {
  address: string;
  type: string;
  name: string;
  mode?: string;
  index?: unknown;
  change: { actions: string[]; before: any; after: any; after_unknown?: unknown };
}

const isObject = isJsonObject;

/** The members of a plan the review reads (the others are only checked, see parseJsonMembers). */
const PLAN_MEMBERS = new Set(['format_version', 'resource_changes']);
/** And for the markdown diagrams, which link resources by the configuration's references. */
const PLAN_MEMBERS_WITH_PATHS = new Set([...PLAN_MEMBERS, 'configuration']);

/**
 * Of the planned values, the diagrams read only which resources there are (see
 * `resourcesFromPlan`, lib/terraform/resource.ts: each module's `resources`, `child_modules`
 * and `address`; each resource's `address`, `mode`, `type` and the suppressions under its
 * values' `//`): their values are not built, which for a plan of 100 000 changes keeps about
 * 40 MB of values off the heap while it is read (and V8 then lets the heap grow to about 4×
 * what is live: 100 MB less at the peak).
 */
const PLANNED_RESOURCE: JsonShape = {
  keys: { address: true, mode: true, type: true, values: { keys: { '//': true } } },
};
const PLANNED_MODULE: { keys: Record<string, JsonShape> } = {
  keys: { address: true, resources: { each: PLANNED_RESOURCE } },
};
PLANNED_MODULE.keys.child_modules = { each: PLANNED_MODULE };
const PLAN_SHAPES_WITH_PATHS = new Map<string, JsonShape>([
  ['planned_values', { keys: { root_module: PLANNED_MODULE } }],
]);

/** Parses and checks a plan JSON document; any other shape is refused with a one-line reason. */
export function readPlan(
  file: string,
  members: ReadonlySet<string> = PLAN_MEMBERS,
  shapes?: ReadonlyMap<string, JsonShape>,
): {
  formatVersion: string;
  changes: ResourceChange[];
  plan: Record<string, any>;
} {
  if (file === '') throw new ReviewInputError('the plan file name is empty');
  // Only what the review reads is built (planned values, state and configuration are not).
  const plan = parseJsonFileMembers(file, members, shapes) as any;
  if (!isObject(plan))
    throw new ReviewInputError(
      `${file} is not a JSON object (it is ${kindOf(plan)}): not the output of terraform show -json`,
    );
  const version = plan.format_version;
  if (typeof version !== 'string')
    throw new ReviewInputError(
      `${file} has no format_version: not the output of terraform show -json`,
    );
  if (version.split('.')[0] !== '1') {
    throw new ReviewInputError(
      `${file} has format_version ${version}; this tool reads major version 1 of Terraform's JSON plan format`,
    );
  }
  if (
    plan.resource_changes === undefined &&
    plan.values !== undefined &&
    plan.planned_values === undefined
  ) {
    throw new ReviewInputError(
      `${file} is a Terraform state, not a plan (it has "values" and no "resource_changes"); run terraform plan -out=plan.bin, then terraform show -json plan.bin`,
    );
  }
  const changes = plan.resource_changes ?? [];
  if (!Array.isArray(changes))
    throw new ReviewInputError(
      `${file}: resource_changes is not a list (it is ${kindOf(changes)})`,
    );
  changes.forEach((c: unknown, i: number) => {
    const at = `${file}: resource change ${i}`;
    if (!isObject(c)) throw new ReviewInputError(`${at} is not an object (it is ${kindOf(c)})`);
    if (typeof c.type !== 'string' || typeof c.name !== 'string')
      throw new ReviewInputError(`${at} lacks a string type and name`);
    if (
      !isObject(c.change) ||
      !Array.isArray(c.change.actions) ||
      !c.change.actions.every((x: unknown) => typeof x === 'string')
    )
      throw new ReviewInputError(
        `${at} (${c.type}.${c.name}) lacks change.actions as a list of strings`,
      );
    for (const side of ['before', 'after'] as const) {
      const v = c.change[side];
      if (v !== undefined && v !== null && !isObject(v))
        throw new ReviewInputError(
          `${at} (${c.type}.${c.name}): change.${side} is not an object (it is ${kindOf(v)})`,
        );
    }
  });
  return {
    formatVersion: version,
    changes: changes.filter((c: ResourceChange) => c.mode !== 'data'),
    plan,
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

/** A change's resource address (module path and instance key included). */
const addressOf = (c: ResourceChange): string =>
  typeof c.address === 'string' && c.address !== ''
    ? c.address
    : `${c.type}.${c.index === undefined ? c.name : `${c.name}[${JSON.stringify(c.index)}]`}`;

/**
 * Findings for a plan: before vs after of every change, plus Terraform's own replace and
 * delete actions. Values the plan knows only after apply (`after_unknown`) are marked, so
 * they read as "known after apply", never as unset.
 */
export function reviewPlan(file: string, synthStacks: Record<string, any>): Finding[] {
  return planReview(file, synthStacks, false).findings;
}

/** A replace action: `["delete","create"]` or `["create","delete"]`. */
const isReplacement = (c: ResourceChange): boolean =>
  c.change.actions.includes('delete') && c.change.actions.includes('create');

/**
 * The session-path resources of both versions of a plan, by address, and its replacements;
 * when `paths`, the configuration's references of every planned resource by address (the
 * markdown diagrams link by them), read here so the plan's planned values and configuration
 * are not kept for the whole review.
 */
function planResources(file: string, synthStacks: Record<string, any>, paths: boolean) {
  const { changes, plan } = paths
    ? readPlan(file, PLAN_MEMBERS_WITH_PATHS, PLAN_SHAPES_WITH_PATHS)
    : readPlan(file, PLAN_MEMBERS);
  const stack = stackOf(changes, synthStacks, file);
  const replacements = changes.filter(isReplacement);
  const replaced = new Set(replacements.map(addressOf));
  const before: TfResource[] = [];
  const after: TfResource[] = [];
  const sides = new Map<string, { before?: TfResource; after?: TfResource }>();
  for (const c of changes) {
    if (SESSION_PATH_TYPES[c.type] === undefined) continue;
    const address = addressOf(c);
    const of = (values: any): TfResource => ({
      address,
      type: c.type,
      values,
      source: stack,
      suppressions: [],
    });
    const side: { before?: TfResource; after?: TfResource } = {};
    if (isObject(c.change.before)) before.push((side.before = of(c.change.before)));
    if (isObject(c.change.after))
      after.push((side.after = of(withUnknowns(c.change.after, c.change.after_unknown))));
    // Both sides of a replaced resource: is its successor identical?
    if (replaced.has(address)) sides.set(address, side);
  }
  return {
    stack,
    before,
    after,
    sides,
    replacements,
    references: paths ? referencesByAddress(stack, plan) : undefined,
  };
}

/**
 * The configuration's references of the planned resources that have some, by address (the
 * others read as none: `{}`). They are kept through the review, so a plan of 100 000
 * resources of which few reference others keeps few entries.
 */
function referencesByAddress(
  stack: string,
  plan: Record<string, any>,
): Map<string, Record<string, string[]>> {
  const out = new Map<string, Record<string, string[]>>();
  // An address given twice has the same references both times (they are the configuration's
  // for that address), so the last entry is the same whether or not empty ones are kept.
  for (const r of resourcesFromPlan(stack, plan))
    if (r.references !== undefined && Object.keys(r.references).length > 0)
      out.set(r.address, r.references);
  return out;
}

/**
 * The findings of a plan and, when `paths` is true, both versions of its session-path
 * resources for the markdown diagrams: the old values as they are (their ids and self links
 * name what they point at), the new ones with the configuration's references (which name a
 * resource even where its id is known only after apply).
 */
export function planReview(
  file: string,
  synthStacks: Record<string, any>,
  paths: boolean,
): { findings: Finding[]; paths?: SessionPathInput } {
  // The parsed changes are dropped here: what is kept is their values (as resources) and the
  // replacements (for their rows below), not every change of a plan of 100 000.
  const { stack, before, after, sides, replacements, references } = planResources(
    file,
    synthStacks,
    paths,
  );
  const inv = (resources: TfResource[]): Inventory => ({
    stacks: [stack],
    entries: extractEntries(resources),
    resources,
  });
  const base = inv(before);
  const current = inv(after);
  const findings = compareInventories(base, current);

  // Terraform's replace actions (["delete","create"] or ["create","delete"]): one row per
  // replaced resource, with the attribute changes that force it folded in. The findings are
  // grouped by subject once (a plan may replace thousands of resources).
  // Labels of the replaced addresses only (those are all the rows below look up).
  const replacedAt = new Set(replacements.map(addressOf));
  const labels = new Map<string, string>();
  for (const e of [...base.entries, ...current.entries])
    if (replacedAt.has(e.address)) labels.set(e.address, subjectOf(e));
  for (const r of [...base.resources, ...current.resources])
    if (replacedAt.has(r.address) && !labels.has(r.address))
      labels.set(r.address, identityOf(r).label);
  const subjects = new Set(
    replacements.map((c) => labels.get(addressOf(c)) ?? `${c.type} ${c.name}`),
  );
  const bySubject = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!subjects.has(f.subject)) continue;
    const group = bySubject.get(f.subject);
    if (group) group.push(f);
    else bySubject.set(f.subject, [f]);
  }
  const RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };
  const folded = new Set<string>();
  const out: Finding[] = [];
  for (const c of replacements) {
    const actions = c.change.actions;
    const address = addressOf(c);
    const subject = labels.get(address) ?? `${c.type} ${c.name}`;
    const group = folded.has(subject) ? [] : (bySubject.get(subject) ?? []);
    folded.add(subject);
    const reasons = group.map((f) => f.change).filter((x) => x !== 'added' && x !== 'removed');
    const onPath = SESSION_PATH_TYPES[c.type] !== undefined || labels.has(address);
    const side = sides.get(address);
    // Created before the old one is destroyed, and the same in every setting: nothing on the
    // path is ever missing (a resource that holds sessions is still recreated: its pods or VMs go).
    const identical =
      actions[0] === 'create' &&
      !INVENTORY_TYPES.has(c.type) &&
      side?.before !== undefined &&
      side.after !== undefined &&
      diffResources(side.before, side.after).every((x) => x.afterUnknown);
    if (identical) {
      out.push({
        risk: 'low',
        stack,
        subject,
        change: `replaced by an identical successor (Terraform actions ${JSON.stringify(actions)})`,
        consequence:
          'Terraform creates the successor before it destroys the old one, and no known setting differs (only values the API computes): nothing on the session path changes.',
      });
      continue;
    }
    const risk = group.reduce<Finding['risk']>(
      (worst, f) => (RANK[f.risk] < RANK[worst] ? f.risk : worst),
      INVENTORY_TYPES.has(c.type) ? 'high' : onPath ? 'medium' : 'low',
    );
    out.push({
      risk,
      stack,
      subject,
      change: `replaced (Terraform actions ${JSON.stringify(actions)})${reasons.length ? `: ${reasons.join('; ')}` : ''}`,
      consequence: INVENTORY_TYPES.has(c.type)
        ? 'Terraform destroys it and creates it again: its live sessions and connections are dropped.'
        : 'Terraform destroys it and creates it again: the traffic path is broken while it is recreated.',
    });
  }
  for (const f of findings) if (!folded.has(f.subject)) out.push(f);
  if (!paths) return { findings: sortFindings(out) };
  // The review is done: the new resources get the configuration's references in place (the
  // review itself reads a plan without them), so the diagrams use the review's own index,
  // links and Kubernetes objects of this version (none of which reads references) instead of
  // building them again for copies: about 100 MB less for a plan of 100 000 changes.
  // A resource without references is left without them (read as none, as `{}` is).
  for (const r of after) {
    const refs = references!.get(r.address);
    if (refs !== undefined) (r as { references?: Record<string, string[]> }).references = refs;
  }
  return { findings: sortFindings(out), paths: { base: before, current: after } };
}
