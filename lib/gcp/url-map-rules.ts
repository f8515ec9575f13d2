/**
 * U1-U3: the routes of a URL map. Shared by `GlobalHttpsFrontend` and the checks of plain
 * `google_compute_url_map` resources; no construct code, so lint loads no cdktf.
 */
import type { RuleViolation } from '../core/errors';
import { checkGcpName } from '../core/names';
import { Vocabulary, inTerms, isUnresolved } from '../core/rules';
import type { HeaderMatch } from './global-https-frontend';

/** What U1-U3 read of a path matcher (a `HostRule` is one; so is a Terraform `path_matcher`). */
export interface RouteTable {
  readonly pathMatcher: string;
  readonly pathRules?: readonly { readonly paths: string[] }[];
  readonly routeRules?: readonly {
    readonly priority: number;
    readonly prefixMatch?: string;
    readonly headerMatches?: readonly HeaderMatch[];
  }[];
}

/**
 * U1-U3 on the routes of a URL map (one entry per path matcher): unique matcher names and
 * route priorities, path rules or route rules, well-formed matches. Shared with the checks of
 * plain `google_compute_url_map` resources.
 */
export function validateRoutes(
  hostRules: readonly RouteTable[],
  vocabulary = Vocabulary.CONSTRUCT,
): RuleViolation[] {
  const say = (construct: string, terraform: string) => inTerms(vocabulary, construct, terraform);
  const errors: RuleViolation[] = [];
  const matchers = new Set<string>();
  for (const h of hostRules) {
    errors.push(...checkGcpName(`hostRules[${h.pathMatcher}].pathMatcher`, h.pathMatcher));
    if (matchers.has(h.pathMatcher)) {
      errors.push({
        rule: 'U1',
        attribute: 'hostRules.pathMatcher',
        value: `"${h.pathMatcher}"`,
        problem: 'is used by two host rules',
        allowed: 'unique path matcher names',
        fix: 'rename one of them',
      });
    }
    matchers.add(h.pathMatcher);
    if (h.pathRules?.length && h.routeRules?.length) {
      errors.push({
        rule: 'U2',
        attribute: `hostRules[${h.pathMatcher}]`,
        value: say('pathRules and routeRules', 'path_rule and route_rules'),
        problem: 'are both set; a path matcher takes one or the other',
        allowed: say('either pathRules or routeRules', 'either path_rule or route_rules'),
        fix: say(
          'express the path rules as route rules with prefixMatch',
          'express each path_rule as route_rules with match_rules { prefix_match = ... }',
        ),
      });
    }
    const priorities = new Set<number>();
    for (const [j, r] of (h.routeRules ?? []).entries()) {
      const at = `hostRules[${h.pathMatcher}].routeRules[${j}]`;
      if (
        !isUnresolved(r.priority) &&
        (!Number.isInteger(r.priority) || r.priority < 0 || r.priority > 2_147_483_647)
      ) {
        errors.push({
          rule: 'U1',
          attribute: `${at}.priority`,
          value: String(r.priority),
          problem: 'is out of range',
          allowed: 'a whole number in 0..2147483647',
          fix: 'use e.g. 10, 20, 30',
        });
      }
      if (priorities.has(r.priority)) {
        errors.push({
          rule: 'U1',
          attribute: `${at}.priority`,
          value: String(r.priority),
          problem: 'is used twice in this path matcher',
          allowed: 'unique priorities',
          fix: 'give each route rule its own priority',
        });
      }
      priorities.add(r.priority);
      const prefix = r.prefixMatch ?? '/';
      if (!isUnresolved(prefix) && (!prefix.startsWith('/') || prefix.length > 1024)) {
        errors.push({
          rule: 'U3',
          attribute: `${at}.prefixMatch`,
          value: `"${prefix}"`,
          problem: 'is not a path prefix',
          allowed: 'a prefix starting with "/", 1..1024 characters',
          fix: `use "/${prefix.replace(/^\/*/, '')}"`,
        });
      }
      for (const m of r.headerMatches ?? []) {
        const names = say(
          'exactMatch, prefixMatch, presentMatch',
          'exact_match, prefix_match, present_match',
        ).split(', ');
        const set = names.filter(
          (_n, k) => [m.exactMatch, m.prefixMatch, m.presentMatch][k] !== undefined,
        );
        if (set.length !== 1) {
          errors.push({
            rule: 'U3',
            attribute: `${at}.headerMatches[${m.headerName}]`,
            value: set.length === 0 ? 'not set' : set.join(' and '),
            problem:
              set.length === 0
                ? 'gives the header match no way to match'
                : 'are set together; a header match takes exactly one',
            allowed: `exactly one of ${names.join(', ')}`,
            fix:
              set.length === 0
                ? say(
                    'set one of them (presentMatch: true matches any value)',
                    'set one of them (present_match = true matches any value)',
                  )
                : `keep one of ${set.join(' and ')}`,
          });
        }
      }
    }
    for (const p of h.pathRules ?? []) {
      for (const path of p.paths) {
        if (!isUnresolved(path) && !path.startsWith('/')) {
          errors.push({
            rule: 'U3',
            attribute: `hostRules[${h.pathMatcher}].pathRules.paths`,
            value: `"${path}"`,
            problem: 'is not an absolute path',
            allowed: 'paths starting with "/"',
            fix: `use "/${path}"`,
          });
        }
      }
    }
  }
  return errors;
}
