import { cdktfModule } from '../core/cdktf-lazy';
import { isUnknown } from '../core/unknown';
import { DrainingPolicy } from '../core/draining-policy';
import { RuleViolation } from '../core/errors';
import { checkDurationSeconds } from '../core/rules';

/** How a `DrainingPolicy` becomes Kubernetes settings for a pod that serves TCP on `port`. */
export interface PodDrainingSettings {
  /** `lifecycle.preStop.exec.command`. */
  readonly preStopCommand: string[];
  /** `terminationGracePeriodSeconds`: the drain wait plus the shutdown margin. */
  readonly terminationGracePeriodSeconds: number;
  /** Worst-case time for a rolling update of `replicas` pods, in seconds. */
  readonly rolloutSeconds: number;
}

/**
 * The `preStop` script: wait while the container has ESTABLISHED TCP connections on its
 * local `port` (read from /proc/net/tcp{,6}, so it needs only busybox sh and awk), or until
 * the timeout. The grace countdown starts before preStop runs, so the grace period must be
 * longer than this wait. A kubelet tcpSocket probe is open for milliseconds; at worst it
 * delays the exit by one poll.
 */
export function drainScript(port: number, timeoutSeconds: number, pollSeconds: number): string {
  // Token numbers must become `${var.x}` in the script, not their numeric encoding.
  const timeout = isUnknown(timeoutSeconds)
    ? cdktfModule().Token.asString(timeoutSeconds)
    : timeoutSeconds;
  const poll = isUnknown(pollSeconds) ? cdktfModule().Token.asString(pollSeconds) : pollSeconds;
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return [
    `end=$(( $(date +%s) + ${timeout} ))`,
    'while [ "$(date +%s)" -lt "$end" ]; do',
    `  n=$(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$2 ~ /:${hex}$/ && $4 == "01"' | wc -l)`,
    '  [ "$n" -eq 0 ] && exit 0',
    `  sleep ${poll}`,
    'done',
    'exit 0',
  ].join('\n');
}

/** What `drainScript` was rendered from, as `readDrainScript` reads it back. */
export interface DrainScriptSettings {
  /** The TCP port whose connections it waits for. */
  readonly port: number;
  /** The longest wait in seconds, or the Terraform expression that gives it (`${var.drain}`). */
  readonly timeoutSeconds: number | string;
}

/**
 * The inverse of `drainScript`: the settings a `preStop` command was rendered from, or
 * undefined when the command is not this library's drain (then only the grace period is known).
 * It takes the first line's timeout, the poll and the port apart where `drainScript` puts them,
 * renders the script again from them and accepts only an exact match.
 */
export function readDrainScript(command: unknown): DrainScriptSettings | undefined {
  if (!Array.isArray(command) || command.length !== 3) return undefined;
  if (command[0] !== '/bin/sh' || command[1] !== '-c' || typeof command[2] !== 'string')
    return undefined;
  const lines = command[2].split('\n');
  const head = 'end=$(( $(date +%s) + ';
  const tail = ' ))';
  if (lines.length !== 7 || !lines[0].startsWith(head) || !lines[0].endsWith(tail))
    return undefined;
  // Taken apart where drainScript puts them; rendering them again below checks every line.
  const timeout = lines[0].slice(head.length, lines[0].length - tail.length);
  const poll = Number(lines[4].slice('  sleep '.length));
  const portAt = lines[2].indexOf('/:');
  const port = parseInt(lines[2].slice(portAt + 2, lines[2].indexOf('$/', portAt)), 16);
  if (!Number.isInteger(poll) || !Number.isInteger(port)) return undefined;
  const seconds = Number(timeout);
  // An empty timeout reads as 0 here and then differs from the rendered first line.
  const known = Number.isInteger(seconds) && seconds >= 0;
  // An expression renders like any number in every line but the first.
  const again = drainScript(port, known ? seconds : 0, poll).split('\n');
  if (lines.some((l, i) => i > 0 && l !== again[i]) || (known && lines[0] !== again[0]))
    return undefined;
  return { port, timeoutSeconds: known ? seconds : timeout };
}

/**
 * The longest wait that stays exact in the rendered JSON. Kubernetes sets no upper bound:
 * `terminationGracePeriodSeconds` is an int64 checked only to be non-negative
 * (kubernetes/kubernetes pkg/apis/core/validation/validation.go, `ValidateNonnegativeField`),
 * and the preStop script sleeps for any number of seconds. Long drains warn (K4, rollout time).
 */
export const MAX_GRACE_SECONDS = Number.MAX_SAFE_INTEGER;

/** Rule K4 for the Kubernetes rendering of a draining policy. */
export function validatePodDraining(policy: DrainingPolicy): RuleViolation[] {
  const v: RuleViolation[] = [];
  v.push(
    ...checkDurationSeconds(
      'K4',
      'draining.timeout',
      policy.timeout,
      0,
      MAX_GRACE_SECONDS,
      'use whole seconds, e.g. Duration.minutes(30)',
    ),
  );
  v.push(
    ...checkDurationSeconds(
      'K4',
      'draining.pollInterval',
      policy.pollInterval,
      1,
      MAX_GRACE_SECONDS,
      'use whole seconds of at least 1, e.g. Duration.seconds(5)',
    ),
  );
  v.push(
    ...checkDurationSeconds(
      'K4',
      'draining.shutdownMargin',
      policy.shutdownMargin,
      1,
      MAX_GRACE_SECONDS,
      'use at least Duration.seconds(1) (default 15 s) so the grace period outlasts the drain wait',
    ),
  );
  return v;
}

/** Renders a validated policy. */
export function renderPodDraining(
  policy: DrainingPolicy,
  port: number,
  replicas: number,
): PodDrainingSettings {
  const timeout = policy.timeout.toSeconds();
  const margin = policy.shutdownMargin.toSeconds();
  const tokens = [timeout, margin, replicas].some((x) => isUnknown(x));
  const { Op, Token } = tokens ? cdktfModule() : ({} as ReturnType<typeof cdktfModule>);
  const grace = tokens ? Token.asNumber(Op.add(timeout, margin)) : timeout + margin;
  return {
    preStopCommand: ['/bin/sh', '-c', drainScript(port, timeout, policy.pollInterval.toSeconds())],
    terminationGracePeriodSeconds: grace,
    // Pods are replaced one at a time; each may take a full grace period plus a start-up.
    rolloutSeconds: tokens
      ? Token.asNumber(Op.mul(replicas, Op.add(grace, 120)))
      : Math.max(1, replicas) * (grace + 120),
  };
}
