import { requirePeer } from '../core/peer';

/** The `@cdktf/provider-kubernetes` versions this library is built and tested against. */
const RANGE = '^12.1.1';

/**
 * One module of `@cdktf/provider-kubernetes` (`lib/<resource>`), loaded on first use; the
 * type comes from an `import type` of the same module, so nothing is required at load time.
 */
export function kubernetesModule<T>(resource: string, user: string): T {
  return requirePeer<T>('@cdktf/provider-kubernetes', RANGE, `lib/${resource}`, user);
}
