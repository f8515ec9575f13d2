import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import { markRulesChecked } from '../core/checked';
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleViolation, applyFindings, withConstructPath } from '../core/errors';
import {
  checkDns1035Label,
  checkDns1123Label,
  checkDns1123Subdomain,
  checkGcpName,
} from '../core/names';
import { checkIntRange, checkRequiredProps, checkValueClass } from '../core/rules';
import { HealthCheck, HealthCheckProtocol } from '../gcp/health-check';
import { SessionAffinity } from '../gcp/session-affinity';
import { GuacdResources, GuacdStatefulPool } from '../k8s/guacd-stateful-pool';
import { MAX_REPLICAS, checkResourceQuantities } from '../k8s/guacd-pool-rules';
import { checkImageReference } from '../k8s/image-reference';
import { apiNumber, kubernetesResource } from '../k8s/kubernetes-provider';
import { PodDrainingSettings, renderPodDraining } from '../k8s/pod-draining';
import { JsonObject } from '../terraform/kubernetes';
import { RESTRICTED_CONTAINER, checkRenderedPod, restrictedPod } from '../k8s/pod-security-rules';
import {
  GkeFrontend,
  POLICY_KIND,
  checkCarriedHealthCheck,
  checkFrontendSettings,
  checkGuacdAdmitsWeb,
  checkWebHost,
  validateWebTier,
} from './web-tier-rules';
import {
  checkShape,
  aNumber,
  aString,
  anInstance,
  mapOf,
  objectOf,
  optional,
  required,
} from '../core/shape';
import { DRAINING, DURATION } from '../core/value-shapes';
import { HEALTH_CHECK, SESSION_AFFINITY } from '../gcp/shapes';
import { RESOURCES } from '../k8s/shapes';

/** P1 shape of `GuacamoleWebTierProps`, every prop at every depth. */
const WEB_TIER_PROPS = objectOf(
  'GuacamoleWebTierProps',
  {
    guacd: required(
      anInstance(
        'GuacdStatefulPool',
        "new GuacdStatefulPool(stack, 'guacd', { webPodSelector })",
        (v) => v instanceof GuacdStatefulPool,
      ),
    ),
    frontend: required(aString('GkeFrontend.INGRESS')),
    name: optional(aString("'guacamole'")),
    namespace: optional(aString("'guacamole'")),
    image: optional(aString("'guacamole/guacamole:1.6.0'")),
    replicas: optional(aNumber('2')),
    sessionAffinity: optional(SESSION_AFFINITY),
    draining: optional(DRAINING('DrainingPolicy.of(Duration.minutes(30))')),
    loadBalancerDraining: optional(DRAINING('DrainingPolicy.of(Duration.minutes(30))')),
    backendTimeout: optional(DURATION('Duration.hours(8)')),
    healthCheck: optional(HEALTH_CHECK),
    resources: optional(RESOURCES),
    runAsUser: optional(aNumber('1001')),
    environment: optional(mapOf(aString("'value'"), "{ OPENID_ENABLED: 'true' }")),
    host: optional(aString("'desktop.example.com'")),
    gatewayName: optional(aString("'external-http'")),
    gatewayNamespace: optional(aString("'infra'")),
    staticIpName: optional(aString("'web-ip'")),
  },
  '{ guacd, frontend: GkeFrontend.INGRESS }',
);

/** The port Guacamole's web application (Tomcat) listens on. */
const WEB_PORT = 8080;

/** Properties of a `GuacamoleWebTier`. */
export interface GuacamoleWebTierProps {
  /** The guacd pool the web application connects to (GUACD_HOSTNAME is its affinity Service). */
  readonly guacd: GuacdStatefulPool;
  /** How GKE exposes the tier: an Ingress with a BackendConfig, or an HTTPRoute with a GCPBackendPolicy. */
  readonly frontend: GkeFrontend;
  /**
   * Name of the Deployment, Service and GKE objects.
   * @default 'guacamole'
   */
  readonly name?: string;
  /**
   * Namespace; the guacd pool's NetworkPolicy must admit it.
   * @default - the pool's namespace
   * @jsii suppress reserved-word Kubernetes' word (as in the provider); C# sees `Namespace`
   */
  readonly namespace?: string;
  /**
   * Guacamole web image with a pinned tag.
   * @default 'guacamole/guacamole:1.6.0'
   */
  readonly image?: string;
  /**
   * Number of web pods.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Session affinity of the load balancer. Guacamole keeps logins and HTTP tunnels in the
   * pod's memory, so every request of a session must reach the same pod.
   * @default SessionAffinity.generatedCookie({ ttl: Duration.hours(8) })
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * The pods' drain: the preStop hook waits while tunnels are open on 8080, up to the timeout;
   * the grace period is the timeout plus the margin.
   * @default DrainingPolicy.of(Duration.minutes(30))
   */
  readonly draining?: DrainingPolicy;
  /**
   * Connection draining of the load balancer (0..3600 s).
   * @default - the pods' drain timeout (at most one hour)
   */
  readonly loadBalancerDraining?: DrainingPolicy;
  /**
   * Backend timeout: the load balancer closes a WebSocket tunnel after this time, active or not.
   * @default Duration.hours(8)
   */
  readonly backendTimeout?: Duration;
  /**
   * Health check of the load balancer.
   * @default HealthCheck.http({ port: 8080, requestPath: '/guacamole/', interval: Duration.seconds(10) })
   */
  readonly healthCheck?: HealthCheck;
  /**
   * Container resources.
   * @default - 250m/1 CPU, 512Mi/1Gi memory
   */
  readonly resources?: GuacdResources;
  /**
   * Numeric uid and gid of the web application (the image's `guacamole` user).
   * @default 1001
   */
  readonly runAsUser?: number;
  /**
   * Further environment of the web application (authentication: database, OpenID Connect,
   * JSON). GUACD_HOSTNAME and GUACD_PORT are set from the pool and cannot be given here.
   * @default - none
   */
  readonly environment?: { [key: string]: string };
  /**
   * Host name users reach (Ingress rule host, HTTPRoute hostname).
   * @default - any host
   */
  readonly host?: string;
  /**
   * Gateway to attach the HTTPRoute to (frontend GATEWAY; the Gateway is the user's).
   * @default - none (required for GATEWAY)
   */
  readonly gatewayName?: string;
  /**
   * Namespace of that Gateway.
   * @default - the tier's namespace
   */
  readonly gatewayNamespace?: string;
  /**
   * Name of a reserved global static IP for the Ingress (`kubernetes.io/ingress.global-static-ip-name`).
   * @default - an ephemeral address
   */
  readonly staticIpName?: string;
}

/**
 * Apache Guacamole's web application on GKE, in front of a `GuacdStatefulPool`: a Deployment
 * of the pinned image (restricted security, a preStop drain that waits for open tunnels, grace
 * longer than the drain), a Service with container-native load balancing (NEG), and either an
 * Ingress with a `BackendConfig` or an `HTTPRoute` with a `GCPBackendPolicy` and a
 * `HealthCheckPolicy`. The GKE objects carry the same `SessionAffinity`, `DrainingPolicy`,
 * `Duration` and `HealthCheck` values as `AffinityBackendService`, checked by the same rules.
 * They are CRDs, rendered with the provider's `kubernetes_manifest`: planning them needs
 * access to a cluster where the CRDs exist.
 */
export class GuacamoleWebTier extends Construct {
  /** Name of the Deployment, Service and policies. */
  public readonly name: string;
  /**
   * Namespace.
   * @jsii suppress reserved-word Kubernetes' word (as in the provider); C# sees `Namespace`
   */
  public readonly namespace: string;
  /** Number of web pods. */
  public readonly replicas: number;
  /** Labels of the web pods (the guacd pool's NetworkPolicy admits exactly these). */
  public readonly podLabels: { [key: string]: string };
  /** The affinity the load balancer applies. */
  public readonly sessionAffinity: SessionAffinity;
  /** The load balancer's connection draining. */
  public readonly loadBalancerDraining: DrainingPolicy;
  /** The backend timeout. */
  public readonly backendTimeout: Duration;
  /** The health check. */
  public readonly healthCheck: HealthCheck;
  /** Grace period of the web pods, in seconds. */
  public readonly terminationGracePeriodSeconds: number;
  /**
   * The Deployment (escape hatch): a `DeploymentV1` of
   * `@cdktf/provider-kubernetes/lib/deployment-v1` (cast to it for its typed API). Typed as cdktf's `TerraformResource` so that the package's declarations type-check without the provider packages an app does not use.
   */
  public readonly deployment: TerraformResource;

  constructor(scope: Construct, id: string, props: GuacamoleWebTierProps) {
    super(scope, id);
    markRulesChecked(this);
    applyFindings(this, { errors: checkProps(props), warnings: [] });
    applyFindings(this, { errors: checkShape(props, WEB_TIER_PROPS), warnings: [] });
    const pool = props.guacd;
    this.name = props.name ?? 'guacamole';
    this.namespace = props.namespace ?? pool.namespace;
    this.replicas = props.replicas ?? 2;
    this.sessionAffinity =
      props.sessionAffinity ?? SessionAffinity.generatedCookie({ ttl: Duration.hours(8) });
    const podDraining = props.draining ?? DrainingPolicy.of(Duration.minutes(30));
    this.loadBalancerDraining =
      props.loadBalancerDraining ??
      (podDraining.timeout.isUnresolved() || podDraining.timeout.toSeconds() <= 3600
        ? DrainingPolicy.of(podDraining.timeout)
        : DrainingPolicy.of(Duration.hours(1)));
    this.backendTimeout = props.backendTimeout ?? Duration.hours(8);
    this.healthCheck =
      props.healthCheck ??
      HealthCheck.http({
        port: WEB_PORT,
        requestPath: '/guacamole/',
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
      });
    const image = props.image ?? 'guacamole/guacamole:1.6.0';
    const uid = props.runAsUser ?? 1001;
    this.podLabels = {
      ...pool.webPodSelector,
      'app.kubernetes.io/instance': this.name,
      'app.kubernetes.io/component': 'web',
    };
    const resources = {
      'resources.cpuRequest': props.resources?.cpuRequest ?? '250m',
      'resources.cpuLimit': props.resources?.cpuLimit ?? '1',
      'resources.memoryRequest': props.resources?.memoryRequest ?? '512Mi',
      'resources.memoryLimit': props.resources?.memoryLimit ?? '1Gi',
    };

    const errors: RuleViolation[] = [];
    const warnings: RuleViolation[] = [];
    const findings = withConstructPath(this, () =>
      validateWebTier({
        frontend: props.frontend,
        affinity: this.sessionAffinity,
        loadBalancerDraining: this.loadBalancerDraining,
        loadBalancerDrainingGiven: props.loadBalancerDraining !== undefined,
        podDraining,
        backendTimeout: this.backendTimeout,
        healthCheck: this.healthCheck,
        replicas: this.replicas,
      }),
    );
    errors.push(...findings.errors);
    warnings.push(...findings.warnings);
    errors.push(...checkNames(this.name, this.namespace, props));
    errors.push(...checkCarriedHealthCheck(props.frontend, this.healthCheck));
    const host = checkWebHost(props.frontend, props.host);
    errors.push(...host.errors);
    warnings.push(...host.warnings);
    errors.push(
      ...checkIntRange('W5', 'replicas', this.replicas, 0, MAX_REPLICAS, 'use 2 or more web pods'),
    );
    const imageCheck = checkImageReference('image', image);
    errors.push(...imageCheck.errors);
    warnings.push(...imageCheck.warnings);
    errors.push(...checkResourceQuantities(resources));
    errors.push(
      ...checkIntRange(
        'K6',
        'runAsUser',
        uid,
        1,
        2_147_483_647,
        'use a non-root uid such as 1001 (the image user)',
      ),
    );
    errors.push(...checkRenderedPod('guacamole', uid));
    errors.push(
      ...checkGuacdAdmitsWeb(
        { namespace: pool.namespace, webNamespace: pool.webNamespace },
        this.namespace,
      ),
    );
    for (const key of Object.keys(props.environment ?? {}).filter((k) => k.startsWith('GUACD_'))) {
      errors.push({
        rule: 'W7',
        attribute: `environment.${key}`,
        value: JSON.stringify(props.environment![key]),
        problem: 'would override the guacd address this tier takes from its pool',
        allowed: 'authentication and other settings; GUACD_HOSTNAME and GUACD_PORT come from guacd',
        fix: `remove ${key}; pass the pool as guacd`,
      });
    }
    errors.push(...checkFrontendSettings(props.frontend, props, this.healthCheck));
    applyFindings(this, { errors, warnings });
    // guacd admits exactly these web pods, not every pod that shares the pool's selector.
    pool.restrictWebPodsTo(this.podLabels);

    const drain = renderPodDraining(podDraining, WEB_PORT, this.replicas);
    this.terminationGracePeriodSeconds = drain.terminationGracePeriodSeconds;
    const ns = this.namespace;
    const metadata = (name: string, annotations?: JsonObject): JsonObject => ({
      name,
      namespace: ns,
      labels: this.podLabels,
      ...(annotations ? { annotations } : {}),
    });
    const create = (id: string, type: string, object: JsonObject, extra = {}) =>
      kubernetesResource(this, id, type, object, 'GuacamoleWebTier', extra);
    const rolloutMinutes = `${Math.ceil(drain.rolloutSeconds / 60)}m`;
    this.deployment = create(
      'deployment',
      'kubernetes_deployment_v1',
      webDeployment({
        metadata: metadata(this.name),
        podLabels: this.podLabels,
        replicas: apiNumber(this.replicas),
        image,
        uid: apiNumber(uid),
        resources,
        env: [
          { name: 'GUACD_HOSTNAME', value: pool.affinityAddress.replace(/:\d+$/, '') },
          { name: 'GUACD_PORT', value: String(pool.port) },
          ...Object.entries(props.environment ?? {}).map(([name, value]) => ({ name, value })),
        ],
        drain,
      }),
      { waitForRollout: true, timeouts: { create: rolloutMinutes, update: rolloutMinutes } },
    );

    const ingressFrontend = props.frontend === GkeFrontend.INGRESS;
    const policyName = `${this.name}-${ingressFrontend ? 'backend-config' : 'backend-policy'}`;
    create('service', 'kubernetes_service_v1', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(this.name, {
        // Container-native load balancing: the load balancer sends to pod IPs (NEGs), so its
        // affinity and draining act on pods, not on nodes.
        'cloud.google.com/neg': '{"ingress": true}',
        ...(ingressFrontend
          ? { 'cloud.google.com/backend-config': JSON.stringify({ default: policyName }) }
          : {}),
      }),
      spec: {
        type: 'ClusterIP',
        selector: this.podLabels,
        ports: [{ name: 'http', port: WEB_PORT, targetPort: 'http', protocol: 'TCP' }],
      },
    });

    const carried: CarriedSettings = {
      affinity: this.sessionAffinity,
      drainingSeconds: this.loadBalancerDraining.timeout.toSeconds(),
      timeoutSeconds: this.backendTimeout.toSeconds(),
      healthCheck: this.healthCheck,
    };
    const MANIFEST = 'kubernetes_manifest';
    if (ingressFrontend) {
      create('backend-config', MANIFEST, backendConfig(metadata(policyName), carried));
      create('ingress', 'kubernetes_ingress_v1', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        // ingress-gce selects an Ingress by this annotation only: with no annotation it takes
        // one whose spec.ingressClassName is nil, so `ingressClassName: gce` alone is never
        // served (kubernetes/ingress-gce pkg/utils/utils.go, IsGCEIngress).
        metadata: metadata(this.name, {
          'kubernetes.io/ingress.class': 'gce',
          ...(props.staticIpName
            ? { 'kubernetes.io/ingress.global-static-ip-name': props.staticIpName }
            : {}),
        }),
        spec: {
          rules: [
            {
              ...(props.host !== undefined ? { host: props.host } : {}),
              http: {
                paths: [
                  {
                    path: '/guacamole',
                    pathType: 'Prefix',
                    backend: { service: { name: this.name, port: { number: WEB_PORT } } },
                  },
                ],
              },
            },
          ],
        },
      });
    } else {
      const targetRef = { group: '', kind: 'Service', name: this.name };
      create(
        'backend-policy',
        MANIFEST,
        gcpBackendPolicy(metadata(policyName), targetRef, carried),
      );
      create(
        'health-check-policy',
        MANIFEST,
        healthCheckPolicy(metadata(`${this.name}-health-check`), targetRef, this.healthCheck),
      );
      create('http-route', MANIFEST, {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: metadata(this.name),
        spec: {
          parentRefs: [
            {
              ...(props.gatewayName !== undefined ? { name: props.gatewayName } : {}),
              ...(props.gatewayNamespace ? { namespace: props.gatewayNamespace } : {}),
            },
          ],
          ...(props.host ? { hostnames: [props.host] } : {}),
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/guacamole' } }],
              backendRefs: [{ name: this.name, port: WEB_PORT }],
            },
          ],
        },
      });
    }
  }
}

/** What the web Deployment takes from the constructor. */
interface DeploymentParts {
  readonly metadata: JsonObject;
  readonly podLabels: JsonObject;
  /** Numbers, or string tokens of numbers known only to Terraform (`apiNumber`). */
  readonly replicas: number | string;
  readonly uid: number | string;
  readonly image: string;
  readonly resources: { readonly [key: string]: string };
  readonly env: JsonObject[];
  readonly drain: PodDrainingSettings;
}

/** Scratch volumes of the read-only web container, by mount path. */
const SCRATCH: { readonly [volume: string]: string } = {
  tmp: '/tmp',
  'tomcat-temp': '/usr/local/tomcat/temp',
  'tomcat-work': '/usr/local/tomcat/work',
  'tomcat-logs': '/usr/local/tomcat/logs',
  'tomcat-webapps': '/usr/local/tomcat/webapps',
};

/** The web Deployment as the API server receives it. */
function webDeployment(o: DeploymentParts): JsonObject {
  const r = o.resources;
  const scratch = Object.keys(SCRATCH);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: o.metadata,
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: o.podLabels },
      // One pod at a time, a new one first: open tunnels move only as their pod drains.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: o.podLabels },
        spec: {
          terminationGracePeriodSeconds: o.drain.terminationGracePeriodSeconds,
          automountServiceAccountToken: false,
          securityContext: restrictedPod(o.uid),
          containers: [
            {
              name: 'guacamole',
              image: o.image,
              ports: [{ name: 'http', containerPort: WEB_PORT, protocol: 'TCP' }],
              env: o.env,
              resources: {
                requests: { cpu: r['resources.cpuRequest'], memory: r['resources.memoryRequest'] },
                limits: { cpu: r['resources.cpuLimit'], memory: r['resources.memoryLimit'] },
              },
              readinessProbe: {
                httpGet: { path: '/guacamole/', port: 'http' },
                periodSeconds: 10,
                timeoutSeconds: 5,
                failureThreshold: 3,
              },
              livenessProbe: {
                tcpSocket: { port: 'http' },
                initialDelaySeconds: 60,
                periodSeconds: 20,
                timeoutSeconds: 5,
                failureThreshold: 3,
              },
              lifecycle: { preStop: { exec: { command: o.drain.preStopCommand } } },
              securityContext: { ...RESTRICTED_CONTAINER, runAsUser: o.uid },
              volumeMounts: scratch.map((v) => ({ name: v, mountPath: SCRATCH[v] })),
            },
          ],
          volumes: scratch.map((v) => ({ name: v, emptyDir: {} })),
        },
      },
    },
  };
}

/** The load balancer settings a BackendConfig or GCPBackendPolicy carries. */
interface CarriedSettings {
  readonly affinity: SessionAffinity;
  readonly drainingSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthCheck: HealthCheck;
}

/** The cookie TTL in seconds, for the cookie-based affinities that have one. */
function cookieTtl(a: SessionAffinity): number | undefined {
  return a.usesCookie && a.ttl !== undefined ? a.ttl.toSeconds() : undefined;
}

/** The health check's type as GKE's policies name it. */
function healthCheckType(hc: HealthCheck): string {
  return hc.protocol === HealthCheckProtocol.TCP ? 'TCP' : hc.protocol;
}

/** The Ingress frontend's BackendConfig (cloud.google.com/v1). */
function backendConfig(metadata: JsonObject, c: CarriedSettings): JsonObject {
  const ttl = cookieTtl(c.affinity);
  const hc = c.healthCheck;
  return {
    apiVersion: 'cloud.google.com/v1',
    kind: POLICY_KIND[GkeFrontend.INGRESS],
    metadata,
    spec: {
      sessionAffinity: {
        affinityType: c.affinity.type,
        ...(ttl !== undefined ? { affinityCookieTtlSec: ttl } : {}),
      },
      connectionDraining: { drainingTimeoutSec: c.drainingSeconds },
      timeoutSec: c.timeoutSeconds,
      healthCheck: {
        type: healthCheckType(hc),
        port: hc.port ?? WEB_PORT,
        ...(hc.requestPath !== undefined ? { requestPath: hc.requestPath } : {}),
        checkIntervalSec: hc.interval.toSeconds(),
        timeoutSec: hc.timeout.toSeconds(),
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
      },
    },
  };
}

/** The Gateway frontend's GCPBackendPolicy (networking.gke.io/v1). */
function gcpBackendPolicy(
  metadata: JsonObject,
  targetRef: JsonObject,
  c: CarriedSettings,
): JsonObject {
  const ttl = cookieTtl(c.affinity);
  return {
    apiVersion: 'networking.gke.io/v1',
    kind: POLICY_KIND[GkeFrontend.GATEWAY],
    metadata,
    spec: {
      targetRef,
      default: {
        sessionAffinity: {
          type: c.affinity.type,
          ...(ttl !== undefined ? { cookieTtlSec: ttl } : {}),
        },
        connectionDraining: { drainingTimeoutSec: c.drainingSeconds },
        timeoutSec: c.timeoutSeconds,
      },
    },
  };
}

/**
 * The Gateway frontend's HealthCheckPolicy (networking.gke.io/v1). It carries the probe's host,
 * response and logging too (W8 lists what it cannot carry).
 */
function healthCheckPolicy(
  metadata: JsonObject,
  targetRef: JsonObject,
  hc: HealthCheck,
): JsonObject {
  const hcType = healthCheckType(hc);
  const response: JsonObject = hc.response !== undefined ? { response: hc.response } : {};
  return {
    apiVersion: 'networking.gke.io/v1',
    kind: 'HealthCheckPolicy',
    metadata,
    spec: {
      targetRef,
      default: {
        checkIntervalSec: hc.interval.toSeconds(),
        timeoutSec: hc.timeout.toSeconds(),
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
        ...(hc.logging ? { logConfig: { enabled: true } } : {}),
        config:
          hcType === 'TCP'
            ? { type: 'TCP', tcpHealthCheck: { port: hc.port ?? WEB_PORT, ...response } }
            : {
                type: hcType,
                [hcType === 'HTTPS' ? 'httpsHealthCheck' : 'httpHealthCheck']: {
                  port: hc.port ?? WEB_PORT,
                  requestPath: hc.requestPath ?? '/guacamole/',
                  ...(hc.host !== undefined ? { host: hc.host } : {}),
                  ...response,
                },
              },
      },
    },
  };
}

/**
 * N1-N4: every name the tier renders, by the rule of the object it names. `name` names the
 * Service (a DNS-1035 label, N2) and the Deployment, Ingress, HTTPRoute and the custom
 * resources derived from it (DNS-1123 subdomains, N4); the namespaces are DNS-1123 labels
 * (N3, and gateway-api's `Namespace` type); the Gateway is a custom resource (N4); the static
 * IP is a Google Cloud address (N1).
 */
function checkNames(name: string, namespace: string, props: GuacamoleWebTierProps) {
  const service = checkDns1035Label('name', name);
  return [
    ...service,
    ...(service.length === 0 ? checkDns1123Subdomain('name', name, '-backend-config') : []),
    ...checkDns1123Label('namespace', namespace),
    ...(props.gatewayName !== undefined
      ? checkDns1123Subdomain('gatewayName', props.gatewayName)
      : []),
    ...(props.gatewayNamespace !== undefined
      ? checkDns1123Label('gatewayNamespace', props.gatewayNamespace)
      : []),
    ...(props.staticIpName !== undefined ? checkGcpName('staticIpName', props.staticIpName) : []),
  ];
}

/** P1: the props a JavaScript caller can get wrong in shape. */
function checkProps(props: GuacamoleWebTierProps): RuleViolation[] {
  const v = checkRequiredProps(props, [
    ['guacd', 'object', "new GuacdStatefulPool(stack, 'guacd', { webPodSelector })"],
    ['frontend', 'string', 'GkeFrontend.INGRESS'],
  ]);
  if (v.length > 0) return v;
  const cls = (attribute: string, value: unknown, ok: boolean, type: string, example: string) =>
    checkValueClass(attribute, value, ok, type, example);
  v.push(
    ...checkValueClass(
      'guacd',
      props.guacd,
      props.guacd instanceof GuacdStatefulPool,
      'GuacdStatefulPool',
      "new GuacdStatefulPool(stack, 'guacd', { webPodSelector })",
      true,
    ),
    ...cls(
      'sessionAffinity',
      props.sessionAffinity,
      props.sessionAffinity instanceof SessionAffinity,
      'SessionAffinity',
      'SessionAffinity.generatedCookie({ ttl: Duration.hours(8) })',
    ),
    ...cls(
      'draining',
      props.draining,
      props.draining instanceof DrainingPolicy,
      'DrainingPolicy',
      'DrainingPolicy.of(Duration.minutes(30))',
    ),
    ...cls(
      'loadBalancerDraining',
      props.loadBalancerDraining,
      props.loadBalancerDraining instanceof DrainingPolicy,
      'DrainingPolicy',
      'DrainingPolicy.of(Duration.minutes(30))',
    ),
    ...cls(
      'backendTimeout',
      props.backendTimeout,
      props.backendTimeout instanceof Duration,
      'Duration',
      'Duration.hours(8)',
    ),
    ...cls(
      'healthCheck',
      props.healthCheck,
      props.healthCheck instanceof HealthCheck,
      'HealthCheck',
      "HealthCheck.http({ port: 8080, requestPath: '/guacamole/' })",
    ),
  );
  if (!Object.values(GkeFrontend).includes(props.frontend)) {
    v.push({
      rule: 'P1',
      attribute: 'frontend',
      value: JSON.stringify(props.frontend),
      problem: 'is not a GKE frontend',
      allowed: 'GkeFrontend.INGRESS or GkeFrontend.GATEWAY',
      fix: 'use frontend: GkeFrontend.INGRESS',
    });
  }
  return v;
}
