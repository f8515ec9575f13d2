import type { Construct, IConstruct } from 'constructs';
import type { TerraformResource } from 'cdktf';
import { cdktfModule } from '../core/cdktf-lazy';
import { requirePeer } from '../core/peer';
import { isUnknown } from '../core/unknown';
import { JsonObject, renderKubernetesObject } from '../terraform/kubernetes';

/** The `@cdktf/provider-kubernetes` versions this library is built and tested against. */
const RANGE = '^12.1.1';

/**
 * One module of `@cdktf/provider-kubernetes` (`lib/<resource>`), loaded on first use; the
 * type comes from an `import type` of the same module, so nothing is required at load time.
 */
export function kubernetesModule<T>(resource: string, user: string): T {
  return requirePeer<T>('@cdktf/provider-kubernetes', RANGE, `lib/${resource}`, user);
}

type ResourceClass = new (scope: Construct, id: string, config: object) => TerraformResource;

/** The API object each resource was rendered from (for tests and escape hatches). */
const RENDERED = new WeakMap<IConstruct, JsonObject>();

/**
 * A provider resource of `type` (`kubernetes_stateful_set_v1`, ..., `kubernetes_manifest`) that
 * sends the API object `object`: the model of the type (lib/terraform/kubernetes) renders it into
 * the configuration of the provider's class, loaded on first use (`StatefulSetV1` of
 * `lib/stateful-set-v1`, ...). `extra` holds Terraform's own arguments (count, timeouts,
 * `wait_for_rollout`), which are no part of the API object.
 */
export function kubernetesResource(
  scope: Construct,
  id: string,
  type: string,
  object: JsonObject,
  user: string,
  extra: { readonly [argument: string]: unknown } = {},
): TerraformResource {
  const name = type.replace(/^kubernetes_/, '');
  const cls = name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  const module = kubernetesModule<Record<string, ResourceClass>>(name.replace(/_/g, '-'), user);
  const resource = new module[cls](scope, id, {
    ...extra,
    ...renderKubernetesObject(type, object),
  });
  RENDERED.set(resource, object);
  return resource;
}

/** The API object a resource of `kubernetesResource` was rendered from. */
export function renderedObject(resource: IConstruct): JsonObject | undefined {
  return RENDERED.get(resource);
}

/**
 * A number as an API object holds it: itself, or, for a token number, its string token (as
 * the reader gives a `${...}` expression back), which renders into a string attribute
 * (`replicas`, `run_as_user`, a port) as the same token.
 */
export function apiNumber(n: number): number | string {
  return isUnknown(n) ? cdktfModule().Token.asString(n) : n;
}
