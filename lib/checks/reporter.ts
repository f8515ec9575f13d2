/**
 * Reporting for the checks of plain Terraform: a finding per rule violation, on the resource it
 * is about, in Terraform's attribute names, with its level and suppression. The rule functions
 * word allowed values and fixes in Terraform's terms themselves (`Vocabulary.TERRAFORM`). Shared by the
 * Google Cloud, firewall and Kubernetes checks.
 */
import { RuleViolation, ValidationError } from '../core/errors';
import { RuleLevel } from '../core/rule-registry';
import { TfResource } from '../terraform/resource';

/** One finding of a rule on a Terraform resource. */
export interface CheckFinding extends RuleViolation {
  readonly level: RuleLevel;
  /** The resource the finding is reported on. */
  readonly resource: TfResource;
  /** The suppression's reason, when the resource suppresses this rule. */
  readonly suppressedBecause?: string;
}

type Findings = { errors: RuleViolation[]; warnings: RuleViolation[] };

/** Collects findings: once per resource, rule, attribute and value. */
export class Reporter {
  public readonly findings: CheckFinding[] = [];
  private readonly seen = new Set<string>();

  /** Reports `violations` on `resource`, renaming rule attributes through `attributes`. */
  public report(
    resource: TfResource,
    level: RuleLevel,
    violations: readonly RuleViolation[],
    attributes: Record<string, string> = {},
  ): void {
    for (const v of violations) {
      const attribute = attributes[v.attribute] ?? v.attribute;
      // A health check shared by several services is checked once per service: report once.
      const key = [resource.source, resource.address, v.rule, attribute, v.value, v.problem].join(
        '\u0000',
      );
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const suppression = resource.suppressions.find((s) => s.rule === v.rule);
      this.findings.push({
        ...v,
        attribute,
        level,
        resource,
        suppressedBecause: suppression?.reason,
      });
    }
  }

  /**
   * Runs `fn`; a value class refusing a value outright (a negative duration, D1) is a finding
   * of the resource being mapped, not a crash of the check.
   */
  public guarded(r: TfResource, attributes: Record<string, string>, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!ValidationError.isValidationError(e)) throw e;
      this.report(r, RuleLevel.ERROR, e.violations, attributes);
    }
  }

  /**
   * The errors and warnings of one rule run, on `main`, or on `other` (the health check of a
   * service, the autoscaler of a group) for the findings `onOther` picks.
   */
  public reportFindings(
    findings: Findings,
    main: TfResource,
    mainAttributes: Record<string, string>,
    other?: TfResource,
    onOther: (v: RuleViolation) => boolean = () => false,
    otherAttributes: Record<string, string> = {},
  ): void {
    for (const [level, list] of [
      [RuleLevel.ERROR, findings.errors],
      [RuleLevel.WARNING, findings.warnings],
    ] as const) {
      this.report(main, level, other ? list.filter((v) => !onOther(v)) : list, mainAttributes);
      if (other) this.report(other, level, list.filter(onOther), otherAttributes);
    }
  }
}
