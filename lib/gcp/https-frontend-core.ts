/**
 * The one core of routing and TLS behind every HTTPS frontend of this library
 * (`GlobalHttpsFrontend`, `RegionalExternalHttpsFrontend`, `RegionalInternalHttpsFrontend`,
 * `CrossRegionInternalHttpsFrontend`): validation (N1, X2, U1-U4, U7, B3), the URL map, the
 * SSL policy and certificates, the target HTTPS proxy, and the HTTP-to-HTTPS redirect. Each
 * frontend adds only what differs: its addresses and forwarding rules. Global or regional
 * resources are picked by `HttpsFlavour.region`.
 */
import { Construct } from 'constructs';
import type { TerraformResource } from 'cdktf';
import type * as urlMap from '@cdktf/provider-google/lib/compute-url-map';
import type * as regionUrlMap from '@cdktf/provider-google/lib/compute-region-url-map';
import type * as httpsProxy from '@cdktf/provider-google/lib/compute-target-https-proxy';
import type * as regionHttpsProxy from '@cdktf/provider-google/lib/compute-region-target-https-proxy';
import type * as httpProxy from '@cdktf/provider-google/lib/compute-target-http-proxy';
import type * as regionHttpProxy from '@cdktf/provider-google/lib/compute-region-target-http-proxy';
import type * as sslPolicy from '@cdktf/provider-google/lib/compute-ssl-policy';
import type * as regionSslPolicy from '@cdktf/provider-google/lib/compute-region-ssl-policy';
import type * as certificate from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import type * as address from '@cdktf/provider-google/lib/compute-address';
import type * as globalAddress from '@cdktf/provider-google/lib/compute-global-address';
import type * as forwardingRule from '@cdktf/provider-google/lib/compute-forwarding-rule';
import type * as globalForwardingRule from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { RuleFindings, RuleViolation } from '../core/errors';
import { checkGcpName } from '../core/names';
import { isUnresolved } from '../core/rules';
import type { AffinityBackendService } from './affinity-backend-service';
import { SslPolicyValues, checkSslPolicy } from './frontend-security-rules';
import type { HostRule } from './global-https-frontend';
import { googleModule } from './google-provider';
import { LoadBalancingScheme, isHttpFamily } from './load-balancing';
import { validateRoutes } from './url-map-rules';
import { AddressSpec, renderAddress } from '../terraform/google/address';
import {
  ForwardingRuleSpec,
  renderForwardingRule,
  renderGlobalForwardingRule,
} from '../terraform/google/forwarding-rule';
import { renderSslPolicy } from '../terraform/google/ssl-policy';
import { renderTargetProxy } from '../terraform/google/target-proxy';
import { UrlMapSpec, renderUrlMap } from '../terraform/google/url-map';

/** The minimum TLS version of every SSL policy the frontends render. */
const MIN_TLS_VERSION = 'TLS_1_2';
/** The ports of the HTTPS listener and of the HTTP redirect. */
const HTTPS_PORT = '443';
const HTTP_PORT = '80';

/** SSL policy profiles the frontends offer; both with TLS 1.2 as the minimum. */
export enum SslProfile {
  /** Broad modern client support, forward secrecy. */
  MODERN = 'MODERN',
  /** Only the strongest suites (PCI-DSS style). */
  RESTRICTED = 'RESTRICTED',
}

/** The routing and TLS props every HTTPS frontend has. */
export interface HttpsCoreProps {
  readonly name: string;
  readonly defaultService: AffinityBackendService;
  readonly hostRules?: HostRule[];
  readonly managedCertificateDomains?: string[];
  readonly certificateIds?: string[];
  readonly certificateManagerCertificateIds?: string[];
  readonly sslProfile?: SslProfile;
  readonly project?: string;
}

/** What differs between the HTTPS frontends in the shared part. */
export interface HttpsFlavour {
  /** The construct's class name (for messages and provider loading). */
  readonly construct: string;
  /** Regional resources in this region; global resources when undefined. */
  readonly region?: string;
  /** Whether a service may serve behind this frontend (B3). */
  readonly accepts: (s: AffinityBackendService) => boolean;
  /** B3's "allowed" text, e.g. `regional EXTERNAL_MANAGED HTTP-family services in europe-west4`. */
  readonly servicesText: string;
  /** The scheme of the frontend, for B3's fix. */
  readonly scheme: LoadBalancingScheme;
  /** Google-managed compute certificates (global external only). */
  readonly managedCertificates: boolean;
  /** Compute SSL certificates (`certificateIds`): not on cross-region internal ALBs. */
  readonly sslCertificates: boolean;
  /** Certificate Manager certificates (`certificateManagerCertificateIds`). */
  readonly certificateManager: boolean;
  /** The longest suffix added to `name` (N1). */
  readonly longestSuffix: string;
}

/** Every service the frontend routes to, once. */
export function uniqueServices(
  defaultService: AffinityBackendService,
  hostRules: readonly HostRule[],
): AffinityBackendService[] {
  const all = [defaultService];
  for (const h of hostRules) {
    all.push(
      h.defaultService,
      ...(h.pathRules ?? []).map((p) => p.service),
      ...(h.routeRules ?? []).map((r) => r.service),
    );
  }
  return [...new Set(all)];
}

/** B3: every reachable service is made for this load balancer. */
export function checkServices(
  services: readonly AffinityBackendService[],
  flavour: HttpsFlavour,
): RuleViolation[] {
  return services
    .filter((s) => !flavour.accepts(s))
    .map((s) => ({
      rule: 'B3',
      attribute: 'services',
      value: `${s.name} (${s.loadBalancingScheme} ${s.protocol}${s.region ? ` in ${s.region}` : ''})`,
      problem: `cannot serve behind this frontend, whose forwarding rule uses ${flavour.scheme}: a backend service made for one load balancer cannot be used by another`,
      allowed: flavour.servicesText,
      fix: `${servicesFix(s, flavour)}, or route to another service`,
    }));
}

/** B3's fix: only what differs between the service and what this frontend takes. */
function servicesFix(s: AffinityBackendService, flavour: HttpsFlavour): string {
  const changes: string[] = [];
  if (s.loadBalancingScheme !== flavour.scheme)
    changes.push(`loadBalancingScheme: LoadBalancingScheme.${flavour.scheme}`);
  if (flavour.region === undefined && s.region !== undefined)
    changes.push('no region (this frontend is global)');
  else if (flavour.region !== undefined && s.region !== flavour.region)
    changes.push(`region: '${flavour.region}'`);
  if (!isHttpFamily(s.protocol))
    changes.push('an HTTP-family protocol such as BackendProtocol.HTTPS');
  return changes.length === 0
    ? `give ${s.name} what allowed says`
    : `give ${s.name} ${changes.join(', ').replace(/, ([^,]*)$/, ' and $1')}`;
}

function certificateFindings(props: HttpsCoreProps, flavour: HttpsFlavour): RuleViolation[] {
  const errors: RuleViolation[] = [];
  const given = (list: string[] | undefined, allowed: boolean, attribute: string, fix: string) => {
    if (list === undefined || allowed) return;
    errors.push({
      rule: 'U4',
      attribute,
      value: `[${list.join(', ')}]`,
      problem: `is not a kind of certificate a ${flavour.construct} takes`,
      allowed: [
        flavour.managedCertificates ? 'managedCertificateDomains' : '',
        flavour.sslCertificates ? 'certificateIds' : '',
        flavour.certificateManager ? 'certificateManagerCertificateIds' : '',
      ]
        .filter(Boolean)
        .join(' or '),
      fix,
    });
  };
  given(
    props.managedCertificateDomains,
    flavour.managedCertificates,
    'managedCertificateDomains',
    'Google-managed compute certificates are global: use a Certificate Manager certificate (certificateManagerCertificateIds)',
  );
  given(
    props.certificateIds,
    flavour.sslCertificates,
    'certificateIds',
    'use Certificate Manager certificates (certificateManagerCertificateIds)',
  );
  given(
    props.certificateManagerCertificateIds,
    flavour.certificateManager,
    'certificateManagerCertificateIds',
    'use certificateIds or managedCertificateDomains',
  );
  const count =
    (props.managedCertificateDomains ? 1 : 0) +
    (props.certificateIds?.length ?? 0) +
    (props.certificateManagerCertificateIds?.length ?? 0);
  const any =
    (props.managedCertificateDomains?.length ?? 0) +
    (props.certificateIds?.length ?? 0) +
    (props.certificateManagerCertificateIds?.length ?? 0);
  if (any === 0) {
    errors.push({
      rule: 'U4',
      attribute: flavour.managedCertificates
        ? 'managedCertificateDomains'
        : flavour.sslCertificates
          ? 'certificateIds'
          : 'certificateManagerCertificateIds',
      value: 'not set',
      problem: flavour.managedCertificates
        ? 'leaves the HTTPS proxy without a certificate (and no certificateIds are given)'
        : flavour.sslCertificates
          ? 'leaves the HTTPS proxy without a certificate (and no certificateManagerCertificateIds are given)'
          : 'leaves the HTTPS proxy without a certificate',
      allowed: flavour.managedCertificates
        ? 'managed certificate domains or 1..15 certificate ids'
        : '1..15 certificate ids',
      fix: flavour.managedCertificates
        ? "set managedCertificateDomains: ['app.example.com']"
        : 'set certificateManagerCertificateIds: [certificate.id]',
    });
  }
  if (count > 15) {
    errors.push({
      rule: 'U4',
      attribute: 'certificateIds',
      value: String(props.certificateIds?.length ?? props.certificateManagerCertificateIds?.length),
      problem: 'is more certificates than a target HTTPS proxy takes',
      allowed: 'at most 15 certificates',
      fix: 'use a certificate map (Certificate Manager) for more',
    });
  }
  for (const d of props.managedCertificateDomains ?? []) {
    if (!isUnresolved(d) && (d.includes('*') || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(d))) {
      errors.push({
        rule: 'U7',
        attribute: 'managedCertificateDomains',
        value: `"${d}"`,
        problem: 'is not a domain a Google-managed certificate can cover (no wildcards)',
        allowed: 'fully qualified domain names such as app.example.com',
        fix: 'list each host name, or use a Certificate Manager certificate for wildcards',
      });
    }
  }
  return errors;
}

/** N1, X2, U1-U4, U6, U7: the props every HTTPS frontend checks before it renders. */
export function validateHttpsProps(props: HttpsCoreProps, flavour: HttpsFlavour): RuleFindings {
  const errors: RuleViolation[] = [];
  errors.push(...checkGcpName('name', props.name, flavour.longestSuffix));
  // X2 on the policy this frontend renders (a plain JavaScript caller can pass any profile).
  errors.push(
    ...checkSslPolicy(sslPolicySpec(props), 'sslProfile').map((v) => ({
      ...v,
      attribute: 'sslProfile',
      fix: 'use SslProfile.MODERN or SslProfile.RESTRICTED',
    })),
  );
  errors.push(...certificateFindings(props, flavour));
  errors.push(...validateRoutes(props.hostRules ?? []));
  return { errors, warnings: [] };
}

/** The URL map's spec: the default service, the host rules and their path matchers. */
export function routingSpec(props: HttpsCoreProps, region: string | undefined): UrlMapSpec {
  const hostRules = props.hostRules ?? [];
  return {
    regional: region !== undefined,
    region,
    defaultService: props.defaultService.backendServiceId,
    hostRules: hostRules.map((h) => ({ hosts: h.hosts, pathMatcher: h.pathMatcher })),
    pathMatchers: hostRules.map((h) => ({
      name: h.pathMatcher,
      defaultService: h.defaultService.backendServiceId,
      pathRules: (h.pathRules ?? []).map((p) => ({
        paths: p.paths,
        service: p.service.backendServiceId,
      })),
      routeRules: (h.routeRules ?? []).map((r) => ({
        priority: r.priority,
        service: r.service.backendServiceId,
        prefixMatch: r.prefixMatch ?? '/',
        headerMatches: (r.headerMatches ?? []).map((m) => ({
          headerName: m.headerName,
          exactMatch: m.exactMatch,
          prefixMatch: m.prefixMatch,
          presentMatch: m.presentMatch,
          invertMatch: m.invertMatch,
        })),
      })),
    })),
  };
}

/** The redirect map's spec: every request gets a 301 to HTTPS, query kept. */
export function redirectSpec(region: string | undefined): UrlMapSpec {
  return {
    regional: region !== undefined,
    region,
    defaultUrlRedirect: {
      httpsRedirect: true,
      redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
      stripQuery: false,
    },
  };
}

/** The SSL policy's spec: the profile, with TLS 1.2 as the minimum. */
export function sslPolicySpec(props: HttpsCoreProps): SslPolicyValues {
  return { profile: props.sslProfile ?? SslProfile.MODERN, min_tls_version: MIN_TLS_VERSION };
}

/** What the shared part renders. */
export interface HttpsCore {
  /** The URL map (a global `google_compute_url_map` or a `google_compute_region_url_map`). */
  readonly urlMap: TerraformResource;
  /** The target HTTPS proxy's id. */
  readonly httpsProxyId: string;
}

/**
 * The URL map, SSL policy, managed certificate and target HTTPS proxy, with the construct ids
 * `url-map`, `ssl-policy`, `certificate` and `https-proxy` (stable Terraform addresses).
 */
export function renderRoutingAndTls(
  scope: Construct,
  props: HttpsCoreProps,
  flavour: HttpsFlavour,
): HttpsCore {
  const n = props.name;
  const project = props.project;
  const load = <T>(resource: string) => googleModule<T>(resource, flavour.construct);
  const region = flavour.region;
  const routing = renderUrlMap(routingSpec(props, region), { name: `${n}-url-map`, project });
  const policy = renderSslPolicy(sslPolicySpec(props), {
    name: `${n}-ssl-policy`,
    project,
    region,
  });
  const certificates = [...(props.certificateIds ?? [])]; // never mutate the caller's array
  const proxy = (urlMap: string, sslPolicy: string) =>
    renderTargetProxy(
      { kind: 'https', regional: region !== undefined },
      {
        name: `${n}-https-proxy`,
        project,
        region,
        urlMap,
        sslCertificates: (region === undefined ? flavour.sslCertificates : certificates.length > 0)
          ? certificates
          : undefined,
        certificateManagerCertificates: props.certificateManagerCertificateIds
          ? [...props.certificateManagerCertificateIds]
          : undefined,
        sslPolicy,
      },
    );
  if (region === undefined) {
    const { ComputeUrlMap } = load<typeof urlMap>('compute-url-map');
    const { ComputeSslPolicy } = load<typeof sslPolicy>('compute-ssl-policy');
    const map = new ComputeUrlMap(scope, 'url-map', routing);
    const ssl = new ComputeSslPolicy(scope, 'ssl-policy', policy);
    if (props.managedCertificateDomains) {
      const { ComputeManagedSslCertificate } = load<typeof certificate>(
        'compute-managed-ssl-certificate',
      );
      const cert = new ComputeManagedSslCertificate(scope, 'certificate', {
        name: `${n}-cert`,
        project,
        managed: { domains: props.managedCertificateDomains },
        lifecycle: { createBeforeDestroy: true },
      });
      certificates.push(cert.id);
    }
    const { ComputeTargetHttpsProxy } = load<typeof httpsProxy>('compute-target-https-proxy');
    const https = new ComputeTargetHttpsProxy(scope, 'https-proxy', proxy(map.id, ssl.id));
    return { urlMap: map, httpsProxyId: https.id };
  }
  const { ComputeRegionUrlMap } = load<typeof regionUrlMap>('compute-region-url-map');
  const { ComputeRegionSslPolicy } = load<typeof regionSslPolicy>('compute-region-ssl-policy');
  const { ComputeRegionTargetHttpsProxy } = load<typeof regionHttpsProxy>(
    'compute-region-target-https-proxy',
  );
  const map = new ComputeRegionUrlMap(scope, 'url-map', routing);
  const ssl = new ComputeRegionSslPolicy(scope, 'ssl-policy', policy);
  const https = new ComputeRegionTargetHttpsProxy(scope, 'https-proxy', proxy(map.id, ssl.id));
  return { urlMap: map, httpsProxyId: https.id };
}

/**
 * The port-80 redirect: a URL map that answers every request with a 301 to HTTPS and its
 * target HTTP proxy (construct ids `http-redirect-url-map`, `http-proxy`). Returns the proxy id.
 */
export function renderRedirect(
  scope: Construct,
  props: HttpsCoreProps,
  flavour: HttpsFlavour,
): string {
  const n = props.name;
  const project = props.project;
  const load = <T>(resource: string) => googleModule<T>(resource, flavour.construct);
  const region = flavour.region;
  const redirect = renderUrlMap(redirectSpec(region), { name: `${n}-http-redirect`, project });
  const proxy = (urlMap: string) =>
    renderTargetProxy(
      { kind: 'http', regional: region !== undefined },
      { name: `${n}-http-proxy`, project, region, urlMap },
    );
  if (region === undefined) {
    const { ComputeUrlMap } = load<typeof urlMap>('compute-url-map');
    const { ComputeTargetHttpProxy } = load<typeof httpProxy>('compute-target-http-proxy');
    const map = new ComputeUrlMap(scope, 'http-redirect-url-map', redirect);
    return new ComputeTargetHttpProxy(scope, 'http-proxy', proxy(map.id)).id;
  }
  const { ComputeRegionUrlMap } = load<typeof regionUrlMap>('compute-region-url-map');
  const { ComputeRegionTargetHttpProxy } = load<typeof regionHttpProxy>(
    'compute-region-target-http-proxy',
  );
  const map = new ComputeRegionUrlMap(scope, 'http-redirect-url-map', redirect);
  return new ComputeRegionTargetHttpProxy(scope, 'http-proxy', proxy(map.id)).id;
}

/** One listening address of an HTTPS frontend: where it is, and the forwarding rules' scope. */
export interface Listener {
  /** `''` for a frontend's one address, `-<region>` for one of several (ids and names). */
  readonly suffix: string;
  readonly address: AddressSpec;
  /** The forwarding rules' spec, without the port. */
  readonly rule: ForwardingRuleSpec;
  readonly httpsProxyId: string;
  /** The redirect proxy's id (rendered on first call), when port 80 redirects. */
  readonly httpProxyId?: () => string;
  readonly dependsOn?: TerraformResource[];
}

/**
 * The address (construct id `address<suffix>`, name `<name>-ip<suffix>`) and the forwarding
 * rules on 443 and, when `httpProxyId` is given, 80 (ids `https-forwarding-rule<suffix>` and
 * `http-forwarding-rule<suffix>`, names `<name>-https<suffix>`, `<name>-http<suffix>`). The
 * address is global unless its spec is regional; so are the rules. Returns the address.
 */
export function renderListener(
  scope: Construct,
  props: HttpsCoreProps,
  flavour: HttpsFlavour,
  listener: Listener,
): { readonly address: string } {
  const { suffix, rule } = listener;
  const project = props.project;
  const n = props.name;
  const load = <T>(resource: string) => googleModule<T>(resource, flavour.construct);
  const addressConfig = renderAddress(listener.address, { name: `${n}-ip${suffix}`, project });
  const ip = listener.address.regional
    ? new (load<typeof address>('compute-address').ComputeAddress)(
        scope,
        `address${suffix}`,
        addressConfig,
      )
    : new (load<typeof globalAddress>('compute-global-address').ComputeGlobalAddress)(
        scope,
        `address${suffix}`,
        addressConfig,
      );
  const forward = (kind: 'https' | 'http', target: string, portRange: string) => {
    const id = `${kind}-forwarding-rule${suffix}`;
    const refs = { name: `${n}-${kind}${suffix}`, project, target, ipAddress: ip.id };
    const spec = { ...rule, portRange };
    const dependsOn = listener.dependsOn;
    if (rule.regional) {
      const { ComputeForwardingRule } = load<typeof forwardingRule>('compute-forwarding-rule');
      new ComputeForwardingRule(scope, id, { ...renderForwardingRule(spec, refs), dependsOn });
    } else {
      const { ComputeGlobalForwardingRule } = load<typeof globalForwardingRule>(
        'compute-global-forwarding-rule',
      );
      new ComputeGlobalForwardingRule(scope, id, {
        ...renderGlobalForwardingRule(spec, refs),
        dependsOn,
      });
    }
  };
  forward('https', listener.httpsProxyId, HTTPS_PORT);
  if (listener.httpProxyId) forward('http', listener.httpProxyId(), HTTP_PORT);
  return ip;
}

/** The props every HTTPS frontend of the family shares (`GlobalHttpsFrontendProps` has them too). */
export interface HttpsFrontendBaseProps {
  /** Prefix of the Google Cloud names (`<name>-url-map`, `<name>-https-proxy`, ...). */
  readonly name: string;
  /** Service for requests no host rule matches. */
  readonly defaultService: AffinityBackendService;
  /**
   * Host rules.
   * @default - none
   */
  readonly hostRules?: HostRule[];
  /**
   * SSL policy profile (minimum TLS 1.2 in both).
   * @default SslProfile.MODERN
   */
  readonly sslProfile?: SslProfile;
  /**
   * Project.
   * @default - the provider's project
   */
  readonly project?: string;
}
