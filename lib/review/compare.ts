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
  entryKey,
  subjectOf,
} from './model';

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
  const before = new Map(base.entries.map((e) => [entryKey(e), e]));
  const after = new Map(current.entries.map((e) => [entryKey(e), e]));
  const findings: Finding[] = [];
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) findings.push(removed(old));
    else if (now.address !== old.address) findings.push(replaced(old, now));
    else findings.push(...changed(old, now));
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

function changed(old: Entry, now: Entry): Finding[] {
  switch (old.kind) {
    case 'backend-service':
      return backendServiceChanges(old, now as BackendServiceEntry);
    case 'instance-group': {
      const n = now as typeof old;
      if (
        old.targetSize !== undefined &&
        n.targetSize !== undefined &&
        n.targetSize < old.targetSize
      ) {
        return [
          {
            risk: 'medium',
            stack: n.stack,
            subject: subjectOf(n),
            change: `target_size ${old.targetSize} → ${n.targetSize}`,
            consequence:
              'Instances are removed; their sessions end after draining and are remapped.',
          },
        ];
      }
      if (old.targetSize !== n.targetSize) {
        return [
          {
            risk: 'low',
            stack: n.stack,
            subject: subjectOf(n),
            change: `target_size ${show(old.targetSize)} → ${show(n.targetSize)}`,
            consequence: 'Capacity grows or is handed to an autoscaler; no session moves.',
          },
        ];
      }
      return [];
    }
    case 'k8s-service':
      return serviceChanges(old, now as KubernetesServiceEntry);
    case 'statefulset':
      return statefulSetChanges(old, now as StatefulSetEntry);
  }
}

function backendServiceChanges(o: BackendServiceEntry, n: BackendServiceEntry): Finding[] {
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

  const hc = (h: BackendServiceEntry['healthCheck']) =>
    h
      ? `${h.protocol} :${show(h.port)} ${show(h.path)} every ${h.intervalSeconds}s timeout ${h.timeoutSeconds}s`
      : 'none';
  if (hc(o.healthCheck) !== hc(n.healthCheck)) {
    add(
      'medium',
      `health check ${hc(o.healthCheck)} → ${hc(n.healthCheck)}`,
      'Health verdicts may change; a wrong probe marks backends unhealthy and remaps their sessions.',
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
        'medium',
        `backend ${group} capacity_scaler ${show(b.capacityScaler)} → ${show(nb.capacityScaler)}`,
        nb.capacityScaler === 0
          ? 'The group takes no new traffic (drained); new sessions go elsewhere.'
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
  for (const group of newBackends.keys()) {
    if (!oldBackends.has(group))
      add(
        'low',
        `backend ${group} added`,
        'New capacity; hash-based affinity may remap a share of new requests.',
      );
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
      cut ? 'high' : 'low',
      `ClientIP timeout ${show(o.clientIpTimeoutSeconds)}s → ${show(n.clientIpTimeoutSeconds)}s`,
      cut
        ? 'Affinity expires sooner: idle clients come back to another pod.'
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
  if (o.preStop && !n.preStop)
    add(
      'high',
      'preStop drain removed',
      'Pods are killed at once on rollout or eviction, cutting live sessions.',
    );
  else if (
    o.preStopDrainSeconds !== undefined &&
    n.preStopDrainSeconds !== undefined &&
    n.preStopDrainSeconds !== o.preStopDrainSeconds
  ) {
    const cut = n.preStopDrainSeconds < o.preStopDrainSeconds;
    add(
      cut ? 'high' : 'low',
      `preStop drain ${o.preStopDrainSeconds}s → ${n.preStopDrainSeconds}s`,
      cut
        ? 'Sessions get less time to end before the pod is killed.'
        : 'Sessions get more time to end on rollout.',
    );
  }
  if (o.gracePeriodSeconds !== n.gracePeriodSeconds) {
    const cut = (n.gracePeriodSeconds ?? 30) < (o.gracePeriodSeconds ?? 30);
    add(
      cut ? 'high' : 'low',
      `terminationGracePeriodSeconds ${show(o.gracePeriodSeconds)} → ${show(n.gracePeriodSeconds)}`,
      cut
        ? 'The kubelet kills pods sooner, whatever is still draining.'
        : 'Pods may take longer to stop.',
    );
  }
  if (o.pdb !== n.pdb)
    add(
      n.pdb ? 'low' : 'medium',
      `PodDisruptionBudget ${show(o.pdb)} → ${show(n.pdb)}`,
      n.pdb
        ? 'Evictions are limited differently.'
        : 'Node drains may evict several pods, and their sessions, at once.',
    );
  return out;
}
