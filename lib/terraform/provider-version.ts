/**
 * Which provider versions a configuration admits: its `required_providers` version constraint,
 * read from a synthesized stack, HCL in its JSON form or a plan. A rule whose verdict depends on
 * the provider's version (a value that later versions accept) asks `admitsVersionFrom`.
 *
 * Constraint syntax as Terraform reads it (hashicorp/go-version): comma-separated clauses of
 * `=`, `!=`, `>`, `>=`, `<`, `<=` or `~>` and a version of one to three numbers; `~> 1.2`
 * admits 1.2 and later 1.x, `~> 1.2.3` admits 1.2.3 and later 1.2.x, `~> 1` admits 1 and later.
 */

/** The constraint of the provider a resource uses, or undefined when the configuration declares none. */
export type VersionConstraint = string | undefined;

type Version = readonly [number, number, number];

const CLAUSE = /^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/;

function compare(a: Version, b: Version): number {
  // Stryker disable next-line EqualityOperator: equivalent; a[3] and b[3] are both undefined
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function parseVersion(text: string): Version {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (m === null) throw new Error(`not a version x.y.z: ${text}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** A bound of an interval of versions: the version and whether it is itself admitted. */
interface Bound {
  readonly at: Version;
  readonly inclusive: boolean;
}

/**
 * True when `constraint` admits at least one version at or after `version` (`x.y.z`). An
 * undeclared or unreadable constraint admits everything: the verdict cannot rest on it.
 */
export function admitsVersionFrom(constraint: VersionConstraint, version: string): boolean {
  return admitsWithin(constraint, { at: parseVersion(version), inclusive: true });
}

/** True when `constraint` admits at least one version before `version` (`x.y.z`). */
export function admitsVersionBefore(constraint: VersionConstraint, version: string): boolean {
  return admitsWithin(
    constraint,
    { at: [0, 0, 0], inclusive: true },
    {
      at: parseVersion(version),
      inclusive: false,
    },
  );
}

/**
 * True when some version between `lower` and `upper` satisfies every clause of `constraint`.
 * `!=` is left out (it removes single versions only, never a whole range).
 */
function admitsWithin(constraint: VersionConstraint, lower: Bound, upper?: Bound): boolean {
  // An empty constraint is one unreadable clause below: it admits everything too.
  if (constraint === undefined) return true;
  const range: { lower: Bound; upper?: Bound } = { lower, upper };
  const raise = (b: Bound) => {
    const c = compare(b.at, range.lower.at);
    if (c > 0 || (c === 0 && !b.inclusive)) range.lower = b;
  };
  const cap = (b: Bound) => {
    const c = range.upper === undefined ? -1 : compare(b.at, range.upper.at);
    if (c < 0 || (c === 0 && !b.inclusive)) range.upper = b;
  };
  for (const clause of constraint.split(',')) {
    const m = CLAUSE.exec(clause.trim());
    if (m === null) return true;
    const parts = [m[2], m[3], m[4]].filter((p) => p !== undefined).length;
    const v: Version = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    switch (m[1] ?? '=') {
      case '=':
        raise({ at: v, inclusive: true });
        cap({ at: v, inclusive: true });
        break;
      case '>=':
        raise({ at: v, inclusive: true });
        break;
      case '>':
        raise({ at: v, inclusive: false });
        break;
      case '<=':
        cap({ at: v, inclusive: true });
        break;
      case '<':
        cap({ at: v, inclusive: false });
        break;
      case '~>':
        raise({ at: v, inclusive: true });
        // Only the right-most number given may grow: `~> 1.2` stays below 2, `~> 1.2.3` below 1.3.
        // Stryker disable next-line ConditionalExpression: equivalent; with three numbers the cap below is the lower one
        if (parts === 2) cap({ at: [v[0] + 1, 0, 0], inclusive: false });
        if (parts === 3) cap({ at: [v[0], v[1] + 1, 0], inclusive: false });
        break;
      // '!=': see above.
    }
  }
  const { lower: lo, upper: hi } = range;
  if (hi === undefined) return true;
  const c = compare(lo.at, hi.at);
  return c < 0 || (c === 0 && lo.inclusive && hi.inclusive);
}

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** One block in either form: an object (cdk.tf.json) or a list of objects (hcl2json). */
const blocks = (v: unknown): Record<string, any>[] =>
  Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : [];

/**
 * Provider local name → version constraint, from the `terraform.required_providers` of a
 * synthesized stack (`{ google: { source, version } }`) or of HCL in its JSON form (every
 * block a list).
 */
export function requiredProviders(json: Record<string, any>): Map<string, string> {
  const out = new Map<string, string>();
  for (const terraform of blocks(json.terraform))
    for (const required of blocks(terraform.required_providers))
      for (const [name, spec] of Object.entries(required)) {
        const version = isObject(spec) ? spec.version : spec;
        if (typeof version === 'string' && !out.has(name)) out.set(name, version);
      }
  return out;
}

/**
 * The provider local name a resource uses: its `provider` meta-argument (`google-beta`,
 * `google.alias`, `${google-beta}` from HCL) or the prefix of its type.
 */
export function providerNameOf(type: string, values: Record<string, any>): string {
  const given = values.provider;
  if (typeof given === 'string') {
    const name = given
      .replace(/^\$\{(.*)\}$/, '$1')
      .split('.')[0]
      .trim();
    if (/^[a-z][a-z0-9-]*$/.test(name)) return name;
  }
  return type.split('_')[0];
}

/**
 * Provider source suffix (`google`, `google-beta`) → version constraint, from a plan's
 * `configuration.provider_config`, whose entries carry `full_name` and `version_constraint`.
 */
export function planProviderConstraints(plan: Record<string, any>): Map<string, string> {
  const out = new Map<string, string>();
  const config = plan.configuration?.provider_config;
  if (!isObject(config)) return out;
  for (const p of Object.values(config)) {
    if (!isObject(p) || typeof p.version_constraint !== 'string') continue;
    const name = typeof p.full_name === 'string' ? p.full_name.split('/').pop() : p.name;
    if (typeof name === 'string' && !out.has(name)) out.set(name, p.version_constraint);
  }
  return out;
}
