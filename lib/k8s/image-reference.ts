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
  `^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);
/** The first path component, when it is a registry rather than a repository component. */
const DOMAIN_PREFIX = new RegExp(`^(${DOMAIN})/`);
/**
 * distribution/reference `NameTotalLengthMax`: the name (registry and repository, without the
 * tag or digest) has at most 255 characters (reference.go, `Parse`).
 */
const MAX_NAME_LENGTH = 255;
/**
 * The digests a runtime can verify: `Parse` hands the digest to opencontainers/go-digest,
 * which accepts sha256, sha384 and sha512 as lowercase hex of exactly their length and
 * refuses other algorithms as unsupported (go-digest algorithm.go, `anchoredEncodedRegexps`;
 * digest.go, `Validate`).
 */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Why a digest cannot be verified, or undefined when it can. */
function digestProblem(digest: string): string | undefined {
  const [algorithm, hex] = [
    digest.slice(0, digest.indexOf(':')),
    digest.slice(digest.indexOf(':') + 1),
  ];
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) {
    return `has a digest of algorithm "${algorithm}", which container runtimes do not support (ErrDigestUnsupported)`;
  }
  if (!/^[a-f0-9]+$/.test(hex)) {
    return `has a ${algorithm} digest with upper-case hex; runtimes accept lower-case hex only`;
  }
  if (hex.length !== length) {
    return `has a ${algorithm} digest of ${hex.length} hex digits; ${algorithm} has exactly ${length}`;
  }
  return undefined;
}

/**
 * K7: a valid reference (error) that is pinned by a tag other than `latest` or a digest
 * (warning). The API server only refuses an empty image; the kubelet's runtime parses the
 * rest, and a pod whose image it cannot parse never starts (InvalidImageName).
 */
export function checkImageReference(
  attribute: string,
  image: string,
): { errors: RuleViolation[]; warnings: RuleViolation[] } {
  if (isUnresolved(image)) return { errors: [], warnings: [] };
  const m = typeof image === 'string' ? REFERENCE.exec(image) : null;
  if (!m || m[1].length > MAX_NAME_LENGTH) {
    return {
      errors: [
        {
          rule: 'K7',
          attribute,
          value: JSON.stringify(image),
          problem:
            image === ''
              ? 'is empty: the pod has no image to run'
              : m
                ? `has a name of ${m[1].length} characters; a registry and repository have at most ${MAX_NAME_LENGTH}`
                : 'is not a container image reference',
          allowed:
            '[registry[:port]/]repository[:tag][@digest] with a lowercase repository, e.g. guacamole/guacd:1.6.0',
          fix: 'use "guacamole/guacd:1.6.0" (the default) or your mirror of it, e.g. "registry.example.com/guacamole/guacd:1.6.0"',
        },
      ],
      warnings: [],
    };
  }
  const [, name, tag, digest] = m;
  // A first component without "." or ":" (and not "localhost") is a path, not a domain.
  const domain = DOMAIN_PREFIX.exec(name)?.[1];
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
  const badDigest = digest === undefined ? undefined : digestProblem(digest);
  if (badDigest !== undefined) {
    return {
      errors: [
        {
          rule: 'K7',
          attribute,
          value: JSON.stringify(image),
          problem: `${badDigest}: the runtime cannot pull it and the pod never starts`,
          allowed: 'a digest sha256:<64 hex>, sha384:<96 hex> or sha512:<128 hex>, lower case',
          fix: `copy the digest from \`crane digest ${name}${tag !== undefined ? `:${tag}` : ''}\` (or your registry), e.g. ${name}@sha256:<64 lower-case hex digits>`,
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
