import { Token } from 'cdktf';
import { RuleViolation } from './errors';

const GCP_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Checks a Google Cloud resource name (RFC 1035: `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters). */
export function checkGcpName(attribute: string, name: string): RuleViolation[] {
  if (Token.isUnresolved(name)) return [];
  if (GCP_NAME.test(name) && name.length <= 63) return [];
  return [
    {
      rule: 'N1',
      attribute,
      value: `"${name}"`,
      problem:
        name.length > 63
          ? `is ${name.length} characters long, too long for a Google Cloud resource name`
          : 'is not a valid Google Cloud resource name',
      allowed:
        'lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, 1..63 characters',
      fix: `use a name such as "${suggestName(name)}"`,
    },
  ];
}

/** Checks a Kubernetes DNS-1035 label (Service names and the like): `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters. */
export function checkDns1035Label(attribute: string, name: string): RuleViolation[] {
  if (Token.isUnresolved(name)) return [];
  if (DNS_1035.test(name) && name.length <= 63) return [];
  return [
    {
      rule: 'N2',
      attribute,
      value: `"${name}"`,
      problem:
        name.length > 63
          ? `is ${name.length} characters long, too long for a DNS-1035 label`
          : 'is not a DNS-1035 label',
      allowed:
        'lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, 1..63 characters',
      fix: `use a shorter or simpler name such as "${suggestName(name)}"`,
    },
  ];
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
