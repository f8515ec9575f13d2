import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ExternalResolver, extractEntries } from './extract';
import { Entry, Inventory } from './model';
import {
  ReviewInputError,
  fsReason,
  isJsonObject,
  kindOf,
  parseJson,
  readJsonBytes,
  statOrFail,
} from './json-input';
import { ResourceMap, sessionResources } from './resources';
import { TfResource } from '../terraform/resource';

export { ReviewInputError } from './json-input';

/** Digest of each file `readJson` parsed, so two versions can skip what is byte-identical. */
const DIGESTS = new WeakMap<object, string>();

/** The digest of the file a parsed JSON object came from, if known. */
export function digestOf(json: unknown): string | undefined {
  return typeof json === 'object' && json !== null ? DIGESTS.get(json) : undefined;
}

/**
 * What one review run has already parsed and extracted, by file digest: the two versions of a
 * `--base` review share every byte-identical stack (most of a large deployment) instead of
 * parsing and extracting it twice.
 */
export class SynthCache {
  readonly parsed = new Map<string, any>();
  readonly extracted = new Map<string, { entries: Entry[]; resources: TfResource[] }>();
}

/**
 * Reads and parses a JSON file, with a one-line reason when it cannot: unreadable, too large,
 * nested too deep, a string too long, or invalid JSON (with line and column). See json-input.ts.
 */
export function readJson(file: string, cache?: SynthCache): any {
  const { digest, text } = readText(file, (d) => cache?.parsed.has(d) === true);
  if (text === undefined) return cache!.parsed.get(digest);
  const json = parseJson(text, file);
  if (typeof json === 'object' && json !== null) {
    DIGESTS.set(json, digest);
    cache?.parsed.set(digest, json);
  }
  return json;
}

/**
 * The digest of a file's bytes and, unless `known(digest)`, its text. The bytes are no longer
 * referenced once this returns: the collector can free them (as large as the file) while the
 * text is parsed, instead of keeping them until the next full collection.
 */
function readText(
  file: string,
  known: (digest: string) => boolean,
): { digest: string; text?: string } {
  const bytes = readJsonBytes(file);
  const digest = crypto.createHash('sha1').update(bytes).digest('hex');
  return known(digest) ? { digest } : { digest, text: bytes.toString('utf8') };
}

const SYNTH_HINT = 'expected a cdktf synth output such as cdktf.out';

/** The stack directories of `<dir>/stacks`, sorted; any that cannot be read is an error. */
function stackFiles(dir: string): { stack: string; file: string }[] {
  if (dir === '') throw new ReviewInputError(`the <synth-dir> argument is empty; ${SYNTH_HINT}`);
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch (e) {
    throw new ReviewInputError(`${dir} is not a directory: ${fsReason(e)} (${SYNTH_HINT})`);
  }
  if (!st.isDirectory())
    throw new ReviewInputError(`${dir} is not a directory but a file (${SYNTH_HINT})`);
  const stacksDir = path.join(dir, 'stacks');
  const noStacks = `${dir} has no stacks (no ${path.join('stacks', '<stack>', 'cdk.tf.json')}); run cdktf synth first`;
  let stacksStat: fs.Stats;
  try {
    stacksStat = fs.statSync(stacksDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ReviewInputError(noStacks);
    throw new ReviewInputError(`cannot read ${stacksDir}: ${fsReason(e)}`);
  }
  if (!stacksStat.isDirectory())
    throw new ReviewInputError(
      `${stacksDir} is a file, not the directory of stacks (${SYNTH_HINT})`,
    );
  let names: string[];
  try {
    names = fs.readdirSync(stacksDir).sort();
  } catch (e) {
    throw new ReviewInputError(`cannot read ${stacksDir}: ${fsReason(e)}`);
  }
  const out: { stack: string; file: string }[] = [];
  for (const stack of names) {
    // Every entry is looked at: a stack that cannot be read must never read as "removed".
    const stackDir = path.join(stacksDir, stack);
    const entry = statOrFail(stackDir, 'cannot read the stack directory');
    if (!entry.isDirectory()) continue; // a stray file is not a stack
    const file = path.join(stackDir, 'cdk.tf.json');
    let fileStat: fs.Stats;
    try {
      fileStat = fs.statSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new ReviewInputError(
          `the stack directory ${stackDir} has no cdk.tf.json (an interrupted synth?); run cdktf synth again`,
        );
      throw new ReviewInputError(`cannot read ${file}: ${fsReason(e)}`);
    }
    if (!fileStat.isFile()) throw new ReviewInputError(`${file} is not a file`);
    out.push({ stack, file });
  }
  if (out.length === 0) throw new ReviewInputError(noStacks);
  return out;
}

/**
 * Checks the shape the readers rely on: a JSON object whose `resource` block (if any) maps
 * each type to an object of resources, each an object. Anything else is refused with a
 * one-line reason (lint would otherwise read it as "no resources" and pass).
 */
export function checkSynthShape(file: string, json: unknown): void {
  if (!isJsonObject(json))
    throw new ReviewInputError(
      `${file} is not a JSON object (it is ${kindOf(json)}): not a synthesized stack (cdk.tf.json)`,
    );
  const r = json.resource;
  if (r === undefined) return;
  if (!isJsonObject(r))
    throw new ReviewInputError(
      `${file}: "resource" is not an object of types (it is ${kindOf(r)})`,
    );
  for (const type of Object.keys(r)) {
    const ofType = r[type];
    if (!isJsonObject(ofType))
      throw new ReviewInputError(
        `${file}: resource.${type} is not an object of resources by name (it is ${kindOf(ofType)})`,
      );
    for (const name of Object.keys(ofType)) {
      if (!isJsonObject(ofType[name]))
        throw new ReviewInputError(
          `${file}: resource.${type}.${name} is not an object of attributes (it is ${kindOf(ofType[name])})`,
        );
    }
  }
}

/** Reads every `<dir>/stacks/<stack>/cdk.tf.json`, keyed by stack, each checked for shape. */
export function readSynthDir(dir: string, cache?: SynthCache): Record<string, any> {
  const out: Record<string, any> = {};
  for (const { stack, file } of stackFiles(dir)) {
    const json = readJson(file, cache);
    checkSynthShape(file, json);
    out[stack] = json;
  }
  return out;
}

/**
 * Follows cdktf cross-stack references (`${data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>}`)
 * to the resource in the other stack, so a backend names its instance group.
 */
function crossStackResolver(stacks: Record<string, any>): ExternalResolver {
  return (ref) => {
    const m =
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\.([^.}]+)\}$/.exec(
        ref,
      );
    if (!m) return undefined;
    const target = stacks[m[1]];
    const value = target?.output?.[m[2]]?.value;
    const r =
      typeof value === 'string' ? /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(value) : null;
    const values = r ? target.resource?.[r[1]]?.[r[2]] : undefined;
    return r && values
      ? { address: `${r[1]}.${r[2]}`, type: r[1], values, source: m[1], suppressions: [] }
      : undefined;
  };
}

/** The `resource` block of a stack (its shape was checked by readSynthDir). */
function resourcesOf(json: any): ResourceMap {
  return (json.resource ?? {}) as ResourceMap;
}

/** `${type.name.attr}`: what a cdktf cross-stack output's value names. */
const OUTPUT_TARGET = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/;
/** A cross-stack reference (as `crossStackResolver` reads it): the stack it names. */
const CROSS_STACK_REF =
  /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\.([^.}]+)\}$/;

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * What `crossStackResolver` reads of a stack: its `output` block and the resources that the
 * outputs name (their values are the stack's own objects). Lookups of anything else read as
 * they read on the whole stack: absent, or inherited from the same prototype.
 */
function outputView(json: any): { output: unknown; resource: unknown } {
  const output = json.output;
  const resource: Record<string, Record<string, unknown>> = {};
  const all = json.resource;
  if (typeof output !== 'object' || output === null || !isJsonObject(all))
    return { output, resource: all };
  for (const key of Object.keys(output)) {
    const value = output[key]?.value;
    const r = typeof value === 'string' ? OUTPUT_TARGET.exec(value) : null;
    if (!r || !own(all, r[1]) || !own(all[r[1]], r[2])) continue;
    // A key that assignment cannot copy as it is: keep the whole block.
    if (r[1] === '__proto__' || r[2] === '__proto__') return { output, resource: all };
    if (!own(resource, r[1])) resource[r[1]] = {};
    resource[r[1]][r[2]] = all[r[1]][r[2]];
  }
  return { output, resource };
}

/**
 * The stacks a stack's cross-stack references name (`crossStackResolver`), from its text when
 * it cannot hold one, else from its values.
 */
function referencedStacks(text: string, json: any): Set<string> {
  const names = new Set<string>();
  // Without the marker, and without a \u escape that could spell it, no string is a reference.
  if (!text.includes('cross-stack-reference-input-') && !text.includes('\\u')) return names;
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const m = CROSS_STACK_REF.exec(v);
      if (m) names.add(m[1]);
    } else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(x); // depth: at most MAX_JSON_DEPTH (json-input.ts)
  };
  walk(json.resource);
  return names;
}

/**
 * The stacks and entries of a synth output directory (what the inventory lists), read stack
 * by stack: each stack's entries are read as soon as the stacks its cross-stack references
 * name are read, and its JSON is then dropped (only the outputs that other stacks read are
 * kept). The 50 MB synth of the benchmark holds about 80 MB of parsed JSON, which
 * `inventoryFromSynthDir` keeps for the whole run. The same entries in the same order, and the
 * same error: a file that cannot be read first, else the first stack (in the inventory's
 * order) whose entries cannot be read.
 */
export function inventoryEntriesFromSynthDir(dir: string): Pick<Inventory, 'stacks' | 'entries'> {
  const files = stackFiles(dir);
  const views: Record<string, any> = {};
  const external = crossStackResolver(views);
  const entries = new Map<string, Entry[]>();
  const failures = new Map<string, unknown>();
  const waiting: { stack: string; json: any; needs: Set<string> }[] = [];
  const extract = (stack: string, json: any) => {
    try {
      entries.set(stack, extractEntries(sessionResources(stack, resourcesOf(json)), external));
    } catch (e) {
      failures.set(stack, e);
    }
  };
  for (const { stack, file } of files) {
    const { text } = readText(file, () => false);
    const json = parseJson(text!, file);
    checkSynthShape(file, json);
    views[stack] = outputView(json);
    // Read as readSynthDir keys it (a name like __proto__ is no stack of the inventory).
    if (own(views, stack)) waiting.push({ stack, json, needs: referencedStacks(text!, json) });
    for (let i = 0; i < waiting.length; i++) {
      const w = waiting[i];
      if (![...w.needs].every((n) => own(views, n))) continue;
      extract(w.stack, w.json);
      waiting.splice(i--, 1);
    }
  }
  for (const w of waiting) extract(w.stack, w.json);
  const stacks = Object.keys(views);
  for (const stack of stacks) if (failures.has(stack)) throw failures.get(stack);
  return { stacks, entries: stacks.flatMap((stack) => entries.get(stack) ?? []) };
}

/** The inventory of a synth output directory. */
export function inventoryFromSynthDir(dir: string, cache?: SynthCache): Inventory {
  const stacks = readSynthDir(dir, cache);
  const external = crossStackResolver(stacks);
  const digests: Record<string, string> = Object.fromEntries(
    Object.entries(stacks).map(([name, json]) => [name, digestOf(json) ?? '']),
  );
  const resources: TfResource[] = [];
  const byStack = new Map<string, { entries: Entry[] }>();
  for (const [name, json] of Object.entries(stacks)) {
    // Entries name groups of the stacks this one reads through remote state: the cache key
    // holds their digests too.
    const upstream = Object.keys(json?.data?.terraform_remote_state ?? {})
      .map((k) => /^cross-stack-reference-input-(.+)$/.exec(k)?.[1])
      .filter((s): s is string => s !== undefined)
      .sort()
      .map((s) => digests[s] ?? '');
    const key = `${name}|${digests[name]}|${upstream.join(',')}`;
    let done = digests[name] ? cache?.extracted.get(key) : undefined;
    if (!done) {
      const onPath = sessionResources(name, resourcesOf(json));
      // The entries are read on first use: a --base review reads those of changed stacks
      // (and every stack's only when a change needs the sizes of groups).
      let entries: Entry[] | undefined;
      done = {
        get entries() {
          return (entries ??= extractEntries(onPath, external));
        },
        resources: onPath,
      };
      if (digests[name]) cache?.extracted.set(key, done);
    }
    byStack.set(name, done);
    resources.push(...done.resources);
  }
  let entries: Entry[] | undefined;
  return {
    stacks: Object.keys(stacks),
    get entries() {
      return (entries ??= [...byStack.values()].flatMap((d) => d.entries));
    },
    entriesIn: (stack) => byStack.get(stack)?.entries ?? [],
    resources,
    digests,
  };
}
