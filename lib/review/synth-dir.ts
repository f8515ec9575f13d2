import * as fs from 'fs';
import * as path from 'path';
import { ExternalResolver, ResourceMap, extractEntries } from './extract';
import { Inventory } from './model';
import { extractRecords } from './resources';

/** Bad input: the CLI prints the message on one line and exits 2. */
export class ReviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewInputError';
  }
}

/** Reads and parses a JSON file, with a one-line reason when it cannot. */
export function readJson(file: string): any {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReviewInputError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ReviewInputError(`${file} is not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Reads every `<dir>/stacks/<stack>/cdk.tf.json`, keyed by stack. */
export function readSynthDir(dir: string): Record<string, any> {
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
    names.map((s) => [s, readJson(path.join(stacksDir, s, 'cdk.tf.json'))]),
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
export function inventoryFromSynthDir(dir: string): Inventory {
  const stacks = readSynthDir(dir);
  const external = crossStackResolver(stacks);
  return {
    stacks: Object.keys(stacks),
    entries: Object.entries(stacks).flatMap(([name, json]) =>
      extractEntries(name, resourcesOf(name, json), external),
    ),
    records: Object.entries(stacks).flatMap(([name, json]) =>
      extractRecords(name, resourcesOf(name, json)),
    ),
  };
}
