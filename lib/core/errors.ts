import { IConstruct } from 'constructs';
import { RuleBasis, ruleDocsUrl } from './rule-registry';

/**
 * One broken rule, in the words a user needs to fix it: which attribute, which value,
 * what is wrong, what is allowed, and what to write instead.
 */
export interface RuleViolation {
  /** Rule id from the rule registry (e.g. `S1`, `T1`, `K3`); see docs/RULES.md. */
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
  /**
   * Why this violation is at its level, where a rule has several reasons (S5: an out-of-range
   * TTL is refused, a TTL on a type without a cookie is ignored).
   * @default - the rule's first basis for its level in the registry
   */
  readonly basis?: RuleBasis;
  /**
   * For a value the pinned provider (hashicorp/google 6.50.0) refuses but a later version
   * accepts: the first version that accepts it. On Terraform that others wrote, the finding is
   * an error when the configuration's `required_providers` admits no version from this one on,
   * absent when it admits none before it, and a warning otherwise (the verdict depends on a
   * version it leaves open).
   * @default - every provider version refuses it
   */
  readonly acceptedFrom?: string;
}

/** Renders a violation as one line, prefixed by the construct path when there is one. */
export function formatViolation(path: string, v: RuleViolation): string {
  const prefix = path ? `${path}: ` : '';
  return `${prefix}${v.attribute} ${v.value} ${v.problem} (allowed: ${v.allowed}); fix: ${v.fix} [rule ${v.rule}]`;
}

const VALIDATION_ERROR = Symbol.for('cdktf-affinity-draining.ValidationError');

/**
 * Thrown at synth time (in a constructor, a value-class factory, or from a validation that
 * `app.synth()` runs) when a configuration would fail at `terraform apply` or silently not
 * do what it says. Every message ends with `[rule <id>]`, documented in docs/RULES.md.
 *
 * TypeScript and JavaScript only: jsii cannot model a subclass of `Error`, so other
 * languages see the runtime's generic error with the same message; `Errors.isValidationError`
 * is the check every language has.
 *
 * @jsii ignore
 */
export class ValidationError extends Error {
  /**
   * True for errors of this class, also across copies of the library (use it instead of
   * `instanceof`, which fails when two copies are installed).
   */
  public static isValidationError(x: unknown): x is ValidationError {
    return typeof x === 'object' && x !== null && VALIDATION_ERROR in x;
  }

  /** The violations, each formatted with the construct path (when known). */
  public readonly messages: string[];
  /** The violations, unformatted (rule id, attribute, value, allowed, fix). */
  public readonly violations: RuleViolation[];
  /** The construct path, when the error was raised in or passed through a construct. */
  public readonly constructPath?: string;

  /**
   * @param scope the construct the violations belong to, or undefined for value classes
   * (`Duration`, `DrainingPolicy`, ...) used outside a construct
   */
  constructor(scope: IConstruct | undefined, violations: RuleViolation[]) {
    const path = scope?.node.path;
    const messages = violations.map((v) => formatViolation(path ?? '', v));
    super(
      messages.length === 1
        ? messages[0]
        : `${messages.length} problems:\n  - ${messages.join('\n  - ')}`,
    );
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
    this.name = 'ValidationError';
    this.messages = messages;
    this.violations = [...violations];
    this.constructPath = path;
  }
}

/**
 * Type checks for the errors this library throws, in every jsii language (the pattern of
 * AWS CDK's `Errors`).
 */
export class Errors {
  /**
   * True when `x` is a `ValidationError` of this library (also across two installed copies
   * of it, where `instanceof` fails).
   */
  public static isValidationError(x: unknown): boolean {
    return ValidationError.isValidationError(x);
  }

  private constructor() {}
}

/**
 * Runs `fn` (a construct's handling of its props) and adds the construct path to a
 * `ValidationError` a value class raised without one. A `TypeError` from a malformed prop
 * (plain JavaScript callers) becomes a `ValidationError` too.
 */
export function withConstructPath<T>(scope: IConstruct, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (ValidationError.isValidationError(e)) {
      if (e.constructPath !== undefined) throw e;
      throw new ValidationError(scope, e.violations);
    }
    if (e instanceof TypeError) {
      throw new ValidationError(scope, [
        {
          rule: 'P1',
          attribute: 'props',
          value: `(${e.message})`,
          problem: 'has a value of the wrong type or a missing required value',
          allowed: 'the types the props interface documents',
          fix: 'check the props against the documentation; in TypeScript, remove casts to `any`',
        },
      ]);
    }
    throw e;
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

/** Throws a `ValidationError` without a construct path (value classes). */
export function throwViolations(violations: RuleViolation[]): void {
  if (violations.length > 0) throw new ValidationError(undefined, violations);
}

/** Records warnings as cdktf warning annotations (`cdktf synth` prints them as `WARN`). */
export function reportWarnings(scope: IConstruct, warnings: RuleViolation[]): void {
  for (const w of warnings) annotate(scope, 'warning', w);
}

/** The cdktf metadata types of annotations (cdktf's `AnnotationMetadataEntryType`). */
const ANNOTATION_TYPES = { warning: '@cdktf/warn', error: '@cdktf/error' } as const;

/**
 * Records a finding as a cdktf annotation of one line: the violation without the construct
 * path (cdktf prints `WARN [path]: message` itself) and the rule's documentation link. cdktf's
 * `Annotations` attach a stack trace into cdktf's internals to every entry, which `cdktf synth`
 * prints after each error; here there is none unless `stackTraces` is set or
 * `CDKTF_LOG_LEVEL=debug`.
 */
export function annotate(
  scope: IConstruct,
  level: 'warning' | 'error',
  v: RuleViolation,
  stackTraces = false,
): void {
  scope.node.addMetadata(ANNOTATION_TYPES[level], annotationText(v), {
    stackTrace: stackTraces || process.env.CDKTF_LOG_LEVEL?.toLowerCase() === 'debug',
    traceFromFunction: annotate,
  });
}

/** The text of an annotation: the violation, its rule tag, then the rule's documentation. */
export function annotationText(v: RuleViolation): string {
  return `${formatViolation('', v)} ${ruleDocsUrl(v.rule)}`;
}

/**
 * Registers a validation that cdktf runs on `app.synth()` (and `Testing.synth(stack, true)`),
 * for rules that span constructs or depend on values added after construction. Errors are
 * thrown as a `ValidationError` naming this construct (so every language sees the same error
 * type as for constructor checks); warnings are recorded once, on the first run.
 */
export function addRuleValidation(scope: IConstruct, rules: () => RuleFindings): void {
  let warned = false;
  scope.node.addValidation({
    validate: () => {
      const findings = withConstructPath(scope, rules);
      if (!warned) {
        reportWarnings(scope, findings.warnings);
        warned = true;
      }
      if (findings.errors.length > 0) throw new ValidationError(scope, findings.errors);
      return [];
    },
  });
}
