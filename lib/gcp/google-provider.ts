import { requirePeer } from '../core/peer';

/** The `@cdktf/provider-google` versions this library is built and tested against. */
const RANGE = '^16.12.1';

/**
 * One module of `@cdktf/provider-google` (`lib/<resource>`), loaded on first use; the type
 * comes from an `import type` of the same module, so nothing is required at load time.
 */
export function googleModule<T>(resource: string, user: string): T {
  return requirePeer<T>('@cdktf/provider-google', RANGE, `lib/${resource}`, user);
}
