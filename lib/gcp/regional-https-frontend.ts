/**
 * What the regional Application Load Balancer frontends share (regional external and regional
 * internal): the shared HTTPS core in one region, the region's proxy-only subnet (U8), and H9
 * on the proxy-only subnet's path. Each frontend adds its address and forwarding rules.
 */
import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import { RuleViolation, addRuleValidation, applyFindings, withConstructPath } from '../core/errors';
import { checkRequiredProps } from '../core/rules';
import { checkShape, Shape } from '../core/shape';
import { markRulesChecked } from '../core/checked';
import type { AffinityBackendService } from './affinity-backend-service';
import type { HostRule } from './global-https-frontend';
import {
  HttpsCore,
  HttpsCoreProps,
  HttpsFlavour,
  Listener,
  checkServices,
  renderRoutingAndTls,
  uniqueServices,
  validateHttpsProps,
} from './https-frontend-core';
import {
  INTERNAL_ADDRESS_TYPE,
  SHARED_VIP_PURPOSE,
  addressSpec,
} from '../terraform/google/address';
import { forwardingRuleSpec } from '../terraform/google/forwarding-rule';
import { LoadBalancerKind, LoadBalancingScheme } from './load-balancing';
import { ProxyOnlySubnet, ProxyOnlySubnetPurpose, findProxyOnlySubnet } from './proxy-only-subnet';
import { checkFrontendTrafficPath } from './traffic-path';

/** The props of an Envoy-based frontend the shared part reads. */
export interface EnvoyFrontendInput extends HttpsCoreProps {
  readonly network: string;
  readonly hostRules?: HostRule[];
}

/** Where an Envoy-based frontend's proxies are: the regions, and the subnets given (if any). */
export interface EnvoyProxies {
  readonly purpose: ProxyOnlySubnetPurpose;
  readonly regions: readonly string[];
  readonly given?: readonly ProxyOnlySubnet[];
}

/** A regional Application LB's flavour of the HTTPS core. */
export function regionalFlavour(
  construct: string,
  region: string,
  scheme: LoadBalancingScheme,
  kind: LoadBalancerKind,
): HttpsFlavour {
  return {
    construct,
    region,
    accepts: (s) =>
      s.loadBalancerKind === kind && s.loadBalancingScheme === scheme && s.region === region,
    servicesText: `regional ${scheme} backend services in ${region} with HTTP, HTTPS, HTTP2 or H2C`,
    scheme,
    managedCertificates: false,
    sslCertificates: true,
    certificateManager: true,
    longestSuffix: '-http-redirect',
  };
}

/**
 * Checks the props (P1, N1, X2, U1-U4, U7), renders the URL map, SSL policy and HTTPS proxy
 * (in the flavour's region, or global), and registers B3, U8 and H9 for synth. Returns the core and the proxy-only
 * subnet resource a forwarding rule must wait for (when this stack creates it).
 */
export function buildEnvoyCore(
  scope: Construct,
  props: EnvoyFrontendInput,
  flavour: HttpsFlavour,
  proxies: () => EnvoyProxies,
  shape: Shape,
  required: Parameters<typeof checkRequiredProps>[1],
): {
  core: HttpsCore;
  services: AffinityBackendService[];
  dependsOn?: TerraformResource[];
} {
  markRulesChecked(scope);
  applyFindings(scope, { errors: checkRequiredProps(props, required), warnings: [] });
  applyFindings(scope, { errors: checkShape(props, shape), warnings: [] });
  const services = uniqueServices(props.defaultService, props.hostRules ?? []);
  applyFindings(
    scope,
    withConstructPath(scope, () => validateHttpsProps(props, flavour)),
  );
  const core = renderRoutingAndTls(scope, props, flavour);
  const { purpose, regions, given } = proxies();
  // The forwarding rules wait for the proxy-only subnets this stack creates (the API refuses
  // them before the subnet exists).
  const dependsOn = (given ?? ProxyOnlySubnet.ofStack(scope))
    .filter((s) => regions.some((r) => s.serves(scope, r, props.network, purpose)))
    .map((s) => s.dependable)
    .filter((r): r is TerraformResource => r !== undefined);
  addRuleValidation(scope, () => {
    const found = regions.map((region) =>
      findProxyOnlySubnet(scope, region, props.network, purpose, given),
    );
    const path = checkFrontendTrafficPath(scope, services, {
      kind: 'proxy',
      network: props.network,
      proxySubnets: found.flatMap((f) => f.subnets),
    });
    const errors: RuleViolation[] = [
      ...checkServices(services, flavour),
      ...found.flatMap((f) => f.errors),
      ...path.errors,
    ];
    return { errors, warnings: path.warnings };
  });
  return { core, services, dependsOn: dependsOn.length > 0 ? dependsOn : undefined };
}

/** The props of a regional Application LB frontend the shared part reads. */
export interface RegionalFrontendInput extends EnvoyFrontendInput {
  readonly region: string;
  readonly proxyOnlySubnet?: ProxyOnlySubnet;
}

/**
 * The opening both regional Application LB frontends share: their flavour of the HTTPS core in
 * `props.region`, with the region's REGIONAL_MANAGED_PROXY subnet, then `buildEnvoyCore`.
 * `required` follows name, defaultService, region and network.
 */
export function buildRegionalCore(
  scope: Construct,
  props: RegionalFrontendInput,
  construct: string,
  scheme: LoadBalancingScheme,
  kind: LoadBalancerKind,
  shape: Shape,
  required: Parameters<typeof checkRequiredProps>[1] = [],
): ReturnType<typeof buildEnvoyCore> & { flavour: HttpsFlavour } {
  const flavour = regionalFlavour(construct, props?.region, scheme, kind);
  const proxies = () => ({
    purpose: ProxyOnlySubnetPurpose.REGIONAL_MANAGED_PROXY,
    regions: [props.region],
    given: props.proxyOnlySubnet ? [props.proxyOnlySubnet] : undefined,
  });
  const built = buildEnvoyCore(scope, props, flavour, proxies, shape, [
    ['name', 'string', "'lb'"],
    ['defaultService', 'object', 'service'],
    ['region', 'string', "'europe-west4'"],
    ['network', 'string', "'default'"],
    ...required,
  ]);
  return { ...built, flavour };
}

/** Where an internal Application LB listens: a region, its subnetwork, and maybe a fixed IP. */
export interface InternalLocation {
  readonly region: string;
  readonly subnetwork: string;
  readonly ipAddress?: string;
}

/**
 * The address and forwarding-rule specs of an internal Application LB (regional or
 * cross-region) in one location: an INTERNAL address from the subnetwork (shared by the 443 and
 * 80 rules with SHARED_LOADBALANCER_VIP when port 80 redirects), INTERNAL_MANAGED TCP rules in
 * the network and subnetwork; regional rules for a regional LB, global ones for a cross-region LB.
 */
export function internalListener(
  network: string,
  location: InternalLocation,
  regionalRules: boolean,
  redirect: boolean,
): Pick<Listener, 'address' | 'rule'> {
  return {
    address: addressSpec({
      regional: true,
      region: location.region,
      addressType: INTERNAL_ADDRESS_TYPE,
      subnetwork: location.subnetwork,
      address: location.ipAddress,
      // Two forwarding rules share one internal address only with this purpose.
      purpose: redirect ? SHARED_VIP_PURPOSE : undefined,
    }),
    rule: forwardingRuleSpec({
      regional: regionalRules,
      region: regionalRules ? location.region : undefined,
      scheme: LoadBalancingScheme.INTERNAL_MANAGED,
      ipProtocol: 'TCP',
      network,
      subnetwork: location.subnetwork,
    }),
  };
}
