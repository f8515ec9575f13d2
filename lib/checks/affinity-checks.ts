import { Aspects, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { rulesAlreadyChecked } from '../core/checked';
import { RuleViolation, ValidationError, annotate } from '../core/errors';
import { RuleLevel, RuleRegistry, nearestRuleId } from '../core/rule-registry';
import { checkResources } from './resource-checks';
import { SUPPRESSIONS_KEY, resourcesFromSynth } from '../terraform/resource';

/** Which findings fail the synth. */
export enum FailOn {
  /** Errors fail the synth; warnings are reported as warnings. */
  ERROR = 'error',
  /** Errors and warnings fail the synth. */
  WARNING = 'warning',
  /** Nothing fails the synth; every finding is reported as a warning. */
  NEVER = 'never',
}

/** One rule suppressed on a construct and everything below it, with the reason. */
export interface RuleSuppression {
  /** Rule id from the registry (docs/RULES.md), e.g. `T4`. */
  readonly id: string;
  /** Why the rule does not apply here; recorded in the synthesized resource. */
  readonly reason: string;
}

/** Options of `AffinityChecks`. */
export interface AffinityChecksProps {
  /**
   * Which findings fail the synth (reported as cdktf errors); the others are warnings.
   * @default FailOn.ERROR
   */
  readonly failOn?: FailOn;
  /**
   * Attach a stack trace to every finding. cdktf prints it under each error: the lines of
   * cdktf's own synth code that ran the Aspect, which say nothing about the finding. Also on
   * when the environment has `CDKTF_LOG_LEVEL=debug`.
   * @default false - one line per finding: level, construct path, message, rule id, docs link
   */
  readonly stackTraces?: boolean;
}

/**
 * Applies this library's rules to every resource of a cdktf app, including plain provider
 * (L1) resources: `Aspects.of(app).add(new AffinityChecks())`. Findings are cdktf annotations
 * on the resource's construct (errors fail `cdktf synth`); resources created by this library's
 * constructs are not reported again (their rules ran when they were built). The rules are the
 * registry's, run by the same functions as the constructs and `affinity-review lint`.
 */
export class AffinityChecks implements IAspect {
  /**
   * Suppresses rules on a construct and everything below it, in the manner of cdk-nag: each
   * suppression names a rule id and a reason, and is written into every synthesized resource
   * below `scope` (`//.affinity_checks_suppressions`), where `affinity-review lint` honours it
   * too. An id that is not in the registry, or an empty reason, is an error (rule A1).
   */
  public static suppress(scope: IConstruct, suppressions: RuleSuppression[]): void {
    const violations: RuleViolation[] = [];
    for (const s of suppressions) {
      if (!RuleRegistry.has(s.id)) {
        const near = nearestRuleId(s.id);
        violations.push({
          rule: 'A1',
          attribute: 'suppressions.id',
          value: JSON.stringify(s.id),
          problem: 'is not a rule of the registry, so the suppression would silence nothing',
          allowed: `a rule id listed in docs/RULES.md, e.g. ${near ?? 'T4'}`,
          fix: near
            ? `did you mean ${near}? use id: '${near}'`
            : 'use the id printed at the end of the finding, e.g. [rule T4]',
        });
      }
      if (typeof s.reason !== 'string' || s.reason.trim() === '')
        violations.push({
          rule: 'A1',
          attribute: 'suppressions.reason',
          value: JSON.stringify(s.reason ?? ''),
          problem: `is empty for rule ${s.id}; a reviewer cannot tell why the rule does not apply`,
          allowed: 'a sentence saying why the rule does not apply here',
          fix: "give a reason, e.g. 'the probe firewall is managed by the network team'",
        });
    }
    if (violations.length > 0) throw new ValidationError(scope, violations);
    const recorded = suppressions.map((s) => ({ rule: s.id, reason: s.reason }));
    scope.node.addMetadata('affinity-checks:suppressions', recorded);
    for (const c of scope.node.findAll()) {
      if (!TerraformResource.isTerraformResource(c)) continue;
      const all = [...(RECORDED.get(c) ?? []), ...recorded];
      RECORDED.set(c, all);
      c.addOverride(`//.${SUPPRESSIONS_KEY}`, all);
    }
  }

  /**
   * Applies the checks to every stack of an app (or to one stack or construct). cdktf 0.21
   * invokes only the Aspects of a stack and its children, so `Aspects.of(app).add(...)` alone
   * is never run; this adds the Aspect to each stack. Call it after the stacks are created: a
   * stack created later fails the synth with a message saying so.
   */
  public static applyTo(scope: IConstruct, props: AffinityChecksProps = {}): AffinityChecks {
    const checks = new AffinityChecks(props);
    const stacks = scope.node
      .findAll()
      .filter((c): c is TerraformStack => TerraformStack.isStack(c));
    if (
      stacks.length === 0 ||
      TerraformStack.isStack(scope) ||
      scope.node.scopes.some(TerraformStack.isStack)
    ) {
      Aspects.of(scope).add(checks);
      return checks;
    }
    for (const stack of stacks) Aspects.of(stack).add(checks);
    scope.node.addValidation({
      validate: () =>
        scope.node
          .findAll()
          .filter((c): c is TerraformStack => TerraformStack.isStack(c) && !stacks.includes(c))
          .map(
            (c) =>
              `${c.node.path}: created after AffinityChecks.applyTo(), so it was not checked; call applyTo after creating every stack`,
          ),
    });
    Aspects.of(scope).add(checks); // kept for cdktf versions that visit the app's Aspects
    return checks;
  }

  private readonly failOn: FailOn;
  private readonly stackTraces: boolean;
  private readonly visited = new WeakSet<IConstruct>();

  constructor(props: AffinityChecksProps = {}) {
    this.failOn = props.failOn ?? FailOn.ERROR;
    this.stackTraces = props.stackTraces ?? false;
    watchInvocation(this);
  }

  /** Checks a stack when the visit reaches it (every other node is read through its stack). */
  public visit(node: IConstruct): void {
    NEVER_VISITED.delete(this);
    if (!TerraformStack.isStack(node) || this.visited.has(node)) return;
    this.visited.add(node);
    const byAddress = new Map<string, TerraformResource>();
    for (const c of node.node.findAll()) {
      if (TerraformResource.isTerraformResource(c) && TerraformStack.of(c) === node)
        byAddress.set(`${c.terraformResourceType}.${c.friendlyUniqueId}`, c);
    }
    const json = node.toTerraform();
    for (const f of checkResources(resourcesFromSynth(node.node.id, json))) {
      const target = byAddress.get(f.resource.address);
      if (!target || rulesAlreadyChecked(target) || f.suppressedBecause !== undefined) continue;
      const fails =
        this.failOn === FailOn.WARNING ||
        (this.failOn === FailOn.ERROR && f.level === RuleLevel.ERROR);
      // The finding's own fields only: the resource is known to cdktf by its construct path.
      const { rule, attribute, value, problem, allowed, fix } = f;
      annotate(
        target,
        fails ? 'error' : 'warning',
        { rule, attribute, value, problem, allowed, fix },
        this.stackTraces,
      );
    }
  }
}

/** Suppressions recorded per resource (several `suppress` calls accumulate). */
const RECORDED = new WeakMap<IConstruct, { rule: string; reason: string }[]>();

/**
 * Instances cdktf has not visited yet. `Aspects.of(app).add(...)` is silently never run by
 * cdktf 0.21 (it visits the Aspects of stacks and below only): say so when the process ends,
 * and make the process exit non-zero (the user asked for checks: `cdktf synth` must not pass
 * as if they had passed). An exit code already non-zero is kept.
 */
const NEVER_VISITED = new Set<AffinityChecks>();
let exitHook = false;
function watchInvocation(checks: AffinityChecks): void {
  NEVER_VISITED.add(checks);
  if (exitHook || typeof process === 'undefined') return;
  exitHook = true;
  process.once('exit', () => {
    if (NEVER_VISITED.size === 0) return;
    process.stderr.write(
      `AffinityChecks: ${NEVER_VISITED.size} instance(s) never ran. cdktf 0.21 runs only the Aspects of stacks and their children, not those added with Aspects.of(app); use AffinityChecks.applyTo(app) after creating the stacks, or Aspects.of(stack).add(...).\n`,
    );
    if (!process.exitCode) process.exitCode = 1;
  });
}
