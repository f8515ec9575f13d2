import { IConstruct } from 'constructs';

const CHECKED = Symbol.for('cdktf-affinity-draining.checked');

/**
 * Marks a construct whose rules already ran when it was built (this library's L2 constructs):
 * the `AffinityChecks` Aspect does not report the resources below it a second time.
 */
export function markRulesChecked(scope: IConstruct): void {
  Object.defineProperty(scope, CHECKED, { value: true });
}

/** True when the construct or one of its ancestors was marked by `markRulesChecked`. */
export function rulesAlreadyChecked(scope: IConstruct): boolean {
  return scope.node.scopes.some((s) => CHECKED in s);
}
