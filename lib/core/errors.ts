import { Annotations } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * One broken rule, in the words a user needs to fix it: which attribute, which value,
 * what is wrong, what is allowed, and what to write instead.
 */
export interface RuleViolation {
  /** Rule id from the rule catalogue (e.g. `S1`, `T1`, `K3`). */
  readonly rule: string;
  /** The attribute as the user wrote it (e.g. `sessionAffinity`, `healthCheck.timeout`). */
  readonly attribute: string;
  /** The value given, rendered for a human. */
  readonly value: string;
  /** What is wrong with it, as a clause (e.g. `is not accepted by an EXTERNAL_MANAGED HTTPS backend service`). */
  readonly problem: string;
  /** What is allowed. */
  readonly allowed: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Renders a violation as one line, prefixed by the construct path. */
export function formatViolation(path: string, v: RuleViolation): string {
  return `${path}: ${v.attribute} ${v.value} ${v.problem} (allowed: ${v.allowed}); fix: ${v.fix} [rule ${v.rule}]`;
}

/**
 * Thrown at synth time (in a constructor, or from a validation that `app.synth()` runs)
 * when a configuration would fail at `terraform apply` or silently not do what it says.
 */
export class ValidationError extends Error {
  /** The violations, each already formatted with the construct path. */
  public readonly messages: string[];

  constructor(scope: IConstruct, violations: RuleViolation[]) {
    const messages = violations.map((v) => formatViolation(scope.node.path, v));
    super(
      messages.length === 1
        ? messages[0]
        : `${messages.length} problems:\n  - ${messages.join('\n  - ')}`,
    );
    this.name = 'ValidationError';
    this.messages = messages;
  }
}

/**
 * The result of running a rule set: hard errors and soft warnings. Rule functions are pure
 * (no cdktf import needed to evaluate them), so the same tables serve constructs and tools.
 */
export interface RuleFindings {
  /** Configurations that will fail or silently not work. */
  readonly errors: RuleViolation[];
  /** Legal but probably wrong configurations. */
  readonly warnings: RuleViolation[];
}

/** An empty, mutable findings collector. */
export function newFindings(): { errors: RuleViolation[]; warnings: RuleViolation[] } {
  return { errors: [], warnings: [] };
}

/** Throws the errors (all at once) and records the warnings as cdktf warning annotations. */
export function applyFindings(scope: IConstruct, findings: RuleFindings): void {
  reportWarnings(scope, findings.warnings);
  if (findings.errors.length > 0) {
    throw new ValidationError(scope, findings.errors);
  }
}

/** Records warnings as cdktf warning annotations (`cdktf synth` prints them as `WARN`). */
export function reportWarnings(scope: IConstruct, warnings: RuleViolation[]): void {
  for (const w of warnings) {
    Annotations.of(scope).addWarning(formatViolation(scope.node.path, w));
  }
}

/**
 * Registers a validation that cdktf runs on `app.synth()` (and `Testing.synth(stack, true)`),
 * for rules that span constructs or depend on values added after construction.
 * Warnings are recorded once, on the first run.
 */
export function addRuleValidation(scope: IConstruct, rules: () => RuleFindings): void {
  let warned = false;
  scope.node.addValidation({
    validate: () => {
      const findings = rules();
      if (!warned) {
        reportWarnings(scope, findings.warnings);
        warned = true;
      }
      // cdktf prefixes each message with `[<construct path>]`; no need to repeat it.
      return findings.errors.map((v) => formatViolation('', v).replace(/^: /, ''));
    },
  });
}
