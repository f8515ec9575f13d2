// Public surface of the shared core (values, errors, rule registry): re-exports only.
export { Duration } from './duration';
export { DrainingPolicy, type DrainingPolicyOptions } from './draining-policy';
export { Errors, type RuleFindings, type RuleViolation, ValidationError } from './errors';
export {
  type RuleDefinition,
  RuleBasis,
  RuleLevel,
  RulePlatform,
  RuleRegistry,
} from './rule-registry';
