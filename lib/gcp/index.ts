// Entry point `cdktf-affinity-draining/gcp`: the Google Cloud constructs and the shared core.
// Needs `@cdktf/provider-google` only when a construct is created.
export * from '../core/index';
export {
  BackendProtocol,
  BalancingMode,
  LoadBalancerKind,
  LoadBalancingScheme,
  LocalityLbPolicy,
} from './load-balancing';
export {
  type GeneratedCookieOptions,
  type HeaderAffinityOptions,
  type NamedCookieOptions,
  SessionAffinity,
  type SessionAffinityOptions,
  SessionAffinityType,
} from './session-affinity';
export {
  HealthCheck,
  type HealthCheckCommonOptions,
  HealthCheckProtocol,
  type HttpHealthCheckOptions,
  type TcpHealthCheckOptions,
} from './health-check';
export {
  type IInstanceGroup,
  InstanceGroup,
  type InstanceGroupAttributes,
  type NamedPort,
} from './instance-group';
export { type BackendOptions, type BackendServiceLogging } from './backend-service-rules';
export {
  AffinityBackendService,
  type AffinityBackendServiceProps,
} from './affinity-backend-service';
export {
  type ZonalAutoscalingOptions,
  ZonalBackendGroup,
  type ZonalBackendGroupProps,
} from './zonal-backend-group';
export { LoadBalancerFirewall, type LoadBalancerFirewallProps } from './load-balancer-firewall';
export {
  GlobalHttpsFrontend,
  type GlobalHttpsFrontendProps,
  type HeaderMatch,
  type HostRule,
  type PathRule,
  type RouteRule,
  SslProfile,
} from './global-https-frontend';
export { AffinityMonitoring, type AffinityMonitoringProps } from './affinity-monitoring';
export { type HttpsFrontendBaseProps } from './https-frontend-core';
export {
  type ExistingProxyOnlySubnetProps,
  ProxyOnlySubnet,
  ProxyOnlySubnetPurpose,
  type ProxyOnlySubnetProps,
} from './proxy-only-subnet';
export {
  NetworkTier,
  RegionalExternalHttpsFrontend,
  type RegionalExternalHttpsFrontendProps,
} from './regional-external-https-frontend';
export {
  RegionalInternalHttpsFrontend,
  type RegionalInternalHttpsFrontendProps,
} from './regional-internal-https-frontend';
export {
  CrossRegionInternalHttpsFrontend,
  type CrossRegionInternalHttpsFrontendProps,
  type CrossRegionLocation,
} from './cross-region-internal-https-frontend';
export {
  InternalPassthroughFrontend,
  type InternalPassthroughFrontendProps,
} from './internal-passthrough-frontend';
export {
  ExternalPassthroughFrontend,
  type ExternalPassthroughFrontendProps,
} from './external-passthrough-frontend';
