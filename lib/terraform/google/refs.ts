/**
 * What the models' render functions share: the part of a resource that only the construct
 * rendering it knows (its Google Cloud name and project), and spec defaults that an explicit
 * `undefined` must not hide.
 *
 * Each render function checks what it returns against the provider's config type with
 * `satisfies` (an `import type` of `@cdktf/provider-google/lib/<resource>`) instead of declaring
 * that type as its return type: the emitted declarations then name no provider type, and an app
 * that installs only the Kubernetes provider still type-checks the package's declarations
 * (__tests__/entry-types.test.ts). The construct passing the result to the L1 class checks it
 * against the same type again.
 */

/** What only the construct knows of a resource it renders (besides references). */
export interface ResourceRefs {
  readonly name: string;
  /** Unset: the provider's project. */
  readonly project?: string;
}

/** `o` without its undefined entries (so that, spread over defaults, they do not hide them). */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
