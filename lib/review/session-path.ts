/**
 * Raters for attribute changes of session-path resources: pod-template rollouts and
 * StatefulSet replacements, web-pod scaling under affinity, instance-template rollouts,
 * autoscaler and update-policy changes, routing (URL maps, Ingress, HTTPRoute), frontends,
 * health checks against the probe firewall, Services and network policies. Every resource is
 * a `TfResource`; a Kubernetes object is read as its API object (lib/terraform/kubernetes).
 * Each rater says which attributes it understood; the rest is reported as an unrated change,
 * never dropped.
 */
import { Finding, Risk } from './model';
import {
  AttributeChange,
  describeChange,
  diffResources,
  identityOf,
  k8sName,
  kubeObject,
} from './resources';
import {
  GKE_POLICY_KINDS,
  Route,
  Side,
  httpRoutes,
  ingressClass,
  ingressRoutes,
  servedBefore,
} from './wiring';
import { gkePolicyEntry } from './extract';
import { PROBE_RANGES } from '../gcp/firewall-rules';
import { firewallAdmitsProbes as admitsProbes } from '../terraform/google/firewall';
import { describeUnknown, isUnknown } from '../core/unknown';
import { TfResource, block } from '../terraform/resource';
import { HEALTH_CHECK_TYPES, readHealthCheck } from '../terraform/google/health-check';
import { JsonObject } from '../terraform/kubernetes';
import { PodDrain, readPodDrain } from '../terraform/kubernetes/pod-drain';
import { trafficPathFindings } from '../checks/firewall-checks';
import type { CheckFinding } from '../checks/reporter';
import { RuleLevel } from '../core/rule-registry';

export { GKE_POLICY_KINDS, sideOf } from './wiring';
export type { Side } from './wiring';

/** The two versions a review compares. */
export interface ReviewContext {
  readonly base: Side;
  readonly current: Side;
}

/** A readable name for a reference: the resource's name, or the URL's last segment. */
export function nameOf(side: Side, stack: string, ref: unknown): string {
  if (ref === undefined || ref === null) return 'unset';
  const s = String(ref);
  const m = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(s);
  const r = m ? side.index.get(stack, `${m[1]}.${m[2]}`) : undefined;
  if (r && typeof r.values.name === 'string') return r.values.name;
  const remote = /cross-stack-reference-input-[^.]+\.outputs\.([^.}]+)\}$/.exec(s);
  if (remote) return remote[1];
  if (!m && isUnknown(ref)) return describeUnknown(ref);
  return s.split('/').pop() ?? s;
}

/** What a rater made of a changed resource. */
interface Rated {
  findings: Finding[];
  /** True for the attribute paths the findings explain. */
  understood: (path: string) => boolean;
}

type Rater = (
  old: TfResource,
  now: TfResource,
  changes: AttributeChange[],
  ctx: ReviewContext,
) => Rated;

const finding = (r: TfResource, risk: Risk, change: string, consequence: string): Finding => ({
  risk,
  stack: r.source,
  subject: identityOf(r).label,
  change,
  consequence,
});

const matches =
  (...patterns: RegExp[]) =>
  (path: string) =>
    patterns.some((p) => p.test(path));

const list = (changes: AttributeChange[], max = 4): string => {
  const shown = changes.slice(0, max).map((c) => describeChange(c));
  return changes.length > max
    ? `${shown.join('; ')}; and ${changes.length - max} more`
    : shown.join('; ');
};

const obj = (v: unknown): JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : {};

// ---------------------------------------------------------------------------------------------
// Kubernetes

/** StatefulSet fields the provider marks ForceNew: a change destroys and recreates the set. */
const STS_FORCE_NEW =
  /^(metadata\.(name|namespace)|spec\.(selector|service_name|pod_management_policy|volume_claim_template|revision_history_limit))(\.|\[|$)/;

/** What each replaced pod's sessions get, in words (from the pods' drain model). */
function drainedText(drain: PodDrain): string {
  const grace = isUnknown(drain.graceSeconds)
    ? describeUnknown(drain.graceSeconds)
    : `${drain.graceSeconds}s`;
  if (drain.drainSeconds !== undefined)
    return isUnknown(drain.drainSeconds)
      ? `up to ${describeUnknown(drain.drainSeconds)} of draining (grace ${grace})`
      : `up to ${drain.drainSeconds}s of draining (grace ${grace})`;
  return drain.preStop
    ? `at most the ${grace} grace period (its preStop hook is not this library's drain: how long it waits is not known)`
    : `at most the ${grace} grace period, with no drain hook`;
}

/** ` The drain changes 600s → 1200s.` when both are known and differ. */
function drainNote(before: PodDrain, after: PodDrain, rest = ''): string {
  const [a, b] = [before.drainSeconds, after.drainSeconds];
  return typeof a === 'number' && typeof b === 'number' && a !== b
    ? ` The drain changes ${a}s → ${b}s${rest}.`
    : '';
}

/** How long a deleted pod's sessions last, in seconds or words. */
const drainSeconds = (drain: PodDrain): string => {
  const v = drain.drainSeconds ?? drain.graceSeconds;
  return isUnknown(v) ? describeUnknown(v) : `${v}s`;
};

const statefulSet: Rater = (old, now, changes) => {
  const findings: Finding[] = [];
  const o = kubeObject(now)!;
  const name = k8sName(o) ?? now.address;
  const spec = obj(o.spec);
  const replicas = Number(spec.replicas ?? obj(kubeObject(old)!.spec).replicas ?? 1);
  const pods = (from: number) =>
    Number.isFinite(replicas) && replicas > 0
      ? Array.from(
          { length: replicas - from },
          (_, i) => `${name.split('/')[1]}-${replicas - 1 - i}`,
        )
      : [];

  const forceNew = changes.filter((c) => STS_FORCE_NEW.test(c.path));
  if (forceNew.length > 0) {
    findings.push(
      finding(
        now,
        'high',
        `replaced: ${list(forceNew)} cannot change in place`,
        `Terraform destroys the StatefulSet and creates it again: every pod (${pods(0).join(', ') || 'all'}) goes at once, without draining; every live session is cut.`,
      ),
    );
  }
  const template = changes.filter((c) => /^spec\.template(\.|\[|$)/.test(c.path));
  if (template.length > 0 && forceNew.length === 0) {
    const strategy = obj(spec.updateStrategy);
    const partition = Number(obj(strategy.rollingUpdate).partition ?? 0) || 0;
    const drain = readPodDrain(o);
    const drained = drainedText(drain);
    const note = drainNote(
      readPodDrain(kubeObject(old)!),
      drain,
      ', and changing it is itself a rollout',
    );
    if (strategy.type === 'OnDelete') {
      findings.push(
        finding(
          now,
          'medium',
          `pod template changed (${list(template, 3)}); update strategy OnDelete`,
          `Running pods keep the old template until someone deletes them; each deletion then cuts that pod's sessions after ${drained}.${note}`,
        ),
      );
    } else {
      findings.push(
        finding(
          now,
          'high',
          `pod template changed: rollout (${list(template, 3)})`,
          `Every pod is replaced one at a time (${pods(partition).join(', ') || 'all pods'}): each pod's sessions get ${drained}, then are cut.${note}`,
        ),
      );
    }
  }
  const strategy = changes.filter((c) => /^spec\.update_strategy/.test(c.path));
  if (strategy.length > 0) {
    findings.push(
      finding(
        now,
        'medium',
        `update strategy ${list(strategy)}`,
        'How and which pods are replaced on the next template change is different.',
      ),
    );
  }
  return {
    findings,
    // replicas is rated by the inventory comparison.
    understood: matches(
      STS_FORCE_NEW,
      /^spec\.template/,
      /^spec\.update_strategy/,
      /^spec\.replicas$/,
    ),
  };
};

/** Deployment fields that cannot change in place (the selector) or name another object. */
const DEPLOYMENT_FORCE_NEW = /^(metadata\.(name|namespace)|spec\.selector)(\.|\[|$)/;

/**
 * Affinity types that keep no session on its backend when the set of backends grows: every
 * type but strong cookies (whose cookie names the backend) hashes over the healthy backends.
 */
const HASHED = (affinity: string) => affinity !== 'NONE' && affinity !== 'STRONG_COOKIE_AFFINITY';

/** The affinity the load balancer applies to a workload's pods (BackendConfig, GCPBackendPolicy). */
function webAffinity(side: Side, workload: TfResource): { affinity: string; by: string }[] {
  return side.wiring.servicesOf(workload).map((b) => {
    const entry = b.policy ? gkePolicyEntry(b.policy.resource) : undefined;
    return {
      affinity: entry?.affinity ?? 'NONE',
      by: b.policy ? `${b.policy.kind} ${b.policy.name}` : `Service ${b.name} (GKE default)`,
    };
  });
}

/** Web pods (Guacamole): a template change rolls every pod, each drains its open tunnels. */
const deployment: Rater = (old, now, changes, ctx) => {
  const findings: Finding[] = [];
  const o = kubeObject(now)!;
  const spec = obj(o.spec);
  const forceNew = changes.filter((c) => DEPLOYMENT_FORCE_NEW.test(c.path));
  if (forceNew.length > 0) {
    findings.push(
      finding(
        now,
        'high',
        `replaced: ${list(forceNew)} cannot change in place`,
        'Terraform deletes the Deployment and creates it again: every pod goes at once, without draining; every open tunnel is cut.',
      ),
    );
  }
  const drain = readPodDrain(o);
  const template = changes.filter((c) => /^spec\.template(\.|\[|$)/.test(c.path));
  if (template.length > 0 && forceNew.length === 0) {
    const strategy = obj(spec.strategy);
    const rolling = obj(strategy.rollingUpdate);
    const drained = drainedText(drain);
    findings.push(
      finding(
        now,
        'high',
        `pod template changed: rollout (${list(template, 3)})`,
        strategy.type === 'Recreate'
          ? `Strategy Recreate: every pod stops at once; open tunnels get ${drained}, and nothing serves until the new pods are ready.`
          : `Every pod is replaced (max surge ${String(rolling.maxSurge ?? '25%')}, max unavailable ${String(rolling.maxUnavailable ?? '25%')}): each pod's open tunnels get ${drained}, then are cut; users reconnect to another pod.${drainNote(readPodDrain(kubeObject(old)!), drain)}`,
      ),
    );
  }
  const replicas = changes.find((c) => c.path === 'spec.replicas');
  if (replicas) findings.push(...deploymentReplicas(old, now, replicas, drain, ctx));
  const strategy = changes.filter((c) => /^spec\.strategy/.test(c.path));
  if (strategy.length > 0)
    findings.push(
      finding(
        now,
        'medium',
        `update strategy ${list(strategy)}`,
        'How pods are replaced on the next rollout is different.',
      ),
    );
  return {
    findings,
    understood: matches(
      DEPLOYMENT_FORCE_NEW,
      /^spec\.template/,
      /^spec\.replicas$/,
      /^spec\.strategy/,
    ),
  };
};

/**
 * More or fewer web pods. Fewer: the deleted pods' tunnels get their drain, then are cut
 * (HIGH). More under an affinity that hashes over the pods (GENERATED_COOKIE, CLIENT_IP,
 * HTTP_COOKIE, HEADER_FIELD, ...): the added share of the sessions lands on a new pod, which
 * does not hold their login (MEDIUM, as for a backend added to a backend service). Strong
 * cookies and no affinity move no session (LOW). Unknown (known after apply): the worst case.
 */
function deploymentReplicas(
  _old: TfResource,
  now: TfResource,
  c: AttributeChange,
  drain: PodDrain,
  ctx: ReviewContext,
): Finding[] {
  const before = Number(c.before);
  const after = Number(c.after);
  const change = `replicas ${c.before ?? '(unset)'} → ${c.after ?? '(unset)'}`;
  if (c.afterUnknown)
    return [
      finding(
        now,
        'high',
        change,
        `The number of pods is known only after apply; rated for the worst case: if it is lower, the deleted pods' open tunnels get ${drainSeconds(drain)}, then are cut.`,
      ),
    ];
  if (after < before)
    return [
      finding(
        now,
        'high',
        `replicas ${before} → ${after}`,
        `${before - after} pod(s) are deleted: their open tunnels get ${drainSeconds(drain)}, then are cut.`,
      ),
    ];
  const hashed = webAffinity(ctx.current, now).filter((a) => HASHED(a.affinity));
  if (hashed.length > 0 && Number.isFinite(before) && after > before) {
    const share = Math.round((100 * (after - before)) / after);
    const a = hashed[0];
    return [
      finding(
        now,
        'medium',
        `replicas ${before} → ${after}`,
        `${a.affinity} affinity (${a.by}) hashes over the pods: when the set grows, about ${share}% of the sessions are remapped to the new pods, which do not hold their login.`,
      ),
    ];
  }
  const strong = webAffinity(ctx.current, now).some((a) => a.affinity === 'STRONG_COOKIE_AFFINITY');
  return [
    finding(
      now,
      'low',
      change,
      strong
        ? 'Strong cookie affinity keeps every session on its pod; only new sessions use the added pods.'
        : 'More pods: new sessions spread; no open tunnel moves.',
    ),
  ];
}

/** What a changed probe setting does: the probe's target decides verdicts, its pace only when. */
function probeRisk(changes: AttributeChange[]): Risk {
  const pace =
    /(check_?interval_?sec|checkIntervalSec|healthy_?threshold|healthyThreshold|unhealthy_?threshold|unhealthyThreshold|logConfig|log_config)/i;
  const timeout = /(^|\.)(timeout_sec|timeoutSec)$/;
  return changes.some((c) => {
    if (pace.test(c.path)) return false;
    if (timeout.test(c.path))
      return c.afterUnknown || !(Number(c.after) >= Number(c.before)) || c.after === undefined;
    return true;
  })
    ? 'medium'
    : 'low';
}

const PROBE_PACE =
  'Only how soon a verdict comes changes; the probe asks the same question: no healthy backend turns unhealthy for it.';

/** CRDs rendered with `kubernetes_manifest`, rated by kind (their API object). */
const manifestObject: Rater = (old, now, changes) => {
  const kind = String(kubeObject(now)?.kind);
  const findings: Finding[] = [];
  const probe = (health: AttributeChange[], why: string) => {
    const risk = probeRisk(health);
    findings.push(finding(now, risk, list(health), risk === 'low' ? PROBE_PACE : why));
  };
  if (GKE_POLICY_KINDS.has(kind)) {
    const health = changes.filter((c) => /^manifest\.spec\.healthCheck\./.test(c.path));
    if (health.length > 0)
      probe(
        health,
        'Health verdicts may change: a probe that fails marks every web pod unhealthy and remaps its sessions.',
      );
    return {
      findings,
      understood: matches(
        /^manifest\.spec\.(sessionAffinity|connectionDraining|timeoutSec|healthCheck)(\.|$)/,
        /^manifest\.spec\.default\.(sessionAffinity|connectionDraining|timeoutSec)(\.|$)/,
        // Which Service a policy configures is rated with the links (compareWiring).
        /^manifest\.spec\.targetRef(\.|$)/,
      ),
    };
  }
  if (kind === 'HealthCheckPolicy') {
    const spec = changes.filter(
      (c) => /^manifest\.spec\./.test(c.path) && !/^manifest\.spec\.targetRef/.test(c.path),
    );
    if (spec.length > 0)
      probe(
        spec,
        'Health verdicts may change: a probe that fails marks every web pod unhealthy and remaps its sessions.',
      );
    return { findings, understood: matches(/^manifest\.spec\./) };
  }
  if (kind === 'HTTPRoute') {
    const routes = routeChanges(now, httpRoutes(old), httpRoutes(now), 'route changed');
    findings.push(...routes);
    // Rule changes that move no route (filters, timeouts): still routing, rated as before.
    const left = routes.length
      ? []
      : changes.filter((c) => /^manifest\.spec\.(rules|parentRefs|hostnames)/.test(c.path));
    if (left.length > 0)
      findings.push(
        finding(
          now,
          'high',
          `route changed: ${list(left, 3)}`,
          'Requests go to other backends or the route leaves its Gateway: sessions on the old backend are not reached any more.',
        ),
      );
    return { findings, understood: matches(/^manifest\.spec\.(rules|parentRefs|hostnames)/) };
  }
  return { findings, understood: () => false };
};

/**
 * Routes of an Ingress or HTTPRoute in two versions. A route whose backend changes, or that
 * goes away, remaps the sessions it carried (HIGH). A new route is HIGH only when the requests
 * it matches were served by another backend before (its clients hold that backend's
 * affinity); when nothing served them, or the same backend did, no session moves (LOW).
 */
function routeChanges(now: TfResource, before: Route[], after: Route[], what: string): Finding[] {
  const out: Finding[] = [];
  const was = new Map(before.map((r) => [r.label, r]));
  const is = new Map(after.map((r) => [r.label, r]));
  for (const [label, route] of is) {
    const old = was.get(label);
    if (old && old.to !== route.to)
      out.push(
        finding(
          now,
          'high',
          `${what}: route "${label}" ${old.to} → ${route.to}`,
          `Requests on this route go to ${route.to} instead of ${old.to}; clients hold ${old.to}'s affinity, not ${route.to}'s: their sessions are remapped.`,
        ),
      );
    else if (!old) {
      const served = servedBefore(route, before);
      out.push(
        served && served.to !== route.to
          ? finding(
              now,
              'high',
              `${what}: route "${label}" added → ${route.to}`,
              `Requests it matches were served by ${served.to} (route "${served.label}"); they now go to ${route.to}, whose affinity the clients do not hold: those sessions are remapped.`,
            )
          : finding(
              now,
              'low',
              `${what}: route "${label}" added → ${route.to}`,
              served
                ? `The requests it matches went to ${served.to} already; no session moves.`
                : 'New route: no backend served the requests it matches before (the controller answered 404); no session moves.',
            ),
      );
    }
  }
  for (const [label, route] of was)
    if (!is.has(label))
      out.push(
        finding(
          now,
          'high',
          `${what}: route "${label}" removed (was ${route.to})`,
          `Requests it matched no longer reach ${route.to}: sessions there are not reached any more (another route, the default backend or a 404 answers).`,
        ),
      );
  return out;
}

const INGRESS_PATHS =
  /^(spec\.(rule|default_backend|backend|ingress_class_name|tls)|metadata\.annotations)/;

/** An Ingress: its class decides the controller, its rules which Service gets the requests. */
const ingressRater: Rater = (old, now, changes) => {
  const findings: Finding[] = [];
  const [oc, nc] = [ingressClass(kubeObject(old)!), ingressClass(kubeObject(now)!)];
  if (oc !== nc)
    findings.push(
      finding(
        now,
        'high',
        `routing changed: ingress class ${oc} → ${nc}`,
        'Another controller (or none) serves this Ingress: its load balancer is deleted or a new one is made, with a new address; every session reconnects.',
      ),
    );
  const routes = routeChanges(now, ingressRoutes(old), ingressRoutes(now), 'routing changed');
  findings.push(...routes);
  const rest = changes.filter(
    (c) =>
      INGRESS_PATHS.test(c.path) &&
      !/^(spec\.ingress_class_name|metadata\.annotations\.kubernetes\.io\/ingress\.class)$/.test(
        c.path,
      ) &&
      !(routes.length > 0 && /^spec\.(rule|default_backend|backend)/.test(c.path)),
  );
  if (rest.length)
    findings.push(
      finding(
        now,
        'high',
        `routing changed: ${list(rest, 3)}`,
        'GKE reconfigures the load balancer: requests may reach another Service, and a new address or class is a new load balancer (every session reconnects).',
      ),
    );
  return { findings, understood: matches(INGRESS_PATHS) };
};

const SERVICE_ROUTING = /^spec\.(selector|port|cluster_ip|type)(\.|\[|$)/;
const BACKEND_CONFIG_ANNOTATION =
  /^metadata\.annotations\.(beta\.)?cloud\.google\.com\/backend-config$/;

const k8sService: Rater = (_old, now, changes) => {
  const findings: Finding[] = [];
  const sticky = obj(kubeObject(now)!.spec).sessionAffinity === 'ClientIP';
  const routing = changes.filter((c) => SERVICE_ROUTING.test(c.path));
  if (routing.length > 0) {
    findings.push(
      finding(
        now,
        'high',
        `routing ${list(routing)}`,
        sticky
          ? 'Connections through this Service reach other pods or ports: live sessions opened through it are remapped or fail.'
          : 'Connections through this Service reach other pods or ports.',
      ),
    );
  }
  return {
    findings,
    // Session affinity and its timeout are rated by the inventory comparison, the
    // BackendConfig it names with the links (compareWiring).
    understood: matches(SERVICE_ROUTING, /^spec\.session_affinity/, BACKEND_CONFIG_ANNOTATION),
  };
};

const networkPolicy: Rater = (_old, now, changes) => {
  const ingress = changes.filter((c) => /^spec\.(ingress|pod_selector|policy_types)/.test(c.path));
  const egress = changes.filter((c) => /^spec\.egress/.test(c.path));
  const findings: Finding[] = [];
  if (ingress.length)
    findings.push(
      finding(
        now,
        'high',
        `who may connect changes: ${list(ingress)}`,
        'If the web pods are no longer admitted, new sessions fail and open connections can be dropped.',
      ),
    );
  if (egress.length)
    findings.push(
      finding(
        now,
        'medium',
        `egress ${list(egress)}`,
        'Targets no longer admitted cannot be reached: remote desktops on them fail to connect.',
      ),
    );
  return { findings, understood: matches(/^spec\./) };
};

const pdb: Rater = (_old, now, changes) => {
  const spec = changes.filter((c) => /^spec\./.test(c.path));
  return {
    findings: spec.length
      ? [
          finding(
            now,
            'medium',
            list(spec),
            'How many pods a node drain or upgrade may evict at once changes; each eviction cuts that pod\u2019s sessions after its drain.',
          ),
        ]
      : [],
    understood: matches(/^spec\./),
  };
};

// ---------------------------------------------------------------------------------------------
// Google Cloud: what stands behind a backend group

function groupsUsing(ctx: ReviewContext, template: TfResource): TfResource[] {
  const id = template.address.split('.').slice(1).join('.');
  const name = typeof template.values.name === 'string' ? template.values.name : undefined;
  const uses = (mig: TfResource) =>
    (mig.values.version ?? [])
      .concat(Array.isArray(mig.values.version) ? [] : [mig.values.version])
      .filter(Boolean)
      .some((v: any) => {
        const ref = String(block(v)?.instance_template ?? '');
        return (
          ref.includes(`${template.type}.${id}.`) ||
          (name !== undefined && ref.endsWith(`/${name}`))
        );
      });
  const migs = (side: Side) =>
    side.index
      .ofTypes([
        'google_compute_instance_group_manager',
        'google_compute_region_instance_group_manager',
      ])
      .filter((m) => m.source === template.source && uses(m));
  const found = migs(ctx.current);
  return found.length ? found : migs(ctx.base);
}

/** HIGH/LOW for a rollout of a group, by its update policy. */
function rollout(mig: TfResource, why: string): { risk: Risk; consequence: string } {
  const policy = block(mig.values.update_policy) ?? {};
  const type = policy.type ?? 'OPPORTUNISTIC';
  if (type === 'PROACTIVE') {
    return {
      risk: 'high',
      consequence: `${why}: the group replaces every VM (update policy PROACTIVE, ${policy.minimal_action ?? 'REPLACE'}); sessions on each VM get the backend service's draining time, then are cut.`,
    };
  }
  return {
    risk: 'low',
    consequence: `${why}: the update policy is OPPORTUNISTIC, so running VMs keep serving; only VMs created later (autoscaling, repairs) use the new template. Note: a later manual rollout replaces them.`,
  };
}

const instanceTemplate: Rater = (_old, now, changes, ctx) => {
  const migs = groupsUsing(ctx, now);
  const what = `instance template changed (${list(changes, 3)})`;
  const findings = migs.length
    ? migs.map((mig) => {
        const r = rollout(mig, `${identityOf(mig).label} uses it`);
        return finding(now, r.risk, what, r.consequence);
      })
    : [finding(now, 'low', what, 'No instance group of this stack uses it; no VM is replaced.')];
  return { findings, understood: () => true };
};

const instanceGroup: Rater = (_old, now, changes) => {
  const findings: Finding[] = [];
  const version = changes.filter((c) => /^version/.test(c.path));
  if (version.length) {
    const r = rollout(now, 'The group points to another instance template');
    findings.push(finding(now, r.risk, `version ${list(version, 2)}`, r.consequence));
  }
  const policy = changes.filter((c) => /^update_policy/.test(c.path));
  if (policy.length) {
    const toProactive = (block(now.values.update_policy)?.type ?? 'OPPORTUNISTIC') === 'PROACTIVE';
    findings.push(
      finding(
        now,
        toProactive ? 'medium' : 'low',
        `update policy ${list(policy)}`,
        toProactive
          ? 'From now on a template change replaces every VM, cutting their sessions after draining.'
          : 'Template changes no longer replace running VMs on their own.',
      ),
    );
  }
  const ports = changes.filter((c) => /^named_port/.test(c.path));
  if (ports.length) {
    findings.push(
      finding(
        now,
        'high',
        `named ports ${list(ports)}`,
        'Backend services reach the group by named port: a changed or missing port sends traffic to another port or marks the group unhealthy.',
      ),
    );
  }
  return {
    findings,
    // target_size is rated by the inventory comparison.
    understood: matches(/^version/, /^update_policy/, /^named_port/, /^target_size$/),
  };
};

const autoscaler: Rater = (old, now, changes) => {
  const p = (v: any) => block(v.autoscaling_policy) ?? {};
  const [o, n] = [p(old.values), p(now.values)];
  const findings: Finding[] = [];
  const oMax = Number(o.max_replicas);
  const nMax = Number(n.max_replicas);
  const oMin = Number(o.min_replicas);
  const nMin = Number(n.min_replicas);
  if (nMax < oMax) {
    findings.push(
      finding(
        now,
        'high',
        `max_replicas ${oMax} → ${nMax}`,
        `The group scales in to at most ${nMax} VMs: VMs above that are deleted, their sessions cut after draining.`,
      ),
    );
  } else if (nMax > oMax) {
    findings.push(
      finding(
        now,
        'low',
        `max_replicas ${oMax} → ${nMax}`,
        'More room to scale out; no VM is deleted.',
      ),
    );
  }
  if (nMin < oMin) {
    findings.push(
      finding(
        now,
        'medium',
        `min_replicas ${oMin} → ${nMin}`,
        `The autoscaler may scale in to ${nMin} VMs when load is low, deleting VMs that hold sessions (after draining).`,
      ),
    );
  } else if (nMin > oMin) {
    findings.push(
      finding(
        now,
        'low',
        `min_replicas ${oMin} → ${nMin}`,
        'The group keeps more VMs; none is deleted.',
      ),
    );
  }
  const other = changes.filter(
    (c) =>
      !/^autoscaling_policy\.(min|max)_replicas$/.test(c.path) &&
      /^autoscaling_policy/.test(c.path),
  );
  if (other.length) {
    findings.push(
      finding(
        now,
        'medium',
        list(other),
        'Scaling decisions change: the group may scale in at other times, deleting VMs that hold sessions (after draining).',
      ),
    );
  }
  return { findings, understood: matches(/^autoscaling_policy/) };
};

// ---------------------------------------------------------------------------------------------
// Google Cloud: routing and the frontend

/** Route label → backend service name, for a URL map. */
function routes(r: TfResource, side: Side): Map<string, string> {
  const out = new Map<string, string>();
  const name = (ref: unknown) => nameOf(side, r.source, ref);
  const v = r.values;
  if (v.default_service !== undefined) out.set('default service', name(v.default_service));
  const hosts = new Map<string, string>();
  for (const h of [].concat(v.host_rule ?? [])) {
    const hr: any = h;
    hosts.set(hr.path_matcher, [].concat(hr.hosts ?? []).join(','));
  }
  for (const m of [].concat(v.path_matcher ?? [])) {
    const pm: any = m;
    const at = `${hosts.get(pm.name) ?? '?'} (${pm.name})`;
    if (pm.default_service !== undefined) out.set(`${at} default`, name(pm.default_service));
    for (const p of [].concat(pm.path_rule ?? [])) {
      const pr: any = p;
      out.set(`${at} paths ${[].concat(pr.paths ?? []).join(',')}`, name(pr.service));
    }
    for (const rr of [].concat(pm.route_rules ?? [])) {
      const rule: any = rr;
      const match = block(rule.match_rules) ?? {};
      const headers = []
        .concat(match.header_matches ?? [])
        .map(
          (hm: any) =>
            `${hm.header_name}${hm.exact_match ? `=${hm.exact_match}` : hm.present_match ? ' present' : ''}`,
        )
        .join('&');
      out.set(
        `${at} route ${rule.priority} ${match.prefix_match ?? match.full_path_match ?? ''}${headers ? ` [${headers}]` : ''}`.trim(),
        name(rule.service),
      );
    }
  }
  return out;
}

const urlMap: Rater = (old, now, _changes, ctx) => {
  const before = routes(old, ctx.base);
  const after = routes(now, ctx.current);
  const findings: Finding[] = [];
  for (const [route, svc] of after) {
    const was = before.get(route);
    if (was !== undefined && was !== svc) {
      findings.push(
        finding(
          now,
          'high',
          `route "${route}": ${was} → ${svc}`,
          `Requests on this route go to ${svc} instead of ${was}; clients hold ${was}'s affinity cookie, not ${svc}'s: their sessions are remapped.`,
        ),
      );
    } else if (was === undefined) {
      findings.push(
        finding(
          now,
          'high',
          `route "${route}" added → ${svc}`,
          `Requests it matches leave the service that served them before for ${svc}, whose affinity the clients do not hold: those sessions are remapped.`,
        ),
      );
    }
  }
  for (const [route, svc] of before) {
    if (!after.has(route)) {
      findings.push(
        finding(
          now,
          'high',
          `route "${route}" removed (was ${svc})`,
          `Requests it matched fall through to another route or the default service, not ${svc}: their sessions are remapped.`,
        ),
      );
    }
  }
  return { findings, understood: matches(/^(default_service|host_rule|path_matcher)/) };
};

const frontend: Rater = (old, now, changes, ctx) => {
  const findings: Finding[] = [];
  const routing = changes.filter((c) =>
    /^(url_map|target|backend_service|ip_address|port_range|ports|load_balancing_scheme|address)$/.test(
      c.path,
    ),
  );
  for (const c of routing) {
    const from = nameOf(ctx.base, old.source, block(old.values[c.path]));
    const to = nameOf(ctx.current, now.source, block(now.values[c.path]));
    findings.push(
      finding(
        now,
        'high',
        `${c.path} ${from} → ${to}`,
        c.path === 'ip_address' || c.path === 'address'
          ? 'Clients connect to another address: open connections to the old one end, and sessions restart.'
          : 'Traffic arriving here goes another way: sessions are remapped to services whose affinity the clients do not hold.',
      ),
    );
  }
  const tls = changes.filter((c) =>
    /^(ssl_certificates|ssl_policy|certificate_map|certificate_manager_certificates|quic_override|min_tls_version|profile|custom_features)/.test(
      c.path,
    ),
  );
  if (tls.length) {
    findings.push(
      finding(
        now,
        'medium',
        `TLS ${list(tls)}`,
        'Clients that cannot negotiate the new certificate or TLS settings are refused; sessions of the others continue.',
      ),
    );
  }
  return {
    findings,
    understood: matches(
      /^(url_map|target|backend_service|ip_address|port_range|ports|load_balancing_scheme|address)$/,
      /^(ssl_certificates|ssl_policy|certificate_map|certificate_manager_certificates|quic_override|min_tls_version|profile|custom_features)/,
    ),
  };
};

// ---------------------------------------------------------------------------------------------
// Google Cloud: health checks and the probe firewall

const UNITS: Record<string, string> = {
  check_interval_sec: 's',
  timeout_sec: 's',
};

/**
 * The probed port of a health check, from its model; the legacy `google_compute_http(s)_health_check`
 * (no model: the reviewer only lists them) keep theirs in a top-level `port`.
 */
function probePort(hc: TfResource): number | undefined {
  const port = HEALTH_CHECK_TYPES.includes(hc.type)
    ? readHealthCheck(hc.values).port
    : hc.values.port === undefined || hc.values.port === null
      ? undefined
      : Number(hc.values.port);
  return typeof port === 'number' && !isUnknown(port) ? port : undefined;
}

/** Whether the probe firewall of the synth opens the port; undefined when no firewall is known. */
export function probeFirewallOpens(side: Side, port: number): boolean | undefined {
  const firewalls = side.index.ofTypes(['google_compute_firewall']);
  if (firewalls.length === 0) return undefined;
  return firewalls.some((f) => admitsProbes(f.values, port));
}

const healthCheck: Rater = (_old, now, changes, ctx) => {
  const findings: Finding[] = [];
  const fields = changes.map((c) =>
    describeChange(
      { ...c, path: c.path.replace(/^[a-z0-9]+_health_check\./, '') },
      UNITS[c.path] ?? '',
    ),
  );
  const risk = probeRisk(changes);
  findings.push(
    finding(
      now,
      risk,
      fields.join('; '),
      risk === 'low'
        ? PROBE_PACE
        : 'Health verdicts may change: a probe that fails marks every backend unhealthy and remaps its sessions.',
    ),
  );
  const port = probePort(now);
  if (port !== undefined && probeFirewallOpens(ctx.current, port) === false) {
    findings.push(
      finding(
        now,
        'high',
        `probe port ${port} is not opened to ${PROBE_RANGES.join(', ')}`,
        'No firewall rule admits Google\u2019s probers on this port: every backend turns unhealthy and every session is cut or remapped.',
      ),
    );
  }
  return { findings, understood: () => true };
};

const firewall: Rater = (_old, now, changes, ctx) => {
  const findings: Finding[] = [];
  const closed: string[] = [];
  for (const hc of ctx.current.index.ofTypes([
    'google_compute_health_check',
    'google_compute_region_health_check',
    'google_compute_http_health_check',
    'google_compute_https_health_check',
  ])) {
    const port = probePort(hc);
    if (port !== undefined && probeFirewallOpens(ctx.current, port) === false)
      closed.push(`${hc.values.name ?? hc.address} :${port}`);
  }
  findings.push(
    closed.length
      ? finding(
          now,
          'high',
          `${list(changes, 3)}; probes no longer reach ${closed.join(', ')}`,
          'Google\u2019s probers are blocked: every backend behind those health checks turns unhealthy and every session is cut or remapped.',
        )
      : finding(
          now,
          'low',
          list(changes, 3),
          'The health-check ports of this synth stay open to Google\u2019s probers.',
        ),
  );
  return { findings, understood: () => true };
};

// ---------------------------------------------------------------------------------------------

const RATERS: Record<string, Rater> = {
  kubernetes_deployment_v1: deployment,
  kubernetes_deployment: deployment,
  kubernetes_manifest: manifestObject,
  kubernetes_ingress_v1: ingressRater,
  kubernetes_ingress: ingressRater,
  kubernetes_stateful_set_v1: statefulSet,
  kubernetes_stateful_set: statefulSet,
  kubernetes_service_v1: k8sService,
  kubernetes_service: k8sService,
  kubernetes_network_policy_v1: networkPolicy,
  kubernetes_network_policy: networkPolicy,
  kubernetes_pod_disruption_budget_v1: pdb,
  kubernetes_pod_disruption_budget: pdb,
  google_compute_instance_template: instanceTemplate,
  google_compute_region_instance_template: instanceTemplate,
  google_compute_instance_group_manager: instanceGroup,
  google_compute_region_instance_group_manager: instanceGroup,
  google_compute_autoscaler: autoscaler,
  google_compute_region_autoscaler: autoscaler,
  google_compute_url_map: urlMap,
  google_compute_region_url_map: urlMap,
  google_compute_target_https_proxy: frontend,
  google_compute_region_target_https_proxy: frontend,
  google_compute_target_http_proxy: frontend,
  google_compute_region_target_http_proxy: frontend,
  google_compute_target_ssl_proxy: frontend,
  google_compute_target_tcp_proxy: frontend,
  google_compute_region_target_tcp_proxy: frontend,
  google_compute_global_forwarding_rule: frontend,
  google_compute_forwarding_rule: frontend,
  google_compute_global_address: frontend,
  google_compute_address: frontend,
  google_compute_ssl_policy: frontend,
  google_compute_region_ssl_policy: frontend,
  google_compute_health_check: healthCheck,
  google_compute_region_health_check: healthCheck,
  google_compute_http_health_check: healthCheck,
  google_compute_https_health_check: healthCheck,
  google_compute_firewall: firewall,
};

/**
 * Backend-service attributes the inventory comparison rates (affinity, TTL, cookie identity,
 * draining, scheme, protocol, backends' capacity and mode, backends added or removed).
 */
const BACKEND_SERVICE_RATED = matches(
  /^(session_affinity|affinity_cookie_ttl_sec|strong_session_affinity_cookie|consistent_hash|locality_lb_policy|connection_draining_timeout_sec|load_balancing_scheme|protocol|health_checks)(\.|\[|$)/,
  /^backend\[[^\]]+\]\.(capacity_scaler|balancing_mode|group)$/,
);

/** Resource kinds whose removal or replacement the inventory comparison already reports. */
export const INVENTORY_TYPES = new Set([
  'google_compute_backend_service',
  'google_compute_region_backend_service',
  'google_compute_instance_group_manager',
  'google_compute_region_instance_group_manager',
  'kubernetes_service_v1',
  'kubernetes_service',
  'kubernetes_stateful_set_v1',
  'kubernetes_stateful_set',
]);

const REMOVED_RISK: Record<string, [Risk, string]> = {
  'URL map': ['high', 'Its frontend loses its routes: requests fail or go elsewhere.'],
  'HTTPS proxy': ['high', 'Its forwarding rule has no proxy: requests fail.'],
  'HTTP proxy': ['high', 'Its forwarding rule has no proxy: requests fail.'],
  'SSL proxy': ['high', 'Its forwarding rule has no proxy: connections fail.'],
  'TCP proxy': ['high', 'Its forwarding rule has no proxy: connections fail.'],
  'forwarding rule': ['high', 'Clients of its address and port can no longer connect.'],
  address: [
    'high',
    'The IP address is released: clients can no longer reach the load balancer there.',
  ],
  'health check': [
    'medium',
    'The backend services that used it must use another probe; verdicts change.',
  ],
  'firewall rule': [
    'high',
    'If it admitted Google\u2019s probers, every backend behind it turns unhealthy.',
  ],
  'instance template': ['low', 'No VM is replaced by its removal alone.'],
  autoscaler: ['medium', 'The group stays at its current size and no longer follows load.'],
  'SSL policy': ['medium', 'The proxy falls back to Google\u2019s default TLS policy.'],
  'proxy-only subnet': [
    'high',
    // https://cloud.google.com/load-balancing/docs/proxy-only-subnets
    'The Envoy-based load balancers of its region and network take their proxies\u2019 addresses from it: without it they cannot serve.',
  ],
  PodDisruptionBudget: [
    'medium',
    'Node drains may evict several pods, and their sessions, at once.',
  ],
  NetworkPolicy: ['medium', 'guacd is no longer isolated; sessions continue.'],
  Deployment: ['high', 'Every pod is deleted at once: every open tunnel is cut.'],
  Ingress: ['high', 'GKE deletes the load balancer: users can no longer connect.'],
  HTTPRoute: ['high', 'The Gateway no longer routes to the web tier: users can no longer connect.'],
  HealthCheckPolicy: [
    'medium',
    'The load balancer falls back to its default probe; verdicts change.',
  ],
};

/** Kinds whose links (which Service they configure) the wiring comparison rates. */
const LINKED_KINDS = new Set([...GKE_POLICY_KINDS, 'HealthCheckPolicy']);

/** True for resources the inventory or the wiring comparison reports when added or removed. */
const reportedElsewhere = (r: TfResource): boolean =>
  INVENTORY_TYPES.has(r.type) ||
  (r.type === 'kubernetes_manifest' && LINKED_KINDS.has(identityOf(r).kind));

/** Findings for every session-path resource that differs between two versions. */
export function compareRecords(
  ctx: ReviewContext,
  unchangedStack: (stack: string) => boolean = () => false,
): Finding[] {
  const findings: Finding[] = [];
  // A byte-identical stack has the same resources on both sides, and a resource cannot move
  // into or out of it without changing it: only the other stacks need comparing.
  const keyed = (side: Side) => {
    const m = new Map<string, TfResource>();
    for (const r of side.index.resources)
      if (!unchangedStack(r.source)) m.set(identityOf(r).key, r);
    return m;
  };
  const before = keyed(ctx.base);
  const after = keyed(ctx.current);
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) {
      if (!reportedElsewhere(old)) {
        const [risk, consequence] = REMOVED_RISK[identityOf(old).kind] ?? [
          'medium',
          'It is on the session path.',
        ];
        findings.push(finding(old, risk, 'removed', consequence));
      }
      continue;
    }
    if (now.address !== old.address) {
      if (!reportedElsewhere(old)) findings.push(...replacedAt(old, now));
      continue;
    }
    findings.push(...rateChanges(old, now, ctx));
  }
  for (const [key, now] of after) {
    if (before.has(key) || reportedElsewhere(now)) continue;
    findings.push(finding(now, 'low', 'added', 'New resource; no existing session depends on it.'));
  }
  findings.push(...closedTrafficPaths(ctx, unchangedStack));
  return findings;
}

/**
 * H9 ("the traffic path is open") on both versions: an ERROR of the head that the base does
 * not have is a change that closes a path, HIGH. The rule is the one the constructs, the Aspect
 * and lint run (lib/checks/firewall-checks.ts); suppressed findings stay suppressed.
 */
function closedTrafficPaths(ctx: ReviewContext, unchangedStack: (stack: string) => boolean) {
  // Only the stacks that changed are checked (a path is resolved within its own stack), and
  // only the findings used here are kept: of the base, the keys of its errors alone (a plan
  // of 20 000 backend services has as many errors on each side).
  const isError = (f: CheckFinding) =>
    f.level === RuleLevel.ERROR &&
    // The probers' port: the health-check and firewall raters above say it already.
    f.attribute !== 'port' &&
    f.suppressedBecause === undefined &&
    !unchangedStack(f.resource.source);
  const errors = (side: Side, keep: (f: CheckFinding) => boolean) =>
    trafficPathFindings(side.index, (stack) => !unchangedStack(stack), keep);
  const keyOf = (f: CheckFinding) =>
    [identityOf(f.resource).key, f.attribute, f.value].join('\u0000');
  const before = new Set<string>();
  errors(ctx.base, (f) => {
    if (isError(f)) before.add(keyOf(f));
    return false;
  });
  return errors(ctx.current, (f) => isError(f) && !before.has(keyOf(f))).map((f) =>
    finding(
      f.resource,
      'high',
      `traffic path closed: ${f.value} ${f.problem.replace(/ \(if a rule elsewhere.*\)$/, '')}`,
      `${f.value.replace(/ on [A-Z]+ [^ ]+$/, '')} is no longer admitted to the backends of ${identityOf(f.resource).label}: their health checks still pass while every request and session through the load balancer is dropped [rule H9].`,
    ),
  );
}

/**
 * A resource that moved to another Terraform address: Terraform destroys it and creates it
 * again. Its successor is identical when no setting differs: one row that says so (still
 * HIGH on the traffic path: between destroy and create, nothing stands there).
 */
function replacedAt(old: TfResource, now: TfResource): Finding[] {
  const identical = diffResources(old, now).length === 0;
  return [
    finding(
      now,
      'high',
      `replaced (address ${old.address} → ${now.address})${identical ? ', by an identical successor' : ''}`,
      'Terraform destroys it and creates it again: the traffic path is broken while it is recreated.',
    ),
  ];
}

/** The rated findings of one changed resource, plus an unrated finding for what is left. */
export function rateChanges(old: TfResource, now: TfResource, ctx: ReviewContext): Finding[] {
  const changes = diffResources(old, now);
  if (changes.length === 0) return [];
  const rater = RATERS[now.type];
  const rated: Rated = rater
    ? rater(old, now, changes, ctx)
    : /backend_service$/.test(now.type)
      ? { findings: [], understood: BACKEND_SERVICE_RATED }
      : { findings: [], understood: () => false };
  const backendGroups = /backend_service$/.test(now.type)
    ? addedOrRemovedBackends(old.values, now.values)
    : new Set<string>();
  const left = changes.filter(
    (c) =>
      !rated.understood(c.path) &&
      !backendGroups.has(/^backend\[([^\]]+)\]/.exec(c.path)?.[1] ?? ''),
  );
  const out = [...rated.findings];
  if (left.length > 0) {
    out.push(
      finding(
        now,
        'low',
        `unrated change: ${list(left)}`,
        'This tool has no rule for these attributes; check by hand what they do to live sessions.',
      ),
    );
  }
  return out;
}

function addedOrRemovedBackends(before: any, after: any): Set<string> {
  const groups = (v: any) =>
    new Set<string>([].concat(v.backend ?? []).map((b: any) => String(b?.group)));
  const a = groups(before);
  const b = groups(after);
  return new Set([...a, ...b].filter((g) => !(a.has(g) && b.has(g))));
}
