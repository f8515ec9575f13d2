/**
 * What the constructs' traffic-path check reads of the stack they are in: values resolved as
 * cdktf writes them to `cdk.tf.json` (tokens become `${...}` expressions), and the stack's
 * firewall rules read by their model, so a construct judges the same firewall rules as lint.
 */
import { IConstruct } from 'constructs';
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformResource,
  TerraformStack,
  Tokenization,
} from 'cdktf';
import { FirewallSpec } from './firewall-rules';
import { networkName } from './traffic-path-rules';
import { readFirewall } from '../terraform/google/firewall';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** A value as `cdk.tf.json` will hold it (a token becomes its `${...}` expression). */
export function resolveInStack(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, {
    scope: TerraformStack.of(scope),
    preparing: false,
    resolver: RESOLVER,
  });
}

const REF = /^\$\{(google_compute_network)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/;

/** The stack's resources of one type, with their values as synthesized. */
function resourcesOf(
  scope: IConstruct,
  type: string,
): { resource: TerraformResource; values: Record<string, unknown> }[] {
  const stack = TerraformStack.of(scope);
  return stack.node
    .findAll()
    .filter(
      (c): c is TerraformResource =>
        TerraformResource.isTerraformResource(c) &&
        c.terraformResourceType === type &&
        TerraformStack.of(c) === stack,
    )
    .map((resource) => {
      const json = resolveInStack(scope, resource.toTerraform()) as {
        resource?: Record<string, Record<string, Record<string, unknown>>>;
      };
      const values = json?.resource?.[type]?.[resource.friendlyUniqueId] ?? {};
      return { resource, values };
    });
}

/**
 * The network key of a value in this stack: its name, also when it is a reference to a
 * `google_compute_network` of the stack whose name is known (as lint resolves it).
 */
export function stackNetworkKey(scope: IConstruct, value: unknown): string | undefined {
  const resolved = resolveInStack(scope, value);
  const known = networkName(resolved);
  if (known !== undefined) return known;
  const m = typeof resolved === 'string' ? REF.exec(resolved) : null;
  if (!m) return undefined;
  const network = resourcesOf(scope, m[1]).find((n) => n.resource.friendlyUniqueId === m[2]);
  return networkName(network?.values.name);
}

/** The firewall rules of the stack of `scope`, read by the firewall model. */
export function stackFirewalls(scope: IConstruct): FirewallSpec[] {
  return resourcesOf(scope, 'google_compute_firewall').map(({ resource, values }) =>
    readFirewall(values, resource.node.path, (v) => stackNetworkKey(scope, v)),
  );
}
