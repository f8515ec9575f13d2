/**
 * The risk rules: what a change between two inventories does to live sessions.
 * High: anything that drops or remaps live sessions. Medium: health, capacity and sizing.
 * Low: additions and changes that only extend stickiness or draining.
 */
import {
  BackendServiceEntry,
  Entry,
  Finding,
  Inventory,
  KubernetesServiceEntry,
  Risk,
  StatefulSetEntry,
  InstanceGroupEntry,
  entryKey,
  subjectOf,
} from './model';
import { ReviewContext, compareRecords, sideOf } from './session-path';
import { GkeBackend, lazySide } from './wiring';
import { gkePolicyEntry } from './extract';
import { identityOf, kubeObject } from './resources';

const RANK: Record<Risk, number> = { high: 0, medium: 1, low: 2 };

/** Sorts findings high first, then by stack and subject. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      RANK[a.risk] - RANK[b.risk] ||
      a.stack.localeCompare(b.stack) ||
      a.subject.localeCompare(b.subject) ||
      a.change.localeCompare(b.change),
  );
}

const show = (v: unknown): string => (v === undefined ? 'unset' : String(v));

/** Findings for everything that differs between `base` and `current`. */
export function compareInventories(base: Inventory, current: Inventory): Finding[] {
  const sameStack = new Map<string, boolean>(); // asked once per entry and resource: memoized
  const same = (stack: string) => {
    let known = sameStack.get(stack);
    if (known === undefined) {
      known =
        base.digests?.[stack] !== undefined &&
        base.digests[stack] !== '' &&
        base.digests[stack] === current.digests?.[stack];
      sameStack.set(stack, known);
    }
    return known;
  };
  // Byte-identical stacks hold the same entries on both sides: compare only the others (and
  // read only theirs, when the inventory reads entries per stack).
  const keyed = (inv: Inventory) =>
    new Map(
      (inv.entriesIn
        ? inv.stacks.filter((s) => !same(s)).flatMap((s) => inv.entriesIn!(s))
        : inv.entries.filter((e) => !same(e.stack))
      ).map((e) => [entryKey(e), e]),
    );
  const before = keyed(base);
  const after = keyed(current);
  // The links (wiring) are resolved per stack: those of the stacks that changed are enough.
  const side = (inv: Inventory, whole = sideOf(inv.resources)) => {
    if (!inv.resources.some((r) => same(r.source))) return whole;
    return lazySide(
      whole.index,
      inv.resources.filter((r) => !same(r.source)),
    );
  };
  // Two versions that hold the very same resources (a synth against itself) share one index.
  const alike =
    base.resources.length === current.resources.length &&
    base.resources.every((r, i) => r === current.resources[i]);
  const baseSide = side(base);
  const ctx: ReviewContext = {
    base: baseSide,
    current: alike ? side(current, baseSide) : side(current),
  };
  const findings: Finding[] = compareRecords(ctx, same);
  findings.push(...compareWiring(ctx, same));
  // Sizes and users of every group (all stacks): read when a change needs them.
  const sizes = lazyMap(() => groupSizes(current));
  const users = lazyMap(() => groupUsers(current));
  const groups = { users };
  for (const [key, old] of before) {
    const now = after.get(key);
    // A GKE policy that goes away is rated with the links: what its Service loses.
    if (!now) {
      if (!(old.kind === 'backend-service' && old.gkeObject)) findings.push(removed(old));
    } else if (now.address !== old.address) findings.push(replaced(old, now));
    else if (!(old.stack === now.stack && same(now.stack)))
      findings.push(...changed(old, now, sizes, groups));
  }
  for (const [key, now] of after) {
    if (!before.has(key) && !(now.kind === 'backend-service' && now.gkeObject)) {
      findings.push({
        risk: 'low',
        stack: now.stack,
        subject: subjectOf(now),
        change: 'added',
        consequence: 'New resource; no existing session depends on it.',
      });
    }
  }
  return sortFindings(findings);
}

function removed(e: Entry): Finding {
  const f = (risk: Risk, consequence: string): Finding => ({
    risk,
    stack: e.stack,
    subject: subjectOf(e),
    change: 'removed',
    consequence,
  });
  switch (e.kind) {
    case 'backend-service':
      return f(
        'high',
        'Every session it serves loses its backend; clients are remapped or get errors.',
      );
    case 'instance-group':
      return f(
        'high',
        'Its instances are deleted; sessions on them are cut after draining and remapped.',
      );
    case 'statefulset':
      return f('high', 'All its pods are deleted; every live session on them is cut.');
    case 'k8s-service':
      return e.pinnedPod
        ? f(
            'high',
            `Connections pinned to ${e.pinnedPod} through this Service can no longer reach it.`,
          )
        : e.sessionAffinity === 'ClientIP'
          ? f('high', 'Clients lose their ClientIP affinity and the address they connect to.')
          : f('medium', 'Clients of this Service lose the address they connect to.');
  }
}

function replaced(old: Entry, now: Entry): Finding {
  return {
    risk: 'high',
    stack: now.stack,
    subject: subjectOf(now),
    change: `replaced (address ${old.address} → ${now.address})`,
    consequence:
      'Terraform destroys it and creates it again: its live sessions and connections are dropped.',
  };
}

/** What the raters read of a map. */
interface Lookup<V> {
  get(key: string): V | undefined;
}

/** A map built on the first `get`. */
function lazyMap<V>(build: () => Map<string, V>): Lookup<V> {
  let map: Map<string, V> | undefined;
  return { get: (key) => (map ??= build()).get(key) };
}

/** Instances each group can hold (`<name> (<zone>)` → target size or autoscaler maximum). */
function groupSizes(inv: Inventory): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of inv.entries) {
    if (e.kind !== 'instance-group') continue;
    const size = e.targetSize ?? e.autoscalerMax;
    if (size !== undefined) out.set(e.zone ? `${e.name} (${e.zone})` : e.name, size);
  }
  return out;
}

/** Group label → the backend services (current version) that send to it. */
function groupUsers(inv: Inventory): Map<string, BackendServiceEntry[]> {
  const out = new Map<string, BackendServiceEntry[]>();
  for (const e of inv.entries)
    if (e.kind === 'backend-service')
      for (const b of e.backends) {
        const users = out.get(b.group);
        if (users) users.push(e);
        else out.set(b.group, [e]);
      }
  return out;
}

/** What the size maps and users of the groups give a group change. */
interface GroupContext {
  readonly users: Lookup<BackendServiceEntry[]>;
}

/**
 * Affinity types that remap a share of the sessions when the set of backends grows: all but
 * strong cookies (whose cookie names the backend) and none.
 */
const hashes = (affinity: string) => affinity !== 'NONE' && affinity !== 'STRONG_COOKIE_AFFINITY';

/** The share (percent) of a backend service's capacity that `added` instances make up. */
function addedShare(
  svc: BackendServiceEntry,
  sizes: Lookup<number>,
  group: string,
  added: number,
): number | undefined {
  const total = svc.backends.reduce(
    (sum, b) => sum + (b.capacityScaler ?? 1) * (sizes.get(b.group) ?? 1),
    0,
  );
  const extra = added * (svc.backends.find((b) => b.group === group)?.capacityScaler ?? 1);
  return total > 0 ? Math.round((100 * extra) / total) : undefined;
}

function groupChanges(
  o: InstanceGroupEntry,
  n: InstanceGroupEntry,
  sizes: Lookup<number>,
  groups: GroupContext,
): Finding[] {
  const f = (risk: Risk, consequence: string): Finding => ({
    risk,
    stack: n.stack,
    subject: subjectOf(n),
    change: `target_size ${show(o.targetSize)} → ${show(n.targetSize)}`,
    consequence,
  });
  if (o.targetSize === n.targetSize) return [];
  if (n.targetSize === 0)
    return [
      f(
        'high',
        'The group is emptied (region parked): every VM is deleted; its sessions get the draining time, then are cut and remapped to other regions.',
      ),
    ];
  if (o.targetSize !== undefined && n.targetSize !== undefined && n.targetSize < o.targetSize)
    return [
      f(
        'high',
        `${o.targetSize - n.targetSize} VM(s) are deleted: their sessions get the draining time, then are cut and remapped.`,
      ),
    ];
  if (n.targetSize === undefined)
    return [
      f(
        'medium',
        n.autoscalerMax !== undefined
          ? `An autoscaler (${n.autoscalerMin ?? '?'}..${n.autoscalerMax}) now sets the size; it may delete VMs that hold sessions when it scales in.`
          : 'The provider default (0) applies unless an autoscaler sets the size: VMs may be deleted.',
      ),
    ];
  // More VMs under an affinity that hashes over the instances: as for a backend added.
  const label = n.zone ? `${n.name} (${n.zone})` : n.name;
  const hashed = (groups.users.get(label) ?? []).filter((s) => hashes(s.affinity));
  if (hashed.length > 0 && o.targetSize !== undefined) {
    const svc = hashed[0];
    const share = addedShare(svc, sizes, label, n.targetSize - o.targetSize);
    return [
      f(
        'medium',
        `${svc.affinity} affinity of ${subjectOf(svc)} hashes over the healthy instances: when the set grows, ${share !== undefined ? `about ${share}% of` : 'a share of'} the sessions are remapped to the new VMs.`,
      ),
    ];
  }
  return [
    f('low', 'More VMs: new sessions spread over them; existing sessions stay where they are.'),
  ];
}

function changed(old: Entry, now: Entry, sizes: Lookup<number>, groups: GroupContext): Finding[] {
  switch (old.kind) {
    case 'backend-service':
      return backendServiceChanges(old, now as BackendServiceEntry, sizes);
    case 'instance-group':
      return groupChanges(old, now as InstanceGroupEntry, sizes, groups);
    case 'k8s-service':
      return serviceChanges(old, now as KubernetesServiceEntry);
    case 'statefulset':
      return statefulSetChanges(old, now as StatefulSetEntry);
  }
}

function backendServiceChanges(
  o: BackendServiceEntry,
  n: BackendServiceEntry,
  sizes: Lookup<number>,
): Finding[] {
  const out: Finding[] = [];
  const add = (risk: Risk, change: string, consequence: string) =>
    out.push({ risk, stack: n.stack, subject: subjectOf(n), change, consequence });

  // Values known only after apply: rated for the worst case the known parts allow.
  const unknown = unknownChanges(o, n);
  for (const u of unknown.rows) add(u.risk, u.change, u.consequence);
  const skip = unknown.fields;

  if (skip.has('affinity')) {
    // The affinity is not known: its TTL, cookie and header are not comparable either.
  } else if (o.affinity !== n.affinity && o.affinity === 'NONE') {
    add(
      'low',
      `session_affinity ${o.affinity} → ${n.affinity}`,
      'Requests start sticking to a backend; there was no stickiness for a session to lose.',
    );
  } else if (o.affinity !== n.affinity) {
    add(
      'high',
      `session_affinity ${o.affinity} → ${n.affinity}`,
      n.affinity === 'NONE'
        ? 'Affinity is removed: every request is balanced on its own and live sessions lose their backend.'
        : 'Existing stickiness (cookies or hashes) stops applying: live sessions are remapped.',
    );
  } else {
    if (skip.has('ttl')) {
      // rated above
    } else if (
      o.ttlSeconds !== undefined &&
      n.ttlSeconds !== undefined &&
      n.ttlSeconds < o.ttlSeconds
    ) {
      add(
        'high',
        `affinity TTL ${o.ttlSeconds}s → ${n.ttlSeconds}s (${n.ttlSource})`,
        'Sessions lose their stickiness sooner and are remapped mid-use.',
      );
    } else if (o.ttlSeconds !== n.ttlSeconds) {
      add(
        o.ttlSeconds !== undefined && n.ttlSeconds === undefined ? 'high' : 'low',
        `affinity TTL ${show(o.ttlSeconds)} → ${show(n.ttlSeconds)}`,
        n.ttlSeconds === undefined
          ? 'The cookie becomes a session cookie: stickiness ends when the browser closes.'
          : 'Stickiness lasts longer; no session moves.',
      );
    }
    if (o.cookieName !== n.cookieName || o.cookiePath !== n.cookiePath) {
      add(
        'high',
        `affinity cookie ${show(o.cookieName)}${o.cookiePath ? ` (path ${o.cookiePath})` : ''} → ${show(n.cookieName)}${n.cookiePath ? ` (path ${n.cookiePath})` : ''}`,
        'Clients still send the old cookie, which the load balancer no longer reads: every live session is remapped.',
      );
    }
    if (o.affinityHeader !== n.affinityHeader) {
      add(
        'high',
        `affinity header ${show(o.affinityHeader)} → ${show(n.affinityHeader)}`,
        'Requests hash on another key: live sessions are remapped.',
      );
    }
  }
  if (o.localityLbPolicy !== n.localityLbPolicy) {
    add(
      n.affinity === 'NONE' ? 'low' : 'high',
      `locality_lb_policy ${show(o.localityLbPolicy)} → ${show(n.localityLbPolicy)}`,
      n.affinity === 'NONE'
        ? 'Only the balancing algorithm changes.'
        : 'The hash ring changes: sticky sessions are remapped.',
    );
  }
  if (skip.has('draining')) {
    // rated above
  } else if (n.drainingSeconds < o.drainingSeconds) {
    add(
      'high',
      `connection_draining_timeout_sec ${o.drainingSeconds} → ${n.drainingSeconds}${n.drainingImplicit ? (n.gkeObject ? ' (GKE default)' : ' (provider default)') : ''}`,
      n.drainingSeconds === 0
        ? 'Draining is off: removing or replacing a backend cuts its connections at once.'
        : `Connections on a removed backend are cut after ${n.drainingSeconds}s instead of ${o.drainingSeconds}s.`,
    );
  } else if (n.drainingSeconds > o.drainingSeconds) {
    add(
      'low',
      `connection_draining_timeout_sec ${o.drainingSeconds} → ${n.drainingSeconds}`,
      'Removed backends finish their connections for longer.',
    );
  }
  if (
    !skip.has('timeout') &&
    o.timeoutSeconds !== n.timeoutSeconds &&
    (o.timeoutSeconds ?? n.timeoutSeconds) !== undefined
  ) {
    const before = o.timeoutSeconds ?? 30;
    const after = n.timeoutSeconds ?? 30;
    add(
      after < before ? (n.gkeObject ? 'high' : 'medium') : 'low',
      `timeoutSec ${show(o.timeoutSeconds)} → ${show(n.timeoutSeconds)}${n.timeoutSeconds === undefined ? ' (default 30 s)' : ''}`,
      after < before
        ? `Requests and WebSocket tunnels open longer than ${after}s are cut by the load balancer${n.gkeObject ? ': remote-desktop sessions through Guacamole end mid-use' : ''}.`
        : 'Long requests and tunnels may stay open longer; no session moves.',
    );
  }
  if (o.scheme !== n.scheme)
    add(
      'high',
      `load_balancing_scheme ${o.scheme} → ${n.scheme}`,
      'The scheme is immutable: the service is replaced and moves to another load balancer.',
    );
  if (o.protocol !== n.protocol)
    add(
      'medium',
      `protocol ${o.protocol} → ${n.protocol}`,
      'Backends must answer the new protocol or become unhealthy.',
    );

  // Field changes of a health check are rated on the health check itself; here only a swap.
  if (o.healthCheck?.name !== n.healthCheck?.name) {
    add(
      'medium',
      `health check ${show(o.healthCheck?.name)} → ${show(n.healthCheck?.name)}`,
      'Another probe decides health: a probe that fails marks backends unhealthy and remaps their sessions.',
    );
  }

  const oldBackends = new Map(o.backends.map((b) => [b.group, b]));
  const newBackends = new Map(n.backends.map((b) => [b.group, b]));
  for (const [group, b] of oldBackends) {
    const nb = newBackends.get(group);
    if (!nb) {
      add(
        'high',
        `backend ${group} removed`,
        'Sessions on that group drain and are remapped to other backends.',
      );
      continue;
    }
    if (b.capacityScaler !== nb.capacityScaler) {
      add(
        nb.capacityScaler === 0 ? 'high' : 'medium',
        `backend ${group} capacity_scaler ${show(b.capacityScaler)} → ${show(nb.capacityScaler)}`,
        nb.capacityScaler === 0
          ? 'The group takes no traffic: every session on it is moved to other backends (cut if it cannot be moved).'
          : 'The share of new sessions this group takes changes.',
      );
    }
    if (b.balancingMode !== nb.balancingMode)
      add(
        'medium',
        `backend ${group} balancing_mode ${show(b.balancingMode)} → ${show(nb.balancingMode)}`,
        'How fullness is measured changes; traffic shifts between backends.',
      );
  }
  const added = [...newBackends.keys()].filter((g) => !oldBackends.has(g));
  if (added.length > 0) {
    const weight = (b: { group: string; capacityScaler?: number }) =>
      (b.capacityScaler ?? 1) * (sizes.get(b.group) ?? 1);
    const total = n.backends.reduce((sum, b) => sum + weight(b), 0);
    const extra = added.reduce((sum, g) => sum + weight(newBackends.get(g)!), 0);
    const share = total > 0 ? Math.round((100 * extra) / total) : undefined;
    const what = `backend ${added.join(', ')} added`;
    if (n.affinity === 'STRONG_COOKIE_AFFINITY') {
      add(
        'low',
        what,
        'Strong cookie affinity keeps every session on its backend; only new sessions use the added capacity.',
      );
    } else if (n.affinity === 'NONE') {
      add('low', what, 'New capacity; there is no affinity to keep.');
    } else {
      add(
        'medium',
        what,
        `${n.affinity} affinity hashes over the healthy backends: when the set changes, ${share !== undefined ? `about ${share}% of` : 'a share of'} the sessions are remapped to the new backends.`,
      );
    }
  }
  return out;
}

/** What each field known only after apply means at its worst. */
const WORST: Record<string, [string, (o: BackendServiceEntry) => string, string]> = {
  affinity: [
    'session_affinity',
    (o) => o.affinity,
    'if it is another type, existing stickiness stops applying and live sessions are remapped',
  ],
  ttl: [
    'affinity TTL',
    (o) => (o.ttlSeconds === undefined ? 'unset' : `${o.ttlSeconds}s`),
    'if it is shorter, sessions lose their stickiness sooner and are remapped mid-use',
  ],
  draining: [
    'connection_draining_timeout_sec',
    (o) => String(o.drainingSeconds),
    'if it is shorter, connections on a removed backend are cut sooner (0: at once)',
  ],
  timeout: [
    'timeoutSec',
    (o) => show(o.timeoutSeconds),
    'if it is shorter, requests and WebSocket tunnels open longer are cut by the load balancer',
  ],
};

/**
 * Rows for the fields whose value becomes known only after apply (never "→ unset"), rated for
 * the worst case; and the fields they cover, which the value comparisons then skip.
 */
function unknownChanges(
  o: BackendServiceEntry,
  n: BackendServiceEntry,
): { rows: Finding[]; fields: Set<string> } {
  const rows: Finding[] = [];
  const fields = new Set<string>();
  for (const [field, [label, before, worst]] of Object.entries(WORST)) {
    const was = o.unknown?.[field];
    const is = n.unknown?.[field];
    if (was === undefined && is === undefined) continue;
    fields.add(field);
    if (was === is) continue;
    const shownBefore = was ?? before(o);
    rows.push({
      risk: is !== undefined ? 'high' : 'medium',
      stack: n.stack,
      subject: subjectOf(n),
      change: `${label} ${shownBefore} → ${is ?? WORST[field][1](n)}`,
      consequence:
        is !== undefined
          ? `The value is known only after apply; rated for the worst case: ${worst}.`
          : `The value before was not known here; check by hand: ${worst}.`,
    });
  }
  return { rows, fields };
}

function serviceChanges(o: KubernetesServiceEntry, n: KubernetesServiceEntry): Finding[] {
  const out: Finding[] = [];
  const add = (risk: Risk, change: string, consequence: string) =>
    out.push({ risk, stack: n.stack, subject: subjectOf(n), change, consequence });
  if (o.sessionAffinity !== n.sessionAffinity) {
    add(
      o.sessionAffinity === 'ClientIP' ? 'high' : 'low',
      `sessionAffinity ${o.sessionAffinity} → ${n.sessionAffinity}`,
      o.sessionAffinity === 'ClientIP'
        ? 'New connections from a client no longer go to its pod.'
        : 'New connections from a client stick to one pod.',
    );
  } else if (o.clientIpTimeoutSeconds !== n.clientIpTimeoutSeconds) {
    const cut = (n.clientIpTimeoutSeconds ?? 10800) < (o.clientIpTimeoutSeconds ?? 10800);
    add(
      cut ? 'medium' : 'low',
      `ClientIP timeout ${show(o.clientIpTimeoutSeconds)}s → ${show(n.clientIpTimeoutSeconds)}s`,
      cut
        ? `Open TCP connections stay on their pod; only a client that reconnects after ${show(n.clientIpTimeoutSeconds)}s idle may be balanced to another pod.`
        : 'Affinity lasts longer.',
    );
  }
  if (o.pinnedPod !== n.pinnedPod)
    add(
      'high',
      `pinned pod ${show(o.pinnedPod)} → ${show(n.pinnedPod)}`,
      'Connections through this Service reach another pod than before.',
    );
  return out;
}

function statefulSetChanges(o: StatefulSetEntry, n: StatefulSetEntry): Finding[] {
  const out: Finding[] = [];
  const add = (risk: Risk, change: string, consequence: string) =>
    out.push({ risk, stack: n.stack, subject: subjectOf(n), change, consequence });
  if (n.unknown?.replicas !== undefined && n.unknown.replicas !== o.unknown?.replicas) {
    add(
      'high',
      `replicas ${o.unknown?.replicas ?? show(o.replicas)} → ${n.unknown.replicas}`,
      'The number of pods is known only after apply; rated for the worst case: if it is lower, the pods above it are deleted with their live sessions (after their drain).',
    );
  } else if (o.replicas !== undefined && n.replicas !== undefined && n.replicas !== o.replicas) {
    add(
      n.replicas < o.replicas ? 'high' : 'low',
      `replicas ${o.replicas} → ${n.replicas}`,
      n.replicas < o.replicas
        ? `Pods ${n.replicas}..${o.replicas - 1} are deleted with their live sessions (after their drain).`
        : 'More pods; existing sessions stay where they are.',
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The GKE web tier's links: which policy configures a Service's backend service

/**
 * What GKE applies to the backend service of a Service that no BackendConfig or
 * GCPBackendPolicy configures: no session affinity, a 30 s backend timeout, no connection
 * draining. Sources: https://cloud.google.com/kubernetes-engine/docs/how-to/ingress-configuration
 * (BackendConfig: "timeoutSec … the default is 30 seconds", connection draining "default 0",
 * session affinity "NONE"), and for the Gateway controller
 * https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources
 * (GCPBackendPolicy: backend timeout default 30 s, draining 0, no affinity).
 */
export const GKE_DEFAULTS_TEXT =
  'GKE falls back to its defaults for this Service\u2019s backend service: no session affinity, a 30 s backend timeout, no connection draining.';

/**
 * What GKE probes when no HealthCheckPolicy (or BackendConfig health check) sets the probe:
 * HTTP `GET /` on the serving port (or the pods' readinessProbe path, for Ingress). Source:
 * https://cloud.google.com/kubernetes-engine/docs/concepts/ingress#health_checks and
 * https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources#configure_health_check.
 */
export const GKE_DEFAULT_PROBE_TEXT =
  'GKE probes with its default health check (HTTP GET / on the serving port)';

const RANKED: Risk[] = ['high', 'medium', 'low'];
const worstOf = (risks: Risk[], floor: Risk): Risk =>
  RANKED.find((r) => r === floor || risks.includes(r)) ?? floor;

/** The settings GKE gives a Service's backend service when no policy sets them. */
function gkeDefaults(b: GkeBackend, like: BackendServiceEntry | undefined): BackendServiceEntry {
  return {
    kind: 'backend-service',
    stack: b.service.source,
    address: b.service.address,
    name: b.name,
    gkeObject: like?.gkeObject,
    scheme: like?.scheme ?? 'GKE',
    protocol: like?.protocol ?? 'HTTP',
    affinity: 'NONE',
    drainingSeconds: 0,
    drainingImplicit: true,
    backends: [],
  };
}

/** A policy's settings as compared across a change of link (probe by content, not by name). */
function settingsOf(b: GkeBackend, like?: BackendServiceEntry): BackendServiceEntry {
  const e = b.policy ? gkePolicyEntry(b.policy.resource) : undefined;
  if (!e) return gkeDefaults(b, like);
  const hc = e.gkeObject === 'BackendConfig' ? e.healthCheck : undefined;
  return {
    ...e,
    // The backend service is the Service's, whichever object configures it.
    stack: b.service.source,
    name: b.name,
    gkeObject: like?.gkeObject ?? e.gkeObject,
    scheme: like?.scheme ?? e.scheme,
    protocol: like?.protocol ?? e.protocol,
    healthCheck: hc
      ? { ...hc, name: `${hc.protocol} :${hc.port ?? 'serving'} ${hc.path ?? ''}`.trim() }
      : undefined,
  };
}

const policyKey = (b: GkeBackend | undefined) =>
  b?.policy ? identityOf(b.policy.resource).key : undefined;
const healthKey = (b: GkeBackend | undefined) =>
  b?.healthPolicy ? identityOf(b.healthPolicy.resource).key : undefined;

/**
 * Findings for every Service whose BackendConfig, GCPBackendPolicy or HealthCheckPolicy link
 * changes: a policy detached (its annotation or targetRef no longer names the Service, or it
 * is removed) is the loss of every setting it carried, with GKE's defaults named; a policy
 * attached, or replaced by another, is the change of the settings; a successor that carries
 * the same settings is one LOW row that says so.
 */
export function compareWiring(ctx: ReviewContext, same: (stack: string) => boolean): Finding[] {
  const out: Finding[] = [];
  const base = ctx.base.wiring.all;
  const current = ctx.current.wiring.all;
  for (const [key, o] of base) {
    const n = current.get(key);
    if (!n || (same(o.service.source) && same(n.service.source))) continue;
    if (policyKey(o) !== policyKey(n) || (n.policyUnknown && !o.policyUnknown))
      out.push(policyLinkChange(ctx, o, n));
    if (healthKey(o) !== healthKey(n)) out.push(healthLinkChange(ctx, o, n));
  }
  return out;
}

const subjectOfService = (b: GkeBackend) => `Service ${b.name} (its backend service)`;

function detachReason(ctx: ReviewContext, o: GkeBackend, att: NonNullable<GkeBackend['policy']>) {
  const stillThere = ctx.current.index.resources.some(
    (r) => identityOf(r).key === identityOf(att.resource).key,
  );
  if (!stillThere) return 'removed';
  return att.kind === 'BackendConfig'
    ? `the Service\u2019s cloud.google.com/backend-config annotation no longer names it`
    : `its targetRef no longer names Service ${o.name}`;
}

function policyLinkChange(ctx: ReviewContext, o: GkeBackend, n: GkeBackend): Finding {
  const was = settingsOf(o);
  const row = (risk: Risk, change: string, consequence: string): Finding => ({
    risk,
    stack: n.service.source,
    subject: subjectOfService(n),
    change,
    consequence,
  });
  if (n.policyUnknown)
    return row(
      'high',
      `the BackendConfig its cloud.google.com/backend-config annotation names is known only after apply (was ${o.policy ? `${o.policy.kind} ${o.policy.name}` : 'none'})`,
      `Rated for the worst case, a BackendConfig that does not exist: ${GKE_DEFAULTS_TEXT}`,
    );
  const sub = backendServiceChanges(was, settingsOf(n, was), new Map());
  const details = sub.map((f) => f.change).join('; ');
  const why = sub.map((f) => f.consequence).join(' ');
  if (o.policy && !n.policy) {
    return row(
      worstOf(
        sub.map((f) => f.risk),
        'medium',
      ),
      `${o.policy.kind} ${o.policy.name} detached (${detachReason(ctx, o, o.policy)})${details ? `: ${details}` : ''}`,
      `${GKE_DEFAULTS_TEXT} ${why}`.trim(),
    );
  }
  if (!o.policy && n.policy)
    return row(
      worstOf(
        sub.map((f) => f.risk),
        'low',
      ),
      `${n.policy.kind} ${n.policy.name} attached (by ${n.policy.via})${details ? `: ${details}` : ''}`,
      why || 'Its settings are those GKE applied already; no session moves.',
    );
  const what = `${o.policy!.kind} ${o.policy!.name} → ${n.policy!.kind} ${n.policy!.name}`;
  return sub.length === 0
    ? row(
        'low',
        `${what}: replaced by a successor that carries the same settings`,
        'No setting of the backend service GKE manages for this Service changes; no session moves.',
      )
    : row(
        worstOf(
          sub.map((f) => f.risk),
          'low',
        ),
        `${what}: ${details}`,
        why,
      );
}

/** A HealthCheckPolicy's probe (`spec.default`), for "same probe" comparisons. */
const probeOf = (b: GkeBackend | undefined) =>
  b?.healthPolicy
    ? JSON.stringify((kubeObject(b.healthPolicy.resource)?.spec as any)?.default ?? {})
    : undefined;

function healthLinkChange(ctx: ReviewContext, o: GkeBackend, n: GkeBackend): Finding {
  const row = (risk: Risk, change: string, consequence: string): Finding => ({
    risk,
    stack: n.service.source,
    subject: subjectOfService(n),
    change,
    consequence,
  });
  if (o.healthPolicy && !n.healthPolicy)
    return row(
      'medium',
      `HealthCheckPolicy ${o.healthPolicy.name} detached (${detachReason(ctx, o, o.healthPolicy)})`,
      `${GKE_DEFAULT_PROBE_TEXT}: if the pods do not answer 200 there, every pod turns unhealthy and every session is cut or remapped.`,
    );
  if (!o.healthPolicy && n.healthPolicy)
    return row(
      'medium',
      `HealthCheckPolicy ${n.healthPolicy.name} attached (by ${n.healthPolicy.via})`,
      'Another probe decides health: a probe that fails marks every pod unhealthy and remaps its sessions.',
    );
  const what = `HealthCheckPolicy ${o.healthPolicy!.name} → ${n.healthPolicy!.name}`;
  return probeOf(o) === probeOf(n)
    ? row(
        'low',
        `${what}: replaced by a successor with the same probe`,
        'The probe does not change; no verdict and no session moves.',
      )
    : row(
        'medium',
        `${what}: another probe`,
        'Health verdicts may change: a probe that fails marks every pod unhealthy and remaps its sessions.',
      );
}
