import { Construct } from 'constructs';
import { TerraformResource, Token } from 'cdktf';
import type * as deployment from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type * as service from '@cdktf/provider-kubernetes/lib/service-v1';
import type * as ingress from '@cdktf/provider-kubernetes/lib/ingress-v1';
import type * as manifest from '@cdktf/provider-kubernetes/lib/manifest';
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
import { kubernetesModule } from '../k8s/kubernetes-provider';
import { renderPodDraining } from '../k8s/pod-draining';
import { RESTRICTED_CONTAINER, checkRenderedPod } from '../k8s/pod-security-rules';
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

    const load = <T>(resource: string) => kubernetesModule<T>(resource, 'GuacamoleWebTier');
    const { DeploymentV1 } = load<typeof deployment>('deployment-v1');
    const { ServiceV1 } = load<typeof service>('service-v1');
    const { Manifest } = load<typeof manifest>('manifest');

    const drain = renderPodDraining(podDraining, WEB_PORT, this.replicas);
    this.terminationGracePeriodSeconds = drain.terminationGracePeriodSeconds;
    const ns = this.namespace;
    const env = [
      { name: 'GUACD_HOSTNAME', value: pool.affinityAddress.replace(/:\d+$/, '') },
      { name: 'GUACD_PORT', value: String(pool.port) },
      ...Object.entries(props.environment ?? {}).map(([name, value]) => ({ name, value })),
    ];
    const scratch = ['tmp', 'tomcat-temp', 'tomcat-work', 'tomcat-logs', 'tomcat-webapps'];
    const mountPath: Record<string, string> = {
      tmp: '/tmp',
      'tomcat-temp': '/usr/local/tomcat/temp',
      'tomcat-work': '/usr/local/tomcat/work',
      'tomcat-logs': '/usr/local/tomcat/logs',
      'tomcat-webapps': '/usr/local/tomcat/webapps',
    };
    const r = resources;
    this.deployment = new DeploymentV1(this, 'deployment', {
      metadata: { name: this.name, namespace: ns, labels: this.podLabels },
      spec: {
        replicas: Token.isUnresolved(this.replicas)
          ? Token.asString(this.replicas)
          : String(this.replicas),
        selector: { matchLabels: this.podLabels },
        // One pod at a time, a new one first: open tunnels move only as their pod drains.
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '1', maxUnavailable: '0' } },
        template: {
          metadata: { labels: this.podLabels },
          spec: {
            terminationGracePeriodSeconds: drain.terminationGracePeriodSeconds,
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: String(uid),
              runAsGroup: String(uid),
              fsGroup: String(uid),
              seccompProfile: { type: 'RuntimeDefault' },
            },
            container: [
              {
                name: 'guacamole',
                image,
                port: [{ name: 'http', containerPort: WEB_PORT, protocol: 'TCP' }],
                env,
                resources: {
                  requests: {
                    cpu: r['resources.cpuRequest'],
                    memory: r['resources.memoryRequest'],
                  },
                  limits: { cpu: r['resources.cpuLimit'], memory: r['resources.memoryLimit'] },
                },
                readinessProbe: {
                  httpGet: { path: '/guacamole/', port: 'http' },
                  periodSeconds: 10,
                  timeoutSeconds: 5,
                  failureThreshold: 3,
                },
                livenessProbe: {
                  tcpSocket: [{ port: 'http' }],
                  initialDelaySeconds: 60,
                  periodSeconds: 20,
                  timeoutSeconds: 5,
                  failureThreshold: 3,
                },
                lifecycle: { preStop: [{ exec: { command: drain.preStopCommand } }] },
                securityContext: { ...RESTRICTED_CONTAINER, runAsUser: String(uid) },
                volumeMount: scratch.map((v) => ({ name: v, mountPath: mountPath[v] })),
              },
            ],
            volume: scratch.map((v) => ({ name: v, emptyDir: {} })),
          },
        },
      },
      waitForRollout: true,
      timeouts: {
        create: `${Math.ceil(drain.rolloutSeconds / 60)}m`,
        update: `${Math.ceil(drain.rolloutSeconds / 60)}m`,
      },
    });

    const policyName = `${this.name}-${props.frontend === GkeFrontend.INGRESS ? 'backend-config' : 'backend-policy'}`;
    const ingressFrontend = props.frontend === GkeFrontend.INGRESS;
    new ServiceV1(this, 'service', {
      metadata: {
        name: this.name,
        namespace: ns,
        labels: this.podLabels,
        annotations: {
          // Container-native load balancing: the load balancer sends to pod IPs (NEGs), so its
          // affinity and draining act on pods, not on nodes.
          'cloud.google.com/neg': '{"ingress": true}',
          ...(ingressFrontend
            ? { 'cloud.google.com/backend-config': JSON.stringify({ default: policyName }) }
            : {}),
        },
      },
      spec: {
        type: 'ClusterIP',
        selector: this.podLabels,
        port: [{ name: 'http', port: WEB_PORT, targetPort: 'http', protocol: 'TCP' }],
      },
    });

    const a = this.sessionAffinity;
    const ttl = a.usesCookie && a.ttl !== undefined ? a.ttl.toSeconds() : undefined;
    const hc = this.healthCheck;
    const hcType = hc.protocol === HealthCheckProtocol.TCP ? 'TCP' : hc.protocol;
    const targetRef = { group: '', kind: 'Service', name: this.name };
    if (ingressFrontend) {
      new Manifest(this, 'backend-config', {
        manifest: {
          apiVersion: 'cloud.google.com/v1',
          kind: POLICY_KIND[GkeFrontend.INGRESS],
          metadata: { name: policyName, namespace: ns, labels: this.podLabels },
          spec: {
            sessionAffinity: {
              affinityType: a.type,
              ...(ttl !== undefined ? { affinityCookieTtlSec: ttl } : {}),
            },
            connectionDraining: {
              drainingTimeoutSec: this.loadBalancerDraining.timeout.toSeconds(),
            },
            timeoutSec: this.backendTimeout.toSeconds(),
            healthCheck: {
              type: hcType,
              port: hc.port ?? WEB_PORT,
              ...(hc.requestPath !== undefined ? { requestPath: hc.requestPath } : {}),
              checkIntervalSec: hc.interval.toSeconds(),
              timeoutSec: hc.timeout.toSeconds(),
              healthyThreshold: hc.healthyThreshold,
              unhealthyThreshold: hc.unhealthyThreshold,
            },
          },
        },
      });
      const { IngressV1 } = load<typeof ingress>('ingress-v1');
      new IngressV1(this, 'ingress', {
        metadata: {
          name: this.name,
          namespace: ns,
          labels: this.podLabels,
          // ingress-gce selects an Ingress by this annotation only: with no annotation it
          // takes one whose spec.ingressClassName is nil, so `ingressClassName: gce` alone is
          // never served (kubernetes/ingress-gce pkg/utils/utils.go, IsGCEIngress).
          annotations: {
            'kubernetes.io/ingress.class': 'gce',
            ...(props.staticIpName
              ? { 'kubernetes.io/ingress.global-static-ip-name': props.staticIpName }
              : {}),
          },
        },
        spec: {
          rule: [
            {
              host: props.host,
              http: {
                path: [
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
      new Manifest(this, 'backend-policy', {
        manifest: {
          apiVersion: 'networking.gke.io/v1',
          kind: POLICY_KIND[GkeFrontend.GATEWAY],
          metadata: { name: policyName, namespace: ns, labels: this.podLabels },
          spec: {
            targetRef,
            default: {
              sessionAffinity: {
                type: a.type,
                ...(ttl !== undefined ? { cookieTtlSec: ttl } : {}),
              },
              connectionDraining: {
                drainingTimeoutSec: this.loadBalancerDraining.timeout.toSeconds(),
              },
              timeoutSec: this.backendTimeout.toSeconds(),
            },
          },
        },
      });
      // HealthCheckPolicy carries the probe's host, response and logging too (W8 lists what
      // it cannot carry).
      const response = hc.response !== undefined ? { response: hc.response } : {};
      new Manifest(this, 'health-check-policy', {
        manifest: {
          apiVersion: 'networking.gke.io/v1',
          kind: 'HealthCheckPolicy',
          metadata: { name: `${this.name}-health-check`, namespace: ns, labels: this.podLabels },
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
        },
      });
      new Manifest(this, 'http-route', {
        manifest: {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: this.name, namespace: ns, labels: this.podLabels },
          spec: {
            parentRefs: [
              {
                name: props.gatewayName,
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
        },
      });
    }
  }
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
