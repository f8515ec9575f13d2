/**
 * Reporting for the checks of plain Terraform: a finding per rule violation, on the resource it
 * is about, in Terraform's attribute names, with its level and suppression. The rule functions
 * word allowed values and fixes in Terraform's terms themselves (`Vocabulary.TERRAFORM`). Shared by the
 * Google Cloud, firewall and Kubernetes checks.
 */
import { RuleViolation, ValidationError } from '../core/errors';
import { RuleBasis, RuleLevel, RuleRegistry } from '../core/rule-registry';
import { admitsVersionBefore, admitsVersionFrom } from '../terraform/provider-version';
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

/** The reasons an ERROR stands on Terraform that others wrote. */
const ERROR_BASES = [RuleBasis.REFUSED, RuleBasis.BROKEN_PATH];
/** The reasons a rule function may return an error for (the constructs refuse all of them). */
const ERROR_CAPABLE = [...ERROR_BASES, RuleBasis.CONTRACT, RuleBasis.STANDARD];

/**
 * The level a finding has on plain Terraform: an error stays one only when the platform
 * refuses it or the path cannot work; what the platform accepts (ignored, risky, short of a
 * standard, or only against the constructs' contract) is a warning. A value that later
 * provider versions accept (`acceptedFrom`) is refused only where `providerVersion`, the
 * configuration's constraint, admits no such version.
 */
export function levelOnTerraform(
  v: RuleViolation,
  level: RuleLevel,
  providerVersion?: string,
): RuleLevel {
  if (level !== RuleLevel.ERROR) return level;
  if (v.acceptedFrom !== undefined && admitsVersionFrom(providerVersion, v.acceptedFrom))
    return RuleLevel.WARNING;
  const basis = v.basis ?? RuleRegistry.find(v.rule)?.basis.find((b) => ERROR_CAPABLE.includes(b));
  return basis === undefined || ERROR_BASES.includes(basis) ? RuleLevel.ERROR : RuleLevel.WARNING;
}

const LEVELS = [RuleLevel.ERROR, RuleLevel.WARNING] as const;

/** Collects findings: once per resource, rule, attribute and value. */
export class Reporter {
  public readonly findings: CheckFinding[] = [];
  private readonly seen = new Set<string>();

  /**
   * @param keep which findings to keep (after the once-only check, so a kept finding is the
   * same as without the filter): a caller that needs a few findings of many does not hold all.
   */
  constructor(private readonly keep: (f: CheckFinding) => boolean = () => true) {}

  /** Reports `violations` on `resource`, renaming rule attributes through `attributes`. */
  public report(
    resource: TfResource,
    level: RuleLevel,
    violations: readonly RuleViolation[],
    attributes: Record<string, string> = {},
  ): void {
    for (const v of violations) {
      // A value that every provider version the configuration admits accepts: no finding.
      if (
        v.acceptedFrom !== undefined &&
        !admitsVersionBefore(resource.providerVersion, v.acceptedFrom)
      )
        continue;
      const attribute = attributes[v.attribute] ?? v.attribute;
      // A health check shared by several services is checked once per service: report once.
      // As `[...].join('\u0000')` wrote it (undefined as ''), without the array.
      const key = `${resource.source}\u0000${resource.address}\u0000${v.rule}\u0000${attribute ?? ''}\u0000${v.value ?? ''}\u0000${v.problem ?? ''}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const suppression = resource.suppressions.find((s) => s.rule === v.rule);
      // Field by field, not `{ ...v }`: the spread gave each finding a hidden class of its own.
      const finding: CheckFinding = {
        rule: v.rule,
        attribute,
        value: v.value,
        problem: v.problem,
        allowed: v.allowed,
        fix: v.fix,
        basis: v.basis,
        acceptedFrom: v.acceptedFrom,
        level: levelOnTerraform(v, level, resource.providerVersion),
        resource,
        suppressedBecause: suppression?.reason,
      };
      if (this.keep(finding)) this.findings.push(finding);
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
      // A value no value class takes (a negative duration) is one the API refuses too.
      const refused = e.violations.map((v) => ({ basis: RuleBasis.REFUSED, ...v }));
      this.report(r, RuleLevel.ERROR, refused, attributes);
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
    for (const level of LEVELS) {
      const list = level === RuleLevel.ERROR ? findings.errors : findings.warnings;
      this.report(main, level, other ? list.filter((v) => !onOther(v)) : list, mainAttributes);
      if (other) this.report(other, level, list.filter(onOther), otherAttributes);
    }
  }
}
