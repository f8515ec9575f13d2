import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ExternalResolver, ResourceMap, extractEntries } from './extract';
import { Entry, Inventory } from './model';
import { ResourceRecord, extractRecords } from './resources';

/** Bad input: the CLI prints the message on one line and exits 2. */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewInputError';
  }
}

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
  readonly extracted = new Map<string, { entries: Entry[]; records: ResourceRecord[] }>();
}

/** Reads and parses a JSON file, with a one-line reason when it cannot. */
export function readJson(file: string, cache?: SynthCache): any {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReviewInputError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const digest = crypto.createHash('sha1').update(text).digest('hex');
  const known = cache?.parsed.get(digest);
  if (known !== undefined) return known;
  try {
    const json = JSON.parse(text);
    if (typeof json === 'object' && json !== null) {
      DIGESTS.set(json, digest);
      cache?.parsed.set(digest, json);
    }
    return json;
  } catch (e) {
    throw new ReviewInputError(`${file} is not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Reads every `<dir>/stacks/<stack>/cdk.tf.json`, keyed by stack. */
export function readSynthDir(dir: string, cache?: SynthCache): Record<string, any> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ReviewInputError(
      `${dir} is not a directory (expected a cdktf synth output such as cdktf.out)`,
    );
  }
  const stacksDir = path.join(dir, 'stacks');
  const names = fs.existsSync(stacksDir)
    ? fs
        .readdirSync(stacksDir)
        .filter((s) => fs.existsSync(path.join(stacksDir, s, 'cdk.tf.json')))
        .sort()
    : [];
  if (names.length === 0) {
    throw new ReviewInputError(
      `${dir} has no stacks (no ${path.join('stacks', '<stack>', 'cdk.tf.json')}); run cdktf synth first`,
    );
  }
  return Object.fromEntries(
    names.map((s) => [s, readJson(path.join(stacksDir, s, 'cdk.tf.json'), cache)]),
  );
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
    return r && values ? { type: r[1], values } : undefined;
  };
}

/** The `resource` block of a stack, checked for shape (a one-line reason when it is wrong). */
function resourcesOf(stack: string, json: any): ResourceMap {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new ReviewInputError(`stack ${stack}: cdk.tf.json is not a JSON object`);
  const r = json.resource ?? {};
  if (typeof r !== 'object' || Array.isArray(r) || r === null)
    throw new ReviewInputError(`stack ${stack}: "resource" is not an object`);
  for (const [type, ofType] of Object.entries(r)) {
    if (ofType === null || typeof ofType !== 'object' || Array.isArray(ofType))
      throw new ReviewInputError(`stack ${stack}: resource.${type} is not an object of resources`);
  }
  return r as ResourceMap;
}

/** The inventory of a synth output directory. */
export function inventoryFromSynthDir(dir: string, cache?: SynthCache): Inventory {
  const stacks = readSynthDir(dir, cache);
  const external = crossStackResolver(stacks);
  const digests: Record<string, string> = Object.fromEntries(
    Object.entries(stacks).map(([name, json]) => [name, digestOf(json) ?? '']),
  );
  const entries: Entry[] = [];
  const records: ResourceRecord[] = [];
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
      const resources = resourcesOf(name, json);
      done = {
        entries: extractEntries(name, resources, external),
        records: extractRecords(name, resources),
      };
      if (digests[name]) cache?.extracted.set(key, done);
    }
    entries.push(...done.entries);
    records.push(...done.records);
  }
  return { stacks: Object.keys(stacks), entries, records, digests };
}
