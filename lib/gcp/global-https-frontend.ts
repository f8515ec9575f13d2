import { Construct } from 'constructs';
import { TerraformOutput, TerraformResource } from 'cdktf';
import type * as urlMap from '@cdktf/provider-google/lib/compute-url-map';
import type * as httpsProxyModule from '@cdktf/provider-google/lib/compute-target-https-proxy';
import type * as httpProxy from '@cdktf/provider-google/lib/compute-target-http-proxy';
import type * as forwardingRule from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import type * as globalAddress from '@cdktf/provider-google/lib/compute-global-address';
import type * as sslPolicyModule from '@cdktf/provider-google/lib/compute-ssl-policy';
import type * as certificate from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import { markRulesChecked } from '../core/checked';
import { RuleViolation, addRuleValidation, applyFindings, withConstructPath } from '../core/errors';
import { checkGcpName } from '../core/names';
import { isUnresolved, checkRequiredProps } from '../core/rules';
import { AffinityBackendService } from './affinity-backend-service';
import { checkSslPolicy } from './frontend-security-rules';
import { googleModule } from './google-provider';
import { LoadBalancerKind, LoadBalancingScheme } from './load-balancing';
import { validateRoutes } from './url-map-rules';
import { checkShape } from '../core/shape';
import { backendServiceShape, frontendProps } from './shapes';

const FRONTEND_PROPS = frontendProps(
  backendServiceShape((v) => v instanceof AffinityBackendService),
);

/** SSL policy profiles this frontend offers; both with TLS 1.2 as the minimum. */
export enum SslProfile {
  /** Broad modern client support, forward secrecy. */
  MODERN = 'MODERN',
  /** Only the strongest suites (PCI-DSS style). */
  RESTRICTED = 'RESTRICTED',
}

/** Match on one request header (exactly one of the match kinds). */
export interface HeaderMatch {
  /** Header name, e.g. `X-Personality`. */
  readonly headerName: string;
  /**
   * Header value must equal this.
   * @default - not used
   */
  readonly exactMatch?: string;
  /**
   * Header value must start with this.
   * @default - not used
   */
  readonly prefixMatch?: string;
  /**
   * Header must be present (true) or absent (false).
   * @default - not used
   */
  readonly presentMatch?: boolean;
  /**
   * Invert the match.
   * @default false
   */
  readonly invertMatch?: boolean;
}

/** A route rule: requests matching a path prefix and headers go to a service. */
export interface RouteRule {
  /** Priority, 0..2147483647, unique within the path matcher (lower wins). */
  readonly priority: number;
  /** Where matching requests go. */
  readonly service: AffinityBackendService;
  /**
   * Path prefix to match (starts with "/").
   * @default '/'
   */
  readonly prefixMatch?: string;
  /**
   * Headers that must all match.
   * @default - none
   */
  readonly headerMatches?: HeaderMatch[];
}

/** A path rule: paths to a service. */
export interface PathRule {
  /** Paths, e.g. `['/voice', '/voice/*']`. */
  readonly paths: string[];
  /** Where they go. */
  readonly service: AffinityBackendService;
}

/** Hosts and how their requests are routed. */
export interface HostRule {
  /** Host names. */
  readonly hosts: string[];
  /** Name of the path matcher (RFC 1035). */
  readonly pathMatcher: string;
  /** Service for requests no rule matches. */
  readonly defaultService: AffinityBackendService;
  /**
   * Path rules (not together with route rules).
   * @default - none
   */
  readonly pathRules?: PathRule[];
  /**
   * Route rules (not together with path rules).
   * @default - none
   */
  readonly routeRules?: RouteRule[];
}

/** Properties of a `GlobalHttpsFrontend`. */
export interface GlobalHttpsFrontendProps {
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
   * Domains of a Google-managed certificate (no wildcards). Give this or `certificateIds`.
   * @default - none
   */
  readonly managedCertificateDomains?: string[];
  /**
   * Existing certificate ids (self links). Give this or `managedCertificateDomains`.
   * @default - none
   */
  readonly certificateIds?: string[];
  /**
   * SSL policy profile (minimum TLS 1.2 in both).
   * @default SslProfile.MODERN
   */
  readonly sslProfile?: SslProfile;
  /**
   * Also listen on port 80 and redirect to HTTPS (301).
   * @default true
   */
  readonly httpRedirect?: boolean;
  /**
   * Project.
   * @default - the provider's project
   */
  readonly project?: string;
}

/**
 * The frontend of a global external Application Load Balancer: a reserved global IP, a URL
 * map, an HTTPS proxy with a strict SSL policy and a certificate, the forwarding rule on 443,
 * and an optional HTTP→HTTPS redirect on 80. The scheme is taken from the services, which must
 * all be global HTTP-family services of one scheme (B3).
 */
export class GlobalHttpsFrontend extends Construct {
  /** The reserved IP address. */
  public readonly ipAddress: string;
  /**
   * The URL map (escape hatch): a `ComputeUrlMap` of `@cdktf/provider-google/lib/compute-url-map`
   * (cast to it for its typed API). Typed as cdktf's `TerraformResource` so that the package's declarations type-check without the provider packages an app does not use.
   */
  public readonly urlMap: TerraformResource;
  /** The scheme shared by frontend and services. */
  public readonly loadBalancingScheme: LoadBalancingScheme;

  constructor(scope: Construct, id: string, props: GlobalHttpsFrontendProps) {
    super(scope, id);
    markRulesChecked(this);
    applyFindings(this, {
      errors: checkRequiredProps(props, [
        ['name', 'string', "'lb'"],
        ['defaultService', 'object', 'service'],
      ]),
      warnings: [],
    });
    applyFindings(this, { errors: checkShape(props, FRONTEND_PROPS), warnings: [] });
    const hostRules = props.hostRules ?? [];
    const services = uniqueServices(props.defaultService, hostRules);
    applyFindings(
      this,
      withConstructPath(this, () => validateFrontend(props, hostRules)),
    );
    this.loadBalancingScheme = props.defaultService.loadBalancingScheme;
    const scheme = this.loadBalancingScheme;
    const n = props.name;
    const project = props.project;
    const load = <T>(resource: string) => googleModule<T>(resource, 'GlobalHttpsFrontend');
    const { ComputeGlobalAddress } = load<typeof globalAddress>('compute-global-address');
    const { ComputeUrlMap } = load<typeof urlMap>('compute-url-map');
    const { ComputeSslPolicy } = load<typeof sslPolicyModule>('compute-ssl-policy');
    const { ComputeManagedSslCertificate } = load<typeof certificate>(
      'compute-managed-ssl-certificate',
    );
    const { ComputeTargetHttpsProxy } = load<typeof httpsProxyModule>('compute-target-https-proxy');
    const { ComputeTargetHttpProxy } = load<typeof httpProxy>('compute-target-http-proxy');
    const { ComputeGlobalForwardingRule } = load<typeof forwardingRule>(
      'compute-global-forwarding-rule',
    );

    const address = new ComputeGlobalAddress(this, 'address', { name: `${n}-ip`, project });
    this.ipAddress = address.address;

    const map = new ComputeUrlMap(this, 'url-map', {
      name: `${n}-url-map`,
      project,
      defaultService: props.defaultService.backendServiceId,
      hostRule: hostRules.map((h) => ({ hosts: h.hosts, pathMatcher: h.pathMatcher })),
      pathMatcher: hostRules.map((h) => renderPathMatcher(h)),
    });
    this.urlMap = map;

    const sslPolicy = new ComputeSslPolicy(this, 'ssl-policy', {
      name: `${n}-ssl-policy`,
      project,
      profile: props.sslProfile ?? SslProfile.MODERN,
      minTlsVersion: 'TLS_1_2',
    });

    const certificates = [...(props.certificateIds ?? [])]; // never mutate the caller's array
    if (props.managedCertificateDomains) {
      const cert = new ComputeManagedSslCertificate(this, 'certificate', {
        name: `${n}-cert`,
        project,
        managed: { domains: props.managedCertificateDomains },
        lifecycle: { createBeforeDestroy: true },
      });
      certificates.push(cert.id);
    }

    const httpsProxy = new ComputeTargetHttpsProxy(this, 'https-proxy', {
      name: `${n}-https-proxy`,
      project,
      urlMap: map.id,
      sslCertificates: certificates,
      sslPolicy: sslPolicy.id,
    });

    new ComputeGlobalForwardingRule(this, 'https-forwarding-rule', {
      name: `${n}-https`,
      project,
      target: httpsProxy.id,
      ipAddress: address.id,
      ipProtocol: 'TCP',
      portRange: '443',
      loadBalancingScheme: scheme,
    });

    if (props.httpRedirect ?? true) {
      const redirect = new ComputeUrlMap(this, 'http-redirect-url-map', {
        name: `${n}-http-redirect`,
        project,
        defaultUrlRedirect: {
          httpsRedirect: true,
          redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT',
          stripQuery: false,
        },
      });
      const httpProxy = new ComputeTargetHttpProxy(this, 'http-proxy', {
        name: `${n}-http-proxy`,
        project,
        urlMap: redirect.id,
      });
      new ComputeGlobalForwardingRule(this, 'http-forwarding-rule', {
        name: `${n}-http`,
        project,
        target: httpProxy.id,
        ipAddress: address.id,
        ipProtocol: 'TCP',
        portRange: '80',
        loadBalancingScheme: scheme,
      });
    }

    new TerraformOutput(this, 'ip-address', {
      value: this.ipAddress,
      description: `IP address of ${n}`,
    });
    addRuleValidation(this, () => ({ errors: checkSchemes(services), warnings: [] }));
  }
}

function uniqueServices(
  defaultService: AffinityBackendService,
  hostRules: HostRule[],
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

/** B3: every reachable service is a global ALB service of the frontend's scheme. */
function checkSchemes(services: AffinityBackendService[]): RuleViolation[] {
  const scheme = services[0].loadBalancingScheme;
  const v: RuleViolation[] = [];
  for (const s of services) {
    const ok =
      s.loadBalancerKind === LoadBalancerKind.GLOBAL_EXTERNAL_ALB ||
      s.loadBalancerKind === LoadBalancerKind.CLASSIC_ALB;
    if (!ok || s.loadBalancingScheme !== scheme) {
      v.push({
        rule: 'B3',
        attribute: 'services',
        value: `${s.name} (${s.loadBalancingScheme} ${s.protocol}${s.region ? ` in ${s.region}` : ''})`,
        problem: `cannot serve behind this frontend, whose forwarding rule uses ${scheme}: a backend service made for one load balancer cannot be used by another`,
        allowed: `global ${scheme} backend services with HTTP, HTTPS, HTTP2 or H2C`,
        fix: `give ${s.name} loadBalancingScheme ${scheme}, a global scope and an HTTP-family protocol, or route to another service`,
      });
    }
  }
  return v;
}

function renderPathMatcher(h: HostRule): urlMap.ComputeUrlMapPathMatcher {
  return {
    name: h.pathMatcher,
    defaultService: h.defaultService.backendServiceId,
    pathRule: h.pathRules?.map((p) => ({ paths: p.paths, service: p.service.backendServiceId })),
    routeRules: h.routeRules?.map((r) => ({
      priority: r.priority,
      service: r.service.backendServiceId,
      matchRules: [
        {
          prefixMatch: r.prefixMatch ?? '/',
          headerMatches: r.headerMatches?.map((m) => ({
            headerName: m.headerName,
            exactMatch: m.exactMatch,
            prefixMatch: m.prefixMatch,
            presentMatch: m.presentMatch,
            invertMatch: m.invertMatch,
          })),
        },
      ],
    })),
  };
}

/** N1, U1, U3, U4, U6 and certificate rules. */
function validateFrontend(props: GlobalHttpsFrontendProps, hostRules: HostRule[]) {
  const errors: RuleViolation[] = [];
  // The longest derived name is `<name>-http-redirect` (14 more characters).
  errors.push(...checkGcpName('name', props.name, '-http-redirect'));
  // X2 on the policy this frontend renders (a plain JavaScript caller can pass any profile).
  errors.push(
    ...checkSslPolicy(
      { profile: props.sslProfile ?? SslProfile.MODERN, min_tls_version: 'TLS_1_2' },
      'sslProfile',
    ).map((v) => ({
      ...v,
      attribute: 'sslProfile',
      fix: 'use SslProfile.MODERN or SslProfile.RESTRICTED',
    })),
  );
  const certs =
    (props.managedCertificateDomains?.length ?? 0) + (props.certificateIds?.length ?? 0);
  if (certs === 0) {
    errors.push({
      rule: 'U4',
      attribute: 'managedCertificateDomains / certificateIds',
      value: '(none)',
      problem: 'leaves the HTTPS proxy without a certificate',
      allowed: 'managed certificate domains or 1..15 certificate ids',
      fix: "set managedCertificateDomains: ['app.example.com']",
    });
  }
  if ((props.certificateIds?.length ?? 0) + (props.managedCertificateDomains ? 1 : 0) > 15) {
    errors.push({
      rule: 'U4',
      attribute: 'certificateIds',
      value: String(props.certificateIds?.length),
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
  errors.push(...validateRoutes(hostRules));
  return { errors, warnings: [] };
}
