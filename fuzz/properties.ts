/**
 * The three properties every public construct must have, over the generators in
 * `arbitraries.ts`:
 * 1. nothing but `ValidationError` is ever thrown;
 * 2. every configuration the library accepts satisfies the independent oracle;
 * 3. the same props give byte-identical Terraform JSON.
 */
import * as fc from 'fast-check';
import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  AffinityBackendService,
  AffinityBackendServiceProps,
  BackendProtocol,
  GuacdStatefulPool,
  GuacdStatefulPoolProps,
  HealthCheck,
  LoadBalancingScheme,
  ValidationError,
} from '../lib';
import { backendServiceProps, healthCheck, poolProps } from './arbitraries';
import { backendServiceOracle, poolOracle } from './oracle';

/** The outcome of synthesizing one configuration. */
export interface Outcome {
  readonly json?: string;
  readonly error?: unknown;
}

function synth(build: (stack: TerraformStack) => void): Outcome {
  const stack = new TerraformStack(Testing.app({ stackTraces: false }), 'fuzz');
  try {
    build(stack);
    return { json: Testing.synth(stack, true) };
  } catch (error) {
    return { error };
  }
}

export const synthService = (props: AffinityBackendServiceProps): Outcome =>
  synth((s) => {
    new GoogleProvider(s, 'google', { project: 'p' });
    new AffinityBackendService(s, 'svc', props);
  });

export const synthPool = (props: GuacdStatefulPoolProps): Outcome =>
  synth((s) => {
    new KubernetesProvider(s, 'kubernetes', {});
    new GuacdStatefulPool(s, 'guacd', props);
  });

/** A health check on the plainest service that accepts any health check. */
const hcService = (h: HealthCheck): AffinityBackendServiceProps => ({
  name: 'svc',
  loadBalancingScheme: LoadBalancingScheme.EXTERNAL_MANAGED,
  protocol: BackendProtocol.HTTPS,
  healthCheck: h,
});

/** Why an outcome breaks property 1 or 2, or undefined. */
function check<P>(props: P, o: Outcome, oracle: (p: P, json: any) => string[]): string | undefined {
  if (o.error !== undefined) {
    return ValidationError.isValidationError(o.error)
      ? undefined
      : `threw ${(o.error as Error)?.name}: ${(o.error as Error)?.message}`;
  }
  const problems = oracle(props, JSON.parse(o.json!));
  return problems.length ? `accepted but: ${problems.join('; ')}` : undefined;
}

/**
 * Runs `fn` with cheap stack traces. cdktf captures a full stack trace for every token it
 * creates; under jest each one is source-mapped, which is most of a synth's cost (31 ms
 * against 8 ms per guacd pool synth, measured). Only the fuzz runs use this.
 */
export function withCheapStackTraces<T>(fn: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

/** One target of the properties. */
export interface Target<P> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<P>;
  readonly synth: (props: P) => Outcome;
  readonly oracle: (props: P, json: any) => string[];
}

export const TARGETS = {
  AffinityBackendService: {
    name: 'AffinityBackendService',
    arbitrary: backendServiceProps,
    synth: synthService,
    oracle: backendServiceOracle,
  } as Target<AffinityBackendServiceProps>,
  HealthCheck: {
    name: 'HealthCheck',
    arbitrary: healthCheck.map(hcService),
    synth: synthService,
    oracle: backendServiceOracle,
  } as Target<AffinityBackendServiceProps>,
  GuacdStatefulPool: {
    name: 'GuacdStatefulPool',
    arbitrary: poolProps,
    synth: synthPool,
    oracle: poolOracle,
  } as Target<GuacdStatefulPoolProps>,
};

/** Counts of one property run. */
export interface RunStats {
  accepted: number;
  refused: number;
}

/**
 * Properties 1, 2 and 3 on each generated configuration: it is synthesized twice; neither
 * synth throws anything but a ValidationError, an accepted one satisfies the oracle, and the
 * two synths are byte-identical (same JSON, or both refused with the same message).
 */
export function constructProperties<P>(
  t: Target<P>,
  stats: RunStats = { accepted: 0, refused: 0 },
) {
  return fc.property(t.arbitrary, (props) => {
    const a = withCheapStackTraces(() => t.synth(props));
    if (a.error === undefined) stats.accepted++;
    else stats.refused++;
    const why = check(props, a, t.oracle);
    if (why) throw new Error(why);
    const b = withCheapStackTraces(() => t.synth(props));
    if (a.json !== b.json) throw new Error('two synths of the same props differ');
    if ((a.error as Error | undefined)?.message !== (b.error as Error | undefined)?.message) {
      throw new Error('two synths of the same props fail differently');
    }
  });
}
