/**
 * affinity-review on Guacamole's web tier: BackendConfig and GCPBackendPolicy changes rate like
 * their Compute Engine twins (they configure the backend service GKE manages), Deployment
 * template changes are rollouts with the tunnels' drain, routes are routing.
 */
import { TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {
  DrainingPolicy,
  Duration,
  GkeFrontend,
  GuacamoleWebTier,
  GuacamoleWebTierProps,
  GuacdStatefulPool,
  SessionAffinity,
} from '../lib';
import { Finding, runReview } from '../lib/review';
import { synthApp } from './helpers';

function synth(frontend: GkeFrontend, web: Partial<GuacamoleWebTierProps> = {}): string {
  return synthApp((app) => {
    const s = new TerraformStack(app, 'cluster');
    new KubernetesProvider(s, 'kubernetes', {});
    const guacd = new GuacdStatefulPool(s, 'guacd', { webPodSelector: { app: 'guacamole' } });
    new GuacamoleWebTier(s, 'web', {
      guacd,
      frontend,
      gatewayName: frontend === GkeFrontend.GATEWAY ? 'external-http' : undefined,
      host: 'remote.example.com',
      sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(8) }),
      draining: DrainingPolicy.of(Duration.minutes(30)),
      backendTimeout: Duration.hours(8),
      ...web,
    });
  }).outdir;
}

const bases = new Map<GkeFrontend, string>();
const base = (f: GkeFrontend) => {
  if (!bases.has(f)) bases.set(f, synth(f));
  return bases.get(f)!;
};

function review(frontend: GkeFrontend, web: Partial<GuacamoleWebTierProps>) {
  const r = runReview([synth(frontend, web), '--base', base(frontend), '--format', 'json']);
  expect(r.stderr).toBe('');
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
}
const find = (findings: Finding[], subject: RegExp, change: RegExp) =>
  findings.find((f) => subject.test(f.subject) && change.test(f.change));

describe.each([GkeFrontend.INGRESS, GkeFrontend.GATEWAY])(
  'affinity-review on the web tier (%s)',
  (frontend) => {
    const object = frontend === GkeFrontend.INGRESS ? 'BackendConfig' : 'GCPBackendPolicy';
    const subject = new RegExp(`${object} guacamole/guacamole-backend-(config|policy)`);

    test('an unchanged synth has no finding', () => {
      const r = runReview([synth(frontend), '--base', base(frontend), '--format', 'json']);
      expect(JSON.parse(r.stdout).findings).toEqual([]);
      expect(r.code).toBe(0);
    });

    test('cookie TTL cut: HIGH, like a backend service', () => {
      const { findings, code } = review(frontend, {
        sessionAffinity: SessionAffinity.generatedCookie({ ttl: Duration.hours(1) }),
      });
      const f = find(findings, subject, /affinity TTL 28800s? → 3600s?/);
      expect(f).toMatchObject({ risk: 'high' });
      expect(code).toBe(1);
    });

    test('affinity type change: HIGH', () => {
      const { findings } = review(frontend, { sessionAffinity: SessionAffinity.clientIp() });
      expect(find(findings, subject, /GENERATED_COOKIE → CLIENT_IP/)).toMatchObject({
        risk: 'high',
      });
    });

    test('draining cut: HIGH on the object, and a rollout of the web pods with the new drain', () => {
      const { findings } = review(frontend, { draining: DrainingPolicy.of(Duration.minutes(5)) });
      expect(find(findings, subject, /draining.* 1800 → 300/)).toMatchObject({ risk: 'high' });
      const rollout = find(
        findings,
        /Deployment guacamole\/guacamole/,
        /pod template changed: rollout/,
      );
      expect(rollout).toMatchObject({ risk: 'high' });
      expect(rollout!.consequence).toMatch(
        /up to 300s of draining \(grace 315s\).*The drain changes 1800s → 300s/,
      );
    });

    test('backend timeout cut: HIGH, tunnels are cut', () => {
      const { findings } = review(frontend, { backendTimeout: Duration.hours(2) });
      const f = find(findings, subject, /timeoutSec 28800 → 7200/);
      expect(f).toMatchObject({ risk: 'high' });
      expect(f!.consequence).toMatch(/WebSocket tunnels open longer than 7200s are cut/);
    });

    test('web image: a rollout of every web pod', () => {
      const { findings } = review(frontend, { image: 'guacamole/guacamole:1.6.1' });
      expect(find(findings, /Deployment guacamole\/guacamole/, /rollout.*image/)).toMatchObject({
        risk: 'high',
      });
    });

    test('fewer web pods: HIGH, their tunnels get the drain', () => {
      const { findings } = review(frontend, { replicas: 1 });
      expect(find(findings, /Deployment guacamole\/guacamole/, /replicas 2 → 1/)).toMatchObject({
        risk: 'high',
      });
    });

    test('another host: routing changes (HIGH)', () => {
      const { findings } = review(frontend, { host: 'desktop.example.com' });
      const f = findings.find((x) => /route changed|routing changed/.test(x.change));
      expect(f).toMatchObject({ risk: 'high' });
      expect(findings.filter((x) => /unrated/.test(x.change))).toEqual([]);
    });
  },
);
