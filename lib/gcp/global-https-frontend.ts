import { Construct } from 'constructs';
import { TerraformOutput, TerraformResource } from 'cdktf';
import { markRulesChecked } from '../core/checked';
import { addRuleValidation, applyFindings, withConstructPath } from '../core/errors';
import { checkRequiredProps } from '../core/rules';
import { AffinityBackendService } from './affinity-backend-service';
import { addressSpec } from '../terraform/google/address';
import { forwardingRuleSpec } from '../terraform/google/forwarding-rule';
import {
  HttpsFlavour,
  SslProfile,
  checkServices,
  renderListener,
  renderRedirect,
  renderRoutingAndTls,
  uniqueServices,
  validateHttpsProps,
} from './https-frontend-core';
import { LoadBalancerKind, LoadBalancingScheme } from './load-balancing';
import { checkShape } from '../core/shape';
import { backendServiceShape, frontendProps } from './shapes';
import { checkFrontendTrafficPath } from './traffic-path';

export { SslProfile } from './https-frontend-core';

const FRONTEND_PROPS = frontendProps(
  backendServiceShape((v) => v instanceof AffinityBackendService),
);

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
    const flavour = globalFlavour(services[0].loadBalancingScheme);
    applyFindings(
      this,
      withConstructPath(this, () => validateHttpsProps(props, flavour)),
    );
    this.loadBalancingScheme = props.defaultService.loadBalancingScheme;
    const n = props.name;
    const core = renderRoutingAndTls(this, props, flavour);
    this.urlMap = core.urlMap;
    const address = renderListener(this, props, flavour, {
      suffix: '',
      address: addressSpec({ regional: false }),
      rule: forwardingRuleSpec({
        regional: false,
        scheme: this.loadBalancingScheme,
        ipProtocol: 'TCP',
      }),
      httpsProxyId: core.httpsProxyId,
      httpProxyId:
        (props.httpRedirect ?? true) ? () => renderRedirect(this, props, flavour) : undefined,
    });
    this.ipAddress = address.address;

    new TerraformOutput(this, 'ip-address', {
      value: this.ipAddress,
      description: `IP address of ${n}`,
    });
    addRuleValidation(this, () => {
      // H9 fails synth on a closed path, as for the other frontends.
      const path = checkFrontendTrafficPath(this, services, { kind: 'gfe' });
      return {
        errors: [...checkServices(services, flavour), ...path.errors],
        warnings: path.warnings,
      };
    });
  }
}

/** The global external (or classic) Application Load Balancer, of the services' scheme. */
function globalFlavour(scheme: LoadBalancingScheme): HttpsFlavour {
  return {
    construct: 'GlobalHttpsFrontend',
    accepts: (s) =>
      (s.loadBalancerKind === LoadBalancerKind.GLOBAL_EXTERNAL_ALB ||
        s.loadBalancerKind === LoadBalancerKind.CLASSIC_ALB) &&
      s.loadBalancingScheme === scheme,
    servicesText: `global ${scheme} backend services with HTTP, HTTPS, HTTP2 or H2C`,
    scheme,
    managedCertificates: true,
    sslCertificates: true,
    certificateManager: false,
    // The longest derived name is `<name>-http-redirect` (14 more characters).
    longestSuffix: '-http-redirect',
  };
}
