import { Token } from 'cdktf';
import { RuleViolation } from './errors';

/** RFC 1035 label: the shape of both Google Cloud resource names and Kubernetes Service names. */
const RFC_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function checkLabel(rule: string, what: string, attribute: string, name: string): RuleViolation[] {
  if (Token.isUnresolved(name)) return [];
  if (RFC_1035_LABEL.test(name) && name.length <= 63) return [];
  return [
    {
      rule,
      attribute,
      value: `"${name}"`,
      problem:
        name.length > 63
          ? `is ${name.length} characters long, too long for ${what}`
          : `is not ${what}`,
      allowed:
        'lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, 1..63 characters',
      fix: `use a shorter or simpler name such as "${suggestName(name)}"`,
    },
  ];
}

/** Checks a Google Cloud resource name (RFC 1035: `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters). */
export function checkGcpName(attribute: string, name: string): RuleViolation[] {
  return checkLabel('N1', 'a valid Google Cloud resource name', attribute, name);
}

/** Checks a Kubernetes DNS-1035 label (Service names and the like), same shape and length. */
export function checkDns1035Label(attribute: string, name: string): RuleViolation[] {
  return checkLabel('N2', 'a DNS-1035 label', attribute, name);
}

function suggestName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^-a-z0-9]/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return cleaned.length > 0 ? cleaned : 'my-resource';
}
