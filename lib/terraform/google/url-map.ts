/**
 * `google_compute_url_map` and `google_compute_region_url_map`: how the provider reads them, in
 * one place for the Aspect, lint, the reviewer and the frontends (hashicorp/google 6.50.0;
 * magic-modules UrlMap.yaml and RegionUrlMap.yaml at 1f3c249). No defaults the rules rely
 * on: a URL map routes to `default_service` unless a host rule's path matcher says otherwise,
 * or redirects everything with `default_url_redirect`.
 *
 * `renderUrlMap` writes a `UrlMapSpec` as the provider's config, `readUrlMap` reads it back
 * (its `spec`; __tests__/model-roundtrip-frontends.test.ts checks both ways).
 */
import type { ComputeUrlMapConfig } from '@cdktf/provider-google/lib/compute-url-map';
import type { ComputeRegionUrlMapConfig } from '@cdktf/provider-google/lib/compute-region-url-map';
import { RouteTable } from '../../gcp/url-map-rules';
import { RedirectUrlMapValues } from '../../gcp/frontend-security-rules';
import { TfResource, block } from '../resource';
import { ResourceRefs } from './refs';
import { str } from './values';

export const URL_MAP_TYPES = ['google_compute_url_map', 'google_compute_region_url_map'];

/** The attributes, at any depth, that name a backend service (or bucket) a URL map routes to. */
const SERVICE_KEYS = ['default_service', 'service', 'backend_service'];

/** One `header_matches` block of a route rule's match. */
export interface UrlMapHeaderMatch {
  readonly headerName: string;
  readonly exactMatch?: string;
  readonly prefixMatch?: string;
  readonly presentMatch?: boolean;
  readonly invertMatch?: boolean;
}

/** A route rule: priority, service, and its (first) match's prefix and header matches. */
export interface UrlMapRouteRule {
  readonly priority: number;
  readonly service?: string;
  readonly prefixMatch?: string;
  readonly headerMatches: readonly UrlMapHeaderMatch[];
}

/** A `path_matcher` block. */
export interface UrlMapPathMatcher {
  readonly name: string;
  readonly defaultService?: string;
  readonly pathRules: readonly { readonly paths: string[]; readonly service?: string }[];
  readonly routeRules: readonly UrlMapRouteRule[];
}

/** A `default_url_redirect` block. */
export interface UrlMapRedirect {
  readonly httpsRedirect?: boolean;
  readonly redirectResponseCode?: string;
  readonly stripQuery?: boolean;
  readonly hostRedirect?: string;
  readonly pathRedirect?: string;
}

/** A URL map: what `renderUrlMap` writes and `readUrlMap` reads (its `spec`). */
export interface UrlMapSpec {
  readonly regional: boolean;
  /** Regional maps only; unset: the provider's region. */
  readonly region?: string;
  readonly defaultService?: string;
  /** `host_rule` blocks; undefined when the attribute is absent (an empty list is written). */
  readonly hostRules?: readonly { readonly hosts: string[]; readonly pathMatcher: string }[];
  /** `path_matcher` blocks; undefined when the attribute is absent. */
  readonly pathMatchers?: readonly UrlMapPathMatcher[];
  readonly defaultUrlRedirect?: UrlMapRedirect;
}

/** A URL map as the rules read it. */
export interface UrlMapRead {
  readonly regional: boolean;
  /** What the map routes (and redirects): the spec `renderUrlMap` writes. */
  readonly spec: UrlMapSpec;
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

/** A list attribute or block list in either form (absent: empty). */
const list = (v: unknown): any[] => ([] as any[]).concat(v ?? []);

/** A block list, or undefined when the attribute is absent. */
const blocks = <T>(v: unknown, read: (b: any) => T): T[] | undefined =>
  v === undefined || v === null ? undefined : list(v).map(read);

/** `true`/`false` as set; undefined when unset (null in a plan). */
const flag = (v: unknown): boolean | undefined => (v ?? undefined) as boolean | undefined;

function readRouteRule(rule: any): UrlMapRouteRule {
  const matches = list(rule.match_rules);
  return {
    priority: Number(rule.priority),
    service: str(rule.service),
    // A full_path_match is a whole path, not a prefix: U3's prefix shape does not apply to it.
    prefixMatch: str(matches[0]?.prefix_match),
    headerMatches: matches
      .flatMap((m) => list(m.header_matches))
      .map((h) => ({
        headerName: String(h.header_name),
        exactMatch: str(h.exact_match),
        prefixMatch: str(h.prefix_match),
        presentMatch: flag(h.present_match),
        invertMatch: flag(h.invert_match),
      })),
  };
}

function readPathMatcher(pm: any): UrlMapPathMatcher {
  return {
    name: String(pm.name ?? ''),
    defaultService: str(pm.default_service),
    pathRules: list(pm.path_rule).map((rule) => ({
      paths: list(rule.paths),
      service: str(rule.service),
    })),
    routeRules: list(pm.route_rules).map(readRouteRule),
  };
}

/** Reads a URL map's values into its spec. */
export function readUrlMapSpec(values: Record<string, any>, regional: boolean): UrlMapSpec {
  const redirect = block(values.default_url_redirect);
  return {
    regional,
    region: str(values.region),
    defaultService: str(values.default_service),
    hostRules: blocks(values.host_rule, (h) => ({
      hosts: list(h.hosts),
      pathMatcher: String(h.path_matcher ?? ''),
    })),
    pathMatchers: blocks(values.path_matcher, readPathMatcher),
    defaultUrlRedirect:
      redirect === undefined || redirect === null
        ? undefined
        : {
            httpsRedirect: flag(redirect.https_redirect),
            redirectResponseCode: str(redirect.redirect_response_code),
            stripQuery: flag(redirect.strip_query),
            hostRedirect: str(redirect.host_redirect),
            pathRedirect: str(redirect.path_redirect),
          },
  };
}

/** U1-U3's view of a spec: one route table per path matcher. */
export function routeTablesOf(spec: UrlMapSpec): RouteTable[] {
  return (spec.pathMatchers ?? []).map((pm) => ({
    pathMatcher: pm.name,
    pathRules: pm.pathRules.map((rule) => ({ paths: rule.paths })),
    routeRules: pm.routeRules.map((rule) => ({
      priority: rule.priority,
      prefixMatch: rule.prefixMatch,
      headerMatches: rule.headerMatches.map((h) => ({
        headerName: h.headerName,
        exactMatch: h.exactMatch,
        prefixMatch: h.prefixMatch,
        presentMatch: h.presentMatch,
      })),
    })),
  }));
}

/** Reads a URL-map resource. */
export function readUrlMap(r: TfResource): UrlMapRead {
  const v = r.values;
  const regional = r.type === 'google_compute_region_url_map';
  const spec = readUrlMapSpec(v, regional);
  const serviceValues: string[] = [];
  collect(v, serviceValues);
  const serviceReferences = Object.entries(r.references ?? {})
    .filter(([k]) => SERVICE_KEYS.includes(k.split('.').pop()!))
    .flatMap(([, addresses]) => addresses);
  return {
    regional,
    spec,
    routeTables: routeTablesOf(spec),
    redirect: { default_url_redirect: block(v.default_url_redirect) },
    serviceValues,
    serviceReferences,
  };
}

/** The config of a `google_compute_url_map`, or of a regional one (`regional` true). */
type UrlMapConfig = ComputeUrlMapConfig & ComputeRegionUrlMapConfig;

/** A list written only when it has entries. */
const some = <T, U>(xs: readonly T[], f: (x: T) => U): U[] | undefined =>
  xs.length > 0 ? xs.map(f) : undefined;

function renderPathMatcher(pm: UrlMapPathMatcher) {
  return {
    name: pm.name,
    defaultService: pm.defaultService,
    pathRule: some(pm.pathRules, (p) => ({ paths: [...p.paths], service: p.service })),
    routeRules: some(pm.routeRules, (r) => ({
      priority: r.priority,
      service: r.service,
      matchRules: [
        {
          prefixMatch: r.prefixMatch,
          headerMatches: some(r.headerMatches, (m) => ({ ...m })),
        },
      ],
    })),
  };
}

/**
 * The provider config of `spec` (`readUrlMapSpec` reads it back): host rules and path matchers
 * as given (an empty list too), a path matcher's path and route rules and a match's header
 * matches only when there are some; each route rule has one match.
 */
export function renderUrlMap(spec: UrlMapSpec, refs: ResourceRefs) {
  const redirect = spec.defaultUrlRedirect;
  return {
    name: refs.name,
    project: refs.project,
    ...(spec.regional ? { region: spec.region } : {}),
    defaultService: spec.defaultService,
    hostRule: spec.hostRules?.map((h) => ({ hosts: [...h.hosts], pathMatcher: h.pathMatcher })),
    pathMatcher: spec.pathMatchers?.map(renderPathMatcher),
    defaultUrlRedirect: redirect && {
      httpsRedirect: redirect.httpsRedirect,
      redirectResponseCode: redirect.redirectResponseCode,
      stripQuery: redirect.stripQuery as boolean,
      hostRedirect: redirect.hostRedirect,
      pathRedirect: redirect.pathRedirect,
    },
  } satisfies UrlMapConfig;
}
