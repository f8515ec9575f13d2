/**
 * The rules of this library as data: id, title, levels, platform, what is checked, the
 * documented source, and which constructs enforce them. `docs/RULES.md` is generated from
 * this list (`npm run docs:rules`); a test fails when the two drift apart, and another fails
 * when code reports a rule id that is not here.
 */

/** How a rule reports. */
export enum RuleLevel {
  /** Synth fails: the configuration is rejected by the platform or silently does nothing. */
  ERROR = 'error',
  /** Synth succeeds with a warning: legal, but probably not what was meant. */
  WARNING = 'warning',
}

/** Where a rule applies. */
export enum RulePlatform {
  GOOGLE_CLOUD = 'Google Cloud',
  KUBERNETES = 'Kubernetes',
  /** GKE objects that configure a Google Cloud load balancer (BackendConfig, GCPBackendPolicy). */
  GKE = 'GKE',
  /** Inputs of every construct (types, numbers, tokens). */
  ALL = 'all',
}

/**
 * Why a rule reports at its levels. ERROR is kept for what cannot work: the provider, the API or
 * a controller refuses the configuration (`REFUSED`), or the traffic path provably fails
 * (`BROKEN_PATH`). What the platform accepts is a WARNING wherever Terraform that others wrote
 * is judged (the Aspect, lint): ignored or ineffective (`IGNORED`), risky (`RISKY`), or short of
 * a security standard (`STANDARD`, naming it). The constructs also refuse what they would
 * render ignored, insecure or against their own props (`CONTRACT`): they never drop a setting
 * silently and render secure defaults.
 */
export enum RuleBasis {
  /** The provider, the API or the consuming controller refuses it (plan, apply or sync). */
  REFUSED = 'refused',
  /** The traffic path provably cannot work (no probe reaches the backends, no pod admitted). */
  BROKEN_PATH = 'broken path',
  /** Accepted, but ignored or without effect. */
  IGNORED = 'ignored',
  /** Accepted and working, but probably not what was meant. */
  RISKY = 'risky',
  /** Short of a named security standard. */
  STANDARD = 'standard',
  /** The library's own contract: prop types, secure rendering, nothing dropped silently. */
  CONTRACT = 'contract',
}

/** One rule of the registry. */
export interface RuleDefinition {
  /** Why the rule reports at its levels (see `RuleBasis`). */
  readonly basis: RuleBasis[];
  /**
   * The security standard a `STANDARD` rule implements, e.g. a CIS benchmark item.
   * @default - none (not a security rule)
   */
  readonly standard?: string;
  /** Stable id, e.g. `S1`; every message of the rule ends with `[rule S1]`. */
  readonly id: string;
  /** One-line title. */
  readonly title: string;
  /** The levels the rule reports at. */
  readonly levels: RuleLevel[];
  /** Where the rule applies. */
  readonly platform: RulePlatform;
  /** What is checked, in a sentence or two. */
  readonly checks: string;
  /** The documentation the rule is taken from. */
  readonly source: string;
  /** Constructs (and value classes) that enforce it. */
  readonly enforcedBy: string[];
}

const E = [RuleLevel.ERROR];
const W = [RuleLevel.WARNING];
const EW = [RuleLevel.ERROR, RuleLevel.WARNING];
const GCP = RulePlatform.GOOGLE_CLOUD;
const K8S = RulePlatform.KUBERNETES;

const BS = 'AffinityBackendService';
const SA = 'SessionAffinity';
const HC = 'HealthCheck';
const POOL = 'GuacdStatefulPool';
const CHECKS = 'AffinityChecks (Aspect), affinity-review lint';
const WEB = 'GuacamoleWebTier';
const GKE = RulePlatform.GKE;
const DOC_BS = 'https://cloud.google.com/load-balancing/docs/backend-service';
const DOC_API = 'https://cloud.google.com/compute/docs/reference/rest/v1/backendServices';
const DOC_AFFINITY =
  'https://cloud.google.com/load-balancing/docs/backend-service#session_affinity';
const DOC_BALANCING = 'https://cloud.google.com/load-balancing/docs/backend-service#balancing-mode';
const DOC_HC = 'https://cloud.google.com/load-balancing/docs/health-check-concepts';
const DOC_URLMAP = 'https://cloud.google.com/load-balancing/docs/url-map-concepts';
const DOC_MIG = 'https://cloud.google.com/compute/docs/instance-groups';
const DOC_NAMES = 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/';
const DOC_POD_TERMINATION =
  'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination';
const DOC_NETPOL = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';
const K8S_GIT = 'https://github.com/kubernetes/kubernetes/blob/master';
const INGRESS_GCE = 'https://github.com/kubernetes/ingress-gce/blob/master';
const GATEWAY_API = 'https://github.com/kubernetes-sigs/gateway-api/blob/main';

const RULES: Omit<RuleDefinition, 'basis' | 'standard'>[] = [
  {
    id: 'P1',
    title: 'Props have the documented types',
    levels: E,
    platform: RulePlatform.ALL,
    checks:
      'Required props are present, numbers are finite, objects are objects (what a JavaScript caller can get wrong that TypeScript would catch), at every depth: each construct checks every prop of its props interface, nested ones included (a backend\u2019s group, a route rule\u2019s service, an autoscaler\u2019s cooldown, a label value), against the type it documents, and names the prop path (e.g. `backends[0].group`) and the expected type. Unresolved tokens are accepted everywhere.',
    source: 'https://developer.hashicorp.com/terraform/cdktf/concepts/tokens',
    enforcedBy: ['every construct and value class'],
  },
  {
    id: 'D1',
    title: 'Durations are finite and not negative',
    levels: E,
    platform: RulePlatform.ALL,
    checks:
      'Duration.seconds/minutes/hours/days take a finite amount of 0 or more (or a token); the attribute that renders a duration checks whole seconds and its range.',
    source: 'https://developer.hashicorp.com/terraform/cdktf/concepts/tokens',
    enforcedBy: ['Duration', 'DrainingPolicy'],
  },
  {
    id: 'N1',
    title: 'Google Cloud resource names',
    levels: E,
    platform: GCP,
    checks:
      'Names match `[a-z]([-a-z0-9]*[a-z0-9])?` and have at most 63 characters, including names derived from the one given.',
    source: 'https://cloud.google.com/compute/docs/naming-resources',
    enforcedBy: [
      BS,
      HC,
      'ZonalBackendGroup',
      'LoadBalancerFirewall',
      'GlobalHttpsFrontend',
      'AffinityMonitoring',
      CHECKS,
    ],
  },
  {
    id: 'N2',
    title: 'Kubernetes DNS-1035 label names (Services)',
    levels: E,
    platform: K8S,
    checks:
      'Service names (the pool\u2019s Services and the names a pool derives from its name, the web tier\u2019s name, which names its Service) start with a letter, hold lowercase letters, digits and hyphens, end with a letter or digit, at most 63 characters. Only Services: other kinds follow N3 or N4.',
    source: `${K8S_GIT}/pkg/apis/core/validation/validation.go (ValidateServiceName = NameIsDNS1035Label); ${DOC_NAMES}#rfc-1035-label-names`,
    enforcedBy: [POOL, WEB, CHECKS],
  },
  {
    id: 'N3',
    title: 'Kubernetes DNS-1123 label names (namespaces)',
    levels: E,
    platform: K8S,
    checks:
      'Namespaces (the pool\u2019s, its webNamespace, the web tier\u2019s and its gatewayNamespace, which gateway-api\u2019s Namespace type pins to the same pattern) are RFC 1123 labels: lowercase letters, digits and hyphens, starting and ending with a letter or digit (a leading digit is fine), at most 63 characters.',
    source: `${K8S_GIT}/pkg/apis/core/validation/validation.go (ValidateNamespaceName); ${GATEWAY_API}/apis/v1/shared_types.go (Namespace); ${DOC_NAMES}#dns-label-names`,
    enforcedBy: [POOL, WEB],
  },
  {
    id: 'N4',
    title: 'Kubernetes DNS-1123 subdomain names (other objects, custom resources)',
    levels: E,
    platform: K8S,
    checks:
      'Names of Deployments, StatefulSets, Ingresses, NetworkPolicies, PodDisruptionBudgets and custom resources (BackendConfig, GCPBackendPolicy, HealthCheckPolicy, HTTPRoute, Gateway; so the web tier\u2019s gatewayName) are DNS-1123 subdomains: lowercase letters, digits, hyphens and dots, each part starting and ending with a letter or digit, at most 253 characters. They are not limited to the 63 characters of a Service name.',
    source: `${K8S_GIT}/pkg/apis/apps/validation/validation.go, pkg/apis/networking/validation/validation.go, pkg/apis/policy/validation/validation.go (NameIsDNSSubdomain); ${DOC_NAMES}#dns-subdomain-names`,
    enforcedBy: [WEB],
  },
  {
    id: 'B1',
    title: 'Load balancing scheme per scope',
    levels: EW,
    platform: GCP,
    checks:
      'Global services take EXTERNAL, EXTERNAL_MANAGED, INTERNAL_MANAGED or INTERNAL_SELF_MANAGED; regional ones EXTERNAL, EXTERNAL_MANAGED, INTERNAL or INTERNAL_MANAGED (hashicorp/google 6.50.0). A regional INTERNAL_SELF_MANAGED service is accepted from 7.24.0: on Terraform that others wrote it is an error where required_providers admits only earlier versions, a warning where it leaves the version open, and no finding where it requires 7.24.0 or later.',
    source: DOC_API,
    enforcedBy: [BS, CHECKS],
  },
  {
    id: 'B2',
    title: 'Protocol per scheme',
    levels: EW,
    platform: GCP,
    checks:
      'The backend protocol is one the scheme accepts in its scope (e.g. TCP/UDP/UNSPECIFIED for passthrough, HTTP family or TCP for proxies).',
    source: DOC_API,
    enforcedBy: [BS, CHECKS],
  },
  {
    id: 'B3',
    title: 'One scheme from forwarding rule to backend service',
    levels: E,
    platform: GCP,
    checks:
      'Every service a frontend routes to is a global Application Load Balancer service of the forwarding rule scheme.',
    source: DOC_BS,
    enforcedBy: ['GlobalHttpsFrontend'],
  },
  {
    id: 'B5',
    title: 'Port name is a named port of every group',
    levels: E,
    platform: GCP,
    checks:
      '`port_name` is absent on INTERNAL services and, elsewhere, a named port of every backend instance group.',
    source: DOC_API,
    enforcedBy: [BS],
  },
  {
    id: 'B6',
    title: 'No network on a global backend service',
    levels: E,
    platform: GCP,
    checks:
      'A network is only accepted with a region (the global resource has no network field, so plain Terraform cannot set one: `terraform validate` refuses it before the Aspect or lint could).',
    source: DOC_API,
    enforcedBy: [BS],
  },
  {
    id: 'B8',
    title: 'Shared groups use one balancing mode',
    levels: E,
    platform: GCP,
    checks: 'Backend services that share an instance group give it the same balancing mode.',
    source: DOC_BALANCING,
    enforcedBy: [BS],
  },
  {
    id: 'S1',
    title: 'Session affinity accepted by the load balancer',
    levels: E,
    platform: GCP,
    checks:
      'The affinity type is one the load balancer (scope, scheme, protocol) accepts, e.g. no CLIENT_IP_PORT_PROTO on an Application Load Balancer.',
    source: DOC_AFFINITY,
    enforcedBy: [BS, SA, CHECKS],
  },
  {
    id: 'S2',
    title: 'Header-field affinity',
    levels: E,
    platform: GCP,
    checks:
      'HEADER_FIELD needs a header name that is an RFC 9110 token, and RING_HASH or MAGLEV; no other type takes a header name.',
    source: DOC_AFFINITY,
    enforcedBy: [BS, SA, CHECKS],
  },
  {
    id: 'S3',
    title: 'HTTP-cookie affinity',
    levels: E,
    platform: GCP,
    checks:
      'HTTP_COOKIE needs a non-empty cookie name (an RFC 6265 token) and RING_HASH or MAGLEV.',
    source: DOC_AFFINITY,
    enforcedBy: [BS, SA, CHECKS],
  },
  {
    id: 'S4',
    title: 'Strong cookie affinity',
    levels: E,
    platform: GCP,
    checks:
      'STRONG_COOKIE_AFFINITY needs a non-empty cookie name (an RFC 6265 token) and a TTL; cookie names and paths belong to the named-cookie types only; a cookie path has no control characters or ";".',
    source: DOC_AFFINITY,
    enforcedBy: [BS, SA, CHECKS],
  },
  {
    id: 'S5',
    title: 'Cookie TTL only with a cookie, 0..14 days',
    levels: EW,
    platform: GCP,
    checks:
      'A TTL is only given to GENERATED_COOKIE, HTTP_COOKIE or STRONG_COOKIE_AFFINITY, in whole seconds from 0 (session cookie) to 1 209 600 (14 days).',
    source: `${DOC_API}#BackendService.FIELDS.affinity_cookie_ttl_sec`,
    enforcedBy: [BS, SA, CHECKS],
  },
  {
    id: 'S5b',
    title: 'Cookie TTL above one day',
    levels: W,
    platform: GCP,
    checks:
      'A TTL above 86 400 s is legal for the API, but provider documentation and GKE BackendConfig still state a one-day limit.',
    source: `${DOC_API}#BackendService.FIELDS.affinity_cookie_ttl_sec`,
    enforcedBy: [BS, SA, CHECKS],
  },
  {
    id: 'S6',
    title: 'Locality policy keeps affinity',
    levels: EW,
    platform: GCP,
    checks:
      'On Envoy-based schemes, affinity other than NONE and STRONG_COOKIE_AFFINITY only works with RING_HASH, MAGLEV or WEIGHTED_MAGLEV; other policies make it silently ineffective.',
    source: `${DOC_API}#BackendService.FIELDS.locality_lb_policy`,
    enforcedBy: [BS, CHECKS],
  },
  {
    id: 'S7',
    title: 'Locality policy where the load balancer uses it',
    levels: E,
    platform: GCP,
    checks:
      'No locality policy on the classic ALB or the internal passthrough NLB; only MAGLEV or WEIGHTED_MAGLEV on the external passthrough NLB; WEIGHTED_MAGLEV only there, with an HTTP or HTTPS health check.',
    source: `${DOC_API}#BackendService.FIELDS.locality_lb_policy`,
    enforcedBy: [BS, CHECKS],
  },
  {
    id: 'S8',
    title: 'Consistent-hash ring size',
    levels: E,
    platform: GCP,
    checks:
      'minimumRingSize only with HEADER_FIELD or HTTP_COOKIE under RING_HASH, a whole number in 1..8 388 608.',
    source: `${DOC_API}#BackendService.FIELDS.consistent_hash`,
    enforcedBy: [BS, SA, CHECKS],
  },
  {
    id: 'S9',
    title: 'Affinity with UTILIZATION balancing',
    levels: W,
    platform: GCP,
    checks:
      'UTILIZATION balancing can override session affinity when a backend passes its target; RATE or CONNECTION keep it.',
    source: DOC_AFFINITY,
    enforcedBy: [BS],
  },
  {
    id: 'T1',
    title: 'Connection draining 0..3600 s',
    levels: EW,
    platform: GCP,
    checks:
      'The draining timeout is whole seconds in 0..3600; 0 on a proxy load balancer warns (open sessions are cut); Kubernetes-only options warn.',
    source: 'https://cloud.google.com/load-balancing/docs/enabling-connection-draining',
    enforcedBy: [BS, 'DrainingPolicy', CHECKS],
  },
  {
    id: 'T2',
    title: 'Backend timeout',
    levels: EW,
    platform: GCP,
    checks:
      'The backend timeout is at least 1 s; it is ignored by passthrough load balancers (warning) and longer than a day is cut by Google Front End restarts (warning).',
    source: `${DOC_BS}#timeout-setting`,
    enforcedBy: [BS, CHECKS],
  },
  {
    id: 'T3',
    title: 'Request logging',
    levels: EW,
    platform: GCP,
    checks: 'The sample rate is in 0..1; a sample rate while logging is disabled warns.',
    source: 'https://cloud.google.com/load-balancing/docs/https/https-logging-monitoring',
    enforcedBy: [BS, CHECKS],
  },
  {
    id: 'T4',
    title: 'Draining set explicitly',
    levels: W,
    platform: GCP,
    checks:
      'A backend service resource sets connection_draining_timeout_sec; unset, the provider applies a hidden 300 s that nobody chose. AffinityBackendService always emits it.',
    source:
      'https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/compute_backend_service#connection_draining_timeout_sec',
    enforcedBy: [CHECKS, BS + ' (by construction)'],
  },
  {
    id: 'C0',
    title: 'Each group once per service',
    levels: E,
    platform: GCP,
    checks: 'An instance group is a backend of a service at most once.',
    source: DOC_BALANCING,
    enforcedBy: [BS],
  },
  {
    id: 'C1',
    title: 'Balancing mode',
    levels: E,
    platform: GCP,
    checks: 'The balancing mode is UTILIZATION, RATE or CONNECTION.',
    source: DOC_BALANCING,
    enforcedBy: [BS],
  },
  {
    id: 'C2',
    title: 'UTILIZATION targets',
    levels: E,
    platform: GCP,
    checks:
      'maxUtilization is a finite number in 0..1 (it may be combined with rate or connection caps).',
    source: DOC_BALANCING,
    enforcedBy: [BS],
  },
  {
    id: 'C3',
    title: 'RATE targets',
    levels: E,
    platform: GCP,
    checks:
      'maxRate and maxRatePerInstance are finite and not negative in any mode; RATE needs an HTTP-family protocol and exactly one of them, and no utilization or connection targets.',
    source: DOC_BALANCING,
    enforcedBy: [BS],
  },
  {
    id: 'C4',
    title: 'CONNECTION targets',
    levels: E,
    platform: GCP,
    checks:
      'maxConnections and maxConnectionsPerInstance are finite and not negative in any mode; CONNECTION is for TCP, SSL, UDP and UNSPECIFIED; proxies need exactly one connection target; passthrough load balancers take CONNECTION only.',
    source: DOC_BALANCING,
    enforcedBy: [BS],
  },
  {
    id: 'C6',
    title: 'Group-wide rate with load-balancing autoscaling',
    levels: E,
    platform: GCP,
    checks:
      'maxRate (per group) is not used on a group that autoscales on load-balancing utilization.',
    source: DOC_BALANCING,
    enforcedBy: [BS],
  },
  {
    id: 'C7',
    title: 'Capacity scaler 0 or 0.1..1',
    levels: E,
    platform: GCP,
    checks:
      'capacityScaler is 0 or in 0.1..1, and not 0 on the only backend of a proxy load balancer.',
    source: `${DOC_BS}#capacity_scaler`,
    enforcedBy: [BS],
  },
  {
    id: 'C8',
    title: 'Passthrough backends have no capacity settings; some capacity somewhere',
    levels: E,
    platform: GCP,
    checks:
      'Passthrough backends take no capacityScaler and no connection caps; a proxy service with several backends has capacityScaler above 0 on at least one.',
    source: DOC_BALANCING,
    enforcedBy: [BS],
  },
  {
    id: 'C12',
    title: 'A backend with no capacity',
    levels: W,
    platform: GCP,
    checks:
      'A backend whose group can never have an instance (size 0, no autoscaler) warns unless its capacityScaler is 0.',
    source: DOC_MIG,
    enforcedBy: [BS],
  },
  {
    id: 'H1',
    title: 'Health-check interval and timeout 1..300 s',
    levels: E,
    platform: GCP,
    checks: 'interval and timeout are whole seconds in 1..300.',
    source: DOC_HC,
    enforcedBy: [HC, BS, CHECKS],
  },
  {
    id: 'H2',
    title: 'Health-check timeout not above the interval',
    levels: E,
    platform: GCP,
    checks: 'timeout <= interval (equal is fine).',
    source: DOC_HC,
    enforcedBy: [HC, BS, CHECKS],
  },
  {
    id: 'H3',
    title: 'Health-check thresholds 1..10',
    levels: E,
    platform: GCP,
    checks: 'healthyThreshold and unhealthyThreshold are whole numbers in 1..10.',
    source: DOC_HC,
    enforcedBy: [HC, BS, CHECKS],
  },
  {
    id: 'H5',
    title: 'Health-check request path',
    levels: E,
    platform: GCP,
    checks:
      'The request path is absolute (starts with "/") with no whitespace or control characters; a query string is allowed.',
    source: DOC_HC,
    enforcedBy: [HC, BS, CHECKS],
  },
  {
    id: 'H6',
    title: 'Health-check port',
    levels: E,
    platform: GCP,
    checks:
      'The port is a whole number in 1..65535; passthrough load balancers need a fixed port (they have no serving port). On Terraform, an http_health_check\u2019s port_specification agrees with port and port_name as the provider checks at plan (USE_NAMED_PORT needs port_name and no port; USE_SERVING_PORT takes neither).',
    source: DOC_HC,
    enforcedBy: [HC, BS, CHECKS],
  },
  {
    id: 'H8',
    title: 'Health-check response match',
    levels: E,
    platform: GCP,
    checks: 'The expected response is ASCII and at most 1024 characters.',
    source: DOC_HC,
    enforcedBy: [HC, BS, CHECKS],
  },
  {
    id: 'H9',
    title: 'The traffic path is open (probes and data plane)',
    levels: EW,
    platform: GCP,
    checks:
      'For every backend service, the ingress firewall rules of its backends\u2019 network that apply to them (no targets, or target tags / service accounts that match the instance templates) admit its health-check probes on the probed port (35.191.0.0/16 and 130.211.0.0/22; for external passthrough NLBs 35.191.0.0/16, 209.85.152.0/22 and 209.85.204.0/22) and its data plane on the serving (named) port: Google Front Ends (the same two ranges) for global external and classic Application LBs, the region\u2019s proxy-only subnet for Envoy-based regional and cross-region load balancers, and the clients (any source but the probers) for passthrough NLBs. ERROR when firewall rules of that network exist and none can admit the traffic; WARNING when the configuration has none for that network (they may live elsewhere) or the default network\u2019s default-allow-internal rule may admit it. Unknown ranges, ports, tags and networks count as admitting; only services reached by a forwarding rule of the configuration, with instance-group backends, are judged on the data plane. LoadBalancerFirewall also checks its own props: ports 1..65535, priority 0..65535, targets by tag or service account (not both), client ranges IPv4 CIDRs; no targets warns.',
    source:
      'https://cloud.google.com/load-balancing/docs/firewall-rules; https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges; https://cloud.google.com/load-balancing/docs/proxy-only-subnets; https://cloud.google.com/firewall/docs/firewalls#more_rules_default_vpc',
    enforcedBy: [
      'LoadBalancerFirewall',
      'GlobalHttpsFrontend',
      'RegionalExternalHttpsFrontend',
      'RegionalInternalHttpsFrontend',
      'CrossRegionInternalHttpsFrontend',
      'InternalPassthroughFrontend',
      'ExternalPassthroughFrontend',
      CHECKS,
    ],
  },
  {
    id: 'M1',
    title: 'Group size',
    levels: EW,
    platform: GCP,
    checks: 'targetSize is a whole number of 0 or more; with an autoscaler it warns (they fight).',
    source: DOC_MIG,
    enforcedBy: ['ZonalBackendGroup', CHECKS],
  },
  {
    id: 'M2',
    title: 'Named ports',
    levels: E,
    platform: GCP,
    checks: 'Named ports have valid names, ports 1..65535, and each name once.',
    source: DOC_MIG,
    enforcedBy: ['ZonalBackendGroup', CHECKS],
  },
  {
    id: 'M3',
    title: 'Autoscaler bounds',
    levels: E,
    platform: GCP,
    checks:
      'minReplicas 0..1000, maxReplicas 0..1000 and >= minReplicas, targets in (0, 1], cooldown 1..3600 s.',
    source: 'https://cloud.google.com/compute/docs/autoscaler',
    enforcedBy: ['ZonalBackendGroup', CHECKS],
  },
  {
    id: 'U1',
    title: 'Path matchers and route priorities unique',
    levels: E,
    platform: GCP,
    checks:
      'Path matcher names are unique; route rule priorities are whole numbers in 0..2147483647, unique within a path matcher.',
    source: DOC_URLMAP,
    enforcedBy: ['GlobalHttpsFrontend', CHECKS],
  },
  {
    id: 'U2',
    title: 'Path rules or route rules',
    levels: E,
    platform: GCP,
    checks: 'A path matcher has path rules or route rules, not both.',
    source: DOC_URLMAP,
    enforcedBy: ['GlobalHttpsFrontend', CHECKS],
  },
  {
    id: 'U3',
    title: 'Match rules',
    levels: E,
    platform: GCP,
    checks:
      'Prefixes and paths start with "/" (at most 1024 characters); a header match has exactly one match kind.',
    source: DOC_URLMAP,
    enforcedBy: ['GlobalHttpsFrontend', CHECKS],
  },
  {
    id: 'U4',
    title: 'Certificates on the HTTPS proxy',
    levels: E,
    platform: GCP,
    checks: 'The HTTPS proxy has 1..15 certificates.',
    source: 'https://cloud.google.com/load-balancing/docs/ssl-certificates',
    enforcedBy: ['GlobalHttpsFrontend'],
  },
  {
    id: 'U7',
    title: 'Managed certificate domains',
    levels: E,
    platform: GCP,
    checks: 'Google-managed certificates cover fully qualified domain names, no wildcards.',
    source: 'https://cloud.google.com/load-balancing/docs/ssl-certificates/google-managed-certs',
    enforcedBy: ['GlobalHttpsFrontend'],
  },
  {
    id: 'U8',
    title: 'Envoy-based frontends have a proxy-only subnet',
    levels: E,
    platform: GCP,
    checks:
      'A regional external or regional internal Application LB frontend has a REGIONAL_MANAGED_PROXY proxy-only subnet, a cross-region internal one a GLOBAL_MANAGED_PROXY subnet in each of its regions, in its network (created by ProxyOnlySubnet or referenced with ProxyOnlySubnet.fromExisting): the API refuses the forwarding rule without it. A region and network take one ACTIVE proxy-only subnet per purpose; its range is an IPv4 CIDR of /26 or larger.',
    source:
      'https://cloud.google.com/load-balancing/docs/proxy-only-subnets; magic-modules mmv1/products/compute/Subnetwork.yaml (purpose, role) at 1f3c2491a1673d1ceeefd45a8150acebe6c6e3c9',
    enforcedBy: [
      'ProxyOnlySubnet',
      'RegionalExternalHttpsFrontend',
      'RegionalInternalHttpsFrontend',
      'CrossRegionInternalHttpsFrontend',
    ],
  },
  {
    id: 'U9',
    title: 'Passthrough forwarding rules',
    levels: E,
    platform: GCP,
    checks:
      'A passthrough frontend forwards either 1..5 ports (each 1..65535, once) or all ports; its service is a regional INTERNAL (internal passthrough NLB) or regional EXTERNAL (external passthrough NLB) backend service in the frontend\u2019s region. Lint: a forwarding rule lists at most 5 ports (the provider refuses more at plan).',
    source:
      'https://cloud.google.com/load-balancing/docs/forwarding-rule-concepts#port_specifications; magic-modules mmv1/products/compute/ForwardingRule.yaml (ports max_size 5; ports, portRange and allPorts mutually exclusive) at 1f3c2491a1673d1ceeefd45a8150acebe6c6e3c9',
    enforcedBy: ['InternalPassthroughFrontend', 'ExternalPassthroughFrontend', CHECKS],
  },
  {
    id: 'G1',
    title: 'Monitored services',
    levels: E,
    platform: GCP,
    checks:
      'Monitoring covers one or more global external or classic Application Load Balancer services (the ones with https_lb_rule metrics).',
    source: 'https://cloud.google.com/load-balancing/docs/https/https-logging-monitoring',
    enforcedBy: ['AffinityMonitoring'],
  },
  {
    id: 'G2',
    title: 'Uneven-share threshold',
    levels: E,
    platform: GCP,
    checks: 'The uneven-share threshold is a share in (0, 1].',
    source: 'https://cloud.google.com/monitoring/alerts/concepts-indepth',
    enforcedBy: ['AffinityMonitoring'],
  },
  {
    id: 'G3',
    title: 'Alert windows',
    levels: E,
    platform: GCP,
    checks: 'minRequestRate is 0 or more; alertAfter is 60 s..1 day.',
    source: 'https://cloud.google.com/monitoring/alerts/concepts-indepth',
    enforcedBy: ['AffinityMonitoring'],
  },
  {
    id: 'G4',
    title: 'Alerts reach someone',
    levels: W,
    platform: GCP,
    checks: 'Alert policies without a notification channel warn.',
    source: 'https://cloud.google.com/monitoring/support/notification-options',
    enforcedBy: ['AffinityMonitoring'],
  },
  {
    id: 'K1',
    title: 'Service affinity: ClientIP timeout 1..86400 s, config only with ClientIP',
    levels: E,
    platform: K8S,
    checks:
      'sessionAffinity is None or ClientIP; with ClientIP, sessionAffinityConfig.clientIP.timeoutSeconds is whole seconds, > 0 and <= 86400 (10800 when unset); with None, a sessionAffinityConfig is refused by the API server.',
    source: `${K8S_GIT}/pkg/apis/core/validation/validation.go (ValidateService, validateClientIPAffinityConfig)`,
    enforcedBy: [POOL, CHECKS],
  },
  {
    id: 'K2',
    title: 'Pool sizing',
    levels: EW,
    platform: K8S,
    checks:
      'replicas (a whole number 0..2147483647, the int32 of spec.replicas; 0 warns: no pod serves) or concurrentUsers (a whole number of 1 or more, giving at most 2147483647 pods), not both; usersPerPod is a positive finite number.',
    source: `${K8S_GIT}/pkg/apis/apps/validation/validation.go (ValidateStatefulSetSpec: replicas non-negative, an int32)`,
    enforcedBy: [POOL],
  },
  {
    id: 'K3',
    title: 'StatefulSet name fits its pods',
    levels: E,
    platform: K8S,
    checks:
      'The StatefulSet name has at most 52 characters (pods carry `controller-revision-hash=<name>-<10-character hash>`, a 63-character label value), and every derived name (`<name>-<last index>`, `<name>-headless`, `<name>-pdb`, `<name>-network-policy`) is a valid name.',
    source: 'https://github.com/kubernetes/kubernetes/issues/64023',
    enforcedBy: [POOL, CHECKS],
  },
  {
    id: 'K4',
    title: 'Pod draining',
    levels: EW,
    platform: K8S,
    checks:
      'The drain is whole seconds of 0 or more, polls every 1 s or more, with a shutdown margin of 1 s or more (Kubernetes sets no upper bound on terminationGracePeriodSeconds); a drain of 0 warns (every rollout cuts every session); a rollout longer than 8 hours (replicas x grace) warns; waitForRollout false warns.',
    source: `${DOC_POD_TERMINATION}; ${K8S_GIT}/pkg/apis/core/validation/validation.go (terminationGracePeriodSeconds: ValidateNonnegativeField)`,
    enforcedBy: [POOL, 'DrainingPolicy', CHECKS],
  },
  {
    id: 'K5',
    title: 'Resource quantities, requests within limits',
    levels: E,
    platform: K8S,
    checks: 'CPU and memory are Kubernetes quantities, and each request is at most its limit.',
    source: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    enforcedBy: [POOL, CHECKS],
  },
  {
    id: 'K6',
    title: 'Ports and user id',
    levels: E,
    platform: K8S,
    checks: 'Remote-desktop ports are 1..65535; runAsUser is a non-root uid 1..2147483647.',
    source: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    enforcedBy: [POOL],
  },
  {
    id: 'K7',
    title: 'Image reference',
    levels: EW,
    platform: K8S,
    checks:
      'The image is a valid reference (`[registry/]repository[:tag][@digest]`, lowercase repository, a name of at most 255 characters without the tag and digest) whose digest, if any, is one a runtime verifies: sha256 with 64, sha384 with 96 or sha512 with 128 lowercase hex digits (other algorithms are unsupported); an untagged or `latest` image warns.',
    source:
      'https://github.com/distribution/reference/blob/main/reference.go (Parse, NameTotalLengthMax); https://github.com/opencontainers/go-digest/blob/master/algorithm.go (anchoredEncodedRegexps)',
    enforcedBy: [POOL, WEB, CHECKS],
  },
  {
    id: 'K8',
    title: 'Only the web pods reach guacd',
    levels: E,
    platform: K8S,
    checks: 'webPodSelector selects something (an empty selector admits every pod).',
    source: DOC_NETPOL,
    enforcedBy: [POOL],
  },
  {
    id: 'K9',
    title: 'Egress to the remote desktops',
    levels: EW,
    platform: K8S,
    checks:
      'Remote-desktop CIDRs are IPv4 (octets 0..255, prefix 0..32) or IPv6 (prefix 0..128) CIDRs; no targets or ports warns (guacd can open nothing).',
    source: DOC_NETPOL,
    enforcedBy: [POOL],
  },
  {
    id: 'K10',
    title: 'Label selectors',
    levels: E,
    platform: K8S,
    checks:
      'Label keys are `[prefix/]name` (prefix a DNS subdomain of at most 253 characters, name at most 63 characters of alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric); values are empty or follow the name rule.',
    source:
      'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
    enforcedBy: [POOL],
  },
  {
    id: 'X1',
    title: 'Probe firewall open only to Google',
    levels: EW,
    platform: GCP,
    checks:
      'An ingress firewall rule that opens the health-check port of a proxy load balancer\u2019s backends admits Google\u2019s probe and front-end ranges, never 0.0.0.0/0 or ::/0 (the backends would be reachable around the load balancer, its TLS policy and its affinity). Not flagged: passthrough Network Load Balancers (they keep client addresses, so their serving port is meant for clients), health checks no backend service uses, and rules whose network or target tags differ from those of the load balancer\u2019s own probe rule or instance templates. Level: the API accepts it, so the Aspect and lint warn; the constructs, which render secure frontends by default, refuse it.',
    source: 'https://cloud.google.com/load-balancing/docs/firewall-rules',
    enforcedBy: ['LoadBalancerFirewall (by construction)', CHECKS],
  },
  {
    id: 'X2',
    title: 'HTTPS frontends: TLS 1.2 with a MODERN or RESTRICTED profile',
    levels: EW,
    platform: GCP,
    checks:
      'Every target HTTPS proxy has an SSL policy with min_tls_version TLS_1_2 and profile MODERN, RESTRICTED, or CUSTOM without the weak suites of CIS Google Cloud Foundations Benchmark 3.9 (without a policy, Google\u2019s default accepts TLS 1.0 and COMPATIBLE). Level: values outside the pinned provider\u2019s enums (min_tls_version TLS_1_0, TLS_1_1, TLS_1_2; profile COMPATIBLE, MODERN, RESTRICTED, CUSTOM in hashicorp/google 6.50.0, so not TLS_1_3) fail terraform plan: an error everywhere. A weak policy is accepted by the API, so the Aspect and lint warn; the constructs, which render secure frontends by default, refuse it.',
    source:
      'https://cloud.google.com/load-balancing/docs/ssl-policies-concepts (and CIS Google Cloud Platform Foundation Benchmark 3.9: no HTTPS or SSL proxy load balancer permits an SSL policy with weak cipher suites); https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/compute_ssl_policy#min_tls_version',
    enforcedBy: ['GlobalHttpsFrontend', CHECKS],
  },
  {
    id: 'X3',
    title: 'Port 80 only redirects to HTTPS',
    levels: EW,
    platform: GCP,
    checks:
      'An external forwarding rule that serves port 80 through an HTTP proxy uses a URL map with default_url_redirect.https_redirect = true, so cookies and credentials never travel in clear text over the internet (internal Application Load Balancers, and URL maps outside the configuration, are not judged). Level: the API accepts it, so the Aspect and lint warn; the constructs, which render secure frontends by default, refuse it.',
    source: 'https://cloud.google.com/load-balancing/docs/https/setting-up-http-https-redirect',
    enforcedBy: ['GlobalHttpsFrontend (by construction)', CHECKS],
  },
  {
    id: 'X4',
    title: 'guacd pods restricted',
    levels: EW,
    platform: K8S,
    checks:
      'Pods running guacamole/guacd: every container non-root (run_as_non_root and a non-zero uid), read-only root filesystem, no privilege escalation, not privileged, capabilities drop ALL, seccomp RuntimeDefault; no service-account token mounted.',
    source: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    enforcedBy: [POOL, CHECKS],
  },
  {
    id: 'X5',
    title: 'guacd reachable only through a NetworkPolicy',
    levels: EW,
    platform: K8S,
    checks:
      'A NetworkPolicy of the namespace selects the guacd pods for Ingress, and none of those policies has an ingress rule without sources (guacd has no authentication).',
    source: DOC_NETPOL,
    enforcedBy: [POOL + ' (by construction)', CHECKS],
  },
  {
    id: 'W1',
    title: 'Affinity types a GKE object can express',
    levels: E,
    platform: GKE,
    checks:
      'BackendConfig (Ingress) and GCPBackendPolicy (Gateway) carry NONE, CLIENT_IP or GENERATED_COOKIE: neither has a field for a header or cookie name, and the load balancer GKE creates is a proxy (S1 applies too).',
    source:
      'https://cloud.google.com/kubernetes-engine/docs/how-to/ingress-configuration#session_affinity',
    enforcedBy: [WEB, CHECKS],
  },
  {
    id: 'W2',
    title: 'Cookie TTL a GKE object accepts',
    levels: E,
    platform: GKE,
    checks:
      'BackendConfig affinityCookieTtlSec is at most 86400 s (GKE validates it so, although the API allows two weeks); GCPBackendPolicy cookieTtlSec at most 1209600 s.',
    source:
      'https://github.com/kubernetes/ingress-gce/blob/master/pkg/backendconfig/validation_test.go',
    enforcedBy: [WEB, CHECKS],
  },
  {
    id: 'W3',
    title: 'Backend timeout long enough for tunnels',
    levels: W,
    platform: GKE,
    checks:
      'Guacamole tunnels are WebSockets, which the load balancer closes after the backend timeout whatever their activity: a timeout shorter than the pods\u2019 drain, or under one hour (GKE\u2019s default is 30 s), warns.',
    source: 'https://cloud.google.com/load-balancing/docs/https#websocket_proxy_support',
    enforcedBy: [WEB, CHECKS],
  },
  {
    id: 'W4',
    title: 'CLIENT_IP behind a proxy load balancer',
    levels: W,
    platform: GKE,
    checks:
      'CLIENT_IP affinity on the web tier warns: every user behind one NAT or proxy shares a web pod, and a changed address loses the session.',
    source: DOC_AFFINITY,
    enforcedBy: [WEB, CHECKS],
  },
  {
    id: 'W5',
    title: 'Web replicas with affinity',
    levels: EW,
    platform: GKE,
    checks:
      'Web replicas are a whole number 0..2147483647 (the int32 of a Deployment\u2019s spec.replicas); fewer than 2 with affinity warns (affinity is moot).',
    source: `${K8S_GIT}/pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec: replicas non-negative, an int32)`,
    enforcedBy: [WEB],
  },
  {
    id: 'W6',
    title: 'Load-balancer draining covers the pod drain',
    levels: W,
    platform: GKE,
    checks:
      'The load balancer\u2019s connection draining is not shorter than the pods\u2019 preStop drain (else the load balancer drops tunnels the pod would still serve).',
    source:
      'https://cloud.google.com/kubernetes-engine/docs/how-to/ingress-configuration#draining_timeout',
    enforcedBy: [WEB],
  },
  {
    id: 'W7',
    title: 'guacd admits the web tier',
    levels: E,
    platform: GKE,
    checks:
      'The guacd pool\u2019s NetworkPolicy selects the web pods (labels and namespace), and the tier\u2019s environment does not override GUACD_HOSTNAME or GUACD_PORT.',
    source: DOC_NETPOL,
    enforcedBy: [WEB],
  },
  {
    id: 'W8',
    title: 'Settings the chosen GKE frontend carries',
    levels: EW,
    platform: GKE,
    checks:
      'frontend GATEWAY needs gatewayName (the HTTPRoute\u2019s parent); gatewayName and gatewayNamespace only with GATEWAY, staticIpName only with INGRESS; the health check sets nothing its GKE object cannot hold, so no setting is dropped: a BackendConfig holds no name, host, response, logging or description; a HealthCheckPolicy holds host, response and logging (rendered) but no name or description.',
    source: `${INGRESS_GCE}/pkg/apis/backendconfig/v1/types.go (HealthCheckConfig); https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources#configure_health_check`,
    enforcedBy: [WEB],
  },
  {
    id: 'W9',
    title: 'Health check a GKE object can carry',
    levels: E,
    platform: GKE,
    checks:
      'A BackendConfig health check is of type HTTP, HTTPS or HTTP2 (ingress-gce\u2019s translator refuses any other, e.g. TCP, and never syncs the backend); a HealthCheckPolicy is of type TCP, HTTP, HTTPS, HTTP2 or GRPC with exactly the matching probe block, a host that is a lowercase RFC 1123 host name and a request path that matches the CRD\u2019s pattern (at most 2048 characters each). For HealthCheckPolicy manifests (lint), H1-H3 apply with the CRD\u2019s defaults: interval and timeout 5 s, so a timeoutSec above 5 without checkIntervalSec is refused.',
    source: `${INGRESS_GCE}/pkg/translator/healthchecks.go (merge); https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources#configure_health_check`,
    enforcedBy: [WEB],
  },
  {
    id: 'W10',
    title: 'Hosts the Ingress or HTTPRoute API accepts',
    levels: EW,
    platform: GKE,
    checks:
      'The web tier\u2019s host is a lowercase DNS-1123 subdomain of at most 253 characters, optionally starting with `*.` (no upper case, port, trailing dot or other wildcard). An IP address is refused on an Ingress and warns on an HTTPRoute (the Gateway API says hostnames are not IPs, but its pattern lets IPv4 through).',
    source: `${K8S_GIT}/pkg/apis/networking/validation/validation.go (validateIngressRules); ${GATEWAY_API}/apis/v1/shared_types.go (Hostname)`,
    enforcedBy: [WEB],
  },
  {
    id: 'A1',
    title: 'Suppressions name a rule and a reason',
    levels: E,
    platform: RulePlatform.ALL,
    checks:
      'A suppression given to AffinityChecks.suppress names a registered rule id and a non-empty reason; it is recorded in the synthesized resource and honoured by the Aspect and affinity-review lint.',
    source: 'https://github.com/cdklabs/cdk-nag#suppressing-a-rule',
    enforcedBy: [CHECKS],
  },
];

/**
 * Why each rule reports at its levels (checked by a meta-test: an ERROR needs REFUSED,
 * BROKEN_PATH, CONTRACT or STANDARD; a WARNING needs IGNORED, RISKY or STANDARD; a STANDARD
 * rule names its standard). Kept beside the rules so that every rule is classified once.
 */
const BASIS: Record<string, { basis: RuleBasis[]; standard?: string }> = {
  P1: { basis: [RuleBasis.CONTRACT] },
  D1: { basis: [RuleBasis.CONTRACT] },
  N1: { basis: [RuleBasis.REFUSED] },
  N2: { basis: [RuleBasis.REFUSED] },
  N3: { basis: [RuleBasis.REFUSED] },
  N4: { basis: [RuleBasis.REFUSED] },
  B1: { basis: [RuleBasis.REFUSED, RuleBasis.RISKY] },
  B2: { basis: [RuleBasis.REFUSED, RuleBasis.CONTRACT, RuleBasis.RISKY] },
  B3: { basis: [RuleBasis.REFUSED] },
  B5: { basis: [RuleBasis.BROKEN_PATH] },
  B6: { basis: [RuleBasis.REFUSED] },
  B8: { basis: [RuleBasis.REFUSED] },
  S1: { basis: [RuleBasis.REFUSED] },
  S2: { basis: [RuleBasis.REFUSED] },
  S3: { basis: [RuleBasis.REFUSED] },
  S4: { basis: [RuleBasis.REFUSED] },
  S5: { basis: [RuleBasis.REFUSED, RuleBasis.IGNORED] },
  S5b: { basis: [RuleBasis.RISKY] },
  S6: { basis: [RuleBasis.CONTRACT, RuleBasis.IGNORED] },
  S7: { basis: [RuleBasis.REFUSED] },
  S8: { basis: [RuleBasis.REFUSED] },
  S9: { basis: [RuleBasis.RISKY] },
  T1: { basis: [RuleBasis.REFUSED, RuleBasis.RISKY] },
  T2: { basis: [RuleBasis.REFUSED, RuleBasis.IGNORED, RuleBasis.RISKY] },
  T3: { basis: [RuleBasis.REFUSED, RuleBasis.IGNORED] },
  T4: { basis: [RuleBasis.RISKY] },
  C0: { basis: [RuleBasis.REFUSED] },
  C1: { basis: [RuleBasis.REFUSED] },
  C2: { basis: [RuleBasis.REFUSED] },
  C3: { basis: [RuleBasis.REFUSED] },
  C4: { basis: [RuleBasis.REFUSED] },
  C6: { basis: [RuleBasis.REFUSED] },
  C7: { basis: [RuleBasis.REFUSED] },
  C8: { basis: [RuleBasis.REFUSED] },
  C12: { basis: [RuleBasis.RISKY] },
  H1: { basis: [RuleBasis.REFUSED] },
  H2: { basis: [RuleBasis.REFUSED] },
  H3: { basis: [RuleBasis.REFUSED] },
  H5: { basis: [RuleBasis.REFUSED] },
  H6: { basis: [RuleBasis.REFUSED] },
  H8: { basis: [RuleBasis.REFUSED] },
  H9: { basis: [RuleBasis.BROKEN_PATH, RuleBasis.RISKY] },
  M1: { basis: [RuleBasis.CONTRACT, RuleBasis.RISKY] },
  M2: { basis: [RuleBasis.REFUSED] },
  M3: { basis: [RuleBasis.REFUSED] },
  U1: { basis: [RuleBasis.REFUSED] },
  U2: { basis: [RuleBasis.REFUSED] },
  U3: { basis: [RuleBasis.REFUSED] },
  U4: { basis: [RuleBasis.REFUSED] },
  U7: { basis: [RuleBasis.REFUSED] },
  U8: { basis: [RuleBasis.REFUSED] },
  U9: { basis: [RuleBasis.REFUSED] },
  G1: { basis: [RuleBasis.CONTRACT] },
  G2: { basis: [RuleBasis.REFUSED] },
  G3: { basis: [RuleBasis.REFUSED] },
  G4: { basis: [RuleBasis.RISKY] },
  K1: { basis: [RuleBasis.REFUSED] },
  K2: { basis: [RuleBasis.REFUSED, RuleBasis.RISKY] },
  K3: { basis: [RuleBasis.BROKEN_PATH] },
  K4: { basis: [RuleBasis.REFUSED, RuleBasis.RISKY] },
  K5: { basis: [RuleBasis.REFUSED] },
  K6: { basis: [RuleBasis.REFUSED] },
  K7: { basis: [RuleBasis.REFUSED, RuleBasis.RISKY] },
  K8: { basis: [RuleBasis.BROKEN_PATH] },
  K9: { basis: [RuleBasis.BROKEN_PATH, RuleBasis.RISKY] },
  K10: { basis: [RuleBasis.REFUSED] },
  X1: {
    basis: [RuleBasis.STANDARD, RuleBasis.CONTRACT],
    standard:
      'CIS Google Cloud Platform Foundation Benchmark 3.6/3.7 (no ingress from 0.0.0.0/0 to administrative and backend ports); Google Cloud load balancer firewall guidance (backends reachable only from the probe and proxy ranges)',
  },
  X2: {
    basis: [RuleBasis.REFUSED, RuleBasis.STANDARD, RuleBasis.CONTRACT],
    standard:
      'CIS Google Cloud Platform Foundation Benchmark 3.9 (no HTTPS or SSL proxy load balancer permits SSL policies with weak cipher suites)',
  },
  X3: {
    basis: [RuleBasis.STANDARD, RuleBasis.CONTRACT],
    standard: 'OWASP ASVS 9.1.1 (TLS for all client connectivity, no fallback to unencrypted HTTP)',
  },
  X4: {
    basis: [RuleBasis.STANDARD, RuleBasis.CONTRACT],
    standard: 'Kubernetes Pod Security Standards, "restricted" profile',
  },
  X5: {
    basis: [RuleBasis.STANDARD, RuleBasis.CONTRACT],
    standard: 'CIS Kubernetes Benchmark 5.3.2 (every namespace has NetworkPolicies)',
  },
  W1: { basis: [RuleBasis.REFUSED] },
  W2: { basis: [RuleBasis.REFUSED] },
  W3: { basis: [RuleBasis.RISKY] },
  W4: { basis: [RuleBasis.IGNORED] },
  W5: { basis: [RuleBasis.REFUSED, RuleBasis.RISKY] },
  W6: { basis: [RuleBasis.RISKY] },
  W7: { basis: [RuleBasis.BROKEN_PATH] },
  W8: { basis: [RuleBasis.CONTRACT, RuleBasis.IGNORED] },
  W9: { basis: [RuleBasis.REFUSED] },
  W10: { basis: [RuleBasis.REFUSED, RuleBasis.RISKY] },
  A1: { basis: [RuleBasis.CONTRACT] },
};

// A rule without an entry gets no basis, which the registry's meta-test reports by id.
const DEFINITIONS: RuleDefinition[] = RULES.map((r) => ({
  ...r,
  ...(BASIS[r.id] ?? { basis: [] }),
}));

const BY_ID = new Map(DEFINITIONS.map((r) => [r.id, r]));

/** The rule registry: every rule this library reports, with its documentation. */
export class RuleRegistry {
  /** Every rule, in documentation order. */
  public static all(): RuleDefinition[] {
    return DEFINITIONS.map((r) => ({
      ...r,
      levels: [...r.levels],
      basis: [...r.basis],
      enforcedBy: [...r.enforcedBy],
    }));
  }

  /** The rule with this id, or undefined. */
  public static find(id: string): RuleDefinition | undefined {
    return BY_ID.get(id);
  }

  /** True when the id is a registered rule. */
  public static has(id: string): boolean {
    return BY_ID.has(id);
  }

  /** The anchor of a rule in docs/RULES.md, e.g. `s5b`. */
  public static anchor(id: string): string {
    return id.toLowerCase();
  }

  private constructor() {}
}

/** Where docs/RULES.md is published. */
export const RULES_DOC_URL =
  'https://github.com/cdktf-affinity-draining/cdktf-affinity-draining/blob/main/docs/RULES.md';

/** The documentation of a rule: its section of docs/RULES.md. */
export function ruleDocsUrl(id: string): string {
  return `${RULES_DOC_URL}#${RuleRegistry.anchor(id)}`;
}

/**
 * The registry id a mistyped one most likely meant: the same id in another case (`x1`), with
 * a letter read as a digit (`XI`, `XO`), or one edit away (`S55`); undefined when none is close.
 */
export function nearestRuleId(id: string): string | undefined {
  if (typeof id !== 'string' || id.length === 0) return undefined;
  const ids = RuleRegistry.all().map((r) => r.id);
  const norm = (x: string) =>
    x.toUpperCase().replace(/[IL|]/g, '1').replace(/O/g, '0').replace(/\s/g, '');
  const exact = ids.find((r) => norm(r) === norm(id));
  if (exact) return exact;
  const close = ids.filter((r) => editDistance(norm(r), norm(id)) === 1);
  return close.length === 1 ? close[0] : undefined;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length][b.length];
}
