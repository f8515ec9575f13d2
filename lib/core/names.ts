import { RuleViolation } from './errors';
import { isUnresolved } from './rules';

/** RFC 1035 label: the shape of both Google Cloud resource names and Kubernetes Service names. */
const RFC_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 label: Kubernetes namespaces (may start with a digit). */
const RFC_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** The name part of a label key, and a non-empty label value. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** A DNS-1123 subdomain: the optional prefix of a label key. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

interface LabelKind {
  readonly rule: string;
  readonly what: string;
  readonly pattern: RegExp;
  readonly allowed: string;
  readonly mustStartWithLetter: boolean;
  /** The longest name of the kind (63 for labels, 253 for subdomains). */
  readonly maxLength: number;
}

const GCP_NAME: LabelKind = {
  rule: 'N1',
  what: 'a valid Google Cloud resource name (RFC 1035)',
  pattern: RFC_1035_LABEL,
  allowed:
    'lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, 1..63 characters',
  mustStartWithLetter: true,
  maxLength: 63,
};
const DNS_1035: LabelKind = {
  rule: 'N2',
  what: 'a Kubernetes DNS-1035 label (the rule for Service names)',
  pattern: RFC_1035_LABEL,
  allowed:
    'lowercase letters, digits and hyphens, starting with a letter, ending with a letter or digit, 1..63 characters',
  mustStartWithLetter: true,
  maxLength: 63,
};
const DNS_1123: LabelKind = {
  rule: 'N3',
  what: 'a Kubernetes DNS-1123 label (the rule for namespaces)',
  pattern: RFC_1123_LABEL,
  allowed:
    'lowercase letters, digits and hyphens, starting and ending with a letter or digit, 1..63 characters',
  mustStartWithLetter: false,
  maxLength: 63,
};
/**
 * DNS-1123 subdomain: the name of most Kubernetes objects (Deployment, StatefulSet, Ingress,
 * NetworkPolicy, PodDisruptionBudget) and of every custom resource (BackendConfig,
 * GCPBackendPolicy, HealthCheckPolicy, HTTPRoute, Gateway).
 * kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/api/validation/generic.go
 * (`NameIsDNSSubdomain`), pkg/apis/apps/validation, pkg/apis/networking/validation,
 * pkg/apis/policy/validation; apiextensions-apiserver validates custom resource names so.
 */
const DNS_1123_SUBDOMAIN: LabelKind = {
  rule: 'N4',
  what: 'a Kubernetes DNS-1123 subdomain (the rule for most object and custom resource names)',
  pattern: DNS_SUBDOMAIN,
  allowed:
    'lowercase letters, digits, hyphens and dots, each dot-separated part starting and ending with a letter or digit, 1..253 characters',
  mustStartWithLetter: false,
  maxLength: 253,
};

/** The Kubernetes kinds this library names, and the name rule of each. */
export type KubernetesKind =
  | 'Service'
  | 'Namespace'
  | 'Deployment'
  | 'StatefulSet'
  | 'Ingress'
  | 'NetworkPolicy'
  | 'PodDisruptionBudget'
  | 'BackendConfig'
  | 'GCPBackendPolicy'
  | 'HealthCheckPolicy'
  | 'HTTPRoute'
  | 'Gateway';

/**
 * Checks `name` and, when `derived` is given, the longest name derived from it. The fix
 * always names the attribute the user sets and suggests a value that passes every check.
 */
function checkLabel(
  kind: LabelKind,
  attribute: string,
  name: string,
  maxLength = kind.maxLength,
  longestSuffix = '',
): RuleViolation[] {
  if (isUnresolved(name)) return [];
  if (typeof name !== 'string') {
    return [
      {
        rule: 'P1',
        attribute,
        value: name === undefined ? '(missing)' : `(${typeof name})`,
        problem: 'is not a string',
        allowed: kind.allowed,
        fix: `set ${attribute} to a name such as "my-name"`,
      },
    ];
  }
  const derived = `${name}${longestSuffix}`;
  const valid =
    kind.pattern.test(name) && name.length <= maxLength && derived.length <= kind.maxLength;
  if (valid) return [];
  const limit = Math.min(maxLength, kind.maxLength - longestSuffix.length);
  const tooLong = name.length > limit && kind.pattern.test(name);
  return [
    {
      rule: kind.rule,
      attribute,
      value: `"${name}"`,
      problem: tooLong
        ? `is ${name.length} characters long, too long for ${kind.what}` +
          (longestSuffix ? ` once "${longestSuffix}" is appended` : '')
        : `is not ${kind.what}`,
      allowed: `${kind.allowed}; at most ${limit} characters here`,
      fix: `set ${attribute} to e.g. "${suggestLabel(name, kind, limit)}"`,
    },
  ];
}

/** Checks a Google Cloud resource name (RFC 1035: `[a-z]([-a-z0-9]*[a-z0-9])?`, at most 63 characters). */
export function checkGcpName(attribute: string, name: string, longestSuffix = ''): RuleViolation[] {
  return checkLabel(GCP_NAME, attribute, name, 63, longestSuffix);
}

/** Checks a Kubernetes DNS-1035 label (Service names), with the longest suffix derived from it. */
export function checkDns1035Label(
  attribute: string,
  name: string,
  maxLength = 63,
  longestSuffix = '',
): RuleViolation[] {
  return checkLabel(DNS_1035, attribute, name, maxLength, longestSuffix);
}

/** Checks a Kubernetes DNS-1123 label (namespaces). */
export function checkDns1123Label(attribute: string, name: string): RuleViolation[] {
  return checkLabel(DNS_1123, attribute, name);
}

/**
 * Checks a Kubernetes DNS-1123 subdomain (the names of most objects and of custom resources),
 * with the longest suffix derived from it.
 */
export function checkDns1123Subdomain(
  attribute: string,
  name: string,
  longestSuffix = '',
): RuleViolation[] {
  return checkLabel(DNS_1123_SUBDOMAIN, attribute, name, 253, longestSuffix);
}

/**
 * Checks `metadata.name` of an object of `kind` against the rule the API server applies to
 * that kind: a DNS-1035 label for Services (N2), a DNS-1123 label for Namespaces (N3), a
 * DNS-1123 subdomain for every other kind this library renders (N4).
 * kubernetes/kubernetes pkg/apis/core/validation/validation.go (`ValidateServiceName`,
 * `ValidateNamespaceName`), pkg/apis/apps/validation, pkg/apis/networking/validation,
 * pkg/apis/policy/validation.
 */
export function checkObjectName(
  kind: KubernetesKind,
  attribute: string,
  name: string,
): RuleViolation[] {
  if (kind === 'Service') return checkDns1035Label(attribute, name);
  if (kind === 'Namespace') return checkDns1123Label(attribute, name);
  return checkDns1123Subdomain(attribute, name);
}

/** A value of `kind` close to `name`, at most `limit` characters, that passes the check. */
export function suggestLabel(name: string, kind: LabelKind, limit: number): string {
  if (kind.pattern === DNS_SUBDOMAIN) return suggestSubdomain(name, limit);
  let s = String(name)
    .toLowerCase()
    .replace(/[^-a-z0-9]/g, '-')
    .replace(/-+/g, '-');
  if (kind.mustStartWithLetter) s = s.replace(/^[^a-z]+/, '');
  // Stryker disable next-line Regex: equivalent; the hyphen runs are single hyphens by now
  else s = s.replace(/^-+/, '');
  // Stryker disable next-line Regex: as above
  s = s.slice(0, limit).replace(/-+$/, '');
  if (s.length > 0) return s;
  return 'app'.slice(0, Math.max(1, limit));
}

/** A DNS-1123 subdomain close to `name`, at most `limit` characters. */
function suggestSubdomain(name: string, limit: number): string {
  const s = String(name)
    .toLowerCase()
    .replace(/[^-a-z0-9.]/g, '-')
    .split('.')
    .map((part) => part.replace(/-+/g, '-'))
    // Stryker disable next-line Regex: equivalent; the hyphen runs are single hyphens by now
    .map((part) => part.replace(/^-+|-+$/g, ''))
    .filter((part) => part.length > 0)
    .join('.')
    .slice(0, limit)
    // Stryker disable next-line Regex: equivalent; no part starts or ends with a hyphen, so the cut leaves at most one `-` or `.` at the end
    .replace(/[-.]+$/, '');
  return s.length > 0 ? s : 'app';
}

/**
 * K10: a label selector's keys and values follow Kubernetes label syntax: key
 * `[prefix/]name` (prefix a DNS subdomain of at most 253 characters, name 1..63 characters of
 * alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric); value empty or like a name.
 */
export function checkLabelSelector(
  attribute: string,
  labels: { [key: string]: string },
): RuleViolation[] {
  const v: RuleViolation[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (isUnresolved(key)) continue;
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const keyOk =
      key.split('/').length <= 2 &&
      LABEL_NAME.test(name) &&
      name.length <= 63 &&
      (prefix === undefined || (DNS_SUBDOMAIN.test(prefix) && prefix.length <= 253));
    if (!keyOk) {
      v.push({
        rule: 'K10',
        attribute,
        value: JSON.stringify(key),
        problem: 'is, as a key, not a Kubernetes label key',
        allowed:
          '[prefix/]name: prefix a lowercase DNS subdomain (at most 253 characters), name 1..63 characters of letters, digits, "-", "_", "." starting and ending with a letter or digit',
        fix: `use e.g. ${JSON.stringify(suggestLabelKey(prefix, name))}`,
      });
    }
    if (isUnresolved(value)) continue;
    if (
      typeof value !== 'string' ||
      (value !== '' && !(LABEL_NAME.test(value) && value.length <= 63))
    ) {
      v.push({
        rule: 'K10',
        attribute: `${attribute}[${JSON.stringify(key)}]`,
        value: typeof value === 'string' ? JSON.stringify(value) : `(${typeof value})`,
        problem: 'is not a Kubernetes label value',
        allowed:
          'empty, or 1..63 characters of letters, digits, "-", "_", "." starting and ending with a letter or digit',
        fix: `use e.g. ${JSON.stringify(suggestLabelValue(String(value)))}`,
      });
    }
  }
  return v;
}

function suggestLabelValue(value: string): string {
  const s = value
    .replace(/[^-A-Za-z0-9_.]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 63)
    .replace(/[^A-Za-z0-9]+$/, '');
  return s;
}

function suggestLabelKey(prefix: string | undefined, name: string): string {
  const n = suggestLabelValue(name) || 'app';
  if (prefix === undefined) return n;
  const p = prefix
    .toLowerCase()
    .replace(/[^-a-z0-9.]/g, '-')
    .split('.')
    .map((part) => part.replace(/^-+|-+$/g, ''))
    .filter((part) => part.length > 0)
    .join('.')
    .slice(0, 253);
  return p ? `${p}/${n}` : n;
}
