import { RuleViolation } from '../core/errors';
import { isUnresolved } from '../core/rules';

/*
 * Container image references as the distribution/reference grammar defines them (the grammar
 * the kubelet and containerd parse): `[domain[:port]/]path[:tag][@digest]`, where path
 * components are lowercase alphanumerics joined by `.`, `_`, `__` or dashes.
 * https://github.com/distribution/reference/blob/main/regexp.go
 */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);

/** K7: a valid reference (error) that is pinned by a tag other than `latest` or a digest (warning). */
export function checkImageReference(
  attribute: string,
  image: string,
): { errors: RuleViolation[]; warnings: RuleViolation[] } {
  if (isUnresolved(image)) return { errors: [], warnings: [] };
  const m = typeof image === 'string' ? REFERENCE.exec(image) : null;
  // A first component without "." or ":" (and not "localhost") is a path, not a domain.
  if (!m || image.length > 255) {
    return {
      errors: [
        {
          rule: 'K7',
          attribute,
          value: JSON.stringify(image),
          problem:
            image === ''
              ? 'is empty: the pod has no image to run'
              : 'is not a container image reference',
          allowed:
            '[registry[:port]/]repository[:tag][@digest] with a lowercase repository, e.g. guacamole/guacd:1.6.0',
          fix: 'use "guacamole/guacd:1.6.0" (the default) or your mirror of it, e.g. "registry.example.com/guacamole/guacd:1.6.0"',
        },
      ],
      warnings: [],
    };
  }
  const [, domain, , tag, digest] = m;
  const isDomain = domain === undefined || /[.:[]/.test(domain) || domain === 'localhost';
  if (!isDomain && !new RegExp(`^${COMPONENT}$`).test(domain)) {
    return {
      errors: [
        {
          rule: 'K7',
          attribute,
          value: JSON.stringify(image),
          problem: 'is not a container image reference: repository names are lowercase',
          allowed: '[registry[:port]/]repository[:tag][@digest] with a lowercase repository',
          fix: `use ${JSON.stringify(image.replace(/^[^/]+/, (d) => d.toLowerCase()))}`,
        },
      ],
      warnings: [],
    };
  }
  if (digest !== undefined || (tag !== undefined && tag !== 'latest')) {
    return { errors: [], warnings: [] };
  }
  const repository = image.replace(/:latest$/, '');
  return {
    errors: [],
    warnings: [
      {
        rule: 'K7',
        attribute,
        value: JSON.stringify(image),
        problem:
          'is not pinned: every node may pull a different guacd, and a restart can change the version under live sessions',
        allowed: 'a version tag or digest, e.g. guacamole/guacd:1.6.0',
        fix: `use "${repository}:1.6.0"`,
      },
    ],
  };
}
