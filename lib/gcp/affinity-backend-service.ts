import { Construct } from 'constructs';
import { TerraformResource, TerraformStack } from 'cdktf';
import type * as backendService from '@cdktf/provider-google/lib/compute-backend-service';
import type * as regionBackendService from '@cdktf/provider-google/lib/compute-region-backend-service';
import type * as healthCheck from '@cdktf/provider-google/lib/compute-health-check';
import type * as regionHealthCheck from '@cdktf/provider-google/lib/compute-region-health-check';
import { markRulesChecked } from '../core/checked';
import { Duration } from '../core/duration';
import { DrainingPolicy } from '../core/draining-policy';
import {
  RuleViolation,
  ValidationError,
  addRuleValidation,
  applyFindings,
  withConstructPath,
} from '../core/errors';
import { checkPresent, checkRequiredProps, checkValueClass } from '../core/rules';
import { googleModule } from './google-provider';
import { HealthCheck } from './health-check';
import {
  BackendOptions,
  BackendServiceLogging,
  ServiceSpec,
  validateBackends,
  validateService,
  validateSharedGroups,
  indexGroupUsers,
  GroupUser,
  MAX_DRAINING_SECONDS,
} from './backend-service-rules';
import {
  BackendProtocol,
  LoadBalancerKind,
  LoadBalancingScheme,
  LocalityLbPolicy,
  loadBalancerKind,
} from './load-balancing';
import { SessionAffinity } from './session-affinity';
import { checkShape } from '../core/shape';
import { BACKEND, BACKEND_SERVICE_PROPS } from './shapes';
import {
  renderBackend,
  renderBackendService,
  renderRegionBackendService,
} from '../terraform/google/backend-service';
import { renderHealthCheck, renderRegionHealthCheck } from '../terraform/google/health-check';

/** P1: the props a plain JavaScript caller can get wrong in ways TypeScript would catch. */
function checkServiceProps(props: AffinityBackendServiceProps): RuleViolation[] {
  const v = checkRequiredProps(props, [
    ['name', 'string', "'my-backend'"],
    ['loadBalancingScheme', 'string', 'LoadBalancingScheme.EXTERNAL_MANAGED'],
    ['protocol', 'string', 'BackendProtocol.HTTPS'],
  ]);
  if (v.some((x) => x.attribute === 'props')) return v;
  v.push(
    ...checkValueClass(
      'healthCheck',
      props.healthCheck,
      props.healthCheck instanceof HealthCheck,
      'HealthCheck',
      "HealthCheck.https({ port: 443, requestPath: '/health' })",
      true,
    ),
    ...checkValueClass(
      'sessionAffinity',
      props.sessionAffinity,
      props.sessionAffinity instanceof SessionAffinity,
      'SessionAffinity',
      'SessionAffinity.generatedCookie({ ttl: Duration.hours(1) })',
    ),
    ...checkValueClass(
      'draining',
      props.draining,
      props.draining instanceof DrainingPolicy,
      'DrainingPolicy',
      'DrainingPolicy.of(Duration.seconds(60))',
    ),
    ...checkValueClass(
      'timeout',
      props.timeout,
      props.timeout instanceof Duration,
      'Duration',
      'Duration.seconds(30)',
    ),
  );
  if (props.backends !== undefined && !Array.isArray(props.backends)) {
    v.push(...checkPresent('backends', props.backends, 'array', '[{ group: zonalGroup }]'));
  }
  return v;
}

/** The services of each stack and, once validation starts, who uses which group (B8). */
const STACK_SERVICES = new WeakMap<
  TerraformStack,
  { services: AffinityBackendService[]; users?: Map<string, GroupUser[]> }
>();

/** Properties of an `AffinityBackendService`. */
export interface AffinityBackendServiceProps {
  /** Google Cloud name of the backend service (RFC 1035, at most 63 characters). */
  readonly name: string;
  /**
   * Load balancing scheme. Required: the provider's defaults (EXTERNAL global, INTERNAL
   * regional) are rarely what a new load balancer wants, and the scheme is immutable.
   */
  readonly loadBalancingScheme: LoadBalancingScheme;
  /** Protocol to the backends. */
  readonly protocol: BackendProtocol;
  /** The health check; created next to the service (global or regional to match). */
  readonly healthCheck: HealthCheck;
  /**
   * Region; when set the service is a `google_compute_region_backend_service`.
   * @default - a global backend service
   */
  readonly region?: string;
  /**
   * Session affinity.
   * @default SessionAffinity.none()
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * Connection draining; always emitted, because the provider's hidden default (300 s)
   * differs from the API's (0 s).
   * @default DrainingPolicy.of(Duration.seconds(300)) (the provider's default, made visible)
   */
  readonly draining?: DrainingPolicy;
  /**
   * Named port of the backend groups to send traffic to (not for INTERNAL).
   * @default - the protocol in lower case (e.g. `https`), none for passthrough load balancers (INTERNAL, regional EXTERNAL)
   */
  readonly portName?: string;
  /**
   * `locality_lb_policy`.
   * @default - RING_HASH for HEADER_FIELD and HTTP_COOKIE affinity; otherwise unset (the API uses MAGLEV with affinity, ROUND_ROBIN without)
   */
  readonly localityLbPolicy?: LocalityLbPolicy;
  /**
   * Backend timeout (how long a request, or an idle websocket, may last).
   * @default - the API default (30 s); not emitted
   */
  readonly timeout?: Duration;
  /**
   * Request logging.
   * @default - enabled, every request logged (sample rate 1)
   */
  readonly logging?: BackendServiceLogging;
  /**
   * Backends; more can be added with `addBackend`.
   * @default - none
   */
  readonly backends?: BackendOptions[];
  /**
   * Network (regional INTERNAL services only).
   * @default - none
   */
  readonly network?: string;
  /**
   * Project.
   * @default - the provider's project
   */
  readonly project?: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
}

/**
 * A Google Cloud backend service whose session affinity, draining, health check and
 * backends are checked against the load balancer's rules at synth time.
 *
 * ```ts
 * new AffinityBackendService(stack, 'mcp', {
 *   name: 'mcp-backend-global',
 *   loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
 *   protocol: BackendProtocol.HTTPS,
 *   sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.minutes(30) }),
 *   draining: DrainingPolicy.of(Duration.seconds(60)),
 *   healthCheck: HealthCheck.https({ port: 443, requestPath: '/health' }),
 * });
 * ```
 */
export class AffinityBackendService extends Construct {
  /** The longest connection draining timeout a backend service accepts, in seconds (rule T1). */
  public static readonly MAX_DRAINING_SECONDS = MAX_DRAINING_SECONDS;

  /** The backend service id (self link form `projects/.../backendServices/<name>`). */
  public readonly backendServiceId: string;
  /** Google Cloud name. */
  public readonly name: string;
  /** Scheme. */
  public readonly loadBalancingScheme: LoadBalancingScheme;
  /** Protocol. */
  public readonly protocol: BackendProtocol;
  /** Session affinity. */
  public readonly sessionAffinity: SessionAffinity;
  /** Draining. */
  public readonly draining: DrainingPolicy;
  /** Health check. */
  public readonly healthCheck: HealthCheck;
  /** The health check's id. */
  public readonly healthCheckId: string;
  /** Region, for a regional service. */
  public readonly region?: string;
  /** Named port the service sends to. */
  public readonly portName?: string;
  /** The kind of load balancer this service belongs to. */
  public readonly loadBalancerKind: LoadBalancerKind;
  /**
   * The backend service resource (escape hatch), global or regional; the typed accessors are
   * `globalBackendService` and `regionalBackendService`.
   */
  public readonly resource: TerraformResource;
  /**
   * The `google_compute_backend_service` (escape hatch), when the service is global: a
   * `ComputeBackendService` of `@cdktf/provider-google/lib/compute-backend-service` (cast to it
   * for its typed API). Typed as cdktf's `TerraformResource` so that the package's
   * declarations type-check without the provider packages an app does not use.
   */
  public readonly globalBackendService?: TerraformResource;
  /**
   * The `google_compute_region_backend_service` (escape hatch), when the service is regional: a
   * `ComputeRegionBackendService` of `@cdktf/provider-google/lib/compute-region-backend-service`.
   */
  public readonly regionalBackendService?: TerraformResource;
  /** The same resource, typed, for `addBackend`. */
  private readonly rendered:
    backendService.ComputeBackendService | regionBackendService.ComputeRegionBackendService;

  private readonly spec: ServiceSpec;
  private readonly backendList: BackendOptions[] = [];

  constructor(scope: Construct, id: string, props: AffinityBackendServiceProps) {
    super(scope, id);
    markRulesChecked(this);
    applyFindings(this, { errors: checkServiceProps(props), warnings: [] });
    applyFindings(this, { errors: checkShape(props, BACKEND_SERVICE_PROPS), warnings: [] });
    const regional = props.region !== undefined;
    // Passthrough load balancers forward to the packet's port and use no named port.
    const passthroughScheme =
      props.loadBalancingScheme === LoadBalancingScheme.INTERNAL ||
      (regional && props.loadBalancingScheme === LoadBalancingScheme.EXTERNAL);
    const portName =
      props.portName ?? (passthroughScheme ? undefined : String(props.protocol).toLowerCase());
    const healthCheckName = props.healthCheck.name ?? `${props.name}-hc`;
    const loggingEnabled = props.logging?.enabled ?? true;
    this.spec = {
      name: props.name,
      regional,
      scheme: props.loadBalancingScheme,
      protocol: props.protocol,
      portName,
      affinity: props.sessionAffinity ?? SessionAffinity.none(),
      draining: props.draining ?? DrainingPolicy.of(Duration.seconds(300)),
      localityLbPolicy: props.localityLbPolicy,
      timeout: props.timeout,
      logging: {
        enabled: loggingEnabled,
        // Every request is logged unless the user says otherwise.
        sampleRate: props.logging?.sampleRate ?? (loggingEnabled ? 1 : undefined),
      },
      healthCheck: props.healthCheck,
      healthCheckName,
    };
    const own = withConstructPath(this, () => validateService(this.spec));
    if (props.network !== undefined && !regional) {
      // A global backend service has no network field: refuse rather than drop it.
      own.errors.push({
        rule: 'B6',
        attribute: 'network',
        value: `"${props.network}"`,
        problem: 'is set on a global backend service, which has no network',
        allowed: 'network only with region (regional INTERNAL services)',
        fix: 'remove network, or set region for a regional service',
      });
    }
    applyFindings(this, own);

    this.name = props.name;
    this.loadBalancingScheme = props.loadBalancingScheme;
    this.protocol = props.protocol;
    this.sessionAffinity = this.spec.affinity;
    this.draining = this.spec.draining;
    this.healthCheck = props.healthCheck;
    this.region = props.region;
    this.portName = portName;
    this.loadBalancerKind = loadBalancerKind(regional, props.loadBalancingScheme, props.protocol);

    this.healthCheckId = this.renderHealthCheck(healthCheckName, props.project, props.region);
    const refs = {
      healthCheckId: this.healthCheckId,
      project: props.project,
      description: props.description,
    };
    if (props.region !== undefined) {
      const { ComputeRegionBackendService } = googleModule<typeof regionBackendService>(
        'compute-region-backend-service',
        'AffinityBackendService',
      );
      const resource = new ComputeRegionBackendService(
        this,
        'backend-service',
        renderRegionBackendService(this.spec, {
          ...refs,
          region: props.region,
          network: props.network,
        }),
      );
      this.regionalBackendService = resource;
      this.rendered = resource;
      this.backendServiceId = resource.id;
    } else {
      const { ComputeBackendService } = googleModule<typeof backendService>(
        'compute-backend-service',
        'AffinityBackendService',
      );
      const resource = new ComputeBackendService(
        this,
        'backend-service',
        renderBackendService(this.spec, refs),
      );
      this.globalBackendService = resource;
      this.rendered = resource;
      this.backendServiceId = resource.id;
    }
    this.resource = this.rendered;

    const registry = STACK_SERVICES.get(TerraformStack.of(this)) ?? { services: [] };
    registry.services.push(this);
    STACK_SERVICES.set(TerraformStack.of(this), registry);

    for (const b of props.backends ?? []) this.addBackend(b);
    addRuleValidation(this, () => {
      const own = validateBackends(this.spec, this.backendList);
      return {
        errors: [
          ...own.errors,
          ...validateSharedGroups(this.name, this.spec, this.backendList, this.groupUsers()),
        ],
        warnings: own.warnings,
      };
    });
  }

  /** Adds a backend (an instance group, possibly from another stack). */
  public addBackend(backend: BackendOptions): void {
    const problems = checkPresent('backend', backend, 'object', '{ group }');
    if (problems.length === 0 && (backend.group === undefined || backend.group === null)) {
      problems.push(
        ...checkPresent(
          `backends[${this.backendList.length}].group`,
          backend.group,
          'object',
          'zonalGroup',
        ),
      );
    }
    if (problems.length === 0)
      problems.push(...BACKEND.check(backend, `backends[${this.backendList.length}]`));
    if (problems.length > 0) throw new ValidationError(this, problems);
    this.backendList.push(backend);
    const registry = STACK_SERVICES.get(TerraformStack.of(this));
    if (registry) registry.users = undefined; // re-index at the next validation
    const backends = this.backendList.map((b) => renderBackend(this.spec, b));
    this.rendered.putBackend(backends);
  }

  /** The backends, as given. */
  public get backends(): BackendOptions[] {
    return [...this.backendList];
  }

  /**
   * The stickiness lifetime in seconds, wherever the provider stores it
   * (`affinity_cookie_ttl_sec`, `consistent_hash.http_cookie.ttl`, `strong_session_affinity_cookie.ttl`);
   * undefined for affinity without a cookie.
   */
  public get affinityTtlSeconds(): number | undefined {
    return this.sessionAffinity.usesCookie ? this.sessionAffinity.ttl?.toSeconds() : undefined;
  }

  /**
   * Creates the health check next to the service (global, or regional when `region` is set)
   * and returns its id (self link).
   */
  private renderHealthCheck(name: string, project?: string, region?: string): string {
    const refs = { name, project };
    if (region !== undefined) {
      const { ComputeRegionHealthCheck } = googleModule<typeof regionHealthCheck>(
        'compute-region-health-check',
        'AffinityBackendService',
      );
      return new ComputeRegionHealthCheck(
        this,
        'health-check',
        renderRegionHealthCheck(this.healthCheck, { ...refs, region }),
      ).id;
    }
    const { ComputeHealthCheck } = googleModule<typeof healthCheck>(
      'compute-health-check',
      'AffinityBackendService',
    );
    return new ComputeHealthCheck(this, 'health-check', renderHealthCheck(this.healthCheck, refs))
      .id;
  }

  /** Who uses each group in this stack, indexed once for all services of the stack. */
  private groupUsers(): Map<string, GroupUser[]> {
    const registry = STACK_SERVICES.get(TerraformStack.of(this))!;
    registry.users ??= indexGroupUsers(
      registry.services.map((c) => ({ name: c.name, spec: c.spec, backends: c.backendList })),
    );
    return registry.users;
  }
}
