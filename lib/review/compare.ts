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
import { RecordIndex, compareRecords } from './session-path';

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
  const same = (stack: string) =>
    base.digests?.[stack] !== undefined &&
    base.digests[stack] !== '' &&
    base.digests[stack] === current.digests?.[stack];
  // Byte-identical stacks hold the same entries on both sides: compare only the others.
  const keyed = (inv: Inventory) =>
    new Map(inv.entries.filter((e) => !same(e.stack)).map((e) => [entryKey(e), e]));
  const before = keyed(base);
  const after = keyed(current);
  const findings: Finding[] = compareRecords(
    new RecordIndex(base.records),
    new RecordIndex(current.records),
    same,
  );
  const sizes = groupSizes(current);
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) findings.push(removed(old));
    else if (now.address !== old.address) findings.push(replaced(old, now));
    else if (!(old.stack === now.stack && same(now.stack)))
      findings.push(...changed(old, now, sizes));
  }
  for (const [key, now] of after) {
    if (!before.has(key)) {
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

function groupChanges(o: InstanceGroupEntry, n: InstanceGroupEntry): Finding[] {
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
  return [
    f('low', 'More VMs: new sessions spread over them; existing sessions stay where they are.'),
  ];
}

function changed(old: Entry, now: Entry, sizes: Map<string, number>): Finding[] {
  switch (old.kind) {
    case 'backend-service':
      return backendServiceChanges(old, now as BackendServiceEntry, sizes);
    case 'instance-group':
      return groupChanges(old, now as InstanceGroupEntry);
    case 'k8s-service':
      return serviceChanges(old, now as KubernetesServiceEntry);
    case 'statefulset':
      return statefulSetChanges(old, now as StatefulSetEntry);
  }
}

function backendServiceChanges(
  o: BackendServiceEntry,
  n: BackendServiceEntry,
  sizes: Map<string, number>,
): Finding[] {
  const out: Finding[] = [];
  const add = (risk: Risk, change: string, consequence: string) =>
    out.push({ risk, stack: n.stack, subject: subjectOf(n), change, consequence });

  if (o.affinity !== n.affinity) {
    add(
      'high',
      `session_affinity ${o.affinity} → ${n.affinity}`,
      n.affinity === 'NONE'
        ? 'Affinity is removed: every request is balanced on its own and live sessions lose their backend.'
        : 'Existing stickiness (cookies or hashes) stops applying: live sessions are remapped.',
    );
  } else {
    if (o.ttlSeconds !== undefined && n.ttlSeconds !== undefined && n.ttlSeconds < o.ttlSeconds) {
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
  if (n.drainingSeconds < o.drainingSeconds) {
    add(
      'high',
      `connection_draining_timeout_sec ${o.drainingSeconds} → ${n.drainingSeconds}${n.drainingImplicit ? ' (provider default)' : ''}`,
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
  if (o.replicas !== undefined && n.replicas !== undefined && n.replicas !== o.replicas) {
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
