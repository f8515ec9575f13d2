/**
 * What the models' render functions share: the part of a resource that only the construct
 * rendering it knows (its Google Cloud name and project), and spec defaults that an explicit
 * `undefined` must not hide.
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
