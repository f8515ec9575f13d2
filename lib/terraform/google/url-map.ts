/**
 * `google_compute_url_map` and `google_compute_region_url_map`: how the provider reads them, in
 * one place for the Aspect, lint, the reviewer and the frontends (hashicorp/google 6.50.0;
 * magic-modules UrlMap.yaml and RegionUrlMap.yaml at 1f3c249). No defaults the rules rely
 * on: a URL map routes to `default_service` unless a host rule's path matcher says otherwise,
 * or redirects everything with `default_url_redirect`.
 */
import { RouteTable } from '../../gcp/url-map-rules';
import { RedirectUrlMapValues } from '../../gcp/frontend-security-rules';
import { TfResource, block } from '../resource';
import { str } from './values';

export const URL_MAP_TYPES = ['google_compute_url_map', 'google_compute_region_url_map'];

/** The attributes, at any depth, that name a backend service (or bucket) a URL map routes to. */
const SERVICE_KEYS = ['default_service', 'service', 'backend_service'];

/** A URL map as the rules read it. */
export interface UrlMapRead {
  readonly regional: boolean;
  /** U1-U3's view: one route table per path matcher. */
  readonly routeTables: RouteTable[];
  /** X3's view. */
  readonly redirect: RedirectUrlMapValues;
  /** Every service value the map routes to (names, self links, references), at any depth. */
  readonly serviceValues: string[];
  /** Plan configuration references of those attributes (resource addresses). */
  readonly serviceReferences: string[];
}

/** The rules' attribute names (U1-U3) → Terraform attribute names. */
export function urlMapAttribute(attribute: string): string {
  return attribute
    .replace(/^hostRules\.pathMatcher$/, 'path_matcher.name')
    .replace(/^hostRules\[/, 'path_matcher[')
    .replace('.routeRules[', '.route_rules[')
    .replace('.prefixMatch', '.match_rules.prefix_match')
    .replace('.headerMatches[', '.match_rules.header_matches[')
    .replace('.pathRules.paths', '.path_rule.paths');
}

function collect(v: unknown, out: string[]): void {
  if (Array.isArray(v)) return v.forEach((x) => collect(x, out));
  if (v === null || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v)) {
    if (SERVICE_KEYS.includes(k) && typeof x === 'string') out.push(x);
    else collect(x, out);
  }
}

/** Reads a URL-map resource. */
export function readUrlMap(r: TfResource): UrlMapRead {
  const v = r.values;
  const routeTables: RouteTable[] = ([] as any[]).concat(v.path_matcher ?? []).map((pm) => ({
    pathMatcher: String(pm.name ?? ''),
    pathRules: ([] as any[]).concat(pm.path_rule ?? []).map((rule) => ({
      paths: ([] as string[]).concat(rule.paths ?? []),
    })),
    routeRules: ([] as any[]).concat(pm.route_rules ?? []).map((rule) => {
      const matches = ([] as any[]).concat(rule.match_rules ?? []);
      return {
        priority: Number(rule.priority),
        // A full_path_match is a whole path, not a prefix: U3's prefix shape does not apply to it.
        prefixMatch: str(matches[0]?.prefix_match),
        headerMatches: matches
          .flatMap((m) => ([] as any[]).concat(m.header_matches ?? []))
          .map((h) => ({
            headerName: String(h.header_name),
            exactMatch: str(h.exact_match),
            prefixMatch: str(h.prefix_match),
            presentMatch: h.present_match ?? undefined,
          })),
      };
    }),
  }));
  const serviceValues: string[] = [];
  collect(v, serviceValues);
  const serviceReferences = Object.entries(r.references ?? {})
    .filter(([k]) => SERVICE_KEYS.includes(k.split('.').pop()!))
    .flatMap(([, addresses]) => addresses);
  return {
    regional: r.type === 'google_compute_region_url_map',
    routeTables,
    redirect: { default_url_redirect: block(v.default_url_redirect) },
    serviceValues,
    serviceReferences,
  };
}
