/**
 * Raters for attribute changes of session-path resources: pod-template rollouts and
 * StatefulSet replacements, instance-template rollouts, autoscaler and update-policy changes,
 * routing, frontends, health checks against the probe firewall, Services and network
 * policies. Each rater says which attributes it understood; the rest is reported as an
 * unrated change, never dropped.
 */
import { Finding, Risk } from './model';
import {
  AttributeChange,
  ResourceRecord,
  describeChange,
  diffValues,
  first,
  k8sName,
} from './resources';
import { PROBE_RANGES } from '../gcp/firewall-rules';
import { firewallAdmitsProbes as admitsProbes } from '../terraform/google/firewall';

/** Records of one version, indexed on first use (large reviews touch few of them). */
export class RecordIndex {
  private keys?: Map<string, ResourceRecord>;
  private addresses?: Map<string, ResourceRecord>;
  private types?: Map<string, ResourceRecord[]>;

  constructor(readonly records: ResourceRecord[]) {}

  /** Records by identity. */
  get byKey(): Map<string, ResourceRecord> {
    return (this.keys ??= new Map(this.records.map((r) => [r.key, r])));
  }

  private get byAddress(): Map<string, ResourceRecord> {
    return (this.addresses ??= new Map(this.records.map((r) => [`${r.stack}|${r.address}`, r])));
  }

  ofTypes(...types: string[]): ResourceRecord[] {
    if (!this.types) {
      this.types = new Map();
      for (const r of this.records) {
        const list = this.types.get(r.type) ?? [];
        list.push(r);
        this.types.set(r.type, list);
      }
    }
    return types.flatMap((t) => this.types!.get(t) ?? []);
  }

  /** The record a `${type.id.attr}` reference (in `stack`) or a Google Cloud URL points to. */
  resolve(stack: string, ref: unknown): ResourceRecord | undefined {
    if (typeof ref !== 'string') return undefined;
    const m = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(ref);
    if (m) return this.byAddress.get(`${stack}|${m[1]}.${m[2]}`);
    return undefined;
  }

  /** A readable name for a reference: the resource's name, or the URL's last segment. */
  nameOf(stack: string, ref: unknown): string {
    if (ref === undefined || ref === null) return 'unset';
    const r = this.resolve(stack, ref);
    if (r && typeof r.values.name === 'string') return r.values.name;
    const s = String(ref);
    const remote = /cross-stack-reference-input-[^.]+\.outputs\.([^.}]+)\}$/.exec(s);
    if (remote) return remote[1];
    return s.split('/').pop() ?? s;
  }
}

/** What a rater made of a changed resource. */
interface Rated {
  findings: Finding[];
  /** True for the attribute paths the findings explain. */
  understood: (path: string) => boolean;
}

type Rater = (
  old: ResourceRecord,
  now: ResourceRecord,
  changes: AttributeChange[],
  ctx: { base: RecordIndex; current: RecordIndex },
) => Rated;

const finding = (r: ResourceRecord, risk: Risk, change: string, consequence: string): Finding => ({
  risk,
  stack: r.stack,
  subject: r.label,
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

// ---------------------------------------------------------------------------------------------
// Kubernetes

/** StatefulSet fields the provider marks ForceNew: a change destroys and recreates the set. */
const STS_FORCE_NEW =
  /^(metadata\.(name|namespace)|spec\.(selector|service_name|pod_management_policy|volume_claim_template|revision_history_limit))(\.|\[|$)/;

/** The preStop drain of a pod template (the library's script: `+ N ))`), in seconds. */
const drainOf = (values: any): number | undefined => {
  const pod = first(first(first(values.spec)?.template)?.spec) ?? {};
  const command = (pod.container ?? [])
    .map((c: any) => first(first(first(c?.lifecycle)?.pre_stop)?.exec)?.command)
    .find(Boolean);
  const m = /\+ (\d+) \)\)/.exec((command ?? []).join(' '));
  return m ? Number(m[1]) : undefined;
};
/** What each replaced pod's sessions get, in words. */
const drainedText = (drain: number | undefined, grace: number): string =>
  drain !== undefined
    ? `up to ${drain}s of draining (grace ${grace}s)`
    : `at most the ${grace}s grace period, with no drain hook`;
const graceOf = (values: any): number =>
  Number(first(first(first(values.spec)?.template)?.spec)?.termination_grace_period_seconds ?? 30);

const statefulSet: Rater = (old, now, changes) => {
  const findings: Finding[] = [];
  const name = k8sName(now.values) ?? now.address;
  const spec = first(now.values.spec) ?? {};
  const replicas = Number(spec.replicas ?? first(old.values.spec)?.replicas ?? 1);
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
    const strategy = first(spec.update_strategy) ?? {};
    const partition = Number(first(strategy.rolling_update)?.partition ?? 0) || 0;
    const drain = drainOf(now.values);
    const oldDrain = drainOf(old.values);
    const grace = graceOf(now.values);
    const drained = drainedText(drain, grace);
    const drainNote =
      oldDrain !== undefined && drain !== undefined && oldDrain !== drain
        ? ` The drain changes ${oldDrain}s → ${drain}s, and changing it is itself a rollout.`
        : '';
    if (strategy.type === 'OnDelete') {
      findings.push(
        finding(
          now,
          'medium',
          `pod template changed (${list(template, 3)}); update strategy OnDelete`,
          `Running pods keep the old template until someone deletes them; each deletion then cuts that pod's sessions after ${drained}.${drainNote}`,
        ),
      );
    } else {
      findings.push(
        finding(
          now,
          'high',
          `pod template changed: rollout (${list(template, 3)})`,
          `Every pod is replaced one at a time (${pods(partition).join(', ') || 'all pods'}): each pod's sessions get ${drained}, then are cut.${drainNote}`,
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

/** Web pods (Guacamole): a template change rolls every pod, each drains its open tunnels. */
const deployment: Rater = (old, now, changes) => {
  const findings: Finding[] = [];
  const spec = first(now.values.spec) ?? {};
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
  const template = changes.filter((c) => /^spec\.template(\.|\[|$)/.test(c.path));
  if (template.length > 0 && forceNew.length === 0) {
    const rolling = first(first(spec.strategy)?.rolling_update) ?? {};
    const recreate = first(spec.strategy)?.type === 'Recreate';
    const drain = drainOf(now.values);
    const oldDrain = drainOf(old.values);
    const grace = graceOf(now.values);
    const drained = drainedText(drain, grace);
    findings.push(
      finding(
        now,
        'high',
        `pod template changed: rollout (${list(template, 3)})`,
        recreate
          ? `Strategy Recreate: every pod stops at once; open tunnels get ${drained}, and nothing serves until the new pods are ready.`
          : `Every pod is replaced (max surge ${rolling.max_surge ?? '25%'}, max unavailable ${rolling.max_unavailable ?? '25%'}): each pod's open tunnels get ${drained}, then are cut; users reconnect to another pod.${oldDrain !== undefined && drain !== undefined && oldDrain !== drain ? ` The drain changes ${oldDrain}s → ${drain}s.` : ''}`,
      ),
    );
  }
  const replicas = changes.find((c) => c.path === 'spec.replicas');
  if (replicas) {
    const before = Number(replicas.before);
    const after = Number(replicas.after);
    findings.push(
      after < before
        ? finding(
            now,
            'high',
            `replicas ${before} → ${after}`,
            `${before - after} pod(s) are deleted: their open tunnels get ${drainOf(now.values) ?? graceOf(now.values)}s, then are cut.`,
          )
        : finding(
            now,
            'low',
            `replicas ${replicas.before ?? '(unset)'} → ${replicas.after}`,
            'More pods: new sessions spread; no open tunnel moves.',
          ),
    );
  }
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

/** GKE objects whose affinity, TTL, draining and timeout the inventory comparison rates. */
export const GKE_POLICY_KINDS = new Set(['BackendConfig', 'GCPBackendPolicy']);

/** CRDs rendered with `kubernetes_manifest`, rated by kind. */
const manifestObject: Rater = (_old, now, changes) => {
  const kind = now.values.manifest?.kind;
  const findings: Finding[] = [];
  if (GKE_POLICY_KINDS.has(kind)) {
    const health = changes.filter((c) => /^manifest\.spec\.healthCheck\./.test(c.path));
    if (health.length > 0)
      findings.push(
        finding(
          now,
          'medium',
          list(health),
          'Health verdicts may change: a probe that fails marks every web pod unhealthy and remaps its sessions.',
        ),
      );
    return {
      findings,
      understood: matches(
        /^manifest\.spec\.(sessionAffinity|connectionDraining|timeoutSec|healthCheck)(\.|$)/,
        /^manifest\.spec\.default\.(sessionAffinity|connectionDraining|timeoutSec)(\.|$)/,
      ),
    };
  }
  if (kind === 'HealthCheckPolicy') {
    const spec = changes.filter((c) => /^manifest\.spec\./.test(c.path));
    if (spec.length > 0)
      findings.push(
        finding(
          now,
          'medium',
          list(spec),
          'Health verdicts may change: a probe that fails marks every web pod unhealthy and remaps its sessions.',
        ),
      );
    return { findings, understood: matches(/^manifest\.spec\./) };
  }
  if (kind === 'HTTPRoute') {
    const routing = changes.filter((c) =>
      /^manifest\.spec\.(rules|parentRefs|hostnames)/.test(c.path),
    );
    if (routing.length > 0)
      findings.push(
        finding(
          now,
          'high',
          `route changed: ${list(routing, 3)}`,
          'Requests go to other backends or the route leaves its Gateway: sessions on the old backend are not reached any more.',
        ),
      );
    return { findings, understood: matches(/^manifest\.spec\.(rules|parentRefs|hostnames)/) };
  }
  return { findings, understood: () => false };
};

/** An Ingress: its rules decide which Service (and so which pods) get the requests. */
const ingressRater: Rater = (_old, now, changes) => {
  const routing = changes.filter((c) =>
    /^(spec\.(rule|default_backend|ingress_class_name|tls)|metadata\.annotations)/.test(c.path),
  );
  return {
    findings: routing.length
      ? [
          finding(
            now,
            'high',
            `routing changed: ${list(routing, 3)}`,
            'GKE reconfigures the load balancer: requests may reach another Service, and a new address or class is a new load balancer (every session reconnects).',
          ),
        ]
      : [],
    understood: matches(
      /^(spec\.(rule|default_backend|ingress_class_name|tls)|metadata\.annotations)/,
    ),
  };
};

const k8sService: Rater = (_old, now, changes) => {
  const findings: Finding[] = [];
  const spec = first(now.values.spec) ?? {};
  const sticky = spec.session_affinity === 'ClientIP';
  const routing = changes.filter((c) =>
    /^spec\.(selector|port|cluster_ip|type)(\.|\[|$)/.test(c.path),
  );
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
    // Session affinity and its timeout are rated by the inventory comparison.
    understood: matches(
      /^spec\.(selector|port|cluster_ip|type)(\.|\[|$)/,
      /^spec\.session_affinity/,
    ),
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

function groupsUsing(
  ctx: { current: RecordIndex; base: RecordIndex },
  template: ResourceRecord,
): ResourceRecord[] {
  const id = template.address.split('.').slice(1).join('.');
  const name = typeof template.values.name === 'string' ? template.values.name : undefined;
  const uses = (mig: ResourceRecord) =>
    (mig.values.version ?? [])
      .concat(Array.isArray(mig.values.version) ? [] : [mig.values.version])
      .filter(Boolean)
      .some((v: any) => {
        const ref = String(first(v)?.instance_template ?? '');
        return (
          ref.includes(`${template.type}.${id}.`) ||
          (name !== undefined && ref.endsWith(`/${name}`))
        );
      });
  const migs = (idx: RecordIndex) =>
    idx
      .ofTypes(
        'google_compute_instance_group_manager',
        'google_compute_region_instance_group_manager',
      )
      .filter((m) => m.stack === template.stack && uses(m));
  const found = migs(ctx.current);
  return found.length ? found : migs(ctx.base);
}

/** HIGH/LOW for a rollout of a group, by its update policy. */
function rollout(mig: ResourceRecord, why: string): { risk: Risk; consequence: string } {
  const policy = first(mig.values.update_policy) ?? {};
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
        const r = rollout(mig, `${mig.label} uses it`);
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
    const toProactive = (first(now.values.update_policy)?.type ?? 'OPPORTUNISTIC') === 'PROACTIVE';
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
  const p = (v: any) => first(v.autoscaling_policy) ?? {};
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
function routes(r: ResourceRecord, idx: RecordIndex): Map<string, string> {
  const out = new Map<string, string>();
  const name = (ref: unknown) => idx.nameOf(r.stack, ref);
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
      const match = first(rule.match_rules) ?? {};
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
    const from = ctx.base.nameOf(old.stack, first(old.values[c.path]));
    const to = ctx.current.nameOf(now.stack, first(now.values[c.path]));
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

function probePort(hc: any): number | undefined {
  for (const k of [
    'https_health_check',
    'http_health_check',
    'http2_health_check',
    'tcp_health_check',
    'ssl_health_check',
    'grpc_health_check',
  ]) {
    const p = first(hc[k]);
    if (p && p.port !== undefined && p.port !== null) return Number(p.port);
  }
  if (hc.port !== undefined) return Number(hc.port); // legacy http(s) health checks
  return undefined;
}

/** Whether the probe firewall of the synth opens the port; undefined when no firewall is known. */
export function probeFirewallOpens(idx: RecordIndex, port: number): boolean | undefined {
  const firewalls = idx.ofTypes('google_compute_firewall');
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
  findings.push(
    finding(
      now,
      'medium',
      fields.join('; '),
      'Health verdicts may change: a probe that fails marks every backend unhealthy and remaps its sessions.',
    ),
  );
  const port = probePort(now.values);
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
  for (const hc of ctx.current.ofTypes(
    'google_compute_health_check',
    'google_compute_region_health_check',
    'google_compute_http_health_check',
    'google_compute_https_health_check',
  )) {
    const port = probePort(hc.values);
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

const kindOf = (r: ResourceRecord) =>
  r.label.slice(0, r.label.length - r.label.split(' ').pop()!.length - 1);

/** Findings for every session-path resource that differs between two versions. */
export function compareRecords(
  base: RecordIndex,
  current: RecordIndex,
  unchangedStack: (stack: string) => boolean = () => false,
): Finding[] {
  const ctx = { base, current };
  const findings: Finding[] = [];
  // A byte-identical stack has the same records on both sides, and a resource cannot move
  // into or out of it without changing it: only the other stacks need comparing.
  const keyed = (idx: RecordIndex) =>
    new Map(idx.records.filter((r) => !unchangedStack(r.stack)).map((r) => [r.key, r]));
  const before = keyed(base);
  const after = keyed(current);
  for (const [key, old] of before) {
    const now = after.get(key);
    const inventoryKind =
      INVENTORY_TYPES.has(old.type) || GKE_POLICY_KINDS.has(old.values.manifest?.kind);
    if (!now) {
      if (!inventoryKind) {
        const [risk, consequence] = REMOVED_RISK[kindOf(old)] ?? [
          'medium',
          'It is on the session path.',
        ];
        findings.push(finding(old, risk, 'removed', consequence));
      }
      continue;
    }
    if (now.address !== old.address) {
      if (!inventoryKind) {
        findings.push(
          finding(
            now,
            'high',
            `replaced (address ${old.address} → ${now.address})`,
            'Terraform destroys it and creates it again: the traffic path is broken while it is recreated.',
          ),
        );
      }
      continue;
    }
    findings.push(...rateChanges(old, now, ctx));
  }
  for (const [key, now] of after) {
    if (
      before.has(key) ||
      INVENTORY_TYPES.has(now.type) ||
      GKE_POLICY_KINDS.has(now.values.manifest?.kind)
    )
      continue;
    findings.push(finding(now, 'low', 'added', 'New resource; no existing session depends on it.'));
  }
  return findings;
}

/** The rated findings of one changed resource, plus an unrated finding for what is left. */
export function rateChanges(
  old: ResourceRecord,
  now: ResourceRecord,
  ctx: { base: RecordIndex; current: RecordIndex },
): Finding[] {
  const changes = diffValues(old.values, now.values);
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
